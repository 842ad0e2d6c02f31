//! Rows as stored. Validated domain values are stored in their normalised text form and read
//! back as their domain types: a row is decoded here once, and a stored text the domain does not
//! know is a [`BadValue`] naming the table, the column and the text.

#![allow(missing_docs)]
use podpora_core::{ArticleKind, Channel, Language, OutboxStatus, TicketStatus, Urgency};
use serde::Serialize;
use std::str::FromStr;

/// A stored text that is not a value of its column's domain type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{table}.{column} holds {value:?}, which is not a known value: correct the row in the database"
)]
pub struct BadValue {
    /// The table read.
    pub table: &'static str,
    /// The column read.
    pub column: &'static str,
    /// The text found.
    pub value: String,
}

/// Parses a stored text into its domain type, or fails naming where the text was found.
fn parsed<T: FromStr>(
    value: String,
    table: &'static str,
    column: &'static str,
) -> Result<T, sqlx::Error> {
    value.parse().map_err(|_| sqlx::Error::ColumnDecode {
        index: column.to_string(),
        source: Box::new(BadValue {
            table,
            column,
            value,
        }),
    })
}

/// `FromRow` for a row with domain-typed columns, on both backends: `plain` columns decode as
/// the driver does, `parsed` ones are read as text and parsed with [`parsed`].
macro_rules! decoded_row {
    ($ty:ident from $table:literal { $($plain:ident),* $(,)? } parsed { $($typed:ident),* $(,)? }) => {
        decoded_row!(@on sqlx::sqlite::SqliteRow, $ty, $table, [$($plain),*], [$($typed),*]);
        decoded_row!(@on sqlx::postgres::PgRow, $ty, $table, [$($plain),*], [$($typed),*]);
    };
    (@on $row:ty, $ty:ident, $table:literal, [$($plain:ident),*], [$($typed:ident),*]) => {
        impl<'r> sqlx::FromRow<'r, $row> for $ty {
            fn from_row(row: &'r $row) -> Result<Self, sqlx::Error> {
                use sqlx::Row as _;
                Ok($ty {
                    $($plain: row.try_get(stringify!($plain))?,)*
                    $($typed: parsed(row.try_get(stringify!($typed))?, $table, stringify!($typed))?,)*
                })
            }
        }
    };
}

/// A team (queue).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct TeamRow {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub created_at: i64,
    /// The agent told first about the team's SLA breaches.
    pub lead_agent_id: Option<i64>,
}

/// A staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub language: Language,
    pub password_hash: Option<String>,
    pub active: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A customer organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationRow {
    pub id: i64,
    pub name: String,
    pub country: String,
    pub language: Language,
    pub price_level: String,
    pub ico: Option<String>,
    pub nip: Option<String>,
    pub regon: Option<String>,
    pub vat_id: Option<String>,
    pub address: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A person at a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRow {
    pub id: i64,
    pub organization_id: Option<i64>,
    pub name: String,
    pub language: Language,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A customer's installed thing.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AssetRow {
    pub id: i64,
    pub organization_id: i64,
    pub kind: String,
    pub identifier: String,
    pub name: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// An API token (its secret is stored only as a hash).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub agent_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

/// A ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketRow {
    pub id: i64,
    pub number: String,
    pub subject: String,
    pub requester_id: Option<i64>,
    pub reply_to: Option<String>,
    pub organization_id: Option<i64>,
    pub asset_id: Option<i64>,
    pub category: Option<String>,
    pub urgency: Urgency,
    pub channel: Channel,
    pub team_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub status: TicketStatus,
    pub created_at: i64,
    pub updated_at: i64,
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
    /// How many of our staff's personal addresses a mail request was copied to.
    pub staff_copies: i64,
    /// The request's fingerprint ([`podpora_core::text::request_fingerprint`]), to find the same
    /// request sent again.
    pub fingerprint: Option<String>,
}

/// An entry on a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRow {
    pub id: i64,
    pub ticket_id: i64,
    pub kind: ArticleKind,
    pub author_agent_id: Option<i64>,
    pub author_contact_id: Option<i64>,
    pub author_name: String,
    pub body_text: String,
    pub body_html: Option<String>,
    pub message_id: Option<String>,
    pub created_at: i64,
}

