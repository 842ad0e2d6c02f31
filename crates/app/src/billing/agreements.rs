//! Agreement before paid work: an agent offers paid work on a ticket (what, and the
//! estimated minutes); the customer accepts in the portal or through the API, or staff record an
//! acceptance given another way with a reason. Under a price list with `agreement_required`,
//! billable work of a customer without a plan on a ticket without an accepted offer is held:
//! shown, flagged, and not billed. Every offer and acceptance is in the ticket's history.

use super::*;
use crate::{audit, now_ms, rfc3339, tickets::ensure_visible_row};
use podpora_core::{TicketNumber, ValidationError, text};
use podpora_store::{repo::billing::AgreementRow, rows::TicketRow};
use serde::{Deserialize, Serialize};

/// An offer of paid work to record.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAgreement {
    /// What will be done, as the customer reads it.
    pub description: String,
    /// The estimated minutes of work.
    #[serde(default)]
    pub estimate_minutes: Option<u32>,
}

/// How an acceptance is recorded.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptAgreement {
    /// Staff only, required from them: how and when the customer agreed (e.g. "by phone with
    /// Ján Kováč on 10 November"), kept in the history.
    #[serde(default)]
    pub reason: Option<String>,
}

/// An offer and its acceptance.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Agreement {
    /// Id.
    pub id: i64,
    /// The ticket.
    pub ticket_number: String,
    /// What will be done.
    pub description: String,
    /// Estimated minutes.
    pub estimate_minutes: Option<i64>,
    /// When it was offered (RFC 3339).
    pub offered_at: String,
    /// When it was accepted.
    pub accepted_at: Option<String>,
    /// Who accepted, e.g. `contact:12`, or the agent who recorded it.
    pub accepted_by: Option<String>,
    /// `portal`, `api`, `staff` or `mail`.
    pub accepted_channel: Option<String>,
    /// In the answer to recording an offer: the address it was mailed to with its link to accept
    /// it; absent when the requester has no address (or the ticket no requester).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mailed_to: Option<String>,
}

pub(super) fn view(a: AgreementRow, number: &str) -> Agreement {
    Agreement {
        id: a.id,
        ticket_number: number.to_string(),
        description: a.description,
        estimate_minutes: a.estimate_minutes,
        offered_at: rfc3339(a.offered_at),
        accepted_at: a.accepted_at.map(rfc3339),
        accepted_by: a.accepted_by,
        accepted_channel: a.accepted_channel,
        mailed_to: None,
    }
}

async fn ticket(tx: &mut Tx<'_>, actor: &Actor, number: &str) -> Result<TicketRow> {
    let n =
        TicketNumber::parse(number).map_err(|_| AppError::NotFound(format!("ticket {number}")))?;
    let t = repo::tickets::get_by_number(tx, n.as_str())
        .await
        .not_found(|| format!("ticket {number}"))?;
    ensure_visible_row(tx, actor, &t).await?;
    Ok(t)
}

/// Records an offer of paid work (technicians, dispatchers, administrators) and mails it to the
/// ticket's requester with a one-time link to accept it; `portal_url` is where browsers reach
/// podpora, e.g. `https://podpora.example.sk`.
pub async fn offer_agreement(
    app: &crate::App,
    actor: &Actor,
    number: &str,
    a: NewAgreement,
    portal_url: &str,
) -> Result<Agreement> {
    let mut tx = app.db.begin().await?;
    let t = ticket(&mut tx, actor, number).await?;
    require_recorder(actor)?;
    let mut v = ValidationError::new();
    let description = v.check("description", text::required_line(&a.description, 1000));
    if a.estimate_minutes.is_some_and(|m| m == 0 || m > 100_000) {
        v.push("estimate_minutes", "must be between 1 and 100000");
    }
    v.into_result()?;
    let now = now_ms();
    let mut row = AgreementRow {
        id: 0,
        ticket_id: t.id,
        description: description.unwrap_or_default(),
        estimate_minutes: a.estimate_minutes.map(i64::from),
        offered_by: actor.audit_name(),
        offered_at: now,
        accepted_at: None,
        accepted_by: None,
        accepted_channel: None,
    };
    row.id = repo::billing::insert_agreement(&mut tx, &row).await?;
    audit::changed(
        &mut tx,
        "ticket",
        t.id,
        actor,
        now,
        vec![(
            "agreement_offered",
            None,
            Some(format!("#{}: {}", row.id, row.description)),
        )],
        None,
    )
    .await?;
    let mailed = super::offer_links::mail_offer(app, &mut tx, &t, &row, portal_url, now).await?;
    tx.commit().await?;
    if mailed.is_some() {
        app.outbox_wakeup.notify_one();
    }
    Ok(Agreement {
        mailed_to: mailed,
        ..view(row, &t.number)
    })
}

/// A ticket's offers: staff who see the ticket, and its customer.
pub async fn list_agreements(
    db: &podpora_store::Db,
    actor: &Actor,
    number: &str,
) -> Result<Vec<Agreement>> {
    let mut tx = db.read().await?;
    let t = ticket(&mut tx, actor, number).await?;
    Ok(repo::billing::agreements_of_ticket(&mut tx, t.id)
        .await?
        .into_iter()
        .map(|a| view(a, &t.number))
        .collect())
}

/// Accepts an offer: the customer whose ticket it is (portal or API), or staff who record an
/// acceptance given another way, with a reason. Accepting twice is refused.
pub async fn accept_agreement(
    db: &podpora_store::Db,
    actor: &Actor,
    number: &str,
    id: i64,
    a: AcceptAgreement,
) -> Result<Agreement> {
    let mut tx = db.begin().await?;
    let t = ticket(&mut tx, actor, number).await?;
    let channel = match actor {
        Actor::Customer(_) => "portal",
        Actor::Organization { .. } => "api",
        _ => {
            if !agent_has(actor, &[Role::Dispatcher, Role::Admin, Role::Billing]) {
                return Err(AppError::Forbidden(
                    "the customer accepts an offer; dispatchers, billing and administrators record an acceptance given another way".into(),
                ));
            }
            "staff"
        }
    };
    let reason = a.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    if channel == "staff" && reason.is_none() {
        return Err(AppError::field(
            "reason",
            "say how and when the customer agreed; it is kept in the ticket's history",
        ));
    }
    if let Some(r) = reason {
        text::check_max_chars(r, 1000).map_err(|e| AppError::field("reason", e))?;
    }
    let offers = repo::billing::agreements_of_ticket(&mut tx, t.id).await?;
    let Some(mut row) = offers.into_iter().find(|o| o.id == id) else {
        return Err(AppError::NotFound(format!("offer {id}")));
    };
    let now = now_ms();
    if !repo::billing::accept_agreement(&mut tx, id, now, &actor.audit_name(), channel).await? {
        return Err(AppError::Conflict(format!(
            "offer {id} is accepted already"
        )));
    }
    row.accepted_at = Some(now);
    row.accepted_by = Some(actor.audit_name());
    row.accepted_channel = Some(channel.into());
    audit::changed(
        &mut tx,
        "ticket",
        t.id,
        actor,
        now,
        vec![(
            "agreement_accepted",
            None,
            Some(format!("#{id} by {channel}: {}", row.description)),
        )],
        reason,
    )
    .await?;
    tx.commit().await?;
    Ok(view(row, &t.number))
}
