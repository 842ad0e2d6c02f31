//! Mail templates per language and support addresses through the configuration pages: a text
//! that does not render is refused next to the field and kept; a saved one is used by the next
//! confirmation mail, audited, and reverted to the built-in; the support addresses of the
//! running configuration are listed with their team and language.

use crate::helpers::TestApp;
use crate::{signed_in, unescaped};
use podpora::config::{AddressSettings, MailSettings};
use serde_json::json;

/// The plain text of the confirmation of the new request `number`.
async fn confirmation_text(app: &TestApp, number: &str) -> String {
    let r = app.get(&format!("/api/v1/tickets/{number}/mail")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let sent: Vec<_> = r
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["purpose"] == "confirmation")
        .cloned()
        .collect();
    assert_eq!(sent.len(), 1, "{sent:?}");
    let mut tx = app.app.db.read().await.unwrap();
    let (_, raw) = podpora_store::repo::mail::outbox_raw(&mut tx, sent[0]["id"].as_i64().unwrap())
        .await
        .unwrap();
    drop(tx);
    podpora_mailproto::parse(&raw, &Default::default())
        .unwrap()
        .text_body
}

/// A new request by phone from `contact` about `subject`; its number.
async fn new_request(app: &TestApp, contact: i64, subject: &str) -> String {
    let t = app
        .post(
            "/api/v1/tickets",
            json!({"subject": subject, "description": "Od rána.", "requester_id": contact, "channel": "phone"}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.body);
    t.body["number"].as_str().unwrap().to_string()
}

pub(crate) async fn a_mail_template_is_refused_when_it_does_not_render_then_used_and_reverted(
    b: podpora_testkit::Backend,
) {
    let app = TestApp::spawn(b).await;
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let (mut br, _) = signed_in(&app, "admin@podpora.example", &["admin"]).await;
    let list = unescaped(&br.get("/desk/config/mail-templates").await.body);
    let here = "/desk/config/mail-templates/confirmation.txt/sk";
    assert!(list.contains(&format!("href=\"{here}\"")), "{list}");
    assert!(
        list.contains("href=\"/desk/config/mail-templates/agent-reply.html/pl\""),
        "{list}"
    );

    // The built-in text, with a sample mail rendered in Slovak.
    let page = unescaped(&br.get(here).await.body);
    assert!(page.contains("{{ t(\"confirmation-intro\""), "{page}");
    assert!(page.contains("Vstavaný"), "{page}");
    assert!(page.contains("Vzorový e-mail"), "{page}");
    assert!(
        page.contains("Premenné tohto e-mailu: lang, ticket_number, subject, contact_name, reaction_due, team_name, title."),
        "{page}"
    );
    let csrf = br.csrf();

    // A misspelt variable: the engine's message next to the field, the text kept, nothing written.
    let broken = "Dobrý deň,\npožiadavka {{ ticket_nuber }} je zapísaná.\n";
    let before = app.counts().await;
    let refused = br
        .post(here, &[("csrf", csrf.as_str()), ("source", broken)])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(app.counts().await, before, "a refused text wrote");
    let body = unescaped(&refused.body);
    assert!(
        body.contains("<p class=\"error\" id=\"source-error\">"),
        "{body}"
    );
    assert!(body.contains("confirmation.txt, line 2"), "{body}");
    assert!(body.contains("aria-invalid=\"true\""), "{body}");
    assert!(body.contains(&format!(">{broken}</textarea>")), "{body}");
    let number = new_request(&app, contact, "Nejde brána").await;
    assert!(
        !confirmation_text(&app, &number)
            .await
            .contains("je zapísaná"),
        "a refused text is not used"
    );

    // A good text is saved, audited and used by the next confirmation in Slovak.
    let good = "Dobrý deň,\npožiadavka {{ ticket_number }} je zapísaná.\n\n{{ t(\"sign-off\") }}\n{{ team_name }}\n";
    let saved = br
        .post(here, &[("csrf", csrf.as_str()), ("source", good)])
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let page = unescaped(&br.get(saved.location.as_deref().unwrap()).await.body);
    assert!(page.contains("Uložené."), "{page}");
    assert!(page.contains("Zmenený tu"), "{page}");
    assert!(page.contains("<td>source</td>"), "{page}");
    assert!(
        page.contains(&format!("action=\"{here}/revert\"")),
        "{page}"
    );
    let number = new_request(&app, contact, "Nesvieti svetlo").await;
    let text = confirmation_text(&app, &number).await;
    assert!(
        text.contains(&format!("požiadavka {number} je zapísaná.")),
        "{text}"
    );
    // The other languages keep the built-in text.
    let en = unescaped(
        &br.get("/desk/config/mail-templates/confirmation.txt/en")
            .await
            .body,
    );
    assert!(en.contains("Built-in") || en.contains("Vstavaný"), "{en}");

    // Reverted, the next confirmation is the built-in one again; both changes are audited.
    let reverted = br
        .post(&format!("{here}/revert"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(reverted.status, 303, "{}", reverted.body);
    let number = new_request(&app, contact, "Nehrá rádio").await;
    let text = confirmation_text(&app, &number).await;
    assert!(!text.contains("je zapísaná"), "{text}");
    let page = unescaped(&br.get(here).await.body);
    assert!(page.contains("Vstavaný"), "{page}");
    assert_eq!(page.matches("<td>source</td>").count(), 2, "{page}");
}

pub(crate) async fn the_support_addresses_of_the_configuration_are_listed(
    b: podpora_testkit::Backend,
) {
    let mail = MailSettings {
        addresses: vec![
            AddressSettings {
                address: "podpora@firma.example".into(),
                team: Some("Podpora".into()),
                language: "sk".into(),
            },
            AddressSettings {
                address: "wsparcie@firma.example".into(),
                team: Some("Polska".into()),
                language: "pl".into(),
            },
        ],
        ..Default::default()
    };
    let app = TestApp::spawn_with_mail(b, mail).await;
    let team = app.post("/api/v1/teams", json!({"name": "Podpora"})).await;
    assert_eq!(team.status, 201, "{}", team.body);
    let (mut br, _) = signed_in(&app, "admin@podpora.example", &["admin"]).await;
    let index = br.get("/desk/config").await.body;
    assert!(
        index.contains("href=\"/desk/config/support-addresses\""),
        "{index}"
    );
    let page = unescaped(&br.get("/desk/config/support-addresses").await.body);
    assert!(
        page.contains(
            "<td>podpora@firma.example</td><td>Podpora</td><td>Slovensky</td><td>Odosielateľ automatických e-mailov</td>"
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "<td>wsparcie@firma.example</td><td>Polska (tím s týmto názvom neexistuje)</td><td>Polski</td>"
        ),
        "{page}"
    );
    assert!(page.contains("mail.addresses"), "{page}");
}
