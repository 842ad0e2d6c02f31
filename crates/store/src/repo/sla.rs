//! Calendars, SLA policies, ticket clocks and pauses.

use crate::{
    Result, StoreError, Tx, on_tx,
    rows::{CalendarRow, ClockRow, PauseRow, SlaPolicyRow},
};

const CAL_COLS: &str =
    "id, name, time_zone, hours, holidays, closures, extra_working_days, created_at, updated_at";
/// The columns of an [`SlaPolicyRow`], in its field order.
pub(crate) const POLICY_COLS: &str = "id, name, calendar_id, category, reaction, first_answer, remote_resolution, visit, resolution, warn_percent, created_at, escalate_team_id, plan_id";
/// The columns of a [`ClockRow`], in its field order, from `ticket_clocks c` joined with
/// `ticket_clock_times t`.
const CLOCK_COLS: &str = "c.ticket_id, c.metric, c.target, c.policy_id, c.calendar_id, c.started_at, t.due_at, t.met_at, t.warn_at, t.warned_at, t.escalated_at";
/// A clock's wide row with its times.
const CLOCKS_WITH_TIMES: &str = "ticket_clocks c JOIN ticket_clock_times t ON t.id = c.clock_id";

/// The metrics a clock can measure, in the order that numbers them (see [`clock_id`]).
pub const CLOCK_METRICS: [&str; 5] = [
    "reaction",
    "first_answer",
    "remote_resolution",
    "visit",
    "resolution",
];

/// The clock an accepted quote's deadline becomes: not set by a policy, its due time is
/// the agreed instant and no calendar change or pause moves it. Numbered after
/// [`CLOCK_METRICS`], in slot 5.
pub const AGREED_DEADLINE: &str = "agreed_deadline";

/// The slot of the agreed-deadline clock in a clock's number.
const AGREED_DEADLINE_SLOT: usize = CLOCK_METRICS.len();

/// A clock's number, the key of its times: its ticket's id times 8 plus its metric's place in
/// [`CLOCK_METRICS`], or 5 for [`AGREED_DEADLINE`] (migration `0007_sla_clock_times` numbers
/// existing clocks the same way).
///
/// An integer key makes finding a clock's times for a rewrite cheaper than a (ticket, metric
/// text) key, and a number derived from the clock needs no lookup to learn it.
pub fn clock_id(ticket_id: i64, metric: &str) -> Result<i64> {
    let slot = CLOCK_METRICS
        .iter()
        .position(|m| *m == metric)
        .or((metric == AGREED_DEADLINE).then_some(AGREED_DEADLINE_SLOT))
        .ok_or_else(|| StoreError::Invalid(format!("unknown clock metric {metric:?}")))?;
    ticket_id
        .checked_mul(8)
        .and_then(|t| t.checked_add(slot as i64))
        .ok_or_else(|| StoreError::Invalid(format!("ticket id {ticket_id} out of range")))
}

/// Inserts a calendar.
pub async fn insert_calendar(tx: &mut Tx<'_>, c: &CalendarRow) -> Result<i64> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO calendars (name, time_zone, hours, holidays, closures, extra_working_days, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
        .bind(&c.name).bind(&c.time_zone).bind(&c.hours).bind(&c.holidays).bind(&c.closures)
        .bind(&c.extra_working_days).bind(c.created_at).bind(c.updated_at).fetch_one(x).await)?)
}

/// One calendar.
pub async fn get_calendar(tx: &mut Tx<'_>, id: i64) -> Result<CalendarRow> {
    let sql = format!("SELECT {CAL_COLS} FROM calendars WHERE id = $1");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, CalendarRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(x).await)?,
    )
}

/// Every calendar.
pub async fn list_calendars(tx: &mut Tx<'_>) -> Result<Vec<CalendarRow>> {
    let sql = format!("SELECT {CAL_COLS} FROM calendars ORDER BY id");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, CalendarRow>(sqlx::AssertSqlSafe(sql)).fetch_all(x).await)?,
    )
}

