//! Who may open which workspace page: every workspace route × a visitor without a session, a
//! customer signed in to the portal, and an agent of each role. Anonymous visitors and
//! customers are sent to the staff sign-in; a role that may not do something gets 403 whether
//! it followed a link or posted a form directly, and a refusal writes nothing.

use crate::helpers::TestApp;
use crate::{Browser, signed_in};
use podpora_app::{Actor, portal};

/// Callers, in the order of the table's columns.
const CALLERS: [&str; 6] = [
    "anonymous",
    "customer",
    "admin",
    "dispatcher",
    "technician",
    "billing",
];

/// `METHOD path | anonymous customer admin dispatcher technician billing`: the status each
/// gets. Sign-out comes last, as it ends the session.
const TABLE: &str = "
GET /desk | 303 303 303 303 303 303
GET /desk/queue | 303 303 200 200 200 200
GET /desk/queue/live | 303 303 200 200 200 200
GET /desk/profile | 303 303 200 200 200 200
POST /desk/profile | 303 303 303 303 303 303
POST /desk/profile/totp | 303 303 200 200 200 200
GET /desk/tickets/{n} | 303 303 200 200 404 200
POST /desk/tickets/{n}/articles | 303 303 303 303 404 403
POST /desk/tickets/{n} | 303 303 303 303 404 403
POST /desk/tickets/{n}/answer | 303 303 422 422 404 403
POST /desk/tickets/{n}/out-of-scope | 303 303 422 422 404 403
GET /desk/tickets/2020-999999 | 303 303 404 404 404 404
GET /desk/no-such-page | 303 303 404 404 404 404
GET /desk/search?q=pristup | 303 303 200 200 200 200
POST /desk/tickets/{n}/links | 303 303 422 422 404 403
POST /desk/tickets/{n}/links/remove | 303 303 404 404 404 403
POST /desk/tickets/{n}/merge | 303 303 422 422 404 403
GET /desk/files/999999 | 303 303 404 404 404 404
GET /desk/articles/999999/original | 303 303 404 404 404 404
POST /desk/queue/views | 303 303 422 422 422 422
POST /desk/queue/views/999999/delete | 303 303 404 404 404 404
POST /desk/payments/entries/999999/decision | 303 303 422 403 403 422
GET /desk/payments/decided | 303 303 200 403 403 200
GET /desk/payments/accounting-payments.csv?from=2026-01-01 | 303 303 200 403 403 200
POST /desk/sign-out | 303 303 303 303 303 303
";

/// Fields every posted form gets; each handler reads the ones it needs.
const FIELDS: [(&str, &str); 4] = [
    ("kind", "note"),
    ("language", "sk"),
    ("time_zone", "Europe/Bratislava"),
    ("body", "Doplnenie"),
];

/// A browser with a portal session of a new contact.
async fn customer(app: &TestApp) -> (i64, Browser) {
    let (_org, contact, _asset) = app.customer("35697270", "zakaznik@firma.sk").await;
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
    b.get(&format!("/portal/password/{token}")).await;
    let csrf = b.csrf();
    let path = format!("/portal/password/{token}");
    b.post(&path, &[("csrf", &csrf), ("password", crate::PASSWORD)])
        .await;
    b.get("/portal/sign-in").await;
    let csrf = b.csrf();
    let signed = b
        .post(
            "/portal/sign-in",
            &[
                ("csrf", &csrf),
                ("kind", "contact"),
                ("login", "zakaznik@firma.sk"),
                ("password", crate::PASSWORD),
            ],
        )
        .await;
    assert_eq!(signed.status, 303, "{}", signed.body);
    (contact, b)
}

pub(crate) async fn every_workspace_route_answers_every_caller_as_the_table_says(
    b: podpora_testkit::Backend,
) {
    let app = TestApp::spawn(b).await;
    let mut anonymous = Browser::new(&app.base);
    anonymous.get("/desk/sign-in").await;
    let (contact, customer) = customer(&app).await;
    let admin = signed_in(&app, "admin@podpora.example", &["admin"]).await;
    let dispatcher = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    let technician = signed_in(&app, "technik@podpora.example", &["technician"]).await;
    let billing = signed_in(&app, "fakturacia@podpora.example", &["billing"]).await;
    let mut browsers = [anonymous, customer, admin, dispatcher, technician, billing];
    // A request of the customer, in no team and assigned to nobody: a technician does not see it.
    let number = crate::ticket(&app, contact, "Prístup", "normal").await;

    let mut wrong = Vec::new();
    for line in TABLE.lines().filter(|l| !l.trim().is_empty()) {
        let (op, cells) = line.split_once('|').unwrap();
        let (method, path) = op.trim().split_once(' ').unwrap();
        let path = path.replace("{n}", &number);
        let path = path.as_str();
        let expected: Vec<u16> = cells
            .split_whitespace()
            .map(|c| c.parse().unwrap())
            .collect();
        assert_eq!(expected.len(), CALLERS.len(), "{line}");
        for (i, br) in browsers.iter_mut().enumerate() {
            let before = app.counts().await;
            let page = if method == "GET" {
                br.get(path).await
            } else {
                let csrf = br.csrf();
                let mut fields = vec![("csrf", csrf.as_str())];
                fields.extend(FIELDS);
                br.post(path, &fields).await
            };
            let got = page.status.as_u16();
            if got != expected[i] {
                wrong.push(format!(
                    "{method} {path} as {}: got {got}, expected {}",
                    CALLERS[i], expected[i]
                ));
            }
            let sent_to_sign_in = page.location.as_deref() == Some("/desk/sign-in");
            if i < 2 && !sent_to_sign_in {
                wrong.push(format!(
                    "{method} {path} as {}: not sent to the staff sign-in but to {:?}",
                    CALLERS[i], page.location
                ));
            }
            if got >= 400 || sent_to_sign_in {
                assert_eq!(
                    app.counts().await,
                    before,
                    "{method} {path} as {}: a refusal wrote",
                    CALLERS[i]
                );
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} answers differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
