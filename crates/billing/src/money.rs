//! Money: an integer number of minor units (cents, haléře, grosze) and a [`Currency`].
//!
//! Integer minor units, because storage keeps money that way and every price in a price list
//! is a whole number of cents; the only fractions arise when an hourly rate is applied to
//! minutes or a percentage is taken, and those are rounded half up (away from zero) to the
//! minor unit once, where they arise ([`Money::for_minutes`], [`Money::percent`]). Products
//! are computed in `i128`, so no intermediate can overflow; a result outside `i64` is an
//! error, never a panic or a wrap.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A currency a price list can be in; all three have two decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Currency {
    /// Euro (Slovakia).
    EUR,
    /// Czech koruna.
    CZK,
    /// Polish złoty.
    PLN,
}

impl Currency {
    /// The ISO 4217 code, e.g. `"CZK"`.
    pub const fn code(self) -> &'static str {
        match self {
            Self::EUR => "EUR",
            Self::CZK => "CZK",
            Self::PLN => "PLN",
        }
    }

    /// Reads an ISO 4217 code (`EUR`, `CZK`, `PLN`; capital letters).
    ///
    /// ```
    /// use podpora_billing::{Currency, MoneyError};
    /// assert_eq!(Currency::parse("CZK"), Ok(Currency::CZK));
    /// assert_eq!(Currency::parse("USD"), Err(MoneyError::UnknownCurrency("USD".into())));
    /// ```
    pub fn parse(code: &str) -> Result<Self, MoneyError> {
        match code {
            "EUR" => Ok(Self::EUR),
            "CZK" => Ok(Self::CZK),
            "PLN" => Ok(Self::PLN),
            other => Err(MoneyError::UnknownCurrency(other.into())),
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What money arithmetic can refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Two amounts in different currencies were combined.
    #[error("cannot combine {left} with {right}: a price list and its charges have one currency")]
    CurrencyMismatch {
        /// The currency of the left operand.
        left: Currency,
        /// The currency of the right operand.
        right: Currency,
    },
    /// The result does not fit in 64 bits of minor units.
    #[error("the amount is out of range (more than 92 quadrillion minor units)")]
    Overflow,
    /// A text is not an amount.
    #[error(
        "{0:?} is not an amount: use digits with at most two decimals and a dot, e.g. 45.00 or 1200"
    )]
    BadAmount(String),
    /// A code is not one of the supported currencies.
    #[error("unknown currency {0:?}: use EUR, CZK or PLN")]
    UnknownCurrency(String),
}

/// An exact amount of money: minor units and a currency.
///
/// ```
/// use podpora_billing::{Currency, Money};
/// let visit = Money::parse("100.00", Currency::EUR)?;
/// let hours = Money::from_minor(10_000, Currency::EUR);
/// assert_eq!(visit.checked_add(hours)?.to_string(), "200.00 EUR");
/// assert_eq!(Money::parse("-0.5", Currency::CZK)?.minor(), -50);
/// # Ok::<(), podpora_billing::MoneyError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

/// Divides rounding half away from zero; `d` is positive.
fn div_half_up(n: i128, d: i128) -> i128 {
    let q = (n.abs() + d / 2) / d;
    if n < 0 { -q } else { q }
}

fn narrow(v: i128) -> Result<i64, MoneyError> {
    i64::try_from(v).map_err(|_| MoneyError::Overflow)
}

