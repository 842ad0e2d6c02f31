//! Support plans and what customers are entitled to (R-20 … … ).
//!
//! A plan says through which channels its customers may ask, how fast (its SLA policies, see
//! [`crate::sla::SlaPolicy::plan_id`]), how many minutes a month are included, what is
//! discounted, and where its customers stand in the service queue (its rank). A contract binds
//! an organization, or one of its assets, to a plan from a date; without one the customer has
//! the basic service, whose channels are a setting of the catalogue.

use crate::{
    Actor, AppError, Result, audit,
    error::{MissingRef, NotFoundAs},
    now_ms,
};
use podpora_calendar::{BusinessCalendar, OpeningHours, SlaTarget};
use podpora_core::{Channel, ValidationError, auth::Permission, plan::Money, text};
use podpora_store::{
    Db, StoreError, Tx, repo,
    repo::plans::{CategoryRow, PlanRow},
};
use serde::{Deserialize, Serialize};

pub mod catalogue;
mod contracts;
mod intake;
mod ledger;
pub mod preset;
mod queue;
mod scope;
mod status;

pub use contracts::{
    Contract, EndContract, Handover, NewContract, NewHandover, create_contract, end_contract,
    handovers, list_contracts, set_handover,
};
pub use intake::{ChannelHours, Entitlement, check_channel, check_urgency, entitlement_at};
pub(crate) use intake::{OutsideHours, outside_hours};
pub use ledger::{
    Ledger, LedgerQuery, OnboardingEntitlement, UseEntitlement, ledgers, list_entitlements,
    record_minutes, use_entitlement,
};
pub use queue::{QueueEntry, QueueQuery, queue};
pub use scope::{
    NewScopeItem, OutOfScope, ScopeItem, ScopeMark, create_scope_item, list_scope_items,
    mark_out_of_scope,
};
pub use status::{
    NewPaidService, PaidService, PlanStatus, UpsellSignal, plan_status, record_paid_service,
};

/// A channel a plan includes, with the hours it is staffed (absent: whenever the desk works).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanChannel {
    /// email, portal, phone, chat or api.
    pub channel: Channel,
    /// The calendar of this channel's hours, e.g. a hotline 7 days a week.
    #[serde(default)]
    pub calendar_id: Option<i64>,
}

/// An onboarding entitlement a contract on the plan grants once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Onboarding {
    /// What is granted, e.g. `training` (a one-hour video call) or `installation`.
    pub kind: String,
    /// Usable within this many days of the contract's start; absent for no limit.
    #[serde(default)]
    pub within_days: Option<u32>,
}

/// A support plan with every attribute of R-20.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Id (ignored when creating).
    #[serde(default)]
    pub id: i64,
    /// Short unique code, e.g. `variant-3`.
    pub code: String,
    /// Name shown to customers, e.g. "Varianta 3".
    pub name: String,
    /// Service priority: a higher rank is served first.
    pub rank: i64,
    /// Hotline and remote-support hours (a business calendar).
    #[serde(default)]
    pub support_calendar_id: Option<i64>,
    /// Remote-support minutes included per month.
    #[serde(default)]
    pub remote_minutes_per_month: u32,
    /// Work minutes included per month.
    #[serde(default)]
    pub work_minutes_per_month: u32,
    /// Preventive checks per month (e.g. 2).
    #[serde(default)]
    pub preventive_checks_per_month: u32,
    /// Whether included time may be used for configuration changes and new features.
    #[serde(default)]
    pub included_time_for_changes: bool,
    /// Replacement unit on a hardware failure within this target (`2bd`, `1bd`, `24ch`).
    #[serde(default)]
    pub hardware_replacement: Option<String>,
    /// Whether a technician visit is guaranteed on a hardware failure (instead of, or besides, a replacement).
    #[serde(default)]
    pub hardware_visit_guarantee: bool,
    /// Guaranteed time to resolve a fault remotely (`3bd`, `24ch`).
    #[serde(default)]
    pub guarantee_remote_resolution: Option<String>,
    /// Guaranteed time for a technician visit.
    #[serde(default)]
    pub guarantee_visit: Option<String>,
    /// Guaranteed time to restore the configuration from the last backup onto a replacement.
    #[serde(default)]
    pub guarantee_restore: Option<String>,
    /// Monthly price, excluding VAT.
    pub monthly_price: Money,
    /// Discount on service hours, percent.
    #[serde(default)]
    pub discount_hours_percent: u8,
    /// Discount on trips, percent.
    #[serde(default)]
    pub discount_trips_percent: u8,
    /// Remote diagnostics free of charge.
    #[serde(default)]
    pub free_remote_diagnostics: bool,
    /// May pay after the work instead of before.
    #[serde(default)]
    pub pay_later: bool,
    /// A contract may start at most this many months after the installation hand-over.
    #[serde(default)]
    pub handover_window_months: Option<u32>,
    /// Channels included, with their hours.
    #[serde(default)]
    pub channels: Vec<PlanChannel>,
    /// Onboarding entitlements granted once.
    #[serde(default)]
    pub onboarding: Vec<Onboarding>,
}

