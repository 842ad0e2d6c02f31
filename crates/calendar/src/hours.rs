//! Weekly opening hours: per weekday, zero or more intervals, valid by construction.

use jiff::civil::Weekday;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Why opening hours could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid opening hours {input:?}: {why}. Accepted: `24x7`, `closed`, or `;`-separated day ranges with comma-separated intervals, e.g. `mon-fri 08:30-12:00,13:00-17:00; sat-sun 09:00-18:00`"
)]
pub struct HoursError {
    input: String,
    why: String,
}

impl HoursError {
    fn new(input: &str, why: impl Into<String>) -> Self {
        Self {
            input: input.to_string(),
            why: why.into(),
        }
    }
}

/// Minutes in a day; an interval may end at 24:00 (= 1440).
pub(crate) const DAY_MINUTES: u16 = 1440;

/// The open intervals of one day, in minutes after local midnight: sorted, non-overlapping,
/// each `start < end <= 1440`; intervals that touch are merged. Valid by construction.
///
/// ```
/// use podpora_calendar::DayHours;
/// let d = DayHours::parse("08:30-12:00, 13:00-17:00").unwrap();
/// assert_eq!(d.intervals(), &[(510, 720), (780, 1020)]);
/// assert_eq!(d.to_string(), "08:30-12:00,13:00-17:00");
/// assert_eq!(d.minutes(), 450);
/// assert!(DayHours::parse("12:00-08:00").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct DayHours(Vec<(u16, u16)>);

impl DayHours {
    /// Closed all day.
    pub const fn closed() -> Self {
        Self(Vec::new())
    }

    /// Open from midnight to midnight.
    pub fn all_day() -> Self {
        Self(vec![(0, DAY_MINUTES)])
    }

    /// Checks intervals given as minutes after midnight (`(510, 1020)` is 08:30–17:00).
    pub fn new(intervals: Vec<(u16, u16)>) -> Result<Self, String> {
        let mut out: Vec<(u16, u16)> = Vec::with_capacity(intervals.len());
        for (s, e) in intervals {
            if s >= e || e > DAY_MINUTES {
                return Err(format!(
                    "{} must start before it ends, within the day (end at most 24:00)",
                    interval_text(s, e)
                ));
            }
            match out.last_mut() {
                Some(last) if s < last.1 => {
                    return Err(format!(
                        "{} overlaps {} or is not in order",
                        interval_text(s, e),
                        interval_text(last.0, last.1)
                    ));
                }
                // touching intervals are one interval: closing time is the end of the last one
                Some(last) if s == last.1 => last.1 = e,
                _ => out.push((s, e)),
            }
        }
        Ok(Self(out))
    }

    /// Parses comma-separated `HH:MM-HH:MM` intervals (`24:00` allowed as an end).
    pub fn parse(input: &str) -> Result<Self, HoursError> {
        let mut list = Vec::new();
        for iv in input.split(',').map(str::trim) {
            let (s, e) = iv.split_once('-').ok_or_else(|| {
                HoursError::new(input, format!("{iv:?} is not an interval HH:MM-HH:MM"))
            })?;
            let (Some(s), Some(e)) = (parse_time(s), parse_time(e)) else {
                return Err(HoursError::new(
                    input,
                    format!("{iv:?} is not an interval HH:MM-HH:MM (24:00 allowed as an end)"),
                ));
            };
            list.push((s, e));
        }
        Self::new(list).map_err(|why| HoursError::new(input, why))
    }

    /// The intervals, `(start, end)` in minutes after local midnight.
    pub fn intervals(&self) -> &[(u16, u16)] {
        &self.0
    }

    /// Whether the day has no open time.
    pub fn is_closed(&self) -> bool {
        self.0.is_empty()
    }

    /// Open minutes of the day on the wall clock.
    pub fn minutes(&self) -> u32 {
        self.0.iter().map(|(s, e)| u32::from(e - s)).sum()
    }
}

impl fmt::Display for DayHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (s, e)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(&interval_text(*s, *e))?;
        }
        Ok(())
    }
}

fn interval_text(s: u16, e: u16) -> String {
    format!("{:02}:{:02}-{:02}:{:02}", s / 60, s % 60, e / 60, e % 60)
}

