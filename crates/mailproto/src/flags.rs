//! Auto-reply (RFC 3834) and bounce (RFC 3464 DSN) detection: a help desk must not answer either.

use mail_parser::{HeaderValue, Message, MimeHeaders, PartType};
use serde::Serialize;

use crate::address::Mailbox;

/// Why a message counts as automatically submitted (the first signal found, in the order listed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "signal", content = "value", rename_all = "snake_case")]
pub enum AutoSubmitted {
    /// `Auto-Submitted:` with a value other than `no` (RFC 3834), e.g. `auto-replied`.
    AutoSubmittedHeader(String),
    /// `Precedence: bulk`, `junk` or `list`.
    Precedence(String),
    /// `X-Auto-Response-Suppress:` (Exchange sets it on its own automatic messages).
    AutoResponseSuppress(String),
    /// `X-Autoreply:` or `X-Autorespond:` present.
    XAutoreply(String),
    /// `List-Id:` present: mailing-list traffic.
    ListId(String),
    /// `Return-Path: <>`: the null sender that RFC 5321 reserves for notifications.
    NullReturnPath,
    /// A subject that auto-responders use, e.g. "Automatic reply:", "Automatická odpoveď:", "Out of office".
    Subject(String),
}

/// A delivery failure report and what it says about the failed message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Bounce {
    /// `Message-ID` of the message that could not be delivered (from the returned message or its headers).
    pub original_message_id: Option<String>,
    /// The first RFC 3463 status code, e.g. `5.1.1`.
    pub status: Option<String>,
    /// The first `Final-Recipient`, normalised.
    pub recipient: Option<String>,
}

impl Bounce {
    /// Whether the status says the failure is permanent (`5.x.x`); `None` when no status was found.
    pub fn is_permanent(&self) -> Option<bool> {
        self.status.as_deref().map(|s| s.starts_with('5'))
    }
}

const AUTO_SUBJECT_PREFIXES: &[&str] = &[
    "auto:",
    "autoreply",
    "auto-reply",
    "auto reply",
    "automatic reply",
    "automatische antwort",
    "out of office",
    "out of the office",
    "abwesenheitsnotiz",
    "automatická odpoveď",
    "automatická odpověď",
    "automatyczna odpowiedź",
    "odpowiedź automatyczna",
    "mimo kancelář",
    "mimo kancelárie",
    "poza biurem",
    "nieobecność",
];

fn header_text(msg: &Message<'_>, name: &str) -> Option<String> {
    let value = msg.header(name)?;
    let text = match value {
        HeaderValue::Text(t) => t.to_string(),
        HeaderValue::TextList(l) => l.join(", "),
        _ => msg.header_raw(name)?.trim().to_owned(),
    };
    Some(text.trim().to_owned())
}

pub(crate) fn detect_auto_submitted(msg: &Message<'_>, subject: &str) -> Option<AutoSubmitted> {
    if let Some(v) = header_text(msg, "Auto-Submitted")
        && !v.is_empty()
        && !v.to_ascii_lowercase().starts_with("no")
    {
        return Some(AutoSubmitted::AutoSubmittedHeader(v));
    }
    if let Some(v) = header_text(msg, "Precedence") {
        let lower = v.to_ascii_lowercase();
        if ["bulk", "junk", "list", "auto_reply"].contains(&lower.as_str()) {
            return Some(AutoSubmitted::Precedence(lower));
        }
    }
    if let Some(v) = header_text(msg, "X-Auto-Response-Suppress") {
        return Some(AutoSubmitted::AutoResponseSuppress(v));
    }
    for name in ["X-Autoreply", "X-Autorespond", "X-Autoresponse"] {
        if let Some(v) = header_text(msg, name) {
            return Some(AutoSubmitted::XAutoreply(v));
        }
    }
    if msg.header_raw("List-Id").is_some() {
        let v = msg
            .header_raw("List-Id")
            .unwrap_or_default()
            .trim()
            .to_owned();
        return Some(AutoSubmitted::ListId(v));
    }
    if msg.header_raw("Return-Path").is_some_and(|v| {
        v.trim()
            .trim_matches(|c| c == '<' || c == '>')
            .trim()
            .is_empty()
    }) {
        return Some(AutoSubmitted::NullReturnPath);
    }
    let lower = subject.trim().to_lowercase();
    if AUTO_SUBJECT_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return Some(AutoSubmitted::Subject(subject.trim().to_owned()));
    }
    None
}

/// Detects a delivery status notification: `multipart/report; report-type=delivery-status`, or a message
/// from `MAILER-DAEMON@…` / `postmaster@…` with a bounce-like subject or a returned message.
pub(crate) fn detect_bounce(
    msg: &Message<'_>,
    from: Option<&Mailbox>,
    subject: &str,
) -> Option<Bounce> {
    let root = msg.root_part();
    let is_report = root.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case("multipart")
            && ct
                .subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
            && ct
                .attribute("report-type")
                .is_some_and(|r| r.eq_ignore_ascii_case("delivery-status"))
    });
    let daemon = from.is_some_and(|f| {
        let local = f.address.split('@').next().unwrap_or_default();
        local == "mailer-daemon" || local == "postmaster"
    });
    if !is_report && !daemon {
        return None;
    }
    let mut bounce = Bounce::default();
    // Look in the DSN's machine-readable parts first, then anywhere in the body (qmail and Exchange text).
    let own_id = msg.message_id().unwrap_or_default().to_owned();
    let body_start = root.offset_body as usize;
    let mut haystacks: Vec<String> = Vec::new();
    for part in msg.parts.iter().skip(1) {
        match &part.body {
            PartType::Message(nested) => {
                if bounce.original_message_id.is_none() {
                    bounce.original_message_id = nested.message_id().map(str::to_owned);
                }
            }
            PartType::Binary(b) | PartType::InlineBinary(b) => {
                haystacks.push(String::from_utf8_lossy(b).into_owned())
            }
            PartType::Text(t) | PartType::Html(t) => haystacks.push(t.to_string()),
            PartType::Multipart(_) => {}
        }
    }
    haystacks.push(
        String::from_utf8_lossy(msg.raw_message().get(body_start..).unwrap_or_default())
            .into_owned(),
    );
    for text in &haystacks {
        for line in text.lines() {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "status" if bounce.status.is_none() => {
                    let code: String = value
                        .chars()
                        .take_while(|c| c.is_ascii_digit() || *c == '.')
                        .collect();
                    if code.split('.').count() == 3 {
                        bounce.status = Some(code);
                    }
                }
                "final-recipient" if bounce.recipient.is_none() => {
                    let addr = value.rsplit(';').next().unwrap_or(value);
                    bounce.recipient = crate::address::normalize_address(addr);
                }
                "message-id" if bounce.original_message_id.is_none() => {
                    let id = value.trim_matches(|c| c == '<' || c == '>').trim();
                    if !id.is_empty() && id != own_id {
                        bounce.original_message_id = Some(id.to_owned());
                    }
                }
                _ => {}
            }
        }
    }
    if !is_report && bounce == Bounce::default() {
        // A postmaster writing by hand is not a bounce unless the subject says so.
        let lower = subject.to_lowercase();
        let bouncy = [
            "undeliver",
            "delivery",
            "returned",
            "failure",
            "nedoru",
            "niedostarcz",
        ];
        if !bouncy.iter().any(|b| lower.contains(b)) {
            return None;
        }
    }
    Some(bounce)
}