/// A request category and whether it is plannable work, which cannot be urgent.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Id (ignored when creating).
    #[serde(default)]
    pub id: i64,
    /// The code tickets carry in `category`, e.g. `payments`.
    pub code: String,
    /// Name.
    pub name: String,
    /// Plannable work (e.g. period-end reports): asked for in advance, never urgent.
    #[serde(default)]
    pub plannable: bool,
}

fn to_plan(r: PlanRow) -> Plan {
    Plan {
        id: r.id,
        code: r.code,
        name: r.name,
        rank: r.rank,
        support_calendar_id: r.support_calendar_id,
        remote_minutes_per_month: u32::try_from(r.remote_minutes_per_month).unwrap_or(0),
        work_minutes_per_month: u32::try_from(r.work_minutes_per_month).unwrap_or(0),
        preventive_checks_per_month: u32::try_from(r.preventive_checks_per_month).unwrap_or(0),
        included_time_for_changes: r.included_time_for_changes,
        hardware_replacement: r.hardware_replacement,
        hardware_visit_guarantee: r.hardware_visit_guarantee,
        guarantee_remote_resolution: r.guarantee_remote_resolution,
        guarantee_visit: r.guarantee_visit,
        guarantee_restore: r.guarantee_restore,
        monthly_price: Money {
            amount_minor: r.price_minor,
            currency: r.currency,
        },
        discount_hours_percent: u8::try_from(r.discount_hours_percent).unwrap_or(0),
        discount_trips_percent: u8::try_from(r.discount_trips_percent).unwrap_or(0),
        free_remote_diagnostics: r.free_remote_diagnostics,
        pay_later: r.pay_later,
        handover_window_months: r.handover_window_months.and_then(|m| u32::try_from(m).ok()),
        channels: serde_json::from_str(&r.channels).unwrap_or_default(),
        onboarding: serde_json::from_str(&r.onboarding).unwrap_or_default(),
    }
}

/// The channels a plan row includes.
pub(crate) fn channels_of(r: &PlanRow) -> Vec<PlanChannel> {
    serde_json::from_str(&r.channels).unwrap_or_default()
}

/// The onboarding entitlements of a plan row.
pub(crate) fn onboarding_of(r: &PlanRow) -> Vec<Onboarding> {
    serde_json::from_str(&r.onboarding).unwrap_or_default()
}

fn code_ok(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty()
        || t.len() > 50
        || !t
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        return Err("use 1–50 lowercase letters, digits, '-' or '_', e.g. variant-3".into());
    }
    Ok(t.to_string())
}

