//! Reading the knowledge base: searching, browsing and opening articles in the reader's
//! language (or the nearest one there is, said so), and "did this help?" (one answer per
//! reader). Anonymous visitors
//! read public articles; customers also those for customers and for their plans; staff all.

use super::{fallbacks, month, plain_text, reader, render_markdown, who};
use crate::{Actor, App, AppError, Result, now_ms, rfc3339};
use podpora_core::{
    Language,
    text::{
        query_terms,
        search::{SnippetPart, snippet},
        stem::query_stems,
    },
};
use podpora_store::{
    Tx,
    repo::{
        self,
        kb::{KbEventRow, KbReader, KbSearch, KbTranslationRow, KbVoteRow, VoteOutcome},
    },
};
use serde::{Deserialize, Serialize};

/// Longest query, in characters.
pub const QUERY_MAX_CHARS: usize = 200;
/// About how many characters of an article a hit shows.
const SNIPPET_CHARS: usize = 160;

/// What to look for in the knowledge base.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct KbQuery {
    /// Words; case, diacritics and word endings do not matter much ("tlaciarne" finds
    /// "Tlačiareň").
    #[serde(default)]
    pub q: String,
    /// The reader's language (`sk`, `cs`, `pl`, `en`): its texts come first.
    #[serde(default)]
    pub lang: Option<Language>,
    /// Only this category.
    #[serde(default)]
    pub category: Option<String>,
}

/// A found or listed article.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KbHit {
    /// The article.
    pub article_id: i64,
    /// The language of the text shown.
    pub language: Language,
    /// Whether that is not the reader's language (no text in it).
    pub fallback: bool,
    /// Title.
    pub title: String,
    /// Category.
    pub category: Option<String>,
    /// The start of the text, or the part that matched, matched words marked.
    pub snippet: Vec<SnippetPart>,
    /// Last change (RFC 3339).
    pub updated_at: String,
}

/// An article as a reader sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReaderArticle {
    /// The article.
    pub id: i64,
    /// The language shown.
    pub language: Language,
    /// The language asked for.
    pub requested: Language,
    /// Whether the text is in another language than asked for (none in it yet).
    pub fallback: bool,
    /// Title.
    pub title: String,
    /// Body, Markdown as written (for inserting into a reply).
    pub body: String,
    /// Body as plain text (for inserting into a plain-text reply).
    pub body_text: String,
    /// Body rendered and sanitised.
    pub body_html: String,
    /// Category.
    pub category: Option<String>,
    /// Last change (RFC 3339).
    pub updated_at: String,
    /// Languages it can be read in.
    pub languages: Vec<Language>,
}

/// Whether a category named by a caller can be looked up: control characters (NUL above all)
/// cannot be compared as text on PostgreSQL, and no category holds them.
fn category_ok(category: Option<&str>) -> bool {
    category.is_none_or(|c| !c.chars().any(char::is_control))
}

fn check_query(q: &str) -> Result<&str> {
    let q = q.trim();
    let n = q.chars().count();
    if n > QUERY_MAX_CHARS {
        return Err(AppError::field(
            "q",
            format!(
                "is {n} characters long; the limit is {QUERY_MAX_CHARS}: search for fewer words"
            ),
        ));
    }
    Ok(q)
}

fn hit(lang: Language, terms: &[String], r: podpora_store::repo::kb::KbHitRow) -> Option<KbHit> {
    let language: Language = r.language.parse().ok()?;
    Some(KbHit {
        article_id: r.article_id,
        fallback: language != lang,
        language,
        snippet: snippet(&plain_text(&r.body), terms, SNIPPET_CHARS),
        title: r.title,
        category: r.category,
        updated_at: rfc3339(r.updated_at),
    })
}

