//! Access rules tried as an attacker and as each role would: each leak found is reproduced here
//! and stays closed. Refusals never tell whether another organization's object exists, and a
//! refused request writes nothing, files included.

use crate::helpers::TestApp;
use base64::Engine;
use podpora_store::repo;
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::{Value, json};

crate::on_both!(
    a_customer_key_gets_no_internal_files_and_no_staff_mail,
    refusals_tell_nothing_of_another_organizations_objects,
    technicians_are_held_to_their_teams_in_the_queue_and_out_of_scope,
    billing_cannot_read_or_reprocess_raw_mail,
    media_types_are_parsed_and_downloads_never_break,
    refused_requests_store_no_files,
    one_line_texts_envelopes_and_the_last_administrator,
    a_public_reply_mails_its_files,
);

fn file(name: &str, content_type: &str, bytes: &[u8]) -> Value {
    json!({
        "filename": name,
        "content_type": content_type,
        "content_base64": base64::engine::general_purpose::STANDARD.encode(bytes),
    })
}

async fn open_ticket(app: &TestApp, body: Value) -> String {
    let t = app.post("/api/v1/tickets", body).await;
    assert_eq!(t.status, 201, "{}", t.body);
    t.body["number"].as_str().unwrap().to_string()
}

/// Files stored under the data directory (attachments and leftovers of interrupted writes).
fn stored_files(app: &TestApp) -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&app.data_dir().join("attachments"), &mut out);
    out
}

