//! Which language a page is written in: the signed-in contact's setting, else the chooser's
//! cookie, else the browser's `Accept-Language`, else Slovak.

use podpora_core::Language;

/// The first supported language of an `Accept-Language` header, by quality.
pub fn from_accept_language(header: &str) -> Option<Language> {
    let mut best: Option<(u16, Language)> = None;
    for part in header.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let quality = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(Some(1000), |q| thousandths(q.trim()))
            .unwrap_or(0);
        let primary = tag.split('-').next().unwrap_or("");
        // "cz" is a country, not a language; browsers send "cs".
        if primary.eq_ignore_ascii_case("cz") || quality == 0 {
            continue;
        }
        if let Ok(lang) = primary.parse::<Language>()
            && best.is_none_or(|(q, _)| quality > q)
        {
            best = Some((quality, lang));
        }
    }
    best.map(|(_, l)| l)
}

/// A quality value ("0.8", "1", "0.125") in thousandths, without floating point.
fn thousandths(q: &str) -> Option<u16> {
    let (whole, frac) = q.split_once('.').unwrap_or((q, ""));
    let whole: u16 = whole.parse().ok()?;
    let mut digits = frac.chars().chain(std::iter::repeat('0')).take(3);
    let mut n = whole.checked_mul(1000)?;
    for scale in [100u16, 10, 1] {
        n = n.checked_add(scale * digits.next()?.to_digit(10)? as u16)?;
    }
    Some(n.min(1000))
}

/// The languages as the chooser shows them, each in its own language.
pub fn names() -> [(Language, &'static str); 4] {
    [
        (Language::Sk, "Slovensky"),
        (Language::Cs, "Česky"),
        (Language::Pl, "Polski"),
        (Language::En, "English"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_supported_language_wins() {
        assert_eq!(
            from_accept_language("de-DE,pl;q=0.8,en;q=0.5"),
            Some(Language::Pl)
        );
        assert_eq!(from_accept_language("en-GB, cs;q=0.9"), Some(Language::En));
        assert_eq!(from_accept_language("de, fr;q=0.5"), None);
        assert_eq!(from_accept_language("sk;q=0, cs;q=0.1"), Some(Language::Cs));
    }
}
