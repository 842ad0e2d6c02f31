//! Processing a stored message: parse, check the sender, thread, write.

use super::decide::{Decision, decide};
use super::openings::Openings;
use super::requests::{append, find_asset, insert_article, open};
use crate::{App, AppError, Result, now_ms};
use podpora_core::{ArticleKind, Channel};
use podpora_mailproto::InboundMessage;
use podpora_store::{
    Tx, repo,
    rows::{AttachmentRow, ContactRow, InboundOutcome},
};

/// Processes up to `limit` pending messages, oldest first; returns how many were taken.
/// A message whose processing fails on a database error stays pending for the next run.
pub async fn process_pending(app: &App, limit: i64) -> Result<usize> {
    let pending = {
        let mut tx = app.db.read().await?;
        repo::mail::pending(&mut tx, limit).await?
    };
    let n = pending.len();
    let sized = pending
        .into_iter()
        .map(|(id, size)| (id, u64::try_from(size).unwrap_or(0)))
        .collect();
    for (_, r) in process_many(app, sized).await {
        r?;
    }
    Ok(n)
}

/// How many messages are read and parsed ahead of the ones being written…
const PARSE_AHEAD: usize = 32;
/// …and how many of their bytes at most (besides the one the writer waits for, whatever its
/// size), so a run of large messages does not hold 32 of them in memory at once.
const PARSE_AHEAD_BYTES: u64 = 128 * 1024 * 1024;
/// How many prepared messages one write transaction records at most.
const WRITE_BATCH: usize = 32;
/// The savepoint around one message's writes inside a batch.
const MESSAGE_SAVEPOINT: &str = "inbound_message";

/// Processes stored messages in the given order and returns each one's status. The next
/// messages are read, parsed and their attachments stored on other threads while the single
/// writer records the earlier ones: every message already prepared when the writer is free is
/// recorded in one transaction, each inside a savepoint of its own, so a rule failure still
/// marks only its own message unprocessable. The writes happen in order, so the result is that
/// of calling [`process`] on each in turn (a reply still finds the ticket its predecessor in the
/// batch opened). Stops at the first database error, which is returned for that message; the
/// rest stay pending.
pub async fn process_many(app: &App, messages: Vec<(i64, u64)>) -> Vec<(i64, Result<String>)> {
    let (send, receive) = tokio::sync::mpsc::unbounded_channel();
    for m in messages {
        let _ = send.send(m);
    }
    drop(send);
    let mut results = Vec::new();
    process_stream(app, receive, |id, r| results.push((id, r))).await;
    results
}

/// [`process_many`] for messages (id, size in bytes) that arrive while earlier ones are
/// processed (a mail stream being stored): the parsing ahead never drains between arrivals.
/// Ends when the sender is dropped or at the first database error; `done` gets each message's
/// status as it is recorded.
pub async fn process_stream(
    app: &App,
    mut incoming: tokio::sync::mpsc::UnboundedReceiver<(i64, u64)>,
    mut done: impl FnMut(i64, Result<String>),
) {
    let mut ahead = Ahead::default();
    // A message that arrived but did not fit the byte budget yet.
    let mut next: Option<(i64, u64)> = None;
    loop {
        ahead.fill(app, &mut next, &mut incoming);
        if ahead.tasks.is_empty() {
            match incoming.recv().await {
                Some(m) => ahead.start(app, m),
                None => break,
            }
        }
        let Some((id, size, task)) = ahead.tasks.pop_front() else {
            continue;
        };
        // Wait for the first; take along whatever else is ready by now.
        let mut batch = vec![(id, joined(task).await)];
        let mut batch_bytes = size;
        while batch.len() < WRITE_BATCH
            && ahead.tasks.front().is_some_and(|(_, _, t)| t.is_finished())
        {
            let Some((id, size, task)) = ahead.tasks.pop_front() else {
                break;
            };
            batch.push((id, joined(task).await));
            batch_bytes += size;
        }
        // The batch's bytes stay counted until it is recorded.
        ahead.fill(app, &mut next, &mut incoming);
        let mut ready = Vec::with_capacity(batch.len());
        let mut unreadable = None;
        for (id, p) in batch {
            match p {
                Ok(p) => ready.push((id, p)),
                Err(e) => {
                    unreadable = Some((id, Err(e)));
                    break;
                }
            }
        }
        let recorded = record(app, ready).await;
        ahead.bytes -= batch_bytes;
        let failed = unreadable.is_some() || recorded.iter().any(|(_, r)| r.is_err());
        for (id, r) in recorded.into_iter().chain(unreadable) {
            done(id, r);
        }
        if failed {
            break;
        }
    }
    for (_, _, task) in ahead.tasks {
        task.abort();
    }
}

