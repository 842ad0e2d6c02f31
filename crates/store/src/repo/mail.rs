//! The e-mail channel: raw inbound messages, Message-IDs for threading, the outbox, leases.

use crate::{
    Backend, Result, StoreError, Tx, on_tx,
    rows::{InboundOutcome, InboundRow, OutboxRow},
};
use podpora_core::OutboxStatus;
use std::collections::HashMap;

const INBOUND_COLS: &str = "id, sha256, source, mail_from, recipients, size_bytes, received_at, status, reason, \
     message_id, sender, subject, ticket_id, article_id, attempts, processed_at";
const OUTBOX_COLS: &str = "id, ticket_id, article_id, purpose, automatic, message_id, mail_from, recipient, subject, \
     status, attempts, next_attempt_at, last_error, smtp_response, created_at, sent_at";

/// A message as it arrived, before any processing.
#[derive(Debug, Clone)]
pub struct NewInbound<'a> {
    pub sha256: &'a str,
    pub source: &'a str,
    pub mail_from: &'a str,
    pub recipients: &'a str,
    pub raw: &'a [u8],
    pub received_at: i64,
}

/// Stores a raw message as pending; the same bytes stored before give back the earlier row.
/// Returns the row id and whether it is new.
pub async fn accept(tx: &mut Tx<'_>, m: &NewInbound<'_>) -> Result<(i64, bool)> {
    let mut r = accept_many(tx, std::slice::from_ref(m)).await?;
    r.pop()
        .ok_or_else(|| StoreError::Db(sqlx::Error::RowNotFound))
}

/// [`accept`] for many messages, with one statement per table for each hundred: ids and
/// whether each is new, in the order given (new rows get ascending ids in that order). The
/// same bytes twice in the list are one row, new only the first time.
pub async fn accept_many(tx: &mut Tx<'_>, messages: &[NewInbound<'_>]) -> Result<Vec<(i64, bool)>> {
    let mut out = Vec::with_capacity(messages.len());
    for chunk in messages.chunks(100) {
        let sql = format!(
            "INSERT INTO inbound_messages (sha256, source, mail_from, recipients, size_bytes, received_at, status, attempts)
             VALUES {} ON CONFLICT (sha256) DO NOTHING RETURNING id, sha256",
            crate::repo::rows_params(tx.backend(), chunk.len(), 8)
        );
        let inserted: Vec<(i64, String)> = on_tx!(tx, c => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            for m in chunk {
                q = q.bind(m.sha256).bind(m.source).bind(m.mail_from).bind(m.recipients)
                    .bind(m.raw.len() as i64).bind(m.received_at).bind("pending").bind(0_i64);
            }
            q.fetch_all(c).await
        })?;
        let new: HashMap<&str, i64> = inserted
            .iter()
            .map(|(id, sha)| (sha.as_str(), *id))
            .collect();
        let raws: Vec<(i64, &[u8])> = chunk
            .iter()
            .filter_map(|m| new.get(m.sha256).map(|id| (*id, m.raw)))
            .collect::<HashMap<i64, &[u8]>>()
            .into_iter()
            .collect();
        if !raws.is_empty() {
            let sql = format!(
                "INSERT INTO inbound_raw (id, raw) VALUES {}",
                crate::repo::rows_params(tx.backend(), raws.len(), 2)
            );
            on_tx!(tx, c => {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for (id, raw) in &raws {
                    q = q.bind(*id).bind(*raw);
                }
                q.execute(c).await.map(|r| r.rows_affected())
            })?;
        }
        let known: Vec<&str> = chunk
            .iter()
            .map(|m| m.sha256)
            .filter(|sha| !new.contains_key(sha))
            .collect();
        let mut earlier: HashMap<String, i64> = HashMap::new();
        if !known.is_empty() {
            let sql = format!(
                "SELECT sha256, id FROM inbound_messages WHERE sha256 IN {}",
                crate::repo::rows_params(tx.backend(), 1, known.len())
            );
            let rows: Vec<(String, i64)> = on_tx!(tx, c => {
                let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
                for sha in &known {
                    q = q.bind(*sha);
                }
                q.fetch_all(c).await
            })?;
            earlier.extend(rows);
        }
        let mut seen = std::collections::HashSet::new();
        for m in chunk {
            let first = seen.insert(m.sha256);
            match new.get(m.sha256) {
                Some(id) => out.push((*id, first)),
                None => out.push((
                    *earlier
                        .get(m.sha256)
                        .ok_or(StoreError::Db(sqlx::Error::RowNotFound))?,
                    false,
                )),
            }
        }
    }
    Ok(out)
}

