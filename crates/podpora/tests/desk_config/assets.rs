//! Assets, rights, contracts and hand-over dates through the configuration pages, and the
//! paging of long lists: refusals carry the API's message next to the field with the input
//! kept, saved changes land in the audit history, and a list of more than a page links on.

use crate::helpers::TestApp;
use crate::{signed_in, unescaped};
use serde_json::json;

/// The id at the end of a redirect such as `/desk/config/assets/7?saved=1`.
fn id_in(location: &str, prefix: &str) -> i64 {
    location
        .trim_start_matches(prefix)
        .trim_end_matches("?saved=1")
        .parse()
        .unwrap()
}

pub(crate) async fn an_asset_is_refused_with_its_input_kept_then_saved_and_a_right_granted_and_revoked(
    b: podpora_testkit::Backend,
) {
    let app = TestApp::spawn(b).await;
    let (org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let (mut br, _) = signed_in(&app, "admin@podpora.example", &["admin"]).await;
    let new = br
        .get(&format!("/desk/config/assets/new?organization={org}"))
        .await;
    assert_eq!(new.status, 200, "{}", new.body);
    assert!(
        new.body
            .contains(&format!("<option value=\"{org}\" selected>")),
        "{}",
        new.body
    );
    let csrf = br.csrf();
    let org_s = org.to_string();

    // The identifier the helper's asset has already: the API's message, next to the field.
    let taken = [
        ("csrf", csrf.as_str()),
        ("organization_id", org_s.as_str()),
        ("kind", "pbx"),
        ("identifier", "SN-35697270"),
        ("name", "Ústredňa na recepcii"),
    ];
    let before = app.counts().await;
    let refused = br.post("/desk/config/assets", &taken).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(app.counts().await, before, "a refused form wrote");
    let api = app
        .post(
            "/api/v1/assets",
            json!({"organization_id": org, "kind": "pbx", "identifier": "SN-35697270"}),
        )
        .await;
    assert_eq!(api.status, 422, "{}", api.body);
    assert_eq!(api.body["errors"][0]["field"], "identifier");
    let message = api.body["errors"][0]["message"].as_str().unwrap();
    let body = unescaped(&refused.body);
    let next_to_field = format!("<p class=\"error\" id=\"identifier-error\">{message}</p>");
    assert!(
        body.contains(&next_to_field),
        "{next_to_field} not in {body}"
    );
    assert!(body.contains("value=\"Ústredňa na recepcii\""), "{body}");
    assert!(body.contains("value=\"SN-35697270\""), "{body}");

    let mut fixed = taken;
    fixed[3] = ("identifier", "PBX-0042");
    let saved = br.post("/desk/config/assets", &fixed).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let location = saved.location.unwrap();
    let asset = id_in(&location, "/desk/config/assets/");
    let page = unescaped(&br.get(&location).await.body);
    assert!(page.contains("Uložené."), "{page}");
    assert!(page.contains("PBX-0042"), "{page}");
    assert!(
        page.contains("Na toto zariadenie sa zatiaľ nesmie pýtať nikto."),
        "{page}"
    );

    // The organization's list shows it; the organization's page links to it.
    let list = unescaped(
        &br.get(&format!("/desk/config/assets?organization={org}"))
            .await
            .body,
    );
    assert!(
        list.contains(&format!(
            "<a href=\"/desk/config/assets/{asset}\">PBX-0042</a>"
        )),
        "{list}"
    );
    let org_page = unescaped(
        &br.get(&format!("/desk/config/organizations/{org}"))
            .await
            .body,
    );
    assert!(
        org_page.contains(&format!("href=\"/desk/config/assets/{asset}\"")),
        "{org_page}"
    );

    // Granting: nobody chosen is refused next to the field; the contact chosen is saved.
    let here = format!("/desk/config/assets/{asset}");
    let form = br.get(&format!("{here}/rights")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body.contains(&format!("<option value=\"{contact}\"")),
        "{}",
        form.body
    );
    let refused = br
        .post(
            &format!("{here}/rights"),
            &[("csrf", csrf.as_str()), ("contact_id", "")],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("id=\"contact_id-error\""),
        "{}",
        refused.body
    );
    let contact_s = contact.to_string();
    let granted = br
        .post(
            &format!("{here}/rights"),
            &[("csrf", csrf.as_str()), ("contact_id", contact_s.as_str())],
        )
        .await;
    assert_eq!(granted.status, 303, "{}", granted.body);
    let api = app.get(&format!("/api/v1/assets/{asset}")).await;
    assert_eq!(api.body["contact_ids"], json!([contact]), "{}", api.body);
    let page = unescaped(&br.get(&here).await.body);
    assert!(page.contains("Ján Kováč"), "{page}");
    let revoke = format!("{here}/rights/{contact}/revoke");
    assert!(page.contains(&format!("action=\"{revoke}\"")), "{page}");

    // Revoking takes the right away; both changes are in the history with the agent's name.
    let revoked = br.post(&revoke, &[("csrf", csrf.as_str())]).await;
    assert_eq!(revoked.status, 303, "{}", revoked.body);
    let api = app.get(&format!("/api/v1/assets/{asset}")).await;
    assert_eq!(api.body["contact_ids"], json!([]), "{}", api.body);
    let page = unescaped(&br.get(&here).await.body);
    let granted_row = format!("<td>rights</td><td>–</td><td>contact:{contact}</td>");
    let revoked_row = format!("<td>rights</td><td>contact:{contact}</td><td>–</td>");
    assert!(page.contains(&granted_row), "{granted_row} not in {page}");
    assert!(page.contains(&revoked_row), "{revoked_row} not in {page}");

    // An edit refused (empty name) keeps the typed values; corrected, it is audited.
    let refused = br
        .post(
            &here,
            &[
                ("csrf", csrf.as_str()),
                ("kind", "pbx"),
                ("identifier", "PBX-0043"),
                ("name", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = unescaped(&refused.body);
    assert!(body.contains("id=\"name-error\""), "{body}");
    assert!(body.contains("value=\"PBX-0043\""), "{body}");
    let saved = br
        .post(
            &here,
            &[
                ("csrf", csrf.as_str()),
                ("kind", "pbx"),
                ("identifier", "PBX-0043"),
                ("name", "Ústredňa"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = unescaped(&br.get(&here).await.body);
    assert!(
        page.contains("<td>identifier</td><td>PBX-0042</td><td>PBX-0043</td>"),
        "{page}"
    );
}

pub(crate) async fn a_contract_needs_the_hand_over_date_then_is_made_and_ended(
    b: podpora_testkit::Backend,
) {
    let app = TestApp::spawn(b).await;
    let (org, _contact, asset) = app.customer("35697270", "jan@firma.sk").await;
    let plan = app
        .post(
            "/api/v1/plans",
            json!({"code": "care", "name": "Starostlivosť", "rank": 2, "handover_window_months": 3,
                "monthly_price": {"amount_minor": 4900, "currency": "EUR"}, "channels": [{"channel": "email"}]}),
        )
        .await;
    assert_eq!(plan.status, 201, "{}", plan.body);
    let plan = plan.body["id"].as_i64().unwrap().to_string();
    let (mut br, _) = signed_in(&app, "admin@podpora.example", &["admin"]).await;
    let org_page = format!("/desk/config/organizations/{org}");
    let page = unescaped(&br.get(&org_page).await.body);
    assert!(
        page.contains(&format!("href=\"{org_page}/contracts\"")),
        "{page}"
    );
    assert!(
        page.contains(&format!("href=\"{org_page}/handover\"")),
        "{page}"
    );
    br.get(&format!("{org_page}/contracts")).await;
    let csrf = br.csrf();

    // No hand-over recorded: the API's refusal, next to the first day, with the input kept.
    let typed = [
        ("csrf", csrf.as_str()),
        ("plan_id", plan.as_str()),
        ("asset_id", ""),
        ("starts_on", "2026-03-01"),
        ("ends_on", ""),
    ];
    let before = app.counts().await;
    let refused = br.post(&format!("{org_page}/contracts"), &typed).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(app.counts().await, before, "a refused form wrote");
    let api = app
        .post(
            "/api/v1/contracts",
            json!({"organization_id": org, "plan_id": plan.parse::<i64>().unwrap(), "starts_on": "2026-03-01"}),
        )
        .await;
    assert_eq!(api.status, 422, "{}", api.body);
    assert_eq!(api.body["errors"][0]["field"], "starts_on");
    let message = api.body["errors"][0]["message"].as_str().unwrap();
    let body = unescaped(&refused.body);
    let next_to_field = format!("<p class=\"error\" id=\"starts_on-error\">{message}</p>");
    assert!(
        body.contains(&next_to_field),
        "{next_to_field} not in {body}"
    );
    assert!(body.contains("value=\"2026-03-01\""), "{body}");
    assert!(
        body.contains(&format!("<option value=\"{plan}\" selected>")),
        "{body}"
    );

    // The hand-over date: a bad day is refused next to the field; a good one is saved.
    let asset_s = asset.to_string();
    let refused = br
        .post(
            &format!("{org_page}/handover"),
            &[
                ("csrf", csrf.as_str()),
                ("handed_over_on", "15. 2. 2026"),
                ("asset_id", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = unescaped(&refused.body);
    assert!(body.contains("id=\"handed_over_on-error\""), "{body}");
    assert!(body.contains("value=\"15. 2. 2026\""), "{body}");
    let saved = br
        .post(
            &format!("{org_page}/handover"),
            &[
                ("csrf", csrf.as_str()),
                ("handed_over_on", "2026-02-15"),
                ("asset_id", ""),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);

    // Now the contract is made; for one asset, a second one from a later day.
    let saved = br.post(&format!("{org_page}/contracts"), &typed).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let contracts = app
        .get(&format!("/api/v1/organizations/{org}/contracts"))
        .await;
    assert_eq!(
        contracts.body.as_array().unwrap().len(),
        1,
        "{}",
        contracts.body
    );
    let contract = contracts.body[0]["id"].as_i64().unwrap();
    let mut for_asset = typed;
    for_asset[2] = ("asset_id", asset_s.as_str());
    let saved = br.post(&format!("{org_page}/contracts"), &for_asset).await;
    assert_eq!(saved.status, 303, "{}", saved.body);

    // Ending it before its start is refused next to the field; a later day ends it.
    let end = format!("{org_page}/contracts/{contract}/end");
    let form = br.get(&end).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let refused = br
        .post(&end, &[("csrf", csrf.as_str()), ("ends_on", "2026-02-01")])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = unescaped(&refused.body);
    let next_to_field = "<p class=\"error\" id=\"ends_on-error\">must not be before the contract's start, 2026-03-01</p>";
    assert!(body.contains(next_to_field), "{body}");
    assert!(body.contains("value=\"2026-02-01\""), "{body}");
    let ended = br
        .post(&end, &[("csrf", csrf.as_str()), ("ends_on", "2026-12-31")])
        .await;
    assert_eq!(ended.status, 303, "{}", ended.body);
    let contracts = app
        .get(&format!("/api/v1/organizations/{org}/contracts"))
        .await;
    let ended = contracts
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == contract)
        .unwrap();
    assert_eq!(ended["ends_on"], "2026-12-31", "{}", contracts.body);

    // Every change is in the organization's history.
    let history = app
        .get(&format!("/api/v1/organizations/{org}/history"))
        .await;
    let fields: Vec<(&str, &str)> = history
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap(),
                e["new_value"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(fields.contains(&("handover", "2026-02-15")), "{fields:?}");
    assert!(
        fields.contains(&("plan", "care from 2026-03-01")),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("plan", "care from 2026-03-01 until 2026-12-31")),
        "{fields:?}"
    );
    let page = unescaped(&br.get(&org_page).await.body);
    assert!(
        page.contains("care from 2026-03-01 until 2026-12-31"),
        "{page}"
    );
}

pub(crate) async fn long_configuration_lists_are_paged_without_script(b: podpora_testkit::Backend) {
    let app = TestApp::spawn(b).await;
    for i in 0..52 {
        let o = app
            .post(
                "/api/v1/organizations",
                json!({"name": format!("Firma {i:02}"), "country": "SK"}),
            )
            .await;
        assert_eq!(o.status, 201, "{}", o.body);
        let org = o.body["id"].as_i64().unwrap();
        let c = app
            .post(
                "/api/v1/contacts",
                json!({"organization_id": org, "name": format!("Kontakt {i:02}"), "emails": [format!("k{i}@firma.sk")]}),
            )
            .await;
        assert_eq!(c.status, 201, "{}", c.body);
        let a = app
            .post(
                "/api/v1/assets",
                json!({"organization_id": org, "kind": "pbx", "identifier": format!("SN-{i:02}")}),
            )
            .await;
        assert_eq!(a.status, 201, "{}", a.body);
    }
    let (mut br, _) = signed_in(&app, "admin@podpora.example", &["admin"]).await;
    for list in [
        "/desk/config/organizations",
        "/desk/config/contacts",
        "/desk/config/assets",
    ] {
        let rows = |body: &str| body.matches("<tr>").count() - 1;
        let first = unescaped(&br.get(list).await.body);
        assert_eq!(rows(&first), 50, "{list}: {first}");
        assert!(first.contains("Strana 1 z 2"), "{list}: {first}");
        let next = format!("<a href=\"{list}?page=2\" rel=\"next\">Ďalšia strana</a>");
        assert!(first.contains(&next), "{list}: {first}");
        assert!(!first.contains("rel=\"prev\""), "{list}: {first}");
        let second = unescaped(&br.get(&format!("{list}?page=2")).await.body);
        assert_eq!(rows(&second), 2, "{list}: {second}");
        let prev = format!("<a href=\"{list}?page=1\" rel=\"prev\">Predchádzajúca strana</a>");
        assert!(second.contains(&prev), "{list}: {second}");
        assert!(!second.contains("rel=\"next\""), "{list}: {second}");
        // A page number that is no number shows the first page.
        let odd = br.get(&format!("{list}?page=x")).await;
        assert_eq!(odd.status, 200, "{list}");
    }
}
