//! The durable jobs table: side effects enqueued in the same transaction as the change that
//! causes them (the outbox pattern), run later by a worker.

use crate::{Result, Tx, on_tx};

/// Enqueues a job to run at `run_at` (epoch ms).
pub async fn enqueue(
    tx: &mut Tx<'_>,
    kind: &str,
    payload: &str,
    run_at: i64,
    now: i64,
) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO jobs (kind, payload, run_at, attempts, created_at) VALUES ($1, $2, $3, 0, $4) RETURNING id")
        .bind(kind).bind(payload).bind(run_at).bind(now).fetch_one(c).await)?)
}

/// Counts jobs of a kind not yet done.
pub async fn pending(tx: &mut Tx<'_>, kind: &str) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs WHERE kind = $1 AND done_at IS NULL")
        .bind(kind).fetch_one(c).await)?)
}
