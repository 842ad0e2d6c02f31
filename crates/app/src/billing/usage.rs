//! A customer's month: included minutes used and left per pool (restarting each month in the
//! customer's time zone), prepaid minutes left, and what was billed; and the count of billed
//! interventions behind the upsell signal.

use super::replay::{CustomerBook, Rated, interventions};
use super::*;
use crate::now_ms;
use jiff::Timestamp;
use podpora_billing::{Account, Pool, YearMonth};
use podpora_core::plan::Money;
use serde::Serialize;

/// Included minutes of one pool in a month.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PoolUsage {
    /// `remote` (remote and phone work) or `work` (on site).
    pub pool: String,
    /// Minutes the plan includes each month.
    pub included: u64,
    /// Minutes used this month.
    pub used: u64,
    /// Minutes left this month.
    pub left: u64,
}

/// An organization's month.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MonthUsage {
    /// The organization.
    pub organization_id: i64,
    /// The month, `YYYY-MM`, in `time_zone`.
    pub month: String,
    /// The customer's time zone, in which months start.
    pub time_zone: String,
    /// Whether a plan was running (on the month's last day, or today).
    pub under_plan: bool,
    /// Included minutes per pool (empty without a plan).
    pub included: Vec<PoolUsage>,
    /// Prepaid minutes left (at the month's end, or now).
    pub prepaid_minutes_left: u64,
    /// True when a quarter or less of the live packages' minutes is left: time to tell the
    /// customer.
    pub prepaid_low: bool,
    /// Interventions started in the month.
    pub interventions: u32,
    /// Of them, those with anything billed.
    pub interventions_billed: u32,
    /// Billed in the month, excluding VAT.
    pub billed_net: Money,
    /// Interventions the price list could not rate (a rate missing), not billed.
    pub unrated: u32,
    /// Interventions held for want of an accepted offer of paid work, not billed.
    pub held: u32,
}

/// Every organization's month.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AllUsage {
    /// The month.
    pub month: String,
    /// One entry per organization, by id.
    pub organizations: Vec<MonthUsage>,
}

pub(super) fn parse_month(s: &str) -> Result<YearMonth> {
    let bad = || AppError::field("month", format!("{s:?} is not a month such as 2026-11"));
    let (y, m) = s.trim().split_once('-').ok_or_else(bad)?;
    let year: i16 = y.parse().map_err(|_| bad())?;
    let month: i8 = m.parse().map_err(|_| bad())?;
    if !(2000..=2999).contains(&year) || !(1..=12).contains(&month) || m.len() != 2 {
        return Err(bad());
    }
    Ok(YearMonth { year, month })
}

/// The month's first instant and the next month's, in a zone.
pub(super) fn bounds(m: YearMonth, zone: &jiff::tz::TimeZone) -> (Timestamp, Timestamp) {
    let first = jiff::civil::date(m.year, m.month, 1);
    let next = first
        .checked_add(jiff::Span::new().months(1))
        .unwrap_or(first);
    let at = |d: jiff::civil::Date| {
        d.to_zoned(zone.clone())
            .map(|z| z.timestamp())
            .unwrap_or(Timestamp::UNIX_EPOCH)
    };
    (at(first), at(next))
}

