//! Public holidays of Slovakia, Czechia and Poland, computed by rule for any year.
//!
//! The rules are data: each row names the day, the years it applies to, whether it is a day
//! off, and the law that says so. A new law adds or bounds rows; no code changes. A holiday is
//! not always a day off: since 2024 the Slovak Constitution Day (1 September) is a state holiday
//! on which people work, and only days off close a business calendar.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

/// A country whose holidays podpora knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Country {
    /// Slovakia.
    SK,
    /// Czechia.
    CZ,
    /// Poland.
    PL,
}

impl FromStr for Country {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "SK" => Ok(Country::SK),
            "CZ" => Ok(Country::CZ),
            "PL" => Ok(Country::PL),
            _ => Err(format!("unknown holiday country {s:?}: use SK, CZ or PL")),
        }
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Country::SK => "SK",
            Country::CZ => "CZ",
            Country::PL => "PL",
        })
    }
}

/// When a rule's day falls in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleDate {
    /// The same date every year.
    Fixed {
        /// 1–12.
        month: i8,
        /// 1–31.
        day: i8,
    },
    /// Days after Western (Gregorian) Easter Sunday: Good Friday is -2, Easter Monday 1,
    /// Pentecost Sunday 49, Corpus Christi 60.
    EasterOffset(i16),
}

/// One row of the holiday law: a day, the years it applies to, whether it is a day off, its
/// names, and the law that says so. The table [`RULES`] is the whole of podpora's holiday
/// knowledge; a new law bounds old rows (`valid_to`) and adds new ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HolidayRule {
    /// Whose holiday.
    pub country: Country,
    /// When it falls.
    pub date: RuleDate,
    /// First year the row applies to.
    pub valid_from: i16,
    /// Last year it applies to, inclusive.
    pub valid_to: i16,
    /// Whether the day is free from work (closes business calendars). A state holiday that is
    /// a working day (Slovak 1 September from 2024) has `false`.
    pub is_day_off: bool,
    /// English name.
    pub name_en: &'static str,
    /// Name in the country's language (Slovak, Czech or Polish).
    pub name_local: &'static str,
    /// The law that makes it so.
    pub source: &'static str,
}

const SK_LAW: &str = "SK Act 241/1993 Coll. on state holidays, days off and memorial days";
const SK_2018: &str = "SK amendment of Act 241/1993 (September 2018): 30 October 2018 a one-off state holiday and day off";
const SK_2020: &str = "SK Act 326/2020 Coll.: 28 October a state holiday, not a day off, from 2021";
const SK_2023: &str =
    "SK Act 530/2023 Coll. (consolidation): 1 September no longer a day off from 2024";
const SK_2025: &str = "SK Act 261/2025 Coll. (consolidation): 17 November a working day from 2025; 8 May and 15 September working days in 2026";
const CZ_LAW: &str =
    "CZ Act 245/2000 Coll. on public holidays, other holidays, significant days and days of rest";
const CZ_2015: &str = "CZ Act 359/2015 Coll.: Good Friday a public holiday from 2016";
const PL_LAW: &str =
    "PL Act of 18 January 1951 on days free from work (consolidated Dz.U. 2020 poz. 1920)";
const PL_2010: &str =
    "PL Act of 24 September 2010 amending the 1951 Act: Epiphany a day off from 2011";
const PL_2018: &str = "PL Act of 11 October 2018: 12 November 2018 a one-off day free from work";
const PL_2024: &str = "PL Act of 6 December 2024 amending the 1951 Act (Dz.U. 2024 poz. 1965): Christmas Eve a day off from 2025";

/// Open-ended last year.
const ON: i16 = i16::MAX;
/// A day off / a working holiday.
const OFF: bool = true;
const WORK: bool = false;

const fn fixed(month: i8, day: i8) -> RuleDate {
    RuleDate::Fixed { month, day }
}

const fn easter(days: i16) -> RuleDate {
    RuleDate::EasterOffset(days)
}

#[allow(clippy::too_many_arguments)]
const fn row(
    country: Country,
    date: RuleDate,
    valid_from: i16,
    valid_to: i16,
    is_day_off: bool,
    name_en: &'static str,
    name_local: &'static str,
    source: &'static str,
) -> HolidayRule {
    HolidayRule {
        country,
        date,
        valid_from,
        valid_to,
        is_day_off,
        name_en,
        name_local,
        source,
    }
}

