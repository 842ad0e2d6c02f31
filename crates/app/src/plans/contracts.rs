//! Contracts: an organization or one of its assets on a plan from a date, the
//! installation hand-over that opens the window for a first contract, and plan changes that take
//! effect from a date while the earlier contract stays in the history.

use super::*;
use podpora_core::plan::check_handover_window;
use podpora_store::repo::plans::{ContractRow, EntitlementRow, HandoverRow};

/// The hand-over date of an installation.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewHandover {
    /// The day the hand-over protocol was signed, `YYYY-MM-DD`.
    pub handed_over_on: String,
    /// The asset handed over; absent for the organization's installation as a whole.
    #[serde(default)]
    pub asset_id: Option<i64>,
}

/// A recorded hand-over.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Handover {
    /// Organization.
    pub organization_id: i64,
    /// Asset, when the hand-over was of one asset.
    pub asset_id: Option<i64>,
    /// The day, `YYYY-MM-DD`.
    pub handed_over_on: String,
}

/// A contract to make.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewContract {
    /// The customer.
    pub organization_id: i64,
    /// The plan.
    pub plan_id: i64,
    /// Only this asset is on the plan; absent for the whole organization.
    #[serde(default)]
    pub asset_id: Option<i64>,
    /// First day, `YYYY-MM-DD`. A running contract of the same scope ends the day before.
    pub starts_on: String,
    /// Last day, `YYYY-MM-DD`; absent for an open-ended contract.
    #[serde(default)]
    pub ends_on: Option<String>,
}

/// A contract as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Contract {
    /// Id.
    pub id: i64,
    /// The customer.
    pub organization_id: i64,
    /// The asset on the plan, if the contract is for one asset.
    pub asset_id: Option<i64>,
    /// The plan.
    pub plan_id: i64,
    /// The plan's code.
    pub plan_code: String,
    /// The plan's name.
    pub plan_name: String,
    /// First day.
    pub starts_on: String,
    /// Last day, if any.
    pub ends_on: Option<String>,
}

pub(crate) fn to_contract(c: ContractRow, plan: &PlanRow) -> Contract {
    Contract {
        id: c.id,
        organization_id: c.organization_id,
        asset_id: c.asset_id,
        plan_id: c.plan_id,
        plan_code: plan.code.clone(),
        plan_name: plan.name.clone(),
        starts_on: c.starts_on,
        ends_on: c.ends_on,
    }
}

async fn check_asset(tx: &mut Tx<'_>, organization_id: i64, asset_id: Option<i64>) -> Result<()> {
    if let Some(a) = asset_id {
        let asset = repo::customers::get_asset(tx, a)
            .await
            .missing_ref("asset_id", "asset", a)?;
        if asset.organization_id != organization_id {
            return Err(AppError::field(
                "asset_id",
                format!(
                    "asset {a} belongs to organization {}, not {organization_id}",
                    asset.organization_id
                ),
            ));
        }
    }
    Ok(())
}

/// Records the day an installation was handed over (replacing an earlier record of the same
/// scope). It opens the window in which a plan with a hand-over rule may be taken.
pub async fn set_handover(
    db: &Db,
    actor: &Actor,
    organization_id: i64,
    h: NewHandover,
) -> Result<Handover> {
    actor.require(Permission::WriteCustomers)?;
    let mut v = ValidationError::new();
    let day = parse_date(&mut v, "handed_over_on", &h.handed_over_on);
    v.into_result()?;
    let day = day.map(|d| d.to_string()).unwrap_or_default();
    let now = now_ms();
    let mut tx = db.begin().await?;
    repo::customers::get_org(&mut tx, organization_id)
        .await
        .not_found(|| format!("organization {organization_id}"))?;
    check_asset(&mut tx, organization_id, h.asset_id).await?;
    let old = repo::plans::handovers(&mut tx, organization_id)
        .await?
        .into_iter()
        .find(|x| x.asset_id == h.asset_id)
        .map(|x| x.handed_over_on);
    repo::plans::set_handover(
        &mut tx,
        &HandoverRow {
            id: 0,
            organization_id,
            asset_id: h.asset_id,
            handed_over_on: day.clone(),
            created_at: now,
        },
    )
    .await?;
    let field = if h.asset_id.is_some() {
        "asset_handover"
    } else {
        "handover"
    };
    let note = h.asset_id.map(|a| format!("asset {a}"));
    audit::changed(
        &mut tx,
        "organization",
        organization_id,
        actor,
        now,
        vec![(field, old, Some(day.clone()))],
        note.as_deref(),
    )
    .await?;
    tx.commit().await?;
    Ok(Handover {
        organization_id,
        asset_id: h.asset_id,
        handed_over_on: day,
    })
}

