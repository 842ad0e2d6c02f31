//! The worked examples of the SLA issue, all local Europe/Bratislava, and DST days.

use jiff::{SignedDuration, civil::date};
use podpora_calendar::{
    BusinessCalendar, CalendarError, Clock, Country, DayHours, OpeningHours, SlaTarget,
    due_with_pauses,
};

fn cal(hours: &str, zone: &str, country: Option<Country>) -> BusinessCalendar {
    BusinessCalendar::new(zone, OpeningHours::parse(hours).unwrap(), country).unwrap()
}

fn due(c: &BusinessCalendar, from: &str, target: &str) -> String {
    let t = SlaTarget::parse(target)
        .unwrap()
        .due(c, c.parse_instant(from).unwrap())
        .unwrap();
    c.format(t)
}

#[test]
fn four_business_hours_over_a_weekend() {
    let c = cal(
        "mon-fri 08:30-17:00",
        "Europe/Bratislava",
        Some(Country::SK),
    );
    assert_eq!(
        due(&c, "2026-10-30T16:00", "4h"),
        "2026-11-02T11:30:00+01:00"
    );
    assert_eq!(
        due(&c, "2026-10-30T16:00", "240m"),
        "2026-11-02T11:30:00+01:00"
    );
}

#[test]
fn two_business_days_over_christmas() {
    let c = cal(
        "mon-fri 08:30-17:00",
        "Europe/Bratislava",
        Some(Country::SK),
    );
    assert_eq!(
        due(&c, "2025-12-23T14:00", "2bd"),
        "2025-12-30T17:00:00+01:00"
    );
}

#[test]
fn eighth_of_may_is_a_working_day_in_2026_only() {
    let c = cal(
        "mon-fri 08:00-16:00",
        "Europe/Bratislava",
        Some(Country::SK),
    );
    assert_eq!(
        due(&c, "2026-05-07T15:00", "4h"),
        "2026-05-08T11:00:00+02:00"
    );
    assert_eq!(
        due(&c, "2025-05-07T15:00", "4h"),
        "2025-05-09T11:00:00+02:00"
    );
}

#[test]
fn same_day_and_calendar_hours() {
    let c = cal(
        "mon-fri 08:30-17:00",
        "Europe/Bratislava",
        Some(Country::SK),
    );
    assert_eq!(
        due(&c, "2026-11-23T10:00", "same-day"),
        "2026-11-23T17:00:00+01:00"
    );
    // after closing: by closing of the next business day
    assert_eq!(
        due(&c, "2026-11-23T18:00", "same-day"),
        "2026-11-24T17:00:00+01:00"
    );
    // Saturday: next business day is Monday
    assert_eq!(
        due(&c, "2026-11-21T10:00", "same-day"),
        "2026-11-23T17:00:00+01:00"
    );
    assert_eq!(
        due(&c, "2026-11-21T10:00", "24ch"),
        "2026-11-22T10:00:00+01:00"
    );
}

#[test]
fn weekend_hours_answer_on_sunday() {
    // PBX vendor, "Variant 3": weekends 9:00–18:00 too
    let v3 = cal(
        "mon-fri 08:30-17:00; sat-sun 09:00-18:00",
        "Europe/Bratislava",
        Some(Country::SK),
    );
    let v1 = cal(
        "mon-fri 08:30-17:00",
        "Europe/Bratislava",
        Some(Country::SK),
    );
    assert_eq!(
        due(&v3, "2026-11-22T10:00", "1h"),
        "2026-11-22T11:00:00+01:00"
    );
    assert_eq!(
        due(&v1, "2026-11-22T10:00", "4h"),
        "2026-11-23T12:30:00+01:00"
    );
}

