//! The invoice model with exact amounts, its refusals, and properties of the totals.

use jiff::civil::date;
use podpora_billing::{Currency, Money, VatCountry, VatRate};
use podpora_invoicing::{DocumentKind, InvoiceError, Line, Series, Unit, examples, issue};
use proptest::prelude::*;

fn s(m: Money) -> String {
    m.to_string()
}

#[test]
fn a_czech_invoice_sums_vat_per_rate() {
    let number = examples::series_2026().next(None).unwrap();
    let invoice = issue(examples::invoice_cz(), number).unwrap();
    let t = &invoice.totals().vat;
    let per_rate: Vec<(String, String, String)> = t
        .by_rate
        .iter()
        .map(|l| (l.rate.to_string(), s(l.base), s(l.vat)))
        .collect();
    assert_eq!(
        per_rate,
        [
            ("12 %".into(), "701.00 CZK".into(), "84.12 CZK".into()),
            ("21 %".into(), "5115.00 CZK".into(), "1074.15 CZK".into()),
        ]
    );
    assert_eq!(
        [s(t.net), s(t.vat), s(t.total)],
        ["5816.00 CZK", "1158.27 CZK", "6974.27 CZK"]
    );
    assert_eq!(
        invoice.totals().national,
        None,
        "CZK is the national currency"
    );
}

#[test]
fn a_credit_note_refers_to_the_invoice_it_corrects() {
    let series = Series {
        prefix: "DB".into(),
        year: 2026,
        digits: 4,
    };
    let number = series.next(None).unwrap();
    let note = issue(examples::credit_note_sk(), number).unwrap();
    assert!(note.is_credit_note());
    assert_eq!(note.number().to_string(), "DB20260001");
    match &note.content().kind {
        DocumentKind::CreditNote {
            corrects,
            corrects_issued,
            ..
        } => {
            assert_eq!(corrects, "202600001");
            assert_eq!(*corrects_issued, date(2026, 12, 4));
        }
        DocumentKind::Invoice => panic!("a credit note"),
    }
    assert_eq!(s(note.totals().vat.total), "123.00 EUR");
}

#[test]
fn faults_are_refused_with_their_reason() {
    let number = examples::series_2026().next(None).unwrap();
    let mut d = examples::invoice_sk();
    d.lines.clear();
    assert_eq!(issue(d, number.clone()), Err(InvoiceError::NoLines));

    let mut d = examples::invoice_sk();
    d.due_date = date(2026, 12, 1);
    assert!(matches!(
        issue(d, number.clone()),
        Err(InvoiceError::DueBeforeIssue { .. })
    ));

    let mut d = examples::invoice_sk();
    d.lines[0].price = Money::from_minor(100, Currency::CZK);
    assert!(matches!(
        issue(d, number.clone()),
        Err(InvoiceError::LineCurrency { line: 1, .. })
    ));

    let mut d = examples::invoice_sk();
    d.lines[1].quantity_milli = -1000;
    assert_eq!(issue(d, number.clone()), Err(InvoiceError::Negative(2)));

    let mut d = examples::invoice_cz_in_eur();
    d.exchange_rate = None;
    let e = issue(d, number.clone()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the invoice is in EUR, so its VAT must also be stated in CZK: enter the national bank's rate for the date of supply"
    );

    let mut d = examples::invoice_sk();
    d.issue_date = date(2027, 1, 2);
    d.due_date = date(2027, 1, 16);
    assert!(matches!(
        issue(d, number),
        Err(InvoiceError::NumberYear { year: 2026, .. })
    ));
}

#[test]
fn a_polish_invoice_in_euro_states_vat_in_zloty() {
    let mut d = examples::invoice_sk();
    d.vat_country = VatCountry::PL;
    d.exchange_rate = Some(
        podpora_invoicing::ExchangeRate::parse(
            "4.2651",
            Currency::EUR,
            Currency::PLN,
            date(2026, 12, 2),
            "NBP",
        )
        .unwrap(),
    );
    let invoice = issue(d, examples::series_2026().next(None).unwrap()).unwrap();
    let national = invoice.totals().national.as_ref().unwrap();
    assert_eq!(s(national[0].base), "853.02 PLN"); // 200.00 × 4.2651
    assert_eq!(s(national[0].vat), "196.19 PLN"); // 46.00 × 4.2651 = 196.1946
    assert_eq!(
        invoice.totals().national_vat.map(s),
        Some("196.19 PLN".into())
    );
}

fn line(q: i64, price: i64, base: u32, discount: i64, rate: u32) -> Line {
    Line {
        description: "x".into(),
        quantity_milli: q,
        unit: Unit::Piece,
        price: Money::from_minor(price, Currency::EUR),
        base_quantity: base,
        discount: Money::from_minor(discount, Currency::EUR),
        vat_rate: VatRate(rate),
    }
}

proptest! {
    /// Per-rate bases add up to the net, per-rate VATs to the VAT, and net + VAT is the
    /// total; each rate's VAT is its base × rate rounded half up.
    #[test]
    fn vat_per_rate_adds_up_to_the_total(
        lines in proptest::collection::vec(
            (0i64..100_000, 0i64..1_000_000, prop_oneof![Just(1u32), Just(60)], 0i64..100, prop_oneof![Just(500u32), Just(1200), Just(1900), Just(2100), Just(2300)]),
            1..12,
        )
    ) {
        let mut d = examples::invoice_sk();
        d.lines = lines.iter().map(|&(q, p, b, disc, r)| line(q, p, b, disc, r)).collect();
        // A discount larger than the line's gross would be a negative net: clamp it.
        for l in &mut d.lines {
            let gross = l.gross().unwrap();
            l.discount = Money::from_minor(l.discount.minor().min(gross.minor()), Currency::EUR);
        }
        let invoice = issue(d, examples::series_2026().next(None).unwrap()).unwrap();
        let t = &invoice.totals().vat;
        let bases: i64 = t.by_rate.iter().map(|l| l.base.minor()).sum();
        let vats: i64 = t.by_rate.iter().map(|l| l.vat.minor()).sum();
        prop_assert_eq!(bases, t.net.minor());
        prop_assert_eq!(vats, t.vat.minor());
        prop_assert_eq!(t.net.minor() + t.vat.minor(), t.total.minor());
        for l in &t.by_rate {
            let exact = i128::from(l.base.minor()) * i128::from(l.rate.0);
            prop_assert_eq!(i128::from(l.vat.minor()), (exact + 5_000) / 10_000);
        }
        let lines_net: i64 = invoice.content().lines.iter().map(|l| l.net().unwrap().minor()).sum();
        prop_assert_eq!(lines_net, t.net.minor());
    }
}
