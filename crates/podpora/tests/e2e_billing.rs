//! Service time in a real browser (Debian's chromium through chromedriver), with the portal
//! beside the workspace: under the preset `smart-home-integrator`, a technician logs a visit and
//! 75 minutes on site on a basic customer's request and sees the preview (100.00 + 2 started
//! hours × 50.00 = 200.00 € net, VAT 46.00, 246.00 € in all) and records an offer of paid work,
//! which is mailed; the offer's link opens without signing in; the customer signs in, sees the
//! same amounts in Slovak formatting and accepts the offer; the technician's page shows it
//! accepted. The technician also quotes a price with a deadline; the customer accepts it in the
//! portal, which then promises that deadline, and the ticket gets the agreed deadline's clock.
//! Screenshots go to `target/e2e-screenshots/billing-*`; axe-core checks every page.

#[path = "api/helpers.rs"]
#[allow(dead_code)]
mod helpers;
#[path = "browser_support/mod.rs"]
#[allow(dead_code)]
mod support;

use fantoccini::{Client, Locator};
use helpers::TestApp;
use podpora_app::{Actor, portal};
use podpora_testkit::Backend;
use serde_json::json;
use std::time::Duration;
use support::*;

const PASSWORD: &str = "heslo-1234";

async fn go(c: &Client, app: &TestApp, path: &str) {
    c.goto(&format!("{}{path}", app.base)).await.expect("opens");
}

/// Sets a field's value by script: a `date` field's typing order depends on the browser's
/// locale, its value's format does not.
async fn set_value(c: &Client, css: &str, value: &str) {
    c.execute(
        "document.querySelector(arguments[0]).value = arguments[1];",
        vec![json!(css), json!(value)],
    )
    .await
    .expect("the value is set");
}

async fn choose(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} exists: {e}"))
        .click()
        .await
        .expect("chosen");
}

async fn staff_sign_in(c: &Client, app: &TestApp, email: &str) {
    go(c, app, "/desk/sign-in").await;
    wait_for_text(c, "h1", "Prihlásenie pracovníkov").await;
    fill(c, "#email", email).await;
    fill(c, "#password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Rad").await;
}

/// The newest offer mail's link, as a path.
async fn offer_link(app: &TestApp) -> String {
    let mut tx = app.app.db.read().await.expect("a read");
    let raw: Vec<u8> = podpora_store::on_tx!(&mut tx, x => sqlx::query_scalar(
        "SELECT raw FROM outbox WHERE purpose = 'offer' ORDER BY id DESC LIMIT 1")
        .fetch_one(x).await)
    .expect("the offer is mailed");
    let text = mail_parser::MessageParser::default()
        .parse(&raw)
        .and_then(|m| m.body_text(0).map(|t| t.into_owned()))
        .expect("a text body");
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/portal/offers/"))
        .unwrap_or_else(|| panic!("a link in {text}"));
    link[link.find("/portal/").expect("a path")..].to_string()
}