#[test]
fn dst_days_count_real_hours() {
    let c = cal("24x7", "Europe/Bratislava", None);
    let spring = c.parse_instant("2026-03-29T00:00").unwrap();
    let next = c.parse_instant("2026-03-30T00:00").unwrap();
    assert_eq!(
        c.business_between(spring, next),
        SignedDuration::from_hours(23)
    );
    let autumn = c.parse_instant("2026-10-25T00:00").unwrap();
    let next = c.parse_instant("2026-10-26T00:00").unwrap();
    assert_eq!(
        c.business_between(autumn, next),
        SignedDuration::from_hours(25)
    );
    // 3 business hours from 01:00 on the spring-forward day end at 05:00 local
    let t = c
        .add_business(
            c.parse_instant("2026-03-29T01:00").unwrap(),
            SignedDuration::from_hours(3),
        )
        .unwrap();
    assert_eq!(c.format(t), "2026-03-29T05:00:00+02:00");
    // an interval inside the skipped hour holds no time
    let gap = cal("sun 02:00-03:00", "Europe/Bratislava", None);
    let sun = gap.parse_instant("2026-03-29T00:00").unwrap();
    let mon = gap.parse_instant("2026-03-30T00:00").unwrap();
    assert_eq!(gap.business_between(sun, mon), SignedDuration::ZERO);
}

#[test]
fn zones_do_not_choose_holidays() {
    // Europe/Bratislava is an alias of Europe/Prague; the country decides the days off.
    let sk = cal("mon-fri 08:00-16:00", "Europe/Prague", Some(Country::SK));
    let cz = cal(
        "mon-fri 08:00-16:00",
        "Europe/Bratislava",
        Some(Country::CZ),
    );
    let d = jiff::civil::date(2026, 9, 28); // CZ Statehood Day, a Monday
    assert!(sk.is_business_day(d));
    assert!(!cz.is_business_day(d));
    let none = cal("mon-fri 08:00-16:00", "Europe/Bratislava", None);
    assert!(none.is_business_day(jiff::civil::date(2026, 12, 24)));
}

#[test]
fn closures_and_extra_working_days() {
    // A Polish firm gives 14 August 2026 off for 15 August falling on a Saturday, and works a Saturday.
    let c = cal("mon-fri 08:00-16:00", "Europe/Warsaw", Some(Country::PL))
        .with_closures([jiff::civil::date(2026, 8, 14)])
        .with_extra_working_days([
            jiff::civil::date(2026, 8, 22),
            jiff::civil::date(2026, 11, 11),
        ]);
    assert!(!c.is_business_day(jiff::civil::date(2026, 8, 14)));
    assert!(c.is_business_day(jiff::civil::date(2026, 8, 22)));
    assert!(
        c.is_business_day(jiff::civil::date(2026, 11, 11)),
        "an extra working day overrides a holiday"
    );
    assert_eq!(
        due(&c, "2026-08-13T15:00", "2h"),
        "2026-08-17T09:00:00+02:00"
    );
}

#[test]
fn pauses_push_the_due_time() {
    let c = cal(
        "mon-fri 08:30-17:00",
        "Europe/Bratislava",
        Some(Country::SK),
    );
    let start = c.parse_instant("2026-11-23T09:00").unwrap();
    let t = SlaTarget::parse("4h").unwrap();
    let p = |a: &str, b: &str| {
        (
            c.parse_instant(a).unwrap(),
            Some(c.parse_instant(b).unwrap()),
        )
    };
    let none = due_with_pauses(&c, t, start, &[]).unwrap().unwrap();
    assert_eq!(c.format(none), "2026-11-23T13:00:00+01:00");
    let one = due_with_pauses(&c, t, start, &[p("2026-11-23T10:00", "2026-11-23T12:00")])
        .unwrap()
        .unwrap();
    assert_eq!(c.format(one), "2026-11-23T15:00:00+01:00");
    // a pause over the night counts only its business time (16:00–17:00 and 08:30–09:00)
    let night = due_with_pauses(&c, t, start, &[p("2026-11-23T16:00", "2026-11-24T09:00")])
        .unwrap()
        .unwrap();
    assert_eq!(
        c.format(night),
        "2026-11-23T13:00:00+01:00",
        "a pause after the due time changes nothing"
    );
    let open = due_with_pauses(
        &c,
        t,
        start,
        &[(c.parse_instant("2026-11-23T10:00").unwrap(), None)],
    )
    .unwrap();
    assert_eq!(open, None);
}

