//! Service time on the workspace's ticket page and the offer's mailed link, as a browser without
//! scripts uses them, on SQLite and PostgreSQL: a technician logs a visit with 75 minutes on
//! site and sees the preview (held, under a list that needs an accepted offer); a refusal comes
//! back beside its field with what was typed; an offer is mailed; a dispatcher records an
//! acceptance with its reason, which releases the work; the billing role only reads. The
//! customer accepts another offer by the link in the mail: opening it changes nothing, posting
//! its form accepts with the channel `mail`; used, expired and made-up links are refused.

use crate::browser::Browser;
use crate::helpers::TestApp;
use crate::{PASSWORD, agent, sign_in, ticket, unescaped};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;

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

async fn price_list(app: &TestApp, agreement_required: bool) {
    let r = app
        .call(
            Method::PUT,
            "/api/v1/price-lists/service",
            Some(
                json!({"name": "Servis", "vat_country": "SK", "default": true,
                        "agreement_required": agreement_required, "toml": LIST_000}),
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
}

/// A browser signed in as the agent `email` (made with `roles`); returns it with the agent's id.
async fn staff(app: &TestApp, email: &str, roles: &[&str]) -> (Browser, i64) {
    let id = agent(app, email, roles).await;
    let mut b = Browser::new(&app.base);
    let page = sign_in(&mut b, email, PASSWORD).await;
    assert_eq!(page.status, 303, "{}", page.body);
    (b, id)
}

/// A page's text with the non-breaking spaces of amounts as they are.
fn text(body: &str) -> String {
    unescaped(body).replace("&nbsp;", "\u{a0}")
}

/// The newest queued mail of a purpose: recipient and plain text.
async fn queued(app: &TestApp, purpose: &str) -> (String, String) {
    let mut tx = app.app.db.read().await.unwrap();
    let (to, raw): (String, Vec<u8>) = podpora_store::on_tx!(&mut tx, c => sqlx::query_as(
        "SELECT recipient, raw FROM outbox WHERE purpose = $1 ORDER BY id DESC LIMIT 1")
        .bind(purpose).fetch_one(c).await)
    .unwrap();
    let parsed = mail_parser::MessageParser::default()
        .parse(&raw)
        .expect("a parsable mail");
    (to, parsed.body_text(0).expect("a text body").into_owned())
}

/// The path of the offer link in a mail's text.
fn link_in(text: &str) -> String {
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/portal/offers/"))
        .unwrap_or_else(|| panic!("a link in {text}"));
    link[link.find("/portal/").unwrap()..].to_string()
}

pub(crate) async fn a_technician_logs_time_and_a_dispatcher_records_the_acceptance(b: Backend) {
    let app = TestApp::spawn(b).await;
    price_list(&app, true).await;
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let number = ticket(&app, contact, "Nesvieti hala", "normal").await;
    let (mut tech, tech_id) = staff(&app, "technik@podpora.example", &["technician"]).await;
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"assignee_id": tech_id}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);

    let page = tech.get(&format!("/desk/tickets/{number}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = text(&page.body);
    assert!(body.contains("Zapísať čas"), "{body}");
    assert!(
        body.contains("Výjazdy (paušál 100,00\u{a0}EUR za každý)"),
        "{body}"
    );
    assert!(body.contains("Na tejto požiadavke zatiaľ nie je zaznamenaný žiadny čas."));

    // A refusal of the use case comes back beside its field, with what was typed.
    let csrf = tech.csrf();
    let path = format!("/desk/tickets/{number}/time");
    let bad = tech
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("start", "2026-11-10T10:15"),
                ("end", "2026-11-10T09:00"),
                ("kind", "on_site"),
                ("visits", "1"),
                ("billable", "yes"),
                ("note", "Výmena stýkača v rozvádzači"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    let body = text(&bad.body);
    assert!(
        body.contains("<p class=\"error\" id=\"time-end-error\">must be after start</p>"),
        "{body}"
    );
    assert!(
        body.contains("Výmena stýkača v rozvádzači</textarea>"),
        "{body}"
    );
    assert!(body.contains("value=\"2026-11-10T10:15\""), "{body}");
    let bad = tech
        .post(
            &path,
            &[("csrf", &csrf), ("minutes", "veľa"), ("kind", "remote")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(text(&bad.body).contains("id=\"time-minutes-error\">must be a whole number"));

    // 75 minutes on site with a visit, typed in the agent's zone (Bratislava, UTC+1 in November).
    let ok = tech
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("start", "2026-11-10T09:00"),
                ("end", "2026-11-10T10:15"),
                ("kind", "on_site"),
                ("visits", "1"),
                ("billable", "yes"),
                ("note", "Výmena stýkača v rozvádzači"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(
        ok.location.as_deref(),
        Some(format!("/desk/tickets/{number}?done=time#billing").as_str())
    );
    let done = tech.get(&format!("/desk/tickets/{number}?done=time")).await;
    assert!(
        text(&done.body).contains("Čas je zapísaný."),
        "{}",
        done.body
    );
    let entries = app
        .get(&format!("/api/v1/tickets/{number}/time-entries"))
        .await;
    assert_eq!(entries.body[0]["start"], "2026-11-10T08:00:00Z");
    assert_eq!(entries.body[0]["minutes"], 75);
    assert_eq!(entries.body[0]["visits"], 1);
    let entry_id = entries.body[0]["id"].as_i64().unwrap();

    let body = text(&tech.get(&format!("/desk/tickets/{number}")).await.body);
    assert!(body.contains("75 minút"), "{body}");
    assert!(body.contains("Práca na mieste · 1 výjazd"), "{body}");
    assert!(body.contains("nevyfakturované"), "{body}");
    assert!(body.contains("120 minút (odpracované 75 minút)"), "{body}");
    // The customer has no plan and accepted no offer: the work is held, not billed.
    assert!(body.contains("id=\"held-notice\""), "{body}");
    assert!(body.contains("pozdržané, neúčtuje sa"), "{body}");
    assert!(
        body.contains("<span class=\"tag\">pozdržané, neúčtuje sa</span> · nevyfakturované"),
        "the entry is flagged: {body}"
    );
    assert!(body.contains("Spolu bez DPH: 0,00\u{a0}EUR"), "{body}");
    // A technician records no acceptance.
    assert!(!body.contains("Zaznamenať súhlas"));

    // The technician corrects the entry with a reason; the history keeps it.
    let fixed = tech
        .post(
            &format!("/desk/tickets/{number}/time/correct"),
            &[
                ("csrf", &csrf),
                ("entry", &entry_id.to_string()),
                ("minutes", "61"),
                ("reason", "zapísaný aj čas na parkovanie"),
            ],
        )
        .await;
    assert_eq!(fixed.status, 303, "{}", fixed.body);
    let h = app.history_of(&number, "time_entry").await;
    assert!(
        h.iter()
            .any(|e| e["reason"].as_str().unwrap_or("").contains("parkovanie")),
        "{h:?}"
    );
    let fixed = tech
        .post(
            &format!("/desk/tickets/{number}/time/correct"),
            &[
                ("csrf", &csrf),
                ("entry", &entry_id.to_string()),
                ("minutes", "75"),
                ("reason", "oprava späť"),
            ],
        )
        .await;
    assert_eq!(fixed.status, 303, "{}", fixed.body);

    // The offer: refused without a description, then recorded and mailed to the requester.
    let offers = format!("/desk/tickets/{number}/offers");
    let bad = tech
        .post(
            &offers,
            &[
                ("csrf", &csrf),
                ("description", " "),
                ("estimate_minutes", "90"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    let body = text(&bad.body);
    assert!(body.contains("id=\"offer-description-error\""), "{body}");
    assert!(body.contains("value=\"90\""), "{body}");
    let ok = tech
        .post(
            &offers,
            &[
                ("csrf", &csrf),
                ("description", "Výmena rozvádzača osvetlenia"),
                ("estimate_minutes", "90"),
            ],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    let (to, mail) = queued(&app, "offer").await;
    assert_eq!(to, "jan@firma.sk");
    assert!(mail.contains("Výmena rozvádzača osvetlenia"), "{mail}");
    assert!(mail.contains("Odhadovaný čas: 90 minút"), "{mail}");
    assert!(mail.contains(&number), "{mail}");
    let body = text(&tech.get(&format!("/desk/tickets/{number}")).await.body);
    assert!(body.contains("čaká na zákazníka"), "{body}");
    let offer_id = app
        .get(&format!("/api/v1/tickets/{number}/agreements"))
        .await
        .body[0]["id"]
        .as_i64()
        .unwrap();

    // The billing role reads the charges and has no forms; a direct post is refused.
    let (mut billing, _) = staff(&app, "fakturacia@podpora.example", &["billing"]).await;
    let body = text(&billing.get(&format!("/desk/tickets/{number}")).await.body);
    assert!(
        body.contains("Náhľad poplatkov") && body.contains("75 minút"),
        "{body}"
    );
    assert!(!body.contains("id=\"log-time\"") && !body.contains("id=\"new-offer\""));
    let csrf_b = billing.csrf();
    let refused = billing
        .post(
            &path,
            &[
                ("csrf", &csrf_b),
                ("date", "2026-11-11"),
                ("minutes", "5"),
                ("kind", "remote"),
            ],
        )
        .await;
    assert_eq!(refused.status, 403);

    // A dispatcher records the acceptance given by phone: refused without a reason, then kept.
    let (mut dispatcher, _) = staff(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    let page = dispatcher.get(&format!("/desk/tickets/{number}")).await;
    assert!(text(&page.body).contains("Zaznamenať súhlas"));
    let csrf_d = dispatcher.csrf();
    let accept = format!("/desk/tickets/{number}/offers/{offer_id}/accept");
    let bad = dispatcher
        .post(&accept, &[("csrf", &csrf_d), ("reason", "  ")])
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(
        text(&bad.body).contains(&format!(
            "id=\"accept-reason-{offer_id}-error\">say how and when the customer agreed"
        )),
        "{}",
        bad.body
    );
    let ok = dispatcher
        .post(
            &accept,
            &[
                ("csrf", &csrf_d),
                ("reason", "telefonicky s p. Kováčom 10. 11."),
            ],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    let body = text(&tech.get(&format!("/desk/tickets/{number}")).await.body);
    assert!(
        body.contains("dispecer@podpora.example (zaznamenal pracovník)"),
        "{body}"
    );
    assert!(!body.contains("id=\"held-notice\""), "{body}");
    assert!(body.contains("Spolu bez DPH: 200,00\u{a0}EUR"), "{body}");
    assert!(body.contains("DPH 23 %: 46,00\u{a0}EUR"), "{body}");
    assert!(body.contains("Spolu s DPH: 246,00\u{a0}EUR"), "{body}");
    let h = app.history_of(&number, "agreement_accepted").await;
    assert_eq!(h[0]["reason"], "telefonicky s p. Kováčom 10. 11.", "{h:?}");
    let again = dispatcher
        .post(&accept, &[("csrf", &csrf_d), ("reason", "znova")])
        .await;
    // Accepted twice (another tab): refused, and the page shows it accepted.
    assert_eq!(again.status, 409);
    assert!(
        text(&again.body).contains("id=\"accept-error\">offer"),
        "{}",
        again.body
    );
    assert!(text(&again.body).contains("zaznamenal pracovník"));
}

pub(crate) async fn the_customer_accepts_an_offer_by_the_link_in_its_mail(b: Backend) {
    let app = TestApp::spawn(b).await;
    price_list(&app, true).await;
    let (_org, contact, _asset) = app.customer("35697270", "eva@firma.sk").await;
    let number = ticket(&app, contact, "Nahrávanie hovorov", "normal").await;
    let offer = app
        .post(
            &format!("/api/v1/tickets/{number}/agreements"),
            json!({"description": "Nastavenie nahrávania hovorov", "estimate_minutes": 60}),
        )
        .await;
    assert_eq!(offer.status, 201, "{}", offer.body);
    assert_eq!(offer.body["mailed_to"], "eva@firma.sk");
    let (to, mail) = queued(&app, "offer").await;
    assert_eq!(to, "eva@firma.sk");
    assert!(mail.contains("Nastavenie nahrávania hovorov"), "{mail}");
    assert!(mail.contains("platí 14 dní"), "{mail}");
    let path = link_in(&mail);

    // Opening the link (as a mail scanner would, twice) shows the offer and accepts nothing.
    let mut br = Browser::new(&app.base);
    for _ in 0..2 {
        let page = br.get(&path).await;
        assert_eq!(page.status, 200, "{}", page.body);
        let body = text(&page.body);
        assert!(body.contains("Nastavenie nahrávania hovorov"), "{body}");
        assert!(body.contains("odhad 60 minút"), "{body}");
        assert!(body.contains("Prijať ponuku"), "{body}");
    }
    let offers = app
        .get(&format!("/api/v1/tickets/{number}/agreements"))
        .await;
    assert!(offers.body[0]["accepted_at"].is_null(), "{}", offers.body);

    // The form without its CSRF token is refused; with it, the offer is accepted by mail.
    let refused = br.post(&path, &[("csrf", "cudzí")]).await;
    assert_eq!(refused.status, 403);
    let csrf = br.csrf();
    let done = br.post(&path, &[("csrf", &csrf)]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    let body = text(&done.body);
    assert!(body.contains("Ďakujeme. Ponuka bola prijatá"), "{body}");
    let offers = app
        .get(&format!("/api/v1/tickets/{number}/agreements"))
        .await;
    assert_eq!(offers.body[0]["accepted_channel"], "mail");
    assert_eq!(offers.body[0]["accepted_by"], format!("contact:{contact}"));
    assert!(offers.body[0]["accepted_at"].is_string());
    let h = app.history_of(&number, "agreement_accepted").await;
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!(h[0]["actor"], format!("contact:{contact}"), "{h:?}");

    // The link works once; a made-up one is not ours.
    let used = br.get(&path).await;
    assert_eq!(used.status, 410);
    assert!(text(&used.body).contains("už bol použitý"), "{}", used.body);
    let used = br.post(&path, &[("csrf", &csrf)]).await;
    assert_eq!(used.status, 410);
    let forged = br.get("/portal/offers/pol_00112233445566778899").await;
    assert_eq!(forged.status, 404);
    assert!(
        text(&forged.body).contains("nie je platný"),
        "{}",
        forged.body
    );

    // An expired link is refused, and says so.
    let second = app
        .post(
            &format!("/api/v1/tickets/{number}/agreements"),
            json!({"description": "Archivácia nahrávok"}),
        )
        .await;
    assert_eq!(second.status, 201, "{}", second.body);
    let (_, mail) = queued(&app, "offer").await;
    assert!(!mail.contains("Odhadovaný čas"), "{mail}");
    let path = link_in(&mail);
    {
        let mut tx = app.app.db.begin().await.unwrap();
        podpora_store::on_tx!(&mut tx, c => sqlx::query(
            "UPDATE offer_links SET expires_at = 1 WHERE agreement_id = $1")
            .bind(second.body["id"].as_i64().unwrap()).execute(c).await.map(|_| ()))
        .unwrap();
        tx.commit().await.unwrap();
    }
    let expired = br.get(&path).await;
    assert_eq!(expired.status, 410);
    assert!(text(&expired.body).contains("vypršala"), "{}", expired.body);
    let csrf = br.csrf();
    assert_eq!(br.post(&path, &[("csrf", &csrf)]).await.status, 410);
    let offers = app
        .get(&format!("/api/v1/tickets/{number}/agreements"))
        .await;
    assert!(offers.body[1]["accepted_at"].is_null(), "{}", offers.body);
}

/// `path | anonymous admin dispatcher technician billing`: what an empty form posted to each
/// service-time route gets. Administrators and dispatchers are told what is missing (422); a
/// technician the ticket is not assigned to does not find it (404); the billing role only reads
/// (403); without a session the answer is the sign-in page.
const TABLE: &str = "
/time | 303 422 422 404 403
/time/correct | 303 422 422 404 403
/offers | 303 422 422 404 403
/offers/1/accept | 303 422 422 404 403
";

pub(crate) async fn every_service_time_form_answers_each_role_as_its_rules_say(b: Backend) {
    let app = TestApp::spawn(b).await;
    price_list(&app, true).await;
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let number = ticket(&app, contact, "Nesvieti hala", "normal").await;
    let r = app
        .post(
            &format!("/api/v1/tickets/{number}/agreements"),
            json!({"description": "Výmena rozvádzača"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let mut anonymous = Browser::new(&app.base);
    anonymous.get("/desk/sign-in").await;
    let mut callers = vec![anonymous];
    for (email, role) in [
        ("admin@podpora.example", "admin"),
        ("dispecer@podpora.example", "dispatcher"),
        ("technik@podpora.example", "technician"),
        ("fakturacia@podpora.example", "billing"),
    ] {
        callers.push(staff(&app, email, &[role]).await.0);
    }
    for row in TABLE.trim().lines() {
        let (path, statuses) = row.split_once('|').unwrap();
        let path = format!("/desk/tickets/{number}{}", path.trim());
        for (caller, expected) in callers.iter_mut().zip(statuses.split_whitespace()) {
            let csrf = caller.csrf();
            let got = caller.post(&path, &[("csrf", &csrf)]).await;
            assert_eq!(got.status.as_str(), expected, "{path}: {}", got.body);
        }
    }
    // Nothing refused was written.
    let entries = app
        .get(&format!("/api/v1/tickets/{number}/time-entries"))
        .await;
    assert_eq!(entries.body, json!([]));
    let offers = app
        .get(&format!("/api/v1/tickets/{number}/agreements"))
        .await;
    assert_eq!(offers.body.as_array().unwrap().len(), 1);
    assert!(offers.body[0]["accepted_at"].is_null());
}
