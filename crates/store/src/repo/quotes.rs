//! Quotes with a deadline and the clock an accepted quote's deadline becomes.

use crate::{Result, StoreError, Tx, on_tx, repo::sla, rows::ClockRow};

/// A quote: a price and an agreed deadline offered on a ticket, and the customer's decision.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct QuoteRow {
    pub id: i64,
    pub ticket_id: i64,
    /// The price in minor units of `currency`.
    pub price_minor: i64,
    pub currency: String,
    /// What the price covers, as the customer reads it.
    pub covers: String,
    /// The agreed deadline (UTC milliseconds).
    pub deadline_at: i64,
    /// `pending`, `accepted` or `declined`.
    pub state: String,
    pub offered_by: String,
    pub offered_at: i64,
    pub decided_at: Option<i64>,
    pub decided_by: Option<String>,
    /// `portal`, `api` or `staff`.
    pub decided_channel: Option<String>,
    pub decline_reason: Option<String>,
}

const COLS: &str = "id, ticket_id, price_minor, currency, covers, deadline_at, state, offered_by, offered_at, decided_at, decided_by, decided_channel, decline_reason";

/// Records a pending quote; [`StoreError::Conflict`] when the ticket has a pending one already.
pub async fn insert_quote(tx: &mut Tx<'_>, q: &QuoteRow) -> Result<i64> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO quotes (ticket_id, price_minor, currency, covers, deadline_at, state, offered_by, offered_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7) RETURNING id")
        .bind(q.ticket_id).bind(q.price_minor).bind(&q.currency).bind(&q.covers).bind(q.deadline_at)
        .bind(&q.offered_by).bind(q.offered_at).fetch_one(x).await)?)
}

/// A ticket's quotes, oldest first.
pub async fn quotes_of_ticket(tx: &mut Tx<'_>, ticket_id: i64) -> Result<Vec<QuoteRow>> {
    let sql = format!("SELECT {COLS} FROM quotes WHERE ticket_id = $1 ORDER BY id");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, QuoteRow>(sqlx::AssertSqlSafe(sql)).bind(ticket_id).fetch_all(x).await)?,
    )
}

/// Decides a pending quote (`accepted` or `declined`): true for exactly one caller, false when
/// it was decided already.
#[allow(clippy::too_many_arguments)]
pub async fn decide_quote(
    tx: &mut Tx<'_>,
    id: i64,
    state: &str,
    at: i64,
    by: &str,
    channel: &str,
    reason: Option<&str>,
) -> Result<bool> {
    let n = on_tx!(tx, x => sqlx::query(
        "UPDATE quotes SET state = $2, decided_at = $3, decided_by = $4, decided_channel = $5, decline_reason = $6
         WHERE id = $1 AND state = 'pending'")
        .bind(id).bind(state).bind(at).bind(by).bind(channel).bind(reason)
        .execute(x).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Sets the ticket's agreed-deadline clock to `c`: a new clock, or the one an earlier accepted
/// quote left, started again (not warned, met or escalated).
pub async fn put_deadline_clock(tx: &mut Tx<'_>, c: &ClockRow) -> Result<()> {
    if c.metric != sla::AGREED_DEADLINE {
        return Err(StoreError::Invalid(format!(
            "{} is not the agreed-deadline clock",
            c.metric
        )));
    }
    let id = sla::clock_id(c.ticket_id, &c.metric)?;
    let n = on_tx!(tx, x => sqlx::query(
        "UPDATE ticket_clocks SET target = $3, policy_id = $4, calendar_id = $5, started_at = $6
         WHERE ticket_id = $1 AND metric = $2")
        .bind(c.ticket_id).bind(&c.metric).bind(&c.target).bind(c.policy_id).bind(c.calendar_id)
        .bind(c.started_at).execute(x).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return sla::insert_clocks(tx, std::slice::from_ref(c)).await;
    }
    on_tx!(tx, x => sqlx::query(
        "UPDATE ticket_clock_times SET due_at = $2, warn_at = $3, warned_at = NULL, met_at = NULL, escalated_at = NULL
         WHERE id = $1")
        .bind(id).bind(c.due_at).bind(c.warn_at).execute(x).await.map(|r| r.rows_affected()))?;
    Ok(())
}
