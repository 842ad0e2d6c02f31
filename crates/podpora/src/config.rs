//! Configuration: `podpora.toml` (path by `--config` or `PODPORA_CONFIG`), every key overridable
//! by `PODPORA_<KEY>` (nested keys with `__`, e.g. `PODPORA_TICKETS__NUMBER_PREFIX`).

use figment::{
    Figment,
    providers::{Env, Format, Serialized, Toml},
};
use serde::{Deserialize, Serialize};
use std::{net::SocketAddr, path::PathBuf};

/// The commented example configuration, printed by `podpora config example`.
pub const EXAMPLE: &str = include_str!("../podpora.example.toml");

/// Every setting, with defaults that need nothing installed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Address to listen on.
    pub listen: String,
    /// Directory for the embedded database and attachments.
    pub data_dir: PathBuf,
    /// Database URL; `sqlite://<data_dir>/podpora.db` when empty.
    pub database_url: Option<String>,
    /// `text` or `json` logs.
    pub log_format: String,
    /// Log filter, e.g. `info` or `podpora=debug,info`.
    pub log_level: String,
    /// Ticket numbering.
    pub tickets: TicketsConfig,
    /// Size limits.
    pub limits: LimitsConfig,
    /// SLA scheduler.
    pub sla: SlaConfig,
    /// The e-mail channel.
    pub mail: MailSettings,
    /// The web pages (customer portal).
    #[serde(default)]
    pub web: WebSettings,
}

/// The web pages.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct WebSettings {
    /// Mark cookies `Secure`; turn on when browsers reach podpora over HTTPS (also behind a proxy).
    pub secure_cookies: bool,
    /// Where browsers reach podpora, e.g. `https://podpora.example.sk`, for links in mail;
    /// empty: the address a staff request came to.
    pub public_url: String,
    /// Administrators must set up a TOTP second factor before they can work in the workspace.
    pub admins_need_second_factor: bool,
    /// Addresses of reverse proxies in front of podpora (e.g. `["127.0.0.1"]`): a page request
    /// from one of them is counted, for sign-in lockouts, as coming from the address its
    /// `X-Forwarded-For` names. Empty: the header is ignored, as anyone could send it.
    pub trusted_proxies: Vec<String>,
}

impl WebSettings {
    /// The trusted proxies' addresses, parsed.
    pub fn proxies(&self) -> Result<Vec<std::net::IpAddr>, ConfigError> {
        self.trusted_proxies
            .iter()
            .enumerate()
            .map(|(i, p)| {
                p.trim().parse().map_err(|_| {
                    ConfigError(format!(
                        "key `web.trusted_proxies[{i}]`: {p:?} is not an IP address such as 127.0.0.1 or ::1"
                    ))
                })
            })
            .collect()
    }
}

/// The e-mail channel: our addresses, how mail comes in (LMTP, IMAP, mailgate) and goes out (SMTP).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct MailSettings {
    /// Company name in the sender and in automatic answers.
    pub company_name: String,
    /// Days after resolution during which a reply reopens a ticket (later it opens a new one).
    pub reopen_days: u32,
    /// Most automatic answers to one address per hour.
    pub auto_reply_per_hour: u32,
    /// Largest message accepted, bytes.
    pub max_message_bytes: u64,
    /// LMTP listener address, e.g. `127.0.0.1:2424`; empty turns it off.
    pub lmtp_listen: String,
    /// Our support addresses; each maps to a team and a language.
    pub addresses: Vec<AddressSettings>,
    /// The SMTP relay for outgoing mail; without it mail waits in the outbox.
    pub smtp: Option<SmtpSettings>,
    /// Mailboxes to poll over IMAP.
    pub imap: Vec<ImapMailbox>,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            company_name: "podpora".into(),
            reopen_days: 14,
            auto_reply_per_hour: 10,
            max_message_bytes: 50 * 1024 * 1024,
            lmtp_listen: String::new(),
            addresses: Vec::new(),
            smtp: None,
            imap: Vec::new(),
        }
    }
}

/// One support address.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AddressSettings {
    /// The address, e.g. `podpora@firma.sk`.
    pub address: String,
    /// The team (by name) new requests go to.
    pub team: Option<String>,
    /// sk, cs, pl or en: the language of automatic answers to unknown senders.
    #[serde(default = "default_language")]
    pub language: String,
}

