//! SLA targets, their due times, and clocks that pause (waiting for the customer).

use crate::{
    BusinessCalendar, CalendarError,
    ns::{NS, duration, timestamp as ts, to_ns},
};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

const MINUTE_NS: i128 = 60 * NS;

/// A promised time.
///
/// | text | target | due |
/// |---|---|---|
/// | `240m`, `4h` | [`SlaTarget::BusinessMinutes`] | [`BusinessCalendar::add_business`] |
/// | `2bd` | [`SlaTarget::BusinessDays`] | [`BusinessCalendar::add_business_days`] |
/// | `same-day` | [`SlaTarget::SameBusinessDay`] | [`BusinessCalendar::same_business_day`] |
/// | `24ch`, `90cm` | [`SlaTarget::CalendarMinutes`] | plain elapsed time, no calendar |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlaTarget {
    /// Business minutes on the calendar (`240m`, `4h`).
    BusinessMinutes(u32),
    /// Closing time of the n-th business day after the report (`2bd`).
    BusinessDays(u32),
    /// Closing time of the report day, or of the next business day after closing (`same-day`).
    SameBusinessDay,
    /// Plain elapsed minutes, no calendar (`24ch` = 24 calendar hours, `90cm` = 90 calendar
    /// minutes).
    CalendarMinutes(u32),
}

impl SlaTarget {
    /// Parses `240m`, `4h`, `2bd`, `same-day`, `24ch` or `90cm` (case-insensitive).
    ///
    /// ```
    /// use podpora_calendar::SlaTarget;
    /// assert_eq!(SlaTarget::parse("240m").unwrap(), SlaTarget::BusinessMinutes(240));
    /// assert_eq!(SlaTarget::parse("4h").unwrap(), SlaTarget::BusinessMinutes(240));
    /// assert_eq!(SlaTarget::parse("2bd").unwrap(), SlaTarget::BusinessDays(2));
    /// assert_eq!(SlaTarget::parse("same-day").unwrap(), SlaTarget::SameBusinessDay);
    /// assert_eq!(SlaTarget::parse("24ch").unwrap(), SlaTarget::CalendarMinutes(1440));
    /// assert!(SlaTarget::parse("4 hours").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<Self, CalendarError> {
        let t = s.trim().to_ascii_lowercase();
        let bad = || CalendarError::BadTarget(s.to_string());
        let num = |n: &str| {
            if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            n.parse::<u32>().map_err(|_| bad())
        };
        if t == "same-day" || t == "sameday" {
            return Ok(SlaTarget::SameBusinessDay);
        }
        let r = if let Some(n) = t.strip_suffix("bd") {
            SlaTarget::BusinessDays(num(n)?)
        } else if let Some(n) = t.strip_suffix("ch") {
            SlaTarget::CalendarMinutes(num(n)?.checked_mul(60).ok_or_else(bad)?)
        } else if let Some(n) = t.strip_suffix("cm") {
            SlaTarget::CalendarMinutes(num(n)?)
        } else if let Some(n) = t.strip_suffix('h') {
            SlaTarget::BusinessMinutes(num(n)?.checked_mul(60).ok_or_else(bad)?)
        } else if let Some(n) = t.strip_suffix('m') {
            SlaTarget::BusinessMinutes(num(n)?)
        } else {
            return Err(bad());
        };
        Ok(r)
    }

    /// Whether the target counts plain elapsed time rather than business time.
    pub fn is_calendar_time(&self) -> bool {
        matches!(self, SlaTarget::CalendarMinutes(_))
    }

    /// The due time of a request reported at `reported`.
    ///
    /// ```
    /// use podpora_calendar::{BusinessCalendar, Country, OpeningHours, SlaTarget};
    /// let cal = BusinessCalendar::new("Europe/Bratislava", OpeningHours::parse("mon-fri 08:30-17:00").unwrap(), Some(Country::SK)).unwrap();
    /// let reported = cal.parse_instant("2026-10-30T16:00").unwrap();
    /// let due = |t: &str| cal.format(SlaTarget::parse(t).unwrap().due(&cal, reported).unwrap());
    /// assert_eq!(due("4h"), "2026-11-02T11:30:00+01:00");
    /// assert_eq!(due("2bd"), "2026-11-03T17:00:00+01:00");
    /// assert_eq!(due("same-day"), "2026-10-30T17:00:00+01:00");
    /// assert_eq!(due("24ch"), "2026-10-31T16:00:00+01:00");
    /// ```
    pub fn due(
        &self,
        cal: &BusinessCalendar,
        reported: Timestamp,
    ) -> Result<Timestamp, CalendarError> {
        match *self {
            SlaTarget::BusinessMinutes(m) => cal.add_business_minutes(reported, m),
            SlaTarget::BusinessDays(n) => cal.add_business_days(reported, n),
            SlaTarget::SameBusinessDay => cal.same_business_day(reported),
            SlaTarget::CalendarMinutes(m) => reported
                .checked_add(SignedDuration::from_mins(i64::from(m)))
                .map_err(|_| CalendarError::OutOfRange),
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
            SlaTarget::CalendarMinutes(m) if m % 60 == 0 => write!(f, "{}ch", m / 60),
            SlaTarget::CalendarMinutes(m) => write!(f, "{m}cm"),
        }
    }
}

