//! The agent workspace in a real browser, with the customer portal beside it: a dispatcher sees
//! a portal request in the queue with its reason and countdown and assigns a technician; the
//! technician replies in Slovak with a prepared answer filled in place; the reply reaches a real
//! Postfix Maildir and the customer reads it in the portal; the technician
//! sets "waiting for the customer"; the customer answers and the ticket is back in the queue
//! with its clocks running. A billing agent sees no change forms and is refused a direct post.
//! An agent with TOTP cannot sign in without the code and signs in with the code of the moment,
//! then works the ticket page: j and k through the queue, a mail's remote image blocked until
//! asked for, a reply with a file, two requests linked and one merged into the other (the
//! merged one offers no reply form, only where its conversation continues).
//! Screenshots go to `target/e2e-screenshots/desk-*`; axe-core checks every page.

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

async fn staff_sign_in(c: &Client, app: &TestApp, email: &str) {
    go(c, app, "/desk/sign-in").await;
    wait_for_text(c, "h1", "Prihlásenie pracovníkov").await;
    fill(c, "#email", email).await;
    fill(c, "#password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Rad").await;
}

async fn staff_sign_out(c: &Client) {
    submit(c, "header form[method=post] button").await;
    wait_for_text(c, "h1", "Prihlásenie pracovníkov").await;
}

async fn customer_sign_in(c: &Client, app: &TestApp) {
    go(c, app, "/portal/sign-in").await;
    fill(c, "#email", "jan@firma.sk").await;
    fill(c, "#password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Moje požiadavky").await;
}

