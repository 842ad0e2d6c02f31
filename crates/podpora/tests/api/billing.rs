//! Service time and what it costs, as a user of the API sees it: the worked examples of the
//! seeds (time entries in, charges out), a customer's month, and the rules of time entries.

use crate::helpers::TestApp;
use crate::plans::{contract, plan};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::{Value, json};

crate::on_both!(
    seed_000_visits_and_started_hours_with_package_discounts,
    seed_001_half_hours_and_included_minutes_restarting_each_month,
    seed_004_minimums_contract_rates_and_prepaid_minutes,
    time_entries_follow_the_role_rules_and_invoiced_entries_stay,
    paid_work_without_a_plan_waits_for_an_accepted_offer,
);

const LIST_000: &str = r#"currency = "EUR"
[[rates]]
kind = "on_site"
per_hour = "50.00"
rounding = "started_hour"
[[rates]]
kind = "remote"
per_hour = "50.00"
rounding = "started_hour"
[[fees]]
fee = "visit"
amount = "100.00"
"#;

const LIST_001: &str = r#"currency = "EUR"
[[rates]]
kind = "remote"
per_hour = "45.00"
rounding = "started_half_hour"
"#;

const LIST_004: &str = r#"currency = "CZK"
[[rates]]
kind = "remote"
per_hour = "1200.00"
rounding = "per_minute"
minimum_minutes = 30
[[rates]]
kind = "remote"
terms = "contract"
per_hour = "900.00"
rounding = "per_minute"
minimum_minutes = 20
"#;

