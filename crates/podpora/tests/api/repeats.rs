//! The same request sent again: by the same contact, by any channel, within the window
//! and while the first ticket is open, it joins that ticket instead of opening another.

use crate::helpers::TestApp;
use crate::mail::{submit, support_mail};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::{Value, json};

crate::on_both!(
    the_same_request_twice_by_the_api_joins_the_open_ticket,
    the_same_request_by_mail_then_by_the_api_and_by_mail_joins_one_ticket,
    after_the_window_or_once_resolved_the_same_request_opens_a_new_ticket,
    the_same_request_sent_at_once_many_times_opens_one_ticket,
);

async fn org_key(app: &TestApp, org: i64) -> String {
    app.org_key(org).await
}

fn mail(message_id: &str, subject: &str, body: &str) -> String {
    format!(
        "From: Jana Nováková <jana@zakaznik.test>\r\nTo: podpora@support.test\r\nSubject: {subject}\r\n\
         Message-ID: <{message_id}>\r\nDate: Mon, 30 Nov 2026 09:00:00 +0100\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
}

async fn ticket_count(app: &TestApp) -> i64 {
    let r = app.get("/api/v1/tickets").await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["total"].as_i64().unwrap()
}

async fn articles(app: &TestApp, number: &str) -> Vec<Value> {
    let t = app.get(&format!("/api/v1/tickets/{number}")).await.body;
    t["articles"].as_array().unwrap().clone()
}

async fn the_same_request_twice_by_the_api_joins_the_open_ticket(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (org, contact, _) = app.customer("35697270", "jana@zakaznik.test").await;
    let key = org_key(&app, org).await;
    let first = app
        .call_as(
            Some(&key),
            Method::POST,
            "/api/v1/tickets",
            Some(json!({"subject": "Tlačiareň nejde", "description": "Od rána netlačí.", "requester_id": contact})),
        )
        .await;
    assert_eq!(first.status, 201, "{}", first.body);
    let number = first.body["number"].as_str().unwrap().to_string();
    // Other capitals, accents and spacing: the same request.
    let again = app
        .client
        .post(format!("{}/api/v1/tickets", app.base))
        .bearer_auth(&key)
        .json(&json!({"subject": " TLACIAREN  nejde", "description": "od rana\n  netlaci.", "requester_id": contact}))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 200);
    assert_eq!(again.headers()["podpora-sent-again"], "true");
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["number"], number.as_str(), "{again}");
    assert_eq!(ticket_count(&app).await, 1);
    let a = articles(&app, &number).await;
    assert_eq!(a.len(), 2, "{a:?}");
    assert_eq!(a[1]["body"], "od rana\n  netlaci.", "{a:?}");
    let said = app.history_of(&number, "sent_again").await;
    assert_eq!(said.len(), 1, "{said:?}");
    assert_eq!(said[0]["new_value"], "sent again by api", "{said:?}");
    // Only the new ticket was confirmed.
    let mail = app.get(&format!("/api/v1/tickets/{number}/mail")).await;
    assert_eq!(mail.status, 200, "{}", mail.body);
    assert_eq!(mail.body.as_array().unwrap().len(), 1, "{}", mail.body);
    // A different body is another request.
    let other = app
        .call_as(
            Some(&key),
            Method::POST,
            "/api/v1/tickets",
            Some(json!({"subject": "Tlačiareň nejde", "description": "Od rána netlačí ani druhá.", "requester_id": contact})),
        )
        .await;
    assert_eq!(other.status, 201, "{}", other.body);
}