/// The Maildir's message whose text contains `needle`, as its recipients and text, waiting up to
/// 30 seconds for it to arrive.
async fn mail_with(relay: &podpora_testkit::mail::Postfix, needle: &str) -> (String, String) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let found = relay
            .received(1, Duration::from_secs(5))
            .await
            .iter()
            .filter_map(|raw| {
                let m = mail_parser::MessageParser::default().parse(raw)?;
                let text = m.body_text(0)?.into_owned();
                let to = String::from_utf8_lossy(raw)
                    .lines()
                    .find(|l| l.to_ascii_lowercase().starts_with("to:"))
                    .unwrap_or_default()
                    .to_string();
                text.contains(needle).then_some((to, text))
            })
            .next();
        if let Some(found) = found {
            return found;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no mail with {needle:?} in the Maildir"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn the_story(app: &TestApp, c: &Client, relay: &podpora_testkit::mail::Postfix) {
    let cal = app
        .post(
            "/api/v1/calendars",
            json!({"name": "Nonstop", "time_zone": "Europe/Bratislava", "hours": "mon-sun 00:00-24:00"}),
        )
        .await;
    let p = app
        .post(
            "/api/v1/sla-policies",
            json!({"name": "Štandard", "calendar_id": cal.body["id"], "reaction": "4h", "resolution": "2bd"}),
        )
        .await;
    assert_eq!(p.status, 201, "{}", p.body);
    for (email, role) in [
        ("dispecer@podpora.example", "dispatcher"),
        ("technik@podpora.example", "technician"),
        ("fakturacia@podpora.example", "billing"),
    ] {
        let a = app
            .post(
                "/api/v1/agents",
                json!({"email": email, "name": email, "roles": [role], "password": PASSWORD, "language": "sk"}),
            )
            .await;
        assert_eq!(a.status, 201, "{}", a.body);
    }
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let token = portal::issue_link(
        &app.app,
        &Actor::Cli,
        Some(contact),
        None,
        portal::LinkPurpose::Invite,
    )
    .await
    .expect("a link");
    go(c, app, &format!("/portal/password/{token}")).await;
    fill(c, "#new-password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Prihlásenie").await;

    // The customer opens a request in the portal.
    customer_sign_in(c, app).await;
    go(c, app, "/portal/requests/new").await;
    fill(c, "#subject", "Nejde tlačiareň").await;
    fill(c, "#description", "Od rána netlačí.").await;
    submit(c, "form.card button[type=submit]").await;
    let number = text_of(c, "#ticket-number").await;
    submit(c, "header form[method=post] button").await;
    // The confirmation reaches the Maildir; the relay's acceptance is the reaction (R-31), so
    // the queue counts down to the resolution.
    let (to, _) = mail_with(relay, &number).await;
    assert!(to.contains("jan@firma.sk"), "{to}");

    // The dispatcher sees it in the queue with its reason and countdown, and assigns it.
    staff_sign_in(c, app, "dispecer@podpora.example").await;
    let row = text_of(c, &format!("tr[data-number='{number}']")).await;
    assert!(
        row.contains("Nejde tlačiareň") && row.contains("zostáva"),
        "{row}"
    );
    assert!(
        row.contains("základný servis") && row.contains("Vyriešenie do"),
        "{row}"
    );
    assert_eq!(text_of(c, "#count").await, "1 otvorená požiadavka");
    shoot(c, "desk-queue").await;
    // Without a mouse: j chooses the first request, ? lists the shortcuts in a dialog, Esc
    // closes it and gives the focus back, Enter opens the chosen request.
    press(c, "j").await;
    assert_eq!(
        focused(c, "href").await.as_deref(),
        Some(format!("/desk/tickets/{number}").as_str())
    );
    press(c, "?").await;
    assert!(
        c.find(Locator::Css("#keys-help[open]")).await.is_ok(),
        "the list is open"
    );
    assert_eq!(focused(c, "id").await.as_deref(), Some("keys-close"));
    shoot(c, "desk-keys").await;
    press(c, "\u{E00C}").await;
    assert!(
        c.find(Locator::Css("#keys-help[open]")).await.is_err(),
        "Esc closes the list"
    );
    press(c, "\u{E007}").await;
    wait_for_text(c, "#ticket-number", &number).await;
    // a goes to the assignee; a letter typed in a field stays in the field.
    press(c, "a").await;
    assert_eq!(focused(c, "id").await.as_deref(), Some("assignee"));
    fill(c, "#reason", "r").await;
    assert_eq!(focused(c, "id").await.as_deref(), Some("reason"));
    c.find(Locator::Css("#reason"))
        .await
        .expect("the reason field")
        .clear()
        .await
        .expect("cleared");
    shoot(c, "desk-ticket").await;
    let tech = c
        .find(Locator::XPath(
            "//select[@id='assignee']/option[text()='technik@podpora.example']",
        ))
        .await
        .expect("the technician is offered");
    tech.click().await.expect("chosen");
    c.find(Locator::Css("#status option[value='in_progress']"))
        .await
        .expect("in progress is offered")
        .click()
        .await
        .expect("chosen");
    submit(c, "#change button[type=submit]").await;
    wait_for_text(c, "#ticket-number", &number).await;
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["status"], "in_progress", "{}", t.body);
    assert!(t.body["assignee_id"].is_i64(), "{}", t.body);
    staff_sign_out(c).await;

    // The technician replies in Slovak with a prepared answer, then waits for the customer.
    for (lang, body) in [
        (
            "sk",
            "Dobrý deň {contact_name}, prosím reštartujte tlačiareň ({ticket_number}). S pozdravom, {agent_name}",
        ),
        ("en", "Hello {contact_name}, please restart the printer."),
    ] {
        let a = app
            .post(
                "/api/v1/prepared-answers",
                json!({"name": "Reštart tlačiarne", "language": lang, "body": body}),
            )
            .await;
        assert_eq!(a.status, 201, "{}", a.body);
    }
    staff_sign_in(c, app, "technik@podpora.example").await;
    shoot(c, "desk-queue-technician").await;
    go(c, app, &format!("/desk/tickets/{number}")).await;
    wait_for_text(c, "#ticket-number", &number).await;
    let offered = text_of(c, "#answer").await;
    assert!(
        offered.contains("Reštart tlačiarne"),
        "the Slovak answer is offered: {offered}"
    );
    // The script fills the answer in place: the page stays, the text is the filled answer.
    click(c, "#use-answer").await;
    let typed = c
        .find(Locator::Css("#body"))
        .await
        .expect("the reply field")
        .prop("value")
        .await
        .expect("its value")
        .unwrap_or_default();
    assert_eq!(
        typed,
        format!(
            "Dobrý deň Ján Kováč, prosím reštartujte tlačiareň ({number}). S pozdravom, technik@podpora.example"
        )
    );
    assert!(
        c.current_url()
            .await
            .expect("an address")
            .path()
            .ends_with(&format!("/desk/tickets/{number}")),
        "no round trip"
    );
    shoot(c, "desk-ticket-prepared-answer").await;
    submit(c, "#send").await;
    wait_for_text(c, "#ticket-number", &number).await;
    assert!(text_of(c, ".thread").await.contains("prosím reštartujte"));
    // The reply leaves through the outbox and arrives in a real Postfix Maildir, in Slovak.
    let (to, text) = mail_with(relay, "prosím reštartujte tlačiareň").await;
    assert!(to.contains("jan@firma.sk"), "{to}");
    assert!(text.contains("Dobrý deň Ján Kováč"), "{text}");
    c.find(Locator::Css("#status option[value='waiting_for_customer']"))
        .await
        .expect("waiting is offered")
        .click()
        .await
        .expect("chosen");
    submit(c, "#change button[type=submit]").await;
    wait_for_text(c, "#ticket-number", &number).await;
    assert!(text_of(c, "aside").await.contains("pozastavené"));
    shoot(c, "desk-ticket-waiting").await;
    go(c, app, "/desk/profile").await;
    wait_for_text(c, "h1", "Váš profil").await;
    shoot(c, "desk-profile").await;
    staff_sign_out(c).await;

    // The customer reads the reply in the portal and answers.
    customer_sign_in(c, app).await;
    go(c, app, &format!("/portal/requests/{number}")).await;
    assert!(
        text_of(c, "main")
            .await
            .contains("prosím reštartujte tlačiareň")
    );
    fill(c, "#body", "Reštart pomohol len na chvíľu.").await;
    submit(c, "form.card button[type=submit]").await;
    submit(c, "header form[method=post] button").await;
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["status"], "in_progress", "resumed: {}", t.body);

    // Back in the queue with the clocks running.
    staff_sign_in(c, app, "dispecer@podpora.example").await;
    let row = text_of(c, &format!("tr[data-number='{number}']")).await;
    assert!(row.contains("Rieši sa") && row.contains("zostáva"), "{row}");
    staff_sign_out(c).await;

    // Billing reads but changes nothing; a direct post is refused.
    staff_sign_in(c, app, "fakturacia@podpora.example").await;
    go(c, app, &format!("/desk/tickets/{number}")).await;
    wait_for_text(c, "#ticket-number", &number).await;
    assert!(
        c.find(Locator::Css("#change")).await.is_err(),
        "no change form"
    );
    assert!(
        c.find(Locator::Css("#reply")).await.is_err(),
        "no reply form"
    );
    shoot(c, "desk-ticket-billing").await;
    let refused: serde_json::Value = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch(arguments[0], {method: 'POST', headers: {'content-type': 'application/x-www-form-urlencoded'},
               body: 'csrf=x&status=resolved', credentials: 'same-origin'}).then(r => done(r.status), e => done(String(e)));",
            vec![json!(format!("/desk/tickets/{number}"))],
        )
        .await
        .expect("the post runs");
    assert_eq!(refused, json!(403));

    // The queue's script polls its rows: a request opened now appears without a reload.
    go(c, app, "/desk/queue").await;
    let t = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Nová vec počas zobrazenia", "description": "Popis.", "requester_id": contact}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.body);
    let fresh = t.body["number"].as_str().unwrap().to_string();
    let row = text_of_within(c, &format!("tr[data-number='{fresh}']"), 30).await;
    assert!(row.contains("Nová vec"), "{row}");
    assert_eq!(text_of(c, "#count").await, "2 otvorené požiadavky");
}

