//! Prepared answers (canned responses): texts agents insert into a reply, one per name and
//! customer language, with placeholders filled from the ticket ([`placeholders::PLACEHOLDERS`]).
//! Dispatchers and administrators manage them; every agent reads them; customers never do.

pub mod placeholders;

use crate::error::NotFoundAs;
use crate::{Actor, App, AppError, Result, audit, now_ms, rfc3339};
use placeholders::Values;
use podpora_core::{Language, ValidationError, auth::Permission, text};
use podpora_store::{Db, StoreError, Tx, repo, repo::answers::AnswerRow, rows::TicketRow};
use serde::{Deserialize, Serialize};

/// Longest name, in characters.
const NAME_MAX_CHARS: usize = 100;

/// A prepared answer as stored, placeholders unfilled.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PreparedAnswer {
    /// Id.
    pub id: i64,
    /// The name agents pick it by; its translations share it.
    pub name: String,
    /// The customer language it is written in.
    pub language: Language,
    /// The text, with placeholders such as `{contact_name}`.
    pub body: String,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last changed (RFC 3339).
    pub updated_at: String,
}

/// A prepared answer to create, or the new values of one.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAnswer {
    /// The name (one line, at most 100 characters); unique per language.
    pub name: String,
    /// `sk`, `cs`, `pl` or `en`.
    pub language: String,
    /// The text (at most 8,000 characters). Placeholders: `{contact_name}`,
    /// `{organization_name}`, `{ticket_number}`, `{ticket_subject}`, `{agent_name}`.
    pub body: String,
}

/// Which answers to list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnswerQuery {
    /// Only this language (`sk`, `cs`, `pl`, `en`).
    pub language: Option<String>,
}

/// A prepared answer filled in for one ticket.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FilledAnswer {
    /// The answer's id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The text with the ticket's values in place of the placeholders.
    pub text: String,
}

/// The prepared answers for replying on a ticket.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TicketAnswers {
    /// The customer's language (the requester's, else the organization's).
    pub language: Language,
    /// The answers in that language, filled in, by name.
    pub answers: Vec<FilledAnswer>,
}

fn to_answer(r: AnswerRow) -> PreparedAnswer {
    PreparedAnswer {
        id: r.id,
        name: r.name,
        language: r.language.parse().unwrap_or_default(),
        body: r.body,
        created_at: rfc3339(r.created_at),
        updated_at: rfc3339(r.updated_at),
    }
}

/// Staff only: a customer's key or portal account never reads or changes prepared answers.
fn require_staff(actor: &Actor, p: Permission) -> Result<()> {
    if actor.is_customer() {
        return Err(AppError::Forbidden("prepared answers are for staff".into()));
    }
    actor.require(p)
}

/// Managing answers is for dispatchers and administrators, the roles that change customers.
fn require_manager(actor: &Actor) -> Result<()> {
    require_staff(actor, Permission::WriteCustomers)
}

/// The checked name, language and text, or every problem at once.
fn checked(a: &NewAnswer) -> Result<(String, Language, String)> {
    let mut v = ValidationError::new();
    let name = v.check("name", text::required_line(&a.name, NAME_MAX_CHARS));
    let language = v.check("language", a.language.parse::<Language>());
    if a.body.trim().is_empty() {
        v.push("body", "must not be empty");
    } else if let Err(e) = text::check_max_chars(&a.body, text::DESCRIPTION_MAX_CHARS) {
        v.push("body", e);
    } else if let Err(e) = placeholders::check(&a.body) {
        v.push("body", e);
    }
    v.into_result()?;
    Ok((
        name.unwrap_or_default(),
        language.unwrap_or_default(),
        a.body.trim_end().to_string(),
    ))
}

fn taken(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(_) => AppError::field(
            "name",
            "an answer with this name exists in this language; change that one or pick another name",
        ),
        e => e.into(),
    }
}

/// Every prepared answer, or those of one language, by name.
pub async fn list_answers(db: &Db, actor: &Actor, q: AnswerQuery) -> Result<Vec<PreparedAnswer>> {
    require_staff(actor, Permission::ReadTickets)?;
    let language = match q
        .language
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        Some(l) => Some(
            l.parse::<Language>()
                .map_err(|e| AppError::field("language", e))?,
        ),
        None => None,
    };
    let mut tx = db.read().await?;
    Ok(repo::answers::list(&mut tx, language.map(Language::as_str))
        .await?
        .into_iter()
        .map(to_answer)
        .collect())
}

/// One prepared answer.
pub async fn get_answer(db: &Db, actor: &Actor, id: i64) -> Result<PreparedAnswer> {
    require_staff(actor, Permission::ReadTickets)?;
    let mut tx = db.read().await?;
    Ok(to_answer(
        repo::answers::get(&mut tx, id)
            .await
            .not_found(|| format!("prepared answer {id}"))?,
    ))
}

