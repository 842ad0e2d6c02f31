//! The holiday rules against an independent source: python-holidays 0.109 (see the data file's
//! header for how it was generated). Every day off it lists must be one of ours and vice versa.

use podpora_calendar::{Country, days_off};
use std::collections::BTreeSet;

#[test]
fn days_off_2024_to_2030_match_python_holidays() {
    let data = include_str!("days_off_2024_2030.txt");
    let mut expected: BTreeSet<(String, String)> = BTreeSet::new();
    for line in data
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut parts = line.splitn(3, ' ');
        let (c, d) = (parts.next().unwrap(), parts.next().unwrap());
        expected.insert((c.to_string(), d.to_string()));
    }
    assert!(expected.len() > 250, "the data file was read");
    let mut ours = BTreeSet::new();
    for (c, code) in [
        (Country::SK, "SK"),
        (Country::CZ, "CZ"),
        (Country::PL, "PL"),
    ] {
        for y in 2024..=2030 {
            for h in days_off(c, y) {
                ours.insert((code.to_string(), h.date.to_string()));
            }
        }
    }
    let missing: Vec<_> = expected.difference(&ours).collect();
    let extra: Vec<_> = ours.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:?}\nextra: {extra:?}"
    );
}
