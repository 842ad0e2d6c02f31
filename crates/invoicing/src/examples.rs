//! Sample documents for the documentation and the tests.

use crate::exchange::ExchangeRate;
use crate::invoice::{DocumentKind, Draft, Line, PaymentDetails, Unit};
use crate::numbering::Series;
use crate::party::{Address, Party, PartyIds, SkTaxNumber};
use jiff::civil::date;
use podpora_billing::{Currency, Money, VatCountry, VatRate};
use podpora_core::{Ico, Nip, VatId};
use podpora_payments::{Bic, Iban, VariableSymbol};

fn party(name: &str, street: &str, city: &str, zip: &str, country: &str, ids: PartyIds) -> Party {
    Party {
        name: name.into(),
        address: Address {
            street: street.into(),
            city: city.into(),
            postal_code: zip.into(),
            country: country.into(),
        },
        ids,
        email: Some("faktury@example.com".into()),
    }
}

/// A Slovak supplier with IČO, DIČ and IČ DPH.
pub fn supplier_sk() -> Party {
    party(
        "Servis Novák s.r.o.",
        "Hlavná 12",
        "Bratislava",
        "81101",
        "SK",
        PartyIds {
            ico: Ico::parse("35757442").ok(),
            sk_tax_number: SkTaxNumber::parse("2020317068").ok(),
            vat_id: VatId::parse("SK2020317068").ok(),
            nip: None,
        },
    )
}

/// A Slovak business customer.
pub fn customer_sk() -> Party {
    party(
        "Byty Juh s.r.o.",
        "Južná trieda 4",
        "Košice",
        "04001",
        "SK",
        PartyIds {
            ico: Ico::parse("46123458").ok(),
            sk_tax_number: SkTaxNumber::parse("2120000003").ok(),
            vat_id: VatId::parse("SK2120000003").ok(),
            nip: None,
        },
    )
}

/// A Czech supplier with IČO and DIČ.
pub fn supplier_cz() -> Party {
    party(
        "Novák IT s.r.o.",
        "Václavské náměstí 1",
        "Praha",
        "11000",
        "CZ",
        PartyIds {
            ico: Ico::parse("27082440").ok(),
            vat_id: VatId::parse("CZ27082440").ok(),
            ..PartyIds::default()
        },
    )
}

/// A Czech business customer.
pub fn customer_cz() -> Party {
    party(
        "Pekárna Novotný s.r.o.",
        "Dlouhá 5",
        "Brno",
        "60200",
        "CZ",
        PartyIds {
            ico: Ico::parse("25596641").ok(),
            vat_id: VatId::parse("CZ25596641").ok(),
            ..PartyIds::default()
        },
    )
}

fn payment(iban: &str, bic: &str, vs: &str) -> Option<PaymentDetails> {
    Some(PaymentDetails {
        iban: Iban::parse(iban).ok()?,
        bic: Bic::parse(bic).ok(),
        variable_symbol: VariableSymbol::parse(vs).ok(),
    })
}

/// The series of 2026 without a prefix, 5 digits.
pub fn series_2026() -> Series {
    Series {
        prefix: String::new(),
        year: 2026,
        digits: 5,
    }
}

/// Seed 000 invoiced: a visit and two started hours on site in Slovakia, 200.00 € + 23 %.
pub fn invoice_sk() -> Draft {
    let eur = |m| Money::from_minor(m, Currency::EUR);
    Draft {
        kind: DocumentKind::Invoice,
        vat_country: VatCountry::SK,
        issue_date: date(2026, 12, 4),
        supply_date: date(2026, 12, 3),
        due_date: date(2026, 12, 18),
        supplier: supplier_sk(),
        customer: customer_sk(),
        currency: Currency::EUR,
        lines: vec![
            Line {
                description: "Výjazd technika".into(),
                quantity_milli: 1000,
                unit: Unit::Piece,
                price: eur(10_000),
                base_quantity: 1,
                discount: eur(0),
                vat_rate: VatRate(2300),
            },
            Line {
                description: "Práca na mieste (75 min, účtované po začatých hodinách)".into(),
                quantity_milli: 120_000,
                unit: Unit::Minute,
                price: eur(5_000),
                base_quantity: 60,
                discount: eur(0),
                vat_rate: VatRate(2300),
            },
        ],
        exchange_rate: None,
        payment: payment("SK3112000000198742637541", "TATRSKBX", "202600001"),
        note: Some("Tiket 4711".into()),
        buyer_reference: Some("OBJ-2026-118".into()),
    }
}