/// Messages being read and parsed ahead of the writer, and their bytes (with those of the batch
/// being written).
#[derive(Default)]
struct Ahead {
    tasks: std::collections::VecDeque<(i64, u64, tokio::task::JoinHandle<Result<Prepared>>)>,
    bytes: u64,
}

impl Ahead {
    fn start(&mut self, app: &App, (id, size): (i64, u64)) {
        let app = app.clone();
        self.bytes += size;
        let task = tokio::spawn(async move { prepare(&app, id).await });
        self.tasks.push_back((id, size, task));
    }

    /// Starts arrived messages while both bounds allow; one that does not fit waits in `next`.
    fn fill(
        &mut self,
        app: &App,
        next: &mut Option<(i64, u64)>,
        incoming: &mut tokio::sync::mpsc::UnboundedReceiver<(i64, u64)>,
    ) {
        while self.tasks.len() < PARSE_AHEAD {
            let Some(m) = next.take().or_else(|| incoming.try_recv().ok()) else {
                break;
            };
            if !may_start(self.tasks.len(), self.bytes, m.1) {
                *next = Some(m);
                break;
            }
            self.start(app, m);
        }
    }
}

/// Whether a message of `size` bytes may start parsing with `running` messages and `bytes`
/// bytes ahead: the first always does, however large; the others within both bounds.
fn may_start(running: usize, bytes: u64, size: u64) -> bool {
    running == 0 || (running < PARSE_AHEAD && bytes + size <= PARSE_AHEAD_BYTES)
}

/// The outcome of a preparing task; a panic inside it is a bug and goes on unwinding here.
async fn joined(task: tokio::task::JoinHandle<Result<Prepared>>) -> Result<Prepared> {
    match task.await {
        Ok(p) => p,
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(_) => Err(AppError::Conflict(
            "processing was cancelled; the message stays pending".into(),
        )),
    }
}

/// Processes one stored message and returns its status. Idempotent: a message already
/// processed is left as it is.
pub async fn process(app: &App, id: i64) -> Result<String> {
    let p = prepare(app, id).await?;
    let mut r = record(app, vec![(id, p)]).await;
    match r.pop() {
        Some((_, status)) => status,
        None => Err(AppError::NotFound(format!("inbound message {id}"))),
    }
}

/// A stored message read and parsed, its attachments in the file store: what is left is the
/// decision and the writes.
enum Prepared {
    /// Processed before; its status.
    Done(String),
    Parsed {
        parsed: std::result::Result<Box<(InboundMessage, Vec<AttachmentRow>, Known)>, String>,
        started: std::time::Instant,
    },
}

/// Everything before the write transaction; safe to run ahead and in parallel.
async fn prepare(app: &App, id: i64) -> Result<Prepared> {
    let (row, raw) = {
        let mut tx = app.db.read().await?;
        let row = repo::mail::get_inbound(&mut tx, id).await?;
        if row.status != "pending" {
            return Ok(Prepared::Done(row.status));
        }
        let raw = repo::mail::inbound_raw(&mut tx, id).await?;
        (row, raw)
    };
    let started = std::time::Instant::now();
    let parsed = podpora_mailproto::parse(&raw, &app.config.mail.limits);
    drop(raw);
    let recipients: Vec<String> = row.recipients.lines().map(str::to_owned).collect();
    let parsed = match parsed {
        Err(reason) => Err(reason.to_string()),
        Ok(msg) => {
            let files = store_files(app, &msg).await?;
            let known = look_up(app, &recipients, &msg).await?;
            Ok(Box::new((msg, files, known)))
        }
    };
    Ok(Prepared::Parsed { parsed, started })
}

