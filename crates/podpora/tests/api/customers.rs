use crate::helpers::TestApp;
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::{Value, json};

crate::on_both!(
    customers_contacts_assets_and_rights,
    contact_addresses_are_normalised_and_unique,
    agents_and_teams,
    a_team_lead_is_set_and_read_back,
);

async fn customers_contacts_assets_and_rights(b: Backend) {
    let app = TestApp::spawn(b).await;
    let o = app.post("/api/v1/organizations", json!({"name": "Naprawa Sp. z o.o.", "country": "pl", "nip": "856-734-62-15", "regon": "123456785", "vat_id": "PL8567346215"})).await;
    assert_eq!(o.status, 201, "{}", o.body);
    assert_eq!(o.body["nip"], "8567346215");
    assert_eq!(o.body["language"], "pl");
    let org = o.body["id"].as_i64().unwrap();
    let r = app
        .patch(
            &format!("/api/v1/organizations/{org}"),
            json!({"name": "Naprawa Komputerów Sp. z o.o.", "regon": null}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body["regon"].is_null());
    let h = app
        .get(&format!("/api/v1/organizations/{org}/history"))
        .await;
    let fields: Vec<_> = h
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["created", "name", "regon"]);

    let c1 = app.post("/api/v1/contacts", json!({"organization_id": org, "name": "Łukasz", "emails": ["lukasz@naprawa.example"], "phones": ["+48 22 123 45 67"]})).await;
    let c2 = app.post("/api/v1/contacts", json!({"organization_id": org, "name": "Ewa", "emails": ["ewa@naprawa.example", "ewa.private@naprawa.example"]})).await;
    assert_eq!((c1.status.as_u16(), c2.status.as_u16()), (201, 201));
    assert_eq!(
        c1.body["language"], "pl",
        "a contact takes its organization's language"
    );
    let (c1, c2) = (
        c1.body["id"].as_i64().unwrap(),
        c2.body["id"].as_i64().unwrap(),
    );
    let a = app.post("/api/v1/assets", json!({"organization_id": org, "kind": "licence", "identifier": "LIC-1", "contact_ids": [c1]})).await;
    assert_eq!(a.status, 201, "{}", a.body);
    let asset = a.body["id"].as_i64().unwrap();
    // Ewa has no rights to the asset: she may not open a request about it
    let r = app.post("/api/v1/tickets", json!({"subject": "Licencja", "description": "wygasła", "requester_id": c2, "asset_id": asset})).await;
    assert_eq!(r.problem(422), ["asset_id"]);
    let g = app
        .call(
            Method::PUT,
            &format!("/api/v1/assets/{asset}/rights/{c2}"),
            None,
        )
        .await;
    assert_eq!(g.status, 200);
    assert_eq!(g.body["contact_ids"], json!([c1, c2]));
    let r = app.post("/api/v1/tickets", json!({"subject": "Licencja", "description": "wygasła", "requester_id": c2, "asset_id": asset})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let r = app
        .call(
            Method::DELETE,
            &format!("/api/v1/assets/{asset}/rights/{c1}"),
            None,
        )
        .await;
    assert_eq!(r.body["contact_ids"], json!([c2]));
    let c = app.get(&format!("/api/v1/contacts/{c1}")).await;
    assert_eq!(c.body["asset_ids"], json!([]));
    let list = app
        .get(&format!("/api/v1/contacts?organization_id={org}"))
        .await;
    assert_eq!(list.body["total"], 2);
    // a contact of another organization cannot get rights to this asset
    let other = app
        .post(
            "/api/v1/organizations",
            json!({"name": "Other", "country": "SK"}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let stranger = app
        .post(
            "/api/v1/contacts",
            json!({"organization_id": other, "name": "S", "emails": ["s@other.example"]}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/assets/{asset}/rights/{stranger}"),
            None,
        )
        .await;
    assert_eq!(r.problem(422), ["contact_id"]);
}

async fn contact_addresses_are_normalised_and_unique(b: Backend) {
    let app = TestApp::spawn(b).await;
    let r = app
        .post(
            "/api/v1/contacts",
            json!({"name": "Jana", "emails": [" <Jana@Firma.SK> "]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["emails"], json!(["jana@firma.sk"]));
    let before = app.counts().await;
    let r = app
        .post(
            "/api/v1/contacts",
            json!({"name": "Jana 2", "emails": ["JANA@firma.sk"]}),
        )
        .await;
    assert_eq!(r.problem(422), ["emails"]);
    let r = app
        .post("/api/v1/contacts", json!({"name": "Nobody", "emails": []}))
        .await;
    assert_eq!(r.problem(422), ["emails"]);
    let r = app
        .post(
            "/api/v1/contacts",
            json!({"name": "Bad", "emails": ["not-an-address"], "phones": ["call me"]}),
        )
        .await;
    assert_eq!(r.problem(422), ["emails[0]", "phones[0]"]);
    assert_eq!(app.counts().await, before);
}

async fn agents_and_teams(b: Backend) {
    let app = TestApp::spawn(b).await;
    let t = app
        .post(
            "/api/v1/teams",
            json!({"name": "Logistics", "email": "logistika@firma.example"}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.body);
    let team = t.body["id"].as_i64().unwrap();
    let a = app.post("/api/v1/agents", json!({"email": "Tech@Firma.example", "name": "Technik", "roles": ["technician", "dispatcher"], "team_ids": [team], "password": "dlhe-heslo-123"})).await;
    assert_eq!(a.status, 201, "{}", a.body);
    assert_eq!(a.body["email"], "tech@firma.example");
    assert!(a.body.get("password_hash").is_none());
    let id = a.body["id"].as_i64().unwrap();
    let r = app
        .patch(
            &format!("/api/v1/agents/{id}"),
            json!({"roles": ["billing"], "active": false}),
        )
        .await;
    assert_eq!(r.body["roles"], json!(["billing"]));
    assert_eq!(
        app.get(&format!("/api/v1/teams/{team}")).await.body["member_ids"],
        json!([id])
    );
    let r = app.post("/api/v1/agents", json!({"email": "x@firma.example", "name": "X", "roles": ["boss"], "password": "short"})).await;
    assert_eq!(r.problem(422), ["roles[0]", "password"]);
    let r = app
        .post("/api/v1/teams", json!({"name": "Logistics"}))
        .await;
    assert_eq!(r.problem(422), ["name"]);
    // A team an SLA policy escalates to is refused with the policy's name, and stays.
    let escalations = app
        .post("/api/v1/teams", json!({"name": "Eskalácie"}))
        .await;
    let escalations = escalations.body["id"].as_i64().unwrap();
    let cal = app
        .post("/api/v1/calendars", json!({"name": "Office SK", "time_zone": "Europe/Bratislava", "hours": "mon-fri 08:00-16:00", "holidays": "SK"}))
        .await;
    assert_eq!(cal.status, 201, "{}", cal.body);
    let policy = app
        .post("/api/v1/sla-policies", json!({"name": "Standard", "calendar_id": cal.body["id"], "reaction": "4h", "first_answer": "8h", "resolution": "2bd", "escalate_team_id": escalations}))
        .await;
    assert_eq!(policy.status, 201, "{}", policy.body);
    let refused = app
        .call(
            Method::DELETE,
            &format!("/api/v1/teams/{escalations}"),
            None,
        )
        .await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    let detail = refused.body["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("SLA policy Standard escalates"), "{detail}");
    assert_eq!(
        app.get(&format!("/api/v1/teams/{escalations}"))
            .await
            .status,
        200
    );
    assert_eq!(
        app.call(Method::DELETE, &format!("/api/v1/teams/{team}"), None)
            .await
            .status,
        204
    );
}

async fn a_team_lead_is_set_and_read_back(b: Backend) {
    let app = TestApp::spawn(b).await;
    let agent = |email: &'static str, teams: Vec<i64>| {
        let app = &app;
        async move {
            let r = app.post("/api/v1/agents", json!({"email": email, "name": email, "roles": ["dispatcher"], "team_ids": teams})).await;
            assert_eq!(r.status, 201, "{}", r.body);
            r.body["id"].as_i64().unwrap()
        }
    };
    let lead = agent("veduca@firma.example", vec![]).await;
    let t = app
        .post(
            "/api/v1/teams",
            json!({"name": "Servis", "lead_agent_id": lead}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.body);
    assert_eq!(t.body["lead_agent_id"], lead);
    let id = t.body["id"].as_i64().unwrap();
    let got = app.get(&format!("/api/v1/teams/{id}")).await;
    assert_eq!(got.body["lead_agent_id"], lead);
    assert_eq!(
        got.body["member_ids"],
        json!([]),
        "a lead need not be a member"
    );
    let listed = app.get("/api/v1/teams").await;
    assert_eq!(listed.body[0]["lead_agent_id"], lead, "{}", listed.body);

    let before = app.counts().await;
    let put = |body: Value| {
        let path = format!("/api/v1/teams/{id}");
        let app = &app;
        async move { app.call(Method::PUT, &path, Some(body)).await }
    };
    let bad = put(json!({"name": "Servis", "lead_agent_id": 999})).await;
    assert_eq!(bad.problem(422), ["lead_agent_id"]);
    let bad = app
        .post(
            "/api/v1/teams",
            json!({"name": "Predaj", "lead_agent_id": 999}),
        )
        .await;
    assert_eq!(bad.problem(422), ["lead_agent_id"]);
    assert_eq!(app.counts().await, before, "nothing was written");
    assert_eq!(
        app.get(&format!("/api/v1/teams/{id}")).await.body["lead_agent_id"],
        lead
    );

    let other = agent("zastupca@firma.example", vec![id]).await;
    let r = put(json!({"name": "Servis", "lead_agent_id": other})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["lead_agent_id"], other);
    // PUT is the full new state: no lead given, no lead kept
    let r = put(json!({"name": "Servis"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body["lead_agent_id"].is_null(), "{}", r.body);
    assert!(app.get(&format!("/api/v1/teams/{id}")).await.body["lead_agent_id"].is_null());
}
