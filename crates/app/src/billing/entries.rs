//! Recording, listing and correcting time entries on a ticket. Every change is in the ticket's
//! history; an invoiced entry is corrected by a new entry, never by an edit.

use super::*;
use crate::{audit, now_ms, rfc3339, tickets::ensure_visible_row};
use podpora_core::{TicketNumber, ValidationError, text};
use podpora_store::{repo::billing::TimeEntryRow, rows::TicketRow};
use serde::{Deserialize, Serialize};

/// The longest entry: a day.
const MAX_MINUTES: i64 = 24 * 60;

/// Time worked, to record on a ticket: `start` and `end`, or `start` and `minutes`, or `date`
/// and `minutes`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTimeEntry {
    /// remote, on_site, travel, phone or training.
    pub kind: String,
    /// When the work started (RFC 3339).
    #[serde(default)]
    pub start: Option<String>,
    /// When it ended (RFC 3339).
    #[serde(default)]
    pub end: Option<String>,
    /// The day of the work (`YYYY-MM-DD`, the customer's calendar) when no start is given.
    #[serde(default)]
    pub date: Option<String>,
    /// Minutes worked, when no end is given.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// The intervention of this ticket it belongs to (entries of one are rated together);
    /// absent for a new one.
    #[serde(default)]
    pub intervention: Option<i64>,
    /// Visits to the customer's site it includes (charged the visit fee).
    #[serde(default)]
    pub visits: u32,
    /// Whether it is billed (false: covered, e.g. a warranty repair).
    #[serde(default = "yes")]
    pub billable: bool,
    /// What was done.
    #[serde(default)]
    pub note: Option<String>,
}

fn yes() -> bool {
    true
}

/// A correction of a time entry; absent fields stay.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeEntryPatch {
    /// remote, on_site, travel, phone or training.
    #[serde(default)]
    pub kind: Option<String>,
    /// Minutes worked.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// Visits.
    #[serde(default)]
    pub visits: Option<u32>,
    /// Billed or covered.
    #[serde(default)]
    pub billable: Option<bool>,
    /// The intervention it belongs to.
    #[serde(default)]
    pub intervention: Option<i64>,
    /// What was done.
    #[serde(default)]
    pub note: Option<String>,
    /// Why it is corrected; kept in the ticket's history.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A recorded time entry.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TimeEntry {
    /// Id.
    pub id: i64,
    /// The ticket.
    pub ticket_number: String,
    /// The agent who worked, if an agent recorded it.
    pub agent_id: Option<i64>,
    /// Kind of work.
    pub kind: String,
    /// Start (RFC 3339, UTC).
    pub start: String,
    /// End, when recorded with one.
    pub end: Option<String>,
    /// Minutes.
    pub minutes: i64,
    /// The intervention within the ticket.
    pub intervention: i64,
    /// Visits.
    pub visits: i64,
    /// Billed (true) or covered.
    pub billable: bool,
    /// What was done.
    pub note: Option<String>,
    /// When it was invoiced; an invoiced entry no longer changes.
    pub invoiced_at: Option<String>,
    /// Who recorded it.
    pub created_by: String,
    /// When.
    pub created_at: String,
}

fn view(r: TimeEntryRow, number: &str) -> TimeEntry {
    TimeEntry {
        id: r.id,
        ticket_number: number.to_string(),
        agent_id: r.agent_id,
        kind: r.kind,
        start: rfc3339(r.started_at),
        end: r.ended_at.map(rfc3339),
        minutes: r.minutes,
        intervention: r.intervention,
        visits: r.visits,
        billable: r.billable,
        note: r.note,
        invoiced_at: r.invoiced_at.map(rfc3339),
        created_by: r.created_by,
        created_at: rfc3339(r.created_at),
    }
}

fn summary(r: &TimeEntryRow) -> String {
    format!(
        "{} min {} (intervention {}{}{})",
        r.minutes,
        r.kind,
        r.intervention,
        if r.visits > 0 {
            format!(", {} visit(s)", r.visits)
        } else {
            String::new()
        },
        if r.billable { "" } else { ", covered" }
    )
}

async fn ticket(tx: &mut Tx<'_>, actor: &Actor, number: &str) -> Result<TicketRow> {
    let n =
        TicketNumber::parse(number).map_err(|_| AppError::NotFound(format!("ticket {number}")))?;
    let t = repo::tickets::get_by_number(tx, n.as_str())
        .await
        .not_found(|| format!("ticket {number}"))?;
    ensure_visible_row(tx, actor, &t).await?;
    Ok(t)
}

