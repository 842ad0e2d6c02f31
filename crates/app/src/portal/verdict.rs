//! The customer's verdict on a solved request: "it is solved" closes it, "it is not solved"
//! reopens it within the reopening window.

use crate::tickets::{self, Ticket, TicketPatch};
use crate::{Actor, App, AppError, Result, now_ms};
use podpora_core::TicketStatus;

/// Closes (`solved`) or reopens a resolved request the customer may see. The status change
/// itself is the tickets use case's, made on the customer's behalf: customers may not change
/// tickets otherwise, and the history names the customer in the reason.
pub async fn verdict(app: &App, actor: &Actor, number: &str, solved: bool) -> Result<Ticket> {
    if !matches!(actor, Actor::Customer(_)) {
        return Err(AppError::Forbidden(
            "only the customer confirms whether a request is solved".into(),
        ));
    }
    // Reading it as the customer is the visibility check: another's request is "not found".
    let t = tickets::get(app, actor, number).await?;
    if t.status != TicketStatus::Resolved {
        return Err(AppError::field(
            "status",
            "only a request marked solved can be confirmed or reopened",
        ));
    }
    if !solved {
        let window_ms = i64::from(app.config.mail.reopen_days) * 86_400_000;
        let resolved = t
            .resolved_at
            .as_deref()
            .and_then(|r| r.parse::<jiff::Timestamp>().ok())
            .map(|r| r.as_millisecond());
        if resolved.is_some_and(|r| now_ms() - r > window_ms) {
            return Err(AppError::field(
                "status",
                "the request was solved too long ago to reopen; open a new one",
            ));
        }
    }
    let (to, why) = if solved {
        (TicketStatus::Closed, "confirmed it is solved")
    } else {
        (TicketStatus::InProgress, "said it is not solved")
    };
    let patch = TicketPatch {
        status: Some(to.to_string()),
        reason: Some(format!("the customer ({}) {why}", actor.audit_name())),
        ..Default::default()
    };
    tickets::update(app, &Actor::System, number, patch).await
}
