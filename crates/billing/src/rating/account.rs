//! What a customer has left to draw on: the plan's included minutes used per month, and
//! prepaid packages.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

/// A calendar month in the customer's time zone, the period of included minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct YearMonth {
    /// The year, e.g. 2026.
    pub year: i16,
    /// The month, 1–12.
    pub month: i8,
}

impl YearMonth {
    /// The month an instant falls in, in a time zone.
    ///
    /// ```
    /// use jiff::{Timestamp, tz::TimeZone};
    /// use podpora_billing::YearMonth;
    /// let tz = TimeZone::get("Europe/Bratislava")?;
    /// // 23:30 UTC on 30 November is already 1 December in Bratislava
    /// let t: Timestamp = "2026-11-30T23:30:00Z".parse()?;
    /// assert_eq!(YearMonth::of(t, &tz), YearMonth { year: 2026, month: 12 });
    /// # Ok::<(), jiff::Error>(())
    /// ```
    pub fn of(instant: Timestamp, tz: &TimeZone) -> Self {
        let dt = tz.to_datetime(instant);
        Self {
            year: dt.year(),
            month: dt.month(),
        }
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Which allowance of a plan a kind of work draws on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pool {
    /// Remote administration and phone help (`remote_minutes_per_month`).
    Remote,
    /// Work on site (`work_minutes_per_month`).
    Work,
}

/// Included minutes already used in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthUsage {
    /// The month.
    pub month: YearMonth,
    /// Remote minutes used.
    pub remote: u64,
    /// On-site minutes used.
    pub work: u64,
}

/// Included minutes used, per month; a month not listed has used none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quota {
    months: Vec<MonthUsage>,
}

impl Quota {
    /// Nothing used in any month.
    pub fn new() -> Self {
        Self::default()
    }

    /// The usage of each month as loaded from storage.
    pub fn from_months(months: impl IntoIterator<Item = MonthUsage>) -> Self {
        let mut q = Self::new();
        for m in months {
            q.add(m.month, Pool::Remote, m.remote);
            q.add(m.month, Pool::Work, m.work);
        }
        q
    }

    /// Minutes of a pool used in a month.
    pub fn used(&self, month: YearMonth, pool: Pool) -> u64 {
        self.months
            .iter()
            .find(|m| m.month == month)
            .map_or(0, |m| match pool {
                Pool::Remote => m.remote,
                Pool::Work => m.work,
            })
    }

    /// Every month with some usage, oldest first.
    pub fn months(&self) -> &[MonthUsage] {
        &self.months
    }

    pub(crate) fn add(&mut self, month: YearMonth, pool: Pool, minutes: u64) {
        let i = match self.months.binary_search_by_key(&month, |m| m.month) {
            Ok(i) => i,
            Err(i) => {
                self.months.insert(
                    i,
                    MonthUsage {
                        month,
                        remote: 0,
                        work: 0,
                    },
                );
                i
            }
        };
        let slot = match pool {
            Pool::Remote => &mut self.months[i].remote,
            Pool::Work => &mut self.months[i].work,
        };
        *slot = slot.saturating_add(minutes);
    }
}

/// A bought package of prepaid minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrepaidPackage {
    /// Minutes left.
    pub minutes: u64,
    /// The package can pay for interventions that start before this instant.
    pub expires_at: Timestamp,
}

/// What a customer can draw on; [`rate_intervention`](crate::rate_intervention) updates it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Included minutes already used.
    pub quota: Quota,
    /// Prepaid packages; drawn earliest expiry first.
    pub prepaid: Vec<PrepaidPackage>,
}

impl Account {
    /// Prepaid minutes left that can still pay for an intervention starting at `at`.
    pub fn prepaid_left(&self, at: Timestamp) -> u64 {
        self.prepaid
            .iter()
            .filter(|p| at < p.expires_at)
            .map(|p| p.minutes)
            .fold(0, u64::saturating_add)
    }
}
