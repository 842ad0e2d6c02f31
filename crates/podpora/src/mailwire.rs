//! Wires the mail edges (LMTP, IMAP, SMTP) to the e-mail use cases, and runs the workers that
//! process stored messages and deliver the outbox.

use crate::config::{Config, MailSettings, after_store, tls_mode};
use anyhow::Context;
use podpora_app::{App, AppError, mail};
use podpora_core::Language;
use podpora_mail::{Envelope, MailSink, SinkError, Source, imap, lmtp, smtp};
use std::{sync::Arc, time::Duration};
use tokio::task::JoinSet;

/// The use-case configuration of the e-mail channel.
pub fn mail_config(m: &MailSettings) -> mail::MailConfig {
    mail::MailConfig {
        addresses: m
            .addresses
            .iter()
            .map(|a| mail::SupportAddress {
                address: a.address.trim().to_ascii_lowercase(),
                team: a.team.clone(),
                team_id: None,
                // Checked by `MailSettings::validate` when the configuration is loaded.
                language: a.language.parse::<Language>().unwrap_or_default(),
            })
            .collect(),
        company_name: m.company_name.clone(),
        reopen_days: m.reopen_days,
        auto_reply_per_hour: m.auto_reply_per_hour,
        limits: podpora_mailproto::Limits {
            max_total_bytes: usize::try_from(m.max_message_bytes).unwrap_or(usize::MAX),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Stores what the edges receive through the accept use case.
#[derive(Clone)]
pub struct AppSink(pub App);

impl MailSink for AppSink {
    async fn accept(&self, envelope: Envelope, raw: Vec<u8>) -> Result<(), SinkError> {
        let source = match envelope.source {
            Source::Lmtp => mail::Source::Lmtp,
            Source::Imap => mail::Source::Imap,
            Source::Mailgate => mail::Source::Mailgate,
        };
        match mail::accept(
            &self.0,
            source,
            &envelope.mail_from,
            &envelope.recipients,
            raw,
        )
        .await
        {
            Ok(_) => Ok(()),
            Err(AppError::Validation(e)) => Err(SinkError::Permanent(e.to_string())),
            Err(e) => Err(SinkError::Temporary(e.to_string())),
        }
    }
}

/// A lease on the shared database, so one node polls a mailbox.
pub struct DbLease {
    app: App,
    holder: String,
}

impl imap::MailboxLease for DbLease {
    async fn acquire(&self, key: &str, ttl: Duration) -> bool {
        let ttl = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
        mail::acquire_lease(&self.app, key, &self.holder, ttl)
            .await
            .unwrap_or(false)
    }
}

/// The SMTP relay as the outbox worker's transport.
pub struct Relay(pub smtp::SmtpSender);

impl podpora_jobs::Transport for Relay {
    async fn send(
        &self,
        from: &str,
        to: &[String],
        raw: &[u8],
    ) -> Result<podpora_jobs::Accepted, podpora_jobs::Refused> {
        self.0
            .send(from, to, raw)
            .await
            .map(|a| podpora_jobs::Accepted {
                response: a.response,
                at_ms: a.at.as_millisecond(),
            })
            .map_err(|e| podpora_jobs::Refused {
                permanent: e.permanent,
                message: e.message,
            })
    }
}

fn read_ca(path: &Option<std::path::PathBuf>) -> anyhow::Result<Option<String>> {
    path.as_ref()
        .map(|p| {
            std::fs::read_to_string(p)
                .with_context(|| format!("cannot read the CA file {}", p.display()))
        })
        .transpose()
}

/// The SMTP sender of the configuration, if one is configured.
pub fn smtp_sender(m: &MailSettings) -> anyhow::Result<Option<smtp::SmtpSender>> {
    let Some(s) = &m.smtp else { return Ok(None) };
    let settings = smtp::SmtpSettings {
        host: s.host.clone(),
        port: s.port,
        tls: tls_mode(&s.tls).map_err(anyhow::Error::msg)?,
        extra_ca_pem: read_ca(&s.ca_file)?,
        username: s.username.clone(),
        password: s.password.clone(),
        hello_name: m
            .addresses
            .first()
            .and_then(|a| a.address.rsplit_once('@').map(|(_, d)| d.to_owned()))
            .unwrap_or_else(|| "localhost".into()),
        timeout: Duration::from_secs(60),
    };
    Ok(Some(smtp::SmtpSender::new(&settings).map_err(|e| {
        anyhow::anyhow!("mail.smtp: {}", e.message)
    })?))
}

/// Starts every mail task the configuration asks for: the processor always, LMTP, IMAP pollers
/// and the outbox when configured. Dropping the set stops them.
pub async fn start(app: &App, cfg: &Config) -> anyhow::Result<JoinSet<()>> {
    let mut tasks = JoinSet::new();
    tasks.spawn(podpora_jobs::run_mail_processor(app.clone()));
    if let Some(sender) = smtp_sender(&cfg.mail)? {
        tasks.spawn(podpora_jobs::run_outbox(
            app.clone(),
            Arc::new(Relay(sender)),
        ));
    }
    let sink = Arc::new(AppSink(app.clone()));
    if !cfg.mail.lmtp_listen.is_empty() {
        let listener = tokio::net::TcpListener::bind(&cfg.mail.lmtp_listen)
            .await
            .with_context(|| format!("cannot listen for LMTP on {}", cfg.mail.lmtp_listen))?;
        tracing::info!(addr = %cfg.mail.lmtp_listen, "LMTP listening");
        tasks.spawn(serve_lmtp_on(app.clone(), listener, sink.clone()));
    }
    let holder = format!("{}-{}", std::process::id(), podpora_app::now_ms());
    for m in &cfg.mail.imap {
        let settings = imap::ImapSettings {
            host: m.host.clone(),
            port: m.port,
            tls: tls_mode(&m.tls).map_err(anyhow::Error::msg)?,
            extra_ca_pem: read_ca(&m.ca_file)?,
            username: m.username.clone(),
            password: m.password.clone(),
            mailbox: m.mailbox.clone(),
            address: m.address.clone(),
            after_store: after_store(&m.after).map_err(anyhow::Error::msg)?,
            poll_interval: Duration::from_secs(m.poll_seconds.max(1)),
            use_idle: m.idle,
            max_message_bytes: usize::try_from(cfg.mail.max_message_bytes).unwrap_or(usize::MAX),
        };
        let lease = Arc::new(DbLease {
            app: app.clone(),
            holder: holder.clone(),
        });
        tasks.spawn(imap::run(
            settings,
            sink.clone(),
            lease,
            std::future::pending::<()>(),
        ));
    }
    Ok(tasks)
}

/// Serves LMTP on a bound listener, accepting the configured support addresses.
pub async fn serve_lmtp_on(app: App, listener: tokio::net::TcpListener, sink: Arc<AppSink>) {
    // The addresses stored in the database count too, as they are when each recipient is given.
    let ours = app.clone();
    let is_ours: lmtp::IsOurs = Arc::new(move |a: &str| ours.mail_config().is_ours(a));
    let mut config = lmtp::LmtpConfig::default();
    config.protocol.max_message_bytes = app.config.mail.limits.max_total_bytes;
    lmtp::serve_lmtp(
        listener,
        config,
        is_ours,
        sink,
        std::future::pending::<()>(),
    )
    .await;
}
