//! SLA notices through the API: the warning and breach mails the scheduler queues in the outbox
//! for the responsible agents, once each, in their language, also across restarts.

use crate::helpers::TestApp;
use crate::mail::support_mail;
use jiff::{SignedDuration, Timestamp};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;
use std::time::{Duration, Instant};

crate::on_both!(a_warning_then_a_breach_mail_the_responsible_agents_once);

async fn agent(app: &TestApp, email: &str, language: &str, teams: &[i64]) -> i64 {
    let r = app.post("/api/v1/agents", json!({"email": email, "name": email, "language": language, "roles": ["technician"], "team_ids": teams})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body["id"].as_i64().unwrap()
}

async fn team(app: &TestApp, name: &str, lead: Option<i64>) -> i64 {
    let r = app
        .post(
            "/api/v1/teams",
            json!({"name": name, "lead_agent_id": lead}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["lead_agent_id"], json!(lead));
    r.body["id"].as_i64().unwrap()
}

/// The SLA notices queued for a ticket, as (purpose, recipient, subject), sorted.
async fn notices(app: &TestApp, number: &str) -> Vec<(String, String, String)> {
    let r = app.get(&format!("/api/v1/tickets/{number}/mail")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let mut out: Vec<_> = r
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["purpose"].as_str().is_some_and(|p| p.starts_with("sla_")))
        .map(|m| {
            assert_eq!(m["automatic"], true, "{m}");
            assert_eq!(m["status"], "queued", "{m}");
            let s = |k: &str| m[k].as_str().unwrap().to_owned();
            (s("purpose"), s("recipient"), s("subject"))
        })
        .collect();
    out.sort();
    out
}

fn check(
    got: &[(String, String, String)],
    want: &[(&str, &str, &str)],
    number: &str,
    subject: &str,
) {
    assert_eq!(got.len(), want.len(), "{got:#?}");
    for ((purpose, to, subj), (w_purpose, w_to, w_start)) in got.iter().zip(want) {
        assert_eq!((purpose.as_str(), to.as_str()), (*w_purpose, *w_to));
        assert!(subj.starts_with(w_start), "{subj:?} in the wrong language");
        assert!(subj.contains(subject), "{subj}");
        assert!(subj.ends_with(&format!("[#{number}]")), "{subj}");
    }
}

async fn a_warning_then_a_breach_mail_the_responsible_agents_once(b: Backend) {
    let app = TestApp::spawn_with_mail(b, support_mail()).await;
    let cal = app
        .post(
            "/api/v1/calendars",
            json!({"name": "Nonstop", "time_zone": "Europe/Prague", "hours": "24x7"}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let p = app.post("/api/v1/sla-policies", json!({"name": "Default", "calendar_id": cal, "resolution": "48ch", "warn_percent": 75})).await;
    assert_eq!(p.status, 201, "{}", p.body);

    // Servis: a Polish lead, a Czech technician; Noc: no lead, one active Slovak member and one
    // who left
    let servis = team(&app, "Servis", None).await;
    let night = team(&app, "Noc", None).await;
    let lead = agent(&app, "lider@podpora.test", "pl", &[]).await;
    let tech = agent(&app, "technik@podpora.test", "cs", &[servis]).await;
    agent(&app, "clen@podpora.test", "sk", &[servis, night]).await;
    let gone = agent(&app, "odisiel@podpora.test", "en", &[night]).await;
    let r = app
        .patch(&format!("/api/v1/agents/{gone}"), json!({"active": false}))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/teams/{servis}"),
            Some(json!({"name": "Servis", "lead_agent_id": lead})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);

    // reported 40 hours ago: 83 % of the 48 hours used, the warning share (75 %) passed while
    // the scheduler was off
    let (_, contact, _) = app.customer("27082440", "petr@firma.example").await;
    let reported = (Timestamp::now() - SignedDuration::from_hours(40)).to_string();
    let open = |subject: &str, team: Option<i64>, assignee: Option<i64>| {
        json!({"subject": subject, "description": "Nejde to.", "requester_id": contact,
               "reported_at": reported, "team_id": team, "assignee_id": assignee})
    };
    let mut numbers = Vec::new();
    for body in [
        open("Tlačiareň netlačí", Some(servis), Some(tech)),
        open("Server stojí", Some(night), None),
        open("Nikoho to nezaujíma", None, None),
    ] {
        let r = app.post("/api/v1/tickets", body).await;
        assert_eq!(r.status, 201, "{}", r.body);
        numbers.push(r.body["number"].as_str().unwrap().to_owned());
    }
    let [assigned, teamed, lonely] = [&numbers[0], &numbers[1], &numbers[2]];
    assert!(notices(&app, assigned).await.is_empty());

    // back up with the scheduler running: the warnings missed meanwhile go out
    let app = app.restart(1).await;
    let start = Instant::now();
    while app.history_of(lonely, "sla_notice").await.is_empty()
        || notices(&app, assigned).await.is_empty()
        || notices(&app, teamed).await.is_empty()
    {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the scheduler warned"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let warned_assigned = notices(&app, assigned).await;
    check(
        &warned_assigned,
        &[(
            "sla_warning",
            "technik@podpora.test",
            "Upozornění SLA (83 %)",
        )],
        assigned,
        "Tlačiareň netlačí",
    );
    let warned_teamed = notices(&app, teamed).await;
    check(
        &warned_teamed,
        &[("sla_warning", "clen@podpora.test", "Upozornenie SLA (83 %)")],
        teamed,
        "Server stojí",
    );
    assert!(notices(&app, lonely).await.is_empty());
    let nobody = app.history_of(lonely, "sla_notice").await;
    assert_eq!(nobody.len(), 1);
    assert_eq!(nobody[0]["new_value"], "sla_warning");
    assert!(
        nobody[0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("no team")),
        "{}",
        nobody[0]
    );

    // another restart and more passes: no warning twice
    let app = app.restart(1).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(notices(&app, assigned).await, warned_assigned);
    assert_eq!(notices(&app, teamed).await, warned_teamed);
    assert_eq!(app.history_of(lonely, "sla_notice").await.len(), 1);

    // nine hours on, every clock has run out: the lead and the technician hear of the first
    // ticket, the night team's active member of the second, nobody of the third
    let later = podpora_app::now_ms() + 9 * 3_600_000;
    let pass = podpora_app::sla::tick(&app.app, later).await.unwrap();
    assert_eq!((pass.warnings, pass.escalations, pass.notices), (0, 3, 3));
    check(
        &notices(&app, assigned).await,
        &[
            ("sla_breach", "lider@podpora.test", "Przekroczenie SLA"),
            ("sla_breach", "technik@podpora.test", "Porušení SLA"),
            ("sla_warning", "technik@podpora.test", "Upozornění SLA"),
        ],
        assigned,
        "Tlačiareň netlačí",
    );
    check(
        &notices(&app, teamed).await,
        &[
            ("sla_breach", "clen@podpora.test", "Porušenie SLA"),
            ("sla_warning", "clen@podpora.test", "Upozornenie SLA"),
        ],
        teamed,
        "Server stojí",
    );
    assert_eq!(app.history_of(lonely, "sla_notice").await.len(), 2);
    let again = podpora_app::sla::tick(&app.app, later + 3_600_000)
        .await
        .unwrap();
    assert_eq!(
        (again.warnings, again.escalations, again.notices),
        (0, 0, 0)
    );

    // the breach notice is a message of its own, marked automatic, naming the ticket
    let mail = app.get(&format!("/api/v1/tickets/{assigned}/mail")).await;
    let id = mail
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["recipient"] == "lider@podpora.test")
        .and_then(|m| m["id"].as_i64())
        .unwrap();
    let mut tx = app.app.db.read().await.unwrap();
    let (_, raw) = podpora_store::repo::mail::outbox_raw(&mut tx, id)
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("Auto-Submitted: auto-generated"), "{text}");
    assert!(!text.contains("In-Reply-To:"), "{text}");
    let parsed = podpora_mailproto::parse(&raw, &Default::default()).unwrap();
    assert!(
        parsed.text_body.contains(assigned.as_str()),
        "{}",
        parsed.text_body
    );
    assert!(
        parsed.text_body.contains("upłynął"),
        "Polish body: {}",
        parsed.text_body
    );
}
