//! Tickets and their per-year number counters.

use crate::{Backend, Result, StoreError, Tx, on_tx, repo::search, rows::TicketRow};

const COLS: &str =
    "id, number, subject, requester_id, reply_to, organization_id, asset_id, category, urgency,
    channel, team_id, assignee_id, status, created_at, updated_at, resolved_at, closed_at,
    staff_copies, fingerprint";

/// Takes the next sequence value of `year`, inside the caller's transaction.
///
/// The counter row is locked until the transaction ends, so concurrent creations get distinct,
/// consecutive values; a rolled-back creation returns its value, so no number is ever skipped
/// or given to two tickets.
pub async fn next_number(tx: &mut Tx<'_>, year: i64) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO ticket_counters (year, last_value) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last_value = ticket_counters.last_value + 1
         RETURNING last_value")
        .bind(year).fetch_one(c).await)?)
}

/// Inserts a ticket (the row's `id` is ignored) and indexes its subject; returns its id.
pub async fn insert(tx: &mut Tx<'_>, t: &TicketRow) -> Result<i64> {
    let id: i64 = on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO tickets (number, subject, requester_id, reply_to, organization_id, asset_id, category, urgency,
            channel, team_id, assignee_id, status, created_at, updated_at, resolved_at, closed_at, staff_copies, fingerprint)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id")
        .bind(&t.number).bind(&t.subject).bind(t.requester_id).bind(&t.reply_to).bind(t.organization_id)
        .bind(t.asset_id).bind(&t.category).bind(t.urgency.as_str()).bind(t.channel.as_str()).bind(t.team_id)
        .bind(t.assignee_id).bind(t.status.as_str()).bind(t.created_at).bind(t.updated_at).bind(t.resolved_at)
        .bind(t.closed_at).bind(t.staff_copies).bind(&t.fingerprint).fetch_one(c).await)?;
    search::index(tx, &[subject_doc(id, &t.subject)]).await?;
    Ok(id)
}

/// The index document of a ticket's subject.
fn subject_doc(id: i64, subject: &str) -> search::Doc<'_> {
    search::Doc {
        source: search::Source::Ticket,
        source_id: id,
        ticket_id: Some(id),
        internal: false,
        text: subject,
    }
}

/// Writes every mutable column of a ticket, and its subject to the index.
pub async fn update(tx: &mut Tx<'_>, t: &TicketRow) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE tickets SET subject = $2, requester_id = $3, reply_to = $4, organization_id = $5, asset_id = $6,
            category = $7, urgency = $8, channel = $9, team_id = $10, assignee_id = $11, status = $12,
            updated_at = $13, resolved_at = $14, closed_at = $15
         WHERE id = $1")
        .bind(t.id).bind(&t.subject).bind(t.requester_id).bind(&t.reply_to).bind(t.organization_id)
        .bind(t.asset_id).bind(&t.category).bind(t.urgency.as_str()).bind(t.channel.as_str()).bind(t.team_id)
        .bind(t.assignee_id).bind(t.status.as_str()).bind(t.updated_at).bind(t.resolved_at).bind(t.closed_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    search::rescope(
        tx,
        t.id,
        search::Scope {
            organization_id: t.organization_id,
            requester_id: t.requester_id,
            team_id: t.team_id,
            assignee_id: t.assignee_id,
        },
    )
    .await?;
    search::reindex(tx, search::Source::Ticket, t.id, &t.subject).await
}

/// A ticket by its human number.
pub async fn get_by_number(tx: &mut Tx<'_>, number: &str) -> Result<TicketRow> {
    let sql = format!("SELECT {COLS} FROM tickets WHERE number = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, TicketRow>(sqlx::AssertSqlSafe(sql)).bind(number).fetch_one(c).await)?,
    )
}

/// A ticket by id, locked for update on PostgreSQL (SQLite has one writer anyway).
pub async fn get_for_update(tx: &mut Tx<'_>, number: &str) -> Result<TicketRow> {
    let sql = match tx.backend() {
        Backend::Sqlite => format!("SELECT {COLS} FROM tickets WHERE number = $1"),
        Backend::Postgres => format!("SELECT {COLS} FROM tickets WHERE number = $1 FOR UPDATE"),
    };
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, TicketRow>(sqlx::AssertSqlSafe(sql)).bind(number).fetch_one(c).await)?,
    )
}