use Country::{CZ, PL, SK};

/// Every holiday rule podpora knows, from the years each country's current law starts
/// (Slovakia 1993, Czechia 2000, Poland 1990); earlier years are not modelled.
#[rustfmt::skip]
pub static RULES: &[HolidayRule] = &[
    // Slovakia
    row(SK, fixed(1, 1),   1993, ON,   OFF,  "Day of the Establishment of the Slovak Republic", "Deň vzniku Slovenskej republiky", SK_LAW),
    row(SK, fixed(1, 6),   1993, ON,   OFF,  "Epiphany", "Zjavenie Pána (Traja králi a vianočný sviatok pravoslávnych kresťanov)", SK_LAW),
    row(SK, easter(-2),    1993, ON,   OFF,  "Good Friday", "Veľký piatok", SK_LAW),
    row(SK, easter(1),     1993, ON,   OFF,  "Easter Monday", "Veľkonočný pondelok", SK_LAW),
    row(SK, fixed(5, 1),   1993, ON,   OFF,  "Labour Day", "Sviatok práce", SK_LAW),
    row(SK, fixed(5, 8),   1997, 2025, OFF,  "Day of Victory over Fascism", "Deň víťazstva nad fašizmom", SK_LAW),
    row(SK, fixed(5, 8),   2026, 2026, WORK, "Day of Victory over Fascism", "Deň víťazstva nad fašizmom", SK_2025),
    row(SK, fixed(5, 8),   2027, ON,   OFF,  "Day of Victory over Fascism", "Deň víťazstva nad fašizmom", SK_LAW),
    row(SK, fixed(7, 5),   1993, ON,   OFF,  "Saints Cyril and Methodius Day", "Sviatok svätého Cyrila a svätého Metoda", SK_LAW),
    row(SK, fixed(8, 29),  1993, ON,   OFF,  "Slovak National Uprising Anniversary", "Výročie Slovenského národného povstania", SK_LAW),
    row(SK, fixed(9, 1),   1993, 2023, OFF,  "Constitution Day", "Deň Ústavy Slovenskej republiky", SK_LAW),
    row(SK, fixed(9, 1),   2024, ON,   WORK, "Constitution Day", "Deň Ústavy Slovenskej republiky", SK_2023),
    row(SK, fixed(9, 15),  1993, 2025, OFF,  "Day of Our Lady of the Seven Sorrows", "Sedembolestná Panna Mária", SK_LAW),
    row(SK, fixed(9, 15),  2026, 2026, WORK, "Day of Our Lady of the Seven Sorrows", "Sedembolestná Panna Mária", SK_2025),
    row(SK, fixed(9, 15),  2027, ON,   OFF,  "Day of Our Lady of the Seven Sorrows", "Sedembolestná Panna Mária", SK_LAW),
    row(SK, fixed(10, 28), 2021, ON,   WORK, "Day of the Establishment of the Independent Czecho-Slovak State", "Deň vzniku samostatného česko-slovenského štátu", SK_2020),
    row(SK, fixed(10, 30), 2018, 2018, OFF,  "100th Anniversary of the Declaration of the Slovak Nation", "100. výročie prijatia Deklarácie slovenského národa", SK_2018),
    row(SK, fixed(11, 1),  1993, ON,   OFF,  "All Saints' Day", "Sviatok Všetkých svätých", SK_LAW),
    row(SK, fixed(11, 17), 2001, 2024, OFF,  "Struggle for Freedom and Democracy Day", "Deň boja za slobodu a demokraciu", SK_LAW),
    row(SK, fixed(11, 17), 2025, ON,   WORK, "Struggle for Freedom and Democracy Day", "Deň boja za slobodu a demokraciu", SK_2025),
    row(SK, fixed(12, 24), 1993, ON,   OFF,  "Christmas Eve", "Štedrý deň", SK_LAW),
    row(SK, fixed(12, 25), 1993, ON,   OFF,  "Christmas Day", "Prvý sviatok vianočný", SK_LAW),
    row(SK, fixed(12, 26), 1993, ON,   OFF,  "Second Day of Christmas", "Druhý sviatok vianočný", SK_LAW),
    // Czechia
    row(CZ, fixed(1, 1),   2000, ON,   OFF,  "Independent Czech State Restoration Day; New Year's Day", "Den obnovy samostatného českého státu; Nový rok", CZ_LAW),
    row(CZ, easter(-2),    2016, ON,   OFF,  "Good Friday", "Velký pátek", CZ_2015),
    row(CZ, easter(1),     2000, ON,   OFF,  "Easter Monday", "Velikonoční pondělí", CZ_LAW),
    row(CZ, fixed(5, 1),   2000, ON,   OFF,  "Labour Day", "Svátek práce", CZ_LAW),
    row(CZ, fixed(5, 8),   2000, ON,   OFF,  "Victory Day", "Den vítězství", CZ_LAW),
    row(CZ, fixed(7, 5),   2000, ON,   OFF,  "Saints Cyril and Methodius Day", "Den slovanských věrozvěstů Cyrila a Metoděje", CZ_LAW),
    row(CZ, fixed(7, 6),   2000, ON,   OFF,  "Jan Hus Day", "Den upálení mistra Jana Husa", CZ_LAW),
    row(CZ, fixed(9, 28),  2000, ON,   OFF,  "Statehood Day", "Den české státnosti", CZ_LAW),
    row(CZ, fixed(10, 28), 2000, ON,   OFF,  "Independent Czechoslovak State Day", "Den vzniku samostatného československého státu", CZ_LAW),
    row(CZ, fixed(11, 17), 2000, ON,   OFF,  "Struggle for Freedom and Democracy Day", "Den boje za svobodu a demokracii", CZ_LAW),
    row(CZ, fixed(12, 24), 2000, ON,   OFF,  "Christmas Eve", "Štědrý den", CZ_LAW),
    row(CZ, fixed(12, 25), 2000, ON,   OFF,  "Christmas Day", "1. svátek vánoční", CZ_LAW),
    row(CZ, fixed(12, 26), 2000, ON,   OFF,  "Second Day of Christmas", "2. svátek vánoční", CZ_LAW),
    // Poland (no Good Friday; Sundays count, as the law lists them)
    row(PL, fixed(1, 1),   1990, ON,   OFF,  "New Year's Day", "Nowy Rok", PL_LAW),
    row(PL, fixed(1, 6),   2011, ON,   OFF,  "Epiphany", "Święto Trzech Króli", PL_2010),
    row(PL, easter(0),     1990, ON,   OFF,  "Easter Sunday", "Pierwszy dzień Wielkiej Nocy", PL_LAW),
    row(PL, easter(1),     1990, ON,   OFF,  "Easter Monday", "Drugi dzień Wielkiej Nocy", PL_LAW),
    row(PL, fixed(5, 1),   1990, ON,   OFF,  "Labour Day", "Święto Państwowe", PL_LAW),
    row(PL, fixed(5, 3),   1990, ON,   OFF,  "National Day of the Third of May", "Święto Narodowe Trzeciego Maja", PL_LAW),
    row(PL, easter(49),    1990, ON,   OFF,  "Pentecost Sunday", "Pierwszy dzień Zielonych Świątek", PL_LAW),
    row(PL, easter(60),    1990, ON,   OFF,  "Corpus Christi", "Dzień Bożego Ciała", PL_LAW),
    row(PL, fixed(8, 15),  1990, ON,   OFF,  "Assumption of Mary", "Wniebowzięcie Najświętszej Maryi Panny", PL_LAW),
    row(PL, fixed(11, 1),  1990, ON,   OFF,  "All Saints' Day", "Wszystkich Świętych", PL_LAW),
    row(PL, fixed(11, 11), 1990, ON,   OFF,  "National Independence Day", "Narodowe Święto Niepodległości", PL_LAW),
    row(PL, fixed(11, 12), 2018, 2018, OFF,  "National Independence Day – 100th anniversary", "Narodowe Święto Niepodległości – 100-lecie", PL_2018),
    row(PL, fixed(12, 24), 2025, ON,   OFF,  "Christmas Eve", "Wigilia Bożego Narodzenia", PL_2024),
    row(PL, fixed(12, 25), 1990, ON,   OFF,  "Christmas Day", "Pierwszy dzień Bożego Narodzenia", PL_LAW),
    row(PL, fixed(12, 26), 1990, ON,   OFF,  "Second Day of Christmas", "Drugi dzień Bożego Narodzenia", PL_LAW),
];