#[test]
fn errors_say_what_to_do() {
    let never = BusinessCalendar::new(
        "Europe/Bratislava",
        OpeningHours::never(),
        Some(Country::SK),
    )
    .unwrap();
    let t = never.parse_instant("2026-01-01T00:00").unwrap();
    assert!(
        never
            .add_business(t, SignedDuration::from_hours(1))
            .unwrap_err()
            .to_string()
            .contains("never open")
    );
    assert!(
        BusinessCalendar::new("Europe/Atlantis", OpeningHours::always(), None)
            .unwrap_err()
            .to_string()
            .contains("IANA")
    );
    assert!(
        SlaTarget::parse("4 hours")
            .unwrap_err()
            .to_string()
            .contains("2bd")
    );
    let c = cal("24x7", "UTC", None);
    assert!(
        c.parse_instant("yesterday")
            .unwrap_err()
            .to_string()
            .contains("2026-10-30T16:00")
    );
}

#[test]
fn never_open_calendars_stop_with_an_error() {
    let t = jiff::Timestamp::UNIX_EPOCH;
    let never = BusinessCalendar::new("UTC", OpeningHours::never(), None).unwrap();
    assert_eq!(never.next_opening(t), None);
    assert_eq!(never.add_business_days(t, 1), Err(CalendarError::NeverOpen));
    assert_eq!(never.same_business_day(t), Err(CalendarError::NeverOpen));
    assert_eq!(
        SlaTarget::BusinessDays(2).due(&never, t),
        Err(CalendarError::NeverOpen)
    );
    // open only on one extra working day: found, and after it nothing more
    let once =
        never.with_extra_working_day(date(1970, 1, 5), DayHours::parse("09:00-10:00").unwrap());
    let open = once.next_opening(t).unwrap();
    assert_eq!(once.format(open), "1970-01-05T09:00:00+00:00");
    assert_eq!(
        once.add_business(t, SignedDuration::from_mins(61)),
        Err(CalendarError::NeverOpen)
    );
    // hours only inside the skipped hour of a spring-forward Sunday are no open time either
    let gap_only = cal("sun 02:00-03:00", "Europe/Bratislava", None);
    assert!(
        gap_only
            .next_opening(gap_only.parse_instant("2026-03-28T12:00").unwrap())
            .is_some()
    );
    assert_eq!(
        gap_only.format(
            gap_only
                .next_opening(gap_only.parse_instant("2026-03-28T12:00").unwrap())
                .unwrap()
        ),
        "2026-04-05T02:00:00+02:00",
        "29 March has no 02:00-03:00; the next Sunday does"
    );
    // durations beyond the year 9999 are refused, not searched
    let always = cal("24x7", "UTC", None);
    assert_eq!(
        always.add_business(t, SignedDuration::from_hours(24 * 366 * 9000)),
        Err(CalendarError::OutOfRange)
    );
    assert_eq!(
        always.add_business(t, SignedDuration::from_mins(-1)),
        Err(CalendarError::NegativeDuration)
    );
}