async fn a_customer_key_gets_no_internal_files_and_no_staff_mail(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (org, contact, _) = app.customer("27082440", "a@firma.example").await;
    let key = app.org_key(org).await;
    let n = open_ticket(
        &app,
        json!({"subject": "Ústredňa", "description": "nevolá", "requester_id": contact}),
    )
    .await;
    let note = app
        .post(
            &format!("/api/v1/tickets/{n}/articles"),
            json!({"kind": "internal_note", "body": "heslo k ústredni v prílohe",
                   "attachments": [file("heslo.txt", "text/plain", b"tajne")]}),
        )
        .await;
    assert_eq!(note.status, 201, "{}", note.body);
    let internal = note.body["attachments"][0]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("{}", note.body));
    assert_eq!(
        app.get(&format!("/api/v1/attachments/{internal}"))
            .await
            .status,
        200,
        "staff download it"
    );
    let r = app
        .call_as(
            Some(&key),
            Method::GET,
            &format!("/api/v1/attachments/{internal}"),
            None,
        )
        .await;
    r.problem(404);

    // A notice to staff about this ticket, as the SLA scheduler writes it.
    {
        let mut tx = app.app.db.begin().await.unwrap();
        let ticket_id = repo::tickets::get_by_number(&mut tx, &n).await.unwrap().id;
        repo::mail::enqueue(
            &mut tx,
            &repo::mail::NewOutbound {
                ticket_id: Some(ticket_id),
                article_id: None,
                purpose: "sla_breach",
                automatic: true,
                message_id: "breach.1@support.test",
                mail_from: "support@support.test",
                recipient: "lead@podpora.example",
                subject: "SLA breach",
                raw: b"Subject: SLA breach\r\n\r\nx\r\n",
                now: 1,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    let staff: Vec<String> = purposes(&app.get(&format!("/api/v1/tickets/{n}/mail")).await.body);
    assert!(staff.contains(&"sla_breach".to_string()), "{staff:?}");
    let theirs = app
        .call_as(
            Some(&key),
            Method::GET,
            &format!("/api/v1/tickets/{n}/mail"),
            None,
        )
        .await;
    assert_eq!(theirs.status, 200, "{}", theirs.body);
    let seen = purposes(&theirs.body);
    assert!(!seen.iter().any(|p| p.starts_with("sla_")), "{seen:?}");
    assert!(
        !theirs.body.to_string().contains("lead@podpora.example"),
        "{}",
        theirs.body
    );
}

fn purposes(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|m| m["purpose"].as_str().unwrap().to_string())
        .collect()
}

async fn refusals_tell_nothing_of_another_organizations_objects(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (org_a, contact_a, _) = app.customer("27082440", "a@firma.example").await;
    let (_, contact_b, asset_b) = app.customer("35697270", "b@firma.example").await;
    let key = app.org_key(org_a).await;
    let theirs = open_ticket(
        &app,
        json!({"subject": "B", "description": "b", "requester_id": contact_b,
               "attachments": [file("b.txt", "text/plain", b"b")]}),
    )
    .await;
    let their_file = app.get(&format!("/api/v1/tickets/{theirs}")).await.body["articles"][0]
        ["attachments"][0]["id"]
        .as_i64()
        .unwrap();

    // Another organization's asset reads like one that does not exist.
    let foreign = app.call_as(Some(&key), Method::POST, "/api/v1/tickets",
        Some(json!({"subject": "x", "description": "y", "requester_id": contact_a, "asset_id": asset_b}))).await;
    let missing = app.call_as(Some(&key), Method::POST, "/api/v1/tickets",
        Some(json!({"subject": "x", "description": "y", "requester_id": contact_a, "asset_id": asset_b + 1000}))).await;
    assert_eq!(foreign.problem(422), ["asset_id"]);
    let said = foreign.body["errors"][0]["message"].as_str().unwrap();
    assert!(
        !said.contains("SN-35697270") && !said.contains("Ján"),
        "{said}"
    );
    assert_eq!(
        said.replace(&asset_b.to_string(), "N"),
        missing.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .replace(&(asset_b + 1000).to_string(), "N")
    );

    // Another organization's contact reads like one that does not exist.
    let foreign = app
        .call_as(
            Some(&key),
            Method::POST,
            "/api/v1/tickets",
            Some(json!({"subject": "x", "description": "y", "requester_id": contact_b})),
        )
        .await;
    let missing = app
        .call_as(
            Some(&key),
            Method::POST,
            "/api/v1/tickets",
            Some(json!({"subject": "x", "description": "y", "requester_id": 999_999})),
        )
        .await;
    assert_eq!(foreign.problem(422), ["requester_id"]);
    assert_eq!(
        foreign.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .replace(&contact_b.to_string(), "N"),
        missing.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .replace("999999", "N")
    );

    // An attachment of another organization's ticket reads like one that does not exist, and
    // no refusal names the ticket.
    let foreign = app
        .call_as(
            Some(&key),
            Method::GET,
            &format!("/api/v1/attachments/{their_file}"),
            None,
        )
        .await;
    let missing = app
        .call_as(Some(&key), Method::GET, "/api/v1/attachments/999999", None)
        .await;
    foreign.problem(404);
    missing.problem(404);
    assert!(
        !foreign.body.to_string().contains(&theirs),
        "{}",
        foreign.body
    );
    assert_eq!(
        foreign.body["detail"]
            .as_str()
            .unwrap()
            .replace(&their_file.to_string(), "N"),
        missing.body["detail"]
            .as_str()
            .unwrap()
            .replace("999999", "N")
    );
    // Originals are for staff: another organization's article and a missing one get the same
    // refusal, which names neither.
    let article = app.get(&format!("/api/v1/tickets/{theirs}")).await.body["articles"][0]["id"]
        .as_i64()
        .unwrap();
    let mut answers = Vec::new();
    for id in [article, 999_999] {
        let path = format!("/api/v1/articles/{id}/original");
        answers.push(app.call_as(Some(&key), Method::GET, &path, None).await);
    }
    let (foreign, missing) = (&answers[0], &answers[1]);
    foreign.problem(403);
    missing.problem(403);
    assert!(!foreign.body.to_string().contains(&theirs));
    assert_eq!(foreign.body["detail"], missing.body["detail"]);
}

async fn technicians_are_held_to_their_teams_in_the_queue_and_out_of_scope(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_, contact, _) = app.customer("27082440", "a@firma.example").await;
    let support = app
        .post("/api/v1/teams", json!({"name": "Support"}))
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let sales = app
        .post("/api/v1/teams", json!({"name": "Sales"}))
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let (tech, token) = app
        .agent_token("t@podpora.example", &["technician"], &[support])
        .await;
    let ours = open_ticket(
        &app,
        json!({"subject": "Naša", "description": "s", "requester_id": contact, "team_id": support}),
    )
    .await;
    let theirs = open_ticket(
        &app,
        json!({"subject": "Cudzia", "description": "p", "requester_id": contact, "team_id": sales}),
    )
    .await;
    let mine = open_ticket(&app, json!({"subject": "Moja", "description": "p", "requester_id": contact, "team_id": sales, "assignee_id": tech})).await;

    let all = app.get("/api/v1/queue").await;
    assert_eq!(all.body.as_array().unwrap().len(), 3, "{}", all.body);
    let q = app
        .call_as(Some(&token), Method::GET, "/api/v1/queue", None)
        .await;
    assert_eq!(q.status, 200, "{}", q.body);
    let mut numbers: Vec<&str> = q
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["number"].as_str().unwrap())
        .collect();
    numbers.sort();
    let mut expected = vec![ours.as_str(), mine.as_str()];
    expected.sort();
    assert_eq!(numbers, expected);
    assert!(!q.body.to_string().contains("Cudzia"));

    let item = app
        .post(
            "/api/v1/scope-items",
            json!({"code": "hw", "title": "Hardvér", "answers": {"sk": "Nie", "cs": "Ne", "pl": "Nie", "en": "No"}}),
        )
        .await;
    assert_eq!(item.status, 201, "{}", item.body);
    let item = item.body["id"].as_i64().unwrap();
    let before = app.counts().await;
    app.call_as(
        Some(&token),
        Method::POST,
        &format!("/api/v1/tickets/{theirs}/out-of-scope"),
        Some(json!({"scope_item_id": item})),
    )
    .await
    .problem(404);
    assert_eq!(app.counts().await, before, "a refusal writes nothing");
    let ok = app
        .call_as(
            Some(&token),
            Method::POST,
            &format!("/api/v1/tickets/{ours}/out-of-scope"),
            Some(json!({"scope_item_id": item})),
        )
        .await;
    assert_eq!(ok.status, 201, "{}", ok.body);
}

