//! Price lists, time entries on tickets and prepaid minute packages.
//!
//! Instants are milliseconds since the Unix epoch. An invoiced time entry is never changed:
//! [`update_entry`] leaves it as it is and says so.

#![allow(missing_docs)]

use crate::{Result, StoreError, Tx, on_tx};

/// A supplier's price list; `body` is its TOML form.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PriceListRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub vat_country: String,
    pub currency: String,
    pub body: String,
    pub is_default: bool,
    pub agreement_required: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

const LIST_COLS: &str = "id, code, name, vat_country, currency, body, is_default, agreement_required, created_at, updated_at";

/// Creates or replaces the price list with `p.code`; the default list, when `p.is_default`,
/// is this one alone. Returns its id.
pub async fn put_price_list(tx: &mut Tx<'_>, p: &PriceListRow) -> Result<i64> {
    if p.is_default {
        on_tx!(tx, x => sqlx::query("UPDATE price_lists SET is_default = FALSE WHERE code <> $1")
            .bind(&p.code).execute(x).await.map(|r| r.rows_affected()))?;
    }
    let existing: Option<i64> = on_tx!(tx, x => sqlx::query_scalar("SELECT id FROM price_lists WHERE code = $1")
        .bind(&p.code).fetch_optional(x).await)?;
    match existing {
        Some(id) => {
            on_tx!(tx, x => sqlx::query(
                "UPDATE price_lists SET name = $2, vat_country = $3, currency = $4, body = $5, is_default = $6, updated_at = $7,
                agreement_required = $8 WHERE id = $1")
                .bind(id).bind(&p.name).bind(&p.vat_country).bind(&p.currency).bind(&p.body).bind(p.is_default)
                .bind(p.updated_at).bind(p.agreement_required).execute(x).await.map(|r| r.rows_affected()))?;
            Ok(id)
        }
        None => Ok(on_tx!(tx, x => sqlx::query_scalar(
            "INSERT INTO price_lists (code, name, vat_country, currency, body, is_default, created_at, updated_at,
                agreement_required)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
            .bind(&p.code).bind(&p.name).bind(&p.vat_country).bind(&p.currency).bind(&p.body).bind(p.is_default)
            .bind(p.created_at).bind(p.updated_at).bind(p.agreement_required).fetch_one(x).await)?),
    }
}

/// Every price list, the default first.
pub async fn price_lists(tx: &mut Tx<'_>) -> Result<Vec<PriceListRow>> {
    let sql = format!("SELECT {LIST_COLS} FROM price_lists ORDER BY is_default DESC, code");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, PriceListRow>(sqlx::AssertSqlSafe(sql)).fetch_all(x).await)?,
    )
}

/// The price list with a code.
pub async fn price_list(tx: &mut Tx<'_>, code: &str) -> Result<PriceListRow> {
    let sql = format!("SELECT {LIST_COLS} FROM price_lists WHERE code = $1");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, PriceListRow>(sqlx::AssertSqlSafe(sql)).bind(code).fetch_one(x).await)?,
    )
}

/// The default price list, if there is one; else the only one.
pub async fn default_price_list(tx: &mut Tx<'_>) -> Result<Option<PriceListRow>> {
    let all = price_lists(tx).await?;
    let only = all.len() == 1;
    Ok(all.into_iter().find(|p| p.is_default || only))
}

/// Time worked on a ticket.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TimeEntryRow {
    pub id: i64,
    pub ticket_id: i64,
    pub agent_id: Option<i64>,
    pub kind: String,
    pub started_at: i64,
    pub ended_at: Option<i64>,
    pub minutes: i64,
    pub intervention: i64,
    pub visits: i64,
    pub billable: bool,
    pub note: Option<String>,
    pub invoiced_at: Option<i64>,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const ENTRY_COLS: &str =
    "id, ticket_id, agent_id, kind, started_at, ended_at, minutes, intervention, visits, billable,
    note, invoiced_at, created_by, created_at, updated_at";

/// Inserts time entries in one statement; their ids in order.
pub async fn insert_entries(tx: &mut Tx<'_>, rows: &[TimeEntryRow]) -> Result<Vec<i64>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "INSERT INTO time_entries (ticket_id, agent_id, kind, started_at, ended_at, minutes, intervention, visits,
            billable, note, invoiced_at, created_by, created_at, updated_at)
         VALUES {} RETURNING id",
        crate::repo::rows_params(tx.backend(), rows.len(), 14)
    );
    Ok(on_tx!(tx, c => {
        let mut q = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql));
        for e in rows {
            q = q.bind(e.ticket_id).bind(e.agent_id).bind(&e.kind).bind(e.started_at).bind(e.ended_at)
                .bind(e.minutes).bind(e.intervention).bind(e.visits).bind(e.billable).bind(&e.note)
                .bind(e.invoiced_at).bind(&e.created_by).bind(e.created_at).bind(e.updated_at);
        }
        q.fetch_all(c).await
    })?)
}

