//! Attachments: the decoded bytes of every non-body part, named and hashed.

use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::{Encoding, Message, MessagePart, MimeHeaders, PartType};
use md5::Md5;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::limits::Limits;
use crate::repair;

/// One attachment, decoded from its transfer encoding; text attachments keep their original charset bytes.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Attachment {
    /// Decoded file name (RFC 2047 / RFC 2231), without any directory part, unique within the message.
    /// Unnamed parts are named as described in the crate docs (forwarded messages after their subject + `.eml`,
    /// `image.png`, `document.html`, `delivery-status.txt`, `file` …).
    pub file_name: String,
    /// Lower-case MIME type, e.g. `application/pdf`.
    pub content_type: String,
    /// The bytes.
    #[serde(skip)]
    pub data: Vec<u8>,
    /// SHA-256 of `data`, lower-case hex: the content address for storage and de-duplication.
    pub sha256: String,
    /// Shown inside the body rather than in the attachment list: `Content-Disposition: inline`, or a
    /// `Content-ID` that the HTML body references as `cid:`.
    pub inline: bool,
    /// `Content-ID` without angle brackets.
    pub content_id: Option<String>,
}

impl Attachment {
    /// MD5 of `data`, lower-case hex (for comparison with other systems' expectations, never for
    /// security); computed on request, as nothing in the intake needs it.
    pub fn md5(&self) -> String {
        hex::encode(Md5::digest(&self.data))
    }
}

impl std::fmt::Debug for Attachment {
    // The bytes would flood logs and test output; their size and hash identify them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attachment")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.data.len())
            .field("sha256", &self.sha256)
            .field("inline", &self.inline)
            .field("content_id", &self.content_id)
            .finish_non_exhaustive()
    }
}

/// An attachment that was not kept, with the reason, so the agent sees that something was removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DroppedAttachment {
    /// Decoded file name, as for [`Attachment::file_name`].
    pub file_name: String,
    /// Lower-case MIME type.
    pub content_type: String,
    /// Decoded size in bytes.
    pub size: usize,
    /// Why it was dropped, e.g. "larger than the 25 MiB attachment limit".
    pub reason: String,
}

pub(crate) struct Extracted {
    pub kept: Vec<Attachment>,
    pub dropped: Vec<DroppedAttachment>,
}

pub(crate) fn extract(
    msg: &Message<'_>,
    limits: &Limits,
    html: &str,
    charsets: &[String],
) -> Extracted {
    let mut out = Extracted {
        kept: Vec::new(),
        dropped: Vec::new(),
    };
    let raw = msg.raw_message();
    for &id in &msg.attachments {
        let Some(part) = msg.parts.get(id as usize) else {
            continue;
        };
        let content_type = mime_type(part);
        let data = part_bytes(raw, part);
        let repaired = part
            .attachment_name()
            .filter(|n| n.contains('\u{fffd}'))
            .and_then(|_| {
                ["Content-Disposition", "Content-Type"]
                    .iter()
                    .find_map(|h| {
                        let header = repair::find_header(&part.headers, h)?;
                        let read =
                            |m: &Message<'_>| m.root_part().attachment_name().map(str::to_owned);
                        repair::repair_header(raw, header, charsets, read, |n: &String| {
                            n.contains('\u{fffd}')
                        })
                    })
            });
        let taken: Vec<String> = out
            .kept
            .iter()
            .map(|a| a.file_name.clone())
            .chain(out.dropped.iter().map(|d| d.file_name.clone()))
            .collect();
        let nested_subject = repaired_nested_subject(raw, part, charsets);
        let file_name = unique_name(
            file_name(part, &content_type, repaired, nested_subject),
            &taken,
        );
        if data.len() > limits.max_attachment_bytes {
            out.dropped.push(DroppedAttachment {
                file_name,
                size: data.len(),
                content_type,
                reason: format!(
                    "larger than the {} byte attachment limit",
                    limits.max_attachment_bytes
                ),
            });
            continue;
        }
        let content_id = part
            .content_id()
            .map(|c| {
                c.trim()
                    .trim_matches(|ch| ch == '<' || ch == '>')
                    .to_owned()
            })
            .filter(|c| !c.is_empty());
        let disposition_inline = part.content_disposition().is_some_and(|d| d.is_inline());
        let referenced = content_id
            .as_ref()
            .is_some_and(|cid| references_cid(html, cid));
        out.kept.push(Attachment {
            sha256: hex::encode(Sha256::digest(&data)),
            file_name,
            content_type,
            data,
            inline: disposition_inline || referenced,
            content_id,
        });
    }
    out
}

