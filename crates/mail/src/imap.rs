//! The IMAP poller: fetches unseen messages, hands them to the [`MailSink`], and only after the sink
//! has committed a message marks, moves or deletes it on the server.
//!
//! Messages are read with `BODY.PEEK[]`, so a crash between fetching and storing leaves them unseen
//! and they are fetched again (the sink deduplicates). One node polls a mailbox at a time, by a
//! [`MailboxLease`].

use std::{fmt, future::Future, sync::Arc, time::Duration};

use async_imap::{Client, Session, extensions::idle::IdleResponse, types::Capabilities};
use futures_util::{StreamExt, TryStreamExt};
use tokio::{
    io::{AsyncRead, AsyncWrite},
    net::TcpStream,
};
use tokio_rustls::{TlsConnector, rustls::ClientConfig, rustls::pki_types::ServerName};

use crate::{
    sink::{Envelope, MailSink, SinkError, Source},
    tls::{TlsMode, client_config},
};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
/// Longest wait for one IMAP command (a large message fetch included).
const COMMAND_TIMEOUT: Duration = Duration::from_secs(300);
const MIN_BACKOFF: Duration = Duration::from_secs(1);
const MAX_BACKOFF: Duration = Duration::from_secs(300);
/// Servers may drop an IDLE after 30 minutes (RFC 2177); renew before that.
const MAX_IDLE: Duration = Duration::from_secs(25 * 60);

/// What happens to a message on the server once it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterStore {
    /// Set `\Seen`; it stays in the mailbox.
    MarkSeen,
    /// Set `\Seen` and move it to this mailbox (created when missing).
    MoveTo(String),
    /// Delete and expunge it.
    Delete,
}

/// Where and how to poll.
#[derive(Clone)]
pub struct ImapSettings {
    /// Server host name (also the name checked in its certificate).
    pub host: String,
    /// Server port (143 or 993 usually).
    pub port: u16,
    /// Transport security.
    pub tls: TlsMode,
    /// A CA certificate (PEM) trusted besides the system's, for private or self-signed servers.
    pub extra_ca_pem: Option<String>,
    /// Login name.
    pub username: String,
    /// Password.
    pub password: String,
    /// Mailbox to read, e.g. `INBOX`.
    pub mailbox: String,
    /// The support address this mailbox receives, given to the sink as the envelope recipient.
    pub address: String,
    /// What to do with a stored message.
    pub after_store: AfterStore,
    /// Time between polls when IDLE is not used.
    pub poll_interval: Duration,
    /// Wait with IDLE when the server offers it.
    pub use_idle: bool,
    /// Larger messages are not downloaded: they are flagged and left for a human.
    pub max_message_bytes: usize,
}

impl fmt::Debug for ImapSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImapSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &"***")
            .field("mailbox", &self.mailbox)
            .field("address", &self.address)
            .field("after_store", &self.after_store)
            .field("poll_interval", &self.poll_interval)
            .field("use_idle", &self.use_idle)
            .field("max_message_bytes", &self.max_message_bytes)
            .finish_non_exhaustive()
    }
}

impl ImapSettings {
    /// The lease key: one poller per server, account and mailbox.
    pub fn lease_key(&self) -> String {
        format!(
            "imap:{}@{}:{}/{}",
            self.username, self.host, self.port, self.mailbox
        )
    }
}

/// Why a poll failed.
#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    /// The TCP connection could not be made.
    #[error("cannot connect to {addr}: {source}")]
    Connect {
        /// host:port
        addr: String,
        /// The cause.
        source: std::io::Error,
    },
    /// TLS set-up or handshake failed.
    #[error("TLS: {0}")]
    Tls(String),
    /// STARTTLS was required but the server does not offer it.
    #[error("the server does not offer STARTTLS")]
    NoStartTls,
    /// The server refused the login.
    #[error("login refused: {0}")]
    Login(String),
    /// An IMAP command failed or the connection broke.
    #[error("IMAP: {0}")]
    Protocol(#[from] async_imap::error::Error),
    /// The server did not answer in time.
    #[error("the IMAP server did not answer in time")]
    Timeout,
    /// The sink could not store a message for now; it stays unseen on the server.
    #[error("storing a message failed: {0}")]
    Sink(SinkError),
}

/// Ensures only one node polls a mailbox; implemented on the shared database.
pub trait MailboxLease: Send + Sync + 'static {
    /// Takes or renews the lease on `key` for `ttl`; false when another node holds it.
    fn acquire(&self, key: &str, ttl: Duration) -> impl Future<Output = bool> + Send;
}

