//! Text rules shared by every channel: length limits counted in characters, and search folding.

pub mod search;
pub mod stem;

pub use search::{fold_for_search, index_text, query_terms};

/// The longest description a request may carry, in characters (R-11).
pub const DESCRIPTION_MAX_CHARS: usize = 8000;

/// Counts characters as people do: "ľščťžýáíé" is nine, whatever its byte length.
pub fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// Checks a text against a character limit, saying by how much it is over.
///
/// ```
/// assert!(podpora_core::text::check_max_chars("ľščťžýáíé", 9).is_ok());
/// assert!(podpora_core::text::check_max_chars("ľščťžýáíé", 8).is_err());
/// ```
pub fn check_max_chars(s: &str, max: usize) -> Result<(), String> {
    let n = char_count(s);
    if n > max {
        Err(format!(
            "is {n} characters long; the limit is {max} characters: shorten it by {} or attach the rest as a file",
            n - max
        ))
    } else {
        Ok(())
    }
}

/// Folds text for search: lowercase ASCII without diacritics, so "Łódź" finds "lodz".
///
/// ```
/// assert_eq!(podpora_core::text::fold("Łódź Žluťoučký"), "lodz zlutoucky");
/// ```
pub fn fold(s: &str) -> String {
    deunicode::deunicode(s).to_lowercase()
}

/// Folds text for comparing requests: [`fold`], then every run of whitespace as one space, and
/// none at either end, so a request retyped with other capitals, accents or line breaks matches.
///
/// ```
/// assert_eq!(podpora_core::text::fold_spacing("  Tlačiareň\r\n  NEtlačí "), "tlaciaren netlaci");
/// ```
pub fn fold_spacing(s: &str) -> String {
    fold(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fingerprint of a request (R-14): equal for the same contact sending the same subject and
/// body, folded by [`fold_spacing`]; different for anyone or anything else. Each part goes in
/// with its length, so moving words between subject and body gives another fingerprint.
///
/// ```
/// use podpora_core::text::request_fingerprint;
/// assert_eq!(
///     request_fingerprint(7, "Tlačiareň", "Nejde  tlač."),
///     request_fingerprint(7, "tlaciaren", "nejde\ntlac."),
/// );
/// assert_ne!(request_fingerprint(7, "a", "b"), request_fingerprint(8, "a", "b"));
/// ```
pub fn request_fingerprint(contact_id: i64, subject: &str, body: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(contact_id.to_le_bytes());
    for part in [fold_spacing(subject), fold_spacing(body)] {
        h.update(u64::try_from(part.len()).unwrap_or(u64::MAX).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// A trimmed, non-empty single-line text of at most `max` characters.
pub fn required_line(s: &str, max: usize) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("must not be empty".into());
    }
    if t.chars().any(breaks_line) {
        return Err("must be a single line: remove line and paragraph breaks".into());
    }
    if t.chars().any(char::is_control) {
        return Err("must not contain control characters (such as NUL or tabs)".into());
    }
    check_max_chars(t, max)?;
    Ok(t.to_string())
}

/// Whether `c` ends a line anywhere a one-line text may be shown: CR, LF, and the Unicode line
/// terminators (NEL, VT, FF, LINE and PARAGRAPH SEPARATOR), which mail headers and browsers
/// also treat as breaks.
fn breaks_line(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_folds_letters_and_spacing_but_not_words() {
        let f = |c, s: &str, b: &str| request_fingerprint(c, s, b);
        let base = f(1, "Výpadok linky", "Linka 2 nefunguje od rána.");
        assert_eq!(
            base,
            f(1, " VYPADOK  linky ", "linka 2\r\nnefunguje od   rana.")
        );
        assert_eq!(base.len(), 64);
        assert_ne!(base, f(2, "Výpadok linky", "Linka 2 nefunguje od rána."));
        assert_ne!(base, f(1, "Výpadok linky", "Linka 3 nefunguje od rána."));
        assert_ne!(base, f(1, "Výpadok linkyLinka", " 2 nefunguje od rána."));
        assert_ne!(f(1, "a b", ""), f(1, "a", "b"));
    }

    #[test]
    fn counts_characters_not_bytes() {
        let s = "ľ".repeat(DESCRIPTION_MAX_CHARS);
        assert!(s.len() > DESCRIPTION_MAX_CHARS);
        assert!(check_max_chars(&s, DESCRIPTION_MAX_CHARS).is_ok());
        let over = format!("{s}x");
        let e = check_max_chars(&over, DESCRIPTION_MAX_CHARS).unwrap_err();
        assert!(e.contains("8000"), "{e}");
    }

    #[test]
    fn a_line_refuses_every_kind_of_break_and_control_characters() {
        assert_eq!(
            required_line("  Tlačiareň netlačí ", 250).unwrap(),
            "Tlačiareň netlačí"
        );
        for bad in [
            "a\nb",
            "a\rb",
            "a\u{0B}b",
            "a\u{0C}b",
            "a\u{85}b",
            "a\u{2028}b",
            "a\u{2029}b",
        ] {
            assert!(
                required_line(bad, 250).unwrap_err().contains("single line"),
                "{bad:?}"
            );
        }
        for bad in ["a\0b", "a\tb", "a\u{1B}b", "a\u{7F}b"] {
            assert!(
                required_line(bad, 250).unwrap_err().contains("control"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn folds_polish_letters_that_have_no_decomposition() {
        assert_eq!(fold("Żółć GĘŚLĄ"), "zolc gesla");
    }

    #[test]
    fn required_line_rules() {
        assert_eq!(required_line("  Tlačiareň  ", 10).unwrap(), "Tlačiareň");
        assert!(required_line("   ", 10).is_err());
        assert!(required_line("a\nb", 10).is_err());
    }
}
