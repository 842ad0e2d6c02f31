//! Business calendars, SLA policies, and the SLA clocks of tickets (R-30 … R-33).
//!
//! A ticket gets one clock per metric its policy sets a target for, when it is opened: the
//! category's own policy, else the default policy. Waiting for the customer or for payment
//! pauses every running clock; leaving those statuses resumes them with the due time pushed by
//! the business time paused. The reaction clock stops when the acknowledgement is *delivered*;
//! the first-answer clock at the first public reply; the resolution clocks at resolution.
//! The scheduler warns at the policy's share of a target and escalates a breach, each once, and
//! mails a notice to the responsible agents (the assignee, the team lead, else the team).

use crate::{
    Actor, App, AppError, Result, audit,
    error::{MissingRef, NotFoundAs},
    now_ms, rfc3339,
};
use jiff::{SignedDuration, Timestamp};
use podpora_calendar::{BusinessCalendar, Country, OpeningHours, SlaTarget, due_with_pauses};
use podpora_core::{TicketStatus, ValidationError, auth::Permission, text};
use podpora_store::{
    Db, StoreError, Tx, repo,
    rows::{CalendarRow, ClockRow, SlaPolicyRow},
};
use serde::{Deserialize, Serialize};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

mod calendars;
mod notices;
mod policies;
mod report;
mod scheduler;

pub(crate) use calendars::CalendarCache;
pub(crate) use calendars::load_calendar;
pub use calendars::{
    Calendar, CalendarChanged, NewCalendar, create_calendar, list_calendars, recompute_all,
    update_calendar,
};
pub use policies::{SlaPolicy, create_policy, delete_policy, list_policies, update_policy};
pub use report::{Compliance, ReportQuery, SlaReport, report};
pub use scheduler::{TickReport, tick};

/// The metrics a policy can set targets for.
pub const METRICS: [&str; 5] = repo::sla::CLOCK_METRICS;

/// One SLA clock of a ticket.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Clock {
    /// reaction, first_answer, remote_resolution, visit or resolution.
    pub metric: String,
    /// The target, e.g. `4h`.
    pub target: String,
    /// When counting started (the report).
    pub started_at: String,
    /// When it is due; absent while paused.
    pub due_at: Option<String>,
    /// When it was met.
    pub met_at: Option<String>,
    /// running, paused, met or breached.
    pub state: String,
    /// Whether the target was (or is now) missed.
    pub breached: bool,
    /// Business minutes left until the due time (negative when overdue; absent when met or paused).
    pub remaining_business_minutes: Option<i64>,
}

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The clocks a policy starts for a request reported at `reported_at`.
pub(crate) async fn policy_clocks(
    app: &App,
    tx: &mut Tx<'_>,
    p: &podpora_store::rows::SlaPolicyRow,
    reported_at: i64,
) -> Result<Vec<ClockRow>> {
    let cal = app.calendars.get(tx, p.calendar_id).await?;
    let mut out = Vec::new();
    for (metric, target) in METRICS.iter().zip([
        &p.reaction,
        &p.first_answer,
        &p.remote_resolution,
        &p.visit,
        &p.resolution,
    ]) {
        let Some(t) = target.as_deref().and_then(|t| SlaTarget::parse(t).ok()) else {
            continue;
        };
        let due = t
            .due(&cal, ts(reported_at))
            .map_err(|e| AppError::Conflict(format!("SLA policy {}: {e}", p.name)))?;
        let warn_at = warn_time(&cal, t, ts(reported_at), &[], p.warn_percent)?;
        out.push(ClockRow {
            ticket_id: 0,
            metric: metric.to_string(),
            target: t.to_string(),
            policy_id: p.id,
            calendar_id: p.calendar_id,
            started_at: reported_at,
            due_at: Some(due.as_millisecond()),
            met_at: None,
            warn_at,
            warned_at: None,
            escalated_at: None,
        });
    }
    Ok(out)
}

/// Recomputes the due time of every unmet clock from its start and the ticket's pauses.
async fn recompute(app: &App, tx: &mut Tx<'_>, ticket_id: i64) -> Result<()> {
    let pauses: Vec<(Timestamp, Option<Timestamp>)> = repo::sla::pauses(tx, ticket_id)
        .await?
        .into_iter()
        .map(|p| (ts(p.started_at), p.ended_at.map(ts)))
        .collect();
    for mut c in repo::sla::clocks(tx, ticket_id).await? {
        if c.met_at.is_some() {
            continue;
        }
        let cal = app.calendars.get(tx, c.calendar_id).await?;
        let Ok(target) = SlaTarget::parse(&c.target) else {
            continue;
        };
        let due = due_with_pauses(&cal, target, ts(c.started_at), &pauses)
            .map_err(|e| AppError::Conflict(format!("SLA clock {}: {e}", c.metric)))?;
        c.due_at = due.map(|d| d.as_millisecond());
        let policy = repo::sla::get_policy(tx, c.policy_id).await?;
        c.warn_at = warn_time(&cal, target, ts(c.started_at), &pauses, policy.warn_percent)?;
        repo::sla::update_clock(tx, &c).await?;
    }
    Ok(())
}

