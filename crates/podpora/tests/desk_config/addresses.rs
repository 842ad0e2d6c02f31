//! Support addresses added in the workspace: a bad or duplicate address is refused next to the
//! field with the input kept; a saved one is accepted by the LMTP server from then on, and a
//! request mailed to it goes to its team; a deleted one is refused again.

use crate::helpers::TestApp;
use crate::{signed_in, unescaped};
use podpora::config::{AddressSettings, MailSettings};
use podpora_testkit::mail::free_port;
use reqwest::Method;
use serde_json::{Value, json};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// One LMTP reply (all its lines), as an MTA reads it.
async fn reply(r: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> String {
    let mut all = String::new();
    loop {
        let mut line = String::new();
        r.read_line(&mut line).await.unwrap();
        assert!(!line.is_empty(), "connection closed after {all:?}");
        all.push_str(&line);
        if line.as_bytes().get(3) != Some(&b'-') {
            return all;
        }
    }
}

async fn send(w: &mut tokio::net::tcp::OwnedWriteHalf, line: String) {
    w.write_all(line.as_bytes()).await.unwrap();
}

/// Offers `message` from `from` to `rcpt` over LMTP, as Postfix does; the reply to the
/// recipient, and the delivery's reply when the recipient was accepted.
async fn deliver(port: u16, from: &str, rcpt: &str, message: &str) -> (String, Option<String>) {
    let stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    assert!(reply(&mut read).await.starts_with("220"));
    send(&mut write, "LHLO tests.example\r\n".into()).await;
    assert!(reply(&mut read).await.starts_with("250"));
    send(&mut write, format!("MAIL FROM:<{from}>\r\n")).await;
    assert!(reply(&mut read).await.starts_with("250"));
    send(&mut write, format!("RCPT TO:<{rcpt}>\r\n")).await;
    let to = reply(&mut read).await;
    if !to.starts_with("250") {
        send(&mut write, "QUIT\r\n".into()).await;
        return (to, None);
    }
    send(&mut write, "DATA\r\n".into()).await;
    assert!(reply(&mut read).await.starts_with("354"));
    send(&mut write, format!("{message}\r\n.\r\n")).await;
    let done = reply(&mut read).await;
    send(&mut write, "QUIT\r\n".into()).await;
    (to, Some(done))
}

async fn wait_for(t: &TestApp, path: &str, ok: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let r = t.get(path).await;
        if ok(&r.body) {
            return r.body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out: {}",
            r.body
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub(crate) async fn a_support_address_added_in_the_workspace_takes_mail_in_for_its_team(
    b: podpora_testkit::Backend,
) {
    let port = free_port();
    let mail = MailSettings {
        lmtp_listen: format!("127.0.0.1:{port}"),
        addresses: vec![AddressSettings {
            address: "podpora@firma.example".into(),
            team: None,
            language: "sk".into(),
        }],
        ..Default::default()
    };
    let app = TestApp::spawn_with_mail(b, mail).await;
    let team = app.post("/api/v1/teams", json!({"name": "Polska"})).await;
    assert_eq!(team.status, 201, "{}", team.body);
    let team = team.body["id"].as_i64().unwrap();
    app.customer("35697270", "jan@firma.sk").await;
    let message = "From: Jan <jan@firma.sk>\r\nTo: wsparcie@firma.example\r\nSubject: Centrala nie dziala\r\n\
                   Message-ID: <c1@firma.sk>\r\n\r\nProsze o pomoc.";

    // Not ours yet: the LMTP server refuses the recipient.
    let (to, _) = deliver(port, "jan@firma.sk", "wsparcie@firma.example", message).await;
    assert!(to.starts_with('5'), "{to}");

    let (mut br, _) = signed_in(&app, "admin@podpora.example", &["admin"]).await;
    br.get("/desk/config/support-addresses/new").await;
    let csrf = br.csrf();
    let team_s = team.to_string();
    let mut typed = [
        ("csrf", csrf.as_str()),
        ("address", "wsparcie(at)firma.example"),
        ("team_id", team_s.as_str()),
        ("language", "pl"),
    ];
    let before = app.counts().await;
    let refused = br.post("/desk/config/support-addresses", &typed).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(app.counts().await, before, "a refused form wrote");
    let body = unescaped(&refused.body);
    let message_of = podpora_core::EmailAddress::parse("wsparcie(at)firma.example")
        .unwrap_err()
        .to_string();
    let next_to_field = format!("<p class=\"error\" id=\"address-error\">{message_of}</p>");
    assert!(
        body.contains(&next_to_field),
        "{next_to_field} not in {body}"
    );
    assert!(
        body.contains("value=\"wsparcie(at)firma.example\""),
        "{body}"
    );
    assert!(
        body.contains(&format!("<option value=\"{team}\" selected>")),
        "{body}"
    );
    typed[1] = ("address", "Podpora@Firma.example");
    let refused = br.post("/desk/config/support-addresses", &typed).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        unescaped(&refused.body).contains(
            "<p class=\"error\" id=\"address-error\">is a support address of the configuration file already</p>"
        ),
        "{}",
        refused.body
    );

    typed[1] = ("address", "Wsparcie@Firma.example");
    let saved = br.post("/desk/config/support-addresses", &typed).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let here = saved.location.unwrap().replace("?saved=1", "");
    let page = unescaped(&br.get(&here).await.body);
    assert!(page.contains("<h1>wsparcie@firma.example</h1>"), "{page}");
    assert!(page.contains("<td>created</td>"), "{page}");
    let list = unescaped(&br.get("/desk/config/support-addresses").await.body);
    assert!(
        list.contains(&format!(
            "<a href=\"{here}\">wsparcie@firma.example</a></td><td>Polska</td><td>Polski</td>"
        )),
        "{list}"
    );

    // The team cannot be deleted while the address routes mail to it: the refusal names it.
    let refused = app
        .call(Method::DELETE, &format!("/api/v1/teams/{team}"), None)
        .await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    let detail = refused.body["detail"].as_str().unwrap_or_default();
    assert!(
        detail.contains("support address wsparcie@firma.example"),
        "{detail}"
    );

    // Now the intake takes mail to it in, and the request goes to the address's team.
    let (to, done) = deliver(port, "jan@firma.sk", "wsparcie@firma.example", message).await;
    assert!(to.starts_with("250"), "{to}");
    assert!(done.unwrap().starts_with("250"));
    let inbound = wait_for(&app, "/api/v1/mail/inbound", |b| {
        b["items"][0]["status"] == "processed"
    })
    .await;
    let number = inbound["items"][0]["ticket_number"]
        .as_str()
        .unwrap()
        .to_string();
    let ticket = app.get(&format!("/api/v1/tickets/{number}")).await;
    assert_eq!(ticket.body["team_id"], team, "{}", ticket.body);

    // Deleted, it is refused again; the deletion is in its history.
    let deleted = br
        .post(&format!("{here}/delete"), &[("csrf", csrf.as_str())])
        .await;
    assert_eq!(deleted.status, 303, "{}", deleted.body);
    let (to, _) = deliver(port, "jan@firma.sk", "wsparcie@firma.example", message).await;
    assert!(to.starts_with('5'), "{to}");
}
