//! Duplicates: linking two tickets and merging one into another, through the API and on the
//! ticket page, with the refusals; mail to a merged ticket's thread lands in the target.

use crate::helpers::TestApp;
use crate::{Browser, signed_in, sla, ticket, unescaped};
use podpora::config::{AddressSettings, MailSettings};
use podpora_testkit::Backend;
use serde_json::{Value, json};

fn support_mail() -> MailSettings {
    MailSettings {
        company_name: "Inteligentný dom s.r.o.".into(),
        addresses: vec![AddressSettings {
            address: "podpora@support.test".into(),
            team: None,
            language: "sk".into(),
        }],
        ..Default::default()
    }
}

/// Submits a raw message as an MTA would; returns the inbound record.
pub(crate) async fn submit(t: &TestApp, raw: &str) -> Value {
    let res = t
        .client
        .post(format!(
            "{}/api/v1/mail/inbound?recipient=podpora@support.test",
            t.base
        ))
        .bearer_auth(&t.token)
        .header("content-type", "message/rfc822")
        .body(raw.to_owned())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    res.json().await.unwrap()
}

pub(crate) fn mail(from: &str, message_id: &str, subject: &str, body: &str) -> String {
    format!(
        "From: Jana Nováková <{from}>\r\nTo: podpora@support.test\r\nSubject: {subject}\r\n\
         Message-ID: <{message_id}>\r\nDate: Mon, 30 Nov 2026 09:00:00 +0100\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
}

fn bodies(t: &Value) -> Vec<String> {
    t["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["body"].as_str().unwrap().trim().to_string())
        .collect()
}

/// Through the API: a link both tickets show, every refusal with its field, the merge (articles
/// and files moved, the source closed with a pointer, both histories) and mail to the merged
/// ticket's thread, by its tag, arriving in the target.
pub(crate) async fn tickets_are_linked_and_merged_through_the_api(b: Backend) {
    let app = TestApp::spawn_with_mail(b, support_mail()).await;
    let (_org, contact, _asset) = app.customer("35697270", "jana@zakaznik.test").await;
    let (other_org, other_contact, _) = app.customer("27082440", "peter@iny.test").await;
    let first = submit(
        &app,
        &mail(
            "jana@zakaznik.test",
            "m1@zakaznik.test",
            "Kúrenie nereaguje",
            "Termostat nereaguje.",
        ),
    )
    .await;
    assert_eq!(first["status"], "processed", "{first}");
    let source = first["ticket_number"].as_str().unwrap().to_string();
    let file = app
        .post(
            &format!("/api/v1/tickets/{source}/articles"),
            json!({"kind": "internal_note", "body": "Fotka displeja.",
                   "attachments": [{"filename": "displej.txt", "content_base64": "ZGlzcGxlag=="}]}),
        )
        .await;
    assert_eq!(file.status, 201, "{}", file.body);
    let target = ticket(&app, contact, "Kúrenie stále nejde", "normal").await;
    let foreign = ticket(&app, other_contact, "Iná firma", "normal").await;

    // Linked: both show it; again changes nothing.
    for _ in 0..2 {
        let l = app
            .post(
                &format!("/api/v1/tickets/{source}/links"),
                json!({"number": foreign}),
            )
            .await;
        assert_eq!(l.status, 201, "{}", l.body);
        assert_eq!(l.body.as_array().unwrap().len(), 1, "{}", l.body);
    }
    let back = app.get(&format!("/api/v1/tickets/{foreign}/links")).await;
    assert_eq!(back.body[0]["number"], source.as_str(), "{}", back.body);
    assert_eq!(back.body[0]["kind"], "related");
    assert_eq!(app.history_of(&foreign, "linked").await.len(), 1);

    let closed = ticket(&app, contact, "Uzavretá", "normal").await;
    for status in ["resolved", "closed"] {
        let r = app
            .patch(
                &format!("/api/v1/tickets/{closed}"),
                json!({"status": status}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let key = app.org_key(other_org).await;

    // Refusals, each on its field, nothing written.
    let before = app.counts().await;
    for (path, body, field) in [
        ("links", json!({"number": source}), "number"),
        ("links", json!({"number": "2026-99"}), "number"),
        ("links", json!({"number": "2020-999999"}), "number"),
        ("merge", json!({"into": source}), "into"),
        ("merge", json!({"into": foreign}), "into"),
    ] {
        let r = app
            .post(&format!("/api/v1/tickets/{source}/{path}"), body.clone())
            .await;
        assert_eq!(
            r.problem(422),
            vec![field.to_string()],
            "{body}: {}",
            r.body
        );
    }
    let cross = app
        .post(
            &format!("/api/v1/tickets/{source}/merge"),
            json!({"into": foreign}),
        )
        .await;
    assert!(
        cross.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("another organization"),
        "{}",
        cross.body
    );
    // A closed target is refused.
    let r = app
        .post(
            &format!("/api/v1/tickets/{source}/merge"),
            json!({"into": closed}),
        )
        .await;
    assert_eq!(r.problem(422), vec!["into"]);
    assert!(
        r.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("closed")
    );
    // An organization key may neither see links nor merge.
    let r = app
        .call_as(
            Some(&key),
            reqwest::Method::POST,
            &format!("/api/v1/tickets/{foreign}/merge"),
            Some(json!({"into": foreign})),
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(app.counts().await, before);

    // The merge: the target has every article and file, the source is closed and points there.
    let merged = app
        .post(
            &format!("/api/v1/tickets/{source}/merge"),
            json!({"into": target}),
        )
        .await;
    assert_eq!(merged.status, 200, "{}", merged.body);
    assert_eq!(merged.body["number"], target.as_str());
    let texts = bodies(&merged.body);
    assert!(
        texts.contains(&"Termostat nereaguje.".to_string()),
        "{texts:?}"
    );
    assert!(texts.contains(&"Fotka displeja.".to_string()), "{texts:?}");
    let files: Vec<&Value> = merged.body["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["attachments"].as_array().unwrap())
        .collect();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["filename"], "displej.txt");
    let old = app.get(&format!("/api/v1/tickets/{source}")).await.body;
    assert_eq!(old["status"], "closed");
    assert_eq!(old["articles"].as_array().unwrap().len(), 0);
    let pointer = app.get(&format!("/api/v1/tickets/{source}/links")).await;
    assert_eq!(pointer.body[1]["kind"], "merged_into", "{}", pointer.body);
    assert_eq!(pointer.body[1]["number"], target.as_str());
    assert_eq!(
        app.history_of(&source, "merged_into").await[0]["new_value"],
        target.as_str()
    );
    assert_eq!(
        app.history_of(&target, "merged_from").await[0]["new_value"],
        source.as_str()
    );
    // Merged twice: 409; into the merged one: refused.
    let again = app
        .post(
            &format!("/api/v1/tickets/{source}/merge"),
            json!({"into": target}),
        )
        .await;
    assert_eq!(again.status, 409, "{}", again.body);
    let third = ticket(&app, contact, "Tretia", "normal").await;
    let r = app
        .post(
            &format!("/api/v1/tickets/{third}/merge"),
            json!({"into": source}),
        )
        .await;
    assert_eq!(r.problem(422), vec!["into"]);

    // The customer answers the merged ticket's mail (its tag): it lands in the target.
    let reply = submit(
        &app,
        &mail(
            "jana@zakaznik.test",
            "m2@zakaznik.test",
            &format!("Re: Kúrenie nereaguje [#{source}]"),
            "Stále to nejde.",
        ),
    )
    .await;
    assert_eq!(reply["status"], "processed", "{reply}");
    assert_eq!(reply["ticket_number"], target.as_str(), "{reply}");
    let t = app.get(&format!("/api/v1/tickets/{target}")).await.body;
    assert!(bodies(&t).contains(&"Stále to nejde.".to_string()));
    let old = app.get(&format!("/api/v1/tickets/{source}")).await.body;
    assert_eq!(old["status"], "closed", "the merged ticket stays closed");
    // The text moved with its articles: a search finds it under the target.
    let found = app.get("/api/v1/search?q=termostat").await;
    assert_eq!(found.status, 200, "{}", found.body);
    assert!(found.body.to_string().contains(&target), "{}", found.body);
}

/// On the page: a link by number, a refusal next to the field with the number kept, the merge
/// opening the target, and the merged ticket pointing there.
pub(crate) async fn an_agent_links_and_merges_on_the_ticket_page(b: Backend) {
    let app = TestApp::spawn(b).await;
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let (_o, other_contact, _) = app.customer("27082440", "peter@iny.test").await;
    let source = ticket(&app, contact, "Nejde tlačiareň", "normal").await;
    let target = ticket(&app, contact, "Tlačiareň znova", "normal").await;
    let foreign = ticket(&app, other_contact, "Iná firma", "normal").await;
    let note = app
        .post(
            &format!("/api/v1/tickets/{source}/articles"),
            json!({"kind": "internal_note", "body": "Poznámka zo zdroja."}),
        )
        .await;
    assert_eq!(note.status, 201, "{}", note.body);
    let mut br: Browser = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    let path = format!("/desk/tickets/{source}");
    let page = br.get(&path).await;
    assert!(
        page.body.contains("Žiadne prepojené požiadavky."),
        "{}",
        page.body
    );
    let csrf = br.csrf();

    let linked = br
        .post(
            &format!("{path}/links"),
            &[("csrf", &csrf), ("other", &foreign)],
        )
        .await;
    assert_eq!(linked.status, 303, "{}", linked.body);
    let page = unescaped(&br.get(&format!("/desk/tickets/{foreign}")).await.body);
    assert!(
        page.contains(&format!(
            "<a href=\"/desk/tickets/{source}\">{source}</a> – Nejde tlačiareň (súvisiaca"
        )),
        "{page}"
    );

    let refused = br
        .post(
            &format!("{path}/merge"),
            &[("csrf", &csrf), ("into", &foreign)],
        )
        .await;
    assert_eq!(refused.status, 422);
    let body = unescaped(&refused.body);
    assert!(
        body.contains(
            "id=\"merge-into-error\" role=\"alert\">Tá požiadavka patrí inej organizácii"
        ),
        "{body}"
    );
    assert!(
        body.contains(&format!("name=\"into\" value=\"{foreign}\"")),
        "{body}"
    );
    let itself = br
        .post(
            &format!("{path}/merge"),
            &[("csrf", &csrf), ("into", &source)],
        )
        .await;
    assert!(
        itself
            .body
            .contains("nemožno prepojiť ani zlúčiť so sebou samou")
    );

    let merged = br
        .post(
            &format!("{path}/merge"),
            &[("csrf", &csrf), ("into", &target)],
        )
        .await;
    assert_eq!(merged.status, 303, "{}", merged.body);
    let to = format!("/desk/tickets/{target}?done=merged");
    assert_eq!(merged.location.as_deref(), Some(to.as_str()));
    let page = br.get(&to).await;
    assert!(
        page.body.contains("Zlúčené: správy a súbory"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Poznámka zo zdroja."),
        "the source's articles moved"
    );
    assert!(page.body.contains("zlúčená do tejto požiadavky"));
    let old = br.get(&path).await;
    assert!(old.body.contains("id=\"merged-into\""), "{}", old.body);
    assert!(
        old.body.contains("Zlúčená do"),
        "the history names the merge"
    );
    assert!(
        !old.body.contains("id=\"merge-form\""),
        "a merged ticket offers no merge"
    );
    // Nothing is written on the merged ticket: no reply or note form, a pointer to the target.
    let old = unescaped(&old.body);
    assert!(!old.contains("id=\"reply\""), "no reply form: {old}");
    assert!(!old.contains("id=\"kind-note\""), "no note form either");
    assert!(
        old.contains(&format!(
            "id=\"reply-merged\">Odpovede a poznámky k tejto požiadavke sa píšu v požiadavke <a href=\"/desk/tickets/{target}#reply\">{target}</a>"
        )),
        "{old}"
    );
    assert!(
        old.contains(&format!(
            "Táto požiadavka bola zlúčená; konverzácia pokračuje v <a href=\"/desk/tickets/{target}\">{target}</a>"
        )),
        "{old}"
    );
    // A post from a page opened before the merge still lands in the target.
    let late = br
        .post(
            &format!("{path}/articles"),
            &[
                ("csrf", &csrf),
                ("kind", "note"),
                ("body", "Neskorá poznámka."),
                ("last_seen", "0"),
            ],
        )
        .await;
    assert_eq!(late.status, 303, "{}", late.body);
    assert!(
        br.get(&format!("/desk/tickets/{target}"))
            .await
            .body
            .contains("Neskorá poznámka.")
    );
}

/// A merged ticket's SLA clocks stop with it: the history says which, and the scheduler, even
/// days later, neither warns nor escalates the closed duplicate; the target's clocks run on.
pub(crate) async fn a_merged_tickets_clocks_stop_and_it_never_breaches(b: Backend) {
    let app = TestApp::spawn(b).await;
    sla(&app).await;
    let (_org, contact, _asset) = app.customer("35697270", "jan@firma.sk").await;
    let source = ticket(&app, contact, "Nejde tlačiareň", "normal").await;
    let target = ticket(&app, contact, "Tlačiareň znova", "normal").await;
    let running = |t: &Value| -> Vec<String> {
        t["clocks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["state"] == "running")
            .map(|c| c["metric"].as_str().unwrap().to_string())
            .collect()
    };
    let before = app.get(&format!("/api/v1/tickets/{source}")).await.body;
    assert!(
        running(&before).contains(&"reaction".to_string()),
        "{before}"
    );
    let merged = app
        .post(
            &format!("/api/v1/tickets/{source}/merge"),
            json!({"into": target}),
        )
        .await;
    assert_eq!(merged.status, 200, "{}", merged.body);
    let after = app.get(&format!("/api/v1/tickets/{source}")).await.body;
    assert!(running(&after).is_empty(), "{after}");
    let stopped = app.history_of(&source, "sla_stopped").await;
    assert_eq!(stopped.len(), 1, "{stopped:?}");
    let metrics = stopped[0]["new_value"].as_str().unwrap();
    assert!(
        metrics.contains("reaction") && metrics.contains("resolution"),
        "{metrics}"
    );

    // A week on: only the target's clocks are acted on.
    let later = podpora_app::now_ms() + 7 * 24 * 3_600_000;
    let report = podpora_app::sla::tick(&app.app, later).await.unwrap();
    assert!(report.escalations >= 1, "the target breaches: {report:?}");
    assert!(app.history_of(&source, "sla_breached").await.is_empty());
    assert!(app.history_of(&source, "sla_warning").await.is_empty());
    assert!(!app.history_of(&target, "sla_breached").await.is_empty());
    let closed = app.get(&format!("/api/v1/tickets/{source}")).await.body;
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["urgency"], "normal", "not escalated: {closed}");

    // The history on the page names the stopped clocks.
    let mut br = signed_in(&app, "dispecer@podpora.example", &["dispatcher"]).await;
    let page = br.get(&format!("/desk/tickets/{source}")).await;
    assert!(
        page.body.contains("Lehoty SLA zastavené zlúčením"),
        "{}",
        page.body
    );
}