impl Money {
    /// An amount in minor units: `from_minor(4500, EUR)` is 45.00 €.
    pub const fn from_minor(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    /// Nothing, in a currency.
    pub const fn zero(currency: Currency) -> Self {
        Self { minor: 0, currency }
    }

    /// The amount in minor units.
    pub const fn minor(self) -> i64 {
        self.minor
    }

    /// The currency.
    pub const fn currency(self) -> Currency {
        self.currency
    }

    /// Whether the amount is zero.
    pub const fn is_zero(self) -> bool {
        self.minor == 0
    }

    /// Reads a decimal amount with at most two decimals (`"1200"`, `"22.5"`, `"-3.75"`).
    pub fn parse(text: &str, currency: Currency) -> Result<Self, MoneyError> {
        let bad = || MoneyError::BadAmount(text.into());
        let (neg, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || frac.len() > 2 || !all_digits(whole) || !all_digits(frac) {
            return Err(bad());
        }
        if digits.contains('.') && frac.is_empty() {
            return Err(bad());
        }
        let whole: i64 = whole.parse().map_err(|_| MoneyError::Overflow)?;
        let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
        let minor = whole
            .checked_mul(100)
            .and_then(|w| w.checked_add(frac))
            .ok_or(MoneyError::Overflow)?;
        Ok(Self::from_minor(if neg { -minor } else { minor }, currency))
    }

    fn same(self, other: Self) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            })
        }
    }

    /// The sum, in the same currency.
    pub fn checked_add(self, other: Self) -> Result<Self, MoneyError> {
        self.same(other)?;
        let minor = self
            .minor
            .checked_add(other.minor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Self::from_minor(minor, self.currency))
    }

    /// The difference, in the same currency.
    pub fn checked_sub(self, other: Self) -> Result<Self, MoneyError> {
        self.same(other)?;
        let minor = self
            .minor
            .checked_sub(other.minor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Self::from_minor(minor, self.currency))
    }

    /// `count` times the amount (a number of visits, of started hours).
    pub fn times(self, count: u32) -> Result<Self, MoneyError> {
        let minor = narrow(i128::from(self.minor) * i128::from(count))?;
        Ok(Self::from_minor(minor, self.currency))
    }

    /// An hourly rate applied to minutes, rounded half up to the minor unit.
    ///
    /// ```
    /// use podpora_billing::{Currency, Money};
    /// let rate = Money::parse("50.00", Currency::EUR)?;
    /// assert_eq!(rate.for_minutes(7)?.to_string(), "5.83 EUR");
    /// assert_eq!(Money::parse("900", Currency::CZK)?.for_minutes(22)?.to_string(), "330.00 CZK");
    /// # Ok::<(), podpora_billing::MoneyError>(())
    /// ```
    pub fn for_minutes(self, minutes: u64) -> Result<Self, MoneyError> {
        let minor = narrow(div_half_up(
            i128::from(self.minor) * i128::from(minutes),
            60,
        ))?;
        Ok(Self::from_minor(minor, self.currency))
    }

    /// A percentage given in basis points (2300 = 23 %), rounded half up to the minor unit.
    ///
    /// ```
    /// use podpora_billing::{Currency, Money};
    /// assert_eq!(Money::from_minor(20_000, Currency::EUR).percent(2300)?.minor(), 4600);
    /// // 0.125 rounds up to 0.13
    /// assert_eq!(Money::from_minor(50, Currency::EUR).percent(2500)?.minor(), 13);
    /// # Ok::<(), podpora_billing::MoneyError>(())
    /// ```
    pub fn percent(self, basis_points: u32) -> Result<Self, MoneyError> {
        let minor = narrow(div_half_up(
            i128::from(self.minor) * i128::from(basis_points),
            10_000,
        ))?;
        Ok(Self::from_minor(minor, self.currency))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.minor < 0 { "-" } else { "" };
        let a = self.minor.unsigned_abs();
        write!(f, "{sign}{}.{:02} {}", a / 100, a % 100, self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_whole_and_decimal_amounts() {
        let p = |s| Money::parse(s, Currency::EUR).map(Money::minor);
        assert_eq!(p("1200"), Ok(120_000));
        assert_eq!(p("22.5"), Ok(2250));
        assert_eq!(p("0.05"), Ok(5));
        for bad in ["", "1.", ".5", "1.234", "1,50", "abc", "--1", "1e3"] {
            assert!(p(bad).is_err(), "{bad:?}");
        }
        assert_eq!(p("99999999999999999999"), Err(MoneyError::Overflow));
    }

    #[test]
    fn mixing_currencies_is_refused() {
        let e = Money::zero(Currency::EUR).checked_add(Money::zero(Currency::CZK));
        assert!(matches!(e, Err(MoneyError::CurrencyMismatch { .. })));
    }

    #[test]
    fn overflow_is_an_error() {
        let big = Money::from_minor(i64::MAX, Currency::PLN);
        assert_eq!(big.checked_add(big), Err(MoneyError::Overflow));
        assert_eq!(big.times(2), Err(MoneyError::Overflow));
        assert!(big.for_minutes(u64::from(u32::MAX)).is_err());
        assert!(big.percent(10_000).is_ok());
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        let m = |v| Money::from_minor(v, Currency::EUR);
        assert_eq!(m(-50).percent(2500).map(Money::minor), Ok(-13));
        assert_eq!(m(30).for_minutes(1).map(Money::minor), Ok(1)); // 0.5 → 1
        assert_eq!(m(29).for_minutes(1).map(Money::minor), Ok(0));
    }
}
