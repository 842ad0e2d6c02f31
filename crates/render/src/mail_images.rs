//! A received mail's HTML with its images as a reader asked for them: images embedded in the
//! mail (`cid:`) shown from the mail's own files, remote ones blocked behind a placeholder
//! naming their host until the reader asks to see them (a remote image tells its sender when
//! and from where the mail was read).

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

/// How [`sanitise_mail_html_with_images`] treats a mail's images.
pub struct MailImages<'a> {
    /// Show remote images (`https:` only; a plain `http:` one stays blocked, as the page's
    /// address is secure and the policy lets only `https:` images in).
    pub show_remote: bool,
    /// The words standing for a blocked remote image from `host`.
    pub blocked: &'a dyn Fn(&str) -> String,
    /// The words standing for an embedded image that is not among the mail's files.
    pub missing: &'a str,
    /// Where the mail's file with this `Content-ID` is served, if it has one.
    pub inline: &'a dyn Fn(&str) -> Option<String>,
}

/// A mail's HTML made safe to show, and how many remote images it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailHtml {
    /// The markup.
    pub html: String,
    /// Remote images in it, shown or not; none means nothing to ask for.
    pub remote_images: usize,
}

/// The HTML of a mail as [`crate::sanitise_mail_html`] makes it, except that images stay:
/// each `cid:` image points at the mail's own file (or says it is missing), each remote image
/// is a placeholder naming its host unless `images.show_remote`; any other image source
/// (relative, `data:`, `file:`) is dropped with its image.
pub fn sanitise_mail_html_with_images(html: &str, images: &MailImages<'_>) -> MailHtml {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    let clean = CLEANER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.url_schemes(HashSet::from(["http", "https", "mailto", "tel", "cid"]))
                .link_rel(Some("noopener noreferrer nofollow"))
                .strip_comments(true)
                .attribute_filter(keep_attribute);
            b
        })
        .clean(html)
        .to_string();
    replace_images(&clean, images)
}

/// The attribute filter: an image keeps only a web or `cid:` source, a link loses a `cid:`
/// target, and no image attribute keeps a `<` or `>` (so [`replace_images`] can find each
/// image's end at the first `>`).
fn keep_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    let lower = value.trim().to_ascii_lowercase();
    match (element, attribute) {
        ("img", "src") => {
            let web = lower.starts_with("https://") || lower.starts_with("http://");
            (web || lower.starts_with("cid:"))
                .then(|| Cow::Owned(value.trim().replace('<', "%3C").replace('>', "%3E")))
        }
        ("img", _) => Some(Cow::Owned(value.replace(['<', '>'], " "))),
        ("a", "href") if lower.starts_with("cid:") => None,
        _ => Some(Cow::Borrowed(value)),
    }
}

/// One `<img …>` of the cleaned markup: its attributes as serialised (values still escaped).
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq].trim().trim_start_matches('/').trim();
        let after = &rest[eq + 2..];
        let Some(close) = after.find('"') else { break };
        out.push((name, &after[..close]));
        rest = &after[close + 1..];
    }
    out
}

/// The minimal unescaping of a serialised attribute value that a host name or a `Content-ID`
/// needs.
fn unescape(v: &str) -> String {
    v.replace("&quot;", "\"").replace("&amp;", "&")
}

fn escape(v: &str) -> String {
    v.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The host of a web address, without user, port or path.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or(host)
    } else {
        host.split(':').next().unwrap_or(host)
    };
    host.to_ascii_lowercase()
}

fn replace_images(clean: &str, images: &MailImages<'_>) -> MailHtml {
    let mut out = String::with_capacity(clean.len());
    let mut remote_images = 0;
    let mut rest = clean;
    while let Some(at) = rest.find("<img") {
        out.push_str(&rest[..at]);
        let tag_and_after = &rest[at..];
        let end = tag_and_after
            .find('>')
            .map_or(tag_and_after.len(), |e| e + 1);
        let attrs = attributes(&tag_and_after[4..end.saturating_sub(1).max(4)]);
        let get = |n: &str| attrs.iter().find(|(k, _)| *k == n).map(|(_, v)| *v);
        let alt = get("alt").unwrap_or("");
        let size: String = ["width", "height"]
            .iter()
            .filter_map(|n| get(n).map(|v| format!(" {n}=\"{v}\"")))
            .collect();
        let placeholder = |words: &str| {
            let alt = if alt.trim().is_empty() {
                String::new()
            } else {
                format!(" ({})", alt.trim())
            };
            format!(
                "<span class=\"blocked-image\">{}{alt}</span>",
                escape(words)
            )
        };
        if let Some(src) = get("src") {
            let plain = unescape(src);
            let lower = plain.to_ascii_lowercase();
            if let Some(cid) = lower.strip_prefix("cid:") {
                let cid = cid.trim_matches(|c| c == '<' || c == '>');
                match (images.inline)(cid) {
                    Some(url) => out.push_str(&format!(
                        "<img src=\"{}\" alt=\"{alt}\"{size}>",
                        escape(&url)
                    )),
                    None => out.push_str(&placeholder(images.missing)),
                }
            } else {
                remote_images += 1;
                if images.show_remote && lower.starts_with("https://") {
                    out.push_str(&format!(
                        "<img src=\"{src}\" alt=\"{alt}\"{size} referrerpolicy=\"no-referrer\" loading=\"lazy\">"
                    ));
                } else {
                    out.push_str(&placeholder(&(images.blocked)(&host(&plain))));
                }
            }
        }
        rest = &tag_and_after[end..];
    }
    out.push_str(rest);
    MailHtml {
        html: out,
        remote_images,
    }
}