/// Which tickets to list. Every `None` means "any".
#[derive(Debug, Clone, Default)]
pub struct TicketFilter {
    /// Exact status.
    pub status: Option<String>,
    /// Only open ones (not resolved, not closed).
    pub open_only: bool,
    /// Team (queue).
    pub team_id: Option<i64>,
    /// Assigned agent.
    pub assignee_id: Option<i64>,
    /// Customer organization.
    pub organization_id: Option<i64>,
    /// Requester contact.
    pub requester_id: Option<i64>,
    /// Urgency.
    pub urgency: Option<String>,
    /// Channel.
    pub channel: Option<String>,
    /// Restricts to tickets of this agent's teams or assigned to them.
    pub visible_to_agent: Option<i64>,
    /// Created at or after (epoch ms).
    pub created_from: Option<i64>,
    /// Created before (epoch ms).
    pub created_to: Option<i64>,
    /// With `requester_id`: also the tickets shared with that contact.
    pub include_shared: bool,
}

const WHERE: &str = "WHERE ($1 IS NULL OR status = $1)
      AND ($2 = 0 OR status NOT IN ('resolved', 'closed'))
      AND ($3 IS NULL OR team_id = $3)
      AND ($4 IS NULL OR assignee_id = $4)
      AND ($5 IS NULL OR organization_id = $5)
      AND ($6 IS NULL OR requester_id = $6
           OR ($12 = 1 AND id IN (SELECT ticket_id FROM ticket_shares WHERE contact_id = $6)))
      AND ($7 IS NULL OR urgency = $7)
      AND ($8 IS NULL OR channel = $8)
      AND ($9 IS NULL OR assignee_id = $9 OR team_id IN (SELECT team_id FROM team_members WHERE agent_id = $9))
      AND ($10 IS NULL OR created_at >= $10)
      AND ($11 IS NULL OR created_at < $11)";

macro_rules! bind_filter {
    ($q:expr, $f:expr) => {
        $q.bind(&$f.status)
            .bind(i64::from($f.open_only))
            .bind($f.team_id)
            .bind($f.assignee_id)
            .bind($f.organization_id)
            .bind($f.requester_id)
            .bind(&$f.urgency)
            .bind(&$f.channel)
            .bind($f.visible_to_agent)
            .bind($f.created_from)
            .bind($f.created_to)
            .bind(i64::from($f.include_shared))
    };
}

/// A page of tickets, newest first, and the total that match.
pub async fn list(
    tx: &mut Tx<'_>,
    f: &TicketFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<TicketRow>, i64)> {
    let sql = format!("SELECT {COLS} FROM tickets {WHERE} ORDER BY id DESC LIMIT $13 OFFSET $14");
    let items = on_tx!(tx, c => bind_filter!(sqlx::query_as::<_, TicketRow>(sqlx::AssertSqlSafe(sql)), f)
        .bind(limit).bind(offset).fetch_all(c).await)?;
    let count_sql = format!("SELECT COUNT(*) FROM tickets {WHERE}");
    let total = on_tx!(tx, c => bind_filter!(sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(count_sql)), f).fetch_one(c).await)?;
    Ok((items, total))
}

/// Whether an agent may see a ticket under the team rule of [`TicketFilter::visible_to_agent`].
pub async fn visible_to_agent(tx: &mut Tx<'_>, ticket_id: i64, agent_id: i64) -> Result<bool> {
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM tickets WHERE id = $1 AND (assignee_id = $2
            OR team_id IN (SELECT team_id FROM team_members WHERE agent_id = $2))")
        .bind(ticket_id).bind(agent_id).fetch_one(c).await)?;
    Ok(n > 0)
}

/// Number of tickets referring to a row, to refuse deleting it.
pub async fn count_referring(tx: &mut Tx<'_>, column: RefColumn, id: i64) -> Result<i64> {
    let sql = format!(
        "SELECT COUNT(*) FROM tickets WHERE {} = $1",
        column.as_str()
    );
    Ok(on_tx!(tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(c).await)?)
}

/// Columns a ticket refers through.
#[derive(Debug, Clone, Copy)]
pub enum RefColumn {
    /// `organization_id`
    Organization,
    /// `requester_id`
    Requester,
    /// `asset_id`
    Asset,
    /// `team_id`
    Team,
}

