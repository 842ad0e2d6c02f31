//! Entitlements checked when a request comes in: the channel must be in the customer's plan (or
//! in the basic service), and plannable work cannot be urgent. Every intake (API, portal, mail,
//! chat, phone) calls these same functions.

use super::*;
use jiff::Timestamp;
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
    /// The plan's channels with the calendars of their own hours, for the intake.
    #[serde(skip)]
    pub(crate) hours: Vec<PlanChannel>,
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
            let hours = channels_of(&p);
            Ok(Entitlement {
                contract_id: Some(c.id),
                plan_id: Some(p.id),
                channels: hours.iter().map(|c| c.channel).collect(),
                hours,
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
            hours: Vec::new(),
        }),
    }
}

/// A channel of the customer's plan at an instant: open or not, and when it next opens.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChannelHours {
    /// The channel.
    pub channel: Channel,
    /// The calendar of the channel's own hours; absent when it has none of its own (requests
    /// by it are taken whenever they come).
    pub calendar_id: Option<i64>,
    /// Whether a request by this channel now is within its hours.
    pub open_now: bool,
    /// When it next opens (RFC 3339 in the calendar's zone), while it is closed.
    pub next_opening: Option<String>,
}

/// A request that came in outside its channel's own hours: accepted, with its clocks
/// starting at the channel's next opening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutsideHours {
    /// The next opening, epoch ms.
    pub opens_at: i64,
    /// What the history says, e.g. "received outside the phone hours; SLA clocks start at
    /// 2026-11-30T08:00:00+01:00".
    pub note: String,
}

/// The next opening of `cal` after `at` when it is closed at `at`; `None` when it is open, or
/// when it never opens (then there is no later start to give).
fn closed_until(cal: &BusinessCalendar, at: Timestamp) -> Option<Timestamp> {
    if cal.is_open(at) {
        None
    } else {
        cal.next_opening(at)
    }
}

/// Whether a request by `channel` at `at` (epoch ms) came outside the channel's own hours in
/// the entitlement's plan, and if so when its clocks start. Every intake calls this after
/// [`check_channel`].
pub(crate) async fn outside_hours(
    tx: &mut Tx<'_>,
    e: &Entitlement,
    channel: Channel,
    at: i64,
) -> Result<Option<OutsideHours>> {
    let Some(calendar_id) = e
        .hours
        .iter()
        .find(|h| h.channel == channel)
        .and_then(|h| h.calendar_id)
    else {
        return Ok(None);
    };
    let cal = crate::sla::load_calendar(tx, calendar_id).await?;
    let Some(opens) = ts(at).and_then(|t| closed_until(&cal, t)) else {
        return Ok(None);
    };
    Ok(Some(OutsideHours {
        opens_at: opens.as_millisecond(),
        note: format!(
            "received outside the {channel} hours; SLA clocks start at {}",
            cal.format(opens)
        ),
    }))
}

/// Each channel of the entitlement at `at`: open or not, and its next opening.
pub(crate) async fn channel_hours(
    tx: &mut Tx<'_>,
    e: &Entitlement,
    at: i64,
) -> Result<Vec<ChannelHours>> {
    let mut out = Vec::with_capacity(e.channels.len());
    for &channel in &e.channels {
        let calendar_id = e
            .hours
            .iter()
            .find(|h| h.channel == channel)
            .and_then(|h| h.calendar_id);
        let (open_now, next_opening) = match calendar_id {
            Some(id) => {
                let cal = crate::sla::load_calendar(tx, id).await?;
                match ts(at).map(|t| (cal.is_open(t), closed_until(&cal, t))) {
                    Some((open, next)) => (open, next.map(|n| cal.format(n))),
                    None => (false, None),
                }
            }
            None => (true, None),
        };
        out.push(ChannelHours {
            channel,
            calendar_id,
            open_now,
            next_opening,
        });
    }
    Ok(out)
}

fn ts(ms: i64) -> Option<Timestamp> {
    Timestamp::from_millisecond(ms).ok()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_channel_gives_its_next_opening_and_an_open_one_nothing() {
        let phone = BusinessCalendar::new(
            "Europe/Bratislava",
            OpeningHours::parse("mon-fri 08:00-16:00").unwrap(),
            None,
        )
        .unwrap();
        let at = |s: &str| phone.parse_instant(s).unwrap();
        // Sunday morning: Monday at eight.
        assert_eq!(
            closed_until(&phone, at("2026-11-29T10:00")),
            Some(at("2026-11-30T08:00"))
        );
        // Friday after closing: Monday at eight.
        assert_eq!(
            closed_until(&phone, at("2026-11-27T16:00")),
            Some(at("2026-11-30T08:00"))
        );
        assert_eq!(closed_until(&phone, at("2026-11-30T08:00")), None);
        assert_eq!(closed_until(&phone, at("2026-11-30T15:59")), None);
    }
}
