//! The arithmetic of business time on a calendar: adding business time, business days and
//! "same day", the business time between two instants, and the intervals counted.

use super::*;

impl BusinessCalendar {
    /// Whether the calendar is open at `t`.
    ///
    /// ```
    /// # use podpora_calendar::{BusinessCalendar, Country, OpeningHours};
    /// let cal = BusinessCalendar::new("Europe/Bratislava", OpeningHours::parse("mon-fri 08:30-17:00").unwrap(), Some(Country::SK)).unwrap();
    /// assert!(cal.is_open(cal.parse_instant("2026-11-02T08:30").unwrap()));
    /// assert!(!cal.is_open(cal.parse_instant("2026-11-02T17:00").unwrap())); // intervals are [start, end)
    /// assert!(cal.is_open(cal.parse_instant("2026-11-17T10:00").unwrap())); // 17 Nov is a working holiday from 2025
    /// ```
    pub fn is_open(&self, t: Timestamp) -> bool {
        let t = to_ns(t);
        self.find_interval(self.local_day(t), &mut Segment::empty(), |a, b| {
            (a <= t && t < b).then_some(())
        })
        .is_some()
    }

    /// The first open instant at or after `t` (`t` itself when open); `None` when the calendar
    /// has no open time within ten years.
    ///
    /// ```
    /// # use podpora_calendar::{BusinessCalendar, Country, OpeningHours};
    /// let cal = BusinessCalendar::new("Europe/Bratislava", OpeningHours::parse("mon-fri 08:30-17:00").unwrap(), Some(Country::SK)).unwrap();
    /// let t = cal.next_opening(cal.parse_instant("2025-12-23T18:00").unwrap()).unwrap();
    /// assert_eq!(cal.format(t), "2025-12-29T08:30:00+01:00"); // 24–26 December are days off
    /// ```
    pub fn next_opening(&self, t: Timestamp) -> Option<Timestamp> {
        self.add_ns(to_ns(t), 0).ok().and_then(|n| from_ns(n).ok())
    }

    /// Adds business time: "within 4 business hours".
    ///
    /// Counting starts at `start` if the calendar is open then, else at the next opening. A
    /// zero duration gives the next opening (`start` itself when open). A duration that runs
    /// out exactly at a closing time is due at that closing time, not at the next opening.
    /// The cost grows with the number of days that are not plain weeks (days off, closures,
    /// daylight-saving changes), never with the length of the duration in minutes: whole
    /// quiet weeks are skipped at once.
    ///
    /// ```
    /// # use podpora_calendar::{BusinessCalendar, Country, OpeningHours};
    /// use jiff::SignedDuration;
    /// let cal = BusinessCalendar::new("Europe/Bratislava", OpeningHours::parse("mon-fri 08:30-17:00").unwrap(), Some(Country::SK)).unwrap();
    /// let at = |s: &str| cal.parse_instant(s).unwrap();
    /// // Friday 16:00 + 4 business hours: one hour on Friday, three on Monday
    /// assert_eq!(cal.format(cal.add_business(at("2026-10-30T16:00"), SignedDuration::from_hours(4)).unwrap()), "2026-11-02T11:30:00+01:00");
    /// // Out of hours, counting starts at the next opening; zero gives the opening itself
    /// assert_eq!(cal.format(cal.add_business(at("2026-10-31T10:00"), SignedDuration::ZERO).unwrap()), "2026-11-02T08:30:00+01:00");
    /// // Exactly to closing time: due at closing
    /// assert_eq!(cal.format(cal.add_business(at("2026-11-02T16:00"), SignedDuration::from_hours(1)).unwrap()), "2026-11-02T17:00:00+01:00");
    /// ```
    pub fn add_business(
        &self,
        start: Timestamp,
        duration: SignedDuration,
    ) -> Result<Timestamp, CalendarError> {
        if duration.is_negative() {
            return Err(CalendarError::NegativeDuration);
        }
        from_ns(self.add_ns(to_ns(start), duration.as_nanos())?)
    }

    /// [`BusinessCalendar::add_business`] with a whole number of business minutes.
    pub fn add_business_minutes(
        &self,
        start: Timestamp,
        minutes: u32,
    ) -> Result<Timestamp, CalendarError> {
        self.add_business(start, SignedDuration::from_mins(i64::from(minutes)))
    }

