//! Monthly minute ledgers of the included time, and onboarding entitlements used once
//!

use super::*;
use crate::rfc3339;
use podpora_store::repo::plans::EntitlementRow;

/// Which month's ledgers to show.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LedgerQuery {
    /// `YYYY-MM`; the current month when absent.
    pub month: Option<String>,
}

/// Included minutes of one kind in one month: what the plan gives, what was used, what is left.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Ledger {
    /// `YYYY-MM`.
    pub month: String,
    /// `remote` (remote support) or `work` (work included).
    pub kind: String,
    /// The plan that includes the minutes, or `basic`.
    pub plan_code: String,
    /// Minutes included this month.
    pub included_minutes: i64,
    /// Minutes drawn this month.
    pub used_minutes: i64,
    /// Included minutes left (never below zero; the excess is billed).
    pub remaining_minutes: i64,
    /// Minutes beyond the included ones, billed by the price list.
    pub over_minutes: i64,
}

/// The two kinds of included time.
pub const LEDGER_KINDS: [&str; 2] = ["remote", "work"];

fn parse_month(v: &mut ValidationError, s: Option<&str>) -> Option<(String, jiff::civil::Date)> {
    let s = match s {
        Some(s) => s.trim().to_string(),
        None => day_of(now_ms()).strftime("%Y-%m").to_string(),
    };
    let first = v.check(
        "month",
        format!("{s}-01")
            .parse::<jiff::civil::Date>()
            .map_err(|_| format!("{s:?} is not a month YYYY-MM")),
    )?;
    Some((s, first))
}

async fn month_ledgers(
    tx: &mut Tx<'_>,
    organization_id: i64,
    month: &str,
    first: jiff::civil::Date,
) -> Result<Vec<Ledger>> {
    let last = first.last_of_month().to_string();
    let first_s = first.to_string();
    // The plan of the month: the organization-wide contract running in it that started last.
    let contract = repo::plans::contracts_of(tx, organization_id)
        .await?
        .into_iter()
        .rfind(|c| {
            c.asset_id.is_none()
                && c.starts_on <= last
                && c.ends_on.as_deref().is_none_or(|e| e >= first_s.as_str())
        });
    let plan = match contract {
        Some(c) => Some(repo::plans::get_plan(tx, c.plan_id).await?),
        None => None,
    };
    let used = repo::plans::usage(tx, organization_id, month).await?;
    Ok(LEDGER_KINDS
        .iter()
        .map(|kind| {
            let included = match (&plan, *kind) {
                (Some(p), "remote") => p.remote_minutes_per_month,
                (Some(p), _) => p.work_minutes_per_month,
                (None, _) => 0,
            };
            let used = used.iter().find(|(k, _)| k == kind).map_or(0, |(_, m)| *m);
            Ledger {
                month: month.to_string(),
                kind: kind.to_string(),
                plan_code: plan.as_ref().map_or("basic".into(), |p| p.code.clone()),
                included_minutes: included,
                used_minutes: used,
                remaining_minutes: (included - used).max(0),
                over_minutes: (used - included).max(0),
            }
        })
        .collect())
}

/// An organization's ledgers of included minutes for a month.
pub async fn ledgers(
    db: &Db,
    actor: &Actor,
    organization_id: i64,
    q: LedgerQuery,
) -> Result<Vec<Ledger>> {
    // The plan status, which a portal customer reads for its own organization, includes these.
    require_plan_reader(actor, organization_id)?;
    let mut v = ValidationError::new();
    let m = parse_month(&mut v, q.month.as_deref());
    v.into_result()?;
    let Some((month, first)) = m else {
        unreachable!("validation passed, so the month parsed")
    };
    let mut tx = db.read().await?;
    repo::customers::get_org(&mut tx, organization_id)
        .await
        .not_found(|| format!("organization {organization_id}"))?;
    month_ledgers(&mut tx, organization_id, &month, first).await
}

/// Draws minutes from a month's ledger (the time entries of a later release call this) and
/// returns the ledger after it.
pub async fn record_minutes(
    db: &Db,
    actor: &Actor,
    organization_id: i64,
    month: &str,
    kind: &str,
    minutes: u32,
    ticket_id: Option<i64>,
) -> Result<Ledger> {
    actor.require(Permission::WriteTickets)?;
    let mut v = ValidationError::new();
    let m = parse_month(&mut v, Some(month));
    if !LEDGER_KINDS.contains(&kind) {
        v.push("kind", "use remote or work");
    }
    v.into_result()?;
    let Some((month, first)) = m else {
        unreachable!("validation passed, so the month parsed")
    };
    let mut tx = db.begin().await?;
    repo::customers::get_org(&mut tx, organization_id)
        .await
        .not_found(|| format!("organization {organization_id}"))?;
    repo::plans::insert_usage(
        &mut tx,
        organization_id,
        &month,
        kind,
        i64::from(minutes),
        ticket_id,
        now_ms(),
    )
    .await?;
    let out = month_ledgers(&mut tx, organization_id, &month, first)
        .await?
        .into_iter()
        .find(|l| l.kind == kind)
        .ok_or_else(|| AppError::NotFound(format!("ledger {kind}")))?;
    tx.commit().await?;
    Ok(out)
}

