//! The pure half of podpora's e-mail channel: no sockets, no async, no database.
//!
//! - [`parse`] turns raw RFC 5322 bytes into an [`InboundMessage`] (decoded headers and bodies, sanitised HTML,
//!   attachments with their hashes, auto-reply and bounce flags), or refuses hostile input with a
//!   [`RejectReason`] under configurable [`Limits`].
//! - [`threading`] decides which ticket a message belongs to (subject tag, then `In-Reply-To`, then
//!   `References`) and tags outgoing subjects.
//! - [`lmtp`] is an RFC 2033 LMTP server state machine fed with bytes, which a socket loop elsewhere drives.
//!
//! ```
//! use podpora_mailproto::{parse, Limits};
//!
//! let raw = b"From: Jana <Jana@Example.SK>\r\nSubject: Tla\xc4\x8diare\xc5\x88\r\n\
//!             Content-Type: text/plain; charset=utf-8\r\n\r\nNefunguje.\r\n";
//! let msg = parse(raw, &Limits::default()).expect("a small valid message");
//! assert_eq!(msg.from.as_ref().map(|m| m.address.as_str()), Some("jana@example.sk"));
//! assert_eq!(msg.subject, "Tlačiareň");
//! assert_eq!(msg.text_body.trim(), "Nefunguje.");
//! ```

mod address;
mod attachments;
mod flags;
mod html;
mod inbound;
mod limits;
pub mod lmtp;
mod quote;
mod repair;
pub mod threading;

pub use address::{Mailbox, normalize_address};
pub use attachments::{Attachment, DroppedAttachment};
pub use flags::{AutoSubmitted, Bounce};
pub use html::{RemoteImages, SanitizedHtml, html_to_text, sanitize_html};
pub use inbound::{InboundMessage, html_source, parse};
pub use limits::{Limits, RejectReason};
pub use quote::{QuotedSplit, split_quoted_reply};
pub use threading::{
    ThreadDecision, ThreadLookup, decide_thread, extract_ticket_number, subject_with_tag,
};