/// Opening hours for each weekday, in minutes after local midnight (`end` may be 1440).
///
/// Parse them from `24x7` (also `24/7`), `closed` (never open), or from `;`-separated parts, each a day or day range
/// (`mon`, `mon-fri`, `sat-mon` wraps around) followed by one or more comma-separated intervals.
/// A weekday not named is closed; naming a weekday twice is an error.
///
/// ```
/// use podpora_calendar::OpeningHours;
/// let h = OpeningHours::parse("mon-fri 08:30-12:00,13:00-17:00; sat 09:00-12:00").unwrap();
/// assert_eq!(h.to_string(), "mon-fri 08:30-12:00,13:00-17:00; sat 09:00-12:00");
/// assert_eq!(h.weekly_minutes(), 5 * 450 + 180);
/// assert!(OpeningHours::parse("mon 17:00-08:00").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OpeningHours {
    days: [DayHours; 7],
}

const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn day_index(s: &str) -> Option<usize> {
    const FULL: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let s = s.trim().to_ascii_lowercase();
    FULL.iter().position(|f| *f == s || f[..3] == s)
}

fn parse_time(s: &str) -> Option<u16> {
    let s = s.trim();
    let (h, m) = s.split_once(':')?;
    if s.len() != 5 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

impl OpeningHours {
    /// Open all day, every day.
    pub fn always() -> Self {
        Self {
            days: std::array::from_fn(|_| DayHours::all_day()),
        }
    }

    /// Never open (useful as a base for a calendar that is open on extra working days only).
    pub fn never() -> Self {
        Self {
            days: Default::default(),
        }
    }

    /// Builds hours from per-weekday intervals in minutes (Monday first), checking them.
    pub fn new(days: [Vec<(u16, u16)>; 7]) -> Result<Self, HoursError> {
        let mut out: [DayHours; 7] = Default::default();
        for (i, d) in days.into_iter().enumerate() {
            let text = format!("{d:?}");
            out[i] = DayHours::new(d)
                .map_err(|why| HoursError::new(&text, format!("{}: {why}", NAMES[i])))?;
        }
        Ok(Self { days: out })
    }

    /// Builds hours from one [`DayHours`] per weekday, Monday first.
    pub fn from_days(days: [DayHours; 7]) -> Self {
        Self { days }
    }

    /// Parses `24x7` or `mon-fri 08:30-17:00; sat-sun 09:00-18:00` (several intervals with commas).
    pub fn parse(input: &str) -> Result<Self, HoursError> {
        let err = |why: String| HoursError::new(input, why);
        let t = input.trim();
        if t.eq_ignore_ascii_case("24x7") || t.eq_ignore_ascii_case("24/7") {
            return Ok(Self::always());
        }
        if t.eq_ignore_ascii_case("closed") {
            return Ok(Self::never());
        }
        if t.is_empty() {
            return Err(err("empty".into()));
        }
        let mut days: [Option<DayHours>; 7] = Default::default();
        for part in t.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (range, intervals) = part.split_once(char::is_whitespace).ok_or_else(|| {
                err(format!(
                    "{part:?} needs days and times, e.g. mon-fri 08:00-16:00"
                ))
            })?;
            let (first, last) = match range.split_once('-') {
                Some((a, b)) => (day_index(a), day_index(b)),
                None => (day_index(range), day_index(range)),
            };
            let (Some(first), Some(last)) = (first, last) else {
                return Err(err(format!(
                    "{range:?} is not a day or day range (mon, tue, wed, thu, fri, sat, sun)"
                )));
            };
            let hours = DayHours::parse(intervals).map_err(|e| err(e.why))?;
            let mut d = first;
            loop {
                if days[d].is_some() {
                    return Err(err(format!("{} is given twice", NAMES[d])));
                }
                days[d] = Some(hours.clone());
                if d == last {
                    break;
                }
                d = (d + 1) % 7;
            }
        }
        Ok(Self {
            days: days.map(Option::unwrap_or_default),
        })
    }

    /// The intervals of a weekday.
    pub fn on(&self, weekday: Weekday) -> &[(u16, u16)] {
        self.day(weekday).intervals()
    }

    /// The hours of a weekday.
    pub fn day(&self, weekday: Weekday) -> &DayHours {
        &self.days[usize::from(weekday.to_monday_zero_offset().unsigned_abs())]
    }

    /// The hours of each weekday, Monday first.
    pub fn days(&self) -> &[DayHours; 7] {
        &self.days
    }

    /// Whether no weekday has any open time.
    pub fn is_never_open(&self) -> bool {
        self.days.iter().all(DayHours::is_closed)
    }

    /// Open minutes of a week on the wall clock.
    pub fn weekly_minutes(&self) -> u32 {
        self.days.iter().map(DayHours::minutes).sum()
    }

    /// The hours of a normal working day: the first of Monday to Friday that has any, else the
    /// first weekday that has any. Extra working days on a day without hours use these.
    pub fn typical_day(&self) -> &DayHours {
        self.days[..5]
            .iter()
            .chain(&self.days[5..])
            .find(|d| !d.is_closed())
            .unwrap_or(&self.days[0])
    }
}

