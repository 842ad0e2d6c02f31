//! Business calendars and SLA targets — pure, no I/O and no clock reads.
//!
//! A [`BusinessCalendar`] is weekly [`OpeningHours`] in an IANA time zone, plus the public days
//! off of a chosen [`Country`] (Slovakia, Czechia, Poland; computed by rule for any year, see
//! [`holidays`]), company closures and extra working days. On it:
//!
//! | operation | meaning |
//! |---|---|
//! | [`BusinessCalendar::is_open`] | the instant is inside a day's open interval |
//! | [`BusinessCalendar::next_opening`] | first open instant at or after |
//! | [`BusinessCalendar::add_business`] | "within 4 business hours" |
//! | [`BusinessCalendar::business_between`] | business time elapsed in `[a, b)` |
//! | [`BusinessCalendar::add_business_days`] | "within 2 business days": closing of the 2nd business day after the report |
//! | [`BusinessCalendar::same_business_day`] | "the same day": closing of the report day, or of the next business day when reported after closing |
//!
//! [`SlaTarget`] names a promise ("4h", "2bd", "same-day", "24ch") and computes its due time,
//! also across pauses (waiting for the customer).

mod calendar;
pub mod holidays;
mod hours;
mod sla;

pub use calendar::BusinessCalendar;
pub use holidays::{Country, Holiday, days_off, holidays, is_day_off};
pub use hours::{HoursError, OpeningHours};
pub use sla::{SlaTarget, due_with_pauses};

/// What calendar arithmetic can refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// The calendar has no open time within ten years of the start.
    #[error(
        "the calendar is never open (no business hours within ten years); check its hours, closures and holidays"
    )]
    NeverOpen,
    /// A duration was negative.
    #[error("a business duration cannot be negative")]
    NegativeDuration,
    /// The zone name is not in the time-zone database.
    #[error(
        "unknown time zone {0:?}: use an IANA name such as Europe/Bratislava, Europe/Prague or Europe/Warsaw"
    )]
    UnknownZone(String),
    /// An instant could not be read.
    #[error(
        "{0:?} is not a date-time: use a local time such as 2026-10-30T16:00 or an RFC 3339 instant such as 2026-10-30T15:00:00Z"
    )]
    BadInstant(String),
    /// A target could not be read.
    #[error(
        "{0:?} is not an SLA target: use business minutes or hours (240m, 4h), business days (2bd), same-day, or calendar hours (24ch)"
    )]
    BadTarget(String),
}
