//! SLA clocks through the API: calendars, policies, a ticket reported out of hours, the reaction
//! clock stopped by the delivery event, pauses, resolution (R-30 … R-33).

use crate::helpers::TestApp;
use jiff::{SignedDuration, Timestamp};
use podpora_calendar::{BusinessCalendar, Country, OpeningHours, SlaTarget};
use podpora_testkit::Backend;
use serde_json::{Value, json};

crate::on_both!(
    clocks_follow_the_ticket_through_its_life,
    pauses_push_the_due_time_and_categories_override,
    a_breach_escalates_once_across_restarts,
    a_warning_comes_once_at_the_configured_share,
    changing_a_calendar_recomputes_running_clocks,
    policies_change_for_new_tickets_and_visits_stop_their_clock,
);

fn clock<'a>(t: &'a Value, metric: &str) -> &'a Value {
    t["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["metric"] == metric)
        .unwrap_or_else(|| panic!("no {metric} clock in {t}"))
}

fn instant(v: &Value) -> Timestamp {
    v.as_str().unwrap().parse().unwrap()
}

async fn setup(app: &TestApp) -> i64 {
    let cal = app.post("/api/v1/calendars", json!({"name": "Kancelária SK", "time_zone": "Europe/Bratislava", "hours": "mon-fri 08:30-17:00", "holidays": "SK"})).await;
    assert_eq!(cal.status, 201, "{}", cal.body);
    let id = cal.body["id"].as_i64().unwrap();
    let p = app.post("/api/v1/sla-policies", json!({"name": "Štandard", "calendar_id": id, "reaction": "4h", "first_answer": "8h", "resolution": "2bd"})).await;
    assert_eq!(p.status, 201, "{}", p.body);
    id
}

async fn clocks_follow_the_ticket_through_its_life(b: Backend) {
    let app = TestApp::spawn(b).await;
    setup(&app).await;
    let (_, contact, _) = app.customer("27082440", "petr@firma.example").await;
    let cal = BusinessCalendar::new(
        "Europe/Bratislava",
        OpeningHours::parse("mon-fri 08:30-17:00").unwrap(),
        Some(Country::SK),
    )
    .unwrap();
    // ten days ago at 22:00 local: out of hours whatever the weekday
    let day = cal.local_date(Timestamp::now() - SignedDuration::from_hours(240));
    let reported = cal.parse_instant(&format!("{day}T22:00")).unwrap();
    let r = app.post("/api/v1/tickets", json!({"subject": "Ústredňa nefunguje", "description": "Nejde volať von.", "requester_id": contact, "reported_at": reported.to_string()})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let number = r.body["number"].as_str().unwrap().to_string();
    let reaction = clock(&r.body, "reaction");
    let expected = SlaTarget::parse("4h").unwrap().due(&cal, reported).unwrap();
    assert_eq!(instant(&reaction["due_at"]), expected);
    assert!(
        expected > reported + SignedDuration::from_hours(4),
        "counting starts at the next opening"
    );
    assert_eq!(
        reaction["state"], "breached",
        "ten days later, unacknowledged"
    );
    assert!(reaction["remaining_business_minutes"].as_i64().unwrap() < 0);
    assert_eq!(
        instant(&clock(&r.body, "resolution")["due_at"]),
        cal.add_business_days(reported, 2).unwrap()
    );

    // the acknowledgement reached the customer a minute after the report: reaction met
    let delivered = reported + SignedDuration::from_mins(1);
    let r = app
        .post(
            &format!("/api/v1/tickets/{number}/events/acknowledgement-delivered"),
            json!({"at": delivered.to_string()}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["status"], "acknowledged");
    let reaction = clock(&r.body, "reaction");
    assert_eq!(reaction["state"], "met");
    assert_eq!(instant(&reaction["met_at"]), delivered);
    let bad = app
        .post(
            &format!("/api/v1/tickets/{number}/events/acknowledgement-delivered"),
            json!({"at": "2000-01-01T00:00:00Z"}),
        )
        .await;
    assert_eq!(bad.problem(422), ["at"]);

    // a public reply meets the first-answer clock (late: ten days)
    app.post(
        &format!("/api/v1/tickets/{number}/articles"),
        json!({"kind": "public_reply", "body": "Dobrý deň, pozrieme sa na to."}),
    )
    .await;
    // waiting for the customer pauses the open clocks
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"status": "waiting_for_customer"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(clock(&r.body, "first_answer")["state"], "breached");
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"status": "in_progress"}),
        )
        .await;
    assert_eq!(
        clock(&r.body, "resolution")["state"],
        "breached",
        "a pause after the due time does not rescue it"
    );
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"status": "resolved"}),
        )
        .await;
    let res = clock(&r.body, "resolution");
    assert!(res["met_at"].is_string());
    assert_eq!(res["state"], "breached");
    assert_eq!(res["breached"], true);
    let got = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(clock(&got.body, "reaction")["state"], "met");

    let from = (reported - SignedDuration::from_hours(24)).to_string();
    let to = (Timestamp::now() + SignedDuration::from_hours(24)).to_string();
    let rep = app
        .get(&format!("/api/v1/reports/sla?from={from}&to={to}"))
        .await;
    assert_eq!(rep.status, 200, "{}", rep.body);
    let p = &rep.body["by_policy"][0];
    assert_eq!(
        (
            p["count"].as_i64(),
            p["breached"].as_i64(),
            p["met"].as_i64()
        ),
        (Some(1), Some(1), Some(0))
    );
    assert_eq!(
        p["reaction_median_minutes"], 0,
        "delivered out of hours: no business time passed"
    );
    assert_eq!(rep.body["by_organization"][0]["count"], 1);
    let bad = app
        .get(&format!("/api/v1/reports/sla?from={to}&to={from}"))
        .await;
    assert_eq!(bad.problem(422), ["to"]);
}

