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

/// Checks a calendar's input and gives its row (id 0).
fn calendar_row(input: NewCalendar, now: i64) -> Result<CalendarRow> {
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
    Ok(CalendarRow {
        id: 0,
        name: name.unwrap_or_default(),
        time_zone: input.time_zone.trim().to_string(),
        hours: hours.unwrap_or_default(),
        holidays,
        closures: input.closures.join(","),
        extra_working_days: input.extra_working_days.join(","),
        created_at: now,
        updated_at: now,
    })
}

fn name_taken(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(_) => {
            AppError::field("name", "a calendar with this name already exists")
        }
        e => e.into(),
    }
}

/// Creates a calendar after checking it computes.
pub async fn create_calendar(db: &Db, actor: &Actor, input: NewCalendar) -> Result<Calendar> {
    actor.require(Permission::ManageStaff)?;
    let now = now_ms();
    let mut row = calendar_row(input, now)?;
    let mut tx = db.begin().await?;
    row.id = repo::sla::insert_calendar(&mut tx, &row)
        .await
        .map_err(name_taken)?;
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

/// A calendar after a change, and how many running clocks were recomputed on it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CalendarChanged {
    /// The calendar as it is now.
    pub calendar: Calendar,
    /// Running clocks whose due and warning times were recomputed.
    pub clocks_recomputed: usize,
}

/// Changes a calendar and recomputes every running clock that counts on it, in one transaction.
/// Clocks already escalated keep their due time: a breach that was acted on stays a breach.
pub async fn update_calendar(
    app: &App,
    actor: &Actor,
    id: i64,
    input: NewCalendar,
) -> Result<CalendarChanged> {
    actor.require(Permission::ManageStaff)?;
    let now = now_ms();
    let mut row = calendar_row(input, now)?;
    let cal = build(&row).map_err(|e| AppError::field("hours", e))?;
    row.id = id;
    let mut tx = app.db.begin().await?;
    let old = repo::sla::get_calendar(&mut tx, id)
        .await
        .not_found(|| format!("calendar {id}"))?;
    row.created_at = old.created_at;
    repo::sla::update_calendar(&mut tx, &row)
        .await
        .map_err(name_taken)?;
    let changes = vec![
        ("name", Some(old.name.clone()), Some(row.name.clone())),
        (
            "time_zone",
            Some(old.time_zone.clone()),
            Some(row.time_zone.clone()),
        ),
        ("hours", Some(old.hours.clone()), Some(row.hours.clone())),
        ("holidays", old.holidays.clone(), row.holidays.clone()),
        (
            "closures",
            Some(old.closures.clone()),
            Some(row.closures.clone()),
        ),
        (
            "extra_working_days",
            Some(old.extra_working_days.clone()),
            Some(row.extra_working_days.clone()),
        ),
    ];
    audit::changed(&mut tx, "calendar", id, actor, now, changes, None).await?;
    let started = std::time::Instant::now();
    let warn: HashMap<i64, i64> = repo::sla::list_policies(&mut tx)
        .await?
        .into_iter()
        .map(|p| (p.id, p.warn_percent))
        .collect();
    // A page at a time, so memory stays flat however many tickets are open.
    let (mut after, mut recomputed) = (0i64, 0usize);
    let (mut t_load, mut t_compute, mut t_write) = (
        std::time::Duration::ZERO,
        std::time::Duration::ZERO,
        std::time::Duration::ZERO,
    );
    loop {
        let t0 = std::time::Instant::now();
        const PAGE: usize = 5000;
        let mut clocks =
            repo::sla::open_clocks_of_calendar(&mut tx, id, after, PAGE as i64).await?;
        let (Some(first), Some(mut last)) = (
            clocks.first().map(|c| c.ticket_id),
            clocks.last().map(|c| c.ticket_id),
        ) else {
            break;
        };
        if clocks.len() == PAGE && first != last {
            // The last ticket may go on in the next page: leave it whole for that page.
            clocks.retain(|c| c.ticket_id != last);
            last = clocks.last().map_or(first, |c| c.ticket_id);
        }
        let mut pauses: HashMap<i64, Vec<(Timestamp, Option<Timestamp>)>> = HashMap::new();
        for p in repo::sla::pauses_of_tickets(&mut tx, first, last).await? {
            pauses
                .entry(p.ticket_id)
                .or_default()
                .push((ts(p.started_at), p.ended_at.map(ts)));
        }
        let t1 = std::time::Instant::now();
        let updates = recompute_all(&cal, &clocks, &pauses, &warn)?;
        let t2 = std::time::Instant::now();
        repo::sla::update_due_many(&mut tx, &updates).await?;
        t_load += t1 - t0;
        t_compute += t2 - t1;
        t_write += t2.elapsed();
        recomputed += updates.len();
        after = last;
    }
    tx.commit().await?;
    tracing::info!(
        calendar = id,
        clocks = recomputed,
        ms = started.elapsed().as_millis(),
        load_ms = t_load.as_millis(),
        compute_ms = t_compute.as_millis(),
        write_ms = t_write.as_millis(),
        "calendar changed; running clocks recomputed"
    );
    if let Ok(mut m) = app.calendars.0.lock() {
        m.remove(&id);
    }
    Ok(CalendarChanged {
        calendar: to_calendar(row),
        clocks_recomputed: recomputed,
    })
}

