//! Files on the ticket page: a reply with an attachment that travels in its mail, a note with
//! one, the limit stated and enforced with the text kept, and the original of a mailed message.

use crate::duplicates::{mail, submit};
use crate::helpers::TestApp;
use crate::{signed_in, unescaped};
use podpora::config::{AddressSettings, MailSettings};
use podpora_testkit::Backend;

pub(crate) async fn an_agent_attaches_files_and_downloads_the_original(b: Backend) {
    let app = TestApp::spawn_with_mail(
        b,
        MailSettings {
            company_name: "Inteligentný dom s.r.o.".into(),
            addresses: vec![AddressSettings {
                address: "podpora@support.test".into(),
                team: None,
                language: "sk".into(),
            }],
            ..Default::default()
        },
    )
    .await;
    app.customer("35697270", "jana@zakaznik.test").await;
    let first = submit(
        &app,
        &mail(
            "jana@zakaznik.test",
            "orig@zakaznik.test",
            "Kúrenie nereaguje",
            "Termostat nereaguje.",
        ),
    )
    .await;
    let number = first["ticket_number"].as_str().unwrap().to_string();
    let mut br = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    let path = format!("/desk/tickets/{number}");
    let page = br.get(&path).await;
    let body = unescaped(&page.body);
    // The limit is stated before a file is chosen (the tests' limit is 64 KiB).
    assert!(
        body.contains("Každý súbor môže mať najviac 66 kB"),
        "{body}"
    );
    assert!(body.contains("enctype=\"multipart/form-data\""));
    let article = first["article_id"].as_i64().unwrap();
    let link = format!("/desk/articles/{article}/original");
    assert!(body.contains(&format!("href=\"{link}\"")), "{body}");

    // The original, byte for byte, for staff who read the ticket.
    let raw = br.get(&link).await;
    assert_eq!(raw.status, 200);
    assert_eq!(raw.headers["content-type"], "message/rfc822");
    assert!(
        raw.body.contains("Message-ID: <orig@zakaznik.test>"),
        "{}",
        raw.body
    );
    let mut technician = signed_in(&app, "technik@podpora.example", &["technician"]).await;
    assert_eq!(
        technician.get(&link).await.status,
        404,
        "not in the ticket's team"
    );
    assert_eq!(br.get("/desk/articles/999999/original").await.status, 404);

    // A reply with a file: stored, listed, downloadable, and in the outbox's mail.
    let csrf = br.csrf();
    let last = body
        .split("name=\"last_seen\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let sent = br
        .post_multipart(
            &format!("{path}/articles"),
            &[
                ("csrf", &csrf),
                ("kind", "reply"),
                ("last_seen", &last),
                ("body", "Posielam návod."),
                ("file", "Návod: reštartujte termostat."),
            ],
        )
        .await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let page = unescaped(&br.get(&path).await.body);
    let id = page
        .split("<a href=\"/desk/files/")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert!(page.contains(">note.txt</a> (1 kB)"), "{page}");
    let file = br.get(&format!("/desk/files/{id}")).await;
    assert_eq!(file.status, 200);
    assert_eq!(file.body, "Návod: reštartujte termostat.");
    let out = app.get("/api/v1/mail/outbox").await;
    let reply = out
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["purpose"] != "confirmation")
        .cloned()
        .unwrap();
    let mut tx = app.app.db.read().await.unwrap();
    let (_, raw) = podpora_store::repo::mail::outbox_raw(&mut tx, reply["id"].as_i64().unwrap())
        .await
        .unwrap();
    drop(tx);
    let raw = String::from_utf8_lossy(&raw);
    assert!(
        raw.contains("note.txt"),
        "the reply's mail carries the file: {raw}"
    );

    // A note with a file over the limit: refused with the limit named, the text kept.
    let big = "x".repeat(70 * 1024);
    let refused = br
        .post_multipart(
            &format!("{path}/articles"),
            &[
                ("csrf", &csrf),
                ("kind", "note"),
                ("body", "Interná poznámka s prílohou."),
                ("file", &big),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let body = unescaped(&refused.body);
    assert!(body.contains("Súbor je väčší ako 66 kB"), "{body}");
    assert!(
        body.contains(">Interná poznámka s prílohou.</textarea>"),
        "{body}"
    );
    assert!(body.contains("id=\"kind-note\" checked"), "{body}");
    // Over the pages' body limit nothing can be read: the page says why.
    let huge = "x".repeat(600 * 1024);
    let r = br
        .post_multipart(
            &format!("{path}/articles"),
            &[("csrf", &csrf), ("body", "Text"), ("file", &huge)],
        )
        .await;
    assert_eq!(r.status, 413);
    assert!(r.body.contains("Súbor je väčší ako 66 kB"));
}

/// A mail's HTML is shown sanitised on the ticket page: its markup and links stay, script,
/// styles, `javascript:` links and remote images do not.
pub(crate) async fn mail_html_is_shown_sanitised_on_the_ticket_page(b: Backend) {
    let app = TestApp::spawn_with_mail(
        b,
        MailSettings {
            company_name: "Inteligentný dom s.r.o.".into(),
            addresses: vec![AddressSettings {
                address: "podpora@support.test".into(),
                team: None,
                language: "sk".into(),
            }],
            ..Default::default()
        },
    )
    .await;
    app.customer("35697270", "jana@zakaznik.test").await;
    let first = submit(
        &app,
        &mail(
            "jana@zakaznik.test",
            "html@zakaznik.test",
            "Kúrenie nereaguje",
            "Termostat nereaguje.",
        ),
    )
    .await;
    let number = first["ticket_number"].as_str().unwrap().to_string();
    let html = concat!(
        "<p>Posielam <b>fotku</b> a <a href=\"https://servis.example/navod\">návod</a>",
        " a <a href=\"javascript:alert(1)\">toto</a>.</p><script>alert(2)</script>",
        "<img src=\"https://tracker.example/p.gif\" onerror=\"alert(3)\"><style>p{color:red}</style>",
    );
    let r = app
        .post(
            &format!("/api/v1/tickets/{number}/articles"),
            serde_json::json!({"kind": "public_reply", "body": "Posielam fotku a návod.", "body_html": html}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let mut br = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    let page = br.get(&format!("/desk/tickets/{number}")).await;
    let body = unescaped(&page.body);
    assert!(
        body.contains("<div class=\"mail-html\"><p>Posielam <b>fotku</b>"),
        "{body}"
    );
    assert!(
        body.contains("rel=\"noopener noreferrer nofollow\""),
        "{body}"
    );
    // The remote image is a placeholder naming its host, its address gone.
    assert!(
        body.contains("Obrázok z tracker.example je zablokovaný."),
        "{body}"
    );
    for hostile in [
        "src=\"https://tracker.example",
        "javascript:",
        "alert(2)",
        "alert(3)",
        "color:red",
    ] {
        assert!(!body.contains(hostile), "{hostile} in {body}");
    }
    // A message without HTML still reads as its text.
    assert!(body.contains("Termostat nereaguje."), "{body}");
}