impl std::str::FromStr for SlaTarget {
    type Err = CalendarError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for SlaTarget {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for SlaTarget {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// A paused stretch of an SLA clock, `[from, until)`; `until = None` while still paused.
pub type Pause = (Timestamp, Option<Timestamp>);

/// An SLA clock: a target counted from `start` on a calendar, standing still during pauses.
///
/// **Definition.** The clock has a *budget*: the target's business time (`4h` → 4 business
/// hours); for `2bd` and `same-day`, the business time from the start to the target's due time
/// without pauses; for calendar targets, plain elapsed time. Time *counts* when it is business
/// time (elapsed time for calendar targets) outside every pause. The due time is the first
/// instant at which the counted time since `start` reaches the budget — so a clock that
/// waited two business hours for the customer is due two business hours later, and a pause
/// outside business hours changes nothing. With no pauses the due time is exactly
/// [`SlaTarget::due`]. While a pause is open (no end) and the budget is not yet used up, there
/// is no due time. Pauses may come in any order and overlap; the parts before `start` are
/// ignored.
///
/// ```
/// use podpora_calendar::{BusinessCalendar, Clock, Country, OpeningHours, SlaTarget};
/// use jiff::SignedDuration;
/// let cal = BusinessCalendar::new("Europe/Bratislava", OpeningHours::parse("mon-fri 08:30-17:00").unwrap(), Some(Country::SK)).unwrap();
/// let at = |s: &str| cal.parse_instant(s).unwrap();
/// // 4 business hours from Monday 09:00, waiting for the customer 10:00–12:00
/// let clock = Clock::new(&cal, SlaTarget::BusinessMinutes(240), at("2026-11-23T09:00"), &[(at("2026-11-23T10:00"), Some(at("2026-11-23T12:00")))]).unwrap();
/// assert_eq!(cal.format(clock.due().unwrap().unwrap()), "2026-11-23T15:00:00+01:00");
/// // at 11:00 one hour has counted: three remain
/// assert_eq!(clock.remaining(at("2026-11-23T11:00")), SignedDuration::from_hours(3));
/// // at 16:00 the clock is one business hour overdue
/// assert_eq!(clock.remaining(at("2026-11-23T16:00")), SignedDuration::from_hours(-1));
/// ```
#[derive(Debug, Clone)]
pub struct Clock<'a> {
    cal: &'a BusinessCalendar,
    target: SlaTarget,
    start: i128,
    /// Budget in nanoseconds of counted time.
    budget: i128,
    /// Pauses clipped to `start`, sorted and merged; an open pause is last.
    pauses: Vec<(i128, Option<i128>)>,
}

impl<'a> Clock<'a> {
    /// A clock of `target` started at `start` with the given pauses.
    pub fn new(
        cal: &'a BusinessCalendar,
        target: SlaTarget,
        start: Timestamp,
        pauses: &[Pause],
    ) -> Result<Self, CalendarError> {
        let s = to_ns(start);
        let budget = match target {
            SlaTarget::BusinessMinutes(m) | SlaTarget::CalendarMinutes(m) => {
                i128::from(m) * MINUTE_NS
            }
            SlaTarget::BusinessDays(_) | SlaTarget::SameBusinessDay => {
                cal.between_ns(s, to_ns(target.due(cal, start)?))
            }
        };
        let mut ps: Vec<(i128, Option<i128>)> = pauses
            .iter()
            .map(|(a, b)| (to_ns(*a).max(s), b.map(to_ns)))
            .filter(|(a, b)| b.is_none_or(|b| b > *a))
            .collect();
        ps.sort_unstable_by_key(|p| p.0);
        let mut merged: Vec<(i128, Option<i128>)> = Vec::with_capacity(ps.len());
        for (a, b) in ps {
            if let Some(last) = merged.last_mut() {
                match last.1 {
                    None => break,
                    Some(end) if a <= end => {
                        last.1 = b.map(|b| b.max(end));
                        continue;
                    }
                    Some(_) => {}
                }
            }
            merged.push((a, b));
        }
        Ok(Self {
            cal,
            target,
            start: s,
            budget,
            pauses: merged,
        })
    }

    /// The target.
    pub fn target(&self) -> SlaTarget {
        self.target
    }

    /// The time the clock has to count (business time, or elapsed time for calendar targets).
    pub fn budget(&self) -> SignedDuration {
        duration(self.budget)
    }

    fn measure(&self, a: i128, b: i128) -> i128 {
        if self.target.is_calendar_time() {
            (b - a).max(0)
        } else {
            self.cal.between_ns(a, b)
        }
    }

    fn advance(&self, from: i128, by: i128) -> Result<i128, CalendarError> {
        if self.target.is_calendar_time() {
            Ok(from + by)
        } else {
            self.cal.add_ns(from, by)
        }
    }

    /// The due time; `None` while an open pause holds the clock before its budget is used up.
    pub fn due(&self) -> Result<Option<Timestamp>, CalendarError> {
        if self.pauses.is_empty() {
            return self.target.due(self.cal, ts(self.start)?).map(Some);
        }
        let (mut t, mut remaining) = (self.start, self.budget);
        for &(from, until) in &self.pauses {
            let avail = self.measure(t, from);
            if remaining < avail || (remaining == avail && avail > 0) {
                return ts(self.advance(t, remaining)?).map(Some);
            }
            remaining -= avail;
            match until {
                None => return Ok(None),
                Some(u) => t = u,
            }
        }
        ts(self.advance(t, remaining)?).map(Some)
    }

    /// The time counted in `[start, now)`: business time (elapsed time for calendar targets)
    /// outside the pauses.
    pub fn elapsed(&self, now: Timestamp) -> SignedDuration {
        let now = to_ns(now);
        let mut t = self.start;
        let mut total = 0;
        for &(from, until) in &self.pauses {
            if from >= now {
                break;
            }
            total += self.measure(t, from);
            match until {
                Some(u) if u < now => t = u,
                _ => return duration(total),
            }
        }
        duration(total + self.measure(t, now))
    }

    /// Budget less [`Clock::elapsed`]: what is left at `now`, negative once overdue (by how
    /// much counted time).
    pub fn remaining(&self, now: Timestamp) -> SignedDuration {
        duration(self.budget) - self.elapsed(now)
    }

    /// Whether the clock stands still at `now`.
    pub fn is_paused(&self, now: Timestamp) -> bool {
        let now = to_ns(now);
        self.pauses
            .iter()
            .any(|&(a, b)| a <= now && b.is_none_or(|b| now < b))
    }
}

/// The due time of a clock that started at `start` and stood still during `pauses`: see
/// [`Clock`] for the definition. `Ok(None)` while an open pause holds the clock.
pub fn due_with_pauses(
    cal: &BusinessCalendar,
    target: SlaTarget,
    start: Timestamp,
    pauses: &[Pause],
) -> Result<Option<Timestamp>, CalendarError> {
    Clock::new(cal, target, start, pauses)?.due()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Country, OpeningHours};

    #[test]
    fn text_round_trips() {
        for t in [
            SlaTarget::BusinessMinutes(240),
            SlaTarget::BusinessMinutes(90),
            SlaTarget::BusinessDays(2),
            SlaTarget::SameBusinessDay,
            SlaTarget::CalendarMinutes(1440),
            SlaTarget::CalendarMinutes(90),
        ] {
            assert_eq!(SlaTarget::parse(&t.to_string()).unwrap(), t);
        }
        for bad in [
            "",
            "h",
            "-4h",
            "+4h",
            "4 h",
            "4d",
            "99999999999m",
            "same day",
        ] {
            assert!(SlaTarget::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn overlapping_and_unordered_pauses_merge() {
        let cal = BusinessCalendar::new(
            "UTC",
            OpeningHours::parse("mon-fri 08:00-16:00").unwrap(),
            Some(Country::CZ),
        )
        .unwrap();
        let at = |s: &str| cal.parse_instant(s).unwrap();
        let p = |a: &str, b: &str| (at(a), Some(at(b)));
        let c = Clock::new(
            &cal,
            SlaTarget::BusinessMinutes(120),
            at("2026-11-23T08:00"),
            &[
                p("2026-11-23T09:30", "2026-11-23T10:30"),
                p("2026-11-23T07:00", "2026-11-23T08:30"),
                p("2026-11-23T09:00", "2026-11-23T10:00"),
            ],
        )
        .unwrap();
        // counted: 08:30–09:00, then from 10:30: 1.5 h more → 12:00
        assert_eq!(
            cal.format(c.due().unwrap().unwrap()),
            "2026-11-23T12:00:00+00:00"
        );
        assert!(c.is_paused(at("2026-11-23T10:00")));
        assert_eq!(
            c.elapsed(at("2026-11-23T11:00")),
            SignedDuration::from_mins(60)
        );
    }
}
