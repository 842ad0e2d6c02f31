//! Channel parity: one table of stories, each run through every channel — mail delivered over
//! a real LMTP session, the API with an organization's key, the API as staff entering a phone
//! call — and every channel must give the same outcome.

use crate::helpers::TestApp;
use crate::intake::{clock_of as clock, days_ago, instant, open_tomorrow_only};
use crate::mail::support_mail;
use crate::plans::{calendar, contract, plan};
use podpora_testkit::{
    Backend,
    mail::{free_port, lmtp_deliver},
};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

crate::on_both!(
    an_asset_contract_counts_on_every_channel,
    every_channel_outside_its_hours_is_timed_from_its_next_opening,
    the_same_request_sent_again_joins_its_ticket_on_every_channel,
    a_reply_resumes_a_waiting_ticket_on_every_channel,
    a_reply_reopens_a_resolved_ticket_on_every_channel,
    every_channel_confirms_and_the_acceptance_stops_the_reaction_clock,
);

/// How a request comes in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Via {
    /// A mail delivered to the support address over LMTP.
    Mail,
    /// The API with the customer organization's key.
    Key,
    /// The API as staff entering a phone call.
    Phone,
}

const CHANNELS: [Via; 3] = [Via::Mail, Via::Key, Via::Phone];

impl Via {
    /// The channel the ticket records.
    fn channel(self) -> &'static str {
        match self {
            Via::Mail => "email",
            Via::Key => "api",
            Via::Phone => "phone",
        }
    }
}

/// A customer of its own for each channel, so that the channels' stories cannot meet.
struct Customer {
    via: Via,
    org: i64,
    contact: i64,
    email: String,
    asset: i64,
    asset_identifier: String,
    key: String,
}

/// The server with the mail channel listening for LMTP, and a customer per channel.
struct Desk {
    app: TestApp,
    lmtp: std::net::SocketAddr,
    customers: Vec<Customer>,
    mails: std::sync::atomic::AtomicUsize,
}

/// What a request came to.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// A ticket (or the open one it joined).
    Ticket(String),
    /// Refused, because the channel is not in the customer's plan.
    NotIncluded,
}

impl Outcome {
    fn number(&self) -> &str {
        match self {
            Outcome::Ticket(n) => n,
            Outcome::NotIncluded => panic!("refused, not a ticket"),
        }
    }
}

impl Desk {
    async fn spawn(b: Backend) -> Desk {
        let port = free_port();
        let mut mail = support_mail();
        mail.lmtp_listen = format!("127.0.0.1:{port}");
        let app = TestApp::spawn_with_mail(b, mail).await;
        let mut customers = Vec::new();
        for (via, ico) in CHANNELS
            .into_iter()
            .zip(["27082440", "35697270", "36631124"])
        {
            let email = format!("jana@{}.test", via.channel());
            let (org, contact, asset) = app.customer(ico, &email).await;
            let key = app.org_key(org).await;
            customers.push(Customer {
                via,
                org,
                contact,
                email,
                asset,
                asset_identifier: format!("SN-{ico}"),
                key,
            });
        }
        let lmtp = format!("127.0.0.1:{port}").parse().unwrap();
        Desk {
            app,
            lmtp,
            customers,
            mails: Default::default(),
        }
    }

    /// Reaction in 4 hours and resolution in 40, around the clock.
    async fn nonstop_policy(&self, plan_id: Option<i64>) {
        let cal = calendar(&self.app, "Nonstop", "24x7").await;
        let p = self.app.post("/api/v1/sla-policies", json!({"name": format!("Nonstop {plan_id:?}"), "calendar_id": cal, "plan_id": plan_id, "reaction": "4h", "resolution": "40h"})).await;
        assert_eq!(p.status, 201, "{}", p.body);
    }

