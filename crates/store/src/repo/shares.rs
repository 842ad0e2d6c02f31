//! Requests a contact shared with colleagues of the same organization.

use crate::{Result, Tx, on_tx};

/// Shares a ticket with a contact; false when it was shared with them already.
pub async fn share(
    tx: &mut Tx<'_>,
    ticket_id: i64,
    contact_id: i64,
    shared_by: Option<i64>,
    now: i64,
) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "INSERT INTO ticket_shares (ticket_id, contact_id, shared_by, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (ticket_id, contact_id) DO NOTHING")
        .bind(ticket_id).bind(contact_id).bind(shared_by).bind(now)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Stops sharing a ticket with a contact; false when it was not shared with them.
pub async fn unshare(tx: &mut Tx<'_>, ticket_id: i64, contact_id: i64) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query("DELETE FROM ticket_shares WHERE ticket_id = $1 AND contact_id = $2")
        .bind(ticket_id).bind(contact_id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Whether a ticket is shared with a contact.
pub async fn is_shared_with(tx: &mut Tx<'_>, ticket_id: i64, contact_id: i64) -> Result<bool> {
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM ticket_shares WHERE ticket_id = $1 AND contact_id = $2")
        .bind(ticket_id).bind(contact_id).fetch_one(c).await)?;
    Ok(n > 0)
}

/// The contacts a ticket is shared with: id and name, by name.
pub async fn shared_with(tx: &mut Tx<'_>, ticket_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, (i64, String)>(
        "SELECT c.id, c.name FROM ticket_shares s JOIN contacts c ON c.id = s.contact_id
         WHERE s.ticket_id = $1 ORDER BY c.name, c.id")
        .bind(ticket_id).fetch_all(c).await)?)
}
