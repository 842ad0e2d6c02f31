//! Repairs for headers that break the standards in ways real mail does: raw 8-bit bytes in a legacy charset
//! (GB2312 subjects, Latin-1 file names) and Shift_JIS text labelled ISO-2022-JP in encoded words.

use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::{Header, Message, MessageParser, MimeHeaders, PartType};

/// Charsets to try for raw 8-bit header bytes: those the message declares (the root's first, multi-byte
/// ones before single-byte ones), then windows-1252, the usual undeclared default.
pub(crate) fn candidate_charsets(msg: &Message<'_>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut push = |c: &str| {
        let c = c.trim().to_ascii_lowercase();
        if !c.is_empty() && !found.contains(&c) {
            found.push(c);
        }
    };
    // Forwarded messages count too: their parts are not in the outer part list.
    let mut stack = vec![msg];
    let mut parts = Vec::new();
    while let Some(m) = stack.pop() {
        for part in &m.parts {
            parts.push(part);
            if let PartType::Message(nested) = &part.body {
                stack.push(nested);
            }
        }
    }
    for part in parts {
        if let Some(cs) = part.content_type().and_then(|ct| ct.attribute("charset")) {
            push(cs);
            // Mislabelled supersets: GBK text declared GB2312, Shift_JIS declared ISO-2022-JP.
            if cs.eq_ignore_ascii_case("gb2312") || cs.eq_ignore_ascii_case("iso-gb2312") {
                push("gb18030");
            }
            if cs.eq_ignore_ascii_case("iso-2022-jp") {
                push("shift_jis");
            }
        }
    }
    let single_byte =
        |c: &str| c.starts_with("iso-8859") || c.starts_with("windows-") || c.contains("ascii");
    found.sort_by_key(|c| single_byte(c));
    found.push("windows-1252".to_owned());
    found
}

/// Decodes raw header bytes that are not UTF-8 with the first candidate charset that decodes them without
/// replacement characters.
fn transcode(bytes: &[u8], charsets: &[String]) -> Option<String> {
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    charsets.iter().find_map(|cs| {
        let decoder = charset_decoder(cs.as_bytes())?;
        let text = decoder(bytes);
        (!text.contains('\u{fffd}')).then_some(text)
    })
}

/// Re-parses one header through mail-parser after fixing its raw bytes, so RFC 2047/2231 decoding still
/// applies; `read` extracts the wanted value from the re-parsed header block.
fn reparse<T>(name: &str, value: &str, read: impl FnOnce(&Message<'_>) -> Option<T>) -> Option<T> {
    let block = format!("{name}:{value}\r\n\r\n");
    let msg = MessageParser::default().parse(block.as_bytes())?;
    read(&msg)
}

/// The raw value bytes of a header.
fn raw_value<'a>(raw: &'a [u8], header: &Header<'_>) -> Option<&'a [u8]> {
    raw.get(header.offset_start() as usize..header.offset_end() as usize)
}

/// A fixed value for `header` when its decoded form contains U+FFFD, or `None` when nothing better exists.
pub(crate) fn repair_header<T>(
    raw: &[u8],
    header: &Header<'_>,
    charsets: &[String],
    read: impl Fn(&Message<'_>) -> Option<T>,
    bad: impl Fn(&T) -> bool,
) -> Option<T> {
    let bytes = raw_value(raw, header)?;
    let name = header.name();
    if let Some(text) = transcode(bytes, charsets)
        && let Some(v) = reparse(name, &text, &read).filter(|v| !bad(v))
    {
        return Some(v);
    }
    // Japanese mailers label Shift_JIS encoded words as ISO-2022-JP.
    let text = String::from_utf8_lossy(bytes);
    let lower = text.to_ascii_lowercase();
    if let Some(pos) = lower.find("=?iso-2022-jp?") {
        let mut fixed = text.into_owned();
        fixed.replace_range(pos..pos + "=?iso-2022-jp?".len(), "=?shift_jis?");
        return reparse(name, &fixed, &read).filter(|v| !bad(v));
    }
    None
}

/// The header named `name` of a part, for repair.
pub(crate) fn find_header<'a, 'x>(headers: &'a [Header<'x>], name: &str) -> Option<&'a Header<'x>> {
    headers.iter().find(|h| h.name().eq_ignore_ascii_case(name))
}
