//! Who may open and post to which configuration page: every configuration route × a visitor
//! without a session, a customer signed in to the portal, and an agent of each role.
//! Customers' pages are for administrators and dispatchers, the rest for administrators only;
//! technicians and billing staff get no link and a 403 on a direct request, which writes
//! nothing. Posted forms here are empty, so an allowed post is refused by the use case (422).

use crate::helpers::TestApp;
use crate::{Browser, signed_in};
use podpora_app::{Actor, portal};
use serde_json::json;

const CALLERS: [&str; 6] = [
    "anonymous",
    "customer",
    "admin",
    "dispatcher",
    "technician",
    "billing",
];

/// `METHOD path | anonymous customer admin dispatcher technician billing`; `{org}` and the
/// like stand for records the test creates.
const TABLE: &str = "
GET /desk/config | 303 303 200 200 403 403
GET /desk/config/organizations | 303 303 200 200 403 403
POST /desk/config/organizations | 303 303 422 422 403 403
GET /desk/config/organizations/new | 303 303 200 200 403 403
GET /desk/config/organizations/{org} | 303 303 200 200 403 403
POST /desk/config/organizations/{org} | 303 303 422 422 403 403
GET /desk/config/organizations/{org}/edit | 303 303 200 200 403 403
GET /desk/config/organizations/999999 | 303 303 404 404 403 403
GET /desk/config/contacts | 303 303 200 200 403 403
POST /desk/config/contacts | 303 303 422 422 403 403
GET /desk/config/contacts/new | 303 303 200 200 403 403
GET /desk/config/contacts/{contact} | 303 303 200 200 403 403
POST /desk/config/contacts/{contact} | 303 303 422 422 403 403
GET /desk/config/contacts/{contact}/edit | 303 303 200 200 403 403
POST /desk/config/contacts/999999/invite | 303 303 404 404 403 403
GET /desk/config/agents | 303 303 200 403 403 403
POST /desk/config/agents | 303 303 422 403 403 403
GET /desk/config/agents/new | 303 303 200 403 403 403
GET /desk/config/agents/{agent} | 303 303 200 403 403 403
POST /desk/config/agents/{agent} | 303 303 422 403 403 403
GET /desk/config/teams | 303 303 200 403 403 403
POST /desk/config/teams | 303 303 422 403 403 403
GET /desk/config/teams/new | 303 303 200 403 403 403
GET /desk/config/teams/{team} | 303 303 200 403 403 403
POST /desk/config/teams/{team} | 303 303 422 403 403 403
GET /desk/config/calendars | 303 303 200 403 403 403
POST /desk/config/calendars | 303 303 422 403 403 403
GET /desk/config/calendars/new | 303 303 200 403 403 403
GET /desk/config/calendars/{calendar} | 303 303 200 403 403 403
POST /desk/config/calendars/{calendar} | 303 303 422 403 403 403
GET /desk/config/calendars/{calendar}/edit | 303 303 200 403 403 403
GET /desk/config/plans | 303 303 200 403 403 403
GET /desk/config/sla-policies | 303 303 200 403 403 403
GET /desk/config/categories | 303 303 200 403 403 403
GET /desk/config/scope-items | 303 303 200 403 403 403
GET /desk/config/prepared-answers | 303 303 200 200 403 403
POST /desk/config/prepared-answers | 303 303 422 422 403 403
GET /desk/config/prepared-answers/new | 303 303 200 200 403 403
GET /desk/config/prepared-answers/{answer} | 303 303 200 200 403 403
POST /desk/config/prepared-answers/{answer} | 303 303 422 422 403 403
GET /desk/config/prepared-answers/{answer}/edit | 303 303 200 200 403 403
GET /desk/config/prepared-answers/999999 | 303 303 404 404 403 403
POST /desk/config/prepared-answers/999999/delete | 303 303 404 404 403 403
GET /desk/config/account-requests | 303 303 200 200 403 403
POST /desk/config/account-requests/999999/approve | 303 303 404 404 403 403
POST /desk/config/account-requests/999999/decline | 303 303 422 422 403 403
POST /desk/config/contacts/999999/portal-access?to=off | 303 303 404 404 403 403
GET /desk/config/assets | 303 303 200 403 403 403
POST /desk/config/assets | 303 303 422 403 403 403
GET /desk/config/assets/new | 303 303 200 403 403 403
GET /desk/config/assets/{asset} | 303 303 200 403 403 403
POST /desk/config/assets/{asset} | 303 303 422 403 403 403
GET /desk/config/assets/{asset}/edit | 303 303 200 403 403 403
GET /desk/config/assets/{asset}/rights | 303 303 200 403 403 403
POST /desk/config/assets/{asset}/rights | 303 303 422 403 403 403
POST /desk/config/assets/{asset}/rights/999999/revoke | 303 303 404 403 403 403
GET /desk/config/assets/999999 | 303 303 404 403 403 403
GET /desk/config/organizations/{org}/contracts | 303 303 200 403 403 403
POST /desk/config/organizations/{org}/contracts | 303 303 422 403 403 403
GET /desk/config/organizations/{org}/contracts/999999/end | 303 303 404 403 403 403
POST /desk/config/organizations/{org}/contracts/999999/end | 303 303 404 403 403 403
GET /desk/config/organizations/{org}/handover | 303 303 200 403 403 403
POST /desk/config/organizations/{org}/handover | 303 303 422 403 403 403
GET /desk/config/mail-templates | 303 303 200 403 403 403
GET /desk/config/mail-templates/confirmation.txt/sk | 303 303 200 403 403 403
POST /desk/config/mail-templates/confirmation.txt/sk | 303 303 422 403 403 403
GET /desk/config/mail-templates/confirmation.txt/xx | 303 303 404 403 403 403
GET /desk/config/mail-templates/nothing.txt/sk | 303 303 404 403 403 403
POST /desk/config/mail-templates/nothing.txt/sk/revert | 303 303 404 403 403 403
GET /desk/config/support-addresses | 303 303 200 403 403 403
POST /desk/config/support-addresses | 303 303 422 403 403 403
GET /desk/config/support-addresses/new | 303 303 200 403 403 403
GET /desk/config/support-addresses/999999 | 303 303 404 403 403 403
GET /desk/config/support-addresses/999999/edit | 303 303 404 403 403 403
POST /desk/config/support-addresses/999999 | 303 303 404 403 403 403
POST /desk/config/support-addresses/999999/delete | 303 303 404 403 403 403
";

