//! The worked examples of the billing rules, with exact amounts, and the edge cases.

use super::*;
use crate::price_list::PriceList;
use crate::vat::{VatCountry, standard_rate};
use jiff::civil::date;

/// Seed 000: a visit anywhere is 100 €, work per started hour at 50 €.
const L000: &str = r#"
    currency = "EUR"
    [[rates]]
    kind = "on_site"
    per_hour = "50.00"
    rounding = "started_hour"
    [[rates]]
    kind = "remote"
    per_hour = "50.00"
    rounding = "started_hour"
    [[rates]]
    kind = "travel"
    per_hour = "20.00"
    rounding = "per_minute"
    [[fees]]
    fee = "visit"
    amount = "100.00"
"#;

/// Seed 001: 45 €/h per started half hour; quick help up to 15 minutes is free.
const L001: &str = r#"
    currency = "EUR"
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
    kind = "on_site"
    per_hour = "45.00"
    rounding = "started_half_hour"
    [[rates]]
    kind = "travel"
    per_hour = "30.00"
    rounding = "per_minute"
    free_first_minutes = 10
"#;

/// Seed 004: one-off 1,200 Kč/h, at least 30 minutes; contract 900 Kč/h, at least 20.
const L004: &str = r#"
    currency = "CZK"
    [[rates]]
    kind = "remote"
    terms = "one_off"
    per_hour = "1200.00"
    rounding = "per_minute"
    minimum_minutes = 30
    [[rates]]
    kind = "remote"
    terms = "contract"
    per_hour = "900.00"
    rounding = "per_minute"
    minimum_minutes = 20
"#;

fn tz() -> TimeZone {
    TimeZone::get("Europe/Bratislava").expect("bundled zone")
}

fn at(s: &str) -> Timestamp {
    // Local times in Bratislava, so the tests read like the customer's calendar.
    let dt: jiff::civil::DateTime = s.parse().expect("test date");
    dt.to_zoned(tz()).expect("test zone").timestamp()
}

fn entry(kind: WorkKind, minutes: u32, start: &str) -> TimeEntry {
    TimeEntry {
        kind,
        minutes,
        start: at(start),
    }
}

fn rate(
    list: &str,
    terms: Terms,
    plan: Option<PlanTerms>,
    entries: &[TimeEntry],
    visits: u32,
    account: &mut Account,
) -> Rating {
    let list = PriceList::from_toml(list).expect("test price list");
    let tz = tz();
    let c = Customer {
        price_list: &list,
        level: None,
        terms,
        plan,
        time_zone: &tz,
    };
    rate_intervention(&c, entries, visits, account).expect("rating")
}

fn one(list: &str, terms: Terms, kind: WorkKind, minutes: u32) -> i64 {
    let e = [entry(kind, minutes, "2026-11-10T09:00")];
    rate(list, terms, None, &e, 0, &mut Account::default())
        .net
        .minor()
}

#[test]
fn seed_000_visit_and_75_minutes_on_site() {
    let e = [entry(WorkKind::OnSite, 75, "2026-11-10T09:00")];
    let r = rate(L000, Terms::OneOff, None, &e, 1, &mut Account::default());
    assert_eq!(r.lines.len(), 2);
    assert_eq!(r.lines[0].gross.minor(), 10_000);
    assert_eq!(r.lines[1].quantity, Quantity::Minutes(120));
    assert_eq!(r.lines[1].gross.minor(), 10_000);
    assert_eq!(r.net.minor(), 20_000);
    let vat = standard_rate(VatCountry::SK, date(2026, 11, 10)).unwrap();
    let t = r.totals(vat).unwrap();
    assert_eq!(
        (t.net.minor(), t.vat.minor(), t.total.minor()),
        (20_000, 4_600, 24_600)
    );
}

#[test]
fn seed_000_five_minutes_remote() {
    assert_eq!(one(L000, Terms::OneOff, WorkKind::Remote, 5), 5_000);
}

#[test]
fn seed_000_package_discounts_visit_and_hours() {
    let plan = PlanTerms {
        discount_trips_percent: 20,
        discount_hours_percent: 10,
        ..PlanTerms::default()
    };
    let e = [entry(WorkKind::OnSite, 61, "2026-11-10T09:00")];
    let r = rate(
        L000,
        Terms::Contract,
        Some(plan),
        &e,
        1,
        &mut Account::default(),
    );
    assert_eq!(r.lines[0].net.minor(), 8_000);
    assert_eq!(r.lines[1].quantity, Quantity::Minutes(120));
    assert_eq!(r.lines[1].discount.minor(), 1_000);
    assert_eq!(r.lines[1].net.minor(), 9_000);
    assert_eq!(r.net.minor(), 17_000);
}

