//! Searching tickets from the workspace's header without script: diacritics-blind words,
//! ticket numbers, internal notes for staff, what matched, counts, paging and the agent's scope.

use crate::browser::Browser;
use crate::helpers::TestApp;
use crate::{PASSWORD, sign_in, ticket, unescaped};
use podpora_testkit::Backend;
use serde_json::json;

/// The rows of the results table, as text.
fn rows(body: &str) -> Vec<String> {
    let body = unescaped(body);
    let Some(table) = body.split("<tbody>").nth(1) else {
        return Vec::new();
    };
    let table = table.split("</tbody>").next().unwrap_or_default();
    table.split("<tr>").skip(1).map(|r| r.to_string()).collect()
}

pub(crate) async fn an_agent_finds_tickets_from_the_header(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let team = |name: &'static str| {
        let app = &app;
        async move {
            app.post("/api/v1/teams", json!({ "name": name }))
                .await
                .body["id"]
                .as_i64()
                .unwrap()
        }
    };
    let support = team("Podpora").await;
    let sales = team("Obchod").await;
    let opened = |subject: &'static str, team: i64| {
        let app = &app;
        async move {
            let t = app
                .post(
                    "/api/v1/tickets",
                    json!({"subject": subject, "description": "Popis.", "requester_id": contact, "team_id": team}),
                )
                .await;
            assert_eq!(t.status, 201, "{}", t.body);
            t.body["number"].as_str().unwrap().to_string()
        }
    };
    let lodz = opened("Pobočka Łódź nemá sieť", support).await;
    let yellow = opened("Bliká žltý <b>indikátor</b>", support).await;
    let hidden = opened("Žlutý kabel v Obchode", sales).await;
    let plain = ticket(&app, contact, "Tlačiareň", "normal").await;
    let note = app
        .post(
            &format!("/api/v1/tickets/{plain}/articles"),
            json!({"kind": "internal_note", "body": "Zákazník má starý firmvér routera."}),
        )
        .await;
    assert_eq!(note.status, 201, "{}", note.body);

    let tech = app
        .post(
            "/api/v1/agents",
            json!({"email": "technik@podpora.example", "name": "Technik", "roles": ["technician"],
                   "team_ids": [support], "password": PASSWORD, "language": "sk"}),
        )
        .await;
    assert_eq!(tech.status, 201, "{}", tech.body);
    let mut technician = Browser::new(&app.base);
    assert_eq!(
        sign_in(&mut technician, "technik@podpora.example", PASSWORD)
            .await
            .status,
        303
    );
    let mut dispatcher = crate::signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;

    // Every workspace page carries the box, a plain form to the search page.
    let queue = dispatcher.get("/desk/queue").await;
    let body = unescaped(&queue.body);
    assert!(
        body.contains("<form method=\"get\" action=\"/desk/search\"")
            && body.contains("name=\"q\""),
        "{body}"
    );

    // Without diacritics: "lodz" finds "Łódź", highlighted as written, with what matched.
    let found = dispatcher.get("/desk/search?q=lodz").await;
    assert_eq!(found.status, 200, "{}", found.body);
    let r = rows(&found.body);
    assert_eq!(r.len(), 1, "{}", found.body);
    assert!(
        r[0].contains(&format!("href=\"/desk/tickets/{lodz}\"")),
        "{}",
        r[0]
    );
    assert!(r[0].contains("<mark>Łódź</mark>"), "{}", r[0]);
    assert!(r[0].contains(">predmet<"), "{}", r[0]);
    assert!(r[0].contains("Nová"), "the status in Slovak: {}", r[0]);
    assert!(
        found.body.contains("Nájdená 1 požiadavka"),
        "{}",
        found.body
    );

    // "zluty" finds "Žlutý" in another team's ticket: the dispatcher sees it, the technician,
    // who is not in that team, does not.
    let zluty = dispatcher.get("/desk/search?q=zluty").await;
    let r = rows(&zluty.body);
    assert_eq!(r.len(), 1, "{}", zluty.body);
    assert!(
        r[0].contains(&hidden) && r[0].contains("<mark>Žlutý</mark>"),
        "{}",
        r[0]
    );
    let tech_zluty = technician.get("/desk/search?q=zluty").await;
    assert_eq!(tech_zluty.status, 200);
    assert!(rows(&tech_zluty.body).is_empty(), "{}", tech_zluty.body);
    assert!(!tech_zluty.body.contains(&hidden), "{}", tech_zluty.body);
    assert!(
        tech_zluty
            .body
            .contains("Žiadna požiadavka, ktorú môžete vidieť"),
        "{}",
        tech_zluty.body
    );
    // The subject's markup is text, escaped; only the matched word is marked.
    let zlty = technician.get("/desk/search?q=ZLTY").await;
    let r = rows(&zlty.body);
    assert_eq!(r.len(), 1, "{}", zlty.body);
    assert!(
        r[0].contains(&yellow) && r[0].contains("<mark>žltý</mark>"),
        "{}",
        r[0]
    );
    assert!(
        r[0].contains("&lt;b&gt;indikátor&lt;/b&gt;") && !r[0].contains("<b>"),
        "{}",
        r[0]
    );

    // A ticket number finds its ticket directly.
    let by_number = dispatcher.get(&format!("/desk/search?q={plain}")).await;
    let r = rows(&by_number.body);
    assert_eq!(r.len(), 1, "{}", by_number.body);
    assert!(
        r[0].contains(&plain) && r[0].contains("číslo požiadavky"),
        "{}",
        r[0]
    );

    // An internal note's words are found by staff, and the hit says it was a note.
    let firmware = dispatcher.get("/desk/search?q=firmver").await;
    let r = rows(&firmware.body);
    assert_eq!(r.len(), 1, "{}", firmware.body);
    assert!(
        r[0].contains(&plain) && r[0].contains("<mark>firmvér</mark>"),
        "{}",
        r[0]
    );
    assert!(r[0].contains("interná poznámka"), "{}", r[0]);

    // Several hits: counted with the right plural.
    let many = dispatcher.get("/desk/search?q=popis").await;
    assert!(many.body.contains("Nájdené 4 požiadavky"), "{}", many.body);

    // The requester's address finds their tickets directly.
    let by_address = dispatcher.get("/desk/search?q=Jan%40Firma.sk").await;
    let r = rows(&by_address.body);
    assert_eq!(r.len(), 4, "{}", by_address.body);
    assert!(r.iter().all(|r| r.contains("e-mail žiadateľa")), "{r:?}");

    // Twenty-one hits come in two pages, linked both ways; the count's plural follows the
    // agent's language.
    for i in 0..17 {
        ticket(&app, contact, &format!("Porucha {i}"), "normal").await;
    }
    let first = dispatcher.get("/desk/search?q=popis").await;
    assert!(
        first.body.contains("Nájdených 21 požiadaviek"),
        "{}",
        first.body
    );
    assert_eq!(rows(&first.body).len(), 20);
    let first_body = unescaped(&first.body);
    assert!(
        first_body.contains("href=\"/desk/search?q=popis&amp;page=2\"")
            && !first_body.contains("rel=\"prev\""),
        "{first_body}"
    );
    let second = dispatcher.get("/desk/search?q=popis&page=2").await;
    assert_eq!(rows(&second.body).len(), 1, "{}", second.body);
    assert!(unescaped(&second.body).contains("href=\"/desk/search?q=popis&amp;page=1\""));
    for (lang, count) in [
        ("pl", "Znaleziono 21 zgłoszeń"),
        ("cs", "Nalezeno 21 požadavků"),
        ("en", "21 tickets found"),
    ] {
        let email = format!("{lang}@podpora.example");
        let a = app
            .post(
                "/api/v1/agents",
                json!({"email": email, "name": lang, "roles": ["dispatcher"], "password": PASSWORD, "language": lang}),
            )
            .await;
        assert_eq!(a.status, 201, "{}", a.body);
        let mut br = Browser::new(&app.base);
        assert_eq!(sign_in(&mut br, &email, PASSWORD).await.status, 303);
        let page = br.get("/desk/search?q=popis").await;
        assert!(page.body.contains(count), "{lang}: {}", page.body);
    }

    // A company id finds its organization's tickets; another team's ticket stays hidden from
    // the technician even by its number.
    let by_ico = dispatcher.get("/desk/search?q=35697270").await;
    assert!(
        by_ico.body.contains("Nájdených 21 požiadaviek"),
        "{}",
        by_ico.body
    );
    assert!(rows(&by_ico.body).iter().all(|r| r.contains("IČO firmy")));
    let by_hidden_number = technician.get(&format!("/desk/search?q={hidden}")).await;
    assert!(
        rows(&by_hidden_number.body).is_empty(),
        "{}",
        by_hidden_number.body
    );

    // An empty query says what to type; one of punctuation only is refused kindly.
    let empty = dispatcher.get("/desk/search?q=+").await;
    assert_eq!(empty.status, 200);
    assert!(
        empty.body.contains("Napíšte slová, číslo požiadavky"),
        "{}",
        empty.body
    );
    let bad = dispatcher.get("/desk/search?q=%21%21&page=x").await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("aspoň jedno slovo"), "{}", bad.body);
    assert!(
        bad.body.contains("value=\"!!\""),
        "the query is kept: {}",
        bad.body
    );
}