fn instant(v: &mut ValidationError, field: &str, s: &str) -> Option<i64> {
    v.check(
        field,
        s.trim()
            .parse::<jiff::Timestamp>()
            .map(|t| t.as_millisecond())
            .map_err(|e| format!("is not an RFC 3339 instant such as 2026-11-10T08:00:00Z: {e}")),
    )
}

fn check_minutes(v: &mut ValidationError, m: i64) -> Option<i64> {
    v.check(
        "minutes",
        if (1..=MAX_MINUTES).contains(&m) {
            Ok(m)
        } else {
            Err(format!(
                "must be between 1 and {MAX_MINUTES} (one entry per day of work)"
            ))
        },
    )
}

fn clean_note(v: &mut ValidationError, note: Option<&str>) -> Option<String> {
    let n = note.map(str::trim).filter(|n| !n.is_empty())?;
    v.check(
        "note",
        text::check_max_chars(n, 2000).map(|_| n.to_string()),
    )
}

/// When and how long: `(start, end, minutes)`.
fn span(
    v: &mut ValidationError,
    e: &NewTimeEntry,
    zone: &jiff::tz::TimeZone,
) -> Option<(i64, Option<i64>, i64)> {
    let minutes = e.minutes.map(i64::from);
    match (&e.start, &e.end, &e.date) {
        (Some(s), Some(end), None) => {
            let (s, end) = (instant(v, "start", s)?, instant(v, "end", end)?);
            if end <= s {
                v.push("end", "must be after start");
                return None;
            }
            let m = (end - s + 59_999) / 60_000;
            if minutes.is_some_and(|given| given != m) {
                v.push(
                    "minutes",
                    format!("start and end make {m} minutes; leave minutes out or make them agree"),
                );
                return None;
            }
            Some((s, Some(end), check_minutes(v, m)?))
        }
        (Some(s), None, None) => {
            let s = instant(v, "start", s)?;
            let Some(m) = minutes else {
                v.push("minutes", "give minutes, or an end");
                return None;
            };
            Some((s, None, check_minutes(v, m)?))
        }
        (None, None, Some(d)) => {
            let day = v.check(
                "date",
                d.trim()
                    .parse::<jiff::civil::Date>()
                    .map_err(|_| "is not a date such as 2026-11-10".to_string()),
            )?;
            let Some(m) = minutes else {
                v.push("minutes", "give the minutes worked on that date");
                return None;
            };
            let s = v.check(
                "date",
                day.to_zoned(zone.clone())
                    .map(|z| z.timestamp().as_millisecond())
                    .map_err(|e| e.to_string()),
            )?;
            Some((s, None, check_minutes(v, m)?))
        }
        _ => {
            v.push(
                "start",
                "give start and end, start and minutes, or date and minutes",
            );
            None
        }
    }
}

async fn check_intervention(
    tx: &mut Tx<'_>,
    v: &mut ValidationError,
    ticket_id: i64,
    given: Option<i64>,
) -> Result<i64> {
    let next = repo::billing::next_intervention(tx, ticket_id).await?;
    Ok(match given {
        None => next,
        Some(n) if (1..=next).contains(&n) => n,
        Some(_) => {
            v.push(
                "intervention",
                format!(
                    "this ticket's interventions are 1 to {}; leave it out to start a new one",
                    next - 1
                ),
            );
            0
        }
    })
}

