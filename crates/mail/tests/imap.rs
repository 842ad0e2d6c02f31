//! The IMAP poller against Debian's Dovecot.

mod common;

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use common::{Mode, RecordingSink, contains, message};
use podpora_mail::{
    Source, TlsMode,
    imap::{AfterStore, ImapError, ImapSettings, MailboxLease, poll_once, run},
};
use podpora_testkit::mail::Dovecot;

fn settings(dovecot: &Dovecot, after_store: AfterStore) -> ImapSettings {
    ImapSettings {
        host: "127.0.0.1".to_owned(),
        port: dovecot.port,
        tls: TlsMode::None,
        extra_ca_pem: None,
        username: dovecot.user.clone(),
        password: dovecot.password.clone(),
        mailbox: "INBOX".to_owned(),
        address: "help@support.test".to_owned(),
        after_store,
        poll_interval: Duration::from_millis(200),
        use_idle: true,
        max_message_bytes: 1 << 20,
    }
}

#[tokio::test]
async fn unseen_messages_are_fetched_once_and_marked_after_storing() {
    let dovecot = Dovecot::start();
    for i in 0..3 {
        let mut raw = format!("Return-Path: <sender{i}@customer.test>\r\n").into_bytes();
        raw.extend(message(
            "a@customer.test",
            "help@support.test",
            &format!("imap {i}"),
        ));
        dovecot.append("INBOX", &raw).await.unwrap();
    }
    assert_eq!(dovecot.unseen("INBOX").await.unwrap(), 3);
    let sink = RecordingSink::new(Mode::Accept);
    let settings = settings(&dovecot, AfterStore::MarkSeen);
    assert_eq!(poll_once(&settings, &sink).await.unwrap(), 3);
    let stored = sink.stored();
    assert_eq!(stored.len(), 3);
    for (i, (envelope, raw)) in stored.iter().enumerate() {
        assert_eq!(envelope.source, Source::Imap);
        assert_eq!(envelope.mail_from, format!("sender{i}@customer.test"));
        assert_eq!(envelope.recipients, vec!["help@support.test".to_owned()]);
        assert!(contains(raw, &format!("Subject: imap {i}")), "in UID order");
        assert!(contains(raw, "\r\n.leading dot line\r\n"));
    }
    assert_eq!(dovecot.unseen("INBOX").await.unwrap(), 0);
    assert_eq!(
        dovecot.count("INBOX").await.unwrap(),
        3,
        "kept, marked seen"
    );

    assert_eq!(
        poll_once(&settings, &sink).await.unwrap(),
        0,
        "nothing twice"
    );
    assert_eq!(sink.calls(), 3);
}

#[tokio::test]
async fn a_temporary_sink_failure_leaves_messages_unseen() {
    let dovecot = Dovecot::start();
    dovecot
        .append(
            "INBOX",
            &message("a@customer.test", "help@support.test", "retry me"),
        )
        .await
        .unwrap();
    let sink = RecordingSink::new(Mode::Temporary);
    let settings = settings(&dovecot, AfterStore::MoveTo("Processed".to_owned()));
    let err = poll_once(&settings, &sink).await.unwrap_err();
    assert!(matches!(err, ImapError::Sink(_)), "{err}");
    assert_eq!(dovecot.unseen("INBOX").await.unwrap(), 1);
    assert_eq!(dovecot.count("Processed").await.unwrap(), 0);

    sink.set_mode(Mode::Accept);
    assert_eq!(poll_once(&settings, &sink).await.unwrap(), 1);
    assert_eq!(dovecot.count("INBOX").await.unwrap(), 0, "moved away");
    assert_eq!(dovecot.count("Processed").await.unwrap(), 1);
    assert_eq!(sink.stored().len(), 1);
}

