//! SLA targets and their due times, including pauses.

use crate::{BusinessCalendar, CalendarError};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A promised time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaTarget {
    /// Business minutes on the calendar (`240m`, `4h`).
    BusinessMinutes(u32),
    /// Closing time of the n-th business day after the report (`2bd`).
    BusinessDays(u32),
    /// Closing time of the report day, or of the next business day after closing (`same-day`).
    SameBusinessDay,
    /// Plain elapsed minutes, no calendar (`24ch` = 24 calendar hours).
    CalendarMinutes(u32),
}

impl SlaTarget {
    /// Parses `240m`, `4h`, `2bd`, `same-day` or `24ch`.
    ///
    /// ```
    /// use podpora_calendar::SlaTarget;
    /// assert_eq!(SlaTarget::parse("4h").unwrap(), SlaTarget::BusinessMinutes(240));
    /// assert_eq!(SlaTarget::parse("2bd").unwrap(), SlaTarget::BusinessDays(2));
    /// assert_eq!(SlaTarget::parse("24ch").unwrap(), SlaTarget::CalendarMinutes(1440));
    /// ```
    pub fn parse(s: &str) -> Result<Self, CalendarError> {
        let t = s.trim().to_ascii_lowercase();
        let bad = || CalendarError::BadTarget(s.to_string());
        let num = |n: &str| n.parse::<u32>().map_err(|_| bad());
        if t == "same-day" || t == "sameday" {
            return Ok(SlaTarget::SameBusinessDay);
        }
        let r = if let Some(n) = t.strip_suffix("bd") {
            SlaTarget::BusinessDays(num(n)?)
        } else if let Some(n) = t.strip_suffix("ch") {
            SlaTarget::CalendarMinutes(num(n)?.checked_mul(60).ok_or_else(bad)?)
        } else if let Some(n) = t.strip_suffix('h') {
            SlaTarget::BusinessMinutes(num(n)?.checked_mul(60).ok_or_else(bad)?)
        } else if let Some(n) = t.strip_suffix('m') {
            SlaTarget::BusinessMinutes(num(n)?)
        } else {
            return Err(bad());
        };
        Ok(r)
    }

    /// The due time of a request reported at `reported`.
    pub fn due(
        &self,
        cal: &BusinessCalendar,
        reported: Timestamp,
    ) -> Result<Timestamp, CalendarError> {
        match *self {
            SlaTarget::BusinessMinutes(m) => {
                cal.add_business(reported, SignedDuration::from_mins(i64::from(m)))
            }
            SlaTarget::BusinessDays(n) => cal.add_business_days(reported, n),
            SlaTarget::SameBusinessDay => cal.same_business_day(reported),
            SlaTarget::CalendarMinutes(m) => reported
                .checked_add(SignedDuration::from_mins(i64::from(m)))
                .map_err(|_| CalendarError::NeverOpen),
        }
    }
}

impl fmt::Display for SlaTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            SlaTarget::BusinessMinutes(m) if m % 60 == 0 => write!(f, "{}h", m / 60),
            SlaTarget::BusinessMinutes(m) => write!(f, "{m}m"),
            SlaTarget::BusinessDays(n) => write!(f, "{n}bd"),
            SlaTarget::SameBusinessDay => f.write_str("same-day"),
            SlaTarget::CalendarMinutes(m) => write!(f, "{}ch", m / 60),
        }
    }
}

impl Serialize for SlaTarget {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for SlaTarget {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// The due time of a clock that started at `start` and stood still during `pauses`.
///
/// The due time is the target's due time pushed later by the business time spent paused
/// before it: a clock that waited two business hours for the customer is due two business
/// hours later. An open pause (`None` end) means the clock stands still now: no due time.
/// Pauses may be given in any order and may overlap.
pub fn due_with_pauses(
    cal: &BusinessCalendar,
    target: SlaTarget,
    start: Timestamp,
    pauses: &[(Timestamp, Option<Timestamp>)],
) -> Result<Option<Timestamp>, CalendarError> {
    let mut due = target.due(cal, start)?;
    let mut ps: Vec<_> = pauses
        .iter()
        .copied()
        .filter(|(s, _)| *s >= start)
        .collect();
    ps.sort_by_key(|p| p.0);
    let mut covered_to = start;
    for (s, e) in ps {
        if s >= due {
            break;
        }
        let Some(e) = e else { return Ok(None) };
        let s = s.max(covered_to);
        if e <= s {
            continue;
        }
        let paused = match target {
            SlaTarget::CalendarMinutes(_) => e.duration_since(s),
            _ => cal.business_between(s, e),
        };
        due = match target {
            SlaTarget::CalendarMinutes(_) => due
                .checked_add(paused)
                .map_err(|_| CalendarError::NeverOpen)?,
            _ => cal.add_business(due, paused)?,
        };
        covered_to = e;
    }
    Ok(Some(due))
}