impl MailSettings {
    /// Checks the e-mail settings, naming the key and the accepted forms.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if !self.lmtp_listen.is_empty() && self.lmtp_listen.parse::<SocketAddr>().is_err() {
            return Err(ConfigError(format!(
                "key `mail.lmtp_listen`: {:?} is not an address; use IP:PORT such as 127.0.0.1:2424, or leave it empty",
                self.lmtp_listen
            )));
        }
        for (i, a) in self.addresses.iter().enumerate() {
            if podpora_core::EmailAddress::parse(&a.address).is_err() {
                return Err(ConfigError(format!(
                    "key `mail.addresses[{i}].address`: {:?} is not an e-mail address",
                    a.address
                )));
            }
            a.language
                .parse::<podpora_core::Language>()
                .map_err(|e| ConfigError(format!("key `mail.addresses[{i}].language`: {e}")))?;
        }
        if let Some(s) = &self.smtp {
            tls_mode(&s.tls).map_err(|e| ConfigError(format!("key `mail.smtp.tls`: {e}")))?;
        }
        for (i, m) in self.imap.iter().enumerate() {
            tls_mode(&m.tls).map_err(|e| ConfigError(format!("key `mail.imap[{i}].tls`: {e}")))?;
            after_store(&m.after)
                .map_err(|e| ConfigError(format!("key `mail.imap[{i}].after`: {e}")))?;
        }
        Ok(())
    }
}

/// `none`, `starttls` or `tls`.
pub fn tls_mode(s: &str) -> Result<podpora_mail::TlsMode, String> {
    match s {
        "none" => Ok(podpora_mail::TlsMode::None),
        "starttls" => Ok(podpora_mail::TlsMode::StartTls),
        "tls" => Ok(podpora_mail::TlsMode::Implicit),
        other => Err(format!("{other:?} is not none, starttls or tls")),
    }
}

/// `seen`, `delete` or `move:FOLDER`.
pub fn after_store(s: &str) -> Result<podpora_mail::imap::AfterStore, String> {
    match s {
        "seen" => Ok(podpora_mail::imap::AfterStore::MarkSeen),
        "delete" => Ok(podpora_mail::imap::AfterStore::Delete),
        _ => match s.strip_prefix("move:") {
            Some(f) if !f.trim().is_empty() => {
                Ok(podpora_mail::imap::AfterStore::MoveTo(f.trim().to_owned()))
            }
            _ => Err(format!("{s:?} is not seen, delete or move:FOLDER")),
        },
    }
}

fn default_language() -> String {
    "en".into()
}

/// The SMTP relay.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    /// Host name.
    pub host: String,
    /// Port (25, 587, 465).
    pub port: u16,
    /// `none`, `starttls` or `tls`.
    #[serde(default = "default_tls")]
    pub tls: String,
    /// User name, when the relay wants authentication.
    pub username: Option<String>,
    /// Password.
    pub password: Option<String>,
    /// A PEM file with an extra CA certificate to trust (a private relay).
    pub ca_file: Option<PathBuf>,
}

fn default_tls() -> String {
    "starttls".into()
}

/// A mailbox polled over IMAP.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ImapMailbox {
    /// The support address this mailbox receives for.
    pub address: String,
    /// Host name.
    pub host: String,
    /// Port (143, 993).
    pub port: u16,
    /// `none`, `starttls` or `tls`.
    #[serde(default = "default_tls")]
    pub tls: String,
    /// User name.
    pub username: String,
    /// Password.
    pub password: String,
    /// Mailbox name.
    #[serde(default = "default_mailbox")]
    pub mailbox: String,
    /// After a message is stored: `seen`, `delete`, or `move:FOLDER`.
    #[serde(default = "default_after")]
    pub after: String,
    /// Seconds between polls when the server has no IDLE.
    #[serde(default = "default_poll")]
    pub poll_seconds: u64,
    /// Use IDLE when offered.
    #[serde(default = "default_true")]
    pub idle: bool,
    /// A PEM file with an extra CA certificate to trust.
    pub ca_file: Option<PathBuf>,
}

fn default_mailbox() -> String {
    "INBOX".into()
}
fn default_after() -> String {
    "seen".into()
}
fn default_poll() -> u64 {
    60
}
fn default_true() -> bool {
    true
}

/// The SLA scheduler.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SlaConfig {
    /// Seconds between scheduler passes (warnings and escalations); 0 turns the scheduler off.
    pub tick_seconds: u64,
}

