//! SPAYD 1.0, the Czech "QR Platba" (Czech Banking Association): `SPD*1.0*` and `KEY:value`
//! pairs separated by `*`.
//!
//! | key | value |
//! |---|---|
//! | `ACC` | IBAN, `+BIC` where known |
//! | `AM` | amount with a dot and two decimals, at most 10 characters |
//! | `CC` | ISO 4217 currency |
//! | `DT` | due date `YYYYMMDD` |
//! | `X-VS` | variable symbol, up to 10 digits |
//! | `RF` | the payment reference when it is all digits (up to 16) |
//! | `RN` | beneficiary, at most 35 characters |
//! | `MSG` | message, at most 60 characters |
//!
//! Values are folded to ASCII capitals so the code stays in the QR alphanumeric mode (smaller,
//! and what the specification recommends); a `*` in a value is written `%2A`, `%` as `%25`.

use crate::request::{PaymentRequest, ascii_fold, decimal, truncate};
use std::collections::BTreeMap;

/// Why a SPAYD text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpaydError {
    /// It does not start with `SPD*1.0*`.
    #[error("not a QR Platba code: it must start with SPD*1.0*")]
    Header,
    /// A part is not `KEY:value`.
    #[error("not a QR Platba code: {0:?} is not KEY:value")]
    Pair(String),
}

/// Folds a value to the QR alphanumeric set: capitals, digits, space and `$%+-./:`; anything
/// else becomes a space, and `*` (the separator) never appears.
fn value(s: &str, max: usize) -> String {
    let folded: String = ascii_fold(s)
        .to_ascii_uppercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || " $+-./:".contains(c) {
                c
            } else {
                ' '
            }
        })
        .collect();
    truncate(
        folded
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
        max,
    )
}

/// The SPAYD text of a payment request.
///
/// ```
/// use podpora_payments::{examples, spayd};
/// assert_eq!(
///     spayd::encode(&examples::prepayment_cz()),
///     "SPD*1.0*ACC:CZ6508000000192000145399+GIBACZPX*AM:6050.00*CC:CZK*DT:20261211\
///      *X-VS:2026015*RN:NOVAK IT S.R.O.*MSG:ZALOHA ZA ZASAH 815",
/// );
/// ```
pub fn encode(r: &PaymentRequest) -> String {
    let mut acc = r.beneficiary.iban.as_str().to_string();
    if let Some(bic) = &r.beneficiary.bic {
        acc = format!("{acc}+{bic}", bic = bic.as_str());
    }
    let mut parts = vec![
        "SPD".to_string(),
        "1.0".into(),
        format!("ACC:{acc}"),
        format!("AM:{}", decimal(r.amount)),
        format!("CC:{}", r.amount.currency().code()),
        format!("DT:{}", r.due.strftime("%Y%m%d")),
    ];
    if let Some(vs) = &r.variable_symbol {
        parts.push(format!("X-VS:{}", vs.as_str()));
    }
    if let Some(rf) = &r.reference
        && rf.len() <= 16
        && rf.bytes().all(|b| b.is_ascii_digit())
    {
        parts.push(format!("RF:{rf}"));
    }
    parts.push(format!("RN:{}", value(&r.beneficiary.name, 35)));
    let msg = value(&r.message, 60);
    if !msg.is_empty() {
        parts.push(format!("MSG:{msg}"));
    }
    parts.join("*")
}

/// Reads a SPAYD text into its `KEY → value` pairs (percent escapes of `*` and `%` undone).
///
/// ```
/// use podpora_payments::spayd;
/// let f = spayd::parse("SPD*1.0*ACC:CZ6508000000192000145399*AM:480.50*CC:CZK*MSG:A%2AB")?;
/// assert_eq!(f["AM"], "480.50");
/// assert_eq!(f["MSG"], "A*B");
/// # Ok::<(), podpora_payments::SpaydError>(())
/// ```
pub fn parse(text: &str) -> Result<BTreeMap<String, String>, SpaydError> {
    let rest = text.strip_prefix("SPD*1.0*").ok_or(SpaydError::Header)?;
    let mut out = BTreeMap::new();
    for part in rest.split('*').filter(|p| !p.is_empty()) {
        let (k, v) = part
            .split_once(':')
            .ok_or_else(|| SpaydError::Pair(part.into()))?;
        out.insert(
            k.to_string(),
            v.replace("%2A", "*")
                .replace("%2a", "*")
                .replace("%25", "%"),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_stay_alphanumeric() {
        assert_eq!(
            value("Záloha *č. 5*; ticket #9", 60),
            "ZALOHA C. 5 TICKET 9"
        );
        assert_eq!(value("Łódź", 60), "LODZ");
        assert_eq!(value(&"x".repeat(80), 60).len(), 60);
    }

    #[test]
    fn refuses_what_is_not_spayd() {
        assert_eq!(parse("SPD*2.0*AM:1"), Err(SpaydError::Header));
        assert!(matches!(parse("SPD*1.0*AM"), Err(SpaydError::Pair(_))));
    }
}