/// Messages waiting to be processed, oldest first: id and size in bytes.
pub async fn pending(tx: &mut Tx<'_>, limit: i64) -> Result<Vec<(i64, i64)>> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT id, size_bytes FROM inbound_messages WHERE status = 'pending' ORDER BY id LIMIT $1")
        .bind(limit).fetch_all(c).await)?)
}

/// One received message without its bytes.
pub async fn get_inbound(tx: &mut Tx<'_>, id: i64) -> Result<InboundRow> {
    let sql = format!("SELECT {INBOUND_COLS} FROM inbound_messages WHERE id = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, InboundRow>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(id).fetch_one(c).await)?,
    )
}

/// The raw bytes of a received message.
pub async fn inbound_raw(tx: &mut Tx<'_>, id: i64) -> Result<Vec<u8>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT raw FROM inbound_raw WHERE id = $1")
        .bind(id).fetch_one(c).await)?,
    )
}

/// The received message an article was made from, if any.
pub async fn inbound_of_article(tx: &mut Tx<'_>, article_id: i64) -> Result<Option<i64>> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "SELECT id FROM inbound_messages WHERE article_id = $1 AND status = 'processed' ORDER BY id LIMIT 1")
        .bind(article_id).fetch_optional(c).await)?)
}

/// Received messages, newest first, optionally of one status.
pub async fn list_inbound(
    tx: &mut Tx<'_>,
    status: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<InboundRow>, i64)> {
    let sql = format!(
        "SELECT {INBOUND_COLS} FROM inbound_messages WHERE ($1 = '' OR status = $1) ORDER BY id DESC LIMIT $2 OFFSET $3"
    );
    let status = status.unwrap_or("");
    let rows = on_tx!(tx, c => sqlx::query_as::<_, InboundRow>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(status).bind(limit).bind(offset).fetch_all(c).await)?;
    let total = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM inbound_messages WHERE ($1 = '' OR status = $1)")
        .bind(status).fetch_one(c).await)?;
    Ok((rows, total))
}

