//! A mail's images on the ticket page: remote ones blocked behind a placeholder naming their
//! host until the agent asks for that message's, with the page's policy letting `https:`
//! images in on that one response; embedded (`cid:`) ones shown from the mail's own files.

use crate::duplicates::submit;
use crate::helpers::TestApp;
use crate::{signed_in, unescaped};
use podpora::config::{AddressSettings, MailSettings};
use podpora_testkit::Backend;

/// A one-pixel PNG.
const PIXEL_PNG_BASE64: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==";

fn mail_with_images() -> String {
    format!(
        "From: Jana Nováková <jana@zakaznik.test>\r\nTo: podpora@support.test\r\n\
         Subject: Fotka displeja\r\nMessage-ID: <img1@zakaznik.test>\r\n\
         Date: Mon, 30 Nov 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/related; boundary=\"b1\"\r\n\r\n\
         --b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
         <p>Displej ukazuje chybu.</p>\
         <img src=\"https://obrazky.example/logo.png?u=jana\" alt=\"logo\">\
         <img src=\"http://stare.example/a.gif\">\
         <img src=\"cid:displej@zakaznik.test\" alt=\"displej\">\r\n\
         --b1\r\nContent-Type: image/png; name=\"displej.png\"\r\n\
         Content-Transfer-Encoding: base64\r\nContent-ID: <displej@zakaznik.test>\r\n\
         Content-Disposition: inline; filename=\"displej.png\"\r\n\r\n{PIXEL_PNG_BASE64}\r\n\
         --b1--\r\n"
    )
}

fn csp(page: &crate::browser::Page) -> String {
    page.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string()
}

pub(crate) async fn remote_images_wait_until_asked_and_embedded_ones_show(b: Backend) {
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
    let first = submit(&app, &mail_with_images()).await;
    assert_eq!(first["status"], "processed", "{first}");
    let number = first["ticket_number"].as_str().unwrap().to_string();
    let t = app.get(&format!("/api/v1/tickets/{number}")).await.body;
    let article = t["articles"][0]["id"].as_i64().unwrap();
    let file = t["articles"][0]["attachments"][0]["id"].as_i64().unwrap();
    let mut br = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    let path = format!("/desk/tickets/{number}");

    // Blocked: a placeholder naming each remote image's host; the embedded one from its file.
    let page = br.get(&path).await;
    assert_eq!(page.status, 200);
    let body = unescaped(&page.body);
    assert!(
        body.contains(
            "<span class=\"blocked-image\">Obrázok z obrazky.example je zablokovaný. (logo)</span>"
        ),
        "{body}"
    );
    assert!(
        body.contains("Obrázok z stare.example je zablokovaný."),
        "{body}"
    );
    assert!(!body.contains("src=\"https://obrazky.example"), "{body}");
    assert!(
        body.contains(&format!("<img src=\"/desk/files/{file}\" alt=\"displej\">")),
        "{body}"
    );
    assert!(
        body.contains(&format!(
            "<a href=\"/desk/tickets/{number}?images={article}#article-{article}\" id=\"show-images-{article}\">Zobraziť vzdialené obrázky tejto správy</a>"
        )),
        "{body}"
    );
    assert!(csp(&page).contains("img-src 'self';"), "{}", csp(&page));
    let png = br.get(&format!("/desk/files/{file}")).await;
    assert_eq!(png.status, 200);
    assert_eq!(png.headers["content-type"], "image/png");

    // Asked for: this message's https images load, on this response only; http stays blocked.
    let shown = br.get(&format!("{path}?images={article}")).await;
    assert_eq!(shown.status, 200);
    let body = unescaped(&shown.body);
    assert!(
        body.contains(
            "<img src=\"https://obrazky.example/logo.png?u=jana\" alt=\"logo\" referrerpolicy=\"no-referrer\" loading=\"lazy\">"
        ),
        "{body}"
    );
    assert!(
        body.contains("Obrázok z stare.example je zablokovaný."),
        "{body}"
    );
    assert!(
        body.contains(&format!("id=\"hide-images-{article}\"")),
        "{body}"
    );
    assert!(
        csp(&shown).contains("img-src 'self' https:;"),
        "{}",
        csp(&shown)
    );
    assert!(csp(&shown).contains("script-src 'self';"));
    // Another message's number, or none, leaves the policy strict.
    for other in [format!("{path}?images=999999"), format!("{path}?images=x")] {
        let p = br.get(&other).await;
        assert_eq!(p.status, 200);
        assert!(csp(&p).contains("img-src 'self';"), "{}", csp(&p));
        assert!(!p.body.contains("src=\"https://obrazky.example"));
    }
    assert!(csp(&br.get(&path).await).contains("img-src 'self';"));
}
