//! Parsing raw inbound mail into an [`InboundMessage`].

use mail_parser::{Address, HeaderValue, Message, MessageParser, PartType};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::address::{Mailbox, normalize_address};
use crate::attachments::{self, Attachment, DroppedAttachment};
use crate::flags::{self, AutoSubmitted, Bounce};
use crate::html::{RemoteImages, SanitizedHtml, sanitize_html, sanitized_to_text};
use crate::limits::{Limits, RejectReason};
use crate::quote::{QuotedSplit, split_quoted_reply};
use crate::repair;

/// An inbound e-mail, decoded and checked, ready for the ingest use case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboundMessage {
    /// `Message-ID` without angle brackets; when the header is missing, `sha256-<hex of raw>@podpora.invalid`.
    pub message_id: String,
    /// True when [`message_id`](Self::message_id) was made up because the header was missing.
    pub message_id_synthetic: bool,
    /// The first `In-Reply-To` id, without angle brackets.
    pub in_reply_to: Option<String>,
    /// `References` ids in header order (oldest first), without angle brackets.
    pub references: Vec<String>,
    /// The first valid `From` mailbox.
    pub from: Option<Mailbox>,
    /// `Reply-To` mailboxes.
    pub reply_to: Vec<Mailbox>,
    /// The `Sender` mailbox, when present.
    pub sender: Option<Mailbox>,
    /// `To` mailboxes (all `To` headers).
    pub to: Vec<Mailbox>,
    /// `Cc` mailboxes.
    pub cc: Vec<Mailbox>,
    /// `Delivered-To` and `X-Original-To` addresses (normalised, de-duplicated): which of our addresses the
    /// mail came in through, even when the customer put us in Bcc.
    pub delivered_to: Vec<String>,
    /// Decoded subject (empty when missing).
    pub subject: String,
    /// `Date`, when present and valid.
    pub date: Option<jiff::Timestamp>,
    /// Plain text: the `text/plain` body, or text derived from the HTML when there is only HTML.
    /// Line endings are `\n`.
    pub text_body: String,
    /// The HTML body, sanitised, remote images blocked; `None` for plain-text mail.
    pub html_body: Option<SanitizedHtml>,
    /// [`text_body`](Self::text_body) split into the new text and the quoted part, for display.
    pub quoted_reply_split: QuotedSplit,
    /// Attachments, forwarded messages (as `.eml`) and inline images.
    pub attachments: Vec<Attachment>,
    /// Attachments not kept, with the reason.
    pub dropped_attachments: Vec<DroppedAttachment>,
    /// SHA-256 of the raw bytes, lower-case hex: de-duplicates a message delivered twice.
    pub content_hash: String,
    /// Set when the message is an automatic one (RFC 3834 and common practice): never auto-answer it.
    pub auto_submitted: Option<AutoSubmitted>,
    /// Set when the message is a delivery failure report.
    pub bounce: Option<Bounce>,
}

impl InboundMessage {
    /// Whether the message was sent automatically (auto-reply, list, notification).
    pub fn is_auto_submitted(&self) -> bool {
        self.auto_submitted.is_some() || self.bounce.is_some()
    }

    /// Who the message is from for a help desk: the `From` mailbox, else the first `Reply-To` (spam and some
    /// mass mailers send `From: <>` or no `From` at all), else `Sender`.
    pub fn sender(&self) -> Option<&Mailbox> {
        self.from
            .as_ref()
            .or(self.reply_to.first())
            .or(self.sender.as_ref())
    }

    /// Whether the message is a delivery failure report.
    pub fn is_bounce(&self) -> bool {
        self.bounce.is_some()
    }
}