/// An onboarding entitlement of an organization.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OnboardingEntitlement {
    /// Id.
    pub id: i64,
    /// What, e.g. `training` or `installation`.
    pub kind: String,
    /// The contract that granted it.
    pub contract_id: i64,
    /// Granted from.
    pub granted_on: String,
    /// Usable until this day, if limited.
    pub expires_on: Option<String>,
    /// When it was used (RFC 3339).
    pub used_at: Option<String>,
    /// Who recorded the use.
    pub used_by: Option<String>,
    /// The ticket it was used for.
    pub ticket_id: Option<i64>,
    /// A note on the use.
    pub note: Option<String>,
    /// Whether it can still be used today.
    pub usable: bool,
}

fn to_entitlement(e: EntitlementRow, today: &str) -> OnboardingEntitlement {
    OnboardingEntitlement {
        usable: e.used_at.is_none() && e.expires_on.as_deref().is_none_or(|x| x >= today),
        id: e.id,
        kind: e.kind,
        contract_id: e.contract_id,
        granted_on: e.granted_on,
        expires_on: e.expires_on,
        used_at: e.used_at.map(rfc3339),
        used_by: e.used_by,
        ticket_id: e.ticket_id,
        note: e.note,
    }
}

/// An organization's entitlements as of `today` (`YYYY-MM-DD`).
pub(crate) async fn entitlements_view(
    tx: &mut Tx<'_>,
    organization_id: i64,
    today: &str,
) -> Result<Vec<OnboardingEntitlement>> {
    Ok(repo::plans::entitlements_of(tx, organization_id)
        .await?
        .into_iter()
        .map(|e| to_entitlement(e, today))
        .collect())
}

/// An organization's onboarding entitlements.
pub async fn list_entitlements(
    db: &Db,
    actor: &Actor,
    organization_id: i64,
) -> Result<Vec<OnboardingEntitlement>> {
    actor.require(Permission::ReadCustomers)?;
    let mut tx = db.read().await?;
    repo::customers::get_org(&mut tx, organization_id)
        .await
        .not_found(|| format!("organization {organization_id}"))?;
    entitlements_view(&mut tx, organization_id, &day_of(now_ms()).to_string()).await
}

/// Using an entitlement.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UseEntitlement {
    /// The ticket it is used for, e.g. `2026-000123`.
    #[serde(default)]
    pub ticket_number: Option<String>,
    /// A note, e.g. when the training took place.
    #[serde(default)]
    pub note: Option<String>,
}

/// Records the one use of an entitlement; a second use, or a use after it expired, is refused.
pub async fn use_entitlement(
    db: &Db,
    actor: &Actor,
    id: i64,
    u: UseEntitlement,
) -> Result<OnboardingEntitlement> {
    actor.require(Permission::WriteCustomers)?;
    let mut v = ValidationError::new();
    let note = u
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .and_then(|n| {
            v.check(
                "note",
                text::check_max_chars(n, 1000).map(|_| n.to_string()),
            )
        });
    v.into_result()?;
    let now = now_ms();
    let today = day_of(now).to_string();
    let mut tx = db.begin().await?;
    let e = repo::plans::get_entitlement(&mut tx, id)
        .await
        .not_found(|| format!("entitlement {id}"))?;
    if let Some(at) = e.used_at {
        return Err(AppError::Conflict(format!(
            "the {} entitlement was used already on {} by {}; it is granted once",
            e.kind,
            rfc3339(at),
            e.used_by.as_deref().unwrap_or("someone")
        )));
    }
    if let Some(x) = e.expires_on.as_deref().filter(|x| *x < today.as_str()) {
        return Err(AppError::Conflict(format!(
            "the {} entitlement expired on {x}",
            e.kind
        )));
    }
    let ticket_id = match u.ticket_number.as_deref() {
        Some(n) => {
            let t = repo::tickets::get_by_number(&mut tx, n.trim())
                .await
                .map_err(|_| AppError::field("ticket_number", format!("there is no ticket {n}")))?;
            if t.organization_id != Some(e.organization_id) {
                return Err(AppError::field(
                    "ticket_number",
                    format!("ticket {n} is not this organization's"),
                ));
            }
            Some(t.id)
        }
        None => None,
    };
    let by = actor.audit_name();
    if !repo::plans::use_entitlement(&mut tx, id, now, &by, ticket_id, note.as_deref()).await? {
        return Err(AppError::Conflict(format!(
            "the {} entitlement was used meanwhile; it is granted once",
            e.kind
        )));
    }
    audit::changed(
        &mut tx,
        "organization",
        e.organization_id,
        actor,
        now,
        vec![("entitlement_used", None, Some(e.kind.clone()))],
        note.as_deref(),
    )
    .await?;
    let out = repo::plans::get_entitlement(&mut tx, id).await?;
    tx.commit().await?;
    Ok(to_entitlement(out, &today))
}