fn references_cid(html: &str, cid: &str) -> bool {
    let needle = format!("cid:{}", cid.to_ascii_lowercase());
    html.to_ascii_lowercase().contains(&needle)
}

fn mime_type(part: &MessagePart<'_>) -> String {
    match part.content_type() {
        Some(ct) => match ct.subtype() {
            Some(sub) => format!("{}/{}", ct.ctype(), sub).to_ascii_lowercase(),
            None => ct.ctype().to_ascii_lowercase(),
        },
        None if matches!(part.body, PartType::Message(_)) => "message/rfc822".to_owned(),
        None => "text/plain".to_owned(),
    }
}

/// The part's bytes, transfer-decoded from the raw message. Text parts keep their original charset (mail-parser
/// hands text over converted to UTF-8, which would change a windows-1250 CSV). Base64 is decoded leniently
/// (a truncated last group still yields its bytes, as most mail clients do) and `x-uuencode` is decoded too.
fn part_bytes(raw: &[u8], part: &MessagePart<'_>) -> Vec<u8> {
    let (start, end) = (part.offset_body as usize, part.offset_end as usize);
    // The line break before a boundary belongs to the boundary (RFC 2046 5.1.1); mail-parser's fallback for
    // broken parts leaves it in.
    let end = match (raw.get(end..), raw.get(start..end)) {
        (Some(next), Some(body)) if next.starts_with(b"--") && body.ends_with(b"\r\n") => end - 2,
        (Some(next), Some(body)) if next.starts_with(b"--") && body.ends_with(b"\n") => end - 1,
        _ => end,
    };
    let slice = raw.get(start..end.max(start));
    if let PartType::Message(nested) = &part.body {
        return match (part.encoding, slice) {
            (Encoding::None, Some(s)) if !s.is_empty() => s.to_vec(),
            (Encoding::None, _) if nested.parts.iter().all(|p| p.headers.is_empty()) => Vec::new(),
            (Encoding::None, _) => nested_span(raw, nested).unwrap_or_default().to_vec(),
            _ => nested.raw_message().to_vec(),
        };
    }
    let transfer = part
        .content_transfer_encoding()
        .map(|e| e.trim().to_ascii_lowercase())
        .unwrap_or_default();
    // The header decides, not mail-parser's verdict: when a part lacks its closing boundary mail-parser
    // gives up on the transfer encoding and hands over the raw text.
    let decoded = slice.map(|s| match transfer.as_str() {
        "base64" => decode_base64_lenient(s),
        "quoted-printable" => quoted_printable_decode(s).unwrap_or_else(|| s.to_vec()),
        "x-uuencode" | "uuencode" | "x-uue" => uudecode(s).unwrap_or_else(|| s.to_vec()),
        _ => s.to_vec(),
    });
    decoded.unwrap_or_else(|| part.contents().to_vec())
}

/// The bytes of a forwarded message that mail-parser parsed in place (its offsets are into `raw`).
fn nested_span<'r>(raw: &'r [u8], nested: &Message<'_>) -> Option<&'r [u8]> {
    let start = nested.parts.first()?.offset_header as usize;
    let end = nested.parts.iter().map(|p| p.offset_end as usize).max()?;
    raw.get(start..end.max(start))
}

/// Base64 that tolerates line breaks, junk characters and a truncated final group: the
/// alphabet's characters up to the first `=` are kept and decoded, a last group of two or three
/// characters still yields its bytes and a single leftover character is dropped.
fn decode_base64_lenient(input: &[u8]) -> Vec<u8> {
    use base64::Engine as _;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::RequireNone)
            .with_decode_allow_trailing_bits(true),
    );
    // Attachments are megabytes: a table and a branch-free copy keep this near memory speed.
    const IN_ALPHABET: [bool; 256] = {
        let mut t = [false; 256];
        let mut c = 0;
        while c < 256 {
            let b = c as u8;
            t[c] = b.is_ascii_alphanumeric() || b == b'+' || b == b'/';
            c += 1;
        }
        t
    };
    let end = input.iter().position(|&c| c == b'=').unwrap_or(input.len());
    let mut clean = vec![0u8; end];
    let mut n = 0;
    for &c in &input[..end] {
        // `n` never passes the index of `c`, so the slot exists.
        clean[n] = c;
        n += usize::from(IN_ALPHABET[usize::from(c)]);
    }
    clean.truncate(n);
    if clean.len() % 4 == 1 {
        clean.pop();
    }
    LENIENT.decode(&clean).unwrap_or_default()
}