/// One month of a customer from its replayed interventions.
#[allow(clippy::too_many_arguments)]
fn summarize(
    organization_id: i64,
    list: &PriceListRow,
    agreed: &std::collections::HashSet<i64>,
    book: &CustomerBook,
    rated: &[Rated],
    account: &Account,
    month: YearMonth,
    now: Timestamp,
    currency: podpora_billing::Currency,
) -> MonthUsage {
    let (start, end) = bounds(month, &book.zone);
    let at = if now < end { now.max(start) } else { end };
    let last_day = book
        .zone
        .to_datetime(
            at.checked_sub(jiff::SignedDuration::from_millis(1))
                .unwrap_or(at),
        )
        .date();
    let plan = book.plan_on(last_day);
    let included = plan
        .map(|p| {
            [
                (Pool::Remote, "remote", p.remote_minutes_per_month),
                (Pool::Work, "work", p.work_minutes_per_month),
            ]
            .into_iter()
            .filter(|(_, _, inc)| *inc > 0)
            .map(|(pool, name, inc)| {
                let used = account.quota.used(month, pool);
                PoolUsage {
                    pool: name.into(),
                    included: u64::from(inc),
                    used,
                    left: u64::from(inc).saturating_sub(used),
                }
            })
            .collect()
        })
        .unwrap_or_default();
    let left = account.prepaid_left(at);
    let live: u64 = book
        .prepaid
        .iter()
        .filter(|(bought, p)| *bought <= at && at < p.expires_at)
        .map(|(_, p)| p.minutes)
        .sum();
    let mut billed = podpora_billing::Money::zero(currency);
    let (mut n, mut n_billed, mut unrated, mut n_held) = (0, 0, 0, 0);
    for r in rated
        .iter()
        .filter(|r| r.intervention.start >= start && r.intervention.start < end)
    {
        n += 1;
        if held(list, r, agreed) {
            n_held += 1;
            continue;
        }
        match &r.rating {
            Ok(rt) if !rt.net.is_zero() => {
                n_billed += 1;
                billed = billed.checked_add(rt.net).unwrap_or(billed);
            }
            Ok(_) => {}
            Err(_) => unrated += 1,
        }
    }
    MonthUsage {
        organization_id,
        month: month.to_string(),
        time_zone: book.zone.iana_name().unwrap_or("UTC").to_string(),
        under_plan: plan.is_some(),
        included,
        prepaid_minutes_left: left,
        prepaid_low: live > 0 && left.saturating_mul(4) <= live,
        interventions: n,
        interventions_billed: n_billed,
        billed_net: money(billed),
        unrated,
        held: n_held,
    }
}

fn this_month(zone: &jiff::tz::TimeZone) -> YearMonth {
    YearMonth::of(
        Timestamp::from_millisecond(now_ms()).unwrap_or(Timestamp::UNIX_EPOCH),
        zone,
    )
}

/// An organization's month (`YYYY-MM`; the current month when absent): staff, and the
/// organization itself.
pub async fn month_usage(
    db: &podpora_store::Db,
    actor: &Actor,
    organization_id: i64,
    month: Option<&str>,
) -> Result<MonthUsage> {
    require_money_reader(actor, organization_id)?;
    let mut tx = db.read().await?;
    let (list_row, list) = default_list(&mut tx).await?;
    let book = load_book(&mut tx, organization_id, &list).await?;
    let agreed = repo::billing::agreed_tickets(&mut tx, Some(organization_id))
        .await?
        .into_iter()
        .collect();
    let month = match month {
        Some(m) => parse_month(m)?,
        None => this_month(&book.zone),
    };
    let (_, end) = bounds(month, &book.zone);
    let rows =
        repo::billing::billable_entries_of_org(&mut tx, organization_id, end.as_millisecond())
            .await?;
    drop(tx);
    let (rated, account) = book.replay(interventions(&rows));
    let now = Timestamp::from_millisecond(now_ms()).unwrap_or(Timestamp::UNIX_EPOCH);
    Ok(summarize(
        organization_id,
        &list_row,
        &agreed,
        &book,
        &rated,
        &account,
        month,
        now,
        list.currency,
    ))
}

