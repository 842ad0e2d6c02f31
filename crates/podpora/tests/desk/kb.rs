//! The knowledge base in the workspace, as a browser without scripts uses it: an article is
//! written as a draft, translated, published and restored to an earlier version; on a ticket,
//! an article is found and inserted into the reply in the customer's language, and a reply
//! becomes a draft article; the report opens.

use crate::helpers::TestApp;
use crate::{Browser, signed_in, ticket, unescaped};
use podpora_testkit::Backend;
use serde_json::json;

pub(crate) async fn an_agent_writes_translates_and_uses_an_article(b: Backend) {
    let app = TestApp::spawn(b).await;
    let mut br = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    let list = br.get("/desk/kb").await;
    assert_eq!(list.status, 200, "{}", list.body);
    let csrf = br.csrf();
    let made = br
        .post(
            "/desk/kb/new",
            &[
                ("csrf", &csrf),
                ("language", "sk"),
                ("title", "Tlačiareň netlačí"),
                ("body", "Skontrolujte **kábel** tlačiarne."),
                ("category", "tlač"),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.body);
    let path = made.location.clone().expect("the editor's address");
    let id: i64 = path.trim_start_matches("/desk/kb/").parse().expect("an id");
    let editor = br.get(&path).await;
    assert_eq!(editor.status, 200);
    assert!(
        editor.body.contains("Chýba preklad"),
        "missing translations are shown"
    );
    assert!(
        editor.body.contains("Koncept"),
        "the Slovak text is a draft"
    );
    // The Polish translation, published; then the Slovak text published.
    for (lang, title, body) in [
        ("pl", "Drukarka nie drukuje", "Sprawdź kabel."),
        (
            "sk",
            "Tlačiareň netlačí",
            "Skontrolujte kábel tlačiarne a papier.",
        ),
    ] {
        let saved = br
            .post(
                &format!("/desk/kb/{id}/texts/{lang}"),
                &[
                    ("csrf", &csrf),
                    ("title", title),
                    ("body", body),
                    ("published", "1"),
                ],
            )
            .await;
        assert_eq!(saved.status, 303, "{}", saved.body);
    }
    let a = app.get(&format!("/api/v1/kb/articles/{id}")).await;
    assert_eq!(a.body["missing"], json!(["cs", "en"]));
    assert!(
        a.body["translations"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["published"] == true)
    );
    // Back to the first Slovak version.
    let restored = br
        .post(
            &format!("/desk/kb/{id}/texts/sk/restore"),
            &[("csrf", &csrf), ("version", "1")],
        )
        .await;
    assert_eq!(restored.status, 303, "{}", restored.body);
    let v = app
        .get(&format!("/api/v1/kb/articles/{id}/texts/sk/versions"))
        .await;
    assert_eq!(v.body[0]["note"], "restored version 1");
    assert_eq!(v.body[0]["body"], "Skontrolujte **kábel** tlačiarne.");

    // On a ticket: find it and start the reply with its text in the customer's language.
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let number = ticket(&app, contact, "Tlačiareň", "normal").await;
    let found = br
        .get(&format!("/desk/tickets/{number}/kb?q=tlaciarne"))
        .await;
    assert_eq!(found.status, 200, "{}", found.body);
    let page = unescaped(&found.body);
    assert!(page.contains("Tlačiareň netlačí"), "{page}");
    assert!(page.contains(&format!("kb_insert={id}")), "{page}");
    let prefilled = br
        .get(&format!(
            "/desk/tickets/{number}?kb_insert={id}&kb_lang=sk&kb_as=text"
        ))
        .await;
    assert_eq!(prefilled.status, 200);
    assert!(
        prefilled.body.contains("Skontrolujte kábel tlačiarne."),
        "the reply starts with the article"
    );
    let linked = br
        .get(&format!(
            "/desk/tickets/{number}?kb_insert={id}&kb_lang=sk&kb_as=link"
        ))
        .await;
    assert!(unescaped(&linked.body).contains(&format!("/portal/help/{id}")));

    // A reply becomes a draft article for staff.
    let r = app
        .post(
            &format!("/api/v1/tickets/{number}/articles"),
            json!({"kind": "public_reply", "body": "Vymeňte tonerovú kazetu."}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let reply = r.body["id"].as_i64().expect("the reply's id");
    let drafted = br
        .post(&format!("/desk/kb/from-reply/{reply}"), &[("csrf", &csrf)])
        .await;
    assert_eq!(drafted.status, 303, "{}", drafted.body);
    let draft_path = drafted.location.expect("the draft's editor");
    let draft_id: i64 = draft_path
        .trim_start_matches("/desk/kb/")
        .parse()
        .expect("an id");
    let d = app.get(&format!("/api/v1/kb/articles/{draft_id}")).await;
    assert_eq!(d.body["visibility"], "staff");
    assert_eq!(
        d.body["translations"][0]["body"],
        "Vymeňte tonerovú kazetu."
    );
    assert_eq!(d.body["translations"][0]["published"], false);

    let report = br.get("/desk/kb/report").await;
    assert_eq!(report.status, 200, "{}", report.body);
    let bad = br.get("/desk/kb/report?from=2026-13").await;
    assert_eq!(bad.status, 422);
}

/// The editor's files and plan picker, the ticket page's own article search, and answers to
/// "did this help?" from readers who are not signed in.
pub(crate) async fn an_editor_adds_files_picks_plans_and_searches_from_the_ticket(b: Backend) {
    let app = TestApp::spawn(b).await;
    let mut br = signed_in(&app, "redaktor@podpora.example", &["dispatcher"]).await;
    let mut plans = Vec::new();
    for (code, name, rank) in [("premium", "Prémium", 3), ("basic", "Základ", 1)] {
        let r = app.post("/api/v1/plans", json!({"code": code, "name": name, "rank": rank,
            "monthly_price": {"amount_minor": 1000, "currency": "EUR"}, "channels": [{"channel": "email"}]})).await;
        assert_eq!(r.status, 201, "{}", r.body);
        plans.push(r.body["id"].as_i64().unwrap());
    }
    let premium = plans[0].to_string();
    let csrf = br.csrf();
    let made = br
        .post(
            "/desk/kb/new",
            &[
                ("csrf", &csrf),
                ("language", "sk"),
                ("title", "Tlačiareň netlačí"),
                ("body", "Skontrolujte kábel."),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.body);
    let path = made.location.clone().expect("the editor");
    let id: i64 = path.trim_start_matches("/desk/kb/").parse().expect("an id");

    // The plans are ticked by name.
    let editor = br.get(&path).await;
    assert!(
        editor
            .body
            .contains(&format!("name=\"plan_ids\" value=\"{premium}\""))
            && editor.body.contains("Prémium")
            && editor.body.contains("Základ"),
        "{}",
        editor.body
    );
    let saved = br
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("category", "tlač"),
                ("visibility", "plans"),
                ("plan_ids", &premium),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let a = app.get(&format!("/api/v1/kb/articles/{id}")).await;
    assert_eq!(
        (a.body["visibility"].as_str(), a.body["plan_ids"].clone()),
        (Some("plans"), json!([plans[0]]))
    );
    // A value that is no plan is refused beside the picker; what was typed stays.
    for (value, said) in [
        ("abc", "„abc“ medzi nimi nie je"),
        ("999999", "„999999“ medzi nimi nie je"),
    ] {
        let bad = br
            .post(
                &path,
                &[
                    ("csrf", &csrf),
                    ("category", "nová téma"),
                    ("visibility", "plans"),
                    ("plan_ids", value),
                ],
            )
            .await;
        assert_eq!(bad.status, 422, "{value}");
        assert!(
            bad.body.contains("id=\"meta-plans-error\"") && bad.body.contains(said),
            "{}",
            bad.body
        );
        assert!(
            bad.body.contains("value=\"nová téma\""),
            "the typed category is kept"
        );
    }
    let none = br
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("category", "tlač"),
                ("visibility", "plans"),
            ],
        )
        .await;
    assert_eq!(none.status, 422);
    assert!(
        none.body.contains("aspoň jeden zaškrtnutý plán"),
        "{}",
        none.body
    );
    assert_eq!(
        app.get(&format!("/api/v1/kb/articles/{id}")).await.body["plan_ids"],
        json!([plans[0]]),
        "nothing refused was written"
    );

    // A file: uploaded, listed with its Markdown, removed.
    let up = br
        .post_multipart(
            &format!("/desk/kb/{id}/files"),
            &[("csrf", &csrf), ("file", "obsah")],
        )
        .await;
    assert_eq!(up.status, 303, "{}", up.body);
    let files = app.get(&format!("/api/v1/kb/articles/{id}/files")).await;
    let fid = files.body[0]["id"].as_i64().expect("the file");
    let editor = br.get(&path).await;
    let page = unescaped(&editor.body);
    assert!(page.contains(&format!("[note.txt](files/{fid})")), "{page}");
    assert!(
        page.contains("najviac 64 kB") || page.contains("najviac 66 kB"),
        "the limit is stated: {page}"
    );
    // The file of this premium article: an agent fetches it, an anonymous reader does not.
    let file = format!("/portal/help/files/{fid}");
    assert_eq!(br.get(&file).await.status, 200);
    assert_eq!(Browser::new(&app.base).get(&file).await.status, 404);
    let refused = br
        .post_multipart(
            &format!("/desk/kb/{id}/files"),
            &[("csrf", "wrong"), ("file", "x")],
        )
        .await;
    assert_eq!(refused.status, 403);
    let big = "x".repeat(70 * 1024);
    let too_big = br
        .post_multipart(
            &format!("/desk/kb/{id}/files"),
            &[("csrf", &csrf), ("file", &big)],
        )
        .await;
    assert_eq!(too_big.status, 422);
    assert!(
        too_big.body.contains("id=\"kb-file-error\""),
        "{}",
        too_big.body
    );
    let empty = br
        .post_multipart(&format!("/desk/kb/{id}/files"), &[("csrf", &csrf)])
        .await;
    assert_eq!(empty.status, 422);
    assert!(empty.body.contains("Vyberte súbor"), "{}", empty.body);
    let removed = br
        .post(
            &format!("/desk/kb/{id}/files/{fid}/delete"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(removed.status, 303, "{}", removed.body);
    assert_eq!(
        app.get(&format!("/api/v1/kb/articles/{id}/files"))
            .await
            .body,
        json!([])
    );

    // On the ticket page itself: articles in the customer's language, with insert links.
    let public = app
        .post("/api/v1/kb/articles", json!({"visibility": "public", "translations": [
            {"language": "sk", "title": "Papier sa zasekol", "body": "Otvorte kryt a vyberte papier. Pozrite [schému](files/77).", "publish": true}]}))
        .await;
    let pid = public.body["id"].as_i64().unwrap();
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let number = ticket(&app, contact, "Zaseknutý papier", "normal").await;
    let found = br
        .get(&format!("/desk/tickets/{number}?kb_q=zaseknuty%20papier"))
        .await;
    assert_eq!(found.status, 200, "{}", found.body);
    let page = unescaped(&found.body);
    assert!(
        page.contains("id=\"kb-inline-hits\"") && page.contains("Papier sa zasekol"),
        "{page}"
    );
    assert!(
        page.contains(&format!("kb_insert={pid}")) && page.contains("data-insert="),
        "{page}"
    );
    let inserted = br
        .get(&format!(
            "/desk/tickets/{number}?kb_insert={pid}&kb_lang=sk&kb_as=text&kb_q=papier"
        ))
        .await;
    assert!(
        inserted.body.contains("Otvorte kryt a vyberte papier."),
        "the reply starts with it"
    );
    assert!(
        inserted.body.contains("id=\"kb-inline-hits\""),
        "the results stay"
    );
    assert!(
        unescaped(&inserted.body).contains(&format!("schému ({}/portal/help/files/77)", app.base)),
        "a file's address is whole in a reply: {}",
        inserted.body
    );
    let nothing = br.get(&format!("/desk/tickets/{number}?kb_q=zzzz")).await;
    assert!(nothing.body.contains("id=\"kb-inline-nothing\""));

    // Readers who are not signed in answer once each, however often they click.
    for _reader in 0..2 {
        let mut anon = Browser::new(&app.base);
        let page = anon.get(&format!("/portal/help/{pid}")).await;
        assert_eq!(page.status, 200);
        let token = anon.csrf();
        for _click in 0..2 {
            let r = anon
                .post(
                    &format!("/portal/help/{pid}/vote"),
                    &[("csrf", &token), ("lang", "sk"), ("helpful", "yes")],
                )
                .await;
            assert_eq!(r.status, 303, "{}", r.body);
        }
    }
    let a = app.get(&format!("/api/v1/kb/articles/{pid}")).await;
    assert_eq!(a.body["translations"][0]["helpful"], 2, "{}", a.body);
}