/// What the intake needs to know about a message's sender and support address that processing
/// mail never changes (staff, contacts, contracts, teams, assets): read on a reader connection
/// while the writer records earlier messages, so the single writer only reads what earlier
/// messages may have written (Message-IDs, tickets, automatic answers).
pub(super) struct Known {
    /// The support address the message was sent to.
    pub(super) support: Option<super::SupportAddress>,
    /// That address's team.
    pub(super) team: Option<podpora_store::rows::TeamRow>,
    /// The sender, when it is one of our agents.
    pub(super) agent: Option<podpora_store::rows::AgentRow>,
    /// The sender, when it is a registered contact.
    pub(super) contact: Option<ContactRow>,
    /// For a contact: the plan that times an e-mail request, or why e-mail is not included.
    pub(super) plan: std::result::Result<Option<i64>, String>,
    /// For a contact: whether the plan's e-mail hours were closed when the message was read.
    pub(super) outside_hours: Option<crate::plans::OutsideHours>,
    /// The asset named in the subject that the contact may use, or the one it may not (named).
    pub(super) asset: (Option<i64>, Option<String>),
    /// How many of our staff's personal addresses the message was copied to.
    pub(super) staff_copies: i64,
}

async fn look_up(app: &App, recipients: &[String], msg: &InboundMessage) -> Result<Known> {
    let routed_by = recipients
        .iter()
        .map(String::as_str)
        .chain(msg.delivered_to.iter().map(String::as_str))
        .chain(msg.to.iter().chain(&msg.cc).map(|m| m.address.as_str()));
    let mail = app.mail_config();
    let support = mail.route(routed_by).cloned();
    let mut tx = app.db.read().await?;
    let team = match support.as_ref() {
        Some(super::SupportAddress {
            team_id: Some(id), ..
        }) => repo::agents::get_team(&mut tx, *id).await.ok(),
        Some(super::SupportAddress {
            team: Some(name), ..
        }) => repo::agents::find_team_by_name(&mut tx, name).await?,
        _ => None,
    };
    let mut known = Known {
        support,
        team,
        agent: None,
        contact: None,
        plan: Ok(None),
        outside_hours: None,
        asset: (None, None),
        staff_copies: 0,
    };
    let Some(sender) = msg.sender() else {
        return Ok(known);
    };
    known.agent = repo::agents::find_agent_by_email(&mut tx, &sender.address).await?;
    known.contact = repo::customers::find_contact_by_email(&mut tx, &sender.address).await?;
    if let Some(contact) = &known.contact {
        known.staff_copies = super::requests::staff_copies(&mut tx, &mail.addresses, msg).await?;
        known.asset = find_asset(&mut tx, contact, msg).await?;
        // The plan decides whether e-mail is an included channel, a contract for
        // the asset the message is about first, as for every other channel.
        let (org, asset, now) = (contact.organization_id, known.asset.0, now_ms());
        match crate::tickets::intake::entitle(&mut tx, org, asset, Channel::Email, now).await {
            Ok((e, outside_hours)) => {
                known.outside_hours = outside_hours;
                known.plan = Ok(e.plan_id);
            }
            Err(AppError::Validation(e)) => known.plan = Err(e.to_string()),
            Err(e) => return Err(e),
        }
    }
    Ok(known)
}

