//! One intake for every channel: the same rules hold for a request or a message whether it came
//! by mail, through the API with an organization's key, or was entered by staff from a call.

use crate::helpers::TestApp;
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::{Value, json};

crate::on_both!(a_customers_message_through_the_api_resumes_and_reopens_as_mail_does,);

async fn org_key(app: &TestApp, org: i64) -> String {
    let k = app
        .post(
            &format!("/api/v1/organizations/{org}/api-keys"),
            json!({"name": "ERP"}),
        )
        .await;
    assert_eq!(k.status, 201, "{}", k.body);
    k.body["token"].as_str().unwrap().to_string()
}

async fn set_status(app: &TestApp, number: &str, status: &str) {
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"status": status}),
        )
        .await;
    assert_eq!(r.status, 200, "{status}: {}", r.body);
}

async fn customer_writes(app: &TestApp, key: &str, number: &str, body: &str) -> Value {
    let r = app
        .call_as(
            Some(key),
            Method::POST,
            &format!("/api/v1/tickets/{number}/articles"),
            Some(json!({"body": body})),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    app.get(&format!("/api/v1/tickets/{number}")).await.body
}

async fn a_customers_message_through_the_api_resumes_and_reopens_as_mail_does(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (org, contact, _) = app.customer("27082440", "a@firma.example").await;
    let key = org_key(&app, org).await;
    let r = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Tlačiareň", "description": "Netlačí.", "requester_id": contact}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let number = r.body["number"].as_str().unwrap().to_string();

    // A message on a new ticket adds to it and changes nothing else.
    let t = customer_writes(&app, &key, &number, "Ešte stále netlačí.").await;
    assert_eq!(t["status"], "new");

    // Waiting for the customer: the customer's answer resumes the work and its clocks.
    set_status(&app, &number, "in_progress").await;
    set_status(&app, &number, "waiting_for_customer").await;
    let t = customer_writes(&app, &key, &number, "Posielam model: HP 400.").await;
    assert_eq!(t["status"], "in_progress", "{t}");
    let status = app.history_of(&number, "status").await;
    let last = status.last().unwrap();
    assert_eq!(last["old_value"], "waiting_for_customer");
    assert_eq!(last["new_value"], "in_progress");
    assert!(
        last["actor"].as_str().unwrap().starts_with("org-key:"),
        "{last}"
    );

    // Resolved within the reopen window: the customer's objection reopens it, with the reason.
    set_status(&app, &number, "resolved").await;
    let t = customer_writes(&app, &key, &number, "Zase netlačí.").await;
    assert_eq!(t["status"], "in_progress", "{t}");
    assert!(t["resolved_at"].is_null(), "{t}");
    let status = app.history_of(&number, "status").await;
    let last = status.last().unwrap();
    assert_eq!(last["old_value"], "resolved");
    assert_eq!(last["reason"], "the customer answered by api");

    // Closed: the same.
    set_status(&app, &number, "resolved").await;
    set_status(&app, &number, "closed").await;
    let t = customer_writes(&app, &key, &number, "A ešte raz.").await;
    assert_eq!(t["status"], "in_progress", "{t}");
    assert!(t["closed_at"].is_null(), "{t}");

    // Staff notes do not move the ticket.
    set_status(&app, &number, "waiting_for_customer").await;
    let note = app
        .post(
            &format!("/api/v1/tickets/{number}/articles"),
            json!({"kind": "internal_note", "body": "Čakáme."}),
        )
        .await;
    assert_eq!(note.status, 201, "{}", note.body);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await.body;
    assert_eq!(t["status"], "waiting_for_customer");
}
