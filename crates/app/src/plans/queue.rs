//! The service queue: open requests in the order staff should serve them, each with the
//! reason for its place.

use super::*;
use crate::rfc3339;
use podpora_core::plan::{QueueKey, queue_order};

/// How much of the queue to show.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// Positions to return, 1–1000 (default 200).
    pub limit: Option<u32>,
}

/// One position in the queue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QueueEntry {
    /// The ticket's id, for the workspace to look up its clocks.
    #[serde(skip)]
    pub ticket_id: i64,
    /// 1 is served first.
    pub position: u32,
    /// Ticket number.
    pub number: String,
    /// Subject.
    pub subject: String,
    /// Status.
    pub status: String,
    /// `urgent` or `normal`.
    pub urgency: String,
    /// Category.
    pub category: Option<String>,
    /// How the request came in.
    pub channel: String,
    /// Customer.
    pub organization_id: Option<i64>,
    /// Team.
    pub team_id: Option<i64>,
    /// Assignee.
    pub assignee_id: Option<i64>,
    /// The customer's plan now, or `basic`.
    pub plan_code: String,
    /// The plan's name; absent on the basic service.
    pub plan_name: Option<String>,
    /// The plan's rank; absent on the basic service.
    pub plan_rank: Option<i64>,
    /// The earliest due time of a running SLA clock (RFC 3339).
    pub due_at: Option<String>,
    /// Which clock that is.
    pub due_metric: Option<String>,
    /// Reported (RFC 3339).
    pub created_at: String,
    /// How many of our staff's personal addresses the request was copied to besides a support
    /// address; such a request goes after equal ones.
    pub staff_copies: u32,
    /// Why the ticket is at this position, in the order the rule applies.
    pub reason: String,
}

/// Open tickets (neither resolved nor closed) in service order: plan customers first, a higher
/// plan rank first, urgent before normal, a request copied to fewer staff first, the earliest
/// SLA due time first, then the oldest.
/// The plan is the customer's plan now (the asset's contract before the organization's).
/// A technician sees only the tickets of their teams and those assigned to them.
pub async fn queue(db: &Db, actor: &Actor, q: QueueQuery) -> Result<Vec<QueueEntry>> {
    actor.require(Permission::ReadTickets)?;
    if actor.is_customer() {
        return Err(AppError::Forbidden("the service queue is for staff".into()));
    }
    let limit = usize::try_from(q.limit.unwrap_or(200).clamp(1, 1000)).unwrap_or(200);
    let now = now_ms();
    let today = day_of(now).to_string();
    let mut tx = db.read().await?;
    let rows = repo::plans::open_tickets_for_queue(&mut tx, 100_000, actor.team_scope()).await?;
    let contracts = repo::plans::contracts_on(&mut tx, &today).await?;
    let plans = repo::plans::list_plans(&mut tx).await?;
    drop(tx);
    let plan_of = |org: Option<i64>, asset: Option<i64>| -> Option<&PlanRow> {
        let org = org?;
        let c = contracts
            .iter()
            .find(|c| c.organization_id == org && asset.is_some() && c.asset_id == asset)
            .or_else(|| {
                contracts
                    .iter()
                    .find(|c| c.organization_id == org && c.asset_id.is_none())
            })?;
        plans.iter().find(|p| p.id == c.plan_id)
    };
    let mut keyed: Vec<(QueueKey, Option<&PlanRow>, _)> = rows
        .into_iter()
        .map(|r| {
            let plan = plan_of(r.organization_id, r.asset_id);
            let key = QueueKey {
                plan_rank: plan.map(|p| p.rank),
                urgent: r.urgency == "urgent",
                // A negative count cannot be written; read as none rather than refused.
                staff_copies: u32::try_from(r.staff_copies).unwrap_or(0),
                due_at: r.due_at,
                created_at: r.created_at,
                id: r.id,
            };
            (key, plan, r)
        })
        .collect();
    keyed.sort_by(|a, b| queue_order(&a.0, &b.0));
    Ok(keyed
        .into_iter()
        .take(limit)
        .enumerate()
        .map(|(i, (k, plan, r))| {
            let who = match plan {
                Some(p) => format!("plan {} (rank {})", p.name, p.rank),
                None => "basic service (no plan): after every plan customer".to_string(),
            };
            let how = if k.urgent { "urgent" } else { "normal" };
            let copied = match k.staff_copies {
                0 => String::new(),
                n => format!("; copied to {n} staff"),
            };
            let when = match (&r.due_metric, r.due_at) {
                (Some(m), Some(d)) => format!("{m} due {}", rfc3339(d)),
                _ => "no running SLA clock".to_string(),
            };
            QueueEntry {
                position: u32::try_from(i + 1).unwrap_or(u32::MAX),
                reason: format!(
                    "{who}; {how}{copied}; {when}; reported {}",
                    rfc3339(r.created_at)
                ),
                staff_copies: k.staff_copies,
                ticket_id: r.id,
                channel: r.channel,
                number: r.number,
                subject: r.subject,
                status: r.status,
                urgency: r.urgency,
                category: r.category,
                organization_id: r.organization_id,
                team_id: r.team_id,
                assignee_id: r.assignee_id,
                plan_code: plan.map_or("basic".into(), |p| p.code.clone()),
                plan_name: plan.map(|p| p.name.clone()),
                plan_rank: plan.map(|p| p.rank),
                due_at: r.due_at.map(rfc3339),
                due_metric: r.due_metric,
                created_at: rfc3339(r.created_at),
            }
        })
        .collect())
}
