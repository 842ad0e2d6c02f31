//! Account requests in the workspace: a dispatcher approves one, which creates the
//! contact in the organization and queues the portal invitation in the requester's language;
//! a declined request cannot be approved afterwards. Both decisions are in the audit history.

use crate::helpers::TestApp;
use crate::signed_in;
use podpora_app::account_requests::{self, Ask, Asked};
use podpora_core::Language;
use podpora_testkit::Backend;
use serde_json::json;

async fn asked(app: &TestApp, email: &str) -> i64 {
    let ask = Ask {
        company_id: "35697270".into(),
        email: email.into(),
        name: "Eva Nová".into(),
        language: Language::Cs,
    };
    let r = account_requests::ask(&app.app, &ask, "127.0.0.9")
        .await
        .unwrap();
    assert_eq!(r, Asked::Waiting);
    let mut tx = app.app.db.read().await.unwrap();
    podpora_store::on_tx!(&mut tx, c => sqlx::query_scalar(
        "SELECT id FROM account_requests WHERE email = $1").bind(email).fetch_one(c).await)
    .unwrap()
}

async fn scalar(app: &TestApp, sql: &'static str, bind: &str) -> i64 {
    let mut tx = app.app.db.read().await.unwrap();
    podpora_store::on_tx!(&mut tx, c => sqlx::query_scalar(sql).bind(bind).fetch_one(c).await)
        .unwrap()
}

pub(crate) async fn a_dispatcher_approves_an_account_request_and_the_contact_is_invited(
    b: Backend,
) {
    let app = TestApp::spawn(b).await;
    let o = app
        .post(
            "/api/v1/organizations",
            json!({"name": "Firma Nová", "country": "SK", "ico": "35697270"}),
        )
        .await;
    assert_eq!(o.status, 201, "{}", o.body);
    let org = o.body["id"].as_i64().unwrap();
    let yes = asked(&app, "eva@nova.sk").await;
    let no = asked(&app, "petr@nova.sk").await;

    let (mut br, _) = signed_in(&app, "dispecer@podpora.sk", &["dispatcher"]).await;
    let index = br.get("/desk/config").await;
    assert!(
        index.body.contains("/desk/config/account-requests"),
        "{}",
        index.body
    );
    let list = br.get("/desk/config/account-requests").await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.body.contains("eva@nova.sk") && list.body.contains("Firma Nová"));
    let csrf = br.csrf();

    let ok = br
        .post(
            &format!("/desk/config/account-requests/{yes}/approve"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    let c = scalar(
        &app,
        "SELECT c.organization_id FROM contacts c JOIN contact_emails e ON e.contact_id = c.id WHERE e.email = $1",
        "eva@nova.sk",
    )
    .await;
    assert_eq!(c, org);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE purpose = 'portal_invite' AND recipient = $1",
            "eva@nova.sk"
        )
        .await,
        1
    );
    let lang: String = {
        let mut tx = app.app.db.read().await.unwrap();
        podpora_store::on_tx!(&mut tx, c => sqlx::query_scalar(
            "SELECT c.language FROM contacts c JOIN contact_emails e ON e.contact_id = c.id WHERE e.email = 'eva@nova.sk'")
            .fetch_one(c).await)
        .unwrap()
    };
    assert_eq!(lang, "cs");

    // A decline needs a reason; with one it is recorded, and the request is not approved later.
    let empty = br
        .post(
            &format!("/desk/config/account-requests/{no}/decline"),
            &[("csrf", &csrf), ("reason", "")],
        )
        .await;
    assert_eq!(empty.status, 422, "{}", empty.body);
    let declined = br
        .post(
            &format!("/desk/config/account-requests/{no}/decline"),
            &[("csrf", &csrf), ("reason", "nie je zamestnanec firmy")],
        )
        .await;
    assert_eq!(declined.status, 303, "{}", declined.body);
    let late = br
        .post(
            &format!("/desk/config/account-requests/{no}/approve"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(late.status, 422, "{}", late.body);
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM contact_emails WHERE email = $1",
            "petr@nova.sk"
        )
        .await,
        0
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE recipient = $1",
            "petr@nova.sk"
        )
        .await,
        0
    );
    let left = br.get("/desk/config/account-requests").await;
    assert!(!left.body.contains("eva@nova.sk") && !left.body.contains("petr@nova.sk"));

    // Both decisions are in the audit history, with the decline's reason.
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE entity = $1",
            "account_request"
        )
        .await,
        2
    );
}
