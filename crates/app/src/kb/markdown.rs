//! Article bodies: Markdown (CommonMark with tables and strike-through) rendered to HTML, then
//! sanitised with an allow-list, so an editor's text can never carry script into a page.

use pulldown_cmark::{Event, Options, Parser, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// The sanitised HTML of a Markdown text.
///
/// ```
/// let h = podpora_app::kb::render_markdown("# Krok 1\n\n<script>alert(1)</script>\n\n[video](https://example.com/v)");
/// assert!(h.contains("<h1>Krok 1</h1>") && !h.contains("script") && h.contains("noopener"));
/// ```
pub fn render_markdown(md: &str) -> String {
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(md, options()));
    ammonia::clean(&out)
}

/// The words of a Markdown text without its markup, for snippets and replies in plain text;
/// a link keeps its address after its text.
pub fn plain_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut links: Vec<String> = Vec::new();
    for ev in Parser::new_ext(md, options()) {
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
    fn plain_text_keeps_words_and_link_addresses() {
        assert_eq!(
            plain_text("# Tlačiareň\n\nPozrite si [video](https://example.com/v)."),
            "Tlačiareň\nPozrite si video (https://example.com/v)."
        );
    }
}
