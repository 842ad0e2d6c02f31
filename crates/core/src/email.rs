//! E-mail addresses, normalised once so that matching a sender is a plain comparison.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why an address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{got:?} is not an e-mail address: {why} (expected the form name@example.com)")]
pub struct EmailError {
    got: String,
    why: &'static str,
}

/// An e-mail address, trimmed and lowercased (domains are case-insensitive, and in practice so
/// are the local parts of every mailbox our customers write from).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Parses and normalises an address; angle brackets around it are removed.
    ///
    /// ```
    /// let a = podpora_core::EmailAddress::parse(" <Jana.Novakova@Firma.CZ> ").unwrap();
    /// assert_eq!(a.as_str(), "jana.novakova@firma.cz");
    /// ```
    pub fn parse(s: &str) -> Result<Self, EmailError> {
        let t = s.trim();
        let t = t
            .strip_prefix('<')
            .and_then(|x| x.strip_suffix('>'))
            .unwrap_or(t)
            .trim();
        let err = |why| EmailError {
            got: s.to_string(),
            why,
        };
        if t.len() > 254 {
            return Err(err("longer than 254 characters"));
        }
        let (local, domain) = t.split_once('@').ok_or_else(|| err("no @"))?;
        if local.is_empty() || local.len() > 64 {
            return Err(err("the part before @ is empty or over 64 characters"));
        }
        if domain.contains('@') {
            return Err(err("more than one @"));
        }
        if t.chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\\\"".contains(c))
        {
            return Err(err("spaces or characters such as < > , ; are not allowed"));
        }
        if domain.starts_with('.')
            || domain.ends_with('.')
            || domain.contains("..")
            || !domain.contains('.')
        {
            return Err(err("the domain must look like example.com"));
        }
        Ok(Self(t.to_lowercase()))
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or("")
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = EmailError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<EmailAddress> for String {
    fn from(v: EmailAddress) -> String {
        v.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rejects_what_is_not_an_address() {
        for bad in [
            "",
            "jana",
            "@firma.cz",
            "jana@",
            "jana@@firma.cz",
            "jana novak@firma.cz",
            "jana@firma",
            "jana@.cz",
            "a,b@firma.cz",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn normalises_case_and_brackets() {
        assert_eq!(
            EmailAddress::parse("<Piotr@Firma.PL>").unwrap().as_str(),
            "piotr@firma.pl"
        );
        assert_eq!(
            EmailAddress::parse("žofia@príklad.sk").unwrap().domain(),
            "príklad.sk"
        );
    }

    proptest! {
        #[test]
        fn valid_addresses_parse(local in "[a-z0-9._%+-]{1,20}", domain in "[a-z0-9-]{1,20}\\.[a-z]{2,6}") {
            let s = format!("{local}@{domain}");
            let parsed = EmailAddress::parse(&s).unwrap();
            prop_assert_eq!(parsed.as_str(), s.as_str());
        }
    }
}
