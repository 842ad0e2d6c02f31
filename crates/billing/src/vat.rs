//! VAT: the standard rate of the supplier's country on a date, and the VAT of a set of lines.
//!
//! The VAT of a rate is computed once on the **sum of the line nets** at that rate and rounded
//! half up to the cent (EN 16931 BR-CO-17), not summed from rounded line VATs, so three lines
//! of 0.10 € at 23 % carry 0.07 € of VAT, not 0.06 €.
//!
//! | country | rate | valid |
//! |---|---|---|
//! | SK | 20 % | 2011-01-01 – 2024-12-31 |
//! | SK | 23 % | from 2025-01-01 |
//! | CZ | 21 % | from 2013-01-01 |
//! | PL | 23 % | from 2011-01-01 |
//!
//! A date before the first row of its country has no rate here and is refused
//! ([`VatError::NoRate`]) rather than guessed. IT support is on no reduced-rate list, so only
//! the standard rates are kept.

use crate::money::{Currency, Money, MoneyError};
use jiff::civil::{Date, date};
use serde::{Deserialize, Serialize};

/// A supplier's country for VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VatCountry {
    /// Slovakia.
    SK,
    /// Czechia.
    CZ,
    /// Poland.
    PL,
}

/// A VAT rate in basis points (2300 = 23 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct VatRate(pub u32);

impl std::fmt::Display for VatRate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        if frac == 0 {
            write!(f, "{whole} %")
        } else {
            write!(f, "{whole}.{frac:02} %")
        }
    }
}

/// What the VAT computation can refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VatError {
    /// The table has no rate for the country on that date.
    #[error("no VAT rate for {country:?} on {date}: the table starts later")]
    NoRate {
        /// The supplier's country.
        country: VatCountry,
        /// The tax point.
        date: Date,
    },
    /// An amount went out of range or mixed currencies.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

/// Rows `(country, valid from, rate)`, newest last within a country.
const TABLE: &[(VatCountry, Date, u32)] = &[
    (VatCountry::SK, date(2011, 1, 1), 2000),
    (VatCountry::SK, date(2025, 1, 1), 2300),
    (VatCountry::CZ, date(2013, 1, 1), 2100),
    (VatCountry::PL, date(2011, 1, 1), 2300),
];

/// The standard VAT rate of a country on the date of the taxable supply.
///
/// ```
/// use jiff::civil::date;
/// use podpora_billing::{VatCountry, VatRate, standard_rate};
/// assert_eq!(standard_rate(VatCountry::SK, date(2024, 12, 31))?, VatRate(2000));
/// assert_eq!(standard_rate(VatCountry::SK, date(2025, 1, 1))?, VatRate(2300));
/// assert_eq!(standard_rate(VatCountry::CZ, date(2026, 11, 30))?.to_string(), "21 %");
/// assert!(standard_rate(VatCountry::PL, date(2010, 12, 31)).is_err());
/// # Ok::<(), podpora_billing::VatError>(())
/// ```
pub fn standard_rate(country: VatCountry, on: Date) -> Result<VatRate, VatError> {
    TABLE
        .iter()
        .filter(|(c, from, _)| *c == country && *from <= on)
        .map(|&(_, _, rate)| VatRate(rate))
        .next_back()
        .ok_or(VatError::NoRate { country, date: on })
}

/// The base and VAT of one rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatLine {
    /// The rate.
    pub rate: VatRate,
    /// The sum of the line nets at this rate.
    pub base: Money,
    /// `base × rate`, rounded half up to the cent.
    pub vat: Money,
}

/// The totals of a document: net, VAT per rate, VAT and gross.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatTotals {
    /// The sum of all line nets.
    pub net: Money,
    /// One entry per rate, in ascending order of rate.
    pub by_rate: Vec<VatLine>,
    /// The sum of the VAT of each rate.
    pub vat: Money,
    /// `net + vat`.
    pub total: Money,
}

/// Totals of lines given as `(net, rate)`, all in `currency`.
///
/// ```
/// use podpora_billing::{Currency, Money, VatRate, vat_totals};
/// let eur = |m| Money::from_minor(m, Currency::EUR);
/// let t = vat_totals(Currency::EUR, [(eur(10_000), VatRate(2300)), (eur(10_000), VatRate(2300))])?;
/// assert_eq!((t.net.minor(), t.vat.minor(), t.total.minor()), (20_000, 4_600, 24_600));
/// // VAT on the sum, not the sum of rounded VATs: 3 × 0.10 € → 0.07 €, not 3 × 0.02 €
/// let t = vat_totals(Currency::EUR, [(eur(10), VatRate(2300)); 3])?;
/// assert_eq!(t.vat.minor(), 7);
/// # Ok::<(), podpora_billing::VatError>(())
/// ```
pub fn vat_totals(
    currency: Currency,
    lines: impl IntoIterator<Item = (Money, VatRate)>,
) -> Result<VatTotals, VatError> {
    // A handful of rates at most, so a sorted vector beats a map.
    let mut by_rate: Vec<VatLine> = Vec::new();
    let mut net = Money::zero(currency);
    for (line_net, rate) in lines {
        net = net.checked_add(line_net)?;
        match by_rate.binary_search_by_key(&rate, |l| l.rate) {
            Ok(i) => by_rate[i].base = by_rate[i].base.checked_add(line_net)?,
            Err(i) => by_rate.insert(
                i,
                VatLine {
                    rate,
                    base: line_net,
                    vat: Money::zero(currency),
                },
            ),
        }
    }
    let mut vat = Money::zero(currency);
    for line in &mut by_rate {
        line.vat = line.base.percent(line.rate.0)?;
        vat = vat.checked_add(line.vat)?;
    }
    let total = net.checked_add(vat)?;
    Ok(VatTotals {
        net,
        by_rate,
        vat,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_change_on_their_first_day() {
        assert_eq!(
            standard_rate(VatCountry::SK, date(2025, 1, 1)),
            Ok(VatRate(2300))
        );
        assert_eq!(
            standard_rate(VatCountry::SK, date(2024, 12, 31)),
            Ok(VatRate(2000))
        );
        assert_eq!(
            standard_rate(VatCountry::CZ, date(2026, 12, 4)),
            Ok(VatRate(2100))
        );
        assert_eq!(
            standard_rate(VatCountry::PL, date(2026, 12, 4)),
            Ok(VatRate(2300))
        );
        assert!(standard_rate(VatCountry::CZ, date(2012, 12, 31)).is_err());
    }

    #[test]
    fn lines_of_two_rates_are_kept_apart() {
        let czk = |m| Money::from_minor(m, Currency::CZK);
        let t = vat_totals(
            Currency::CZK,
            [
                (czk(94_000), VatRate(2100)),
                (czk(1_000), VatRate(1200)),
                (czk(60_000), VatRate(2100)),
            ],
        )
        .unwrap();
        assert_eq!(t.by_rate.len(), 2);
        assert_eq!(t.by_rate[0].rate, VatRate(1200));
        assert_eq!(t.by_rate[0].vat.minor(), 120);
        assert_eq!(t.by_rate[1].base.minor(), 154_000);
        assert_eq!(t.by_rate[1].vat.minor(), 32_340);
        assert_eq!(t.total.minor(), 155_000 + 120 + 32_340);
    }

    #[test]
    fn another_currency_is_refused() {
        let e = vat_totals(
            Currency::EUR,
            [(Money::from_minor(1, Currency::PLN), VatRate(2300))],
        );
        assert!(matches!(e, Err(VatError::Money(_))));
    }
}