/// Records what processing decided; counts the attempt.
pub async fn set_outcome(tx: &mut Tx<'_>, id: i64, o: &InboundOutcome, now: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE inbound_messages SET status = $2, reason = $3, message_id = $4, sender = $5, subject = $6,
         ticket_id = $7, article_id = $8, attempts = attempts + 1, processed_at = $9 WHERE id = $1")
        .bind(id).bind(&o.status).bind(&o.reason).bind(&o.message_id).bind(&o.sender).bind(&o.subject)
        .bind(o.ticket_id).bind(o.article_id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// [`set_outcome`] for many messages in one statement.
pub async fn set_outcomes(
    tx: &mut Tx<'_>,
    outcomes: &[(i64, &InboundOutcome)],
    now: i64,
) -> Result<()> {
    if outcomes.is_empty() {
        return Ok(());
    }
    match tx {
        Tx::Sqlite(x) => {
            x.flush().await?;
            set_outcomes_sqlite(x, outcomes, now).await
        }
        Tx::SqliteRead(x) => set_outcomes_sqlite(x, outcomes, now).await,
        Tx::Postgres(x) => set_outcomes_postgres(x, outcomes, now).await,
        Tx::PostgresRead(x) => set_outcomes_postgres(x, outcomes, now).await,
    }
}

const SET_OUTCOME: &str = "SET status = v.status, reason = v.reason, message_id = v.message_id,
    sender = v.sender, subject = v.subject, ticket_id = v.ticket_id, article_id = v.article_id,
    attempts = attempts + 1";

async fn set_outcomes_sqlite(
    x: &mut sqlx::SqliteConnection,
    outcomes: &[(i64, &InboundOutcome)],
    now: i64,
) -> Result<()> {
    for chunk in outcomes.chunks(500) {
        // Positional parameters number in order of appearance: the rows, then `now`.
        let sql = format!(
            "WITH v(id, status, reason, message_id, sender, subject, ticket_id, article_id) AS (VALUES {})
             UPDATE inbound_messages {SET_OUTCOME}, processed_at = ? FROM v WHERE inbound_messages.id = v.id",
            crate::repo::positional(chunk.len(), 8)
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (id, o) in chunk {
            q = q
                .bind(*id)
                .bind(&o.status)
                .bind(&o.reason)
                .bind(&o.message_id)
                .bind(&o.sender)
                .bind(&o.subject)
                .bind(o.ticket_id)
                .bind(o.article_id);
        }
        q.bind(now).execute(&mut *x).await?;
    }
    Ok(())
}

async fn set_outcomes_postgres(
    x: &mut sqlx::PgConnection,
    outcomes: &[(i64, &InboundOutcome)],
    now: i64,
) -> Result<()> {
    let n = outcomes.len();
    let (mut ids, mut status, mut reason, mut message_id) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    let (mut sender, mut subject, mut ticket, mut article) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for (id, o) in outcomes {
        ids.push(*id);
        status.push(o.status.as_str());
        reason.push(o.reason.as_deref());
        message_id.push(o.message_id.as_deref());
        sender.push(o.sender.as_deref());
        subject.push(o.subject.as_deref());
        ticket.push(o.ticket_id);
        article.push(o.article_id);
    }
    let sql = format!(
        "UPDATE inbound_messages {SET_OUTCOME}, processed_at = $9
         FROM UNNEST($1::BIGINT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[], $6::TEXT[],
             $7::BIGINT[], $8::BIGINT[]) AS v(id, status, reason, message_id, sender, subject, ticket_id, article_id)
         WHERE inbound_messages.id = v.id"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(ids)
        .bind(status)
        .bind(reason)
        .bind(message_id)
        .bind(sender)
        .bind(subject)
        .bind(ticket)
        .bind(article)
        .bind(now)
        .execute(x)
        .await?;
    Ok(())
}

/// Puts a message back in the queue; only unprocessable or rejected ones. False when the message is
/// in another state.
pub async fn requeue(tx: &mut Tx<'_>, id: i64) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE inbound_messages SET status = 'pending', reason = NULL WHERE id = $1 AND status IN ('unprocessable', 'rejected')")
        .bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Counts received messages per status.
pub async fn inbound_counts(tx: &mut Tx<'_>) -> Result<Vec<(String, i64)>> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT status, COUNT(*) FROM inbound_messages GROUP BY status ORDER BY status")
        .fetch_all(c).await)?)
}

/// Remembers a Message-ID as part of a ticket; a known one keeps its first ticket.
pub async fn remember_message_id(
    tx: &mut Tx<'_>,
    message_id: &str,
    ticket_id: i64,
    article_id: Option<i64>,
    inbound: bool,
    now: i64,
) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO mail_threads (message_id, ticket_id, article_id, inbound, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (message_id) DO NOTHING")
        .bind(message_id).bind(ticket_id).bind(article_id).bind(inbound).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// A Message-ID of a ticket: the Message-ID, ticket, article, and whether it was received.
pub type ThreadRef<'a> = (&'a str, i64, Option<i64>, bool);

/// [`remember_message_id`] for many at once; a known one (also earlier in the list) keeps its
/// first ticket.
pub async fn remember_message_ids(tx: &mut Tx<'_>, refs: &[ThreadRef<'_>], now: i64) -> Result<()> {
    for chunk in refs.chunks(500) {
        let sql = format!(
            "INSERT INTO mail_threads (message_id, ticket_id, article_id, inbound, created_at) VALUES {}
             ON CONFLICT (message_id) DO NOTHING",
            crate::repo::rows_params(tx.backend(), chunk.len(), 5)
        );
        crate::write_on_tx!(tx, sql, q => {
            let mut q = q;
            for (message_id, ticket_id, article_id, inbound) in chunk {
                q = q.bind(*message_id).bind(*ticket_id).bind(*article_id).bind(*inbound).bind(now);
            }
            q
        })?;
    }
    Ok(())
}

/// The ticket and article a Message-ID belongs to, and whether it was received (not sent).
pub async fn find_message_id(
    tx: &mut Tx<'_>,
    message_id: &str,
) -> Result<Option<(i64, Option<i64>, bool)>> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT ticket_id, article_id, inbound FROM mail_threads WHERE message_id = $1")
        .bind(message_id).fetch_optional(c).await)?)
}

