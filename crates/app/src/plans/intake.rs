//! Entitlements checked when a request comes in: the channel must be in the customer's plan (or
//! in the basic service), and plannable work cannot be urgent. Every intake (API, portal, mail,
//! chat, phone) calls these same functions.

use super::*;
use podpora_core::Urgency;

/// What a customer is entitled to at an instant: its plan, or the basic service.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Entitlement {
    /// The running contract, absent on the basic service.
    pub contract_id: Option<i64>,
    /// The plan, absent on the basic service.
    pub plan_id: Option<i64>,
    /// The plan's code, or `basic`.
    pub plan_code: String,
    /// The plan's name, or "basic service".
    pub plan_name: String,
    /// The plan's rank in the service order; absent on the basic service.
    pub rank: Option<i64>,
    /// The channels the customer may use.
    pub channels: Vec<Channel>,
}

/// The plan (or the basic service) of an organization at `at` (epoch ms): a contract for the
/// asset the request is about wins over one for the whole organization.
pub async fn entitlement_at(
    tx: &mut Tx<'_>,
    organization_id: Option<i64>,
    asset_id: Option<i64>,
    at: i64,
) -> Result<Entitlement> {
    let day = day_of(at).to_string();
    let contract = match organization_id {
        Some(org) => {
            let running: Vec<_> = repo::plans::contracts_of(tx, org)
                .await?
                .into_iter()
                .filter(|c| {
                    c.starts_on <= day && c.ends_on.as_deref().is_none_or(|e| e >= day.as_str())
                })
                .collect();
            running
                .iter()
                .find(|c| asset_id.is_some() && c.asset_id == asset_id)
                .or_else(|| running.iter().find(|c| c.asset_id.is_none()))
                .cloned()
        }
        None => None,
    };
    match contract {
        Some(c) => {
            let p = repo::plans::get_plan(tx, c.plan_id).await?;
            Ok(Entitlement {
                contract_id: Some(c.id),
                plan_id: Some(p.id),
                channels: channels_of(&p).into_iter().map(|c| c.channel).collect(),
                plan_code: p.code,
                plan_name: p.name,
                rank: Some(p.rank),
            })
        }
        None => Ok(Entitlement {
            contract_id: None,
            plan_id: None,
            plan_code: "basic".into(),
            plan_name: "basic service".into(),
            rank: None,
            channels: basic_channels(tx).await?,
        }),
    }
}

/// Checks that a request through `channel` is included in the customer's plan at `at` (R-15,
/// ) and returns the entitlement, which then times the request.
///
/// Refused with a validation error on `channel` that names the plans including the channel,
/// so the customer learns what to buy. The web, mail, chat and phone intakes all call this.
pub async fn check_channel(
    tx: &mut Tx<'_>,
    organization_id: Option<i64>,
    asset_id: Option<i64>,
    channel: Channel,
    at: i64,
) -> Result<Entitlement> {
    let e = entitlement_at(tx, organization_id, asset_id, at).await?;
    if e.channels.contains(&channel) {
        return Ok(e);
    }
    let with: Vec<String> = repo::plans::list_plans(tx)
        .await?
        .into_iter()
        .filter(|p| channels_of(p).iter().any(|c| c.channel == channel))
        .map(|p| p.name)
        .collect();
    let current = if e.plan_id.is_some() {
        format!("plan {}", e.plan_name)
    } else {
        "the basic service".to_string()
    };
    let offer = if with.is_empty() {
        "no plan includes it".to_string()
    } else {
        format!("it is included in plan {}", with.join(", plan "))
    };
    Err(AppError::field(
        "channel",
        format!("requests by {channel} are not included in {current} of this customer; {offer}"),
    ))
}

/// Refuses an urgent request in a plannable category: plannable work is asked for in
/// advance and cannot be urgent.
pub async fn check_urgency(
    tx: &mut Tx<'_>,
    category: Option<&str>,
    urgency: Urgency,
) -> Result<()> {
    if urgency != Urgency::Urgent {
        return Ok(());
    }
    let Some(code) = category else {
        return Ok(());
    };
    match repo::plans::category(tx, code).await? {
        Some(c) if c.plannable => Err(AppError::field(
            "urgency",
            format!(
                "{} is plannable work and cannot be urgent; urgent means an unforeseeable failure. Ask for it in advance as a normal request",
                c.name
            ),
        )),
        _ => Ok(()),
    }
}
