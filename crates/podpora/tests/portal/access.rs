//! Who may open which portal page: every customer route × a visitor without a session, the
//! contact who asked, another contact of the same organization, the organization's account and
//! a contact of another organization. A request is visible to the contact who asked and to the
//! organization's account; to anyone else it looks exactly like a request that does not exist,
//! and no refused form writes anything.

use crate::helpers::TestApp;
use crate::{PASSWORD, browser::Browser, contact_with_password, number_in, open_request, sign_in};
use podpora_app::{Actor, portal};
use podpora_testkit::Backend;
use serde_json::json;

/// Callers, in the order of the table's columns.
const CALLERS: [&str; 5] = ["visitor", "asker", "colleague", "organization", "stranger"];

/// `METHOD path | visitor asker colleague organization stranger`: the status each gets.
/// `{n}` is the asker's request (open, so "solved" is refused with 422 where it is visible),
/// `{m}` the stranger's. Forms carry the colleague as `contact_id`: only the asker may share
/// `{n}` with them, after which the colleague sees it; nobody of A may share or see `{m}`.
const TABLE: &str = "
GET /portal/requests | 303 200 200 200 200
GET /portal/requests/new | 303 200 200 200 200
GET /portal/requests/{n} | 303 200 404 200 404
GET /portal/requests/{m} | 303 404 404 404 200
POST /portal/requests/{n}/reply | 303 303 404 303 404
POST /portal/requests/{m}/reply | 303 404 404 404 303
POST /portal/requests/{n}/solved | 303 422 404 422 404
POST /portal/requests/{n}/not-solved | 303 422 404 422 404
GET /portal/profile | 303 200 200 200 200
GET /portal/plan | 303 200 200 200 200
POST /portal/requests/{m}/share | 303 404 404 404 404
POST /portal/requests/{n}/share | 303 303 404 404 404
GET /portal/requests/{n} | 303 200 200 200 404
GET /portal/requests | 303 200 200 200 200
POST /portal/requests/{n}/reply | 303 303 303 303 404
GET /portal/address/ppa_0000 | 404 404 404 404 404
";