/// A file attached to an article; its bytes live content-addressed by SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AttachmentRow {
    pub id: i64,
    pub article_id: i64,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub entity: String,
    pub entity_id: i64,
    pub actor: String,
    pub at: i64,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: Option<String>,
}

/// A business calendar as stored (hours in their text form, dates comma-separated).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CalendarRow {
    pub id: i64,
    pub name: String,
    pub time_zone: String,
    pub hours: String,
    pub holidays: Option<String>,
    pub closures: String,
    pub extra_working_days: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// An SLA policy: targets per metric in their text form (`4h`, `2bd`, `same-day`, `24ch`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SlaPolicyRow {
    pub id: i64,
    pub name: String,
    pub calendar_id: i64,
    pub category: Option<String>,
    pub reaction: Option<String>,
    pub first_answer: Option<String>,
    pub remote_resolution: Option<String>,
    pub visit: Option<String>,
    pub resolution: Option<String>,
    pub warn_percent: i64,
    pub created_at: i64,
    pub escalate_team_id: Option<i64>,
    pub plan_id: Option<i64>,
}

/// One SLA clock of a ticket.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ClockRow {
    pub ticket_id: i64,
    pub metric: String,
    pub target: String,
    pub policy_id: i64,
    pub calendar_id: i64,
    pub started_at: i64,
    pub due_at: Option<i64>,
    pub met_at: Option<i64>,
    pub warn_at: Option<i64>,
    pub warned_at: Option<i64>,
    pub escalated_at: Option<i64>,
}

/// A time the ticket's clocks stood still.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PauseRow {
    pub id: i64,
    pub ticket_id: i64,
    pub started_at: i64,
    pub ended_at: Option<i64>,
    pub reason: String,
}

/// A received message as stored, without its raw bytes.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InboundRow {
    pub id: i64,
    pub sha256: String,
    pub source: String,
    pub mail_from: String,
    pub recipients: String,
    pub size_bytes: i64,
    pub received_at: i64,
    pub status: String,
    pub reason: Option<String>,
    pub message_id: Option<String>,
    pub sender: Option<String>,
    pub subject: Option<String>,
    pub ticket_id: Option<i64>,
    pub article_id: Option<i64>,
    pub attempts: i64,
    pub processed_at: Option<i64>,
}

/// What processing decided about a received message.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InboundOutcome {
    pub status: String,
    pub reason: Option<String>,
    pub message_id: Option<String>,
    pub sender: Option<String>,
    pub subject: Option<String>,
    pub ticket_id: Option<i64>,
    pub article_id: Option<i64>,
}

/// A message waiting in (or gone through) the outbox, without its raw bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    pub id: i64,
    pub ticket_id: Option<i64>,
    pub article_id: Option<i64>,
    pub purpose: String,
    pub automatic: bool,
    pub message_id: String,
    pub mail_from: String,
    pub recipient: String,
    pub subject: String,
    pub status: OutboxStatus,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub smtp_response: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

decoded_row!(AgentRow from "agents" {
    id, email, name, password_hash, active, created_at, updated_at
} parsed { language });
decoded_row!(OrganizationRow from "organizations" {
    id, name, country, price_level, ico, nip, regon, vat_id, address, created_at, updated_at
} parsed { language });
decoded_row!(ContactRow from "contacts" {
    id, organization_id, name, created_at, updated_at
} parsed { language });
decoded_row!(TicketRow from "tickets" {
    id, number, subject, requester_id, reply_to, organization_id, asset_id, category, team_id,
    assignee_id, created_at, updated_at, resolved_at, closed_at, staff_copies, fingerprint
} parsed { urgency, channel, status });
decoded_row!(OutboxRow from "outbox" {
    id, ticket_id, article_id, purpose, automatic, message_id, mail_from, recipient, subject,
    attempts, next_attempt_at, last_error, smtp_response, created_at, sent_at
} parsed { status });

decoded_row!(ArticleRow from "articles" {
    id, ticket_id, author_agent_id, author_contact_id, author_name, body_text, body_html,
    message_id, created_at
} parsed { kind });