/// Puts an organization (or one asset) on a plan from a date.
///
/// When a contract of the same scope runs on that date, this is a plan change: the running one
/// ends the day before and stays in the history. Otherwise it is a first contract, and a plan
/// with a hand-over window refuses a start later than the window allows after the recorded
/// hand-over (the asset's, else the organization's), naming the dates; nothing is written then.
/// The plan's onboarding entitlements are granted, each kind once per organization.
pub async fn create_contract(db: &Db, actor: &Actor, c: NewContract) -> Result<Contract> {
    actor.require(Permission::WriteCustomers)?;
    let mut v = ValidationError::new();
    let starts = parse_date(&mut v, "starts_on", &c.starts_on);
    let ends = c
        .ends_on
        .as_deref()
        .filter(|e| !e.trim().is_empty())
        .and_then(|e| parse_date(&mut v, "ends_on", e));
    if let (Some(s), Some(e)) = (starts, ends)
        && e < s
    {
        v.push("ends_on", "must not be before starts_on");
    }
    v.into_result()?;
    let Some(starts) = starts else {
        unreachable!("validation passed, so the start parsed")
    };
    let now = now_ms();
    let mut tx = db.begin().await?;
    repo::customers::get_org(&mut tx, c.organization_id)
        .await
        .missing_ref("organization_id", "organization", c.organization_id)?;
    let plan = repo::plans::get_plan(&mut tx, c.plan_id)
        .await
        .missing_ref("plan_id", "plan", c.plan_id)?;
    check_asset(&mut tx, c.organization_id, c.asset_id).await?;
    let same_scope: Vec<ContractRow> = repo::plans::contracts_of(&mut tx, c.organization_id)
        .await?
        .into_iter()
        .filter(|x| x.asset_id == c.asset_id)
        .collect();
    let start_s = starts.to_string();
    if let Some(later) = same_scope.iter().find(|x| x.starts_on >= start_s) {
        return Err(AppError::field(
            "starts_on",
            format!(
                "a contract of this scope starts on {} already; a plan change must start after the latest contract's start",
                later.starts_on
            ),
        ));
    }
    let running = same_scope
        .iter()
        .find(|x| x.ends_on.as_deref().is_none_or(|e| e >= start_s.as_str()));
    if running.is_none()
        && let Some(months) = plan
            .handover_window_months
            .and_then(|m| u32::try_from(m).ok())
    {
        let handovers = repo::plans::handovers(&mut tx, c.organization_id).await?;
        let handover = handovers
            .iter()
            .find(|h| c.asset_id.is_some() && h.asset_id == c.asset_id)
            .or_else(|| handovers.iter().find(|h| h.asset_id.is_none()))
            .and_then(|h| h.handed_over_on.parse::<jiff::civil::Date>().ok());
        let Some(handover) = handover else {
            return Err(AppError::field(
                "starts_on",
                format!(
                    "plan {} can only be taken within {months} month(s) of the installation hand-over, and no hand-over date is recorded for this customer; record it first (PUT /api/v1/organizations/{}/handover)",
                    plan.name, c.organization_id
                ),
            ));
        };
        check_handover_window(handover, starts, months)
            .map_err(|e| AppError::field("starts_on", format!("plan {}: {e}", plan.name)))?;
    }
    if let Some(r) = running {
        let day_before = starts
            .yesterday()
            .map_err(|_| AppError::field("starts_on", "is out of range"))?;
        repo::plans::end_contract(&mut tx, r.id, &day_before.to_string()).await?;
    }
    let mut row = ContractRow {
        id: 0,
        organization_id: c.organization_id,
        asset_id: c.asset_id,
        plan_id: plan.id,
        starts_on: start_s.clone(),
        ends_on: ends.map(|e| e.to_string()),
        created_at: now,
    };
    row.id = repo::plans::insert_contract(&mut tx, &row).await?;
    for o in onboarding_of(&plan) {
        let expires = o.within_days.and_then(|d| {
            starts
                .checked_add(jiff::Span::new().days(i64::from(d)))
                .ok()
                .map(|d| d.to_string())
        });
        repo::plans::grant_entitlement(
            &mut tx,
            &EntitlementRow {
                id: 0,
                organization_id: c.organization_id,
                contract_id: row.id,
                kind: o.kind.clone(),
                granted_on: start_s.clone(),
                expires_on: expires,
                used_at: None,
                used_by: None,
                ticket_id: None,
                note: None,
            },
        )
        .await?;
    }
    let previous = match running {
        Some(r) => repo::plans::get_plan(&mut tx, r.plan_id)
            .await
            .ok()
            .map(|p| p.code),
        None => None,
    };
    let scope = c.asset_id.map(|a| format!("asset {a}"));
    audit::changed(
        &mut tx,
        "organization",
        c.organization_id,
        actor,
        now,
        vec![(
            "plan",
            previous,
            Some(format!("{} from {start_s}", plan.code)),
        )],
        scope.as_deref(),
    )
    .await?;
    tx.commit().await?;
    Ok(to_contract(row, &plan))
}

