//! Article bodies: Markdown (CommonMark with tables and strike-through) rendered to HTML, then
//! sanitised with an allow-list, so an editor's text can never carry script into a page.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Where an article's files are served: `files/N` in a body (the form the editor offers to
/// paste) means `FILES_PATH/N`, so it shows the same on every page an article is shown on.
pub const FILES_PATH: &str = "/portal/help/files";

/// The address a link or image points at, with `files/N` (or `./files/N`) made absolute.
fn file_address(dest: CowStr<'_>) -> CowStr<'_> {
    let rest = dest.strip_prefix("./").unwrap_or(&dest);
    match rest.strip_prefix("files/") {
        Some(n) if !n.is_empty() && n.len() <= 18 && n.bytes().all(|b| b.is_ascii_digit()) => {
            CowStr::from(format!("{FILES_PATH}/{n}"))
        }
        _ => dest,
    }
}

/// The parser's events with the addresses of an article's files made absolute.
fn events(md: &str) -> impl Iterator<Item = Event<'_>> {
    Parser::new_ext(md, options()).map(|ev| match ev {
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: file_address(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: file_address(dest_url),
            title,
            id,
        }),
        other => other,
    })
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// The sanitised HTML of a Markdown text; `files/N` addresses point at the article's files.
/// Images stay `<img>` (the pages' policy loads images from podpora only).
///
/// ```
/// let h = podpora_app::kb::render_markdown("# Krok 1\n\n<script>alert(1)</script>\n\n[video](https://example.com/v)");
/// assert!(h.contains("<h1>Krok 1</h1>") && !h.contains("script") && h.contains("noopener"));
/// ```
pub fn render_markdown(md: &str) -> String {
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, events(md));
    ammonia::clean(&out)
}

/// The words of a Markdown text without its markup, for snippets and replies in plain text;
/// a link keeps its address after its text.
pub fn plain_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut links: Vec<String> = Vec::new();
    for ev in events(md) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                links.push(dest_url.to_string());
            }
            Event::End(TagEnd::Link) => {
                if let Some(url) = links.pop() {
                    out.push_str(" (");
                    out.push_str(&url);
                    out.push(')');
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                out.push('\n');
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_rendered_and_script_removed() {
        let h = render_markdown("**Pozor**: <img src=x onerror=alert(1)> `kód`");
        assert!(h.contains("<strong>Pozor</strong>"), "{h}");
        assert!(!h.contains("onerror"), "{h}");
        assert!(h.contains("<code>kód</code>"), "{h}");
        let h = render_markdown("[x](javascript:alert(1))");
        assert!(!h.contains("javascript"), "{h}");
    }

    #[test]
    fn file_addresses_point_at_the_files_route() {
        let h = render_markdown(
            "![Schéma](files/12) [návod](./files/3) ![x](files/a) ![y](https://example.com/y.png)",
        );
        assert!(
            h.contains(r#"<img src="/portal/help/files/12" alt="Schéma">"#),
            "{h}"
        );
        assert!(h.contains(r#"href="/portal/help/files/3""#), "{h}");
        assert!(h.contains(r#"src="files/a""#), "{h}");
        // An external image stays in the text; the pages' policy does not load it.
        assert!(h.contains("https://example.com/y.png"), "{h}");
        assert_eq!(
            plain_text("[návod](files/3)"),
            "návod (/portal/help/files/3)"
        );
    }

    #[test]
    fn plain_text_keeps_words_and_link_addresses() {
        assert_eq!(
            plain_text("# Tlačiareň\n\nPozrite si [video](https://example.com/v)."),
            "Tlačiareň\nPozrite si video (https://example.com/v)."
        );
    }
}
