//! The SMTP sender into a real Postfix that stores what it receives in a Maildir.

mod common;

use std::time::Duration;

use common::{contains, message};
use podpora_mail::{
    TlsMode,
    smtp::{SmtpSender, SmtpSettings},
};
use podpora_testkit::mail::{Postfix, REFUSED_PERMANENTLY, REFUSED_TEMPORARILY, free_port};

fn settings(port: u16) -> SmtpSettings {
    SmtpSettings {
        host: "127.0.0.1".to_owned(),
        port,
        tls: TlsMode::None,
        extra_ca_pem: None,
        username: None,
        password: None,
        hello_name: "podpora.test".to_owned(),
        timeout: Duration::from_secs(20),
    }
}

#[tokio::test]
async fn a_sent_message_arrives_and_its_acceptance_time_is_recorded() {
    let postfix = Postfix::maildir_sink();
    let sender = SmtpSender::new(&settings(postfix.port())).unwrap();
    let raw = message(
        "help@support.test",
        "jana@customer.test",
        "Re: [#2026-000123] printer",
    );
    let before = jiff::Timestamp::now();
    let accepted = sender
        .send(
            "help@support.test",
            &[
                "jana@customer.test".to_owned(),
                "petr@customer.test".to_owned(),
            ],
            &raw,
        )
        .await
        .unwrap();
    let after = jiff::Timestamp::now();
    assert!(
        accepted.response.starts_with("250 "),
        "{}",
        accepted.response
    );
    assert!(
        accepted.response.contains("queued"),
        "{}",
        accepted.response
    );
    assert!(before <= accepted.at && accepted.at <= after);

    let received = postfix.received(2, Duration::from_secs(20)).await;
    assert_eq!(
        received.len(),
        2,
        "one copy per recipient: {}",
        postfix.log()
    );
    for copy in &received {
        assert!(contains(copy, "Subject: Re: [#2026-000123] printer"));
        assert!(contains(copy, "Return-Path: <help@support.test>"));
        assert!(contains(copy, "\n.leading dot line"), "dot-stuffing undone");
    }
    let delivered: Vec<bool> = ["jana@customer.test", "petr@customer.test"]
        .iter()
        .map(|rcpt| {
            received
                .iter()
                .any(|m| contains(m, &format!("Delivered-To: {rcpt}")))
        })
        .collect();
    assert_eq!(delivered, vec![true, true]);
}

#[tokio::test]
async fn replies_are_classified_temporary_or_permanent() {
    let postfix = Postfix::maildir_sink();
    let sender = SmtpSender::new(&settings(postfix.port())).unwrap();
    let raw = message("help@support.test", "x@refuse.test", "refused");

    let err = sender
        .send("help@support.test", &[REFUSED_TEMPORARILY.to_owned()], &raw)
        .await
        .unwrap_err();
    assert!(!err.permanent, "4xx is temporary: {err}");
    assert!(err.message.contains("450"), "{err}");

    let err = sender
        .send("help@support.test", &[REFUSED_PERMANENTLY.to_owned()], &raw)
        .await
        .unwrap_err();
    assert!(err.permanent, "5xx is permanent: {err}");
    assert!(err.message.contains("550"), "{err}");

    // The pooled connection still works after refusals.
    sender
        .send("help@support.test", &["ok@customer.test".to_owned()], &raw)
        .await
        .unwrap();
    assert_eq!(postfix.received(1, Duration::from_secs(20)).await.len(), 1);
}

#[tokio::test]
async fn an_unreachable_relay_is_a_temporary_failure() {
    let mut settings = settings(free_port());
    settings.timeout = Duration::from_secs(2);
    let sender = SmtpSender::new(&settings).unwrap();
    let err = sender
        .send(
            "help@support.test",
            &["a@customer.test".to_owned()],
            b"Subject: x\r\n\r\nx\r\n",
        )
        .await
        .unwrap_err();
    assert!(!err.permanent, "{err}");
}

#[tokio::test]
async fn starttls_against_a_plain_relay_fails_without_sending() {
    let postfix = Postfix::maildir_sink();
    let mut settings = settings(postfix.port());
    settings.tls = TlsMode::StartTls;
    let sender = SmtpSender::new(&settings).unwrap();
    let raw = message("help@support.test", "a@customer.test", "must be encrypted");
    assert!(
        sender
            .send("help@support.test", &["a@customer.test".to_owned()], &raw)
            .await
            .is_err()
    );
    assert!(
        postfix
            .received(1, Duration::from_millis(500))
            .await
            .is_empty()
    );
}
