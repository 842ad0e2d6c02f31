//! Asking for a portal account: a visitor gives the organization's company id, an
//! address and a name; refused input comes back with the reason next to its field, a valid
//! request waits for staff once however often it is sent, and no ticket is opened.

use crate::browser::Browser;
use crate::helpers::TestApp;
use podpora_testkit::Backend;
use serde_json::json;

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    let mut tx = app.app.db.read().await.unwrap();
    podpora_store::on_tx!(&mut tx, c => sqlx::query_scalar(sql).fetch_one(c).await).unwrap()
}

async fn ask(b: &mut Browser, company_id: &str, email: &str, name: &str) -> crate::browser::Page {
    let csrf = b.csrf();
    b.post(
        "/portal/account-request",
        &[
            ("csrf", &csrf),
            ("company_id", company_id),
            ("email", email),
            ("name", name),
        ],
    )
    .await
}

pub(crate) async fn a_visitor_asks_for_an_account_and_no_ticket_is_opened(b: Backend) {
    let app = TestApp::spawn(b).await;
    let o = app
        .post(
            "/api/v1/organizations",
            json!({"name": "Firma Nová", "country": "SK", "ico": "35697270"}),
        )
        .await;
    assert_eq!(o.status, 201, "{}", o.body);
    let tickets = count(&app, "SELECT COUNT(*) FROM tickets").await;

    let mut br = Browser::new(&app.base);
    let signin = br.get("/portal/sign-in").await;
    assert!(
        signin.body.contains("href=\"/portal/account-request\""),
        "{}",
        signin.body
    );
    let form = br.get("/portal/account-request").await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("<label for=\"company-id\">"));

    // A malformed company id (bad IČO check digit) is refused next to its field, input kept.
    let bad = ask(&mut br, "35697271", "eva@nova.sk", "Eva Nová").await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("id=\"company-id-error\""), "{}", bad.body);
    assert!(bad.body.contains("value=\"35697271\""));
    assert!(bad.body.contains("Eva Nová"));
    assert!(bad.body.contains("eva@nova.sk"));

    // A well-formed id no organization has is refused with its own reason.
    let unknown = ask(&mut br, "27082440", "eva@nova.sk", "Eva Nová").await;
    assert_eq!(unknown.status, 422, "{}", unknown.body);
    assert!(unknown.body.contains("id=\"company-id-error\""));
    assert_ne!(bad.body, unknown.body);

    // A malformed address is refused next to the e-mail field.
    let email = ask(&mut br, "35697270", "eva-at-nova", "Eva Nová").await;
    assert_eq!(email.status, 422, "{}", email.body);
    assert!(email.body.contains("id=\"email-error\""), "{}", email.body);
    assert!(!email.body.contains("id=\"company-id-error\""));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM account_requests").await,
        0
    );

    // A valid request (typed with spaces) is taken, once however often it is sent.
    let ok = ask(&mut br, "356 972 70", "Eva@Nova.sk", "Eva Nová").await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(ok.body.contains("id=\"asked\""), "{}", ok.body);
    let again = ask(&mut br, "35697270", "eva@nova.sk", "Eva Nová").await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM account_requests WHERE status = 'pending'"
        )
        .await,
        1
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM tickets").await, tickets);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM contacts").await, 0);

    // Without the form's token nothing is taken.
    let forged = br
        .post(
            "/portal/account-request",
            &[
                ("csrf", "forged"),
                ("company_id", "35697270"),
                ("email", "x@nova.sk"),
                ("name", "X"),
            ],
        )
        .await;
    assert_eq!(forged.status, 403, "{}", forged.body);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM account_requests").await,
        1
    );
}