/// A Czech invoice with two VAT rates: remote support at 21 % and a training book at 12 %.
pub fn invoice_cz() -> Draft {
    let czk = |m| Money::from_minor(m, Currency::CZK);
    Draft {
        kind: DocumentKind::Invoice,
        vat_country: VatCountry::CZ,
        issue_date: date(2026, 12, 4),
        supply_date: date(2026, 11, 30),
        due_date: date(2026, 12, 18),
        supplier: supplier_cz(),
        customer: customer_cz(),
        currency: Currency::CZK,
        lines: vec![
            Line {
                description: "Vzdálená podpora (47 min)".into(),
                quantity_milli: 47_000,
                unit: Unit::Minute,
                price: czk(90_000),
                base_quantity: 60,
                discount: czk(0),
                vat_rate: VatRate(2100),
            },
            Line {
                description: "Měsíční paušál Business".into(),
                quantity_milli: 1000,
                unit: Unit::Month,
                price: czk(490_000),
                base_quantity: 1,
                discount: czk(49_000),
                vat_rate: VatRate(2100),
            },
            Line {
                description: "Příručka pro uživatele".into(),
                quantity_milli: 2000,
                unit: Unit::Piece,
                price: czk(35_050),
                base_quantity: 1,
                discount: czk(0),
                vat_rate: VatRate(1200),
            },
        ],
        exchange_rate: None,
        payment: payment("CZ6508000000192000145399", "GIBACZPX", "202600015"),
        note: None,
        buyer_reference: None,
    }
}

/// A Czech supplier's invoice in euro: the VAT is also stated in CZK at the ČNB rate.
pub fn invoice_cz_in_eur() -> Draft {
    let eur = |m| Money::from_minor(m, Currency::EUR);
    let mut d = invoice_cz();
    d.currency = Currency::EUR;
    d.lines = vec![Line {
        description: "Vzdálená podpora (2 h)".into(),
        quantity_milli: 2000,
        unit: Unit::Hour,
        price: eur(4_000),
        base_quantity: 1,
        discount: eur(0),
        vat_rate: VatRate(2100),
    }];
    d.exchange_rate = ExchangeRate::parse(
        "24.335",
        Currency::EUR,
        Currency::CZK,
        date(2026, 11, 27),
        "ČNB",
    )
    .ok();
    d
}

/// A credit note for part of the Slovak invoice: one visit fee returned.
pub fn credit_note_sk() -> Draft {
    let mut d = invoice_sk();
    d.kind = DocumentKind::CreditNote {
        corrects: "202600001".into(),
        corrects_issued: date(2026, 12, 4),
        reason: "Výjazd zrušený zákazníkom".into(),
    };
    d.issue_date = date(2026, 12, 10);
    d.due_date = date(2026, 12, 24);
    d.lines.truncate(1);
    d
}

/// A Polish supplier with NIP and NIP UE.
pub fn supplier_pl() -> Party {
    party(
        "Serwis Nowak sp. z o.o.",
        "ul. Długa 5",
        "Kraków",
        "31-147",
        "PL",
        PartyIds {
            nip: Nip::parse("8567346215").ok(),
            vat_id: VatId::parse("PL8567346215").ok(),
            ..PartyIds::default()
        },
    )
}

/// A Polish invoice: seed 000's work for a Slovak customer, 200.00 PLN + 23 %.
pub fn invoice_pl() -> Draft {
    let pln = |m| Money::from_minor(m, Currency::PLN);
    let mut d = invoice_sk();
    d.vat_country = VatCountry::PL;
    d.supplier = supplier_pl();
    d.currency = Currency::PLN;
    for l in &mut d.lines {
        l.price = pln(l.price.minor());
        l.discount = pln(0);
    }
    d.payment = payment("PL61109010140000071219812874", "WBKPPLPP", "202600001");
    d
}