/// Adds a prepared answer; an unknown placeholder is refused with the list of known ones.
pub async fn create_answer(db: &Db, actor: &Actor, a: NewAnswer) -> Result<PreparedAnswer> {
    require_manager(actor)?;
    let (name, language, body) = checked(&a)?;
    let now = now_ms();
    let mut row = AnswerRow {
        id: 0,
        name,
        language: language.as_str().into(),
        body,
        created_at: now,
        updated_at: now,
    };
    let mut tx = db.begin().await?;
    row.id = repo::answers::insert(&mut tx, &row).await.map_err(taken)?;
    let summary = format!("{} ({})", row.name, row.language);
    audit::created(&mut tx, "prepared_answer", row.id, actor, now, summary).await?;
    tx.commit().await?;
    Ok(to_answer(row))
}

/// Changes a prepared answer's name, language or text, recording what changed.
pub async fn update_answer(
    db: &Db,
    actor: &Actor,
    id: i64,
    a: NewAnswer,
) -> Result<PreparedAnswer> {
    require_manager(actor)?;
    let (name, language, body) = checked(&a)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let old = repo::answers::get(&mut tx, id)
        .await
        .not_found(|| format!("prepared answer {id}"))?;
    let row = AnswerRow {
        name,
        language: language.as_str().into(),
        body,
        updated_at: now,
        ..old.clone()
    };
    let changes = vec![
        ("name", Some(old.name.clone()), Some(row.name.clone())),
        (
            "language",
            Some(old.language.clone()),
            Some(row.language.clone()),
        ),
        ("body", Some(old.body.clone()), Some(row.body.clone())),
    ];
    if audit::changed(&mut tx, "prepared_answer", id, actor, now, changes, None).await? > 0 {
        repo::answers::update(&mut tx, &row).await.map_err(taken)?;
        tx.commit().await?;
        return Ok(to_answer(row));
    }
    Ok(to_answer(old))
}

/// Deletes a prepared answer; its history stays.
pub async fn delete_answer(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    require_manager(actor)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let old = repo::answers::get(&mut tx, id)
        .await
        .not_found(|| format!("prepared answer {id}"))?;
    repo::answers::delete(&mut tx, id).await?;
    let summary = format!("{} ({})", old.name, old.language);
    let change = vec![("deleted", Some(summary), None)];
    audit::changed(&mut tx, "prepared_answer", id, actor, now, change, None).await?;
    tx.commit().await?;
    Ok(())
}

/// The customer's language and the placeholders' values for `t`, answered by `actor`.
async fn ticket_values(
    tx: &mut Tx<'_>,
    actor: &Actor,
    t: &TicketRow,
) -> Result<(Language, Values)> {
    let contact = match t.requester_id {
        Some(c) => Some(repo::customers::get_contact(tx, c).await?),
        None => None,
    };
    let org = match t.organization_id {
        Some(o) => Some(repo::customers::get_org(tx, o).await?),
        None => None,
    };
    // The requester's language, else the organization's, as every customer message.
    let language = contact
        .as_ref()
        .map(|c| c.language)
        .or_else(|| org.as_ref().map(|o| o.language))
        .unwrap_or_default();
    let values = Values {
        contact_name: contact.map(|c| c.name).unwrap_or_default(),
        organization_name: org.map(|o| o.name).unwrap_or_default(),
        ticket_number: t.number.clone(),
        ticket_subject: t.subject.clone(),
        agent_name: match actor {
            Actor::Agent(a) => a.name.clone(),
            _ => String::new(),
        },
    };
    Ok((language, values))
}

/// The prepared answers in the ticket's customer language, filled in for this ticket and the
/// agent who will send them.
pub async fn ticket_answers(app: &App, actor: &Actor, number: &str) -> Result<TicketAnswers> {
    require_staff(actor, Permission::ReadTickets)?;
    let mut tx = app.db.read().await?;
    let t = repo::tickets::get_by_number(&mut tx, number.trim())
        .await
        .not_found(|| format!("ticket {number}"))?;
    crate::tickets::ensure_visible_row(&mut tx, actor, &t).await?;
    let (language, values) = ticket_values(&mut tx, actor, &t).await?;
    let answers = repo::answers::list(&mut tx, Some(language.as_str()))
        .await?
        .into_iter()
        .map(|r| FilledAnswer {
            id: r.id,
            text: placeholders::fill(&r.body, &values),
            name: r.name,
        })
        .collect();
    Ok(TicketAnswers { language, answers })
}
