//! Business calendars, SLA policies, and the SLA clocks of tickets (R-30 … R-33).
//!
//! A ticket gets one clock per metric its policy sets a target for, when it is opened: the
//! category's own policy, else the default policy. Waiting for the customer or for payment
//! pauses every running clock; leaving those statuses resumes them with the due time pushed by
//! the business time paused. The reaction clock stops when the acknowledgement is *delivered*;
//! the first-answer clock at the first public reply; the resolution clocks at resolution.

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

/// The metrics a policy can set targets for.
pub const METRICS: [&str; 5] = [
    "reaction",
    "first_answer",
    "remote_resolution",
    "visit",
    "resolution",
];

/// A business calendar as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Calendar {
    /// Id.
    pub id: i64,
    /// Name, e.g. "Office hours SK".
    pub name: String,
    /// IANA time zone.
    pub time_zone: String,
    /// Opening hours, e.g. `mon-fri 08:30-17:00; sat-sun 09:00-18:00` or `24x7`.
    pub hours: String,
    /// Country whose public days off close the calendar: SK, CZ, PL, or none.
    pub holidays: Option<String>,
    /// Company closures, `YYYY-MM-DD`.
    pub closures: Vec<String>,
    /// Extra working days, `YYYY-MM-DD`.
    pub extra_working_days: Vec<String>,
}

/// A new calendar.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCalendar {
    /// Name (unique).
    pub name: String,
    /// IANA time zone, e.g. `Europe/Bratislava`.
    pub time_zone: String,
    /// Opening hours.
    pub hours: String,
    /// SK, CZ, PL; absent for none.
    pub holidays: Option<String>,
    /// Company closures.
    #[serde(default)]
    pub closures: Vec<String>,
    /// Extra working days.
    #[serde(default)]
    pub extra_working_days: Vec<String>,
}

/// An SLA policy as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SlaPolicy {
    /// Id (ignored when creating).
    #[serde(default)]
    pub id: i64,
    /// Name.
    pub name: String,
    /// The calendar the targets count on.
    pub calendar_id: i64,
    /// The category this policy is for; absent for the default policy.
    pub category: Option<String>,
    /// Reaction (acknowledgement delivered): `4h`, `240m`, `2bd`, `same-day`, `24ch`.
    pub reaction: Option<String>,
    /// First human answer.
    pub first_answer: Option<String>,
    /// Remote resolution.
    pub remote_resolution: Option<String>,
    /// Technician visit.
    pub visit: Option<String>,
    /// Final resolution.
    pub resolution: Option<String>,
    /// Warn when this share of the target has elapsed (default 80).
    pub warn_percent: Option<u8>,
    /// On a breach, move the ticket to this team (the urgency is always raised).
    pub escalate_team_id: Option<i64>,
}

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

/// Built calendars by id; calendars do not change once created, so entries never go stale.
#[derive(Debug, Clone, Default)]
pub(crate) struct CalendarCache(Arc<Mutex<HashMap<i64, Arc<BusinessCalendar>>>>);

fn split_dates(s: &str) -> Vec<String> {
    s.split(',')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(String::from)
        .collect()
}

fn build(row: &CalendarRow) -> Result<BusinessCalendar, String> {
    let hours = OpeningHours::parse(&row.hours).map_err(|e| e.to_string())?;
    let country = match &row.holidays {
        Some(c) => Some(c.parse::<Country>()?),
        None => None,
    };
    let dates = |s: &str| -> Result<Vec<jiff::civil::Date>, String> {
        split_dates(s)
            .iter()
            .map(|d| {
                d.parse()
                    .map_err(|_| format!("{d:?} is not a date YYYY-MM-DD"))
            })
            .collect()
    };
    Ok(BusinessCalendar::new(&row.time_zone, hours, country)
        .map_err(|e| e.to_string())?
        .with_closures(dates(&row.closures)?)
        .with_extra_working_days(dates(&row.extra_working_days)?))
}

impl CalendarCache {
    async fn get(&self, tx: &mut Tx<'_>, id: i64) -> Result<Arc<BusinessCalendar>> {
        if let Some(c) = self.0.lock().ok().and_then(|m| m.get(&id).cloned()) {
            return Ok(c);
        }
        let row = repo::sla::get_calendar(tx, id)
            .await
            .not_found(|| format!("calendar {id}"))?;
        let cal = Arc::new(
            build(&row)
                .map_err(|e| AppError::Conflict(format!("calendar {id} is invalid: {e}")))?,
        );
        if let Ok(mut m) = self.0.lock() {
            m.insert(id, cal.clone());
        }
        Ok(cal)
    }
}

fn to_calendar(r: CalendarRow) -> Calendar {
    Calendar {
        id: r.id,
        closures: split_dates(&r.closures),
        extra_working_days: split_dates(&r.extra_working_days),
        name: r.name,
        time_zone: r.time_zone,
        hours: r.hours,
        holidays: r.holidays,
    }
}

