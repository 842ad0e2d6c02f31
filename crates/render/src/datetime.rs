//! Dates and times as each language writes them.

use jiff::Zoned;
use podpora_core::Language;

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Formats a moment in its own time zone, the way the language writes it, followed by the zone.
///
/// Slovak and Czech: `2. 11. 2026 11:30 CET`; Polish: `2.11.2026, 11:30 CET` (CLDR pads the
/// Polish month: `5.01.2026`); English: `2 Nov 2026, 11:30 CET`. Zones whose abbreviation is
/// only a number show the offset instead (`UTC+03:00`).
///
/// ```
/// use podpora_core::Language;
/// let at = jiff::civil::date(2026, 11, 2).at(11, 30, 0, 0).to_zoned(jiff::tz::TimeZone::UTC)?;
/// assert_eq!(podpora_render::format_datetime(Language::Cs, &at), "2. 11. 2026 11:30 UTC");
/// # Ok::<(), jiff::Error>(())
/// ```
pub fn format_datetime(lang: Language, at: &Zoned) -> String {
    let (day, month, year) = (at.day(), at.month(), at.year());
    let (hour, minute) = (at.hour(), at.minute());
    let zone = zone_label(at);
    match lang {
        Language::Sk | Language::Cs => {
            format!("{day}. {month}. {year} {hour:02}:{minute:02} {zone}")
        }
        Language::Pl => format!("{day}.{month:02}.{year}, {hour:02}:{minute:02} {zone}"),
        Language::En => {
            let name = usize::try_from(month - 1)
                .ok()
                .and_then(|i| EN_MONTHS.get(i))
                .copied()
                .unwrap_or("");
            format!("{day} {name} {year}, {hour:02}:{minute:02} {zone}")
        }
    }
}

/// Formats a calendar day the way the language writes it: `3. 12. 2026` (Slovak, Czech),
/// `3.12.2026` (Polish), `3 Dec 2026` (English).
///
/// ```
/// use podpora_core::Language;
/// let d = jiff::civil::date(2026, 1, 5);
/// assert_eq!(podpora_render::format_date(Language::Pl, d), "5.01.2026");
/// ```
pub fn format_date(lang: Language, d: jiff::civil::Date) -> String {
    let (day, month, year) = (d.day(), d.month(), d.year());
    match lang {
        Language::Sk | Language::Cs => format!("{day}. {month}. {year}"),
        Language::Pl => format!("{day}.{month:02}.{year}"),
        Language::En => {
            let name = usize::try_from(month - 1)
                .ok()
                .and_then(|i| EN_MONTHS.get(i))
                .copied()
                .unwrap_or("");
            format!("{day} {name} {year}")
        }
    }
}

/// The zone's abbreviation (CET, CEST, UTC), or the offset where tzdb has only a number (`+03`).
fn zone_label(at: &Zoned) -> String {
    let info = at.time_zone().to_offset_info(at.timestamp());
    let abbreviation = info.abbreviation();
    if !abbreviation.is_empty() && abbreviation.chars().all(|c| c.is_ascii_alphabetic()) {
        return abbreviation.to_string();
    }
    let offset = at.offset();
    if offset.seconds() == 0 {
        return "UTC".to_string();
    }
    let total = offset.seconds();
    let sign = if total < 0 { '-' } else { '+' };
    let total = total.unsigned_abs();
    let (hours, minutes) = (total / 3600, total % 3600 / 60);
    format!("UTC{sign}{hours:02}:{minutes:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use jiff::tz::{Offset, TimeZone, TimeZoneDatabase};

    fn bratislava() -> TimeZone {
        TimeZoneDatabase::bundled()
            .get("Europe/Bratislava")
            .expect("the bundled database has Europe/Bratislava")
    }

    fn at(y: i16, m: i8, d: i8, h: i8, min: i8, tz: TimeZone) -> Zoned {
        date(y, m, d)
            .at(h, min, 0, 0)
            .to_zoned(tz)
            .expect("a valid local time")
    }

    #[test]
    fn each_language_writes_the_date_its_own_way() {
        let z = at(2026, 11, 2, 11, 30, bratislava());
        assert_eq!(format_datetime(Language::Sk, &z), "2. 11. 2026 11:30 CET");
        assert_eq!(format_datetime(Language::Cs, &z), "2. 11. 2026 11:30 CET");
        assert_eq!(format_datetime(Language::Pl, &z), "2.11.2026, 11:30 CET");
        assert_eq!(format_datetime(Language::En, &z), "2 Nov 2026, 11:30 CET");
    }

    #[test]
    fn summer_time_shows_its_own_abbreviation_and_polish_pads_the_month() {
        let z = at(2026, 7, 5, 9, 5, bratislava());
        assert_eq!(format_datetime(Language::Pl, &z), "5.07.2026, 09:05 CEST");
        assert_eq!(format_datetime(Language::Sk, &z), "5. 7. 2026 09:05 CEST");
        assert_eq!(format_datetime(Language::En, &z), "5 Jul 2026, 09:05 CEST");
    }

    #[test]
    fn numeric_abbreviations_become_offsets() {
        let istanbul = TimeZoneDatabase::bundled()
            .get("Europe/Istanbul")
            .expect("the bundled database has Europe/Istanbul");
        let z = at(2026, 1, 15, 8, 0, istanbul);
        assert_eq!(
            format_datetime(Language::En, &z),
            "15 Jan 2026, 08:00 UTC+03:00"
        );
        let fixed = TimeZone::fixed(Offset::from_seconds(-(5 * 3600 + 30 * 60)).expect("in range"));
        let z = at(2026, 1, 15, 8, 0, fixed);
        assert!(format_datetime(Language::Cs, &z).ends_with("08:00 UTC-05:30"));
        let z = at(2026, 1, 15, 8, 0, TimeZone::UTC);
        assert!(format_datetime(Language::Pl, &z).ends_with("08:00 UTC"));
    }
}
