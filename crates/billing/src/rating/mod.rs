//! Rating: one intervention's time entries → charge lines, and what was drawn from the plan
//! and the prepaid minutes. See the crate docs for the order of the steps and the edge cases.

mod account;
#[cfg(test)]
mod examples;
#[cfg(test)]
mod props;

pub use account::{Account, MonthUsage, Pool, PrepaidPackage, Quota, YearMonth};

use crate::money::{Money, MoneyError};
use crate::price_list::{Fee, FreeMinutes, PriceList, Terms, TimeRate, WorkKind};
use crate::vat::{VatError, VatRate, VatTotals, vat_totals};
use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

/// One time entry of an intervention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeEntry {
    /// The kind of work.
    pub kind: WorkKind,
    /// Minutes worked.
    pub minutes: u32,
    /// When the work started; decides the month of included minutes.
    pub start: Timestamp,
}

impl TimeEntry {
    /// An entry whose start is stored as milliseconds since the Unix epoch, as storage keeps it.
    ///
    /// ```
    /// use podpora_billing::{RatingError, TimeEntry, WorkKind};
    /// let e = TimeEntry::from_epoch_ms(WorkKind::Remote, 47, 1_794_300_000_000)?;
    /// assert_eq!(e.start.to_string(), "2026-11-10T08:40:00Z");
    /// assert_eq!(
    ///     TimeEntry::from_epoch_ms(WorkKind::Remote, 47, i64::MAX),
    ///     Err(RatingError::BadInstant(i64::MAX))
    /// );
    /// # Ok::<(), RatingError>(())
    /// ```
    pub fn from_epoch_ms(kind: WorkKind, minutes: u32, start_ms: i64) -> Result<Self, RatingError> {
        let start =
            Timestamp::from_millisecond(start_ms).map_err(|_| RatingError::BadInstant(start_ms))?;
        Ok(Self {
            kind,
            minutes,
            start,
        })
    }
}

/// The terms of a customer's plan that rating reads (names as in the plans' catalogue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTerms {
    /// Remote and phone minutes included each month.
    pub remote_minutes_per_month: u32,
    /// On-site minutes included each month.
    pub work_minutes_per_month: u32,
    /// Discount on time (not travel), in percent.
    pub discount_hours_percent: u8,
    /// Discount on visits and travel time, in percent.
    pub discount_trips_percent: u8,
    /// Whether visits and travel time are charged; when not, the plan covers them.
    pub travel_billed: bool,
}

impl Default for PlanTerms {
    fn default() -> Self {
        Self {
            remote_minutes_per_month: 0,
            work_minutes_per_month: 0,
            discount_hours_percent: 0,
            discount_trips_percent: 0,
            travel_billed: true,
        }
    }
}

/// Who is rated: the price list, the customer's price level and terms, plan and time zone.
#[derive(Debug, Clone, Copy)]
pub struct Customer<'a> {
    /// The supplier's price list.
    pub price_list: &'a PriceList,
    /// The customer's price level, if the price list distinguishes levels.
    pub level: Option<&'a str>,
    /// Contract or one-off.
    pub terms: Terms,
    /// The plan, if the customer has one.
    pub plan: Option<PlanTerms>,
    /// The customer's time zone: months of included minutes start at its midnight
    /// (`TimeZone::get` reads jiff's bundled database, the same on every node).
    pub time_zone: &'a TimeZone,
}

/// What a charge line is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    /// Time of a kind of work.
    Time(WorkKind),
    /// A flat fee.
    Fee(Fee),
}

/// How much of an item a line charges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// Charged minutes; the line's rate is per hour.
    Minutes(u64),
    /// Pieces; the line's rate is per piece.
    Pieces(u32),
}

/// One charge line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChargeLine {
    /// What it charges.
    pub item: Item,
    /// Minutes worked and not covered, before rounding (0 for fees).
    pub worked_minutes: u64,
    /// What is charged: minutes after rounding, the minimum and prepaid minutes, or pieces.
    pub quantity: Quantity,
    /// Price per hour (time) or per piece (fees).
    pub rate: Money,
    /// `quantity × rate`, rounded half up to the cent.
    pub gross: Money,
    /// The plan's discount in percent.
    pub discount_percent: u8,
    /// `gross × discount`, rounded half up to the cent.
    pub discount: Money,
    /// `gross − discount`.
    pub net: Money,
}

/// Why minutes were not charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// The rate's free minutes.
    Free,
    /// The plan's included minutes of a month.
    Included(YearMonth),
    /// A prepaid package (its index in [`Account::prepaid`]); these are charged minutes, after rounding.
    Prepaid(usize),
    /// The plan covers travel.
    Plan,
}