/// Creates a calendar after checking it computes.
pub async fn create_calendar(db: &Db, actor: &Actor, input: NewCalendar) -> Result<Calendar> {
    actor.require(Permission::ManageStaff)?;
    let mut v = ValidationError::new();
    let name = v.check("name", text::required_line(&input.name, 100));
    let hours = v
        .check("hours", OpeningHours::parse(&input.hours))
        .map(|h| h.to_string());
    let holidays = match input.holidays.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(h) if h.eq_ignore_ascii_case("none") => None,
        Some(h) => v
            .check("holidays", h.parse::<Country>())
            .map(|c| c.to_string()),
    };
    if let Err(e) = BusinessCalendar::new(&input.time_zone, OpeningHours::always(), None) {
        v.push("time_zone", e.to_string());
    }
    for (field, list) in [
        ("closures", &input.closures),
        ("extra_working_days", &input.extra_working_days),
    ] {
        for (i, d) in list.iter().enumerate() {
            if d.parse::<jiff::civil::Date>().is_err() {
                v.push(format!("{field}[{i}]"), "is not a date YYYY-MM-DD");
            }
        }
    }
    v.into_result()?;
    let now = now_ms();
    let mut row = CalendarRow {
        id: 0,
        name: name.unwrap_or_default(),
        time_zone: input.time_zone.trim().to_string(),
        hours: hours.unwrap_or_default(),
        holidays,
        closures: input.closures.join(","),
        extra_working_days: input.extra_working_days.join(","),
        created_at: now,
        updated_at: now,
    };
    let mut tx = db.begin().await?;
    row.id = repo::sla::insert_calendar(&mut tx, &row)
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => {
                AppError::field("name", "a calendar with this name already exists")
            }
            e => e.into(),
        })?;
    audit::created(
        &mut tx,
        "calendar",
        row.id,
        actor,
        now,
        format!("{} {} {}", row.name, row.time_zone, row.hours),
    )
    .await?;
    tx.commit().await?;
    Ok(to_calendar(row))
}

/// Every calendar.
pub async fn list_calendars(db: &Db, actor: &Actor) -> Result<Vec<Calendar>> {
    actor.require(Permission::ReadStaff)?;
    let mut tx = db.read().await?;
    Ok(repo::sla::list_calendars(&mut tx)
        .await?
        .into_iter()
        .map(to_calendar)
        .collect())
}

fn to_policy(r: SlaPolicyRow) -> SlaPolicy {
    SlaPolicy {
        id: r.id,
        name: r.name,
        calendar_id: r.calendar_id,
        category: r.category,
        reaction: r.reaction,
        first_answer: r.first_answer,
        remote_resolution: r.remote_resolution,
        visit: r.visit,
        resolution: r.resolution,
        warn_percent: u8::try_from(r.warn_percent).ok(),
        escalate_team_id: r.escalate_team_id,
    }
}

/// Creates an SLA policy: the default (no category) or a category's override.
pub async fn create_policy(db: &Db, actor: &Actor, p: SlaPolicy) -> Result<SlaPolicy> {
    actor.require(Permission::ManageStaff)?;
    let mut v = ValidationError::new();
    let name = v.check("name", text::required_line(&p.name, 100));
    let mut targets: Vec<Option<String>> = Vec::new();
    for (field, t) in METRICS.iter().zip([
        &p.reaction,
        &p.first_answer,
        &p.remote_resolution,
        &p.visit,
        &p.resolution,
    ]) {
        targets.push(
            match t.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                Some(t) => v.check(field, SlaTarget::parse(t)).map(|t| t.to_string()),
                None => None,
            },
        );
    }
    let given = [
        &p.reaction,
        &p.first_answer,
        &p.remote_resolution,
        &p.visit,
        &p.resolution,
    ];
    if given
        .iter()
        .all(|t| t.as_deref().is_none_or(|t| t.trim().is_empty()))
    {
        v.push("reaction", "set at least one target (reaction, first_answer, remote_resolution, visit, resolution)");
    }
    let warn = p.warn_percent.unwrap_or(80);
    if !(1..=99).contains(&warn) {
        v.push("warn_percent", "must be between 1 and 99");
    }
    let category = p
        .category
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from);
    v.into_result()?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    repo::sla::get_calendar(&mut tx, p.calendar_id)
        .await
        .missing_ref("calendar_id", "calendar", p.calendar_id)?;
    if let Some(team) = p.escalate_team_id {
        repo::agents::get_team(&mut tx, team).await.missing_ref(
            "escalate_team_id",
            "team",
            team,
        )?;
    }
    if repo::sla::list_policies(&mut tx)
        .await?
        .iter()
        .any(|x| x.category == category)
    {
        return Err(AppError::field(
            "category",
            match &category {
                Some(c) => format!("category {c:?} already has a policy"),
                None => "a default policy exists already; give a category for an override".into(),
            },
        ));
    }
    let mut t = targets.into_iter();
    let mut row = SlaPolicyRow {
        id: 0,
        name: name.unwrap_or_default(),
        calendar_id: p.calendar_id,
        category,
        reaction: t.next().flatten(),
        first_answer: t.next().flatten(),
        remote_resolution: t.next().flatten(),
        visit: t.next().flatten(),
        resolution: t.next().flatten(),
        warn_percent: i64::from(warn),
        created_at: now,
        escalate_team_id: p.escalate_team_id,
    };
    row.id = repo::sla::insert_policy(&mut tx, &row).await?;
    audit::created(&mut tx, "sla_policy", row.id, actor, now, row.name.clone()).await?;
    tx.commit().await?;
    Ok(to_policy(row))
}

