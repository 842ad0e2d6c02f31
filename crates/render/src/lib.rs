//! podpora's customer-facing texts: [Fluent](https://projectfluent.org) messages in Slovak, Czech,
//! Polish and English, and the mail templates (minijinja) that arrange them.
//!
//! Texts live in `.ftl` files (`locales/<lang>/*.ftl`), one per language, with CLDR plural forms;
//! templates (`templates/mail/*`) decide what goes where and call `t("message-id", name=value)`.
//! Both are embedded in the binary; an operator may replace templates and messages from a directory
//! ([`Renderer::with_overrides`]). `README.md` in this crate lists every template and its variables.
//!
//! ```
//! use podpora_core::Language;
//! use podpora_render::{MailTemplate, Renderer};
//!
//! let renderer = Renderer::new()?;
//! let mail = MailTemplate::Reopened { ticket_number: "2026-000123".into(), subject: "VPN".into() };
//! let rendered = renderer.mail(&mail, Language::Cs)?;
//! assert_eq!(rendered.subject, "Požadavek byl znovu otevřen: VPN");
//! assert!(rendered.text.contains("2026-000123"));
//! # Ok::<(), podpora_render::RenderError>(())
//! ```

mod datetime;
mod error;
mod html;
mod mail;
mod mail_images;
mod messages;
mod money;
mod overrides;
mod renderer;
mod templates;
mod web;

pub use datetime::{format_date, format_datetime};
pub use error::RenderError;
pub use html::sanitise_mail_html;
pub use mail::{ClockKind, MailTemplate, RenderedMail};
pub use mail_images::{MailHtml, MailImages, sanitise_mail_html_with_images};
pub use messages::Arg;
pub use money::{format_money, format_number};
pub use renderer::Renderer;
