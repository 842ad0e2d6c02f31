//! The one place a ticket's status changes: the lifecycle's transition check, the resolved and
//! closed instants, and the SLA clocks that pause, resume or stop with it. Staff changes, the
//! acknowledgement and customers' messages on every channel all go through here.

use super::*;
use crate::audit::FieldChange;
use podpora_core::CustomerMessage;

/// Moves `row` to `to` if the lifecycle allows it, and makes the SLA clocks follow; the caller
/// writes the row. Returns the history entry of the change. A refused move is a validation
/// error on `status` that lists the allowed ones.
pub(crate) async fn change_status(
    app: &App,
    tx: &mut Tx<'_>,
    row: &mut TicketRow,
    to: TicketStatus,
    now: i64,
) -> Result<FieldChange> {
    let from = row.status;
    from.transition(to)
        .map_err(|e| AppError::field("status", e))?;
    row.status = to;
    match to {
        TicketStatus::Resolved => row.resolved_at = Some(now),
        TicketStatus::Closed => row.closed_at = Some(now),
        _ if !from.is_open() => {
            row.resolved_at = None;
            row.closed_at = None;
        }
        _ => {}
    }
    crate::sla::on_status_change(app, tx, row.id, from, to, now).await?;
    Ok(("status", Some(from.to_string()), Some(to.to_string())))
}

/// When a finished ticket was finished: closed, else resolved, else last changed.
fn finished_at(row: &TicketRow) -> i64 {
    row.closed_at.or(row.resolved_at).unwrap_or(row.updated_at)
}

/// What a customer's message at `now` does to `row` under the configured reopen window.
pub(crate) fn customer_message_effect(app: &App, row: &TicketRow, now: i64) -> CustomerMessage {
    let window = i64::from(app.config.mail.reopen_days) * 86_400_000;
    row.status
        .on_customer_message(finished_at(row), now, window)
}

/// A customer's message has been added to `row`, by any channel: a ticket waiting for the
/// customer resumes, a resolved or closed one within the reopen window is reopened.
/// Returns the history entry of the status change and, for a reopening, its reason; the caller
/// writes the row. A ticket finished longer ago keeps its status (mail opens a new request
/// instead, see [`customer_message_effect`]).
pub(crate) async fn on_customer_message(
    app: &App,
    tx: &mut Tx<'_>,
    row: &mut TicketRow,
    channel: Channel,
    now: i64,
) -> Result<(Option<FieldChange>, Option<String>)> {
    let effect = customer_message_effect(app, row, now);
    let Some(to) = effect.new_status() else {
        return Ok((None, None));
    };
    let change = change_status(app, tx, row, to, now).await?;
    let reason = (effect == CustomerMessage::Reopens).then(|| match channel {
        Channel::Email => "the customer answered by e-mail".to_string(),
        c => format!("the customer answered by {c}"),
    });
    Ok((Some(change), reason))
}
