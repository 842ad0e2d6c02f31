//! The customer portal over HTTP, as a browser without scripts uses it, on SQLite and PostgreSQL.

mod access;
mod account_requests;
mod browser;
mod charges;
#[path = "../api/helpers.rs"]
#[allow(dead_code)]
mod helpers;
mod invoice_pdf;
mod payments;
mod plan_and_files;
mod quotes;
mod search;
mod self_service;

use browser::Browser;
use helpers::TestApp;
use podpora_app::{Actor, portal};
use podpora_testkit::Backend;
use serde_json::json;

const PASSWORD: &str = "heslo-1234";

/// A contact with a portal password, and a browser that has opened the sign-in page.
async fn contact_with_password(app: &TestApp, ico: &str, email: &str) -> (i64, Browser) {
    let (_org, contact, _asset) = app.customer(ico, email).await;
    let token = portal::issue_link(
        &app.app,
        &Actor::Cli,
        Some(contact),
        None,
        portal::LinkPurpose::Invite,
    )
    .await
    .unwrap();
    let mut b = Browser::new(&app.base);
    let form = b.get(&format!("/portal/password/{token}")).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let csrf = b.csrf();
    let set = b
        .post(
            &format!("/portal/password/{token}"),
            &[("csrf", &csrf), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(set.status, 303, "{}", set.body);
    // The link works once.
    let again = b.get(&format!("/portal/password/{token}")).await;
    assert_eq!(again.status, 404);
    (contact, b)
}

async fn sign_in(b: &mut Browser, login: &str, password: &str) -> browser::Page {
    b.get("/portal/sign-in").await;
    let csrf = b.csrf();
    b.post(
        "/portal/sign-in",
        &[
            ("csrf", &csrf),
            ("kind", "contact"),
            ("login", login),
            ("password", password),
        ],
    )
    .await
}

async fn open_request(b: &mut Browser, subject: &str, description: &str) -> browser::Page {
    let csrf = b.csrf();
    b.post_multipart(
        "/portal/requests/new",
        &[
            ("csrf", &csrf),
            ("subject", subject),
            ("description", description),
            ("email", ""),
            ("urgency", "normal"),
            ("file", "the log says: disk full"),
        ],
    )
    .await
}

/// Staff mark a request solved.
async fn resolve(app: &TestApp, number: &str, via: &[&str]) {
    for status in via {
        let r = app
            .patch(
                &format!("/api/v1/tickets/{number}"),
                json!({"status": status}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
}

/// The request number a "created" page shows.
fn number_in(body: &str) -> String {
    let start = body.find("id=\"ticket-number\">").expect("a ticket number") + 19;
    body[start..start + body[start..].find('<').unwrap()].to_string()
}

async fn a_contact_signs_in_and_opens_a_request(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_contact, mut br) = contact_with_password(&app, "35697270", "jan@firma.sk").await;

    let home = br.get("/").await;
    assert_eq!(home.location.as_deref(), Some("/portal/sign-in"));
    let polish = Browser::new(&app.base)
        .get_lang("/portal/sign-in", "de-DE,pl;q=0.8,en;q=0.5")
        .await;
    assert!(
        polish.body.contains("<h1>Logowanie</h1>"),
        "{}",
        polish.body
    );
    let unknown = br.get_lang("/portal/no-such-page", "cs").await;
    assert_eq!(unknown.status, 404);
    assert!(unknown.body.contains("Nenalezeno"), "{}", unknown.body);
    let page = br.get_lang("/portal/sign-in", "sk-SK,sk;q=0.9").await;
    assert!(page.body.contains("Prihlásenie"), "{}", page.body);
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"));

    let signed = sign_in(&mut br, "Jan@Firma.sk", PASSWORD).await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    let session = signed.headers["set-cookie"].to_str().unwrap();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"));

    let list = br.get("/portal/requests").await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains("0 požiadaviek"), "{}", list.body);

    let created = open_request(&mut br, "Nejde tlačiareň", "Od rána netlačí.\n\nĎakujem").await;
    assert_eq!(created.status, 201, "{}", created.body);
    let number = number_in(&created.body);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["channel"], "portal");
    assert_eq!(
        t.body["articles"][0]["attachments"][0]["filename"],
        "note.txt"
    );

    let list = br.get("/portal/requests").await;
    assert!(list.body.contains("1 požiadavka"), "{}", list.body);
    assert!(list.body.contains(&number));

    // Staff write an internal note and a reply; the customer sees only the reply.
    let note = app
        .post(
            &format!("/api/v1/tickets/{number}/articles"),
            json!({"kind": "internal_note", "body": "TAJNÁ poznámka"}),
        )
        .await;
    assert_eq!(note.status, 201, "{}", note.body);
    let reply = app
        .post(
            &format!("/api/v1/tickets/{number}/articles"),
            json!({"kind": "public_reply", "body": "Skúste ju reštartovať."}),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let page = br.get(&format!("/portal/requests/{number}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Od rána netlačí."));
    assert!(page.body.contains("Skúste ju reštartovať."));
    assert!(!page.body.contains("TAJNÁ"), "an internal note leaked");

    // The customer answers from the portal.
    let csrf = br.csrf();
    let answered = br
        .post(
            &format!("/portal/requests/{number}/reply"),
            &[("csrf", &csrf), ("body", "Reštart pomohol.")],
        )
        .await;
    assert_eq!(answered.status, 303, "{}", answered.body);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    let last = t.body["articles"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["kind"], "portal_message");
    assert_eq!(last["body"], "Reštart pomohol.");

    // Not resolved yet: nothing to confirm.
    let csrf = br.csrf();
    let early = br
        .post(
            &format!("/portal/requests/{number}/solved"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(early.status, 422, "{}", early.body);
    // Staff mark it solved; the customer says it is not, then, solved again, that it is.
    resolve(&app, &number, &["in_progress", "resolved"]).await;
    let page = br.get(&format!("/portal/requests/{number}")).await;
    assert!(page.body.contains("id=\"not-solved\""), "{}", page.body);
    let reopened = br
        .post(
            &format!("/portal/requests/{number}/not-solved"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(reopened.status, 303, "{}", reopened.body);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["status"], "in_progress");
    let page = br.get(&format!("/portal/requests/{number}")).await;
    assert!(!page.body.contains("id=\"not-solved\""));
    resolve(&app, &number, &["resolved"]).await;
    let closed = br
        .post(
            &format!("/portal/requests/{number}/solved"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(closed.status, 303, "{}", closed.body);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["status"], "closed");
    let history = app.history_of(&number, "status").await;
    assert!(
        history.iter().any(|h| h["reason"]
            .as_str()
            .is_some_and(|r| r.contains("confirmed it is solved"))),
        "{history:?}"
    );

    // Polish after choosing it.
    let chosen = br.get("/language/pl?back=/portal/requests").await;
    assert_eq!(chosen.location.as_deref(), Some("/portal/requests"));
    let list = br.get("/portal/requests").await;
    assert!(list.body.contains("1 zgłoszenie"), "{}", list.body);
    assert!(list.body.contains("Moje zgłoszenia"));

    // Signing out ends the session.
    let csrf = br.csrf();
    let out = br.post("/portal/sign-out", &[("csrf", &csrf)]).await;
    assert_eq!(out.status, 303);
    let after = br.get("/portal/requests").await;
    assert_eq!(after.location.as_deref(), Some("/portal/sign-in"));
}

async fn the_fifth_wrong_password_locks_the_account(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_c, mut br) = contact_with_password(&app, "35697270", "eva@firma.sk").await;
    for _ in 0..4 {
        let p = sign_in(&mut br, "eva@firma.sk", "wrong-password").await;
        assert_eq!(p.status, 422, "{}", p.body);
        assert!(p.body.contains("nie sú správne"), "{}", p.body);
    }
    let fifth = sign_in(&mut br, "eva@firma.sk", "wrong-password").await;
    assert_eq!(fifth.status, 429, "{}", fifth.body);
    assert!(
        fifth.body.contains("Znova to môžete skúsiť po"),
        "{}",
        fifth.body
    );
    // Even the right password waits for the lock to end.
    let right = sign_in(&mut br, "eva@firma.sk", PASSWORD).await;
    assert_eq!(right.status, 429);
    assert!(!br.cookies.contains_key("pdp_session"));
}

async fn a_form_without_the_csrf_token_is_refused(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_c, mut br) = contact_with_password(&app, "35697270", "ivo@firma.sk").await;
    br.get("/portal/sign-in").await;
    let refused = br
        .post(
            "/portal/sign-in",
            &[
                ("csrf", "csrf_forged0000000000000000"),
                ("kind", "contact"),
                ("login", "ivo@firma.sk"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(!br.cookies.contains_key("pdp_session"));

    assert_eq!(sign_in(&mut br, "ivo@firma.sk", PASSWORD).await.status, 303);
    let before = app.counts().await;
    let forged = br
        .post_multipart(
            "/portal/requests/new",
            &[("csrf", "x"), ("subject", "S"), ("description", "D")],
        )
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(app.counts().await, before, "a forged form wrote something");
}

async fn a_contact_cannot_open_another_contacts_request(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_a, mut alice) = contact_with_password(&app, "35697270", "alica@firma.sk").await;
    let (_b, mut bob) = contact_with_password(&app, "36631124", "bob@ina.sk").await;
    assert_eq!(
        sign_in(&mut alice, "alica@firma.sk", PASSWORD).await.status,
        303
    );
    assert_eq!(sign_in(&mut bob, "bob@ina.sk", PASSWORD).await.status, 303);
    let created = open_request(&mut bob, "Bobova vec", "Tajné detaily").await;
    let number = number_in(&created.body);

    let theirs = alice.get(&format!("/portal/requests/{number}")).await;
    let missing = alice.get("/portal/requests/2020-999999").await;
    assert_eq!(theirs.status, 404);
    assert_eq!(theirs.status, missing.status);
    assert!(!theirs.body.contains("Bobova vec") && !theirs.body.contains("Tajné"));
    assert_eq!(
        theirs.body.replace(&number, "N"),
        missing.body.replace("2020-999999", "N"),
        "B's request must look like no request"
    );
    let list = alice.get("/portal/requests").await;
    assert!(!list.body.contains(&number));

    let csrf = alice.csrf();
    let reply = alice
        .post(
            &format!("/portal/requests/{number}/reply"),
            &[("csrf", &csrf), ("body", "vmiešam sa")],
        )
        .await;
    assert_eq!(reply.status, 404);

    // Without a session, every customer page and form sends to the sign-in page, and no
    // form is acted on, even with a valid CSRF token.
    let mut anonymous = Browser::new(&app.base);
    anonymous.get("/portal/sign-in").await;
    let csrf = anonymous.csrf();
    let before = app.counts().await;
    for path in [
        "/portal/requests".to_string(),
        "/portal/requests/new".to_string(),
        format!("/portal/requests/{number}"),
        "/portal/profile".to_string(),
    ] {
        let p = anonymous.get(&path).await;
        assert_eq!(p.status, 303, "GET {path}");
        assert_eq!(p.location.as_deref(), Some("/portal/sign-in"), "GET {path}");
    }
    for path in [
        format!("/portal/requests/{number}/reply"),
        "/portal/profile/password".to_string(),
        "/portal/sign-out".to_string(),
        "/portal/sign-out-everywhere".to_string(),
    ] {
        let p = anonymous
            .post(&path, &[("csrf", &csrf), ("body", "x")])
            .await;
        assert_eq!(p.status, 303, "POST {path}");
        assert_eq!(
            p.location.as_deref(),
            Some("/portal/sign-in"),
            "POST {path}"
        );
    }
    let p = anonymous
        .post_multipart(
            "/portal/requests/new",
            &[("csrf", &csrf), ("subject", "S"), ("description", "D")],
        )
        .await;
    assert_eq!(p.location.as_deref(), Some("/portal/sign-in"));
    assert_eq!(app.counts().await, before);
}

async fn a_too_long_description_is_refused_and_kept(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_c, mut br) = contact_with_password(&app, "35697270", "olga@firma.sk").await;
    assert_eq!(
        sign_in(&mut br, "olga@firma.sk", PASSWORD).await.status,
        303
    );
    let before = app.counts().await;
    let text: String = "Dlhý popis. ".repeat(700).chars().take(8_001).collect();
    assert_eq!(text.chars().count(), 8_001);
    let refused = open_request(&mut br, "Príliš dlhé", &text).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("8\u{a0}001"),
        "{}",
        &refused.body[..2000]
    );
    assert!(refused.body.contains(&text), "the typed text is kept");
    assert!(refused.body.contains("value=\"Príliš dlhé\""));
    assert_eq!(
        app.counts().await,
        before,
        "a refused request wrote something"
    );
}

/// The text of the newest queued mail of a purpose.
async fn queued_text(app: &TestApp, purpose: &str) -> (String, String) {
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

async fn staff_invite_a_contact_and_an_organization_by_mail(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (org, contact, _asset) = app.customer("35697270", "mila@firma.sk").await;

    let r = app
        .post(&format!("/api/v1/contacts/{contact}/invite"), json!({}))
        .await;
    assert_eq!(r.status, 202, "{}", r.body);
    assert_eq!(r.body["email"], "mila@firma.sk");
    let (to, text) = queued_text(&app, "portal_invite").await;
    assert_eq!(to, "mila@firma.sk");
    assert!(text.contains("platí 7 dní"), "{text}");
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/portal/password/"))
        .expect("a link in the mail");
    let path = &link[link.find("/portal/").unwrap()..];
    let mut br = Browser::new(&app.base);
    assert_eq!(br.get(path).await.status, 200);
    let csrf = br.csrf();
    let set = br
        .post(path, &[("csrf", &csrf), ("password", PASSWORD)])
        .await;
    assert_eq!(set.status, 303, "{}", set.body);
    assert_eq!(
        sign_in(&mut br, "mila@firma.sk", PASSWORD).await.status,
        303
    );
    let created = open_request(&mut br, "Kontakt", "Od kontaktu").await;
    let contacts_number = number_in(&created.body);

    // The organization account: invited at an address staff give, signs in by IČO.
    let r = app
        .post(
            &format!("/api/v1/organizations/{org}/invite"),
            json!({"email": "uctaren@firma.sk"}),
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.body);
    let (to, text) = queued_text(&app, "portal_invite").await;
    assert_eq!(to, "uctaren@firma.sk");
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/portal/password/"))
        .unwrap();
    let path = &link[link.find("/portal/").unwrap()..];
    let mut office = Browser::new(&app.base);
    office.get(path).await;
    let csrf = office.csrf();
    office
        .post(path, &[("csrf", &csrf), ("password", PASSWORD)])
        .await;
    office.get("/portal/sign-in").await;
    let csrf = office.csrf();
    let signed = office
        .post(
            "/portal/sign-in",
            &[
                ("csrf", &csrf),
                ("kind", "organization"),
                ("login", "356 972 70"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    // It sees its organization's requests, and names the contact for a new one.
    let list = office.get("/portal/requests").await;
    assert!(list.body.contains(&contacts_number), "{}", list.body);
    let form = office.get("/portal/requests/new").await;
    assert!(
        form.body
            .contains("name=\"email\" type=\"email\" value=\"\" required")
    );
    let csrf = office.csrf();
    let created = office
        .post_multipart(
            "/portal/requests/new",
            &[
                ("csrf", &csrf),
                ("subject", "Za Milu"),
                ("description", "Píše účtáreň"),
                ("email", "mila@firma.sk"),
            ],
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let t = app
        .get(&format!("/api/v1/tickets/{}", number_in(&created.body)))
        .await;
    assert_eq!(t.body["requester_id"], contact);

    // An organization key cannot invite anyone.
    let key = podpora_app::actor::issue_org_key(&app.app.db, &Actor::Cli, org, "k")
        .await
        .unwrap();
    let r = app
        .call_as(
            Some(&key),
            reqwest::Method::POST,
            &format!("/api/v1/contacts/{contact}/invite"),
            Some(json!({})),
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
}

async fn outbox_count(app: &TestApp, purpose: &str) -> i64 {
    let mut tx = app.app.db.read().await.unwrap();
    podpora_store::on_tx!(&mut tx, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE purpose = $1")
        .bind(purpose).fetch_one(c).await)
    .unwrap()
}

async fn a_contact_resets_a_forgotten_password_by_mail(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_c, mut br) = contact_with_password(&app, "35697270", "zabudla@firma.sk").await;
    br.get("/portal/password-reset").await;
    let csrf = br.csrf();
    let unknown = br
        .post(
            "/portal/password-reset",
            &[("csrf", &csrf), ("email", "nikto@nikde.sk")],
        )
        .await;
    let known = br
        .post(
            "/portal/password-reset",
            &[("csrf", &csrf), ("email", "zabudla@firma.sk")],
        )
        .await;
    assert_eq!(unknown.status, 200);
    assert_eq!(
        unknown.body, known.body,
        "the answer must not tell whether an address is registered"
    );
    assert_eq!(outbox_count(&app, "portal_reset").await, 1);
    let (to, text) = queued_text(&app, "portal_reset").await;
    assert_eq!(to, "zabudla@firma.sk");
    assert!(text.contains("platí 60 minút"), "{text}");
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/portal/password/"))
        .unwrap();
    let path = &link[link.find("/portal/").unwrap()..];
    br.get(path).await;
    let csrf = br.csrf();
    let set = br
        .post(path, &[("csrf", &csrf), ("password", "nove-heslo-99")])
        .await;
    assert_eq!(set.status, 303, "{}", set.body);
    assert_eq!(
        sign_in(&mut br, "zabudla@firma.sk", PASSWORD).await.status,
        422
    );
    assert_eq!(
        sign_in(&mut br, "zabudla@firma.sk", "nove-heslo-99")
            .await
            .status,
        303
    );
    // Asking again and again sends at most three mails in a quarter of an hour.
    for _ in 0..4 {
        br.post(
            "/portal/password-reset",
            &[("csrf", &csrf), ("email", "zabudla@firma.sk")],
        )
        .await;
    }
    assert_eq!(outbox_count(&app, "portal_reset").await, 3);
}

async fn signing_out_everywhere_ends_every_session(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_c, mut phone) = contact_with_password(&app, "35697270", "dva@firma.sk").await;
    let mut laptop = Browser::new(&app.base);
    assert_eq!(
        sign_in(&mut phone, "dva@firma.sk", PASSWORD).await.status,
        303
    );
    assert_eq!(
        sign_in(&mut laptop, "dva@firma.sk", PASSWORD).await.status,
        303
    );
    assert_eq!(laptop.get("/portal/requests").await.status, 200);
    let csrf = phone.csrf();
    let out = phone
        .post("/portal/sign-out-everywhere", &[("csrf", &csrf)])
        .await;
    assert_eq!(out.status, 303);
    let laptop_after = laptop.get("/portal/requests").await;
    assert_eq!(laptop_after.location.as_deref(), Some("/portal/sign-in"));
    assert_eq!(phone.get("/portal/requests").await.status, 303);
}

/// the customer's answer from the portal is an article by that contact and resumes a
/// ticket that waits for the customer, with the reason in its history.
async fn a_portal_reply_resumes_a_ticket_waiting_for_the_customer(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (contact, mut br) = contact_with_password(&app, "35697270", "jan@firma.sk").await;
    assert_eq!(sign_in(&mut br, "jan@firma.sk", PASSWORD).await.status, 303);
    let created = open_request(&mut br, "Ústredňa", "Nevolá von.").await;
    let number = number_in(&created.body);
    resolve(&app, &number, &["in_progress", "waiting_for_customer"]).await;
    let csrf = br.csrf();
    let answered = br
        .post(
            &format!("/portal/requests/{number}/reply"),
            &[("csrf", &csrf), ("body", "Posielam sériové číslo: PBX-1.")],
        )
        .await;
    assert_eq!(answered.status, 303, "{}", answered.body);
    let t = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(t.body["status"], "in_progress", "{}", t.body);
    let last = t.body["articles"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["author_contact_id"], contact);
    let history = app.history_of(&number, "status").await;
    let resumed = history.last().expect("a status change");
    assert_eq!(resumed["old_value"], "waiting_for_customer");
    assert_eq!(resumed["new_value"], "in_progress");
}

use access::every_portal_route_answers_every_caller_as_the_table_says;

/// Pages, styles and scripts travel compressed to a browser that accepts it, each well under
/// 100 KB.
async fn pages_are_compressed_and_small(b: Backend) {
    let app = TestApp::spawn(b).await;
    let client = reqwest::Client::new();
    let page = client
        .get(format!("{}/portal/sign-in", app.base))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(page.headers()["content-encoding"], "gzip");
    let html = page.bytes().await.unwrap();
    assert!(html.len() < 100 * 1024, "{} bytes", html.len());
    let plain = client
        .get(format!("{}/portal/sign-in", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.len() < plain.len(), "gzip makes it smaller");
    // minijinja writes `/` in attributes as `&#x2f;`.
    let plain = plain.replace("&#x2f;", "/");
    let style = plain
        .split('"')
        .find(|s| s.starts_with("/static/") && s.ends_with(".css"))
        .expect("a stylesheet link");
    let css = client
        .get(format!("{}{style}", app.base))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(css.status(), 200);
    assert_eq!(css.headers()["content-encoding"], "gzip");
    assert!(css.bytes().await.unwrap().len() < 100 * 1024);
}

use account_requests::a_visitor_asks_for_an_account_and_no_ticket_is_opened;

on_both!(
    pages_are_compressed_and_small,
    every_portal_route_answers_every_caller_as_the_table_says,
    a_portal_reply_resumes_a_ticket_waiting_for_the_customer,
    signing_out_everywhere_ends_every_session,
    a_contact_resets_a_forgotten_password_by_mail,
    staff_invite_a_contact_and_an_organization_by_mail,
    a_contact_signs_in_and_opens_a_request,
    the_fifth_wrong_password_locks_the_account,
    a_form_without_the_csrf_token_is_refused,
    a_contact_cannot_open_another_contacts_request,
    a_too_long_description_is_refused_and_kept,
    a_visitor_asks_for_an_account_and_no_ticket_is_opened,
);