#[tokio::test]
async fn a_permanently_refused_message_is_flagged_and_not_fetched_again() {
    let dovecot = Dovecot::start();
    dovecot
        .append(
            "INBOX",
            &message("a@customer.test", "help@support.test", "refused"),
        )
        .await
        .unwrap();
    let sink = RecordingSink::new(Mode::Permanent);
    let settings = settings(&dovecot, AfterStore::Delete);
    assert_eq!(poll_once(&settings, &sink).await.unwrap(), 0);
    assert_eq!(dovecot.count("INBOX").await.unwrap(), 1, "kept for a human");
    sink.set_mode(Mode::Accept);
    assert_eq!(poll_once(&settings, &sink).await.unwrap(), 0);
    assert_eq!(sink.calls(), 1);
}

#[tokio::test]
async fn a_message_over_the_size_limit_is_not_downloaded() {
    let dovecot = Dovecot::start();
    let mut big = message("a@customer.test", "help@support.test", "big");
    big.extend(std::iter::repeat_n(b'x', 4000));
    big.extend_from_slice(b"\r\n");
    dovecot.append("INBOX", &big).await.unwrap();
    dovecot
        .append(
            "INBOX",
            &message("a@customer.test", "help@support.test", "small"),
        )
        .await
        .unwrap();
    let sink = RecordingSink::new(Mode::Accept);
    let mut settings = settings(&dovecot, AfterStore::Delete);
    settings.max_message_bytes = 1000;
    assert_eq!(poll_once(&settings, &sink).await.unwrap(), 1);
    let stored = sink.stored();
    assert_eq!(stored.len(), 1);
    assert!(contains(&stored[0].1, "Subject: small"));
    assert_eq!(
        dovecot.count("INBOX").await.unwrap(),
        1,
        "the large one is kept"
    );
    assert_eq!(
        dovecot.unseen("INBOX").await.unwrap(),
        0,
        "and not fetched again"
    );
}

#[tokio::test]
async fn delete_removes_stored_messages() {
    let dovecot = Dovecot::start();
    for i in 0..2 {
        dovecot
            .append(
                "INBOX",
                &message("a@customer.test", "help@support.test", &format!("del {i}")),
            )
            .await
            .unwrap();
    }
    let sink = RecordingSink::new(Mode::Accept);
    assert_eq!(
        poll_once(&settings(&dovecot, AfterStore::Delete), &sink)
            .await
            .unwrap(),
        2
    );
    assert_eq!(dovecot.count("INBOX").await.unwrap(), 0);
}

#[tokio::test]
async fn implicit_tls_and_starttls_verify_the_server() {
    let dovecot = Dovecot::start_tls();
    dovecot
        .append(
            "INBOX",
            &message("a@customer.test", "help@support.test", "secure"),
        )
        .await
        .unwrap();
    let sink = RecordingSink::new(Mode::Accept);
    let mut implicit = settings(&dovecot, AfterStore::MarkSeen);
    implicit.host = "localhost".to_owned();
    implicit.port = dovecot.tls_port.unwrap();
    implicit.tls = TlsMode::Implicit;

    // Without the test CA the certificate is not trusted.
    let err = poll_once(&implicit, &sink).await.unwrap_err();
    assert!(matches!(err, ImapError::Tls(_)), "{err}");
    assert!(sink.stored().is_empty());

    implicit.extra_ca_pem = dovecot.ca_pem.clone();
    assert_eq!(poll_once(&implicit, &sink).await.unwrap(), 1);

    dovecot
        .append(
            "INBOX",
            &message("a@customer.test", "help@support.test", "upgraded"),
        )
        .await
        .unwrap();
    let mut starttls = implicit.clone();
    starttls.port = dovecot.port;
    starttls.tls = TlsMode::StartTls;
    assert_eq!(poll_once(&starttls, &sink).await.unwrap(), 1);
    let stored = sink.stored();
    assert!(contains(&stored[0].1, "Subject: secure"));
    assert!(contains(&stored[1].1, "Subject: upgraded"));
}

