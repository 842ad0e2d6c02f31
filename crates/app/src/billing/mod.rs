//! Service time and what it costs (issue 15): time entries on tickets, the supplier's price
//! lists, prepaid minute packages, the charge preview of a ticket and a customer's month.
//!
//! The rating itself is the pure `podpora-billing` crate; this module loads what it reads and
//! replays a customer's interventions in the order they happened ([`replay`]), so included and
//! prepaid minutes are drawn by earlier work first.
//!
//! Who may do what: technicians, dispatchers and administrators record time; the billing role
//! reads every entry and edits those not yet invoiced (so do dispatchers, administrators and
//! the entry's author); customers never see entries, only the charges of their own
//! organization's tickets and their month's usage. Nobody changes an invoiced entry.
//!
//! Under a price list with `agreement_required`, billable work of a customer without a
//! plan on a ticket without an accepted offer is *held*: rated and shown, but not billed.

use crate::{Actor, AppError, Result, error::NotFoundAs};
use podpora_billing::{PlanTerms, PrepaidPackage, PriceList, VatCountry};
use podpora_core::auth::{Permission, Role};
use podpora_store::{Tx, repo, repo::billing::PriceListRow};

mod agreements;
mod charges;
mod entries;
pub(crate) mod month_charges;
mod offer_links;
mod prepaid;
pub mod price_lists;
pub mod replay;
mod usage;

pub use agreements::{
    AcceptAgreement, Agreement, NewAgreement, accept_agreement, list_agreements, offer_agreement,
};
pub use charges::{ChargeLineView, CoveredView, InterventionCharge, TicketCharges, ticket_charges};
pub use entries::{
    NewTimeEntry, TimeEntry, TimeEntryPatch, edit_entry, list_entries, record_entry,
};
pub use offer_links::{DeadLink, LinkedOffer, OFFER_LINK_VALID_MS, accept_by_link, offer_by_link};
pub use prepaid::{NewPrepaid, Prepaid, add_prepaid, list_prepaid};
pub use price_lists::{
    PriceListInput, PriceListView, get_price_list, list_price_lists, put_price_list, visit_fee,
};
pub use usage::{
    AllUsage, MonthUsage, PoolUsage, billed_interventions_since, month_usage, month_usage_all,
};

fn agent_has(actor: &Actor, roles: &[Role]) -> bool {
    match actor {
        Actor::Agent(a) => a.roles.iter().any(|r| roles.contains(r)),
        Actor::Cli | Actor::System => true,
        _ => false,
    }
}

/// Staff who record time: technicians, dispatchers, administrators.
fn require_recorder(actor: &Actor) -> Result<()> {
    if agent_has(actor, &[Role::Technician, Role::Dispatcher, Role::Admin]) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "only technicians, dispatchers and administrators record service time".into(),
        ))
    }
}

/// Staff who manage money: the billing role and administrators.
fn require_billing(actor: &Actor) -> Result<()> {
    if agent_has(actor, &[Role::Billing, Role::Admin]) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "only the billing role and administrators manage prepaid packages and price lists"
                .into(),
        ))
    }
}

/// Staff who read every customer's money; a customer (portal or key) only its own.
fn require_money_reader(actor: &Actor, organization_id: i64) -> Result<()> {
    match actor.organization_scope() {
        Some(org) if org == organization_id => Ok(()),
        Some(_) => Err(AppError::Forbidden(format!(
            "organization {organization_id} is not yours"
        ))),
        None if actor.is_customer() => Err(AppError::Forbidden(
            "a contact without an organization has no usage".into(),
        )),
        None => actor.require(Permission::ReadCustomers),
    }
}

/// The zone a customer's months start in, by its country.
pub fn zone_of_country(country: &str) -> jiff::tz::TimeZone {
    let name = match country.trim().to_ascii_uppercase().as_str() {
        "CZ" => "Europe/Prague",
        "PL" => "Europe/Warsaw",
        _ => "Europe/Bratislava",
    };
    jiff::tz::TimeZone::get(name).unwrap_or(jiff::tz::TimeZone::UTC)
}

