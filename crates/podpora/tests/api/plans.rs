//! Support plans through the API: the catalogue, contracts and the hand-over window, channels
//! refused outside the plan, the service queue, urgency rules, ledgers, onboarding entitlements,
//! the out-of-scope answer and upsell signals (R-20 … ).

use crate::helpers::TestApp;
use podpora_app::Actor;
use podpora_testkit::Backend;
use serde_json::{Value, json};

crate::on_both!(
    a_plan_keeps_every_attribute_and_bad_plans_are_refused,
    a_late_contract_is_refused_with_the_reason_and_plan_changes_keep_history,
    a_channel_outside_the_plan_is_refused_naming_the_plan,
    the_queue_orders_thirty_tickets_by_the_documented_rule,
    plannable_work_cannot_be_urgent_and_downgrades_need_a_reason,
    ledgers_and_onboarding_entitlements,
    out_of_scope_answers_and_upsell_signals,
);

/// A valid IČO built from seven digits (weights 8…2, mod 11).
pub fn ico(n: u32) -> String {
    let s = format!("{:07}", n % 10_000_000);
    let d: Vec<u32> = s.chars().map(|c| c.to_digit(10).unwrap()).collect();
    let r = d
        .iter()
        .zip([8, 7, 6, 5, 4, 3, 2])
        .map(|(a, b)| a * b)
        .sum::<u32>()
        % 11;
    format!("{s}{}", (11 - r) % 10)
}

