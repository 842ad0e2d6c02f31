//! The history a customer may see of a request: when it was received, how its status moved
//! (solved, confirmed, reopened) and when replies came, never internal notes, who on the
//! staff was assigned or which team holds it.

use crate::{Actor, App, AppError, Result, rfc3339};
use podpora_core::TicketStatus;
use podpora_store::repo;

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// The request was received.
    Opened,
    /// The status moved; `by_customer` when the customer's own verdict or reply moved it.
    Status {
        /// Before.
        from: TicketStatus,
        /// After.
        to: TicketStatus,
        /// Moved by the customer.
        by_customer: bool,
    },
    /// The support team replied.
    StaffReply,
    /// The customer (or a colleague) wrote.
    CustomerReply,
}

/// One entry of a request's visible history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// What.
    pub kind: EventKind,
}

/// The visible history of a request the customer may see, oldest first. Another's request is
/// "not found", as everywhere in the portal.
pub async fn customer_history(app: &App, actor: &Actor, number: &str) -> Result<Vec<Event>> {
    if !matches!(actor, Actor::Customer(_)) {
        return Err(AppError::Forbidden(
            "this history is the customer's view".into(),
        ));
    }
    let missing = || AppError::NotFound(format!("ticket {number}"));
    let mut tx = app.db.read().await?;
    let t = repo::tickets::get_by_number(&mut tx, number.trim())
        .await
        .map_err(|_| missing())?;
    crate::tickets::access::ensure_visible_row(&mut tx, actor, &t).await?;
    let mut events: Vec<(i64, u8, EventKind)> = vec![(t.created_at, 0, EventKind::Opened)];
    for r in repo::audit::history(&mut tx, "ticket", t.id).await? {
        if r.field != "status" {
            continue;
        }
        let (Some(from), Some(to)) = (
            r.old_value.as_deref().and_then(|s| s.parse().ok()),
            r.new_value.as_deref().and_then(|s| s.parse().ok()),
        ) else {
            continue;
        };
        let by_customer = r.actor.starts_with("contact:")
            || r.actor.starts_with("org-account:")
            || r.reason
                .as_deref()
                .is_some_and(|w| w.starts_with("the customer ("));
        events.push((
            r.at,
            2,
            EventKind::Status {
                from,
                to,
                by_customer,
            },
        ));
    }
    // The first article is the request itself, already "received".
    for a in repo::articles::list(&mut tx, t.id, true)
        .await?
        .into_iter()
        .skip(1)
    {
        if !a.kind.is_public() {
            continue;
        }
        let kind = if a.author_agent_id.is_some() {
            EventKind::StaffReply
        } else {
            EventKind::CustomerReply
        };
        events.push((a.created_at, 1, kind));
    }
    events.sort_by_key(|(at, order, _)| (*at, *order));
    Ok(events
        .into_iter()
        .map(|(at, _, kind)| Event {
            at: rfc3339(at),
            kind,
        })
        .collect())
}
