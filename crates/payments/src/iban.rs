//! Bank accounts: IBAN (ISO 13616, mod-97 check) and BIC (ISO 9362).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why an account number was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    /// Not the shape of an IBAN.
    #[error(
        "{got:?} is not an IBAN: it is two letters of the country, two check digits and up to 30 letters or digits, e.g. SK31 1200 0000 1987 4263 7541"
    )]
    IbanFormat {
        /// What was given.
        got: String,
    },
    /// The country's IBANs have another length.
    #[error("an IBAN of {country} has {expected} characters; {got:?} has {found}")]
    IbanLength {
        /// The country prefix.
        country: String,
        /// The length of that country's IBANs.
        expected: usize,
        /// The IBAN given.
        got: String,
        /// Its length.
        found: usize,
    },
    /// The mod-97 check fails.
    #[error("IBAN {0} fails its check digits (mod 97): check for a typo")]
    IbanChecksum(String),
    /// Not the shape of a BIC.
    #[error("{0:?} is not a BIC: it is 8 or 11 letters and digits, e.g. TATRSKBX or GIBACZPXXXX")]
    Bic(String),
}

/// IBAN lengths of the countries customers and suppliers are most likely in; any other
/// country is checked by the mod-97 rule alone.
const LENGTHS: &[(&str, usize)] = &[
    ("AT", 20),
    ("BE", 16),
    ("CH", 21),
    ("CZ", 24),
    ("DE", 22),
    ("ES", 24),
    ("FR", 27),
    ("GB", 22),
    ("HU", 28),
    ("IT", 27),
    ("NL", 18),
    ("PL", 28),
    ("SI", 19),
    ("SK", 24),
];

/// An IBAN, kept in its electronic form (capitals, no spaces).
///
/// ```
/// use podpora_payments::Iban;
/// let iban = Iban::parse("sk31 1200 0000 1987 4263 7541")?;
/// assert_eq!(iban.as_str(), "SK3112000000198742637541");
/// assert_eq!(iban.country(), "SK");
/// assert_eq!(iban.grouped(), "SK31 1200 0000 1987 4263 7541");
/// assert!(Iban::parse("SK3112000000198742637542").is_err());
/// # Ok::<(), podpora_payments::AccountError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iban(String);

/// The remainder mod 97 of a string of letters (A = 10 … Z = 35) and digits.
pub(crate) fn mod97(chars: impl Iterator<Item = char>) -> Option<u32> {
    let mut r: u32 = 0;
    for c in chars {
        let v = c.to_digit(36)?;
        r = if v < 10 { r * 10 + v } else { r * 100 + v } % 97;
    }
    Some(r)
}

impl Iban {
    /// Reads an IBAN, with or without spaces, in any case.
    pub fn parse(text: &str) -> Result<Self, AccountError> {
        let s: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let shape = s.len() >= 15
            && s.len() <= 34
            && s.bytes().all(|b| b.is_ascii_alphanumeric())
            && s.as_bytes()[..2].iter().all(u8::is_ascii_uppercase)
            && s.as_bytes()[2..4].iter().all(u8::is_ascii_digit);
        if !shape {
            return Err(AccountError::IbanFormat { got: text.into() });
        }
        if let Some(&(country, expected)) = LENGTHS.iter().find(|(c, _)| *c == &s[..2])
            && expected != s.len()
        {
            return Err(AccountError::IbanLength {
                country: country.into(),
                expected,
                found: s.len(),
                got: text.into(),
            });
        }
        let rearranged = s[4..].chars().chain(s[..4].chars());
        if mod97(rearranged) != Some(1) {
            return Err(AccountError::IbanChecksum(s));
        }
        Ok(Self(s))
    }

    /// The electronic form, e.g. `SK3112000000198742637541`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The country prefix, e.g. `SK`.
    pub fn country(&self) -> &str {
        &self.0[..2]
    }

    /// The printed form, in groups of four.
    pub fn grouped(&self) -> String {
        let chunks: Vec<&str> = self
            .0
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or_default())
            .collect();
        chunks.join(" ")
    }
}

/// A BIC (SWIFT code): 8 or 11 characters.
///
/// ```
/// use podpora_payments::Bic;
/// assert_eq!(Bic::parse("tatrskbx")?.as_str(), "TATRSKBX");
/// assert!(Bic::parse("TATR").is_err());
/// # Ok::<(), podpora_payments::AccountError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Bic(String);

impl Bic {
    /// Reads a BIC: 4 letters of the bank, 2 of the country, 2 letters or digits of the place,
    /// and optionally 3 of the branch.
    pub fn parse(text: &str) -> Result<Self, AccountError> {
        let s = text.trim().to_ascii_uppercase();
        let b = s.as_bytes();
        let ok = (b.len() == 8 || b.len() == 11)
            && b[..6].iter().all(u8::is_ascii_uppercase)
            && b[6..].iter().all(u8::is_ascii_alphanumeric);
        if ok {
            Ok(Self(s))
        } else {
            Err(AccountError::Bic(text.into()))
        }
    }

    /// The code in capitals.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! text_newtype {
    ($($t:ident),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl TryFrom<String> for $t {
            type Error = AccountError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }
        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.0
            }
        }
    )*};
}
text_newtype!(Iban, Bic);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn published_examples_pass() {
        for ok in [
            "SK3112000000198742637541",
            "CZ6508000000192000145399",
            "PL61109010140000071219812874",
            "DE89370400440532013000",
            "AT611904300234573201",
            "SK4523585719461382368397",
        ] {
            assert_eq!(Iban::parse(ok).map(|i| i.0), Ok(ok.to_string()), "{ok}");
        }
    }

    #[test]
    fn faults_are_named() {
        assert!(matches!(
            Iban::parse("SK31120000001987426375"),
            Err(AccountError::IbanLength { expected: 24, .. })
        ));
        assert!(matches!(
            Iban::parse("1K3112000000198742637541"),
            Err(AccountError::IbanFormat { .. })
        ));
        assert!(matches!(
            Iban::parse("SK3112000000198742637514"),
            Err(AccountError::IbanChecksum(_))
        ));
        assert!(matches!(
            Iban::parse("ŽK31"),
            Err(AccountError::IbanFormat { .. })
        ));
    }

    proptest! {
        /// Any single changed digit of the account number is caught by mod 97.
        #[test]
        fn one_changed_digit_is_caught(pos in 4usize..24, d in 0u32..10) {
            let good = "SK3112000000198742637541";
            let mut chars: Vec<char> = good.chars().collect();
            prop_assume!(chars[pos].to_digit(10) != Some(d));
            chars[pos] = char::from_digit(d, 10).unwrap();
            let bad: String = chars.into_iter().collect();
            prop_assert!(Iban::parse(&bad).is_err());
        }
    }
}