#[cfg(test)]
mod tests {
    use super::{MailImages, host, sanitise_mail_html_with_images};

    fn policy(show_remote: bool) -> impl Fn(&str) -> super::MailHtml {
        move |html: &str| {
            let blocked = |h: &str| format!("Image from {h} blocked.");
            let inline = |cid: &str| (cid == "logo@firma.sk").then(|| "/desk/files/7".to_string());
            sanitise_mail_html_with_images(
                html,
                &MailImages {
                    show_remote,
                    blocked: &blocked,
                    missing: "Embedded image missing.",
                    inline: &inline,
                },
            )
        }
    }

    const MAIL: &str = concat!(
        "<p>Dobrý deň,</p>",
        "<img src=\"https://tracker.example/pixel.gif?id=7&amp;u=jan\" alt=\"logo\" width=\"1\" onerror=\"alert(1)\">",
        "<img src=\"cid:logo@firma.sk\" alt=\"podpis\">",
        "<img src=\"cid:other@firma.sk\">",
        "<img src=\"http://plain.example/a.png\">",
        "<img src=\"data:image/png;base64,AAAA\">",
        "<img src=\"relative.png\">",
        "<a href=\"cid:logo@firma.sk\">odkaz</a>",
        "<script>alert(2)</script>",
    );

    #[test]
    fn remote_images_are_blocked_with_their_host_and_embedded_ones_come_from_the_mail() {
        let shown = policy(false)(MAIL);
        let html = &shown.html;
        assert_eq!(shown.remote_images, 2, "{html}");
        assert!(
            html.contains(
                "<span class=\"blocked-image\">Image from tracker.example blocked. (logo)</span>"
            ),
            "{html}"
        );
        assert!(html.contains("Image from plain.example blocked."), "{html}");
        assert!(
            html.contains("<img src=\"/desk/files/7\" alt=\"podpis\">"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"blocked-image\">Embedded image missing.</span>"),
            "{html}"
        );
        for gone in [
            "pixel.gif",
            "onerror",
            "data:",
            "relative.png",
            "cid:",
            "<script",
            "alert",
        ] {
            assert!(!html.contains(gone), "{gone} survived in {html}");
        }
        assert!(html.contains("<p>Dobrý deň,</p>"), "{html}");
        assert!(html.contains(">odkaz</a>"), "the link's text stays: {html}");
    }

    #[test]
    fn asked_for_remote_images_show_over_https_only_without_a_referrer() {
        let shown = policy(true)(MAIL);
        let html = &shown.html;
        assert_eq!(shown.remote_images, 2);
        assert!(
            html.contains("<img src=\"https://tracker.example/pixel.gif?id=7&amp;u=jan\" alt=\"logo\" width=\"1\" referrerpolicy=\"no-referrer\" loading=\"lazy\">"),
            "{html}"
        );
        assert!(
            html.contains("Image from plain.example blocked."),
            "plain http stays blocked: {html}"
        );
        assert!(!html.contains("onerror"), "{html}");
    }

    #[test]
    fn attribute_values_cannot_end_an_image_early_or_inject_markup() {
        let tricky = concat!(
            "<img src=\"https://evil.example/a.png?x=<b>&quot;onload=alert(1)\" alt=\"a > b <script>\">",
            "<p>po</p>",
        );
        for show in [false, true] {
            let html = policy(show)(tricky).html;
            assert!(!html.contains("<script"), "{html}");
            assert!(!html.contains("<b>"), "{html}");
            assert!(!html.contains("\"onload"), "{html}");
            assert!(html.ends_with("<p>po</p>"), "{html}");
        }
        assert!(
            policy(false)(tricky)
                .html
                .contains("Image from evil.example blocked."),
            "the host is named"
        );
    }

    #[test]
    fn a_mail_without_images_is_as_the_plain_sanitiser_makes_it() {
        let html = "<p style=\"x\">a &lt;b&gt; <b>c</b></p>";
        let shown = policy(false)(html);
        assert_eq!(shown.html, crate::sanitise_mail_html(html));
        assert_eq!(shown.remote_images, 0);
    }

    #[test]
    fn hosts_are_named_without_user_port_or_path() {
        assert_eq!(
            host("https://user:pw@Img.Example.com:8443/x?y"),
            "img.example.com"
        );
        assert_eq!(host("http://[::1]:80/a"), "[::1]");
        assert_eq!(host("https://cdn.example"), "cdn.example");
    }
}