/// New due and warning times of running clocks on one calendar (pure; the costly part of a
/// calendar change).
pub fn recompute_all(
    cal: &BusinessCalendar,
    clocks: &[ClockRow],
    pauses: &HashMap<i64, Vec<(Timestamp, Option<Timestamp>)>>,
    warn_percent: &HashMap<i64, i64>,
) -> Result<Vec<repo::sla::DueUpdate>> {
    let none = Vec::new();
    let mut out = Vec::with_capacity(clocks.len());
    for c in clocks {
        let Ok(target) = SlaTarget::parse(&c.target) else {
            continue;
        };
        let ps = pauses.get(&c.ticket_id).unwrap_or(&none);
        let due = due_with_pauses(cal, target, ts(c.started_at), ps).map_err(|e| {
            AppError::field(
                "hours",
                format!("clock {} of ticket {}: {e}", c.metric, c.ticket_id),
            )
        })?;
        let warn = warn_time(
            cal,
            target,
            ts(c.started_at),
            ps,
            warn_percent.get(&c.policy_id).copied().unwrap_or(80),
        )?;
        out.push((
            c.ticket_id,
            c.metric.clone(),
            due.map(|d| d.as_millisecond()),
            warn,
        ));
    }
    Ok(out)
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

/// Checks a policy against the rules and the database; `id` is the policy being changed.
async fn check_policy(tx: &mut Tx<'_>, p: SlaPolicy, id: i64, now: i64) -> Result<SlaPolicyRow> {
    let mut v = ValidationError::new();
    let name = v.check("name", text::required_line(&p.name, 100));
    let given = [
        &p.reaction,
        &p.first_answer,
        &p.remote_resolution,
        &p.visit,
        &p.resolution,
    ];
    let mut targets: Vec<Option<String>> = Vec::new();
    for (field, t) in METRICS.iter().zip(given) {
        targets.push(
            match t.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                Some(t) => v.check(field, SlaTarget::parse(t)).map(|t| t.to_string()),
                None => None,
            },
        );
    }
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
    repo::sla::get_calendar(tx, p.calendar_id)
        .await
        .missing_ref("calendar_id", "calendar", p.calendar_id)?;
    if let Some(team) = p.escalate_team_id {
        repo::agents::get_team(tx, team)
            .await
            .missing_ref("escalate_team_id", "team", team)?;
    }
    if repo::sla::list_policies(tx)
        .await?
        .iter()
        .any(|x| x.category == category && x.id != id)
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
    Ok(SlaPolicyRow {
        id,
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
    })
}