/// Checks a plan and gives its row (id as given).
async fn plan_row(tx: &mut Tx<'_>, p: Plan, now: i64) -> Result<PlanRow> {
    let mut v = ValidationError::new();
    let code = v.check("code", code_ok(&p.code));
    let name = v.check("name", text::required_line(&p.name, 100));
    let mut target = |field: &str, t: &Option<String>| -> Option<String> {
        match t.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => v.check(field, SlaTarget::parse(t)).map(|t| t.to_string()),
            None => None,
        }
    };
    let hardware_replacement = target("hardware_replacement", &p.hardware_replacement);
    let remote = target(
        "guarantee_remote_resolution",
        &p.guarantee_remote_resolution,
    );
    let visit = target("guarantee_visit", &p.guarantee_visit);
    let restore = target("guarantee_restore", &p.guarantee_restore);
    if let Err(e) = p.monthly_price.validate() {
        v.push("monthly_price", e);
    }
    for (f, d) in [
        ("discount_hours_percent", p.discount_hours_percent),
        ("discount_trips_percent", p.discount_trips_percent),
    ] {
        if d > 100 {
            v.push(f, "a percentage between 0 and 100");
        }
    }
    let mut seen = Vec::new();
    for (i, c) in p.channels.iter().enumerate() {
        if seen.contains(&c.channel) {
            v.push(
                format!("channels[{i}]"),
                format!("{} is listed twice", c.channel),
            );
        }
        seen.push(c.channel);
    }
    for (i, o) in p.onboarding.iter().enumerate() {
        if let Err(e) = code_ok(&o.kind) {
            v.push(format!("onboarding[{i}].kind"), e);
        }
    }
    v.into_result()?;
    let mut calendars: Vec<(String, i64)> = p
        .channels
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            c.calendar_id
                .map(|id| (format!("channels[{i}].calendar_id"), id))
        })
        .collect();
    if let Some(c) = p.support_calendar_id {
        calendars.push(("support_calendar_id".into(), c));
    }
    for (field, id) in calendars {
        repo::sla::get_calendar(tx, id)
            .await
            .missing_ref(&field, "calendar", id)?;
    }
    Ok(PlanRow {
        id: p.id,
        code: code.unwrap_or_default(),
        name: name.unwrap_or_default(),
        rank: p.rank,
        support_calendar_id: p.support_calendar_id,
        remote_minutes_per_month: i64::from(p.remote_minutes_per_month),
        work_minutes_per_month: i64::from(p.work_minutes_per_month),
        preventive_checks_per_month: i64::from(p.preventive_checks_per_month),
        included_time_for_changes: p.included_time_for_changes,
        hardware_replacement,
        hardware_visit_guarantee: p.hardware_visit_guarantee,
        guarantee_remote_resolution: remote,
        guarantee_visit: visit,
        guarantee_restore: restore,
        price_minor: p.monthly_price.amount_minor,
        currency: p.monthly_price.currency,
        discount_hours_percent: i64::from(p.discount_hours_percent),
        discount_trips_percent: i64::from(p.discount_trips_percent),
        free_remote_diagnostics: p.free_remote_diagnostics,
        pay_later: p.pay_later,
        handover_window_months: p.handover_window_months.map(i64::from),
        channels: serde_json::to_string(&p.channels).unwrap_or_else(|_| "[]".into()),
        onboarding: serde_json::to_string(&p.onboarding).unwrap_or_else(|_| "[]".into()),
        created_at: now,
        updated_at: now,
    })
}

fn code_taken(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(_) => AppError::field("code", "a plan with this code already exists"),
        e => e.into(),
    }
}

fn summary(r: &PlanRow) -> String {
    format!(
        "{} {:?} rank:{} price:{} {} remote:{}m work:{}m channels:{}",
        r.code,
        r.name,
        r.rank,
        r.price_minor,
        r.currency,
        r.remote_minutes_per_month,
        r.work_minutes_per_month,
        r.channels
    )
}

/// Adds a plan to the catalogue.
pub async fn create_plan(db: &Db, actor: &Actor, p: Plan) -> Result<Plan> {
    actor.require(Permission::ManageStaff)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let mut row = plan_row(&mut tx, p, now).await?;
    row.id = repo::plans::insert_plan(&mut tx, &row)
        .await
        .map_err(code_taken)?;
    audit::created(&mut tx, "plan", row.id, actor, now, summary(&row)).await?;
    tx.commit().await?;
    Ok(to_plan(row))
}