/// A message to send.
#[derive(Debug, Clone)]
pub struct NewOutbound<'a> {
    pub ticket_id: Option<i64>,
    pub article_id: Option<i64>,
    pub purpose: &'a str,
    pub automatic: bool,
    pub message_id: &'a str,
    pub mail_from: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub raw: &'a [u8],
    pub now: i64,
}

/// Puts a message in the outbox, due now.
pub async fn enqueue(tx: &mut Tx<'_>, m: &NewOutbound<'_>) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO outbox (ticket_id, article_id, purpose, automatic, message_id, mail_from, recipient, subject, raw,
         status, attempts, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'queued', 0, $10, $10) RETURNING id")
        .bind(m.ticket_id).bind(m.article_id).bind(m.purpose).bind(m.automatic).bind(m.message_id)
        .bind(m.mail_from).bind(m.recipient).bind(m.subject).bind(m.raw).bind(m.now).fetch_one(c).await)?)
}

/// [`enqueue`] for many messages, a hundred per statement.
pub async fn enqueue_many(tx: &mut Tx<'_>, messages: &[NewOutbound<'_>]) -> Result<()> {
    for chunk in messages.chunks(100) {
        let sql = format!(
            "INSERT INTO outbox (ticket_id, article_id, purpose, automatic, message_id, mail_from, recipient, subject, raw,
             status, attempts, next_attempt_at, created_at) VALUES {}",
            crate::repo::rows_params(tx.backend(), chunk.len(), 13)
        );
        crate::write_on_tx!(tx, sql, q => {
            let mut q = q;
            for m in chunk {
                q = q.bind(m.ticket_id).bind(m.article_id).bind(m.purpose).bind(m.automatic).bind(m.message_id)
                    .bind(m.mail_from).bind(m.recipient).bind(m.subject).bind(m.raw).bind("queued").bind(0_i64)
                    .bind(m.now).bind(m.now);
            }
            q
        })?;
    }
    Ok(())
}

/// Automatic messages sent (or queued) to a recipient since an instant: the auto-answer rate limit.
pub async fn automatic_sent_to(tx: &mut Tx<'_>, recipient: &str, since: i64) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND created_at >= $2 AND automatic = $3")
        .bind(recipient).bind(since).bind(true).fetch_one(c).await)?)
}

/// Claims messages due for sending: locks them for `lock_ms` so no other worker takes them.
pub async fn claim_due(
    tx: &mut Tx<'_>,
    now: i64,
    limit: i64,
    lock_ms: i64,
) -> Result<Vec<(OutboxRow, Vec<u8>)>> {
    let select = match tx.backend() {
        Backend::Sqlite => "SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= $1
             AND (locked_until IS NULL OR locked_until <= $1) ORDER BY next_attempt_at, id LIMIT $2",
        Backend::Postgres => "SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= $1
             AND (locked_until IS NULL OR locked_until <= $1) ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED",
    };
    let ids: Vec<i64> =
        on_tx!(tx, c => sqlx::query_scalar(select).bind(now).bind(limit).fetch_all(c).await)?;
    let mut out = Vec::with_capacity(ids.len());
    let sql = format!("SELECT {OUTBOX_COLS} FROM outbox WHERE id = $1");
    for id in ids {
        on_tx!(tx, c => sqlx::query("UPDATE outbox SET locked_until = $2 WHERE id = $1")
            .bind(id).bind(now + lock_ms).execute(c).await.map(|r| r.rows_affected()))?;
        let row = on_tx!(tx, c => sqlx::query_as::<_, OutboxRow>(sqlx::AssertSqlSafe(sql.clone()))
            .bind(id).fetch_one(c).await)?;
        let raw: Vec<u8> = on_tx!(tx, c => sqlx::query_scalar("SELECT raw FROM outbox WHERE id = $1")
            .bind(id).fetch_one(c).await)?;
        out.push((row, raw));
    }
    Ok(out)
}