/// Creates an SLA policy: the default (no category) or a category's override.
pub async fn create_policy(db: &Db, actor: &Actor, p: SlaPolicy) -> Result<SlaPolicy> {
    actor.require(Permission::ManageStaff)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let mut row = check_policy(&mut tx, p, 0, now).await?;
    row.id = repo::sla::insert_policy(&mut tx, &row).await?;
    audit::created(&mut tx, "sla_policy", row.id, actor, now, row.name.clone()).await?;
    tx.commit().await?;
    Ok(to_policy(row))
}

/// Replaces a policy. Tickets opened from now on use the new targets; running clocks keep the
/// target they started with (a promise made to a customer is not changed afterwards).
pub async fn update_policy(db: &Db, actor: &Actor, id: i64, p: SlaPolicy) -> Result<SlaPolicy> {
    actor.require(Permission::ManageStaff)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let old = repo::sla::get_policy(&mut tx, id)
        .await
        .not_found(|| format!("SLA policy {id}"))?;
    let mut row = check_policy(&mut tx, p, id, now).await?;
    row.created_at = old.created_at;
    repo::sla::update_policy(&mut tx, &row).await?;
    let fields = |r: &SlaPolicyRow| {
        format!(
            "{} calendar:{} category:{} reaction:{} first_answer:{} remote_resolution:{} visit:{} resolution:{} warn:{}% escalate_team:{}",
            r.name,
            r.calendar_id,
            r.category.as_deref().unwrap_or("-"),
            r.reaction.as_deref().unwrap_or("-"),
            r.first_answer.as_deref().unwrap_or("-"),
            r.remote_resolution.as_deref().unwrap_or("-"),
            r.visit.as_deref().unwrap_or("-"),
            r.resolution.as_deref().unwrap_or("-"),
            r.warn_percent,
            r.escalate_team_id
                .map_or("-".to_string(), |t| t.to_string())
        )
    };
    audit::changed(
        &mut tx,
        "sla_policy",
        id,
        actor,
        now,
        vec![("policy", Some(fields(&old)), Some(fields(&row)))],
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(to_policy(row))
}

/// Deletes a policy that no ticket's clock used.
pub async fn delete_policy(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    actor.require(Permission::ManageStaff)?;
    let mut tx = db.begin().await?;
    repo::sla::get_policy(&mut tx, id)
        .await
        .not_found(|| format!("SLA policy {id}"))?;
    if !repo::sla::delete_policy(&mut tx, id).await? {
        return Err(AppError::Conflict(format!(
            "SLA policy {id} has timed tickets; change it instead, or give its category to a new policy"
        )));
    }
    audit::created(&mut tx, "sla_policy", id, actor, now_ms(), "deleted".into()).await?;
    tx.commit().await?;
    Ok(())
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

/// Compliance of one group in a report.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Compliance {
    /// Policy, organization or team id (absent for tickets without one).
    pub id: Option<i64>,
    /// Tickets with SLA clocks reported in the period.
    pub count: usize,
    /// Tickets whose every clock was met on time.
    pub met: usize,
    /// Tickets with at least one clock breached (met late, or overdue now).
    pub breached: usize,
    /// Tickets still running within their targets.
    pub open: usize,
    /// Median business minutes from the report to the delivered acknowledgement.
    pub reaction_median_minutes: Option<i64>,
    /// 90th percentile of the same.
    pub reaction_p90_minutes: Option<i64>,
}

/// SLA compliance of tickets reported in a period.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SlaReport {
    /// Start of the period (RFC 3339).
    pub from: String,
    /// End of the period, exclusive (RFC 3339).
    pub to: String,
    /// Per SLA policy (plans will group these once contracts exist).
    pub by_policy: Vec<Compliance>,
    /// Per customer organization.
    pub by_organization: Vec<Compliance>,
    /// Per team.
    pub by_team: Vec<Compliance>,
}

/// Report period.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// Start, RFC 3339 instant or a date (`2026-11-01`, midnight UTC).
    pub from: String,
    /// End, exclusive, in the same forms.
    pub to: String,
}

