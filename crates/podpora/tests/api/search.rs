//! Search through the API: diacritics-blind words, exact values, what each caller may find,
//! and clear refusals of queries with nothing to look for.

use crate::helpers::TestApp;
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::{Value, json};

crate::on_both!(
    words_are_found_without_diacritics_with_the_match_marked,
    each_caller_finds_only_what_they_may_see,
    exact_values_and_bad_queries,
);

/// Searches as `token`; returns the reply's body.
async fn search(app: &TestApp, token: &str, q: &str) -> Value {
    let path = format!("/api/v1/search?q={}", urlencode(q));
    let r = app.call_as(Some(token), Method::GET, &path, None).await;
    assert_eq!(r.status, 200, "{q}: {}", r.body);
    r.body
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn numbers(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["number"].as_str().unwrap().to_string())
        .collect()
}

fn marked(hit: &Value) -> Vec<String> {
    hit["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["hit"] == true)
        .map(|p| p["text"].as_str().unwrap().to_string())
        .collect()
}

async fn ticket(app: &TestApp, body: Value) -> String {
    let t = app.post("/api/v1/tickets", body).await;
    assert_eq!(t.status, 201, "{}", t.body);
    t.body["number"].as_str().unwrap().to_string()
}

async fn words_are_found_without_diacritics_with_the_match_marked(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_, contact, _) = app.customer("27082440", "jana@firma.example").await;
    let lodz = ticket(&app, json!({"subject": "Pobočka Łódź nefunguje", "description": "Ústredňa mlčí.", "requester_id": contact})).await;
    let kun = ticket(&app, json!({"subject": "Kone", "description": "Máme žlutý kůň\na ľadový řetěz.", "requester_id": contact})).await;
    let admin = app.token.clone();

    let found = search(&app, &admin, "lodz").await;
    assert_eq!(numbers(&found), std::slice::from_ref(&lodz));
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["matched_in"], "subject");
    assert_eq!(marked(&found["items"][0]), ["Łódź"]);

    let found = search(&app, &admin, "zluty kun").await;
    assert_eq!(numbers(&found), std::slice::from_ref(&kun));
    let hit = &found["items"][0];
    assert_eq!(hit["matched_in"], "article");
    assert!(hit["article_id"].as_i64().is_some());
    assert_eq!(marked(hit), ["žlutý", "kůň"]);
    let text: String = hit["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(text, "Máme žlutý kůň a ľadový řetěz.");

    assert_eq!(numbers(&search(&app, &admin, "LADOVY retez").await), [kun]);
    assert_eq!(search(&app, &admin, "nic také").await["total"], 0);
}

async fn each_caller_finds_only_what_they_may_see(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (org_a, contact_a, _) = app.customer("27082440", "a@firma.example").await;
    let (org_b, contact_b, _) = app.customer("35697270", "b@firma.example").await;
    let team = app
        .post("/api/v1/teams", json!({"name": "Servis"}))
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let (_, inside) = app
        .agent_token("t@podpora.example", &["technician"], &[team])
        .await;
    let (_, outside) = app
        .agent_token("u@podpora.example", &["technician"], &[])
        .await;
    let a = ticket(&app, json!({"subject": "Kamera v Łodzi", "description": "nejde", "requester_id": contact_a, "team_id": team})).await;
    let b = ticket(
        &app,
        json!({"subject": "Kamera v Łodzi", "description": "nejde", "requester_id": contact_b}),
    )
    .await;
    let note = app
        .post(
            &format!("/api/v1/tickets/{a}/articles"),
            json!({"kind": "internal_note", "body": "Zákazník dlží za Kraków"}),
        )
        .await;
    assert_eq!(note.status, 201, "{}", note.body);
    let key_a = app.org_key(org_a).await;
    let key_b = app.org_key(org_b).await;
    let admin = app.token.clone();

    let mut both = numbers(&search(&app, &admin, "lodzi").await);
    both.sort();
    assert_eq!(both, [a.clone(), b.clone()]);
    assert_eq!(
        numbers(&search(&app, &key_a, "lodzi").await),
        std::slice::from_ref(&a)
    );
    assert_eq!(
        numbers(&search(&app, &key_b, "lodzi").await),
        std::slice::from_ref(&b)
    );
    assert_eq!(
        numbers(&search(&app, &inside, "lodzi").await),
        std::slice::from_ref(&a)
    );
    assert_eq!(search(&app, &outside, "lodzi").await["total"], 0);

    // The internal note: staff find it, the customer never does, not even by its ticket.
    let found = search(&app, &admin, "dlzi").await;
    assert_eq!(numbers(&found), std::slice::from_ref(&a));
    assert_eq!(
        found["items"][0]["matched_in"], "note",
        "a note is named one"
    );
    assert!(found["items"][0]["article_id"].as_i64().is_some());
    assert_eq!(search(&app, &key_a, "krakow").await["total"], 0);
    assert_eq!(search(&app, &key_a, "dlzi").await["total"], 0);
    // Another organization's ticket is not found by its number, address or company id.
    for q in [a.as_str(), "a@firma.example", "27082440"] {
        assert_eq!(search(&app, &key_b, q).await["total"], 0, "{q}");
    }
}

async fn exact_values_and_bad_queries(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_, contact, _) = app.customer("27082440", "jana@firma.example").await;
    let first = ticket(
        &app,
        json!({"subject": "Prvá", "description": "x", "requester_id": contact}),
    )
    .await;
    let second = ticket(
        &app,
        json!({"subject": "Druhá", "description": "x", "requester_id": contact}),
    )
    .await;
    let admin = app.token.clone();

    let found = search(&app, &admin, &format!("#{first}")).await;
    assert_eq!(numbers(&found), std::slice::from_ref(&first));
    assert_eq!(found["items"][0]["matched_in"], "number");
    let found = search(&app, &admin, "Jana@Firma.example").await;
    assert_eq!(
        numbers(&found),
        [second.clone(), first.clone()],
        "newest first"
    );
    assert_eq!(found["items"][0]["matched_in"], "email");
    let found = search(&app, &admin, "270 82 440").await;
    assert_eq!(numbers(&found), [second.clone(), first.clone()]);
    assert_eq!(found["items"][0]["matched_in"], "company_id");
    let paged = app.get("/api/v1/search?q=27082440&per_page=1&page=2").await;
    assert_eq!(numbers(&paged.body), [first]);
    assert_eq!(
        (paged.body["total"].as_i64(), paged.body["page"].as_i64()),
        (Some(2), Some(2))
    );

    assert_eq!(app.get("/api/v1/search?q=%20").await.problem(422), ["q"]);
    assert_eq!(app.get("/api/v1/search?q=%21%3F").await.problem(422), ["q"]);
    let long = "a".repeat(201);
    assert_eq!(
        app.get(&format!("/api/v1/search?q={long}"))
            .await
            .problem(422),
        ["q"]
    );
    app.get("/api/v1/search").await.problem(400);
    let r = app
        .call_as(None, Method::GET, "/api/v1/search?q=x", None)
        .await;
    r.problem(401);
}