/// Records the SMTP server's acceptance.
pub async fn mark_sent(tx: &mut Tx<'_>, id: i64, response: &str, at: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE outbox SET status = 'sent', smtp_response = $2, sent_at = $3, attempts = attempts + 1,
         locked_until = NULL, last_error = NULL WHERE id = $1")
        .bind(id).bind(response).bind(at).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records a failed attempt: retried at `next_attempt_at`, or given up (`failed`) when `None`.
pub async fn mark_attempt_failed(
    tx: &mut Tx<'_>,
    id: i64,
    error: &str,
    next_attempt_at: Option<i64>,
) -> Result<()> {
    let (status, next) = match next_attempt_at {
        Some(t) => (OutboxStatus::Queued, Some(t)),
        None => (OutboxStatus::Failed, None),
    };
    on_tx!(tx, c => sqlx::query(
        "UPDATE outbox SET status = $2, next_attempt_at = COALESCE($3, next_attempt_at), attempts = attempts + 1,
         locked_until = NULL, last_error = $4 WHERE id = $1")
        .bind(id).bind(status.as_str()).bind(next).bind(error).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Outbox entries of a ticket, oldest first.
pub async fn outbox_of_ticket(tx: &mut Tx<'_>, ticket_id: i64) -> Result<Vec<OutboxRow>> {
    let sql = format!("SELECT {OUTBOX_COLS} FROM outbox WHERE ticket_id = $1 ORDER BY id");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, OutboxRow>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(ticket_id).fetch_all(c).await)?,
    )
}

/// Outbox entries, newest first, optionally of one status.
pub async fn list_outbox(
    tx: &mut Tx<'_>,
    status: Option<OutboxStatus>,
    limit: i64,
    offset: i64,
) -> Result<Vec<OutboxRow>> {
    let sql = format!(
        "SELECT {OUTBOX_COLS} FROM outbox WHERE ($1 = '' OR status = $1) ORDER BY id DESC LIMIT $2 OFFSET $3"
    );
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, OutboxRow>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(status.map_or("", OutboxStatus::as_str)).bind(limit).bind(offset).fetch_all(c).await)?,
    )
}

/// One outbox entry with its bytes.
pub async fn outbox_raw(tx: &mut Tx<'_>, id: i64) -> Result<(OutboxRow, Vec<u8>)> {
    let sql = format!("SELECT {OUTBOX_COLS} FROM outbox WHERE id = $1");
    let row = on_tx!(tx, c => sqlx::query_as::<_, OutboxRow>(sqlx::AssertSqlSafe(sql.clone()))
        .bind(id).fetch_one(c).await)?;
    let raw = on_tx!(tx, c => sqlx::query_scalar("SELECT raw FROM outbox WHERE id = $1")
        .bind(id).fetch_one(c).await)?;
    Ok((row, raw))
}

/// Takes or renews a lease: true when `holder` holds `key` until `now + ttl_ms`.
pub async fn acquire_lease(
    tx: &mut Tx<'_>,
    key: &str,
    holder: &str,
    now: i64,
    ttl_ms: i64,
) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "INSERT INTO leases (key, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE leases.holder = excluded.holder OR leases.expires_at <= $4")
        .bind(key).bind(holder).bind(now + ttl_ms).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Marks a sent message as bounced: the delivery failure report arrived after the SMTP server
/// had accepted it.
pub async fn mark_outbox_bounced(tx: &mut Tx<'_>, message_id: &str, report: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE outbox SET status = 'bounced', last_error = $2 WHERE message_id = $1")
        .bind(message_id).bind(report).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The Message-IDs of a ticket's mail, oldest first, each with whether it was received.
pub async fn thread_of_ticket(tx: &mut Tx<'_>, ticket_id: i64) -> Result<Vec<(String, bool)>> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT message_id, inbound FROM mail_threads WHERE ticket_id = $1 ORDER BY created_at, message_id")
        .bind(ticket_id).fetch_all(c).await)?)
}

/// Takes pending messages for processing in this transaction; returns the ids taken (those not
/// among them were processed by another worker meanwhile). On PostgreSQL the rows stay locked
/// until the transaction ends, so two nodes never process one message twice.
pub async fn claim_pending(tx: &mut Tx<'_>, ids: &[i64]) -> Result<Vec<i64>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut taken = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        // One row of parameters is the list in `IN (…)`.
        let sql = format!(
            "UPDATE inbound_messages SET attempts = attempts WHERE status = 'pending' AND id IN {} RETURNING id",
            crate::repo::rows_params(tx.backend(), 1, chunk.len())
        );
        let got: Vec<i64> = on_tx!(tx, c => {
            let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            q.fetch_all(c).await
        })?;
        taken.extend(got);
    }
    Ok(taken)
}
