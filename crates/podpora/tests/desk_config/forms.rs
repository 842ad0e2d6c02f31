//! Forms round trip: a refusal shows the API's own message next to its field with the input
//! kept; a corrected form saves, and the change is in the audit history with the agent's name.

use crate::helpers::TestApp;
use crate::{signed_in, unescaped};
use serde_json::json;

pub(crate) async fn a_refused_organization_keeps_its_input_and_a_fixed_one_is_audited(
    b: podpora_testkit::Backend,
) {
    let app = TestApp::spawn(b).await;
    let (mut br, me) = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    br.get("/desk/config/organizations/new").await;
    let csrf = br.csrf();
    let typed = [
        ("csrf", csrf.as_str()),
        ("name", "Elektro Žilina s.r.o."),
        ("country", "SK"),
        ("language", ""),
        ("price_level", "standard"),
        ("ico", "35697271"),
        ("nip", ""),
        ("regon", ""),
        ("vat_id", ""),
        ("address", "Hlavná 1\n010 01 Žilina"),
        ("billing_email", ""),
    ];
    let before = app.counts().await;
    let refused = br.post("/desk/config/organizations", &typed).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(app.counts().await, before, "a refused form wrote");

    // The same input sent to the API is refused with the message the page shows.
    let api = app
        .post(
            "/api/v1/organizations",
            json!({"name": "Elektro Žilina s.r.o.", "country": "SK", "ico": "35697271"}),
        )
        .await;
    assert_eq!(api.status, 422, "{}", api.body);
    let message = api.body["errors"][0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(api.body["errors"][0]["field"], "ico");
    let body = unescaped(&refused.body);
    let next_to_field = format!("<p class=\"error\" id=\"ico-error\">{message}</p>");
    assert!(
        body.contains(&next_to_field),
        "{next_to_field} not in {body}"
    );
    assert!(
        body.contains("aria-invalid=\"true\" aria-describedby=\"ico-hint ico-error\""),
        "{body}"
    );
    assert!(body.contains("value=\"35697271\""), "{body}");
    assert!(body.contains("value=\"Elektro Žilina s.r.o.\""), "{body}");
    assert!(
        body.contains(">Hlavná 1\n010 01 Žilina</textarea>"),
        "{body}"
    );
    assert!(body.contains("Nič sa neuložilo"), "{body}");

    let mut fixed = typed;
    fixed[5] = ("ico", "35697270");
    let saved = br.post("/desk/config/organizations", &fixed).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let location = saved.location.unwrap();
    let id: i64 = location
        .trim_start_matches("/desk/config/organizations/")
        .trim_end_matches("?saved=1")
        .parse()
        .unwrap();
    let page = br.get(&location).await;
    assert_eq!(page.status, 200);
    let body = unescaped(&page.body);
    assert!(body.contains("Uložené."), "{body}");
    assert!(body.contains("35697270"), "{body}");
    let history = app
        .get(&format!("/api/v1/organizations/{id}/history"))
        .await;
    assert_eq!(history.status, 200);
    let entries = history.body.as_array().unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e["field"] == "created" && e["actor"] == format!("agent:{me}")),
        "{entries:?}"
    );

    // A change refused on the edit form keeps the new value; corrected, it is audited.
    let here = format!("/desk/config/organizations/{id}");
    let mut change = fixed;
    change[8] = ("vat_id", "SK123");
    let refused = br.post(&here, &change).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = unescaped(&refused.body);
    assert!(body.contains("id=\"vat_id-error\""), "{body}");
    assert!(body.contains("value=\"SK123\""), "{body}");
    change[8] = ("vat_id", "SK2020317068");
    let saved = br.post(&here, &change).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = unescaped(&br.get(&here).await.body);
    assert!(page.contains("<td>vat_id</td>"), "{page}");
    assert!(page.contains("SK2020317068"), "{page}");

    // The address invoices are mailed to: refused next to its field, then saved and shown.
    change[10] = ("billing_email", "uctaren");
    let refused = br.post(&here, &change).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = unescaped(&refused.body);
    assert!(body.contains("id=\"billing_email-error\""), "{body}");
    assert!(body.contains("value=\"uctaren\""), "{body}");
    change[10] = ("billing_email", " Uctaren@Elektro.sk ");
    let saved = br.post(&here, &change).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = unescaped(&br.get(&here).await.body);
    assert!(page.contains("E-mail pre faktúry"), "{page}");
    assert!(page.contains("uctaren@elektro.sk"), "{page}");
    let shown = app.get(&format!("/api/v1/organizations/{id}")).await;
    assert_eq!(shown.body["billing_email"], "uctaren@elektro.sk");

    // A contact of the organization, with a bad second address refused next to its field.
    br.get("/desk/config/contacts/new").await;
    let org = id.to_string();
    let contact = [
        ("csrf", csrf.as_str()),
        ("organization_id", org.as_str()),
        ("name", "Mária Horváthová"),
        ("language", ""),
        ("emails", "maria@elektro.sk\nnie-je-adresa"),
        ("phones", ""),
    ];
    let refused = br.post("/desk/config/contacts", &contact).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = unescaped(&refused.body);
    assert!(body.contains("id=\"emails-error\""), "{body}");
    assert!(
        body.contains("maria@elektro.sk\nnie-je-adresa</textarea>"),
        "{body}"
    );
    let mut contact = contact;
    contact[4] = ("emails", "maria@elektro.sk");
    let saved = br.post("/desk/config/contacts", &contact).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    // The organization's page lists the contact, and the asset with who may ask about it.
    let asset = app
        .post(
            "/api/v1/assets",
            json!({"organization_id": id, "kind": "central-unit", "identifier": "SN-ZA-1", "contact_ids": [me_contact(&app, id).await]}),
        )
        .await;
    assert_eq!(asset.status, 201, "{}", asset.body);
    let org_page = unescaped(&br.get(&here).await.body);
    assert!(org_page.contains("Mária Horváthová"), "{org_page}");
    assert!(
        org_page
            .contains("<td>SN-ZA-1</td><td>central-unit</td><td>–</td><td>Mária Horváthová</td>")
            || org_page.contains("<td>SN-ZA-1</td><td>central-unit</td>"),
        "{org_page}"
    );
    // The contact is invited to the portal from its page; the mail waits in the outbox.
    let contact_page = unescaped(
        &br.get(&format!(
            "/desk/config/contacts/{}",
            me_contact(&app, id).await
        ))
        .await
        .body,
    );
    assert!(contact_page.contains("Pozvať do portálu"), "{contact_page}");
    let invite = br
        .post(
            &format!(
                "/desk/config/contacts/{}/invite",
                me_contact(&app, id).await
            ),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(invite.status, 303, "{}", invite.body);
    let outbox = app.get("/api/v1/mail/outbox").await;
    assert!(
        outbox.body.to_string().contains("maria@elektro.sk"),
        "the invitation is not in the outbox: {}",
        outbox.body
    );
    let after = unescaped(&br.get(&invite.location.unwrap()).await.body);
    assert!(
        after.contains("bola odoslaná na maria@elektro.sk"),
        "{after}"
    );
    assert!(
        org_page.contains("Zariadenia a kto sa na ne môže pýtať"),
        "{org_page}"
    );
}

