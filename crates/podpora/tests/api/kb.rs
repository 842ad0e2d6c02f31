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
    article_files_follow_the_articles_visibility,
    one_answer_per_reader_and_article,
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

/// A 1×1 PNG.
pub(crate) const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/// The bytes and media type anyone (no token, no session) gets at `path`.
async fn fetch_anonymously(app: &TestApp, path: &str) -> (u16, String, Vec<u8>) {
    let r = app
        .client
        .get(format!("{}{path}", app.base))
        .send()
        .await
        .expect("answers");
    let status = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, ct, r.bytes().await.expect("a body").to_vec())
}

async fn article_files_follow_the_articles_visibility(b: Backend) {
    use base64::Engine as _;
    let app = TestApp::spawn(b).await;
    let premium = plan(&app, json!({"code": "premium", "name": "Premium", "rank": 3, "monthly_price": {"amount_minor": 9000, "currency": "EUR"}, "channels": [{"channel": "email"}]})).await;
    let basic = plan(&app, json!({"code": "basic", "name": "Basic", "rank": 1, "monthly_price": {"amount_minor": 1000, "currency": "EUR"}, "channels": [{"channel": "email"}]})).await;
    let (rich, _, _) = app.customer(&ico(5), "rich@firma.example").await;
    let (poor, _, _) = app.customer(&ico(6), "poor@firma.example").await;
    contract(&app, rich, premium, "2026-01-01").await;
    contract(&app, poor, basic, "2026-01-01").await;
    let (rich_key, poor_key) = (app.org_key(rich).await, app.org_key(poor).await);
    let public = article(&app, printer("public", &[])).await["id"]
        .as_i64()
        .unwrap();
    let secret = article(&app, json!({"visibility": "plans", "plan_ids": [premium], "translations": [
        {"language": "sk", "title": "Prémiová schéma zapojenia", "body": "Schéma.", "publish": true}]}))
    .await["id"]
        .as_i64()
        .unwrap();
    let draft = article(
        &app,
        json!({"visibility": "public", "translations": [
        {"language": "sk", "title": "Koncept", "body": "Ešte nie."}]}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let png =
        |name: &str| json!({"filename": name, "content_type": "image/png", "content_base64": PNG});
    let up = app
        .post(
            &format!("/api/v1/kb/articles/{public}/files"),
            png("schema.png"),
        )
        .await;
    assert_eq!(up.status, 201, "{}", up.body);
    let fid = up.body["id"].as_i64().unwrap();
    assert_eq!(up.body["markdown"], format!("![schema.png](files/{fid})"));
    assert_eq!(up.body["url"], format!("/portal/help/files/{fid}"));
    assert_eq!(up.body["image"], true);
    let secret_fid = app
        .post(
            &format!("/api/v1/kb/articles/{secret}/files"),
            png("premium.png"),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let draft_fid = app
        .post(
            &format!("/api/v1/kb/articles/{draft}/files"),
            png("draft.png"),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    // The text shows the image where the editor pasted the snippet.
    let r = app
        .call(Method::PUT, &format!("/api/v1/kb/articles/{public}/texts/sk"),
            Some(json!({"language": "sk", "title": "Tlačiareň netlačí", "body": format!("Zapojte kábel podľa schémy:\n\n![schema.png](files/{fid})")})))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let read = app
        .call_as(
            Some(&poor_key),
            Method::GET,
            &format!("/api/v1/kb/read/{public}?lang=sk"),
            None,
        )
        .await;
    let html = read.body["body_html"].as_str().unwrap_or_default();
    assert!(
        html.contains(&format!(
            "<img src=\"/portal/help/files/{fid}\" alt=\"schema.png\">"
        )),
        "{html}"
    );
    // Anyone fetches the public article's image without signing in, as an image.
    let (status, ct, bytes) = fetch_anonymously(&app, &format!("/portal/help/files/{fid}")).await;
    assert_eq!((status, ct.as_str()), (200, "image/png"));
    assert_eq!(
        bytes,
        base64::engine::general_purpose::STANDARD
            .decode(PNG)
            .unwrap()
    );
    // The premium article's image is not there for anonymous readers or a basic customer;
    // nor is a file of an article with no published text.
    for path in [
        format!("/portal/help/files/{secret_fid}"),
        format!("/portal/help/files/{draft_fid}"),
    ] {
        assert_eq!(fetch_anonymously(&app, &path).await.0, 404, "{path}");
    }
    let path = format!("/api/v1/kb/files/{secret_fid}");
    app.call_as(Some(&poor_key), Method::GET, &path, None)
        .await
        .problem(404);
    let r = app.call_as(Some(&rich_key), Method::GET, &path, None).await;
    assert_eq!(
        (r.status.as_u16(), r.content_type.as_str()),
        (200, "application/octet-stream")
    );
    // Editors list and remove files; customers' keys do neither.
    let list = app
        .get(&format!("/api/v1/kb/articles/{public}/files"))
        .await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.body.as_array().unwrap().len(), 1);
    app.call_as(
        Some(&rich_key),
        Method::GET,
        &format!("/api/v1/kb/articles/{public}/files"),
        None,
    )
    .await
    .problem(403);
    app.call_as(
        Some(&rich_key),
        Method::POST,
        &format!("/api/v1/kb/articles/{public}/files"),
        Some(png("x.png")),
    )
    .await
    .problem(403);
    app.call_as(
        Some(&rich_key),
        Method::DELETE,
        &format!("/api/v1/kb/articles/{public}/files/{fid}"),
        None,
    )
    .await
    .problem(403);
    // Bad uploads are refused with the field; nothing is added.
    let big = base64::engine::general_purpose::STANDARD.encode(vec![7u8; 70 * 1024]);
    for (body, field) in [
        (
            json!({"filename": "big.bin", "content_base64": big}),
            "file.content_base64",
        ),
        (
            json!({"filename": "a.png", "content_type": "obrázok", "content_base64": PNG}),
            "file.content_type",
        ),
        (
            json!({"filename": "../a.png", "content_base64": PNG}),
            "file.filename",
        ),
        (
            json!({"filename": "a.png", "content_base64": "***"}),
            "file.content_base64",
        ),
    ] {
        let r = app
            .post(&format!("/api/v1/kb/articles/{public}/files"), body)
            .await;
        assert_eq!(r.problem(422), [field]);
    }
    app.post("/api/v1/kb/articles/424242/files", png("a.png"))
        .await
        .problem(404);
    assert_eq!(
        app.get(&format!("/api/v1/kb/articles/{public}/files"))
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Removed: gone for everyone.
    let r = app
        .call(
            Method::DELETE,
            &format!("/api/v1/kb/articles/{public}/files/{fid}"),
            None,
        )
        .await;
    assert_eq!(r.status, 204, "{}", r.body);
    app.call(
        Method::DELETE,
        &format!("/api/v1/kb/articles/{public}/files/{fid}"),
        None,
    )
    .await
    .problem(404);
    assert_eq!(
        fetch_anonymously(&app, &format!("/portal/help/files/{fid}"))
            .await
            .0,
        404
    );
}

async fn one_answer_per_reader_and_article(b: Backend) {
    let app = TestApp::spawn(b).await;
    let id = article(&app, printer("public", &[])).await["id"]
        .as_i64()
        .unwrap();
    let (o1, _, _) = app.customer(&ico(7), "a@firma.example").await;
    let (o2, _, _) = app.customer(&ico(8), "b@firma.example").await;
    let (k1, k2) = (app.org_key(o1).await, app.org_key(o2).await);
    let vote = |key: String, helpful: bool| {
        let app = &app;
        async move {
            let r = app
                .call_as(
                    Some(&key),
                    Method::POST,
                    &format!("/api/v1/kb/read/{id}/vote"),
                    Some(json!({"lang": "sk", "helpful": helpful})),
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
            r.body["outcome"].as_str().unwrap().to_string()
        }
    };
    assert_eq!(vote(k1.clone(), true).await, "counted");
    assert_eq!(
        vote(k1.clone(), true).await,
        "unchanged",
        "a second click is not a second vote"
    );
    assert_eq!(vote(k2.clone(), true).await, "counted");
    assert_eq!(vote(k1.clone(), false).await, "changed");
    let a = app.get(&format!("/api/v1/kb/articles/{id}")).await;
    let sk = a.body["translations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["language"] == "sk")
        .unwrap()
        .clone();
    assert_eq!(
        (sk["helpful"].as_i64(), sk["unhelpful"].as_i64()),
        (Some(1), Some(1)),
        "{sk}"
    );
    let month = jiff::Timestamp::now().strftime("%Y-%m").to_string();
    let r = app
        .get(&format!("/api/v1/kb/report?from={month}&to={month}"))
        .await;
    let line = r.body["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["language"] == "sk")
        .unwrap()
        .clone();
    assert_eq!(
        (line["helpful"].as_i64(), line["unhelpful"].as_i64()),
        (Some(1), Some(1)),
        "{line}"
    );
    // Nobody answers about what they may not read.
    app.call_as(
        Some(&k1),
        Method::POST,
        "/api/v1/kb/read/424242/vote",
        Some(json!({"helpful": true})),
    )
    .await
    .problem(404);
}
