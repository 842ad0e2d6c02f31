//! What the mail sent about a ticket means to it: the relay's acceptance of a confirmation is
//! the reaction event, and the ticket's mail is listed with its delivery state.

use super::*;
use crate::outbox::OutboxMessage;

/// Records that the SMTP server accepted outbox message `id` at `at` (epoch ms). A
/// confirmation's acceptance stops its ticket's reaction clock at that instant, whatever
/// channel the request came by.
pub async fn record_sent(app: &App, id: i64, response: &str, at: i64) -> Result<()> {
    let row = crate::outbox::mark_sent(app, id, response, at).await?;
    let Some(ticket_id) = row.ticket_id.filter(|_| row.purpose == "confirmation") else {
        return Ok(());
    };
    let mut tx = app.db.read().await?;
    let t = repo::tickets::get_by_id(&mut tx, ticket_id).await?;
    drop(tx);
    let ev = DeliveryEvent {
        at: Some(rfc3339(at)),
    };
    match acknowledgement_delivered(app, &Actor::System, &t.number, ev).await {
        Ok(_) => Ok(()),
        // A ticket acknowledged by hand before the mail went out keeps its earlier time.
        Err(AppError::Validation(e)) => {
            tracing::warn!(ticket = %t.number, error = %e, "acknowledgement not recorded");
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// Mail sent about a ticket (confirmations, replies, SLA notices to staff), oldest first, with
/// delivery state; a customer sees only what was written to them.
pub async fn ticket_mail(app: &App, actor: &Actor, number: &str) -> Result<Vec<OutboxMessage>> {
    actor.require(Permission::ReadTickets)?;
    let mut tx = app.db.read().await?;
    let t = repo::tickets::get_by_number(&mut tx, number)
        .await
        .not_found(|| format!("ticket {number}"))?;
    ensure_visible_row(&mut tx, actor, &t).await?;
    crate::outbox::of_ticket(&mut tx, t.id, actor.is_customer()).await
}
