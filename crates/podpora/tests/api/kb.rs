//! The knowledge base through the API: staff write articles in several languages with
//! versions; customers' keys find and read only what their audience may (an article for the
//! premium plan is not found by a basic customer, by search or by id); reports count.

use crate::helpers::TestApp;
use crate::plans::{contract, ico, plan};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::{Value, json};

crate::on_both!(
    articles_have_languages_versions_and_drafts,
    premium_articles_are_invisible_to_basic_customers,
    search_finds_inflected_words_in_the_readers_language,
    bad_input_is_refused_with_the_field,
);

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn article(app: &TestApp, body: Value) -> Value {
    let r = app.post("/api/v1/kb/articles", body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body
}

fn printer(visibility: &str, plan_ids: &[i64]) -> Value {
    json!({
        "category": "printers", "applies_to": "printer", "visibility": visibility, "plan_ids": plan_ids,
        "translations": [
            {"language": "sk", "title": "Tlačiareň netlačí", "body": "Skontrolujte **kábel** a [pozrite video](https://video.example/t).", "publish": true},
            {"language": "pl", "title": "Drukarka nie drukuje", "body": "Sprawdź kabel i papier.", "publish": true},
        ]
    })
}

async fn search(app: &TestApp, token: Option<&str>, q: &str, lang: &str) -> Vec<Value> {
    let path = format!("/api/v1/kb/search?q={}&lang={lang}", enc(q));
    let r = match token {
        Some(t) => app.call_as(Some(t), Method::GET, &path, None).await,
        None => app.get(&path).await,
    };
    assert_eq!(r.status, 200, "{q}: {}", r.body);
    r.body.as_array().unwrap().clone()
}

async fn articles_have_languages_versions_and_drafts(b: Backend) {
    let app = TestApp::spawn(b).await;
    let a = article(&app, printer("public", &[])).await;
    let id = a["id"].as_i64().unwrap();
    assert_eq!(
        a["missing"],
        json!(["cs", "en"]),
        "missing translations are named"
    );
    let sk = &a["translations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["language"] == "pl")
        .unwrap()
        .clone();
    assert_eq!(sk["published"], true);
    let html = a["translations"][1]["body_html"].as_str().unwrap();
    assert!(
        html.contains("<strong>kábel</strong>") && html.contains("https://video.example/t"),
        "{html}"
    );
    // A Czech draft: editors see it, readers do not.
    let r = app
        .call(Method::PUT, &format!("/api/v1/kb/articles/{id}/texts/cs"),
            Some(json!({"language": "cs", "title": "Tiskárna netiskne", "body": "Zkontrolujte kabel."})))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["missing"], json!(["en"]));
    let (org, _, _) = app.customer(&ico(1), "jana@firma.example").await;
    let key = app.org_key(org).await;
    let read = app
        .call_as(
            Some(&key),
            Method::GET,
            &format!("/api/v1/kb/read/{id}?lang=cs"),
            None,
        )
        .await;
    assert_eq!(read.status, 200, "{}", read.body);
    assert_eq!(
        read.body["language"], "sk",
        "the draft is not shown: the nearest language is"
    );
    assert_eq!(read.body["fallback"], true);
    let p = app
        .post(
            &format!("/api/v1/kb/articles/{id}/texts/cs/publish"),
            json!({}),
        )
        .await;
    assert_eq!(p.status, 200, "{}", p.body);
    let read = app
        .call_as(
            Some(&key),
            Method::GET,
            &format!("/api/v1/kb/read/{id}?lang=cs"),
            None,
        )
        .await;
    assert_eq!(
        (
            read.body["language"].as_str(),
            read.body["fallback"].as_bool()
        ),
        (Some("cs"), Some(false))
    );
    // Versions: edit, list, restore the first.
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/kb/articles/{id}/texts/sk"),
            Some(json!({"language": "sk", "title": "Tlačiareň nefunguje", "body": "Nový text."})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = app
        .get(&format!("/api/v1/kb/articles/{id}/texts/sk/versions"))
        .await;
    let versions: Vec<(i64, String)> = v
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version"].as_i64().unwrap(),
                v["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        versions,
        [
            (2, "Tlačiareň nefunguje".to_string()),
            (1, "Tlačiareň netlačí".to_string())
        ]
    );
    let r = app
        .post(
            &format!("/api/v1/kb/articles/{id}/texts/sk/versions/1/restore"),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let sk = r.body["translations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["language"] == "sk")
        .unwrap()
        .clone();
    assert_eq!(
        (sk["title"].as_str(), sk["version"].as_i64()),
        (Some("Tlačiareň netlačí"), Some(3))
    );
    let v = app
        .get(&format!("/api/v1/kb/articles/{id}/texts/sk/versions"))
        .await;
    assert_eq!(v.body[0]["note"], "restored version 1");
    // Customers' keys do not edit.
    let r = app
        .call_as(
            Some(&key),
            Method::POST,
            "/api/v1/kb/articles",
            Some(printer("public", &[])),
        )
        .await;
    r.problem(403);
    let r = app
        .call_as(Some(&key), Method::GET, "/api/v1/kb/report", None)
        .await;
    r.problem(403);
}

async fn premium_articles_are_invisible_to_basic_customers(b: Backend) {
    let app = TestApp::spawn(b).await;
    let premium = plan(&app, json!({"code": "premium", "name": "Premium", "rank": 3, "monthly_price": {"amount_minor": 9000, "currency": "EUR"}, "channels": [{"channel": "email"}]})).await;
    let basic = plan(&app, json!({"code": "basic", "name": "Basic", "rank": 1, "monthly_price": {"amount_minor": 1000, "currency": "EUR"}, "channels": [{"channel": "email"}]})).await;
    let (rich, _, _) = app.customer(&ico(2), "rich@firma.example").await;
    let (poor, _, _) = app.customer(&ico(3), "poor@firma.example").await;
    contract(&app, rich, premium, "2026-01-01").await;
    contract(&app, poor, basic, "2026-01-01").await;
    let a = article(&app, json!({
        "visibility": "plans", "plan_ids": [premium],
        "translations": [{"language": "sk", "title": "Prémiový návod: záloha ústredne", "body": "Postup zálohy ústredne.", "publish": true}]
    })).await;
    let id = a["id"].as_i64().unwrap();
    let rich_key = app.org_key(rich).await;
    let poor_key = app.org_key(poor).await;
    let found = search(&app, Some(&rich_key), "zaloha ustredne", "sk").await;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["article_id"], id);
    assert!(
        search(&app, Some(&poor_key), "zaloha ustredne", "sk")
            .await
            .is_empty()
    );
    assert!(
        search(&app, Some(&poor_key), "premiovy", "sk")
            .await
            .is_empty()
    );
    let r = app
        .call_as(
            Some(&poor_key),
            Method::GET,
            &format!("/api/v1/kb/read/{id}"),
            None,
        )
        .await;
    r.problem(404);
    let r = app
        .call_as(
            Some(&rich_key),
            Method::GET,
            &format!("/api/v1/kb/read/{id}"),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    // Nothing about it leaks to the basic customer's keys in the editors' routes either.
    let r = app
        .call_as(
            Some(&poor_key),
            Method::GET,
            &format!("/api/v1/kb/articles/{id}"),
            None,
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    let r = app
        .call_as(Some(&poor_key), Method::GET, "/api/v1/kb/articles", None)
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    // Staff see it.
    assert_eq!(search(&app, None, "zaloha", "sk").await.len(), 1);
}

async fn search_finds_inflected_words_in_the_readers_language(b: Backend) {
    let app = TestApp::spawn(b).await;
    let a = article(&app, printer("public", &[])).await;
    let id = a["id"].as_i64().unwrap();
    article(&app, json!({"visibility": "public", "translations": [
        {"language": "sk", "title": "Nefunguje internet", "body": "Reštartujte smerovač.", "publish": true}]})).await;
    let (org, _, _) = app.customer(&ico(4), "anna@firma.example").await;
    let key = app.org_key(org).await;
    let hits = search(&app, Some(&key), "nefunguje tlaciaren", "sk").await;
    assert!(
        hits.iter()
            .take(3)
            .any(|h| h["article_id"] == id && h["title"] == "Tlačiareň netlačí"),
        "{hits:?}"
    );
    let hits = search(&app, Some(&key), "tlačiarňou", "sk").await;
    assert_eq!(hits[0]["article_id"], id);
    let hits = search(&app, Some(&key), "drukarka nie drukuje", "pl").await;
    assert_eq!(
        (hits[0]["title"].as_str(), hits[0]["language"].as_str()),
        (Some("Drukarka nie drukuje"), Some("pl"))
    );
    assert!(search(&app, Some(&key), "zzzz", "sk").await.is_empty());
    // Searches of customers are counted, and the one that found nothing is named.
    let month = jiff::Timestamp::now().strftime("%Y-%m").to_string();
    let r = app
        .get(&format!("/api/v1/kb/report?from={month}&to={month}"))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let sk = r.body["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["language"] == "sk")
        .unwrap()
        .clone();
    assert_eq!(
        (sk["searches"].as_i64(), sk["empty_searches"].as_i64()),
        (Some(3), Some(1)),
        "{sk}"
    );
    assert_eq!(r.body["empty_searches"][0]["query"], "zzzz");
}

async fn bad_input_is_refused_with_the_field(b: Backend) {
    let app = TestApp::spawn(b).await;
    let r = app
        .post(
            "/api/v1/kb/articles",
            json!({"visibility": "plans", "translations": [
        {"language": "sk", "title": "", "body": "x"}]}),
        )
        .await;
    let fields = r.problem(422);
    assert!(
        fields.contains(&"plan_ids".to_string())
            && fields.contains(&"translations[0].title".to_string()),
        "{fields:?}"
    );
    let r = app
        .post(
            "/api/v1/kb/articles",
            json!({"visibility": "plans", "plan_ids": [999]}),
        )
        .await;
    assert_eq!(r.problem(422), ["plan_ids[0]"]);
    let r = app.get("/api/v1/kb/report?from=2026-13").await;
    assert_eq!(r.problem(422), ["from"]);
    let r = app
        .get(&format!("/api/v1/kb/search?q={}", "a".repeat(300)))
        .await;
    assert_eq!(r.problem(422), ["q"]);
    app.get("/api/v1/kb/read/424242").await.problem(404);
    // NUL cannot be compared as text on PostgreSQL: a clear answer, not a failure.
    let r = app.get("/api/v1/kb/search?q=tlac&category=a%00b").await;
    assert_eq!(r.problem(422), ["category"]);
    app.get("/api/v1/kb/read-before/2026-%00")
        .await
        .problem(404);
    assert_eq!(
        app.get("/api/v1/kb/articles").await.body["total"],
        0,
        "nothing was written"
    );
}