    pub(crate) fn add_ns(&self, start: i128, mut remaining: i128) -> Result<i128, CalendarError> {
        if self.weekly_ns == 0 && self.extra.is_empty() {
            return Err(CalendarError::NeverOpen);
        }
        // Business time never runs faster than real time: refuse what cannot be represented.
        if start + remaining > to_ns(Timestamp::MAX) {
            return Err(CalendarError::OutOfRange);
        }
        let mut day = self.local_day(start);
        let mut seg = Segment::empty();
        let mut idle = 0u32;
        let mut first = true;
        loop {
            if !first && remaining > self.weekly_ns && self.weekly_ns > 0 {
                let limit = day.saturating_add(i32::MAX / 2);
                let (d, skipped) = self.skip_plain(day, limit, remaining);
                if d > day {
                    remaining -= skipped;
                    day = d;
                    idle = 0;
                }
            }
            first = false;
            let mut open_today = false;
            let due = self.find_interval(day, &mut seg, |a, b| {
                open_today = true;
                if b <= start {
                    return None;
                }
                let from = a.max(start);
                let avail = b - from;
                if remaining <= avail {
                    return Some(from + remaining);
                }
                remaining -= avail;
                None
            });
            if let Some(due) = due {
                return Ok(due);
            }
            idle = if open_today { 0 } else { idle + 1 };
            if idle > MAX_IDLE_DAYS {
                return Err(CalendarError::NeverOpen);
            }
            day = day.checked_add(1).ok_or(CalendarError::OutOfRange)?;
        }
    }

    /// Business time in `[a, b)`; zero when `b <= a`. The inverse of
    /// [`BusinessCalendar::add_business`]: `business_between(a, add_business(a, d)) == d`.
    ///
    /// ```
    /// # use podpora_calendar::{BusinessCalendar, Country, OpeningHours};
    /// use jiff::SignedDuration;
    /// let cal = BusinessCalendar::new("Europe/Bratislava", OpeningHours::parse("mon-fri 08:30-17:00").unwrap(), Some(Country::SK)).unwrap();
    /// let at = |s: &str| cal.parse_instant(s).unwrap();
    /// assert_eq!(cal.business_between(at("2026-10-30T16:00"), at("2026-11-02T11:30")), SignedDuration::from_hours(4));
    /// ```
    pub fn business_between(&self, a: Timestamp, b: Timestamp) -> SignedDuration {
        duration(self.between_ns(to_ns(a), to_ns(b)))
    }

    pub(crate) fn between_ns(&self, a: i128, b: i128) -> i128 {
        if b <= a {
            return 0;
        }
        let (first, last) = (self.local_day(a), self.local_day(b));
        let mut total: i128 = 0;
        let mut seg = Segment::empty();
        let mut day = first;
        while day <= last {
            if day > first && last - day > 7 && self.weekly_ns > 0 {
                // Days strictly between the ends are whole: skip plain ones.
                let (d, skipped) = self.skip_plain(day, last, i128::MAX);
                if d > day {
                    total += skipped;
                    day = d;
                    continue;
                }
            }
            self.find_interval(day, &mut seg, |s, e| {
                let (s, e) = (s.max(a), e.min(b));
                if s < e {
                    total += e - s;
                }
                None::<()>
            });
            day += 1;
        }
        total
    }

    /// The open intervals counted between two instants, clipped to `[a, b)`, in order — what a
    /// `--explain` flag prints.
    ///
    /// ```
    /// # use podpora_calendar::{BusinessCalendar, Country, OpeningHours};
    /// let cal = BusinessCalendar::new("Europe/Bratislava", OpeningHours::parse("mon-fri 08:30-17:00").unwrap(), Some(Country::SK)).unwrap();
    /// let at = |s: &str| cal.parse_instant(s).unwrap();
    /// let iv = cal.explain(at("2026-10-30T16:00"), at("2026-11-02T11:30"));
    /// assert_eq!(iv, vec![(at("2026-10-30T16:00"), at("2026-10-30T17:00")), (at("2026-11-02T08:30"), at("2026-11-02T11:30"))]);
    /// ```
    pub fn explain(&self, a: Timestamp, b: Timestamp) -> Vec<(Timestamp, Timestamp)> {
        let mut out = Vec::new();
        let (a, b) = (to_ns(a), to_ns(b));
        if b <= a {
            return out;
        }
        let last = self.local_day(b);
        let mut day = self.local_day(a);
        let mut seg = Segment::empty();
        while day <= last {
            self.find_interval(day, &mut seg, |s, e| {
                let (s, e) = (s.max(a), e.min(b));
                if s < e
                    && let (Ok(s), Ok(e)) = (from_ns(s), from_ns(e))
                {
                    out.push((s, e));
                }
                None::<()>
            });
            day += 1;
        }
        out
    }