#[test]
fn seed_001_started_half_hours() {
    let r = |m| one(L001, Terms::OneOff, WorkKind::Remote, m);
    assert_eq!((r(29), r(31), r(50)), (2_250, 4_500, 4_500));
}

#[test]
fn seed_001_three_included_hours_a_month() {
    let plan = Some(PlanTerms {
        remote_minutes_per_month: 180,
        ..PlanTerms::default()
    });
    let mut acc = Account::default();
    let mut billed = Vec::new();
    for (m, when) in [
        (100, "2026-11-03T10:00"),
        (70, "2026-11-12T10:00"),
        (40, "2026-11-25T10:00"),
    ] {
        let e = [entry(WorkKind::Remote, m, when)];
        billed.push(
            rate(L001, Terms::Contract, plan, &e, 0, &mut acc)
                .net
                .minor(),
        );
    }
    assert_eq!(billed, [0, 0, 2_250]);
    let nov = YearMonth {
        year: 2026,
        month: 11,
    };
    assert_eq!(acc.quota.used(nov, Pool::Remote), 180);
    // December: the three hours are there again
    let e = [entry(WorkKind::Remote, 100, "2026-12-01T00:05")];
    let r = rate(L001, Terms::Contract, plan, &e, 0, &mut acc);
    assert_eq!(r.net.minor(), 0);
    let dec = YearMonth {
        year: 2026,
        month: 12,
    };
    assert_eq!(
        r.covered_minutes(WorkKind::Remote, |c| c == Coverage::Included(dec)),
        100
    );
}

#[test]
fn seed_004_one_off_and_contract_minimums() {
    let one_off = |m| one(L004, Terms::OneOff, WorkKind::Remote, m);
    assert_eq!((one_off(12), one_off(47)), (60_000, 94_000));
    let contract = |m| one(L004, Terms::Contract, WorkKind::Remote, m);
    assert_eq!((contract(12), contract(47)), (30_000, 70_500));
    let e = [entry(WorkKind::Remote, 47, "2026-11-10T09:00")];
    let r = rate(L004, Terms::OneOff, None, &e, 0, &mut Account::default());
    let vat = standard_rate(VatCountry::CZ, date(2026, 11, 10)).unwrap();
    assert_eq!(r.totals(vat).unwrap().vat.minor(), 19_740);
}

#[test]
fn seed_004_prepaid_minutes_are_drawn_after_rounding() {
    let mut acc = Account {
        prepaid: vec![PrepaidPackage {
            minutes: 120,
            expires_at: at("2027-06-30T00:00"),
        }],
        ..Account::default()
    };
    let mut drawn = Vec::new();
    let mut billed = Vec::new();
    for (m, when) in [
        (12, "2026-11-03T10:00"),
        (47, "2026-11-04T10:00"),
        (75, "2026-11-05T10:00"),
    ] {
        let r = rate(
            L004,
            Terms::Contract,
            None,
            &[entry(WorkKind::Remote, m, when)],
            0,
            &mut acc,
        );
        drawn.push(r.covered_minutes(WorkKind::Remote, |c| c == Coverage::Prepaid(0)));
        billed.push(r.net.minor());
        if m == 75 {
            assert_eq!(r.lines[0].quantity, Quantity::Minutes(22));
        }
    }
    assert_eq!(drawn, [20, 47, 53]);
    assert_eq!(billed, [0, 0, 33_000]);
    assert_eq!(acc.prepaid[0].minutes, 0);
}

#[test]
fn expired_prepaid_minutes_are_not_drawn_and_the_earliest_expiry_goes_first() {
    let pkg = |minutes, exp| PrepaidPackage {
        minutes,
        expires_at: at(exp),
    };
    let mut acc = Account {
        prepaid: vec![
            pkg(60, "2027-01-01T00:00"),
            pkg(10, "2026-11-01T00:00"),
            pkg(15, "2026-12-01T00:00"),
        ],
        ..Account::default()
    };
    let e = [entry(WorkKind::Remote, 47, "2026-11-10T09:00")];
    let r = rate(L004, Terms::Contract, None, &e, 0, &mut acc);
    assert_eq!(r.net.minor(), 0);
    assert_eq!(
        acc.prepaid.iter().map(|p| p.minutes).collect::<Vec<_>>(),
        [28, 10, 0]
    );
    assert_eq!(acc.prepaid_left(at("2026-11-10T09:00")), 28);
}

