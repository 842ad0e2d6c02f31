//! Sample payment requests for the documentation and the tests.

use crate::iban::{Bic, Iban};
use crate::request::{Beneficiary, PaymentRequest, VariableSymbol};
use jiff::civil::date;
use podpora_billing::{Currency, Money};

fn iban(s: &str) -> Iban {
    Iban::parse(s).unwrap_or_else(|e| unreachable!("sample IBAN: {e}"))
}

fn bic(s: &str) -> Option<Bic> {
    Bic::parse(s).ok()
}

fn vs(s: &str) -> Option<VariableSymbol> {
    VariableSymbol::parse(s).ok()
}

/// Seed 000: a prepayment of 246.00 € for a visit in Slovakia.
pub fn prepayment_sk() -> PaymentRequest {
    PaymentRequest {
        amount: Money::from_minor(24_600, Currency::EUR),
        beneficiary: Beneficiary {
            name: "Servis Novák s.r.o.".into(),
            iban: iban("SK3112000000198742637541"),
            bic: bic("TATRSKBX"),
        },
        variable_symbol: vs("4711"),
        reference: None,
        due: date(2026, 12, 11),
        message: "Záloha za zásah 4711".into(),
    }
}

/// A prepayment of 6 050.00 Kč in Czechia.
pub fn prepayment_cz() -> PaymentRequest {
    PaymentRequest {
        amount: Money::from_minor(605_000, Currency::CZK),
        beneficiary: Beneficiary {
            name: "Novák IT s.r.o.".into(),
            iban: iban("CZ6508000000192000145399"),
            bic: bic("GIBACZPX"),
        },
        variable_symbol: vs("2026015"),
        reference: None,
        due: date(2026, 12, 11),
        message: "Záloha za zásah 815".into(),
    }
}