    /// [`BusinessCalendar::explain`] as local date-times in the calendar's zone.
    pub fn explain_zoned(&self, a: Timestamp, b: Timestamp) -> Vec<(jiff::Zoned, jiff::Zoned)> {
        self.explain(a, b)
            .into_iter()
            .map(|(s, e)| (s.to_zoned(self.zone.clone()), e.to_zoned(self.zone.clone())))
            .collect()
    }

    pub(super) fn closing_ns(&self, day: i32, seg: &mut Segment) -> Option<i128> {
        let mut last = None;
        self.find_interval(day, seg, |_, e| {
            last = Some(e);
            None::<()>
        });
        last
    }

    /// Closing time (end of the last open interval) of `date`; `None` when it is not a
    /// business day.
    pub fn closing(&self, date: Date) -> Option<Timestamp> {
        self.closing_ns(day_number(date), &mut Segment::empty())
            .and_then(|n| from_ns(n).ok())
    }

    /// The first business day after `day` and its closing time.
    fn next_business_day(
        &self,
        mut day: i32,
        seg: &mut Segment,
    ) -> Result<(i32, i128), CalendarError> {
        for _ in 0..=MAX_IDLE_DAYS {
            day = day.checked_add(1).ok_or(CalendarError::OutOfRange)?;
            if let Some(c) = self.closing_ns(day, seg) {
                return Ok((day, c));
            }
        }
        Err(CalendarError::NeverOpen)
    }

    /// "Within `n` business days": by closing time (the end of the last interval) of the
    /// `n`-th business day after the day of the report. The report day is the local date of
    /// `reported`, whatever the hour and whether or not it is a business day; `n = 0` is
    /// [`BusinessCalendar::same_business_day`].
    ///
    /// ```
    /// # use podpora_calendar::{BusinessCalendar, Country, OpeningHours};
    /// let cal = BusinessCalendar::new("Europe/Bratislava", OpeningHours::parse("mon-fri 08:30-17:00").unwrap(), Some(Country::SK)).unwrap();
    /// // Tuesday 23 December; 24–26 December are days off in Slovakia: Mon 29 is the 1st, Tue 30 the 2nd
    /// let due = cal.add_business_days(cal.parse_instant("2025-12-23T14:00").unwrap(), 2).unwrap();
    /// assert_eq!(cal.format(due), "2025-12-30T17:00:00+01:00");
    /// // Reported on a Saturday: Monday is the 1st business day after it
    /// let due = cal.add_business_days(cal.parse_instant("2026-11-21T10:00").unwrap(), 1).unwrap();
    /// assert_eq!(cal.format(due), "2026-11-23T17:00:00+01:00");
    /// ```
    pub fn add_business_days(
        &self,
        reported: Timestamp,
        n: u32,
    ) -> Result<Timestamp, CalendarError> {
        if n == 0 {
            return self.same_business_day(reported);
        }
        let mut day = self.local_day(to_ns(reported));
        let mut closing = 0;
        let mut seg = Segment::empty();
        for _ in 0..n {
            (day, closing) = self.next_business_day(day, &mut seg)?;
        }
        from_ns(closing)
    }

    /// "The same business day": closing time of the day reported when it is a business day and
    /// the report came before its closing; otherwise closing time of the next business day.
    ///
    /// ```
    /// # use podpora_calendar::{BusinessCalendar, Country, OpeningHours};
    /// let cal = BusinessCalendar::new("Europe/Bratislava", OpeningHours::parse("mon-fri 08:30-17:00").unwrap(), Some(Country::SK)).unwrap();
    /// let due = |s: &str| cal.format(cal.same_business_day(cal.parse_instant(s).unwrap()).unwrap());
    /// assert_eq!(due("2026-11-23T07:00"), "2026-11-23T17:00:00+01:00"); // before opening: today
    /// assert_eq!(due("2026-11-23T18:00"), "2026-11-24T17:00:00+01:00"); // after closing: next business day
    /// assert_eq!(due("2026-11-21T10:00"), "2026-11-23T17:00:00+01:00"); // Saturday: Monday
    /// ```
    pub fn same_business_day(&self, reported: Timestamp) -> Result<Timestamp, CalendarError> {
        let t = to_ns(reported);
        let day = self.local_day(t);
        let mut seg = Segment::empty();
        match self.closing_ns(day, &mut seg) {
            Some(c) if t < c => from_ns(c),
            _ => from_ns(self.next_business_day(day, &mut seg)?.1),
        }
    }
}
