//! Each preset of `examples/presets/` loads and runs its company's rules, on both databases.

use crate::helpers::TestApp;
use crate::plans::{contract, ico, today};
use jiff::{SignedDuration, Timestamp, civil::Weekday};
use podpora_calendar::{BusinessCalendar, Country, OpeningHours, SlaTarget};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::{Value, json};

crate::on_both!(
    pbx_vendor_variant_3_answers_on_sunday_and_variant_1_on_monday,
    smart_home_integrator_sells_chat_and_phone_within_three_months_of_handover,
    saas_repair_shops_times_by_category_and_onboards_once,
    business_software_refuses_urgent_plannable_work_and_serves_tiers_first,
    web_services_takes_written_requests_by_category,
);

/// Loads a preset through the API and returns the plans by code.
async fn load(app: &TestApp, name: &str) -> Vec<Value> {
    let text = podpora::presets::get(name).unwrap();
    let r = app.post("/api/v1/catalogue", json!({"toml": text})).await;
    assert_eq!(r.status, 201, "{name}: {}", r.body);
    assert_eq!(r.body["preset"]["name"], name);
    assert_eq!(r.body["basic_service"], true);
    app.get("/api/v1/plans")
        .await
        .body
        .as_array()
        .unwrap()
        .clone()
}

fn plan_id(plans: &[Value], code: &str) -> i64 {
    plans
        .iter()
        .find(|p| p["code"] == code)
        .unwrap_or_else(|| panic!("no plan {code}"))["id"]
        .as_i64()
        .unwrap()
}

