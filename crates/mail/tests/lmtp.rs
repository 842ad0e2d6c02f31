//! The LMTP listener over real TCP, alone and behind Debian's Postfix.

mod common;

use std::{net::SocketAddr, sync::Arc, time::Duration};

use common::{Mode, RecordingSink, contains, message};
use podpora_mail::{
    Source,
    lmtp::{IsOurs, LmtpConfig, serve_lmtp},
};
use podpora_testkit::mail::{Postfix, lmtp_deliver};
use tokio::{net::TcpListener, sync::oneshot, task::JoinHandle};

struct Server {
    addr: SocketAddr,
    sink: Arc<RecordingSink>,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl Server {
    async fn start(mode: Mode, config: LmtpConfig) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let sink = Arc::new(RecordingSink::new(mode));
        let is_ours: IsOurs = Arc::new(|rcpt: &str| {
            rcpt.ends_with("@support.test") || rcpt.ends_with("@podpora.test")
        });
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve_lmtp(listener, config, is_ours, sink.clone(), async {
            let _ = stopped.await;
        }));
        Server {
            addr,
            sink,
            stop: Some(stop),
            task,
        }
    }

    async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        tokio::time::timeout(Duration::from_secs(20), self.task)
            .await
            .expect("the server stops")
            .unwrap();
    }
}

