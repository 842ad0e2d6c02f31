//! Money, VAT, price lists and the rating of service time — pure: no I/O, no async, no clock
//! reads, no database types.
//!
//! | item | meaning |
//! |---|---|
//! | [`Money`] | minor units and a [`Currency`] (EUR, CZK, PLN); checked arithmetic, half-up rounding where a fraction arises |
//! | [`standard_rate`] | the VAT rate of SK, CZ or PL on a date (SK 20 % until 2024, 23 % from 2025) |
//! | [`vat_totals`] | VAT per rate on the sum of line nets, rounded half up to the cent |
//! | [`PriceList`] | hourly rates per [`WorkKind`], price level and [`Terms`], with [`Rounding`], minimum and [`FreeMinutes`]; flat [`Fee`]s; [`PriceList::from_toml`] |
//! | [`rate_intervention`] | an intervention's [`TimeEntry`]s and visits → [`ChargeLine`]s, [`Covered`] minutes, and the updated [`Account`] |
//!
//! # The order of rating
//!
//! The entries of one intervention are rated together, each kind of work apart:
//!
//! 1. **Free minutes** of the kind's rate, on the whole intervention: with
//!    [`FreeMinutes::UpTo`] an intervention of at most that many minutes costs nothing and
//!    draws on nothing; with [`FreeMinutes::First`] the earliest minutes are free. Free time
//!    does not use the plan's allowance: it is free for everyone.
//! 2. **Included minutes** of the plan: remote and phone work draw on
//!    `remote_minutes_per_month`, on-site work on `work_minutes_per_month` ([`pool_of`]);
//!    travel and training on neither. Entries are taken in time order, each from the month in
//!    which it *started*, in the customer's time zone ([`YearMonth::of`]); an entry never draws
//!    on another month, and a month not in the [`Quota`] has its whole allowance.
//! 3. **Rounding and minimum** of the rate, on the minutes left of the kind.
//! 4. **Prepaid minutes**, drawn from the rounded minutes (not travel), earliest expiry first,
//!    from packages that have not expired when the intervention starts (its earliest entry).
//! 5. **The rate**: charged minutes × hourly rate, rounded half up to the cent.
//! 6. **Discounts** of the plan: `discount_hours_percent` on time, `discount_trips_percent`
//!    on visits and travel time, rounded half up to the cent.
//!
//! Visits are charged with the price list's visit fee, and travel time at the travel rate,
//! unless the plan has `travel_billed = false`, which covers both.
//!
//! # Edge cases
//!
//! - A kind fully covered by free or included minutes needs no rate in the price list; a kind
//!   with anything left to charge does ([`RatingError::NoRate`]).
//! - Rounding and the minimum apply to each kind of work of the intervention apart (remote and
//!   phone may have different rates): 10 minutes remote and 10 on the phone, each with a
//!   20-minute minimum, are charged 20 + 20.
//! - The minimum applies to what is left after included minutes, once anything is: 10 uncovered
//!   minutes at a 20-minute minimum are charged as 20. Nothing left is nothing charged.
//! - Prepaid minutes are drawn in charged minutes: 12 minutes at a 20-minute minimum draw 20.
//! - On an error, the account is left as it was; on success it holds what is left.
//! - VAT is not part of a [`Rating`]: [`Rating::totals`] applies the supplier's rate on the
//!   date of supply to the sum of the nets.
//!
//! # Example
//!
//! Seed 004: 120 prepaid minutes, a contract at 900 Kč/h per minute with at least 20 minutes;
//! interventions of 12, 47 and 75 minutes draw 20, 47 and 53 minutes, and the remaining 22
//! minutes are charged: 330.00 Kč.
//!
//! ```
//! use jiff::{Timestamp, tz::TimeZone};
//! use podpora_billing::*;
//! let list = PriceList::from_toml(r#"
//!     currency = "CZK"
//!     [[rates]]
//!     kind = "remote"
//!     terms = "contract"
//!     per_hour = "900.00"
//!     rounding = "per_minute"
//!     minimum_minutes = 20
//! "#)?;
//! let tz = TimeZone::get("Europe/Prague")?;
//! let customer = Customer {
//!     price_list: &list,
//!     level: None,
//!     terms: Terms::Contract,
//!     plan: None,
//!     time_zone: &tz,
//! };
//! let expires_at: Timestamp = "2027-06-30T22:00:00Z".parse()?;
//! let mut account = Account {
//!     prepaid: vec![PrepaidPackage { minutes: 120, expires_at }],
//!     ..Account::default()
//! };
//! let start: Timestamp = "2026-11-10T08:00:00Z".parse()?;
//! let mut nets = Vec::new();
//! for minutes in [12, 47, 75] {
//!     let entry = TimeEntry { kind: WorkKind::Remote, minutes, start };
//!     let rating = rate_intervention(&customer, &[entry], 0, &mut account)?;
//!     nets.push(rating.net.to_string());
//! }
//! assert_eq!(nets, ["0.00 CZK", "0.00 CZK", "330.00 CZK"]);
//! assert_eq!(account.prepaid_left(start), 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Seed 000: a visit and 75 minutes on site, per started hour, VAT of Slovakia:
//!
//! ```
//! use jiff::{civil::date, tz::TimeZone};
//! use podpora_billing::*;
//! let list = PriceList::from_toml(r#"
//!     currency = "EUR"
//!     [[rates]]
//!     kind = "on_site"
//!     per_hour = "50.00"
//!     rounding = "started_hour"
//!     [[fees]]
//!     fee = "visit"
//!     amount = "100.00"
//! "#)?;
//! let tz = TimeZone::get("Europe/Bratislava")?;
//! let customer = Customer { price_list: &list, level: None, terms: Terms::OneOff, plan: None, time_zone: &tz };
//! let entry = TimeEntry { kind: WorkKind::OnSite, minutes: 75, start: "2026-11-10T08:00:00Z".parse()? };
//! let rating = rate_intervention(&customer, &[entry], 1, &mut Account::default())?;
//! assert_eq!(rating.lines[1].quantity, Quantity::Minutes(120));
//! let totals = rating.totals(standard_rate(VatCountry::SK, date(2026, 11, 10))?)?;
//! assert_eq!(
//!     [totals.net, totals.vat, totals.total].map(|m| m.to_string()),
//!     ["200.00 EUR", "46.00 EUR", "246.00 EUR"],
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod money;
mod price_list;
mod price_list_toml;
mod rating;
mod vat;

pub use money::{Currency, Money, MoneyError};
pub use price_list::{
    Fee, FeeEntry, FreeMinutes, PriceList, RateEntry, Rounding, Terms, TimeRate, WorkKind,
};
pub use price_list_toml::PriceListError;
pub use rating::{
    Account, ChargeLine, Coverage, Covered, Customer, Item, MonthUsage, PlanTerms, Pool,
    PrepaidPackage, Quantity, Quota, Rating, RatingError, TimeEntry, YearMonth, pool_of,
    rate_intervention,
};
pub use vat::{VatCountry, VatError, VatLine, VatRate, VatTotals, standard_rate, vat_totals};
