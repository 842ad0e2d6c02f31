//! Price lists: an hourly rate per kind of work with its rounding rule, flat fees, and which
//! rate applies to a customer (price level, contract or one-off).
//!
//! | rule | minutes charged for `m` worked (after free and included minutes) |
//! |---|---|
//! | [`Rounding::StartedHour`] | `m` rounded up to a whole hour: 61 → 120 |
//! | [`Rounding::StartedHalfHour`] | `m` rounded up to a half hour: 29 → 30, 31 → 60 |
//! | [`Rounding::PerMinute`] | `m` |
//! | `minimum_minutes` | at least this much once anything is charged: 12 → 20 |
//! | [`FreeMinutes::First`] | the first `n` minutes of each intervention are never charged |
//! | [`FreeMinutes::UpTo`] | an intervention of at most `n` minutes is not charged at all; a longer one is charged whole |
//!
//! Nothing worked is nothing charged: the minimum applies only to a positive time.
//!
//! A customer's rate is the most specific entry that matches: one naming both the price level
//! and the terms wins over one naming the level only, which wins over one naming the terms
//! only, which wins over the entry naming neither; among equals the first listed wins.
//!
//! ```
//! use podpora_billing::{PriceList, Terms, WorkKind};
//! let list = PriceList::from_toml(r#"
//!     currency = "CZK"
//!     [[rates]]
//!     kind = "remote"
//!     per_hour = "1200.00"
//!     rounding = "per_minute"
//!     minimum_minutes = 30
//!     [[rates]]
//!     kind = "remote"
//!     terms = "contract"
//!     per_hour = "900.00"
//!     rounding = "per_minute"
//!     minimum_minutes = 20
//! "#)?;
//! let one_off = list.time_rate(WorkKind::Remote, None, Terms::OneOff).unwrap();
//! assert_eq!(one_off.charged_minutes(12), 30);
//! let contract = list.time_rate(WorkKind::Remote, None, Terms::Contract).unwrap();
//! assert_eq!(contract.charged_minutes(12), 20);
//! assert_eq!(contract.charged_minutes(47), 47);
//! # Ok::<(), podpora_billing::PriceListError>(())
//! ```

use crate::money::{Currency, Money};
use serde::{Deserialize, Serialize};

/// A kind of work a time entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkKind {
    /// Remote help or administration.
    Remote,
    /// Work at the customer's site.
    OnSite,
    /// Travel to and from the site.
    Travel,
    /// Help on the phone.
    Phone,
    /// Training.
    Training,
}

impl WorkKind {
    /// Every kind, in the order lines are listed.
    pub const ALL: [WorkKind; 5] = [
        Self::OnSite,
        Self::Remote,
        Self::Phone,
        Self::Training,
        Self::Travel,
    ];

    /// The name used in TOML and the API, e.g. `"on_site"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Remote => "remote",
            Self::OnSite => "on_site",
            Self::Travel => "travel",
            Self::Phone => "phone",
            Self::Training => "training",
        }
    }
}

/// Whether the customer buys under a contract or one-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Terms {
    /// No contract: the one-off rates.
    OneOff,
    /// A service contract: usually better rates.
    Contract,
}

/// How worked minutes become charged minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Each started hour is charged whole.
    StartedHour,
    /// Each started half hour is charged whole.
    StartedHalfHour,
    /// Every minute, exactly.
    PerMinute,
}

/// Minutes given away by a rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum FreeMinutes {
    /// None.
    #[default]
    None,
    /// The first `n` minutes of an intervention are free; the rest is charged.
    First(u32),
    /// An intervention of at most `n` minutes is free ("quick help"); a longer one is charged whole.
    UpTo(u32),
}

/// An hourly rate and how it rounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRate {
    /// The price of one hour.
    pub per_hour: Money,
    /// The rounding of the charged time.
    pub rounding: Rounding,
    /// The least time charged for an intervention with anything to charge.
    pub minimum_minutes: u32,
    /// Minutes given away.
    pub free: FreeMinutes,
}