/// One time entry.
pub async fn entry(tx: &mut Tx<'_>, id: i64) -> Result<TimeEntryRow> {
    let sql = format!("SELECT {ENTRY_COLS} FROM time_entries WHERE id = $1");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, TimeEntryRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(x).await)?,
    )
}

/// A ticket's time entries, by intervention, then start.
pub async fn entries_of_ticket(tx: &mut Tx<'_>, ticket_id: i64) -> Result<Vec<TimeEntryRow>> {
    let sql = format!(
        "SELECT {ENTRY_COLS} FROM time_entries WHERE ticket_id = $1 ORDER BY intervention, started_at, id"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, TimeEntryRow>(sqlx::AssertSqlSafe(sql)).bind(ticket_id).fetch_all(x).await)?,
    )
}

/// The number a new intervention on a ticket gets: one more than the highest.
pub async fn next_intervention(tx: &mut Tx<'_>, ticket_id: i64) -> Result<i64> {
    let max: Option<i64> = on_tx!(tx, x => sqlx::query_scalar(
        "SELECT CAST(MAX(intervention) AS BIGINT) FROM time_entries WHERE ticket_id = $1")
        .bind(ticket_id).fetch_one(x).await)?;
    Ok(max.unwrap_or(0) + 1)
}

/// Replaces an entry's values unless it is invoiced: `Ok(false)` when it is.
pub async fn update_entry(tx: &mut Tx<'_>, e: &TimeEntryRow) -> Result<bool> {
    let n = on_tx!(tx, x => sqlx::query(
        "UPDATE time_entries SET kind = $2, started_at = $3, ended_at = $4, minutes = $5, intervention = $6, visits = $7,
            billable = $8, note = $9, updated_at = $10 WHERE id = $1 AND invoiced_at IS NULL")
        .bind(e.id).bind(&e.kind).bind(e.started_at).bind(e.ended_at).bind(e.minutes).bind(e.intervention)
        .bind(e.visits).bind(e.billable).bind(&e.note).bind(e.updated_at).execute(x).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Marks entries invoiced at `at` (entries invoiced before keep their instant).
pub async fn mark_invoiced(tx: &mut Tx<'_>, ids: &[i64], at: i64) -> Result<u64> {
    let mut n = 0;
    for id in ids {
        n += on_tx!(tx, x => sqlx::query("UPDATE time_entries SET invoiced_at = $2 WHERE id = $1 AND invoiced_at IS NULL")
            .bind(id).bind(at).execute(x).await.map(|r| r.rows_affected()))?;
    }
    Ok(n)
}

/// A billable entry with the organization of its ticket, as the rating of a customer reads it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RatedEntryRow {
    pub organization_id: i64,
    pub ticket_id: i64,
    pub ticket_number: String,
    pub intervention: i64,
    pub kind: String,
    pub started_at: i64,
    pub minutes: i64,
    pub visits: i64,
}

const RATED_SQL: &str =
    "SELECT t.organization_id, e.ticket_id, t.number AS ticket_number, e.intervention, e.kind,
        e.started_at, e.minutes, e.visits
    FROM time_entries e JOIN tickets t ON t.id = e.ticket_id
    WHERE e.billable AND t.organization_id IS NOT NULL";

/// An organization's billable entries started before `until`, in start order.
pub async fn billable_entries_of_org(
    tx: &mut Tx<'_>,
    organization_id: i64,
    until: i64,
) -> Result<Vec<RatedEntryRow>> {
    let sql = format!(
        "{RATED_SQL} AND t.organization_id = $1 AND e.started_at < $2 ORDER BY e.started_at, e.ticket_id, e.intervention, e.id"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, RatedEntryRow>(sqlx::AssertSqlSafe(sql))
        .bind(organization_id).bind(until).fetch_all(x).await)?,
    )
}

/// Every organization's billable entries started before `until`, by organization, then in
/// start order.
pub async fn billable_entries_all(tx: &mut Tx<'_>, until: i64) -> Result<Vec<RatedEntryRow>> {
    let sql = format!(
        "{RATED_SQL} AND e.started_at < $1 ORDER BY t.organization_id, e.started_at, e.ticket_id, e.intervention, e.id"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, RatedEntryRow>(sqlx::AssertSqlSafe(sql))
        .bind(until).fetch_all(x).await)?,
    )
}

/// A bought package of prepaid minutes.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PrepaidRow {
    pub id: i64,
    pub organization_id: i64,
    pub minutes: i64,
    pub bought_at: i64,
    pub expires_at: i64,
    pub note: Option<String>,
    pub created_by: String,
    pub created_at: i64,
}

const PREPAID_COLS: &str =
    "id, organization_id, minutes, bought_at, expires_at, note, created_by, created_at";

