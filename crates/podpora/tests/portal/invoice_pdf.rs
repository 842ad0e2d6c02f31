//! The customer downloads its invoice as a PDF from the portal's payments page; another
//! customer does not find it. On SQLite and PostgreSQL.

use super::helpers::TestApp;
use super::{PASSWORD, contact_with_password, sign_in};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;

const LIST: &str = r#"currency = "EUR"
[[rates]]
kind = "remote"
per_hour = "60.00"
rounding = "started_hour"
"#;

async fn the_customer_downloads_its_invoice_as_a_pdf(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (contact, mut br) = contact_with_password(&app, "35697270", "eva@firma.sk").await;
    assert_eq!(sign_in(&mut br, "eva@firma.sk", PASSWORD).await.status, 303);
    let r = app
        .call(
            Method::PUT,
            "/api/v1/price-lists/service",
            Some(json!({"name": "Servis", "vat_country": "SK", "default": true, "toml": LIST})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app
        .call(
            Method::PUT,
            "/api/v1/supplier",
            Some(
                json!({"name": "Servis Novák s.r.o.", "street": "Hlavná 12", "city": "Bratislava",
                        "postal_code": "81101", "country": "SK", "iban": "SK3112000000198742637541",
                        "bic": "TATRSKBX", "vat_id": "SK2020317068"}),
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let org = app.get(&format!("/api/v1/contacts/{contact}")).await.body["organization_id"]
        .as_i64()
        .unwrap();
    let t = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Nefunguje brána", "description": "Brána sa neotvára.", "requester_id": contact}),
        )
        .await;
    let number = t.body["number"].as_str().unwrap().to_string();
    let e = app
        .post(
            &format!("/api/v1/tickets/{number}/time-entries"),
            json!({"kind": "remote", "start": "2026-11-10T08:00:00Z", "end": "2026-11-10T08:40:00Z"}),
        )
        .await;
    assert_eq!(e.status, 201, "{}", e.body);
    let i = app
        .post(
            &format!("/api/v1/organizations/{org}/invoices"),
            json!({"month": "2026-11"}),
        )
        .await;
    assert_eq!(i.status, 201, "{}", i.body);
    let id = i.body["id"].as_i64().unwrap();

    let page = br.get("/portal/payments").await;
    assert_eq!(page.status, 200);
    let body = page.body.replace("&#x2f;", "/");
    assert!(
        body.contains(&format!("/portal/invoices/{id}.pdf")),
        "{body}"
    );
    let pdf = br.get(&format!("/portal/invoices/{id}.pdf")).await;
    assert_eq!(pdf.status, 200, "{}", pdf.body);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    assert!(pdf.body.starts_with("%PDF-"));

    let (_, mut other) = contact_with_password(&app, "46123458", "jan@ina.sk").await;
    assert_eq!(
        sign_in(&mut other, "jan@ina.sk", PASSWORD).await.status,
        303
    );
    assert_eq!(
        other
            .get(&format!("/portal/invoices/{id}.pdf"))
            .await
            .status,
        404
    );
    assert_eq!(other.get("/portal/invoices/x.pdf").await.status, 404);
}

crate::on_both!(the_customer_downloads_its_invoice_as_a_pdf);
