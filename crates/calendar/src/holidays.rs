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

/// When a rule's day falls.
#[derive(Debug, Clone, Copy)]
enum When {
    /// The same date every year.
    Fixed(i8, i8),
    /// Days after Easter Sunday (Good Friday is -2).
    Easter(i16),
}

/// One row of the holiday law.
#[derive(Debug, Clone, Copy)]
struct Rule {
    country: Country,
    when: When,
    /// First year the row applies to.
    from: i16,
    /// Last year it applies to, inclusive.
    to: i16,
    day_off: bool,
    name_en: &'static str,
    name_local: &'static str,
    source: &'static str,
}

const SK_LAW: &str = "SK Act 241/1993 Coll. on state holidays, days off and memorial days";
const SK_2023: &str =
    "SK Act 530/2023 Coll. (consolidation): 1 September no longer a day off from 2024";
const SK_2025: &str = "SK Act 261/2025 Coll. (consolidation): 17 November a working day from 2025; 8 May and 15 September working days in 2026";
const CZ_LAW: &str = "CZ Act 245/2000 Coll. on public holidays, other holidays and days of rest";
const CZ_2015: &str = "CZ Act 359/2015 Coll.: Good Friday a public holiday from 2016";
const PL_LAW: &str = "PL Act of 18 January 1951 on days free from work (Dz.U. 2020 poz. 1920)";
const PL_2010: &str =
    "PL Act of 24 September 2010 amending the 1951 Act: Epiphany a day off from 2011";
const PL_2024: &str = "PL Act of 6 December 2024 amending the 1951 Act (Dz.U. 2024 poz. 1965): Christmas Eve a day off from 2025";

const MIN: i16 = i16::MIN;
const MAX: i16 = i16::MAX;

macro_rules! rule {
    ($c:ident, $w:expr, $from:expr, $to:expr, $off:expr, $en:expr, $local:expr, $src:expr) => {
        Rule {
            country: Country::$c,
            when: $w,
            from: $from,
            to: $to,
            day_off: $off,
            name_en: $en,
            name_local: $local,
            source: $src,
        }
    };
}

use When::{Easter, Fixed};