async fn pauses_push_the_due_time_and_categories_override(b: Backend) {
    let app = TestApp::spawn(b).await;
    setup(&app).await;
    let nonstop = app
        .post(
            "/api/v1/calendars",
            json!({"name": "Nonstop", "time_zone": "Europe/Warsaw", "hours": "24x7"}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let p = app.post("/api/v1/sla-policies", json!({"name": "Platby", "calendar_id": nonstop, "category": "payments", "resolution": "48ch"})).await;
    assert_eq!(p.status, 201, "{}", p.body);
    let dup = app.post("/api/v1/sla-policies", json!({"name": "Again", "calendar_id": nonstop, "category": "payments", "resolution": "1h"})).await;
    assert_eq!(dup.problem(422), ["category"]);
    let bad = app
        .post(
            "/api/v1/sla-policies",
            json!({"name": "Bad", "calendar_id": 999, "reaction": "soon"}),
        )
        .await;
    assert_eq!(bad.problem(422), ["reaction"]);
    let bad = app.post("/api/v1/calendars", json!({"name": "Bad", "time_zone": "Europe/Atlantis", "hours": "mon-fri 8-17", "holidays": "DE", "closures": ["31.12.2026"]})).await;
    assert_eq!(
        bad.problem(422),
        ["hours", "holidays", "time_zone", "closures[0]"]
    );

    let (_, contact, _) = app.customer("27082440", "petr@firma.example").await;
    let r = app.post("/api/v1/tickets", json!({"subject": "Platba neprešla", "description": "Karta zamietnutá.", "requester_id": contact, "category": "payments"})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let number = r.body["number"].as_str().unwrap().to_string();
    assert_eq!(
        r.body["clocks"].as_array().unwrap().len(),
        1,
        "the category's policy replaces the default"
    );
    let res = clock(&r.body, "resolution");
    assert_eq!(res["target"], "48ch");
    let due0 = instant(&res["due_at"]);
    assert_eq!(
        due0,
        instant(&r.body["created_at"]) + SignedDuration::from_hours(48)
    );

    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"status": "waiting_for_payment"}),
        )
        .await;
    let paused = clock(&r.body, "resolution");
    assert_eq!(paused["state"], "paused");
    assert!(paused["due_at"].is_null());
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"status": "in_progress"}),
        )
        .await;
    let resumed = clock(&r.body, "resolution");
    assert_eq!(resumed["state"], "running");
    let due1 = instant(&resumed["due_at"]);
    assert!(
        due1 >= due0 + SignedDuration::from_millis(1000),
        "{due0} -> {due1}"
    );
    assert!(due1 < due0 + SignedDuration::from_secs(30));
}

