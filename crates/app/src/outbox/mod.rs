//! The outbox: mail is written here in the transaction that decides to send it, and a worker
//! delivers it by SMTP with retries. Tickets, SLA, plans, the portal and the mail intake all
//! queue their messages here; the outbox knows none of them, so what a delivery means to a
//! ticket (a confirmation's acceptance is the reaction event of the SLA, R-31) is decided by
//! the tickets (`tickets::record_sent`).

mod compose;
mod views;
mod written;

pub use compose::new_message_id;
pub(crate) use compose::{MailFile, Origin};
pub(crate) use views::of_ticket;
pub use views::{OutboxMessage, list_outbox};
pub(crate) use written::{Written, queue_written};

use crate::{Actor, App, AppError, Result, audit, now_ms};
use compose::Draft;
use podpora_core::Language;
use podpora_render::MailTemplate;
use podpora_store::{
    Tx, repo,
    rows::{AgentRow, OutboxRow, TicketRow},
};

/// Attempts before a temporary failure is given up as permanent.
const MAX_ATTEMPTS: i64 = 10;
/// How long a claimed message stays locked for one worker.
const LOCK_MS: i64 = 5 * 60_000;

/// What to send and why.
pub(crate) struct Notice<'a> {
    pub ticket: Option<&'a TicketRow>,
    pub article_id: Option<i64>,
    /// `confirmation`, `agent_reply`, `unknown_sender`, `asset_not_permitted`, `out_of_scope`,
    /// `sla_warning`, `sla_breach`
    pub purpose: &'static str,
    pub origin: Origin,
    pub to: &'a str,
    pub language: Language,
    pub template: MailTemplate,
    /// The message this one answers, for the recipient's mail program to thread it.
    pub in_reply_to: Option<&'a str>,
    pub references: Vec<String>,
}

/// A notice rendered and built, ready for the outbox.
pub(crate) struct Composed {
    pub ticket_id: Option<i64>,
    pub article_id: Option<i64>,
    pub purpose: &'static str,
    pub automatic: bool,
    pub message_id: String,
    pub from: String,
    pub to: String,
    pub subject: String,
    pub raw: Vec<u8>,
}

impl Composed {
    /// The outbox row, due at `now`.
    pub fn outbound(&self, now: i64) -> repo::mail::NewOutbound<'_> {
        repo::mail::NewOutbound {
            ticket_id: self.ticket_id,
            article_id: self.article_id,
            purpose: self.purpose,
            automatic: self.automatic,
            message_id: &self.message_id,
            mail_from: &self.from,
            recipient: &self.to,
            subject: &self.subject,
            raw: &self.raw,
            now,
        }
    }
}

/// Renders a notice in its language and builds the message (no I/O).
pub(crate) fn compose(app: &App, n: Notice<'_>) -> Result<Composed> {
    compose_with_files(app, n, &[])
}

/// Like [`compose`], with files attached.
fn compose_with_files(app: &App, n: Notice<'_>, files: &[MailFile]) -> Result<Composed> {
    let rendered = app
        .renderer()?
        .mail_with(
            &n.template,
            n.language,
            &app.mail_texts.of(n.template.name(), n.language),
        )
        .map_err(|e| AppError::Conflict(format!("mail template {}: {e}", n.template.name())))?;
    let subject = match n.ticket {
        Some(t) => {
            podpora_mailproto::subject_with_tag(&rendered.subject, &t.number, &app.config.mail.tag)
        }
        None => rendered.subject.clone(),
    };
    let from = app.from_address();
    let message_id = compose::new_message_id(
        n.ticket.map(|t| t.number.as_str()),
        compose::domain_of(&from),
    );
    let mut references = n.references;
    if let Some(parent) = n.in_reply_to
        && !references.iter().any(|r| r == parent)
    {
        references.push(parent.to_owned());
    }
    let raw = compose::build(&Draft {
        from_name: &app.config.mail.company_name,
        from: &from,
        to: n.to,
        subject: &subject,
        text: &rendered.text,
        html: &rendered.html,
        message_id: &message_id,
        in_reply_to: n.in_reply_to,
        references: &references,
        origin: n.origin,
        files,
    })?;
    Ok(Composed {
        ticket_id: n.ticket.map(|t| t.id),
        article_id: n.article_id,
        purpose: n.purpose,
        automatic: n.origin.is_automatic(),
        message_id,
        from,
        to: n.to.to_owned(),
        subject,
        raw,
    })
}

