//! Company identifiers of Czechia, Slovakia and Poland, each checked by its own rule.
//!
//! The checks follow the published algorithms: IČO mod 11 (weights 8…2), PL NIP weighted mod 11
//! (weights 6,5,7,2,3,4,5,6,7), REGON mod 11 (9 and 14 digits), and VAT ids by country prefix.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why an identifier was refused: names the rule that failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Wrong characters or length.
    #[error("{kind} must be {expected}; got {got:?}")]
    Format {
        /// Which identifier.
        kind: &'static str,
        /// The accepted shape.
        expected: &'static str,
        /// What was given.
        got: String,
    },
    /// The check digit does not match.
    #[error(
        "{kind} {value} fails the {rule} check digit: expected {expected}, found {found}; check for a typo"
    )]
    Checksum {
        /// Which identifier.
        kind: &'static str,
        /// The normalised value.
        value: String,
        /// Name of the rule.
        rule: &'static str,
        /// The check digit the rule computes.
        expected: String,
        /// The check digit given.
        found: String,
    },
}

fn digits_only(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

fn to_digits(s: &str) -> Option<Vec<u32>> {
    s.chars().map(|c| c.to_digit(10)).collect()
}

fn weighted(d: &[u32], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(a, b)| a * b).sum()
}

/// Czech or Slovak company id (IČO): 8 digits, the last a mod-11 check digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Ico(String);

impl Ico {
    /// Parses an IČO; shorter forms are left-padded with zeros as the registers do.
    ///
    /// ```
    /// assert!(podpora_core::Ico::parse("27082440").is_ok());
    /// assert!(podpora_core::Ico::parse("27082441").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let raw = digits_only(s);
        let format = || IdError::Format {
            kind: "IČO",
            expected: "up to 8 digits (e.g. 27082440)",
            got: s.to_string(),
        };
        if raw.is_empty() || raw.len() > 8 {
            return Err(format());
        }
        let padded = format!("{raw:0>8}");
        let d = to_digits(&padded).ok_or_else(format)?;
        let r = weighted(&d[..7], &[8, 7, 6, 5, 4, 3, 2]) % 11;
        let check = (11 - r) % 10;
        if d[7] != check {
            return Err(IdError::Checksum {
                kind: "IČO",
                value: padded,
                rule: "mod-11 (weights 8,7,6,5,4,3,2)",
                expected: check.to_string(),
                found: d[7].to_string(),
            });
        }
        Ok(Self(padded))
    }

    /// The 8 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Polish tax id (NIP): 10 digits with a weighted mod-11 check digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nip(String);

