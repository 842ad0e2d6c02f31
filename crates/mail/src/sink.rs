//! The boundary between the mail edges and the ingestion use case.

use std::future::Future;

/// Which way a message came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Delivered by an MTA over LMTP.
    Lmtp,
    /// Fetched from a mailbox over IMAP.
    Imap,
    /// Piped in by an MTA (`podpora mailgate`).
    Mailgate,
}

/// The envelope a message arrived with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Envelope {
    /// Which way it came in.
    pub source: Source,
    /// The envelope sender; empty for the null sender (bounces) or when unknown.
    pub mail_from: String,
    /// The support addresses it was delivered to.
    pub recipients: Vec<String>,
}

/// Why a message could not be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SinkError {
    /// Worth retrying later (database unavailable …); the sender keeps the message.
    #[error("temporary failure: {0}")]
    Temporary(String),
    /// Never acceptable (too large …); the sender should bounce it.
    #[error("permanent failure: {0}")]
    Permanent(String),
}

/// Where received messages go: implemented by the ingestion use case.
pub trait MailSink: Send + Sync + 'static {
    /// Stores the raw message durably; returns only once it is committed.
    fn accept(
        &self,
        envelope: Envelope,
        raw: Vec<u8>,
    ) -> impl Future<Output = Result<(), SinkError>> + Send;
}