static RULES: &[Rule] = &[
    // Slovakia
    rule!(
        SK,
        Fixed(1, 1),
        1993,
        MAX,
        true,
        "Day of the Establishment of the Slovak Republic",
        "Deň vzniku Slovenskej republiky",
        SK_LAW
    ),
    rule!(
        SK,
        Fixed(1, 6),
        1993,
        MAX,
        true,
        "Epiphany",
        "Zjavenie Pána (Traja králi)",
        SK_LAW
    ),
    rule!(
        SK,
        Easter(-2),
        1993,
        MAX,
        true,
        "Good Friday",
        "Veľký piatok",
        SK_LAW
    ),
    rule!(
        SK,
        Easter(1),
        1993,
        MAX,
        true,
        "Easter Monday",
        "Veľkonočný pondelok",
        SK_LAW
    ),
    rule!(
        SK,
        Fixed(5, 1),
        1993,
        MAX,
        true,
        "Labour Day",
        "Sviatok práce",
        SK_LAW
    ),
    rule!(
        SK,
        Fixed(5, 8),
        1997,
        2025,
        true,
        "Day of Victory over Fascism",
        "Deň víťazstva nad fašizmom",
        SK_LAW
    ),
    rule!(
        SK,
        Fixed(5, 8),
        2026,
        2026,
        false,
        "Day of Victory over Fascism",
        "Deň víťazstva nad fašizmom",
        SK_2025
    ),
    rule!(
        SK,
        Fixed(5, 8),
        2027,
        MAX,
        true,
        "Day of Victory over Fascism",
        "Deň víťazstva nad fašizmom",
        SK_LAW
    ),
    rule!(
        SK,
        Fixed(7, 5),
        1993,
        MAX,
        true,
        "St. Cyril and Methodius Day",
        "Sviatok svätého Cyrila a Metoda",
        SK_LAW
    ),
    rule!(
        SK,
        Fixed(8, 29),
        1993,
        MAX,
        true,
        "Slovak National Uprising Anniversary",
        "Výročie Slovenského národného povstania",
        SK_LAW
    ),
    rule!(
        SK,
        Fixed(9, 1),
        1993,
        2023,
        true,
        "Constitution Day",
        "Deň Ústavy Slovenskej republiky",
        SK_LAW
    ),
    rule!(
        SK,
        Fixed(9, 1),
        2024,
        MAX,
        false,
        "Constitution Day",
        "Deň Ústavy Slovenskej republiky",
        SK_2023
    ),
    rule!(
        SK,
        Fixed(9, 15),
        1993,
        2025,
        true,
        "Day of Our Lady of the Seven Sorrows",
        "Sedembolestná Panna Mária",
        SK_LAW
    ),
    rule!(
        SK,
        Fixed(9, 15),
        2026,
        2026,
        false,
        "Day of Our Lady of the Seven Sorrows",
        "Sedembolestná Panna Mária",
        SK_2025
    ),
    rule!(
        SK,
        Fixed(9, 15),
        2027,
        MAX,
        true,
        "Day of Our Lady of the Seven Sorrows",
        "Sedembolestná Panna Mária",
        SK_LAW
    ),
    rule!(
        SK,
        Fixed(11, 1),
        1993,
        MAX,
        true,
        "All Saints' Day",
        "Sviatok všetkých svätých",
        SK_LAW
    ),
    rule!(
        SK,
        Fixed(11, 17),
        2001,
        2024,
        true,
        "Struggle for Freedom and Democracy Day",
        "Deň boja za slobodu a demokraciu",
        SK_LAW
    ),
    rule!(
        SK,
        Fixed(11, 17),
        2025,
        MAX,
        false,
        "Struggle for Freedom and Democracy Day",
        "Deň boja za slobodu a demokraciu",
        SK_2025
    ),
    rule!(
        SK,
        Fixed(12, 24),
        1993,
        MAX,
        true,
        "Christmas Eve",
        "Štedrý deň",
        SK_LAW
    ),
    rule!(
        SK,
        Fixed(12, 25),
        1993,
        MAX,
        true,
        "Christmas Day",
        "Prvý sviatok vianočný",
        SK_LAW
    ),
    rule!(
        SK,
        Fixed(12, 26),
        1993,
        MAX,
        true,
        "St. Stephen's Day",
        "Druhý sviatok vianočný",
        SK_LAW
    ),
    // Czechia
    rule!(
        CZ,
        Fixed(1, 1),
        2000,
        MAX,
        true,
        "Restoration Day of the Independent Czech State; New Year's Day",
        "Den obnovy samostatného českého státu; Nový rok",
        CZ_LAW
    ),
    rule!(
        CZ,
        Easter(-2),
        2016,
        MAX,
        true,
        "Good Friday",
        "Velký pátek",
        CZ_2015
    ),
    rule!(
        CZ,
        Easter(1),
        2000,
        MAX,
        true,
        "Easter Monday",
        "Velikonoční pondělí",
        CZ_LAW
    ),
    rule!(
        CZ,
        Fixed(5, 1),
        2000,
        MAX,
        true,
        "Labour Day",
        "Svátek práce",
        CZ_LAW
    ),
    rule!(
        CZ,
        Fixed(5, 8),
        2000,
        MAX,
        true,
        "Liberation Day",
        "Den vítězství",
        CZ_LAW
    ),
    rule!(
        CZ,
        Fixed(7, 5),
        2000,
        MAX,
        true,
        "Saints Cyril and Methodius Day",
        "Den slovanských věrozvěstů Cyrila a Metoděje",
        CZ_LAW
    ),
    rule!(
        CZ,
        Fixed(7, 6),
        2000,
        MAX,
        true,
        "Jan Hus Day",
        "Den upálení mistra Jana Husa",
        CZ_LAW
    ),
    rule!(
        CZ,
        Fixed(9, 28),
        2000,
        MAX,
        true,
        "St. Wenceslas Day (Czech Statehood Day)",
        "Den české státnosti",
        CZ_LAW
    ),
    rule!(
        CZ,
        Fixed(10, 28),
        2000,
        MAX,
        true,
        "Independent Czechoslovak State Day",
        "Den vzniku samostatného československého státu",
        CZ_LAW
    ),
    rule!(
        CZ,
        Fixed(11, 17),
        2000,
        MAX,
        true,
        "Struggle for Freedom and Democracy Day",
        "Den boje za svobodu a demokracii",
        CZ_LAW
    ),
    rule!(
        CZ,
        Fixed(12, 24),
        2000,
        MAX,
        true,
        "Christmas Eve",
        "Štědrý den",
        CZ_LAW
    ),
    rule!(
        CZ,
        Fixed(12, 25),
        2000,
        MAX,
        true,
        "Christmas Day",
        "1. svátek vánoční",
        CZ_LAW
    ),
    rule!(
        CZ,
        Fixed(12, 26),
        2000,
        MAX,
        true,
        "St. Stephen's Day",
        "2. svátek vánoční",
        CZ_LAW
    ),
    // Poland
    rule!(
        PL,
        Fixed(1, 1),
        MIN,
        MAX,
        true,
        "New Year's Day",
        "Nowy Rok",
        PL_LAW
    ),
    rule!(
        PL,
        Fixed(1, 6),
        2011,
        MAX,
        true,
        "Epiphany",
        "Święto Trzech Króli",
        PL_2010
    ),
    rule!(
        PL,
        Easter(0),
        MIN,
        MAX,
        true,
        "Easter Sunday",
        "Wielkanoc",
        PL_LAW
    ),
    rule!(
        PL,
        Easter(1),
        MIN,
        MAX,
        true,
        "Easter Monday",
        "Poniedziałek Wielkanocny",
        PL_LAW
    ),
    rule!(
        PL,
        Fixed(5, 1),
        MIN,
        MAX,
        true,
        "Labour Day",
        "Święto Pracy",
        PL_LAW
    ),
    rule!(
        PL,
        Fixed(5, 3),
        1990,
        MAX,
        true,
        "Constitution Day",
        "Święto Narodowe Trzeciego Maja",
        PL_LAW
    ),
    rule!(
        PL,
        Easter(49),
        MIN,
        MAX,
        true,
        "Pentecost Sunday",
        "Zielone Świątki",
        PL_LAW
    ),
    rule!(
        PL,
        Easter(60),
        MIN,
        MAX,
        true,
        "Corpus Christi",
        "Boże Ciało",
        PL_LAW
    ),
    rule!(
        PL,
        Fixed(8, 15),
        1989,
        MAX,
        true,
        "Assumption of Mary",
        "Wniebowzięcie Najświętszej Maryi Panny",
        PL_LAW
    ),
    rule!(
        PL,
        Fixed(11, 1),
        MIN,
        MAX,
        true,
        "All Saints' Day",
        "Wszystkich Świętych",
        PL_LAW
    ),
    rule!(
        PL,
        Fixed(11, 11),
        1989,
        MAX,
        true,
        "National Independence Day",
        "Narodowe Święto Niepodległości",
        PL_LAW
    ),
    rule!(
        PL,
        Fixed(12, 24),
        2025,
        MAX,
        true,
        "Christmas Eve",
        "Wigilia Bożego Narodzenia",
        PL_2024
    ),
    rule!(
        PL,
        Fixed(12, 25),
        MIN,
        MAX,
        true,
        "Christmas Day",
        "Boże Narodzenie (pierwszy dzień)",
        PL_LAW
    ),
    rule!(
        PL,
        Fixed(12, 26),
        MIN,
        MAX,
        true,
        "Second Day of Christmas",
        "Boże Narodzenie (drugi dzień)",
        PL_LAW
    ),
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

fn easter(year: i16) -> Option<Date> {
    let e = computus::gregorian(i32::from(year)).ok()?;
    Date::new(year, i8::try_from(e.month).ok()?, i8::try_from(e.day).ok()?).ok()
}

/// Every holiday of `country` in `year`, days off and working holidays, by date.
///
/// ```
/// use podpora_calendar::{Country, holidays};
/// let sk = holidays(Country::SK, 2026);
/// let may8 = sk.iter().find(|h| h.date == jiff::civil::date(2026, 5, 8)).unwrap();
/// assert!(!may8.day_off); // 8 May is a working day in Slovakia in 2026 only
/// ```
pub fn holidays(country: Country, year: i16) -> Vec<Holiday> {
    let easter = easter(year);
    let mut out: Vec<Holiday> = RULES
        .iter()
        .filter(|r| r.country == country && (r.from..=r.to).contains(&year))
        .filter_map(|r| {
            let date = match r.when {
                Fixed(m, d) => Date::new(year, m, d).ok()?,
                Easter(off) => easter?.checked_add(jiff::Span::new().days(off)).ok()?,
            };
            Some(Holiday {
                date,
                name_en: r.name_en,
                name_local: r.name_local,
                day_off: r.day_off,
                source: r.source,
            })
        })
        .collect();
    out.sort_by_key(|h| h.date);
    out
}

/// The days off of `country` in `year`.
pub fn days_off(country: Country, year: i16) -> Vec<Holiday> {
    holidays(country, year)
        .into_iter()
        .filter(|h| h.day_off)
        .collect()
}

/// Whether `date` is a public day off in `country`.
pub fn is_day_off(country: Country, date: Date) -> bool {
    holidays(country, date.year())
        .iter()
        .any(|h| h.day_off && h.date == date)
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
        assert!(RULES.iter().all(|r| !r.source.is_empty() && r.from <= r.to));
    }
}