/// Records prepared messages on the writer, all in one transaction. Rule failures are rare, so
/// the batch is first written without a savepoint per message; when any message fails, the
/// batch is rolled back and each message is recorded alone, where a rule failure marks only that
/// message unprocessable and a database failure is returned for it (the rest after it are not
/// tried).
async fn record(app: &App, batch: Vec<(i64, Prepared)>) -> Vec<(i64, Result<String>)> {
    if batch.is_empty() {
        return Vec::new();
    }
    let batch = std::sync::Arc::new(batch);
    let on_writer = |range: std::ops::Range<usize>| {
        let (app2, batch) = (app.clone(), batch.clone());
        let alone = range.len() == 1;
        app.db
            .on_writer(async move { record_in_one(&app2, &batch[range], alone).await })
    };
    let mut results = Vec::with_capacity(batch.len());
    match on_writer(0..batch.len()).await {
        Ok(statuses) => results.extend(statuses.into_iter().map(|(id, s)| (id, Ok(s)))),
        Err(e) if batch.len() == 1 => results.push((batch[0].0, Err(e))),
        Err(_) => {
            for (i, (id, _)) in batch.iter().enumerate() {
                match on_writer(i..i + 1).await {
                    Ok(mut s) => results.extend(s.pop().map(|(id, s)| (id, Ok(s)))),
                    Err(e) => {
                        results.push((*id, Err(e)));
                        break;
                    }
                }
            }
        }
    }
    app.outbox_wakeup.notify_one();
    for (id, r) in &results {
        if let (Ok(status), Some((_, Prepared::Parsed { started, .. }))) =
            (r, batch.iter().find(|(i, _)| i == id))
        {
            metrics::counter!("podpora_mail_processed_total", "status" => status.clone())
                .increment(1);
            metrics::histogram!("podpora_mail_process_seconds").record(started.elapsed());
        }
    }
    results
}

/// The decision and the writes of each message, in one transaction. With `isolate`, each
/// message's writes are inside a savepoint: a rule or data problem rolls back only its writes
/// and keeps it as unprocessable with the reason, for an operator to reprocess; without it, any
/// failure fails the whole transaction.
async fn record_in_one(
    app: &App,
    batch: &[(i64, Prepared)],
    isolate: bool,
) -> Result<Vec<(i64, String)>> {
    let mut tx = app.db.begin().await?;
    let mut out: Vec<(i64, String)> = Vec::with_capacity(batch.len());
    let mut openings = Openings::default();
    let parsed: Vec<i64> = batch
        .iter()
        .filter(|(_, p)| matches!(p, Prepared::Parsed { .. }))
        .map(|(id, _)| *id)
        .collect();
    let claimed: std::collections::HashSet<i64> = repo::mail::claim_pending(&mut tx, &parsed)
        .await?
        .into_iter()
        .collect();
    for (id, p) in batch {
        // The same message twice in a batch (an MTA's retry stored as the same row) is decided
        // once; its outcome may not be written yet.
        if let Some((_, status)) = out.iter().find(|(done, _)| done == id) {
            out.push((*id, status.clone()));
            continue;
        }
        let parsed = match p {
            Prepared::Done(status) => {
                out.push((*id, status.clone()));
                continue;
            }
            Prepared::Parsed { .. } if !claimed.contains(id) => {
                // Another worker processed it since it was read.
                out.push((*id, repo::mail::get_inbound(&mut tx, *id).await?.status));
                continue;
            }
            Prepared::Parsed { parsed, .. } => parsed,
        };
        let refused = match parsed {
            Err(reason) => format!("cannot be read as e-mail: {reason}"),
            Ok(parsed) => {
                let (msg, files, known) = &**parsed;
                if openings.must_flush_before(msg, &app.config.mail.tag) {
                    openings.flush(app, &mut tx).await?;
                }
                if isolate {
                    tx.savepoint(MESSAGE_SAVEPOINT).await?;
                }
                let mut r =
                    ingest(app, &mut tx, *id, msg, files.clone(), known, &mut openings).await;
                if isolate && r.is_ok() {
                    // Alone, the message's request is written inside its savepoint.
                    if let Err(e) = openings.flush(app, &mut tx).await {
                        r = Err(e);
                    }
                }
                match r {
                    Ok(status) => {
                        if isolate {
                            tx.release(MESSAGE_SAVEPOINT).await?;
                        }
                        out.push((*id, status));
                        continue;
                    }
                    Err(
                        e @ (AppError::Validation(_)
                        | AppError::Conflict(_)
                        | AppError::NotFound(_)
                        | AppError::Forbidden(_)),
                    ) if isolate => {
                        tx.rollback_to(MESSAGE_SAVEPOINT).await?;
                        tx.release(MESSAGE_SAVEPOINT).await?;
                        e.to_string()
                    }
                    Err(e) => return Err(e),
                }
            }
        };
        let o = InboundOutcome {
            status: "unprocessable".into(),
            reason: Some(refused),
            ..Default::default()
        };
        repo::mail::set_outcome(&mut tx, *id, &o, now_ms()).await?;
        out.push((*id, o.status));
    }
    openings.flush(app, &mut tx).await?;
    tx.commit().await?;
    Ok(out)
}

