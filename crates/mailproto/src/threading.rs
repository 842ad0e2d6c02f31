//! Threading rules: which ticket an inbound message belongs to, and the subject tag on outgoing mail.

use serde::Serialize;

use crate::inbound::InboundMessage;

/// How ticket numbers appear in subjects: `[` + `marker` + `number_prefix` + `YYYY-NNNNNN` + `]`.
///
/// ```
/// use podpora_mailproto::threading::SubjectTag;
/// let tag = SubjectTag::default();
/// assert_eq!(tag.render("2026-000123"), "[#2026-000123]");
/// let custom = SubjectTag { marker: "Ticket#".into(), number_prefix: "HD-".into() };
/// assert_eq!(custom.render("HD-2026-000123"), "[Ticket#HD-2026-000123]");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectTag {
    /// Text between `[` and the number (default `#`).
    pub marker: String,
    /// A fixed prefix that is part of the ticket number itself, e.g. `HD-` (default empty). Matched
    /// case-insensitively and returned as configured.
    pub number_prefix: String,
}

impl Default for SubjectTag {
    fn default() -> Self {
        Self {
            marker: "#".to_owned(),
            number_prefix: String::new(),
        }
    }
}

impl SubjectTag {
    /// The tag for a ticket number (which already includes any `number_prefix`).
    pub fn render(&self, number: &str) -> String {
        format!("[{}{}]", self.marker, number)
    }
}

/// Finds the first ticket tag in a subject and returns the ticket number (with its configured prefix).
/// The number is `YYYY-N…`: four digits, a hyphen, one to ten digits.
///
/// ```
/// use podpora_mailproto::{extract_ticket_number, threading::SubjectTag};
/// let tag = SubjectTag::default();
/// assert_eq!(extract_ticket_number("Re: Tlačiareň [#2026-000123]", &tag).as_deref(), Some("2026-000123"));
/// assert_eq!(extract_ticket_number("Re: [#26-1] [2026-000123]", &tag), None);
/// ```
pub fn extract_ticket_number(subject: &str, tag: &SubjectTag) -> Option<String> {
    let mut rest = subject;
    while let Some(open) = rest.find('[') {
        let candidate = &rest[open + 1..];
        if let Some(number) = match_tag(candidate, tag) {
            return Some(number);
        }
        rest = candidate;
    }
    None
}

