//! The e-mail channel's inbound use cases: accept a raw message
//! durably, then parse, thread and decide it, and hand a new request to the one intake
//! (`tickets::intake`). What we send goes through [`crate::outbox`].
//!
//! Accepting and processing are separate steps. [`accept`] only stores the bytes, so an MTA can be
//! told `250` the moment they are committed; [`process_pending`] parses, checks the sender, threads
//! and writes, and is idempotent: a message is processed once however often it is delivered, and a
//! crash between the two steps leaves it pending, to be processed on the next run.

mod decide;
mod ingest;
mod inline;
mod openings;
mod requests;

pub use ingest::{process, process_many, process_pending, process_stream};
pub use inline::{OriginalHtml, original_html};

use crate::{Actor, App, AppError, Page, Result, dto::Paged, error::NotFoundAs, now_ms, rfc3339};
use podpora_core::{Language, auth::Permission};
use podpora_mailproto::{Limits, normalize_address, threading::SubjectTag};
use podpora_store::{repo, rows::InboundRow};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// One of our support addresses: mail to it goes to a team, answers go out in its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportAddress {
    /// The address, normalised (lower case).
    pub address: String,
    /// The team (queue) new requests to this address go to, by name.
    pub team: Option<String>,
    /// The same team by id, for an address stored in the database (which names its team by id,
    /// so that renaming the team keeps the routing).
    pub team_id: Option<i64>,
    /// The language of automatic answers to unknown senders.
    pub language: Language,
}

/// Settings of the e-mail channel.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// Our addresses; the first is the default sender of automatic mail.
    pub addresses: Vec<SupportAddress>,
    /// The company name shown in the sender and in automatic answers.
    pub company_name: String,
    /// The ticket tag in subjects.
    pub tag: SubjectTag,
    /// A reply to a resolved or closed ticket reopens it within this many days; later it opens
    /// a new ticket that names the old one.
    pub reopen_days: u32,
    /// Most automatic answers to one address in an hour (loop protection, RFC 3834).
    pub auto_reply_per_hour: u32,
    /// Parsing limits (sizes, nesting).
    pub limits: Limits,
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            addresses: Vec::new(),
            company_name: "podpora".into(),
            tag: SubjectTag::default(),
            reopen_days: 14,
            auto_reply_per_hour: 10,
            limits: Limits::default(),
        }
    }
}

impl MailConfig {
    /// Whether an address is one of ours; with none configured, every address is.
    pub fn is_ours(&self, address: &str) -> bool {
        let a = normalize_address(address).unwrap_or_else(|| address.to_ascii_lowercase());
        self.addresses.is_empty() || self.addresses.iter().any(|s| s.address == a)
    }

    /// The support address a message came in through: the first envelope recipient that is
    /// ours, else the first configured address.
    pub fn route<'a>(
        &'a self,
        recipients: impl IntoIterator<Item = &'a str>,
    ) -> Option<&'a SupportAddress> {
        let mut wanted = recipients.into_iter().filter_map(normalize_address);
        wanted
            .find_map(|r| self.addresses.iter().find(|s| s.address == r))
            .or(self.addresses.first())
    }

    /// The address automatic mail is sent from.
    pub fn from_address(&self) -> String {
        self.addresses
            .first()
            .map(|a| a.address.clone())
            .unwrap_or_else(|| "support@localhost".into())
    }
}

/// Where a message came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Delivered by an MTA over LMTP.
    Lmtp,
    /// Fetched from an IMAP mailbox.
    Imap,
    /// Piped in by `podpora mailgate`.
    Mailgate,
    /// Uploaded through the API.
    Api,
}

impl Source {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Lmtp => "lmtp",
            Source::Imap => "imap",
            Source::Mailgate => "mailgate",
            Source::Api => "api",
        }
    }
}

/// A message stored and waiting for processing (or processed before).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Accepted {
    /// The inbound message's id.
    pub id: i64,
    /// False when the same bytes had been stored before (nothing new was written).
    pub new: bool,
}

/// Stores a raw message durably, before anything else happens. Returns once the row is
/// committed; the same bytes delivered again give back the first row.
pub async fn accept(
    app: &App,
    source: Source,
    mail_from: &str,
    recipients: &[String],
    raw: Vec<u8>,
) -> Result<Accepted> {
    if raw.is_empty() {
        return Err(AppError::field("raw", "the message is empty"));
    }
    // One message is a batch of one: the same statement, commit and wake-up.
    accept_many(app, source, mail_from, recipients, vec![raw])
        .await?
        .pop()
        .unwrap_or_else(|| Err(AppError::Conflict("the message was not stored".into())))
}

