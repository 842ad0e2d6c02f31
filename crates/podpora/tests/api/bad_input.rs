//! Every bad input gets problem+json with a 4xx status, and the database is unchanged.

use crate::helpers::TestApp;
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;

crate::on_both!(
    description_limit_counts_characters_not_bytes,
    invalid_company_ids_name_the_failed_check,
    unknown_references_are_4xx_never_500,
    malformed_and_oversized_json_is_4xx,
    illegal_transitions_are_refused,
    missing_or_wrong_credentials_are_401,
);

async fn description_limit_counts_characters_not_bytes(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_, contact, _) = app.customer("27082440", "petr@firma.example").await;
    let before = app.counts().await;
    let long = "ľščťžýáíé".repeat(889); // 8,001 characters, 16,002 bytes
    assert_eq!(long.chars().count(), 8001);
    let r = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Dlhý popis", "description": long, "requester_id": contact}),
        )
        .await;
    assert_eq!(r.problem(422), ["description"]);
    let msg = r.body["errors"][0]["message"].as_str().unwrap();
    assert!(msg.contains("8001") && msg.contains("8000"), "{msg}");
    assert_eq!(app.counts().await, before);
    let exact: String = long.chars().take(8000).collect();
    let r = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Presne", "description": exact, "requester_id": contact}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
}

async fn invalid_company_ids_name_the_failed_check(b: Backend) {
    let app = TestApp::spawn(b).await;
    let before = app.counts().await;
    let r = app
        .post(
            "/api/v1/organizations",
            json!({"name": "Firma", "country": "CZ", "ico": "27082441"}),
        )
        .await;
    assert_eq!(r.problem(422), ["ico"]);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("mod-11")
    );
    let r = app
        .post(
            "/api/v1/organizations",
            json!({"name": "Firma", "country": "PL", "nip": "8567346216"}),
        )
        .await;
    assert_eq!(r.problem(422), ["nip"]);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("weighted mod-11")
    );
    let r = app
        .post(
            "/api/v1/organizations",
            json!({"name": "", "country": "Slovakia", "vat_id": "SK123"}),
        )
        .await;
    assert_eq!(r.problem(422), ["name", "country", "vat_id"]);
    let r = app
        .post(
            "/api/v1/organizations",
            json!({"name": "Firma", "country": "PL", "ico": "27082440"}),
        )
        .await;
    assert_eq!(r.problem(422), ["ico"]);
    assert_eq!(app.counts().await, before);
    // a duplicate IČO is a field error too
    assert_eq!(
        app.post(
            "/api/v1/organizations",
            json!({"name": "A", "country": "CZ", "ico": "27082440"})
        )
        .await
        .status,
        201
    );
    let mid = app.counts().await;
    let r = app
        .post(
            "/api/v1/organizations",
            json!({"name": "B", "country": "CZ", "ico": "27 08 24 40"}),
        )
        .await;
    assert_eq!(r.problem(422), ["ico"]);
    assert_eq!(app.counts().await, mid);
}