fn match_tag(s: &str, tag: &SubjectTag) -> Option<String> {
    let s = strip_prefix_ci(s, &tag.marker)?;
    let s = strip_prefix_ci(s, &tag.number_prefix)?;
    let close = s.find(']')?;
    let number = &s[..close];
    let (year, seq) = number.split_once('-')?;
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if year.len() == 4 && digits(year) && (1..=10).contains(&seq.len()) && digits(seq) {
        Some(format!("{}{number}", tag.number_prefix))
    } else {
        None
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Which ticket an inbound message belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ThreadDecision {
    /// The subject carries the tag of this existing ticket number.
    ExistingByTag(String),
    /// `In-Reply-To` or `References` names a message podpora already has; this is that Message-ID.
    ExistingByReference(String),
    /// Neither: open a new ticket.
    New,
}

/// What [`decide_thread`] needs to know about stored data. A closure `FnMut(&str) -> bool` over known
/// Message-IDs implements it (every tagged ticket number then counts as existing).
pub trait ThreadLookup {
    /// Whether a ticket with this number exists (a tag naming an unknown ticket is ignored).
    fn ticket_exists(&mut self, _number: &str) -> bool {
        true
    }
    /// Whether a message with this Message-ID (without angle brackets) is stored.
    fn message_known(&mut self, message_id: &str) -> bool;
}

impl<F: FnMut(&str) -> bool> ThreadLookup for F {
    fn message_known(&mut self, message_id: &str) -> bool {
        self(message_id)
    }
}

/// Decides the thread: the subject tag first, then `In-Reply-To`, then `References` from the last (the
/// direct parent) to the first. The message's own Message-ID is never matched.
///
/// ```
/// use podpora_mailproto::{decide_thread, parse, Limits, ThreadDecision, threading::SubjectTag};
/// let raw = b"From: a@b.c\r\nMessage-ID: <new@b.c>\r\nReferences: <root@podpora> <unknown@x>\r\n\
///             Subject: Re: printer\r\n\r\nhi\r\n";
/// let msg = parse(raw, &Limits::default()).unwrap();
/// let known = |id: &str| id == "root@podpora";
/// assert_eq!(decide_thread(&msg, &SubjectTag::default(), known), ThreadDecision::ExistingByReference("root@podpora".into()));
/// ```
pub fn decide_thread(
    msg: &InboundMessage,
    tag: &SubjectTag,
    mut lookup: impl ThreadLookup,
) -> ThreadDecision {
    if let Some(number) = extract_ticket_number(&msg.subject, tag)
        && lookup.ticket_exists(&number)
    {
        return ThreadDecision::ExistingByTag(number);
    }
    let candidates = msg.in_reply_to.iter().chain(msg.references.iter().rev());
    for id in candidates {
        if *id != msg.message_id && lookup.message_known(id) {
            return ThreadDecision::ExistingByReference(id.clone());
        }
    }
    ThreadDecision::New
}

/// Reply and forward prefixes stripped from the front of a subject, compared case-insensitively.
const REPLY_PREFIXES: &[&str] = &[
    "re",
    "fw",
    "fwd",
    "aw",
    "wg",
    "odp",
    "odpoveď",
    "odpověď",
    "odpowiedź",
    "sv",
    "vs",
    "tr",
    "pd",
    "pr",
];

/// The subject for outgoing mail about a ticket: leading reply/forward prefixes (`Re:`, `Fwd:`, `AW:`, `Odp:`,
/// `Odpoveď:`, `Re[2]:` …, repeated) are removed, any tag of this same ticket is removed wherever it is,
/// and the tag is appended once. Tags of *other* tickets stay. Idempotent.
///
/// ```
/// use podpora_mailproto::{subject_with_tag, threading::SubjectTag};
/// let tag = SubjectTag::default();
/// let s = subject_with_tag("RE: Odp: Re[2]: Tlačiareň [#2026-000123]", "2026-000123", &tag);
/// assert_eq!(s, "Tlačiareň [#2026-000123]");
/// assert_eq!(subject_with_tag(&s, "2026-000123", &tag), s);
/// ```
pub fn subject_with_tag(subject: &str, number: &str, tag: &SubjectTag) -> String {
    let rendered = tag.render(number);
    let mut s = subject.replace(&rendered, " ");
    loop {
        let trimmed = s.trim_start();
        let Some(rest) = strip_reply_prefix(trimmed) else {
            break;
        };
        s = rest.to_owned();
    }
    let body = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if body.is_empty() {
        rendered
    } else {
        format!("{body} {rendered}")
    }
}

fn strip_reply_prefix(s: &str) -> Option<&str> {
    let colon = s.find(':')?;
    let head = s[..colon].trim_end();
    // "Re[2]" and "Re(2)" count as "Re". Split on the original text: lower-casing may change byte lengths.
    let (word, counter) = head.split_at(head.find(['[', '(']).unwrap_or(head.len()));
    let word = word.to_lowercase();
    let counter_ok = counter
        .trim_matches(|c| c == '[' || c == ']' || c == '(' || c == ')')
        .bytes()
        .all(|b| b.is_ascii_digit());
    (REPLY_PREFIXES.contains(&word.as_str()) && counter_ok).then(|| &s[colon + 1..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Limits, parse};
    use proptest::prelude::*;

    fn message(headers: &str) -> InboundMessage {
        let raw = format!("From: a@b.c\r\nMessage-ID: <self@b.c>\r\n{headers}\r\n\r\nbody\r\n");
        parse(raw.as_bytes(), &Limits::default()).expect("valid test message")
    }

    #[test]
    fn tag_extraction() {
        let tag = SubjectTag::default();
        assert_eq!(
            extract_ticket_number("[#2026-000123]", &tag).as_deref(),
            Some("2026-000123")
        );
        assert_eq!(
            extract_ticket_number("x [x] [#2026-1] [#2026-2]", &tag).as_deref(),
            Some("2026-1")
        );
        assert_eq!(extract_ticket_number("[#2026-]", &tag), None);
        assert_eq!(extract_ticket_number("[#2026-12345678901]", &tag), None);
        assert_eq!(extract_ticket_number("[#20a6-000123]", &tag), None);
        assert_eq!(extract_ticket_number("[#2026-000123", &tag), None);
        assert_eq!(extract_ticket_number("[[[[", &tag), None);
        let custom = SubjectTag {
            marker: "Ticket#".into(),
            number_prefix: "HD-".into(),
        };
        assert_eq!(
            extract_ticket_number("Re: [ticket#hd-2026-000123] ok", &custom).as_deref(),
            Some("HD-2026-000123")
        );
        assert_eq!(extract_ticket_number("[#2026-000123]", &custom), None);
        // Multi-byte characters right after '[' must not split a char.
        assert_eq!(extract_ticket_number("[ž] [čšť", &custom), None);
    }

    #[test]
    fn tag_wins_then_in_reply_to_then_references_last_first() {
        let tag = SubjectTag::default();
        let all_known = |_: &str| true;
        let m = message("Subject: Re: x [#2026-000009]\r\nIn-Reply-To: <p@x>");
        assert_eq!(
            decide_thread(&m, &tag, all_known),
            ThreadDecision::ExistingByTag("2026-000009".into())
        );

        let m = message("Subject: Re: x\r\nIn-Reply-To: <p@x>\r\nReferences: <a@x> <b@x>");
        assert_eq!(
            decide_thread(&m, &tag, all_known),
            ThreadDecision::ExistingByReference("p@x".into())
        );

        let m = message("Subject: Re: x\r\nReferences: <a@x> <b@x>\r\nIn-Reply-To: <gone@x>");
        let known = |id: &str| id == "a@x" || id == "b@x";
        assert_eq!(
            decide_thread(&m, &tag, known),
            ThreadDecision::ExistingByReference("b@x".into())
        );

        let m = message("Subject: hello\r\nReferences: <self@b.c>");
        assert_eq!(decide_thread(&m, &tag, all_known), ThreadDecision::New);
    }

    #[test]
    fn unknown_ticket_tag_falls_through_to_references() {
        struct Store;
        impl ThreadLookup for Store {
            fn ticket_exists(&mut self, _: &str) -> bool {
                false
            }
            fn message_known(&mut self, id: &str) -> bool {
                id == "p@x"
            }
        }
        let m = message("Subject: [#2026-999999] x\r\nIn-Reply-To: <p@x>");
        let d = decide_thread(&m, &SubjectTag::default(), Store);
        assert_eq!(d, ThreadDecision::ExistingByReference("p@x".into()));
    }

    #[test]
    fn outgoing_subjects() {
        let tag = SubjectTag::default();
        let n = "2026-000123";
        assert_eq!(
            subject_with_tag("Printer", n, &tag),
            "Printer [#2026-000123]"
        );
        assert_eq!(subject_with_tag("", n, &tag), "[#2026-000123]");
        assert_eq!(
            subject_with_tag("AW: WG: Drucker", n, &tag),
            "Drucker [#2026-000123]"
        );
        assert_eq!(
            subject_with_tag("Odpoveď: Odp: Tlačiareň", n, &tag),
            "Tlačiareň [#2026-000123]"
        );
        assert_eq!(
            subject_with_tag("Re: [#2026-000123] Re: x", n, &tag),
            "x [#2026-000123]"
        );
        assert_eq!(
            subject_with_tag("Fwd: [#2025-000001] old", n, &tag),
            "[#2025-000001] old [#2026-000123]"
        );
        assert_eq!(
            subject_with_tag("Regarding: invoice", n, &tag),
            "Regarding: invoice [#2026-000123]"
        );
    }

    proptest! {
        #[test]
        fn tagging_is_idempotent_and_extractable(subject in "\\PC{0,60}", seq in 1u32..999_999) {
            let tag = SubjectTag::default();
            let number = format!("2026-{seq:06}");
            let once = subject_with_tag(&subject, &number, &tag);
            prop_assert_eq!(subject_with_tag(&once, &number, &tag), once.clone());
            prop_assert!(once.ends_with(&tag.render(&number)));
            prop_assert!(extract_ticket_number(&once, &tag).is_some());
        }
    }
}
