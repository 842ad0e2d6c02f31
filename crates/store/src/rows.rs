//! Rows as stored. Validated domain values are stored in their normalised text form.

#![allow(missing_docs)]
use serde::Serialize;

/// A team (queue).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct TeamRow {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub created_at: i64,
}

/// A staff member.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AgentRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub language: String,
    pub password_hash: Option<String>,
    pub active: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A customer organization.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OrganizationRow {
    pub id: i64,
    pub name: String,
    pub country: String,
    pub language: String,
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
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ContactRow {
    pub id: i64,
    pub organization_id: Option<i64>,
    pub name: String,
    pub language: String,
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
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TicketRow {
    pub id: i64,
    pub number: String,
    pub subject: String,
    pub requester_id: Option<i64>,
    pub reply_to: Option<String>,
    pub organization_id: Option<i64>,
    pub asset_id: Option<i64>,
    pub category: Option<String>,
    pub urgency: String,
    pub channel: String,
    pub team_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
}

/// An entry on a ticket.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ArticleRow {
    pub id: i64,
    pub ticket_id: i64,
    pub kind: String,
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
