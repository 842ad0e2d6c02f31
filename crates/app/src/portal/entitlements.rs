//! Asking for an onboarding entitlement from the portal: the request goes through the
//! one intake like any portal request, and the entitlement remembers it, so the plan page shows
//! it as asked for until staff record the use.

use super::customer;
use crate::tickets::{self, NewTicket, Ticket};
use crate::{Actor, App, AppError, Result, now_ms};
use podpora_store::repo;
use std::collections::HashMap;

/// What the customer asks with: the words of the request in the reader's language and, for an
/// organization account, the address for this matter.
#[derive(Debug, Clone)]
pub struct EntitlementAsk {
    /// The request's subject.
    pub subject: String,
    /// The request's description.
    pub description: String,
    /// The address for this matter (an organization account names the contact by it).
    pub email: Option<String>,
}

/// Opens a request for an unused, unexpired entitlement of the customer's organization and
/// marks the entitlement asked for. Another organization's entitlement is not found; one used,
/// expired or asked for already is a conflict, and nothing is opened.
pub async fn ask_for_entitlement(
    app: &App,
    actor: &Actor,
    id: i64,
    ask: EntitlementAsk,
) -> Result<Ticket> {
    let c = customer(actor)?;
    let org = c
        .organization_id
        .ok_or_else(|| AppError::NotFound(format!("entitlement {id}")))?;
    let today = crate::plans::day_of(now_ms()).to_string();
    {
        let mut tx = app.db.read().await?;
        let e = repo::plans::get_entitlement(&mut tx, id)
            .await
            .ok()
            .filter(|e| e.organization_id == org)
            .ok_or_else(|| AppError::NotFound(format!("entitlement {id}")))?;
        if e.used_at.is_some() {
            return Err(AppError::Conflict(format!(
                "the {} entitlement was used",
                e.kind
            )));
        }
        if e.expires_on.as_deref().is_some_and(|x| x < today.as_str()) {
            return Err(AppError::Conflict(format!(
                "the {} entitlement expired",
                e.kind
            )));
        }
        let asked = repo::plans::entitlement_requests(&mut tx, org).await?;
        if asked.iter().any(|r| r.entitlement_id == id) {
            return Err(AppError::Conflict(format!(
                "the {} entitlement was asked for already",
                e.kind
            )));
        }
    }
    let (requester_id, requester_email) = match c.contact_id {
        Some(contact) => (Some(contact), None),
        None => (None, Some(ask.email.clone().unwrap_or_default())),
    };
    let input = NewTicket {
        subject: ask.subject,
        description: ask.description,
        requester_id,
        requester_email,
        reply_to: ask.email.filter(|e| !e.trim().is_empty()),
        organization_id: None,
        asset_id: None,
        category: None,
        urgency: Some("normal".into()),
        channel: Some("portal".into()),
        team_id: None,
        assignee_id: None,
        attachments: Vec::new(),
        reported_at: None,
    };
    let ticket = tickets::open(app, actor, input).await?;
    let mut tx = app.db.begin().await?;
    // Two clicks at once both open a request; only the first is remembered, and staff see
    // the second as the same request sent again.
    let row = repo::tickets::get_by_number(&mut tx, &ticket.number).await?;
    repo::plans::request_entitlement(&mut tx, id, row.id, now_ms()).await?;
    tx.commit().await?;
    Ok(ticket)
}

/// The request number each entitlement of the customer's organization was asked for with, by
/// entitlement id (`None` when the request was since removed).
pub async fn asked_entitlements(app: &App, actor: &Actor) -> Result<HashMap<i64, Option<String>>> {
    let c = customer(actor)?;
    let Some(org) = c.organization_id else {
        return Ok(HashMap::new());
    };
    let mut tx = app.db.read().await?;
    Ok(repo::plans::entitlement_requests(&mut tx, org)
        .await?
        .into_iter()
        .map(|r| (r.entitlement_id, r.ticket_number))
        .collect())
}
