//! A business calendar: opening hours in a time zone, public days off of a chosen country,
//! company closures and extra working days; and the arithmetic of business time on it.

use crate::{CalendarError, Country, OpeningHours, holidays};
use jiff::{
    SignedDuration, Timestamp,
    civil::{Date, DateTime, Time},
    tz::TimeZone,
};
use std::collections::BTreeSet;

/// How far ahead a search for open time goes before it gives up (ten years of days).
const MAX_DAYS: usize = 3660;
/// Years whose days off are precomputed at construction.
const FIRST_YEAR: i16 = 1970;
const LAST_YEAR: i16 = 2200;

/// A business calendar. Build it with [`BusinessCalendar::new`] and the `with_*` methods.
///
/// Semantics, all in the calendar's own time zone:
/// - An instant is *open* when it falls in one of the day's intervals `[start, end)`.
/// - Interval bounds that fall into a skipped hour (spring forward) move forward by the gap;
///   bounds in a repeated hour (fall back) take its first occurrence. Business time is always
///   real elapsed time, so a 24×7 calendar counts 23 hours on the spring-forward day and 25 on
///   the fall-back day.
/// - A day is closed when it is a company closure, or a public day off of the calendar's
///   country (holidays on which people work do not close it), unless it is an extra working day.
///   An extra working day uses its weekday's hours, or the first weekday's hours that has any
///   when its own weekday has none (a Saturday worked in place of a holiday).
#[derive(Debug, Clone)]
pub struct BusinessCalendar {
    zone: TimeZone,
    hours: OpeningHours,
    country: Option<Country>,
    closures: BTreeSet<Date>,
    extra_working_days: BTreeSet<Date>,
    /// Bit per day of year: public day off of `country`, for FIRST_YEAR..=LAST_YEAR.
    days_off: Vec<[u64; 6]>,
    /// The zone's offsets as a table, so most local times convert without a zone lookup.
    offsets: OffsetTable,
}

/// The zone's offset changes from FIRST_YEAR to LAST_YEAR: `(utc second, offset after)`.
#[derive(Debug, Clone)]
struct OffsetTable {
    initial: i64,
    changes: Vec<(i64, i64)>,
    /// The UTC seconds the table covers.
    span: (i64, i64),
}

/// Farther than this from any offset change, a local time has exactly one instant.
const SAFE: i64 = 2 * 86_400;

impl OffsetTable {
    fn new(zone: &TimeZone) -> Self {
        let start = Timestamp::from_second(days_from_civil(FIRST_YEAR, 1, 1) * 86_400)
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let end = days_from_civil(LAST_YEAR, 12, 31) * 86_400;
        let initial = i64::from(zone.to_offset(start).seconds());
        let changes = zone
            .following(start)
            .map(|t| (t.timestamp().as_second(), i64::from(t.offset().seconds())))
            .take_while(|(t, _)| *t <= end)
            .collect();
        Self {
            initial,
            changes,
            span: (start.as_second(), end),
        }
    }

