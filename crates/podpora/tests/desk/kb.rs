//! The knowledge base in the workspace, as a browser without scripts uses it: an article is
//! written as a draft, translated, published and restored to an earlier version; on a ticket,
//! an article is found and inserted into the reply in the customer's language, and a reply
//! becomes a draft article; the report opens.

use crate::helpers::TestApp;
use crate::{signed_in, ticket, unescaped};
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