/// An organization's contracts, oldest first: its plan history.
pub async fn list_contracts(db: &Db, actor: &Actor, organization_id: i64) -> Result<Vec<Contract>> {
    actor.require(Permission::ReadCustomers)?;
    let mut tx = db.read().await?;
    repo::customers::get_org(&mut tx, organization_id)
        .await
        .not_found(|| format!("organization {organization_id}"))?;
    let plans = repo::plans::list_plans(&mut tx).await?;
    Ok(repo::plans::contracts_of(&mut tx, organization_id)
        .await?
        .into_iter()
        .filter_map(|c| {
            let p = plans.iter().find(|p| p.id == c.plan_id)?;
            Some(to_contract(c, p))
        })
        .collect())
}

/// The last day of a contract being ended.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndContract {
    /// The contract's last day, `YYYY-MM-DD`.
    pub ends_on: String,
}

/// Ends one of an organization's contracts on a day, as when a customer leaves a plan; the
/// contract stays in the plan history. A day before its start, or one that would let it run
/// into a later contract of the same scope, is refused.
pub async fn end_contract(
    db: &Db,
    actor: &Actor,
    organization_id: i64,
    contract_id: i64,
    e: EndContract,
) -> Result<Contract> {
    actor.require(Permission::WriteCustomers)?;
    let mut v = ValidationError::new();
    let day = parse_date(&mut v, "ends_on", &e.ends_on);
    v.into_result()?;
    let day = day.map(|d| d.to_string()).unwrap_or_default();
    let mut tx = db.begin().await?;
    repo::customers::get_org(&mut tx, organization_id)
        .await
        .not_found(|| format!("organization {organization_id}"))?;
    let all = repo::plans::contracts_of(&mut tx, organization_id).await?;
    let Some(mut row) = all.iter().find(|c| c.id == contract_id).cloned() else {
        return Err(AppError::NotFound(format!("contract {contract_id}")));
    };
    if day < row.starts_on {
        return Err(AppError::field(
            "ends_on",
            format!("must not be before the contract's start, {}", row.starts_on),
        ));
    }
    if let Some(next) = all
        .iter()
        .filter(|c| c.asset_id == row.asset_id && c.starts_on > row.starts_on)
        .map(|c| c.starts_on.as_str())
        .min()
        && day.as_str() >= next
    {
        return Err(AppError::field(
            "ends_on",
            format!("a later contract of this scope starts on {next}; this one must end before it"),
        ));
    }
    let plan = repo::plans::get_plan(&mut tx, row.plan_id)
        .await
        .not_found(|| format!("plan {}", row.plan_id))?;
    repo::plans::end_contract(&mut tx, row.id, &day).await?;
    let scope = row.asset_id.map(|a| format!("asset {a}"));
    let before = match &row.ends_on {
        Some(end) => format!("{} from {} until {end}", plan.code, row.starts_on),
        None => format!("{} from {}", plan.code, row.starts_on),
    };
    audit::changed(
        &mut tx,
        "organization",
        organization_id,
        actor,
        now_ms(),
        vec![(
            "plan",
            Some(before),
            Some(format!("{} from {} until {day}", plan.code, row.starts_on)),
        )],
        scope.as_deref(),
    )
    .await?;
    tx.commit().await?;
    row.ends_on = Some(day);
    Ok(to_contract(row, &plan))
}

/// An organization's recorded hand-over dates: its installation's and its assets'.
pub async fn handovers(db: &Db, actor: &Actor, organization_id: i64) -> Result<Vec<Handover>> {
    actor.require(Permission::ReadCustomers)?;
    let mut tx = db.read().await?;
    repo::customers::get_org(&mut tx, organization_id)
        .await
        .not_found(|| format!("organization {organization_id}"))?;
    Ok(repo::plans::handovers(&mut tx, organization_id)
        .await?
        .into_iter()
        .map(|h| Handover {
            organization_id,
            asset_id: h.asset_id,
            handed_over_on: h.handed_over_on,
        })
        .collect())
}
