//! Shapes shared by the use cases' inputs and outputs.

use serde::{Deserialize, Deserializer, Serialize};

/// A page of results.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Paged<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// Page number, from 1.
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// Items matching in all pages.
    pub total: i64,
}

/// Deserializes a field that may be absent (no change), `null` (clear) or a value (set).
pub fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// A file sent inline with JSON.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct AttachmentUpload {
    /// File name as the customer sees it.
    pub filename: String,
    /// MIME type; `application/octet-stream` when absent.
    pub content_type: Option<String>,
    /// The bytes, base64-encoded (standard alphabet).
    pub content_base64: String,
}

/// A stored attachment.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Attachment {
    /// Attachment id; download at `/api/v1/attachments/{id}`.
    pub id: i64,
    /// File name.
    pub filename: String,
    /// MIME type.
    pub content_type: String,
    /// Size in bytes.
    pub size_bytes: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
}

impl From<podpora_store::rows::AttachmentRow> for Attachment {
    fn from(r: podpora_store::rows::AttachmentRow) -> Self {
        Self {
            id: r.id,
            filename: r.filename,
            content_type: r.content_type,
            size_bytes: r.size_bytes,
            sha256: r.sha256,
        }
    }
}

/// One audited change.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HistoryEntry {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who: `agent:3`, `org-key:5`, `cli`, `system`.
    pub actor: String,
    /// Which field (`created` for the record's creation).
    pub field: String,
    /// Value before.
    pub old_value: Option<String>,
    /// Value after.
    pub new_value: Option<String>,
    /// Reason given, where one is required.
    pub reason: Option<String>,
}

impl From<podpora_store::rows::AuditRow> for HistoryEntry {
    fn from(r: podpora_store::rows::AuditRow) -> Self {
        Self {
            at: crate::rfc3339(r.at),
            actor: r.actor,
            field: r.field,
            old_value: r.old_value,
            new_value: r.new_value,
            reason: r.reason,
        }
    }
}