/// Parses raw RFC 5322 bytes. Never panics; hostile input is refused with a [`RejectReason`], and an
/// oversized attachment is dropped (listed in [`InboundMessage::dropped_attachments`]) rather than refusing
/// the whole message.
///
/// Every charset encoding_rs knows is decoded (UTF-8, windows-1250, ISO-8859-2, KOI8-R, GB18030, …), as are
/// RFC 2047 encoded words in headers and RFC 2231 parameters (`filename*=utf-8''fakt%C3%BAra.pdf`).
pub fn parse(raw: &[u8], limits: &Limits) -> Result<InboundMessage, RejectReason> {
    precheck(raw, limits)?;
    let msg = MessageParser::default()
        .parse(raw)
        .filter(|m| !m.parts.is_empty() && !m.root_part().headers.is_empty())
        .ok_or(RejectReason::NotAMessage)?;
    check_structure(&msg, limits)?;

    let content_hash = hex::encode(Sha256::digest(raw));
    let (message_id, message_id_synthetic) =
        match msg.message_id().map(clean_id).filter(|id| !id.is_empty()) {
            Some(id) => (id, false),
            None => (format!("sha256-{content_hash}@podpora.invalid"), true),
        };
    let in_reply_to = ids(msg.in_reply_to()).into_iter().next();
    let references = ids(msg.references());
    let charsets = repair::candidate_charsets(&msg);
    let root_headers = &msg.root_part().headers;
    let mut from = mailboxes(msg.from()).into_iter().next();
    if from
        .as_ref()
        .and_then(|f| f.name.as_deref())
        .is_some_and(|n| n.contains('\u{fffd}'))
        && let Some(header) = repair::find_header(root_headers, "From")
        && let Some(fixed) = repair::repair_header(
            raw,
            header,
            &charsets,
            |m| mailboxes(m.from()).into_iter().next(),
            |f: &Mailbox| f.name.as_deref().is_some_and(|n| n.contains('\u{fffd}')),
        )
    {
        from = Some(fixed);
    }
    let reply_to = mailboxes(msg.reply_to());
    let to = msg.all_to().flat_map(|a| mailboxes(Some(a))).collect();
    let cc = msg.all_cc().flat_map(|a| mailboxes(Some(a))).collect();
    if let (Some(f), Some(header)) = (from.as_mut(), repair::find_header(root_headers, "From")) {
        strip_comment_from_name(f, raw, header);
    }
    let mut subject = msg.subject().unwrap_or_default().to_owned();
    if subject.contains('\u{fffd}')
        && let Some(header) = repair::find_header(root_headers, "Subject")
        && let Some(fixed) = repair::repair_header(
            raw,
            header,
            &charsets,
            |m| m.subject().map(str::to_owned),
            |s: &String| s.contains('\u{fffd}'),
        )
    {
        subject = fixed;
    }
    let date = msg
        .date()
        .filter(|d| d.is_valid())
        .and_then(|d| jiff::Timestamp::from_second(d.to_timestamp()).ok());

    let mut cleaned = Cleaned::default();
    let (text_body, html_raw) = bodies(&msg, &mut cleaned);
    let html_body = html_raw.as_deref().map(|h| cleaned.get(h).clone());
    let quoted_reply_split = split_quoted_reply(&text_body);
    let extracted = attachments::extract(
        &msg,
        limits,
        html_raw.as_deref().unwrap_or_default(),
        &charsets,
    );
    let auto_submitted = flags::detect_auto_submitted(&msg, &subject);
    let bounce = flags::detect_bounce(&msg, from.as_ref(), &subject);

    Ok(InboundMessage {
        message_id,
        message_id_synthetic,
        in_reply_to,
        references,
        from,
        reply_to,
        sender: mailboxes(msg.sender()).into_iter().next(),
        to,
        cc,
        delivered_to: delivered_to(&msg),
        subject,
        date,
        text_body,
        html_body,
        quoted_reply_split,
        attachments: extracted.kept,
        dropped_attachments: extracted.dropped,
        content_hash,
        auto_submitted,
        bounce,
    })
}

/// Cheap checks before mail-parser sees the bytes: total size, header size, and an upper bound on the
/// number of MIME parts (each nesting level beyond the first needs its own `Content-Type` line, so this
/// also bounds nesting before any structure is built).
fn precheck(raw: &[u8], limits: &Limits) -> Result<(), RejectReason> {
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(RejectReason::NotAMessage);
    }
    if raw.len() > limits.max_total_bytes {
        return Err(RejectReason::TooLarge {
            size: raw.len(),
            limit: limits.max_total_bytes,
        });
    }
    let header_len = header_section_len(raw);
    if header_len > limits.max_header_bytes {
        return Err(RejectReason::HeaderTooLarge {
            size: header_len,
            limit: limits.max_header_bytes,
        });
    }
    let content_types = raw
        .split(|&b| b == b'\n')
        .filter(|line| line.len() >= 13 && line[..13].eq_ignore_ascii_case(b"content-type:"))
        .count();
    if content_types > limits.max_parts {
        return Err(RejectReason::TooManyParts {
            count: content_types,
            limit: limits.max_parts,
        });
    }
    Ok(())
}

fn header_section_len(raw: &[u8]) -> usize {
    let mut prev_newline = false;
    for (i, &b) in raw.iter().enumerate() {
        match b {
            b'\n' if prev_newline => return i,
            b'\n' => prev_newline = true,
            b'\r' => {}
            _ => prev_newline = false,
        }
    }
    raw.len()
}

