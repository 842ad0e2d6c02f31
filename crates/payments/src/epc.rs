//! The EPC QR code (European Payments Council guidelines EPC069-12, version 002, UTF-8): a
//! SEPA credit transfer in euro, one field a line.
//!
//! | line | content |
//! |---|---|
//! | 1–4 | `BCD`, `002`, `1` (UTF-8), `SCT` |
//! | 5 | BIC (optional in version 002) |
//! | 6 | beneficiary name, at most 70 characters |
//! | 7 | IBAN |
//! | 8 | `EUR` and the amount, e.g. `EUR246.00` |
//! | 9 | purpose code (empty) |
//! | 10 | structured creditor reference (ISO 11649 `RF…`), or empty |
//! | 11 | unstructured remittance, at most 140 characters, when there is no structured one |
//!
//! A variable symbol goes into the remittance as `/VS/…`, the form Slovak and Czech banks
//! read back into the symbol on the beneficiary's statement.

use crate::iban::mod97;
use crate::request::{PaymentRequest, decimal, truncate};
use podpora_billing::Currency;

/// Why an EPC code cannot be made or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EpcError {
    /// SEPA credit transfers are in euro only.
    #[error("an EPC QR code pays in euro only; this request is in {0}")]
    NotEuro(Currency),
    /// Not an EPC text.
    #[error("not an EPC QR code: it must start with BCD, 001 or 002, 1 and SCT, one a line")]
    Header,
}

/// Whether a reference is an ISO 11649 creditor reference (`RF` + 2 check digits, mod 97).
///
/// ```
/// assert!(podpora_payments::epc::is_creditor_reference("RF18539007547034"));
/// assert!(!podpora_payments::epc::is_creditor_reference("RF19539007547034"));
/// ```
pub fn is_creditor_reference(r: &str) -> bool {
    let r: String = r.chars().filter(|c| !c.is_whitespace()).collect();
    r.len() >= 5
        && r.len() <= 25
        && r.starts_with("RF")
        && r.bytes().all(|b| b.is_ascii_alphanumeric())
        && mod97(r[4..].chars().chain(r[..4].chars())) == Some(1)
}

/// The EPC text of a euro payment request.
///
/// ```
/// use podpora_payments::{epc, examples};
/// let mut r = examples::prepayment_sk();
/// r.beneficiary.iban = podpora_payments::Iban::parse("AT611904300234573201")?;
/// assert_eq!(
///     epc::encode(&r)?,
///     "BCD\n002\n1\nSCT\nTATRSKBX\nServis Novák s.r.o.\nAT611904300234573201\nEUR246.00\n\n\n/VS/4711 Záloha za zásah 4711",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn encode(r: &PaymentRequest) -> Result<String, EpcError> {
    if r.amount.currency() != Currency::EUR {
        return Err(EpcError::NotEuro(r.amount.currency()));
    }
    let one_line = |s: &str, max| truncate(&s.replace(['\r', '\n'], " "), max);
    let structured = r.reference.as_deref().filter(|s| is_creditor_reference(s));
    let mut remittance = Vec::new();
    if let Some(vs) = &r.variable_symbol {
        remittance.push(format!("/VS/{}", vs.as_str()));
    }
    if structured.is_none()
        && let Some(reference) = &r.reference
    {
        remittance.push(reference.clone());
    }
    if !r.message.trim().is_empty() {
        remittance.push(r.message.trim().to_string());
    }
    let lines = [
        "BCD".to_string(),
        "002".into(),
        "1".into(),
        "SCT".into(),
        r.beneficiary
            .bic
            .as_ref()
            .map(|b| b.as_str().to_string())
            .unwrap_or_default(),
        one_line(&r.beneficiary.name, 70),
        r.beneficiary.iban.as_str().into(),
        format!("EUR{}", decimal(r.amount)),
        String::new(),
        structured.unwrap_or_default().to_string(),
        // The structured and unstructured references exclude each other.
        if structured.is_some() {
            String::new()
        } else {
            one_line(&remittance.join(" "), 140)
        },
    ];
    Ok(lines.join("\n").trim_end_matches('\n').to_string())
}

/// The fields of an EPC text, as a bank app reads them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EpcFields {
    /// BIC (may be empty).
    pub bic: String,
    /// Beneficiary name.
    pub name: String,
    /// IBAN.
    pub iban: String,
    /// `EUR` and the amount.
    pub amount: String,
    /// Structured creditor reference.
    pub reference: String,
    /// Unstructured remittance information.
    pub remittance: String,
}

/// Reads an EPC text; missing trailing lines are empty.
pub fn parse(text: &str) -> Result<EpcFields, EpcError> {
    let l: Vec<&str> = text.split('\n').map(|s| s.trim_end_matches('\r')).collect();
    let get = |i: usize| l.get(i).copied().unwrap_or_default().to_string();
    if get(0) != "BCD" || !["001", "002"].contains(&get(1).as_str()) || get(3) != "SCT" {
        return Err(EpcError::Header);
    }
    Ok(EpcFields {
        bic: get(4),
        name: get(5),
        iban: get(6),
        amount: get(7),
        reference: get(9),
        remittance: get(10),
    })
}