/// Pauses, resumes or stops clocks when a ticket's status changes.
pub(crate) async fn on_status_change(
    app: &App,
    tx: &mut Tx<'_>,
    ticket_id: i64,
    from: TicketStatus,
    to: TicketStatus,
    now: i64,
) -> Result<()> {
    if to.pauses_sla() && !from.pauses_sla() {
        repo::sla::start_pause(tx, ticket_id, now, to.as_str()).await?;
        recompute(app, tx, ticket_id).await?;
    } else if from.pauses_sla() && !to.pauses_sla() {
        repo::sla::end_pause(tx, ticket_id, now).await?;
        recompute(app, tx, ticket_id).await?;
    }
    if to == TicketStatus::Resolved {
        for m in [
            "remote_resolution",
            "resolution",
            repo::sla::AGREED_DEADLINE,
        ] {
            mark_met(tx, ticket_id, m, now).await?;
        }
    }
    // A ticket closed without being resolved first stops its agreed deadline too, so
    // the scheduler does not escalate a closed ticket.
    if to == TicketStatus::Closed {
        mark_met(tx, ticket_id, repo::sla::AGREED_DEADLINE, now).await?;
    }
    Ok(())
}

/// Stops a clock at `at` if it runs; true when it did.
pub(crate) async fn mark_met(
    tx: &mut Tx<'_>,
    ticket_id: i64,
    metric: &str,
    at: i64,
) -> Result<bool> {
    for mut c in repo::sla::clocks(tx, ticket_id).await? {
        if c.metric == metric && c.met_at.is_none() {
            c.met_at = Some(at);
            repo::sla::update_clock(tx, &c).await?;
            return Ok(true);
        }
    }
    Ok(false)
}

/// How the clocks look at `now`.
pub(crate) async fn views(
    app: &App,
    tx: &mut Tx<'_>,
    rows: &[ClockRow],
    now: i64,
) -> Result<Vec<Clock>> {
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        let (state, breached, remaining) = match (c.met_at, c.due_at) {
            (Some(m), due) => {
                let late = due.is_some_and(|d| m > d);
                (if late { "breached" } else { "met" }, late, None)
            }
            (None, None) => ("paused", false, None),
            (None, Some(d)) => {
                let cal = app.calendars.get(tx, c.calendar_id).await?;
                let left = if d >= now {
                    cal.business_between(ts(now), ts(d))
                } else {
                    SignedDuration::ZERO - cal.business_between(ts(d), ts(now))
                };
                let breached = now > d;
                (
                    if breached { "breached" } else { "running" },
                    breached,
                    Some(left.as_secs() / 60),
                )
            }
        };
        out.push(Clock {
            metric: c.metric.clone(),
            target: c.target.clone(),
            started_at: rfc3339(c.started_at),
            due_at: c.due_at.map(rfc3339),
            met_at: c.met_at.map(rfc3339),
            state: state.into(),
            breached,
            remaining_business_minutes: remaining,
        });
    }
    Ok(out)
}

/// When a clock reaches `percent` of its target: that share of the business (or calendar) time
/// from the start to the unpaused due time, counted across the same pauses; none while paused.
fn warn_time(
    cal: &BusinessCalendar,
    target: SlaTarget,
    start: Timestamp,
    pauses: &[(Timestamp, Option<Timestamp>)],
    percent: i64,
) -> Result<Option<i64>> {
    let err =
        |e: podpora_calendar::CalendarError| AppError::Conflict(format!("SLA warning time: {e}"));
    let due = target.due(cal, start).map_err(err)?;
    let share = |secs: i64| u32::try_from(secs * percent / 100 / 60).unwrap_or(u32::MAX);
    let part = match target {
        SlaTarget::CalendarMinutes(_) => {
            SlaTarget::CalendarMinutes(share(due.duration_since(start).as_secs()))
        }
        _ => SlaTarget::BusinessMinutes(share(cal.business_between(start, due).as_secs())),
    };
    Ok(due_with_pauses(cal, part, start, pauses)
        .map_err(err)?
        .map(|t| t.as_millisecond()))
}
