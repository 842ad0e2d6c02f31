//! The portal's help in a real browser (Debian's chromium through chromedriver): a customer
//! typing a new request is suggested the article that answers it, opens it, says it helped and
//! leaves, and the report counts one request avoided; a Polish reader finds the Polish text; an
//! article for premium customers is not there for a basic customer on any page; anyone reads
//! public articles without signing in; an agent puts a link to an article into a reply being
//! typed on the workspace's ticket page.

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
use serde_json::{Value, json};
use std::time::Duration;
use support::*;

const PASSWORD: &str = "heslo-1234";

async fn created(app: &TestApp, path: &str, body: Value) -> i64 {
    let r = app.post(path, body).await;
    assert_eq!(r.status, 201, "{path}: {}", r.body);
    r.body["id"].as_i64().expect("an id")
}

/// The texts of the suggestions shown, waiting for the first to appear.
async fn suggestions(c: &Client) -> Vec<String> {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#kb-suggestions-list li a"))
        .await
        .expect("suggestions appear while typing");
    let mut out = Vec::new();
    for a in c
        .find_all(Locator::Css("#kb-suggestions-list li a"))
        .await
        .expect("the suggestions")
    {
        out.push(a.text().await.expect("a title"));
    }
    out
}

/// A 1×1 PNG.
const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/// The natural width of the article's first picture once the browser has loaded it (0: it
/// did not load, e.g. refused or not found).
async fn image_width(c: &Client) -> i64 {
    for _ in 0..50 {
        let w = c
            .execute(
                "var i = document.querySelector('.kb-body img'); \
                 return i && i.complete ? i.naturalWidth : -1;",
                vec![],
            )
            .await
            .expect("the script runs");
        match w.as_i64() {
            Some(w) if w >= 0 => return w,
            _ => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    -1
}

async fn the_story(app: &TestApp, c: &Client) {
    let basic = created(app, "/api/v1/plans", json!({"code": "basic", "name": "Basic", "rank": 1,
        "monthly_price": {"amount_minor": 1000, "currency": "EUR"}, "channels": [{"channel": "email"}]})).await;
    let premium = created(app, "/api/v1/plans", json!({"code": "premium", "name": "Premium", "rank": 3,
        "monthly_price": {"amount_minor": 9000, "currency": "EUR"}, "channels": [{"channel": "email"}]})).await;
    let (org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let r = app
        .post(
            "/api/v1/contracts",
            json!({"organization_id": org, "plan_id": basic, "starts_on": "2026-01-01"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let printer = created(app, "/api/v1/kb/articles", json!({
        "category": "tlač", "visibility": "public",
        "translations": [
            {"language": "sk", "title": "Tlačiareň netlačí", "body": "1. Skontrolujte, či je tlačiareň zapnutá.\n2. Pozrite si [video návod](https://video.example/tlac).", "publish": true},
            {"language": "pl", "title": "Drukarka nie drukuje", "body": "Sprawdź, czy drukarka jest włączona.", "publish": true},
        ]})).await;
    created(app, "/api/v1/kb/articles", json!({"visibility": "public", "translations": [
        {"language": "sk", "title": "Nefunguje internet", "body": "Reštartujte smerovač.", "publish": true}]})).await;
    created(app, "/api/v1/kb/articles", json!({"visibility": "customers", "translations": [
        {"language": "sk", "title": "Faktúry v portáli", "body": "Ak tlač faktúry nefunguje, stiahnite PDF.", "publish": true}]})).await;
    let secret = created(app, "/api/v1/kb/articles", json!({"visibility": "plans", "plan_ids": [premium], "translations": [
        {"language": "sk", "title": "Prémiový návod: tlačiareň v sieti", "body": "Zdieľanie tlačiarne pre balík premium.", "publish": true}]})).await;

    // The premium guide has a picture too, for its readers only.
    let r = app
        .post(
            &format!("/api/v1/kb/articles/{secret}/files"),
            json!({"filename": "siet.png", "content_type": "image/png", "content_base64": PNG}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let secret_picture = r.body["url"].as_str().expect("its address").to_string();
    // An editor adds a picture to the Slovak text.
    let r = app
        .post(
            &format!("/api/v1/kb/articles/{printer}/files"),
            json!({"filename": "schema.png", "content_type": "image/png", "content_base64": PNG}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let snippet = r.body["markdown"]
        .as_str()
        .expect("the Markdown")
        .to_string();
    let r = app
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/kb/articles/{printer}/texts/sk"),
            Some(json!({"language": "sk", "title": "Tlačiareň netlačí",
                "body": format!("1. Skontrolujte, či je tlačiareň zapnutá.\n2. Pozrite si [video návod](https://video.example/tlac).\n\n{snippet}")})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);

    // Anyone reads a public article without signing in, its picture included.
    c.goto(&format!("{}/portal/help/{printer}", app.base))
        .await
        .expect("opens");
    wait_for_text(c, "h1", "Tlačiareň netlačí").await;
    assert!(
        image_width(c).await > 0,
        "the picture shows without signing in"
    );
    shoot(c, "help-article-anonymous").await;
    c.goto(&format!("{}/portal/help/{secret}", app.base))
        .await
        .expect("opens");
    wait_for_text(c, "h1", "Nenájdené").await;
    c.goto(&format!("{}{secret_picture}", app.base))
        .await
        .expect("opens");
    wait_for_text(c, "h1", "Nenájdené").await;

    // The customer signs in.
    let token = portal::issue_link(
        &app.app,
        &Actor::Cli,
        Some(contact),
        None,
        portal::LinkPurpose::Invite,
    )
    .await
    .expect("an invitation link");
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

    // Typing a new request, the customer is suggested the article among the first three.
    c.goto(&format!("{}/portal/requests/new", app.base))
        .await
        .expect("opens");
    fill(c, "#subject", "nefunguje tlaciaren").await;
    let shown = suggestions(c).await;
    assert!(
        shown.iter().take(3).any(|t| t == "Tlačiareň netlačí"),
        "suggested: {shown:?}"
    );
    assert!(
        !shown.iter().any(|t| t.starts_with("Prémiový")),
        "no premium article: {shown:?}"
    );
    shoot(c, "new-request-suggestions").await;

    // Opens it, says it helped, and leaves without sending the request.
    let link = c
        .find(Locator::XPath(
            "//ul[@id='kb-suggestions-list']//a[text()='Tlačiareň netlačí']",
        ))
        .await
        .expect("the suggested link");
    link.click().await.expect("clicked");
    wait_for_text(c, "h1", "Tlačiareň netlačí").await;
    assert!(text_of(c, ".kb-body").await.contains("video návod"));
    assert!(image_width(c).await > 0, "the customer sees the picture");
    shoot(c, "help-article").await;
    click(c, "form.kb-vote button[value=yes]").await;
    wait_for_text(c, "p.notice", "Ďakujeme za odpoveď.").await;
    // A second click on "it helped" changes nothing: one answer per reader.
    c.goto(&format!("{}/portal/help/{printer}", app.base))
        .await
        .expect("opens");
    click(c, "form.kb-vote button[value=yes]").await;
    wait_for_text(c, "p.notice", "Ďakujeme za odpoveď.").await;
    c.goto(&format!("{}/portal/requests", app.base))
        .await
        .expect("opens");
    wait_for_text(c, "h1", "Moje požiadavky").await;
    let month = jiff::Timestamp::now().strftime("%Y-%m").to_string();
    let report = app
        .get(&format!("/api/v1/kb/report?from={month}&to={month}"))
        .await;
    assert_eq!(report.status, 200, "{}", report.body);
    let sk = report.body["lines"]
        .as_array()
        .expect("lines")
        .iter()
        .find(|l| l["language"] == "sk")
        .cloned()
        .unwrap_or_else(|| panic!("a Slovak line: {}", report.body));
    assert_eq!(sk["requests_avoided"], 1, "{sk}");
    assert_eq!(sk["helpful"], 1, "two clicks, one answer: {sk}");

    // The premium article is on no page for this basic customer.
    c.goto(&format!(
        "{}/portal/help?q={}",
        app.base, "tla%C4%8Diare%C5%88%20v%20sieti"
    ))
    .await
    .expect("opens");
    wait_for_text(c, "h1", "Pomoc a návody").await;
    assert!(!text_of(c, "main").await.contains("Prémiový"));
    shoot(c, "help-search").await;
    c.goto(&format!("{}/portal/help", app.base))
        .await
        .expect("opens");
    let listed = text_of(c, "main").await;
    assert!(
        listed.contains("Faktúry v portáli") && !listed.contains("Prémiový"),
        "{listed}"
    );
    c.goto(&format!("{}/portal/help/{secret}", app.base))
        .await
        .expect("opens");
    wait_for_text(c, "h1", "Nenájdené").await;
    c.goto(&format!("{}{secret_picture}", app.base))
        .await
        .expect("opens");
    wait_for_text(c, "h1", "Nenájdené").await;

    // In Polish, the Polish text is found.
    c.goto(&format!("{}/portal/help", app.base))
        .await
        .expect("opens");
    click(c, "a[hreflang=pl]").await;
    wait_for_text(c, "h1", "Pomoc i poradniki").await;
    fill(c, "#kb-q", "drukarka nie drukuje").await;
    click(c, "form[role=search] button").await;
    wait_for_text(c, ".kb-list li a", "Drukarka nie drukuje").await;
    shoot(c, "help-search-pl").await;
    click(c, ".kb-list li a").await;
    wait_for_text(c, "h1", "Drukarka nie drukuje").await;

    agent_inserts_an_article(app, c, contact, printer).await;
}

/// On the workspace's ticket page an agent searches the knowledge base and puts a link to the
/// article into the reply being typed, by script, after the words already there.
async fn agent_inserts_an_article(app: &TestApp, c: &Client, contact: i64, printer: i64) {
    let tech = created(
        app,
        "/api/v1/agents",
        json!({"email": "technik@podpora.example", "name": "Peter Technik",
        "roles": ["technician"], "password": PASSWORD, "language": "sk"}),
    )
    .await;
    let t = app
        .post(
            "/api/v1/tickets",
            json!({"subject": "Tlačiareň", "description": "Netlačí.", "requester_id": contact, "channel": "email"}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.body);
    let number = t.body["number"].as_str().expect("a number").to_string();
    // A technician works on the tickets assigned to them.
    let r = app
        .patch(
            &format!("/api/v1/tickets/{number}"),
            json!({"assignee_id": tech}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    c.goto(&format!("{}/desk/sign-in", app.base))
        .await
        .expect("opens");
    fill(c, "#email", "technik@podpora.example").await;
    fill(c, "#password", PASSWORD).await;
    submit(c, "form.card button[type=submit]").await;
    wait_for_text(c, "h1", "Rad").await;
    c.goto(&format!(
        "{}/desk/tickets/{number}?kb_q=tla%C4%8Diare%C5%88#kb-inline",
        app.base
    ))
    .await
    .expect("opens");
    let found = text_of(c, "#kb-inline").await;
    assert!(found.contains("Tlačiareň netlačí"), "{found}");
    fill(c, "#body", "Dobrý deň, pozrite si návod:").await;
    click(c, "#kb-inline-hits a.kb-insert").await;
    let typed = c
        .execute("return document.getElementById('body').value;", vec![])
        .await
        .expect("the reply's text");
    let typed = typed.as_str().expect("a string");
    let link = format!("/portal/help/{printer}");
    assert!(
        typed.starts_with("Dobrý deň, pozrite si návod:\n\n") && typed.contains(&link),
        "the link follows the words typed: {typed:?}"
    );
    assert!(
        c.current_url()
            .await
            .expect("a URL")
            .path()
            .starts_with("/desk/tickets/"),
        "the page stays, nothing is lost"
    );
    shoot(c, "help-desk-insert").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_finds_help_before_sending_a_request() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let driver = start_driver().await;
    let profile = tempfile::tempdir().expect("a fresh browser profile");
    let c = tokio::time::timeout(Duration::from_secs(60), browser(&driver, profile.path()))
        .await
        .expect("the browser starts within 60 s");
    let story = tokio::time::timeout(Duration::from_secs(150), the_story(&app, &c)).await;
    let _ = tokio::time::timeout(Duration::from_secs(10), c.close()).await;
    drop(driver);
    story.expect("the story finishes within 150 s");
}