async fn the_same_request_by_mail_then_by_the_api_and_by_mail_joins_one_ticket(b: Backend) {
    let app = TestApp::spawn_with_mail(b, support_mail()).await;
    let (org, contact, _) = app.customer("35697270", "jana@zakaznik.test").await;
    let first = submit(
        &app,
        &mail("r1@zakaznik.test", "Výpadok", "Linka 2 nefunguje."),
    )
    .await;
    assert_eq!(first["status"], "processed", "{first}");
    let number = first["ticket_number"].as_str().unwrap().to_string();

    let key = org_key(&app, org).await;
    let by_api = app
        .call_as(
            Some(&key),
            Method::POST,
            "/api/v1/tickets",
            Some(json!({"subject": "výpadok", "description": "Linka 2 nefunguje.", "requester_id": contact})),
        )
        .await;
    assert_eq!(by_api.status, 200, "{}", by_api.body);
    assert_eq!(by_api.body["number"], number.as_str());

    // The same mail again under another Message-ID: the inbound record names the ticket.
    let again = submit(
        &app,
        &mail("r2@zakaznik.test", "Výpadok", "Linka  2 nefunguje."),
    )
    .await;
    assert_eq!(again["status"], "processed", "{again}");
    assert_eq!(again["ticket_number"], number.as_str(), "{again}");
    assert!(
        again["reason"].as_str().unwrap().contains("sent again"),
        "{again}"
    );
    assert_eq!(ticket_count(&app).await, 1);
    assert_eq!(articles(&app, &number).await.len(), 3);
    let said: Vec<Value> = app
        .history_of(&number, "sent_again")
        .await
        .into_iter()
        .map(|e| e["new_value"].clone())
        .collect();
    assert_eq!(
        said,
        [json!("sent again by api"), json!("sent again by email")]
    );
}

async fn after_the_window_or_once_resolved_the_same_request_opens_a_new_ticket(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_, contact, _) = app.customer("35697270", "jana@zakaznik.test").await;
    let phone = |reported_at: Option<String>| json!({"subject": "Brána sa neotvára", "description": "Po výpadku prúdu.", "requester_id": contact, "channel": "phone", "reported_at": reported_at});
    let two_days_ago = (jiff::Timestamp::now() - jiff::Span::new().hours(48)).to_string();
    let old = app.post("/api/v1/tickets", phone(Some(two_days_ago))).await;
    assert_eq!(old.status, 201, "{}", old.body);
    // Outside the 24-hour window: a new ticket.
    let new = app.post("/api/v1/tickets", phone(None)).await;
    assert_eq!(new.status, 201, "{}", new.body);
    assert_ne!(new.body["number"], old.body["number"]);
    let number = new.body["number"].as_str().unwrap().to_string();
    let again = app.post("/api/v1/tickets", phone(None)).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body["number"], number.as_str());
    assert_eq!(
        app.history_of(&number, "sent_again").await[0]["new_value"],
        "sent again by phone"
    );
    // Once resolved, the same request is a new one.
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"status": "resolved"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let after = app.post("/api/v1/tickets", phone(None)).await;
    assert_eq!(after.status, 201, "{}", after.body);
    assert_ne!(after.body["number"], number.as_str());
    assert_eq!(ticket_count(&app).await, 3);
}

async fn the_same_request_sent_at_once_many_times_opens_one_ticket(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (org, contact, _) = app.customer("35697270", "jana@zakaznik.test").await;
    let key = org_key(&app, org).await;
    // Sent together, they meet in one group commit (SQLite) or in concurrent transactions
    // (PostgreSQL): either way the first opens the ticket and the rest join it.
    let mut sent = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let (client, url, key) = (
            app.client.clone(),
            format!("{}/api/v1/tickets", app.base),
            key.clone(),
        );
        let body = json!({"subject": "Alarm píska", "description": "Nedá sa vypnúť.", "requester_id": contact});
        sent.spawn(async move {
            let r = client
                .post(url)
                .bearer_auth(key)
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let t: Value = r.json().await.unwrap();
            (status, t["number"].as_str().unwrap().to_string())
        });
    }
    let answers = sent.join_all().await;
    let mut statuses: Vec<u16> = answers.iter().map(|(s, _)| *s).collect();
    statuses.sort_unstable();
    assert_eq!(
        statuses,
        [200, 200, 200, 200, 200, 200, 200, 201],
        "{answers:?}"
    );
    assert!(
        answers.iter().all(|(_, n)| *n == answers[0].1),
        "{answers:?}"
    );
    assert_eq!(ticket_count(&app).await, 1);
    assert_eq!(articles(&app, &answers[0].1).await.len(), 8);
}
