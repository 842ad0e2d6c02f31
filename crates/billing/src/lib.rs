//! Money, VAT, price lists and the rating of service time — pure: no I/O, no async, no clock
//! reads.

mod money;
mod vat;

pub use money::{Currency, Money, MoneyError};
pub use vat::{VatCountry, VatError, VatLine, VatRate, VatTotals, standard_rate, vat_totals};