/// Inserts an SLA policy.
pub async fn insert_policy(tx: &mut Tx<'_>, p: &SlaPolicyRow) -> Result<i64> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO sla_policies (name, calendar_id, category, reaction, first_answer, remote_resolution, visit, resolution, warn_percent, created_at, escalate_team_id, plan_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id")
        .bind(&p.name).bind(p.calendar_id).bind(&p.category).bind(&p.reaction).bind(&p.first_answer)
        .bind(&p.remote_resolution).bind(&p.visit).bind(&p.resolution).bind(p.warn_percent).bind(p.created_at).bind(p.escalate_team_id).bind(p.plan_id)
        .fetch_one(x).await)?)
}

/// Every policy.
pub async fn list_policies(tx: &mut Tx<'_>) -> Result<Vec<SlaPolicyRow>> {
    let sql = format!("SELECT {POLICY_COLS} FROM sla_policies ORDER BY id");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, SlaPolicyRow>(sqlx::AssertSqlSafe(sql)).fetch_all(x).await)?,
    )
}

/// The policy for a category of customers without a plan: the category's own, else the default.
pub async fn policy_for(tx: &mut Tx<'_>, category: Option<&str>) -> Result<Option<SlaPolicyRow>> {
    let sql = format!(
        "SELECT {POLICY_COLS} FROM sla_policies WHERE (category = $1 OR category IS NULL) AND plan_id IS NULL
         ORDER BY CASE WHEN category IS NULL THEN 1 ELSE 0 END, id LIMIT 1"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, SlaPolicyRow>(sqlx::AssertSqlSafe(sql)).bind(category).fetch_optional(x).await)?,
    )
}

/// Inserts clocks: the wide rows and their times.
pub async fn insert_clocks(tx: &mut Tx<'_>, clocks: &[ClockRow]) -> Result<()> {
    if clocks.is_empty() {
        return Ok(());
    }
    let ids = clocks
        .iter()
        .map(|c| clock_id(c.ticket_id, &c.metric))
        .collect::<Result<Vec<_>>>()?;
    let sql = format!(
        "INSERT INTO ticket_clock_times (id, due_at, warn_at, warned_at, met_at, escalated_at) VALUES {}",
        crate::repo::rows_params(tx.backend(), clocks.len(), 6)
    );
    crate::write_on_tx!(tx, sql, q => {
        let mut q = q;
        for (c, id) in clocks.iter().zip(&ids) {
            q = q.bind(*id).bind(c.due_at).bind(c.warn_at).bind(c.warned_at).bind(c.met_at).bind(c.escalated_at);
        }
        q
    })?;
    let sql = format!(
        "INSERT INTO ticket_clocks (ticket_id, metric, target, policy_id, calendar_id, started_at, clock_id) VALUES {}",
        crate::repo::rows_params(tx.backend(), clocks.len(), 7)
    );
    crate::write_on_tx!(tx, sql, q => {
        let mut q = q;
        for (c, id) in clocks.iter().zip(&ids) {
            q = q.bind(c.ticket_id).bind(&c.metric).bind(&c.target).bind(c.policy_id).bind(c.calendar_id)
                .bind(c.started_at).bind(*id);
        }
        q
    })?;
    Ok(())
}

/// The clocks of a ticket.
pub async fn clocks(tx: &mut Tx<'_>, ticket_id: i64) -> Result<Vec<ClockRow>> {
    let sql = format!(
        "SELECT {CLOCK_COLS} FROM {CLOCKS_WITH_TIMES} WHERE c.ticket_id = $1 ORDER BY c.started_at, c.metric"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, ClockRow>(sqlx::AssertSqlSafe(sql)).bind(ticket_id).fetch_all(x).await)?,
    )
}

