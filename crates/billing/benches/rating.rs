//! Cost of rating one intervention (one thread).
//! Run: `cargo bench -p podpora-billing --bench rating`
//! Results: docs/benchmarks.md, section "Billing: rating one intervention".

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::{Timestamp, tz::TimeZone};
use podpora_billing::{
    Account, Customer, MonthUsage, PlanTerms, PrepaidPackage, PriceList, Quota, Terms, TimeEntry,
    VatRate, WorkKind, YearMonth, rate_intervention,
};
use std::hint::black_box;

const LIST: &str = r#"
    currency = "EUR"
    [[rates]]
    kind = "on_site"
    per_hour = "50.00"
    rounding = "started_hour"
    [[rates]]
    kind = "on_site"
    terms = "contract"
    level = "gold"
    per_hour = "45.00"
    rounding = "started_half_hour"
    minimum_minutes = 30
    [[rates]]
    kind = "remote"
    per_hour = "45.00"
    rounding = "started_half_hour"
    [[rates]]
    kind = "phone"
    per_hour = "45.00"
    rounding = "started_half_hour"
    free_up_to_minutes = 15
    [[rates]]
    kind = "travel"
    per_hour = "30.00"
    rounding = "per_minute"
    free_first_minutes = 10
    [[fees]]
    fee = "visit"
    amount = "100.00"
"#;

fn bench(c: &mut Criterion) {
    let list = PriceList::from_toml(LIST).unwrap();
    let tz = TimeZone::get("Europe/Bratislava").unwrap();
    let plan = PlanTerms {
        remote_minutes_per_month: 180,
        work_minutes_per_month: 120,
        discount_hours_percent: 10,
        discount_trips_percent: 20,
        travel_billed: true,
    };
    let customer = Customer {
        price_list: &list,
        level: Some("gold"),
        terms: Terms::Contract,
        plan: Some(plan),
        time_zone: &tz,
    };
    let t = |s: &str| s.parse::<Timestamp>().unwrap();
    let account = Account {
        quota: Quota::from_months([MonthUsage {
            month: YearMonth {
                year: 2026,
                month: 11,
            },
            remote: 150,
            work: 100,
        }]),
        prepaid: vec![PrepaidPackage {
            minutes: 60,
            expires_at: t("2027-06-30T22:00:00Z"),
        }],
    };
    // A visit: travel there and back, work on site, a remote follow-up, a phone call.
    let entries = [
        TimeEntry {
            kind: WorkKind::Travel,
            minutes: 35,
            start: t("2026-11-30T07:30:00Z"),
        },
        TimeEntry {
            kind: WorkKind::OnSite,
            minutes: 95,
            start: t("2026-11-30T08:05:00Z"),
        },
        TimeEntry {
            kind: WorkKind::Travel,
            minutes: 35,
            start: t("2026-11-30T09:40:00Z"),
        },
        TimeEntry {
            kind: WorkKind::Remote,
            minutes: 50,
            start: t("2026-11-30T22:50:00Z"),
        },
        TimeEntry {
            kind: WorkKind::Phone,
            minutes: 20,
            start: t("2026-12-01T08:00:00Z"),
        },
    ];
    c.bench_function("rate_intervention 5 entries + visit, plan, prepaid", |b| {
        b.iter(|| {
            let mut acc = account.clone();
            rate_intervention(&customer, black_box(&entries), 1, &mut acc).unwrap()
        })
    });
    let one = [TimeEntry {
        kind: WorkKind::Remote,
        minutes: 47,
        start: t("2026-11-10T08:00:00Z"),
    }];
    let basic = Customer {
        level: None,
        terms: Terms::OneOff,
        plan: None,
        ..customer
    };
    c.bench_function("rate_intervention 1 entry, no plan", |b| {
        b.iter(|| {
            let mut acc = Account::default();
            rate_intervention(&basic, black_box(&one), 0, &mut acc).unwrap()
        })
    });
    let mut acc = account.clone();
    let rating = rate_intervention(&customer, &entries, 1, &mut acc).unwrap();
    c.bench_function("totals with VAT", |b| {
        b.iter(|| black_box(&rating).totals(VatRate(2300)).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
