//! The out-of-scope catalogue: what support does not cover, per product or category,
//! with a prepared answer in every customer language; marking a request out of scope records it
//! and sends the prepared answer through the mail outbox.

use super::*;
use podpora_core::Language;
use podpora_store::repo::plans::ScopeItemRow;

/// A prepared answer in Slovak, Czech, Polish and English.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    /// Slovak.
    pub sk: String,
    /// Czech.
    pub cs: String,
    /// Polish.
    pub pl: String,
    /// English.
    pub en: String,
}

impl Answers {
    fn get(&self, l: Language) -> &str {
        match l {
            Language::Sk => &self.sk,
            Language::Cs => &self.cs,
            Language::Pl => &self.pl,
            Language::En => &self.en,
        }
    }
}

/// A new out-of-scope item.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewScopeItem {
    /// Unique code, e.g. `template-restyling`.
    pub code: String,
    /// The product it applies to; absent for every product.
    #[serde(default)]
    pub product: Option<String>,
    /// The category it applies to; absent for every category.
    #[serde(default)]
    pub category: Option<String>,
    /// What is out of scope, for staff, e.g. "Restyling print and e-mail templates".
    pub title: String,
    /// The answer sent to the customer.
    pub answers: Answers,
}

/// An out-of-scope item.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScopeItem {
    /// Id.
    pub id: i64,
    /// Code.
    pub code: String,
    /// Product.
    pub product: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// Title.
    pub title: String,
    /// Prepared answers.
    pub answers: Answers,
}

fn to_item(r: ScopeItemRow) -> ScopeItem {
    ScopeItem {
        id: r.id,
        code: r.code,
        product: r.product,
        category: r.category,
        title: r.title,
        answers: Answers {
            sk: r.answer_sk,
            cs: r.answer_cs,
            pl: r.answer_pl,
            en: r.answer_en,
        },
    }
}

/// Adds an item to the out-of-scope catalogue; every language's answer is required.
pub async fn create_scope_item(db: &Db, actor: &Actor, s: NewScopeItem) -> Result<ScopeItem> {
    actor.require(Permission::ManageStaff)?;
    let mut v = ValidationError::new();
    let code = v.check("code", code_ok(&s.code));
    let title = v.check("title", text::required_line(&s.title, 200));
    let opt_line = |v: &mut ValidationError, f: &str, x: &Option<String>| match x
        .as_deref()
        .map(str::trim)
        .filter(|x| !x.is_empty())
    {
        Some(x) => v.check(f, text::required_line(x, 100)),
        None => None,
    };
    let product = opt_line(&mut v, "product", &s.product);
    let category = opt_line(&mut v, "category", &s.category);
    for l in Language::ALL {
        let a = s.answers.get(l);
        if a.trim().is_empty() {
            v.push(
                format!("answers.{l}"),
                "every customer language needs the prepared answer",
            );
        } else if let Err(e) = text::check_max_chars(a, text::DESCRIPTION_MAX_CHARS) {
            v.push(format!("answers.{l}"), e);
        }
    }
    v.into_result()?;
    let now = now_ms();
    let mut row = ScopeItemRow {
        id: 0,
        code: code.unwrap_or_default(),
        product,
        category,
        title: title.unwrap_or_default(),
        answer_sk: s.answers.sk,
        answer_cs: s.answers.cs,
        answer_pl: s.answers.pl,
        answer_en: s.answers.en,
        created_at: now,
    };
    let mut tx = db.begin().await?;
    row.id = repo::plans::insert_scope_item(&mut tx, &row)
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => AppError::field("code", "an item with this code exists"),
            e => e.into(),
        })?;
    audit::created(&mut tx, "scope_item", row.id, actor, now, row.code.clone()).await?;
    tx.commit().await?;
    Ok(to_item(row))
}