/// Attachments go to the content-addressed file store before the transaction: storing the same
/// file twice is harmless, and the single database writer never waits for the disk.
async fn store_files(app: &App, msg: &InboundMessage) -> Result<Vec<AttachmentRow>> {
    let mut rows = Vec::with_capacity(msg.attachments.len());
    for a in &msg.attachments {
        let sha256 = app.files.put_hashed(&a.data, a.sha256.clone()).await?;
        rows.push(AttachmentRow {
            id: 0,
            article_id: 0,
            filename: a.file_name.clone(),
            content_type: a.content_type.clone(),
            size_bytes: a.data.len() as i64,
            sha256,
        });
    }
    Ok(rows)
}

/// The decision and every write of one message, in the caller's transaction, which has claimed
/// it.
async fn ingest(
    app: &App,
    tx: &mut Tx<'_>,
    inbound_id: i64,
    msg: &InboundMessage,
    files: Vec<AttachmentRow>,
    known: &Known,
    openings: &mut Openings,
) -> Result<String> {
    let now = now_ms();
    let mut out = InboundOutcome {
        message_id: Some(msg.message_id.clone()),
        subject: Some(msg.subject.clone()),
        sender: msg.sender().map(|m| m.address.clone()),
        ..Default::default()
    };
    let decision = decide(app, tx, openings, msg, known, now).await?;
    match decision {
        Decision::Reject(reason) => {
            out.status = "rejected".into();
            out.reason = Some(reason);
        }
        Decision::Duplicate {
            ticket_id,
            article_id,
        } => {
            out.status = "duplicate".into();
            out.reason = Some(format!(
                "the same message (Message-ID {}) was received before; it is one article",
                msg.message_id
            ));
            out.ticket_id = Some(ticket_id);
            out.article_id = article_id;
        }
        Decision::Note {
            ticket,
            author,
            text,
            agent_id,
        } => {
            let article = insert_article(
                tx,
                &ticket,
                msg,
                ArticleKind::InternalNote,
                author,
                agent_id,
                None,
                text,
                files,
                now,
            )
            .await?;
            out.status = "processed".into();
            out.ticket_id = Some(ticket.id);
            out.article_id = Some(article);
        }
        Decision::Append { ticket, contact } => {
            let (ticket_id, article) = append(app, tx, ticket, &contact, msg, files, now).await?;
            out.status = "processed".into();
            out.ticket_id = Some(ticket_id);
            out.article_id = Some(article);
        }
        Decision::Open {
            contact,
            follows,
            plan_id,
        } => {
            // Written with the batch's other new requests, outcome included.
            out.status = "processed".into();
            let opening = open(
                app, tx, openings, inbound_id, &contact, msg, files, known, follows, plan_id, out,
                now,
            )
            .await?;
            openings.push(opening);
            return Ok("processed".into());
        }
    }
    repo::mail::set_outcome(tx, inbound_id, &out, now).await?;
    Ok(out.status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing_ahead_is_bounded_by_count_and_bytes() {
        const MIB: u64 = 1024 * 1024;
        assert!(may_start(0, 0, 50 * MIB), "the next message always starts");
        assert!(
            may_start(0, 500 * MIB, 50 * MIB),
            "…even with a large batch being written"
        );
        assert!(may_start(5, 10 * MIB, MIB));
        assert!(!may_start(PARSE_AHEAD, 0, 1), "at most PARSE_AHEAD at once");
        assert!(may_start(2, 100 * MIB, 28 * MIB));
        assert!(
            !may_start(2, 100 * MIB, 29 * MIB),
            "at most PARSE_AHEAD_BYTES besides the first"
        );
    }
}