impl RefColumn {
    fn as_str(self) -> &'static str {
        match self {
            RefColumn::Organization => "organization_id",
            RefColumn::Requester => "requester_id",
            RefColumn::Asset => "asset_id",
            RefColumn::Team => "team_id",
        }
    }
}

/// A ticket by id.
pub async fn get_by_id(tx: &mut Tx<'_>, id: i64) -> Result<TicketRow> {
    let sql = format!("SELECT {COLS} FROM tickets WHERE id = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, TicketRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(c).await)?,
    )
}

/// Takes `n` consecutive sequence values of `year` at once; returns the last one.
pub async fn next_numbers(tx: &mut Tx<'_>, year: i64, n: i64) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO ticket_counters (year, last_value) VALUES ($1, $2)
         ON CONFLICT (year) DO UPDATE SET last_value = ticket_counters.last_value + $2
         RETURNING last_value")
        .bind(year).bind(n).fetch_one(c).await)?)
}

/// Inserts many tickets in one statement and indexes their subjects; returns `(id, number)`
/// pairs (in no particular order).
pub async fn insert_many(tx: &mut Tx<'_>, rows: &[TicketRow]) -> Result<Vec<(i64, String)>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "INSERT INTO tickets (number, subject, requester_id, reply_to, organization_id, asset_id, category, urgency,
            channel, team_id, assignee_id, status, created_at, updated_at, resolved_at, closed_at, staff_copies, fingerprint)
         VALUES {} RETURNING id, number, subject",
        crate::repo::rows_params(tx.backend(), rows.len(), 18)
    );
    let written: Vec<(i64, String, String)> = on_tx!(tx, c => {
        let mut q = sqlx::query_as::<_, (i64, String, String)>(sqlx::AssertSqlSafe(sql));
        for t in rows {
            q = q.bind(&t.number).bind(&t.subject).bind(t.requester_id).bind(&t.reply_to).bind(t.organization_id)
                .bind(t.asset_id).bind(&t.category).bind(t.urgency.as_str()).bind(t.channel.as_str()).bind(t.team_id)
                .bind(t.assignee_id).bind(t.status.as_str()).bind(t.created_at).bind(t.updated_at).bind(t.resolved_at)
                .bind(t.closed_at).bind(t.staff_copies).bind(&t.fingerprint);
        }
        q.fetch_all(c).await
    })?;
    // The rows come back in no particular order, each with its own subject.
    let docs: Vec<_> = written
        .iter()
        .map(|(id, _, subject)| subject_doc(*id, subject))
        .collect();
    search::index(tx, &docs).await?;
    Ok(written
        .into_iter()
        .map(|(id, number, _)| (id, number))
        .collect())
}

/// The newest open ticket (neither resolved nor closed) with each of `fingerprints` created at
/// or after `since`: the tickets a request sent again joins.
pub async fn open_with_fingerprints(
    tx: &mut Tx<'_>,
    fingerprints: &[&str],
    since: i64,
) -> Result<Vec<TicketRow>> {
    if fingerprints.is_empty() {
        return Ok(Vec::new());
    }
    // PostgreSQL writes concurrently: two equal requests in two transactions would each find no
    // ticket and open two. A lock per fingerprint until the transaction ends makes the second
    // wait for the first's ticket (read committed, so the query below then sees it); taken in
    // order, so two batches never wait on each other. SQLite has one writer anyway.
    if matches!(tx.backend(), Backend::Postgres) {
        let mut keys = fingerprints.to_vec();
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            on_tx!(tx, c => sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind(k).execute(c).await.map(|_| ()))?;
        }
    }
    let params: Vec<String> = (2..fingerprints.len() + 2)
        .map(|i| format!("${i}"))
        .collect();
    let sql = format!(
        "SELECT {COLS} FROM tickets WHERE created_at >= $1 AND fingerprint IN ({})
           AND status NOT IN ('resolved', 'closed') ORDER BY id DESC",
        params.join(", ")
    );
    Ok(on_tx!(tx, c => {
        let mut q = sqlx::query_as::<_, TicketRow>(sqlx::AssertSqlSafe(sql)).bind(since);
        for f in fingerprints {
            q = q.bind(*f);
        }
        q.fetch_all(c).await
    })?)
}
