//! Search text: folding that ignores case and diacritics in Slovak, Czech, Polish and English,
//! the words an index stores, the terms of a query, and snippets with the matched words marked.
//!
//! Both databases index the output of [`index_text`]: folded words separated by single spaces.
//! Splitting words here, not in the database, makes SQLite's and PostgreSQL's tokenizers agree
//! (PostgreSQL's parser would keep `jana@firma.sk` or `zmluva.pdf` as one token, SQLite's would
//! not) and keeps letters such as `ł` that neither database folds.

use serde::Serialize;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Most terms a query is matched by; the rest of a long query is ignored.
pub const MAX_QUERY_TERMS: usize = 8;

/// Folds text for search: lower case, combining marks removed after canonical decomposition,
/// and the letters that do not decompose replaced by their base letters (`ł`→`l`, `ß`→`ss`).
/// Everything else, spaces and punctuation included, is kept.
///
/// ```
/// use podpora_core::text::fold_for_search;
/// assert_eq!(fold_for_search("Łódź"), "lodz");
/// assert_eq!(fold_for_search("Žlutý kůň"), "zluty kun");
/// ```
pub fn fold_for_search(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

fn fold_char(c: char, out: &mut String) {
    for lower in c.to_lowercase() {
        decompose_canonical(lower, |d| {
            if is_combining_mark(d) {
                return;
            }
            match d {
                'ł' | 'ŀ' => out.push('l'),
                'đ' | 'ð' => out.push('d'),
                'ø' => out.push('o'),
                'ħ' => out.push('h'),
                'ı' => out.push('i'),
                'ß' => out.push_str("ss"),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'þ' => out.push_str("th"),
                other => out.push(other),
            }
        });
    }
}

/// Whether `c` belongs to a word: letters, digits, and combining marks (so text written in
/// decomposed form keeps its words whole).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// A word of a text: where it stands (byte offsets) and its folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// The word folded by [`fold_for_search`].
    pub folded: String,
}

