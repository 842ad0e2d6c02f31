//! E-mail addresses as podpora compares them.

use serde::Serialize;

/// A mailbox: a normalised address (see [`normalize_address`]) and the display name, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mailbox {
    /// Lower-case `local@domain`, without angle brackets.
    pub address: String,
    /// Decoded display name (`"Jana Nováková"` from `=?utf-8?Q?Jana_Nov=C3=A1kov=C3=A1?=`), trimmed; `None`
    /// when absent or empty.
    pub name: Option<String>,
}

impl Mailbox {
    /// A mailbox from a raw address and name; `None` when the address does not normalise.
    pub fn new(address: &str, name: Option<&str>) -> Option<Self> {
        let address = normalize_address(address)?;
        let name = name
            .map(|n| n.trim().trim_matches('"').trim())
            .filter(|n| !n.is_empty())
            .map(str::to_owned);
        Some(Self { address, name })
    }
}

/// Normalises an e-mail address for comparison: trims, strips one pair of angle brackets, lower-cases.
///
/// Returns `None` unless the result has exactly one `@` with something on both sides and no whitespace or
/// control character. An internationalised domain is kept as given (lower-cased), not converted to punycode.
/// Lower-casing the local part is not strictly RFC 5321, but every mail system a help desk meets treats it as
/// case-insensitive, and customers type it both ways.
///
/// ```
/// use podpora_mailproto::normalize_address;
/// assert_eq!(normalize_address(" <Jana.Novakova@Firma.SK> ").as_deref(), Some("jana.novakova@firma.sk"));
/// assert_eq!(normalize_address("zákazník@ŽELEZNICE.cz").as_deref(), Some("zákazník@železnice.cz"));
/// assert_eq!(normalize_address("no-at-sign"), None);
/// assert_eq!(normalize_address("a@b@c"), None);
/// assert_eq!(normalize_address("jana novakova@firma.sk"), None);
/// ```
pub fn normalize_address(raw: &str) -> Option<String> {
    let s = raw.trim();
    let s = s
        .strip_prefix('<')
        .and_then(|s| s.strip_suffix('>'))
        .unwrap_or(s)
        .trim();
    // Quoted local parts and comments are legal RFC 5322 but never seen from real customers; refusing them
    // keeps display-name junk ("\"x@y\"", "a (b)@c") out of the contact list.
    if s.chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>\"(),;:\\".contains(c))
    {
        return None;
    }
    let (local, domain) = s.split_once('@')?;
    if local.is_empty() || domain.is_empty() || domain.contains('@') {
        return None;
    }
    Some(s.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rejects_malformed() {
        for bad in [
            "", "@", "a@", "@b", "a b@c", "a@b c", "<>", "a@@b", "a\t@b", "\"a@b\"", "a,b@c",
            "a(x)@b",
        ] {
            assert_eq!(normalize_address(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn mailbox_drops_empty_names() {
        let m = Mailbox::new("A@B.C", Some("  \"\" ")).expect("valid");
        assert_eq!(m.name, None);
        assert_eq!(m.address, "a@b.c");
    }

    proptest! {
        #[test]
        fn normalising_is_idempotent(local in "[A-Za-z0-9._+-]{1,20}", domain in "[A-Za-z0-9-]{1,20}\\.[a-z]{2,6}") {
            let raw = format!(" <{local}@{domain}> ");
            let once = normalize_address(&raw).expect("valid address");
            prop_assert_eq!(normalize_address(&once), Some(once.clone()));
            prop_assert_eq!(once, format!("{local}@{domain}").to_lowercase());
        }
    }
}