/// Replaces a plan's attributes; running contracts follow the plan as it is now.
pub async fn update_plan(db: &Db, actor: &Actor, id: i64, mut p: Plan) -> Result<Plan> {
    actor.require(Permission::ManageStaff)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let old = repo::plans::get_plan(&mut tx, id)
        .await
        .not_found(|| format!("plan {id}"))?;
    p.id = id;
    let mut row = plan_row(&mut tx, p, now).await?;
    row.created_at = old.created_at;
    repo::plans::update_plan(&mut tx, &row)
        .await
        .map_err(code_taken)?;
    audit::changed(
        &mut tx,
        "plan",
        id,
        actor,
        now,
        vec![("plan", Some(summary(&old)), Some(summary(&row)))],
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(to_plan(row))
}

/// Lets staff read any organization's plan data, and a portal customer only its own
/// organization's: for another organization (or none) a customer gets "not found", so the
/// portal cannot tell which organizations exist.
pub(crate) fn require_plan_reader(actor: &Actor, organization_id: i64) -> Result<()> {
    match actor {
        Actor::Customer(c) if c.organization_id == Some(organization_id) => Ok(()),
        Actor::Customer(_) => Err(AppError::NotFound(format!(
            "organization {organization_id}"
        ))),
        _ => actor.require(Permission::ReadCustomers),
    }
}

/// The catalogue, highest rank first. Portal customers may read it too: it is the offer a
/// customer without a contract is shown.
pub async fn list_plans(db: &Db, actor: &Actor) -> Result<Vec<Plan>> {
    if !matches!(actor, Actor::Customer(_)) {
        actor.require(Permission::ReadCustomers)?;
    }
    let mut tx = db.read().await?;
    Ok(repo::plans::list_plans(&mut tx)
        .await?
        .into_iter()
        .map(to_plan)
        .collect())
}

/// One plan.
pub async fn get_plan(db: &Db, actor: &Actor, id: i64) -> Result<Plan> {
    actor.require(Permission::ReadCustomers)?;
    let mut tx = db.read().await?;
    Ok(to_plan(
        repo::plans::get_plan(&mut tx, id)
            .await
            .not_found(|| format!("plan {id}"))?,
    ))
}

/// Adds a request category.
pub async fn create_category(db: &Db, actor: &Actor, c: Category) -> Result<Category> {
    actor.require(Permission::ManageStaff)?;
    let mut v = ValidationError::new();
    let code = v.check("code", code_ok(&c.code));
    let name = v.check("name", text::required_line(&c.name, 100));
    v.into_result()?;
    let now = now_ms();
    let mut row = CategoryRow {
        id: 0,
        code: code.unwrap_or_default(),
        name: name.unwrap_or_default(),
        plannable: c.plannable,
        created_at: now,
    };
    let mut tx = db.begin().await?;
    row.id = repo::plans::insert_category(&mut tx, &row)
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => AppError::field("code", "this category exists already"),
            e => e.into(),
        })?;
    audit::created(&mut tx, "category", row.id, actor, now, row.code.clone()).await?;
    tx.commit().await?;
    Ok(Category {
        id: row.id,
        code: row.code,
        name: row.name,
        plannable: row.plannable,
    })
}

/// Every category.
pub async fn list_categories(db: &Db, actor: &Actor) -> Result<Vec<Category>> {
    actor.require(Permission::ReadTickets)?;
    let mut tx = db.read().await?;
    Ok(repo::plans::list_categories(&mut tx)
        .await?
        .into_iter()
        .map(|r| Category {
            id: r.id,
            code: r.code,
            name: r.name,
            plannable: r.plannable,
        })
        .collect())
}

/// The channels of the basic service, for customers without a contract.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BasicService {
    /// Channels every customer may use.
    pub channels: Vec<Channel>,
}

const BASIC_KEY: &str = "basic_service_channels";

