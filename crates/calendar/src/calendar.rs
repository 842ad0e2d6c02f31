//! A business calendar: opening hours in a time zone, public days off of a chosen country,
//! company closures and extra working days; and the arithmetic of business time on it.

use crate::{
    CalendarError, Country, DayHours, OpeningHours,
    days::{DAY_SECS, date_of, day_number, weekday_index},
    holidays::{self, bits::DayBits},
    zone::{OffsetTable, SAFE, Segment, resolve_slow},
};
use jiff::{
    SignedDuration, Timestamp,
    civil::{Date, DateTime},
    tz::TimeZone,
};
use std::fmt;

mod arithmetic;

/// How many consecutive days without open time a search crosses before it gives up.
const MAX_IDLE_DAYS: u32 = 3660;

/// A business calendar. Build it with [`BusinessCalendar::new`] and the `with_*` methods.
///
/// Semantics, all in the calendar's own time zone:
/// - An instant is *open* when it falls in one of its local day's intervals `[start, end)`.
/// - A day is closed when it is a company closure, or a public day off of the calendar's
///   country (holidays on which people work do not close it), unless it is an extra working
///   day. A closure wins over an extra working day on the same date.
/// - An extra working day is open on the intervals given with it, or by default on its own
///   weekday's hours, or — when its weekday has none (a Saturday worked in place of a holiday)
///   — on the hours of a normal working day ([`OpeningHours::typical_day`]).
/// - **Daylight-saving time.** Interval bounds are local wall-clock times. A bound in a skipped
///   hour (spring forward) is the first instant after the gap: hours `02:30-04:00` open at
///   03:00 on the spring-forward day, and an interval wholly inside the gap holds no time. A
///   bound in a repeated hour (fall back) is its first occurrence. Business time is always
///   real elapsed time: a 24×7 calendar counts 23 hours on the spring-forward day and 25 on
///   the fall-back day.
/// - The holiday country is chosen explicitly, never guessed from the zone
///   (`Europe/Bratislava` is the same zone as `Europe/Prague`).
///
/// The calendar is immutable, `Send + Sync`, and cheap to share behind an `Arc`.
///
/// ```
/// use podpora_calendar::{BusinessCalendar, Country, OpeningHours};
/// use jiff::SignedDuration;
/// let cal = BusinessCalendar::new("Europe/Bratislava", OpeningHours::always(), None).unwrap();
/// // The spring-forward day has 23 hours, the fall-back day 25.
/// let day = |d: &str| cal.parse_instant(d).unwrap();
/// assert_eq!(cal.business_between(day("2026-03-29T00:00"), day("2026-03-30T00:00")), SignedDuration::from_hours(23));
/// assert_eq!(cal.business_between(day("2026-10-25T00:00"), day("2026-10-26T00:00")), SignedDuration::from_hours(25));
/// ```
#[derive(Clone)]
pub struct BusinessCalendar {
    zone: TimeZone,
    hours: OpeningHours,
    country: Option<Country>,
    /// Company closures, as day numbers, sorted and unique.
    closures: Vec<i32>,
    /// Extra working days with the hours they use, sorted by day, unique.
    extra: Vec<(i32, DayHours)>,
    /// Public days off of `country`, shared by all calendars.
    days_off: Option<&'static DayBits>,
    /// Open time of a week without days off or offset changes, in nanoseconds.
    weekly_ns: i128,
    /// The same per weekday, Monday first.
    day_ns: [i128; 7],
    offsets: OffsetTable,
}

