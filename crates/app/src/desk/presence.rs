//! Who else is on a ticket: each agent opening a ticket's page is recorded, and the page names
//! the other agents who had it open within the last few minutes.

use super::StaffSession;
use crate::{App, Result, now_ms};
use podpora_store::repo;

/// How long an open page counts as someone being on the ticket.
pub const PRESENCE_MS: i64 = 5 * 60_000;

/// Records that `agent` is on the ticket now and returns the other agents on it. The ticket
/// must have been read through [`crate::tickets::get`] first, which checks the agent may see it.
pub async fn on_ticket(app: &App, agent: &StaffSession, number: &str) -> Result<Vec<String>> {
    let now = now_ms();
    let mut tx = app.db.begin().await?;
    let ticket = repo::tickets::get_by_number(&mut tx, number).await?;
    repo::desk::seen_ticket(&mut tx, ticket.id, agent.agent_id, now).await?;
    let others =
        repo::desk::other_viewers(&mut tx, ticket.id, agent.agent_id, now - PRESENCE_MS).await?;
    tx.commit().await?;
    Ok(others)
}