/// Until the catalogue restricts the basic service (R-22: e-mail and the portal), a desk without
/// plans takes requests through every channel.
const BASIC_DEFAULT: &[Channel] = Channel::ALL;

pub(crate) async fn basic_channels(tx: &mut Tx<'_>) -> Result<Vec<Channel>> {
    Ok(match repo::settings::get(tx, BASIC_KEY).await? {
        Some(s) => serde_json::from_str(&s).unwrap_or_else(|_| BASIC_DEFAULT.to_vec()),
        None => BASIC_DEFAULT.to_vec(),
    })
}

/// The basic service.
pub async fn basic_service(db: &Db, actor: &Actor) -> Result<BasicService> {
    actor.require(Permission::ReadCustomers)?;
    let mut tx = db.read().await?;
    Ok(BasicService {
        channels: basic_channels(&mut tx).await?,
    })
}

/// Sets the channels of the basic service.
pub async fn set_basic_service(db: &Db, actor: &Actor, b: BasicService) -> Result<BasicService> {
    actor.require(Permission::ManageStaff)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let old = basic_channels(&mut tx).await?;
    let value = serde_json::to_string(&b.channels).unwrap_or_else(|_| "[]".into());
    repo::settings::put(&mut tx, BASIC_KEY, &value).await?;
    audit::changed(
        &mut tx,
        "settings",
        0,
        actor,
        now,
        vec![(
            "basic_service_channels",
            serde_json::to_string(&old).ok(),
            Some(value),
        )],
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(b)
}

/// The zone of a customer's "today" (entitlements' expiry, this month's minutes): the
/// contact's own time zone, else their organization's country's, else Slovakia's. Staff read
/// the contract days of [`day_of`].
pub async fn customer_zone(
    db: &Db,
    actor: &Actor,
    organization_id: i64,
) -> Result<Option<jiff::tz::TimeZone>> {
    if !actor.is_customer() {
        return Ok(None);
    }
    let mut tx = db.read().await?;
    if let Some(contact) = actor.contact_scope()
        && let Some(tz) = repo::portal::contact_time_zone(&mut tx, contact)
            .await?
            .and_then(|z| jiff::tz::TimeZone::get(&z).ok())
    {
        return Ok(Some(tz));
    }
    let country = repo::customers::get_org(&mut tx, organization_id)
        .await
        .map(|o| o.country)
        .unwrap_or_default();
    Ok(Some(crate::billing::zone_of_country(&country)))
}

/// Today for whoever reads an organization's plan: in a customer's zone (see
/// [`customer_zone`]), else the contract days of [`day_of`].
pub async fn customer_today(
    db: &Db,
    actor: &Actor,
    organization_id: i64,
    now: i64,
) -> Result<jiff::civil::Date> {
    Ok(match customer_zone(db, actor, organization_id).await? {
        Some(tz) => jiff::Timestamp::from_millisecond(now)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned(tz)
            .date(),
        None => day_of(now),
    })
}

/// The calendar day of an instant: contract days count in Central European time, where every
/// customer of the SK, CZ and PL desks lives.
pub(crate) fn day_of(ms: i64) -> jiff::civil::Date {
    static ZONE: std::sync::OnceLock<Option<BusinessCalendar>> = std::sync::OnceLock::new();
    let t = jiff::Timestamp::from_millisecond(ms).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    match ZONE
        .get_or_init(|| BusinessCalendar::new("Europe/Prague", OpeningHours::always(), None).ok())
    {
        Some(c) => c.local_date(t),
        None => t.to_zoned(jiff::tz::TimeZone::UTC).date(),
    }
}

/// Parses a `YYYY-MM-DD` field.
pub(crate) fn parse_date(
    v: &mut ValidationError,
    field: &str,
    s: &str,
) -> Option<jiff::civil::Date> {
    v.check(
        field,
        s.trim()
            .parse::<jiff::civil::Date>()
            .map_err(|_| format!("{s:?} is not a date YYYY-MM-DD")),
    )
}
