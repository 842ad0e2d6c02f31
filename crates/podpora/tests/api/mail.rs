//! The e-mail channel through the API: intake, threading, duplicates, sender checks, loop
//! protection, the outbox, raw originals and reprocessing.

use crate::helpers::TestApp;
use crate::on_both;
use podpora::config::{AddressSettings, MailSettings};
use podpora_testkit::Backend;
use reqwest::Method;
use serde_json::{Value, json};

pub fn support_mail() -> MailSettings {
    MailSettings {
        company_name: "Inteligentný dom s.r.o.".into(),
        addresses: vec![AddressSettings {
            address: "podpora@support.test".into(),
            team: Some("Servis".into()),
            language: "sk".into(),
        }],
        ..Default::default()
    }
}

/// Submits a raw message as an MTA would; returns the inbound record.
pub async fn submit(t: &TestApp, raw: &str) -> Value {
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

fn mail(from: &str, message_id: &str, extra: &str, subject: &str, body: &str) -> String {
    format!(
        "From: Jana Nováková <{from}>\r\nTo: podpora@support.test\r\nSubject: {subject}\r\n\
         Message-ID: <{message_id}>\r\n{extra}Date: Mon, 30 Nov 2026 09:00:00 +0100\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
}

async fn outbox(t: &TestApp) -> Vec<Value> {
    let r = t.get("/api/v1/mail/outbox").await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body.as_array().unwrap().clone()
}

async fn a_mail_opens_a_ticket_confirms_it_and_threads_the_reply(backend: Backend) {
    let t = TestApp::spawn_with_mail(backend, support_mail()).await;
    let (org, _, _) = t.customer("35697270", "jana@zakaznik.test").await;

    let first = submit(
        &t,
        &mail(
            "Jana@Zakaznik.test",
            "q1@zakaznik.test",
            "",
            "Kúrenie nereaguje",
            "Dobrý deň,\r\ntermostat v obývačke nereaguje.",
        ),
    )
    .await;
    assert_eq!(first["status"], "processed", "{first}");
    let number = first["ticket_number"].as_str().unwrap().to_owned();
    let ticket = t.get(&format!("/api/v1/tickets/{number}")).await.body;
    assert_eq!(ticket["channel"], "email");
    assert_eq!(ticket["subject"], "Kúrenie nereaguje");
    assert_eq!(ticket["articles"][0]["kind"], "inbound_email");
    assert!(
        ticket["articles"][0]["body"]
            .as_str()
            .unwrap()
            .contains("termostat v obývačke")
    );

    // a confirmation in the contact's language, tagged, automatic, threaded to the request.
    let out = outbox(&t).await;
    assert_eq!(out.len(), 1, "{out:?}");
    assert_eq!(out[0]["purpose"], "confirmation");
    assert_eq!(out[0]["status"], "queued");
    assert_eq!(out[0]["recipient"], "jana@zakaznik.test");
    assert!(
        out[0]["subject"]
            .as_str()
            .unwrap()
            .ends_with(&format!("[#{number}]")),
        "{}",
        out[0]
    );
    let confirmation_id = out[0]["message_id"].as_str().unwrap().to_owned();

    // A reply from the customer's mail program: References only, no tag in the subject.
    let reply = submit(
        &t,
        &mail(
            "jana@zakaznik.test",
            "q2@zakaznik.test",
            &format!("In-Reply-To: <{confirmation_id}>\r\nReferences: <q1@zakaznik.test> <{confirmation_id}>\r\n"),
            "Re: Potvrdenie",
            "Posielam aj fotku displeja.",
        ),
    )
    .await;
    assert_eq!(reply["status"], "processed", "{reply}");
    assert_eq!(reply["ticket_number"], number.as_str());

    // The same message again as a CC copy (other bytes, same Message-ID): nothing new.
    let cc = submit(
        &t,
        &format!(
            "Received: from mx2.zakaznik.test by mail.test\r\n{}",
            mail(
                "jana@zakaznik.test",
                "q2@zakaznik.test",
                "Cc: podpora@support.test\r\n",
                "Re: Potvrdenie",
                "Posielam aj fotku displeja."
            )
        ),
    )
    .await;
    assert_eq!(cc["status"], "duplicate", "{cc}");
    let ticket = t.get(&format!("/api/v1/tickets/{number}")).await.body;
    assert_eq!(ticket["articles"].as_array().unwrap().len(), 2, "{ticket}");
    assert_eq!(
        outbox(&t).await.len(),
        1,
        "a reply gets no second confirmation"
    );

    // The very same bytes delivered twice are stored once.
    let again = submit(
        &t,
        &mail("jana@zakaznik.test", "q2@zakaznik.test", &format!("In-Reply-To: <{confirmation_id}>\r\nReferences: <q1@zakaznik.test> <{confirmation_id}>\r\n"), "Re: Potvrdenie", "Posielam aj fotku displeja."),
    )
    .await;
    assert_eq!(again["id"], reply["id"]);

    // The original of the first article, byte for byte.
    let article_id = ticket["articles"][0]["id"].as_i64().unwrap();
    let raw = t
        .client
        .get(format!("{}/api/v1/articles/{article_id}/original", t.base))
        .bearer_auth(&t.token)
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), 200);
    assert_eq!(raw.headers()["content-type"], "message/rfc822");
    assert!(
        raw.text()
            .await
            .unwrap()
            .contains("Message-ID: <q1@zakaznik.test>")
    );
    // Not for the organization whose request it is: the original carries every header and
    // recipient as it arrived; the ticket already holds its text and files.
    let key = t.org_key(org).await;
    let refused = t
        .call_as(
            Some(&key),
            Method::GET,
            &format!("/api/v1/articles/{article_id}/original"),
            None,
        )
        .await;
    refused.problem(403);
    assert!(
        !refused.body.to_string().contains("zakaznik.test"),
        "{}",
        refused.body
    );
    let theirs = t
        .call_as(
            Some(&key),
            Method::GET,
            &format!("/api/v1/tickets/{number}"),
            None,
        )
        .await;
    assert_eq!(theirs.status, 200, "the ticket itself stays theirs");

    // An agent's public reply goes out by mail, threaded after the customer's last message.
    let r = t
        .post(
            &format!("/api/v1/tickets/{number}/articles"),
            json!({"body": "Prosím reštartujte termostat."}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let mail_of_ticket = t.get(&format!("/api/v1/tickets/{number}/mail")).await.body;
    let replies: Vec<&Value> = mail_of_ticket
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["purpose"] == "agent_reply")
        .collect();
    assert_eq!(replies.len(), 1, "{mail_of_ticket}");
    assert_eq!(replies[0]["automatic"], false);
}

async fn strangers_agents_loops_and_automatic_mail_open_nothing(backend: Backend) {
    let t = TestApp::spawn_with_mail(backend, support_mail()).await;
    let before = t.counts().await;

    let unknown = submit(
        &t,
        &mail(
            "cudzi@niekde.test",
            "u1@niekde.test",
            "",
            "Pomoc",
            "Nefunguje mi to.",
        ),
    )
    .await;
    assert_eq!(unknown["status"], "rejected");
    assert!(
        unknown["reason"]
            .as_str()
            .unwrap()
            .contains("unknown sender"),
        "{unknown}"
    );
    let out = outbox(&t).await;
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["purpose"], "unknown_sender");
    assert_eq!(out[0]["recipient"], "cudzi@niekde.test");

    // An automatic message from an unknown sender gets no answer (RFC 3834).
    let auto = submit(
        &t,
        &mail(
            "cudzi2@niekde.test",
            "u2@niekde.test",
            "Auto-Submitted: auto-replied\r\n",
            "Out of office",
            "I am away.",
        ),
    )
    .await;
    assert_eq!(auto["status"], "rejected");
    assert_eq!(
        outbox(&t).await.len(),
        1,
        "no answer to an automatic message"
    );

    // Staff writing to the support address never opens a ticket on their own behalf.
    let agent = submit(
        &t,
        &mail(
            "admin@test.example",
            "a1@test.example",
            "",
            "Test",
            "Skúška.",
        ),
    )
    .await;
    assert_eq!(agent["status"], "rejected");
    assert!(
        agent["reason"].as_str().unwrap().contains("agent"),
        "{agent}"
    );

    // Our own address as sender is a loop.
    let looped = submit(
        &t,
        &mail("podpora@support.test", "l1@support.test", "", "Loop", "x"),
    )
    .await;
    assert_eq!(looped["status"], "rejected");
    assert!(
        looped["reason"].as_str().unwrap().contains("loop"),
        "{looped}"
    );

    // Rate limit: repeated mail from one unknown sender is answered a bounded number of times.
    for i in 0..12 {
        submit(
            &t,
            &mail(
                "cudzi@niekde.test",
                &format!("u1-{i}@niekde.test"),
                "",
                "Pomoc",
                "Znova.",
            ),
        )
        .await;
    }
    let answers = outbox(&t)
        .await
        .iter()
        .filter(|m| m["recipient"] == "cudzi@niekde.test")
        .count();
    assert_eq!(answers, 10, "auto_reply_per_hour bounds the answers");

    let after = t.counts().await;
    let tickets = |c: &[(&str, i64)]| c.iter().find(|(n, _)| *n == "tickets").map(|(_, v)| *v);
    assert_eq!(tickets(&before), tickets(&after), "no ticket was opened");

    // Everything was kept: listed with reasons.
    let rejected = t
        .get("/api/v1/mail/inbound?status=rejected&per_page=100")
        .await;
    assert_eq!(rejected.body["total"], 16, "{}", rejected.body);
}