/// Ticket numbering: `{number_prefix}{year}-{sequence padded to number_width}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TicketsConfig {
    /// Text before the year.
    pub number_prefix: String,
    /// Digits of the sequence.
    pub number_width: u8,
    /// IANA time zone whose calendar year the numbers count.
    #[serde(default = "default_number_time_zone")]
    pub time_zone: String,
    /// Hours within which the same request from the same contact, by any channel, is added to
    /// its open ticket instead of opening another (R-14); 0 opens a ticket every time.
    #[serde(default = "default_duplicate_window_hours")]
    pub duplicate_window_hours: u32,
}

fn default_duplicate_window_hours() -> u32 {
    24
}

fn default_number_time_zone() -> String {
    podpora_core::DEFAULT_NUMBER_TIME_ZONE.into()
}

/// Size limits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// Largest attachment, bytes.
    pub attachment_max_bytes: u64,
    /// Largest request body, bytes (attachments travel base64-encoded inside JSON).
    pub body_max_bytes: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            log_format: "text".into(),
            log_level: "info".into(),
            tickets: TicketsConfig {
                number_prefix: String::new(),
                number_width: 6,
                time_zone: default_number_time_zone(),
                duplicate_window_hours: default_duplicate_window_hours(),
            },
            limits: LimitsConfig {
                attachment_max_bytes: 25 * 1024 * 1024,
                body_max_bytes: 36 * 1024 * 1024,
            },
            sla: SlaConfig { tick_seconds: 15 },
            mail: MailSettings::default(),
            web: WebSettings::default(),
        }
    }
}

/// A configuration that cannot be used: one line naming the key and the fix.
#[derive(Debug, thiserror::Error)]
#[error("invalid configuration: {0}")]
pub struct ConfigError(pub String);

impl Config {
    /// Loads defaults, then the file (if given or present), then `PODPORA_*` variables.
    pub fn load(file: Option<&std::path::Path>) -> Result<Config, ConfigError> {
        let mut fig = Figment::from(Serialized::defaults(Config::default()));
        match file {
            Some(f) => {
                if !f.exists() {
                    return Err(ConfigError(format!(
                        "config file {} does not exist; create it (`podpora config example > {}`) or leave out --config",
                        f.display(),
                        f.display()
                    )));
                }
                fig = fig.merge(Toml::file(f));
            }
            None => fig = fig.merge(Toml::file("podpora.toml")),
        }
        fig = fig.merge(
            Env::prefixed("PODPORA_")
                .filter(|k| {
                    let k = k.as_str();
                    k != "config" && !k.starts_with("test_")
                })
                .split("__"),
        );
        let cfg: Config = fig.extract().map_err(|e| {
            let key = e.path.join(".");
            let src = e
                .metadata
                .as_ref()
                .map(|m| m.name.to_string())
                .unwrap_or_else(|| "defaults".into());
            let key = if key.is_empty() { "(top level)".to_string() } else { key };
            ConfigError(format!("key `{key}` from {src}: {}; see `podpora config example` for every key and its form", e.kind))
        })?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// Checks values that parse but make no sense.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.listen_addr()?;
        if !matches!(self.log_format.as_str(), "text" | "json") {
            return Err(ConfigError(format!(
                "key `log_format`: {:?} is not text or json",
                self.log_format
            )));
        }
        let url = self.database_url();
        if !(url.starts_with("sqlite:")
            || url.starts_with("postgres:")
            || url.starts_with("postgresql:"))
        {
            return Err(ConfigError(format!(
                "key `database_url`: {url:?} is neither sqlite://PATH nor postgres://USER:PASSWORD@HOST:PORT/DB"
            )));
        }
        podpora_core::TicketNumberFormat {
            prefix: self.tickets.number_prefix.clone(),
            width: self.tickets.number_width,
            time_zone: self.tickets.time_zone.clone(),
        }
        .validate()
        .map_err(|e| ConfigError(format!("key `tickets`: {e}")))?;
        if self.limits.attachment_max_bytes == 0 || self.limits.body_max_bytes < 1024 {
            return Err(ConfigError("key `limits`: attachment_max_bytes must be above 0 and body_max_bytes at least 1024".into()));
        }
        self.web.proxies()?;
        self.mail.validate()
    }