/// Renders, builds and queues a message in the caller's transaction; returns the outbox id.
pub(crate) async fn queue(app: &App, tx: &mut Tx<'_>, n: Notice<'_>, now: i64) -> Result<i64> {
    queue_with_files(app, tx, n, &[], now).await
}

/// Like [`queue`], with files attached.
async fn queue_with_files(
    app: &App,
    tx: &mut Tx<'_>,
    n: Notice<'_>,
    files: &[MailFile],
    now: i64,
) -> Result<i64> {
    let m = compose_with_files(app, n, files)?;
    let id = repo::mail::enqueue(tx, &m.outbound(now)).await?;
    if let Some(ticket_id) = m.ticket_id {
        repo::mail::remember_message_id(tx, &m.message_id, ticket_id, m.article_id, false, now)
            .await?;
    }
    // The sender is woken by the caller once the transaction commits: woken now, it could look
    // before the message is visible and sleep until its next poll.
    Ok(id)
}

/// A message claimed for sending.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    /// Outbox id: report the outcome with it.
    pub id: i64,
    /// Envelope sender.
    pub from: String,
    /// Envelope recipients.
    pub to: Vec<String>,
    /// The message.
    pub raw: Vec<u8>,
}

/// Claims up to `limit` messages due now; each stays locked to this worker for a few minutes.
pub async fn claim_due(app: &App, limit: i64) -> Result<Vec<OutgoingMail>> {
    let db = app.db.clone();
    let rows = app
        .db
        .on_writer(async move {
            let mut tx = db.begin().await?;
            let rows = repo::mail::claim_due(&mut tx, now_ms(), limit, LOCK_MS).await?;
            tx.commit().await?;
            Ok::<_, AppError>(rows)
        })
        .await?;
    Ok(rows
        .into_iter()
        .map(|(r, raw)| OutgoingMail {
            id: r.id,
            from: r.mail_from,
            to: vec![r.recipient],
            raw,
        })
        .collect())
}

/// Records that the SMTP server accepted a message at `at` (epoch ms); returns the message.
pub(crate) async fn mark_sent(app: &App, id: i64, response: &str, at: i64) -> Result<OutboxRow> {
    let (db, response) = (app.db.clone(), response.to_owned());
    let row = app
        .db
        .on_writer(async move {
            let mut tx = db.begin().await?;
            let (row, _) = repo::mail::outbox_raw(&mut tx, id).await?;
            repo::mail::mark_sent(&mut tx, id, &response, at).await?;
            tx.commit().await?;
            Ok::<_, AppError>(row)
        })
        .await?;
    metrics::counter!("podpora_mail_sent_total", "purpose" => row.purpose.clone()).increment(1);
    Ok(row)
}

/// Records a failed attempt. Temporary failures are retried with growing pauses; a permanent
/// one (or too many attempts) marks the message failed and notes it on the ticket.
pub async fn record_failure(app: &App, id: i64, error: &str, permanent: bool) -> Result<()> {
    let (db, error) = (app.db.clone(), error.to_owned());
    app.db
        .on_writer(async move {
            let now = now_ms();
            let mut tx = db.begin().await?;
            let (row, _) = repo::mail::outbox_raw(&mut tx, id).await?;
            let give_up = permanent || row.attempts + 1 >= MAX_ATTEMPTS;
            let next = (!give_up).then(|| now + backoff_ms(row.attempts));
            repo::mail::mark_attempt_failed(&mut tx, id, &error, next).await?;
            if give_up && let Some(ticket_id) = row.ticket_id {
                audit::changed(
                    &mut tx,
                    "ticket",
                    ticket_id,
                    &Actor::System,
                    now,
                    vec![(
                        "mail_failed",
                        None,
                        Some(format!("{} to {}: {error}", row.purpose, row.recipient)),
                    )],
                    None,
                )
                .await?;
            }
            tx.commit().await?;
            Ok::<_, AppError>(())
        })
        .await?;
    metrics::counter!("podpora_mail_send_failures_total", "permanent" => permanent.to_string())
        .increment(1);
    Ok(())
}