/// The out-of-scope catalogue.
pub async fn list_scope_items(db: &Db, actor: &Actor) -> Result<Vec<ScopeItem>> {
    actor.require(Permission::ReadTickets)?;
    let mut tx = db.read().await?;
    Ok(repo::plans::list_scope_items(&mut tx)
        .await?
        .into_iter()
        .map(to_item)
        .collect())
}

/// Marking a request out of scope.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutOfScope {
    /// The catalogue item that applies.
    pub scope_item_id: i64,
}

/// What marking out of scope did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScopeMark {
    /// The ticket.
    pub ticket_number: String,
    /// The item.
    pub scope_item_id: i64,
    /// The item's code.
    pub code: String,
    /// The customer's language the answer is in.
    pub language: Language,
    /// The prepared answer queued for the customer.
    pub answer: String,
    /// Where it goes.
    pub reply_to: Option<String>,
    /// The outbox message that sends it; none when the ticket has no reply address.
    pub outbox_id: Option<i64>,
}

/// Marks a ticket out of scope with one call: records it in the ticket's history and queues the
/// prepared answer in the customer's language (the requester's, else the organization's) in the
/// mail outbox.
pub async fn mark_out_of_scope(
    app: &crate::App,
    actor: &Actor,
    number: &str,
    m: OutOfScope,
) -> Result<ScopeMark> {
    actor.require(Permission::WriteTickets)?;
    if actor.is_customer() {
        return Err(AppError::Forbidden(
            "staff decide what is out of scope".into(),
        ));
    }
    let now = now_ms();
    let mut tx = app.db.begin().await?;
    let t = repo::tickets::get_by_number(&mut tx, number.trim())
        .await
        .not_found(|| format!("ticket {number}"))?;
    crate::tickets::ensure_visible_row(&mut tx, actor, &t).await?;
    let item = repo::plans::get_scope_item(&mut tx, m.scope_item_id)
        .await
        .missing_ref("scope_item_id", "scope-item", m.scope_item_id)?;
    // The requester's language, else the organization's; a missing contact or organization is
    // an error like any other read, not a reason to answer in English.
    let language = match (t.requester_id, t.organization_id) {
        (Some(c), _) => repo::customers::get_contact(&mut tx, c).await?.language,
        (None, Some(o)) => repo::customers::get_org(&mut tx, o).await?.language,
        (None, None) => Language::default(),
    };
    let answers = to_item(item.clone()).answers;
    let answer = answers.get(language).to_string();
    let outbox_id = match t.reply_to.as_deref() {
        Some(to) => Some(
            crate::outbox::queue_out_of_scope(app, &mut tx, &t, to, language, &answer, now).await?,
        ),
        None => None,
    };
    // The answer is part of the conversation: staff and the customer read it with the
    // request, in the portal too, not only in the mail that carries it.
    let (author_agent_id, author_name) = match actor {
        Actor::Agent(a) => (Some(a.id), a.name.clone()),
        _ => (None, "podpora".to_owned()),
    };
    repo::articles::insert(
        &mut tx,
        &podpora_store::rows::ArticleRow {
            id: 0,
            ticket_id: t.id,
            kind: podpora_core::ticket::ArticleKind::PublicReply,
            author_agent_id,
            author_contact_id: None,
            author_name,
            body_text: answer.clone(),
            body_html: None,
            message_id: None,
            created_at: now,
        },
    )
    .await?;
    repo::plans::insert_scope_mark(
        &mut tx,
        t.id,
        item.id,
        language.as_str(),
        outbox_id,
        &actor.audit_name(),
        now,
    )
    .await?;
    audit::changed(
        &mut tx,
        "ticket",
        t.id,
        actor,
        now,
        vec![("out_of_scope", None, Some(item.code.clone()))],
        Some(&item.title),
    )
    .await?;
    tx.commit().await?;
    app.outbox_wakeup.notify_one();
    Ok(ScopeMark {
        ticket_number: t.number,
        scope_item_id: item.id,
        code: item.code,
        language,
        answer,
        reply_to: t.reply_to,
        outbox_id,
    })
}