/// Sends `keys` to whatever has the focus, as a keyboard user types.
async fn press(c: &Client, keys: &str) {
    c.active_element()
        .await
        .expect("something has the focus")
        .send_keys(keys)
        .await
        .expect("typed");
    tokio::time::sleep(Duration::from_millis(150)).await;
}

/// An attribute of the focused element.
async fn focused(c: &Client, attr: &str) -> Option<String> {
    c.active_element()
        .await
        .expect("something has the focus")
        .attr(attr)
        .await
        .expect("its attribute")
}

/// The element's text, waiting up to `secs` seconds for it to appear.
async fn text_of_within(c: &Client, css: &str, secs: u64) -> String {
    c.wait()
        .at_most(Duration::from_secs(secs))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} appears: {e}"))
        .text()
        .await
        .expect("its text")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agents_and_a_customer_work_a_request_in_a_real_browser() {
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
    let story = tokio::time::timeout(Duration::from_secs(180), the_story(&app, &c, &relay)).await;
    let _ = tokio::time::timeout(Duration::from_secs(10), c.close()).await;
    drop(driver);
    story.expect("the story finishes within 180 s");
}

/// The TOTP code of a base32 secret `ahead` steps from now, computed here as an authenticator
/// app does (RFC 6238); a code is accepted once, so a second use takes the next step.
fn totp_code(secret: &str, ahead: i64) -> String {
    use podpora_app::desk::totp;
    let bytes = totp::from_base32(secret).expect("a base32 secret");
    let step = jiff::Timestamp::now().as_second() / totp::STEP_SECS + ahead;
    format!("{:06}", totp::code_at(&bytes, step))
}

