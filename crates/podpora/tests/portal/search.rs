//! Searching requests in the portal: diacritics-blind, the matched words marked as written,
//! only the customer's own requests, never internal notes, on SQLite and PostgreSQL.

use super::helpers::TestApp;
use super::{PASSWORD, contact_with_password, number_in, open_request, sign_in};
use podpora_testkit::Backend;
use serde_json::json;

async fn a_customer_searches_their_requests(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_contact, mut br) = contact_with_password(&app, "35697270", "jan@firma.sk").await;
    let (_, stranger, _) = app.customer("36631124", "eva@ina.sk").await;
    assert_eq!(sign_in(&mut br, "jan@firma.sk", PASSWORD).await.status, 303);

    let mine = number_in(
        &open_request(&mut br, "Pobočka Łódź", "Žlutý kábel je prerušený.")
            .await
            .body,
    );
    let other = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Łódź tiež", "description": "iná firma", "requester_id": stranger}),
        )
        .await;
    assert_eq!(other.status, 201, "{}", other.body);
    let other = other.body["number"].as_str().unwrap().to_string();
    let note = app
        .post(
            &format!("/api/v1/tickets/{mine}/articles"),
            json!({"kind": "internal_note", "body": "Dlžník z Krakowa"}),
        )
        .await;
    assert_eq!(note.status, 201, "{}", note.body);

    let list = br.get("/portal/requests").await;
    assert!(list.body.contains("role=\"search\""), "{}", list.body);
    assert!(list.body.contains("Hľadať v požiadavkách"), "{}", list.body);

    let found = br.get("/portal/requests?q=lodz").await;
    assert_eq!(found.status, 200, "{}", found.body);
    assert!(found.body.contains(&mine), "{}", found.body);
    assert!(
        !found.body.contains(&other),
        "another organization's request was found"
    );
    assert!(found.body.contains("<mark>Łódź</mark>"), "{}", found.body);
    assert!(found.body.contains("1 požiadavka"), "{}", found.body);

    let found = br.get("/portal/requests?q=ZLUTY+kabel").await;
    assert!(found.body.contains(&mine), "{}", found.body);
    assert!(
        found.body.contains("<mark>Žlutý</mark> <mark>kábel</mark>"),
        "{}",
        found.body
    );

    let hidden = br.get("/portal/requests?q=krakowa").await;
    assert_eq!(hidden.status, 200);
    assert!(hidden.body.contains("0 požiadaviek"), "{}", hidden.body);
    assert!(!hidden.body.contains("Dlžník"), "an internal note leaked");
    let by_number = br.get(&format!("/portal/requests?q={other}")).await;
    assert!(!by_number.body.contains("Łódź tiež"), "{}", by_number.body);

    let bad = br.get("/portal/requests?q=%21%21").await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("aria-invalid=\"true\""), "{}", bad.body);
    assert!(
        bad.body.contains("Zadajte aspoň jedno slovo"),
        "{}",
        bad.body
    );
}

crate::on_both!(a_customer_searches_their_requests);
