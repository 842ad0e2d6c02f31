//! One intake for every channel: the same rules hold for a request or a message whether it came
//! by mail, through the API with an organization's key, or was entered by staff from a call.

use crate::helpers::TestApp;
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::{Value, json};

crate::on_both!(
    a_customers_message_through_the_api_resumes_and_reopens_as_mail_does,
    every_channel_confirms_and_the_relay_acceptance_stops_the_reaction_clock,
    a_phone_request_outside_the_phone_hours_is_timed_from_their_next_opening,
    a_contract_for_an_asset_counts_for_mail_as_for_the_api,
    a_mail_outside_the_plans_mail_hours_is_timed_from_their_next_opening,
    a_mail_copied_to_staff_goes_after_an_equal_request,
);

async fn org_key(app: &TestApp, org: i64) -> String {
    let k = app
        .post(
            &format!("/api/v1/organizations/{org}/api-keys"),
            json!({"name": "ERP"}),
        )
        .await;
    assert_eq!(k.status, 201, "{}", k.body);
    k.body["token"].as_str().unwrap().to_string()
}

async fn set_status(app: &TestApp, number: &str, status: &str) {
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"status": status}),
        )
        .await;
    assert_eq!(r.status, 200, "{status}: {}", r.body);
}

async fn customer_writes(app: &TestApp, key: &str, number: &str, body: &str) -> Value {
    let r = app
        .call_as(
            Some(key),
            Method::POST,
            &format!("/api/v1/tickets/{number}/articles"),
            Some(json!({"body": body})),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    app.get(&format!("/api/v1/tickets/{number}")).await.body
}

async fn a_customers_message_through_the_api_resumes_and_reopens_as_mail_does(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (org, contact, _) = app.customer("27082440", "a@firma.example").await;
    let key = org_key(&app, org).await;
    let r = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Tlačiareň", "description": "Netlačí.", "requester_id": contact}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let number = r.body["number"].as_str().unwrap().to_string();

    // A message on a new ticket adds to it and changes nothing else.
    let t = customer_writes(&app, &key, &number, "Ešte stále netlačí.").await;
    assert_eq!(t["status"], "new");

    // Waiting for the customer: the customer's answer resumes the work and its clocks.
    set_status(&app, &number, "in_progress").await;
    set_status(&app, &number, "waiting_for_customer").await;
    let t = customer_writes(&app, &key, &number, "Posielam model: HP 400.").await;
    assert_eq!(t["status"], "in_progress", "{t}");
    let status = app.history_of(&number, "status").await;
    let last = status.last().unwrap();
    assert_eq!(last["old_value"], "waiting_for_customer");
    assert_eq!(last["new_value"], "in_progress");
    assert!(
        last["actor"].as_str().unwrap().starts_with("org-key:"),
        "{last}"
    );

    // Resolved within the reopen window: the customer's objection reopens it, with the reason.
    set_status(&app, &number, "resolved").await;
    let t = customer_writes(&app, &key, &number, "Zase netlačí.").await;
    assert_eq!(t["status"], "in_progress", "{t}");
    assert!(t["resolved_at"].is_null(), "{t}");
    let status = app.history_of(&number, "status").await;
    let last = status.last().unwrap();
    assert_eq!(last["old_value"], "resolved");
    assert_eq!(last["reason"], "the customer answered by api");

    // Closed: the same.
    set_status(&app, &number, "resolved").await;
    set_status(&app, &number, "closed").await;
    let t = customer_writes(&app, &key, &number, "A ešte raz.").await;
    assert_eq!(t["status"], "in_progress", "{t}");
    assert!(t["closed_at"].is_null(), "{t}");

    // Staff notes do not move the ticket.
    set_status(&app, &number, "waiting_for_customer").await;
    let note = app
        .post(
            &format!("/api/v1/tickets/{number}/articles"),
            json!({"kind": "internal_note", "body": "Čakáme."}),
        )
        .await;
    assert_eq!(note.status, 201, "{}", note.body);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await.body;
    assert_eq!(t["status"], "waiting_for_customer");
}

/// The outbox messages of a ticket with `purpose`.
async fn mail_of(app: &TestApp, number: &str, purpose: &str) -> Vec<Value> {
    let r = app.get(&format!("/api/v1/tickets/{number}/mail")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["purpose"] == purpose)
        .cloned()
        .collect()
}

async fn every_channel_confirms_and_the_relay_acceptance_stops_the_reaction_clock(b: Backend) {
    let app = TestApp::spawn(b).await;
    let cal = app.post("/api/v1/calendars", json!({"name": "Nonstop", "time_zone": "Europe/Bratislava", "hours": "mon-sun 00:00-24:00"})).await;
    assert_eq!(cal.status, 201, "{}", cal.body);
    let p = app.post("/api/v1/sla-policies", json!({"name": "Štandard", "calendar_id": cal.body["id"], "reaction": "4h", "resolution": "2bd"})).await;
    assert_eq!(p.status, 201, "{}", p.body);
    let (org, contact, _) = app.customer("27082440", "jana@firma.example").await;
    let key = org_key(&app, org).await;

    let by_key = app
        .call_as(
            Some(&key),
            Method::POST,
            "/api/v1/tickets",
            Some(json!({"subject": "Z aplikácie", "description": "Chyba.", "requester_id": contact, "reply_to": "servis@firma.example"})),
        )
        .await;
    assert_eq!(by_key.status, 201, "{}", by_key.body);
    let by_phone = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Volala Jana", "description": "Nejde brána.", "requester_id": contact, "channel": "phone"}),
        )
        .await;
    assert_eq!(by_phone.status, 201, "{}", by_phone.body);

    for (t, to) in [
        (&by_key.body, "servis@firma.example"),
        (&by_phone.body, "jana@firma.example"),
    ] {
        let number = t["number"].as_str().unwrap();
        let sent = mail_of(&app, number, "confirmation").await;
        assert_eq!(sent.len(), 1, "{number}: {sent:?}");
        let m = &sent[0];
        assert_eq!(m["recipient"], to);
        assert_eq!(m["automatic"], true);
        assert_eq!(m["status"], "queued");
        assert!(
            m["subject"].as_str().unwrap().contains(number),
            "numbered: {m}"
        );
        // In the contact's language: the organization is Slovak, and so is its contact.
        let mut tx = app.app.db.read().await.unwrap();
        let (_, raw) = podpora_store::repo::mail::outbox_raw(&mut tx, m["id"].as_i64().unwrap())
            .await
            .unwrap();
        drop(tx);
        let parsed = podpora_mailproto::parse(&raw, &Default::default()).unwrap();
        assert!(
            m["subject"]
                .as_str()
                .unwrap()
                .starts_with("Prijali sme vašu požiadavku"),
            "{m}"
        );
        assert!(
            parsed.text_body.contains("Ozveme sa vám najneskôr do"),
            "names the reaction's due time: {}",
            parsed.text_body
        );

        // The relay accepted it a minute after the report: the reaction clock stops then.
        let reported: jiff::Timestamp = t["created_at"].as_str().unwrap().parse().unwrap();
        let accepted = reported + jiff::SignedDuration::from_mins(1);
        podpora_app::tickets::record_sent(
            &app.app,
            m["id"].as_i64().unwrap(),
            "250 2.0.0 Ok",
            accepted.as_millisecond(),
        )
        .await
        .unwrap();
        let got = app.get(&format!("/api/v1/tickets/{number}")).await.body;
        assert_eq!(got["status"], "acknowledged", "{got}");
        let reaction = got["clocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["metric"] == "reaction")
            .unwrap();
        let met: jiff::Timestamp = reaction["met_at"].as_str().unwrap().parse().unwrap();
        assert_eq!(met, accepted, "{reaction}");
    }
}

pub(crate) fn clock_of<'a>(t: &'a Value, metric: &str) -> &'a Value {
    t["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["metric"] == metric)
        .unwrap_or_else(|| panic!("no {metric} clock in {t}"))
}