async fn price_list(app: &TestApp, country: &str, toml: &str) {
    let r = app
        .call(
            Method::PUT,
            "/api/v1/price-lists/service",
            Some(json!({"name": "Service", "vat_country": country, "default": true, "toml": toml})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

/// An organization in `country` with a contact; returns (organization, contact).
async fn customer(app: &TestApp, name: &str, country: &str) -> (i64, i64) {
    let o = app
        .post(
            "/api/v1/organizations",
            json!({"name": name, "country": country}),
        )
        .await;
    assert_eq!(o.status, 201, "{}", o.body);
    let org = o.body["id"].as_i64().unwrap();
    let c = app
        .post(
            "/api/v1/contacts",
            json!({"organization_id": org, "name": format!("Kontakt {name}"),
                   "emails": [format!("{}@firma.example", name.to_lowercase().replace(' ', "-"))]}),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.body);
    (org, c.body["id"].as_i64().unwrap())
}

async fn ticket(app: &TestApp, contact: i64, subject: &str) -> String {
    let t = app
        .post(
            "/api/v1/tickets",
            json!({"subject": subject, "description": format!("{subject}: prosím o pomoc"), "requester_id": contact}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.body);
    t.body["number"].as_str().unwrap().to_string()
}

async fn entry(app: &TestApp, number: &str, body: Value) -> Value {
    let r = app
        .post(&format!("/api/v1/tickets/{number}/time-entries"), body)
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body
}

async fn remote(app: &TestApp, number: &str, start: &str, minutes: u32) {
    entry(
        app,
        number,
        json!({"kind": "remote", "start": start, "minutes": minutes}),
    )
    .await;
}

async fn charges(app: &TestApp, number: &str) -> Value {
    let r = app.get(&format!("/api/v1/tickets/{number}/charges")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
}

fn amount(v: &Value) -> String {
    let minor = v["amount_minor"].as_i64().unwrap();
    format!(
        "{}.{:02} {}",
        minor / 100,
        minor % 100,
        v["currency"].as_str().unwrap()
    )
}

async fn plan_with(app: &TestApp, code: &str, extra: Value) -> i64 {
    let mut body = json!({
        "code": code, "name": code, "rank": 1,
        "monthly_price": {"amount_minor": 1000, "currency": "EUR"},
        "channels": [{"channel": "email"}, {"channel": "portal"}, {"channel": "api"}],
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    plan(app, body).await
}

async fn seed_000_visits_and_started_hours_with_package_discounts(b: Backend) {
    let app = TestApp::spawn(b).await;
    price_list(&app, "SK", LIST_000).await;
    let (basic, contact) = customer(&app, "Vila Záhorie", "SK").await;
    let visit = ticket(&app, contact, "Nefunguje osvetlenie").await;
    entry(
        &app,
        &visit,
        json!({"kind": "on_site", "start": "2026-11-10T08:00:00Z", "end": "2026-11-10T09:15:00Z", "visits": 1}),
    )
    .await;
    let c = charges(&app, &visit).await;
    let lines = &c["interventions"][0]["lines"];
    assert_eq!(lines[0]["item"], "visit");
    assert_eq!(amount(&lines[0]["net"]), "100.00 EUR");
    assert_eq!(lines[1]["item"], "on_site");
    assert_eq!(lines[1]["worked_minutes"], 75);
    assert_eq!(lines[1]["quantity"], 120, "2 started hours");
    assert_eq!(
        [&c["net"], &c["vat"], &c["total"]].map(amount),
        ["200.00 EUR", "46.00 EUR", "246.00 EUR"]
    );
    assert_eq!(c["vat_by_rate"][0]["rate"], "23 %");

    let quick = ticket(&app, contact, "Otázka k aplikácii").await;
    remote(&app, &quick, "2026-11-12T10:00:00Z", 5).await;
    assert_eq!(
        amount(&charges(&app, &quick).await["net"]),
        "50.00 EUR",
        "five minutes of remote help are a started hour"
    );
    // Two billed interventions in six months without a plan: a plan candidate (R-49).
    let status = app
        .get(&format!("/api/v1/organizations/{basic}/plan"))
        .await;
    assert_eq!(status.body["plan_candidate"], true, "{}", status.body);

    let (member, contact) = customer(&app, "Dom Senec", "SK").await;
    let number = ticket(&app, contact, "Výmena snímača").await;
    let package = plan_with(
        &app,
        "smart",
        json!({"discount_trips_percent": 20, "discount_hours_percent": 10}),
    )
    .await;
    contract(&app, member, package, "2026-01-01").await;
    entry(
        &app,
        &number,
        json!({"kind": "on_site", "start": "2026-11-20T08:00:00Z", "minutes": 61, "visits": 1}),
    )
    .await;
    let c = charges(&app, &number).await;
    let i = &c["interventions"][0];
    assert_eq!(i["under_plan"], true);
    assert_eq!(amount(&i["lines"][0]["net"]), "80.00 EUR");
    assert_eq!(amount(&i["lines"][1]["net"]), "90.00 EUR");
    assert_eq!(i["lines"][1]["discount_percent"], 10);
    assert_eq!(amount(&c["net"]), "170.00 EUR");
}

async fn seed_001_half_hours_and_included_minutes_restarting_each_month(b: Backend) {
    let app = TestApp::spawn(b).await;
    price_list(&app, "SK", LIST_001).await;
    let (_, contact) = customer(&app, "Hotel Tatry", "SK").await;
    for (minutes, net) in [(29, "22.50 EUR"), (31, "45.00 EUR"), (50, "45.00 EUR")] {
        let n = ticket(&app, contact, &format!("Ústredňa {minutes}")).await;
        remote(&app, &n, "2026-11-03T09:00:00Z", minutes).await;
        assert_eq!(
            amount(&charges(&app, &n).await["net"]),
            net,
            "{minutes} min"
        );
    }

    let (org, contact) = customer(&app, "Call centrum", "SK").await;
    let tickets = [
        ticket(&app, contact, "Presmerovanie liniek").await,
        ticket(&app, contact, "Nová klapka").await,
        ticket(&app, contact, "Záznam hovorov").await,
        ticket(&app, contact, "Hlasová schránka").await,
    ];
    let variant = plan_with(&app, "variant-2", json!({"remote_minutes_per_month": 180})).await;
    contract(&app, org, variant, "2026-01-01").await;
    remote(&app, &tickets[0], "2026-11-02T08:00:00Z", 100).await;
    remote(&app, &tickets[1], "2026-11-09T08:00:00Z", 70).await;
    remote(&app, &tickets[2], "2026-11-16T08:00:00Z", 40).await;
    // 23:30 UTC on 30 November is already December in Bratislava.
    remote(&app, &tickets[3], "2026-11-30T23:30:00Z", 40).await;
    let nets: Vec<String> = futures_nets(&app, &tickets).await;
    assert_eq!(nets, ["0.00 EUR", "0.00 EUR", "22.50 EUR", "0.00 EUR"]);
    let third = charges(&app, &tickets[2]).await;
    let covered = &third["interventions"][0]["covered"][0];
    assert_eq!(
        (
            covered["by"].as_str(),
            covered["minutes"].as_u64(),
            covered["month"].as_str()
        ),
        (Some("included"), Some(10), Some("2026-11"))
    );

    let nov = app
        .get(&format!("/api/v1/organizations/{org}/usage?month=2026-11"))
        .await;
    assert_eq!(nov.status, 200, "{}", nov.body);
    assert_eq!(nov.body["included"][0]["pool"], "remote");
    assert_eq!(nov.body["included"][0]["used"], 180);
    assert_eq!(nov.body["included"][0]["left"], 0);
    assert_eq!(amount(&nov.body["billed_net"]), "22.50 EUR");
    assert_eq!(nov.body["interventions"], 3);
    assert_eq!(nov.body["interventions_billed"], 1);
    let dec = app
        .get(&format!("/api/v1/organizations/{org}/usage?month=2026-12"))
        .await;
    assert_eq!(dec.body["included"][0]["used"], 40, "{}", dec.body);
    assert_eq!(dec.body["included"][0]["left"], 140);
    let bad = app
        .get(&format!("/api/v1/organizations/{org}/usage?month=2026-13"))
        .await;
    assert_eq!(bad.problem(422), ["month"]);
    let all = app.get("/api/v1/usage?month=2026-11").await;
    assert_eq!(all.status, 200, "{}", all.body);
    assert_eq!(all.body["organizations"].as_array().unwrap().len(), 2);
}

async fn futures_nets(app: &TestApp, tickets: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for t in tickets {
        out.push(amount(&charges(app, t).await["net"]));
    }
    out
}

async fn seed_004_minimums_contract_rates_and_prepaid_minutes(b: Backend) {
    let app = TestApp::spawn(b).await;
    price_list(&app, "CZ", LIST_004).await;
    let (_, one_off) = customer(&app, "Pekárna Brno", "CZ").await;
    let short = ticket(&app, one_off, "Přecenění skladu").await;
    remote(&app, &short, "2026-11-03T09:00:00Z", 12).await;
    let c = charges(&app, &short).await;
    assert_eq!(c["interventions"][0]["lines"][0]["quantity"], 30);
    assert_eq!(amount(&c["net"]), "600.00 CZK");
    let long = ticket(&app, one_off, "Uzávěrka měsíce").await;
    remote(&app, &long, "2026-11-04T09:00:00Z", 47).await;
    let c = charges(&app, &long).await;
    assert_eq!(
        [&c["net"], &c["vat"], &c["total"]].map(amount),
        ["940.00 CZK", "197.40 CZK", "1137.40 CZK"]
    );
    assert_eq!(c["vat_by_rate"][0]["rate"], "21 %");

    let contract_plan = plan_with(&app, "smlouva", json!({})).await;
    let (org, contact) = customer(&app, "Velkoobchod Ostrava", "CZ").await;
    let a = ticket(&app, contact, "Tisk faktur").await;
    let b2 = ticket(&app, contact, "Export do účetnictví").await;
    contract(&app, org, contract_plan, "2026-01-01").await;
    remote(&app, &a, "2026-11-05T09:00:00Z", 12).await;
    remote(&app, &b2, "2026-11-06T09:00:00Z", 47).await;
    assert_eq!(
        futures_nets(&app, &[a, b2]).await,
        ["300.00 CZK", "705.00 CZK"]
    );

    let (org, contact) = customer(&app, "Stavebniny Plzeň", "CZ").await;
    let tickets = [
        ticket(&app, contact, "Inventura").await,
        ticket(&app, contact, "Nový ceník").await,
        ticket(&app, contact, "Oprava dokladu").await,
    ];
    contract(&app, org, contract_plan, "2026-01-01").await;
    let p = app
        .post(
            &format!("/api/v1/organizations/{org}/prepaid"),
            json!({"minutes": 120, "bought_at": "2026-11-01T00:00:00Z", "expires_at": "2027-06-30T22:00:00Z"}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
    for (t, (day, minutes)) in tickets.iter().zip([(10, 12), (11, 47), (12, 75)]) {
        remote(&app, t, &format!("2026-11-{day}T08:00:00Z"), minutes).await;
    }
    assert_eq!(
        futures_nets(&app, &tickets).await,
        ["0.00 CZK", "0.00 CZK", "330.00 CZK"]
    );
    let last = charges(&app, &tickets[2]).await;
    let i = &last["interventions"][0];
    assert_eq!(i["covered"][0]["by"], "prepaid");
    assert_eq!(i["covered"][0]["minutes"], 53);
    assert_eq!(i["lines"][0]["quantity"], 22);
    let usage = app
        .get(&format!("/api/v1/organizations/{org}/usage?month=2026-11"))
        .await;
    assert_eq!(usage.body["prepaid_minutes_left"], 0, "{}", usage.body);
    assert_eq!(usage.body["prepaid_low"], true);
    assert_eq!(amount(&usage.body["billed_net"]), "330.00 CZK");
    let listed = app
        .get(&format!("/api/v1/organizations/{org}/prepaid"))
        .await;
    assert_eq!(listed.body[0]["minutes"], 120);
}

async fn time_entries_follow_the_role_rules_and_invoiced_entries_stay(b: Backend) {
    let app = TestApp::spawn(b).await;
    price_list(&app, "SK", LIST_000).await;
    let (org, contact) = customer(&app, "Kancelária Nitra", "SK").await;
    let number = ticket(&app, contact, "Tlačiareň").await;
    let (tech_id, tech) = app
        .agent_token("t@podpora.example", &["technician"], &[])
        .await;
    let (_, billing) = app
        .agent_token("b@podpora.example", &["billing"], &[])
        .await;
    let key = app.org_key(org).await;
    let path = format!("/api/v1/tickets/{number}/time-entries");
    // The ticket is in no team of the technician: it is as if it did not exist.
    let r = app
        .call_as(
            Some(&tech),
            Method::POST,
            &path,
            Some(json!({"kind": "remote", "date": "2026-11-10", "minutes": 30})),
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.body);
    let p = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"assignee_id": tech_id}),
        )
        .await;
    assert_eq!(p.status, 200, "{}", p.body);
    let e = app
        .call_as(
            Some(&tech),
            Method::POST,
            &path,
            Some(json!({"kind": "remote", "date": "2026-11-10", "minutes": 30, "note": "ovládač"})),
        )
        .await;
    assert_eq!(e.status, 201, "{}", e.body);
    assert_eq!(e.body["intervention"], 1);
    assert_eq!(
        e.body["start"], "2026-11-09T23:00:00Z",
        "midnight in Bratislava"
    );
    let id = e.body["id"].as_i64().unwrap();
    let joined = entry(&app, &number, json!({"kind": "travel", "start": "2026-11-10T07:00:00Z", "minutes": 20, "intervention": 1, "billable": false})).await;
    assert_eq!(joined["intervention"], 1);

    let r = app
        .call_as(
            Some(&billing),
            Method::POST,
            &path,
            Some(json!({"kind": "remote", "date": "2026-11-10", "minutes": 5})),
        )
        .await;
    assert_eq!(
        r.status, 403,
        "billing reads and corrects, does not record: {}",
        r.body
    );
    for bad in [
        json!({"kind": "cleaning", "date": "2026-11-10", "minutes": 5}),
        json!({"kind": "remote", "start": "2026-11-10T09:00:00Z", "end": "2026-11-10T08:00:00Z"}),
        json!({"kind": "remote", "minutes": 5}),
        json!({"kind": "remote", "date": "2026-11-10", "minutes": 5, "intervention": 7}),
    ] {
        let r = app.post(&path, bad.clone()).await;
        assert_eq!(r.status, 422, "{bad}: {}", r.body);
    }

    let fixed = app
        .call_as(
            Some(&billing),
            Method::PATCH,
            &format!("{path}/{id}"),
            Some(json!({"minutes": 45, "reason": "podľa výkazu"})),
        )
        .await;
    assert_eq!(fixed.status, 200, "{}", fixed.body);
    assert_eq!(fixed.body["minutes"], 45);
    let h = app.history_of(&number, "time_entry").await;
    assert!(
        h.iter().any(|e| e["reason"]
            .as_str()
            .is_some_and(|r| r.contains("podľa výkazu"))),
        "{h:?}"
    );

    // The customer sees the charges, with the covered travel and why, but not the entries.
    let c = app
        .call_as(
            Some(&key),
            Method::GET,
            &format!("/api/v1/tickets/{number}/charges"),
            None,
        )
        .await;
    assert_eq!(c.status, 200, "{}", c.body);
    assert_eq!(amount(&c.body["net"]), "50.00 EUR");
    let covered = &c.body["interventions"][0]["covered"];
    assert_eq!(covered[0]["by"], "not_billable", "{covered}");
    let r = app.call_as(Some(&key), Method::GET, &path, None).await;
    assert_eq!(r.status, 403);

    let mut tx = app.app.db.begin().await.unwrap();
    podpora_store::repo::billing::mark_invoiced(&mut tx, &[id], 1)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let r = app
        .call_as(
            Some(&billing),
            Method::PATCH,
            &format!("{path}/{id}"),
            Some(json!({"minutes": 5})),
        )
        .await;
    assert_eq!(r.status, 409, "an invoiced entry cannot change: {}", r.body);
    let list = app.call_as(Some(&billing), Method::GET, &path, None).await;
    assert_eq!(list.body[0]["minutes"], 45);
    assert!(list.body[0]["invoiced_at"].is_string());
}

async fn paid_work_without_a_plan_waits_for_an_accepted_offer(b: Backend) {
    let app = TestApp::spawn(b).await;
    let r = app
        .call(
            Method::PUT,
            "/api/v1/price-lists/service",
            Some(
                json!({"name": "Platený servis", "vat_country": "SK", "default": true,
                        "agreement_required": true, "toml": LIST_001}),
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["agreement_required"], true);
    let (org, contact) = customer(&app, "Penzión Orava", "SK").await;
    let number = ticket(&app, contact, "Konfigurácia ústredne").await;
    remote(&app, &number, "2026-11-03T09:00:00Z", 29).await;
    let c = charges(&app, &number).await;
    let i = &c["interventions"][0];
    assert_eq!(i["held"], true, "{c}");
    assert_eq!(amount(&i["net"]), "22.50 EUR", "rated and shown");
    assert_eq!(amount(&c["net"]), "0.00 EUR", "but not billed");
    let u = app
        .get(&format!("/api/v1/organizations/{org}/usage?month=2026-11"))
        .await;
    assert_eq!(
        (
            u.body["held"].as_u64(),
            u.body["interventions_billed"].as_u64()
        ),
        (Some(1), Some(0)),
        "{}",
        u.body
    );

    let offer = app
        .post(
            &format!("/api/v1/tickets/{number}/agreements"),
            json!({"description": "Konfigurácia ústredne, platený servis", "estimate_minutes": 30}),
        )
        .await;
    assert_eq!(offer.status, 201, "{}", offer.body);
    let id = offer.body["id"].as_i64().unwrap();
    let accept = format!("/api/v1/tickets/{number}/agreements/{id}/accept");
    let staff = app.post(&accept, json!({})).await;
    assert_eq!(
        staff.problem(422),
        ["reason"],
        "staff say how the customer agreed"
    );
    let key = app.org_key(org).await;
    let listed = app
        .call_as(
            Some(&key),
            Method::GET,
            &format!("/api/v1/tickets/{number}/agreements"),
            None,
        )
        .await;
    assert_eq!(
        listed.body[0]["description"],
        "Konfigurácia ústredne, platený servis"
    );
    let ok = app
        .call_as(Some(&key), Method::POST, &accept, Some(json!({})))
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.body["accepted_channel"], "api");
    let again = app
        .call_as(Some(&key), Method::POST, &accept, Some(json!({})))
        .await;
    assert_eq!(again.status, 409);
    let c = charges(&app, &number).await;
    assert_eq!(c["interventions"][0]["held"], false);
    assert_eq!(amount(&c["net"]), "22.50 EUR");
    assert_eq!(app.history_of(&number, "agreement_accepted").await.len(), 1);

    // A customer with a plan is not held: the contract is the agreement.
    let (member, contact) = customer(&app, "Hotel Liptov", "SK").await;
    let n2 = ticket(&app, contact, "Nová linka").await;
    let variant = plan_with(&app, "variant-1", json!({})).await;
    contract(&app, member, variant, "2026-01-01").await;
    remote(&app, &n2, "2026-11-04T09:00:00Z", 29).await;
    let c = charges(&app, &n2).await;
    assert_eq!(c["interventions"][0]["held"], false);
    assert_eq!(amount(&c["net"]), "22.50 EUR");
}
