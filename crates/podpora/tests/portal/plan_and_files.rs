//! The portal's plan page, the new-request form's categories and channels, and downloading
//! a request's files, on SQLite and PostgreSQL.

use super::browser::Browser;
use super::helpers::TestApp;
use super::{PASSWORD, contact_with_password, number_in, open_request, sign_in};
use podpora_app::{Actor, portal};
use podpora_testkit::Backend;
use serde_json::json;

/// Today in the desk's zone, as contracts are dated.
fn today() -> String {
    jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get("Europe/Bratislava").unwrap())
        .date()
        .to_string()
}

async fn the_plan_page_shows_the_offer_then_the_contract(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (contact, mut b) = contact_with_password(&app, "35697270", "alica@firma.sk").await;
    let (other_org, _, _) = app.customer("36631124", "bob@ina.sk").await;
    assert_eq!(
        sign_in(&mut b, "alica@firma.sk", PASSWORD).await.status,
        303
    );
    let r = app
        .post(
            "/api/v1/plans",
            json!({
                "code": "smart", "name": "Smart Plus", "rank": 1,
                "monthly_price": {"amount_minor": 125050, "currency": "EUR"},
                "channels": [{"channel": "email"}, {"channel": "phone"}],
                "remote_minutes_per_month": 60, "work_minutes_per_month": 1,
                "onboarding": [{"kind": "training", "within_days": 30}],
            }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let plan = r.body["id"].as_i64().unwrap();

    // No contract: the basic service and the offer, priced the reader's way.
    let page = b.get("/portal/plan").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("href=\"/portal/plan\""),
        "a link in the menu"
    );
    assert!(page.body.contains("základný servis"), "{}", page.body);
    assert!(page.body.contains("Smart Plus"));
    assert!(
        page.body.contains("1&nbsp;250,50&nbsp;EUR")
            || page.body.contains("1\u{a0}250,50\u{a0}EUR"),
        "{}",
        page.body
    );
    assert!(page.body.contains("60 minút") && page.body.contains("1 minúta"));

    // With a contract from today: the plan, the minutes, the training and its expiry, the channels.
    let c = app
        .post(
            "/api/v1/contracts",
            json!({"organization_id": page_org(&app, contact).await, "plan_id": plan, "starts_on": today()}),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.body);
    let page = b.get("/portal/plan").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Váš plán: Smart Plus"), "{}", page.body);
    assert!(!page.body.contains("Plány, ktoré ponúkame"));
    assert!(page.body.contains("Vzdialená podpora") && page.body.contains("60 minút"));
    assert!(
        page.body.contains("Školenie: môžete využiť do"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Telefón: teraz otvorené"),
        "{}",
        page.body
    );

    b.get("/language/pl?back=/portal/plan").await;
    let page = b.get("/portal/plan").await;
    assert!(page.body.contains("Twój plan: Smart Plus") && page.body.contains("60 minut"));

    // The use case gives a portal customer its own organization's plan only; another
    // organization's looks like none.
    let own = page_org(&app, contact).await;
    let customer = |org| {
        Actor::Customer(podpora_app::actor::CustomerActor {
            session_id: 0,
            contact_id: Some(contact),
            organization_id: Some(org),
        })
    };
    let mine = podpora_app::plans::plan_status(&app.app.db, &customer(own), own).await;
    assert_eq!(mine.unwrap().entitlement.plan_name, "Smart Plus");
    let theirs = podpora_app::plans::plan_status(&app.app.db, &customer(own), other_org).await;
    assert!(
        matches!(theirs, Err(podpora_app::AppError::NotFound(_))),
        "{theirs:?}"
    );
    let none = Actor::Customer(podpora_app::actor::CustomerActor {
        session_id: 0,
        contact_id: Some(contact),
        organization_id: None,
    });
    let theirs = podpora_app::plans::plan_status(&app.app.db, &none, other_org).await;
    assert!(matches!(theirs, Err(podpora_app::AppError::NotFound(_))));
    let key = Actor::Organization {
        organization_id: own,
        key_id: 0,
    };
    let by_key = podpora_app::plans::plan_status(&app.app.db, &key, own).await;
    assert!(
        matches!(by_key, Err(podpora_app::AppError::Forbidden(_))),
        "API keys stay out"
    );

    let mut anonymous = Browser::new(&app.base);
    let p = anonymous.get("/portal/plan").await;
    assert_eq!(p.location.as_deref(), Some("/portal/sign-in"));
}

/// The organization of a contact.
async fn page_org(app: &TestApp, contact: i64) -> i64 {
    let c = app.get(&format!("/api/v1/contacts/{contact}")).await;
    c.body["organization_id"]
        .as_i64()
        .expect("the contact has an organization")
}

async fn plannable_work_marked_urgent_is_refused_next_to_the_field(b: Backend) {
    let app = TestApp::spawn(b).await;
    for (code, name, plannable) in [
        ("period-reports", "Uzávierky", true),
        ("fault", "Porucha", false),
    ] {
        let r = app
            .post(
                "/api/v1/categories",
                json!({"code": code, "name": name, "plannable": plannable}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let (_c, mut br) = contact_with_password(&app, "35697270", "olga@firma.sk").await;
    assert_eq!(
        sign_in(&mut br, "olga@firma.sk", PASSWORD).await.status,
        303
    );
    let form = br.get("/portal/requests/new").await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body
            .contains("Uzávierky (plánovaná práca, nie naliehavá)"),
        "{}",
        form.body
    );
    assert!(form.body.contains("value=\"fault\""));
    assert!(form.body.contains("id=\"urgency-hint\""));
    // The basic service's channels, each open now (no hours of their own).
    assert!(form.body.contains("Ako nás zastihnete") && form.body.contains("teraz otvorené"));

    let before = app.counts().await;
    let csrf = br.csrf();
    let refused = br
        .post_multipart(
            "/portal/requests/new",
            &[
                ("csrf", &csrf),
                ("subject", "Ročná uzávierka"),
                ("description", "Prosíme o uzávierku."),
                ("email", ""),
                ("category", "period-reports"),
                ("urgency", "urgent"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        app.counts().await,
        before,
        "a refused request wrote something"
    );
    assert!(
        refused.body.contains("id=\"urgency-error\""),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("Uzávierky je plánovaná práca"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("value=\"Ročná uzávierka\""));
    assert!(refused.body.contains("Prosíme o uzávierku."));
    assert!(refused.body.contains("value=\"period-reports\" selected"));
    assert!(refused.body.contains("value=\"urgent\" checked"));

    let csrf = br.csrf();
    let sent = br
        .post_multipart(
            "/portal/requests/new",
            &[
                ("csrf", &csrf),
                ("subject", "Ročná uzávierka"),
                ("description", "Prosíme o uzávierku."),
                ("email", ""),
                ("category", "period-reports"),
                ("urgency", "normal"),
            ],
        )
        .await;
    assert_eq!(sent.status, 201, "{}", sent.body);
    let number = number_in(&sent.body);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["category"], "period-reports", "{}", t.body);
}

/// The download links of a request page, in order.
fn file_links(body: &str, number: &str) -> Vec<String> {
    let prefix = format!("/portal/requests/{number}/files/");
    body.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with(&prefix))
        .map(str::to_string)
        .collect()
}

async fn only_visible_files_are_downloaded(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (alice_id, mut alice) = contact_with_password(&app, "35697270", "alica@firma.sk").await;
    let (_b, mut bob) = contact_with_password(&app, "36631124", "bob@ina.sk").await;
    assert_eq!(
        sign_in(&mut alice, "alica@firma.sk", PASSWORD).await.status,
        303
    );
    assert_eq!(sign_in(&mut bob, "bob@ina.sk", PASSWORD).await.status, 303);
    // Cyril is another contact of Alice's organization: a contact sees only their own requests.
    let c = app
        .post(
            "/api/v1/contacts",
            json!({"organization_id": page_org(&app, alice_id).await, "name": "Cyril",
                   "emails": ["cyril@firma.sk"]}),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.body);
    let token = portal::issue_link(
        &app.app,
        &Actor::Cli,
        c.body["id"].as_i64(),
        None,
        portal::LinkPurpose::Invite,
    )
    .await
    .unwrap();
    let mut cyril = Browser::new(&app.base);
    cyril.get(&format!("/portal/password/{token}")).await;
    let csrf = cyril.csrf();
    let set = cyril
        .post(
            &format!("/portal/password/{token}"),
            &[("csrf", &csrf), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(set.status, 303, "{}", set.body);
    assert_eq!(
        sign_in(&mut cyril, "cyril@firma.sk", PASSWORD).await.status,
        303
    );
    let created = open_request(&mut alice, "Disk", "Plný disk").await;
    let number = number_in(&created.body);
    let bobs = number_in(&open_request(&mut bob, "Iné", "Iné").await.body);

    // Staff add an internal note with a file: the customer neither sees nor gets it.
    let note = app
        .post(
            &format!("/api/v1/tickets/{number}/articles"),
            json!({"kind": "internal_note", "body": "interné",
                   "attachments": [{"filename": "secret.txt", "content_base64": "dGFqbsOp"}]}),
        )
        .await;
    assert_eq!(note.status, 201, "{}", note.body);
    let secret = note.body["attachments"][0]["id"]
        .as_i64()
        .expect("the note's file");

    let page = alice.get(&format!("/portal/requests/{number}")).await;
    assert!(page.body.contains("note.txt") && !page.body.contains("secret.txt"));
    let links = file_links(&page.body, &number);
    assert_eq!(links.len(), 1, "{}", page.body);
    let file = alice.get(&links[0]).await;
    assert_eq!(file.status, 200, "{}", file.body);
    assert_eq!(file.body, "the log says: disk full");
    let disposition = file.headers["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert_eq!(file.headers["x-content-type-options"], "nosniff");

    // The same link for another customer, another request's path, the internal note's file
    // and a nonsense id all answer like a missing page.
    let id = links[0].rsplit('/').next().unwrap().to_string();
    let missing = alice
        .get(&format!("/portal/requests/{number}/files/999999"))
        .await;
    assert_eq!(missing.status, 404);
    for (who, path) in [
        ('b', links[0].clone()),
        ('c', links[0].clone()),
        ('b', format!("/portal/requests/{bobs}/files/{id}")),
        ('a', format!("/portal/requests/{number}/files/{secret}")),
        ('a', format!("/portal/requests/{number}/files/x")),
    ] {
        let who = match who {
            'b' => &mut bob,
            'c' => &mut cyril,
            _ => &mut alice,
        };
        let r = who.get(&path).await;
        assert_eq!(r.status, 404, "GET {path}");
        assert!(
            !r.body.contains("disk full") && !r.body.contains("tajné"),
            "GET {path}"
        );
    }
    // A reply with one file, sent as the page's form sends it; the file is then listed.
    let csrf = alice.csrf();
    let replied = alice
        .post_multipart(
            &format!("/portal/requests/{number}/reply"),
            &[
                ("csrf", &csrf),
                ("body", "Posielam záznam."),
                ("file", "second log"),
            ],
        )
        .await;
    assert_eq!(replied.status, 303, "{}", replied.body);
    let page = alice.get(&format!("/portal/requests/{number}")).await;
    assert!(page.body.contains("Posielam záznam."));
    let links = file_links(&page.body, &number);
    assert_eq!(links.len(), 2, "{}", page.body);
    assert_eq!(alice.get(&links[1]).await.body, "second log");
    let mut anonymous = Browser::new(&app.base);
    let r = anonymous.get(&links[0]).await;
    assert_eq!(r.location.as_deref(), Some("/portal/sign-in"));
}

crate::on_both!(
    the_plan_page_shows_the_offer_then_the_contract,
    plannable_work_marked_urgent_is_refused_next_to_the_field,
    only_visible_files_are_downloaded,
);
