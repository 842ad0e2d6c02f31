//! Days as numbers: day 0 is 1970-01-01. The arithmetic loops count days with plain integers
//! and convert to civil dates only at the edges.

use jiff::civil::Date;

/// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub(crate) fn day_number(date: Date) -> i32 {
    let (y, m, d) = (
        i32::from(date.year()),
        i32::from(date.month()),
        i32::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number (H. Hinnant's `civil_from_days`), clamped to jiff's range.
pub(crate) fn date_of(day: i32) -> Date {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i32::from(m <= 2);
    match (i16::try_from(y), i8::try_from(m), i8::try_from(d)) {
        (Ok(y), Ok(m), Ok(d)) => {
            Date::new(y, m, d).unwrap_or(if day < 0 { Date::MIN } else { Date::MAX })
        }
        _ if day < 0 => Date::MIN,
        _ => Date::MAX,
    }
}

/// Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
#[inline]
pub(crate) fn weekday_index(day: i32) -> usize {
    // rem_euclid(7) is in 0..7, so the cast cannot lose anything
    (day + 3).rem_euclid(7) as usize
}

/// Seconds in a day.
pub(crate) const DAY_SECS: i64 = 86_400;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_days() {
        assert_eq!(day_number(jiff::civil::date(1970, 1, 1)), 0);
        assert_eq!(day_number(jiff::civil::date(2000, 3, 1)), 11_017);
        assert_eq!(day_number(jiff::civil::date(1969, 12, 31)), -1);
        assert_eq!(
            weekday_index(day_number(jiff::civil::date(2026, 11, 23))),
            0
        );
    }

    proptest! {
        #[test]
        fn day_numbers_round_trip(day in -700_000i32..2_000_000) {
            let d = date_of(day);
            prop_assert_eq!(day_number(d), day);
            prop_assert_eq!(usize::from(d.weekday().to_monday_zero_offset().unsigned_abs()), weekday_index(day));
            prop_assert_eq!(d.tomorrow().map(day_number).ok(), Some(day + 1));
        }
    }
}