#[test]
fn remote_and_on_site_allowances_are_apart() {
    let plan = Some(PlanTerms {
        remote_minutes_per_month: 60,
        work_minutes_per_month: 120,
        ..PlanTerms::default()
    });
    let e = [
        entry(WorkKind::OnSite, 150, "2026-11-10T09:00"),
        entry(WorkKind::Remote, 90, "2026-11-10T13:00"),
        entry(WorkKind::Phone, 10, "2026-11-10T15:00"),
    ];
    let mut acc = Account::default();
    let r = rate(L001, Terms::Contract, plan, &e, 0, &mut acc);
    // on site: 30 left → 30 min; remote 30 left → 30 min; phone quick help is free
    let nets: Vec<_> = r.lines.iter().map(|l| (l.item, l.net.minor())).collect();
    assert_eq!(
        nets,
        [
            (Item::Time(WorkKind::OnSite), 2_250),
            (Item::Time(WorkKind::Remote), 2_250)
        ]
    );
    assert_eq!(
        r.covered_minutes(WorkKind::Phone, |c| c == Coverage::Free),
        10
    );
    let nov = YearMonth {
        year: 2026,
        month: 11,
    };
    assert_eq!(acc.quota.used(nov, Pool::Work), 120);
    assert_eq!(acc.quota.used(nov, Pool::Remote), 60);
}

#[test]
fn an_intervention_across_midnight_of_the_month_draws_on_both_months() {
    let plan = Some(PlanTerms {
        remote_minutes_per_month: 60,
        ..PlanTerms::default()
    });
    let mut acc = Account {
        quota: Quota::from_months([MonthUsage {
            month: YearMonth {
                year: 2026,
                month: 11,
            },
            remote: 60,
            work: 0,
        }]),
        ..Account::default()
    };
    // 30 November 23:40 local time: November is used up; the entry at 00:10 is December's
    let e = [
        entry(WorkKind::Remote, 20, "2026-11-30T23:40"),
        entry(WorkKind::Remote, 20, "2026-12-01T00:10"),
    ];
    let r = rate(L001, Terms::Contract, plan, &e, 0, &mut acc);
    assert_eq!(r.net.minor(), 2_250);
    assert_eq!(
        acc.quota.used(
            YearMonth {
                year: 2026,
                month: 12
            },
            Pool::Remote
        ),
        20
    );
}

#[test]
fn travel_is_billed_unless_the_plan_covers_it() {
    let e = [
        entry(WorkKind::Travel, 40, "2026-11-10T08:00"),
        entry(WorkKind::OnSite, 30, "2026-11-10T09:00"),
    ];
    let billed = PlanTerms {
        work_minutes_per_month: 120,
        ..PlanTerms::default()
    };
    let r = rate(
        L001,
        Terms::Contract,
        Some(billed),
        &e,
        0,
        &mut Account::default(),
    );
    // 10 free minutes of travel, 30 at 30 €/h
    assert_eq!(r.net.minor(), 1_500);
    let covered = PlanTerms {
        travel_billed: false,
        ..billed
    };
    let r = rate(
        L001,
        Terms::Contract,
        Some(covered),
        &e,
        1,
        &mut Account::default(),
    );
    assert_eq!(r.lines, []);
    assert_eq!(
        r.covered_minutes(WorkKind::Travel, |c| c == Coverage::Plan),
        40
    );
}

#[test]
fn quick_help_longer_than_the_free_limit_is_charged_whole() {
    assert_eq!(one(L001, Terms::OneOff, WorkKind::Phone, 15), 0);
    assert_eq!(one(L001, Terms::OneOff, WorkKind::Phone, 16), 2_250);
}

