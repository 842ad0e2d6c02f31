//! `podpora sla due` and `podpora holidays`: ask the calendar engine directly.

use podpora_calendar::{BusinessCalendar, Country, OpeningHours, SlaTarget, holidays};

/// Arguments of `podpora sla due`, as typed.
#[derive(Debug, Clone)]
pub struct DueArgs {
    /// `24x7` or day ranges with intervals.
    pub hours: String,
    /// IANA zone.
    pub tz: String,
    /// SK, CZ, PL or none.
    pub holidays: String,
    /// Local date-time or RFC 3339 instant.
    pub from: String,
    /// `240m`, `4h`, `2bd`, `same-day`, `24ch`.
    pub target: String,
    /// List the open intervals counted.
    pub explain: bool,
}

fn country(s: &str) -> Result<Option<Country>, String> {
    if s.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    s.parse::<Country>()
        .map(Some)
        .map_err(|_| format!("--holidays: {s:?} is not SK, CZ, PL or none"))
}

/// The due time (first line, RFC 3339 with the calendar's offset), then with `explain` the
/// open intervals counted.
pub fn due(a: &DueArgs) -> Result<String, String> {
    let hours = OpeningHours::parse(&a.hours).map_err(|e| format!("--hours: {e}"))?;
    let cal = BusinessCalendar::new(&a.tz, hours, country(&a.holidays)?)
        .map_err(|e| format!("--tz: {e}"))?;
    let from = cal
        .parse_instant(&a.from)
        .map_err(|e| format!("--from: {e}"))?;
    let target = SlaTarget::parse(&a.target).map_err(|e| format!("--target: {e}"))?;
    let due = target
        .due(&cal, from)
        .map_err(|e| format!("--hours: {e}"))?;
    let mut out = cal.format(due);
    out.push('\n');
    if a.explain {
        out.push_str(&format!(
            "target {target} from {} on {} ({}, holidays {})\n",
            cal.format(from),
            cal.hours(),
            a.tz,
            cal.country()
                .map(|c| c.to_string())
                .unwrap_or_else(|| "none".into())
        ));
        match target {
            SlaTarget::CalendarMinutes(_) => {
                out.push_str("calendar time: opening hours do not apply\n")
            }
            _ => {
                for (s, e) in cal.explain(from, due) {
                    out.push_str(&format!(
                        "  {} – {}  {} min\n",
                        cal.format(s),
                        cal.format(e),
                        e.duration_since(s).as_secs() / 60
                    ));
                }
                out.push_str(&format!(
                    "business time counted: {} min\n",
                    cal.business_between(from, due).as_secs() / 60
                ));
            }
        }
    }
    Ok(out)
}

/// One day off per line, `YYYY-MM-DD name` (with `all`, working holidays too, marked).
pub fn holiday_list(
    country_code: &str,
    year: i32,
    english: bool,
    all: bool,
) -> Result<String, String> {
    let c: Country = country_code
        .parse()
        .map_err(|e: String| format!("--country: {e}"))?;
    let year = i16::try_from(year)
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(|| format!("--year: {year} is outside 1900–2200"))?;
    let mut out = String::new();
    for h in holidays(c, year).into_iter().filter(|h| all || h.day_off) {
        let name = if english { h.name_en } else { h.name_local };
        let mark = if h.day_off { "" } else { " (working day)" };
        out.push_str(&format!("{} {name}{mark}\n", h.date));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(hours: &str, from: &str, target: &str) -> DueArgs {
        DueArgs {
            hours: hours.into(),
            tz: "Europe/Bratislava".into(),
            holidays: "SK".into(),
            from: from.into(),
            target: target.into(),
            explain: true,
        }
    }

    #[test]
    fn the_documented_example() {
        let out = due(&args("mon-fri 08:30-17:00", "2026-10-30T16:00", "4h")).unwrap();
        assert_eq!(out.lines().next(), Some("2026-11-02T11:30:00+01:00"));
        assert!(
            out.contains("2026-10-30T16:00:00+01:00 – 2026-10-30T17:00:00+01:00  60 min"),
            "{out}"
        );
        assert!(out.contains("business time counted: 240 min"), "{out}");
    }

    #[test]
    fn bad_arguments_name_the_flag() {
        assert!(
            due(&args("mon-fri 8-17", "2026-10-30T16:00", "4h"))
                .unwrap_err()
                .starts_with("--hours")
        );
        assert!(
            due(&args("24x7", "tomorrow", "4h"))
                .unwrap_err()
                .starts_with("--from")
        );
        assert!(
            due(&args("24x7", "2026-10-30T16:00", "4 hours"))
                .unwrap_err()
                .starts_with("--target")
        );
        assert!(
            due(&DueArgs {
                tz: "Mars/Base".into(),
                ..args("24x7", "2026-10-30T16:00", "4h")
            })
            .unwrap_err()
            .starts_with("--tz")
        );
        assert!(
            due(&DueArgs {
                holidays: "DE".into(),
                ..args("24x7", "2026-10-30T16:00", "4h")
            })
            .unwrap_err()
            .starts_with("--holidays")
        );
        assert!(
            holiday_list("HU", 2026, false, false)
                .unwrap_err()
                .starts_with("--country")
        );
    }

    #[test]
    fn slovak_days_off_2026() {
        let out = holiday_list("sk", 2026, false, false).unwrap();
        assert_eq!(out.lines().count(), 11);
        assert!(out.starts_with("2026-01-01 Deň vzniku Slovenskej republiky\n"));
        let all = holiday_list("SK", 2026, true, true).unwrap();
        assert!(all.contains("2026-05-08 Day of Victory over Fascism (working day)"));
    }
}
