//! Cost of business-time arithmetic on a typical calendar.
//! Run: `cargo bench -p podpora-calendar --bench business_time`

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::SignedDuration;
use podpora_calendar::{BusinessCalendar, Country, OpeningHours, SlaTarget};
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
    ] {
        let d = SignedDuration::from_hours(hours);
        c.bench_function(name, |b| {
            b.iter(|| cal.add_business(black_box(start), black_box(d)).unwrap())
        });
    }
    let end = cal
        .add_business(start, SignedDuration::from_hours(40))
        .unwrap();
    c.bench_function("business_between 40h", |b| {
        b.iter(|| cal.business_between(black_box(start), black_box(end)))
    });
    let t = SlaTarget::BusinessDays(2);
    c.bench_function("due 2bd", |b| {
        b.iter(|| t.due(&cal, black_box(start)).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