async fn unknown_references_are_4xx_never_500(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (org, contact, _) = app.customer("27082440", "petr@firma.example").await;
    let before = app.counts().await;
    let r = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "x", "description": "y", "requester_id": 999}),
        )
        .await;
    assert_eq!(r.problem(422), ["requester_id"]);
    let r = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "x", "description": "y", "requester_id": contact, "asset_id": 999}),
        )
        .await;
    assert_eq!(r.problem(422), ["asset_id"]);
    let r = app.post("/api/v1/tickets", json!({"subject": "x", "description": "y", "requester_id": contact, "team_id": 999, "assignee_id": 999})).await;
    assert_eq!(r.problem(422), ["team_id"]);
    let r = app.post("/api/v1/tickets", json!({"subject": "x", "description": "y", "requester_email": "nobody@nowhere.example"})).await;
    assert_eq!(r.problem(422), ["requester_email"]);
    let r = app
        .post(
            "/api/v1/contacts",
            json!({"organization_id": 999, "name": "N", "emails": ["n@x.example"]}),
        )
        .await;
    assert_eq!(r.problem(422), ["organization_id"]);
    let r = app
        .post(
            "/api/v1/assets",
            json!({"organization_id": 999, "kind": "pbx", "identifier": "1"}),
        )
        .await;
    assert_eq!(r.problem(422), ["organization_id"]);
    assert_eq!(app.counts().await, before);
    app.get("/api/v1/tickets/2026-999999").await.problem(404);
    app.get("/api/v1/tickets/..%2F..%2Fetc").await.problem(404);
    app.get("/api/v1/organizations/abc").await.problem(404);
    app.get("/api/v1/organizations/424242").await.problem(404);
    app.get("/api/v1/nothing-here").await.problem(404);
    app.get("/api/v1/attachments/77").await.problem(404);
    let r = app
        .call(
            Method::DELETE,
            &format!("/api/v1/organizations/{org}"),
            None,
        )
        .await;
    r.problem(409);
    let r = app
        .patch("/api/v1/tickets/2026-999999", json!({"status": "resolved"}))
        .await;
    r.problem(404);
}

async fn malformed_and_oversized_json_is_4xx(b: Backend) {
    let app = TestApp::spawn(b).await;
    let before = app.counts().await;
    let send = |body: String, ct: &'static str| {
        let app = &app;
        async move {
            let res = app
                .client
                .post(format!("{}/api/v1/organizations", app.base))
                .bearer_auth(&app.token)
                .header("content-type", ct)
                .body(body)
                .send()
                .await
                .unwrap();
            (
                res.status().as_u16(),
                res.headers()["content-type"].to_str().unwrap().to_string(),
            )
        }
    };
    assert_eq!(
        send("{\"name\": ".into(), "application/json").await,
        (400, "application/problem+json".into())
    );
    assert_eq!(
        send(
            "{\"name\": 5, \"country\": \"SK\"}".into(),
            "application/json"
        )
        .await,
        (422, "application/problem+json".into())
    );
    assert_eq!(
        send(
            "{\"name\": \"A\", \"country\": \"SK\", \"bogus\": 1}".into(),
            "application/json"
        )
        .await,
        (422, "application/problem+json".into())
    );
    assert_eq!(
        send("name=A".into(), "text/plain").await,
        (415, "application/problem+json".into())
    );
    let huge = format!(
        "{{\"name\": \"{}\", \"country\": \"SK\"}}",
        "a".repeat(600 * 1024)
    );
    assert_eq!(
        send(huge, "application/json").await,
        (413, "application/problem+json".into())
    );
    let r = app.get("/api/v1/tickets?page=minus-one").await;
    r.problem(400);
    assert_eq!(app.counts().await, before);
}

async fn illegal_transitions_are_refused(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_, contact, _) = app.customer("27082440", "petr@firma.example").await;
    let number = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "x", "description": "y", "requester_id": contact}),
        )
        .await
        .body["number"]
        .as_str()
        .unwrap()
        .to_string();
    let before = app.counts().await;
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"status": "closed"}),
        )
        .await;
    assert_eq!(r.problem(422), ["status"]);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("acknowledged")
    );
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"status": "open"}),
        )
        .await;
    assert_eq!(r.problem(422), ["status"]);
    assert_eq!(app.counts().await, before);
    assert_eq!(
        app.get(&format!("/api/v1/tickets/{number}")).await.body["status"],
        "new"
    );
}

async fn missing_or_wrong_credentials_are_401(b: Backend) {
    let app = TestApp::spawn(b).await;
    let r = app
        .call_as(None, Method::GET, "/api/v1/tickets", None)
        .await;
    r.problem(401);
    let r = app
        .call_as(Some("pdp_nonsense"), Method::GET, "/api/v1/tickets", None)
        .await;
    r.problem(401);
    let r = app
        .call_as(
            None,
            Method::POST,
            "/api/v1/organizations",
            Some(json!({"name": "A", "country": "SK"})),
        )
        .await;
    r.problem(401);
}
