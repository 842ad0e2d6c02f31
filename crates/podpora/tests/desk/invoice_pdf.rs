//! The workspace's payments page links each invoice's PDF; the billing role downloads it, a
//! technician is refused. On SQLite and PostgreSQL.

use crate::helpers::TestApp;
use crate::{signed_in, unescaped};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;

const LIST: &str = r#"currency = "EUR"
[[rates]]
kind = "remote"
per_hour = "60.00"
rounding = "started_hour"
"#;

async fn billing_downloads_an_invoice_pdf_from_the_workspace(b: Backend) {
    let app = TestApp::spawn(b).await;
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
                        "vat_id": "SK2020317068"}),
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let (org, contact, _) = app.customer("35697270", "eva@firma.sk").await;
    let number = crate::ticket(&app, contact, "Nefunguje brána", "normal").await;
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

    let mut br = signed_in(&app, "fakturacia@podpora.example", &["billing"]).await;
    let page = br.get("/desk/payments").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        unescaped(&page.body).contains(&format!("/desk/invoices/{id}.pdf")),
        "{}",
        page.body
    );
    let pdf = br.get(&format!("/desk/invoices/{id}.pdf")).await;
    assert_eq!(pdf.status, 200, "{}", pdf.body);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    assert!(pdf.body.starts_with("%PDF-"));
    assert_eq!(br.get("/desk/invoices/999.pdf").await.status, 404);

    let mut tech = signed_in(&app, "technik@podpora.example", &["technician"]).await;
    assert_eq!(
        tech.get(&format!("/desk/invoices/{id}.pdf")).await.status,
        403
    );
}

crate::on_both!(billing_downloads_an_invoice_pdf_from_the_workspace);