/// An agent turns the second factor on in the profile; from then on the password alone opens
/// nothing, a wrong code is refused and the code of the moment signs in.
async fn second_factor_story(app: &TestApp, c: &Client) {
    let a = app
        .post(
            "/api/v1/agents",
            json!({"email": "dispecer@podpora.example", "name": "Dana Dispečerka", "roles": ["dispatcher"],
                   "password": PASSWORD, "language": "sk"}),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    staff_sign_in(c, app, "dispecer@podpora.example").await;
    go(c, app, "/desk/profile").await;
    submit(c, "#totp-start").await;
    wait_for_text(c, "h1", "Druhý faktor (TOTP)").await;
    let secret = text_of(c, "#totp-secret").await;
    fill(c, "#code", &totp_code(&secret, 0)).await;
    submit(c, "form.card button[type=submit]").await;
    assert_eq!(
        c.find_all(Locator::Css("#recovery-codes li"))
            .await
            .expect("the recovery codes")
            .len(),
        8
    );
    shoot(c, "desk-totp-on").await;
    staff_sign_out(c).await;

    // The password alone leads to the code page, and the queue stays closed.
    go(c, app, "/desk/sign-in").await;
    fill(c, "#email", "dispecer@podpora.example").await;
    fill(c, "#password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Druhý faktor").await;
    shoot(c, "desk-sign-in-code").await;
    go(c, app, "/desk/queue").await;
    wait_for_text(c, "h1", "Prihlásenie pracovníkov").await;
    go(c, app, "/desk/sign-in/code").await;
    fill(c, "#code", "000000").await;
    submit(c, "form.card button[type=submit]").await;
    assert!(
        text_of(c, "#code-error")
            .await
            .contains("Kód nie je správny")
    );
    shoot(c, "desk-sign-in-code-wrong").await;
    fill(c, "#code", &totp_code(&secret, 1)).await;
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Rad").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_signs_in_with_a_second_factor_and_works_the_ticket_page_in_a_real_browser() {
    let mail = podpora::config::MailSettings {
        addresses: vec![podpora::config::AddressSettings {
            address: "podpora@support.test".into(),
            team: None,
            language: "sk".into(),
        }],
        ..Default::default()
    };
    let app = TestApp::spawn_with_mail(Backend::Sqlite, mail).await;
    let driver = start_driver().await;
    let profile = tempfile::tempdir().expect("a fresh browser profile");
    let c = tokio::time::timeout(Duration::from_secs(60), browser(&driver, profile.path()))
        .await
        .expect("the browser starts within 60 s");
    let story = tokio::time::timeout(Duration::from_secs(180), async {
        second_factor_story(&app, &c).await;
        ticket_page_story(&app, &c).await;
    })
    .await;
    let _ = tokio::time::timeout(Duration::from_secs(10), c.close()).await;
    drop(driver);
    story.expect("the story finishes within 180 s");
}

/// A mail with a remote image, as an MTA hands it over.
const MAIL_WITH_AN_IMAGE: &str = "From: Ján Kováč <jan@firma.sk>\r\nTo: podpora@support.test\r\n\
Subject: Displej ukazuje chybu\r\nMessage-ID: <displej@firma.sk>\r\nDate: Mon, 30 Nov 2026 09:00:00 +0100\r\n\
MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
<p>Displej ukazuje chybu E7.</p><img src=\"https://obrazky.example/displej.png\" alt=\"fotka displeja\">\r\n";

/// The ticket page: j and k through the queue, a mail's remote image blocked until asked, a
/// reply with a file, linking two requests and merging one into the other.
async fn ticket_page_story(app: &TestApp, c: &Client) {
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let res = app
        .client
        .post(format!(
            "{}/api/v1/mail/inbound?recipient=podpora@support.test",
            app.base
        ))
        .bearer_auth(&app.token)
        .header("content-type", "message/rfc822")
        .body(MAIL_WITH_AN_IMAGE)
        .send()
        .await
        .expect("the mail is handed over");
    assert_eq!(res.status(), 202);
    let inbound: serde_json::Value = res.json().await.expect("its record");
    let mailed = inbound["ticket_number"]
        .as_str()
        .expect("a ticket")
        .to_string();
    let t = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Displej znova", "description": "Tá istá chyba.", "requester_id": contact}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.body);
    let duplicate = t.body["number"].as_str().expect("a number").to_string();
    let article = app.get(&format!("/api/v1/tickets/{mailed}")).await.body["articles"][0]["id"]
        .as_i64()
        .expect("the mail's article");

    // The queue by keyboard: j down, j down, k back up.
    go(c, app, "/desk/queue").await;
    wait_for_text(c, "h1", "Rad").await;
    let first = focused_after(c, "j").await;
    let second = focused_after(c, "j").await;
    assert_ne!(first, second, "j moves to the next request");
    assert_eq!(focused_after(c, "k").await, first, "k goes back");
    press(c, "?").await;
    assert!(c.find(Locator::Css("#keys-help[open]")).await.is_ok());
    press(c, "\u{E00C}").await;

    // The mail's image is a placeholder naming its host until asked for.
    go(c, app, &format!("/desk/tickets/{mailed}")).await;
    wait_for_text(c, "#ticket-number", &mailed).await;
    let placeholder = text_of(c, ".mail-html .blocked-image").await;
    assert!(
        placeholder.contains("obrazky.example") && placeholder.contains("zablokovaný"),
        "{placeholder}"
    );
    assert!(
        c.find(Locator::Css(".mail-html img")).await.is_err(),
        "no image loads"
    );
    shoot(c, "desk-ticket-image-blocked").await;
    submit(c, &format!("#show-images-{article}")).await;
    let src = c
        .find(Locator::Css(".mail-html img"))
        .await
        .expect("the image is shown")
        .attr("src")
        .await
        .expect("its address");
    assert_eq!(src.as_deref(), Some("https://obrazky.example/displej.png"));
    shoot(c, "desk-ticket-image-shown").await;

    // r starts a reply, n a note; the reply goes with a file.
    press(c, "n").await;
    assert_eq!(focused(c, "id").await.as_deref(), Some("body"));
    assert_eq!(
        c.find(Locator::Css("#kind-note"))
            .await
            .expect("the note choice")
            .prop("checked")
            .await
            .expect("its state")
            .as_deref(),
        Some("true")
    );
    c.find(Locator::Css("#kind-reply"))
        .await
        .expect("the reply choice")
        .click()
        .await
        .expect("chosen");
    fill(c, "#body", "Posielam postup na odstránenie chyby E7.").await;
    let file = tempfile::Builder::new()
        .prefix("postup-")
        .suffix(".txt")
        .tempfile()
        .expect("a file to attach");
    std::fs::write(file.path(), "1. Vypnite displej.\n2. Zapnite ho.\n").expect("written");
    fill(c, "#files", &file.path().display().to_string()).await;
    submit(c, "#send").await;
    wait_for_text(c, "#ticket-number", &mailed).await;
    let name = file
        .path()
        .file_name()
        .expect("a name")
        .to_string_lossy()
        .to_string();
    let link = text_of(c, ".thread li:last-child .files a").await;
    assert_eq!(link, name);
    let t = app.get(&format!("/api/v1/tickets/{mailed}")).await;
    let last = t.body["articles"]
        .as_array()
        .and_then(|a| a.last().cloned())
        .expect("the reply");
    assert_eq!(last["kind"], "public_reply", "{last}");
    assert_eq!(last["attachments"][0]["filename"], name.as_str(), "{last}");
    shoot(c, "desk-ticket-reply-with-file").await;

    // Linked by number, then the duplicate merged into the mailed request.
    fill(c, "#link-other", &duplicate).await;
    submit(c, "#link-form button[type=submit]").await;
    assert!(text_of(c, "#link-list").await.contains(&duplicate));
    go(c, app, &format!("/desk/tickets/{duplicate}")).await;
    wait_for_text(c, "#ticket-number", &duplicate).await;
    fill(c, "#merge-into", &mailed).await;
    submit(c, "#merge-form button[type=submit]").await;
    wait_for_text(c, "#ticket-number", &mailed).await;
    assert!(text_of(c, "#ticket-notice").await.starts_with("Zlúčené"));
    assert!(text_of(c, ".thread").await.contains("Tá istá chyba."));
    shoot(c, "desk-ticket-merged-here").await;
    go(c, app, &format!("/desk/tickets/{duplicate}")).await;
    wait_for_text(c, "#ticket-number", &duplicate).await;
    assert!(text_of(c, "#reply-merged").await.contains(&mailed));
    assert!(
        c.find(Locator::Css("#reply")).await.is_err(),
        "no reply or note form on a merged request"
    );
    shoot(c, "desk-ticket-merged-away").await;
    click(c, "#reply-merged a").await;
    wait_for_text(c, "#ticket-number", &mailed).await;
}

/// Presses `key` and returns where the focus went.
async fn focused_after(c: &Client, key: &str) -> String {
    press(c, key).await;
    focused(c, "href").await.unwrap_or_default()
}