#[test]
fn opening_hours_in_the_skipped_and_repeated_hours() {
    // Spring forward, Sunday 29 March 2026: 02:00-03:00 does not exist. An opening at 02:30
    // opens at the first instant after the gap, 03:00 CEST.
    let c = cal("sun 02:30-04:00", "Europe/Bratislava", None);
    let day = |s: &str| c.parse_instant(s).unwrap();
    assert_eq!(
        c.format(c.next_opening(day("2026-03-29T00:00")).unwrap()),
        "2026-03-29T03:00:00+02:00"
    );
    assert_eq!(
        c.business_between(day("2026-03-29T00:00"), day("2026-03-30T00:00")),
        SignedDuration::from_hours(1)
    );
    // Fall back, Sunday 25 October 2026: 02:00-03:00 happens twice. Hours 02:00-03:00 open at
    // the first 02:00 (CEST) and close at 03:00 CET: two real hours.
    let c = cal("sun 02:00-03:00", "Europe/Bratislava", None);
    let day = |s: &str| c.parse_instant(s).unwrap();
    let open = c.next_opening(day("2026-10-25T00:00")).unwrap();
    assert_eq!(c.format(open), "2026-10-25T02:00:00+02:00");
    assert_eq!(
        c.business_between(day("2026-10-25T00:00"), day("2026-10-26T00:00")),
        SignedDuration::from_hours(2)
    );
    let end = c.add_business(open, SignedDuration::from_mins(90)).unwrap();
    assert_eq!(
        c.format(end),
        "2026-10-25T02:30:00+01:00",
        "the second 02:30"
    );
    // the 24x7 examples of docs/ce-business-rules.md §7
    let c = cal("24x7", "Europe/Bratislava", None);
    assert_eq!(
        due(&c, "2026-03-29T00:30", "4h"),
        "2026-03-29T05:30:00+02:00"
    );
    assert_eq!(
        due(&c, "2026-10-25T00:30", "4h"),
        "2026-10-25T03:30:00+01:00"
    );
}

#[test]
fn the_examples_of_the_business_rules() {
    // docs/ce-business-rules.md §7: Mon–Fri 08:30–17:00, 4 business hours
    let zone = |c: Country| match c {
        Country::SK => "Europe/Bratislava",
        Country::CZ => "Europe/Prague",
        Country::PL => "Europe/Warsaw",
    };
    let four =
        |c: Country, from: &str| due(&cal("mon-fri 08:30-17:00", zone(c), Some(c)), from, "4h");
    use Country::{CZ, PL, SK};
    // Friday before a holiday Monday
    assert_eq!(four(PL, "2027-07-02T16:00"), "2027-07-05T11:30:00+02:00");
    assert_eq!(four(SK, "2027-07-02T16:00"), "2027-07-06T11:30:00+02:00");
    assert_eq!(four(CZ, "2027-07-02T16:00"), "2027-07-07T11:30:00+02:00");
    // Good Friday works in Poland
    assert_eq!(four(PL, "2026-04-02T16:00"), "2026-04-03T11:30:00+02:00");
    assert_eq!(four(CZ, "2026-04-02T16:00"), "2026-04-07T11:30:00+02:00");
    assert_eq!(four(SK, "2026-04-02T16:00"), "2026-04-07T11:30:00+02:00");
    // 8 May 2026
    assert_eq!(four(SK, "2026-05-07T16:00"), "2026-05-08T11:30:00+02:00");
    assert_eq!(four(PL, "2026-05-07T16:00"), "2026-05-08T11:30:00+02:00");
    assert_eq!(four(CZ, "2026-05-07T16:00"), "2026-05-11T11:30:00+02:00");
    assert_eq!(four(SK, "2025-05-07T16:00"), "2025-05-09T11:30:00+02:00");
    // 17 November 2025
    assert_eq!(four(SK, "2025-11-14T16:00"), "2025-11-17T11:30:00+01:00");
    assert_eq!(four(PL, "2025-11-14T16:00"), "2025-11-17T11:30:00+01:00");
    assert_eq!(four(CZ, "2025-11-14T16:00"), "2025-11-18T11:30:00+01:00");
    // DST weekends: the offset changes between report and due
    let sk = cal("mon-fri 08:30-17:00", "Europe/Bratislava", Some(SK));
    let utc = |s: &str| {
        SlaTarget::parse("4h")
            .unwrap()
            .due(&sk, sk.parse_instant(s).unwrap())
            .unwrap()
            .to_string()
    };
    assert_eq!(utc("2026-10-23T16:00"), "2026-10-26T10:30:00Z");
    assert_eq!(utc("2026-03-27T16:00"), "2026-03-30T09:30:00Z");
}

