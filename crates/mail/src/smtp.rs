//! The SMTP sender: hands a finished message to a relay and reports the moment it was accepted.
//!
//! The time the server answered `250` to DATA is the delivery event that stops the SLA reaction clock,
//! so [`Accepted::at`] is taken right after that reply.

use std::{fmt, time::Duration};

use lettre::{
    Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor,
    address::Envelope,
    transport::smtp::{
        authentication::Credentials,
        client::{Certificate, Tls, TlsParameters},
        extension::ClientId,
    },
};

use crate::tls::TlsMode;

/// Where and how to send.
#[derive(Clone)]
pub struct SmtpSettings {
    /// Relay host name (also the name checked in its certificate).
    pub host: String,
    /// Relay port (587, 465 or 25 usually).
    pub port: u16,
    /// Transport security.
    pub tls: TlsMode,
    /// A CA certificate (PEM) trusted besides the system's, for private or self-signed relays.
    pub extra_ca_pem: Option<String>,
    /// Login name, when the relay wants authentication.
    pub username: Option<String>,
    /// Password for `username`.
    pub password: Option<String>,
    /// Our name in EHLO.
    pub hello_name: String,
    /// Longest wait for any one reply.
    pub timeout: Duration,
}

impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("hello_name", &self.hello_name)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// The relay took the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The relay's reply to DATA, e.g. `250 2.0.0 Ok: queued as 4Xyz`.
    pub response: String,
    /// When that reply arrived.
    pub at: jiff::Timestamp,
}

/// The message was not sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SendError {
    /// True for a 5xx reply or an unusable address or setting: retrying will not help.
    pub permanent: bool,
    /// What went wrong, with the server's reply when there was one.
    pub message: String,
}

impl SendError {
    fn permanent(message: String) -> Self {
        Self {
            permanent: true,
            message,
        }
    }
}

/// Sends through one relay, reusing connections.
#[derive(Clone)]
pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl fmt::Debug for SmtpSender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSender").finish_non_exhaustive()
    }
}

impl SmtpSender {
    /// A sender for `settings`; fails (permanently) on an unusable CA certificate or TLS setting.
    pub fn new(settings: &SmtpSettings) -> Result<Self, SendError> {
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)
            .port(settings.port)
            .hello_name(ClientId::Domain(settings.hello_name.clone()))
            .timeout(Some(settings.timeout));
        if settings.tls != TlsMode::None {
            let mut params = TlsParameters::builder(settings.host.clone());
            if let Some(pem) = &settings.extra_ca_pem {
                let cert = Certificate::from_pem(pem.as_bytes())
                    .map_err(|e| SendError::permanent(format!("extra CA certificate: {e}")))?;
                params = params.add_root_certificate(cert);
            }
            let params = params
                .build_rustls()
                .map_err(|e| SendError::permanent(format!("TLS settings: {e}")))?;
            builder = builder.tls(match settings.tls {
                TlsMode::Implicit => Tls::Wrapper(params),
                _ => Tls::Required(params),
            });
        }
        if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Self {
            transport: builder.build(),
        })
    }

    /// Sends `raw` (a complete RFC 5322 message) from `from` to `to` (envelope addresses).
    pub async fn send(&self, from: &str, to: &[String], raw: &[u8]) -> Result<Accepted, SendError> {
        let envelope = envelope(from, to)?;
        match self.transport.send_raw(&envelope, raw).await {
            Ok(response) => {
                let at = jiff::Timestamp::now();
                let text: Vec<&str> = response.message().collect();
                Ok(Accepted {
                    response: format!("{} {}", response.code(), text.join(" ")),
                    at,
                })
            }
            Err(err) => Err(SendError {
                // Only a 5xx reply is final; 4xx, timeouts and broken connections are worth a retry.
                permanent: err.is_permanent(),
                message: err.to_string(),
            }),
        }
    }
}

fn envelope(from: &str, to: &[String]) -> Result<Envelope, SendError> {
    let sender = if from.is_empty() {
        None
    } else {
        Some(
            from.parse::<Address>()
                .map_err(|e| SendError::permanent(format!("sender address {from:?}: {e}")))?,
        )
    };
    let recipients = to
        .iter()
        .map(|rcpt| {
            rcpt.parse::<Address>()
                .map_err(|e| SendError::permanent(format!("recipient address {rcpt:?}: {e}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Envelope::new(sender, recipients).map_err(|e| SendError::permanent(format!("envelope: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_addresses_are_permanent_errors() {
        let err = envelope("not an address", &["a@b.example".to_owned()]).unwrap_err();
        assert!(err.permanent);
        let err = envelope("a@b.example", &[]).unwrap_err();
        assert!(err.permanent);
        assert!(envelope("", &["a@b.example".to_owned()]).is_ok());
    }
}
