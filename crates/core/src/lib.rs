//! podpora's domain core: types that are valid by construction, and the rules that belong to them.
//!
//! Nothing here does I/O. Values from outside are parsed once at the edge (`Ico::parse`,
//! `EmailAddress::parse`, …) and passed around as these types afterwards.

pub mod auth;
pub mod email;
pub mod error;
pub mod ids;
pub mod locale;
pub mod outbox;
pub mod plan;
pub mod text;
pub mod ticket;

pub use email::EmailAddress;
pub use error::{FieldError, ValidationError};
pub use ids::{Ico, Nip, Regon, VatId};
pub use locale::{CountryCode, Language};
pub use outbox::OutboxStatus;
pub use ticket::{
    ArticleKind, Channel, CustomerMessage, DEFAULT_NUMBER_TIME_ZONE, TicketNumber,
    TicketNumberFormat, TicketStatus, Urgency,
};