impl fmt::Debug for BusinessCalendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BusinessCalendar")
            .field("zone", &self.zone.iana_name().unwrap_or("(fixed)"))
            .field("hours", &self.hours.to_string())
            .field("country", &self.country)
            .field(
                "closures",
                &self
                    .closures
                    .iter()
                    .map(|d| date_of(*d))
                    .collect::<Vec<_>>(),
            )
            .field(
                "extra_working_days",
                &self
                    .extra
                    .iter()
                    .map(|(d, h)| format!("{} {h}", date_of(*d)))
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

use crate::ns::{NS, duration, split, timestamp as from_ns, to_ns};

impl BusinessCalendar {
    /// A calendar of `hours` in the IANA zone `zone` (e.g. `Europe/Bratislava`), with the
    /// public days off of `country` (chosen explicitly, never guessed from the zone). The zone
    /// comes from the time-zone database bundled in the binary, so every node computes the same
    /// due times whatever its system has installed.
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
    /// assert!(BusinessCalendar::new("Europe/Atlantis", OpeningHours::always(), None).is_err());
    /// ```
    pub fn new(
        zone: &str,
        hours: OpeningHours,
        country: Option<Country>,
    ) -> Result<Self, CalendarError> {
        let zone = jiff::tz::db()
            .get(zone)
            .map_err(|_| CalendarError::UnknownZone(zone.to_string()))?;
        let offsets = OffsetTable::new(&zone);
        let day_ns = hours
            .days()
            .each_ref()
            .map(|d| i128::from(d.minutes()) * 60 * NS);
        let weekly_ns = day_ns.iter().sum();
        Ok(Self {
            zone,
            hours,
            country,
            closures: Vec::new(),
            extra: Vec::new(),
            days_off: country.map(holidays::bits::of),
            weekly_ns,
            day_ns,
            offsets,
        })
    }

    /// Adds company closures (days the calendar is closed whatever the hours say; e.g. the
    /// Polish substitute day off an employer picks for a holiday on a Saturday).
    pub fn with_closures(mut self, dates: impl IntoIterator<Item = Date>) -> Self {
        self.closures.extend(dates.into_iter().map(day_number));
        self.closures.sort_unstable();
        self.closures.dedup();
        self
    }

    /// Adds extra working days (open even on a weekend or a public day off) on their default
    /// hours: their own weekday's hours, or a normal working day's when the weekday has none.
    pub fn with_extra_working_days(mut self, dates: impl IntoIterator<Item = Date>) -> Self {
        for date in dates {
            let own = self.hours.day(date.weekday());
            let hours = if own.is_closed() {
                self.hours.typical_day().clone()
            } else {
                own.clone()
            };
            self.put_extra(day_number(date), hours);
        }
        self
    }

    /// Adds one extra working day open on the given hours.
    ///
    /// ```
    /// use podpora_calendar::{BusinessCalendar, Country, DayHours, OpeningHours};
    /// use jiff::civil::date;
    /// let cal = BusinessCalendar::new("Europe/Warsaw", OpeningHours::parse("mon-fri 08:00-16:00").unwrap(), Some(Country::PL))
    ///     .unwrap()
    ///     .with_extra_working_day(date(2026, 8, 22), DayHours::parse("09:00-13:00").unwrap());
    /// assert_eq!(cal.day_hours(date(2026, 8, 22)), &[(540, 780)]);
    /// ```
    pub fn with_extra_working_day(mut self, date: Date, hours: DayHours) -> Self {
        self.put_extra(day_number(date), hours);
        self
    }

    fn put_extra(&mut self, day: i32, hours: DayHours) {
        match self.extra.binary_search_by_key(&day, |e| e.0) {
            Ok(i) => self.extra[i].1 = hours,
            Err(i) => self.extra.insert(i, (day, hours)),
        }
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

    /// The company closures.
    pub fn closures(&self) -> impl Iterator<Item = Date> + '_ {
        self.closures.iter().map(|d| date_of(*d))
    }

    /// The extra working days and their hours.
    pub fn extra_working_days(&self) -> impl Iterator<Item = (Date, &DayHours)> + '_ {
        self.extra.iter().map(|(d, h)| (date_of(*d), h))
    }

    #[inline]
    fn is_public_day_off(&self, day: i32) -> bool {
        match (self.days_off, self.country) {
            (Some(bits), Some(c)) => bits
                .get(day)
                .unwrap_or_else(|| holidays::is_day_off(c, date_of(day))),
            _ => false,
        }
    }

    /// The local intervals of a day number (empty when the day is closed).
    #[inline]
    fn intervals(&self, day: i32) -> &[(u16, u16)] {
        if !self.closures.is_empty() && self.closures.binary_search(&day).is_ok() {
            return &[];
        }
        if !self.extra.is_empty()
            && let Ok(i) = self.extra.binary_search_by_key(&day, |e| e.0)
        {
            return self.extra[i].1.intervals();
        }
        if self.is_public_day_off(day) {
            &[]
        } else {
            self.hours.days()[weekday_index(day)].intervals()
        }
    }

    /// The local intervals of `date`, minutes after midnight (empty when the day is closed).
    pub fn day_hours(&self, date: Date) -> &[(u16, u16)] {
        self.intervals(day_number(date))
    }

    /// Whether `date` has any open time (after daylight-saving changes: hours that fall wholly
    /// into a skipped hour hold none).
    pub fn is_business_day(&self, date: Date) -> bool {
        self.closing_ns(day_number(date), &mut Segment::empty())
            .is_some()
    }

    /// The UTC second of a local wall-clock minute of a day.
    #[inline]
    fn instant(&self, day: i32, minute: u16, seg: &mut Segment) -> Option<i64> {
        let local = i64::from(day) * DAY_SECS + i64::from(minute) * 60;
        self.resolve_local(local, seg)
    }

    #[inline]
    fn resolve_local(&self, local: i64, seg: &mut Segment) -> Option<i64> {
        self.offsets
            .resolve(local, seg)
            .or_else(|| resolve_slow(&self.zone, local))
    }

    /// The open intervals of a day as UTC nanoseconds, calling `f(start, end)` for each
    /// non-empty one until it returns `Some`.
    #[inline]
    fn find_interval<T>(
        &self,
        day: i32,
        seg: &mut Segment,
        mut f: impl FnMut(i128, i128) -> Option<T>,
    ) -> Option<T> {
        for &(s, e) in self.intervals(day) {
            let (Some(a), Some(b)) = (self.instant(day, s, seg), self.instant(day, e, seg)) else {
                continue;
            };
            if a < b
                && let Some(r) = f(i128::from(a) * NS, i128::from(b) * NS)
            {
                return Some(r);
            }
        }
        None
    }

    /// The local day number of an instant.
    #[inline]
    fn local_day(&self, t: i128) -> i32 {
        let secs = split(t).0;
        let off = self.offsets.offset_at(secs).unwrap_or_else(|| {
            Timestamp::from_second(secs)
                .map(|ts| i64::from(self.zone.to_offset(ts).seconds()))
                .unwrap_or(0)
        });
        i32::try_from((secs + off).div_euclid(DAY_SECS)).unwrap_or(i32::MAX)
    }

    /// The local date of an instant.
    pub fn local_date(&self, t: Timestamp) -> Date {
        date_of(self.local_day(to_ns(t)))
    }

    /// The first day at or after `day` (at most `limit`) that is not *plain*: a closure, an
    /// extra working day, a public day off on a weekday with hours, or a day within two days of
    /// an offset change. Plain days have exactly their weekday's hours, converted at one offset.
    fn plain_until(&self, day: i32, limit: i32) -> i32 {
        let lo = i64::from(day) * DAY_SECS - SAFE;
        let Some(next_change) = self.offsets.next_change_after(lo) else {
            return day;
        };
        let by_offset = (next_change - SAFE - 1).div_euclid(DAY_SECS);
        let mut stop = i32::try_from(by_offset.min(i64::from(limit))).unwrap_or(day);
        if let Some(&c) = self
            .closures
            .get(self.closures.partition_point(|&c| c < day))
        {
            stop = stop.min(c);
        }
        if let Some((e, _)) = self.extra.get(self.extra.partition_point(|e| e.0 < day)) {
            stop = stop.min(*e);
        }
        if let Some(bits) = self.days_off {
            let mut from = day;
            while from < stop {
                let off = bits.next_set(from);
                if off >= stop {
                    break;
                }
                if self.day_ns[weekday_index(off)] != 0 || bits.get(off).is_none() {
                    stop = off;
                    break;
                }
                // a day off on a weekday without hours changes nothing
                from = off + 1;
            }
        }
        stop.max(day)
    }

    /// Skips plain days from `day` (before `limit`) while their open time stays below `budget`:
    /// whole weeks at once, then single days. Returns the first day not skipped and the open
    /// time skipped.
    fn skip_plain(&self, day: i32, limit: i32, budget: i128) -> (i32, i128) {
        let stop = self.plain_until(day, limit);
        if stop <= day {
            return (day, 0);
        }
        let mut weeks = i128::from((stop - day) / 7);
        if self.weekly_ns > 0 {
            weeks = weeks.min((budget - 1).max(0) / self.weekly_ns);
        }
        // weeks <= (stop - day) / 7, which fits an i32
        let mut d = day + i32::try_from(weeks * 7).unwrap_or(0);
        let mut skipped = weeks * self.weekly_ns;
        while d < stop {
            let today = self.day_ns[weekday_index(d)];
            if skipped + today >= budget {
                break;
            }
            skipped += today;
            d += 1;
        }
        (d, skipped)
    }

    /// Reads `--from` input: an RFC 3339 instant (`2026-10-30T15:00:00Z`,
    /// `2026-10-30T16:00+01:00`) or a local date-time in the calendar's zone
    /// (`2026-10-30T16:00`, seconds optional). A local time skipped by a spring-forward change
    /// reads as the first instant after the gap; one that occurs twice, as its first occurrence
    /// (the same rule as opening hours).
    ///
    /// ```
    /// # use podpora_calendar::{BusinessCalendar, OpeningHours};
    /// let cal = BusinessCalendar::new("Europe/Bratislava", OpeningHours::always(), None).unwrap();
    /// assert_eq!(cal.parse_instant("2026-10-30T16:00").unwrap().to_string(), "2026-10-30T15:00:00Z");
    /// assert_eq!(cal.parse_instant("2026-10-30T16:00:00+02:00").unwrap().to_string(), "2026-10-30T14:00:00Z");
    /// assert_eq!(cal.format(cal.parse_instant("2026-03-29T02:30").unwrap()), "2026-03-29T03:00:00+02:00");
    /// assert_eq!(cal.format(cal.parse_instant("2026-10-25T02:30").unwrap()), "2026-10-25T02:30:00+02:00");
    /// assert!(cal.parse_instant("30.10.2026 16:00").is_err());
    /// ```
    pub fn parse_instant(&self, s: &str) -> Result<Timestamp, CalendarError> {
        let s = s.trim();
        let bad = || CalendarError::BadInstant(s.to_string());
        if let Ok(t) = s.parse::<Timestamp>() {
            return Ok(t);
        }
        let dt: DateTime = s.parse().map_err(|_| bad())?;
        let local = i64::from(day_number(dt.date())) * DAY_SECS
            + i64::from(dt.hour()) * 3600
            + i64::from(dt.minute()) * 60
            + i64::from(dt.second());
        let secs = self
            .resolve_local(local, &mut Segment::empty())
            .ok_or_else(bad)?;
        Timestamp::new(secs, dt.subsec_nanosecond()).map_err(|_| bad())
    }

    /// An instant as RFC 3339 with the calendar's offset, whole seconds, e.g.
    /// `2026-11-02T11:30:00+01:00`.
    pub fn format(&self, t: Timestamp) -> String {
        t.to_zoned(self.zone.clone())
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn cal(hours: &str, zone: &str, country: Option<Country>) -> BusinessCalendar {
        BusinessCalendar::new(zone, OpeningHours::parse(hours).unwrap(), country).unwrap()
    }

    #[test]
    fn is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<BusinessCalendar>();
    }

    #[test]
    fn plain_days_stop_at_days_off_closures_and_dst() {
        let c = cal(
            "mon-fri 08:30-17:00",
            "Europe/Bratislava",
            Some(Country::SK),
        )
        .with_closures([date(2026, 7, 20)]);
        let d = |y, m, dd| day_number(date(y, m, dd));
        let far = d(2100, 1, 1);
        // from Mon 1 June 2026: 5 July is a day off on a Sunday (no hours: ignored), 6 July
        // is a Monday: no day off; the closure on 20 July stops
        assert_eq!(c.plain_until(d(2026, 6, 1), far), d(2026, 7, 20));
        // 29 August 2026 is a Saturday; 1 September works; 15 September works in 2026 only;
        // the DST change on 25 October stops two days early
        assert_eq!(c.plain_until(d(2026, 8, 1), far), d(2026, 10, 23));
        assert_eq!(
            c.plain_until(d(2026, 11, 2), far),
            d(2026, 12, 24),
            "17 Nov works"
        );
        assert_eq!(c.plain_until(d(2026, 6, 1), d(2026, 6, 3)), d(2026, 6, 3));
        // a week of 42.5 hours; skipping stops before the budget is used up
        let week = 5 * 510 * 60 * NS;
        assert_eq!(
            c.skip_plain(d(2026, 6, 1), far, 3 * week),
            (d(2026, 6, 19), 2 * week + 4 * 510 * 60 * NS)
        );
        assert_eq!(c.skip_plain(d(2026, 6, 1), far, 1), (d(2026, 6, 1), 0));
        assert_eq!(
            c.skip_plain(d(2026, 6, 6), far, 1),
            (d(2026, 6, 8), 0),
            "a weekend costs nothing"
        );
    }

    #[test]
    fn long_durations_cost_days_not_minutes() {
        let c = cal(
            "mon-fri 08:30-17:00",
            "Europe/Bratislava",
            Some(Country::SK),
        );
        let s = c.parse_instant("2026-01-05T08:30").unwrap();
        // 2026 has 252 business days of 8.5 hours in Slovakia (261 weekdays less 9 days off on them)
        let year = c.business_between(s, c.parse_instant("2027-01-01T00:00").unwrap());
        let days: i64 = (0..361)
            .filter(|i| {
                c.is_business_day(
                    date(2026, 1, 5)
                        .checked_add(jiff::Span::new().days(*i))
                        .unwrap(),
                )
            })
            .count()
            .try_into()
            .unwrap();
        assert_eq!(year, SignedDuration::from_mins(days * 510));
        let due = c.add_business(s, year).unwrap();
        assert_eq!(c.format(due), "2026-12-31T17:00:00+01:00");
    }
}
