//! Property tests of rating: rounding never lowers a charge, included minutes stay within the
//! month's allowance and the month of their entry, lines add up, VAT is per rate.

use super::*;
use crate::money::Currency;
use crate::price_list::{RateEntry, Rounding};
use crate::vat::vat_totals;
use proptest::prelude::*;

fn rounding() -> impl Strategy<Value = Rounding> {
    prop_oneof![
        Just(Rounding::StartedHour),
        Just(Rounding::StartedHalfHour),
        Just(Rounding::PerMinute)
    ]
}

fn free() -> impl Strategy<Value = FreeMinutes> {
    prop_oneof![
        Just(FreeMinutes::None),
        (0u32..30).prop_map(FreeMinutes::First),
        (0u32..30).prop_map(FreeMinutes::UpTo),
    ]
}

fn time_rate() -> impl Strategy<Value = TimeRate> {
    (0i64..500_000, rounding(), 0u32..90, free()).prop_map(|(minor, rounding, min, free)| {
        TimeRate {
            per_hour: Money::from_minor(minor, Currency::EUR),
            rounding,
            minimum_minutes: min,
            free,
        }
    })
}

fn kind() -> impl Strategy<Value = WorkKind> {
    prop::sample::select(WorkKind::ALL.to_vec())
}

/// Entries over three months around the turn of a year, in Bratislava.
fn entries() -> impl Strategy<Value = Vec<TimeEntry>> {
    // 2026-11-01T00:00+01:00 and 92 days on
    let from = 1_793_487_600_000i64;
    prop::collection::vec(
        (kind(), 0u32..400, 0i64..92 * 86_400_000).prop_map(move |(kind, minutes, off)| {
            TimeEntry {
                kind,
                minutes,
                start: Timestamp::from_millisecond(from + off).expect("in range"),
            }
        }),
        0..8,
    )
}

fn list(rates: Vec<TimeRate>, visit: i64) -> PriceList {
    PriceList {
        currency: Currency::EUR,
        rates: WorkKind::ALL
            .iter()
            .zip(rates)
            .map(|(&kind, rate)| RateEntry {
                kind,
                level: None,
                terms: None,
                rate,
            })
            .collect(),
        fees: vec![crate::price_list::FeeEntry {
            fee: Fee::Visit,
            level: None,
            terms: None,
            amount: Money::from_minor(visit, Currency::EUR),
        }],
    }
}

fn plan() -> impl Strategy<Value = PlanTerms> {
    (0u32..300, 0u32..300, 0u8..=100, 0u8..=100, any::<bool>()).prop_map(|(r, w, h, t, tb)| {
        PlanTerms {
            remote_minutes_per_month: r,
            work_minutes_per_month: w,
            discount_hours_percent: h,
            discount_trips_percent: t,
            travel_billed: tb,
        }
    })
}