/// Stores many raw messages in one transaction (an mbox stream from `podpora mailgate --batch`):
/// one commit for the lot instead of one per message, and nothing is stored unless all are.
/// Returns one result per message, in order; empty messages are refused without a write.
pub async fn accept_many(
    app: &App,
    source: Source,
    mail_from: &str,
    recipients: &[String],
    raws: Vec<Vec<u8>>,
) -> Result<Vec<Result<Accepted>>> {
    let recipients = recipients.join("\n");
    let mail_from = mail_from.to_owned();
    // Hashed here, so the single writer only writes.
    let hashed: Vec<(String, Vec<u8>)> = raws
        .into_iter()
        .map(|raw| (hex::encode(Sha256::digest(&raw)), raw))
        .collect();
    let db = app.db.clone();
    let results = app
        .db
        .on_writer(async move {
            let mut tx = db.begin().await?;
            let received_at = now_ms();
            let rows: Vec<repo::mail::NewInbound<'_>> = hashed
                .iter()
                .filter(|(_, raw)| !raw.is_empty())
                .map(|(sha256, raw)| repo::mail::NewInbound {
                    sha256,
                    source: source.as_str(),
                    mail_from: &mail_from,
                    recipients: &recipients,
                    raw,
                    received_at,
                })
                .collect();
            let mut stored = repo::mail::accept_many(&mut tx, &rows).await?.into_iter();
            tx.commit().await?;
            let mut results = Vec::with_capacity(hashed.len());
            for (_, raw) in &hashed {
                if raw.is_empty() {
                    results.push(Err(AppError::field("raw", "the message is empty")));
                    continue;
                }
                results.push(match stored.next() {
                    Some((id, new)) => Ok(Accepted { id, new }),
                    None => Err(AppError::Conflict("a stored message got no id".into())),
                });
            }
            Ok::<_, AppError>(results)
        })
        .await?;
    let new = results
        .iter()
        .filter(|r| matches!(r, Ok(Accepted { new: true, .. })))
        .count();
    if new > 0 {
        app.mail_wakeup.notify_one();
        metrics::counter!("podpora_mail_accepted_total", "source" => source.as_str())
            .increment(new as u64);
    }
    Ok(results)
}

/// A received message as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InboundMessage {
    /// Id.
    pub id: i64,
    /// `lmtp`, `imap`, `mailgate` or `api`.
    pub source: String,
    /// Envelope sender.
    pub mail_from: String,
    /// Envelope recipients.
    pub recipients: Vec<String>,
    /// Size of the raw message in bytes.
    pub size_bytes: i64,
    /// Received (RFC 3339).
    pub received_at: String,
    /// `pending`, `processed`, `duplicate`, `rejected` or `unprocessable`.
    pub status: String,
    /// Why it was rejected or could not be processed.
    pub reason: Option<String>,
    /// Its Message-ID.
    pub message_id: Option<String>,
    /// The sender's address (From).
    pub sender: Option<String>,
    /// Its subject.
    pub subject: Option<String>,
    /// The ticket it went to.
    pub ticket_number: Option<String>,
    /// The article it became.
    pub article_id: Option<i64>,
    /// How many times processing ran.
    pub attempts: i64,
    /// SHA-256 of the raw bytes.
    pub sha256: String,
}

async fn to_view(tx: &mut podpora_store::Tx<'_>, r: InboundRow) -> Result<InboundMessage> {
    let ticket_number = match r.ticket_id {
        Some(id) => Some(repo::tickets::get_by_id(tx, id).await?.number),
        None => None,
    };
    Ok(InboundMessage {
        id: r.id,
        source: r.source,
        mail_from: r.mail_from,
        recipients: r.recipients.lines().map(str::to_owned).collect(),
        size_bytes: r.size_bytes,
        received_at: rfc3339(r.received_at),
        status: r.status,
        reason: r.reason,
        message_id: r.message_id,
        sender: r.sender,
        subject: r.subject,
        ticket_number,
        article_id: r.article_id,
        attempts: r.attempts,
        sha256: r.sha256,
    })
}

fn require_mail_admin(actor: &Actor) -> Result<()> {
    actor.require(Permission::ManageMail)
}

/// Received messages, newest first; `status` filters (`unprocessable`, `rejected`, …).
pub async fn list_inbound(
    app: &App,
    actor: &Actor,
    status: Option<&str>,
    page: Page,
) -> Result<Paged<InboundMessage>> {
    require_mail_admin(actor)?;
    const STATUSES: [&str; 5] = [
        "pending",
        "processed",
        "duplicate",
        "rejected",
        "unprocessable",
    ];
    if let Some(s) = status
        && !STATUSES.contains(&s)
    {
        return Err(AppError::field(
            "status",
            format!("unknown status {s:?}: use one of {}", STATUSES.join(", ")),
        ));
    }
    let (limit, offset) = page.limit_offset();
    let mut tx = app.db.read().await?;
    let (rows, total) = repo::mail::list_inbound(&mut tx, status, limit, offset).await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        items.push(to_view(&mut tx, r).await?);
    }
    let (page, per_page) = page.resolved();
    Ok(Paged {
        items,
        page,
        per_page,
        total,
    })
}

/// One received message.
pub async fn get_inbound(app: &App, actor: &Actor, id: i64) -> Result<InboundMessage> {
    require_mail_admin(actor)?;
    let mut tx = app.db.read().await?;
    let r = repo::mail::get_inbound(&mut tx, id)
        .await
        .not_found(|| format!("inbound message {id}"))?;
    to_view(&mut tx, r).await
}