impl Nip {
    /// Parses a NIP, accepting dashes, spaces and a leading `PL`.
    ///
    /// ```
    /// assert!(podpora_core::Nip::parse("856-734-62-15").is_ok());
    /// assert!(podpora_core::Nip::parse("8567346216").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let mut raw = digits_only(s);
        if raw.len() == 12 && raw.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("PL")) {
            raw.drain(..2);
        }
        let format = || IdError::Format {
            kind: "NIP",
            expected: "10 digits (e.g. 856-734-62-15)",
            got: s.to_string(),
        };
        if raw.len() != 10 {
            return Err(format());
        }
        let d = to_digits(&raw).ok_or_else(format)?;
        let check = weighted(&d[..9], &[6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11;
        if check == 10 || d[9] != check {
            return Err(IdError::Checksum {
                kind: "NIP",
                value: raw,
                rule: "weighted mod-11 (weights 6,5,7,2,3,4,5,6,7)",
                expected: if check == 10 {
                    "none (a sum giving 10 is never issued)".into()
                } else {
                    check.to_string()
                },
                found: d[9].to_string(),
            });
        }
        Ok(Self(raw))
    }

    /// The 10 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Polish statistical number (REGON), 9 or 14 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Regon(String);

impl Regon {
    /// Parses a 9- or 14-digit REGON; a 14-digit one must also carry a valid 9-digit prefix.
    ///
    /// ```
    /// assert!(podpora_core::Regon::parse("123456785").is_ok());
    /// ```
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let raw = digits_only(s);
        let format = || IdError::Format {
            kind: "REGON",
            expected: "9 or 14 digits",
            got: s.to_string(),
        };
        let d = to_digits(&raw).ok_or_else(format)?;
        let check = |d: &[u32], w: &[u32]| (weighted(d, w) % 11) % 10;
        let fail = |expected: u32, found: u32, rule| IdError::Checksum {
            kind: "REGON",
            value: raw.clone(),
            rule,
            expected: expected.to_string(),
            found: found.to_string(),
        };
        const W9: [u32; 8] = [8, 9, 2, 3, 4, 5, 6, 7];
        const W14: [u32; 13] = [2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8];
        match d.len() {
            9 | 14 => {
                let c9 = check(&d[..8], &W9);
                if d[8] != c9 {
                    return Err(fail(c9, d[8], "9-digit mod-11 (weights 8,9,2,3,4,5,6,7)"));
                }
                if d.len() == 14 {
                    let c14 = check(&d[..13], &W14);
                    if d[13] != c14 {
                        return Err(fail(c14, d[13], "14-digit mod-11"));
                    }
                }
                Ok(Self(raw))
            }
            _ => Err(format()),
        }
    }

    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Member states whose VAT ids carry their own prefix (Greece uses `EL`).
const EU_VAT_PREFIXES: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI",
];

/// An EU VAT id (IČ DPH, DIČ, NIP-UE): country prefix and the national number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct VatId(String);

impl VatId {
    /// Parses a VAT id, checking CZ, SK and PL numbers by their rules and others by shape.
    ///
    /// ```
    /// assert!(podpora_core::VatId::parse("CZ27082440").is_ok());
    /// assert!(podpora_core::VatId::parse("SK2020317068").is_ok());
    /// assert!(podpora_core::VatId::parse("PL8567346215").is_ok());
    /// ```
    pub fn parse(s: &str) -> Result<Self, IdError> {
        let compact: String = digits_only(s).to_ascii_uppercase();
        let format = |expected| IdError::Format {
            kind: "VAT id",
            expected,
            got: s.to_string(),
        };
        if compact.len() < 4 || !compact.is_char_boundary(2) {
            return Err(format("a country prefix and the number, e.g. CZ27082440"));
        }
        let (prefix, number) = compact.split_at(2);
        match prefix {
            "CZ" => {
                if number.len() == 8 {
                    Ico::parse(number)?;
                } else if !(number.len() == 9 || number.len() == 10)
                    || !number.bytes().all(|b| b.is_ascii_digit())
                {
                    return Err(format("CZ followed by 8, 9 or 10 digits"));
                }
            }
            "SK" => {
                let d = to_digits(number)
                    .filter(|d| d.len() == 10)
                    .ok_or_else(|| format("SK followed by 10 digits"))?;
                if d[0] == 0 || ![2, 3, 4, 7, 8, 9].contains(&d[2]) {
                    return Err(format(
                        "SK + 10 digits, the first not 0 and the third one of 2,3,4,7,8,9",
                    ));
                }
                let n: u64 = number
                    .parse()
                    .map_err(|_| format("SK followed by 10 digits"))?;
                if !n.is_multiple_of(11) {
                    return Err(IdError::Checksum {
                        kind: "IČ DPH",
                        value: compact.clone(),
                        rule: "divisible-by-11",
                        expected: "a multiple of 11".into(),
                        found: format!("remainder {}", n % 11),
                    });
                }
            }
            "PL" => {
                Nip::parse(number)?;
            }
            p if EU_VAT_PREFIXES.contains(&p) => {
                if !(2..=12).contains(&number.len())
                    || !number.bytes().all(|b| b.is_ascii_alphanumeric())
                {
                    return Err(format("the country prefix and 2–12 letters or digits"));
                }
            }
            _ => {
                return Err(format(
                    "an EU country prefix (AT, BE, …, CZ, PL, SK; EL for Greece) and the number",
                ));
            }
        }
        Ok(Self(compact))
    }