/// Records a bought package.
pub async fn insert_prepaid(tx: &mut Tx<'_>, p: &PrepaidRow) -> Result<i64> {
    if p.minutes <= 0 {
        return Err(StoreError::Invalid(
            "a package holds a positive number of minutes".into(),
        ));
    }
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO prepaid_packages (organization_id, minutes, bought_at, expires_at, note, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(p.organization_id).bind(p.minutes).bind(p.bought_at).bind(p.expires_at).bind(&p.note)
        .bind(&p.created_by).bind(p.created_at).fetch_one(x).await)?)
}

/// An organization's packages, in the order they were bought.
pub async fn prepaid_of_org(tx: &mut Tx<'_>, organization_id: i64) -> Result<Vec<PrepaidRow>> {
    let sql = format!(
        "SELECT {PREPAID_COLS} FROM prepaid_packages WHERE organization_id = $1 ORDER BY bought_at, id"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, PrepaidRow>(sqlx::AssertSqlSafe(sql))
        .bind(organization_id).fetch_all(x).await)?,
    )
}

/// Every package, by organization, in the order they were bought.
pub async fn prepaid_all(tx: &mut Tx<'_>) -> Result<Vec<PrepaidRow>> {
    let sql = format!(
        "SELECT {PREPAID_COLS} FROM prepaid_packages ORDER BY organization_id, bought_at, id"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, PrepaidRow>(sqlx::AssertSqlSafe(sql)).fetch_all(x).await)?,
    )
}

/// An organization as the rating reads it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RatedOrgRow {
    pub id: i64,
    pub country: String,
    pub price_level: String,
}

/// One organization's country and price level.
pub async fn rated_org(tx: &mut Tx<'_>, id: i64) -> Result<RatedOrgRow> {
    Ok(on_tx!(tx, x => sqlx::query_as::<_, RatedOrgRow>(
        "SELECT id, country, price_level FROM organizations WHERE id = $1").bind(id).fetch_one(x).await)?)
}

/// Every organization's country and price level, by id.
pub async fn rated_orgs(tx: &mut Tx<'_>) -> Result<Vec<RatedOrgRow>> {
    Ok(on_tx!(tx, x => sqlx::query_as::<_, RatedOrgRow>(
        "SELECT id, country, price_level FROM organizations ORDER BY id").fetch_all(x).await)?)
}

/// Every organization-wide contract (not one asset's), by organization and start.
pub async fn org_contracts_all(tx: &mut Tx<'_>) -> Result<Vec<crate::repo::plans::ContractRow>> {
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, crate::repo::plans::ContractRow>(
        "SELECT id, organization_id, asset_id, plan_id, starts_on, ends_on, created_at FROM contracts
         WHERE asset_id IS NULL ORDER BY organization_id, starts_on, id").fetch_all(x).await)?,
    )
}

/// An offer of paid work on a ticket and its acceptance.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AgreementRow {
    pub id: i64,
    pub ticket_id: i64,
    pub description: String,
    pub estimate_minutes: Option<i64>,
    pub offered_by: String,
    pub offered_at: i64,
    pub accepted_at: Option<i64>,
    pub accepted_by: Option<String>,
    pub accepted_channel: Option<String>,
}

const AGREEMENT_COLS: &str = "id, ticket_id, description, estimate_minutes, offered_by, offered_at, accepted_at, accepted_by, accepted_channel";

/// Records an offer.
pub async fn insert_agreement(tx: &mut Tx<'_>, a: &AgreementRow) -> Result<i64> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO agreements (ticket_id, description, estimate_minutes, offered_by, offered_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(a.ticket_id).bind(&a.description).bind(a.estimate_minutes).bind(&a.offered_by).bind(a.offered_at)
        .fetch_one(x).await)?)
}

/// A ticket's offers, oldest first.
pub async fn agreements_of_ticket(tx: &mut Tx<'_>, ticket_id: i64) -> Result<Vec<AgreementRow>> {
    let sql = format!("SELECT {AGREEMENT_COLS} FROM agreements WHERE ticket_id = $1 ORDER BY id");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, AgreementRow>(sqlx::AssertSqlSafe(sql))
        .bind(ticket_id).fetch_all(x).await)?,
    )
}

/// Accepts an offer not accepted yet: true for exactly one caller.
pub async fn accept_agreement(
    tx: &mut Tx<'_>,
    id: i64,
    at: i64,
    by: &str,
    channel: &str,
) -> Result<bool> {
    let n = on_tx!(tx, x => sqlx::query(
        "UPDATE agreements SET accepted_at = $2, accepted_by = $3, accepted_channel = $4 WHERE id = $1 AND accepted_at IS NULL")
        .bind(id).bind(at).bind(by).bind(channel).execute(x).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Tickets with an accepted offer, among those of an organization (`None`: every ticket).
pub async fn agreed_tickets(tx: &mut Tx<'_>, organization_id: Option<i64>) -> Result<Vec<i64>> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "SELECT DISTINCT a.ticket_id FROM agreements a JOIN tickets t ON t.id = a.ticket_id
         WHERE a.accepted_at IS NOT NULL AND ($1 IS NULL OR t.organization_id = $1) ORDER BY a.ticket_id")
        .bind(organization_id).fetch_all(x).await)?)
}