#[tokio::test]
async fn starttls_is_required_when_asked_for() {
    let dovecot = Dovecot::start();
    let mut settings = settings(&dovecot, AfterStore::MarkSeen);
    settings.tls = TlsMode::StartTls;
    let err = poll_once(&settings, &RecordingSink::new(Mode::Accept))
        .await
        .unwrap_err();
    assert!(matches!(err, ImapError::NoStartTls), "{err}");
}

/// A lease that can be taken away.
struct SwitchLease(AtomicBool);

impl MailboxLease for SwitchLease {
    async fn acquire(&self, _key: &str, _ttl: Duration) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

struct Poller {
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Poller {
    fn start(
        settings: ImapSettings,
        sink: &Arc<RecordingSink>,
        lease: &Arc<SwitchLease>,
    ) -> Poller {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(run(settings, sink.clone(), lease.clone(), async {
            let _ = stopped.await;
        }));
        Poller { stop, task }
    }

    async fn stop(self) {
        let _ = self.stop.send(());
        tokio::time::timeout(Duration::from_secs(5), self.task)
            .await
            .expect("the poller stops on shutdown")
            .unwrap();
    }
}

#[tokio::test]
async fn run_polls_only_while_it_holds_the_lease() {
    let dovecot = Dovecot::start();
    let sink = Arc::new(RecordingSink::new(Mode::Accept));
    let lease = Arc::new(SwitchLease(AtomicBool::new(false)));
    let mut settings = settings(&dovecot, AfterStore::MarkSeen);
    settings.use_idle = false;
    let poller = Poller::start(settings, &sink, &lease);
    dovecot
        .append(
            "INBOX",
            &message("a@customer.test", "help@support.test", "not leased"),
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(sink.calls(), 0, "another node holds the lease");

    lease.0.store(true, Ordering::SeqCst);
    assert_eq!(sink.wait_for(1, Duration::from_secs(10)).await.len(), 1);
    dovecot
        .append(
            "INBOX",
            &message("a@customer.test", "help@support.test", "next poll"),
        )
        .await
        .unwrap();
    assert_eq!(sink.wait_for(2, Duration::from_secs(10)).await.len(), 2);

    lease.0.store(false, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(500)).await;
    dovecot
        .append(
            "INBOX",
            &message("a@customer.test", "help@support.test", "lease lost"),
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        sink.calls(),
        2,
        "each message once, none after the lease was lost"
    );
    assert_eq!(dovecot.unseen("INBOX").await.unwrap(), 1);
    poller.stop().await;
}

#[tokio::test]
async fn run_waits_with_idle() {
    let dovecot = Dovecot::start();
    dovecot
        .append(
            "INBOX",
            &message("a@customer.test", "help@support.test", "before"),
        )
        .await
        .unwrap();
    let sink = Arc::new(RecordingSink::new(Mode::Accept));
    let lease = Arc::new(SwitchLease(AtomicBool::new(true)));
    let mut settings = settings(&dovecot, AfterStore::MarkSeen);
    // Far longer than the test: only IDLE can notice the second message in time.
    settings.poll_interval = Duration::from_secs(600);
    let poller = Poller::start(settings, &sink, &lease);
    assert_eq!(sink.wait_for(1, Duration::from_secs(10)).await.len(), 1);
    tokio::time::sleep(Duration::from_millis(300)).await;
    dovecot
        .append(
            "INBOX",
            &message("a@customer.test", "help@support.test", "during idle"),
        )
        .await
        .unwrap();
    let stored = sink.wait_for(2, Duration::from_secs(10)).await;
    assert_eq!(
        stored.len(),
        2,
        "IDLE noticed the new message: {}",
        dovecot.log()
    );
    assert!(contains(&stored[1].1, "Subject: during idle"));
    assert_eq!(sink.calls(), 2);
    assert_eq!(dovecot.unseen("INBOX").await.unwrap(), 0);
    poller.stop().await;
}
