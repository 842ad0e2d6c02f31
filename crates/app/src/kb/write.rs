//! Editing the knowledge base (staff): articles, their texts per language as drafts or
//! published, every saved text kept as a version, and back to an earlier one.

use super::{Visibility, render_markdown, require_staff};
use crate::error::NotFoundAs;
use crate::{Actor, App, AppError, Page, Result, dto::Paged, now_ms, rfc3339};
use podpora_core::{Language, ValidationError, auth::Permission, text};
use podpora_store::{
    Tx,
    repo::{self, kb::KbArticleRow},
};
use serde::{Deserialize, Serialize};

/// Longest title, in characters.
pub const TITLE_MAX_CHARS: usize = 200;
/// Longest body, in characters.
pub const BODY_MAX_CHARS: usize = 100_000;
/// Longest category or product name, in characters.
const NAME_MAX_CHARS: usize = 100;

/// A text of an article in one language.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextInput {
    /// The language: `sk`, `cs`, `pl` or `en`.
    #[schema(example = "sk")]
    pub language: Language,
    /// Title, one line.
    pub title: String,
    /// Body in Markdown; links to videos are plain links.
    pub body: String,
    /// Publish it now (default: keep as it is; a new text starts as a draft).
    #[serde(default)]
    pub publish: Option<bool>,
}

/// A new article.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleInput {
    /// A category, e.g. `printers`.
    #[serde(default)]
    pub category: Option<String>,
    /// The product or asset kind the article is about (as assets' `kind`); none for any.
    #[serde(default)]
    pub applies_to: Option<String>,
    /// Who may read it.
    pub visibility: Visibility,
    /// For `plans`: the plans whose customers may read it.
    #[serde(default)]
    pub plan_ids: Vec<i64>,
    /// Its texts, one per language.
    #[serde(default)]
    pub translations: Vec<TextInput>,
}

/// What an article is about and who may read it.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// A category.
    #[serde(default)]
    pub category: Option<String>,
    /// The product or asset kind it is about.
    #[serde(default)]
    pub applies_to: Option<String>,
    /// Who may read it.
    pub visibility: Visibility,
    /// For `plans`: the plans whose customers may read it.
    #[serde(default)]
    pub plan_ids: Vec<i64>,
}

/// One language of an article, for editors.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TranslationView {
    /// The language.
    pub language: Language,
    /// Title.
    pub title: String,
    /// Body, Markdown.
    pub body: String,
    /// Body rendered and sanitised.
    pub body_html: String,
    /// Whether readers see it.
    pub published: bool,
    /// The current version's number.
    pub version: i64,
    /// Last change (RFC 3339).
    pub updated_at: String,
    /// Times read.
    pub views: i64,
    /// "It helped" answers.
    pub helpful: i64,
    /// "It did not help" answers.
    pub unhelpful: i64,
}

/// An article with all its languages, for editors.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ArticleView {
    /// Id.
    pub id: i64,
    /// Category.
    pub category: Option<String>,
    /// Product or asset kind.
    pub applies_to: Option<String>,
    /// Who may read it.
    pub visibility: Visibility,
    /// For `plans`: the plans.
    pub plan_ids: Vec<i64>,
    /// Its texts.
    pub translations: Vec<TranslationView>,
    /// Languages without a text yet ("missing translation").
    pub missing: Vec<Language>,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// An article in a list, for editors.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ArticleSummary {
    /// Id.
    pub id: i64,
    /// Title in the first language it has.
    pub title: String,
    /// Category.
    pub category: Option<String>,
    /// Who may read it.
    pub visibility: Visibility,
    /// Languages published.
    pub published: Vec<Language>,
    /// Languages without a text.
    pub missing: Vec<Language>,
}

/// One saved text of a language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VersionView {
    /// Its number, from 1.
    pub version: i64,
    /// Title.
    pub title: String,
    /// Body, Markdown.
    pub body: String,
    /// The agent who saved it.
    pub changed_by: Option<i64>,
    /// When (RFC 3339).
    pub changed_at: String,
    /// What was done: created, edited, restored from version N, from a reply.
    pub note: String,
}

fn agent_id(actor: &Actor) -> Option<i64> {
    match actor {
        Actor::Agent(a) => Some(a.id),
        _ => None,
    }
}

fn check_name(v: &mut ValidationError, field: &str, s: &Option<String>) -> Option<String> {
    let s = s.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
    v.check(field, text::required_line(s, NAME_MAX_CHARS))
}