/// The id of the organization's first contact.
async fn me_contact(app: &TestApp, org: i64) -> i64 {
    let c = app
        .get(&format!("/api/v1/contacts?organization_id={org}"))
        .await;
    c.body["items"][0]["id"].as_i64().unwrap()
}

pub(crate) async fn agents_and_teams_are_created_and_changed_through_the_forms(
    b: podpora_testkit::Backend,
) {
    let app = TestApp::spawn(b).await;
    let (mut br, _) = signed_in(&app, "admin@podpora.example", &["admin"]).await;
    br.get("/desk/config/teams/new").await;
    let csrf = br.csrf();
    let team = br
        .post(
            "/desk/config/teams",
            &[
                ("csrf", &csrf),
                ("name", "Servis"),
                ("email", ""),
                ("lead_agent_id", ""),
            ],
        )
        .await;
    assert_eq!(team.status, 303, "{}", team.body);
    let teams = app.get("/api/v1/teams").await;
    let team_id = teams.body[0]["id"].as_i64().unwrap().to_string();

    // No role ticked: refused next to the roles, with the ticked team and typed name kept.
    let mut fields = vec![
        ("csrf", csrf.as_str()),
        ("email", "technik@podpora.example"),
        ("name", "Peter Technik"),
        ("language", "cs"),
        ("team_ids", team_id.as_str()),
        ("password", "dlhe-heslo-1"),
    ];
    let refused = br.post("/desk/config/agents", &fields).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = unescaped(&refused.body);
    assert!(body.contains("id=\"roles-error\""), "{body}");
    assert!(
        body.contains(&format!("value=\"{team_id}\" checked")),
        "{body}"
    );
    assert!(body.contains("value=\"Peter Technik\""), "{body}");
    fields.push(("roles", "technician"));
    let saved = br.post("/desk/config/agents", &fields).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let agents = app.get("/api/v1/agents").await;
    let tech = agents
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == "technik@podpora.example")
        .unwrap()
        .clone();
    assert_eq!(tech["roles"], json!(["technician"]));
    assert_eq!(tech["team_ids"], json!([team_id.parse::<i64>().unwrap()]));
    assert_eq!(tech["language"], "cs");

    // The new agent leads the team; then the agent is made a dispatcher and deactivated.
    let tech_id = tech["id"].to_string();
    let lead = br
        .post(
            &format!("/desk/config/teams/{team_id}"),
            &[
                ("csrf", &csrf),
                ("name", "Servis"),
                ("email", "servis@podpora.example"),
                ("lead_agent_id", &tech_id),
            ],
        )
        .await;
    assert_eq!(lead.status, 303, "{}", lead.body);
    let t = app.get(&format!("/api/v1/teams/{team_id}")).await;
    assert_eq!(t.body["lead_agent_id"].to_string(), tech_id);
    let changed = br
        .post(
            &format!("/desk/config/agents/{tech_id}"),
            &[
                ("csrf", &csrf),
                ("name", "Peter Dispečer"),
                ("language", "sk"),
                ("roles", "dispatcher"),
            ],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    let a = app.get(&format!("/api/v1/agents/{tech_id}")).await;
    assert_eq!(a.body["roles"], json!(["dispatcher"]));
    assert_eq!(a.body["active"], false);
    assert_eq!(a.body["team_ids"], json!([]));
    let list = unescaped(&br.get("/desk/config/agents?saved=1").await.body);
    assert!(list.contains("Peter Dispečer"), "{list}");
    assert!(list.contains("dispečer"), "{list}");
}