    /// The two-letter prefix.
    pub fn country(&self) -> &str {
        &self.0[..2]
    }

    /// The whole id, uppercase, without spaces.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! string_newtype_impls {
    ($($t:ident),*) => {$(
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl TryFrom<String> for $t {
            type Error = IdError;
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
string_newtype_impls!(Ico, Nip, Regon, VatId);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ico_known_values() {
        assert_eq!(Ico::parse("27082440").unwrap().as_str(), "27082440");
        assert_eq!(Ico::parse(" 25596641 ").unwrap().as_str(), "25596641");
        // left padding as in the registers
        assert_eq!(Ico::parse("6947").unwrap().as_str(), "00006947");
        let err = Ico::parse("27082441").unwrap_err().to_string();
        assert!(err.contains("mod-11"), "{err}");
        assert!(Ico::parse("2708244A").is_err());
        assert!(Ico::parse("123456789").is_err());
        assert!(Ico::parse("").is_err());
    }

    #[test]
    fn nip_known_values() {
        assert!(Nip::parse("8567346215").is_ok());
        assert!(Nip::parse("PL 856 734 62 15").is_ok());
        let err = Nip::parse("8567346216").unwrap_err().to_string();
        assert!(err.contains("weighted mod-11"), "{err}");
        assert!(Nip::parse("856734621").is_err());
    }

    #[test]
    fn regon_known_values() {
        assert!(Regon::parse("123456785").is_ok());
        assert!(Regon::parse("123456786").is_err());
        assert!(Regon::parse("12345678512347").is_ok());
        assert!(Regon::parse("12345678512348").is_err());
    }

    #[test]
    fn vat_ids_by_country() {
        assert_eq!(VatId::parse("cz 27082440").unwrap().as_str(), "CZ27082440");
        assert!(VatId::parse("CZ27082441").is_err());
        assert!(VatId::parse("SK2020317068").is_ok());
        assert!(VatId::parse("SK2020317069").is_err());
        assert!(VatId::parse("PL8567346215").is_ok());
        assert!(VatId::parse("DE123456789").is_ok());
        assert!(VatId::parse("US123456789").is_err());
        assert!(VatId::parse("ŽŽ12").is_err());
        assert_eq!(VatId::parse("EL123456789").unwrap().country(), "EL");
    }

    fn with_check(first7: [u32; 7]) -> String {
        let r = weighted(&first7, &[8, 7, 6, 5, 4, 3, 2]) % 11;
        let mut s: String = first7
            .iter()
            .map(|d| char::from_digit(*d, 10).unwrap())
            .collect();
        s.push(char::from_digit((11 - r) % 10, 10).unwrap());
        s
    }

    proptest! {
        #[test]
        fn every_ico_with_its_check_digit_parses(d in proptest::array::uniform7(0u32..10)) {
            let s = with_check(d);
            let parsed = Ico::parse(&s).unwrap();
            prop_assert_eq!(parsed.as_str(), s.as_str());
        }

        #[test]
        fn a_changed_check_digit_is_refused(d in proptest::array::uniform7(0u32..10), delta in 1u32..10) {
            let s = with_check(d);
            let last = s.chars().last().unwrap().to_digit(10).unwrap();
            let mut bad = s[..7].to_string();
            bad.push(char::from_digit((last + delta) % 10, 10).unwrap());
            prop_assert!(Ico::parse(&bad).is_err());
        }

        #[test]
        fn parsers_never_panic(s in "\\PC{0,20}") {
            let _ = Ico::parse(&s);
            let _ = Nip::parse(&s);
            let _ = Regon::parse(&s);
            let _ = VatId::parse(&s);
        }
    }
}