/// One holiday of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holiday {
    /// The date.
    pub date: Date,
    /// English name.
    pub name_en: &'static str,
    /// Name in the country's language.
    pub name_local: &'static str,
    /// Whether it closes business calendars (a holiday on which people work does not).
    pub day_off: bool,
    /// The law that makes it so.
    pub source: &'static str,
}

/// Western Easter Sunday of `year` (Gregorian computus).
pub fn easter_sunday(year: i16) -> Option<Date> {
    let e = computus::gregorian(i32::from(year)).ok()?;
    Date::new(year, i8::try_from(e.month).ok()?, i8::try_from(e.day).ok()?).ok()
}

impl HolidayRule {
    /// The rule's date in `year`, if the rule applies that year.
    pub fn date_in(&self, year: i16, easter: Option<Date>) -> Option<Date> {
        if !(self.valid_from..=self.valid_to).contains(&year) {
            return None;
        }
        match self.date {
            RuleDate::Fixed { month, day } => Date::new(year, month, day).ok(),
            RuleDate::EasterOffset(off) => easter?.checked_add(jiff::Span::new().days(off)).ok(),
        }
    }
}

/// Every holiday of `country` in `year`, days off and working holidays, by date.
///
/// ```
/// use podpora_calendar::{Country, holidays};
/// let sk = holidays(Country::SK, 2026);
/// let may8 = sk.iter().find(|h| h.date == jiff::civil::date(2026, 5, 8)).unwrap();
/// assert!(!may8.day_off); // 8 May is a working day in Slovakia in 2026 only
/// assert!(may8.source.contains("261/2025"));
/// ```
pub fn holidays(country: Country, year: i16) -> Vec<Holiday> {
    let easter = easter_sunday(year);
    let mut out: Vec<Holiday> = RULES
        .iter()
        .filter(|r| r.country == country)
        .filter_map(|r| {
            Some(Holiday {
                date: r.date_in(year, easter)?,
                name_en: r.name_en,
                name_local: r.name_local,
                day_off: r.is_day_off,
                source: r.source,
            })
        })
        .collect();
    out.sort_by_key(|h| h.date);
    out
}