/// 30 s, 1 min, 2 min … capped at one hour.
fn backoff_ms(attempts: i64) -> i64 {
    let step = 30_000_i64.saturating_mul(1_i64 << attempts.clamp(0, 7));
    step.min(3_600_000)
}

/// Queues an agent's public reply, with its files, to the ticket's reply address, threaded
/// after the customer's last mail so their mail program shows one conversation.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn queue_agent_reply(
    app: &App,
    tx: &mut Tx<'_>,
    ticket: &TicketRow,
    article_id: i64,
    agent_name: &str,
    body: &str,
    files: &[MailFile],
    now: i64,
) -> Result<()> {
    let Some(to) = ticket.reply_to.as_deref() else {
        return Ok(());
    };
    let language = match ticket.requester_id {
        Some(id) => repo::customers::get_contact(tx, id).await?.language,
        None => Language::default(),
    };
    let thread = repo::mail::thread_of_ticket(tx, ticket.id).await?;
    let parent = thread
        .iter()
        .rev()
        .find(|(_, inbound)| *inbound)
        .map(|(id, _)| id.clone());
    // The first and the last few ids are enough for every mail program to thread (RFC 5322 3.6.4).
    let mut references: Vec<String> = thread.iter().take(1).map(|(id, _)| id.clone()).collect();
    references.extend(
        thread
            .iter()
            .skip(1)
            .rev()
            .take(8)
            .rev()
            .map(|(id, _)| id.clone()),
    );
    queue_with_files(
        app,
        tx,
        Notice {
            ticket: Some(ticket),
            article_id: Some(article_id),
            purpose: "agent_reply",
            origin: Origin::Person,
            to,
            language,
            template: MailTemplate::AgentReply {
                ticket_number: ticket.number.clone(),
                subject: ticket.subject.clone(),
                agent_name: agent_name.to_owned(),
                body_text: body.to_owned(),
            },
            in_reply_to: parent.as_deref(),
            references,
        },
        files,
        now,
    )
    .await?;
    Ok(())
}

/// Queues the prepared out-of-scope answer to the ticket's reply address.
pub(crate) async fn queue_out_of_scope(
    app: &App,
    tx: &mut Tx<'_>,
    ticket: &TicketRow,
    to: &str,
    language: Language,
    answer: &str,
    now: i64,
) -> Result<i64> {
    let thread = repo::mail::thread_of_ticket(tx, ticket.id).await?;
    let parent = thread
        .iter()
        .rev()
        .find(|(_, inbound)| *inbound)
        .map(|(id, _)| id.clone());
    queue(
        app,
        tx,
        Notice {
            ticket: Some(ticket),
            article_id: None,
            purpose: "out_of_scope",
            origin: Origin::Person,
            to,
            language,
            template: MailTemplate::OutOfScope {
                ticket_number: ticket.number.clone(),
                subject: ticket.subject.clone(),
                answer_text: answer.to_owned(),
            },
            in_reply_to: parent.as_deref(),
            references: thread.into_iter().map(|(id, _)| id).take(10).collect(),
        },
        now,
    )
    .await
}

/// Queues an automatic notice about a ticket to an agent (SLA warnings and breaches), in the
/// agent's language. It answers
/// no message, so it starts no thread and is marked `auto-generated`.
pub(crate) async fn queue_staff_notice(
    app: &App,
    tx: &mut Tx<'_>,
    ticket: &TicketRow,
    to: &AgentRow,
    purpose: &'static str,
    template: MailTemplate,
    now: i64,
) -> Result<i64> {
    queue(
        app,
        tx,
        Notice {
            ticket: Some(ticket),
            article_id: None,
            purpose,
            origin: Origin::AutoGenerated,
            to: &to.email,
            language: to.language,
            template,
            in_reply_to: None,
            references: Vec::new(),
        },
        now,
    )
    .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(super::backoff_ms(0), 30_000);
        assert_eq!(super::backoff_ms(1), 60_000);
        assert_eq!(super::backoff_ms(20), 3_600_000);
    }
}