fn check_text(v: &mut ValidationError, field: &str, t: &TextInput) -> Option<(String, String)> {
    let title = v.check(
        &format!("{field}.title"),
        text::required_line(&t.title, TITLE_MAX_CHARS),
    );
    if t.body.trim().is_empty() {
        v.push(
            format!("{field}.body"),
            "must not be empty: write the article",
        );
    } else if let Err(e) = text::check_max_chars(&t.body, BODY_MAX_CHARS) {
        v.push(format!("{field}.body"), e);
    } else if t.body.contains('\0') {
        v.push(format!("{field}.body"), "must not contain NUL characters");
    }
    Some((title?, t.body.clone()))
}

async fn check_plans(tx: &mut Tx<'_>, v: &mut ValidationError, m: &ArticleMeta) -> Result<()> {
    if m.visibility == Visibility::Plans && m.plan_ids.is_empty() {
        v.push(
            "plan_ids",
            "an article for plans needs at least one plan; list them with GET /api/v1/plans",
        );
    }
    if m.plan_ids.len() > 50 {
        v.push("plan_ids", "name at most 50 plans");
        return Ok(());
    }
    for (i, id) in m.plan_ids.iter().enumerate() {
        match repo::plans::get_plan(tx, *id).await {
            Ok(_) => {}
            Err(podpora_store::StoreError::NotFound) => v.push(
                format!("plan_ids[{i}]"),
                format!("there is no plan with id {id}; list them with GET /api/v1/plans"),
            ),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

fn meta_row(
    id: i64,
    v: &mut ValidationError,
    m: &ArticleMeta,
    actor: &Actor,
    now: i64,
) -> KbArticleRow {
    KbArticleRow {
        id,
        category: check_name(v, "category", &m.category),
        applies_to: check_name(v, "applies_to", &m.applies_to),
        visibility: m.visibility.as_str().into(),
        created_by: agent_id(actor),
        created_at: now,
        updated_at: now,
    }
}

/// Creates an article with its texts (drafts unless `publish`).
pub async fn create(app: &App, actor: &Actor, input: ArticleInput) -> Result<ArticleView> {
    require_staff(actor, Permission::WriteTickets)?;
    let now = now_ms();
    let meta = ArticleMeta {
        category: input.category.clone(),
        applies_to: input.applies_to.clone(),
        visibility: input.visibility,
        plan_ids: input.plan_ids.clone(),
    };
    let mut v = ValidationError::new();
    let row = meta_row(0, &mut v, &meta, actor, now);
    let mut texts = Vec::new();
    for (i, t) in input.translations.iter().enumerate() {
        if input.translations[..i]
            .iter()
            .any(|o| o.language == t.language)
        {
            v.push(
                format!("translations[{i}].language"),
                format!("{} is given twice: one text per language", t.language),
            );
        }
        if let Some(checked) = check_text(&mut v, &format!("translations[{i}]"), t) {
            texts.push((t.language, checked, t.publish.unwrap_or(false)));
        }
    }
    let mut tx = app.db.begin().await?;
    check_plans(&mut tx, &mut v, &meta).await?;
    v.into_result()?;
    let id = repo::kb::insert_article(&mut tx, &row).await?;
    repo::kb::set_plans(&mut tx, id, &meta.plan_ids).await?;
    for (lang, (title, body), publish) in texts {
        let (tid, _) = repo::kb::save_text(
            &mut tx,
            id,
            lang.as_str(),
            &title,
            &body,
            agent_id(actor),
            "created",
            now,
        )
        .await?;
        if publish {
            repo::kb::set_published(&mut tx, tid, true, now).await?;
        }
    }
    let view = load(&mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}

/// Changes what an article is about and who may read it.
pub async fn update(app: &App, actor: &Actor, id: i64, meta: ArticleMeta) -> Result<ArticleView> {
    require_staff(actor, Permission::WriteTickets)?;
    let now = now_ms();
    let mut v = ValidationError::new();
    let row = meta_row(id, &mut v, &meta, actor, now);
    let mut tx = app.db.begin().await?;
    repo::kb::get_article(&mut tx, id)
        .await
        .not_found(|| format!("article {id}"))?;
    check_plans(&mut tx, &mut v, &meta).await?;
    v.into_result()?;
    repo::kb::update_article(&mut tx, &row).await?;
    repo::kb::set_plans(&mut tx, id, &meta.plan_ids).await?;
    let view = load(&mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}

/// Saves a new text of one language (a new version); the first text of a language is a draft
/// unless `publish`.
pub async fn save_text(
    app: &App,
    actor: &Actor,
    id: i64,
    lang: Language,
    input: TextInput,
) -> Result<ArticleView> {
    require_staff(actor, Permission::WriteTickets)?;
    let now = now_ms();
    let mut v = ValidationError::new();
    if input.language != lang {
        v.push(
            "language",
            format!("must be {lang}, the language in the address"),
        );
    }
    let checked = check_text(&mut v, "text", &input);
    v.into_result()?;
    let Some((title, body)) = checked else {
        return Err(AppError::field("text", "is invalid"));
    };
    let mut tx = app.db.begin().await?;
    repo::kb::get_article(&mut tx, id)
        .await
        .not_found(|| format!("article {id}"))?;
    let (tid, _) = repo::kb::save_text(
        &mut tx,
        id,
        lang.as_str(),
        &title,
        &body,
        agent_id(actor),
        "edited",
        now,
    )
    .await?;
    if let Some(p) = input.publish {
        repo::kb::set_published(&mut tx, tid, p, now).await?;
    }
    let view = load(&mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}

async fn translation_id(tx: &mut Tx<'_>, id: i64, lang: Language) -> Result<i64> {
    repo::kb::get_article(tx, id)
        .await
        .not_found(|| format!("article {id}"))?;
    repo::kb::translations(tx, id)
        .await?
        .into_iter()
        .find(|t| t.language == lang.as_str())
        .map(|t| t.id)
        .ok_or_else(|| AppError::NotFound(format!("the {lang} text of article {id}")))
}

/// Publishes a language of an article, or withdraws it to a draft.
pub async fn publish(
    app: &App,
    actor: &Actor,
    id: i64,
    lang: Language,
    published: bool,
) -> Result<ArticleView> {
    require_staff(actor, Permission::WriteTickets)?;
    let mut tx = app.db.begin().await?;
    let tid = translation_id(&mut tx, id, lang).await?;
    repo::kb::set_published(&mut tx, tid, published, now_ms()).await?;
    let view = load(&mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}

/// The versions of one language, newest first.
pub async fn versions(
    app: &App,
    actor: &Actor,
    id: i64,
    lang: Language,
) -> Result<Vec<VersionView>> {
    require_staff(actor, Permission::ReadTickets)?;
    let mut tx = app.db.read().await?;
    let tid = translation_id(&mut tx, id, lang).await?;
    Ok(repo::kb::versions(&mut tx, tid)
        .await?
        .into_iter()
        .map(|v| VersionView {
            version: v.version,
            title: v.title,
            body: v.body,
            changed_by: v.changed_by,
            changed_at: rfc3339(v.changed_at),
            note: v.note,
        })
        .collect())
}

/// Makes an earlier version the current text again (saved as the newest version).
pub async fn restore(
    app: &App,
    actor: &Actor,
    id: i64,
    lang: Language,
    version: i64,
) -> Result<ArticleView> {
    require_staff(actor, Permission::WriteTickets)?;
    let mut tx = app.db.begin().await?;
    let tid = translation_id(&mut tx, id, lang).await?;
    let old = repo::kb::versions(&mut tx, tid)
        .await?
        .into_iter()
        .find(|v| v.version == version)
        .ok_or_else(|| {
            AppError::NotFound(format!(
                "version {version} of the {lang} text of article {id}"
            ))
        })?;
    repo::kb::save_text(
        &mut tx,
        id,
        lang.as_str(),
        &old.title,
        &old.body,
        agent_id(actor),
        &format!("restored version {version}"),
        now_ms(),
    )
    .await?;
    let view = load(&mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}

/// Turns a reply (or any message of a ticket the agent may see) into a draft article in the
/// ticket's language, titled by the ticket's subject, visible to staff until reviewed.
pub async fn from_reply(app: &App, actor: &Actor, ticket_article_id: i64) -> Result<ArticleView> {
    require_staff(actor, Permission::WriteTickets)?;
    let now = now_ms();
    let mut tx = app.db.begin().await?;
    let (ticket_id, kind) = repo::articles::ticket_and_kind(&mut tx, ticket_article_id)
        .await
        .not_found(|| format!("message {ticket_article_id}"))?;
    let ticket = repo::tickets::get_by_id(&mut tx, ticket_id).await?;
    crate::tickets::ensure_article_visible(&mut tx, actor, &ticket, &kind).await?;
    let body = repo::articles::list(&mut tx, ticket_id, false)
        .await?
        .into_iter()
        .find(|a| a.id == ticket_article_id)
        .map(|a| a.body_text)
        .ok_or_else(|| AppError::NotFound(format!("message {ticket_article_id}")))?;
    let lang = match ticket.requester_id {
        Some(c) => repo::customers::get_contact(&mut tx, c).await?.language,
        None => Language::Sk,
    };
    let title: String = ticket.subject.chars().take(TITLE_MAX_CHARS).collect();
    let body = if body.trim().is_empty() {
        title.clone()
    } else {
        body
    };
    let id = repo::kb::insert_article(
        &mut tx,
        &KbArticleRow {
            id: 0,
            category: None,
            applies_to: None,
            visibility: Visibility::Staff.as_str().into(),
            created_by: agent_id(actor),
            created_at: now,
            updated_at: now,
        },
    )
    .await?;
    repo::kb::save_text(
        &mut tx,
        id,
        lang.as_str(),
        &title,
        &body,
        agent_id(actor),
        &format!("from a reply in ticket {}", ticket.number),
        now,
    )
    .await?;
    let view = load(&mut tx, id).await?;
    tx.commit().await?;
    Ok(view)
}

/// A plan an article can be for.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanChoice {
    /// The plan's id.
    pub id: i64,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
}

/// The catalogue's plans an article can be for (staff), highest rank first.
pub async fn plan_choices(app: &App, actor: &Actor) -> Result<Vec<PlanChoice>> {
    require_staff(actor, Permission::ReadTickets)?;
    let mut tx = app.db.read().await?;
    Ok(repo::plans::list_plans(&mut tx)
        .await?
        .into_iter()
        .map(|p| PlanChoice {
            id: p.id,
            code: p.code,
            name: p.name,
        })
        .collect())
}

/// One article with all its languages.
pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<ArticleView> {
    require_staff(actor, Permission::ReadTickets)?;
    let mut tx = app.db.read().await?;
    load(&mut tx, id).await
}

/// Articles, most recently changed first.
pub async fn list(app: &App, actor: &Actor, page: Page) -> Result<Paged<ArticleSummary>> {
    require_staff(actor, Permission::ReadTickets)?;
    let (limit, offset) = page.limit_offset();
    let mut tx = app.db.read().await?;
    let rows = repo::kb::list_articles(&mut tx, limit, offset).await?;
    let total = repo::kb::count_articles(&mut tx).await?;
    let mut items = Vec::with_capacity(rows.len());
    for a in rows {
        let ts = repo::kb::translations(&mut tx, a.id).await?;
        let langs: Vec<Language> = ts.iter().filter_map(|t| t.language.parse().ok()).collect();
        items.push(ArticleSummary {
            id: a.id,
            title: ts.first().map(|t| t.title.clone()).unwrap_or_default(),
            category: a.category,
            visibility: Visibility::from_stored(&a.visibility),
            published: ts
                .iter()
                .filter(|t| t.published)
                .filter_map(|t| t.language.parse().ok())
                .collect(),
            missing: Language::ALL
                .into_iter()
                .filter(|l| !langs.contains(l))
                .collect(),
        });
    }
    let (page, per_page) = page.resolved();
    Ok(Paged {
        items,
        page,
        per_page,
        total,
    })
}

async fn load(tx: &mut Tx<'_>, id: i64) -> Result<ArticleView> {
    let a = repo::kb::get_article(tx, id)
        .await
        .not_found(|| format!("article {id}"))?;
    let plan_ids = repo::kb::plans_of(tx, id).await?;
    let translations: Vec<TranslationView> = repo::kb::translations(tx, id)
        .await?
        .into_iter()
        .filter_map(|t| {
            Some(TranslationView {
                language: t.language.parse().ok()?,
                body_html: render_markdown(&t.body),
                title: t.title,
                body: t.body,
                published: t.published,
                version: t.version,
                updated_at: rfc3339(t.updated_at),
                views: t.views,
                helpful: t.helpful,
                unhelpful: t.unhelpful,
            })
        })
        .collect();
    Ok(ArticleView {
        id,
        category: a.category,
        applies_to: a.applies_to,
        visibility: Visibility::from_stored(&a.visibility),
        plan_ids,
        missing: Language::ALL
            .into_iter()
            .filter(|l| !translations.iter().any(|t| t.language == *l))
            .collect(),
        translations,
        updated_at: rfc3339(a.updated_at),
    })
}
