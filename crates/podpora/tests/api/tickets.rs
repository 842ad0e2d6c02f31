use crate::helpers::TestApp;
use podpora_testkit::Backend;
use serde_json::json;
use std::collections::BTreeSet;

crate::on_both!(
    a_ticket_is_created_read_back_and_worked_through_its_lifecycle,
    fifty_concurrent_tickets_get_fifty_consecutive_numbers,
    lowering_urgency_needs_a_reason_kept_in_history,
    attachments_are_stored_once_and_downloaded,
    list_filters_and_pages,
);

async fn a_ticket_is_created_read_back_and_worked_through_its_lifecycle(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (org, contact, asset) = app.customer("35697270", "jana@firma.example").await;
    let r = app.post("/api/v1/tickets", json!({
        "subject": "Centrálna jednotka nereaguje", "description": "Žalúzie ani svetlá nejdú.",
        "requester_id": contact, "asset_id": asset, "urgency": "urgent", "channel": "email",
        "reply_to": "Jana.Other@Firma.example"
    })).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let number = r.body["number"].as_str().unwrap().to_string();
    let year = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .year();
    assert_eq!(number, format!("{year}-000001"));
    assert_eq!(r.body["status"], "new");
    assert_eq!(r.body["organization_id"], org);
    assert_eq!(r.body["reply_to"], "jana.other@firma.example");

    let got = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body["subject"], "Centrálna jednotka nereaguje");
    assert_eq!(got.body["articles"][0]["kind"], "inbound_email");
    assert_eq!(got.body["articles"][0]["body"], "Žalúzie ani svetlá nejdú.");

    for s in [
        "acknowledged",
        "in_progress",
        "waiting_for_customer",
        "in_progress",
        "resolved",
        "closed",
    ] {
        let r = app
            .patch(&format!("/api/v1/tickets/{number}"), json!({"status": s}))
            .await;
        assert_eq!(r.status, 200, "{s}: {}", r.body);
        assert_eq!(r.body["status"], s);
    }
    let closed = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert!(closed.body["closed_at"].is_string());
    // reopen
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"status": "in_progress"}),
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r.body["closed_at"].is_null());

    let note = app.post(&format!("/api/v1/tickets/{number}/articles"), json!({"kind": "internal_note", "body": "Volal som zákazníkovi.", "body_html": "<p onclick=\"x()\">ok<script>alert(1)</script></p>"})).await;
    assert_eq!(note.status, 201, "{}", note.body);
    let html = note.body["body_html"].as_str().unwrap();
    assert!(
        !html.contains("script") && !html.contains("onclick"),
        "{html}"
    );

    let h = app.get(&format!("/api/v1/tickets/{number}/history")).await;
    assert_eq!(h.status, 200);
    let statuses: Vec<_> = h
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["field"] == "status")
        .map(|e| {
            (
                e["old_value"].as_str().unwrap().to_string(),
                e["new_value"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(statuses.len(), 7);
    assert_eq!(statuses[0], ("new".into(), "acknowledged".into()));
    assert!(
        h.body
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["actor"] == "agent:1" && e["at"].is_string())
    );
}

async fn fifty_concurrent_tickets_get_fifty_consecutive_numbers(b: Backend) {
    let app = std::sync::Arc::new(TestApp::spawn(b).await);
    let (_, contact, _) = app.customer("27082440", "petr@firma.example").await;
    let mut handles = Vec::new();
    for i in 0..50 {
        let app = app.clone();
        handles.push(tokio::spawn(async move {
            let r = app.post("/api/v1/tickets", json!({"subject": format!("Požiadavka {i}"), "description": "popis", "requester_id": contact})).await;
            assert_eq!(r.status, 201, "{}", r.body);
            r.body["number"].as_str().unwrap().to_string()
        }));
    }
    let mut seqs = BTreeSet::new();
    for h in handles {
        let n = h.await.unwrap();
        let seq: i64 = n.rsplit('-').next().unwrap().parse().unwrap();
        assert!(seqs.insert(seq), "duplicate number {n}");
    }
    assert_eq!(seqs, (1..=50).collect::<BTreeSet<_>>());
}

async fn lowering_urgency_needs_a_reason_kept_in_history(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_, contact, _) = app.customer("27082440", "petr@firma.example").await;
    let r = app.post("/api/v1/tickets", json!({"subject": "Uzávierka", "description": "Mesačné výkazy", "requester_id": contact, "urgency": "urgent"})).await;
    let number = r.body["number"].as_str().unwrap().to_string();
    let before = app.counts().await;
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"urgency": "normal"}),
        )
        .await;
    assert_eq!(r.problem(422), ["reason"]);
    assert_eq!(
        app.counts().await,
        before,
        "a refused change writes nothing"
    );
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"urgency": "normal", "reason": "plánovateľná práca, nie porucha"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["urgency"], "normal");
    let h = app.get(&format!("/api/v1/tickets/{number}/history")).await;
    let e = h
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["field"] == "urgency")
        .unwrap()
        .clone();
    assert_eq!(
        (e["old_value"].as_str(), e["new_value"].as_str()),
        (Some("urgent"), Some("normal"))
    );
    assert_eq!(e["reason"], "plánovateľná práca, nie porucha");
    // raising needs no reason
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"urgency": "urgent"}),
        )
        .await;
    assert_eq!(r.status, 200);
}