async fn an_unprocessable_message_is_kept_and_can_be_reprocessed(backend: Backend) {
    let t = TestApp::spawn_with_mail(backend, support_mail()).await;
    // Hostile input: MIME parts nested far deeper than any real mail.
    let mut hostile = String::from("From: x@y.test\r\nSubject: deep\r\nMIME-Version: 1.0\r\n");
    for i in 0..200 {
        hostile.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"
        ));
    }
    hostile.push_str("Content-Type: text/plain\r\n\r\nx\r\n");
    let bad = submit(&t, &hostile).await;
    assert_eq!(bad["status"], "unprocessable", "{bad}");
    assert!(!bad["reason"].as_str().unwrap().is_empty());
    let id = bad["id"].as_i64().unwrap();
    let listed = t.get("/api/v1/mail/inbound?status=unprocessable").await;
    assert_eq!(listed.body["items"][0]["id"], id);
    let raw = t
        .client
        .get(format!("{}/api/v1/mail/inbound/{id}/raw", t.base))
        .bearer_auth(&t.token)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(raw, hostile);

    // An unknown sender registered afterwards: reprocessing opens the ticket.
    let stranger = submit(
        &t,
        &mail(
            "novy@zakaznik.test",
            "n1@zakaznik.test",
            "",
            "Alarm piští",
            "Alarm piští od rána.",
        ),
    )
    .await;
    assert_eq!(stranger["status"], "rejected");
    t.customer("35697270", "novy@zakaznik.test").await;
    let again = t
        .call(
            Method::POST,
            &format!("/api/v1/mail/inbound/{}/reprocess", stranger["id"]),
            None,
        )
        .await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body["status"], "processed");
    assert!(again.body["ticket_number"].is_string());
    // A processed message is not processed twice.
    let twice = t
        .call(
            Method::POST,
            &format!("/api/v1/mail/inbound/{}/reprocess", stranger["id"]),
            None,
        )
        .await;
    twice.problem(409);
    t.get("/api/v1/mail/inbound?status=nonsense")
        .await
        .problem(422);
}

