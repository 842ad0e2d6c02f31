//! Business-time arithmetic against brute-force oracles that step minute by minute, on random
//! calendars: random weekly intervals, zones with daylight-saving time (Lord Howe's half-hour
//! shift, Santiago's and Havana's changes at midnight included), holiday countries, company
//! closures and extra working days, and instants clustered around DST changes and holidays.
//! The oracles only ask `is_open`, which checks one instant against its own day's intervals.

use jiff::{SignedDuration, Timestamp, civil::Date};
use podpora_calendar::{BusinessCalendar, Clock, Country, DayHours, OpeningHours, SlaTarget};
use proptest::prelude::*;

const ZONES: &[&str] = &[
    "Europe/Bratislava",
    "Europe/Prague",
    "Europe/Warsaw",
    "America/New_York",
    "Australia/Lord_Howe",
    "UTC",
    "America/Santiago",
    "America/Havana",
];
/// Days around DST changes and holidays, as local noon anchors.
const ANCHORS: &[&str] = &[
    "2026-03-29T12:00",
    "2026-10-25T12:00",
    "2026-03-08T12:00",
    "2026-11-01T12:00",
    "2026-04-05T12:00",
    "2025-12-24T12:00",
    "2026-05-08T12:00",
    "2026-07-15T12:00",
    "2026-09-06T12:00",
    "2026-04-04T12:00",
    "2026-10-04T12:00",
];
const MINUTE: SignedDuration = SignedDuration::from_secs(60);

fn day() -> impl Strategy<Value = Vec<(u16, u16)>> {
    prop_oneof![
        Just(vec![]),
        (0u16..1380, 1u16..600).prop_map(|(s, len)| vec![(s, (s + len).min(1440))]),
        (0u16..600, 1u16..300, 1u16..300, 1u16..400).prop_map(|(s, l1, gap, l2)| {
            let e1 = s + l1;
            let s2 = (e1 + gap).min(1439);
            vec![(s, e1), (s2, (s2 + l2).min(1440))]
        }),
        Just(vec![(0, 1440)]),
        Just(vec![(510, 1020)]),
        // around the usual change hours, to land bounds in gaps and folds
        (0u16..240, 1u16..200).prop_map(|(s, len)| vec![(s, s + len)]),
    ]
}

/// An extra working day: days from the anchor, and its own hours or the default ones.
type Extra = (i64, Option<Vec<(u16, u16)>>);

/// Day offsets from the anchor for closures and extra working days.
fn specials() -> impl Strategy<Value = (Vec<i64>, Vec<Extra>)> {
    (
        proptest::collection::vec(-10i64..30, 0..4),
        proptest::collection::vec((-10i64..30, proptest::option::of(day())), 0..4),
    )
}

#[derive(Debug, Clone)]
struct Case {
    cal: BusinessCalendar,
    anchor: usize,
}

fn case() -> impl Strategy<Value = Case> {
    (
        proptest::array::uniform7(day()),
        0..ZONES.len(),
        0usize..4,
        0..ANCHORS.len(),
        specials(),
    )
        .prop_filter_map(
            "needs open time",
            |(days, z, c, anchor, (closed, extra))| {
                let hours = OpeningHours::new(days).ok()?;
                if hours.is_never_open() {
                    return None;
                }
                let country = [
                    None,
                    Some(Country::SK),
                    Some(Country::CZ),
                    Some(Country::PL),
                ][c];
                let base: Date = ANCHORS[anchor][..10].parse().ok()?;
                let date = |off: i64| base.checked_add(jiff::Span::new().days(off)).ok();
                let mut cal = BusinessCalendar::new(ZONES[z], hours, country)
                    .ok()?
                    .with_closures(closed.iter().filter_map(|o| date(*o)));
                for (off, h) in extra {
                    cal = match h {
                        None => cal.with_extra_working_days(date(off)),
                        Some(h) => cal.with_extra_working_day(date(off)?, DayHours::new(h).ok()?),
                    };
                }
                Some(Case { cal, anchor })
            },
        )
}