/// The words of a text, in order; a run of combining marks alone is no word.
pub fn words(s: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (start, is_word_char(c) && i < s.len()) {
            (None, true) => start = Some(i),
            (Some(b), false) => {
                let folded: String = fold_for_search(&s[b..i])
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect();
                if !folded.is_empty() {
                    out.push(Word {
                        start: b,
                        end: i,
                        folded,
                    });
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// What the index stores for a text: its folded words separated by single spaces.
///
/// ```
/// assert_eq!(podpora_core::text::index_text("Faktúra: ŁÓDŹ-2026.pdf"), "faktura lodz 2026 pdf");
/// ```
pub fn index_text(s: &str) -> String {
    let ws = words(s);
    let mut out = String::with_capacity(s.len());
    for w in ws {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.folded);
    }
    out
}

/// The terms a query is matched by: its folded words, each once, at most [`MAX_QUERY_TERMS`].
///
/// ```
/// assert_eq!(podpora_core::text::query_terms("Žlutý ZLUTY kůň"), ["zluty", "kun"]);
/// ```
pub fn query_terms(q: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words(q) {
        if !out.contains(&w.folded) {
            out.push(w.folded);
        }
        if out.len() == MAX_QUERY_TERMS {
            break;
        }
    }
    out
}

/// A piece of a snippet: text as written, and whether it is a matched word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SnippetPart {
    /// The text, with its diacritics as written.
    pub text: String,
    /// Whether this is a word the query matched.
    pub hit: bool,
}

/// A window of about `max_chars` characters of `text` around its first word matching one of
/// `terms` (folded, as from [`query_terms`]), with every matching word marked; whitespace runs
/// become single spaces and a cut is shown as `…`. Without a match, the window is the start.
///
/// ```
/// use podpora_core::text::search::snippet;
/// let parts = snippet("Pobočka Łódź nefunguje", &["lodz".into()], 100);
/// assert_eq!(parts[1].text, "Łódź");
/// assert!(parts[1].hit);
/// ```
pub fn snippet(text: &str, terms: &[String], max_chars: usize) -> Vec<SnippetPart> {
    let ws = words(text);
    let is_hit = |w: &Word| terms.contains(&w.folded);
    let first = ws.iter().position(is_hit);
    // Show some words before the first match so that it is read in its context.
    let start = match first {
        Some(i) => {
            let lead = max_chars / 3;
            let hit_start = ws[i].start;
            let from = text[..hit_start]
                .char_indices()
                .rev()
                .nth(lead.saturating_sub(1))
                .map_or(0, |(b, _)| b);
            if from == 0 {
                0
            } else {
                ws.iter()
                    .find(|w| w.start >= from)
                    .map_or(hit_start, |w| w.start)
            }
        }
        None => 0,
    };
    let limit = text[start..]
        .char_indices()
        .nth(max_chars)
        .map_or(text.len(), |(b, _)| start + b);
    // End after the last whole word that fits.
    let end = if limit == text.len() {
        text.len()
    } else {
        ws.iter()
            .rev()
            .find(|w| w.start >= start && w.end <= limit)
            .map_or(limit, |w| w.end)
    };
    let mut parts = Vec::new();
    if start > 0 {
        push_part(&mut parts, "… ", false);
    }
    let mut at = start;
    for w in ws.iter().filter(|w| w.start >= start && w.end <= end) {
        push_part(&mut parts, &text[at..w.start], false);
        push_part(&mut parts, &text[w.start..w.end], is_hit(w));
        at = w.end;
    }
    push_part(&mut parts, &text[at..end], false);
    if end < text.len() {
        push_part(&mut parts, " …", false);
    }
    if let Some(p) = parts.first_mut() {
        p.text = p.text.trim_start().to_string();
    }
    if let Some(p) = parts.last_mut() {
        p.text = p.text.trim_end().to_string();
    }
    parts.retain(|p| !p.text.is_empty());
    parts
}

/// Appends `s` with whitespace runs as single spaces, joining a part of the same kind.
fn push_part(parts: &mut Vec<SnippetPart>, s: &str, hit: bool) {
    if s.is_empty() {
        return;
    }
    let mut text = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                text.push(' ');
            }
            space = false;
            text.push(c);
        }
    }
    if space {
        text.push(' ');
    }
    match parts.last_mut() {
        Some(last) if last.hit == hit && !hit => last.text.push_str(&text),
        _ => parts.push(SnippetPart { text, hit }),
    }
}

/// Values a query may be in full, looked up exactly rather than by words: a ticket number, a
/// contact's e-mail address, an organization's company id (IČO, DIČ, NIP, REGON or VAT id).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExactKeys {
    /// The query as a ticket number: trimmed, without a leading `#`, upper case.
    pub number: Option<String>,
    /// The query as an e-mail address, normalised.
    pub email: Option<String>,
    /// The query as a company id: without spaces and dashes, upper case.
    pub company_id: Option<String>,
}