/// Writes a clock's due, met and warning times.
pub async fn update_clock(tx: &mut Tx<'_>, c: &ClockRow) -> Result<()> {
    let id = clock_id(c.ticket_id, &c.metric)?;
    let n = on_tx!(tx, x => sqlx::query("UPDATE ticket_clock_times SET due_at = $2, met_at = $3, warn_at = $4 WHERE id = $1")
        .bind(id).bind(c.due_at).bind(c.met_at).bind(c.warn_at).execute(x).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Opens a pause.
pub async fn start_pause(tx: &mut Tx<'_>, ticket_id: i64, at: i64, reason: &str) -> Result<()> {
    on_tx!(tx, x => sqlx::query("INSERT INTO ticket_pauses (ticket_id, started_at, reason) VALUES ($1, $2, $3)")
        .bind(ticket_id).bind(at).bind(reason).execute(x).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Closes the open pause of a ticket.
pub async fn end_pause(tx: &mut Tx<'_>, ticket_id: i64, at: i64) -> Result<()> {
    on_tx!(tx, x => sqlx::query("UPDATE ticket_pauses SET ended_at = $2 WHERE ticket_id = $1 AND ended_at IS NULL")
        .bind(ticket_id).bind(at).execute(x).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The pauses of a ticket, oldest first.
pub async fn pauses(tx: &mut Tx<'_>, ticket_id: i64) -> Result<Vec<PauseRow>> {
    Ok(on_tx!(tx, x => sqlx::query_as::<_, PauseRow>(
        "SELECT id, ticket_id, started_at, ended_at, reason FROM ticket_pauses WHERE ticket_id = $1 ORDER BY id")
        .bind(ticket_id).fetch_all(x).await)?)
}

/// Running clocks whose warning time or due time has passed without the action taken yet,
/// the longest waiting first.
///
/// The time the scheduler next acts on a clock is its warning time until it has warned (an
/// escalation warns too), then its due time; the expression and the conditions are those of
/// the partial index `ticket_clock_times_next_action`, so the database finds them through it;
/// each clock's wide row is then found by its ticket (the clock number divided by 8).
pub async fn pending_actions(tx: &mut Tx<'_>, now: i64, limit: i64) -> Result<Vec<ClockRow>> {
    let sql = format!(
        "SELECT {CLOCK_COLS} FROM ticket_clock_times t
             JOIN ticket_clocks c ON c.ticket_id = t.id / 8 AND c.clock_id = t.id
         WHERE t.met_at IS NULL AND t.escalated_at IS NULL
         AND (CASE WHEN t.warned_at IS NULL AND t.warn_at < t.due_at THEN t.warn_at ELSE t.due_at END) <= $1
         ORDER BY (CASE WHEN t.warned_at IS NULL AND t.warn_at < t.due_at THEN t.warn_at ELSE t.due_at END) LIMIT $2"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, ClockRow>(sqlx::AssertSqlSafe(sql)).bind(now).bind(limit).fetch_all(x).await)?,
    )
}

/// Claims a clock's warning: true for exactly one caller, however many nodes or restarts race.
pub async fn claim_warning(
    tx: &mut Tx<'_>,
    ticket_id: i64,
    metric: &str,
    now: i64,
) -> Result<bool> {
    let id = clock_id(ticket_id, metric)?;
    let n = on_tx!(tx, x => sqlx::query(
        "UPDATE ticket_clock_times SET warned_at = $2 WHERE id = $1 AND warned_at IS NULL AND met_at IS NULL")
        .bind(id).bind(now).execute(x).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Claims a clock's escalation: true for exactly one caller.
pub async fn claim_escalation(
    tx: &mut Tx<'_>,
    ticket_id: i64,
    metric: &str,
    now: i64,
) -> Result<bool> {
    let id = clock_id(ticket_id, metric)?;
    let n = on_tx!(tx, x => sqlx::query(
        "UPDATE ticket_clock_times SET escalated_at = $2, warned_at = COALESCE(warned_at, $2)
         WHERE id = $1 AND escalated_at IS NULL AND met_at IS NULL")
        .bind(id).bind(now).execute(x).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// One policy.
pub async fn get_policy(tx: &mut Tx<'_>, id: i64) -> Result<SlaPolicyRow> {
    let sql = format!("SELECT {POLICY_COLS} FROM sla_policies WHERE id = $1");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, SlaPolicyRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(x).await)?,
    )
}

/// Clocks of tickets reported in `[from, to)`, with the ticket's organization and team. Agreed
/// deadlines are left out: they are promises of one quote, not the policy's targets the
/// SLA report measures, and they start when the quote is accepted, not at the report.
pub async fn clocks_reported_between(
    tx: &mut Tx<'_>,
    from: i64,
    to: i64,
) -> Result<Vec<(ClockRow, Option<i64>, Option<i64>)>> {
    #[derive(sqlx::FromRow)]
    struct ReportRow {
        #[sqlx(flatten)]
        clock: ClockRow,
        organization_id: Option<i64>,
        team_id: Option<i64>,
    }
    let sql = format!(
        "SELECT {CLOCK_COLS}, k.organization_id, k.team_id
         FROM {CLOCKS_WITH_TIMES} JOIN tickets k ON k.id = c.ticket_id
         WHERE c.started_at >= $1 AND c.started_at < $2 AND c.metric <> 'agreed_deadline'
         ORDER BY c.ticket_id"
    );
    let rows = on_tx!(tx, x => sqlx::query_as::<_, ReportRow>(sqlx::AssertSqlSafe(sql)).bind(from).bind(to).fetch_all(x).await)?;
    Ok(rows
        .into_iter()
        .map(|r| (r.clock, r.organization_id, r.team_id))
        .collect())
}

/// Writes a calendar's columns.
pub async fn update_calendar(tx: &mut Tx<'_>, c: &CalendarRow) -> Result<()> {
    let n = on_tx!(tx, x => sqlx::query(
        "UPDATE calendars SET name = $2, time_zone = $3, hours = $4, holidays = $5, closures = $6,
            extra_working_days = $7, updated_at = $8 WHERE id = $1")
        .bind(c.id).bind(&c.name).bind(&c.time_zone).bind(&c.hours).bind(&c.holidays).bind(&c.closures)
        .bind(&c.extra_working_days).bind(c.updated_at).execute(x).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// A running clock as recomputing it after a calendar change needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenClock {
    /// The clock's number (see [`clock_id`]).
    pub clock_id: i64,
    /// The ticket.
    pub ticket_id: i64,
    /// reaction, first_answer, …
    pub metric: &'static str,
    /// The target as stored, e.g. `4h`.
    pub target: String,
    /// The policy that set it (for its warning share).
    pub policy_id: i64,
    /// When counting started.
    pub started_at: i64,
    /// The due time now stored.
    pub due_at: Option<i64>,
    /// The warning time now stored.
    pub warn_at: Option<i64>,
}

/// An open clock as read: number, target, policy, start, due time, warning time. The ticket
/// and the metric follow from the number, so they are not read.
type OpenRow = (i64, String, i64, i64, Option<i64>, Option<i64>);

impl OpenClock {
    fn from_row(
        (clock_id, target, policy_id, started_at, due_at, warn_at): OpenRow,
    ) -> Result<Self> {
        let metric = usize::try_from(clock_id.rem_euclid(8))
            .ok()
            .and_then(|slot| {
                CLOCK_METRICS
                    .get(slot)
                    .or((slot == AGREED_DEADLINE_SLOT).then_some(&AGREED_DEADLINE))
            })
            .ok_or_else(|| StoreError::Invalid(format!("clock number {clock_id}")))?;
        Ok(OpenClock {
            clock_id,
            ticket_id: clock_id.div_euclid(8),
            metric,
            target,
            policy_id,
            started_at,
            due_at,
            warn_at,
        })
    }
}

/// Unmet clocks counting on a calendar and not yet escalated (a breach already acted on stays
/// one), a page at a time, leaving out agreed deadlines (R-46: a fixed instant the customer
/// accepted, which no calendar change moves): tickets after `after_ticket` in id order, at most `limit` clocks; the
/// last ticket of a full page may be cut, so callers resume after the last ticket they saw
/// whole.
///
/// On SQLite the page comes back as one JSON array built by the database: per row, the driver
/// copies every value and hands the row over from its worker thread, which costs several times
/// what reading the row does. PostgreSQL rows decode cheaply, and there building the JSON
/// costs more than it saves.
pub async fn open_clocks_of_calendar(
    tx: &mut Tx<'_>,
    calendar_id: i64,
    after_ticket: i64,
    limit: i64,
) -> Result<Vec<OpenClock>> {
    let rows: Vec<OpenRow> = if tx.backend() == crate::Backend::Sqlite {
        // No ORDER BY in the aggregate: the rows arrive in key order, and sorting them again
        // in the database costs more than checking the order here.
        let json: String = on_tx!(tx, x => sqlx::query_scalar(
            "SELECT json_group_array(json_array(clock_id, target, policy_id, started_at, due_at, warn_at))
             FROM (SELECT c.clock_id, c.target, c.policy_id, c.started_at, t.due_at, t.warn_at
                 FROM ticket_clocks c JOIN ticket_clock_times t ON t.id = c.clock_id
                 WHERE c.ticket_id > $2 AND c.calendar_id = $1 AND c.metric <> 'agreed_deadline'
                 AND t.met_at IS NULL AND t.escalated_at IS NULL
                 ORDER BY c.ticket_id, c.metric LIMIT $3)")
            .bind(calendar_id).bind(after_ticket).bind(limit).fetch_one(x).await)?;
        serde_json::from_str(&json).map_err(|e| StoreError::Db(sqlx::Error::Decode(Box::new(e))))?
    } else {
        on_tx!(tx, x => sqlx::query_as(
            "SELECT c.clock_id, c.target, c.policy_id, c.started_at, t.due_at, t.warn_at
             FROM ticket_clocks c JOIN ticket_clock_times t ON t.id = c.clock_id
             WHERE c.ticket_id > $2 AND c.calendar_id = $1 AND c.metric <> 'agreed_deadline'
                 AND t.met_at IS NULL AND t.escalated_at IS NULL
             ORDER BY c.ticket_id, c.metric LIMIT $3")
            .bind(calendar_id).bind(after_ticket).bind(limit).fetch_all(x).await)?
    };
    let mut page = rows
        .into_iter()
        .map(OpenClock::from_row)
        .collect::<Result<Vec<_>>>()?;
    if !page.is_sorted_by(|a, b| (a.ticket_id, a.metric) <= (b.ticket_id, b.metric)) {
        page.sort_by(|a, b| (a.ticket_id, a.metric).cmp(&(b.ticket_id, b.metric)));
    }
    Ok(page)
}

/// A time a ticket's clocks stood still: ticket id, start, end (none while it lasts).
pub type PauseSpan = (i64, i64, Option<i64>);

/// Pauses of the tickets with ids in `[first, last]`, by ticket and then oldest first.
pub async fn pauses_of_tickets(tx: &mut Tx<'_>, first: i64, last: i64) -> Result<Vec<PauseSpan>> {
    Ok(on_tx!(tx, x => sqlx::query_as::<_, PauseSpan>(
        "SELECT ticket_id, started_at, ended_at FROM ticket_pauses WHERE ticket_id >= $1 AND ticket_id <= $2
         ORDER BY ticket_id, id")
        .bind(first).bind(last).fetch_all(x).await)?)
}

/// New times of one clock: its number ([`OpenClock::clock_id`]), due time, warning time.
pub type DueUpdate = (i64, Option<i64>, Option<i64>);

/// Sets due and warning times of many existing clocks: on SQLite a thousand per statement, on
/// PostgreSQL all in one statement with three array parameters.
///
/// On SQLite the statement is an upsert on the clock number: it finds each row once, where
/// `UPDATE … FROM (VALUES …)` first collects the joined rows and then finds each again (the
/// bench's busiest thread: 0.75 s against 1.08 s for 261,000 clocks). Callers pass numbers of
/// clocks they read in the same or a snapshot-consistent transaction (clocks are never deleted),
/// so the insert branch does not run.
pub async fn update_due_many(tx: &mut Tx<'_>, rows: &[DueUpdate]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    match tx {
        Tx::Sqlite(x) => {
            x.flush().await?;
            update_due_sqlite(x, rows).await
        }
        Tx::SqliteRead(x) => update_due_sqlite(x, rows).await,
        Tx::Postgres(x) => update_due_postgres(x, rows).await,
        Tx::PostgresRead(x) => update_due_postgres(x, rows).await,
    }
}

async fn update_due_sqlite(x: &mut sqlx::SqliteConnection, rows: &[DueUpdate]) -> Result<()> {
    const CHUNK: usize = 1000;
    for chunk in rows.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO ticket_clock_times (id, due_at, warn_at) VALUES {}
             ON CONFLICT (id) DO UPDATE SET due_at = excluded.due_at, warn_at = excluded.warn_at",
            crate::repo::positional(chunk.len(), 3)
        );
        // The last, shorter chunk of a page has a length of its own: not worth a place in the
        // connection's statement cache.
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(chunk.len() == CHUNK);
        for (id, d, w) in chunk {
            q = q.bind(*id).bind(*d).bind(*w);
        }
        q.execute(&mut *x).await?;
    }
    Ok(())
}

async fn update_due_postgres(x: &mut sqlx::PgConnection, rows: &[DueUpdate]) -> Result<()> {
    let mut ids = Vec::with_capacity(rows.len());
    let mut due = Vec::with_capacity(rows.len());
    let mut warn = Vec::with_capacity(rows.len());
    for (id, d, w) in rows {
        ids.push(*id);
        due.push(*d);
        warn.push(*w);
    }
    sqlx::query(
        "UPDATE ticket_clock_times SET due_at = v.d, warn_at = v.w
         FROM UNNEST($1::BIGINT[], $2::BIGINT[], $3::BIGINT[]) AS v(id, d, w)
         WHERE ticket_clock_times.id = v.id",
    )
    .bind(ids)
    .bind(due)
    .bind(warn)
    .execute(x)
    .await?;
    Ok(())
}

/// The page cache limit of an SQLite connection as `PRAGMA cache_size` states it (negative:
/// KiB, positive: pages); none on PostgreSQL, which has no such setting per connection.
pub async fn page_cache(tx: &mut Tx<'_>) -> Result<Option<i64>> {
    match tx {
        Tx::Sqlite(x) => Ok(Some(
            sqlx::query_scalar("PRAGMA cache_size")
                .fetch_one(&mut **x)
                .await?,
        )),
        Tx::SqliteRead(x) => Ok(Some(
            sqlx::query_scalar("PRAGMA cache_size")
                .fetch_one(&mut **x)
                .await?,
        )),
        Tx::Postgres(_) | Tx::PostgresRead(_) => Ok(None),
    }
}

/// Sets the page cache limit of an SQLite connection (as [`page_cache`] gives it); nothing on
/// PostgreSQL. The limit stays with the connection until set again.
pub async fn set_page_cache(tx: &mut Tx<'_>, size: i64) -> Result<()> {
    // An integer formatted by us: nothing from outside reaches the statement text.
    let sql = format!("PRAGMA cache_size = {size}");
    match tx {
        Tx::Sqlite(x) => {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut **x)
                .await?
        }
        Tx::SqliteRead(x) => {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut **x)
                .await?
        }
        Tx::Postgres(_) | Tx::PostgresRead(_) => return Ok(()),
    };
    Ok(())
}

/// Writes a policy's columns.
pub async fn update_policy(tx: &mut Tx<'_>, p: &SlaPolicyRow) -> Result<()> {
    let n = on_tx!(tx, x => sqlx::query(
        "UPDATE sla_policies SET name = $2, calendar_id = $3, category = $4, reaction = $5, first_answer = $6,
            remote_resolution = $7, visit = $8, resolution = $9, warn_percent = $10, escalate_team_id = $11, plan_id = $12 WHERE id = $1")
        .bind(p.id).bind(&p.name).bind(p.calendar_id).bind(&p.category).bind(&p.reaction).bind(&p.first_answer)
        .bind(&p.remote_resolution).bind(&p.visit).bind(&p.resolution).bind(p.warn_percent).bind(p.escalate_team_id).bind(p.plan_id)
        .execute(x).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Deletes a policy no clock refers to; false when clocks do.
pub async fn delete_policy(tx: &mut Tx<'_>, id: i64) -> Result<bool> {
    let used: i64 = on_tx!(tx, x => sqlx::query_scalar("SELECT COUNT(*) FROM ticket_clocks WHERE policy_id = $1")
        .bind(id).fetch_one(x).await)?;
    if used > 0 {
        return Ok(false);
    }
    let n = on_tx!(tx, x => sqlx::query("DELETE FROM sla_policies WHERE id = $1").bind(id).execute(x).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(true)
    }
}

/// The clocks of many tickets in one statement per 500 tickets (the queue shows hundreds at
/// once), ordered by ticket, then as [`clocks`] orders them.
pub async fn clocks_of_tickets(tx: &mut Tx<'_>, ticket_ids: &[i64]) -> Result<Vec<ClockRow>> {
    let mut out = Vec::new();
    for chunk in ticket_ids.chunks(500) {
        let list = crate::repo::rows_params(tx.backend(), 1, chunk.len());
        let sql = format!(
            "SELECT {CLOCK_COLS} FROM {CLOCKS_WITH_TIMES} WHERE c.ticket_id IN {list}
             ORDER BY c.ticket_id, c.started_at, c.metric"
        );
        let rows = on_tx!(tx, x => {
            let mut q = sqlx::query_as::<_, ClockRow>(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            q.fetch_all(x).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_numbers_differ_by_metric_and_ticket_and_give_both_back() {
        let mut seen = std::collections::HashSet::new();
        for ticket in [1, 2, 1_000_000] {
            for metric in CLOCK_METRICS {
                let id = clock_id(ticket, metric).unwrap();
                assert!(seen.insert(id), "{ticket} {metric} numbered twice");
                let back = OpenClock::from_row((id, "4h".into(), 1, 0, None, None)).unwrap();
                assert_eq!((back.ticket_id, back.metric), (ticket, metric));
            }
        }
    }

    #[test]
    fn unknown_metrics_and_huge_tickets_have_no_number() {
        assert!(matches!(clock_id(1, "lunch"), Err(StoreError::Invalid(_))));
        assert!(matches!(
            clock_id(i64::MAX / 4, "reaction"),
            Err(StoreError::Invalid(_))
        ));
        assert!(OpenClock::from_row((5 * 8 + 6, "4h".into(), 1, 0, None, None)).is_err());
    }

    #[test]
    fn the_agreed_deadline_has_slot_five() {
        let id = clock_id(7, AGREED_DEADLINE).unwrap();
        assert_eq!(id, 7 * 8 + 5);
        let back = OpenClock::from_row((id, "quote-1".into(), 1, 0, None, None)).unwrap();
        assert_eq!((back.ticket_id, back.metric), (7, AGREED_DEADLINE));
    }
}
