//! Quotes with a deadline on the request's page, as a customer without script uses it:
//! the pending quote to accept or decline, the decision recorded with the portal as its channel,
//! the promised deadline, a refusal explained, and another customer's quote out of reach.

use super::helpers::TestApp;
use super::{PASSWORD, contact_with_password, number_in, open_request, sign_in};
use podpora_testkit::Backend;
use serde_json::json;

crate::on_both!(the_customer_declines_then_accepts_a_quote_in_the_portal);

async fn policy(app: &TestApp) {
    let cal = app
        .post(
            "/api/v1/calendars",
            json!({"name": "Nonstop", "time_zone": "Europe/Bratislava", "hours": "24x7"}),
        )
        .await;
    assert_eq!(cal.status, 201, "{}", cal.body);
    let p = app
        .post(
            "/api/v1/sla-policies",
            json!({"name": "Štandard", "calendar_id": cal.body["id"], "resolution": "2bd"}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
}

async fn quote(app: &TestApp, number: &str, price: &str, days: i64) -> (i64, jiff::Timestamp) {
    let deadline =
        jiff::Timestamp::from_second(jiff::Timestamp::now().as_second() + days * 86_400).unwrap();
    let r = app
        .post(
            &format!("/api/v1/tickets/{number}/quotes"),
            json!({"price": price, "covers": "Nastavenie nahrávania hovorov", "deadline": deadline.to_string()}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    (r.body["id"].as_i64().unwrap(), deadline)
}

async fn the_customer_declines_then_accepts_a_quote_in_the_portal(b: Backend) {
    let app = TestApp::spawn(b).await;
    policy(&app).await;
    let (_contact, mut br) = contact_with_password(&app, "35697270", "ivo@firma.sk").await;
    assert_eq!(sign_in(&mut br, "ivo@firma.sk", PASSWORD).await.status, 303);
    let created = open_request(&mut br, "Nahrávanie hovorov", "Chceme nahrávať hovory.").await;
    let number = number_in(&created.body);
    let page_path = format!("/portal/requests/{number}");

    // no quote: no section
    let page = br.get(&page_path).await;
    assert!(!page.body.contains("id=\"quotes\""), "{}", page.body);

    let (first, _) = quote(&app, &number, "350", 2).await;
    let page = br.get(&page_path).await;
    let body = page.body.replace("&nbsp;", "\u{a0}");
    for text in [
        "Cenová ponuka",
        "350,00\u{a0}EUR",
        "Nastavenie nahrávania hovorov",
        &format!("id=\"accept-quote-{first}\""),
        &format!("id=\"decline-quote-{first}\""),
        "Prečo odmietate (nepovinné)",
    ] {
        assert!(body.contains(text), "{text} in {body}");
    }

    // a forged token decides nothing
    let r = br
        .post(
            &format!("{page_path}/quotes/{first}/decline"),
            &[("csrf", "forged"), ("reason", "x")],
        )
        .await;
    assert_eq!(r.status, 403);
    let csrf = br.csrf();
    let r = br
        .post(
            &format!("{page_path}/quotes/{first}/decline"),
            &[("csrf", &csrf), ("reason", "Príliš drahé")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        r.location.as_deref(),
        Some(format!("{page_path}#quotes").as_str())
    );
    let list = app.get(&format!("/api/v1/tickets/{number}/quotes")).await;
    assert_eq!(list.body[0]["state"], "declined");
    assert_eq!(list.body[0]["decided_channel"], "portal");
    assert_eq!(list.body[0]["decline_reason"], "Príliš drahé");
    assert!(
        list.body[0]["decided_by"]
            .as_str()
            .unwrap()
            .starts_with("contact:")
    );
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert!(
        !t.body["clocks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["metric"] == "agreed_deadline"),
        "a declined quote starts no clock"
    );
    let page = br.get(&page_path).await;
    assert!(page.body.contains("odmietnutá"), "{}", page.body);
    assert!(!page.body.contains("Sľúbený termín"), "{}", page.body);

    // deciding again is explained, not an error page
    let csrf = br.csrf();
    let r = br
        .post(
            &format!("{page_path}/quotes/{first}/accept"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(
        r.body
            .contains("Táto ponuka už bola prijatá alebo odmietnutá."),
        "{}",
        r.body
    );

    // a second quote, accepted: the promised deadline shows, a clock runs on the ticket
    let (second, deadline) = quote(&app, &number, "290.90", 3).await;
    let csrf = br.csrf();
    let r = br
        .post(
            &format!("{page_path}/quotes/{second}/accept"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = br.get(&page_path).await;
    let body = page.body.replace("&nbsp;", "\u{a0}");
    assert!(body.contains("id=\"promised-deadline\""), "{body}");
    assert!(body.contains("Sľúbený termín:"), "{body}");
    assert!(body.contains("prijatá"), "{body}");
    assert!(
        !body.contains(&format!("id=\"accept-quote-{second}\"")),
        "{body}"
    );
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    let c = t.body["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["metric"] == "agreed_deadline")
        .cloned()
        .expect("the agreed deadline runs");
    assert_eq!(
        c["due_at"]
            .as_str()
            .unwrap()
            .parse::<jiff::Timestamp>()
            .unwrap(),
        deadline
    );

    // another organization's contact reaches neither the page nor the quote
    let (third, _) = quote(&app, &number, "10", 4).await;
    let (_other, mut stranger) = contact_with_password(&app, "36421928", "cudzi@ina.sk").await;
    assert_eq!(
        sign_in(&mut stranger, "cudzi@ina.sk", PASSWORD)
            .await
            .status,
        303
    );
    assert_eq!(stranger.get(&page_path).await.status, 404);
    let csrf = stranger.csrf();
    let r = stranger
        .post(
            &format!("{page_path}/quotes/{third}/accept"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(r.status, 404, "{}", r.body);
    let list = app.get(&format!("/api/v1/tickets/{number}/quotes")).await;
    assert_eq!(
        list.body[2]["state"], "pending",
        "the stranger decided nothing"
    );
}
