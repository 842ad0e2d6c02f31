//! The customer's payments page: its open payment request with the QR code of its country,
//! its invoices with downloads, and nothing of another customer, on SQLite and PostgreSQL.

use super::helpers::TestApp;
use super::{PASSWORD, contact_with_password, sign_in};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;

async fn the_customer_sees_its_prepayment_with_its_qr_code(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (contact, mut br) = contact_with_password(&app, "35697270", "eva@firma.sk").await;
    assert_eq!(sign_in(&mut br, "eva@firma.sk", PASSWORD).await.status, 303);
    let page = br.get("/portal/payments").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("Nič nečaká na zaplatenie."),
        "{}",
        page.body
    );

    let r = app
        .call(
            Method::PUT,
            "/api/v1/supplier",
            Some(
                json!({"name": "Servis Novák s.r.o.", "street": "Hlavná 12", "city": "Bratislava",
                        "postal_code": "81101", "country": "SK", "iban": "SK3112000000198742637541",
                        "bic": "TATRSKBX"}),
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let t = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Nefunguje brána", "description": "Brána sa neotvára.", "requester_id": contact}),
        )
        .await;
    let number = t.body["number"].as_str().unwrap().to_string();
    let p = app
        .post(
            &format!("/api/v1/tickets/{number}/prepayment"),
            json!({"amount": {"amount_minor": 24600, "currency": "EUR"}}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
    let id = p.body["request"]["id"].as_i64().unwrap();
    let vs = p.body["request"]["variable_symbol"].as_str().unwrap();

    let page = br.get("/portal/payments").await;
    assert_eq!(page.status, 200);
    let body = page.body.replace("&nbsp;", "\u{a0}").replace("&#x2f;", "/");
    assert!(body.contains("246,00\u{a0}EUR"), "{body}");
    assert!(body.contains(vs), "{body}");
    assert!(body.contains("SK3112000000198742637541"), "{body}");
    assert!(
        body.contains(&format!("/portal/payments/{id}/qr.png")),
        "{body}"
    );
    assert!(body.contains("Naskenujte kód v aplikácii svojej banky."));
    let qr = br.get(&format!("/portal/payments/{id}/qr.png")).await;
    assert_eq!(qr.status, 200);
    assert_eq!(qr.headers["content-type"], "image/png");

    // Another customer sees neither the request nor its code.
    let (_, mut other) = contact_with_password(&app, "46123458", "jan@ina.sk").await;
    assert_eq!(
        sign_in(&mut other, "jan@ina.sk", PASSWORD).await.status,
        303
    );
    let page = other.get("/portal/payments").await;
    assert!(!page.body.contains(vs));
    let qr = other.get(&format!("/portal/payments/{id}/qr.png")).await;
    assert_eq!(qr.status, 404);
    let inv = other.get("/portal/invoices/1.isdoc").await;
    assert_eq!(inv.status, 404);
    // Without a session: the sign-in page.
    let mut anonymous = super::browser::Browser::new(&app.base);
    let page = anonymous.get("/portal/payments").await;
    assert_eq!(page.location.as_deref(), Some("/portal/sign-in"));
}

crate::on_both!(the_customer_sees_its_prepayment_with_its_qr_code);
