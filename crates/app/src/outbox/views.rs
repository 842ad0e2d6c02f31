//! The outbox as staff and customers see it: each message with its delivery state.

use crate::{Actor, App, AppError, Page, Result, rfc3339};
use podpora_core::{OutboxStatus, auth::Permission};
use podpora_store::{Tx, repo};
use serde::Serialize;

/// A message in the outbox as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OutboxMessage {
    /// Id.
    pub id: i64,
    /// The ticket it is about.
    pub ticket_id: Option<i64>,
    /// `confirmation`, `agent_reply`, `unknown_sender`, `asset_not_permitted`, `out_of_scope`,
    /// `sla_warning`, `sla_breach`, …
    pub purpose: String,
    /// Sent automatically (marked `Auto-Submitted`).
    pub automatic: bool,
    /// Our Message-ID.
    pub message_id: String,
    /// Recipient.
    pub recipient: String,
    /// Subject.
    pub subject: String,
    /// Where it is in its delivery.
    pub status: OutboxStatus,
    /// Attempts so far.
    pub attempts: i64,
    /// The last error.
    pub last_error: Option<String>,
    /// The SMTP server's answer to DATA.
    pub smtp_response: Option<String>,
    /// Queued (RFC 3339).
    pub created_at: String,
    /// Accepted by the SMTP server (RFC 3339).
    pub sent_at: Option<String>,
}

impl From<podpora_store::rows::OutboxRow> for OutboxMessage {
    fn from(r: podpora_store::rows::OutboxRow) -> Self {
        Self {
            id: r.id,
            ticket_id: r.ticket_id,
            purpose: r.purpose,
            automatic: r.automatic,
            message_id: r.message_id,
            recipient: r.recipient,
            subject: r.subject,
            status: r.status,
            attempts: r.attempts,
            last_error: r.last_error,
            smtp_response: r.smtp_response,
            created_at: rfc3339(r.created_at),
            sent_at: r.sent_at.map(rfc3339),
        }
    }
}

/// The outbox, newest first; `status` filters (`queued`, `sent`, `failed`, `bounced`).
pub async fn list_outbox(
    app: &App,
    actor: &Actor,
    status: Option<&str>,
    page: Page,
) -> Result<Vec<OutboxMessage>> {
    actor.require(Permission::ManageMail)?;
    let status = match status.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(
            s.parse::<OutboxStatus>()
                .map_err(|e| AppError::field("status", e))?,
        ),
        None => None,
    };
    let (limit, offset) = page.limit_offset();
    let mut tx = app.db.read().await?;
    Ok(repo::mail::list_outbox(&mut tx, status, limit, offset)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// The mail sent about a ticket, oldest first; to a customer only what was written to them.
pub(crate) async fn of_ticket(
    tx: &mut Tx<'_>,
    ticket_id: i64,
    customer: bool,
) -> Result<Vec<OutboxMessage>> {
    Ok(repo::mail::outbox_of_ticket(tx, ticket_id)
        .await?
        .into_iter()
        .filter(|m| !customer || CUSTOMER_MAIL.contains(&m.purpose.as_str()))
        .map(Into::into)
        .collect())
}

/// The purposes of mail written to the customer; everything else (SLA notices, …) goes to
/// staff and is never listed to a customer. A list of what may be shown, so a new kind of
/// staff mail stays hidden until someone decides otherwise.
const CUSTOMER_MAIL: [&str; 5] = [
    "confirmation",
    "agent_reply",
    "out_of_scope",
    "asset_not_permitted",
    "reopened",
];