#[test]
fn a_missing_rate_is_an_error_and_leaves_the_account_alone() {
    let list = PriceList::from_toml(L004).unwrap();
    let tz = tz();
    let c = Customer {
        price_list: &list,
        level: None,
        terms: Terms::Contract,
        plan: Some(PlanTerms {
            remote_minutes_per_month: 60,
            ..PlanTerms::default()
        }),
        time_zone: &tz,
    };
    let mut acc = Account::default();
    let e = [
        entry(WorkKind::Remote, 30, "2026-11-10T09:00"),
        entry(WorkKind::OnSite, 30, "2026-11-10T10:00"),
    ];
    assert_eq!(
        rate_intervention(&c, &e, 0, &mut acc),
        Err(RatingError::NoRate(WorkKind::OnSite))
    );
    assert_eq!(
        rate_intervention(&c, &[], 1, &mut acc),
        Err(RatingError::NoFee(Fee::Visit))
    );
    assert_eq!(acc, Account::default());
    // covered work needs no rate
    let e = [entry(WorkKind::Remote, 30, "2026-11-10T09:00")];
    let no_remote = PriceList::from_toml("currency = \"CZK\"").unwrap();
    let c = Customer {
        price_list: &no_remote,
        ..c
    };
    assert_eq!(
        rate_intervention(&c, &e, 0, &mut acc).map(|r| r.net.minor()),
        Ok(0)
    );
}

#[test]
fn nothing_worked_is_nothing_charged() {
    let r = rate(L004, Terms::OneOff, None, &[], 0, &mut Account::default());
    assert!(r.lines.is_empty() && r.net.is_zero());
    assert_eq!(one(L004, Terms::OneOff, WorkKind::Remote, 0), 0);
}

#[test]
fn a_whole_visit_draws_on_everything_in_order() {
    // The benchmark's case: level "gold" under contract has its own on-site rate.
    let list = format!(
        "{L001}\n[[rates]]\nkind = \"on_site\"\nlevel = \"gold\"\nterms = \"contract\"\nper_hour = \"45.00\"\nrounding = \"started_half_hour\"\nminimum_minutes = 30\n[[fees]]\nfee = \"visit\"\namount = \"100.00\"\n"
    );
    let list = PriceList::from_toml(&list).unwrap();
    let tz = tz();
    let c = Customer {
        price_list: &list,
        level: Some("gold"),
        terms: Terms::Contract,
        plan: Some(PlanTerms {
            remote_minutes_per_month: 180,
            work_minutes_per_month: 120,
            discount_hours_percent: 10,
            discount_trips_percent: 20,
            travel_billed: true,
        }),
        time_zone: &tz,
    };
    let nov = YearMonth {
        year: 2026,
        month: 11,
    };
    let mut acc = Account {
        quota: Quota::from_months([MonthUsage {
            month: nov,
            remote: 150,
            work: 100,
        }]),
        prepaid: vec![PrepaidPackage {
            minutes: 60,
            expires_at: at("2027-07-01T00:00"),
        }],
    };
    let e = [
        entry(WorkKind::Travel, 35, "2026-11-30T08:30"),
        entry(WorkKind::OnSite, 95, "2026-11-30T09:05"),
        entry(WorkKind::Travel, 35, "2026-11-30T10:40"),
        entry(WorkKind::Remote, 50, "2026-11-30T23:50"),
        entry(WorkKind::Phone, 20, "2026-12-01T09:00"),
    ];
    let r = rate_intervention(&c, &e, 1, &mut acc).unwrap();
    let got: Vec<_> = r
        .lines
        .iter()
        .map(|l| (l.item, l.worked_minutes, l.quantity, l.net.minor()))
        .collect();
    let time = Item::Time;
    assert_eq!(
        got,
        [
            // 100 € − 20 %
            (Item::Fee(Fee::Visit), 0, Quantity::Pieces(1), 8_000),
            // 95 − 20 included = 75 → 90 in half hours − 60 prepaid = 30 min, 22.50 − 10 %
            (time(WorkKind::OnSite), 75, Quantity::Minutes(30), 2_025),
            // 50 − 30 left of November = 20 → 30 min, prepaid used up, 22.50 − 10 %
            (time(WorkKind::Remote), 20, Quantity::Minutes(30), 2_025),
            // 70 − 10 free = 60 min at 30 €/h, − 20 %
            (time(WorkKind::Travel), 60, Quantity::Minutes(60), 2_400),
        ]
    );
    // the call is December's and within its allowance
    let dec = YearMonth {
        year: 2026,
        month: 12,
    };
    assert_eq!(
        r.covered_minutes(WorkKind::Phone, |c| c == Coverage::Included(dec)),
        20
    );
    assert_eq!(r.net.minor(), 14_450);
    assert_eq!(acc.prepaid[0].minutes, 0);
    assert_eq!(
        (
            acc.quota.used(nov, Pool::Remote),
            acc.quota.used(nov, Pool::Work)
        ),
        (180, 120)
    );
}