#[tokio::test]
async fn recipients_get_250_only_for_stored_messages() {
    let server = Server::start(Mode::Accept, LmtpConfig::default()).await;
    let raw = message("jana@customer.test", "help@support.test", "first");
    let codes = lmtp_deliver(
        server.addr,
        "jana@customer.test",
        &[
            "help@support.test",
            "stranger@elsewhere.test",
            "Sales@Support.test",
        ],
        &raw,
    )
    .await
    .unwrap();
    assert_eq!(codes, vec![250, 550, 250]);
    let stored = server.sink.stored();
    assert_eq!(stored.len(), 1, "one message for all our recipients");
    let (envelope, data) = &stored[0];
    assert_eq!(envelope.source, Source::Lmtp);
    assert_eq!(envelope.mail_from, "jana@customer.test");
    assert_eq!(
        envelope.recipients,
        vec![
            "help@support.test".to_owned(),
            "sales@support.test".to_owned()
        ]
    );
    assert!(contains(data, "\r\n.leading dot line\r\n"), "dot-unstuffed");
    assert!(contains(data, "Subject: first"));

    server.sink.set_mode(Mode::Temporary);
    let codes = lmtp_deliver(server.addr, "a@b.test", &["help@support.test"], &raw)
        .await
        .unwrap();
    assert_eq!(codes, vec![451]);
    server.sink.set_mode(Mode::Permanent);
    let codes = lmtp_deliver(
        server.addr,
        "a@b.test",
        &["help@support.test", "x@support.test"],
        &raw,
    )
    .await
    .unwrap();
    assert_eq!(codes, vec![554, 554]);
    assert_eq!(
        server.sink.stored().len(),
        1,
        "refused messages are not stored"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn many_connections_at_once() {
    let server = Server::start(Mode::Accept, LmtpConfig::default()).await;
    let mut clients = Vec::new();
    for i in 0..20 {
        let addr = server.addr;
        clients.push(tokio::spawn(async move {
            let raw = message("a@b.test", "help@support.test", &format!("parallel {i}"));
            lmtp_deliver(addr, "a@b.test", &["help@support.test"], &raw).await
        }));
    }
    for client in clients {
        assert_eq!(client.await.unwrap().unwrap(), vec![250]);
    }
    assert_eq!(server.sink.stored().len(), 20);
    server.shutdown().await;
}

#[tokio::test]
async fn connections_beyond_the_limit_are_told_to_come_back() {
    use tokio::io::{AsyncBufReadExt, BufReader};
    let config = LmtpConfig {
        max_connections: 1,
        ..LmtpConfig::default()
    };
    let server = Server::start(Mode::Accept, config).await;
    let first = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let mut first = BufReader::new(first).lines();
    assert!(
        first
            .next_line()
            .await
            .unwrap()
            .unwrap()
            .starts_with("220 ")
    );
    let second = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let mut second = BufReader::new(second).lines();
    let reply = second.next_line().await.unwrap().unwrap();
    assert!(reply.starts_with("421 "), "{reply}");
    drop(first);
    let raw = message("a@b.test", "help@support.test", "after the first left");
    let mut codes = Vec::new();
    for _ in 0..50 {
        match lmtp_deliver(server.addr, "a@b.test", &["help@support.test"], &raw).await {
            Ok(c) => {
                codes = c;
                break;
            }
            // The first session may not have ended yet.
            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
    assert_eq!(codes, vec![250]);
    server.shutdown().await;
}

#[tokio::test]
async fn an_idle_client_is_disconnected() {
    use tokio::io::{AsyncBufReadExt, BufReader};
    let config = LmtpConfig {
        idle_timeout: Duration::from_millis(300),
        ..LmtpConfig::default()
    };
    let server = Server::start(Mode::Accept, config).await;
    let stream = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    let mut lines = BufReader::new(stream).lines();
    let greeting = lines.next_line().await.unwrap().unwrap();
    assert!(greeting.starts_with("220 "), "{greeting}");
    let bye = tokio::time::timeout(Duration::from_secs(5), lines.next_line())
        .await
        .expect("closed before the test timeout")
        .unwrap()
        .unwrap();
    assert!(bye.starts_with("421 "), "{bye}");
    assert_eq!(lines.next_line().await.unwrap(), None);
    server.shutdown().await;
}

#[tokio::test]
async fn shutdown_lets_a_message_in_progress_finish() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let server = Server::start(Mode::Accept, LmtpConfig::default()).await;
    let mut client = tokio::net::TcpStream::connect(server.addr).await.unwrap();
    client
        .write_all(b"LHLO c\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<help@support.test>\r\nDATA\r\nSubject: late\r\n\r\n")
        .await
        .unwrap();
    // Wait for the 354, so the server knows the message has started.
    let mut seen = Vec::new();
    while !contains(&seen, "354") {
        let mut buf = [0u8; 512];
        let n = client.read(&mut buf).await.unwrap();
        assert!(n > 0, "closed early: {}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&buf[..n]);
    }
    let addr = server.addr;
    let sink = server.sink.clone();
    let stopping = tokio::spawn(server.shutdown());
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "no new connections during shutdown"
    );
    client.write_all(b"body\r\n.\r\n").await.unwrap();
    let mut rest = String::new();
    client.read_to_string(&mut rest).await.unwrap();
    assert!(rest.starts_with("250 "), "{rest}");
    assert!(
        rest.contains("\r\n421 "),
        "closed with 421 after the message: {rest}"
    );
    stopping.await.unwrap();
    assert_eq!(sink.stored().len(), 1);
}

#[tokio::test]
async fn postfix_delivers_over_lmtp() {
    let server = Server::start(Mode::Accept, LmtpConfig::default()).await;
    let postfix = Postfix::relay_to_lmtp_for(server.addr.port(), &["podpora.test"]);
    let raw = message("petr@customer.test", "help@support.test", "via postfix");
    postfix
        .submit(
            "petr@customer.test",
            &["help@support.test", "billing@podpora.test"],
            &raw,
        )
        .await
        .unwrap();
    postfix
        .wait_for_log("status=sent (250", Duration::from_secs(20))
        .await
        .unwrap();
    let stored = server.sink.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(stored.len(), 1, "{}", postfix.log());
    let (envelope, data) = &stored[0];
    assert_eq!(envelope.mail_from, "petr@customer.test");
    let mut recipients = envelope.recipients.clone();
    recipients.sort();
    assert_eq!(
        recipients,
        vec!["billing@podpora.test", "help@support.test"]
    );
    assert!(contains(data, "Subject: via postfix"));
    assert!(contains(data, "\r\n.leading dot line\r\n"));
    assert!(
        contains(data, "Received: "),
        "Postfix added its trace header"
    );
    for _ in 0..100 {
        if postfix.queue_is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(postfix.queue_is_empty());
    server.shutdown().await;
}

#[tokio::test]
async fn a_temporary_failure_leaves_the_message_in_postfix_queue() {
    let server = Server::start(Mode::Temporary, LmtpConfig::default()).await;
    let postfix = Postfix::relay_to_lmtp(server.addr.port());
    let raw = message("eva@customer.test", "help@support.test", "deferred");
    postfix
        .submit("eva@customer.test", &["help@support.test"], &raw)
        .await
        .unwrap();
    postfix
        .wait_for_log("status=deferred", Duration::from_secs(20))
        .await
        .unwrap();
    assert!(postfix.log().contains("451 4.3.0"), "{}", postfix.log());
    assert!(server.sink.calls() >= 1);
    assert!(server.sink.stored().is_empty());
    assert_eq!(postfix.queued(), 1, "kept for a retry: {}", postfix.log());
    server.shutdown().await;
}

#[tokio::test]
async fn a_permanent_failure_bounces() {
    let server = Server::start(Mode::Permanent, LmtpConfig::default()).await;
    let postfix = Postfix::relay_to_lmtp(server.addr.port());
    let raw = message("eva@customer.test", "help@support.test", "bounced");
    postfix
        .submit("eva@customer.test", &["help@support.test"], &raw)
        .await
        .unwrap();
    postfix
        .wait_for_log("status=bounced", Duration::from_secs(20))
        .await
        .unwrap();
    assert!(postfix.log().contains("554 5.6.0"), "{}", postfix.log());
    server.shutdown().await;
}
