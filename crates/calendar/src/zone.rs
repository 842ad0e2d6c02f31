//! Local time to UTC and back, fast: the zone's offset changes as a table, so the arithmetic
//! loops need no time-zone lookups. Outside the table's years the zone's own rules answer.
//!
//! A local time that does not exist (skipped by a spring-forward change) resolves to the
//! first instant after the gap, i.e. the instant of the change; a local time that occurs
//! twice (fall back) resolves to its first occurrence.

use crate::days::{DAY_SECS, date_of};
use jiff::{
    Timestamp,
    civil::Time,
    tz::{AmbiguousOffset, TimeZone},
};

/// Years the table covers.
const FIRST_YEAR: i16 = 1970;
const LAST_YEAR: i16 = 2200;

/// Farther than this from any offset change, a local time has exactly one instant (offsets
/// are within ±26 hours, so two days is a safe margin).
pub(crate) const SAFE: i64 = 2 * DAY_SECS;

/// A range of local seconds `[lo, hi]` that all resolve at one offset, far from any change:
/// arithmetic loops keep one to skip the table search for most local times.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Segment {
    lo: i64,
    hi: i64,
    off: i64,
}

impl Segment {
    /// Holds nothing.
    pub(crate) const fn empty() -> Self {
        Self {
            lo: 1,
            hi: 0,
            off: 0,
        }
    }

    #[inline]
    fn get(&self, local: i64) -> Option<i64> {
        (self.lo <= local && local <= self.hi).then_some(local - self.off)
    }
}

/// The zone's offset changes from 1970 to 2200: `(utc second, offset after)`.
#[derive(Debug, Clone)]
pub(crate) struct OffsetTable {
    initial: i64,
    changes: Vec<(i64, i64)>,
    /// The UTC seconds the table covers.
    span: (i64, i64),
    /// For each 2^23-second bucket of the span, how many changes come before it: a search
    /// starts there and scans the few changes of the bucket.
    buckets: Vec<u32>,
}

const BUCKET_SHIFT: u32 = 23;

fn year_start(year: i16) -> i64 {
    i64::from(crate::days::day_number(
        jiff::civil::Date::new(year, 1, 1).unwrap_or(jiff::civil::Date::MIN),
    )) * DAY_SECS
}

impl OffsetTable {
    pub(crate) fn new(zone: &TimeZone) -> Self {
        let start_secs = year_start(FIRST_YEAR);
        let start = Timestamp::from_second(start_secs).unwrap_or(Timestamp::UNIX_EPOCH);
        let end = year_start(LAST_YEAR + 1) - 1;
        let initial = i64::from(zone.to_offset(start).seconds());
        let changes: Vec<(i64, i64)> = zone
            .following(start)
            .map(|t| (t.timestamp().as_second(), i64::from(t.offset().seconds())))
            .take_while(|(t, _)| *t <= end)
            .collect();
        let buckets = (0..=((end - start_secs) >> BUCKET_SHIFT))
            .map(|b| {
                let from = start_secs + (b << BUCKET_SHIFT);
                u32::try_from(changes.partition_point(|(t, _)| *t < from)).unwrap_or(u32::MAX)
            })
            .collect();
        Self {
            initial,
            changes,
            span: (start_secs, end),
            buckets,
        }
    }

    /// How many changes happen at or before `utc`, which must lie in the span.
    #[inline]
    fn count_le(&self, utc: i64) -> usize {
        let b = usize::try_from((utc - self.span.0) >> BUCKET_SHIFT).unwrap_or(0);
        let mut i = self.buckets.get(b).map_or(0, |&i| i as usize);
        while i < self.changes.len() && self.changes[i].0 <= utc {
            i += 1;
        }
        i
    }

    /// The offset in effect at a UTC second; `None` outside the table.
    #[inline]
    pub(crate) fn offset_at(&self, utc: i64) -> Option<i64> {
        if utc < self.span.0 || utc > self.span.1 {
            return None;
        }
        let i = self.count_le(utc);
        Some(if i == 0 {
            self.initial
        } else {
            self.changes[i - 1].1
        })
    }

    /// The instant of a local time (seconds since the local epoch): the first instant after a
    /// gap, the first occurrence in a fold; `None` outside the table. `seg` is a cache: when it
    /// holds `local` no search is made, and after a search far from any change it holds the
    /// range found.
    #[inline]
    pub(crate) fn resolve(&self, local: i64, seg: &mut Segment) -> Option<i64> {
        if let Some(t) = seg.get(local) {
            return Some(t);
        }
        if local < self.span.0 + SAFE || local > self.span.1 - SAFE {
            return None;
        }
        // Walk the segments between changes in UTC order, from one safely before.
        let mut j = self.count_le(local - SAFE);
        loop {
            let (start, off) = if j == 0 {
                (i64::MIN, self.initial)
            } else {
                self.changes[j - 1]
            };
            let end = self.changes.get(j).map_or(i64::MAX, |c| c.0);
            let t = local - off;
            if t < start {
                // Too late for the previous segment, too early for this one: a gap.
                return Some(start);
            }
            if t < end {
                // Local times whose instant is SAFE away from both changes have no other.
                let lo = start.saturating_add(off).saturating_add(SAFE);
                let hi = end.saturating_add(off).saturating_sub(SAFE);
                *seg = Segment {
                    lo: lo.max(self.span.0 + SAFE),
                    hi: hi.min(self.span.1 - SAFE),
                    off,
                };
                return Some(t);
            }
            j += 1;
        }
    }