pub(crate) async fn a_calendar_shows_the_years_days_off(b: podpora_testkit::Backend) {
    let app = TestApp::spawn(b).await;
    let (mut br, _) = signed_in(&app, "admin@podpora.example", &["admin"]).await;
    br.get("/desk/config/calendars/new").await;
    let csrf = br.csrf();
    let mut fields = vec![
        ("csrf", csrf.as_str()),
        ("name", "Kancelária SK"),
        ("time_zone", "Europe/Bratislava"),
        ("hours", "mon-fri 8-16"),
        ("holidays", "SK"),
        ("closures", "2026-12-31"),
        ("extra_working_days", ""),
    ];
    let refused = br.post("/desk/config/calendars", &fields).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = unescaped(&refused.body);
    assert!(body.contains("id=\"hours-error\""), "{body}");
    assert!(body.contains("value=\"mon-fri 8-16\""), "{body}");
    fields[3] = ("hours", "mon-fri 08:00-16:00");
    let saved = br.post("/desk/config/calendars", &fields).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let id = saved
        .location
        .unwrap()
        .trim_start_matches("/desk/config/calendars/")
        .trim_end_matches("?saved=1")
        .to_string();
    let page = unescaped(
        &br.get(&format!("/desk/config/calendars/{id}?year=2026"))
            .await
            .body,
    );
    assert!(page.contains("Voľné a pracovné dni v roku 2026"), "{page}");
    assert!(page.contains("Deň vzniku Slovenskej republiky"), "{page}");
    assert!(page.contains("firemné zatvorenie"), "{page}");
    // 2026 keeps 8 May as a working holiday in Slovakia; the preview says so.
    assert!(page.contains("sviatok, ale pracovný deň"), "{page}");
    assert_eq!(
        page.matches("štátny sviatok, zatvorené").count(),
        11,
        "{page}"
    );
    let history = app.get("/api/v1/calendars").await;
    assert_eq!(history.body[0]["closures"], json!(["2026-12-31"]));
}
