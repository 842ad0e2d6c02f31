//! Cost of business-time arithmetic on typical calendars (one thread).
//! Run: `cargo bench -p podpora-calendar --bench business_time`
//! Results: crates/calendar/BENCHMARKS.md.

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::SignedDuration;
use podpora_calendar::{BusinessCalendar, Clock, Country, OpeningHours, SlaTarget};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let cal = BusinessCalendar::new(
        "Europe/Bratislava",
        OpeningHours::parse("mon-fri 08:30-17:00").unwrap(),
        Some(Country::SK),
    )
    .unwrap();
    let start = cal.parse_instant("2026-10-30T16:00").unwrap();
    for (name, hours) in [
        ("add_business 4h", 4),
        ("add_business 40h", 40),
        ("add_business 400h", 400),
        ("add_business 4000h", 4000),
    ] {
        let d = SignedDuration::from_hours(hours);
        c.bench_function(name, |b| {
            b.iter(|| cal.add_business(black_box(start), black_box(d)).unwrap())
        });
    }
    // a start inside business hours on an ordinary Tuesday, no weekend crossed
    let tuesday = cal.parse_instant("2026-11-24T09:15").unwrap();
    let d = SignedDuration::from_hours(4);
    c.bench_function("add_business 4h within a day", |b| {
        b.iter(|| cal.add_business(black_box(tuesday), black_box(d)).unwrap())
    });
    let lunch = BusinessCalendar::new(
        "Europe/Warsaw",
        OpeningHours::parse("mon-fri 08:30-12:00,13:00-17:00").unwrap(),
        Some(Country::PL),
    )
    .unwrap();
    let pl_start = lunch.parse_instant("2026-10-30T16:00").unwrap();
    c.bench_function("add_business 4h, lunch break, PL", |b| {
        b.iter(|| {
            lunch
                .add_business(black_box(pl_start), black_box(d))
                .unwrap()
        })
    });
    for (name, hours) in [
        ("business_between 40h", 40),
        ("business_between 4000h", 4000),
    ] {
        let end = cal
            .add_business(start, SignedDuration::from_hours(hours))
            .unwrap();
        c.bench_function(name, |b| {
            b.iter(|| cal.business_between(black_box(start), black_box(end)))
        });
    }
    let t = SlaTarget::BusinessDays(2);
    c.bench_function("due 2bd", |b| {
        b.iter(|| t.due(&cal, black_box(start)).unwrap())
    });
    c.bench_function("is_open", |b| b.iter(|| cal.is_open(black_box(start))));
    let at = |s: &str| cal.parse_instant(s).unwrap();
    let pauses = [
        (at("2026-11-02T09:00"), Some(at("2026-11-02T10:00"))),
        (at("2026-11-03T09:00"), Some(at("2026-11-04T10:00"))),
    ];
    c.bench_function("clock due 8h with 2 pauses", |b| {
        b.iter(|| {
            Clock::new(
                &cal,
                SlaTarget::BusinessMinutes(480),
                black_box(start),
                &pauses,
            )
            .unwrap()
            .due()
            .unwrap()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