pub(crate) async fn every_portal_route_answers_every_caller_as_the_table_says(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (asker_id, mut asker) = contact_with_password(&app, "35697270", "asker@firma.sk").await;
    let org = app.get(&format!("/api/v1/contacts/{asker_id}")).await.body["organization_id"]
        .as_i64()
        .unwrap();
    // A colleague: another contact of the same organization, with a password.
    let c = app
        .post(
            "/api/v1/contacts",
            json!({"organization_id": org, "name": "Kolega", "emails": ["kolega@firma.sk"]}),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.body);
    let colleague_id = c.body["id"].as_i64().unwrap();
    let mut colleague = with_link(&app, Some(colleague_id), None).await;
    let mut organization = with_link(&app, None, Some(org)).await;
    let (stranger_id, mut stranger) = contact_with_password(&app, "36631124", "cudzi@ina.sk").await;

    assert_eq!(
        sign_in(&mut asker, "asker@firma.sk", PASSWORD).await.status,
        303
    );
    assert_eq!(
        sign_in(&mut colleague, "kolega@firma.sk", PASSWORD)
            .await
            .status,
        303
    );
    assert_eq!(
        sign_in(&mut stranger, "cudzi@ina.sk", PASSWORD)
            .await
            .status,
        303
    );
    organization.get("/portal/sign-in").await;
    let csrf = organization.csrf();
    let signed = organization
        .post(
            "/portal/sign-in",
            &[
                ("csrf", &csrf),
                ("kind", "organization"),
                ("login", "35697270"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(signed.status, 303, "{}", signed.body);

    let created = open_request(&mut asker, "Moja vec", "Podrobnosti len pre nás").await;
    let number = number_in(&created.body);
    let theirs = open_request(&mut stranger, "Cudzia vec", "Tajomstvo firmy B").await;
    let their_number = number_in(&theirs.body);
    let colleague_field = colleague_id.to_string();
    let mut shared = false;
    let mut visitor = Browser::new(&app.base);
    visitor.get("/portal/sign-in").await;

    let mut browsers = [visitor, asker, colleague, organization, stranger];
    let mut wrong = Vec::new();
    for line in TABLE.lines().filter(|l| !l.trim().is_empty()) {
        let (op, cells) = line.split_once('|').unwrap();
        let (method, path) = op.trim().split_once(' ').unwrap();
        let path = path.replace("{n}", &number).replace("{m}", &their_number);
        let expected: Vec<u16> = cells
            .split_whitespace()
            .map(|c| c.parse().unwrap())
            .collect();
        for (i, br) in browsers.iter_mut().enumerate() {
            let before = app.counts().await;
            let page = if method == "GET" {
                br.get(&path).await
            } else {
                let csrf = br.csrf();
                br.post(
                    &path,
                    &[
                        ("csrf", &csrf),
                        ("body", "doplnenie"),
                        ("contact_id", &colleague_field),
                        ("on", "1"),
                    ],
                )
                .await
            };
            let got = page.status.as_u16();
            if got != expected[i] {
                wrong.push(format!(
                    "{method} {path} as {}: got {got}, expected {}",
                    CALLERS[i], expected[i]
                ));
            }
            if got >= 400 || got == 303 && page.location.as_deref() == Some("/portal/sign-in") {
                assert_eq!(
                    app.counts().await,
                    before,
                    "{method} {path} as {}: a refusal wrote",
                    CALLERS[i]
                );
            }
            if got == 200 && method == "GET" && path.ends_with("/portal/requests") {
                let sees = page.body.contains(&number);
                let should = matches!(CALLERS[i], "asker" | "organization")
                    || shared && CALLERS[i] == "colleague";
                let sees_theirs = page.body.contains(&their_number);
                if sees_theirs != (CALLERS[i] == "stranger") {
                    wrong.push(format!(
                        "the list of {} shows B's request: {sees_theirs}",
                        CALLERS[i]
                    ));
                }
                if sees != should {
                    wrong.push(format!(
                        "the list of {} shows the request: {sees}",
                        CALLERS[i]
                    ));
                }
            }
            if got == 404 {
                assert!(
                    !page.body.contains("Podrobnosti") && !page.body.contains("Tajomstvo"),
                    "{path} leaked to {}",
                    CALLERS[i]
                );
            }
            if got == 200 && CALLERS[i] != "stranger" {
                assert!(
                    !page.body.contains("Tajomstvo") && !page.body.contains("cudzi@ina.sk"),
                    "{path} shows B's data to {}",
                    CALLERS[i]
                );
            }
            if path.ends_with("/share") && CALLERS[i] == "asker" && got == 303 {
                shared = true;
            }
        }
    }
    // A's request cannot be shared with B's contact: the parameter names no colleague.
    let before = app.counts().await;
    let asker = &mut browsers[1];
    let csrf = asker.csrf();
    let to_b = asker
        .post(
            &format!("/portal/requests/{number}/share"),
            &[
                ("csrf", &csrf),
                ("contact_id", &stranger_id.to_string()),
                ("on", "1"),
            ],
        )
        .await;
    assert_eq!(to_b.status, 404);
    assert_eq!(app.counts().await, before);
    assert_eq!(
        browsers[4]
            .get(&format!("/portal/requests/{number}"))
            .await
            .status,
        404
    );
    assert!(
        wrong.is_empty(),
        "{} answers differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// A browser for a contact or an organization account whose password was set from a link.
async fn with_link(app: &TestApp, contact: Option<i64>, org: Option<i64>) -> Browser {
    let token = portal::issue_link(
        &app.app,
        &Actor::Cli,
        contact,
        org,
        portal::LinkPurpose::Invite,
    )
    .await
    .unwrap();
    let mut b = Browser::new(&app.base);
    b.get(&format!("/portal/password/{token}")).await;
    let csrf = b.csrf();
    let set = b
        .post(
            &format!("/portal/password/{token}"),
            &[("csrf", &csrf), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(set.status, 303, "{}", set.body);
    b
}
