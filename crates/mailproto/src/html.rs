//! HTML bodies: sanitising for display and deriving plain text.

use std::borrow::Cow;
use std::cell::Cell;
use std::sync::LazyLock;

use serde::Serialize;

/// Whether remote images in an HTML body may load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RemoteImages {
    /// Remove every `img` `src` that is not a `cid:` reference to an inline part, so no tracking pixel loads
    /// and no relative URL resolves against podpora's own origin. The default.
    #[default]
    Block,
    /// Keep `http:`/`https:` image sources (after the agent chose "load images" for this message).
    Allow,
}

/// Sanitised HTML, safe to place in a sandboxed `iframe srcdoc`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SanitizedHtml {
    /// The cleaned markup: no scripts, styles, event handlers, forms or frames; links get
    /// `rel="noopener noreferrer"`.
    pub html: String,
    /// How many image sources were removed by [`RemoteImages::Block`]; the UI offers "load images" when > 0.
    pub blocked_images: usize,
}

/// Sanitises mail HTML with ammonia's allow-list. Inline images referenced as `cid:` keep their `src`.
///
/// ```
/// use podpora_mailproto::{sanitize_html, RemoteImages};
/// let s = sanitize_html(
///     r#"<p onclick="x()">Hi<script>alert(1)</script><img src="https://t.example/p.gif"><img src="cid:logo@x"></p>"#,
///     RemoteImages::Block,
/// );
/// assert_eq!(s.html, r#"<p>Hi<img><img src="cid:logo@x"></p>"#);
/// assert_eq!(s.blocked_images, 1);
/// ```
pub fn sanitize_html(html: &str, remote: RemoteImages) -> SanitizedHtml {
    // Building ammonia's allow-lists costs more than cleaning a short message: one builder per
    // mode for the process; the filter counts removed images in a per-thread counter.
    static BLOCK: LazyLock<ammonia::Builder<'static>> =
        LazyLock::new(|| builder(RemoteImages::Block));
    static ALLOW: LazyLock<ammonia::Builder<'static>> =
        LazyLock::new(|| builder(RemoteImages::Allow));
    let builder = match remote {
        RemoteImages::Block => &*BLOCK,
        RemoteImages::Allow => &*ALLOW,
    };
    BLOCKED_IMAGES.with(|c| c.set(0));
    let html = builder.clean(html).to_string();
    SanitizedHtml {
        html,
        blocked_images: BLOCKED_IMAGES.with(Cell::get),
    }
}

thread_local! {
    /// Image sources the current [`sanitize_html`] call on this thread removed.
    static BLOCKED_IMAGES: Cell<usize> = const { Cell::new(0) };
}

fn builder(remote: RemoteImages) -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .add_url_schemes(["cid"])
        .rm_tags(["map", "area"])
        .add_clean_content_tags(["title"])
        .attribute_filter(move |element, attribute, value| {
            if element == "img" && attribute == "src" {
                let v = value.trim();
                let is_cid = v.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("cid:"));
                let is_web = ["http://", "https://"]
                    .iter()
                    .any(|p| v.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)));
                if is_cid || (remote == RemoteImages::Allow && is_web) {
                    return Some(Cow::Borrowed(value));
                }
                BLOCKED_IMAGES.with(|c| c.set(c.get() + 1));
                return None;
            }
            Some(Cow::Borrowed(value))
        });
    builder
}

/// Derives readable plain text from mail HTML: block elements become line breaks, `head`, `style`, `script`
/// and `title` contents are dropped, entities are decoded, runs of spaces collapse, and at most one empty line
/// separates paragraphs.
///
/// ```
/// let t = podpora_mailproto::html_to_text("<div>Dobrý deň,</div><div>tlačiareň &amp; skener</div><br>S pozdravom");
/// assert_eq!(t, "Dobrý deň,\ntlačiareň & skener\n\nS pozdravom");
/// ```
pub fn html_to_text(html: &str) -> String {
    // Sanitising first gives well-formed markup whose only entities are the few html5ever writes.
    sanitized_to_text(&sanitize_html(html, RemoteImages::Block).html)
}