fn parse_bound(v: &mut ValidationError, field: &str, s: &str) -> Option<i64> {
    if let Ok(t) = s.parse::<Timestamp>() {
        return Some(t.as_millisecond());
    }
    match s.parse::<jiff::civil::Date>() {
        Ok(d) => d
            .to_zoned(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp().as_millisecond()),
        Err(_) => {
            v.push(
                field,
                "use an RFC 3339 instant (2026-11-01T00:00:00Z) or a date (2026-11-01)",
            );
            None
        }
    }
}

fn percentile(sorted: &[i64], p: usize) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    // nearest-rank method
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// How one ticket fared against its clocks.
struct Outcome {
    ticket: i64,
    policy: i64,
    org: Option<i64>,
    team: Option<i64>,
    breached: bool,
    all_met: bool,
    reaction: Option<i64>,
}

/// SLA compliance per policy, organization and team for tickets reported in `[from, to)`.
pub async fn report(app: &App, actor: &Actor, q: ReportQuery) -> Result<SlaReport> {
    actor.require(Permission::ReadTickets)?;
    if actor.organization_scope().is_some() {
        return Err(AppError::Forbidden("reports are for staff".into()));
    }
    let mut v = ValidationError::new();
    let from = parse_bound(&mut v, "from", &q.from);
    let to = parse_bound(&mut v, "to", &q.to);
    if let (Some(f), Some(t)) = (from, to)
        && t <= f
    {
        v.push("to", "must be after from");
    }
    v.into_result()?;
    let (Some(from), Some(to)) = (from, to) else {
        unreachable!("validated")
    };
    let now = now_ms();
    let mut tx = app.db.read().await?;
    let rows = repo::sla::clocks_reported_between(&mut tx, from, to).await?;
    let mut tickets: Vec<Outcome> = Vec::new();
    for (c, org, team) in rows {
        let breached = match (c.met_at, c.due_at) {
            (Some(m), Some(d)) => m > d,
            (None, Some(d)) => now > d,
            _ => false,
        };
        let reaction = match (c.metric.as_str(), c.met_at) {
            ("reaction", Some(m)) => {
                let cal = app.calendars.get(&mut tx, c.calendar_id).await?;
                Some(cal.business_between(ts(c.started_at), ts(m)).as_secs() / 60)
            }
            _ => None,
        };
        match tickets.last_mut() {
            Some(t) if t.ticket == c.ticket_id => {
                t.breached |= breached;
                t.all_met &= c.met_at.is_some();
                t.reaction = t.reaction.or(reaction);
            }
            _ => tickets.push(Outcome {
                ticket: c.ticket_id,
                policy: c.policy_id,
                org,
                team,
                breached,
                all_met: c.met_at.is_some(),
                reaction,
            }),
        }
    }
    fn group(tickets: &[Outcome], key: impl Fn(&Outcome) -> Option<i64>) -> Vec<Compliance> {
        let mut groups: std::collections::BTreeMap<Option<i64>, (Compliance, Vec<i64>)> =
            Default::default();
        for t in tickets {
            let (g, reactions) = groups.entry(key(t)).or_default();
            g.id = key(t);
            g.count += 1;
            if t.breached {
                g.breached += 1;
            } else if t.all_met {
                g.met += 1;
            } else {
                g.open += 1;
            }
            reactions.extend(t.reaction);
        }
        groups
            .into_values()
            .map(|(mut g, mut r)| {
                r.sort_unstable();
                g.reaction_median_minutes = percentile(&r, 50);
                g.reaction_p90_minutes = percentile(&r, 90);
                g
            })
            .collect()
    }
    Ok(SlaReport {
        from: rfc3339(from),
        to: rfc3339(to),
        by_policy: group(&tickets, |t| Some(t.policy)),
        by_organization: group(&tickets, |t| t.org),
        by_team: group(&tickets, |t| t.team),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<i64> = (1..=10).collect();
        assert_eq!(super::percentile(&v, 50), Some(5));
        assert_eq!(super::percentile(&v, 90), Some(9));
        assert_eq!(super::percentile(&[7], 90), Some(7));
        assert_eq!(super::percentile(&[], 50), None);
    }
}
