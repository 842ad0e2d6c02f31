//! The customer portal in a real browser: Debian's `chromium`, driven through `chromedriver`
//! (WebDriver) by fantoccini, against the server on loopback. Screenshots of each page at
//! 1280 and 360 pixels wide go to `target/e2e-screenshots/`.
//!
//! Needs `chromium` and `chromium-driver` (scripts/test.sh installs them). Every step has a
//! deadline, so a browser that hangs fails the test instead of stalling the suite.

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
use std::time::Duration;
use support::*;

const PASSWORD: &str = "heslo-1234";

async fn the_story(app: &TestApp, c: &Client) {
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let token = portal::issue_link(
        &app.app,
        &Actor::Cli,
        Some(contact),
        None,
        portal::LinkPurpose::Invite,
    )
    .await
    .expect("an invitation link");

    // The invited contact sets a password from the link.
    c.goto(&format!("{}/portal/password/{token}", app.base))
        .await
        .expect("opens");
    shoot(c, "set-password").await;
    fill(c, "#new-password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;

    // Signs in in Slovak.
    wait_for_text(c, "h1", "Prihlásenie").await;
    shoot(c, "sign-in").await;
    fill(c, "#email", "jan@firma.sk").await;
    fill(c, "#password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Moje požiadavky").await;
    assert_eq!(text_of(c, "#count").await, "0 požiadaviek");

    // Opens a request with an attachment.
    c.goto(&format!("{}/portal/requests/new", app.base))
        .await
        .expect("opens");
    shoot(c, "new-request").await;
    fill(c, "#subject", "Nejde tlačiareň").await;
    fill(
        c,
        "#description",
        "Od rána netlačí, svieti červená kontrolka.",
    )
    .await;
    // The counter (the one script, from our own file) counts as the customer types.
    let counted = text_of(c, "#description-count").await;
    assert!(
        counted.starts_with("42 / 8") && counted.ends_with("000"),
        "the counter reads {counted:?}"
    );
    let file = tempfile::Builder::new()
        .suffix(".txt")
        .tempfile()
        .expect("a file to attach");
    std::fs::write(file.path(), "printer log: paper jam").expect("written");
    fill(c, "#file", &file.path().display().to_string()).await;
    submit(c, "form.card button[type=submit]").await;
    let number = text_of(c, "#ticket-number").await;
    assert!(
        number.len() == 11 && number.as_bytes()[4] == b'-',
        "a ticket number, not {number:?}"
    );
    assert!(text_of(c, "#promise").await.starts_with("Zareagujeme"));
    shoot(c, "created").await;
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["channel"], "portal");
    assert_eq!(
        t.body["articles"][0]["attachments"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );

    // The list, then the request.
    c.goto(&format!("{}/portal/requests", app.base))
        .await
        .expect("opens");
    assert_eq!(text_of(c, "#count").await, "1 požiadavka");
    assert!(text_of(c, "table").await.contains(&number));
    shoot(c, "requests").await;
    click(c, &format!("a[href='/portal/requests/{number}']")).await;
    wait_for_text(c, "h1", &format!("{number} Nejde tlačiareň")).await;
    shoot(c, "request").await;

    // Switches to Polish and sees Polish words and plurals.
    c.goto(&format!("{}/portal/requests", app.base))
        .await
        .expect("opens");
    click(c, "a[hreflang=pl]").await;
    wait_for_text(c, "h1", "Moje zgłoszenia").await;
    assert_eq!(text_of(c, "#count").await, "1 zgłoszenie");
    shoot(c, "requests-pl").await;
    c.goto(&format!("{}/portal/profile", app.base))
        .await
        .expect("opens");
    wait_for_text(c, "h1", "Profil").await;
    shoot(c, "profile-pl").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contact_uses_the_portal_in_a_real_browser() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let driver = start_driver().await;
    let profile = tempfile::tempdir().expect("a fresh browser profile");
    let c = tokio::time::timeout(Duration::from_secs(60), browser(&driver, profile.path()))
        .await
        .expect("the browser starts within 60 s");
    let story = tokio::time::timeout(Duration::from_secs(120), the_story(&app, &c)).await;
    // Close the browser whatever happened, then report.
    let _ = tokio::time::timeout(Duration::from_secs(10), c.close()).await;
    drop(driver);
    story.expect("the story finishes within 120 s");
}

/// The rest of the customer's checklist in the browser: the confirmation reaches a real Postfix
/// Maildir, an 8,001-character description is refused with the text kept, a reply from the
/// portal resumes a ticket waiting for the customer, an organization signs in by its IČO, and
/// the fifth wrong password locks an account with a message saying until when.
async fn the_second_story(app: &TestApp, c: &Client, relay: &podpora_testkit::mail::Postfix) {
    let (org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let link = |contact: Option<i64>, org: Option<i64>| {
        portal::issue_link(
            &app.app,
            &Actor::Cli,
            contact,
            org,
            portal::LinkPurpose::Invite,
        )
    };
    let token = link(Some(contact), None).await.expect("a link");
    c.goto(&format!("{}/portal/password/{token}", app.base))
        .await
        .expect("opens");
    fill(c, "#new-password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Prihlásenie").await;
    fill(c, "#email", "jan@firma.sk").await;
    fill(c, "#password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Moje požiadavky").await;

    // Too long: refused, with everything typed still there.
    c.goto(&format!("{}/portal/requests/new", app.base))
        .await
        .expect("opens");
    fill(c, "#subject", "Dlhý opis").await;
    let long = "a".repeat(8_001);
    c.execute(
        "document.getElementById('description').value = arguments[0];",
        vec![serde_json::Value::String(long.clone())],
    )
    .await
    .expect("typed");
    submit(c, "form.card button[type=submit]").await;
    assert!(text_of(c, "#form-errors").await.contains("8"));
    let kept = c
        .execute(
            "return document.getElementById('description').value.length;",
            vec![],
        )
        .await
        .expect("read back");
    assert_eq!(kept, serde_json::json!(8_001), "the description is kept");
    assert_eq!(
        c.find(Locator::Css("#subject"))
            .await
            .expect("subject")
            .prop("value")
            .await
            .expect("value"),
        Some("Dlhý opis".to_string())
    );
    shoot(c, "new-request-too-long").await;

    // A request whose confirmation reaches the relay's Maildir.
    c.execute(
        "document.getElementById('description').value = arguments[0];",
        vec![serde_json::Value::String("Ústredňa nevolá von.".into())],
    )
    .await
    .expect("typed");
    submit(c, "form.card button[type=submit]").await;
    let number = text_of(c, "#ticket-number").await;
    let mail = relay.received(1, Duration::from_secs(30)).await;
    let confirmation = mail
        .iter()
        .map(|m| String::from_utf8_lossy(m).to_string())
        .find(|m| m.contains(&number))
        .unwrap_or_else(|| {
            panic!(
                "no confirmation of {number} in the Maildir: {} messages",
                mail.len()
            )
        });
    assert!(confirmation.contains("jan@firma.sk"));

    // Waiting for the customer; the customer's reply from the portal resumes it.
    for status in ["in_progress", "waiting_for_customer"] {
        let r = app
            .patch(
                &format!("/api/v1/tickets/{number}"),
                serde_json::json!({"status": status}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    c.goto(&format!("{}/portal/requests/{number}", app.base))
        .await
        .expect("opens");
    fill(c, "#body", "Sériové číslo je PBX-1.").await;
    submit(c, "form.card.wide button[type=submit]").await;
    wait_for_text(c, "h1", &format!("{number} Dlhý opis")).await;
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(
        t.body["status"], "in_progress",
        "the reply resumes the ticket"
    );
    shoot(c, "request-replied").await;
    submit(c, "header form[method=post] button").await;
    // Signing out must finish before the next page is opened, or its redirect may land last.
    wait_for_text(c, "h1", "Prihlásenie").await;

    // The organization signs in by its IČO (written with spaces, as people do).
    let token = link(None, Some(org)).await.expect("a link");
    c.goto(&format!("{}/portal/password/{token}", app.base))
        .await
        .expect("opens");
    fill(c, "#new-password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Prihlásenie").await;
    fill(c, "#company-id", "356 972 70").await;
    fill(c, "#org-password", PASSWORD).await;
    submit(c, "form.card:nth-of-type(2) button[type=submit]").await;
    wait_for_text(c, "h1", "Požiadavky našej organizácie").await;
    assert!(text_of(c, "table").await.contains(&number));
    shoot(c, "organization-requests").await;
    submit(c, "header form[method=post] button").await;
    // Signing out must finish before the next page is opened, or its redirect may land last.
    wait_for_text(c, "h1", "Prihlásenie").await;

    // Five wrong passwords lock the contact's account, and the page says until when.
    for attempt in 1..=5 {
        c.goto(&format!("{}/portal/sign-in", app.base))
            .await
            .expect("opens");
        fill(c, "#email", "jan@firma.sk").await;
        fill(c, "#password", "zle-heslo").await;
        submit(c, "form.card button[type=submit]").await;
        let said = text_of(c, "#signin-error").await;
        if attempt == 5 {
            assert!(said.contains("Príliš veľa neúspešných pokusov"), "{said}");
        }
    }
    c.goto(&format!("{}/portal/sign-in", app.base))
        .await
        .expect("opens");
    fill(c, "#email", "jan@firma.sk").await;
    fill(c, "#password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;
    let said = text_of(c, "#signin-error").await;
    assert!(
        said.contains("skúsiť po") && said.contains(':'),
        "the message says until when: {said}"
    );
    shoot(c, "locked").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_replies_organizations_and_lockout_in_a_real_browser() {
    let relay = podpora_testkit::mail::Postfix::maildir_sink();
    let mail = podpora::config::MailSettings {
        smtp: Some(podpora::config::SmtpSettings {
            host: "127.0.0.1".into(),
            port: relay.port(),
            tls: "none".into(),
            username: None,
            password: None,
            ca_file: None,
        }),
        ..Default::default()
    };
    let app = TestApp::spawn_with_mail(Backend::Sqlite, mail).await;
    let driver = start_driver().await;
    let profile = tempfile::tempdir().expect("a fresh browser profile");
    let c = tokio::time::timeout(Duration::from_secs(60), browser(&driver, profile.path()))
        .await
        .expect("the browser starts within 60 s");
    let story =
        tokio::time::timeout(Duration::from_secs(150), the_second_story(&app, &c, &relay)).await;
    let _ = tokio::time::timeout(Duration::from_secs(10), c.close()).await;
    drop(driver);
    story.expect("the story finishes within 150 s");
}

/// An administrator in the workspace's configuration: the index, an organization refused for
/// its IČO with the message next to the field and the input kept, then saved; a calendar's
/// days off; the agents. Each page is shot and checked with axe-core.
async fn the_configuration_story(app: &TestApp, c: &Client) {
    let a = app
        .post(
            "/api/v1/agents",
            serde_json::json!({"email": "admin@podpora.example", "name": "Admin", "roles": ["admin"], "password": PASSWORD, "language": "sk"}),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    let cal = app
        .post(
            "/api/v1/calendars",
            serde_json::json!({"name": "Kancelária SK", "time_zone": "Europe/Bratislava", "hours": "mon-fri 08:00-16:00", "holidays": "SK", "closures": ["2026-12-31"]}),
        )
        .await;
    assert_eq!(cal.status, 201, "{}", cal.body);

    c.goto(&format!("{}/desk/sign-in", app.base))
        .await
        .expect("opens");
    fill(c, "#email", "admin@podpora.example").await;
    fill(c, "#password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Rad").await;
    c.goto(&format!("{}/desk/config", app.base))
        .await
        .expect("opens");
    wait_for_text(c, "h1", "Zákazníci a nastavenie").await;
    shoot(c, "desk-config").await;

    c.goto(&format!("{}/desk/config/organizations/new", app.base))
        .await
        .expect("opens");
    fill(c, "#name", "Elektro Žilina s.r.o.").await;
    fill(c, "#ico", "35697271").await;
    submit(c, "form.card button[type=submit]").await;
    let refusal = text_of(c, "#ico-error").await;
    assert!(!refusal.is_empty());
    let kept = c
        .find(Locator::Css("#ico"))
        .await
        .expect("the field")
        .prop("value")
        .await
        .expect("its value");
    assert_eq!(kept.as_deref(), Some("35697271"));
    shoot(c, "desk-config-organization-refused").await;
    let ico = c.find(Locator::Css("#ico")).await.expect("the field");
    ico.clear().await.expect("cleared");
    ico.send_keys("35697270").await.expect("typed");
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Elektro Žilina s.r.o.").await;
    assert_eq!(text_of(c, ".notice").await, "Uložené.");
    shoot(c, "desk-config-organization").await;

    c.goto(&format!(
        "{}/desk/config/calendars/{}?year=2026",
        app.base, cal.body["id"]
    ))
    .await
    .expect("opens");
    wait_for_text(c, "h1", "Kancelária SK").await;
    assert!(
        text_of(c, "main")
            .await
            .contains("Deň vzniku Slovenskej republiky"),
        "the days off are listed"
    );
    shoot(c, "desk-config-calendar").await;

    c.goto(&format!("{}/desk/config/agents/new", app.base))
        .await
        .expect("opens");
    wait_for_text(c, "h1", "Nový agent").await;
    shoot(c, "desk-config-new-agent").await;

    // An asset of the organization made above, and who may ask about it.
    c.goto(&format!("{}/desk/config/assets/new", app.base))
        .await
        .expect("opens");
    wait_for_text(c, "h1", "Nové zariadenie").await;
    shoot(c, "desk-config-new-asset").await;

    // A mail template whose text does not render: the engine's message next to the field.
    c.goto(&format!(
        "{}/desk/config/mail-templates/confirmation.txt/sk",
        app.base
    ))
    .await
    .expect("opens");
    wait_for_text(c, "h1", "Šablóna e-mailu confirmation.txt (sk)").await;
    let source = c.find(Locator::Css("#source")).await.expect("the field");
    source.clear().await.expect("cleared");
    source
        .send_keys("Požiadavka {{ ticket_nuber }}")
        .await
        .expect("typed");
    submit(c, "form.card button[type=submit]").await;
    let refusal = text_of(c, "#source-error").await;
    assert!(refusal.contains("line 1"), "{refusal}");
    shoot(c, "desk-config-mail-template-refused").await;

    c.goto(&format!("{}/desk/config/support-addresses", app.base))
        .await
        .expect("opens");
    wait_for_text(c, "h1", "Adresy podpory").await;
    shoot(c, "desk-config-support-addresses").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_configures_in_a_real_browser() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let driver = start_driver().await;
    let profile = tempfile::tempdir().expect("a fresh browser profile");
    let c = tokio::time::timeout(Duration::from_secs(60), browser(&driver, profile.path()))
        .await
        .expect("the browser starts within 60 s");
    let story =
        tokio::time::timeout(Duration::from_secs(120), the_configuration_story(&app, &c)).await;
    let _ = tokio::time::timeout(Duration::from_secs(10), c.close()).await;
    drop(driver);
    story.expect("the story finishes within 120 s");
}

/// Gives a contact a portal password through an invitation link, used at once.
async fn with_password(app: &TestApp, contact: i64) {
    let token = portal::issue_link(
        &app.app,
        &Actor::Cli,
        Some(contact),
        None,
        portal::LinkPurpose::Invite,
    )
    .await
    .expect("an invitation link");
    portal::set_password_by_link(&app.app, &token, PASSWORD)
        .await
        .expect("the password is set");
}

async fn sign_in_as(app: &TestApp, c: &Client, email: &str) {
    c.goto(&format!("{}/portal/sign-in", app.base))
        .await
        .expect("opens");
    fill(c, "#email", email).await;
    fill(c, "#password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Moje požiadavky").await;
}

/// The text of the first mail in the Maildir to `to` holding `needle`, waiting for it.
async fn mail_to(relay: &podpora_testkit::mail::Postfix, to: &str, needle: &str) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let found = relay
            .received(1, Duration::from_secs(1))
            .await
            .iter()
            .filter_map(|raw| {
                let m = mail_parser::MessageParser::default().parse(raw)?;
                let addressed = m
                    .to()
                    .and_then(|a| a.first())
                    .and_then(|a| a.address())
                    .is_some_and(|a| a.eq_ignore_ascii_case(to));
                let text = m.body_text(0)?.into_owned();
                (addressed && text.contains(needle)).then_some(text)
            })
            .next();
        if let Some(text) = found {
            return text;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no mail to {to} with {needle:?} in the Maildir"
        );
    }
}

/// The customer's self-service in the browser: asking for an onboarding entitlement on "Our
/// plan", sharing a request with a colleague (who then sees it in their list), and adding an
/// address to the profile, confirmed by the link mailed to it through a real Postfix Maildir.
/// Each page is shot at both widths and checked with axe-core.
async fn the_self_service_story(app: &TestApp, c: &Client, relay: &podpora_testkit::mail::Postfix) {
    let (org, jan, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let plan = app
        .post(
            "/api/v1/plans",
            serde_json::json!({
                "code": "smart", "name": "Smart", "rank": 1,
                "monthly_price": {"amount_minor": 4900, "currency": "EUR"},
                "channels": [{"channel": "email"}, {"channel": "portal"}],
                "remote_minutes_per_month": 60, "work_minutes_per_month": 0,
                "onboarding": [{"kind": "training", "within_days": 30}, {"kind": "installation"}],
            }),
        )
        .await;
    assert_eq!(plan.status, 201, "{}", plan.body);
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::get("Europe/Bratislava").expect("a zone"))
        .date()
        .to_string();
    let contract = app
        .post(
            "/api/v1/contracts",
            serde_json::json!({"organization_id": org, "plan_id": plan.body["id"], "starts_on": today}),
        )
        .await;
    assert_eq!(contract.status, 201, "{}", contract.body);
    let list = app
        .get(&format!("/api/v1/organizations/{org}/entitlements"))
        .await;
    let training = list
        .body
        .as_array()
        .and_then(|l| l.iter().find(|e| e["kind"] == "training"))
        .and_then(|e| e["id"].as_i64())
        .expect("the training entitlement");
    let maria = app
        .post(
            "/api/v1/contacts",
            serde_json::json!({"organization_id": org, "name": "Kolegyňa Mária", "emails": ["maria@firma.sk"]}),
        )
        .await;
    assert_eq!(maria.status, 201, "{}", maria.body);
    let maria = maria.body["id"].as_i64().expect("an id");
    with_password(app, jan).await;
    with_password(app, maria).await;

    // Our plan: the button asks for the training, and the plan then says with which request.
    sign_in_as(app, c, "jan@firma.sk").await;
    c.goto(&format!("{}/portal/plan", app.base))
        .await
        .expect("opens");
    shoot(c, "plan").await;
    submit(c, &format!("#ask-{training}")).await;
    let url = c.current_url().await.expect("a URL");
    let number = url
        .query_pairs()
        .find(|(k, _)| k == "asked")
        .map(|(_, v)| v.into_owned())
        .expect("the plan names the request it opened");
    assert!(
        text_of(c, "p.notice").await.contains(&number),
        "the notice names {number}"
    );
    let state = text_of(c, &format!("#entitlement-{training}")).await;
    assert!(
        state.contains(&format!("vyžiadané požiadavkou {number}")),
        "{state}"
    );
    assert!(
        c.find(Locator::Css(&format!("#ask-{training}")))
            .await
            .is_err(),
        "no second button"
    );
    shoot(c, "plan-asked").await;

    // The request is shared with a colleague.
    c.goto(&format!("{}/portal/requests/{number}", app.base))
        .await
        .expect("opens");
    submit(c, &format!("#share-{maria}")).await;
    assert!(text_of(c, "#sharing").await.contains("zdieľané"));
    shoot(c, "request-shared").await;

    // A new address on the profile, confirmed by the mailed link.
    c.goto(&format!("{}/portal/profile", app.base))
        .await
        .expect("opens");
    fill(c, "#new-email", "jan.novak@firma.sk").await;
    submit(
        c,
        "form[action='/portal/profile/addresses'] button[type=submit]",
    )
    .await;
    assert!(
        text_of(c, "p.notice")
            .await
            .contains("Odkaz na potvrdenie sme poslali")
    );
    shoot(c, "profile-address-pending").await;
    let text = mail_to(relay, "jan.novak@firma.sk", "/portal/address/").await;
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/portal/address/"))
        .expect("the link");
    let path = &link[link.find("/portal/").expect("a path")..];
    c.goto(&format!("{}{path}", app.base)).await.expect("opens");
    shoot(c, "address-confirm").await;
    submit(c, "#confirm-address").await;
    assert!(text_of(c, "main").await.contains("Adresa je potvrdená"));
    shoot(c, "address-confirmed").await;
    let contact = app.get(&format!("/api/v1/contacts/{jan}")).await;
    assert!(
        contact.body["emails"]
            .as_array()
            .is_some_and(|e| e.iter().any(|a| a == "jan.novak@firma.sk")),
        "{}",
        contact.body
    );
    c.goto(&format!("{}/portal/profile", app.base))
        .await
        .expect("opens");
    assert!(text_of(c, "main").await.contains("jan.novak@firma.sk"));
    shoot(c, "profile-address-confirmed").await;
    submit(c, "header form[method=post] button").await;
    wait_for_text(c, "h1", "Prihlásenie").await;

    // The colleague sees the shared request in their list.
    sign_in_as(app, c, "maria@firma.sk").await;
    assert!(text_of(c, "table").await.contains(&number));
    shoot(c, "requests-shared-with-colleague").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_serves_themselves_in_a_real_browser() {
    let relay = podpora_testkit::mail::Postfix::maildir_sink();
    let mail = podpora::config::MailSettings {
        smtp: Some(podpora::config::SmtpSettings {
            host: "127.0.0.1".into(),
            port: relay.port(),
            tls: "none".into(),
            username: None,
            password: None,
            ca_file: None,
        }),
        ..Default::default()
    };
    let app = TestApp::spawn_with_mail(Backend::Sqlite, mail).await;
    let driver = start_driver().await;
    let profile = tempfile::tempdir().expect("a fresh browser profile");
    let c = tokio::time::timeout(Duration::from_secs(60), browser(&driver, profile.path()))
        .await
        .expect("the browser starts within 60 s");
    let story = tokio::time::timeout(
        Duration::from_secs(180),
        the_self_service_story(&app, &c, &relay),
    )
    .await;
    let _ = tokio::time::timeout(Duration::from_secs(10), c.close()).await;
    drop(driver);
    story.expect("the story finishes within 180 s");
}