    /// The instant of a local time (seconds since the local epoch), when no offset change is
    /// near enough to make it skipped or repeated; `None` sends the caller to the full rules.
    fn resolve(&self, local: i64) -> Option<i64> {
        if local < self.span.0 + SAFE || local > self.span.1 - SAFE {
            return None;
        }
        let i = self.changes.partition_point(|(t, _)| *t <= local - SAFE);
        if let Some((next, _)) = self.changes.get(i)
            && *next < local + SAFE
        {
            return None;
        }
        let off = if i == 0 {
            self.initial
        } else {
            self.changes[i - 1].1
        };
        Some(local - off)
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i16, m: i8, d: i8) -> i64 {
    let (y, m, d) = (i64::from(y), i64::from(m), i64::from(d));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl BusinessCalendar {
    /// A calendar of `hours` in the IANA zone `zone` (e.g. `Europe/Bratislava`), with the
    /// public days off of `country` (chosen explicitly, never guessed from the zone).
    ///
    /// ```
    /// use podpora_calendar::{BusinessCalendar, Country, OpeningHours};
    /// let cal = BusinessCalendar::new(
    ///     "Europe/Bratislava",
    ///     OpeningHours::parse("mon-fri 08:30-17:00").unwrap(),
    ///     Some(Country::SK),
    /// ).unwrap();
    /// let due = cal.add_business(cal.parse_instant("2026-10-30T16:00").unwrap(), jiff::SignedDuration::from_hours(4)).unwrap();
    /// assert_eq!(cal.format(due), "2026-11-02T11:30:00+01:00");
    /// ```
    pub fn new(
        zone: &str,
        hours: OpeningHours,
        country: Option<Country>,
    ) -> Result<Self, CalendarError> {
        let zone = jiff::tz::db()
            .get(zone)
            .map_err(|_| CalendarError::UnknownZone(zone.to_string()))?;
        let mut days_off =
            Vec::with_capacity(usize::try_from(LAST_YEAR - FIRST_YEAR + 1).unwrap_or(0));
        for year in FIRST_YEAR..=LAST_YEAR {
            let mut bits = [0u64; 6];
            if let Some(c) = country {
                for h in holidays::days_off(c, year) {
                    let d = usize::try_from(h.date.day_of_year()).unwrap_or(0);
                    bits[d / 64] |= 1 << (d % 64);
                }
            }
            days_off.push(bits);
        }
        let offsets = OffsetTable::new(&zone);
        Ok(Self {
            zone,
            hours,
            country,
            closures: BTreeSet::new(),
            extra_working_days: BTreeSet::new(),
            days_off,
            offsets,
        })
    }

    /// Adds company closures (days the calendar is closed whatever the hours say).
    pub fn with_closures(mut self, dates: impl IntoIterator<Item = Date>) -> Self {
        self.closures.extend(dates);
        self
    }

    /// Adds extra working days (open even on a weekend or public day off).
    pub fn with_extra_working_days(mut self, dates: impl IntoIterator<Item = Date>) -> Self {
        self.extra_working_days.extend(dates);
        self
    }

    /// The time zone.
    pub fn zone(&self) -> &TimeZone {
        &self.zone
    }

    /// The weekly hours.
    pub fn hours(&self) -> &OpeningHours {
        &self.hours
    }

    /// The holiday country.
    pub fn country(&self) -> Option<Country> {
        self.country
    }

    fn is_public_day_off(&self, date: Date) -> bool {
        match self.country {
            None => false,
            Some(c) => match usize::try_from(date.year() - FIRST_YEAR)
                .ok()
                .and_then(|i| self.days_off.get(i))
            {
                Some(bits) => {
                    let d = usize::try_from(date.day_of_year()).unwrap_or(0);
                    bits[d / 64] & (1 << (d % 64)) != 0
                }
                None => holidays::is_day_off(c, date),
            },
        }
    }

    /// The local intervals of `date` (empty when the day is closed).
    pub fn day_hours(&self, date: Date) -> &[(u16, u16)] {
        if !self.closures.is_empty() && self.closures.contains(&date) {
            return &[];
        }
        let own = self.hours.on(date.weekday());
        if !self.extra_working_days.is_empty() && self.extra_working_days.contains(&date) {
            return if own.is_empty() {
                self.hours.typical_day()
            } else {
                own
            };
        }
        if self.is_public_day_off(date) {
            &[]
        } else {
            own
        }
    }

    /// Whether `date` has any open time.
    pub fn is_business_day(&self, date: Date) -> bool {
        !self.day_hours(date).is_empty()
    }

    fn instant(&self, date: Date, minute: u16) -> Option<Timestamp> {
        let local = days_from_civil(date.year(), date.month(), date.day()) * 86_400
            + i64::from(minute) * 60;
        if let Some(utc) = self.offsets.resolve(local) {
            return Timestamp::from_second(utc).ok();
        }
        let dt = if minute >= 1440 {
            date.tomorrow().ok()?.to_datetime(Time::midnight())
        } else {
            let (h, m) = (
                i8::try_from(minute / 60).ok()?,
                i8::try_from(minute % 60).ok()?,
            );
            date.to_datetime(Time::new(h, m, 0, 0).ok()?)
        };
        self.zone.to_ambiguous_timestamp(dt).compatible().ok()
    }

    /// The open intervals of `date` as instants, calling `f(start, end)` for each.
    fn for_each_interval(
        &self,
        date: Date,
        mut f: impl FnMut(Timestamp, Timestamp) -> bool,
    ) -> bool {
        for &(s, e) in self.day_hours(date) {
            let (Some(a), Some(b)) = (self.instant(date, s), self.instant(date, e)) else {
                continue;
            };
            if a < b && f(a, b) {
                return true;
            }
        }
        false
    }

    /// The local date of an instant.
    pub fn local_date(&self, t: Timestamp) -> Date {
        self.zone.to_datetime(t).date()
    }

    /// Whether the calendar is open at `t`.
    pub fn is_open(&self, t: Timestamp) -> bool {
        self.for_each_interval(self.local_date(t), |a, b| a <= t && t < b)
    }

    /// The first open instant at or after `t`.
    pub fn next_opening(&self, t: Timestamp) -> Result<Timestamp, CalendarError> {
        self.add_business(t, SignedDuration::ZERO)
    }

    /// Adds business time: counting starts at `start` if open, else at the next opening.
    ///
    /// A zero duration gives the next opening. A target that runs out exactly at a closing
    /// time is due at that closing time, not at the next opening. The cost grows with the
    /// number of calendar days crossed, not with the length of the duration.
    pub fn add_business(
        &self,
        start: Timestamp,
        duration: SignedDuration,
    ) -> Result<Timestamp, CalendarError> {
        if duration.is_negative() {
            return Err(CalendarError::NegativeDuration);
        }
        let mut remaining = duration;
        let mut date = self.local_date(start);
        for _ in 0..MAX_DAYS {
            let mut due = None;
            self.for_each_interval(date, |a, b| {
                if b <= start {
                    return false;
                }
                let from = a.max(start);
                let avail = b.duration_since(from);
                if remaining <= avail {
                    due = from.checked_add(remaining).ok();
                    return true;
                }
                remaining -= avail;
                false
            });
            if let Some(d) = due {
                return Ok(d);
            }
            date = date.tomorrow().map_err(|_| CalendarError::NeverOpen)?;
        }
        Err(CalendarError::NeverOpen)
    }

    /// Business time in `[a, b)`; zero when `b <= a`.
    pub fn business_between(&self, a: Timestamp, b: Timestamp) -> SignedDuration {
        let mut total = SignedDuration::ZERO;
        if b <= a {
            return total;
        }
        let (mut date, last) = (self.local_date(a), self.local_date(b));
        while date <= last {
            self.for_each_interval(date, |s, e| {
                let (s, e) = (s.max(a), e.min(b));
                if s < e {
                    total += e.duration_since(s);
                }
                false
            });
            match date.tomorrow() {
                Ok(d) => date = d,
                Err(_) => break,
            }
        }
        total
    }

    /// The open intervals counted between two instants (for explaining a due time).
    pub fn explain(&self, a: Timestamp, b: Timestamp) -> Vec<(Timestamp, Timestamp)> {
        let mut out = Vec::new();
        if b <= a {
            return out;
        }
        let (mut date, last) = (self.local_date(a), self.local_date(b));
        while date <= last {
            self.for_each_interval(date, |s, e| {
                let (s, e) = (s.max(a), e.min(b));
                if s < e {
                    out.push((s, e));
                }
                false
            });
            match date.tomorrow() {
                Ok(d) => date = d,
                Err(_) => break,
            }
        }
        out
    }

    /// Closing time (end of the last interval) of a business day.
    pub fn closing(&self, date: Date) -> Option<Timestamp> {
        let mut last = None;
        self.for_each_interval(date, |_, e| {
            last = Some(e);
            false
        });
        last
    }

    fn next_business_day(&self, mut date: Date) -> Result<Date, CalendarError> {
        for _ in 0..MAX_DAYS {
            date = date.tomorrow().map_err(|_| CalendarError::NeverOpen)?;
            if self.closing(date).is_some() {
                return Ok(date);
            }
        }
        Err(CalendarError::NeverOpen)
    }

    /// "Within `n` business days": by closing time of the `n`-th business day after the day
    /// of the report (`n = 0` is [`BusinessCalendar::same_business_day`]).
    ///
    /// ```
    /// # use podpora_calendar::{BusinessCalendar, Country, OpeningHours};
    /// let cal = BusinessCalendar::new("Europe/Bratislava", OpeningHours::parse("mon-fri 08:30-17:00").unwrap(), Some(Country::SK)).unwrap();
    /// // 24–26 December are days off in Slovakia
    /// let due = cal.add_business_days(cal.parse_instant("2025-12-23T14:00").unwrap(), 2).unwrap();
    /// assert_eq!(cal.format(due), "2025-12-30T17:00:00+01:00");
    /// ```
    pub fn add_business_days(
        &self,
        reported: Timestamp,
        n: u32,
    ) -> Result<Timestamp, CalendarError> {
        if n == 0 {
            return self.same_business_day(reported);
        }
        let mut date = self.local_date(reported);
        for _ in 0..n {
            date = self.next_business_day(date)?;
        }
        self.closing(date).ok_or(CalendarError::NeverOpen)
    }

    /// "The same business day": closing time of the day reported when it is a business day and
    /// the report came before closing; otherwise closing time of the next business day.
    pub fn same_business_day(&self, reported: Timestamp) -> Result<Timestamp, CalendarError> {
        let date = self.local_date(reported);
        match self.closing(date) {
            Some(c) if reported < c => Ok(c),
            _ => {
                let next = self.next_business_day(date)?;
                self.closing(next).ok_or(CalendarError::NeverOpen)
            }
        }
    }

    /// Reads `--from` input: a local date-time in the calendar's zone (`2026-10-30T16:00`) or an
    /// RFC 3339 instant (`2026-10-30T15:00:00Z`, `2026-10-30T16:00+01:00`).
    pub fn parse_instant(&self, s: &str) -> Result<Timestamp, CalendarError> {
        let s = s.trim();
        if let Ok(t) = s.parse::<Timestamp>() {
            return Ok(t);
        }
        let dt: DateTime = s
            .parse()
            .map_err(|_| CalendarError::BadInstant(s.to_string()))?;
        self.zone
            .to_ambiguous_timestamp(dt)
            .compatible()
            .map_err(|_| CalendarError::BadInstant(s.to_string()))
    }

    /// An instant as RFC 3339 with the calendar's offset, e.g. `2026-11-02T11:30:00+01:00`.
    pub fn format(&self, t: Timestamp) -> String {
        let z = t.to_zoned(self.zone.clone());
        format!(
            "{}{}",
            z.datetime().strftime("%Y-%m-%dT%H:%M:%S"),
            z.strftime("%:z")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn days_from_civil_matches_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
    }

    proptest! {
        /// The offset table converts local times exactly as the zone's full rules do.
        #[test]
        fn the_offset_table_agrees_with_the_zone_rules(
            zone in prop::sample::select(vec!["Europe/Bratislava", "Europe/Warsaw", "America/New_York", "Australia/Lord_Howe", "UTC", "America/Santiago"]),
            days in -3650i64..40_000,
            minute in 0i64..1440,
        ) {
            let cal = BusinessCalendar::new(zone, OpeningHours::always(), None).unwrap();
            let epoch = jiff::civil::date(1970, 1, 1);
            let Ok(date) = epoch.checked_add(jiff::Span::new().days(days)) else { return Ok(()) };
            let m = u16::try_from(minute).unwrap();
            let fast = cal.instant(date, m);
            let (h, mi) = (i8::try_from(minute / 60).unwrap(), i8::try_from(minute % 60).unwrap());
            let slow = cal.zone.to_ambiguous_timestamp(date.at(h, mi, 0, 0)).compatible().ok();
            prop_assert_eq!(fast, slow);
        }
    }
}