/// The raw bytes of a received message, exactly as they arrived.
pub async fn inbound_raw(app: &App, actor: &Actor, id: i64) -> Result<Vec<u8>> {
    require_mail_admin(actor)?;
    let mut tx = app.db.read().await?;
    repo::mail::inbound_raw(&mut tx, id)
        .await
        .not_found(|| format!("inbound message {id}"))
}

/// The original message an article was made from (R-70: the full original is kept), for staff.
///
/// Customers (an organization's key, a portal contact) are refused whatever the article: an
/// original carries every header and recipient as it arrived (internal addresses in copy, the
/// relays it passed, other people's replies quoted) and the article's text and files already
/// give them its content. Every other refusal reads like "original mail of article N not
/// found": it tells nothing of the ticket.
pub async fn article_raw(app: &App, actor: &Actor, article_id: i64) -> Result<Vec<u8>> {
    actor.require(Permission::ReadTickets)?;
    if actor.is_customer() {
        return Err(AppError::Forbidden(
            "original messages are for staff; the article's text and files are in the ticket"
                .into(),
        ));
    }
    let hidden = || AppError::NotFound(format!("original mail of article {article_id}"));
    let mut tx = app.db.read().await?;
    let (ticket_id, kind) = repo::articles::ticket_and_kind(&mut tx, article_id)
        .await
        .map_err(|e| match e {
            podpora_store::StoreError::NotFound => hidden(),
            e => e.into(),
        })?;
    let t = repo::tickets::get_by_id(&mut tx, ticket_id).await?;
    crate::tickets::ensure_article_visible(&mut tx, actor, &t, &kind)
        .await
        .map_err(|e| match e {
            AppError::NotFound(_) => hidden(),
            e => e,
        })?;
    let inbound = repo::mail::inbound_of_article(&mut tx, article_id)
        .await?
        .ok_or_else(hidden)?;
    Ok(repo::mail::inbound_raw(&mut tx, inbound).await?)
}

/// Processes a rejected or unprocessable message again (after a fix: a contact registered, a
/// limit raised) and returns the outcome.
pub async fn reprocess(app: &App, actor: &Actor, id: i64) -> Result<InboundMessage> {
    require_mail_admin(actor)?;
    let db = app.db.clone();
    let requeued = app
        .db
        .on_writer(async move {
            let mut tx = db.begin().await?;
            let row = repo::mail::get_inbound(&mut tx, id)
                .await
                .not_found(|| format!("inbound message {id}"))?;
            let ok = repo::mail::requeue(&mut tx, id).await?;
            tx.commit().await?;
            Ok::<_, AppError>((ok, row.status))
        })
        .await?;
    if !requeued.0 {
        return Err(AppError::Conflict(format!(
            "inbound message {id} is {}: only rejected or unprocessable messages are reprocessed",
            requeued.1
        )));
    }
    process(app, id).await?;
    get_inbound(app, actor, id).await
}

/// Counts of received messages per status (for the operator and metrics).
pub async fn inbound_counts(app: &App) -> Result<Vec<(String, i64)>> {
    let mut tx = app.db.read().await?;
    Ok(repo::mail::inbound_counts(&mut tx).await?)
}

/// Takes or renews a lease on shared work (an IMAP mailbox polled by one node at a time).
pub async fn acquire_lease(app: &App, key: &str, holder: &str, ttl_ms: i64) -> Result<bool> {
    let (db, key, holder) = (app.db.clone(), key.to_owned(), holder.to_owned());
    app.db
        .on_writer(async move {
            let mut tx = db.begin().await?;
            let ok = repo::mail::acquire_lease(&mut tx, &key, &holder, now_ms(), ttl_ms).await?;
            tx.commit().await?;
            Ok(ok)
        })
        .await
}

/// Takes a raw message through the API as an MTA would hand it over: stored, then processed.
pub async fn submit(
    app: &App,
    actor: &Actor,
    mail_from: &str,
    recipients: &[String],
    raw: Vec<u8>,
) -> Result<InboundMessage> {
    require_mail_admin(actor)?;
    actor.require(Permission::WriteTickets)?;
    let mut v = podpora_core::ValidationError::new();
    // An empty envelope sender is the null sender of bounces (RFC 5321 4.5.5): allowed.
    if !mail_from.trim().is_empty()
        && let Err(e) = podpora_core::EmailAddress::parse(mail_from)
    {
        v.push(
            "sender",
            format!("the envelope sender is not an address: {e}"),
        );
    }
    for (i, r) in recipients.iter().enumerate() {
        if let Err(e) = podpora_core::EmailAddress::parse(r) {
            v.push(
                format!("recipient[{i}]"),
                format!("{r:?} is not an address: {e}; give support addresses separated by commas"),
            );
        }
    }
    v.into_result()?;
    let a = accept(app, Source::Api, mail_from, recipients, raw).await?;
    process(app, a.id).await?;
    get_inbound(app, actor, a.id).await
}