/// Minutes of a kind not charged, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Covered {
    /// The kind of work.
    pub kind: WorkKind,
    /// Minutes.
    pub minutes: u64,
    /// Why.
    pub by: Coverage,
}

/// The result of rating one intervention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// Charge lines: the visit first, then time by kind (on site, remote, phone, training, travel).
    pub lines: Vec<ChargeLine>,
    /// Minutes not charged, and why.
    pub covered: Vec<Covered>,
    /// The sum of the lines' nets.
    pub net: Money,
}

impl Rating {
    /// Net, VAT and total, every line at one rate.
    pub fn totals(&self, rate: VatRate) -> Result<VatTotals, VatError> {
        vat_totals(
            self.net.currency(),
            self.lines.iter().map(|l| (l.net, rate)),
        )
    }

    /// Minutes of a kind covered in a given way.
    pub fn covered_minutes(&self, kind: WorkKind, by: impl Fn(Coverage) -> bool) -> u64 {
        self.covered
            .iter()
            .filter(|c| c.kind == kind && by(c.by))
            .map(|c| c.minutes)
            .sum()
    }
}

/// What rating can refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RatingError {
    /// Time of a kind is to be charged but the price list has no rate for the customer.
    #[error(
        "the price list has no {} rate for this customer: add a [[rates]] entry with kind = {:?}",
        .0.as_str(), .0.as_str()
    )]
    NoRate(WorkKind),
    /// A visit is to be charged but the price list has no visit fee for the customer.
    #[error(
        "the price list has no visit fee for this customer: add a [[fees]] entry with fee = \"visit\""
    )]
    NoFee(Fee),
    /// An amount went out of range.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// A start instant is outside the years jiff represents (-9999 to 9999).
    #[error("{0} ms since the epoch is not an instant between the years -9999 and 9999")]
    BadInstant(i64),
}

const KINDS: usize = WorkKind::ALL.len();

fn slot(kind: WorkKind) -> usize {
    match kind {
        WorkKind::OnSite => 0,
        WorkKind::Remote => 1,
        WorkKind::Phone => 2,
        WorkKind::Training => 3,
        WorkKind::Travel => 4,
    }
}

/// The allowance a kind of work draws on, if any.
pub const fn pool_of(kind: WorkKind) -> Option<Pool> {
    match kind {
        WorkKind::Remote | WorkKind::Phone => Some(Pool::Remote),
        WorkKind::OnSite => Some(Pool::Work),
        WorkKind::Travel | WorkKind::Training => None,
    }
}

fn push_covered(out: &mut Vec<Covered>, kind: WorkKind, minutes: u64, by: Coverage) {
    if minutes == 0 {
        return;
    }
    match out.iter_mut().find(|c| c.kind == kind && c.by == by) {
        Some(c) => c.minutes = c.minutes.saturating_add(minutes),
        None => out.push(Covered { kind, minutes, by }),
    }
}

fn line(
    item: Item,
    worked_minutes: u64,
    quantity: Quantity,
    rate: Money,
    discount_percent: u8,
) -> Result<ChargeLine, MoneyError> {
    let gross = match quantity {
        Quantity::Minutes(m) => rate.for_minutes(m)?,
        Quantity::Pieces(n) => rate.times(n)?,
    };
    // A plan's percentage above 100 would make the net negative: a discount is at most all.
    let discount_percent = discount_percent.min(100);
    let discount = gross.percent(u32::from(discount_percent) * 100)?;
    Ok(ChargeLine {
        item,
        worked_minutes,
        quantity,
        rate,
        gross,
        discount_percent,
        discount,
        net: gross.checked_sub(discount)?,
    })
}