fn at(c: &Case, offset_min: i64) -> Timestamp {
    c.cal.parse_instant(ANCHORS[c.anchor]).unwrap() + SignedDuration::from_mins(offset_min)
}

/// The instant at which `minutes` open minutes from `start` have passed, minute by minute.
fn oracle_add(cal: &BusinessCalendar, start: Timestamp, minutes: i64) -> Option<Timestamp> {
    let mut t = start;
    let mut remaining = minutes;
    for _ in 0..(60 * 24 * 60) {
        if cal.is_open(t) {
            if remaining == 0 {
                return Some(t);
            }
            remaining -= 1;
            if remaining == 0 {
                return Some(t + MINUTE);
            }
        }
        t += MINUTE;
    }
    None
}

fn oracle_between(cal: &BusinessCalendar, a: Timestamp, b: Timestamp) -> SignedDuration {
    let mut t = a;
    let mut n = 0;
    while t < b {
        if cal.is_open(t) {
            n += 1;
        }
        t += MINUTE;
    }
    SignedDuration::from_mins(n)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn add_business_agrees_with_the_oracle(c in case(), off in -2000i64..2000, minutes in 0i64..900) {
        let s = at(&c, off);
        if let Some(expected) = oracle_add(&c.cal, s, minutes) {
            prop_assert_eq!(c.cal.add_business(s, SignedDuration::from_mins(minutes)).unwrap(), expected);
        }
    }

    #[test]
    fn business_between_agrees_with_the_oracle(c in case(), off in -2000i64..2000, span in 0i64..4000) {
        let a = at(&c, off);
        let b = a + SignedDuration::from_mins(span);
        prop_assert_eq!(c.cal.business_between(a, b), oracle_between(&c.cal, a, b));
    }

    #[test]
    fn next_opening_is_the_first_open_minute(c in case(), off in -3000i64..3000) {
        let t = at(&c, off);
        let n = c.cal.next_opening(t);
        prop_assert_eq!(n, oracle_add(&c.cal, t, 0));
        if let Some(n) = n {
            prop_assert!(c.cal.is_open(n));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Over long spans (where whole quiet weeks are skipped) the two operations stay inverse,
    /// also from instants that are not on a minute.
    #[test]
    fn add_and_between_are_inverse(c in case(), off in -5000i64..5000, secs in 0i64..60, minutes in 0i64..300_000, span in 0i64..300_000) {
        let a = at(&c, off) + SignedDuration::from_secs(secs);
        let d = SignedDuration::from_mins(minutes);
        let due = c.cal.add_business(a, d).unwrap();
        prop_assert_eq!(c.cal.business_between(a, due), d);
        let b = a + SignedDuration::from_mins(span);
        let counted = c.cal.business_between(a, b);
        let back = c.cal.add_business(a, counted).unwrap();
        prop_assert_eq!(c.cal.business_between(a, back), counted);
        prop_assert!(back <= b || counted.is_zero());
    }

    /// Skipping quiet weeks gives the same total as adding up every interval.
    #[test]
    fn between_is_the_sum_of_the_explained_intervals(c in case(), off in -5000i64..5000, span in 0i64..600_000) {
        let a = at(&c, off);
        let b = a + SignedDuration::from_mins(span);
        let parts = c.cal.explain(a, b);
        let sum = parts.iter().fold(SignedDuration::ZERO, |s, (x, y)| s + y.duration_since(*x));
        prop_assert_eq!(c.cal.business_between(a, b), sum);
        prop_assert!(parts.windows(2).all(|w| w[0].1 <= w[1].0), "ordered and disjoint");
        prop_assert!(parts.iter().all(|(x, y)| x < y && c.cal.is_open(*x)));
    }

    /// A target that uses up the business time exactly to a closing time is due at that closing
    /// time, not at the next opening.
    #[test]
    fn a_target_ending_at_closing_is_due_at_closing(c in case(), off in -2000i64..2000, k in 0usize..3) {
        let a = at(&c, off);
        let intervals = c.cal.explain(a, a + SignedDuration::from_hours(24 * 30));
        prop_assume!(intervals.len() > k);
        let closing = intervals[k].1;
        let d = c.cal.business_between(a, closing);
        let due = c.cal.add_business(a, d).unwrap();
        prop_assert_eq!(due, if d.is_zero() { c.cal.next_opening(a).unwrap() } else { closing });
        prop_assert_eq!(Some(due), oracle_add(&c.cal, a, d.as_secs() / 60));
    }

    /// "n business days" and "same day" against intervals grouped by local date.
    #[test]
    fn business_days_agree_with_the_days_that_have_open_time(c in case(), off in -3000i64..3000, n in 0u32..4) {
        let t = at(&c, off);
        let report_day = c.cal.local_date(t);
        let from = c.cal.parse_instant(&format!("{report_day}T00:00")).unwrap() - SignedDuration::from_hours(30);
        let mut by_day: Vec<(Date, Timestamp)> = Vec::new();
        for (s, e) in c.cal.explain(from, t + SignedDuration::from_hours(24 * 60)) {
            let d = c.cal.local_date(s);
            match by_day.last_mut() {
                Some((last, closing)) if *last == d => *closing = e,
                _ => by_day.push((d, e)),
            }
        }
        let after: Vec<_> = by_day.iter().filter(|(d, _)| *d > report_day).collect();
        let expected = if n == 0 {
            match by_day.iter().find(|(d, _)| *d == report_day) {
                Some((_, closing)) if t < *closing => Some(*closing),
                _ => after.first().map(|x| x.1),
            }
        } else {
            after.get(n as usize - 1).map(|x| x.1)
        };
        if let Some(expected) = expected {
            prop_assert_eq!(c.cal.add_business_days(t, n).unwrap(), expected);
        }
    }

    /// A clock's due time and remaining time against counting open, unpaused minutes.
    #[test]
    fn clocks_agree_with_the_oracle(
        c in case(),
        off in -2000i64..2000,
        minutes in 0u32..600,
        pauses in proptest::collection::vec((-200i64..3000, 0i64..900), 0..4),
        open_pause in proptest::option::of(0i64..3000),
        now in 0i64..4000,
        calendar_time in any::<bool>(),
    ) {
        let start = at(&c, off);
        let mut ps: Vec<(Timestamp, Option<Timestamp>)> = pauses
            .iter()
            .map(|(a, len)| (start + SignedDuration::from_mins(*a), Some(start + SignedDuration::from_mins(a + len))))
            .collect();
        if let Some(a) = open_pause {
            ps.push((start + SignedDuration::from_mins(a), None));
        }
        let target = if calendar_time { SlaTarget::CalendarMinutes(minutes) } else { SlaTarget::BusinessMinutes(minutes) };
        let clock = Clock::new(&c.cal, target, start, &ps).unwrap();
        let paused = |t: Timestamp| ps.iter().any(|(a, b)| *a <= t && b.is_none_or(|b| t < b));
        let counts = |t: Timestamp| !paused(t) && (calendar_time || c.cal.is_open(t));
        // due: the first instant at which `minutes` counted minutes have passed
        let mut t = start;
        let mut left = i64::from(minutes);
        let mut expected = None;
        for _ in 0..(60 * 24 * 40) {
            if counts(t) {
                if left == 0 { expected = Some(t); break; }
                left -= 1;
                if left == 0 { expected = Some(t + MINUTE); break; }
            }
            t += MINUTE;
        }
        match (clock.due().unwrap(), expected) {
            (Some(due), Some(e)) => prop_assert_eq!(due, e),
            (None, _) => prop_assert!(open_pause.is_some(), "no due time only under an open pause"),
            (Some(due), None) => prop_assert!(false, "due {due} but the oracle found none"),
        }
        let now = start + SignedDuration::from_mins(now);
        let mut elapsed = 0;
        let mut t = start;
        while t < now {
            if counts(t) { elapsed += 1; }
            t += MINUTE;
        }
        prop_assert_eq!(clock.remaining(now), SignedDuration::from_mins(i64::from(minutes) - elapsed));
    }
}