/// The days off of `country` in `year` (the holidays that close business calendars).
///
/// ```
/// use podpora_calendar::{Country, days_off};
/// assert_eq!(days_off(Country::SK, 2025).len(), 13);
/// assert_eq!(days_off(Country::SK, 2026).len(), 11);
/// assert_eq!(days_off(Country::SK, 2027).len(), 13);
/// ```
pub fn days_off(country: Country, year: i16) -> Vec<Holiday> {
    holidays(country, year)
        .into_iter()
        .filter(|h| h.day_off)
        .collect()
}

/// Whether `date` is a public day off in `country`.
///
/// ```
/// use podpora_calendar::{Country, is_day_off};
/// use jiff::civil::date;
/// assert!(is_day_off(Country::PL, date(2025, 12, 24)));
/// assert!(!is_day_off(Country::SK, date(2025, 11, 17))); // a holiday, but a working day
/// ```
pub fn is_day_off(country: Country, date: Date) -> bool {
    match bits::lookup(country, date) {
        Some(off) => off,
        None => is_day_off_by_rule(country, date),
    }
}

fn is_day_off_by_rule(country: Country, date: Date) -> bool {
    let easter = easter_sunday(date.year());
    RULES.iter().any(|r| {
        r.country == country && r.is_day_off && r.date_in(date.year(), easter) == Some(date)
    })
}

/// Days off as bits per day, computed once per country and shared by every calendar.
pub(crate) mod bits {
    use super::{Country, RULES, easter_sunday};
    use crate::days::day_number;
    use jiff::civil::Date;
    use std::sync::OnceLock;

    /// First and last year the bitsets cover.
    pub(crate) const FIRST_YEAR: i16 = 1970;
    pub(crate) const LAST_YEAR: i16 = 2200;

    /// Bit `n` is day `n` after 1970-01-01.
    pub(crate) struct DayBits {
        words: Vec<u64>,
    }

    impl DayBits {
        /// Whether day number `day` is set; `None` outside the covered years.
        #[inline]
        pub(crate) fn get(&self, day: i32) -> Option<bool> {
            let i = usize::try_from(day).ok()?;
            let w = self.words.get(i / 64)?;
            Some(w & (1 << (i % 64)) != 0)
        }

