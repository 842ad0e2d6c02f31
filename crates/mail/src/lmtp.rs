//! The LMTP listener (RFC 2033): a socket loop around [`podpora_mailproto::lmtp::LmtpSession`].
//!
//! A recipient gets `250` only after [`MailSink::accept`] has committed the message; a temporary
//! failure answers `451` (the MTA keeps the message and retries), a permanent one `554`.

use std::{future::Future, sync::Arc, time::Duration};

use podpora_mailproto::lmtp::{self as proto, Action, Delivery, LmtpSession, RecipientStatus};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
    sync::watch,
    task::JoinSet,
};

use crate::sink::{Envelope, MailSink, SinkError, Source};

/// Decides whether an address (normalised) is one of ours.
pub type IsOurs = Arc<dyn Fn(&str) -> bool + Send + Sync>;

/// Listener settings.
#[derive(Debug, Clone)]
pub struct LmtpConfig {
    /// Protocol limits and the host name in replies.
    pub protocol: proto::LmtpConfig,
    /// A client silent this long is disconnected with `421`.
    pub idle_timeout: Duration,
    /// On shutdown, how long sessions receiving or storing a message may take to finish.
    pub shutdown_grace: Duration,
    /// Connections served at once; more are answered `421` and closed (the MTA retries).
    pub max_connections: usize,
}

impl Default for LmtpConfig {
    fn default() -> Self {
        Self {
            protocol: proto::LmtpConfig::default(),
            idle_timeout: Duration::from_secs(300),
            shutdown_grace: Duration::from_secs(10),
            max_connections: 256,
        }
    }
}

/// Serves LMTP on `listener`, one task per connection, until `shutdown` completes; then stops
/// accepting, closes idle sessions with `421` and gives sessions in the middle of a message
/// `config.shutdown_grace` to finish.
pub async fn serve_lmtp<S: MailSink>(
    listener: TcpListener,
    config: LmtpConfig,
    is_ours: IsOurs,
    sink: Arc<S>,
    shutdown: impl Future,
) {
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut sessions = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((mut stream, _peer)) if sessions.len() >= config.max_connections => {
                    // Refused without a task; a slow client cannot hold this loop for long.
                    let _ = tokio::time::timeout(
                        Duration::from_secs(1),
                        stream.write_all(b"421 4.3.2 Too many connections, try later\r\n"),
                    )
                    .await;
                }
                Ok((stream, _peer)) => {
                    sessions.spawn(session(
                        stream,
                        config.clone(),
                        is_ours.clone(),
                        sink.clone(),
                        stop_rx.clone(),
                    ));
                }
                Err(err) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    tracing::warn!(%err, "LMTP accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
            Some(_) = sessions.join_next(), if !sessions.is_empty() => {}
        }
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let mut grace = std::pin::pin!(tokio::time::sleep(config.shutdown_grace));
    loop {
        tokio::select! {
            _ = &mut grace => {
                tracing::warn!(sessions = sessions.len(), "LMTP sessions cut off at shutdown");
                sessions.abort_all();
                while sessions.join_next().await.is_some() {}
                break;
            }
            next = sessions.join_next() => if next.is_none() { break },
        }
    }
}

/// One client connection; errors end it silently (the MTA retries whatever was not acknowledged).
async fn session<S: MailSink>(
    mut stream: TcpStream,
    config: LmtpConfig,
    is_ours: IsOurs,
    sink: Arc<S>,
    mut stop: watch::Receiver<bool>,
) {
    let mut lmtp = LmtpSession::new(config.protocol.clone(), move |rcpt: &str| is_ours(rcpt));
    let mut out = Vec::new();
    if let Action::Reply(text) = lmtp.greeting() {
        out.extend_from_slice(text.as_bytes());
    }
    let mut buf = vec![0u8; 16 * 1024];
    // Between our 354 and the end of the message (stored or refused) a shutdown waits.
    let mut in_message = false;
    loop {
        if !out.is_empty() {
            if stream.write_all(&out).await.is_err() {
                return;
            }
            out.clear();
        }
        let stopping = *stop.borrow();
        if stopping && !in_message {
            let _ = stream
                .write_all(b"421 4.3.2 Service shutting down\r\n")
                .await;
            return;
        }
        let n = tokio::select! {
            read = tokio::time::timeout(config.idle_timeout, stream.read(&mut buf)) => match read {
                Err(_) => {
                    let _ = stream.write_all(b"421 4.4.2 Idle timeout, closing\r\n").await;
                    return;
                }
                Ok(Ok(0)) | Ok(Err(_)) => return,
                Ok(Ok(n)) => n,
            },
            _ = stop.changed(), if !stopping => continue,
        };
        let mut actions = lmtp.feed(&buf[..n]);
        while !actions.is_empty() {
            let mut next = Vec::new();
            for action in actions {
                match action {
                    Action::Reply(text) => {
                        in_message = text.starts_with("354");
                        out.extend_from_slice(text.as_bytes());
                    }
                    Action::Deliver(delivery) => {
                        // Replies before the message (pipelined RCPTs) go out before it is stored.
                        if !out.is_empty() {
                            if stream.write_all(&out).await.is_err() {
                                return;
                            }
                            out.clear();
                        }
                        let statuses = store(&*sink, delivery).await;
                        in_message = false;
                        next.extend(lmtp.delivered(&statuses));
                    }
                    Action::Close => {
                        let _ = stream.write_all(&out).await;
                        return;
                    }
                }
            }
            actions = next;
        }
    }
}

async fn store<S: MailSink>(sink: &S, delivery: Delivery) -> Vec<RecipientStatus> {
    let count = delivery.recipients.len();
    let envelope = Envelope {
        source: Source::Lmtp,
        mail_from: delivery.mail_from,
        recipients: delivery.recipients,
    };
    let status = match sink.accept(envelope, delivery.data).await {
        Ok(()) => RecipientStatus::Delivered,
        Err(SinkError::Temporary(why)) => RecipientStatus::TryLater(why),
        Err(SinkError::Permanent(why)) => RecipientStatus::Rejected(why),
    };
    vec![status; count]
}
