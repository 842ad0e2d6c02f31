//! Amounts as a reader writes them: grouped thousands, the language's decimal mark, the
//! currency code after the number.

use podpora_core::Language;

/// A whole number with the reader's thousands separator: "12\u{a0}345" in Slovak, Czech and
/// Polish, "12,345" in English.
pub fn format_number(lang: Language, n: u64) -> String {
    let group = if lang == Language::En { ',' } else { '\u{a0}' };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(c);
    }
    out
}

/// An amount in minor units with its currency the reader's way: "1\u{a0}200,50\u{a0}CZK" in
/// Slovak, Czech and Polish, "1,200.50\u{a0}CZK" in English.
pub fn format_money(lang: Language, minor: i64, currency: &str) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let a = minor.unsigned_abs();
    let point = if lang == Language::En { '.' } else { ',' };
    format!(
        "{sign}{}{point}{:02}\u{a0}{currency}",
        format_number(lang, a / 100),
        a % 100
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_and_decimals_the_readers_way() {
        assert_eq!(
            format_money(Language::Cs, 120_050, "CZK"),
            "1\u{a0}200,50\u{a0}CZK"
        );
        assert_eq!(
            format_money(Language::En, 123_456_789, "EUR"),
            "1,234,567.89\u{a0}EUR"
        );
        assert_eq!(format_money(Language::Pl, 5, "PLN"), "0,05\u{a0}PLN");
        assert_eq!(format_money(Language::Sk, -9_900, "EUR"), "-99,00\u{a0}EUR");
    }
}
