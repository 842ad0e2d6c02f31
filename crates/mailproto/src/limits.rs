//! Resource limits for parsing untrusted mail, and the reasons a message is refused.

use serde::Serialize;

/// Limits applied to one inbound message. The defaults suit a help desk: generous for real mail, small enough
/// that a hostile message cannot exhaust memory or the stack.
///
/// ```
/// let limits = podpora_mailproto::Limits { max_attachment_bytes: 10 << 20, ..Default::default() };
/// assert_eq!(limits.max_depth, 32);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest raw message accepted, in bytes (default 50 MiB).
    pub max_total_bytes: usize,
    /// Largest header section (of the top-level message), in bytes (default 1 MiB).
    pub max_header_bytes: usize,
    /// Deepest MIME nesting (multipart inside multipart, or a forwarded message inside a message) (default 32).
    pub max_depth: usize,
    /// Most MIME parts in the whole message, nested messages included (default 1,000).
    pub max_parts: usize,
    /// Largest single attachment kept; a larger one is dropped and listed in
    /// [`InboundMessage::dropped_attachments`](crate::InboundMessage::dropped_attachments) (default 25 MiB).
    pub max_attachment_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_total_bytes: 50 << 20,
            max_header_bytes: 1 << 20,
            max_depth: 32,
            max_parts: 1_000,
            max_attachment_bytes: 25 << 20,
        }
    }
}

/// Why a message was refused. Each says which limit was hit and by how much, for the log and the bounce.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum RejectReason {
    /// The raw message is larger than [`Limits::max_total_bytes`].
    #[error("message is {size} bytes, the limit is {limit}")]
    TooLarge { size: usize, limit: usize },
    /// The header section is larger than [`Limits::max_header_bytes`].
    #[error("header section is {size} bytes, the limit is {limit}")]
    HeaderTooLarge { size: usize, limit: usize },
    /// MIME parts nest deeper than [`Limits::max_depth`].
    #[error("MIME parts nest {depth} levels deep, the limit is {limit}")]
    TooDeep { depth: usize, limit: usize },
    /// More MIME parts than [`Limits::max_parts`] (`count` may be a lower bound found before parsing).
    #[error("message has at least {count} MIME parts, the limit is {limit}")]
    TooManyParts { count: usize, limit: usize },
    /// Empty input, or no header could be parsed.
    #[error("not an e-mail message: no header found")]
    NotAMessage,
}
