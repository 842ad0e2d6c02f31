//! Weekly opening hours: per weekday, zero or more intervals, valid by construction.

use jiff::civil::Weekday;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Why opening hours could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid opening hours {input:?}: {why}. Accepted: `24x7`, or `;`-separated day ranges with comma-separated intervals, e.g. `mon-fri 08:30-12:00,13:00-17:00; sat-sun 09:00-18:00`"
)]
pub struct HoursError {
    input: String,
    why: String,
}

/// Opening hours for each weekday, in minutes after local midnight (`end` may be 1440).
///
/// ```
/// use podpora_calendar::OpeningHours;
/// let h = OpeningHours::parse("mon-fri 08:30-12:00,13:00-17:00; sat 09:00-12:00").unwrap();
/// assert_eq!(h.to_string(), "mon-fri 08:30-12:00,13:00-17:00; sat 09:00-12:00");
/// assert!(OpeningHours::parse("mon 17:00-08:00").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpeningHours {
    days: [Vec<(u16, u16)>; 7],
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
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    if m >= 60 || h > 24 || (h == 24 && m != 0) || s.trim().len() != 5 {
        return None;
    }
    Some(h * 60 + m)
}

impl OpeningHours {
    /// Open all day, every day.
    pub fn always() -> Self {
        Self {
            days: std::array::from_fn(|_| vec![(0, 1440)]),
        }
    }

    /// Builds hours from per-weekday intervals (Monday first), checking them.
    pub fn new(days: [Vec<(u16, u16)>; 7]) -> Result<Self, String> {
        for (i, d) in days.iter().enumerate() {
            let mut prev_end = 0u16;
            for (k, (s, e)) in d.iter().enumerate() {
                if s >= e || *e > 1440 {
                    return Err(format!(
                        "{}: an interval must start before it ends, within the day",
                        NAMES[i]
                    ));
                }
                if k > 0 && *s < prev_end {
                    return Err(format!(
                        "{}: intervals overlap or are not in order",
                        NAMES[i]
                    ));
                }
                prev_end = *e;
            }
        }
        Ok(Self { days })
    }

    /// Parses `24x7` or `mon-fri 08:30-17:00; sat-sun 09:00-18:00` (several intervals with commas).
    pub fn parse(input: &str) -> Result<Self, HoursError> {
        let err = |why: String| HoursError {
            input: input.to_string(),
            why,
        };
        let t = input.trim();
        if t.eq_ignore_ascii_case("24x7") || t.eq_ignore_ascii_case("24/7") {
            return Ok(Self::always());
        }
        if t.is_empty() {
            return Err(err("empty".into()));
        }
        let mut days: [Vec<(u16, u16)>; 7] = Default::default();
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
            let mut list = Vec::new();
            for iv in intervals.split(',').map(str::trim) {
                let (s, e) = iv
                    .split_once('-')
                    .ok_or_else(|| err(format!("{iv:?} is not an interval HH:MM-HH:MM")))?;
                let (Some(s), Some(e)) = (parse_time(s), parse_time(e)) else {
                    return Err(err(format!(
                        "{iv:?} is not an interval HH:MM-HH:MM (24:00 allowed as an end)"
                    )));
                };
                list.push((s, e));
            }
            let mut d = first;
            loop {
                if !days[d].is_empty() {
                    return Err(err(format!("{} is given twice", NAMES[d])));
                }
                days[d] = list.clone();
                if d == last {
                    break;
                }
                d = (d + 1) % 7;
            }
        }
        Self::new(days).map_err(err)
    }

    /// The intervals of a weekday.
    pub fn on(&self, weekday: Weekday) -> &[(u16, u16)] {
        &self.days[usize::from(weekday.to_monday_zero_offset().unsigned_abs())]
    }

    /// Whether no weekday has any open time.
    pub fn is_never_open(&self) -> bool {
        self.days.iter().all(Vec::is_empty)
    }

    /// The intervals of the first weekday that has any (for extra working days on a weekend).
    pub fn typical_day(&self) -> &[(u16, u16)] {
        self.days
            .iter()
            .find(|d| !d.is_empty())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

impl fmt::Display for OpeningHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Self::always() {
            return f.write_str("24x7");
        }
        let mut parts = Vec::new();
        let mut i = 0;
        while i < 7 {
            if self.days[i].is_empty() {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < 7 && self.days[j + 1] == self.days[i] {
                j += 1;
            }
            let ivs: Vec<String> = self.days[i]
                .iter()
                .map(|(s, e)| format!("{:02}:{:02}-{:02}:{:02}", s / 60, s % 60, e / 60, e % 60))
                .collect();
            let range = if i == j {
                NAMES[i].to_string()
            } else {
                format!("{}-{}", NAMES[i], NAMES[j])
            };
            parts.push(format!("{range} {}", ivs.join(",")));
            i = j + 1;
        }
        f.write_str(&parts.join("; "))
    }
}

impl Serialize for OpeningHours {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for OpeningHours {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn refuses_nonsense_with_the_reason() {
        for (s, why) in [
            ("mon-fri 8:30-17:00", "HH:MM"),
            ("mon-fri 17:00-08:00", "start before"),
            ("mon-fri 08:00-12:00,11:00-13:00", "overlap"),
            ("mo-fr 08:00-12:00", "not a day"),
            ("mon 25:00-26:00", "HH:MM"),
            ("mon-fri", "needs days and times"),
            ("mon 08:00-09:00; mon 10:00-11:00", "twice"),
            ("", "empty"),
        ] {
            let e = OpeningHours::parse(s).unwrap_err().to_string();
            assert!(e.contains(why), "{s}: {e}");
        }
    }
}