async fn billing_cannot_read_or_reprocess_raw_mail(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_, token) = app
        .agent_token("billing@podpora.example", &["billing"], &[])
        .await;
    let (_, dispatcher) = app
        .agent_token("d@podpora.example", &["dispatcher"], &[])
        .await;
    let raw = "From: nobody@unknown.example\r\nTo: support@support.test\r\nSubject: hi\r\nMessage-ID: <x1@unknown.example>\r\n\r\nhello\r\n";
    let sent = app
        .client
        .post(format!(
            "{}/api/v1/mail/inbound?sender=nobody@unknown.example&recipient=support@support.test",
            app.base
        ))
        .bearer_auth(&app.token)
        .header("content-type", "message/rfc822")
        .body(raw)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 202);
    let id = sent.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    for (method, path) in [
        (Method::GET, "/api/v1/mail/inbound".to_string()),
        (Method::GET, format!("/api/v1/mail/inbound/{id}")),
        (Method::GET, format!("/api/v1/mail/inbound/{id}/raw")),
        (Method::POST, format!("/api/v1/mail/inbound/{id}/reprocess")),
        (Method::GET, "/api/v1/mail/outbox".to_string()),
    ] {
        let before = app.counts().await;
        let r = app.call_as(Some(&token), method.clone(), &path, None).await;
        r.problem(403);
        assert_eq!(app.counts().await, before, "{method} {path}");
        let d = app
            .call_as(Some(&dispatcher), Method::GET, "/api/v1/mail/inbound", None)
            .await;
        assert_eq!(d.status, 200, "dispatchers keep it: {}", d.body);
    }
}