/// Every organization's month (staff): the whole book in a few statements, rated in memory.
pub async fn month_usage_all(
    db: &podpora_store::Db,
    actor: &Actor,
    month: &str,
) -> Result<AllUsage> {
    actor.require(Permission::ReadCustomers)?;
    let month = parse_month(month)?;
    let mut tx = db.read().await?;
    let (list_row, list) = default_list(&mut tx).await?;
    let agreed = repo::billing::agreed_tickets(&mut tx, None)
        .await?
        .into_iter()
        .collect();
    let orgs = repo::billing::rated_orgs(&mut tx).await?;
    let plans = repo::plans::list_plans(&mut tx).await?;
    let contracts = repo::billing::org_contracts_all(&mut tx).await?;
    let packages = repo::billing::prepaid_all(&mut tx).await?;
    // The latest month end of any zone bounds what is read.
    let until = ["SK", "CZ", "PL"]
        .iter()
        .map(|c| bounds(month, &zone_of_country(c)).1.as_millisecond())
        .max()
        .unwrap_or(i64::MAX);
    let rows = repo::billing::billable_entries_all(&mut tx, until).await?;
    drop(tx);
    let now = Timestamp::from_millisecond(now_ms()).unwrap_or(Timestamp::UNIX_EPOCH);
    let mut out = Vec::with_capacity(orgs.len());
    let (mut ci, mut pi, mut ri) = (0, 0, 0);
    for org in orgs {
        // Every list is ordered by organization id, as `orgs` is: walk them together.
        let take = |i: &mut usize, len: usize, key: &dyn Fn(usize) -> i64| {
            while *i < len && key(*i) < org.id {
                *i += 1;
            }
            let from = *i;
            while *i < len && key(*i) == org.id {
                *i += 1;
            }
            from..*i
        };
        let cs = take(&mut ci, contracts.len(), &|i| contracts[i].organization_id);
        let ps = take(&mut pi, packages.len(), &|i| packages[i].organization_id);
        let rs = take(&mut ri, rows.len(), &|i| rows[i].organization_id);
        let zone = zone_of_country(&org.country);
        let (_, end) = bounds(month, &zone);
        let book = CustomerBook {
            price_list: list.clone(),
            level: org.price_level,
            zone,
            plans: contracts[cs]
                .iter()
                .filter_map(|c| plan_period(c, &plans))
                .collect(),
            prepaid: packages[ps].iter().filter_map(package).collect(),
        };
        let mine: Vec<_> = rows[rs]
            .iter()
            .filter(|r| r.started_at < end.as_millisecond())
            .cloned()
            .collect();
        let (rated, account) = book.replay(interventions(&mine));
        out.push(summarize(
            org.id,
            &list_row,
            &agreed,
            &book,
            &rated,
            &account,
            month,
            now,
            list.currency,
        ));
    }
    Ok(AllUsage {
        month: month.to_string(),
        organizations: out,
    })
}

/// Interventions of an organization started at or after `since` (epoch ms) with anything
/// billed; 0 without a price list.
pub async fn billed_interventions_since(
    tx: &mut Tx<'_>,
    organization_id: i64,
    since: i64,
) -> Result<usize> {
    let Some(row) = repo::billing::default_price_list(tx).await? else {
        return Ok(0);
    };
    let Ok(list) = PriceList::from_toml(&row.body) else {
        return Ok(0);
    };
    let book = load_book(tx, organization_id, &list).await?;
    let agreed = repo::billing::agreed_tickets(tx, Some(organization_id))
        .await?
        .into_iter()
        .collect();
    let rows = repo::billing::billable_entries_of_org(tx, organization_id, i64::MAX).await?;
    let (rated, _) = book.replay(interventions(&rows));
    Ok(rated
        .iter()
        .filter(|r| r.intervention.start.as_millisecond() >= since)
        .filter(|r| !held(&row, r, &agreed))
        .filter(|r| r.rating.as_ref().is_ok_and(|rt| !rt.net.is_zero()))
        .count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_and_end_at_the_customers_midnight() {
        assert!(parse_month("2026-13").is_err());
        assert!(parse_month("2026-1").is_err());
        assert!(parse_month("nov").is_err());
        let m = parse_month("2026-11").unwrap();
        let (s, e) = bounds(m, &zone_of_country("SK"));
        assert_eq!(s.to_string(), "2026-10-31T23:00:00Z");
        assert_eq!(e.to_string(), "2026-11-30T23:00:00Z");
    }
}
