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

/// What asking gave: the request that waits for the entitlement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    /// The request's number.
    pub number: String,
    /// False when the entitlement was asked for already and that request is returned.
    pub opened: bool,
}

/// How long a second ask waits for the first one's request to be written.
const CLAIM_WAIT_MS: u64 = 10_000;

/// Opens a request for an unused, unexpired entitlement of the customer's organization and
/// marks the entitlement asked for. Another organization's entitlement is not found; one used
/// or expired is a conflict, and nothing is opened. Asking is idempotent: while an ask waits
/// for staff, asking again (two clicks at once included) returns the request of the first.
pub async fn ask_for_entitlement(
    app: &App,
    actor: &Actor,
    id: i64,
    ask: EntitlementAsk,
) -> Result<Asked> {
    let c = customer(actor)?;
    let org = c
        .organization_id
        .ok_or_else(|| AppError::NotFound(format!("entitlement {id}")))?;
    let now = now_ms();
    let today = crate::plans::customer_today(&app.db, actor, org, now)
        .await?
        .to_string();
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
    }
    // The claim is one conditional update, committed before the request is opened: of two
    // asks at once exactly one changes the row (PostgreSQL locks it, SQLite has one writer);
    // the other waits for the winner's request and returns it.
    let mut tx = app.db.begin().await?;
    let claimed = repo::plans::claim_entitlement(&mut tx, id, now).await?;
    tx.commit().await?;
    if !claimed {
        return pending_request(app, org, id).await;
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
    let ticket: Ticket = match tickets::open(app, actor, input).await {
        Ok(t) => t,
        Err(e) => {
            // Nothing was opened: the entitlement may be asked for again.
            let mut tx = app.db.begin().await?;
            repo::plans::release_entitlement(&mut tx, id).await?;
            tx.commit().await?;
            return Err(e);
        }
    };
    let mut tx = app.db.begin().await?;
    let row = repo::tickets::get_by_number(&mut tx, &ticket.number).await?;
    repo::plans::request_entitlement(&mut tx, id, row.id, now_ms()).await?;
    tx.commit().await?;
    Ok(Asked {
        number: ticket.number,
        opened: true,
    })
}

/// The request an earlier ask opened, waiting a little while that ask still writes it.
async fn pending_request(app: &App, org: i64, id: i64) -> Result<Asked> {
    let mut waited = 0;
    loop {
        let mut tx = app.db.read().await?;
        let asked = repo::plans::entitlement_requests(&mut tx, org).await?;
        drop(tx);
        let Some(r) = asked.into_iter().find(|r| r.entitlement_id == id) else {
            // Used meanwhile, or the first ask failed and released it.
            return Err(AppError::Conflict(format!(
                "entitlement {id} cannot be asked for now"
            )));
        };
        if let (Some(_), Some(number)) = (r.ticket_id, r.ticket_number) {
            return Ok(Asked {
                number,
                opened: false,
            });
        }
        // A claim older than the wait lost its request (removed since): nothing to return.
        let stale = now_ms() - r.requested_at > i64::try_from(CLAIM_WAIT_MS).unwrap_or(0);
        if stale || waited >= CLAIM_WAIT_MS {
            return Err(AppError::Conflict(format!(
                "entitlement {id} was asked for already"
            )));
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        waited += 50;
    }
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