    /// The parsed listen address.
    pub fn listen_addr(&self) -> Result<SocketAddr, ConfigError> {
        self.listen.parse().map_err(|_| {
            ConfigError(format!(
                "key `listen`: {:?} is not an address; use IP:PORT such as 127.0.0.1:8080",
                self.listen
            ))
        })
    }

    /// The database URL, defaulting to SQLite in the data directory.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(u) if !u.trim().is_empty() => u.trim().to_string(),
            _ => format!("sqlite://{}", self.data_dir.join("podpora.db").display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_need_nothing() {
        let c = Config::default();
        c.validate().unwrap();
        assert_eq!(c.database_url(), "sqlite://./data/podpora.db");
    }

    #[test]
    fn the_example_file_is_valid_and_matches_the_defaults() {
        let c: Config = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string(EXAMPLE))
            .extract()
            .unwrap();
        assert_eq!(c, Config::default());
    }

    #[test]
    fn bad_values_name_the_key() {
        let e = Config {
            listen: "nowhere".into(),
            ..Config::default()
        }
        .validate()
        .unwrap_err();
        assert!(e.0.contains("`listen`"), "{e}");
        let e = Config {
            database_url: Some("mysql://x".into()),
            ..Config::default()
        }
        .validate()
        .unwrap_err();
        assert!(e.0.contains("`database_url`"), "{e}");
        let mut c = Config::default();
        c.tickets.time_zone = "Europe/Bratisalva".into();
        let e = c.validate().unwrap_err();
        assert!(
            e.0.contains("`tickets`") && e.0.contains("Europe/Bratisalva"),
            "{e}"
        );
    }

    #[test]
    fn unknown_and_mistyped_keys_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("p.toml");
        std::fs::write(&f, "lisen = \"1.2.3.4:5\"\n").unwrap();
        let e = Config::load(Some(&f)).unwrap_err();
        assert!(e.0.contains("lisen"), "{e}");
        std::fs::write(&f, "[limits]\nattachment_max_bytes = \"big\"\n").unwrap();
        let e = Config::load(Some(&f)).unwrap_err();
        assert!(e.0.contains("limits.attachment_max_bytes"), "{e}");
    }
}

#[cfg(test)]
mod mail_tests {
    use super::*;

    #[test]
    fn mail_settings_load_from_toml_and_bad_values_name_the_key() {
        let toml = r#"
            [mail]
            lmtp_listen = "127.0.0.1:2424"
            [[mail.addresses]]
            address = "podpora@firma.sk"
            team = "Servis"
            language = "sk"
            [mail.smtp]
            host = "127.0.0.1"
            port = 25
            tls = "none"
            [[mail.imap]]
            address = "podpora@firma.sk"
            host = "127.0.0.1"
            port = 143
            username = "u"
            password = "p"
            after = "move:Archive"
        "#;
        let cfg: Config = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string(toml))
            .extract()
            .unwrap();
        cfg.validate().unwrap();
        assert_eq!(cfg.mail.addresses[0].team.as_deref(), Some("Servis"));
        assert_eq!(cfg.mail.imap[0].mailbox, "INBOX");
        assert_eq!(
            after_store(&cfg.mail.imap[0].after).unwrap(),
            podpora_mail::imap::AfterStore::MoveTo("Archive".into())
        );

        let mut bad = cfg.clone();
        bad.mail.addresses[0].language = "de".into();
        let e = bad.validate().unwrap_err().to_string();
        assert!(e.contains("mail.addresses[0].language"), "{e}");
        let mut bad = cfg.clone();
        bad.mail.imap[0].tls = "ssl".into();
        let e = bad.validate().unwrap_err().to_string();
        assert!(
            e.contains("mail.imap[0].tls") && e.contains("starttls"),
            "{e}"
        );
        let mut bad = cfg;
        bad.mail.lmtp_listen = "localhost".into();
        assert!(
            bad.validate()
                .unwrap_err()
                .to_string()
                .contains("mail.lmtp_listen")
        );
    }

    #[test]
    fn a_trusted_proxy_must_be_an_address() {
        let mut cfg = Config::default();
        cfg.web.trusted_proxies = vec!["127.0.0.1".into(), "::1".into()];
        assert_eq!(cfg.web.proxies().unwrap().len(), 2);
        cfg.web.trusted_proxies.push("proxy.local".into());
        let e = cfg.validate().unwrap_err().to_string();
        assert!(
            e.contains("web.trusted_proxies[2]") && e.contains("proxy.local"),
            "{e}"
        );
    }
}
