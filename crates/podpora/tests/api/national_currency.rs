//! An invoice in another currency than the supplier's national one, through the API on SQLite
//! and PostgreSQL: a Czech supplier invoices a month in euro. Without the exchange rate it is
//! refused with a message that says what to enter; with it the VAT per rate is stated in CZK as
//! well, in the API's answer, on the PDF, in ISDOC (`ForeignCurrencyCode`, `CurrRate`) and in
//! UBL (`TaxCurrencyCode` and a second `TaxTotal`), both valid by their schemas.

use crate::helpers::TestApp;
use crate::invoice_pdf::{billed_customer, bytes, out_dir, pdf_text, xmllint};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;

crate::on_both!(a_czech_suppliers_euro_invoice_states_its_vat_in_czk);

const LIST_EUR: &str = r#"currency = "EUR"
[[rates]]
kind = "remote"
per_hour = "40.00"
rounding = "started_hour"
"#;

/// `minor × 24.335`, rounded half up to the haléř.
fn at_rate(minor: i64) -> i64 {
    (minor * 24_335 + 500) / 1000
}

async fn a_czech_suppliers_euro_invoice_states_its_vat_in_czk(b: Backend) {
    let app = TestApp::spawn(b).await;
    let r = app
        .call(
            Method::PUT,
            "/api/v1/price-lists/service",
            Some(json!({"name": "Servis EUR", "vat_country": "CZ", "default": true, "toml": LIST_EUR})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app
        .call(
            Method::PUT,
            "/api/v1/supplier",
            Some(json!({
                "name": "Novák IT s.r.o.", "street": "Václavské náměstí 1", "city": "Praha",
                "postal_code": "11000", "country": "CZ", "ico": "27082440", "vat_id": "CZ27082440",
                "email": "faktury@novak-it.example", "iban": "CZ65 0800 0000 1920 0014 5399",
                "bic": "GIBACZPX", "invoice_prefix": "FV"
            })),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // Two started hours of remote support: 80.00 € + 21 % VAT.
    let org = billed_customer(
        &app,
        json!({"name": "Pekárna Novotný s.r.o.", "country": "CZ", "language": "cs", "ico": "25596641",
               "vat_id": "CZ25596641", "address": "Dlouhá 5, 110 00 Praha"}),
        "ucetni@pekarna.example",
        json!({"kind": "remote", "start": "2026-11-12T09:00:00Z", "end": "2026-11-12T10:15:00Z"}),
    )
    .await;
    let path = format!("/api/v1/organizations/{org}/invoices");

    // No rate: refused, saying which rate for which day; nothing is issued.
    let r = app.post(&path, json!({"month": "2026-11"})).await;
    assert_eq!(r.problem(422), ["exchange_rate"]);
    let said = r.body["errors"][0]["message"].as_str().unwrap();
    assert!(
        said.contains("EUR") && said.contains("CZK") && said.contains("2026-11-30"),
        "{said}"
    );
    let r = app
        .post(&path, json!({"month": "2026-11", "exchange_rate": "24,3x"}))
        .await;
    assert_eq!(r.problem(422), ["exchange_rate"]);
    let r = app
        .post(
            &path,
            json!({"month": "2026-11", "exchange_rate": "24.335", "exchange_rate_date": "12.11.2026"}),
        )
        .await;
    assert_eq!(r.problem(422), ["exchange_rate_date"]);
    assert_eq!(app.get("/api/v1/invoices").await.body, json!([]));

    let i = app
        .post(
            &path,
            json!({"month": "2026-11", "exchange_rate": "24.335"}),
        )
        .await;
    assert_eq!(i.status, 201, "{}", i.body);
    assert_eq!(
        i.body["net"],
        json!({"amount_minor": 8000, "currency": "EUR"})
    );
    assert_eq!(
        i.body["vat"],
        json!({"amount_minor": 1680, "currency": "EUR"})
    );
    let n = &i.body["national"];
    assert_eq!(n["rate"], "24.335");
    assert_eq!(n["rate_per"], 1);
    assert_eq!(n["rate_source"], "ČNB");
    assert_eq!(n["rate_date"], "2026-11-30", "the date of supply");
    assert_eq!(n["by_rate"][0]["rate_basis_points"], 2100);
    assert_eq!(
        n["by_rate"][0]["base"],
        json!({"amount_minor": at_rate(8000), "currency": "CZK"})
    );
    assert_eq!(
        n["by_rate"][0]["vat"],
        json!({"amount_minor": at_rate(1680), "currency": "CZK"})
    );
    assert_eq!(at_rate(1680), 40_883, "408.83 CZK");
    let id = i.body["id"].as_i64().unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/invoices/{id}")).await.body["national"],
        *n
    );

    // The PDF states the rate and the VAT in CZK.
    let (status, _, pdf) = bytes(&app, &app.token, &format!("/api/v1/invoices/{id}/pdf")).await;
    assert_eq!(status, 200);
    let file = out_dir().join(format!("{b:?}-cz-in-eur.pdf").to_lowercase());
    std::fs::write(&file, &pdf).unwrap();
    let text = pdf_text(&file);
    for expected in [
        "DPH v národní měně (CZK)",
        "EUR = 24,335 CZK (ČNB",
        "1 946,80 CZK",
        "408,83 CZK",
        "96,80 EUR",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }

    // ISDOC: local amounts in CZK, the euro ones as foreign, with the rate.
    let (status, _, isdoc) = bytes(&app, &app.token, &format!("/api/v1/invoices/{id}.isdoc")).await;
    assert_eq!(status, 200);
    xmllint(
        "isdoc-6.0.2/isdoc-invoice-6.0.2.xsd",
        &format!("{b:?}-cz-in-eur.isdoc"),
        &isdoc,
    );
    let isdoc = String::from_utf8(isdoc).unwrap();
    for expected in [
        "<LocalCurrencyCode>CZK</LocalCurrencyCode>",
        "<ForeignCurrencyCode>EUR</ForeignCurrencyCode>",
        "<CurrRate>24.335</CurrRate>",
        "<RefCurrRate>1</RefCurrRate>",
        "408.83",
        "<TaxAmountCurr>16.80</TaxAmountCurr>",
    ] {
        assert!(isdoc.contains(expected), "{expected:?} not in {isdoc}");
    }

    // UBL: the invoice in euro, its VAT also in CZK (BT-6, BT-111).
    let (status, _, ubl) = bytes(&app, &app.token, &format!("/api/v1/invoices/{id}.ubl.xml")).await;
    assert_eq!(status, 200);
    xmllint(
        "ubl-2.1/maindoc/UBL-Invoice-2.1.xsd",
        &format!("{b:?}-cz-in-eur.ubl.xml"),
        &ubl,
    );
    let ubl = String::from_utf8(ubl).unwrap();
    for expected in [
        "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>",
        "<cbc:TaxCurrencyCode>CZK</cbc:TaxCurrencyCode>",
        r#"<cbc:TaxAmount currencyID="EUR">16.80</cbc:TaxAmount>"#,
        r#"<cbc:TaxAmount currencyID="CZK">408.83</cbc:TaxAmount>"#,
    ] {
        assert!(ubl.contains(expected), "{expected:?} not in {ubl}");
    }
}
