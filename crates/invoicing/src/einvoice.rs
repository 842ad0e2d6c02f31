//! What the e-invoice writers share: line VAT, unit prices, addresses, bank accounts, ids.

use crate::exchange::ExchangeRate;
use crate::invoice::{Invoice, Line};
use crate::party::Address;
use crate::xml::fixed;
use podpora_billing::{Money, MoneyError};
use podpora_payments::Iban;
use sha2::{Digest, Sha256};

/// Why an e-invoice could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EInvoiceError {
    /// A party cannot be addressed in the Peppol network.
    #[error(
        "the {0} has no VAT id: a Peppol e-invoice addresses supplier and customer by their VAT ids; add it to the {0}'s details"
    )]
    NoEndpoint(&'static str),
    /// A KSeF invoice is issued by a Polish taxpayer, named by NIP.
    #[error("a KSeF invoice needs the supplier's NIP: add it to the supplier's details")]
    NoNip,
    /// A rate the FA(3) structure has no field for.
    #[error("KSeF FA(3) has fields for 23, 22, 8, 7 and 5 % VAT only; a line has {0}")]
    KsefRate(podpora_billing::VatRate),
    /// Corrective invoices are not written in FA(3) yet.
    #[error("credit notes are not written as KSeF FA(3) yet; issue the correction in KSeF itself")]
    KsefCreditNote,
    /// Amounts out of range.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// A line's VAT, informative (the document's VAT is computed per rate on the sum).
pub(crate) fn line_vat(line: &Line) -> Result<Money, MoneyError> {
    line.net()?.percent(line.vat_rate.0)
}

/// The net price of one unit in millionths of the currency's major unit, converted when a
/// rate is given: 50.00 € an hour is 0.833333 € a minute.
pub(crate) fn unit_price(line: &Line, rate: Option<&ExchangeRate>) -> String {
    // price in minor units × 10^4 → millionths of the major unit
    let mut n = i128::from(line.price.minor()) * 10_000;
    let mut d = i128::from(line.base_quantity.max(1));
    if let Some(r) = rate {
        n *= i128::from(r.rate_micro);
        d *= 1_000_000 * i128::from(r.amount.max(1));
    }
    let q = (n.abs() + d / 2) / d;
    fixed(if n < 0 { -q } else { q }, 6)
}

/// Street and building number: a trailing token starting with a digit is the number.
pub(crate) fn street_and_number(a: &Address) -> (String, String) {
    let s = a.street.trim();
    match s.rsplit_once(' ') {
        Some((street, number)) if number.starts_with(|c: char| c.is_ascii_digit()) => {
            (street.trim().to_string(), number.to_string())
        }
        _ => (s.to_string(), String::new()),
    }
}

/// The domestic account number and bank code of a Czech or Slovak IBAN
/// (`CZ65 0800 000019 2000145399` → `19-2000145399`, `0800`).
pub(crate) fn domestic_account(iban: &Iban) -> Option<(String, String)> {
    let s = iban.as_str();
    if !matches!(iban.country(), "CZ" | "SK") || s.len() != 24 {
        return None;
    }
    let bank = &s[4..8];
    let prefix = s[8..14].trim_start_matches('0');
    let number = s[14..].trim_start_matches('0');
    let account = if prefix.is_empty() {
        number.to_string()
    } else {
        format!("{prefix}-{number}")
    };
    Some((account, bank.to_string()))
}

/// A stable UUID of the document, from the supplier and the number: the same invoice
/// written twice has the same one, as receivers deduplicate by it.
pub(crate) fn document_uuid(invoice: &Invoice) -> String {
    let supplier = &invoice.content().supplier.ids;
    let key = format!(
        "{}|{}|{}",
        supplier.legal_id().unwrap_or_default(),
        supplier
            .vat_id
            .as_ref()
            .map(|v| v.as_str())
            .unwrap_or_default(),
        invoice.number()
    );
    let h = hex::encode_upper(&Sha256::digest(key.as_bytes())[..16]);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domestic_accounts_come_from_the_iban() {
        let cz = Iban::parse("CZ6508000000192000145399").unwrap();
        assert_eq!(
            domestic_account(&cz),
            Some(("19-2000145399".into(), "0800".into()))
        );
        let sk = Iban::parse("SK3112000000198742637541").unwrap();
        assert_eq!(
            domestic_account(&sk),
            Some(("19-8742637541".into(), "1200".into()))
        );
        let at = Iban::parse("AT611904300234573201").unwrap();
        assert_eq!(domestic_account(&at), None);
    }

    #[test]
    fn a_street_keeps_its_number_apart() {
        let a = |s: &str| Address {
            street: s.into(),
            ..Address::default()
        };
        assert_eq!(
            street_and_number(&a("Hlavná 12")),
            ("Hlavná".into(), "12".into())
        );
        assert_eq!(
            street_and_number(&a("Na Příkopě 1a/3")),
            ("Na Příkopě".into(), "1a/3".into())
        );
        assert_eq!(
            street_and_number(&a("Námestie SNP")),
            ("Námestie SNP".into(), String::new())
        );
    }
}
