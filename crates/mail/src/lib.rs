//! podpora's e-mail edges: the LMTP listener, the IMAP poller, the SMTP sender and the mailgate input
//! helpers. They hand raw messages to the rest of the system through [`MailSink`] and know nothing of
//! the database.

pub mod imap;
pub mod lmtp;
pub mod mailgate;
pub mod sink;
pub mod smtp;
mod tls;

pub use sink::{Envelope, MailSink, SinkError, Source};
pub use tls::TlsMode;