/// Decodes the body of a `begin … end` uuencoded block.
fn uudecode(input: &[u8]) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(input);
    // The `begin` line is optional: some mailers send only the encoded lines.
    let has_begin = text.lines().any(|l| l.starts_with("begin "));
    let lines = text
        .lines()
        .skip_while(|l| has_begin && !l.starts_with("begin "))
        .skip(usize::from(has_begin));
    let mut out = Vec::new();
    for line in lines {
        let bytes = line.as_bytes();
        if line.trim() == "end" || bytes.is_empty() {
            break;
        }
        let len = usize::from((bytes[0].wrapping_sub(b' ')) & 0x3f);
        if len == 0 {
            continue;
        }
        let sextet = |i: usize| u32::from(bytes.get(i).map_or(0, |b| b.wrapping_sub(b' ') & 0x3f));
        let mut line_out = Vec::with_capacity(len + 2);
        let mut i = 1;
        while line_out.len() < len {
            let n =
                (sextet(i) << 18) | (sextet(i + 1) << 12) | (sextet(i + 2) << 6) | sextet(i + 3);
            line_out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
            i += 4;
        }
        line_out.truncate(len);
        out.extend_from_slice(&line_out);
    }
    Some(out)
}

/// Names a part the way help desks do (Zammad's order), so unnamed parts get a recognisable name:
/// the decoded `filename`/`name` parameter; `Content-Location`; for a forwarded message its subject (or
/// `Content-Description`) + `.eml`, else `Mail.eml`; a `Content-ID` that looks like a file name; a name from
/// the type (`Content-Description` or `image`/`document`/`video`/`calendar`/`delivery-status` + extension);
/// the `Content-ID` local part; `file`.
fn file_name(
    part: &MessagePart<'_>,
    content_type: &str,
    repaired: Option<String>,
    nested_subject: Option<String>,
) -> String {
    let clean = |s: &str| Some(sanitize_file_name(s)).filter(|n| !n.is_empty());
    if let Some(name) = repaired
        .or_else(|| part.attachment_name().map(str::to_owned))
        .as_deref()
        .and_then(clean)
    {
        return name;
    }
    if let Some(name) = part.content_location().and_then(clean) {
        return name;
    }
    let description = part
        .content_description()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    if let PartType::Message(nested) = &part.body {
        let subject = nested_subject.or_else(|| nested.subject().map(str::to_owned));
        let subject = subject.as_deref().map(str::trim).filter(|s| !s.is_empty());
        return subject
            .or(description)
            .and_then(|s| clean(&format!("{s}.eml")))
            .unwrap_or_else(|| "Mail.eml".to_owned());
    }
    let cid_local = part
        .content_id()
        .map(|c| c.trim().trim_matches(|ch| ch == '<' || ch == '>'))
        .and_then(|c| c.split_once('@').map(|(local, _)| local))
        .filter(|l| !l.is_empty());
    if let Some(local) = cid_local
        && local
            .rsplit_once('.')
            .is_some_and(|(stem, ext)| !stem.is_empty() && (2..=6).contains(&ext.len()))
        && let Some(name) = clean(local)
    {
        return name;
    }
    // Only a declared type counts (a part without Content-Type is "file", as in Zammad).
    if let Some((ext, word)) = part.content_type().and_then(|_| type_name(content_type)) {
        let stem = description.unwrap_or(word);
        if let Some(name) = clean(&format!("{stem}.{ext}")) {
            return name;
        }
    }
    cid_local
        .and_then(clean)
        .unwrap_or_else(|| "file".to_owned())
}