async fn the_story(app: &TestApp, c: &Client) {
    let preset = podpora::presets::get("smart-home-integrator").expect("the preset");
    let r = app.post("/api/v1/catalogue", json!({"toml": preset})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let a = app
        .post(
            "/api/v1/agents",
            json!({"email": "technik@podpora.example", "name": "Peter Technik", "roles": ["technician"],
                   "password": PASSWORD, "language": "sk"}),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    let tech = a.body["id"].as_i64().expect("an id");
    // A basic customer: no package, the basic service.
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let t = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Nesvieti osvetlenie v obývačke", "description": "Po výpadku prúdu nesvieti.",
                   "requester_id": contact, "channel": "portal"}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.body);
    let number = t.body["number"].as_str().expect("a number").to_string();
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"assignee_id": tech}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);

    // The technician logs a visit with 75 minutes on site and sees the preview.
    staff_sign_in(c, app, "technik@podpora.example").await;
    go(c, app, &format!("/desk/tickets/{number}")).await;
    wait_for_text(c, "#ticket-number", &number).await;
    set_value(c, "#time-date", "2026-11-10").await;
    fill(c, "#time-minutes", "75").await;
    choose(c, "#time-kind option[value='on_site']").await;
    fill(c, "#time-visits", "1").await;
    fill(c, "#time-note", "Výmena stýkača v rozvádzači").await;
    c.execute(
        "document.querySelector('#log-time').scrollIntoView();",
        vec![],
    )
    .await
    .expect("scrolled");
    shoot(c, "billing-desk-log-time").await;
    submit(c, "#log-time-button").await;
    wait_for_text(c, "#ticket-number", &number).await;
    let entries = text_of(c, "#time-entries").await;
    assert!(
        entries.contains("75 minút") && entries.contains("Peter Technik"),
        "{entries}"
    );
    // WebDriver reads the amounts' non-breaking spaces as spaces.
    let totals = text_of(c, "#charge-totals").await.replace('\u{a0}', " ");
    assert!(
        totals.contains("Spolu bez DPH: 200,00 EUR")
            && totals.contains("DPH 23 %: 46,00 EUR")
            && totals.contains("Spolu s DPH: 246,00 EUR"),
        "{totals}"
    );
    let preview = text_of(c, "#charge-preview").await;
    assert!(
        preview.contains("Výjazd") && preview.contains("120 minút (odpracované 75 minút)"),
        "{preview}"
    );
    shoot(c, "billing-desk-preview").await;

    // The technician records an offer of further paid work; it is mailed to the customer.
    fill(
        c,
        "#offer-description",
        "Výmena celého rozvádzača osvetlenia",
    )
    .await;
    fill(c, "#offer-estimate", "120").await;
    submit(c, "#offer-button").await;
    wait_for_text(c, "#ticket-number", &number).await;
    assert!(text_of(c, "#offers").await.contains("čaká na zákazníka"));

    // And a quote with a deadline, typed in the technician's zone, thirty days ahead.
    let day = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::get("Europe/Bratislava").expect("the zone"))
        .date()
        .checked_add(jiff::Span::new().days(30))
        .expect("a date");
    fill(c, "#quote-price", "350").await;
    fill(c, "#quote-covers", "Nový rozvádzač vrátane materiálu").await;
    set_value(c, "#quote-deadline", &format!("{day}T16:00")).await;
    submit(c, "#quote-submit").await;
    wait_for_text(c, "#ticket-number", &number).await;
    let quotes = text_of(c, "#quotes").await.replace('\u{a0}', " ");
    assert!(
        quotes.contains("350,00 EUR") && quotes.contains("čaká") && quotes.contains("16:00"),
        "{quotes}"
    );
    shoot(c, "billing-desk-quote").await;
    submit(c, "header form[method=post] button").await;
    wait_for_text(c, "h1", "Prihlásenie pracovníkov").await;

    // The mailed link opens without signing in and shows the offer; opening accepts nothing.
    let link = offer_link(app).await;
    go(c, app, &link).await;
    wait_for_text(
        c,
        "#offer-description",
        "Výmena celého rozvádzača osvetlenia",
    )
    .await;
    shoot(c, "billing-offer-link").await;
    let offers = app
        .get(&format!("/api/v1/tickets/{number}/agreements"))
        .await;
    assert!(offers.body[0]["accepted_at"].is_null(), "{}", offers.body);
    let offer = offers.body[0]["id"].as_i64().expect("an id");

    // The customer signs in, sees the charges and accepts the offer in the portal.
    let token = portal::issue_link(
        &app.app,
        &Actor::Cli,
        Some(contact),
        None,
        portal::LinkPurpose::Invite,
    )
    .await
    .expect("an invitation link");
    go(c, app, &format!("/portal/password/{token}")).await;
    fill(c, "#new-password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Prihlásenie").await;
    fill(c, "#email", "jan@firma.sk").await;
    fill(c, "#password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Moje požiadavky").await;
    go(c, app, &format!("/portal/requests/{number}")).await;
    let main = text_of(c, "main").await.replace('\u{a0}', " ");
    assert!(
        main.contains("Spolu bez DPH: 200,00 EUR") && main.contains("Spolu s DPH: 246,00 EUR"),
        "{main}"
    );
    assert!(
        main.contains("Výmena celého rozvádzača osvetlenia"),
        "{main}"
    );
    shoot(c, "billing-portal-request").await;
    submit(c, &format!("#accept-offer-{offer}")).await;
    assert!(text_of(c, "main").await.contains("prijaté"));
    shoot(c, "billing-portal-accepted").await;
    // The customer accepts the quote: its deadline becomes the promise on the request.
    let quote = text_of(c, "#quotes").await.replace('\u{a0}', " ");
    assert!(
        quote.contains("350,00 EUR") && quote.contains("Nový rozvádzač vrátane materiálu"),
        "{quote}"
    );
    submit(c, "#quotes button[id^='accept-quote-']").await;
    let promised = text_of(c, "#promised-deadline").await;
    assert!(
        promised.starts_with("Sľúbený termín")
            && promised.contains(&format!("{}. {}. {}", day.day(), day.month(), day.year()))
            && promised.contains("16:00"),
        "{promised}"
    );
    shoot(c, "billing-portal-quote-accepted").await;
    submit(c, "header form[method=post] button").await;

    // The technician's page shows the offer accepted in the portal.
    staff_sign_in(c, app, "technik@podpora.example").await;
    go(c, app, &format!("/desk/tickets/{number}#offers-heading")).await;
    wait_for_text(c, "#ticket-number", &number).await;
    let state = text_of(c, &format!("#offer-{offer} .offer-state")).await;
    assert!(
        state.starts_with("prijaté") && state.contains("Ján Kováč") && state.contains("na portáli"),
        "{state}"
    );
    let quotes = text_of(c, "#quotes").await;
    assert!(
        quotes.contains("prijatá") && quotes.contains("Ján Kováč"),
        "{quotes}"
    );
    let main = text_of(c, "main").await;
    assert!(
        main.contains("Dohodnutý termín"),
        "the agreed deadline's clock: {main}"
    );
    shoot(c, "billing-desk-accepted").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_technician_logs_a_visit_and_the_customer_sees_the_charges_and_accepts_an_offer() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let driver = start_driver().await;
    let profile = tempfile::tempdir().expect("a fresh browser profile");
    let c = tokio::time::timeout(Duration::from_secs(60), browser(&driver, profile.path()))
        .await
        .expect("the browser starts within 60 s");
    let story = tokio::time::timeout(Duration::from_secs(180), the_story(&app, &c)).await;
    let _ = tokio::time::timeout(Duration::from_secs(10), c.close()).await;
    drop(driver);
    story.expect("the story finishes within 180 s");
}
