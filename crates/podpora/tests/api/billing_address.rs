//! An organization's billing address, through the API on SQLite and PostgreSQL: set with the
//! organization's update (a bad address refused at the field, nothing written), shown with the
//! organization, in its history, and the invoice mail goes there instead of the first contact's
//! address; cleared, the mail goes to the contact again.

use crate::helpers::TestApp;
use crate::invoice_pdf::{LIST_SK, billed_customer, invoice_mails};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;

crate::on_both!(
    invoices_are_mailed_to_the_organizations_billing_address,
    the_billing_address_is_given_when_the_organization_is_created,
);

/// Given at creation, the billing address is checked with the other fields (every refusal at
/// once, nothing written) and shown with the organization.
async fn the_billing_address_is_given_when_the_organization_is_created(b: Backend) {
    let app = TestApp::spawn(b).await;
    let before = app.get("/api/v1/organizations").await.body["total"].clone();
    let bad = app
        .post(
            "/api/v1/organizations",
            json!({"name": " ", "country": "SK", "billing_email": "uctaren"}),
        )
        .await;
    let mut fields = bad.problem(422);
    fields.sort();
    assert_eq!(fields, ["billing_email", "name"]);
    assert_eq!(
        app.get("/api/v1/organizations").await.body["total"],
        before,
        "a refused organization was written"
    );
    let ok = app
        .post(
            "/api/v1/organizations",
            json!({"name": "Byty Sever s.r.o.", "country": "SK", "billing_email": " <Uctaren@Byty.example> "}),
        )
        .await;
    assert_eq!(ok.status, 201, "{}", ok.body);
    assert_eq!(ok.body["billing_email"], "uctaren@byty.example");
    let id = ok.body["id"].as_i64().unwrap();
    let got = app.get(&format!("/api/v1/organizations/{id}")).await;
    assert_eq!(got.body["billing_email"], "uctaren@byty.example");
}

async fn invoices_are_mailed_to_the_organizations_billing_address(b: Backend) {
    let app = TestApp::spawn(b).await;
    let r = app
        .call(
            Method::PUT,
            "/api/v1/price-lists/service",
            Some(json!({"name": "Servis", "vat_country": "SK", "default": true, "toml": LIST_SK})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    crate::payments::supplier(&app).await;
    let org = billed_customer(
        &app,
        json!({"name": "Byty Juh s.r.o.", "country": "SK", "ico": "46123458", "vat_id": "SK2120000003",
               "address": "Južná 3, 040 01 Košice"}),
        "spravca@byty.example",
        json!({"kind": "on_site", "start": "2026-11-10T08:00:00Z", "end": "2026-11-10T09:30:00Z"}),
    )
    .await;
    let path = format!("/api/v1/organizations/{org}");
    assert!(app.get(&path).await.body["billing_email"].is_null());

    // Refused at the field; an unknown field is still refused; nothing written.
    let bad = app.patch(&path, json!({"billing_email": "uctaren"})).await;
    assert_eq!(bad.problem(422), ["billing_email"]);
    let bad = app
        .patch(
            &path,
            json!({"billing_email": "a@b.example", "billing_mail": "x"}),
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    let bad = app
        .patch(&path, json!({"billing_email": "uctaren", "name": " "}))
        .await;
    let mut fields = bad.problem(422);
    fields.sort();
    assert_eq!(fields, ["billing_email", "name"]);
    assert!(app.get(&path).await.body["billing_email"].is_null());

    let ok = app
        .patch(&path, json!({"billing_email": " <Uctaren@Byty.example> "}))
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.body["billing_email"], "uctaren@byty.example");
    assert_eq!(ok.body["name"], "Byty Juh s.r.o.", "the rest stays");
    assert_eq!(
        app.get(&path).await.body["billing_email"],
        "uctaren@byty.example"
    );
    let list = app.get("/api/v1/organizations").await;
    assert_eq!(
        list.body["items"][0]["billing_email"],
        "uctaren@byty.example"
    );
    let h = app.get(&format!("{path}/history")).await;
    assert!(
        h.body
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["field"] == "billing_email" && e["new_value"] == "uctaren@byty.example"),
        "{}",
        h.body
    );

    // The invoice goes to the billing address.
    let i = app
        .post(
            &format!("/api/v1/organizations/{org}/invoices"),
            json!({"month": "2026-11"}),
        )
        .await;
    assert_eq!(i.status, 201, "{}", i.body);
    let mails = invoice_mails(&app).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].0["recipient"], "uctaren@byty.example");

    // Cleared: sent again, it goes to the contact.
    let cleared = app.patch(&path, json!({"billing_email": null})).await;
    assert_eq!(cleared.status, 200, "{}", cleared.body);
    assert!(cleared.body["billing_email"].is_null());
    let id = i.body["id"].as_i64().unwrap();
    let s = app
        .post(&format!("/api/v1/invoices/{id}/send"), json!({}))
        .await;
    assert_eq!(s.status, 202, "{}", s.body);
    assert_eq!(s.body["to"], "spravca@byty.example");
}