    /// The first UTC second after `utc` at which the offset changes, or the table's end.
    /// `None` when `utc` is outside the table.
    #[inline]
    pub(crate) fn next_change_after(&self, utc: i64) -> Option<i64> {
        if utc < self.span.0 || utc > self.span.1 {
            return None;
        }
        let i = self.count_le(utc);
        Some(self.changes.get(i).map_or(self.span.1, |c| c.0))
    }
}

/// The same resolution through the zone's own rules (years outside the table).
pub(crate) fn resolve_slow(zone: &TimeZone, local: i64) -> Option<i64> {
    let day = i32::try_from(local.div_euclid(DAY_SECS)).ok()?;
    let secs = local.rem_euclid(DAY_SECS);
    let time = Time::new(
        i8::try_from(secs / 3600).ok()?,
        i8::try_from(secs / 60 % 60).ok()?,
        i8::try_from(secs % 60).ok()?,
        0,
    )
    .ok()?;
    let dt = date_of(day).to_datetime(time);
    match zone.to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => Some(local - i64::from(offset.seconds())),
        AmbiguousOffset::Gap { after, .. } => {
            // The change lies after this local time read with the later offset.
            let probe = Timestamp::from_second(local - i64::from(after.seconds())).ok()?;
            zone.following(probe)
                .next()
                .map(|t| t.timestamp().as_second())
        }
        AmbiguousOffset::Fold { before, .. } => Some(local - i64::from(before.seconds())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn zone(name: &str) -> TimeZone {
        jiff::tz::db().get(name).unwrap()
    }

    proptest! {
        /// The table resolves local times exactly as the zone's full rules do, and finds the
        /// same offsets.
        #[test]
        fn the_table_agrees_with_the_zone_rules(
            name in prop::sample::select(vec!["Europe/Bratislava", "Europe/Warsaw", "America/New_York", "Australia/Lord_Howe", "UTC", "America/Santiago", "America/Havana", "Pacific/Apia"]),
            local in 0i64..(230 * 365 * DAY_SECS),
            near in (-400 * DAY_SECS)..(400 * DAY_SECS),
        ) {
            let z = zone(name);
            let t = OffsetTable::new(&z);
            if let Some(fast) = t.resolve(local, &mut Segment::empty()) {
                prop_assert_eq!(Some(fast), resolve_slow(&z, local));
            }
            // with a segment cached from another local time
            let mut seg = Segment::empty();
            t.resolve(local + near, &mut seg);
            if let Some(cached) = t.resolve(local, &mut seg) {
                prop_assert_eq!(Some(cached), resolve_slow(&z, local));
            }
            let ts = Timestamp::from_second(local).unwrap();
            prop_assert_eq!(t.offset_at(local), Some(i64::from(z.to_offset(ts).seconds())));
        }
    }

    #[test]
    fn gaps_and_folds() {
        let z = zone("Europe/Bratislava");
        let t = OffsetTable::new(&z);
        let local = |s: &str| {
            let dt: jiff::civil::DateTime = s.parse().unwrap();
            i64::from(crate::days::day_number(dt.date())) * DAY_SECS
                + i64::from(dt.time().hour()) * 3600
                + i64::from(dt.time().minute()) * 60
        };
        let utc = |s: &str| s.parse::<Timestamp>().unwrap().as_second();
        // 02:30 on 29 March 2026 does not exist: the change at 01:00Z
        let mut seg = Segment::empty();
        assert_eq!(
            t.resolve(local("2026-03-29T02:30"), &mut seg),
            Some(utc("2026-03-29T01:00Z"))
        );
        // 02:30 on 25 October 2026 occurs twice: the first, 00:30Z
        assert_eq!(
            t.resolve(local("2026-10-25T02:30"), &mut seg),
            Some(utc("2026-10-25T00:30Z"))
        );
        // a cached segment never answers for a time near a change
        let mut seg = Segment::empty();
        assert_eq!(
            t.resolve(local("2026-07-01T12:00"), &mut seg),
            Some(utc("2026-07-01T10:00Z"))
        );
        assert_eq!(
            t.resolve(local("2026-10-25T02:30"), &mut seg),
            Some(utc("2026-10-25T00:30Z"))
        );
        assert_eq!(
            t.resolve(local("2026-03-29T02:30"), &mut seg),
            Some(utc("2026-03-29T01:00Z"))
        );
        assert_eq!(
            resolve_slow(&z, local("2026-03-29T02:30")),
            Some(utc("2026-03-29T01:00Z"))
        );
        assert_eq!(
            resolve_slow(&z, local("2026-10-25T02:30")),
            Some(utc("2026-10-25T00:30Z"))
        );
    }
}