impl TimeRate {
    /// Worked minutes → charged minutes: rounding, then the minimum (free minutes are applied
    /// by the rating before, on the whole intervention).
    ///
    /// ```
    /// use podpora_billing::{Currency, FreeMinutes, Money, Rounding, TimeRate};
    /// let half = TimeRate {
    ///     per_hour: Money::from_minor(4500, Currency::EUR),
    ///     rounding: Rounding::StartedHalfHour,
    ///     minimum_minutes: 0,
    ///     free: FreeMinutes::None,
    /// };
    /// assert_eq!([0, 29, 30, 31, 50].map(|m| half.charged_minutes(m)), [0, 30, 30, 60, 60]);
    /// ```
    pub fn charged_minutes(&self, minutes: u64) -> u64 {
        if minutes == 0 {
            return 0;
        }
        let rounded = match self.rounding {
            Rounding::StartedHour => minutes.div_ceil(60).saturating_mul(60),
            Rounding::StartedHalfHour => minutes.div_ceil(30).saturating_mul(30),
            Rounding::PerMinute => minutes,
        };
        rounded.max(u64::from(self.minimum_minutes))
    }
}

/// A flat fee a price list can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fee {
    /// A visit at the customer's site, whatever the distance.
    Visit,
}

/// One rate of a price list, with whom it applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateEntry {
    /// The kind of work.
    pub kind: WorkKind,
    /// The customer price level it is for; `None` for every level.
    pub level: Option<String>,
    /// The terms it is for; `None` for both.
    pub terms: Option<Terms>,
    /// The rate.
    pub rate: TimeRate,
}

/// One flat fee of a price list, with whom it applies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeEntry {
    /// Which fee.
    pub fee: Fee,
    /// The customer price level it is for; `None` for every level.
    pub level: Option<String>,
    /// The terms it is for; `None` for both.
    pub terms: Option<Terms>,
    /// The amount.
    pub amount: Money,
}

/// A company's price list, in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceList {
    /// The currency of every amount in it.
    pub currency: Currency,
    /// Hourly rates.
    pub rates: Vec<RateEntry>,
    /// Flat fees.
    pub fees: Vec<FeeEntry>,
}

/// How well an entry's `(level, terms)` fits a customer; `None` when it does not apply.
fn fit(
    e_level: Option<&str>,
    e_terms: Option<Terms>,
    level: Option<&str>,
    terms: Terms,
) -> Option<u8> {
    let l = match e_level {
        None => 0,
        Some(x) if Some(x) == level => 2,
        Some(_) => return None,
    };
    let t = match e_terms {
        None => 0,
        Some(x) if x == terms => 1,
        Some(_) => return None,
    };
    Some(l + t)
}

/// The first of the best-fitting items.
fn best<T>(items: impl Iterator<Item = (Option<u8>, T)>) -> Option<T> {
    let mut out: Option<(u8, T)> = None;
    for (score, item) in items {
        if let Some(s) = score
            && out.as_ref().is_none_or(|(b, _)| s > *b)
        {
            out = Some((s, item));
        }
    }
    out.map(|(_, item)| item)
}

impl PriceList {
    /// The rate of a kind of work for a customer of `level` under `terms`, if any.
    pub fn time_rate(
        &self,
        kind: WorkKind,
        level: Option<&str>,
        terms: Terms,
    ) -> Option<&TimeRate> {
        best(
            self.rates
                .iter()
                .filter(|e| e.kind == kind)
                .map(|e| (fit(e.level.as_deref(), e.terms, level, terms), &e.rate)),
        )
    }

    /// A flat fee for a customer of `level` under `terms`, if the list has one.
    pub fn fee(&self, fee: Fee, level: Option<&str>, terms: Terms) -> Option<Money> {
        best(
            self.fees
                .iter()
                .filter(|e| e.fee == fee)
                .map(|e| (fit(e.level.as_deref(), e.terms, level, terms), e.amount)),
        )
    }
}
