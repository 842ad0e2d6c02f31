//! The ticket page's further parts without script: a reply with a prepared answer in the
//! customer's language, the category, marking out of scope with the item's answer sent, the
//! customer's plan panel and the history with the reason of a downgrade.

use crate::helpers::TestApp;
use crate::{signed_in, ticket, unescaped};
use podpora_testkit::Backend;
use serde_json::json;

/// The value of the first `<textarea id="body">` on a page.
fn reply_text(body: &str) -> String {
    unescaped(body)
        .split("<textarea id=\"body\" name=\"body\" rows=\"8\" required>")
        .nth(1)
        .and_then(|s| s.split("</textarea>").next())
        .unwrap_or_default()
        .to_string()
}

/// The id of the option named `name` in the prepared answers' select.
fn answer_id(page: &str, name: &str) -> String {
    let page = unescaped(page);
    let select = page.split("id=\"answer\"").nth(1).unwrap();
    let before = select.split(&format!(">{name}</option>")).next().unwrap();
    let opt = before.rsplit("<option value=\"").next().unwrap();
    opt.split('"').next().unwrap().to_string()
}

pub(crate) async fn an_agent_works_a_ticket_with_prepared_answers_category_scope_and_history(
    b: Backend,
) {
    let app = TestApp::spawn(b).await;
    crate::sla(&app).await;
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    for (lang, body) in [
        (
            "sk",
            "Dobrý deň {contact_name}, k požiadavke {ticket_number} prosím reštartujte zariadenie. {agent_name}",
        ),
        ("en", "Hello {contact_name}, please restart the device."),
    ] {
        let r = app
            .post(
                "/api/v1/prepared-answers",
                json!({"name": "Reštart", "language": lang, "body": body}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let c = app
        .post(
            "/api/v1/categories",
            json!({"code": "network", "name": "Sieť"}),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.body);
    let item = app
        .post(
            "/api/v1/scope-items",
            json!({"code": "own-network", "category": "network", "title": "Vlastná sieť zákazníka",
                   "answers": {"sk": "Vašu vlastnú sieť nespravujeme.", "cs": "Vaši vlastní síť nespravujeme.",
                               "pl": "Nie zarządzamy Państwa siecią.", "en": "We do not manage your own network."}}),
        )
        .await;
    assert_eq!(item.status, 201, "{}", item.body);
    let number = ticket(&app, contact, "Nejde sieť", "urgent").await;
    let mut br = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    let path = format!("/desk/tickets/{number}");

    // The answers are offered in the customer's language only, filled in for this ticket.
    let page = br.get(&path).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = unescaped(&page.body);
    assert!(body.contains("Pripravená odpoveď (slovenčina"), "{body}");
    assert!(
        body.contains("data-text=\"Dobrý deň Ján Kováč, k požiadavke"),
        "{body}"
    );
    assert!(
        !body.contains("Hello"),
        "no English answer for a Slovak customer"
    );
    // The plan panel: a customer without a plan is on the basic service.
    assert!(body.contains("id=\"panel-plan\">Základný servis"), "{body}");

    // "Insert" without script: the page comes back with the filled text after what was typed.
    let csrf = br.csrf();
    let id = answer_id(&page.body, "Reštart");
    let inserted = br
        .post(
            &format!("{path}/answer"),
            &[
                ("csrf", &csrf),
                ("kind", "reply"),
                ("body", "Ďakujeme za hlásenie."),
                ("answer", &id),
            ],
        )
        .await;
    assert_eq!(inserted.status, 200, "{}", inserted.body);
    let text = reply_text(&inserted.body);
    let expected = format!(
        "Ďakujeme za hlásenie.\n\nDobrý deň Ján Kováč, k požiadavke {number} prosím reštartujte \
         zariadenie. dispecer@podpora.example"
    );
    assert_eq!(text, expected);
    // A missing choice keeps the text and says so.
    let none = br
        .post(
            &format!("{path}/answer"),
            &[("csrf", &csrf), ("body", "Môj text"), ("answer", "")],
        )
        .await;
    assert_eq!(none.status, 422);
    assert_eq!(reply_text(&none.body), "Môj text");
    let sent = br
        .post(
            &format!("{path}/articles"),
            &[
                ("csrf", &csrf),
                ("kind", "reply"),
                ("body", &text),
                ("last_seen", "999999999"),
            ],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    let last = t.body["articles"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["kind"], "public_reply");
    assert_eq!(last["body"], expected);

    // The category, and a downgrade with its reason, land in the history shown on the page.
    let changed = br
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("category", "network"),
                ("urgency", "normal"),
                ("reason", "Nie je to porucha"),
            ],
        )
        .await;
    assert_eq!(changed.status, 303, "{}", changed.body);
    assert_eq!(
        app.get(&format!("/api/v1/tickets/{number}")).await.body["category"],
        "network"
    );
    let page = unescaped(&br.get(&path).await.body);
    let history = page
        .split("id=\"history\"")
        .nth(1)
        .and_then(|h| h.split("</section>").next())
        .unwrap();
    assert!(
        history.contains("Kategória") && history.contains("network"),
        "{history}"
    );
    assert!(
        history.contains("Naliehavosť")
            && history.contains("naliehavá")
            && history.contains("Nie je to porucha"),
        "{history}"
    );
    assert!(history.contains("dispecer@podpora.example"), "{history}");
    assert!(
        page.contains("<option value=\"network\" selected>Sieť</option>"),
        "{page}"
    );

    // Out of scope: the agent reads what the customer will receive, in Slovak; one click queues
    // it for the customer and keeps the mark in the history.
    let answers = page
        .split("id=\"scope-answers\"")
        .nth(1)
        .and_then(|p| p.split("</details>").next())
        .unwrap();
    assert!(
        answers.contains("(slovenčina)") && answers.contains("Vašu vlastnú sieť nespravujeme."),
        "{answers}"
    );
    let item_id = item.body["id"].to_string();
    let refused = br
        .post(
            &format!("{path}/out-of-scope"),
            &[("csrf", &csrf), ("scope_item", "nič")],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let marked = br
        .post(
            &format!("{path}/out-of-scope"),
            &[("csrf", &csrf), ("scope_item", &item_id)],
        )
        .await;
    assert_eq!(marked.status, 303, "{}", marked.body);
    let done = br.get(marked.location.as_deref().unwrap()).await;
    assert!(
        done.body.contains("Označené ako mimo rozsahu"),
        "{}",
        done.body
    );
    let marks = app.history_of(&number, "out_of_scope").await;
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert_eq!(marks[0]["new_value"], "own-network");
    let outbox = app.get("/api/v1/mail/outbox").await;
    let answer = outbox
        .body
        .as_array()
        .or(outbox.body["items"].as_array())
        .unwrap()
        .iter()
        .find(|m| m["purpose"] == "out_of_scope")
        .cloned()
        .unwrap_or_else(|| panic!("the answer is queued: {}", outbox.body));
    assert_eq!(answer["recipient"], "jan@firma.sk");
}

/// Today in Bratislava, `YYYY-MM-DD`.
fn today() -> String {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get("Europe/Bratislava").unwrap())
        .date()
        .to_string()
}

pub(crate) async fn the_side_panel_shows_the_plan_its_minutes_and_a_plan_candidate(b: Backend) {
    let app = TestApp::spawn(b).await;
    let plan = app
        .post(
            "/api/v1/plans",
            json!({"code": "standard", "name": "Štandard", "rank": 1,
                   "monthly_price": {"amount_minor": 15000, "currency": "EUR"},
                   "remote_minutes_per_month": 180, "channels": [{"channel": "email"}, {"channel": "phone"}]}),
        )
        .await;
    assert_eq!(plan.status, 201, "{}", plan.body);
    let (org, contact, _) = app.customer("35697270", "jan@firma.sk").await;
    let c = app
        .post(
            "/api/v1/contracts",
            json!({"organization_id": org, "plan_id": plan.body["id"], "starts_on": today()}),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.body);
    let with_plan = ticket(&app, contact, "Otázka k zálohe", "normal").await;

    // A customer without a plan who paid for service twice is a plan candidate.
    let (other, other_contact, _) = app.customer("31333532", "eva@druha.sk").await;
    for _ in 0..2 {
        let r = app
            .post(
                &format!("/api/v1/organizations/{other}/paid-services"),
                json!({"performed_on": today(), "amount": {"amount_minor": 4500, "currency": "EUR"}}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let without = ticket(&app, other_contact, "Zase tlačiareň", "normal").await;

    let mut br = signed_in(&app, "fakturacia@podpora.example", &["billing"]).await;
    let page = unescaped(&br.get(&format!("/desk/tickets/{with_plan}")).await.body);
    let panel = page
        .split("id=\"customer-plan\"")
        .nth(1)
        .and_then(|p| p.split("</section>").next())
        .unwrap_or_else(|| panic!("the panel: {page}"));
    assert!(panel.contains("id=\"panel-plan\">Štandard"), "{panel}");
    assert!(panel.contains("Zmluva"), "{panel}");
    assert!(
        panel.contains("Vzdialená podpora: zostáva 180 min z 180 min"),
        "{panel}"
    );
    assert!(!panel.contains("Kandidát"), "{panel}");
    assert!(
        !page.contains("id=\"out-of-scope\""),
        "billing changes nothing"
    );

    let page = unescaped(&br.get(&format!("/desk/tickets/{without}")).await.body);
    assert!(page.contains("id=\"panel-plan\">Základný servis"), "{page}");
    assert!(
        page.contains("Kandidát na plán")
            && page.contains("platený servis 2-krát za posledných šesť mesiacov"),
        "{page}"
    );
}
