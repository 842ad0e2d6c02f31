//! Showing the HTML of a received mail on a page: only harmless markup is kept, so a mail can
//! neither run script, restyle the page, nor tell its sender that it was read.

use std::collections::HashSet;
use std::sync::OnceLock;

/// The HTML of a mail as a page may show it: no script, no event handlers, no `style` or
/// `<style>`, no `javascript:` or other non-web links, no images (a remote image tells the
/// sender when and where the mail was read; an embedded one is an attachment, listed as such),
/// no forms or frames; links open with `rel="noopener noreferrer nofollow"`.
pub fn sanitise_mail_html(html: &str) -> String {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.rm_tags(["img"])
                .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
                .link_rel(Some("noopener noreferrer nofollow"))
                .strip_comments(true);
            b
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::sanitise_mail_html;

    #[test]
    fn hostile_mail_html_is_made_harmless() {
        let hostile = concat!(
            "<style>body{display:none}</style>",
            "<p style=\"position:fixed\" onclick=\"steal()\">Dobrý deň,</p>",
            "<script>alert(document.cookie)</script>",
            "<img src=\"https://tracker.example/pixel.gif?id=7\" onerror=\"alert(1)\">",
            "<img src=x onerror=alert(2)>",
            "<a href=\"javascript:alert(3)\">klik</a>",
            "<a href=\"https://servis.example/navod\" target=\"_blank\">návod</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<form action=\"https://evil.example\"><input name=p></form>",
            "<!-- tracking -->",
            "<b>tučne</b> <table><tr><td>bunka</td></tr></table>",
        );
        let clean = sanitise_mail_html(hostile);
        for gone in [
            "<style",
            "display:none",
            "style=",
            "onclick",
            "<script",
            "alert",
            "<img",
            "tracker.example",
            "onerror",
            "javascript:",
            "<iframe",
            "<form",
            "<input",
            "tracking",
        ] {
            assert!(!clean.contains(gone), "{gone} survived in {clean}");
        }
        for kept in [
            "<p>Dobrý deň,</p>",
            "<b>tučne</b>",
            "<td>bunka</td>",
            "href=\"https://servis.example/navod\"",
            "rel=\"noopener noreferrer nofollow\"",
            ">klik</a>",
        ] {
            assert!(clean.contains(kept), "{kept} missing from {clean}");
        }
    }

    #[test]
    fn plain_words_stay_and_markup_in_text_is_escaped() {
        assert_eq!(sanitise_mail_html("a &lt;b&gt; c"), "a &lt;b&gt; c");
        assert_eq!(sanitise_mail_html(""), "");
    }
}