async fn a_breach_escalates_once_across_restarts(b: Backend) {
    // the scheduler is off: the server is "down" while the reaction target passes
    let app = TestApp::spawn(b).await;
    let cal = setup(&app).await;
    let lead = app.post("/api/v1/agents", json!({"email": "veduci@podpora.test", "name": "Vedúci", "language": "sk", "roles": ["dispatcher"]})).await;
    assert_eq!(lead.status, 201, "{}", lead.body);
    let escalation = app
        .post(
            "/api/v1/teams",
            json!({"name": "Escalations", "lead_agent_id": lead.body["id"]}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let p = app.post("/api/v1/sla-policies", json!({"name": "Urgent line", "calendar_id": cal, "category": "outage", "reaction": "1h", "escalate_team_id": escalation})).await;
    assert_eq!(p.status, 201, "{}", p.body);
    let (_, contact, _) = app.customer("27082440", "petr@firma.example").await;
    let reported = Timestamp::now() - SignedDuration::from_hours(24 * 7);
    let r = app.post("/api/v1/tickets", json!({"subject": "Výpadok", "description": "Nič nefunguje.", "requester_id": contact, "category": "outage", "reported_at": reported.to_string()})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let number = r.body["number"].as_str().unwrap().to_string();
    assert_eq!(r.body["urgency"], "normal");
    assert!(app.history_of(&number, "sla_breached").await.is_empty());

    // back up with the scheduler: the missed escalation happens
    let app = app.restart(1).await;
    let mut fired = Vec::new();
    for _ in 0..50 {
        fired = app.history_of(&number, "sla_breached").await;
        if !fired.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(fired.len(), 1, "escalated after the restart");
    assert_eq!(fired[0]["actor"], "system");
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["urgency"], "urgent");
    assert_eq!(t.body["team_id"], escalation);

    // another restart and more passes: nothing fires twice
    let app = app.restart(1).await;
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(app.history_of(&number, "sla_breached").await.len(), 1);
    // one notice, to the lead of the team the ticket was escalated to (beside the request's
    // confirmation to the customer)
    let mail = app.get(&format!("/api/v1/tickets/{number}/mail")).await;
    let mail: Vec<_> = mail
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["purpose"] != "confirmation")
        .collect();
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert_eq!(mail[0]["purpose"], "sla_breach");
    assert_eq!(mail[0]["recipient"], "veduci@podpora.test");
    assert!(
        mail[0]["subject"]
            .as_str()
            .unwrap()
            .starts_with("Porušenie SLA"),
        "{}",
        mail[0]
    );
}

async fn a_warning_comes_once_at_the_configured_share(b: Backend) {
    let app = TestApp::spawn(b).await;
    let nonstop = app
        .post(
            "/api/v1/calendars",
            json!({"name": "Nonstop", "time_zone": "Europe/Prague", "hours": "24x7"}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    app.post("/api/v1/sla-policies", json!({"name": "Default", "calendar_id": nonstop, "resolution": "48ch", "warn_percent": 75})).await;
    let (_, contact, _) = app.customer("27082440", "petr@firma.example").await;
    let make = |hours_ago: i64| {
        let reported = Timestamp::now() - SignedDuration::from_hours(hours_ago);
        json!({"subject": "Pomalý systém", "description": format!("Ide to pomaly už {hours_ago} h."), "requester_id": contact, "reported_at": reported.to_string()})
    };
    let warned = app.post("/api/v1/tickets", make(37)).await.body["number"]
        .as_str()
        .unwrap()
        .to_string(); // 77 % elapsed
    let calm = app.post("/api/v1/tickets", make(30)).await.body["number"]
        .as_str()
        .unwrap()
        .to_string(); // 62 %
    let now = podpora_app::now_ms();
    let first = podpora_app::sla::tick(&app.app, now).await.unwrap();
    assert_eq!((first.warnings, first.escalations), (1, 0));
    let again = podpora_app::sla::tick(&app.app, now + 1000).await.unwrap();
    assert_eq!((again.warnings, again.escalations), (0, 0));
    assert_eq!(app.history_of(&warned, "sla_warning").await.len(), 1);
    assert!(app.history_of(&calm, "sla_warning").await.is_empty());
    // 12 hours later the first is breached and the second past its warning share
    let later = podpora_app::sla::tick(&app.app, now + 12 * 3_600_000)
        .await
        .unwrap();
    assert_eq!((later.warnings, later.escalations), (1, 1));
    assert_eq!(
        later.notices, 0,
        "no team and nobody assigned: nobody to tell"
    );
    assert_eq!(app.history_of(&warned, "sla_notice").await.len(), 2);
}

async fn changing_a_calendar_recomputes_running_clocks(b: Backend) {
    let app = TestApp::spawn(b).await;
    let cal = setup(&app).await;
    let (_, contact, _) = app.customer("27082440", "petr@firma.example").await;
    let reported = Timestamp::from_millisecond(
        (Timestamp::now() - SignedDuration::from_mins(10)).as_millisecond(),
    )
    .unwrap();
    let r = app.post("/api/v1/tickets", json!({"subject": "x", "description": "y", "requester_id": contact, "reported_at": reported.to_string()})).await;
    let number = r.body["number"].as_str().unwrap().to_string();
    let r = app.call(reqwest::Method::PUT, &format!("/api/v1/calendars/{cal}"), Some(json!({"name": "Nonstop SK", "time_zone": "Europe/Bratislava", "hours": "24x7", "holidays": "SK"}))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["clocks_recomputed"], 3);
    assert_eq!(r.body["calendar"]["hours"], "24x7");
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(
        instant(&clock(&t.body, "reaction")["due_at"]),
        reported + SignedDuration::from_hours(4)
    );
    let before = app.counts().await;
    let bad = app
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/calendars/{cal}"),
            Some(json!({"name": "x", "time_zone": "Europe/Bratislava", "hours": ""})),
        )
        .await;
    assert_eq!(bad.problem(422), ["hours"]);
    assert_eq!(app.counts().await, before);
}

async fn policies_change_for_new_tickets_and_visits_stop_their_clock(b: Backend) {
    let app = TestApp::spawn(b).await;
    let cal = setup(&app).await;
    let policies = app.get("/api/v1/sla-policies").await;
    let id = policies.body[0]["id"].as_i64().unwrap();
    let (_, contact, _) = app.customer("27082440", "petr@firma.example").await;
    // Two different requests: the same one sent again would join the first ticket.
    let ticket = |d: &str| json!({"subject": "x", "description": d, "requester_id": contact});
    let before = app.post("/api/v1/tickets", ticket("before")).await;
    let r = app
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/sla-policies/{id}"),
            Some(
                json!({"name": "Štandard+", "calendar_id": cal, "reaction": "2h", "visit": "1bd"}),
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["visit"], "1bd");
    let after = app.post("/api/v1/tickets", ticket("after")).await;
    assert_eq!(
        clock(&before.body, "reaction")["target"],
        "4h",
        "running clocks keep their promise"
    );
    assert_eq!(clock(&after.body, "reaction")["target"], "2h");
    let number = after.body["number"].as_str().unwrap();
    let r = app
        .post(
            &format!("/api/v1/tickets/{number}/events/visit-started"),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(clock(&r.body, "visit")["state"], "met");
    assert_eq!(r.body["status"], "new", "a visit does not acknowledge");
    let h = app.history_of(number, "visit_started").await;
    assert_eq!(h.len(), 1);
    // a policy that timed tickets cannot be deleted; an unused one can
    app.call(
        reqwest::Method::DELETE,
        &format!("/api/v1/sla-policies/{id}"),
        None,
    )
    .await
    .problem(409);
    let spare = app
        .post(
            "/api/v1/sla-policies",
            json!({"name": "Spare", "calendar_id": cal, "category": "spare", "reaction": "1h"}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        app.call(
            reqwest::Method::DELETE,
            &format!("/api/v1/sla-policies/{spare}"),
            None
        )
        .await
        .status,
        204
    );
    let r = app
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/sla-policies/{id}"),
            Some(json!({"name": "", "calendar_id": 999})),
        )
        .await;
    assert_eq!(r.problem(422), ["name", "reaction"]);
}
