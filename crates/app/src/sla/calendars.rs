//! Business calendars: the API shapes, creating and changing them, and recomputing clocks.

use super::*;
use podpora_store::{Backend, repo::sla::OpenClock};
use std::time::{Duration, Instant};

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

/// Built calendars by id. A change made on this node forgets the calendar's entry
/// ([`update_calendar`]); another node keeps its built copy until it restarts.
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

/// A calendar read and built, without the cache (for use cases that have only the database).
pub(crate) async fn load_calendar(tx: &mut Tx<'_>, id: i64) -> Result<BusinessCalendar> {
    let row = repo::sla::get_calendar(tx, id)
        .await
        .not_found(|| format!("calendar {id}"))?;
    build(&row).map_err(|e| AppError::Conflict(format!("calendar {id} is invalid: {e}")))
}

impl CalendarCache {
    pub(crate) async fn get(&self, tx: &mut Tx<'_>, id: i64) -> Result<Arc<BusinessCalendar>> {
        if let Some(c) = self.0.lock().ok().and_then(|m| m.get(&id).cloned()) {
            return Ok(c);
        }
        let cal = Arc::new(load_calendar(tx, id).await?);
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
    let (cal, warn) = (Arc::new(cal), Arc::new(warn));
    let phases = match app.db.backend() {
        Backend::Sqlite => recompute_beside(&app.db, &mut tx, id, cal, warn).await?,
        Backend::Postgres => recompute_in(&mut tx, id, cal, warn).await?,
    };
    tx.commit().await?;
    tracing::info!(
        calendar = id,
        clocks = phases.recomputed,
        changed = phases.changed,
        ms = started.elapsed().as_millis(),
        load_ms = phases.load.as_millis(),
        compute_ms = phases.compute.as_millis(),
        write_ms = phases.write.as_millis(),
        wait_ms = phases.wait.as_millis(),
        "calendar changed; running clocks recomputed"
    );
    if let Ok(mut m) = app.calendars.0.lock() {
        m.remove(&id);
    }
    Ok(CalendarChanged {
        calendar: to_calendar(row),
        clocks_recomputed: phases.recomputed,
    })
}

/// What a recompute did and where its time went (for the log line).
#[derive(Debug, Default)]
struct Phases {
    /// Running clocks recomputed.
    recomputed: usize,
    /// Clocks whose times changed and were written.
    changed: usize,
    /// Reading pages.
    load: Duration,
    /// Computing, beyond the time it ran beside loading.
    compute: Duration,
    /// Writing the new times.
    write: Duration,
    /// The writer waiting for the next page.
    wait: Duration,
}

/// The new times of one page: the changed clocks and how many were recomputed.
type PageResult = Result<(Vec<repo::sla::DueUpdate>, usize)>;

/// Computes a page's new times on a blocking thread.
fn compute_page(
    page: Page,
    cal: &Arc<BusinessCalendar>,
    warn: &Arc<HashMap<i64, i64>>,
) -> tokio::task::JoinHandle<PageResult> {
    let (c, w) = (cal.clone(), warn.clone());
    tokio::task::spawn_blocking(move || {
        recompute_all(&c, &page.clocks, &page.pauses, &w).map(|u| (u, page.clocks.len()))
    })
}

/// A blocking job's result; its panic goes on in the caller.
async fn joined<T>(job: tokio::task::JoinHandle<T>) -> Result<T> {
    match job.await {
        Ok(r) => Ok(r),
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(e) => Err(AppError::Io(std::io::Error::other(e))),
    }
}

/// SQLite: the clocks are read on a reader connection, so reading (the reader's thread) and
/// writing (the writer's thread) run side by side instead of one after the other on the writer.
///
/// The reader's snapshot agrees with the writer: `tx` has already written (the calendar row), so
/// it holds the database's only write lock, and the snapshot begins after that. No other
/// transaction can commit a clock change between the snapshot and this transaction's commit;
/// the clocks read are exactly those the writer would have read itself.
async fn recompute_beside(
    db: &Db,
    tx: &mut Tx<'_>,
    calendar: i64,
    cal: Arc<BusinessCalendar>,
    warn: Arc<HashMap<i64, i64>>,
) -> Result<Phases> {
    let mut snap = db.snapshot().await?;
    // A few pages ahead at most, so memory stays flat however many tickets are open.
    let (send, mut pages) = tokio::sync::mpsc::channel::<PageResult>(4);
    let reader = tokio::spawn(async move {
        let mut load = Duration::ZERO;
        let t0 = Instant::now();
        let mut next = load_page(&mut snap, calendar, 0).await;
        load += t0.elapsed();
        loop {
            let page = match next {
                Ok(Some(page)) => page,
                Ok(None) => break,
                Err(e) => {
                    let _ = send.send(Err(e)).await;
                    break;
                }
            };
            let last = page.last;
            let job = compute_page(page, &cal, &warn);
            let t0 = Instant::now();
            next = load_page(&mut snap, calendar, last).await;
            load += t0.elapsed();
            let r = joined(job).await.and_then(|r| r);
            let failed = r.is_err();
            if send.send(r).await.is_err() || failed {
                break;
            }
        }
        load
    });
    // The pages a full rewrite dirties (the times and the next-action index, about 20 MB for
    // 300,000 clocks) do not fit the connection's usual cache: evicted dirty pages are written
    // to the WAL early and read back when touched again. A larger limit for this transaction
    // only (memory is taken as pages are used, and given back when the limit is restored).
    let usual = repo::sla::page_cache(tx).await?;
    if usual.is_some() {
        repo::sla::set_page_cache(tx, RECOMPUTE_CACHE).await?;
    }
    let written = write_pages(tx, &mut pages).await;
    if let Some(size) = usual {
        let restored = repo::sla::set_page_cache(tx, size).await;
        // An earlier failure is the one to report.
        if written.is_ok() {
            restored?;
        }
    }
    let mut phases = written?;
    phases.load = joined(reader).await?;
    Ok(phases)
}

/// The page cache limit while recomputing on SQLite: 64 MiB (`PRAGMA cache_size`, negative
/// is KiB).
const RECOMPUTE_CACHE: i64 = -65_536;

/// Writes the pages' new times as they arrive.
async fn write_pages(
    tx: &mut Tx<'_>,
    pages: &mut tokio::sync::mpsc::Receiver<PageResult>,
) -> Result<Phases> {
    let mut phases = Phases::default();
    let mut t0 = Instant::now();
    while let Some(r) = pages.recv().await {
        let (updates, n) = r?;
        let t1 = Instant::now();
        repo::sla::update_due_many(tx, &updates).await?;
        phases.wait += t1 - t0;
        t0 = Instant::now();
        phases.write += t0 - t1;
        phases.recomputed += n;
        phases.changed += updates.len();
    }
    Ok(phases)
}

/// PostgreSQL: a page at a time in the transaction itself (many writers there, so a second
/// connection's snapshot could miss a change another transaction commits meanwhile). The
/// next page is read while this one is computed on a blocking thread.
async fn recompute_in(
    tx: &mut Tx<'_>,
    calendar: i64,
    cal: Arc<BusinessCalendar>,
    warn: Arc<HashMap<i64, i64>>,
) -> Result<Phases> {
    let mut phases = Phases::default();
    let t0 = Instant::now();
    let mut next = load_page(tx, calendar, 0).await?;
    phases.load += t0.elapsed();
    while let Some(page) = next {
        let last = page.last;
        let job = compute_page(page, &cal, &warn);
        let t0 = Instant::now();
        next = load_page(tx, calendar, last).await?;
        let t1 = Instant::now();
        let (updates, n) = joined(job).await??;
        let t2 = Instant::now();
        repo::sla::update_due_many(tx, &updates).await?;
        phases.load += t1 - t0;
        phases.compute += t2 - t1;
        phases.write += t2.elapsed();
        phases.recomputed += n;
        phases.changed += updates.len();
    }
    Ok(phases)
}

/// One page of running clocks with their tickets' pauses.
struct Page {
    clocks: Vec<OpenClock>,
    pauses: HashMap<i64, Vec<(Timestamp, Option<Timestamp>)>>,
    /// The last ticket in the page: the next page starts after it.
    last: i64,
}

/// The running clocks of the tickets after `after` on a calendar, up to a page of them; none
/// when there are no more.
async fn load_page(tx: &mut Tx<'_>, calendar: i64, after: i64) -> Result<Option<Page>> {
    const PAGE: usize = 5000;
    let mut clocks = repo::sla::open_clocks_of_calendar(tx, calendar, after, PAGE as i64).await?;
    let (Some(first), Some(mut last)) = (
        clocks.first().map(|c| c.ticket_id),
        clocks.last().map(|c| c.ticket_id),
    ) else {
        return Ok(None);
    };
    if clocks.len() == PAGE && first != last {
        // The last ticket may go on in the next page: leave it whole for that page.
        clocks.retain(|c| c.ticket_id != last);
        last = clocks.last().map_or(first, |c| c.ticket_id);
    }
    let mut pauses: HashMap<i64, Vec<(Timestamp, Option<Timestamp>)>> = HashMap::new();
    for (ticket, from, to) in repo::sla::pauses_of_tickets(tx, first, last).await? {
        pauses
            .entry(ticket)
            .or_default()
            .push((ts(from), to.map(ts)));
    }
    Ok(Some(Page {
        clocks,
        pauses,
        last,
    }))
}

/// New due and warning times of running clocks on one calendar, for the clocks where either
/// differs from what is stored (pure; the costly part of a calendar change). A change that
/// leaves most clocks as they were, such as a closure next month, then writes only the few
/// it moves.
pub fn recompute_all(
    cal: &BusinessCalendar,
    clocks: &[OpenClock],
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
        let due = due.map(|d| d.as_millisecond());
        if due != c.due_at || warn != c.warn_at {
            out.push((c.clock_id, due, warn));
        }
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
