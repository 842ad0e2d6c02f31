//! The TOML form of a price list, read into [`PriceList`] with errors that name the key.
//!
//! ```toml
//! currency = "EUR"                # EUR, CZK or PLN
//!
//! [[rates]]
//! kind = "on_site"                # remote, on_site, travel, phone, training
//! per_hour = "50.00"              # a decimal string, at most two decimals
//! rounding = "started_hour"       # started_hour, started_half_hour, per_minute
//! minimum_minutes = 0             # optional
//! free_first_minutes = 0          # optional; or free_up_to_minutes, not both
//! level = "gold"                  # optional: only for this customer price level
//! terms = "contract"              # optional: contract or one_off
//!
//! [[fees]]
//! fee = "visit"
//! amount = "100.00"
//! ```

use crate::money::{Currency, Money};
use crate::price_list::{
    Fee, FeeEntry, FreeMinutes, PriceList, RateEntry, Rounding, Terms, TimeRate, WorkKind,
};
use serde::Deserialize;

/// Why a price list could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PriceListError {
    /// The text is not TOML of the expected shape (the message names the key and line).
    #[error("price list: {0}")]
    Toml(String),
    /// A value is of the right type but not allowed.
    #[error("price list: {key}: {reason}")]
    Invalid {
        /// The key, e.g. `rates[2].per_hour`.
        key: String,
        /// What is wrong and what to write instead.
        reason: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawList {
    currency: String,
    #[serde(default)]
    rates: Vec<RawRate>,
    #[serde(default)]
    fees: Vec<RawFee>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRate {
    kind: WorkKind,
    per_hour: String,
    rounding: Rounding,
    #[serde(default)]
    minimum_minutes: u32,
    free_first_minutes: Option<u32>,
    free_up_to_minutes: Option<u32>,
    level: Option<String>,
    terms: Option<Terms>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFee {
    fee: Fee,
    amount: String,
    level: Option<String>,
    terms: Option<Terms>,
}

fn invalid(key: String, reason: impl Into<String>) -> PriceListError {
    PriceListError::Invalid {
        key,
        reason: reason.into(),
    }
}

fn amount(text: &str, currency: Currency, key: String) -> Result<Money, PriceListError> {
    let m = Money::parse(text, currency).map_err(|e| invalid(key.clone(), e.to_string()))?;
    if m.minor() < 0 {
        return Err(invalid(key, "must not be negative"));
    }
    Ok(m)
}

impl PriceList {
    /// Reads the TOML form (see the module docs).
    ///
    /// ```
    /// use podpora_billing::PriceList;
    /// let e = PriceList::from_toml("currency = \"EUR\"\n[[rates]]\nkind = \"remote\"\nper_hour = \"45,00\"\nrounding = \"per_minute\"").unwrap_err();
    /// assert!(e.to_string().contains("rates[0].per_hour"), "{e}");
    /// let e = PriceList::from_toml("currency = \"EUR\"\n[[rates]]\nkind = \"remote\"\nper_hour = \"45\"\nrounding = \"hourly\"").unwrap_err();
    /// assert!(e.to_string().contains("rounding"), "{e}");
    /// ```
    pub fn from_toml(text: &str) -> Result<Self, PriceListError> {
        let raw: RawList = toml::from_str(text).map_err(|e| {
            PriceListError::Toml(e.to_string().trim_end().replace("TOML parse error ", ""))
        })?;
        let currency = Currency::parse(&raw.currency)
            .map_err(|e| invalid("currency".into(), e.to_string()))?;
        let mut rates = Vec::with_capacity(raw.rates.len());
        for (i, r) in raw.rates.into_iter().enumerate() {
            let key = |k: &str| format!("rates[{i}].{k}");
            let free = match (r.free_first_minutes, r.free_up_to_minutes) {
                (Some(_), Some(_)) => {
                    return Err(invalid(
                        key("free_up_to_minutes"),
                        "give free_first_minutes or free_up_to_minutes, not both",
                    ));
                }
                (Some(n), None) => FreeMinutes::First(n),
                (None, Some(n)) => FreeMinutes::UpTo(n),
                (None, None) => FreeMinutes::None,
            };
            if r.level.as_deref().is_some_and(|l| l.trim().is_empty()) {
                return Err(invalid(
                    key("level"),
                    "must not be empty; leave it out for every level",
                ));
            }
            rates.push(RateEntry {
                kind: r.kind,
                level: r.level,
                terms: r.terms,
                rate: TimeRate {
                    per_hour: amount(&r.per_hour, currency, key("per_hour"))?,
                    rounding: r.rounding,
                    minimum_minutes: r.minimum_minutes,
                    free,
                },
            });
        }
        let mut fees = Vec::with_capacity(raw.fees.len());
        for (i, f) in raw.fees.into_iter().enumerate() {
            fees.push(FeeEntry {
                fee: f.fee,
                level: f.level,
                terms: f.terms,
                amount: amount(&f.amount, currency, format!("fees[{i}].amount"))?,
            });
        }
        Ok(Self {
            currency,
            rates,
            fees,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = r#"
        currency = "EUR"
        [[rates]]
        kind = "remote"
        per_hour = "50"
        rounding = "started_hour"
        [[rates]]
        kind = "remote"
        level = "gold"
        per_hour = "40"
        rounding = "started_hour"
        [[rates]]
        kind = "remote"
        level = "gold"
        terms = "contract"
        per_hour = "35"
        rounding = "started_half_hour"
        free_up_to_minutes = 15
        [[rates]]
        kind = "remote"
        terms = "contract"
        per_hour = "45"
        rounding = "per_minute"
        free_first_minutes = 5
        [[fees]]
        fee = "visit"
        amount = "100.00"
        [[fees]]
        fee = "visit"
        terms = "contract"
        amount = "80.00"
    "#;

    #[test]
    fn the_most_specific_rate_wins() {
        let l = PriceList::from_toml(LIST).unwrap();
        let r = |lv, t| {
            l.time_rate(WorkKind::Remote, lv, t)
                .unwrap()
                .per_hour
                .minor()
        };
        assert_eq!(r(None, Terms::OneOff), 5000);
        assert_eq!(r(Some("silver"), Terms::OneOff), 5000);
        assert_eq!(r(Some("gold"), Terms::OneOff), 4000);
        assert_eq!(r(Some("gold"), Terms::Contract), 3500);
        assert_eq!(r(None, Terms::Contract), 4500);
        assert!(l.time_rate(WorkKind::Travel, None, Terms::OneOff).is_none());
        let free = l
            .time_rate(WorkKind::Remote, Some("gold"), Terms::Contract)
            .unwrap()
            .free;
        assert_eq!(free, FreeMinutes::UpTo(15));
        assert_eq!(
            l.fee(Fee::Visit, None, Terms::OneOff).map(Money::minor),
            Some(10_000)
        );
        assert_eq!(
            l.fee(Fee::Visit, None, Terms::Contract).map(Money::minor),
            Some(8_000)
        );
    }

    #[test]
    fn the_documented_form_parses() {
        let doc: String = include_str!("price_list_toml.rs")
            .lines()
            .skip_while(|l| !l.starts_with("//! ```toml"))
            .skip(1)
            .take_while(|l| !l.starts_with("//! ```"))
            .map(|l| format!("{}\n", l.trim_start_matches("//!").trim_start()))
            .collect();
        let l = PriceList::from_toml(&doc).unwrap();
        assert_eq!(l.rates.len(), 1);
        assert_eq!(l.rates[0].terms, Some(Terms::Contract));
        assert_eq!(l.fees[0].amount.minor(), 10_000);
    }

    #[test]
    fn huge_times_saturate_instead_of_panicking() {
        let l = PriceList::from_toml(LIST).unwrap();
        let r = l.time_rate(WorkKind::Remote, None, Terms::OneOff).unwrap();
        assert!(r.charged_minutes(u64::MAX) >= u64::MAX - 60);
        assert!(r.per_hour.for_minutes(u64::MAX).is_err());
    }

    #[test]
    fn errors_name_the_key() {
        let cases = [
            ("currency = \"USD\"", "currency"),
            ("currency = \"EUR\"\nvat = 1", "vat"),
            (
                "currency = \"EUR\"\n[[rates]]\nkind = \"onsite\"\nper_hour = \"1\"\nrounding = \"per_minute\"",
                "kind",
            ),
            (
                "currency = \"EUR\"\n[[rates]]\nkind = \"remote\"\nper_hour = \"-1\"\nrounding = \"per_minute\"",
                "rates[0].per_hour",
            ),
            (
                "currency = \"EUR\"\n[[rates]]\nkind = \"remote\"\nper_hour = \"1\"\nrounding = \"per_minute\"\nfree_first_minutes = 1\nfree_up_to_minutes = 2",
                "rates[0].free_up_to_minutes",
            ),
            (
                "currency = \"EUR\"\n[[fees]]\nfee = \"visit\"\namount = \"1.001\"",
                "fees[0].amount",
            ),
            (
                "currency = \"EUR\"\n[[rates]]\nkind = \"remote\"\nper_hour = \"1\"\nrounding = \"per_minute\"\nminimum_minutes = -5",
                "minimum_minutes",
            ),
        ];
        for (text, key) in cases {
            let e = PriceList::from_toml(text).unwrap_err().to_string();
            assert!(e.contains(key), "{key} not in {e}");
        }
    }
}
