//! The charge preview on a request's page and the month's service time on the plan page, as
//! the customer sees them, on SQLite and PostgreSQL.

use super::helpers::TestApp;
use super::{PASSWORD, contact_with_password, number_in, open_request, sign_in};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;

const LIST: &str = r#"currency = "EUR"
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

async fn the_customer_sees_charges_and_the_months_service_time(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (contact, mut br) = contact_with_password(&app, "35697270", "eva@firma.sk").await;
    assert_eq!(sign_in(&mut br, "eva@firma.sk", PASSWORD).await.status, 303);
    let created = open_request(&mut br, "Nesvieti hala", "Po výpadku nesvieti hala.").await;
    let number = number_in(&created.body);

    // No time recorded, no price list: no charges section.
    let page = br.get(&format!("/portal/requests/{number}")).await;
    assert!(!page.body.contains("Poplatky za túto požiadavku"));

    let r = app
        .call(
            Method::PUT,
            "/api/v1/price-lists/service",
            Some(json!({"name": "Servis", "vat_country": "SK", "default": true, "toml": LIST})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let org = app.get(&format!("/api/v1/contacts/{contact}")).await.body["organization_id"]
        .as_i64()
        .unwrap();
    let plan = app
        .post(
            "/api/v1/plans",
            json!({"code": "smart", "name": "Smart", "rank": 1,
                   "monthly_price": {"amount_minor": 1500, "currency": "EUR"},
                   "channels": [{"channel": "portal"}], "remote_minutes_per_month": 60}),
        )
        .await;
    assert_eq!(plan.status, 201, "{}", plan.body);
    let today =
        jiff::Zoned::now().with_time_zone(jiff::tz::TimeZone::get("Europe/Bratislava").unwrap());
    let c = app
        .post(
            "/api/v1/contracts",
            json!({"organization_id": org, "plan_id": plan.body["id"], "starts_on": today.date().first_of_month().to_string()}),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.body);
    // This month: a visit with 75 minutes on site, and 20 minutes of remote help the plan covers.
    let start = today
        .date()
        .first_of_month()
        .to_zoned(today.time_zone().clone())
        .unwrap()
        .timestamp()
        + jiff::SignedDuration::from_hours(9);
    for body in [
        json!({"kind": "on_site", "start": start.to_string(), "minutes": 75, "visits": 1}),
        json!({"kind": "remote", "start": (start + jiff::SignedDuration::from_hours(3)).to_string(), "minutes": 20, "intervention": 1}),
    ] {
        let r = app
            .post(&format!("/api/v1/tickets/{number}/time-entries"), body)
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }

    let page = br.get(&format!("/portal/requests/{number}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = page.body.replace("&nbsp;", "\u{a0}");
    for text in [
        "Poplatky za túto požiadavku",
        "Výjazd",
        "Práca na mieste",
        "120 minút",
        "50,00\u{a0}EUR za hodinu",
        "Vzdialená podpora, 20 minút: v cene vášho balíka",
        "Spolu bez DPH: 200,00\u{a0}EUR",
        "DPH 23 %: 46,00\u{a0}EUR",
        "Spolu s DPH: 246,00\u{a0}EUR",
    ] {
        assert!(body.contains(text), "{text} in {body}");
    }

    let plan_page = br.get("/portal/plan").await;
    let body = plan_page.body.replace("&nbsp;", "\u{a0}");
    assert!(body.contains("Servisný čas za"), "{body}");
    assert!(
        body.contains("20 minút") && body.contains("40 minút"),
        "{body}"
    );
    assert!(
        body.contains("Vyúčtované tento mesiac bez DPH: 200,00\u{a0}EUR"),
        "{body}"
    );
}

async fn the_customer_accepts_an_offer_of_paid_work(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_contact, mut br) = contact_with_password(&app, "35697270", "ivo@firma.sk").await;
    assert_eq!(sign_in(&mut br, "ivo@firma.sk", PASSWORD).await.status, 303);
    let created = open_request(&mut br, "Nahrávanie hovorov", "Chceme nahrávať hovory.").await;
    let number = number_in(&created.body);
    let r = app
        .call(
            Method::PUT,
            "/api/v1/price-lists/service",
            Some(
                json!({"name": "Servis", "vat_country": "SK", "default": true,
                        "agreement_required": true, "toml": LIST}),
            ),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let e = app
        .post(
            &format!("/api/v1/tickets/{number}/time-entries"),
            json!({"kind": "remote", "start": "2026-11-03T09:00:00Z", "minutes": 40}),
        )
        .await;
    assert_eq!(e.status, 201, "{}", e.body);
    let offer = app
        .post(
            &format!("/api/v1/tickets/{number}/agreements"),
            json!({"description": "Nastavenie nahrávania", "estimate_minutes": 60}),
        )
        .await;
    assert_eq!(offer.status, 201, "{}", offer.body);
    let id = offer.body["id"].as_i64().unwrap();

    let page = br.get(&format!("/portal/requests/{number}")).await;
    let body = page.body.replace("&nbsp;", "\u{a0}");
    assert!(
        body.contains("Ponuky platenej práce") && body.contains("Nastavenie nahrávania"),
        "{body}"
    );
    assert!(body.contains("odhad 60 minút"), "{body}");
    assert!(body.contains("čaká, kým prijmete ponuku"), "{body}");
    assert!(body.contains("Spolu bez DPH: 0,00\u{a0}EUR"), "{body}");

    let csrf = br.csrf();
    let done = br
        .post(
            &format!("/portal/requests/{number}/offers/{id}/accept"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let page = br.get(&format!("/portal/requests/{number}")).await;
    let body = page.body.replace("&nbsp;", "\u{a0}");
    assert!(body.contains("prijaté"), "{body}");
    assert!(!body.contains("čaká, kým prijmete ponuku"));
    assert!(body.contains("Spolu bez DPH: 50,00\u{a0}EUR"), "{body}");
    let offers = app
        .get(&format!("/api/v1/tickets/{number}/agreements"))
        .await;
    assert_eq!(offers.body[0]["accepted_channel"], "portal");
    assert!(
        offers.body[0]["accepted_by"]
            .as_str()
            .unwrap()
            .starts_with("contact:")
    );
}

crate::on_both!(
    the_customer_sees_charges_and_the_months_service_time,
    the_customer_accepts_an_offer_of_paid_work,
);