    /// Delivers a mail from the customer over LMTP and waits until it is processed.
    async fn deliver(
        &self,
        c: &Customer,
        subject: &str,
        body: &str,
        in_reply_to: Option<&str>,
    ) -> Value {
        let n = self.mails.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let message_id = format!("m{n}@{}.test", c.via.channel());
        let thread = in_reply_to.map_or(String::new(), |id| format!("In-Reply-To: <{id}>\r\n"));
        let raw = format!(
            "From: Jana <{}>\r\nTo: podpora@support.test\r\nSubject: {subject}\r\n\
             Message-ID: <{message_id}>\r\n{thread}MIME-Version: 1.0\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n",
            c.email
        );
        let codes = lmtp_deliver(
            self.lmtp,
            &c.email,
            &["podpora@support.test"],
            raw.as_bytes(),
        )
        .await
        .unwrap();
        assert_eq!(codes, [250], "LMTP accepted it");
        let start = Instant::now();
        loop {
            let r = self.app.get("/api/v1/mail/inbound?per_page=200").await;
            let done = r.body["items"].as_array().unwrap().iter().find(|m| {
                m["message_id"]
                    .as_str()
                    .is_some_and(|id| id.contains(&message_id))
                    && m["status"] != "pending"
            });
            if let Some(m) = done {
                return m.clone();
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "not processed: {}",
                r.body
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The customer asks, by the channel, about the asset or about nothing in particular.
    async fn ask(&self, c: &Customer, subject: &str, body: &str, about_asset: bool) -> Outcome {
        let asset = about_asset.then_some(c.asset);
        let r = match c.via {
            Via::Mail => {
                let subject = match about_asset {
                    true => format!("{subject} {}", c.asset_identifier),
                    false => subject.to_owned(),
                };
                let m = self.deliver(c, &subject, body, None).await;
                return match m["status"].as_str().unwrap() {
                    "processed" => Outcome::Ticket(m["ticket_number"].as_str().unwrap().into()),
                    "rejected" if m["reason"].as_str().unwrap().contains("not included") => {
                        Outcome::NotIncluded
                    }
                    _ => panic!("{m}"),
                };
            }
            Via::Key => {
                let subject = match about_asset {
                    true => format!("{subject} {}", c.asset_identifier),
                    false => subject.to_owned(),
                };
                let body = json!({"subject": subject, "description": body, "requester_id": c.contact, "asset_id": asset});
                self.app
                    .call_as(Some(&c.key), Method::POST, "/api/v1/tickets", Some(body))
                    .await
            }
            Via::Phone => {
                let subject = match about_asset {
                    true => format!("{subject} {}", c.asset_identifier),
                    false => subject.to_owned(),
                };
                let body = json!({"subject": subject, "description": body, "requester_id": c.contact, "asset_id": asset, "channel": "phone"});
                self.app.post("/api/v1/tickets", body).await
            }
        };
        match r.status.as_u16() {
            200 | 201 => Outcome::Ticket(r.body["number"].as_str().unwrap().into()),
            422 if r.problem(422) == ["channel"] => Outcome::NotIncluded,
            _ => panic!("{} {}", r.status, r.body),
        }
    }

    /// The customer answers on the ticket by the channel: a mail in its thread, a message
    /// with the key, a call entered by staff as a phone note.
    async fn answer(&self, c: &Customer, number: &str, body: &str) {
        match c.via {
            Via::Mail => {
                let r = self.app.get("/api/v1/mail/inbound?per_page=200").await;
                let opened = r.body["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .rev()
                    .find(|m| m["ticket_number"] == number)
                    .cloned()
                    .unwrap_or_else(|| panic!("{}", r.body));
                let parent = opened["message_id"]
                    .as_str()
                    .unwrap()
                    .trim_matches(['<', '>'])
                    .to_owned();
                let m = self.deliver(c, "Re: odpoveď", body, Some(&parent)).await;
                assert_eq!(m["status"], "processed", "{m}");
                assert_eq!(m["ticket_number"], number, "{m}");
            }
            Via::Key => {
                let path = format!("/api/v1/tickets/{number}/articles");
                let r = self
                    .app
                    .call_as(
                        Some(&c.key),
                        Method::POST,
                        &path,
                        Some(json!({"body": body})),
                    )
                    .await;
                assert_eq!(r.status, 201, "{}", r.body);
            }
            Via::Phone => {
                let path = format!("/api/v1/tickets/{number}/articles");
                let r = self
                    .app
                    .post(&path, json!({"kind": "phone_note", "body": body}))
                    .await;
                assert_eq!(r.status, 201, "{}", r.body);
            }
        }
    }

    async fn ticket(&self, number: &str) -> Value {
        let r = self.app.get(&format!("/api/v1/tickets/{number}")).await;
        assert_eq!(r.status, 200, "{}", r.body);
        r.body
    }

    async fn articles(&self, number: &str) -> Vec<Value> {
        self.ticket(number).await["articles"]
            .as_array()
            .unwrap()
            .clone()
    }

    async fn set_status(&self, number: &str, status: &str) {
        let path = format!("/api/v1/tickets/{number}");
        let r = self.app.patch(&path, json!({"status": status})).await;
        assert_eq!(r.status, 200, "{status}: {}", r.body);
    }

    /// The tickets of a customer's organization.
    async fn tickets_of(&self, c: &Customer) -> usize {
        let r = self
            .app
            .get(&format!(
                "/api/v1/tickets?organization_id={}&per_page=200",
                c.org
            ))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        r.body["items"].as_array().unwrap().len()
    }
}

async fn an_asset_contract_counts_on_every_channel(b: Backend) {
    let desk = Desk::spawn(b).await;
    // Without a contract only the portal is open; a contract for the asset adds every channel.
    let r = desk
        .app
        .call(
            Method::PUT,
            "/api/v1/basic-service",
            Some(json!({"channels": ["portal"]})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let care = plan(
        &desk.app,
        json!({
            "code": "asset-care", "name": "Starostlivosť o ústredňu", "rank": 1,
            "monthly_price": {"amount_minor": 2900, "currency": "EUR"},
            "channels": [{"channel": "email"}, {"channel": "api"}, {"channel": "phone"}],
        }),
    )
    .await;
    for c in &desk.customers {
        let r = desk.app.post("/api/v1/contracts", json!({"organization_id": c.org, "plan_id": care, "asset_id": c.asset, "starts_on": days_ago(20)})).await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    for c in &desk.customers {
        let about = desk.ask(c, "Porucha", "Ústredňa nevolá von.", true).await;
        let t = desk.ticket(about.number()).await;
        assert_eq!(t["asset_id"], c.asset, "{:?}: {t}", c.via);
        assert_eq!(t["channel"], c.via.channel(), "{t}");
        let other = desk
            .ask(c, "Otázka", "Ako sa nastavuje presmerovanie?", false)
            .await;
        assert_eq!(other, Outcome::NotIncluded, "{:?}", c.via);
    }
}

async fn every_channel_outside_its_hours_is_timed_from_its_next_opening(b: Backend) {
    let desk = Desk::spawn(b).await;
    // Every channel is served one hour on tomorrow's weekday only: closed now, whatever the time.
    let (hours, opens) = open_tomorrow_only(&desk.app, "Linky").await;
    let zone = jiff::tz::TimeZone::get("Europe/Bratislava").unwrap();
    let channels: Vec<Value> = CHANNELS
        .iter()
        .map(|v| json!({"channel": v.channel(), "calendar_id": hours}))
        .collect();
    let variant = plan(
        &desk.app,
        json!({
            "code": "variant-1", "name": "Varianta 1", "rank": 1,
            "monthly_price": {"amount_minor": 900, "currency": "EUR"}, "channels": channels,
        }),
    )
    .await;
    desk.nonstop_policy(Some(variant)).await;
    for c in &desk.customers {
        contract(&desk.app, c.org, variant, &days_ago(20)).await;
        let number = desk
            .ask(c, "Kúrenie", "Nejde.", false)
            .await
            .number()
            .to_owned();
        let t = desk.ticket(&number).await;
        let reaction = clock(&t, "reaction");
        assert_eq!(
            instant(&reaction["started_at"]),
            opens,
            "{:?}: {reaction}",
            c.via
        );
        assert_eq!(
            instant(&reaction["due_at"]),
            opens + jiff::SignedDuration::from_hours(4)
        );
        let noted = desk.app.history_of(&number, "outside_channel_hours").await;
        assert_eq!(noted.len(), 1, "{:?}: {noted:?}", c.via);
        let note = noted[0]["new_value"].as_str().unwrap();
        let when = opens
            .to_zoned(zone.clone())
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string();
        assert!(
            note.contains(&format!("outside the {} hours", c.via.channel()))
                && note.contains(&when),
            "{note}"
        );
    }
}

async fn the_same_request_sent_again_joins_its_ticket_on_every_channel(b: Backend) {
    let desk = Desk::spawn(b).await;
    for c in &desk.customers {
        let first = desk
            .ask(c, "Tlačiareň nejde", "Od rána netlačí.", false)
            .await;
        // Other capitals, accents and spacing: the same request.
        let again = desk
            .ask(c, " TLACIAREN  nejde", "od rana\n  netlaci.", false)
            .await;
        assert_eq!(again, first, "{:?}", c.via);
        assert_eq!(desk.tickets_of(c).await, 1, "{:?}", c.via);
        let articles = desk.articles(first.number()).await;
        assert_eq!(articles.len(), 2, "{:?}: {articles:?}", c.via);
        let said = desk.app.history_of(first.number(), "sent_again").await;
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(
            said[0]["new_value"],
            format!("sent again by {}", c.via.channel())
        );
        // A different body is another request.
        let other = desk.ask(c, "Tlačiareň nejde", "Ani druhá.", false).await;
        assert_ne!(other, first, "{:?}", c.via);
    }
}

async fn a_reply_resumes_a_waiting_ticket_on_every_channel(b: Backend) {
    let desk = Desk::spawn(b).await;
    desk.nonstop_policy(None).await;
    for c in &desk.customers {
        let number = desk
            .ask(c, "Brána", "Nejde otvoriť.", false)
            .await
            .number()
            .to_owned();
        desk.set_status(&number, "in_progress").await;
        desk.set_status(&number, "waiting_for_customer").await;
        let paused = desk.ticket(&number).await;
        assert_eq!(clock(&paused, "resolution")["state"], "paused", "{paused}");
        desk.answer(c, &number, "Model je HP 400.").await;
        let t = desk.ticket(&number).await;
        assert_eq!(t["status"], "in_progress", "{:?}: {t}", c.via);
        let status = desk.app.history_of(&number, "status").await;
        let last = status.last().unwrap();
        assert_eq!(
            (&last["old_value"], &last["new_value"]),
            (&json!("waiting_for_customer"), &json!("in_progress")),
            "{:?}",
            c.via
        );
        assert!(last["reason"].is_null(), "resuming needs no reason: {last}");
        assert_eq!(
            clock(&t, "resolution")["state"],
            "running",
            "{:?}: clocks run again: {t}",
            c.via
        );
    }
}

async fn a_reply_reopens_a_resolved_ticket_on_every_channel(b: Backend) {
    let desk = Desk::spawn(b).await;
    for c in &desk.customers {
        let number = desk
            .ask(c, "Kamera", "Nenahráva.", false)
            .await
            .number()
            .to_owned();
        desk.set_status(&number, "in_progress").await;
        desk.set_status(&number, "resolved").await;
        desk.answer(c, &number, "Stále nenahráva.").await;
        let t = desk.ticket(&number).await;
        assert_eq!(t["status"], "in_progress", "{:?}: {t}", c.via);
        assert!(t["resolved_at"].is_null(), "{t}");
        let status = desk.app.history_of(&number, "status").await;
        let last = status.last().unwrap();
        assert_eq!(last["old_value"], "resolved", "{:?}", c.via);
        let by = match c.via {
            Via::Mail => "e-mail",
            v => v.channel(),
        };
        assert_eq!(
            last["reason"],
            format!("the customer answered by {by}"),
            "{:?}",
            c.via
        );
        assert_eq!(desk.tickets_of(c).await, 1, "{:?}: no new ticket", c.via);
    }
}

async fn every_channel_confirms_and_the_acceptance_stops_the_reaction_clock(b: Backend) {
    let desk = Desk::spawn(b).await;
    desk.nonstop_policy(None).await;
    for c in &desk.customers {
        let number = desk
            .ask(c, "Alarm", "Pípa bez príčiny.", false)
            .await
            .number()
            .to_owned();
        let r = desk
            .app
            .get(&format!("/api/v1/tickets/{number}/mail"))
            .await;
        let sent: Vec<&Value> = r
            .body
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["purpose"] == "confirmation")
            .collect();
        assert_eq!(sent.len(), 1, "{:?}: {}", c.via, r.body);
        let m = sent[0];
        assert_eq!(m["recipient"], c.email.as_str(), "{m}");
        assert_eq!(m["status"], "queued", "{m}");
        assert!(
            m["subject"]
                .as_str()
                .unwrap()
                .starts_with("Prijali sme vašu požiadavku"),
            "in Slovak: {m}"
        );
        assert!(
            m["subject"].as_str().unwrap().contains(&number),
            "numbered: {m}"
        );

        let t = desk.ticket(&number).await;
        assert_eq!(t["status"], "new");
        let accepted = instant(&t["created_at"]) + jiff::SignedDuration::from_secs(5);
        podpora_app::tickets::record_sent(
            &desk.app.app,
            m["id"].as_i64().unwrap(),
            "250 2.0.0 Ok",
            accepted.as_millisecond(),
        )
        .await
        .unwrap();
        let t = desk.ticket(&number).await;
        assert_eq!(t["status"], "acknowledged", "{:?}: {t}", c.via);
        assert_eq!(
            instant(&clock(&t, "reaction")["met_at"]),
            accepted,
            "{:?}: {t}",
            c.via
        );
    }
}
