//! Quotes with a deadline through the API: an agent quotes, the customer is mailed and
//! accepts or declines; an accepted deadline is a clock the scheduler warns about and
//! escalates, which a calendar change does not move.

use crate::helpers::TestApp;
use crate::mail::support_mail;
use jiff::Timestamp;
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::{Value, json};

crate::on_both!(
    an_accepted_deadline_is_a_clock_warned_then_escalated,
    a_declined_quote_starts_no_clock_and_another_may_follow,
    quotes_are_refused_when_one_is_pending_the_ticket_is_finished_or_not_theirs,
    a_pause_leaves_the_agreed_deadline_and_resolving_meets_it,
);

const HOUR: i64 = 3_600_000;

/// A nonstop calendar and a default policy warning at 75 %; returns the calendar.
async fn policy(app: &TestApp) -> i64 {
    let cal = app
        .post(
            "/api/v1/calendars",
            json!({"name": "Nonstop", "time_zone": "Europe/Prague", "hours": "24x7"}),
        )
        .await;
    assert_eq!(cal.status, 201, "{}", cal.body);
    let id = cal.body["id"].as_i64().unwrap();
    let p = app
        .post(
            "/api/v1/sla-policies",
            json!({"name": "Default", "calendar_id": id, "resolution": "5bd", "warn_percent": 75}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
    id
}

/// A ticket of a new customer: (organization, ticket number).
async fn ticket(app: &TestApp, ico: &str, email: &str, subject: &str) -> (i64, String) {
    let (org, contact, _) = app.customer(ico, email).await;
    let r = app
        .post(
            "/api/v1/tickets",
            json!({"subject": subject, "description": "Nejde zdroj.", "requester_id": contact}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    (org, r.body["number"].as_str().unwrap().to_owned())
}

/// A technician of a team the ticket belongs to (technicians see their team's tickets).
async fn technician(app: &TestApp, number: &str) -> String {
    let team = app.post("/api/v1/teams", json!({"name": "Servis"})).await;
    assert_eq!(team.status, 201, "{}", team.body);
    let id = team.body["id"].as_i64().unwrap();
    let r = app
        .patch(&format!("/api/v1/tickets/{number}"), json!({"team_id": id}))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    app.agent_token("technik@podpora.test", &["technician"], &[id])
        .await
        .1
}

fn deadline_in(hours: i64) -> Timestamp {
    // Whole seconds: the stored instant has milliseconds, the comparison is exact.
    Timestamp::from_second(Timestamp::now().as_second() + hours * 3600).unwrap()
}

async fn quote(app: &TestApp, token: &str, number: &str, deadline: Timestamp) -> Value {
    let r = app
        .call_as(
            Some(token),
            Method::POST,
            &format!("/api/v1/tickets/{number}/quotes"),
            Some(json!({"price": "1200.50", "covers": "Výmena zdroja ústredne", "deadline": deadline.to_string()})),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body
}

fn clock(t: &Value, metric: &str) -> Option<Value> {
    t["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["metric"] == metric)
        .cloned()
}

async fn an_accepted_deadline_is_a_clock_warned_then_escalated(b: Backend) {
    let app = TestApp::spawn_with_mail(b, support_mail()).await;
    let cal = policy(&app).await;
    let (org, number) = ticket(&app, "27082440", "petr@firma.example", "Ústredňa nejde").await;
    let tech = technician(&app, &number).await;
    let deadline = deadline_in(10);
    let q = quote(&app, &tech, &number, deadline).await;
    assert_eq!(q["state"], "pending");
    assert_eq!(
        (
            q["price"]["amount_minor"].as_i64(),
            q["price"]["currency"].as_str()
        ),
        (Some(120_050), Some("EUR")),
        "no price list: the customer's country's currency"
    );
    assert_eq!(
        q["deadline_at"]
            .as_str()
            .unwrap()
            .parse::<Timestamp>()
            .unwrap(),
        deadline
    );
    let history = app.history_of(&number, "quote_offered").await;
    assert_eq!(history.len(), 1);

    // the customer is told in their language
    let mail = app.get(&format!("/api/v1/tickets/{number}/mail")).await;
    let sent: Vec<&Value> = mail
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["purpose"] == "quote_offered")
        .collect();
    assert_eq!(sent.len(), 1, "{}", mail.body);
    assert_eq!(sent[0]["recipient"], "petr@firma.example");
    assert!(
        sent[0]["subject"]
            .as_str()
            .unwrap()
            .starts_with("Cenová ponuka k vašej požiadavke: Ústredňa nejde"),
        "{}",
        sent[0]
    );

    // the customer accepts through its key: the deadline is a clock due at the deadline
    let key = app.org_key(org).await;
    let id = q["id"].as_i64().unwrap();
    let accepted = app
        .call_as(
            Some(&key),
            Method::POST,
            &format!("/api/v1/tickets/{number}/quotes/{id}/accept"),
            Some(json!({})),
        )
        .await;
    assert_eq!(accepted.status, 200, "{}", accepted.body);
    assert_eq!(accepted.body["state"], "accepted");
    assert_eq!(accepted.body["decided_channel"], "api");
    assert!(
        accepted.body["decided_by"]
            .as_str()
            .unwrap()
            .starts_with("org-key:")
    );
    let h = app.history_of(&number, "quote_accepted").await;
    assert_eq!(h.len(), 1);
    assert!(
        h[0]["new_value"].as_str().unwrap().contains("by api"),
        "{}",
        h[0]
    );
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    let c = clock(&t.body, "agreed_deadline").expect("an agreed-deadline clock");
    assert_eq!(
        c["due_at"].as_str().unwrap().parse::<Timestamp>().unwrap(),
        deadline
    );
    assert_eq!(c["state"], "running");

    // a calendar change moves SLA clocks, never the agreed deadline
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/calendars/{cal}"),
            Some(json!({"name": "Kancelária", "time_zone": "Europe/Prague", "hours": "mon-fri 08:00-16:00"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    let c = clock(&t.body, "agreed_deadline").unwrap();
    assert_eq!(
        c["due_at"].as_str().unwrap().parse::<Timestamp>().unwrap(),
        deadline
    );

    // 75 % of the ten hours from acceptance: warned once, then escalated after the deadline
    let now = podpora_app::now_ms();
    let early = podpora_app::sla::tick(&app.app, now + 7 * HOUR)
        .await
        .unwrap();
    assert_eq!((early.warnings, early.escalations), (0, 0), "not yet 75 %");
    let warned = podpora_app::sla::tick(&app.app, now + 8 * HOUR)
        .await
        .unwrap();
    assert_eq!((warned.warnings, warned.escalations), (1, 0));
    let w = app.history_of(&number, "sla_warning").await;
    assert_eq!(w.len(), 1);
    assert_eq!(w[0]["new_value"], "agreed_deadline");
    let again = podpora_app::sla::tick(&app.app, now + 9 * HOUR)
        .await
        .unwrap();
    assert_eq!((again.warnings, again.escalations), (0, 0), "warned once");
    let after = deadline.as_millisecond() + 60_000;
    let breach = podpora_app::sla::tick(&app.app, after).await.unwrap();
    assert_eq!((breach.warnings, breach.escalations), (0, 1));
    let e = app.history_of(&number, "sla_breached").await;
    assert_eq!(e.len(), 1);
    assert_eq!(e[0]["new_value"], "agreed_deadline");
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["urgency"], "urgent");
    let done = podpora_app::sla::tick(&app.app, after + HOUR)
        .await
        .unwrap();
    assert_eq!((done.warnings, done.escalations), (0, 0), "escalated once");
}

async fn a_declined_quote_starts_no_clock_and_another_may_follow(b: Backend) {
    let app = TestApp::spawn_with_mail(b, support_mail()).await;
    policy(&app).await;
    let (org, number) = ticket(&app, "27082440", "petr@firma.example", "Kamera").await;
    let q = quote(&app, &app.token, &number, deadline_in(48)).await;
    let id = q["id"].as_i64().unwrap();
    let key = app.org_key(org).await;
    let decline = format!("/api/v1/tickets/{number}/quotes/{id}/decline");
    let r = app
        .call_as(
            Some(&key),
            Method::POST,
            &decline,
            Some(json!({"reason": "Príliš drahé"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "declined");
    assert_eq!(r.body["decline_reason"], "Príliš drahé");
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert!(clock(&t.body, "agreed_deadline").is_none(), "{}", t.body);
    let h = app.history_of(&number, "quote_declined").await;
    assert_eq!(h.len(), 1);
    assert_eq!(h[0]["reason"], "Príliš drahé");
    assert!(
        h[0]["new_value"]
            .as_str()
            .unwrap()
            .contains("no deadline clock")
    );
    // decided once
    let accept = format!("/api/v1/tickets/{number}/quotes/{id}/accept");
    let r = app
        .call_as(Some(&key), Method::POST, &accept, Some(json!({})))
        .await;
    r.problem(409);
    // a new quote may follow the declined one
    let next = quote(&app, &app.token, &number, deadline_in(72)).await;
    let list = app
        .call_as(
            Some(&key),
            Method::GET,
            &format!("/api/v1/tickets/{number}/quotes"),
            None,
        )
        .await;
    assert_eq!(list.status, 200, "{}", list.body);
    let states: Vec<&str> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["declined", "pending"]);
    assert_eq!(list.body[1]["id"], next["id"]);
    // staff record a decision given by phone only with a reason
    let (_, dispatcher) = app
        .agent_token("dispecer@podpora.test", &["dispatcher"], &[])
        .await;
    let nid = next["id"].as_i64().unwrap();
    let staff = format!("/api/v1/tickets/{number}/quotes/{nid}/accept");
    let r = app
        .call_as(Some(&dispatcher), Method::POST, &staff, Some(json!({})))
        .await;
    assert_eq!(r.problem(422), ["reason"]);
    let r = app
        .call_as(
            Some(&dispatcher),
            Method::POST,
            &staff,
            Some(json!({"reason": "telefonicky s p. Kováčom 4. 12."})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["decided_channel"], "staff");
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert!(clock(&t.body, "agreed_deadline").is_some());
}

async fn quotes_are_refused_when_one_is_pending_the_ticket_is_finished_or_not_theirs(b: Backend) {
    let app = TestApp::spawn_with_mail(b, support_mail()).await;
    policy(&app).await;
    let (_, number) = ticket(&app, "27082440", "petr@firma.example", "Zdroj").await;
    let (other, _) = ticket(&app, "36421928", "anna@ina.example", "Iné").await;
    let path = format!("/api/v1/tickets/{number}/quotes");
    let q = quote(&app, &app.token, &number, deadline_in(24)).await;
    let id = q["id"].as_i64().unwrap();

    // a second pending quote
    let before = app.counts().await;
    let r = app
        .post(
            &path,
            json!({"price": "90", "covers": "Iná ponuka", "deadline": deadline_in(30).to_string()}),
        )
        .await;
    r.problem(409);
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("has a pending quote already"),
        "{}",
        r.body
    );
    assert_eq!(app.counts().await, before);

    // bad input names its fields
    let r = app
        .post(
            &path,
            json!({"price": "12,50", "covers": " ", "deadline": "2020-01-01T10:00:00Z"}),
        )
        .await;
    let mut fields = r.problem(422);
    fields.sort();
    assert_eq!(fields, ["covers", "deadline", "price"]);

    // another organization sees neither the quotes nor the ticket
    let key = app.org_key(other).await;
    for (method, p, body) in [
        (Method::GET, path.clone(), None),
        (Method::POST, format!("{path}/{id}/accept"), Some(json!({}))),
        (
            Method::POST,
            format!("{path}/{id}/decline"),
            Some(json!({})),
        ),
    ] {
        let r = app.call_as(Some(&key), method, &p, body).await;
        r.problem(404);
    }
    // a technician does not decide for the customer
    let tech = technician(&app, &number).await;
    let r = app
        .call_as(
            Some(&tech),
            Method::POST,
            &format!("{path}/{id}/accept"),
            Some(json!({"reason": "x"})),
        )
        .await;
    r.problem(403);

    // a resolved, then closed ticket takes no quote
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"status": "resolved"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"status": "closed"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app
        .call_as(
            Some(&app.token),
            Method::POST,
            &format!("{path}/{id}/decline"),
            Some(json!({"reason": "uzavreté"})),
        )
        .await;
    assert_eq!(
        r.status, 200,
        "a pending quote can still be declined: {}",
        r.body
    );
    let r = app
        .post(&path, json!({"price": "90", "covers": "Po uzavretí", "deadline": deadline_in(30).to_string()}))
        .await;
    r.problem(409);
    assert!(
        r.body["detail"]
            .as_str()
            .unwrap()
            .contains("open tickets only"),
        "{}",
        r.body
    );
}

async fn a_pause_leaves_the_agreed_deadline_and_resolving_meets_it(b: Backend) {
    let app = TestApp::spawn_with_mail(b, support_mail()).await;
    policy(&app).await;
    let (org, number) = ticket(&app, "27082440", "petr@firma.example", "Zdroj").await;
    let deadline = deadline_in(5);
    let q = quote(&app, &app.token, &number, deadline).await;
    let key = app.org_key(org).await;
    let r = app
        .call_as(
            Some(&key),
            Method::POST,
            &format!("/api/v1/tickets/{number}/quotes/{}/accept", q["id"]),
            Some(json!({})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // waiting for the customer pauses SLA clocks, not the agreed date
    for status in ["waiting_for_customer", "in_progress"] {
        let r = app
            .patch(
                &format!("/api/v1/tickets/{number}"),
                json!({"status": status}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    let c = clock(&t.body, "agreed_deadline").unwrap();
    assert_eq!(
        c["due_at"].as_str().unwrap().parse::<Timestamp>().unwrap(),
        deadline
    );
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"status": "resolved"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    let c = clock(&t.body, "agreed_deadline").unwrap();
    assert_eq!(c["state"], "met", "{c}");
    let later = podpora_app::now_ms() + 6 * HOUR;
    let pass = podpora_app::sla::tick(&app.app, later).await.unwrap();
    assert_eq!(pass.escalations, 0, "a met deadline is not escalated");
}
