//! podpora's use cases. Each public async function is one use case and one transaction: it
//! loads, decides with the pure crates, writes, and enqueues side effects in the same
//! transaction. The web and mail edges call these and hold no rules of their own.

pub mod actor;
pub mod assets;
mod audit;
pub mod contacts;
pub mod demo;
pub mod dto;
mod error;
pub mod files;
pub mod organizations;
pub mod plans;
pub mod sla;
pub mod staff;
mod ticket_writer;
pub mod tickets;
mod time;

pub use actor::Actor;
pub use error::AppError;
pub use time::{now_ms, rfc3339};

use podpora_core::TicketNumberFormat;
use podpora_store::Db;
use std::path::PathBuf;

/// Settings the use cases need.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// How ticket numbers look.
    pub ticket_numbers: TicketNumberFormat,
    /// Largest attachment accepted, in bytes.
    pub attachment_max_bytes: u64,
    /// Where attachments are stored (content-addressed).
    pub data_dir: PathBuf,
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
        }
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