/// Every policy.
pub async fn list_policies(db: &Db, actor: &Actor) -> Result<Vec<SlaPolicy>> {
    actor.require(Permission::ReadStaff)?;
    let mut tx = db.read().await?;
    Ok(repo::sla::list_policies(&mut tx)
        .await?
        .into_iter()
        .map(to_policy)
        .collect())
}

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// The clocks a new ticket gets (ticket id 0 until it is written).
pub(crate) async fn plan_clocks(
    app: &App,
    tx: &mut Tx<'_>,
    category: Option<&str>,
    reported_at: i64,
) -> Result<Vec<ClockRow>> {
    let Some(p) = repo::sla::policy_for(tx, category).await? else {
        return Ok(Vec::new());
    };
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
        for m in ["remote_resolution", "resolution"] {
            mark_met(tx, ticket_id, m, now).await?;
        }
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

/// What one scheduler pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TickReport {
    /// Warnings raised.
    pub warnings: usize,
    /// Breaches escalated.
    pub escalations: usize,
}

/// One pass of the SLA scheduler at `now`: warns for clocks past their warning time and
/// escalates breached ones (urgency raised, optional move to the policy's team, notification
/// queued). Each action is claimed by a conditional update in its own transaction, so it happens
/// exactly once, whether the pass runs late after a restart or on several nodes at once.
pub async fn tick(app: &App, now: i64) -> Result<TickReport> {
    let mut report = TickReport::default();
    let pending = {
        let mut tx = app.db.read().await?;
        repo::sla::pending_actions(&mut tx, now, 500).await?
    };
    for c in pending {
        let mut tx = app.db.begin().await?;
        let breach = c.due_at.is_some_and(|d| d <= now) && c.escalated_at.is_none();
        if breach {
            if !repo::sla::claim_escalation(&mut tx, c.ticket_id, &c.metric, now).await? {
                continue;
            }
            let policy = repo::sla::get_policy(&mut tx, c.policy_id).await?;
            let old = repo::tickets::get_by_id(&mut tx, c.ticket_id).await?;
            let mut row = old.clone();
            row.urgency = podpora_core::Urgency::Urgent.to_string();
            if let Some(team) = policy.escalate_team_id {
                row.team_id = Some(team);
            }
            row.updated_at = now;
            let reason = format!("SLA {} target {} breached", c.metric, c.target);
            audit::changed(
                &mut tx,
                "ticket",
                row.id,
                &Actor::System,
                now,
                vec![
                    ("sla_breached", None, Some(c.metric.clone())),
                    (
                        "urgency",
                        Some(old.urgency.clone()),
                        Some(row.urgency.clone()),
                    ),
                    (
                        "team_id",
                        audit::opt(&old.team_id),
                        audit::opt(&row.team_id),
                    ),
                ],
                Some(&reason),
            )
            .await?;
            repo::tickets::update(&mut tx, &row).await?;
            notify(&mut tx, "sla_breached", &row.number, &c.metric, now).await?;
            report.escalations += 1;
        } else {
            if !repo::sla::claim_warning(&mut tx, c.ticket_id, &c.metric, now).await? {
                continue;
            }
            audit::changed(
                &mut tx,
                "ticket",
                c.ticket_id,
                &Actor::System,
                now,
                vec![("sla_warning", None, Some(c.metric.clone()))],
                None,
            )
            .await?;
            let number = repo::tickets::get_by_id(&mut tx, c.ticket_id).await?.number;
            notify(&mut tx, "sla_warning", &number, &c.metric, now).await?;
            report.warnings += 1;
        }
        tx.commit().await?;
    }
    if report.escalations > 0 || report.warnings > 0 {
        tracing::info!(
            warnings = report.warnings,
            escalations = report.escalations,
            "SLA scheduler pass"
        );
    }
    Ok(report)
}

/// Queues a notification for the team (sent by the mail channel once it exists).
async fn notify(tx: &mut Tx<'_>, event: &str, number: &str, metric: &str, now: i64) -> Result<()> {
    let payload =
        serde_json::json!({"event": event, "ticket": number, "metric": metric}).to_string();
    repo::jobs::enqueue(tx, "notify_team", &payload, now, now).await?;
    Ok(())
}