proptest! {
    #[test]
    fn rounding_never_lowers_a_charge(rate in time_rate(), m in 0u64..100_000, more in 0u64..120) {
        let charged = rate.charged_minutes(m);
        prop_assert!(charged >= m);
        prop_assert!(rate.charged_minutes(m + more) >= charged, "monotone");
        let exact = rate.per_hour.for_minutes(m).unwrap();
        prop_assert!(rate.per_hour.for_minutes(charged).unwrap().minor() >= exact.minor());
    }

    #[test]
    fn included_minutes_stay_in_their_month_and_allowance(
        rates in prop::collection::vec(time_rate(), 5),
        plan in plan(),
        es in entries(),
        used_nov in 0u64..300,
        visits in 0u32..3,
    ) {
        let list = list(rates, 10_000);
        let tz = TimeZone::get("Europe/Bratislava").unwrap();
        let c = Customer { price_list: &list, level: None, terms: Terms::Contract, plan: Some(plan), time_zone: &tz };
        let nov = YearMonth { year: 2026, month: 11 };
        let used_nov = used_nov.min(u64::from(plan.remote_minutes_per_month));
        let before = Quota::from_months([MonthUsage { month: nov, remote: used_nov, work: 0 }]);
        let mut acc = Account { quota: before.clone(), prepaid: vec![] };
        let r = rate_intervention(&c, &es, visits, &mut acc).unwrap();
        for m in acc.quota.months() {
            prop_assert!(m.remote <= u64::from(plan.remote_minutes_per_month));
            prop_assert!(m.work <= u64::from(plan.work_minutes_per_month));
            prop_assert!(m.remote >= before.used(m.month, Pool::Remote));
            for pool in [Pool::Remote, Pool::Work] {
                let drawn: u64 = r.covered.iter()
                    .filter(|cv| cv.by == Coverage::Included(m.month) && pool_of(cv.kind) == Some(pool))
                    .map(|cv| cv.minutes).sum();
                prop_assert_eq!(drawn, acc.quota.used(m.month, pool) - before.used(m.month, pool));
                let worked: u64 = es.iter()
                    .filter(|e| pool_of(e.kind) == Some(pool) && YearMonth::of(e.start, &tz) == m.month)
                    .map(|e| u64::from(e.minutes)).sum();
                prop_assert!(drawn <= worked, "drawn only by entries of the month");
            }
        }
        // every minute worked is covered or charged (no prepaid here)
        for k in WorkKind::ALL {
            let worked: u64 = es.iter().filter(|e| e.kind == k).map(|e| u64::from(e.minutes)).sum();
            let covered = r.covered_minutes(k, |_| true);
            let charged: u64 = r.lines.iter().filter(|l| l.item == Item::Time(k)).map(|l| l.worked_minutes).sum();
            prop_assert_eq!(covered + charged, worked);
        }
    }

    #[test]
    fn lines_add_up_to_the_total(
        rates in prop::collection::vec(time_rate(), 5),
        plan in prop::option::of(plan()),
        es in entries(),
        visits in 0u32..3,
        prepaid in 0u64..200,
    ) {
        let list = list(rates, 10_000);
        let tz = TimeZone::get("Europe/Prague").unwrap();
        let c = Customer { price_list: &list, level: None, terms: Terms::OneOff, plan, time_zone: &tz };
        let expires_at = Timestamp::from_millisecond(1_830_000_000_000).unwrap();
        let mut acc = Account { quota: Quota::new(), prepaid: vec![PrepaidPackage { minutes: prepaid, expires_at }] };
        let r = rate_intervention(&c, &es, visits, &mut acc).unwrap();
        let mut sum = 0i64;
        for l in &r.lines {
            prop_assert!(l.net.minor() >= 0);
            prop_assert_eq!(l.net.minor(), l.gross.minor() - l.discount.minor());
            sum += l.net.minor();
        }
        prop_assert_eq!(sum, r.net.minor());
        let t = r.totals(VatRate(2300)).unwrap();
        prop_assert_eq!(t.total.minor(), t.net.minor() + t.vat.minor());
        prop_assert!(acc.prepaid[0].minutes <= prepaid);
    }

    #[test]
    fn vat_is_computed_per_rate_on_the_sum_of_nets(
        lines in prop::collection::vec((0i64..10_000_000, prop::sample::select(vec![500u32, 1200, 2000, 2100, 2300])), 0..20)
    ) {
        let lines: Vec<_> = lines.into_iter().map(|(m, r)| (Money::from_minor(m, Currency::PLN), VatRate(r))).collect();
        let t = vat_totals(Currency::PLN, lines.iter().copied()).unwrap();
        let mut vat = 0;
        for v in &t.by_rate {
            let base: i64 = lines.iter().filter(|(_, r)| *r == v.rate).map(|(m, _)| m.minor()).sum();
            prop_assert_eq!(v.base.minor(), base);
            prop_assert_eq!(v.vat.minor(), (base * i64::from(v.rate.0) + 5_000) / 10_000);
            vat += v.vat.minor();
        }
        prop_assert_eq!(t.vat.minor(), vat);
        prop_assert_eq!(t.net.minor(), lines.iter().map(|(m, _)| m.minor()).sum::<i64>());
    }
}