pub async fn calendar(app: &TestApp, name: &str, hours: &str) -> i64 {
    let r = app
        .post(
            "/api/v1/calendars",
            json!({"name": name, "time_zone": "Europe/Bratislava", "hours": hours}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body["id"].as_i64().unwrap()
}

pub async fn plan(app: &TestApp, body: Value) -> i64 {
    let r = app.post("/api/v1/plans", body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body["id"].as_i64().unwrap()
}

fn simple_plan(code: &str, rank: i64, channels: &[&str]) -> Value {
    json!({
        "code": code, "name": code.to_uppercase(), "rank": rank,
        "monthly_price": {"amount_minor": 1000 * rank, "currency": "EUR"},
        "channels": channels.iter().map(|c| json!({"channel": c})).collect::<Vec<_>>(),
    })
}

fn local_date(days_back: i64) -> String {
    (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * days_back))
        .to_zoned(jiff::tz::TimeZone::get("Europe/Prague").unwrap())
        .date()
        .to_string()
}

pub fn today() -> String {
    local_date(0)
}

pub async fn contract(app: &TestApp, org: i64, plan: i64, starts_on: &str) -> Value {
    let r = app
        .post(
            "/api/v1/contracts",
            json!({"organization_id": org, "plan_id": plan, "starts_on": starts_on}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body
}

async fn a_plan_keeps_every_attribute_and_bad_plans_are_refused(b: Backend) {
    let app = TestApp::spawn(b).await;
    let cal = calendar(&app, "24/7", "mon-fri 00:00-24:00; sat-sun 09:00-18:00").await;
    let full = json!({
        "code": "variant-3", "name": "Varianta 3", "rank": 3, "support_calendar_id": cal,
        "remote_minutes_per_month": 240, "work_minutes_per_month": 120, "preventive_checks_per_month": 2,
        "included_time_for_changes": true, "hardware_replacement": "24ch", "hardware_visit_guarantee": true,
        "guarantee_remote_resolution": "24ch", "guarantee_visit": "24ch", "guarantee_restore": "24ch",
        "monthly_price": {"amount_minor": 35000, "currency": "EUR"},
        "discount_hours_percent": 20, "discount_trips_percent": 50,
        "free_remote_diagnostics": true, "pay_later": true, "handover_window_months": 3,
        "channels": [{"channel": "phone", "calendar_id": cal}, {"channel": "email", "calendar_id": null}],
        "onboarding": [{"kind": "training", "within_days": 30}],
    });
    let id = plan(&app, full.clone()).await;
    let got = app.get(&format!("/api/v1/plans/{id}")).await;
    assert_eq!(got.status, 200, "{}", got.body);
    for (k, v) in full.as_object().unwrap() {
        assert_eq!(&got.body[k], v, "{k}");
    }
    let before = app.counts().await;
    let bad = app
        .post(
            "/api/v1/plans",
            json!({"code": "Bad Code", "name": "", "rank": 1, "monthly_price": {"amount_minor": -5, "currency": "eur"},
                   "discount_hours_percent": 150, "guarantee_visit": "soon",
                   "channels": [{"channel": "chat"}, {"channel": "chat"}]}),
        )
        .await;
    let fields = bad.problem(422);
    for f in [
        "code",
        "name",
        "monthly_price",
        "discount_hours_percent",
        "guarantee_visit",
        "channels[1]",
    ] {
        assert!(fields.contains(&f.to_string()), "{f} in {fields:?}");
    }
    let dup = app.post("/api/v1/plans", full).await;
    assert_eq!(dup.problem(422), ["code"]);
    assert_eq!(app.counts().await, before);
    let list = app.get("/api/v1/plans").await;
    assert_eq!(list.body.as_array().unwrap().len(), 1);
}

async fn a_late_contract_is_refused_with_the_reason_and_plan_changes_keep_history(b: Backend) {
    let app = TestApp::spawn(b).await;
    let mut p = simple_plan("smart", 1, &["email"]);
    p["handover_window_months"] = json!(3);
    let smart = plan(&app, p).await;
    let premium = plan(&app, simple_plan("premium", 2, &["email", "phone"])).await;
    let (org, _, asset) = app.customer(&ico(1234), "a@firma.example").await;

    let before = app.counts().await;
    let no_handover = app
        .post(
            "/api/v1/contracts",
            json!({"organization_id": org, "plan_id": smart, "starts_on": "2026-03-01"}),
        )
        .await;
    assert_eq!(no_handover.problem(422), ["starts_on"]);
    assert!(
        no_handover.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("hand-over")
    );

    let h = app
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/organizations/{org}/handover"),
            Some(json!({"handed_over_on": "2026-01-10"})),
        )
        .await;
    assert_eq!(h.status, 200, "{}", h.body);
    let before_late = app.counts().await;
    let late = app
        .post(
            "/api/v1/contracts",
            json!({"organization_id": org, "plan_id": smart, "starts_on": "2026-04-11"}),
        )
        .await;
    assert_eq!(late.problem(422), ["starts_on"]);
    let why = late.body["errors"][0]["message"].as_str().unwrap();
    assert!(
        why.contains("3 month") && why.contains("2026-01-10") && why.contains("2026-04-10"),
        "{why}"
    );
    assert_eq!(
        app.counts().await,
        before_late,
        "a refused contract writes nothing"
    );
    assert_ne!(before, before_late, "the hand-over was recorded");

    // an asset handed over later has its own window
    let r = app
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/organizations/{org}/handover"),
            Some(json!({"handed_over_on": "2026-03-01", "asset_id": asset})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app
        .post(
            "/api/v1/contracts",
            json!({"organization_id": org, "plan_id": smart, "asset_id": asset, "starts_on": "2026-05-20"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);

    let first = contract(&app, org, smart, "2026-04-10").await;
    assert_eq!(first["plan_code"], "smart");
    // a plan change from a date: no hand-over rule on premium, the smart contract ends the day before
    let second = contract(&app, org, premium, "2026-06-01").await;
    let back = app
        .post(
            "/api/v1/contracts",
            json!({"organization_id": org, "plan_id": smart, "starts_on": "2026-05-01"}),
        )
        .await;
    assert_eq!(back.problem(422), ["starts_on"]);
    let list = app
        .get(&format!("/api/v1/organizations/{org}/contracts"))
        .await;
    let list = list.body.as_array().unwrap();
    let org_wide: Vec<&Value> = list.iter().filter(|c| c["asset_id"].is_null()).collect();
    assert_eq!(org_wide.len(), 2);
    assert_eq!(org_wide[0]["id"], first["id"]);
    assert_eq!(org_wide[0]["ends_on"], "2026-05-31");
    assert_eq!(org_wide[1]["id"], second["id"]);
    assert!(org_wide[1]["ends_on"].is_null());
    let hist = app
        .get(&format!("/api/v1/organizations/{org}/history"))
        .await;
    assert!(
        hist.body
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["field"] == "plan" && h["old_value"] == "smart"),
        "{}",
        hist.body
    );
    let status = app.get(&format!("/api/v1/organizations/{org}/plan")).await;
    assert_eq!(status.status, 200, "{}", status.body);
    assert_eq!(status.body["entitlement"]["plan_code"], "premium");
}

async fn a_channel_outside_the_plan_is_refused_naming_the_plan(b: Backend) {
    let app = TestApp::spawn(b).await;
    let cal = calendar(&app, "Office", "mon-sun 00:00-24:00").await;
    let premium = plan(&app, simple_plan("premium", 2, &["email", "phone", "chat"])).await;
    plan(&app, simple_plan("smart", 1, &["email", "chat"])).await;
    let r = app
        .call(
            reqwest::Method::PUT,
            "/api/v1/basic-service",
            Some(json!({"channels": ["email", "portal"]})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    for (name, plan_id, reaction) in [("Basic", None, "4h"), ("Premium", Some(premium), "1h")] {
        let p = app
            .post(
                "/api/v1/sla-policies",
                json!({"name": name, "calendar_id": cal, "plan_id": plan_id, "reaction": reaction}),
            )
            .await;
        assert_eq!(p.status, 201, "{}", p.body);
    }
    let (org, contact, _) = app.customer(&ico(4321), "b@firma.example").await;
    let ticket = |channel: &str| json!({"subject": "Nejde to", "description": format!("Popis ({channel})."), "requester_id": contact, "channel": channel});
    let before = app.counts().await;
    let r = app.post("/api/v1/tickets", ticket("phone")).await;
    assert_eq!(r.problem(422), ["channel"]);
    let why = r.body["errors"][0]["message"].as_str().unwrap();
    assert!(
        why.contains("basic service") && why.contains("PREMIUM"),
        "{why}"
    );
    assert!(!why.contains("SMART"), "SMART has no phone: {why}");
    let r = app.post("/api/v1/tickets", ticket("chat")).await;
    let why = r.body["errors"][0]["message"].as_str().unwrap().to_string();
    assert!(why.contains("PREMIUM") && why.contains("SMART"), "{why}");
    assert_eq!(app.counts().await, before, "refused requests write nothing");

    let basic = app.post("/api/v1/tickets", ticket("email")).await;
    assert_eq!(basic.status, 201, "{}", basic.body);
    assert_eq!(basic.body["clocks"][0]["target"], "4h");

    contract(&app, org, premium, &today()).await;
    let r = app.post("/api/v1/tickets", ticket("phone")).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        r.body["clocks"][0]["target"], "1h",
        "the plan's policy times its customers"
    );
    // The answer shows the clocks as stored, without reading them back.
    let number = r.body["number"].as_str().unwrap();
    let stored = app.get(&format!("/api/v1/tickets/{number}")).await;
    for field in ["metric", "target", "started_at", "due_at", "state"] {
        let of = |b: &serde_json::Value| -> Vec<serde_json::Value> {
            b["clocks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c[field].clone())
                .collect()
        };
        assert_eq!(of(&r.body), of(&stored.body), "clock {field}");
    }
}

async fn the_queue_orders_thirty_tickets_by_the_documented_rule(b: Backend) {
    let app = TestApp::spawn(b).await;
    let cal = calendar(&app, "Always", "mon-sun 00:00-24:00").await;
    let p = app
        .post(
            "/api/v1/sla-policies",
            json!({"name": "Default", "calendar_id": cal, "reaction": "8h"}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
    let all = ["email", "phone", "portal", "chat", "api"];
    let ranks = [None, Some(1), Some(2), Some(3)];
    let mut orgs = Vec::new();
    for (i, rank) in ranks.iter().enumerate() {
        let (org, contact, _) = app
            .customer(&ico(700 + i as u32), &format!("q{i}@firma.example"))
            .await;
        if let Some(r) = rank {
            let id = plan(&app, simple_plan(&format!("tier-{r}"), *r, &all)).await;
            contract(&app, org, id, &today()).await;
        }
        orgs.push((org, contact, *rank));
    }
    let now = jiff::Timestamp::now();
    let mut expected = Vec::new();
    for i in 0..30i64 {
        let (org, contact, rank) = orgs[(i as usize * 7) % orgs.len()];
        let urgent = i % 3 == 0;
        // reported at different times, so the reaction clocks fall due at different times
        let reported = now - jiff::SignedDuration::from_mins((i * 37) % 300 + 1);
        let r = app
            .post(
                "/api/v1/tickets",
                json!({"subject": format!("Požiadavka {i}"), "description": "Popis.", "requester_id": contact,
                       "urgency": if urgent { "urgent" } else { "normal" }, "reported_at": reported.to_string()}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        let due: jiff::Timestamp = r.body["clocks"][0]["due_at"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        expected.push((
            rank,
            urgent,
            due,
            r.body["number"].as_str().unwrap().to_string(),
            org,
        ));
    }
    // one resolved ticket leaves the queue
    let gone = expected.pop().unwrap();
    let r = app
        .patch(
            &format!("/api/v1/tickets/{}", gone.3),
            json!({"status": "resolved"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    expected.sort_by(|a, b| {
        b.0.is_some()
            .cmp(&a.0.is_some())
            .then(b.0.cmp(&a.0))
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
    });
    let q = app.get("/api/v1/queue").await;
    assert_eq!(q.status, 200, "{}", q.body);
    let q = q.body.as_array().unwrap();
    assert_eq!(q.len(), 29);
    for (i, (e, (rank, urgent, due, number, org))) in q.iter().zip(&expected).enumerate() {
        assert_eq!(e["position"], i as i64 + 1);
        assert_eq!(&e["number"], number, "position {}: {}", i + 1, e["reason"]);
        assert_eq!(e["organization_id"], *org);
        assert_eq!(e["plan_rank"].as_i64(), *rank);
        assert_eq!(e["urgency"] == "urgent", *urgent);
        assert_eq!(
            e["due_at"]
                .as_str()
                .unwrap()
                .parse::<jiff::Timestamp>()
                .unwrap(),
            *due
        );
        let reason = e["reason"].as_str().unwrap();
        match rank {
            Some(r) => assert!(reason.contains(&format!("rank {r}")), "{reason}"),
            None => assert!(reason.contains("basic service"), "{reason}"),
        }
        assert!(
            reason.contains(if *urgent { "urgent" } else { "normal" }),
            "{reason}"
        );
        assert!(reason.contains("reaction due"), "{reason}");
    }
}

async fn plannable_work_cannot_be_urgent_and_downgrades_need_a_reason(b: Backend) {
    let app = TestApp::spawn(b).await;
    for (code, plannable) in [("period-reports", true), ("fault", false)] {
        let r = app
            .post(
                "/api/v1/categories",
                json!({"code": code, "name": code, "plannable": plannable}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let (_, contact, _) = app.customer(&ico(55), "c@firma.example").await;
    let before = app.counts().await;
    let r = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Říjnové výkazy", "description": "Potřebujeme výkazy.", "requester_id": contact,
                   "category": "period-reports", "urgency": "urgent"}),
        )
        .await;
    assert_eq!(r.problem(422), ["urgency"]);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("in advance")
    );
    assert_eq!(app.counts().await, before);
    let normal = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Říjnové výkazy", "description": "Potřebujeme výkazy.", "requester_id": contact,
                   "category": "period-reports"}),
        )
        .await;
    assert_eq!(normal.status, 201, "{}", normal.body);
    let n = normal.body["number"].as_str().unwrap();
    let r = app
        .patch(
            &format!("/api/v1/tickets/{n}"),
            json!({"urgency": "urgent"}),
        )
        .await;
    assert_eq!(r.problem(422), ["urgency"]);

    let urgent = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Program padá", "description": "Nejde spustit.", "requester_id": contact,
                   "category": "fault", "urgency": "urgent"}),
        )
        .await;
    assert_eq!(urgent.status, 201, "{}", urgent.body);
    let u = urgent.body["number"].as_str().unwrap();
    // moving an urgent request into a plannable category is refused too
    let r = app
        .patch(
            &format!("/api/v1/tickets/{u}"),
            json!({"category": "period-reports"}),
        )
        .await;
    assert_eq!(r.problem(422), ["urgency"]);
    let before = app.counts().await;
    let r = app
        .patch(
            &format!("/api/v1/tickets/{u}"),
            json!({"urgency": "normal"}),
        )
        .await;
    assert_eq!(r.problem(422), ["reason"]);
    assert_eq!(app.counts().await, before);
    let r = app
        .patch(
            &format!("/api/v1/tickets/{u}"),
            json!({"urgency": "normal", "reason": "plánovaná práca, nie porucha"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let h = app.get(&format!("/api/v1/tickets/{u}/history")).await;
    assert!(
        h.body
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["field"] == "urgency"
                && e["new_value"] == "normal"
                && e["reason"] == "plánovaná práca, nie porucha"),
        "{}",
        h.body
    );
}

async fn ledgers_and_onboarding_entitlements(b: Backend) {
    let app = TestApp::spawn(b).await;
    let mut p = simple_plan("all-in-one", 2, &["email"]);
    p["remote_minutes_per_month"] = json!(60);
    p["work_minutes_per_month"] = json!(120);
    p["onboarding"] = json!([{"kind": "training", "within_days": 30}, {"kind": "installation"}]);
    let top = plan(&app, p).await;
    let mut p = simple_plan("standard", 1, &["email"]);
    p["onboarding"] = json!([{"kind": "training", "within_days": 30}]);
    let standard = plan(&app, p).await;
    let (org, _, _) = app.customer(&ico(999), "d@firma.example").await;
    contract(&app, org, standard, &local_date(1)).await;

    let month = &today()[..7];
    let l = app
        .get(&format!(
            "/api/v1/organizations/{org}/ledgers?month=2020-01"
        ))
        .await;
    assert_eq!(l.status, 200, "{}", l.body);
    assert_eq!(l.body[0]["kind"], "remote");
    assert_eq!(l.body[0]["plan_code"], "basic", "no contract then");
    assert_eq!(l.body[0]["included_minutes"], 0);
    let bad = app
        .get(&format!(
            "/api/v1/organizations/{org}/ledgers?month=2026-13"
        ))
        .await;
    assert_eq!(bad.problem(422), ["month"]);

    // a change to the top tier from today: its minutes, and installation granted; training is not granted twice
    contract(&app, org, top, &today()).await;
    let l = app
        .get(&format!(
            "/api/v1/organizations/{org}/ledgers?month={month}"
        ))
        .await;
    assert_eq!(l.body[0]["included_minutes"], 60);
    assert_eq!(l.body[1]["kind"], "work");
    assert_eq!(l.body[1]["included_minutes"], 120);
    let after = podpora_app::plans::record_minutes(
        &app.app.db,
        &Actor::Cli,
        org,
        month,
        "remote",
        90,
        None,
    )
    .await
    .unwrap();
    assert_eq!(
        (
            after.used_minutes,
            after.remaining_minutes,
            after.over_minutes
        ),
        (90, 0, 30)
    );
    let l = app
        .get(&format!(
            "/api/v1/organizations/{org}/ledgers?month={month}"
        ))
        .await;
    assert_eq!(l.body[0]["used_minutes"], 90);

    let e = app
        .get(&format!("/api/v1/organizations/{org}/entitlements"))
        .await;
    let e = e.body.as_array().unwrap().clone();
    let kinds: Vec<&str> = e.iter().map(|x| x["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["training", "installation"]);
    assert!(e.iter().all(|x| x["usable"] == true));
    let training = e[0]["id"].as_i64().unwrap();
    let used = app
        .post(
            &format!("/api/v1/entitlements/{training}/use"),
            json!({"note": "video call, one hour"}),
        )
        .await;
    assert_eq!(used.status, 200, "{}", used.body);
    assert_eq!(used.body["usable"], false);
    assert!(used.body["used_at"].is_string());
    let before = app.counts().await;
    let again = app
        .post(&format!("/api/v1/entitlements/{training}/use"), json!({}))
        .await;
    again.problem(409);
    assert!(again.body["detail"].as_str().unwrap().contains("once"));
    assert_eq!(app.counts().await, before);
}

async fn out_of_scope_answers_and_upsell_signals(b: Backend) {
    let app = TestApp::spawn(b).await;
    let answers = json!({"sk": "Mimo rozsahu.", "cs": "Mimo rozsah.", "pl": "Poza zakresem wsparcia.", "en": "Out of scope."});
    let missing = app
        .post(
            "/api/v1/scope-items",
            json!({"code": "templates", "title": "Template restyling", "answers": {"sk": "x", "cs": "x", "pl": "", "en": "x"}}),
        )
        .await;
    assert_eq!(missing.problem(422), ["answers.pl"]);
    let item = app
        .post(
            "/api/v1/scope-items",
            json!({"code": "templates", "product": "Serwisant", "title": "Template restyling", "answers": answers}),
        )
        .await;
    assert_eq!(item.status, 201, "{}", item.body);
    let item_id = item.body["id"].as_i64().unwrap();
    let (org, _, _) = app.customer(&ico(31), "e@firma.example").await;
    let c = app
        .post(
            "/api/v1/contacts",
            json!({"organization_id": org, "name": "Łukasz", "language": "pl", "emails": ["lukasz@firma.example"]}),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.body);
    let contact = c.body["id"].as_i64().unwrap();
    let mut numbers = Vec::new();
    for s in [
        "Jak zmienić szablon wydruku?",
        "Szablon wydruku ma złe logo",
        "Znowu szablon wydruku",
    ] {
        let t = app
            .post(
                "/api/v1/tickets",
                json!({"subject": s, "description": "Opis.", "requester_id": contact, "channel": "email"}),
            )
            .await;
        assert_eq!(t.status, 201, "{}", t.body);
        numbers.push(t.body["number"].as_str().unwrap().to_string());
    }
    let m = app
        .post(
            &format!("/api/v1/tickets/{}/out-of-scope", numbers[0]),
            json!({"scope_item_id": item_id}),
        )
        .await;
    assert_eq!(m.status, 201, "{}", m.body);
    assert_eq!(m.body["language"], "pl");
    assert_eq!(m.body["answer"], "Poza zakresem wsparcia.");
    assert_eq!(m.body["reply_to"], "lukasz@firma.example");
    let sent = app
        .get(&format!("/api/v1/tickets/{}/mail", numbers[0]))
        .await
        .body;
    let answer = sent
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["purpose"] == "out_of_scope")
        .expect("the answer is queued in the outbox");
    assert_eq!(answer["recipient"], "lukasz@firma.example");
    assert_eq!(answer["id"], m.body["outbox_id"]);
    // The answer is in the conversation, where the customer reads it too.
    let t = app.get(&format!("/api/v1/tickets/{}", numbers[0])).await;
    let last = t.body["articles"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["kind"], "public_reply", "{}", t.body);
    assert_eq!(last["body"], "Poza zakresem wsparcia.");
    let h = app
        .get(&format!("/api/v1/tickets/{}/history", numbers[0]))
        .await;
    assert!(
        h.body
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["field"] == "out_of_scope" && e["new_value"] == "templates"),
        "{}",
        h.body
    );
    let nope = app
        .post(
            &format!("/api/v1/tickets/{}/out-of-scope", numbers[0]),
            json!({"scope_item_id": 999}),
        )
        .await;
    assert_eq!(nope.problem(422), ["scope_item_id"]);

    // three similar questions flag the organization as a plan candidate
    let s = app.get(&format!("/api/v1/organizations/{org}/plan")).await;
    assert_eq!(s.body["plan_candidate"], true, "{}", s.body);
    assert!(
        s.body["upsell_signals"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("similar"),
        "{}",
        s.body
    );
    // paid service twice in half a year flags another one; once does not
    let (other, _, _) = app.customer(&ico(32), "f@firma.example").await;
    let paid = |day: String| json!({"performed_on": day, "amount": {"amount_minor": 4500, "currency": "EUR"}});
    let r = app
        .post(
            &format!("/api/v1/organizations/{other}/paid-services"),
            paid(today()),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let s = app
        .get(&format!("/api/v1/organizations/{other}/plan"))
        .await;
    assert_eq!(s.body["plan_candidate"], false, "{}", s.body);
    let r = app
        .post(
            &format!("/api/v1/organizations/{other}/paid-services"),
            paid(today()),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let s = app
        .get(&format!("/api/v1/organizations/{other}/plan"))
        .await;
    assert_eq!(s.body["plan_candidate"], true, "{}", s.body);
    assert!(
        s.body["upsell_signals"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("paid service 2 times")
    );
    // a customer with a plan is no candidate
    let p = plan(&app, simple_plan("sla", 1, &["email"])).await;
    contract(&app, other, p, &today()).await;
    let s = app
        .get(&format!("/api/v1/organizations/{other}/plan"))
        .await;
    assert_eq!(s.body["plan_candidate"], false, "{}", s.body);
}