/// The exact values a query may stand for; a query of several words is none of them.
///
/// ```
/// use podpora_core::text::search::exact_keys;
/// let k = exact_keys(" CZ 270 82 440 ");
/// assert_eq!(k.company_id.as_deref(), Some("CZ27082440"));
/// assert_eq!(exact_keys("#2026-000042").number.as_deref(), Some("2026-000042"));
/// assert_eq!(exact_keys("Jana@Firma.sk").email.as_deref(), Some("jana@firma.sk"));
/// ```
pub fn exact_keys(q: &str) -> ExactKeys {
    let t = q.trim();
    let mut k = ExactKeys::default();
    if t.is_empty() || t.chars().count() > 254 {
        return k;
    }
    if let Ok(e) = crate::EmailAddress::parse(t) {
        k.email = Some(e.as_str().to_string());
        return k;
    }
    let bare = t.strip_prefix('#').unwrap_or(t);
    if !bare.chars().any(char::is_whitespace)
        && bare.chars().any(|c| c.is_ascii_digit())
        && bare
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-/_.".contains(c))
    {
        k.number = Some(bare.to_ascii_uppercase());
    }
    let compact: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_uppercase();
    let digits = compact.chars().filter(char::is_ascii_digit).count();
    if (6..=16).contains(&compact.len())
        && digits >= 6
        && compact.chars().all(|c| c.is_ascii_alphanumeric())
    {
        k.company_id = Some(compact);
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_the_letters_of_four_languages() {
        assert_eq!(fold_for_search("Łódź"), "lodz");
        assert_eq!(fold_for_search("žlutý kůň"), "zluty kun");
        assert_eq!(fold_for_search("ľ"), "l");
        assert_eq!(fold_for_search("ř"), "r");
        assert_eq!(fold_for_search("Ľ Ř Ł ł"), "l r l l");
        assert_eq!(fold_for_search("Żółć GĘŚLĄ"), "zolc gesla");
        assert_eq!(fold_for_search("Ťažký ôsmy ä"), "tazky osmy a");
        assert_eq!(fold_for_search("Straße Đurđa Søren"), "strasse durda soren");
    }

    #[test]
    fn decomposed_input_folds_like_composed_input() {
        let decomposed = "z\u{30c}lutyi\u{301}";
        assert_eq!(fold_for_search(decomposed), "zlutyi");
        assert_eq!(index_text(decomposed), "zlutyi");
    }

    #[test]
    fn words_keep_their_original_positions() {
        let t = "Dobrý deň, Łódź!";
        let ws = words(t);
        assert_eq!(ws.len(), 3);
        assert_eq!(&t[ws[2].start..ws[2].end], "Łódź");
        assert_eq!(ws[2].folded, "lodz");
    }

    #[test]
    fn index_text_splits_addresses_and_file_names_into_words() {
        assert_eq!(
            index_text("jana.novakova@firma.sk poslala Zmluva_2026.PDF"),
            "jana novakova firma sk poslala zmluva 2026 pdf"
        );
    }

    #[test]
    fn query_terms_are_folded_unique_and_bounded() {
        assert_eq!(query_terms("  "), Vec::<String>::new());
        assert_eq!(query_terms("ŁÓDŹ lodz Łódź"), ["lodz"]);
        let many = (0..20)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(query_terms(&many).len(), MAX_QUERY_TERMS);
    }

    #[test]
    fn a_snippet_marks_matches_as_written() {
        let text = "Dobrý deň,\n\nv pobočke Łódź nefunguje tlačiareň. Łódź čaká.";
        let parts = snippet(text, &["lodz".into(), "tlaciaren".into()], 200);
        let hits: Vec<_> = parts.iter().filter(|p| p.hit).map(|p| &p.text).collect();
        assert_eq!(hits, ["Łódź", "tlačiareň", "Łódź"]);
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            joined,
            "Dobrý deň, v pobočke Łódź nefunguje tlačiareň. Łódź čaká."
        );
    }

    #[test]
    fn a_long_text_is_cut_around_the_first_match() {
        let text = format!("{} Łódź {}", "slovo ".repeat(100), "ďalšie ".repeat(100));
        let parts = snippet(&text, &["lodz".into()], 60);
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert!(joined.starts_with("… slovo"), "{joined}");
        assert!(joined.ends_with(" …"), "{joined}");
        assert!(joined.contains("Łódź"));
        assert!(joined.chars().count() <= 60 + 4, "{joined}");
    }

    #[test]
    fn exact_keys_recognise_numbers_addresses_and_company_ids() {
        assert_eq!(exact_keys("tlačiareň nefunguje"), ExactKeys::default());
        let k = exact_keys("856-734-62-15");
        assert_eq!(k.company_id.as_deref(), Some("8567346215"));
        assert_eq!(k.number.as_deref(), Some("856-734-62-15"));
        assert_eq!(exact_keys("sd-2026-7").number.as_deref(), Some("SD-2026-7"));
        assert_eq!(exact_keys("a@b").email, None);
    }

    #[test]
    fn without_a_match_the_snippet_is_the_start() {
        let parts = snippet("Krátky text", &["iny".into()], 100);
        assert_eq!(
            parts,
            [SnippetPart {
                text: "Krátky text".into(),
                hit: false
            }]
        );
    }
}