/// The subject of a forwarded message whose Subject header holds raw 8-bit bytes, decoded.
fn repaired_nested_subject(
    raw: &[u8],
    part: &MessagePart<'_>,
    charsets: &[String],
) -> Option<String> {
    let PartType::Message(nested) = &part.body else {
        return None;
    };
    if !nested.subject()?.contains('\u{fffd}') {
        return None;
    }
    let nested_raw = if part.encoding == Encoding::None {
        raw
    } else {
        nested.raw_message()
    };
    let header = repair::find_header(&nested.parts.first()?.headers, "Subject")?;
    let read = |m: &Message<'_>| m.subject().map(str::to_owned);
    repair::repair_header(nested_raw, header, charsets, read, |s: &String| {
        s.contains('\u{fffd}')
    })
}

fn type_name(content_type: &str) -> Option<(&'static str, &'static str)> {
    Some(match content_type {
        "message/delivery-status" => ("txt", "delivery-status"),
        "text/plain" => ("txt", "document"),
        "text/html" => ("html", "document"),
        "video/quicktime" => ("mov", "video"),
        "image/jpeg" | "image/jpg" => ("jpg", "image"),
        "image/png" => ("png", "image"),
        "image/gif" => ("gif", "image"),
        "text/calendar" => ("ics", "calendar"),
        _ => return None,
    })
}

/// Makes `name` unique among `taken` by numbering before the extension: `image.jpg`, `image1.jpg`, ….
fn unique_name(name: String, taken: &[String]) -> String {
    if !taken.contains(&name) {
        return name;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s.to_owned(), format!(".{e}")),
        _ => (name.clone(), String::new()),
    };
    (1..)
        .map(|i| format!("{stem}{i}{ext}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(name)
}

/// Keeps the last path component, replaces control characters, and caps the length at 200 bytes (extension
/// kept). Other characters (`:` in "Re: offer.eml") stay: the name is for display and for the download's
/// `Content-Disposition`, never a path on disk (attachments are stored by hash).
pub(crate) fn sanitize_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = last
        .chars()
        .map(|c| if c.is_control() { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    if cleaned.len() <= 200 {
        return cleaned;
    }
    let (stem, ext) = match cleaned.rsplit_once('.') {
        Some((s, e)) if e.len() <= 10 => (s, format!(".{e}")),
        _ => (cleaned.as_str(), String::new()),
    };
    let mut cut = 200 - ext.len();
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{ext}", &stem[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(
            sanitize_file_name("C:\\Users\\x\\faktúra.pdf"),
            "faktúra.pdf"
        );
        assert_eq!(sanitize_file_name("../../etc/passwd"), "passwd");
        assert_eq!(sanitize_file_name("a\u{0}b?.txt"), "a_b?.txt");
        assert_eq!(sanitize_file_name("..."), "");
        let long = format!("{}.pdf", "ž".repeat(300));
        let cut = sanitize_file_name(&long);
        assert!(cut.len() <= 200 && cut.ends_with(".pdf"), "{cut}");
    }
}

#[cfg(test)]
mod decoding_tests {
    use super::*;

    #[test]
    fn lenient_base64_keeps_a_truncated_group() {
        assert_eq!(decode_base64_lenient(b"aGVs\r\nbG8="), b"hello");
        assert_eq!(decode_base64_lenient(b"aGVsbG8"), b"hello");
        assert_eq!(decode_base64_lenient(b"aGVsbG8h!!"), b"hello!");
    }

    #[test]
    fn uuencode() {
        let body = b"begin 644 cat.txt\n#0V%T\n`\nend\n";
        assert_eq!(uudecode(body).as_deref(), Some(&b"Cat"[..]));
        assert_eq!(uudecode(b"#0V%T\n`\n").as_deref(), Some(&b"Cat"[..]));
    }

    #[test]
    fn names_are_made_unique_before_the_extension() {
        let taken = vec![
            "image.jpg".to_owned(),
            "image1.jpg".to_owned(),
            "README".to_owned(),
        ];
        assert_eq!(unique_name("image.jpg".into(), &taken), "image2.jpg");
        assert_eq!(unique_name("README".into(), &taken), "README1");
        assert_eq!(unique_name("x.pdf".into(), &taken), "x.pdf");
        assert_eq!(
            unique_name(
                "Shot at 09.00.38.png".into(),
                &["Shot at 09.00.38.png".to_owned()]
            ),
            "Shot at 09.00.381.png"
        );
    }
}