pub(crate) fn instant(v: &Value) -> jiff::Timestamp {
    v.as_str().unwrap().parse().unwrap()
}

async fn a_phone_request_outside_the_phone_hours_is_timed_from_their_next_opening(b: Backend) {
    use crate::plans::{calendar, contract, plan};
    let app = TestApp::spawn(b).await;
    let phone_hours = calendar(&app, "Linka", "mon-fri 08:00-16:00").await;
    let nonstop = calendar(&app, "Nonstop", "24x7").await;
    let variant = plan(
        &app,
        json!({
            "code": "variant-2", "name": "Varianta 2", "rank": 2,
            "monthly_price": {"amount_minor": 9900, "currency": "EUR"},
            "channels": [{"channel": "phone", "calendar_id": phone_hours}, {"channel": "email"}],
        }),
    )
    .await;
    let p = app.post("/api/v1/sla-policies", json!({"name": "Varianta 2", "calendar_id": nonstop, "plan_id": variant, "reaction": "2h"})).await;
    assert_eq!(p.status, 201, "{}", p.body);
    let (org, contact, _) = app.customer("27082440", "jana@firma.example").await;
    let zone = jiff::tz::TimeZone::get("Europe/Bratislava").unwrap();
    let today = jiff::Timestamp::now().to_zoned(zone.clone()).date();
    contract(
        &app,
        org,
        variant,
        &(today - jiff::Span::new().days(20)).to_string(),
    )
    .await;

    // The last Sunday before today, 10:00 in Bratislava: the phone line is closed.
    let mut sunday = today.yesterday().unwrap();
    while sunday.weekday() != jiff::civil::Weekday::Sunday {
        sunday = sunday.yesterday().unwrap();
    }
    let called = sunday
        .at(10, 0, 0, 0)
        .to_zoned(zone.clone())
        .unwrap()
        .timestamp();
    let monday_eight = sunday
        .tomorrow()
        .unwrap()
        .at(8, 0, 0, 0)
        .to_zoned(zone.clone())
        .unwrap()
        .timestamp();
    let request = |channel: &str| json!({"subject": "Nejde ústredňa", "description": format!("Volala v nedeľu ({channel})."), "requester_id": contact, "channel": channel, "reported_at": called.to_string()});

    // Entered by staff from the Sunday call: accepted, timed from Monday 8:00.
    let r = app.post("/api/v1/tickets", request("phone")).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let number = r.body["number"].as_str().unwrap().to_owned();
    assert_eq!(instant(&r.body["created_at"]), called);
    let reaction = clock_of(&r.body, "reaction");
    assert_eq!(instant(&reaction["started_at"]), monday_eight, "{reaction}");
    assert_eq!(
        instant(&reaction["due_at"]),
        monday_eight + jiff::SignedDuration::from_hours(2)
    );
    let noted = app.history_of(&number, "outside_channel_hours").await;
    assert_eq!(noted.len(), 1, "{noted:?}");
    let note = noted[0]["new_value"].as_str().unwrap();
    assert!(
        note.contains("outside the phone hours")
            && note.contains(
                &monday_eight
                    .to_zoned(zone.clone())
                    .strftime("%Y-%m-%dT%H:%M:%S%:z")
                    .to_string()
            ),
        "{note}"
    );

    // The caller is confirmed, as a requester by any channel is.
    let confirmed = mail_of(&app, &number, "confirmation").await;
    assert_eq!(confirmed.len(), 1, "{confirmed:?}");
    assert_eq!(confirmed[0]["recipient"], "jana@firma.example");

    // By e-mail, which has no hours of its own in the plan, the same Sunday request runs at once.
    let r = app.post("/api/v1/tickets", request("email")).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let by_mail = r.body["number"].as_str().unwrap();
    assert_eq!(
        instant(&clock_of(&r.body, "reaction")["started_at"]),
        called
    );
    assert!(
        app.history_of(by_mail, "outside_channel_hours")
            .await
            .is_empty()
    );

    // The plan says, for each channel, whether it is open now and when it next opens.
    let status = app.get(&format!("/api/v1/organizations/{org}/plan")).await;
    assert_eq!(status.status, 200, "{}", status.body);
    let hours = status.body["channel_hours"].as_array().unwrap();
    let phone = hours.iter().find(|h| h["channel"] == "phone").unwrap();
    let cal = podpora_calendar::BusinessCalendar::new(
        "Europe/Bratislava",
        podpora_calendar::OpeningHours::parse("mon-fri 08:00-16:00").unwrap(),
        None,
    )
    .unwrap();
    let now = jiff::Timestamp::now();
    assert_eq!(phone["calendar_id"], phone_hours);
    assert_eq!(phone["open_now"], cal.is_open(now), "{phone}");
    if cal.is_open(now) {
        assert!(phone["next_opening"].is_null(), "{phone}");
    } else {
        let next = cal.next_opening(now).unwrap();
        assert_eq!(phone["next_opening"], cal.format(next), "{phone}");
    }
    let email = hours.iter().find(|h| h["channel"] == "email").unwrap();
    assert_eq!(email["open_now"], true);
    assert!(email["calendar_id"].is_null() && email["next_opening"].is_null());
}