/// A browser with a portal session of `contact` (an invitation accepted, then signed in).
async fn customer(app: &TestApp, contact: i64) -> Browser {
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
    let path = format!("/portal/password/{token}");
    b.get(&path).await;
    let csrf = b.csrf();
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
    b
}

pub(crate) async fn every_configuration_route_answers_every_caller_as_the_table_says(
    b: podpora_testkit::Backend,
) {
    let app = TestApp::spawn(b).await;
    let (org, contact, asset) = app.customer("35697270", "zakaznik@firma.sk").await;
    let team = app.post("/api/v1/teams", json!({"name": "Podpora"})).await;
    assert_eq!(team.status, 201, "{}", team.body);
    let cal = app
        .post(
            "/api/v1/calendars",
            json!({"name": "Kancelária", "time_zone": "Europe/Bratislava", "hours": "mon-fri 08:00-16:00", "holidays": "SK"}),
        )
        .await;
    assert_eq!(cal.status, 201, "{}", cal.body);
    let answer = app
        .post(
            "/api/v1/prepared-answers",
            json!({"name": "Pozdrav", "language": "sk", "body": "Dobrý deň {contact_name}."}),
        )
        .await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    let mut anonymous = Browser::new(&app.base);
    anonymous.get("/desk/sign-in").await;
    let customer = customer(&app, contact).await;
    let (admin, _) = signed_in(&app, "admin@podpora.example", &["admin"]).await;
    let (dispatcher, _) = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    let (technician, tech_id) = signed_in(&app, "technik@podpora.example", &["technician"]).await;
    let (billing, _) = signed_in(&app, "fakturacia@podpora.example", &["billing"]).await;
    let mut browsers = [anonymous, customer, admin, dispatcher, technician, billing];

    // The link is there for those who may follow it, and only for them.
    for (i, br) in browsers.iter_mut().enumerate().skip(2) {
        let queue = br.get("/desk/profile").await;
        let linked = queue.body.contains("href=\"/desk/config\"");
        assert_eq!(
            linked,
            i < 4,
            "{}: configuration link shown: {linked}",
            CALLERS[i]
        );
    }

    let ids = [
        ("{org}", org.to_string()),
        ("{contact}", contact.to_string()),
        ("{agent}", tech_id.to_string()),
        ("{team}", team.body["id"].to_string()),
        ("{calendar}", cal.body["id"].to_string()),
        ("{answer}", answer.body["id"].to_string()),
        ("{asset}", asset.to_string()),
    ];
    let mut wrong = Vec::new();
    for line in TABLE.lines().filter(|l| !l.trim().is_empty()) {
        let (op, cells) = line.split_once('|').unwrap();
        let (method, path) = op.trim().split_once(' ').unwrap();
        let path = ids
            .iter()
            .fold(path.to_string(), |p, (k, v)| p.replace(k, v));
        let expected: Vec<u16> = cells
            .split_whitespace()
            .map(|c| c.parse().unwrap())
            .collect();
        assert_eq!(expected.len(), CALLERS.len(), "{line}");
        for (i, br) in browsers.iter_mut().enumerate() {
            let before = app.counts().await;
            let page = if method == "GET" {
                br.get(&path).await
            } else {
                let csrf = br.csrf();
                br.post(&path, &[("csrf", &csrf)]).await
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
