//! Business calendars and SLA targets — pure: no I/O, no async, no clock reads (`now` is
//! always a parameter).
//!
//! A [`BusinessCalendar`] is weekly [`OpeningHours`] in an IANA time zone (from jiff's bundled
//! database, so every node computes the same due times), plus the public days off of a
//! [`Country`] chosen explicitly (Slovakia, Czechia, Poland; computed by rule for any year from
//! the data table in [`holidays`]), company closures and extra working days. Every instant is
//! a UTC [`jiff::Timestamp`]; opening hours are local wall-clock times of the calendar's zone.
//!
//! | operation | meaning |
//! |---|---|
//! | [`BusinessCalendar::is_open`] | the instant is inside one of its local day's intervals `[start, end)` |
//! | [`BusinessCalendar::next_opening`] | first open instant at or after (the instant itself if open) |
//! | [`BusinessCalendar::add_business`] | "within 4 business hours": counting starts at the next opening; zero gives the next opening; a target used up exactly at a closing time is due at that closing time |
//! | [`BusinessCalendar::business_between`] | business time in `[a, b)` |
//! | [`BusinessCalendar::add_business_days`] | "within 2 business days": closing time of the 2nd business day after the day of the report |
//! | [`BusinessCalendar::same_business_day`] | "the same day": closing of the report day, or of the next business day when reported after closing or on a closed day |
//! | [`SlaTarget::CalendarMinutes`] | "within 24 hours": plain elapsed time, no calendar |
//! | [`Clock`] | a target counted outside pauses; due time and remaining time at `now` |
//! | [`BusinessCalendar::explain`] | the open intervals counted between two instants |
//!
//! Daylight-saving time: a local bound in a skipped hour is the first instant after the gap,
//! one in a repeated hour its first occurrence, and business time is real elapsed time.
//!
//! ```
//! use podpora_calendar::{BusinessCalendar, Country, OpeningHours, SlaTarget};
//! let cal = BusinessCalendar::new(
//!     "Europe/Bratislava",
//!     OpeningHours::parse("mon-fri 08:00-16:00").unwrap(),
//!     Some(Country::SK),
//! )?;
//! let four_hours = SlaTarget::parse("4h")?;
//! // 8 May is a working day in Slovakia in 2026 only
//! let due = four_hours.due(&cal, cal.parse_instant("2026-05-07T15:00")?)?;
//! assert_eq!(cal.format(due), "2026-05-08T11:00:00+02:00");
//! let due = four_hours.due(&cal, cal.parse_instant("2025-05-07T15:00")?)?;
//! assert_eq!(cal.format(due), "2025-05-09T11:00:00+02:00");
//! # Ok::<(), podpora_calendar::CalendarError>(())
//! ```
//!
//! A calendar with no open time at all is refused, not searched forever:
//!
//! ```
//! use podpora_calendar::{BusinessCalendar, CalendarError, OpeningHours};
//! let never = BusinessCalendar::new("Europe/Prague", OpeningHours::never(), None)?;
//! let t = never.parse_instant("2026-01-01T00:00")?;
//! assert_eq!(never.add_business_minutes(t, 60), Err(CalendarError::NeverOpen));
//! assert_eq!(never.next_opening(t), None);
//! # Ok::<(), CalendarError>(())
//! ```

mod calendar;
mod days;
pub mod holidays;
mod hours;
mod ns;
mod sla;
mod zone;

pub use calendar::BusinessCalendar;
pub use holidays::{Country, Holiday, days_off, holidays, is_day_off};
pub use hours::{DayHours, HoursError, OpeningHours};
pub use sla::{Clock, Pause, SlaTarget, due_with_pauses};

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
    /// The result would fall outside the representable years (-9999 to 9999).
    #[error("the result is out of range (beyond the year 9999); use a smaller target")]
    OutOfRange,
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
        "{0:?} is not an SLA target: use business minutes or hours (240m, 4h), business days (2bd), same-day, or calendar hours or minutes (24ch, 90cm)"
    )]
    BadTarget(String),
}
