//! Who sees what.

use crate::helpers::TestApp;
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;

crate::on_both!(
    an_organization_key_sees_only_its_own_organization,
    roles_limit_what_agents_do
);

async fn an_organization_key_sees_only_its_own_organization(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (org_a, contact_a, _) = app.customer("27082440", "a@firma.example").await;
    let (_, contact_b, _) = app.customer("35697270", "b@firma.example").await;
    let k = app
        .post(
            &format!("/api/v1/organizations/{org_a}/api-keys"),
            json!({"name": "ERP"}),
        )
        .await;
    assert_eq!(k.status, 201, "{}", k.body);
    let key = k.body["token"].as_str().unwrap().to_string();
    let theirs = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "B", "description": "b", "requester_id": contact_b}),
        )
        .await
        .body["number"]
        .as_str()
        .unwrap()
        .to_string();

    let mine = app.call_as(Some(&key), Method::POST, "/api/v1/tickets", Some(json!({"subject": "Z aplikácie", "description": "Chyba pri uzávierke", "requester_id": contact_a}))).await;
    assert_eq!(mine.status, 201, "{}", mine.body);
    assert_eq!(mine.body["channel"], "api");
    assert_eq!(mine.body["articles"][0]["kind"], "portal_message");
    let mine = mine.body["number"].as_str().unwrap().to_string();
    // staff add an internal note the customer must not see
    app.post(
        &format!("/api/v1/tickets/{mine}/articles"),
        json!({"kind": "internal_note", "body": "interné"}),
    )
    .await;

    let before = app.counts().await;
    let r = app
        .call_as(
            Some(&key),
            Method::POST,
            "/api/v1/tickets",
            Some(json!({"subject": "x", "description": "y", "requester_id": contact_b})),
        )
        .await;
    assert_eq!(r.problem(422), ["requester_id"]);
    assert_eq!(app.counts().await, before);

    let list = app
        .call_as(Some(&key), Method::GET, "/api/v1/tickets", None)
        .await;
    assert_eq!(list.body["total"], 1);
    assert_eq!(list.body["items"][0]["number"], mine.as_str());
    app.call_as(
        Some(&key),
        Method::GET,
        &format!("/api/v1/tickets/{theirs}"),
        None,
    )
    .await
    .problem(404);
    let got = app
        .call_as(
            Some(&key),
            Method::GET,
            &format!("/api/v1/tickets/{mine}"),
            None,
        )
        .await;
    assert_eq!(
        got.body["articles"].as_array().unwrap().len(),
        1,
        "internal notes are hidden"
    );
    app.call_as(Some(&key), Method::GET, "/api/v1/organizations", None)
        .await
        .problem(403);
    app.call_as(
        Some(&key),
        Method::PATCH,
        &format!("/api/v1/tickets/{mine}"),
        Some(json!({"status": "resolved"})),
    )
    .await
    .problem(403);
    let msg = app
        .call_as(
            Some(&key),
            Method::POST,
            &format!("/api/v1/tickets/{mine}/articles"),
            Some(json!({"body": "doplnenie"})),
        )
        .await;
    assert_eq!(msg.status, 201);
    assert_eq!(msg.body["author_contact_id"], contact_a);
}

async fn roles_limit_what_agents_do(b: Backend) {
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
    let tech = app.post("/api/v1/agents", json!({"email": "t@podpora.example", "name": "T", "roles": ["technician"], "team_ids": [support]})).await.body["id"].as_i64().unwrap();
    let token = app
        .post(&format!("/api/v1/agents/{tech}/tokens"), json!({}))
        .await
        .body["token"]
        .as_str()
        .unwrap()
        .to_string();
    let in_support = app.post("/api/v1/tickets", json!({"subject": "S", "description": "s", "requester_id": contact, "team_id": support})).await.body["number"].as_str().unwrap().to_string();
    let in_sales = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "P", "description": "p", "requester_id": contact, "team_id": sales}),
        )
        .await
        .body["number"]
        .as_str()
        .unwrap()
        .to_string();
    let list = app
        .call_as(Some(&token), Method::GET, "/api/v1/tickets", None)
        .await;
    assert_eq!(list.body["total"], 1);
    assert_eq!(list.body["items"][0]["number"], in_support.as_str());
    app.call_as(
        Some(&token),
        Method::GET,
        &format!("/api/v1/tickets/{in_sales}"),
        None,
    )
    .await
    .problem(404);
    let r = app
        .call_as(
            Some(&token),
            Method::PATCH,
            &format!("/api/v1/tickets/{in_support}"),
            Some(json!({"status": "in_progress"})),
        )
        .await;
    assert_eq!(r.status, 200);
    app.call_as(
        Some(&token),
        Method::POST,
        "/api/v1/organizations",
        Some(json!({"name": "A", "country": "SK"})),
    )
    .await
    .problem(403);
    app.call_as(
        Some(&token),
        Method::POST,
        "/api/v1/agents",
        Some(json!({"email": "x@y.example", "name": "x", "roles": ["admin"]})),
    )
    .await
    .problem(403);
    // a deactivated agent's token stops working
    app.patch(&format!("/api/v1/agents/{tech}"), json!({"active": false}))
        .await;
    app.call_as(Some(&token), Method::GET, "/api/v1/tickets", None)
        .await
        .problem(401);
}