/// Rates one intervention: its time entries and visits, for a customer, drawing on `account`.
///
/// On success `account` holds what is left (included minutes used, prepaid minutes); on an
/// error it is unchanged. The steps, in order, are in the crate docs.
pub fn rate_intervention(
    customer: &Customer<'_>,
    entries: &[TimeEntry],
    visits: u32,
    account: &mut Account,
) -> Result<Rating, RatingError> {
    let list = customer.price_list;
    let plan = customer.plan.unwrap_or_default();
    let has_plan = customer.plan.is_some();
    let travel_covered = has_plan && !plan.travel_billed;
    let rate_of = |k: WorkKind| list.time_rate(k, customer.level, customer.terms);

    let mut total = [0u64; KINDS];
    for e in entries {
        let t = &mut total[slot(e.kind)];
        *t = t.saturating_add(u64::from(e.minutes));
    }
    let rates: [Option<&TimeRate>; KINDS] =
        WorkKind::ALL.map(|k| if total[slot(k)] > 0 { rate_of(k) } else { None });
    let mut covered = Vec::new();
    // Step 1: free minutes of the rate, on the whole intervention of each kind.
    let mut free_left = [0u64; KINDS];
    let mut skip = [false; KINDS];
    for k in WorkKind::ALL {
        let i = slot(k);
        if total[i] == 0 {
            continue;
        }
        if k == WorkKind::Travel && travel_covered {
            push_covered(&mut covered, k, total[i], Coverage::Plan);
            skip[i] = true;
            continue;
        }
        match rates[i].map(|r| r.free) {
            Some(FreeMinutes::UpTo(n)) if total[i] <= u64::from(n) => {
                push_covered(&mut covered, k, total[i], Coverage::Free);
                skip[i] = true;
            }
            Some(FreeMinutes::First(n)) => free_left[i] = u64::from(n),
            _ => {}
        }
    }
    // Step 2: included minutes, entry by entry in time order, each in the month it started.
    let mut order: Vec<&TimeEntry> = entries.iter().collect();
    order.sort_by_key(|e| e.start);
    let mut quota = account.quota.clone();
    let mut uncovered = [0u64; KINDS];
    for e in order {
        let i = slot(e.kind);
        if skip[i] {
            continue;
        }
        let mut m = u64::from(e.minutes);
        let free = m.min(free_left[i]);
        free_left[i] -= free;
        m -= free;
        push_covered(&mut covered, e.kind, free, Coverage::Free);
        if let (Some(pool), true) = (pool_of(e.kind), m > 0 && has_plan) {
            let month = YearMonth::of(e.start, customer.time_zone);
            let allowance = u64::from(match pool {
                Pool::Remote => plan.remote_minutes_per_month,
                Pool::Work => plan.work_minutes_per_month,
            });
            let take = m.min(allowance.saturating_sub(quota.used(month, pool)));
            quota.add(month, pool, take);
            m -= take;
            push_covered(&mut covered, e.kind, take, Coverage::Included(month));
        }
        uncovered[i] = uncovered[i].saturating_add(m);
    }
    // Steps 3–5: rounding and minimum, prepaid minutes, rate, discount.
    let start = entries.iter().map(|e| e.start).min();
    let mut prepaid = account.prepaid.clone();
    let mut by_expiry: Vec<usize> = (0..prepaid.len()).collect();
    by_expiry.sort_by_key(|&p| prepaid[p].expires_at);
    let mut lines = Vec::new();
    if visits > 0 {
        if travel_covered {
            // A visit is travel: the plan that covers travel covers the visit fee too.
        } else {
            let fee = list
                .fee(Fee::Visit, customer.level, customer.terms)
                .ok_or(RatingError::NoFee(Fee::Visit))?;
            let pct = if has_plan {
                plan.discount_trips_percent
            } else {
                0
            };
            lines.push(line(
                Item::Fee(Fee::Visit),
                0,
                Quantity::Pieces(visits),
                fee,
                pct,
            )?);
        }
    }
    for k in WorkKind::ALL {
        let i = slot(k);
        if uncovered[i] == 0 {
            continue;
        }
        let rate = rates[i].ok_or(RatingError::NoRate(k))?;
        let mut charged = rate.charged_minutes(uncovered[i]);
        if k != WorkKind::Travel
            && let Some(start) = start
        {
            for &p in &by_expiry {
                let pkg = &mut prepaid[p];
                if start >= pkg.expires_at || charged == 0 {
                    continue;
                }
                let take = charged.min(pkg.minutes);
                pkg.minutes -= take;
                charged -= take;
                push_covered(&mut covered, k, take, Coverage::Prepaid(p));
            }
        }
        if charged == 0 {
            continue;
        }
        let pct = match (has_plan, k) {
            (false, _) => 0,
            (true, WorkKind::Travel) => plan.discount_trips_percent,
            (true, _) => plan.discount_hours_percent,
        };
        lines.push(line(
            Item::Time(k),
            uncovered[i],
            Quantity::Minutes(charged),
            rate.per_hour,
            pct,
        )?);
    }
    let mut net = Money::zero(list.currency);
    for l in &lines {
        net = net.checked_add(l.net)?;
    }
    account.quota = quota;
    account.prepaid = prepaid;
    Ok(Rating {
        lines,
        covered,
        net,
    })
}