async fn media_types_are_parsed_and_downloads_never_break(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_, contact, _) = app.customer("27082440", "a@firma.example").await;
    let before = app.counts().await;
    for bad in [
        "text/plain\r\nX-Evil: 1",
        "text/plain\nSet-Cookie: a=b",
        "not a type",
        "text/",
    ] {
        let r = app
            .post(
                "/api/v1/tickets",
                json!({"subject": "s", "description": "d", "requester_id": contact,
                       "attachments": [file("a.txt", bad, b"a")]}),
            )
            .await;
        assert_eq!(r.problem(422), ["attachments[0].content_type"], "{bad:?}");
    }
    assert_eq!(app.counts().await, before);
    let n = open_ticket(
        &app,
        json!({"subject": "s", "description": "d", "requester_id": contact,
               "attachments": [file("a.pdf", " Application/PDF; name=\"a.pdf\"", b"%PDF")]}),
    )
    .await;
    let t = app.get(&format!("/api/v1/tickets/{n}")).await;
    let a = &t.body["articles"][0]["attachments"][0];
    assert_eq!(a["content_type"], "application/pdf");
    let id = a["id"].as_i64().unwrap();
    // A value stored before the check (or written by hand) must not break the download.
    {
        use podpora_store::Tx;
        let mut tx = app.app.db.begin().await.unwrap();
        let bad = "text/plain\r\nX: y";
        let sql = "UPDATE attachments SET content_type = $1 WHERE id = $2";
        let changed = match &mut tx {
            Tx::Sqlite(t) => sqlx::query(sql)
                .bind(bad)
                .bind(id)
                .execute(&mut **t)
                .await
                .unwrap()
                .rows_affected(),
            Tx::Postgres(t) => sqlx::query(sql)
                .bind(bad)
                .bind(id)
                .execute(&mut **t)
                .await
                .unwrap()
                .rows_affected(),
            _ => unreachable!("begin gives a transaction"),
        };
        assert_eq!(changed, 1);
        tx.commit().await.unwrap();
    }
    let r = app
        .client
        .get(format!("{}/api/v1/attachments/{id}", app.base))
        .bearer_auth(&app.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"%PDF");
}

async fn refused_requests_store_no_files(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (org_a, contact_a, _) = app.customer("27082440", "a@firma.example").await;
    let (_, contact_b, _) = app.customer("35697270", "b@firma.example").await;
    let key = app.org_key(org_a).await;
    let theirs = open_ticket(
        &app,
        json!({"subject": "B", "description": "b", "requester_id": contact_b}),
    )
    .await;
    let files_before = stored_files(&app);
    let big = file("a.bin", "application/octet-stream", &[7u8; 1000]);
    // a foreign requester (422), a foreign ticket (404), a bad field beside a good file (422)
    app.call_as(Some(&key), Method::POST, "/api/v1/tickets",
        Some(json!({"subject": "x", "description": "y", "requester_id": contact_b, "attachments": [big.clone()]}))).await.problem(422);
    app.call_as(
        Some(&key),
        Method::POST,
        &format!("/api/v1/tickets/{theirs}/articles"),
        Some(json!({"body": "y", "attachments": [big.clone()]})),
    )
    .await
    .problem(404);
    app.post(
        "/api/v1/tickets",
        json!({"subject": "x", "description": "y", "requester_id": contact_a,
        "asset_id": 999_999, "attachments": [big.clone()]}),
    )
    .await
    .problem(422);
    app.post(
        "/api/v1/tickets",
        json!({"subject": "x", "description": "y", "requester_id": contact_a,
        "urgency": "whenever", "attachments": [big.clone()]}),
    )
    .await
    .problem(422);
    assert_eq!(stored_files(&app), files_before, "refusals leave no file");
    // an accepted one stores it
    app.call_as(Some(&key), Method::POST, "/api/v1/tickets",
        Some(json!({"subject": "x", "description": "y", "requester_id": contact_a, "attachments": [big]}))).await;
    assert_eq!(stored_files(&app).len(), files_before.len() + 1);
}