trait ImapIo: AsyncRead + AsyncWrite + Unpin + Send + fmt::Debug {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + fmt::Debug> ImapIo for T {}

type ImapSession = Session<Box<dyn ImapIo>>;

async fn timed<T, E: Into<ImapError>>(
    fut: impl Future<Output = Result<T, E>>,
) -> Result<T, ImapError> {
    match tokio::time::timeout(COMMAND_TIMEOUT, fut).await {
        Ok(r) => r.map_err(Into::into),
        Err(_) => Err(ImapError::Timeout),
    }
}

/// Connects, secures, logs in and selects the mailbox.
async fn connect(
    settings: &ImapSettings,
    tls: Option<&Arc<ClientConfig>>,
) -> Result<(ImapSession, Capabilities), ImapError> {
    let addr = format!("{}:{}", settings.host, settings.port);
    let tcp = tokio::time::timeout(
        CONNECT_TIMEOUT,
        TcpStream::connect((settings.host.as_str(), settings.port)),
    )
    .await
    .map_err(|_| ImapError::Timeout)?
    .map_err(|source| ImapError::Connect { addr, source })?;
    let stream: Box<dyn ImapIo> = match (settings.tls, tls) {
        (TlsMode::None, _) => Box::new(tcp),
        (TlsMode::Implicit, Some(config)) => {
            Box::new(handshake(tcp, &settings.host, config).await?)
        }
        (TlsMode::StartTls, Some(config)) => {
            let mut client = Client::new(tcp);
            greeting(&mut client).await?;
            timed(client.run_command_and_check_ok("STARTTLS", None))
                .await
                .map_err(|_| ImapError::NoStartTls)?;
            Box::new(handshake(client.into_inner(), &settings.host, config).await?)
        }
        (_, None) => return Err(ImapError::Tls("no TLS configuration".to_owned())),
    };
    let mut client = Client::new(stream);
    if settings.tls != TlsMode::StartTls {
        greeting(&mut client).await?;
    }
    let mut session = timed(async {
        client
            .login(&settings.username, &settings.password)
            .await
            .map_err(|(err, _)| ImapError::Login(err.to_string()))
    })
    .await?;
    timed(session.select(&settings.mailbox)).await?;
    let capabilities = timed(session.capabilities()).await?;
    if let AfterStore::MoveTo(target) = &settings.after_store {
        // Fails harmlessly when it exists already; a real problem shows when moving.
        let _ = timed(session.create(target)).await;
    }
    Ok((session, capabilities))
}

async fn greeting<T>(client: &mut Client<T>) -> Result<(), ImapError>
where
    T: AsyncRead + AsyncWrite + Unpin + Send + fmt::Debug,
{
    match tokio::time::timeout(COMMAND_TIMEOUT, client.read_response()).await {
        Err(_) => Err(ImapError::Timeout),
        Ok(Err(err)) => Err(ImapError::Protocol(err.into())),
        Ok(Ok(None)) => Err(ImapError::Protocol(
            async_imap::error::Error::ConnectionLost,
        )),
        Ok(Ok(Some(_))) => Ok(()),
    }
}

async fn handshake(
    tcp: TcpStream,
    host: &str,
    config: &Arc<ClientConfig>,
) -> Result<tokio_rustls::client::TlsStream<TcpStream>, ImapError> {
    let name = ServerName::try_from(host.to_owned()).map_err(|e| ImapError::Tls(e.to_string()))?;
    tokio::time::timeout(
        CONNECT_TIMEOUT,
        TlsConnector::from(config.clone()).connect(name, tcp),
    )
    .await
    .map_err(|_| ImapError::Timeout)?
    .map_err(|e| ImapError::Tls(e.to_string()))
}

fn tls_for(settings: &ImapSettings) -> Result<Option<Arc<ClientConfig>>, ImapError> {
    match settings.tls {
        TlsMode::None => Ok(None),
        _ => client_config(settings.extra_ca_pem.as_deref())
            .map(Some)
            .map_err(ImapError::Tls),
    }
}

/// Connects once, stores every unseen message and logs out; returns how many were stored.
pub async fn poll_once<S: MailSink>(settings: &ImapSettings, sink: &S) -> Result<usize, ImapError> {
    let tls = tls_for(settings)?;
    let (mut session, capabilities) = connect(settings, tls.as_ref()).await?;
    let stored = fetch_unseen(&mut session, &capabilities, settings, sink).await;
    let _ = timed(session.logout()).await;
    stored
}

/// Polls until `shutdown` completes: holds the lease, waits with IDLE (or sleeps `poll_interval`),
/// and reconnects with exponential back-off after errors.
pub async fn run<S: MailSink, L: MailboxLease>(
    settings: ImapSettings,
    sink: Arc<S>,
    lease: Arc<L>,
    shutdown: impl Future,
) {
    let mut shutdown = std::pin::pin!(shutdown);
    let tls = match tls_for(&settings) {
        Ok(tls) => tls,
        Err(err) => {
            tracing::error!(%err, mailbox = %settings.lease_key(), "IMAP poller not started");
            return;
        }
    };
    let key = settings.lease_key();
    let ttl = lease_ttl(settings.poll_interval);
    let mut backoff = MIN_BACKOFF;
    loop {
        let wait = tokio::select! {
            _ = &mut shutdown => return,
            held = lease.acquire(&key, ttl) => if held {
                let polled = tokio::select! {
                    _ = &mut shutdown => return,
                    r = poll_while_leased(&settings, tls.as_ref(), &*sink, &*lease, &key, ttl, &mut backoff) => r,
                };
                match polled {
                    Ok(()) => settings.poll_interval,
                    Err(err) => {
                        tracing::warn!(%err, mailbox = %key, retry_in = ?backoff, "IMAP polling failed");
                        let wait = backoff;
                        backoff = (backoff * 2).min(MAX_BACKOFF);
                        wait
                    }
                }
            } else {
                settings.poll_interval
            },
        };
        tokio::select! {
            _ = &mut shutdown => return,
            _ = tokio::time::sleep(wait) => {}
        }
    }
}

/// Long enough to survive a few missed renewals, short enough that another node takes over soon.
fn lease_ttl(poll_interval: Duration) -> Duration {
    (poll_interval * 3).max(Duration::from_secs(60))
}

/// One connection's life: fetch, wait, repeat while the lease is ours. `Ok` when the lease was lost.
async fn poll_while_leased<S: MailSink, L: MailboxLease>(
    settings: &ImapSettings,
    tls: Option<&Arc<ClientConfig>>,
    sink: &S,
    lease: &L,
    key: &str,
    ttl: Duration,
    backoff: &mut Duration,
) -> Result<(), ImapError> {
    let (mut session, capabilities) = connect(settings, tls).await?;
    *backoff = MIN_BACKOFF;
    let idle = settings.use_idle && capabilities.has_str("IDLE");
    // Wake up in time to renew the lease.
    let wake = (ttl / 3).min(MAX_IDLE);
    loop {
        let stored = fetch_unseen(&mut session, &capabilities, settings, sink).await?;
        if stored > 0 {
            tracing::debug!(stored, mailbox = %key, "IMAP messages stored");
        }
        if !lease.acquire(key, ttl).await {
            let _ = timed(session.logout()).await;
            return Ok(());
        }
        if idle {
            let mut handle = session.idle();
            timed(handle.init()).await?;
            let (wait, _interrupt) = handle.wait_with_timeout(wake);
            match wait.await? {
                IdleResponse::NewData(_)
                | IdleResponse::Timeout
                | IdleResponse::ManualInterrupt => {}
            }
            session = timed(handle.done()).await?;
        } else {
            tokio::time::sleep(settings.poll_interval.min(wake)).await;
            // Keeps the connection alive and lets the server report new messages.
            timed(session.noop()).await?;
        }
        // Unsolicited responses are not needed: the next search sees every change.
        while session.unsolicited_responses.try_recv().is_ok() {}
    }
}

/// Fetches and stores the unseen messages in UID order; stops at the first temporary failure.
async fn fetch_unseen<S: MailSink>(
    session: &mut ImapSession,
    capabilities: &Capabilities,
    settings: &ImapSettings,
    sink: &S,
) -> Result<usize, ImapError> {
    let mut uids: Vec<u32> = timed(session.uid_search("UNSEEN"))
        .await?
        .into_iter()
        .collect();
    uids.sort_unstable();
    let mut stored = 0;
    for uid in uids {
        let raw = match fetch_one(session, uid, settings.max_message_bytes).await? {
            Fetched::Message(raw) => raw,
            Fetched::Gone => continue, // expunged by someone else meanwhile
            Fetched::TooLarge(size) => {
                tracing::warn!(
                    uid,
                    size,
                    "IMAP message too large; flagged and left in place"
                );
                store_flags(session, uid, "+FLAGS.SILENT (\\Seen \\Flagged)").await?;
                continue;
            }
        };
        let envelope = Envelope {
            source: Source::Imap,
            mail_from: return_path(&raw).unwrap_or_default(),
            recipients: vec![settings.address.clone()],
        };
        match sink.accept(envelope, raw).await {
            Ok(()) => {
                after_store(session, capabilities, &settings.after_store, uid).await?;
                stored += 1;
            }
            Err(SinkError::Permanent(why)) => {
                // Never storable: flag it for a human and stop fetching it again.
                tracing::warn!(uid, %why, "IMAP message refused by the sink; flagged and left in place");
                store_flags(session, uid, "+FLAGS.SILENT (\\Seen \\Flagged)").await?;
            }
            Err(err @ SinkError::Temporary(_)) => return Err(ImapError::Sink(err)),
        }
    }
    Ok(stored)
}

/// One message as fetched.
enum Fetched {
    Message(Vec<u8>),
    TooLarge(u64),
    Gone,
}

async fn fetch_one(
    session: &mut ImapSession,
    uid: u32,
    max_bytes: usize,
) -> Result<Fetched, ImapError> {
    let size = timed(async {
        let mut fetches = session.uid_fetch(uid.to_string(), "RFC822.SIZE").await?;
        let mut size = None;
        while let Some(fetch) = fetches.next().await {
            let fetch = fetch?;
            if fetch.uid == Some(uid) {
                size = fetch.size;
            }
        }
        Ok::<_, async_imap::error::Error>(size)
    })
    .await?;
    let Some(size) = size else {
        return Ok(Fetched::Gone);
    };
    if u64::from(size) > u64::try_from(max_bytes).unwrap_or(u64::MAX) {
        return Ok(Fetched::TooLarge(u64::from(size)));
    }
    let body = timed(async {
        let mut fetches = session.uid_fetch(uid.to_string(), "BODY.PEEK[]").await?;
        let mut body = None;
        while let Some(fetch) = fetches.next().await {
            let fetch = fetch?;
            if fetch.uid == Some(uid)
                && let Some(bytes) = fetch.body()
            {
                body = Some(bytes.to_vec());
            }
        }
        Ok::<_, async_imap::error::Error>(body)
    })
    .await?;
    Ok(body.map_or(Fetched::Gone, Fetched::Message))
}

async fn store_flags(session: &mut ImapSession, uid: u32, change: &str) -> Result<(), ImapError> {
    timed(async {
        session
            .uid_store(uid.to_string(), change)
            .await?
            .try_collect::<Vec<_>>()
            .await
    })
    .await
    .map(drop)
}

async fn expunge(
    session: &mut ImapSession,
    capabilities: &Capabilities,
    uid: u32,
) -> Result<(), ImapError> {
    if capabilities.has_str("UIDPLUS") {
        timed(async {
            session
                .uid_expunge(uid.to_string())
                .await?
                .try_collect::<Vec<_>>()
                .await
        })
        .await
        .map(drop)
    } else {
        timed(async { session.expunge().await?.try_collect::<Vec<_>>().await })
            .await
            .map(drop)
    }
}

async fn after_store(
    session: &mut ImapSession,
    capabilities: &Capabilities,
    after: &AfterStore,
    uid: u32,
) -> Result<(), ImapError> {
    match after {
        AfterStore::MarkSeen => store_flags(session, uid, "+FLAGS.SILENT (\\Seen)").await,
        AfterStore::MoveTo(target) => {
            store_flags(session, uid, "+FLAGS.SILENT (\\Seen)").await?;
            if capabilities.has_str("MOVE") {
                timed(session.uid_mv(uid.to_string(), target)).await
            } else {
                timed(session.uid_copy(uid.to_string(), target)).await?;
                store_flags(session, uid, "+FLAGS.SILENT (\\Deleted)").await?;
                expunge(session, capabilities, uid).await
            }
        }
        AfterStore::Delete => {
            store_flags(session, uid, "+FLAGS.SILENT (\\Deleted)").await?;
            expunge(session, capabilities, uid).await
        }
    }
}

/// The address in the message's `Return-Path` header, which the delivering server set from the
/// envelope sender; `None` when absent.
fn return_path(raw: &[u8]) -> Option<String> {
    for line in raw.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            break; // end of the header
        }
        let Some((name, value)) = line.split_at_checked(12) else {
            continue;
        };
        if name.eq_ignore_ascii_case(b"Return-Path:") {
            let value = String::from_utf8_lossy(value);
            let value = value.trim().trim_start_matches('<').trim_end_matches('>');
            return Some(value.trim().to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_path_is_read_from_the_header_only() {
        let raw = b"Received: x\r\nReturn-Path: <a@b.example>\r\nSubject: s\r\n\r\nReturn-Path: <no@x>\r\n";
        assert_eq!(return_path(raw).as_deref(), Some("a@b.example"));
        assert_eq!(return_path(b"return-path: <>\n\n").as_deref(), Some(""));
        assert_eq!(return_path(b"Subject: s\n\nReturn-Path: <no@x>\n"), None);
    }

    #[test]
    fn lease_outlives_several_polls() {
        assert_eq!(lease_ttl(Duration::from_secs(5)), Duration::from_secs(60));
        assert_eq!(
            lease_ttl(Duration::from_secs(100)),
            Duration::from_secs(300)
        );
    }
}