#[test]
fn clocks_pause_by_business_time() {
    let c = cal(
        "mon-fri 08:30-17:00",
        "Europe/Bratislava",
        Some(Country::SK),
    );
    let at = |s: &str| c.parse_instant(s).unwrap();
    let p = |a: &str, b: &str| (at(a), Some(at(b)));
    // "2 business days" from Monday 10:00 is Wednesday 17:00 (24 business hours); waiting for
    // the customer Tuesday 15:00-Wednesday 09:30 pauses 3 business hours: Thursday 11:30
    let clock = Clock::new(
        &c,
        SlaTarget::BusinessDays(2),
        at("2026-11-23T10:00"),
        &[p("2026-11-24T15:00", "2026-11-25T09:30")],
    )
    .unwrap();
    assert_eq!(clock.budget(), SignedDuration::from_hours(24));
    assert_eq!(
        c.format(clock.due().unwrap().unwrap()),
        "2026-11-26T11:30:00+01:00"
    );
    // by Tuesday 10:00, 7 + 1.5 hours have counted
    assert_eq!(
        clock.remaining(at("2026-11-24T10:00")),
        SignedDuration::from_mins(15 * 60 + 30)
    );
    assert!(clock.is_paused(at("2026-11-24T20:00")));
    // a pause that ended before the clock started changes nothing
    let clock = Clock::new(
        &c,
        SlaTarget::SameBusinessDay,
        at("2026-11-23T10:00"),
        &[p("2026-11-20T10:00", "2026-11-23T09:00")],
    )
    .unwrap();
    assert_eq!(
        c.format(clock.due().unwrap().unwrap()),
        "2026-11-23T17:00:00+01:00"
    );
    // calendar hours pause by elapsed time, business hours or not
    let clock = Clock::new(
        &c,
        SlaTarget::parse("24ch").unwrap(),
        at("2026-11-21T10:00"),
        &[p("2026-11-21T12:00", "2026-11-21T18:00")],
    )
    .unwrap();
    assert_eq!(
        c.format(clock.due().unwrap().unwrap()),
        "2026-11-22T16:00:00+01:00"
    );
    // a pause wholly outside business hours does not move a due time that falls at closing
    let due = due_with_pauses(
        &c,
        SlaTarget::BusinessDays(1),
        at("2026-11-23T10:00"),
        &[p("2026-11-23T20:00", "2026-11-23T22:00")],
    )
    .unwrap()
    .unwrap();
    assert_eq!(c.format(due), "2026-11-24T17:00:00+01:00");
}

#[test]
fn the_zone_database_is_the_bundled_one() {
    // jiff is built with `tzdb-bundle-always` only: zones resolve with no system tzdata, so every
    // node computes the same deadlines. (This reads jiff's Debug output.)
    assert!(format!("{:?}", jiff::tz::db()).contains("Bundled"));
    for z in [
        "Europe/Bratislava",
        "Europe/Prague",
        "Europe/Warsaw",
        "America/New_York",
        "Australia/Lord_Howe",
    ] {
        assert!(
            BusinessCalendar::new(z, OpeningHours::always(), None).is_ok(),
            "{z}"
        );
    }
}

#[test]
fn formats_and_reads_instants() {
    let c = cal("24x7", "Europe/Warsaw", None);
    let t = c.parse_instant("2026-11-02T11:30").unwrap();
    assert_eq!(c.format(t), "2026-11-02T11:30:00+01:00");
    assert_eq!(c.parse_instant(&c.format(t)).unwrap(), t);
    assert_eq!(c.parse_instant("2026-11-02T10:30:00Z").unwrap(), t);
    assert_eq!(c.parse_instant(" 2026-11-02T11:30:00 ").unwrap(), t);
    let z = c.explain_zoned(t, t + SignedDuration::from_hours(1));
    assert_eq!(
        z[0].0.to_string(),
        "2026-11-02T11:30:00+01:00[Europe/Warsaw]"
    );
}
