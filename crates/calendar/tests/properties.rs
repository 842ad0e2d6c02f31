//! Business-time arithmetic against a brute-force oracle that steps minute by minute, on random
//! calendars, zones (DST ones included, and Lord Howe's half-hour shift), holiday countries and
//! instants clustered around DST transitions.

use jiff::{SignedDuration, Timestamp};
use podpora_calendar::{BusinessCalendar, Country, OpeningHours};
use proptest::prelude::*;

const ZONES: &[&str] = &[
    "Europe/Bratislava",
    "Europe/Prague",
    "Europe/Warsaw",
    "America/New_York",
    "Australia/Lord_Howe",
    "UTC",
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
];
const MINUTE: SignedDuration = SignedDuration::from_secs(60);

fn interval() -> impl Strategy<Value = Vec<(u16, u16)>> {
    prop_oneof![
        Just(vec![]),
        (0u16..1380, 1u16..600).prop_map(|(s, len)| vec![(s, (s + len).min(1440))]),
        (0u16..600, 1u16..300, 1u16..300, 1u16..400).prop_map(|(s, l1, gap, l2)| {
            let e1 = s + l1;
            let s2 = e1 + gap;
            vec![(s, e1), (s2.min(1439), (s2 + l2).min(1440))]
        }),
        Just(vec![(0, 1440)]),
    ]
}

fn calendar() -> impl Strategy<Value = BusinessCalendar> {
    (
        proptest::array::uniform7(interval()),
        0..ZONES.len(),
        0usize..4,
    )
        .prop_filter_map("needs open time", |(days, z, c)| {
            let days = days.map(|mut d| {
                d.retain(|(s, e)| s < e);
                d
            });
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
            BusinessCalendar::new(ZONES[z], hours, country).ok()
        })
}

fn start(cal: &BusinessCalendar, anchor: usize, offset_min: i64) -> Timestamp {
    cal.parse_instant(ANCHORS[anchor]).unwrap() + SignedDuration::from_mins(offset_min)
}

fn oracle_add(cal: &BusinessCalendar, start: Timestamp, minutes: i64) -> Option<Timestamp> {
    let mut t = start;
    let mut remaining = minutes;
    for _ in 0..(60 * 24 * 40) {
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
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn add_business_agrees_with_the_oracle(cal in calendar(), anchor in 0..ANCHORS.len(), off in -2000i64..2000, minutes in 0i64..900) {
        let s = start(&cal, anchor, off);
        if let Some(expected) = oracle_add(&cal, s, minutes) {
            prop_assert_eq!(cal.add_business(s, SignedDuration::from_mins(minutes)).unwrap(), expected);
        }
    }

    #[test]
    fn business_between_agrees_with_the_oracle(cal in calendar(), anchor in 0..ANCHORS.len(), off in -2000i64..2000, span in 0i64..4000) {
        let a = start(&cal, anchor, off);
        let b = a + SignedDuration::from_mins(span);
        prop_assert_eq!(cal.business_between(a, b), oracle_between(&cal, a, b));
    }

    #[test]
    fn add_and_between_are_inverse(cal in calendar(), anchor in 0..ANCHORS.len(), off in -5000i64..5000, minutes in 0i64..20000, span in 0i64..20000) {
        let a = start(&cal, anchor, off);
        let d = SignedDuration::from_mins(minutes);
        let due = cal.add_business(a, d).unwrap();
        prop_assert_eq!(cal.business_between(a, due), d);
        let b = a + SignedDuration::from_mins(span);
        let back = cal.add_business(a, cal.business_between(a, b)).unwrap();
        prop_assert!(back <= b || !cal.is_open(b) || cal.business_between(a, b).is_zero());
        prop_assert_eq!(cal.business_between(a, back), cal.business_between(a, b));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A target that uses up the business time exactly to a closing time is due at that closing
    /// time, not at the next opening.
    #[test]
    fn a_target_ending_at_closing_is_due_at_closing(cal in calendar(), anchor in 0..ANCHORS.len(), off in -2000i64..2000, k in 0usize..3) {
        let a = start(&cal, anchor, off);
        let intervals = cal.explain(a, a + SignedDuration::from_hours(24 * 30));
        prop_assume!(intervals.len() > k);
        let closing = intervals[k].1;
        let d = cal.business_between(a, closing);
        prop_assert_eq!(cal.add_business(a, d).unwrap(), if d.is_zero() { cal.next_opening(a).unwrap() } else { closing });
        prop_assert_eq!(Some(cal.add_business(a, d).unwrap()), oracle_add(&cal, a, d.as_secs() / 60));
    }
}
