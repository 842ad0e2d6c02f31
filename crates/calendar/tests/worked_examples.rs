//! The worked examples of the SLA issue, all local Europe/Bratislava, and DST days.

use jiff::SignedDuration;
use podpora_calendar::{BusinessCalendar, Country, OpeningHours, SlaTarget, due_with_pauses};

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
        OpeningHours::new(Default::default()).unwrap(),
        None,
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
