//! Quotes on the workspace's ticket page without script: the form with the deadline in
//! the agent's zone, a refusal that keeps what was typed, the quotes' states, the agreed
//! deadline among the ticket's clocks, and who may post the form.

use crate::helpers::TestApp;
use crate::{Browser, signed_in, ticket, unescaped};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::json;

crate::on_both!(an_agent_quotes_a_price_and_a_deadline_on_the_ticket_page);

/// A day three days from now, as a date field writes it.
fn in_three_days() -> jiff::civil::Date {
    jiff::Zoned::now().date() + jiff::Span::new().days(3)
}

async fn post_quote(
    br: &mut Browser,
    number: &str,
    price: &str,
    deadline: &str,
) -> crate::browser::Page {
    let csrf = br.csrf();
    br.post(
        &format!("/desk/tickets/{number}/quotes"),
        &[
            ("csrf", &csrf),
            ("price", price),
            ("covers", "Výmena zdroja ústredne"),
            ("deadline", deadline),
        ],
    )
    .await
}

async fn an_agent_quotes_a_price_and_a_deadline_on_the_ticket_page(b: Backend) {
    let app = TestApp::spawn(b).await;
    crate::sla(&app).await;
    let (org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let number = ticket(&app, contact, "Nejde ústredňa", "normal").await;
    let mut br = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    let path = format!("/desk/tickets/{number}");

    let page = br.get(&path).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = unescaped(&page.body);
    for text in [
        "Cenové ponuky",
        "Zatiaľ žiadna ponuka.",
        "id=\"quote-form\"",
        "Cena (EUR)",
        "Dátum a čas vo vašom pásme (Europe/Bratislava).",
        "type=\"datetime-local\"",
    ] {
        assert!(body.contains(text), "{text} in {body}");
    }

    // a deadline that is no date: refused, the typed price and text kept
    let before = app.counts().await;
    let bad = post_quote(&mut br, &number, "1200.50", "zajtra").await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    let body = unescaped(&bad.body);
    assert!(body.contains("Zadajte termín ako dátum a čas"), "{body}");
    assert!(body.contains("value=\"1200.50\""), "{body}");
    assert!(
        body.contains(">Výmena zdroja ústredne</textarea>"),
        "{body}"
    );
    assert_eq!(app.counts().await, before);

    // a wrong token writes nothing
    let forged = br
        .post(
            &format!("{path}/quotes"),
            &[
                ("csrf", "forged"),
                ("price", "10"),
                ("covers", "x"),
                ("deadline", "2030-01-01T10:00"),
            ],
        )
        .await;
    assert_eq!(forged.status, 403);

    // 16:00 in the agent's zone (Bratislava) is stored in UTC
    let day = in_three_days();
    let local = format!("{day}T16:00");
    let done = post_quote(&mut br, &number, "1200.50", &local).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(
        done.location.as_deref(),
        Some(format!("{path}#quotes").as_str())
    );
    let quotes = app.get(&format!("/api/v1/tickets/{number}/quotes")).await;
    let want = day
        .at(16, 0, 0, 0)
        .to_zoned(jiff::tz::TimeZone::get("Europe/Bratislava").unwrap())
        .unwrap()
        .timestamp();
    assert_eq!(
        quotes.body[0]["deadline_at"]
            .as_str()
            .unwrap()
            .parse::<jiff::Timestamp>()
            .unwrap(),
        want
    );
    assert_eq!(quotes.body[0]["price"]["amount_minor"], 120_050);
    let page = br.get(&path).await;
    let body = unescaped(&page.body).replace("&nbsp;", "\u{a0}");
    assert!(body.contains("1\u{a0}200,50\u{a0}EUR"), "{body}");
    assert!(body.contains(">čaká</span>"), "{body}");
    assert!(body.contains("id=\"quote-pending-hint\""), "{body}");
    assert!(
        !body.contains("id=\"quote-form\""),
        "no second quote while one is pending"
    );

    // posted anyway: refused with the reason, the form as typed
    let again = post_quote(&mut br, &number, "990", &local).await;
    assert_eq!(again.status, 409, "{}", again.body);
    let body = unescaped(&again.body);
    assert!(body.contains("has a pending quote already"), "{body}");
    assert!(body.contains("value=\"990\""), "{body}");

    // the customer accepts: the agreed deadline is among the ticket's clocks
    let key = app.org_key(org).await;
    let id = quotes.body[0]["id"].as_i64().unwrap();
    let r = app
        .call_as(
            Some(&key),
            Method::POST,
            &format!("/api/v1/tickets/{number}/quotes/{id}/accept"),
            Some(json!({})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let page = br.get(&path).await;
    let body = unescaped(&page.body);
    assert!(body.contains("<strong>Dohodnutý termín</strong>"), "{body}");
    assert!(body.contains(">prijatá</span>"), "{body}");
    assert!(body.contains("id=\"quote-form\""), "a new quote may follow");
    assert!(
        body.contains("Cenová ponuka vytvorená"),
        "in the history: {body}"
    );
    assert!(
        body.contains("Cenová ponuka prijatá"),
        "in the history: {body}"
    );

    // billing does not write tickets; a technician outside the ticket's team does not see it
    let mut billing = signed_in(&app, "fakturacia@podpora.example", &["billing"]).await;
    assert_eq!(
        post_quote(&mut billing, &number, "10", &local).await.status,
        403
    );
    let mut tech = signed_in(&app, "technik@podpora.example", &["technician"]).await;
    assert_eq!(
        post_quote(&mut tech, &number, "10", &local).await.status,
        404
    );
    assert_eq!(
        app.get(&format!("/api/v1/tickets/{number}/quotes"))
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
}