/// A VAT country from its code.
pub(crate) fn vat_country(code: &str) -> Option<VatCountry> {
    match code {
        "SK" => Some(VatCountry::SK),
        "CZ" => Some(VatCountry::CZ),
        "PL" => Some(VatCountry::PL),
        _ => None,
    }
}

/// The default price list, read; a clear error when there is none.
async fn default_list(tx: &mut Tx<'_>) -> Result<(PriceListRow, PriceList)> {
    let row = repo::billing::default_price_list(tx).await?.ok_or_else(|| {
        AppError::Conflict(
            "no price list is set up: load one with PUT /api/v1/price-lists/{code} or a [[price_lists]] section of the catalogue"
                .into(),
        )
    })?;
    let list = PriceList::from_toml(&row.body)
        .map_err(|e| AppError::Conflict(format!("the stored price list {}: {e}", row.code)))?;
    Ok((row, list))
}

/// Whether a rated intervention is held for want of an accepted offer.
pub(crate) fn held(
    list: &PriceListRow,
    r: &replay::Rated,
    agreed: &std::collections::HashSet<i64>,
) -> bool {
    list.agreement_required
        && !r.under_plan
        && !agreed.contains(&r.intervention.ticket_id)
        && r.rating.as_ref().is_ok_and(|rt| !rt.net.is_zero())
}

fn plan_terms(p: &repo::plans::PlanRow) -> PlanTerms {
    PlanTerms {
        remote_minutes_per_month: u32::try_from(p.remote_minutes_per_month).unwrap_or(0),
        work_minutes_per_month: u32::try_from(p.work_minutes_per_month).unwrap_or(0),
        discount_hours_percent: u8::try_from(p.discount_hours_percent).unwrap_or(0),
        discount_trips_percent: u8::try_from(p.discount_trips_percent).unwrap_or(0),
        // Plans do not yet say whether they cover travel; every seed bills it.
        travel_billed: true,
    }
}

fn plan_period(
    c: &repo::plans::ContractRow,
    plans: &[repo::plans::PlanRow],
) -> Option<replay::PlanPeriod> {
    let p = plans.iter().find(|p| p.id == c.plan_id)?;
    Some(replay::PlanPeriod {
        starts_on: c.starts_on.parse().ok()?,
        ends_on: c.ends_on.as_deref().and_then(|d| d.parse().ok()),
        terms: plan_terms(p),
    })
}

fn package(p: &repo::billing::PrepaidRow) -> Option<(jiff::Timestamp, PrepaidPackage)> {
    Some((
        jiff::Timestamp::from_millisecond(p.bought_at).ok()?,
        PrepaidPackage {
            minutes: u64::try_from(p.minutes).ok()?,
            expires_at: jiff::Timestamp::from_millisecond(p.expires_at).ok()?,
        },
    ))
}

/// One customer's book: price list, level, zone, plans and packages.
async fn load_book(
    tx: &mut Tx<'_>,
    organization_id: i64,
    list: &PriceList,
) -> Result<replay::CustomerBook> {
    let org = repo::billing::rated_org(tx, organization_id)
        .await
        .not_found(|| format!("organization {organization_id}"))?;
    let plans = repo::plans::list_plans(tx).await?;
    let contracts = repo::plans::contracts_of(tx, organization_id).await?;
    let prepaid = repo::billing::prepaid_of_org(tx, organization_id).await?;
    Ok(replay::CustomerBook {
        price_list: list.clone(),
        level: org.price_level,
        zone: zone_of_country(&org.country),
        plans: contracts
            .iter()
            .filter(|c| c.asset_id.is_none())
            .filter_map(|c| plan_period(c, &plans))
            .collect(),
        prepaid: prepaid.iter().filter_map(package).collect(),
    })
}

/// `podpora_billing::Money` as the API shows money.
pub(crate) fn money(m: podpora_billing::Money) -> podpora_core::plan::Money {
    podpora_core::plan::Money {
        amount_minor: m.minor(),
        currency: m.currency().code().to_string(),
    }
}