async fn a_reply_to_a_closed_ticket_reopens_it(backend: Backend) {
    let t = TestApp::spawn_with_mail(backend, support_mail()).await;
    t.customer("35697270", "jana@zakaznik.test").await;
    let first = submit(
        &t,
        &mail(
            "jana@zakaznik.test",
            "c1@zakaznik.test",
            "",
            "Brána",
            "Brána sa neotvára.",
        ),
    )
    .await;
    let number = first["ticket_number"].as_str().unwrap().to_owned();
    for status in ["in_progress", "resolved", "closed"] {
        let r = t
            .patch(
                &format!("/api/v1/tickets/{number}"),
                json!({"status": status}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let reply = submit(
        &t,
        &mail(
            "jana@zakaznik.test",
            "c2@zakaznik.test",
            "",
            &format!("Re: Brána [#{number}]"),
            "Zase nejde.",
        ),
    )
    .await;
    assert_eq!(reply["ticket_number"], number.as_str(), "{reply}");
    let ticket = t.get(&format!("/api/v1/tickets/{number}")).await.body;
    assert_eq!(ticket["status"], "in_progress", "{ticket}");
    // Somebody else's tag opens nothing in a stranger's ticket.
    t.customer("36631124", "iny@firma.test").await;
    let other = submit(
        &t,
        &mail(
            "iny@firma.test",
            "o1@firma.test",
            "",
            &format!("Re: [#{number}]"),
            "Cudzí.",
        ),
    )
    .await;
    assert_ne!(
        other["ticket_number"],
        number.as_str(),
        "a tag does not let another customer write into a ticket"
    );
}

on_both!(
    a_mail_opens_a_ticket_confirms_it_and_threads_the_reply,
    strangers_agents_loops_and_automatic_mail_open_nothing,
    an_unprocessable_message_is_kept_and_can_be_reprocessed,
    a_reply_to_a_closed_ticket_reopens_it,
    every_corpus_message_is_ingested,
);

/// Every message of the shared corpora (real-world mail from other projects, malformed ones
/// included) goes through the whole intake: stored, then processed to a final status with a
/// reason — never left pending, never a panic. Senders are registered first so that most
/// messages take the path that opens tickets and queues confirmations.
async fn every_corpus_message_is_ingested(backend: Backend) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora");
    let mut files = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("box" | "eml" | "txt")
            ) {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() > 150, "corpora found: {}", files.len());
    let t = TestApp::spawn_with_mail(backend, support_mail()).await;
    let mut registered = std::collections::HashSet::new();
    for f in &files {
        let raw = std::fs::read(f).unwrap();
        if let Ok(m) = podpora_mailproto::parse(&raw, &Default::default())
            && let Some(s) = m.sender()
            && registered.insert(s.address.clone())
        {
            // Addresses our own validation refuses stay unknown senders.
            t.post(
                "/api/v1/contacts",
                json!({"name": "Corpus", "emails": [s.address]}),
            )
            .await;
        }
    }
    let mut statuses = std::collections::BTreeMap::new();
    for f in &files {
        let raw = std::fs::read(f).unwrap();
        let a = podpora_app::mail::accept(
            &t.app,
            podpora_app::mail::Source::Api,
            "",
            &["podpora@support.test".into()],
            raw,
        )
        .await
        .unwrap();
        let status = podpora_app::mail::process(&t.app, a.id).await.unwrap();
        assert_ne!(status, "pending", "{}", f.display());
        *statuses.entry(status).or_insert(0) += 1;
    }
    let processed = statuses.get("processed").copied().unwrap_or(0);
    assert!(
        processed * 2 > files.len(),
        "most corpus mail becomes articles: {statuses:?}"
    );
    let listed = t.get("/api/v1/mail/inbound?status=pending").await;
    assert_eq!(listed.body["total"], 0, "{statuses:?}");
}