async fn one_line_texts_envelopes_and_the_last_administrator(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_, contact, _) = app.customer("27082440", "a@firma.example").await;
    let before = app.counts().await;
    for bad in [
        "a\u{2028}b",
        "a\u{85}b",
        "a\u{0}b",
        "a\u{0B}b",
        "a\u{0C}b",
        "a\u{2029}b",
    ] {
        let r = app
            .post(
                "/api/v1/tickets",
                json!({"subject": bad, "description": "d", "requester_id": contact}),
            )
            .await;
        assert_eq!(r.problem(422), ["subject"], "{bad:?}");
    }
    assert_eq!(app.counts().await, before);

    for (sender, recipient, field) in [
        ("not an address", "support@support.test", "sender"),
        (
            "a@firma.example",
            "support@support.test\r\nX",
            "recipient[0]",
        ),
        ("a@firma.example", "nobody", "recipient[0]"),
    ] {
        let r = app
            .client
            .post(format!(
                "{}/api/v1/mail/inbound?sender={}&recipient={}",
                app.base,
                urlencode(sender),
                urlencode(recipient)
            ))
            .bearer_auth(&app.token)
            .header("content-type", "message/rfc822")
            .body("Subject: x\r\n\r\ny\r\n")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 422, "{sender:?} {recipient:?}");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["errors"][0]["field"], field, "{body}");
    }
    assert_eq!(app.counts().await, before, "refused mail is not stored");

    // The only administrator cannot remove their own role or deactivate themselves.
    let me = app.get("/api/v1/agents").await.body.as_array().unwrap()[0]["id"]
        .as_i64()
        .unwrap();
    let r = app
        .patch(
            &format!("/api/v1/agents/{me}"),
            json!({"roles": ["dispatcher"]}),
        )
        .await;
    r.problem(409);
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("last active administrator")
    );
    app.patch(&format!("/api/v1/agents/{me}"), json!({"active": false}))
        .await
        .problem(409);
    // With a second administrator, it is allowed.
    app.agent_token("admin2@podpora.example", &["admin"], &[])
        .await;
    let r = app
        .patch(
            &format!("/api/v1/agents/{me}"),
            json!({"roles": ["dispatcher"]}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

async fn a_public_reply_mails_its_files(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_, contact, _) = app.customer("27082440", "a@firma.example").await;
    let n = open_ticket(
        &app,
        json!({"subject": "Výpis", "description": "pošlite výpis", "requester_id": contact}),
    )
    .await;
    let r = app
        .post(
            &format!("/api/v1/tickets/{n}/articles"),
            json!({"kind": "public_reply", "body": "V prílohe výpis hovorov.",
                   "attachments": [file("výpis.pdf", "application/pdf", b"%PDF-1.4 hovory")]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let mail = app.get(&format!("/api/v1/tickets/{n}/mail")).await;
    let reply = mail
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["purpose"] == "agent_reply")
        .unwrap_or_else(|| panic!("no reply mail: {}", mail.body));
    let mut tx = app.app.db.read().await.unwrap();
    let (_, raw) = repo::mail::outbox_raw(&mut tx, reply["id"].as_i64().unwrap())
        .await
        .unwrap();
    let m = podpora_mailproto::parse(&raw, &Default::default()).unwrap();
    assert!(m.text_body.contains("V prílohe výpis hovorov."));
    assert_eq!(m.attachments.len(), 1);
    assert_eq!(m.attachments[0].file_name, "výpis.pdf");
    assert_eq!(m.attachments[0].content_type, "application/pdf");
    assert_eq!(m.attachments[0].data, b"%PDF-1.4 hovory");
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_@".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