/// A plain message from `from` to the support address.
fn mail(from: &str, message_id: &str, subject: &str, body: &str) -> String {
    format!(
        "From: Jana Nováková <{from}>\r\nTo: podpora@support.test\r\nSubject: {subject}\r\n\
         Message-ID: <{message_id}>\r\nDate: Mon, 30 Nov 2026 09:00:00 +0100\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
}

/// A calendar open 08:00–09:00 in Bratislava on tomorrow's weekday only, so closed now whatever
/// the time; with its next opening.
pub(crate) async fn open_tomorrow_only(app: &TestApp, name: &str) -> (i64, jiff::Timestamp) {
    let zone = jiff::tz::TimeZone::get("Europe/Bratislava").unwrap();
    let tomorrow = jiff::Timestamp::now()
        .to_zoned(zone.clone())
        .date()
        .tomorrow()
        .unwrap();
    let day = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        [usize::try_from(tomorrow.weekday().to_monday_zero_offset()).unwrap()];
    let id = crate::plans::calendar(app, name, &format!("{day} 08:00-09:00")).await;
    let opens = tomorrow.at(8, 0, 0, 0).to_zoned(zone).unwrap().timestamp();
    (id, opens)
}

pub(crate) fn days_ago(days: i64) -> String {
    let zone = jiff::tz::TimeZone::get("Europe/Bratislava").unwrap();
    (jiff::Timestamp::now().to_zoned(zone).date() - jiff::Span::new().days(days)).to_string()
}

async fn a_contract_for_an_asset_counts_for_mail_as_for_the_api(b: Backend) {
    use crate::mail::{submit, support_mail};
    let app = TestApp::spawn_with_mail(b, support_mail()).await;
    // Without a plan, requests come only by phone; a plan for one asset adds e-mail and the API.
    let r = app
        .call(
            Method::PUT,
            "/api/v1/basic-service",
            Some(json!({"channels": ["phone"]})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let care = crate::plans::plan(
        &app,
        json!({
            "code": "asset-care", "name": "Starostlivosť o ústredňu", "rank": 1,
            "monthly_price": {"amount_minor": 2900, "currency": "EUR"},
            "channels": [{"channel": "email"}, {"channel": "api"}],
        }),
    )
    .await;
    let (org, contact, asset) = app.customer("35697270", "jana@zakaznik.test").await;
    let r = app
        .post(
            "/api/v1/contracts",
            json!({"organization_id": org, "plan_id": care, "asset_id": asset, "starts_on": days_ago(20)}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);

    // By mail, naming the asset: the asset's contract includes e-mail.
    let about = submit(
        &app,
        &mail(
            "jana@zakaznik.test",
            "a1@zakaznik.test",
            "Porucha SN-35697270",
            "Ústredňa nevolá von.",
        ),
    )
    .await;
    assert_eq!(about["status"], "processed", "{about}");
    let number = about["ticket_number"].as_str().unwrap();
    let t = app.get(&format!("/api/v1/tickets/{number}")).await.body;
    assert_eq!(t["asset_id"], asset, "{t}");
    // By mail about nothing in particular: the organization's basic service has no e-mail.
    let other = submit(
        &app,
        &mail(
            "jana@zakaznik.test",
            "a2@zakaznik.test",
            "Otázka",
            "Ako sa nastavuje presmerovanie?",
        ),
    )
    .await;
    assert_eq!(other["status"], "rejected", "{other}");
    assert!(
        other["reason"].as_str().unwrap().contains("e-mail"),
        "{other}"
    );

    // Through the API the same: with the asset accepted, without it refused.
    let key = org_key(&app, org).await;
    let open = |asset: Option<i64>| json!({"subject": "Z aplikácie", "description": "Chyba.", "requester_id": contact, "asset_id": asset});
    let with = app
        .call_as(
            Some(&key),
            Method::POST,
            "/api/v1/tickets",
            Some(open(Some(asset))),
        )
        .await;
    assert_eq!(with.status, 201, "{}", with.body);
    let without = app
        .call_as(
            Some(&key),
            Method::POST,
            "/api/v1/tickets",
            Some(open(None)),
        )
        .await;
    assert_eq!(without.problem(422), ["channel"]);
}

async fn a_mail_outside_the_plans_mail_hours_is_timed_from_their_next_opening(b: Backend) {
    use crate::mail::{submit, support_mail};
    use crate::plans::{calendar, contract, plan};
    let app = TestApp::spawn_with_mail(b, support_mail()).await;
    // Mail is read one hour on tomorrow's weekday only: closed now, whatever the time.
    let (mail_hours, opens) = open_tomorrow_only(&app, "Pošta").await;
    let nonstop = calendar(&app, "Nonstop", "24x7").await;
    let variant = plan(
        &app,
        json!({
            "code": "mail-desk", "name": "Pošta", "rank": 1,
            "monthly_price": {"amount_minor": 900, "currency": "EUR"},
            "channels": [{"channel": "email", "calendar_id": mail_hours}],
        }),
    )
    .await;
    let p = app
        .post(
            "/api/v1/sla-policies",
            json!({"name": "Pošta", "calendar_id": nonstop, "plan_id": variant, "reaction": "2h"}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
    let (org, _, _) = app.customer("35697270", "jana@zakaznik.test").await;
    contract(&app, org, variant, &days_ago(20)).await;

    let r = submit(
        &app,
        &mail(
            "jana@zakaznik.test",
            "h1@zakaznik.test",
            "Kúrenie",
            "Nejde.",
        ),
    )
    .await;
    assert_eq!(r["status"], "processed", "{r}");
    let number = r["ticket_number"].as_str().unwrap();
    let t = app.get(&format!("/api/v1/tickets/{number}")).await.body;
    assert_eq!(
        instant(&clock_of(&t, "reaction")["started_at"]),
        opens,
        "{t}"
    );
    let noted = app.history_of(number, "outside_channel_hours").await;
    assert_eq!(noted.len(), 1, "{noted:?}");
    assert!(
        noted[0]["new_value"]
            .as_str()
            .unwrap()
            .contains("outside the email hours"),
        "{noted:?}"
    );
}

async fn a_mail_copied_to_staff_goes_after_an_equal_request(b: Backend) {
    use crate::mail::{submit, support_mail};
    let app = TestApp::spawn_with_mail(b, support_mail()).await;
    app.agent_token("peter@firma.test", &["technician"], &[])
        .await;
    app.agent_token("eva@firma.test", &["technician"], &[])
        .await;
    app.customer("35697270", "jana@zakaznik.test").await;
    // Sent first, to support and to two of our staff (and to a colleague who is not staff).
    let copied = mail("jana@zakaznik.test", "c1@zakaznik.test", "Porucha", "Nejde to.").replace(
        "To: podpora@support.test\r\n",
        "To: podpora@support.test, Peter@Firma.test\r\nCc: eva@firma.test, kolega@zakaznik.test\r\n",
    );
    let copied = submit(&app, &copied).await;
    assert_eq!(copied["status"], "processed", "{copied}");
    let plain = submit(
        &app,
        &mail(
            "jana@zakaznik.test",
            "c2@zakaznik.test",
            "Iná porucha",
            "Tiež nejde.",
        ),
    )
    .await;
    assert_eq!(plain["status"], "processed", "{plain}");

    let q = app.get("/api/v1/queue").await;
    assert_eq!(q.status, 200, "{}", q.body);
    let entry = |v: &Value| {
        let n = &v["ticket_number"];
        q.body
            .as_array()
            .unwrap()
            .iter()
            .find(|e| &e["number"] == n)
            .cloned()
            .unwrap()
    };
    let (copied, plain) = (entry(&copied), entry(&plain));
    assert!(
        copied["position"].as_u64() > plain["position"].as_u64(),
        "{copied} {plain}"
    );
    assert_eq!(copied["staff_copies"], 2, "{copied}");
    assert!(
        copied["reason"]
            .as_str()
            .unwrap()
            .contains("; copied to 2 staff;"),
        "{copied}"
    );
    assert_eq!(plain["staff_copies"], 0, "{plain}");
    assert!(
        !plain["reason"].as_str().unwrap().contains("copied"),
        "{plain}"
    );
}
