//! A payment request: what a customer is asked to pay, to which account, by when, and under
//! which reference; and which QR standard the customer's country reads.

use crate::iban::{Bic, Iban};
use jiff::civil::Date;
use podpora_billing::{Currency, Money};
use serde::{Deserialize, Serialize};

/// Why a payment request was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// Nothing or less is asked.
    #[error("the amount to pay must be more than zero; got {0}")]
    NotPositive(Money),
    /// QR standards cap the amount.
    #[error("{0} is more than a payment QR code can carry (999 999 999.99 at most)")]
    TooLarge(Money),
    /// A variable symbol is up to 10 digits.
    #[error("variable symbol {0:?}: use 1 to 10 digits, e.g. 2026000123")]
    VariableSymbol(String),
    /// A reference too long or with characters banks refuse.
    #[error("payment reference {0:?}: use at most 35 letters, digits, spaces or - / . : ( ) , + ?")]
    Reference(String),
    /// A beneficiary must be named.
    #[error("the beneficiary's name is empty: the bank shows it to the payer")]
    NoBeneficiary,
}

/// A Czech/Slovak variable symbol: 1–10 digits, leading zeros insignificant.
///
/// ```
/// use podpora_payments::VariableSymbol;
/// assert_eq!(VariableSymbol::parse("0002026015")?.as_str(), "2026015");
/// assert!(VariableSymbol::parse("12345678901").is_err());
/// # Ok::<(), podpora_payments::RequestError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VariableSymbol(String);

impl VariableSymbol {
    /// Reads a variable symbol; leading zeros are dropped, since banks compare it as a number.
    pub fn parse(text: &str) -> Result<Self, RequestError> {
        let t = text.trim();
        if t.is_empty() || t.len() > 10 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(RequestError::VariableSymbol(text.into()));
        }
        let stripped = t.trim_start_matches('0');
        Ok(Self(
            if stripped.is_empty() { "0" } else { stripped }.into(),
        ))
    }

    /// The digits, without leading zeros.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The account paid into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Beneficiary {
    /// The account holder's name, as the bank shows it.
    pub name: String,
    /// The account.
    pub iban: Iban,
    /// The bank's BIC, where known (EPC version 002 and SPAYD do without it).
    pub bic: Option<Bic>,
}

/// What a customer is asked to pay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRequest {
    /// The amount, more than zero.
    pub amount: Money,
    /// The account paid into.
    pub beneficiary: Beneficiary,
    /// The variable symbol (CZ, SK), by which the payment is matched.
    pub variable_symbol: Option<VariableSymbol>,
    /// A payment reference (SEPA end-to-end or creditor reference, PL title), at most 35 characters.
    pub reference: Option<String>,
    /// The date by which it is to be paid.
    pub due: Date,
    /// A message for the payer's statement, e.g. "Prepayment for ticket 123".
    pub message: String,
}

/// Characters every SEPA bank accepts in a reference (the SEPA basic Latin set).
fn sepa_safe(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || " -/.:(),+?'".contains(c))
}

impl PaymentRequest {
    /// Checks what no QR standard or bank would accept: a non-positive or too large amount, a
    /// reference too long or with other characters, an unnamed beneficiary.
    pub fn validate(&self) -> Result<(), RequestError> {
        if self.amount.minor() <= 0 {
            return Err(RequestError::NotPositive(self.amount));
        }
        if self.amount.minor() > 99_999_999_999 {
            return Err(RequestError::TooLarge(self.amount));
        }
        if let Some(r) = &self.reference
            && (r.is_empty() || r.chars().count() > 35 || !sepa_safe(r))
        {
            return Err(RequestError::Reference(r.clone()));
        }
        if self.beneficiary.name.trim().is_empty() {
            return Err(RequestError::NoBeneficiary);
        }
        Ok(())
    }

    /// The title of a plain transfer (Poland, or where no QR code applies): the reference, the
    /// variable symbol and the message, at most 140 characters as SEPA and Elixir allow.
    ///
    /// ```
    /// # use podpora_payments::*;
    /// # let mut r = podpora_payments::examples::prepayment_sk();
    /// r.reference = Some("FV/2026/12/0007".into());
    /// r.variable_symbol = None;
    /// assert_eq!(r.transfer_title(), "FV/2026/12/0007 Zaloha za zasah 4711");
    /// ```
    pub fn transfer_title(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(r) = &self.reference {
            parts.push(r.clone());
        }
        if let Some(vs) = &self.variable_symbol {
            parts.push(format!("VS {vs}", vs = vs.as_str()));
        }
        let msg = ascii_fold(&self.message);
        if !msg.is_empty() {
            parts.push(msg);
        }
        truncate(&parts.join(" "), 140)
    }
}

/// The payment QR standard a customer's bank app reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QrStandard {
    /// PAY by square (Slovakia).
    PayBySquare,
    /// SPAYD, "QR Platba" (Czechia).
    Spayd,
    /// EPC QR code (SEPA credit transfer in euro).
    Epc,
}

/// The QR standard for a customer in `country` (ISO 3166 alpha-2) paying in `currency`, or
/// `None` where no QR code applies (a Polish transfer, or CZK outside Czechia): then the
/// [`PaymentRequest::transfer_title`] carries the reference.
///
/// ```
/// use podpora_billing::Currency::*;
/// use podpora_payments::{QrStandard::*, qr_standard};
/// assert_eq!(qr_standard("SK", EUR), Some(PayBySquare));
/// assert_eq!(qr_standard("cz", CZK), Some(Spayd));
/// assert_eq!(qr_standard("AT", EUR), Some(Epc));
/// assert_eq!(qr_standard("PL", EUR), Some(Epc));
/// assert_eq!(qr_standard("PL", PLN), None);
/// ```
pub fn qr_standard(country: &str, currency: Currency) -> Option<QrStandard> {
    match (country.to_ascii_uppercase().as_str(), currency) {
        ("SK", _) => Some(QrStandard::PayBySquare),
        ("CZ", _) => Some(QrStandard::Spayd),
        (_, Currency::EUR) => Some(QrStandard::Epc),
        _ => None,
    }
}

/// An amount as a plain decimal with two places, e.g. `246.00`.
pub(crate) fn decimal(m: Money) -> String {
    let a = m.minor().unsigned_abs();
    let sign = if m.minor() < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// Text without diacritics (ł → l too), since many bank apps refuse them; control
/// characters become spaces.
pub(crate) fn ascii_fold(s: &str) -> String {
    deunicode::deunicode(s)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The first `max` characters.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}
