//! Money, VAT, price lists and the rating of service time — pure: no I/O, no async, no clock
//! reads.

mod money;
mod price_list;
mod price_list_toml;
mod vat;

pub use money::{Currency, Money, MoneyError};
pub use price_list::{
    Fee, FeeEntry, FreeMinutes, PriceList, RateEntry, Rounding, Terms, TimeRate, WorkKind,
};
pub use price_list_toml::PriceListError;
pub use vat::{VatCountry, VatError, VatLine, VatRate, VatTotals, standard_rate, vat_totals};
