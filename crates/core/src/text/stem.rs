//! Stems for the knowledge base's search: Slovak, Czech and Polish inflect, so "tlačiareň",
//! "tlačiarne" and "tlačiarňou" must meet in one indexed word. A light rule serves all four
//! languages alike (the reader's language is not always the text's): fold, drop one common
//! case or verb ending, and keep at most [`STEM_CHARS`] characters. Both the stored text and the
//! query go through it, and the query's stems are also matched as prefixes, so a word still
//! being typed finds its article.

use super::search::words;

/// Longest stem kept, in characters: long enough to tell most words apart, short enough that
/// the inflected forms of a word share it.
pub const STEM_CHARS: usize = 6;

/// A stem keeps at least this many characters after its ending is dropped.
const MIN_STEM: usize = 3;

/// Endings dropped (folded), longest first; one at most per word.
const ENDINGS: [&str; 25] = [
    "ami", "ach", "ich", "ych", "ymi", "imi", "emu", "ego", "owi", "ej", "ou", "om", "ov", "ie",
    "ia", "iu", "ym", "im", "em", "a", "e", "i", "o", "u", "y",
];

/// The stem of one folded word (as from [`super::search::words`]).
///
/// ```
/// use podpora_core::text::stem::stem;
/// assert_eq!(stem("tlaciaren"), stem("tlaciarnou"));
/// assert_eq!(stem("drukarka"), stem("drukarki"));
/// ```
pub fn stem(folded: &str) -> String {
    if folded.chars().any(|c| c.is_ascii_digit()) {
        return folded.to_string();
    }
    let n = folded.chars().count();
    let mut base = folded;
    for e in ENDINGS {
        if let Some(rest) = folded.strip_suffix(e)
            && rest.chars().count() >= MIN_STEM
            && n > e.chars().count()
        {
            base = rest;
            break;
        }
    }
    base.chars().take(STEM_CHARS).collect()
}

/// What the index stores for a text: the stems of its words separated by single spaces.
///
/// ```
/// assert_eq!(podpora_core::text::stem::stem_text("Tlačiareň netlačí"), "tlacia netlac");
/// ```
pub fn stem_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() / 2);
    for w in words(s) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&stem(&w.folded));
    }
    out
}

/// Words too common to tell articles apart (folded): they are left out of a query that has
/// other words. Words of one or two letters ("a", "na", "w") are left out alike.
const STOP_WORDS: [&str; 24] = [
    "nie", "sie", "jest", "czy", "jak", "ako", "ale", "som", "jsem", "pre", "pro", "pri", "aby",
    "the", "and", "not", "does", "are", "for", "with", "this", "that", "you", "your",
];

/// The stems a query is matched by, each once, at most [`super::search::MAX_QUERY_TERMS`];
/// common words are left out when there are others.
///
/// ```
/// assert_eq!(podpora_core::text::stem::query_stems("Drukarka nie drukuje"), ["drukar", "drukuj"]);
/// ```
pub fn query_stems(q: &str) -> Vec<String> {
    let terms = super::query_terms(q);
    let telling = |w: &String| w.chars().count() > 2 && !STOP_WORDS.contains(&w.as_str());
    let any_telling = terms.iter().any(telling);
    let mut out: Vec<String> = Vec::new();
    for w in &terms {
        if any_telling && !telling(w) {
            continue;
        }
        let s = stem(w);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(words: &[&str]) {
        let stems: Vec<String> = words.iter().map(|w| stem_text(w)).collect();
        assert!(
            stems.windows(2).all(|p| p[0] == p[1]),
            "{words:?} gave {stems:?}"
        );
    }

    #[test]
    fn inflected_forms_share_a_stem() {
        same(&[
            "tlačiareň",
            "tlačiarne",
            "tlačiarňou",
            "tlačiarni",
            "Tlačiarňami",
        ]);
        same(&["tiskárna", "tiskárny", "tiskárnou", "tiskárně"]);
        same(&["drukarka", "drukarki", "drukarką", "drukarkę"]);
        same(&["okno", "okna", "oknom"]);
        same(&["nefunguje", "nefungujú"]);
        same(&["printer", "printers"]);
    }

    #[test]
    fn polish_l_and_diacritics_fold() {
        assert_eq!(stem_text("Łączność"), stem_text("lacznosc"));
        assert_eq!(stem_text("ŽLUTÝ"), stem_text("zluty"));
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(stem_text("2026 v12"), "2026 v12");
    }

    #[test]
    fn short_and_common_words_are_left_out_of_queries_beside_others() {
        assert_eq!(query_stems("a na tlačiareň"), ["tlacia"]);
        assert_eq!(query_stems("printer does not print"), ["printe", "print"]);
        assert_eq!(query_stems("na"), ["na"]);
        assert_eq!(query_stems("nie"), ["nie"]);
        assert!(query_stems("  ").is_empty());
    }
}