/// Finds articles by words, best first; a search by a customer or a visitor is counted (and
/// one that found nothing is kept with its words for the report).
pub async fn search(
    app: &App,
    actor: Option<&Actor>,
    q: &KbQuery,
    limit: i64,
) -> Result<Vec<KbHit>> {
    let text = check_query(&q.q)?;
    if !category_ok(q.category.as_deref()) {
        return Err(AppError::field(
            "category",
            "must not contain control characters",
        ));
    }
    let lang = q.lang.unwrap_or(Language::Sk);
    let now = now_ms();
    let hits = find(app, actor, text, lang, q.category.as_deref(), limit, now).await?;
    if !super::is_staff(actor) && !text.is_empty() {
        let (contact_id, organization_id) = who(actor);
        let mut tx = app.db.begin().await?;
        repo::kb::record_event(
            &mut tx,
            &KbEventRow {
                kind: if hits.is_empty() {
                    "search_empty"
                } else {
                    "search"
                },
                article_id: None,
                language: lang.as_str().into(),
                month: month(now),
                contact_id,
                organization_id,
                // Control characters (NUL above all) cannot be stored as text on PostgreSQL.
                query: Some(text.chars().filter(|c| !c.is_control()).collect()),
                at: now,
            },
        )
        .await?;
        tx.commit().await?;
    }
    Ok(hits)
}

/// The search itself, without counting it.
pub(super) async fn find(
    app: &App,
    actor: Option<&Actor>,
    text: &str,
    lang: Language,
    category: Option<&str>,
    limit: i64,
    now: i64,
) -> Result<Vec<KbHit>> {
    let stems = query_stems(text);
    if stems.is_empty() {
        return Ok(Vec::new());
    }
    let terms = query_terms(text);
    let rd = reader(actor, false, now);
    let mut tx = app.db.read().await?;
    let rows = repo::kb::search(
        &mut tx,
        &KbSearch {
            stems: &stems,
            reader: &rd,
            language: lang.as_str(),
            category,
            now,
            limit: limit.clamp(1, 50),
        },
    )
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| hit(lang, &terms, r))
        .collect())
}

/// Articles the reader may read, most recently changed first, each in the reader's language
/// or the nearest one.
pub async fn browse(
    app: &App,
    actor: Option<&Actor>,
    lang: Language,
    category: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<Vec<KbHit>> {
    if !category_ok(category) {
        return Ok(Vec::new());
    }
    let rd = reader(actor, false, now_ms());
    let mut tx = app.db.read().await?;
    let ids = repo::kb::browse(&mut tx, &rd, category, limit.clamp(1, 200), offset.max(0)).await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let a = repo::kb::get_article(&mut tx, id).await?;
        if let Some(t) = best_text(&mut tx, id, lang).await? {
            out.push(KbHit {
                article_id: id,
                language: t.language.parse().unwrap_or(lang),
                fallback: t.language != lang.as_str(),
                snippet: snippet(&plain_text(&t.body), &[], SNIPPET_CHARS),
                title: t.title,
                category: a.category,
                updated_at: rfc3339(t.updated_at),
            });
        }
    }
    Ok(out)
}

/// The published text of an article in the reader's language or the nearest one.
async fn best_text(tx: &mut Tx<'_>, id: i64, lang: Language) -> Result<Option<KbTranslationRow>> {
    let mut ts: Vec<KbTranslationRow> = repo::kb::translations(tx, id)
        .await?
        .into_iter()
        .filter(|t| t.published)
        .collect();
    let order = fallbacks(lang);
    ts.sort_by_key(|t| {
        order
            .iter()
            .position(|l| l.as_str() == t.language)
            .unwrap_or(order.len())
    });
    Ok(ts.into_iter().next())
}

/// Whether the reader may read article `id`; a refusal reads like "not found", so nobody learns
/// which articles for others exist.
async fn ensure_readable(tx: &mut Tx<'_>, who: &KbReader, id: i64) -> Result<()> {
    if repo::kb::readable(tx, id, who).await? {
        Ok(())
    } else {
        Err(AppError::NotFound(format!("article {id}")))
    }
}

