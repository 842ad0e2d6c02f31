//! Building outgoing messages: our Message-ID, threading headers, the ticket tag, and the
//! RFC 3834 marks on automatic mail.

use crate::{AppError, Result};
use lettre::message::{
    Mailbox, MultiPart,
    header::{Header, HeaderName, HeaderValue},
};

/// A message to build.
pub(crate) struct Draft<'a> {
    pub from_name: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    pub html: &'a str,
    pub message_id: &'a str,
    pub in_reply_to: Option<&'a str>,
    pub references: &'a [String],
    /// Automatic mail (confirmation, unknown-sender answer) carries `Auto-Submitted: auto-replied`
    /// so that well-behaved systems do not answer it (RFC 3834).
    pub automatic: bool,
}

/// A fresh Message-ID (without angle brackets) in our domain, naming the ticket when there is one.
pub fn new_message_id(ticket_number: Option<&str>, domain: &str) -> String {
    let mut rnd = [0u8; 9];
    // Entropy only makes the id unique; should the OS source fail, the clock still does.
    if getrandom::fill(&mut rnd).is_err() {
        rnd[..8].copy_from_slice(&crate::now_ms().to_le_bytes());
    }
    match ticket_number {
        Some(n) => format!("podpora.{n}.{}@{domain}", hex::encode(rnd)),
        None => format!("podpora.{}@{domain}", hex::encode(rnd)),
    }
}

/// The domain of an address, for our Message-IDs.
pub(crate) fn domain_of(address: &str) -> &str {
    address
        .rsplit_once('@')
        .map(|(_, d)| d)
        .unwrap_or("localhost")
}

#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }
    fn parse(_: &str) -> std::result::Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-replied".into())
    }
}

#[derive(Clone)]
struct SuppressAutoResponse;

impl Header for SuppressAutoResponse {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("X-Auto-Response-Suppress")
    }
    fn parse(_: &str) -> std::result::Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(SuppressAutoResponse)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "All".into())
    }
}

fn bad_address(what: &str, address: &str) -> AppError {
    AppError::Conflict(format!(
        "cannot send mail: {what} {address:?} is not a valid address"
    ))
}

/// The message as bytes, ready for SMTP.
pub(crate) fn build(d: &Draft<'_>) -> Result<Vec<u8>> {
    let from = Mailbox::new(
        Some(d.from_name.to_owned()),
        d.from.parse().map_err(|_| bad_address("sender", d.from))?,
    );
    let to: Mailbox = d.to.parse().map_err(|_| bad_address("recipient", d.to))?;
    let mut b = lettre::Message::builder()
        .from(from)
        .to(to)
        .subject(d.subject)
        .message_id(Some(format!("<{}>", d.message_id)));
    if let Some(parent) = d.in_reply_to {
        b = b.in_reply_to(format!("<{parent}>"));
    }
    if !d.references.is_empty() {
        let refs: Vec<String> = d.references.iter().map(|r| format!("<{r}>")).collect();
        b = b.references(refs.join(" "));
    }
    if d.automatic {
        b = b.header(AutoSubmitted).header(SuppressAutoResponse);
    }
    let m = b
        .multipart(MultiPart::alternative_plain_html(
            d.text.to_owned(),
            d.html.to_owned(),
        ))
        .map_err(|e| AppError::Conflict(format!("cannot build mail: {e}")))?;
    Ok(m.formatted())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_mail_parses_back_with_threading_headers_and_marks() {
        let refs = vec!["root@x".to_owned(), "parent@x".to_owned()];
        let raw = build(&Draft {
            from_name: "Podpora s.r.o.",
            from: "support@support.test",
            to: "jana@zakaznik.test",
            subject: "Potvrdenie: Tlačiareň netlačí [#2026-000001]",
            text: "Dobrý deň, žiadosť 2026-000001 sme prijali.",
            html: "<p>Dobrý deň</p>",
            message_id: "podpora.2026-000001.ab@support.test",
            in_reply_to: Some("parent@x"),
            references: &refs,
            automatic: true,
        })
        .unwrap();
        let m = podpora_mailproto::parse(&raw, &Default::default()).unwrap();
        assert_eq!(m.message_id, "podpora.2026-000001.ab@support.test");
        assert_eq!(m.in_reply_to.as_deref(), Some("parent@x"));
        assert_eq!(m.references, refs);
        assert_eq!(m.subject, "Potvrdenie: Tlačiareň netlačí [#2026-000001]");
        assert!(m.text_body.contains("žiadosť 2026-000001"));
        assert!(m.is_auto_submitted(), "automatic mail is marked");
    }

    #[test]
    fn a_bad_recipient_is_an_error_not_a_panic() {
        let e = build(&Draft {
            from_name: "x",
            from: "support@support.test",
            to: "not an address",
            subject: "s",
            text: "t",
            html: "h",
            message_id: "a@b",
            in_reply_to: None,
            references: &[],
            automatic: false,
        });
        assert!(e.is_err());
    }

    #[test]
    fn message_ids_are_unique_and_name_the_ticket() {
        let a = new_message_id(Some("2026-000001"), "support.test");
        let b = new_message_id(Some("2026-000001"), "support.test");
        assert_ne!(a, b);
        assert!(a.starts_with("podpora.2026-000001.") && a.ends_with("@support.test"));
    }
}
