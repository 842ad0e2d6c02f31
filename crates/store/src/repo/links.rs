//! Linked tickets (both show the link) and merged ones (the articles of one moved to another,
//! which mail to the first's thread follows).

use crate::{Result, Tx, on_tx};

/// A link as one of its tickets sees it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LinkRow {
    /// The other ticket's id.
    pub other_id: i64,
    /// The other ticket's number.
    pub number: String,
    /// The other ticket's subject.
    pub subject: String,
    /// The other ticket's status.
    pub status: String,
    /// `related`, `merged_into` (this ticket was merged into the other) or `merged_from`.
    pub kind: String,
}

/// Every link of ticket `id`, oldest first.
pub async fn of_ticket(tx: &mut Tx<'_>, id: i64) -> Result<Vec<LinkRow>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, LinkRow>(
        "SELECT t.id AS other_id, t.number, t.subject, t.status,
            CASE WHEN l.kind = 'related' THEN 'related'
                 WHEN l.ticket_id = $1 THEN 'merged_into' ELSE 'merged_from' END AS kind
         FROM ticket_links l
         JOIN tickets t ON t.id = CASE WHEN l.ticket_id = $1 THEN l.other_id ELSE l.ticket_id END
         WHERE l.ticket_id = $1 OR l.other_id = $1
         ORDER BY l.id")
        .bind(id).fetch_all(c).await)?)
}

/// Links two tickets as related; false when they were linked already (either way).
pub async fn relate(tx: &mut Tx<'_>, a: i64, b: i64, by: &str, now: i64) -> Result<bool> {
    let (low, high) = (a.min(b), a.max(b));
    let exists: Option<i64> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT id FROM ticket_links WHERE (ticket_id = $1 AND other_id = $2) OR (ticket_id = $2 AND other_id = $1)")
        .bind(low).bind(high).fetch_optional(c).await)?;
    if exists.is_some() {
        return Ok(false);
    }
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO ticket_links (ticket_id, other_id, kind, created_by, created_at) VALUES ($1, $2, 'related', $3, $4)")
        .bind(low).bind(high).bind(by).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(true)
}

/// Removes the related link between two tickets; false when there was none. A merge stays.
pub async fn unrelate(tx: &mut Tx<'_>, a: i64, b: i64) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "DELETE FROM ticket_links WHERE kind = 'related' AND ticket_id = $1 AND other_id = $2")
        .bind(a.min(b)).bind(a.max(b)).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// The ticket `id` was merged into, if it was.
pub async fn merged_into(tx: &mut Tx<'_>, id: i64) -> Result<Option<i64>> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "SELECT other_id FROM ticket_links WHERE ticket_id = $1 AND kind = 'merged'")
        .bind(id).fetch_optional(c).await)?)
}

/// Records that `from` was merged into `into` and moves what `from` holds there: its articles
/// (with their files, which belong to the articles), their search documents (taking `into`'s
/// scope from its row when the caller writes it) and the Message-IDs mail threads by. The
/// ticket's own subject document stays with it. A related link between the two is replaced.
pub async fn merge(tx: &mut Tx<'_>, from: i64, into: i64, by: &str, now: i64) -> Result<()> {
    unrelate(tx, from, into).await?;
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO ticket_links (ticket_id, other_id, kind, created_by, created_at) VALUES ($1, $2, 'merged', $3, $4)")
        .bind(from).bind(into).bind(by).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    for sql in [
        "UPDATE articles SET ticket_id = $2 WHERE ticket_id = $1",
        "UPDATE search_docs SET ticket_id = $2 WHERE ticket_id = $1 AND source <> 'ticket'",
        "UPDATE mail_threads SET ticket_id = $2 WHERE ticket_id = $1",
        "UPDATE inbound_messages SET ticket_id = $2 WHERE ticket_id = $1",
    ] {
        on_tx!(tx, c => sqlx::query(sql).bind(from).bind(into).execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}