async fn handover(app: &TestApp, org: i64, day: &str) {
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/organizations/{org}/handover"),
            Some(json!({"handed_over_on": day})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

fn days_ago(n: i64) -> String {
    (Timestamp::now() - SignedDuration::from_hours(24 * n))
        .to_zoned(jiff::tz::TimeZone::get("Europe/Prague").unwrap())
        .date()
        .to_string()
}

fn clock<'a>(t: &'a Value, metric: &str) -> &'a Value {
    t["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["metric"] == metric)
        .unwrap_or_else(|| panic!("no {metric} clock in {t}"))
}

fn due(t: &Value, metric: &str) -> Timestamp {
    clock(t, metric)["due_at"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

fn message(r: &crate::helpers::Reply) -> String {
    r.body["errors"][0]["message"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

async fn pbx_vendor_variant_3_answers_on_sunday_and_variant_1_on_monday(b: Backend) {
    let app = TestApp::spawn(b).await;
    let plans = load(&app, "pbx-vendor").await;
    // the three-variant table, row by row
    let row = |k: &str| -> Vec<Value> {
        ["variant-1", "variant-2", "variant-3"]
            .iter()
            .map(|c| plans.iter().find(|p| p["code"] == *c).unwrap()[k].clone())
            .collect()
    };
    assert_eq!(
        row("remote_minutes_per_month"),
        [json!(60), json!(180), json!(240)]
    );
    assert_eq!(
        row("work_minutes_per_month"),
        [json!(0), json!(0), json!(120)]
    );
    assert_eq!(
        row("preventive_checks_per_month"),
        [json!(0), json!(0), json!(2)]
    );
    assert_eq!(
        row("included_time_for_changes"),
        [json!(false), json!(true), json!(true)]
    );
    assert_eq!(
        row("hardware_replacement"),
        [json!("2bd"), json!("1bd"), json!("24ch")]
    );
    assert_eq!(
        row("hardware_visit_guarantee"),
        [json!(false), json!(false), json!(true)]
    );
    assert_eq!(
        row("guarantee_remote_resolution"),
        [json!("3bd"), json!("2bd"), json!("24ch")]
    );
    assert_eq!(
        row("guarantee_visit"),
        [json!("3bd"), json!("2bd"), json!("24ch")]
    );
    assert_eq!(
        row("guarantee_restore"),
        [json!("3bd"), json!("2bd"), json!("24ch")]
    );
    let prices: Vec<Value> = row("monthly_price")
        .iter()
        .map(|m| m["amount_minor"].clone())
        .collect();
    assert_eq!(prices, [json!(4500), json!(15000), json!(35000)]);
    assert_eq!(plans[0]["code"], "variant-3", "the highest rank first");

    let zone = BusinessCalendar::new("Europe/Bratislava", OpeningHours::always(), None).unwrap();
    // the latest Sunday 10:00 in the past (within the 30 days a report may be backdated)
    let mut day = zone.local_date(Timestamp::now());
    while day.weekday() != Weekday::Sunday {
        day = day.yesterday().unwrap();
    }
    let mut sunday = zone.parse_instant(&format!("{day}T10:00")).unwrap();
    if sunday > Timestamp::now() {
        sunday = zone
            .parse_instant(&format!(
                "{}T10:00",
                day.checked_sub(jiff::Span::new().days(7)).unwrap()
            ))
            .unwrap();
    }
    let mut tickets = Vec::new();
    for (i, code) in ["variant-3", "variant-1"].iter().enumerate() {
        let (org, contact, _) = app
            .customer(&ico(100 + i as u32), &format!("pbx{i}@firma.example"))
            .await;
        contract(&app, org, plan_id(&plans, code), &days_ago(40)).await;
        let r = app
            .post(
                "/api/v1/tickets",
                json!({"subject": "Ústredňa nevolá von", "description": "Od rána.", "requester_id": contact,
                       "channel": "phone", "category": "fault", "reported_at": sunday.to_string()}),
            )
            .await;
        assert_eq!(r.status, 201, "{code}: {}", r.body);
        tickets.push(r.body);
    }
    assert_eq!(clock(&tickets[0], "reaction")["target"], "1h");
    assert_eq!(
        due(&tickets[0], "reaction"),
        sunday + SignedDuration::from_hours(1),
        "Variant 3 hours include weekends 9:00-18:00"
    );
    let v1 = BusinessCalendar::new(
        "Europe/Bratislava",
        OpeningHours::parse("mon-fri 08:30-17:00").unwrap(),
        Some(Country::SK),
    )
    .unwrap();
    let v1_due = due(&tickets[1], "reaction");
    assert_eq!(clock(&tickets[1], "reaction")["target"], "4h");
    assert_eq!(
        v1_due,
        SlaTarget::parse("4h").unwrap().due(&v1, sunday).unwrap()
    );
    assert_ne!(zone.local_date(v1_due).weekday(), Weekday::Sunday);
    assert!(
        v1_due > sunday + SignedDuration::from_hours(22),
        "waits until Monday"
    );
    // Variant 1's phone line has hours of its own (the Mon-Fri hotline): a call on Sunday is
    // accepted and timed from the line's next opening, its calendar-time target too.
    let opens = v1.next_opening(sunday).unwrap();
    assert_eq!(
        due(&tickets[1], "resolution"),
        opens + SignedDuration::from_hours(336),
        "faults are resolved within two weeks of the line's opening"
    );
    let q = app.get("/api/v1/queue").await;
    assert_eq!(q.body[0]["number"], tickets[0]["number"]);
    assert_eq!(q.body[0]["plan_code"], "variant-3");
}

async fn smart_home_integrator_sells_chat_and_phone_within_three_months_of_handover(b: Backend) {
    let app = TestApp::spawn(b).await;
    let plans = load(&app, "smart-home-integrator").await;
    let ask = |contact: i64, channel: &str| json!({"subject": "Žalúzie nejdú", "description": "Centrálna jednotka CU-1.", "requester_id": contact, "channel": channel});
    let (basic, basic_contact, _) = app.customer(&ico(201), "zakladny@dom.example").await;
    let before = app.counts().await;
    let r = app
        .post("/api/v1/tickets", ask(basic_contact, "chat"))
        .await;
    assert_eq!(r.problem(422), ["channel"]);
    assert!(
        message(&r).contains("SMART") && message(&r).contains("PREMIUM"),
        "{}",
        message(&r)
    );
    let r = app
        .post("/api/v1/tickets", ask(basic_contact, "phone"))
        .await;
    assert!(
        message(&r).contains("PREMIUM") && !message(&r).contains("SMART"),
        "{}",
        message(&r)
    );
    assert_eq!(app.counts().await, before);
    let r = app
        .post("/api/v1/tickets", ask(basic_contact, "portal"))
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(clock(&r.body, "first_answer")["target"], "2bd");
    let s = app
        .get(&format!("/api/v1/organizations/{basic}/plan"))
        .await;
    assert_eq!(s.body["entitlement"]["plan_code"], "basic");

    // a package only within 3 months of the hand-over protocol
    let (smart, smart_contact, _) = app.customer(&ico(202), "smart@dom.example").await;
    handover(&app, smart, &days_ago(130)).await;
    let before = app.counts().await;
    let late = app
        .post(
            "/api/v1/contracts",
            json!({"organization_id": smart, "plan_id": plan_id(&plans, "smart"), "starts_on": today()}),
        )
        .await;
    assert_eq!(late.problem(422), ["starts_on"]);
    assert!(message(&late).contains("3 month"), "{}", message(&late));
    assert_eq!(app.counts().await, before);
    handover(&app, smart, &days_ago(20)).await;
    contract(&app, smart, plan_id(&plans, "smart"), &today()).await;
    let r = app
        .post("/api/v1/tickets", ask(smart_contact, "phone"))
        .await;
    assert_eq!(r.problem(422), ["channel"]);
    assert!(message(&r).contains("PREMIUM"), "{}", message(&r));
    let smart_ticket = app
        .post("/api/v1/tickets", ask(smart_contact, "chat"))
        .await;
    assert_eq!(smart_ticket.status, 201, "{}", smart_ticket.body);
    assert_eq!(clock(&smart_ticket.body, "reaction")["target"], "4h");

    let (premium, premium_contact, _) = app.customer(&ico(203), "premium@dom.example").await;
    handover(&app, premium, &today()).await;
    contract(&app, premium, plan_id(&plans, "premium"), &today()).await;
    let p = app
        .post("/api/v1/tickets", ask(premium_contact, "phone"))
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
    let premium_plan = plans.iter().find(|p| p["code"] == "premium").unwrap();
    assert_eq!(premium_plan["free_remote_diagnostics"], true);
    assert_eq!(premium_plan["pay_later"], true);
    assert_eq!(premium_plan["handover_window_months"], 3);
    // packages first, the higher first, the basic customer last
    let q = app.get("/api/v1/queue").await;
    let order: Vec<&str> = q
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["plan_code"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["premium", "smart", "basic"]);
}

async fn saas_repair_shops_times_by_category_and_onboards_once(b: Backend) {
    let app = TestApp::spawn(b).await;
    let plans = load(&app, "saas-repair-shops").await;
    let cal = BusinessCalendar::new(
        "Europe/Warsaw",
        OpeningHours::parse("mon-fri 09:00-16:00").unwrap(),
        Some(Country::PL),
    )
    .unwrap();
    // 10:00 on the latest business day at least a day ago
    let mut day = cal.local_date(Timestamp::now() - SignedDuration::from_hours(24));
    while !cal.is_business_day(day) {
        day = day.yesterday().unwrap();
    }
    let reported = cal.parse_instant(&format!("{day}T10:00")).unwrap();
    let (org, _, _) = app.customer(&ico(301), "serwis@naprawa.example").await;
    let c = app
        .post(
            "/api/v1/contacts",
            json!({"organization_id": org, "name": "Łukasz Żółkiewski", "language": "pl", "emails": ["lukasz@naprawa.example"]}),
        )
        .await;
    let contact = c.body["id"].as_i64().unwrap();
    contract(&app, org, plan_id(&plans, "trial"), &days_ago(40)).await;
    let mut numbers = Vec::new();
    for category in ["payments", "complaint"] {
        let r = app
            .post(
                "/api/v1/tickets",
                json!({"subject": "Problem", "description": format!("Opis ({category})."), "requester_id": contact, "channel": "email",
                       "category": category, "reported_at": reported.to_string()}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        numbers.push(r.body["number"].as_str().unwrap().to_string());
        let d = due(&r.body, "resolution");
        if category == "payments" {
            assert_eq!(cal.local_date(d), day, "payments are solved the same day");
            assert_eq!(d, cal.same_business_day(reported).unwrap());
        } else {
            assert_eq!(d, cal.add_business_days(reported, 2).unwrap());
        }
    }
    // trial: free training; all-in-one from today adds the one-time installation, not a second training
    contract(&app, org, plan_id(&plans, "all-in-one"), &today()).await;
    let e = app
        .get(&format!("/api/v1/organizations/{org}/entitlements"))
        .await;
    let kinds: Vec<&str> = e
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["training", "installation"]);
    let installation = e.body[1]["id"].as_i64().unwrap();
    let r = app
        .post(
            &format!("/api/v1/entitlements/{installation}/use"),
            json!({"ticket_number": numbers[1]}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app
        .post(
            &format!("/api/v1/entitlements/{installation}/use"),
            json!({}),
        )
        .await;
    r.problem(409);
    // the training was granted 40 days ago for 30 days: expired
    let training = e.body[0]["id"].as_i64().unwrap();
    assert_eq!(e.body[0]["usable"], false);
    let r = app
        .post(&format!("/api/v1/entitlements/{training}/use"), json!({}))
        .await;
    r.problem(409);
    assert!(r.body["detail"].as_str().unwrap().contains("expired"));

    let items = app.get("/api/v1/scope-items").await;
    assert_eq!(items.body.as_array().unwrap().len(), 6);
    let restyle = items
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "template-restyling")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let m = app
        .post(
            &format!("/api/v1/tickets/{}/out-of-scope", numbers[1]),
            json!({"scope_item_id": restyle}),
        )
        .await;
    assert_eq!(m.status, 201, "{}", m.body);
    assert_eq!(m.body["language"], "pl");
    assert!(m.body["answer"].as_str().unwrap().contains("szablonów"));
}

async fn business_software_refuses_urgent_plannable_work_and_serves_tiers_first(b: Backend) {
    let app = TestApp::spawn(b).await;
    let plans = load(&app, "business-software").await;
    let mut contacts = Vec::new();
    for (i, code) in [None, Some("rychlost-standard"), Some("rychlost-plus")]
        .iter()
        .enumerate()
    {
        let (org, contact, _) = app
            .customer(&ico(400 + i as u32), &format!("vis{i}@firma.example"))
            .await;
        if let Some(c) = code {
            contract(&app, org, plan_id(&plans, c), &today()).await;
        }
        contacts.push(contact);
    }
    let ask = |contact: i64, category: &str, urgency: &str| {
        json!({"subject": "Požadavek", "description": format!("Popis ({category}, {urgency})."), "requester_id": contact, "channel": "api",
               "category": category, "urgency": urgency})
    };
    let before = app.counts().await;
    let r = app
        .post("/api/v1/tickets", ask(contacts[0], "repricing", "urgent"))
        .await;
    assert_eq!(r.problem(422), ["urgency"]);
    let r = app
        .post(
            "/api/v1/tickets",
            ask(contacts[0], "period-reports", "urgent"),
        )
        .await;
    assert_eq!(r.problem(422), ["urgency"]);
    assert_eq!(app.counts().await, before);
    let basic_urgent = app
        .post("/api/v1/tickets", ask(contacts[0], "fault", "urgent"))
        .await;
    assert_eq!(basic_urgent.status, 201, "{}", basic_urgent.body);
    let standard_urgent = app
        .post("/api/v1/tickets", ask(contacts[1], "fault", "urgent"))
        .await;
    let standard_normal = app
        .post(
            "/api/v1/tickets",
            ask(contacts[1], "period-reports", "normal"),
        )
        .await;
    let plus_normal = app
        .post("/api/v1/tickets", ask(contacts[2], "repricing", "normal"))
        .await;
    assert_eq!(plus_normal.status, 201, "{}", plus_normal.body);
    let q = app.get("/api/v1/queue").await;
    let order: Vec<&Value> = q
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["number"])
        .collect();
    assert_eq!(
        order,
        [
            &plus_normal.body["number"],
            &standard_urgent.body["number"],
            &standard_normal.body["number"],
            &basic_urgent.body["number"]
        ]
    );
    // a wrongly urgent request is downgraded only with a reason
    let n = basic_urgent.body["number"].as_str().unwrap();
    let r = app
        .patch(
            &format!("/api/v1/tickets/{n}"),
            json!({"urgency": "normal"}),
        )
        .await;
    assert_eq!(r.problem(422), ["reason"]);
    let r = app
        .patch(
            &format!("/api/v1/tickets/{n}"),
            json!({"urgency": "normal", "reason": "plánovatelné"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

async fn web_services_takes_written_requests_by_category(b: Backend) {
    let app = TestApp::spawn(b).await;
    let plans = load(&app, "web-services").await;
    assert!(plans.is_empty(), "the page describes no support plans");
    let cats = app.get("/api/v1/categories").await;
    assert_eq!(cats.body.as_array().unwrap().len(), 9);
    let (_, contact, _) = app.customer(&ico(501), "klient@web.example").await;
    let ask = |channel: &str, category: &str| {
        json!({"subject": "Nová schránka", "description": format!("Prosím o zřízení ({channel}, {category})."), "requester_id": contact,
               "channel": channel, "category": category})
    };
    let r = app.post("/api/v1/tickets", ask("chat", "mailbox")).await;
    assert_eq!(r.problem(422), ["channel"]);
    assert!(
        message(&r).contains("no plan includes it"),
        "{}",
        message(&r)
    );
    let r = app.post("/api/v1/tickets", ask("portal", "mailbox")).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(clock(&r.body, "reaction")["target"], "1h");
    let r = app.post("/api/v1/tickets", ask("portal", "express")).await;
    assert_eq!(clock(&r.body, "reaction")["target"], "30m");
    let long = "x".repeat(8001);
    let r = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Dlouhé", "description": long, "requester_id": contact, "channel": "portal"}),
        )
        .await;
    assert_eq!(r.problem(422), ["description"]);
}
