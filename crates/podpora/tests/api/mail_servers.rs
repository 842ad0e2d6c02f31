//! The e-mail channel against real servers: Debian's Postfix delivering over LMTP and receiving
//! podpora's outgoing mail in a Maildir, Debian's Dovecot serving a mailbox podpora polls.

use crate::helpers::TestApp;
use crate::mail::support_mail;
use podpora::config::{ImapMailbox, SmtpSettings};
use podpora_testkit::{
    Backend,
    mail::{Dovecot, Postfix, free_port},
};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

async fn wait_for(t: &TestApp, path: &str, what: &str, ok: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let r = t.get(path).await;
        if ok(&r.body) {
            return r.body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}: {}",
            r.body
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn request(message_id: &str) -> String {
    format!(
        "From: =?utf-8?q?Jana_Nov=C3=A1kov=C3=A1?= <jana@zakaznik.test>\r\nTo: podpora@support.test\r\n\
         Subject: =?windows-1250?q?Kotol_hl=E1si_poruchu?=\r\nMessage-ID: <{message_id}>\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=windows-1250\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\r\nKotol hl=E1si chybu E04, pros=EDm o pomoc.\r\n"
    )
}

async fn postfix_delivers_over_lmtp_and_the_confirmation_is_the_reaction_event(backend: Backend) {
    let outgoing = Postfix::maildir_sink();
    let lmtp_port = free_port();
    let mut mail = support_mail();
    mail.lmtp_listen = format!("127.0.0.1:{lmtp_port}");
    mail.smtp = Some(relay_to(outgoing.port()));
    let t = TestApp::spawn_with_mail(backend, mail).await;
    let cal = t.post("/api/v1/calendars", json!({"name": "Nonstop", "time_zone": "Europe/Bratislava", "hours": "24x7", "holidays": "none"})).await;
    assert_eq!(cal.status, 201, "{}", cal.body);
    let p = t
        .post(
            "/api/v1/sla-policies",
            json!({"name": "Štandard", "calendar_id": cal.body["id"], "reaction": "4h"}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
    t.customer("35697270", "jana@zakaznik.test").await;

    let relay = Postfix::relay_to_lmtp(lmtp_port);
    relay
        .submit(
            "jana@zakaznik.test",
            &["podpora@support.test"],
            request("e04@zakaznik.test").as_bytes(),
        )
        .await
        .unwrap();
    relay
        .wait_for_log("status=sent", Duration::from_secs(30))
        .await
        .unwrap();

    let inbound = wait_for(
        &t,
        "/api/v1/mail/inbound",
        "the message to be processed",
        |b| b["items"][0]["status"] == "processed",
    )
    .await;
    let item = &inbound["items"][0];
    assert_eq!(item["source"], "lmtp");
    assert_eq!(
        item["subject"], "Kotol hlási poruchu",
        "windows-1250 subject decoded"
    );
    let number = item["ticket_number"].as_str().unwrap().to_owned();

    // The confirmation reaches the real SMTP server and is read back from its Maildir.
    let got = outgoing.received(1, Duration::from_secs(30)).await;
    assert_eq!(got.len(), 1);
    let text = String::from_utf8_lossy(&got[0]);
    assert!(text.contains("Auto-Submitted: auto-replied"), "{text}");
    assert!(text.contains("In-Reply-To: <e04@zakaznik.test>"), "{text}");
    let parsed = podpora_mailproto::parse(&got[0], &Default::default()).unwrap();
    assert!(
        parsed.subject.ends_with(&format!("[#{number}]")),
        "{}",
        parsed.subject
    );
    assert!(parsed.text_body.contains(&number), "{}", parsed.text_body);

    // the SMTP server's acceptance stopped the reaction clock and acknowledged the ticket.
    let ticket = wait_for(
        &t,
        &format!("/api/v1/tickets/{number}"),
        "the acknowledgement",
        |b| b["status"] == "acknowledged",
    )
    .await;
    let reaction = ticket["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["metric"] == "reaction")
        .unwrap();
    assert!(reaction["met_at"].is_string(), "{reaction}");
    let sent = t.get(&format!("/api/v1/tickets/{number}/mail")).await.body;
    assert_eq!(sent[0]["status"], "sent", "{sent}");
    assert!(
        sent[0]["smtp_response"]
            .as_str()
            .unwrap()
            .starts_with("250"),
        "{sent}"
    );
    let met = jiff::Timestamp::from_str_rfc3339(reaction["met_at"].as_str().unwrap());
    let sent_at = jiff::Timestamp::from_str_rfc3339(sent[0]["sent_at"].as_str().unwrap());
    assert_eq!(met, sent_at, "the clock stopped at the delivery instant");
}

trait FromRfc3339 {
    fn from_str_rfc3339(s: &str) -> i64;
}

impl FromRfc3339 for jiff::Timestamp {
    fn from_str_rfc3339(s: &str) -> i64 {
        s.parse::<jiff::Timestamp>().unwrap().as_millisecond()
    }
}

async fn a_permanent_smtp_failure_shows_on_the_ticket(backend: Backend) {
    let outgoing = Postfix::maildir_sink();
    let mut mail = support_mail();
    mail.smtp = Some(relay_to(outgoing.port()));
    let t = TestApp::spawn_with_mail(backend, mail).await;
    t.customer("35697270", podpora_testkit::mail::REFUSED_PERMANENTLY)
        .await;
    let raw = format!(
        "From: <{}>\r\nTo: podpora@support.test\r\nSubject: Test\r\nMessage-ID: <p1@refuse.test>\r\n\r\nAhoj\r\n",
        podpora_testkit::mail::REFUSED_PERMANENTLY
    );
    let m = crate::mail::submit(&t, &raw).await;
    let number = m["ticket_number"].as_str().unwrap().to_owned();
    let sent = wait_for(
        &t,
        &format!("/api/v1/tickets/{number}/mail"),
        "the failure",
        |b| b[0]["status"] == "failed",
    )
    .await;
    assert!(
        sent[0]["last_error"].as_str().unwrap().contains("55"),
        "{sent}"
    );
    let history = t
        .get(&format!("/api/v1/tickets/{number}/history"))
        .await
        .body;
    assert!(history.to_string().contains("mail_failed"), "{history}");
}

async fn the_imap_poller_fetches_a_mailbox(backend: Backend) {
    let dovecot = Dovecot::start();
    let mut mail = support_mail();
    mail.imap = vec![ImapMailbox {
        address: "podpora@support.test".into(),
        host: dovecot.host.clone(),
        port: dovecot.port,
        tls: "none".into(),
        username: dovecot.user.clone(),
        password: dovecot.password.clone(),
        mailbox: "INBOX".into(),
        after: "seen".into(),
        poll_seconds: 1,
        idle: true,
        ca_file: None,
    }];
    let t = TestApp::spawn_with_mail(backend, mail).await;
    t.customer("35697270", "jana@zakaznik.test").await;
    dovecot
        .append("INBOX", request("imap1@zakaznik.test").as_bytes())
        .await
        .unwrap();
    let inbound = wait_for(&t, "/api/v1/mail/inbound", "the polled message", |b| {
        b["items"][0]["status"] == "processed"
    })
    .await;
    assert_eq!(inbound["items"][0]["source"], "imap");
    assert_eq!(inbound["total"], 1);
    let start = Instant::now();
    while dovecot.unseen("INBOX").await.unwrap() > 0 {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the message was not marked seen"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Polled again later, nothing is stored twice.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(t.get("/api/v1/mail/inbound").await.body["total"], 1);
}

async fn an_sla_breach_notice_reaches_the_team_lead(backend: Backend) {
    let outgoing = Postfix::maildir_sink();
    let mut mail = support_mail();
    mail.smtp = Some(relay_to(outgoing.port()));
    let t = TestApp::spawn_with_mail(backend, mail).await;
    let cal = t
        .post(
            "/api/v1/calendars",
            json!({"name": "Nonstop", "time_zone": "Europe/Warsaw", "hours": "24x7"}),
        )
        .await;
    assert_eq!(cal.status, 201, "{}", cal.body);
    let p = t
        .post(
            "/api/v1/sla-policies",
            json!({"name": "Standard", "calendar_id": cal.body["id"], "first_answer": "1ch"}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
    let lead = t.post("/api/v1/agents", json!({"email": "kierownik@support.test", "name": "Kierownik", "language": "pl", "roles": ["dispatcher"]})).await;
    assert_eq!(lead.status, 201, "{}", lead.body);
    let team = t
        .post(
            "/api/v1/teams",
            json!({"name": "Serwis", "lead_agent_id": lead.body["id"]}),
        )
        .await;
    assert_eq!(team.status, 201, "{}", team.body);
    let (_, contact, _) = t.customer("35697270", "jana@zakaznik.test").await;
    // reported two hours ago: the one-hour first-answer target has passed (the confirmation,
    // sent to the customer beside the notice, stops only the reaction clock)
    let reported = (jiff::Timestamp::now() - jiff::SignedDuration::from_hours(2)).to_string();
    let r = t.post("/api/v1/tickets", json!({"subject": "Brak sygnału", "description": "Centrala milczy.", "requester_id": contact, "team_id": team.body["id"], "reported_at": reported})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let number = r.body["number"].as_str().unwrap().to_owned();

    let pass = podpora_app::sla::tick(&t.app, podpora_app::now_ms())
        .await
        .unwrap();
    assert_eq!((pass.escalations, pass.notices), (1, 1));
    let got = outgoing.received(2, Duration::from_secs(30)).await;
    assert_eq!(got.len(), 2);
    let notice = got
        .iter()
        .find(|m| String::from_utf8_lossy(m).contains("kierownik@support.test"))
        .expect("the notice to the lead");
    let text = String::from_utf8_lossy(notice);
    assert!(text.contains("Auto-Submitted: auto-generated"), "{text}");
    let parsed = podpora_mailproto::parse(notice, &Default::default()).unwrap();
    assert_eq!(
        parsed.subject,
        format!("Przekroczenie SLA: Brak sygnału [#{number}]")
    );
    assert!(parsed.text_body.contains(&number), "{}", parsed.text_body);
    wait_for(
        &t,
        &format!("/api/v1/tickets/{number}/mail"),
        "the notice marked sent",
        |b| {
            b.as_array().unwrap().iter().any(|m| {
                m["purpose"] == "sla_breach"
                    && m["recipient"] == "kierownik@support.test"
                    && m["status"] == "sent"
            })
        },
    )
    .await;
}

crate::on_both!(
    postfix_delivers_over_lmtp_and_the_confirmation_is_the_reaction_event,
    a_permanent_smtp_failure_shows_on_the_ticket,
    the_imap_poller_fetches_a_mailbox,
    an_sla_breach_notice_reaches_the_team_lead,
);

/// Outgoing mail through the plain SMTP server on this loopback port.
fn relay_to(port: u16) -> SmtpSettings {
    SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        tls: "none".into(),
        username: None,
        password: None,
        ca_file: None,
    }
}