/// Records time worked on a ticket (technicians, dispatchers, administrators).
pub async fn record_entry(
    db: &podpora_store::Db,
    actor: &Actor,
    number: &str,
    e: NewTimeEntry,
) -> Result<TimeEntry> {
    let mut tx = db.begin().await?;
    let t = ticket(&mut tx, actor, number).await?;
    require_recorder(actor)?;
    let zone = match t.organization_id {
        Some(org) => zone_of_country(&repo::billing::rated_org(&mut tx, org).await?.country),
        None => zone_of_country(""),
    };
    let mut v = ValidationError::new();
    let kind = v.check("kind", replay::parse_kind(e.kind.trim()));
    let span = span(&mut v, &e, &zone);
    if e.visits > 20 {
        v.push("visits", "at most 20 visits in one entry");
    }
    let note = clean_note(&mut v, e.note.as_deref());
    let intervention = check_intervention(&mut tx, &mut v, t.id, e.intervention).await?;
    v.into_result()?;
    let (Some(kind), Some((start, end, minutes))) = (kind, span) else {
        return Err(AppError::field("kind", "is missing"));
    };
    let now = now_ms();
    let mut row = TimeEntryRow {
        id: 0,
        ticket_id: t.id,
        agent_id: match actor {
            Actor::Agent(a) => Some(a.id),
            _ => None,
        },
        kind: kind.as_str().into(),
        started_at: start,
        ended_at: end,
        minutes,
        intervention,
        visits: i64::from(e.visits),
        billable: e.billable,
        note,
        invoiced_at: None,
        created_by: actor.audit_name(),
        created_at: now,
        updated_at: now,
    };
    row.id = repo::billing::insert_entries(&mut tx, std::slice::from_ref(&row))
        .await?
        .first()
        .copied()
        .ok_or_else(|| AppError::Conflict("the entry was not stored".into()))?;
    audit::changed(
        &mut tx,
        "ticket",
        t.id,
        actor,
        now,
        vec![(
            "time_entry",
            None,
            Some(format!("#{}: {}", row.id, summary(&row))),
        )],
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(view(row, &t.number))
}

/// A ticket's time entries (staff; customers see charges instead).
pub async fn list_entries(
    db: &podpora_store::Db,
    actor: &Actor,
    number: &str,
) -> Result<Vec<TimeEntry>> {
    let mut tx = db.read().await?;
    let t = ticket(&mut tx, actor, number).await?;
    if actor.is_customer() {
        return Err(AppError::Forbidden(
            "time entries are for staff; customers see a ticket's charges".into(),
        ));
    }
    Ok(repo::billing::entries_of_ticket(&mut tx, t.id)
        .await?
        .into_iter()
        .map(|r| view(r, &t.number))
        .collect())
}

/// Corrects an entry not yet invoiced: the billing role, dispatchers and administrators any,
/// a technician their own. The change and its reason go to the ticket's history.
pub async fn edit_entry(
    db: &podpora_store::Db,
    actor: &Actor,
    number: &str,
    id: i64,
    p: TimeEntryPatch,
) -> Result<TimeEntry> {
    let mut tx = db.begin().await?;
    let t = ticket(&mut tx, actor, number).await?;
    if actor.is_customer() {
        return Err(AppError::Forbidden("time entries are for staff".into()));
    }
    let old = repo::billing::entry(&mut tx, id)
        .await
        .not_found(|| format!("time entry {id}"))?;
    if old.ticket_id != t.id {
        return Err(AppError::NotFound(format!("time entry {id}")));
    }
    let own = matches!(actor, Actor::Agent(a) if Some(a.id) == old.agent_id);
    if !own && !agent_has(actor, &[Role::Billing, Role::Dispatcher, Role::Admin]) {
        return Err(AppError::Forbidden(
            "a technician corrects only their own entries; the billing role corrects any".into(),
        ));
    }
    if old.invoiced_at.is_some() {
        return Err(AppError::Conflict(format!(
            "time entry {id} is invoiced and cannot change; record a correcting entry instead"
        )));
    }
    let mut v = ValidationError::new();
    let mut row = old.clone();
    if let Some(k) = &p.kind
        && let Some(k) = v.check("kind", replay::parse_kind(k.trim()))
    {
        row.kind = k.as_str().into();
    }
    if let Some(m) = p.minutes
        && let Some(m) = check_minutes(&mut v, i64::from(m))
    {
        row.minutes = m;
        // The end no longer says how long it took.
        row.ended_at = None;
    }
    if let Some(n) = p.visits {
        row.visits = i64::from(n);
    }
    if let Some(b) = p.billable {
        row.billable = b;
    }
    if p.note.is_some() {
        row.note = clean_note(&mut v, p.note.as_deref());
    }
    if p.intervention.is_some() {
        row.intervention = check_intervention(&mut tx, &mut v, t.id, p.intervention).await?;
    }
    let reason = clean_note(&mut v, p.reason.as_deref());
    v.into_result()?;
    let now = now_ms();
    row.updated_at = now;
    if !repo::billing::update_entry(&mut tx, &row).await? {
        return Err(AppError::Conflict(format!(
            "time entry {id} was invoiced meanwhile and cannot change"
        )));
    }
    let why = format!(
        "time entry #{id} corrected{}",
        reason.map(|r| format!(": {r}")).unwrap_or_default()
    );
    audit::changed(
        &mut tx,
        "ticket",
        t.id,
        actor,
        now,
        vec![("time_entry", Some(summary(&old)), Some(summary(&row)))],
        Some(&why),
    )
    .await?;
    if old.note != row.note {
        audit::changed(
            &mut tx,
            "ticket",
            t.id,
            actor,
            now,
            vec![("time_entry_note", old.note.clone(), row.note.clone())],
            Some(&why),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(view(row, &t.number))
}
