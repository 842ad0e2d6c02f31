//! Languages and countries our customers use.

use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

/// A language every customer-facing text exists in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Slovak.
    Sk,
    /// Czech.
    Cs,
    /// Polish.
    Pl,
    /// English.
    #[default]
    En,
}

impl Language {
    /// Every supported language.
    pub const ALL: [Language; 4] = [Language::Sk, Language::Cs, Language::Pl, Language::En];

    /// The BCP 47 tag.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Sk => "sk",
            Language::Cs => "cs",
            Language::Pl => "pl",
            Language::En => "en",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sk" => Ok(Language::Sk),
            "cs" | "cz" => Ok(Language::Cs),
            "pl" => Ok(Language::Pl),
            "en" => Ok(Language::En),
            _ => Err(format!("unknown language {s:?}: use sk, cs, pl or en")),
        }
    }
}

/// An ISO 3166-1 alpha-2 country code, uppercase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    /// Parses two ASCII letters, any case.
    ///
    /// ```
    /// assert_eq!(podpora_core::CountryCode::parse("sk").unwrap().as_str(), "SK");
    /// ```
    pub fn parse(s: &str) -> Result<Self, String> {
        let b = s.trim().as_bytes();
        if b.len() == 2 && b.iter().all(u8::is_ascii_alphabetic) {
            Ok(Self([b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()]))
        } else {
            Err(format!(
                "{s:?} is not a country code: use two letters such as SK, CZ or PL"
            ))
        }
    }

    /// The two letters.
    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for CountryCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<CountryCode> for String {
    fn from(v: CountryCode) -> String {
        v.as_str().to_string()
    }
}