/// Opens an article for reading in `lang` (or the nearest published language); counts the view
/// when `count` (a page shown, not an agent looking it up for a reply).
pub async fn read(
    app: &App,
    actor: Option<&Actor>,
    id: i64,
    lang: Language,
    count: bool,
) -> Result<ReaderArticle> {
    let now = now_ms();
    let rd = reader(actor, false, now);
    let mut tx = app.db.read().await?;
    ensure_readable(&mut tx, &rd, id).await?;
    let a = repo::kb::get_article(&mut tx, id).await?;
    let languages: Vec<Language> = repo::kb::translations(&mut tx, id)
        .await?
        .iter()
        .filter(|t| t.published)
        .filter_map(|t| t.language.parse().ok())
        .collect();
    let t = best_text(&mut tx, id, lang)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("article {id}")))?;
    drop(tx);
    let shown: Language = t.language.parse().unwrap_or(lang);
    if count && !super::is_staff(actor) {
        let (contact_id, organization_id) = who(actor);
        let mut tx = app.db.begin().await?;
        repo::kb::count_view(&mut tx, t.id).await?;
        repo::kb::record_event(
            &mut tx,
            &KbEventRow {
                kind: "view",
                article_id: Some(id),
                language: shown.as_str().into(),
                month: month(now),
                contact_id,
                organization_id,
                query: None,
                at: now,
            },
        )
        .await?;
        tx.commit().await?;
    }
    Ok(ReaderArticle {
        id,
        language: shown,
        requested: lang,
        fallback: shown != lang,
        body_html: render_markdown(&t.body),
        body_text: plain_text(&t.body),
        title: t.title,
        body: t.body,
        category: a.category,
        updated_at: rfc3339(t.updated_at),
        languages,
    })
}

/// Who answers "did this help?": a signed-in contact by their id, an organization account by
/// its session, a key or an agent by what the audit log calls them, and an anonymous reader by
/// `anonymous`, a key the page keeps in the browser (stored only as its hash). None when an
/// anonymous reader brings no key.
pub fn voter(actor: Option<&Actor>, anonymous: Option<&str>) -> Option<String> {
    use sha2::{Digest, Sha256};
    match actor {
        Some(Actor::Customer(c)) if c.contact_id.is_none() => {
            Some(format!("session:{}", c.session_id))
        }
        Some(a) => Some(a.audit_name()),
        None => anonymous
            .map(str::trim)
            .filter(|k| (16..=200).contains(&k.len()))
            .map(|k| format!("anon:{}", &hex::encode(Sha256::digest(k.as_bytes()))[..32])),
    }
}

/// Keeps a reader's answer to "did this help?" about the text of `lang` they were shown: one
/// answer per reader and article, so answering again changes the answer instead of adding
/// one. `anonymous` identifies a reader who is not signed in (see [`voter`]).
pub async fn vote(
    app: &App,
    actor: Option<&Actor>,
    anonymous: Option<&str>,
    id: i64,
    lang: Language,
    helpful: bool,
) -> Result<VoteOutcome> {
    let Some(voter) = voter(actor, anonymous) else {
        return Err(AppError::field(
            "voter",
            "an answer without signing in needs the page's cookie: allow cookies, or sign in",
        ));
    };
    let now = now_ms();
    let rd = reader(actor, false, now);
    let mut tx = app.db.begin().await?;
    ensure_readable(&mut tx, &rd, id).await?;
    let t = best_text(&mut tx, id, lang)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("article {id}")))?;
    let (contact_id, organization_id) = who(actor);
    let outcome = repo::kb::cast_vote(
        &mut tx,
        &KbVoteRow {
            article_id: id,
            voter,
            translation_id: t.id,
            language: t.language.clone(),
            helpful,
            month: month(now),
            contact_id,
            organization_id,
            at: now,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

/// The categories of the articles the reader may read, with how many each.
pub async fn categories(app: &App, actor: Option<&Actor>) -> Result<Vec<(String, i64)>> {
    let rd = reader(actor, false, now_ms());
    let mut tx = app.db.read().await?;
    Ok(repo::kb::categories(&mut tx, &rd).await?)
}
