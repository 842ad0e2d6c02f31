//! Conversion to the national currency at an entered exchange rate (Directive 2006/112/EC
//! art. 230: the VAT must also be stated in the national currency).

use jiff::civil::Date;
use podpora_billing::{Currency, Money, MoneyError, VatCountry};
use serde::{Deserialize, Serialize};

/// Why a rate was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RateError {
    /// Not a positive decimal with at most 6 decimals.
    #[error("exchange rate {0:?}: give a positive number with at most 6 decimals, e.g. 24.335")]
    Text(String),
}

/// The national currency of a supplier's VAT country.
pub fn national_currency(country: VatCountry) -> Currency {
    match country {
        VatCountry::SK => Currency::EUR,
        VatCountry::CZ => Currency::CZK,
        VatCountry::PL => Currency::PLN,
    }
}

/// An exchange rate as the national bank publishes it: `rate` national units for `amount`
/// units of `from`, valid on `date` (ČNB and NBP quote some currencies per 100 units).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeRate {
    /// The invoice's currency.
    pub from: Currency,
    /// The national currency.
    pub to: Currency,
    /// The rate in millionths: 24.335 is 24 335 000.
    pub rate_micro: i64,
    /// How many units of `from` the rate is for (1 or 100).
    pub amount: u32,
    /// The day the rate is of (e.g. the last business day before the tax point in Poland).
    pub date: Date,
    /// Who published it, e.g. `ČNB`, `NBP`, `ECB`.
    pub source: String,
}

impl ExchangeRate {
    /// Reads a rate written as a decimal, e.g. `"24.335"`.
    ///
    /// ```
    /// use jiff::civil::date;
    /// use podpora_billing::{Currency, Money};
    /// use podpora_invoicing::ExchangeRate;
    /// let r = ExchangeRate::parse("24.335", Currency::EUR, Currency::CZK, date(2026, 12, 3), "ČNB")?;
    /// assert_eq!(r.convert(Money::from_minor(4_600, Currency::EUR))?.to_string(), "1119.41 CZK");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(
        text: &str,
        from: Currency,
        to: Currency,
        date: Date,
        source: &str,
    ) -> Result<Self, RateError> {
        let bad = || RateError::Text(text.into());
        let (whole, frac) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || (!frac.is_empty() && !digits(frac)) || frac.len() > 6 {
            return Err(bad());
        }
        let whole: i64 = whole.parse().map_err(|_| bad())?;
        let frac: i64 = format!("{frac:0<6}").parse().map_err(|_| bad())?;
        let rate_micro = whole
            .checked_mul(1_000_000)
            .and_then(|w| w.checked_add(frac))
            .filter(|r| *r > 0)
            .ok_or_else(bad)?;
        Ok(Self {
            from,
            to,
            rate_micro,
            amount: 1,
            date,
            source: source.into(),
        })
    }

    /// The rate as a decimal text without trailing zeros, e.g. `24.335`.
    pub fn to_decimal(&self) -> String {
        let (w, f) = (self.rate_micro / 1_000_000, self.rate_micro % 1_000_000);
        let frac = format!("{f:06}");
        let frac = frac.trim_end_matches('0');
        if frac.is_empty() {
            w.to_string()
        } else {
            format!("{w}.{frac}")
        }
    }

    /// An amount converted, rounded half up (away from zero) to the national minor unit.
    pub fn convert(&self, m: Money) -> Result<Money, MoneyError> {
        if m.currency() != self.from {
            return Err(MoneyError::CurrencyMismatch {
                left: m.currency(),
                right: self.from,
            });
        }
        let n = i128::from(m.minor()) * i128::from(self.rate_micro);
        let d = 1_000_000i128 * i128::from(self.amount.max(1));
        let q = (n.abs() + d / 2) / d;
        let v = i64::try_from(if n < 0 { -q } else { q }).map_err(|_| MoneyError::Overflow)?;
        Ok(Money::from_minor(v, self.to))
    }
}