/// [`html_to_text`] of markup [`sanitize_html`] already cleaned.
pub(crate) fn sanitized_to_text(clean: &str) -> String {
    let mut out = String::with_capacity(clean.len() / 2);
    let mut rest = clean;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        let after = &rest[lt + 1..];
        let gt = after.find('>').unwrap_or(after.len());
        let tag = &after[..gt];
        rest = after.get(gt + 1..).unwrap_or("");
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "br" => out.push('\n'),
            "li" if !closing => {
                newline(&mut out);
                out.push_str("- ");
            }
            "p" | "div" | "tr" | "table" | "ul" | "ol" | "li" | "blockquote" | "pre" | "h1"
            | "h2" | "h3" | "h4" | "h5" | "h6" | "hr" | "dl" | "dt" | "dd" | "center"
            | "address" => newline(&mut out),
            "td" | "th" if closing => out.push(' '),
            _ => {}
        }
    }
    push_text(&mut out, rest);
    tidy_lines(&out)
}

fn newline(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn push_text(out: &mut String, text: &str) {
    let decoded = decode_entities(text);
    for c in decoded.chars() {
        // Source line breaks inside HTML text are just spaces.
        out.push(if c == '\n' || c == '\r' || c == '\t' {
            ' '
        } else {
            c
        });
    }
}

/// Collapses spaces inside each line, trims lines, and keeps at most one empty line in a row.
fn tidy_lines(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let collapsed = line
            .split([' ', '\u{a0}'])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if collapsed.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(collapsed);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| decode_entity(&after[..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn decode_entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => return None,
    })
}

/// The set of allowed URL schemes, for tests that check nothing unexpected slipped in.
#[cfg(test)]
fn schemes() -> std::collections::HashSet<&'static str> {
    let mut b = ammonia::Builder::default();
    b.add_url_schemes(["cid"]);
    b.clone_url_schemes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_script_handlers_and_styles() {
        let s = sanitize_html(
            r#"<style>p{color:red}</style><a href="javascript:alert(1)" onmouseover="x">x</a><iframe src="https://e"></iframe><form><input></form>"#,
            RemoteImages::Block,
        );
        assert!(!s.html.contains("javascript"), "{}", s.html);
        assert!(!s.html.contains("onmouseover"), "{}", s.html);
        assert!(!s.html.contains("iframe"), "{}", s.html);
        assert!(!s.html.contains("color:red"), "{}", s.html);
        assert!(!s.html.contains("input"), "{}", s.html);
    }

    #[test]
    fn blocks_remote_and_relative_images_but_allows_on_request() {
        let html =
            r#"<img src="HTTPS://track.example/p.gif"><img src="logo.png"><img src="CID:a@b">"#;
        let blocked = sanitize_html(html, RemoteImages::Block);
        assert_eq!(blocked.blocked_images, 2);
        assert!(!blocked.html.contains("track.example"));
        assert!(blocked.html.contains("CID:a@b"));
        let allowed = sanitize_html(html, RemoteImages::Allow);
        assert!(allowed.html.contains("track.example"));
        assert_eq!(allowed.blocked_images, 1);
    }

    #[test]
    fn no_background_or_srcset_tracking() {
        let s = sanitize_html(
            r#"<table background="https://t/x.gif"><tr><td style="background:url(https://t/y.gif)">a</td></tr></table><img srcset="https://t/z.gif 1x">"#,
            RemoteImages::Block,
        );
        assert!(!s.html.contains("https://t/"), "{}", s.html);
        assert!(schemes().contains("cid"));
        assert!(!schemes().contains("data"));
    }

    #[test]
    fn text_from_html() {
        let t = html_to_text(
            "<html><head><title>T</title><style>x{}</style></head><body><p>A&nbsp;b &lt;c&gt;</p>\n<ul><li>one</li><li>two</li></ul><table><tr><td>x</td><td>y</td></tr></table>&#x10D;</body></html>",
        );
        // The source line break between the paragraph and the list leaves one empty line.
        assert_eq!(t, "A b <c>\n\n- one\n- two\nx y\nč");
    }
}
