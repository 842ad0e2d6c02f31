//! podpora's use cases. Each public async function is one use case and one transaction: it
//! loads, decides with the pure crates, writes, and enqueues side effects in the same
//! transaction. The web and mail edges call these and hold no rules of their own.

pub mod account_requests;
pub mod actor;
pub mod assets;
mod audit;
pub mod billing;
pub mod contacts;
pub mod demo;
pub mod desk;
pub mod dto;
mod error;
pub mod files;
pub mod kb;
mod lockout;
pub mod mail;
pub mod mail_templates;
pub mod organizations;
pub mod outbox;
pub mod payments;
pub mod plans;
pub mod portal;
pub mod quotes;
pub mod search;
pub mod sla;
pub mod staff;
pub mod support_addresses;
mod ticket_writer;
pub mod tickets;
mod time;

pub use actor::Actor;
pub use error::AppError;
pub use time::{now_ms, rfc3339};

use podpora_core::TicketNumberFormat;
use podpora_store::Db;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// Settings the use cases need.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// How ticket numbers look.
    pub ticket_numbers: TicketNumberFormat,
    /// Largest attachment accepted, in bytes.
    pub attachment_max_bytes: u64,
    /// Hours within which the same request from the same contact joins its open ticket;
    /// 0 turns the check off.
    pub duplicate_window_hours: u32,
    /// Where attachments are stored (content-addressed).
    pub data_dir: PathBuf,
    /// The e-mail channel.
    pub mail: mail::MailConfig,
    /// Administrators must set up a second factor before the workspace lets them work.
    pub admins_need_second_factor: bool,
}

/// The application: the database and the settings, shared by every edge.
#[derive(Debug, Clone)]
pub struct App {
    /// The database.
    pub db: Db,
    /// Settings.
    pub config: AppConfig,
    files: files::FileStore,
    ticket_writer: ticket_writer::TicketWriter,
    calendars: sla::CalendarCache,
    renderer: Arc<OnceLock<podpora_render::Renderer>>,
    mail_texts: mail_templates::Cache,
    support_addresses: support_addresses::Cache,
    /// Woken when a message is stored, so the mail processor need not poll.
    pub mail_wakeup: Arc<tokio::sync::Notify>,
    /// Woken when mail is queued, so the outbox worker need not poll.
    pub outbox_wakeup: Arc<tokio::sync::Notify>,
}

impl App {
    /// Builds the application over a migrated database.
    pub fn new(db: Db, config: AppConfig) -> Self {
        let files = files::FileStore::new(config.data_dir.join("attachments"));
        Self {
            db,
            config,
            files,
            ticket_writer: Default::default(),
            calendars: Default::default(),
            renderer: Default::default(),
            mail_texts: Default::default(),
            support_addresses: Default::default(),
            mail_wakeup: Default::default(),
            outbox_wakeup: Default::default(),
        }
    }

    /// The customer-facing texts, built on first use.
    pub fn renderer(&self) -> Result<&podpora_render::Renderer> {
        if let Some(r) = self.renderer.get() {
            return Ok(r);
        }
        let r = podpora_render::Renderer::new()
            .map_err(|e| AppError::Conflict(format!("built-in templates: {e}")))?;
        Ok(self.renderer.get_or_init(|| r))
    }
}

/// Result of a use case.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// Page parameters, 1-based, clamped to sane bounds.
#[derive(Debug, Clone, Copy, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Page {
    /// Page number, from 1.
    pub page: Option<u32>,
    /// Items per page, 1–200 (default 50).
    pub per_page: Option<u32>,
}

impl Page {
    /// `(limit, offset)` for SQL.
    pub fn limit_offset(&self) -> (i64, i64) {
        let per = i64::from(self.per_page.unwrap_or(50).clamp(1, 200));
        let page = i64::from(self.page.unwrap_or(1).max(1));
        (per, (page - 1) * per)
    }

    /// The page number and size actually used.
    pub fn resolved(&self) -> (u32, u32) {
        (
            self.page.unwrap_or(1).max(1),
            self.per_page.unwrap_or(50).clamp(1, 200),
        )
    }
}