async fn attachments_are_stored_once_and_downloaded(b: Backend) {
    use base64::Engine;
    let app = TestApp::spawn(b).await;
    let (_, contact, _) = app.customer("27082440", "petr@firma.example").await;
    let bytes: Vec<u8> = (0..5000u32).map(|i| (i % 251) as u8).collect();
    let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
    let r = app.post("/api/v1/tickets", json!({"subject": "Faktúra", "description": "v prílohe", "requester_id": contact,
        "attachments": [{"filename": "výpis ľščť.bin", "content_type": "application/octet-stream", "content_base64": b64},
                        {"filename": "kópia.bin", "content_base64": b64}]})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let files = r.body["articles"][0]["attachments"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["sha256"], files[1]["sha256"]);
    assert_eq!(files[0]["filename"], "výpis ľščť.bin");
    let res = app
        .client
        .get(format!(
            "{}/api/v1/attachments/{}",
            app.base, files[0]["id"]
        ))
        .bearer_auth(&app.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let disposition = res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.contains("filename*=UTF-8''v%C3%BDpis%20"),
        "{disposition}"
    );
    assert_eq!(res.bytes().await.unwrap().to_vec(), bytes);
    // stored once on disk
    let stored = walk(&app.app.config.data_dir.join("attachments"));
    assert_eq!(stored, 1);
    // over the limit (64 KiB in tests)
    let big = base64::engine::general_purpose::STANDARD.encode(vec![7u8; 70 * 1024]);
    let before = app.counts().await;
    let r = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Veľké", "description": "x", "requester_id": contact,
        "attachments": [{"filename": "big.bin", "content_base64": big}]}),
        )
        .await;
    assert_eq!(r.problem(422), ["attachments[0].content_base64"]);
    assert_eq!(app.counts().await, before);
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        walk(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

async fn list_filters_and_pages(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (org_a, contact_a, _) = app.customer("27082440", "a@firma.example").await;
    let (_, contact_b, _) = app.customer("35697270", "b@firma.example").await;
    for i in 0..5 {
        let c = if i < 3 { contact_a } else { contact_b };
        let r = app.post("/api/v1/tickets", json!({"subject": format!("T{i}"), "description": "d", "requester_id": c, "urgency": if i == 0 {"urgent"} else {"normal"}})).await;
        assert_eq!(r.status, 201);
    }
    let r = app
        .get(&format!("/api/v1/tickets?organization_id={org_a}"))
        .await;
    assert_eq!(r.body["total"], 3);
    let r = app.get("/api/v1/tickets?urgency=urgent").await;
    assert_eq!(r.body["total"], 1);
    let r = app.get("/api/v1/tickets?per_page=2&page=3").await;
    assert_eq!(r.body["total"], 5);
    assert_eq!(r.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(r.body["items"][0]["subject"], "T0");
    let r = app.get("/api/v1/tickets?status=open").await;
    assert_eq!(r.body["total"], 5);
    let r = app.get("/api/v1/tickets?status=nonsense").await;
    assert_eq!(r.problem(422), ["status"]);
}