        /// The first set day at or after `day`, or the first day not covered (a stop either way).
        pub(crate) fn next_set(&self, day: i32) -> i32 {
            let Ok(i) = usize::try_from(day) else {
                return day;
            };
            let (mut w, bit) = (i / 64, i % 64);
            let Some(first) = self.words.get(w) else {
                return day;
            };
            let mut word = first & (u64::MAX << bit);
            loop {
                if word != 0 {
                    let n = w * 64 + word.trailing_zeros() as usize;
                    return i32::try_from(n).unwrap_or(i32::MAX);
                }
                w += 1;
                match self.words.get(w) {
                    Some(x) => word = *x,
                    None => return i32::try_from(w * 64).unwrap_or(i32::MAX),
                }
            }
        }
    }

    fn build(country: Country) -> DayBits {
        let last = day_number(Date::new(LAST_YEAR, 12, 31).unwrap_or(Date::MAX));
        let len = usize::try_from(last + 1).unwrap_or(0);
        let mut words = vec![0u64; len.div_ceil(64)];
        for year in FIRST_YEAR..=LAST_YEAR {
            let easter = easter_sunday(year);
            for r in RULES
                .iter()
                .filter(|r| r.country == country && r.is_day_off)
            {
                if let Some(d) = r.date_in(year, easter)
                    && let Ok(i) = usize::try_from(day_number(d))
                {
                    words[i / 64] |= 1 << (i % 64);
                }
            }
        }
        DayBits { words }
    }

    /// The shared bitset of a country.
    pub(crate) fn of(country: Country) -> &'static DayBits {
        static SETS: [OnceLock<DayBits>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let i = match country {
            Country::SK => 0,
            Country::CZ => 1,
            Country::PL => 2,
        };
        SETS[i].get_or_init(|| build(country))
    }

    pub(crate) fn lookup(country: Country, date: Date) -> Option<bool> {
        of(country).get(day_number(date))
    }

    #[cfg(test)]
    #[test]
    fn bits_agree_with_the_rules() {
        use crate::days::date_of;
        for c in [Country::SK, Country::CZ, Country::PL] {
            let b = of(c);
            for day in (0..60_000).step_by(7) {
                let date = date_of(day);
                assert_eq!(
                    b.get(day),
                    Some(super::is_day_off_by_rule(c, date)),
                    "{c} {date}"
                );
            }
            let next = date_of(b.next_set(day_number(jiff::civil::date(2026, 1, 2))));
            let expected = if c == Country::CZ {
                jiff::civil::date(2026, 4, 3)
            } else {
                jiff::civil::date(2026, 1, 6)
            };
            assert_eq!(next, expected, "{c}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn slovak_counts_follow_the_consolidation_laws() {
        assert_eq!(days_off(Country::SK, 2025).len(), 13);
        assert_eq!(days_off(Country::SK, 2026).len(), 11);
        assert_eq!(days_off(Country::SK, 2027).len(), 13);
        assert!(!is_day_off(Country::SK, date(2024, 9, 1)));
        assert!(is_day_off(Country::SK, date(2023, 9, 1)));
        assert!(!is_day_off(Country::SK, date(2025, 11, 17)));
        assert!(is_day_off(Country::SK, date(2024, 11, 17)));
        // still holidays, just not days off
        assert!(
            holidays(Country::SK, 2025)
                .iter()
                .any(|h| h.date == date(2025, 11, 17) && !h.day_off)
        );
    }

    #[test]
    fn easter_based_days() {
        // Easter Sunday 5 April 2026
        assert!(is_day_off(Country::SK, date(2026, 4, 3)));
        assert!(is_day_off(Country::CZ, date(2026, 4, 3)));
        assert!(
            !is_day_off(Country::PL, date(2026, 4, 3)),
            "no Good Friday in Poland"
        );
        assert!(is_day_off(Country::PL, date(2026, 5, 24)), "Pentecost");
        assert!(is_day_off(Country::PL, date(2026, 6, 4)), "Corpus Christi");
        assert!(
            !is_day_off(Country::CZ, date(2015, 4, 3)),
            "Czech Good Friday from 2016"
        );
        assert!(is_day_off(Country::CZ, date(2016, 3, 25)));
    }

    #[test]
    fn polish_christmas_eve_from_2025() {
        assert!(!is_day_off(Country::PL, date(2024, 12, 24)));
        assert!(is_day_off(Country::PL, date(2025, 12, 24)));
    }

    #[test]
    fn every_rule_names_its_law() {
        assert!(
            RULES
                .iter()
                .all(|r| !r.source.is_empty() && r.valid_from <= r.valid_to)
        );
    }
}
