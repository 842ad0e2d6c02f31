//! Recomputing every running clock after a calendar change: 100,000 tickets, three clocks each
//! would be 300,000; here 100,000 clocks, one in ten with a pause.
//! Run: `cargo bench -p podpora-app --bench recompute`

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::{SignedDuration, Timestamp};
use podpora_calendar::{BusinessCalendar, Country, OpeningHours};
use podpora_store::repo::sla::OpenClock;
use std::collections::HashMap;

fn bench(c: &mut Criterion) {
    let cal = BusinessCalendar::new(
        "Europe/Bratislava",
        OpeningHours::parse("mon-fri 08:30-17:00").unwrap(),
        Some(Country::SK),
    )
    .unwrap();
    let base = cal.parse_instant("2026-11-02T08:00").unwrap();
    let targets = ["4h", "2bd", "same-day", "24ch", "8h"];
    let mut pauses: HashMap<i64, Vec<(Timestamp, Option<Timestamp>)>> = HashMap::new();
    let clocks: Vec<OpenClock> = (0..100_000i64)
        .map(|i| {
            let start = base + SignedDuration::from_mins(i % 20_000);
            if i % 10 == 0 {
                pauses.insert(
                    i,
                    vec![(
                        start + SignedDuration::from_mins(30),
                        Some(start + SignedDuration::from_mins(150)),
                    )],
                );
            }
            OpenClock {
                clock_id: i * 8 + 4,
                ticket_id: i,
                metric: "resolution",
                target: targets[usize::try_from(i).unwrap() % targets.len()].into(),
                policy_id: 1,
                started_at: start.as_millisecond(),
                due_at: None,
                warn_at: None,
            }
        })
        .collect();
    let warn = HashMap::from([(1, 80)]);
    let mut g = c.benchmark_group("calendar change");
    g.sample_size(10);
    g.bench_function("recompute 100,000 clocks", |b| {
        b.iter(|| {
            podpora_app::sla::recompute_all(&cal, &clocks, &pauses, &warn)
                .unwrap()
                .len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