impl fmt::Display for OpeningHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Self::always() {
            return f.write_str("24x7");
        }
        if self.is_never_open() {
            return f.write_str("closed");
        }
        let mut first = true;
        let mut i = 0;
        while i < 7 {
            if self.days[i].is_closed() {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < 7 && self.days[j + 1] == self.days[i] {
                j += 1;
            }
            if !first {
                f.write_str("; ")?;
            }
            first = false;
            if i == j {
                write!(f, "{} {}", NAMES[i], self.days[i])?;
            } else {
                write!(f, "{}-{} {}", NAMES[i], NAMES[j], self.days[i])?;
            }
            i = j + 1;
        }
        Ok(())
    }
}

impl Serialize for OpeningHours {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for OpeningHours {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl Serialize for DayHours {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DayHours {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_the_seed_calendars() {
        for s in [
            "24x7",
            "mon-fri 08:30-17:00",
            "mon-fri 08:30-17:00; sat-sun 09:00-18:00",
            "mon-fri 07:00-15:30",
            "mon-fri 09:00-16:00",
            "mon-fri 08:30-12:00,13:00-17:00",
            "sat-mon 00:00-24:00",
        ] {
            let h = OpeningHours::parse(s).unwrap();
            assert_eq!(OpeningHours::parse(&h.to_string()).unwrap(), h, "{s}");
        }
        assert_eq!(
            OpeningHours::parse("mon-sun 00:00-24:00").unwrap(),
            OpeningHours::always()
        );
        let h = OpeningHours::parse("Monday-Friday 08:30-12:00, 13:00-17:00").unwrap();
        assert_eq!(h.on(Weekday::Wednesday), &[(510, 720), (780, 1020)]);
        assert!(h.on(Weekday::Saturday).is_empty());
        assert_eq!(
            OpeningHours::parse("mon 08:00-12:00,12:00-16:00")
                .unwrap()
                .to_string(),
            "mon 08:00-16:00",
            "touching intervals merge"
        );
    }

    #[test]
    fn refuses_nonsense_with_the_reason() {
        for (s, why) in [
            ("mon-fri 8:30-17:00", "HH:MM"),
            ("mon-fri 17:00-08:00", "start before"),
            ("mon-fri 08:00-12:00,11:00-13:00", "overlap"),
            ("mo-fr 08:00-12:00", "not a day"),
            ("mon 25:00-26:00", "HH:MM"),
            ("mon 24:00-24:00", "start before"),
            ("mon +8:00-12:00", "HH:MM"),
            ("mon-fri", "needs days and times"),
            ("mon 08:00-09:00; mon 10:00-11:00", "twice"),
            ("", "empty"),
        ] {
            let e = OpeningHours::parse(s).unwrap_err().to_string();
            assert!(e.contains(why), "{s}: {e}");
            assert!(e.contains("Accepted: `24x7`"), "{e}");
        }
    }

    #[test]
    fn serde_reads_the_text_form() {
        use serde::de::{IntoDeserializer, value::Error};
        let read = |s: &str| OpeningHours::deserialize(s.into_deserializer());
        let h: Result<OpeningHours, Error> = read("mon-fri 08:30-17:00");
        assert_eq!(
            h.unwrap(),
            OpeningHours::parse("mon-fri 08:30-17:00").unwrap()
        );
        let bad: Result<OpeningHours, Error> = read("mon-fri 8-17");
        assert!(bad.unwrap_err().to_string().contains("Accepted"));
        assert_eq!(OpeningHours::never().to_string(), "closed");
        assert_eq!(
            OpeningHours::parse("closed").unwrap(),
            OpeningHours::never()
        );
    }

    proptest! {
        /// Whatever valid hours are built, their text form parses back to them.
        #[test]
        fn display_round_trips(days in proptest::array::uniform7(proptest::collection::vec((0u16..1440, 1u16..600), 0..3))) {
            let days = days.map(|d| {
                let mut v: Vec<(u16, u16)> = Vec::new();
                for (s, len) in d {
                    let start = v.last().map_or(s, |l| l.1 + s % 97 + 1);
                    let end = (start + len).min(1440);
                    if start < end { v.push((start, end)); }
                }
                v
            });
            let h = OpeningHours::new(days).unwrap();
            prop_assert_eq!(OpeningHours::parse(&h.to_string()).unwrap(), h);
        }
    }
}