/// Counts parts and measures nesting over the parsed tree, without recursion.
fn check_structure(msg: &Message<'_>, limits: &Limits) -> Result<(), RejectReason> {
    let mut count = 0usize;
    let mut stack: Vec<(&Message<'_>, u32, usize)> = vec![(msg, 0, 1)];
    while let Some((m, id, depth)) = stack.pop() {
        if depth > limits.max_depth {
            return Err(RejectReason::TooDeep {
                depth,
                limit: limits.max_depth,
            });
        }
        count += 1;
        if count > limits.max_parts {
            return Err(RejectReason::TooManyParts {
                count,
                limit: limits.max_parts,
            });
        }
        match m.parts.get(id as usize).map(|p| &p.body) {
            Some(PartType::Multipart(children)) => stack.extend(
                children
                    .iter()
                    .filter(|&&c| c != id)
                    .map(|&c| (m, c, depth + 1)),
            ),
            Some(PartType::Message(nested)) if !nested.parts.is_empty() => {
                stack.push((nested, 0, depth + 1))
            }
            _ => {}
        }
    }
    Ok(())
}

/// HTML sanitised once per distinct markup: an HTML-only message's one part gives both the
/// text and the HTML body, and sanitising is most of the cost of reading such a message.
#[derive(Default)]
struct Cleaned(Vec<(String, SanitizedHtml)>);

impl Cleaned {
    fn get(&mut self, html: &str) -> &SanitizedHtml {
        let i = match self.0.iter().position(|(h, _)| h == html) {
            Some(i) => i,
            None => {
                self.0
                    .push((html.to_owned(), sanitize_html(html, RemoteImages::Block)));
                self.0.len() - 1
            }
        };
        &self.0[i].1
    }

    fn text(&mut self, html: &str) -> String {
        sanitized_to_text(&self.get(html).html)
    }
}

/// The plain-text body and the raw (unsanitised) HTML body.
fn bodies(msg: &Message<'_>, cleaned: &mut Cleaned) -> (String, Option<String>) {
    let mut text = String::new();
    for &id in &msg.text_body {
        let piece = match msg.parts.get(id as usize).map(|p| &p.body) {
            Some(PartType::Text(t)) => t.to_string(),
            Some(PartType::Html(h)) => cleaned.text(h),
            _ => continue,
        };
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&piece);
    }
    let html = html_of(msg);
    if text.trim().is_empty()
        && let Some(html) = &html
    {
        text = cleaned.text(html);
    }
    let text = text.replace("\r\n", "\n");
    (text, html)
}

/// The message's HTML body as it came (its HTML parts in order), if it has one.
fn html_of(msg: &Message<'_>) -> Option<String> {
    let mut html = String::new();
    let mut any_html = false;
    for &id in &msg.html_body {
        match msg.parts.get(id as usize).map(|p| &p.body) {
            Some(PartType::Html(h)) => {
                any_html = true;
                html.push_str(h);
            }
            // A plain part among HTML parts (Apple Mail splits around images): keep its text.
            Some(PartType::Text(t)) => html.push_str(&mail_parser::decoders::html::text_to_html(t)),
            _ => {}
        }
    }
    any_html.then_some(html)
}

/// The HTML body of a stored original exactly as it came, before [`sanitize_html`] took its
/// remote images out: for showing them when a reader asks (the result must still be
/// sanitised). `None` for a message without HTML or one that does not parse.
pub fn html_source(raw: &[u8]) -> Option<String> {
    let msg = MessageParser::default().parse(raw)?;
    html_of(&msg)
}

fn clean_id(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .to_owned()
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    let list: Vec<String> = match value {
        HeaderValue::Text(t) => t.split_whitespace().map(clean_id).collect(),
        HeaderValue::TextList(l) => l.iter().map(|t| clean_id(t)).collect(),
        _ => Vec::new(),
    };
    list.into_iter().filter(|id| !id.is_empty()).collect()
}

fn mailboxes(address: Option<&Address<'_>>) -> Vec<Mailbox> {
    let Some(address) = address else {
        return Vec::new();
    };
    address
        .iter()
        .filter_map(|a| Mailbox::new(a.address()?, a.name()))
        .collect()
}

fn delivered_to(msg: &Message<'_>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for header in msg.headers() {
        let name = header.name();
        if !name.eq_ignore_ascii_case("Delivered-To") && !name.eq_ignore_ascii_case("X-Original-To")
        {
            continue;
        }
        let value = match header.value() {
            HeaderValue::Text(t) => Some(t.to_string()),
            HeaderValue::Address(a) => a.first().and_then(|a| a.address()).map(str::to_owned),
            _ => None,
        };
        if let Some(addr) = value.as_deref().and_then(normalize_address)
            && !out.contains(&addr)
        {
            out.push(addr);
        }
    }
    out
}

/// `From: MAILER-DAEMON (Mail Delivery System) <postmaster@x>`: the comment is not part of the display name
/// (RFC 5322 3.2.2), though mail-parser appends it. A comment is still used as the name when there is no
/// phrase at all (`postmaster@x (Mail Delivery System)`), as mail clients do.
fn strip_comment_from_name(mailbox: &mut Mailbox, raw: &[u8], header: &mail_parser::Header<'_>) {
    let Some(bytes) = raw.get(header.offset_start() as usize..header.offset_end() as usize) else {
        return;
    };
    let value = String::from_utf8_lossy(bytes);
    let Some(before_angle) = value.split('<').next().filter(|_| value.contains('<')) else {
        return;
    };
    if before_angle.contains('"') || before_angle.contains("=?") {
        return;
    }
    let Some((phrase, _comment)) = before_angle.split_once('(') else {
        return;
    };
    let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
    if !phrase.is_empty()
        && mailbox
            .name
            .as_deref()
            .is_some_and(|n| n.starts_with(&phrase) && n != phrase)
    {
        mailbox.name = Some(phrase);
    }
}
