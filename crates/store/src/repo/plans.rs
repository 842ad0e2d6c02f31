//! Support plans, contracts, hand-over dates, onboarding entitlements, minute ledgers,
//! categories, the out-of-scope catalogue, paid services and the service queue.
//!
//! Dates are stored as `YYYY-MM-DD` text, which orders correctly as text on both backends.

#![allow(missing_docs)]

use crate::{Result, StoreError, Tx, on_tx, rows::SlaPolicyRow};

/// A support plan as stored; `channels` and `onboarding` are JSON arrays.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PlanRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub rank: i64,
    pub support_calendar_id: Option<i64>,
    pub remote_minutes_per_month: i64,
    pub work_minutes_per_month: i64,
    pub preventive_checks_per_month: i64,
    pub included_time_for_changes: bool,
    pub hardware_replacement: Option<String>,
    pub hardware_visit_guarantee: bool,
    pub guarantee_remote_resolution: Option<String>,
    pub guarantee_visit: Option<String>,
    pub guarantee_restore: Option<String>,
    pub price_minor: i64,
    pub currency: String,
    pub discount_hours_percent: i64,
    pub discount_trips_percent: i64,
    pub free_remote_diagnostics: bool,
    pub pay_later: bool,
    pub handover_window_months: Option<i64>,
    pub channels: String,
    pub onboarding: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const PLAN_COLS: &str = "id, code, name, rank, support_calendar_id, remote_minutes_per_month, work_minutes_per_month,
    preventive_checks_per_month, included_time_for_changes, hardware_replacement, hardware_visit_guarantee,
    guarantee_remote_resolution, guarantee_visit, guarantee_restore, price_minor, currency, discount_hours_percent,
    discount_trips_percent, free_remote_diagnostics, pay_later, handover_window_months, channels, onboarding,
    created_at, updated_at";

macro_rules! bind_plan {
    ($q:expr, $p:expr) => {
        $q.bind(&$p.code)
            .bind(&$p.name)
            .bind($p.rank)
            .bind($p.support_calendar_id)
            .bind($p.remote_minutes_per_month)
            .bind($p.work_minutes_per_month)
            .bind($p.preventive_checks_per_month)
            .bind($p.included_time_for_changes)
            .bind(&$p.hardware_replacement)
            .bind($p.hardware_visit_guarantee)
            .bind(&$p.guarantee_remote_resolution)
            .bind(&$p.guarantee_visit)
            .bind(&$p.guarantee_restore)
            .bind($p.price_minor)
            .bind(&$p.currency)
            .bind($p.discount_hours_percent)
            .bind($p.discount_trips_percent)
            .bind($p.free_remote_diagnostics)
            .bind($p.pay_later)
            .bind($p.handover_window_months)
            .bind(&$p.channels)
            .bind(&$p.onboarding)
    };
}

/// Inserts a plan.
pub async fn insert_plan(tx: &mut Tx<'_>, p: &PlanRow) -> Result<i64> {
    let sql = "INSERT INTO plans (code, name, rank, support_calendar_id, remote_minutes_per_month, work_minutes_per_month,
        preventive_checks_per_month, included_time_for_changes, hardware_replacement, hardware_visit_guarantee,
        guarantee_remote_resolution, guarantee_visit, guarantee_restore, price_minor, currency, discount_hours_percent,
        discount_trips_percent, free_remote_diagnostics, pay_later, handover_window_months, channels, onboarding,
        created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)
        RETURNING id";
    Ok(
        on_tx!(tx, x => bind_plan!(sqlx::query_scalar(sql), p).bind(p.created_at).bind(p.updated_at).fetch_one(x).await)?,
    )
}

/// Replaces a plan's attributes.
pub async fn update_plan(tx: &mut Tx<'_>, p: &PlanRow) -> Result<()> {
    let sql = "UPDATE plans SET code = $1, name = $2, rank = $3, support_calendar_id = $4, remote_minutes_per_month = $5,
        work_minutes_per_month = $6, preventive_checks_per_month = $7, included_time_for_changes = $8,
        hardware_replacement = $9, hardware_visit_guarantee = $10, guarantee_remote_resolution = $11,
        guarantee_visit = $12, guarantee_restore = $13, price_minor = $14, currency = $15, discount_hours_percent = $16,
        discount_trips_percent = $17, free_remote_diagnostics = $18, pay_later = $19, handover_window_months = $20,
        channels = $21, onboarding = $22, updated_at = $23 WHERE id = $24";
    let n = on_tx!(tx, x => bind_plan!(sqlx::query(sql), p).bind(p.updated_at).bind(p.id).execute(x).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// One plan.
pub async fn get_plan(tx: &mut Tx<'_>, id: i64) -> Result<PlanRow> {
    let sql = format!("SELECT {PLAN_COLS} FROM plans WHERE id = $1");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, PlanRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(x).await)?,
    )
}

/// Every plan, highest rank first.
pub async fn list_plans(tx: &mut Tx<'_>) -> Result<Vec<PlanRow>> {
    let sql = format!("SELECT {PLAN_COLS} FROM plans ORDER BY rank DESC, id");
    Ok(on_tx!(tx, x => sqlx::query_as::<_, PlanRow>(sqlx::AssertSqlSafe(sql)).fetch_all(x).await)?)
}

/// The SLA policy for a ticket: the plan's policy for the category, the plan's default, the
/// category's policy for everyone, the default for everyone, in that order.
pub async fn policy_for_plan(
    tx: &mut Tx<'_>,
    plan_id: Option<i64>,
    category: Option<&str>,
) -> Result<Option<SlaPolicyRow>> {
    let sql = format!(
        "SELECT {} FROM sla_policies WHERE (plan_id = $1 OR plan_id IS NULL) AND (category = $2 OR category IS NULL)
         ORDER BY CASE WHEN plan_id IS NULL THEN 1 ELSE 0 END, CASE WHEN category IS NULL THEN 1 ELSE 0 END, id LIMIT 1",
        crate::repo::sla::POLICY_COLS
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, SlaPolicyRow>(sqlx::AssertSqlSafe(sql))
        .bind(plan_id).bind(category).fetch_optional(x).await)?,
    )
}

/// An installation hand-over date of an organization or one of its assets.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct HandoverRow {
    pub id: i64,
    pub organization_id: i64,
    pub asset_id: Option<i64>,
    pub handed_over_on: String,
    pub created_at: i64,
}

/// Records (replaces) the hand-over date of an organization (`asset_id` none) or an asset.
pub async fn set_handover(tx: &mut Tx<'_>, h: &HandoverRow) -> Result<i64> {
    on_tx!(tx, x => sqlx::query("DELETE FROM handovers WHERE organization_id = $1 AND COALESCE(asset_id, 0) = COALESCE($2, 0)")
        .bind(h.organization_id).bind(h.asset_id).execute(x).await.map(|r| r.rows_affected()))?;
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO handovers (organization_id, asset_id, handed_over_on, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(h.organization_id).bind(h.asset_id).bind(&h.handed_over_on).bind(h.created_at).fetch_one(x).await)?)
}

/// Hand-over dates of an organization and its assets.
pub async fn handovers(tx: &mut Tx<'_>, organization_id: i64) -> Result<Vec<HandoverRow>> {
    Ok(on_tx!(tx, x => sqlx::query_as::<_, HandoverRow>(
        "SELECT id, organization_id, asset_id, handed_over_on, created_at FROM handovers WHERE organization_id = $1 ORDER BY id")
        .bind(organization_id).fetch_all(x).await)?)
}

/// A contract: an organization (or one asset of it) on a plan for a period.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ContractRow {
    pub id: i64,
    pub organization_id: i64,
    pub asset_id: Option<i64>,
    pub plan_id: i64,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub created_at: i64,
}

const CONTRACT_COLS: &str =
    "id, organization_id, asset_id, plan_id, starts_on, ends_on, created_at";

/// Inserts a contract.
pub async fn insert_contract(tx: &mut Tx<'_>, c: &ContractRow) -> Result<i64> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO contracts (organization_id, asset_id, plan_id, starts_on, ends_on, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(c.organization_id).bind(c.asset_id).bind(c.plan_id).bind(&c.starts_on).bind(&c.ends_on).bind(c.created_at)
        .fetch_one(x).await)?)
}

/// Sets a contract's last day.
pub async fn end_contract(tx: &mut Tx<'_>, id: i64, ends_on: &str) -> Result<()> {
    on_tx!(tx, x => sqlx::query("UPDATE contracts SET ends_on = $2 WHERE id = $1")
        .bind(id).bind(ends_on).execute(x).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Every contract of an organization, oldest start first (the plan history).
pub async fn contracts_of(tx: &mut Tx<'_>, organization_id: i64) -> Result<Vec<ContractRow>> {
    let sql = format!(
        "SELECT {CONTRACT_COLS} FROM contracts WHERE organization_id = $1 ORDER BY starts_on, id"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, ContractRow>(sqlx::AssertSqlSafe(sql))
        .bind(organization_id).fetch_all(x).await)?,
    )
}

/// Contracts running on `day` (any organization).
pub async fn contracts_on(tx: &mut Tx<'_>, day: &str) -> Result<Vec<ContractRow>> {
    let sql = format!(
        "SELECT {CONTRACT_COLS} FROM contracts WHERE starts_on <= $1 AND (ends_on IS NULL OR ends_on >= $1) ORDER BY id"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, ContractRow>(sqlx::AssertSqlSafe(sql))
        .bind(day).fetch_all(x).await)?,
    )
}

/// An onboarding entitlement: granted once, used once.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EntitlementRow {
    pub id: i64,
    pub organization_id: i64,
    pub contract_id: i64,
    pub kind: String,
    pub granted_on: String,
    pub expires_on: Option<String>,
    pub used_at: Option<i64>,
    pub used_by: Option<String>,
    pub ticket_id: Option<i64>,
    pub note: Option<String>,
}

const ENTITLEMENT_COLS: &str = "id, organization_id, contract_id, kind, granted_on, expires_on, used_at, used_by, ticket_id, note";

/// Grants an entitlement unless the organization has one of that kind already; the new id, if any.
pub async fn grant_entitlement(tx: &mut Tx<'_>, e: &EntitlementRow) -> Result<Option<i64>> {
    let exists: i64 = on_tx!(tx, x => sqlx::query_scalar("SELECT COUNT(*) FROM entitlements WHERE organization_id = $1 AND kind = $2")
        .bind(e.organization_id).bind(&e.kind).fetch_one(x).await)?;
    if exists > 0 {
        return Ok(None);
    }
    Ok(Some(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO entitlements (organization_id, contract_id, kind, granted_on, expires_on) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(e.organization_id).bind(e.contract_id).bind(&e.kind).bind(&e.granted_on).bind(&e.expires_on)
        .fetch_one(x).await)?))
}

/// One entitlement.
pub async fn get_entitlement(tx: &mut Tx<'_>, id: i64) -> Result<EntitlementRow> {
    let sql = format!("SELECT {ENTITLEMENT_COLS} FROM entitlements WHERE id = $1");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, EntitlementRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(x).await)?,
    )
}

/// An organization's entitlements.
pub async fn entitlements_of(tx: &mut Tx<'_>, organization_id: i64) -> Result<Vec<EntitlementRow>> {
    let sql = format!(
        "SELECT {ENTITLEMENT_COLS} FROM entitlements WHERE organization_id = $1 ORDER BY id"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, EntitlementRow>(sqlx::AssertSqlSafe(sql)).bind(organization_id).fetch_all(x).await)?,
    )
}

/// Marks an entitlement used: true for exactly one caller.
pub async fn use_entitlement(
    tx: &mut Tx<'_>,
    id: i64,
    at: i64,
    by: &str,
    ticket_id: Option<i64>,
    note: Option<&str>,
) -> Result<bool> {
    let n = on_tx!(tx, x => sqlx::query(
        "UPDATE entitlements SET used_at = $2, used_by = $3, ticket_id = $4, note = $5 WHERE id = $1 AND used_at IS NULL")
        .bind(id).bind(at).bind(by).bind(ticket_id).bind(note).execute(x).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Records minutes drawn from a monthly ledger.
pub async fn insert_usage(
    tx: &mut Tx<'_>,
    organization_id: i64,
    month: &str,
    kind: &str,
    minutes: i64,
    ticket_id: Option<i64>,
    now: i64,
) -> Result<i64> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO minute_usage (organization_id, month, kind, minutes, ticket_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(organization_id).bind(month).bind(kind).bind(minutes).bind(ticket_id).bind(now).fetch_one(x).await)?)
}

/// Minutes used per kind in a month.
pub async fn usage(
    tx: &mut Tx<'_>,
    organization_id: i64,
    month: &str,
) -> Result<Vec<(String, i64)>> {
    Ok(on_tx!(tx, x => sqlx::query_as::<_, (String, i64)>(
        "SELECT kind, CAST(SUM(minutes) AS BIGINT) FROM minute_usage WHERE organization_id = $1 AND month = $2 GROUP BY kind ORDER BY kind")
        .bind(organization_id).bind(month).fetch_all(x).await)?)
}

/// A request category with its urgency rule.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CategoryRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub plannable: bool,
    pub created_at: i64,
}

/// Inserts a category.
pub async fn insert_category(tx: &mut Tx<'_>, c: &CategoryRow) -> Result<i64> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO categories (code, name, plannable, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(&c.code).bind(&c.name).bind(c.plannable).bind(c.created_at).fetch_one(x).await)?)
}

/// Every category.
pub async fn list_categories(tx: &mut Tx<'_>) -> Result<Vec<CategoryRow>> {
    Ok(on_tx!(tx, x => sqlx::query_as::<_, CategoryRow>(
        "SELECT id, code, name, plannable, created_at FROM categories ORDER BY code").fetch_all(x).await)?)
}

/// A category by code.
pub async fn category(tx: &mut Tx<'_>, code: &str) -> Result<Option<CategoryRow>> {
    Ok(on_tx!(tx, x => sqlx::query_as::<_, CategoryRow>(
        "SELECT id, code, name, plannable, created_at FROM categories WHERE code = $1").bind(code).fetch_optional(x).await)?)
}

/// An out-of-scope item with its prepared answer in four languages.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScopeItemRow {
    pub id: i64,
    pub code: String,
    pub product: Option<String>,
    pub category: Option<String>,
    pub title: String,
    pub answer_sk: String,
    pub answer_cs: String,
    pub answer_pl: String,
    pub answer_en: String,
    pub created_at: i64,
}

const SCOPE_COLS: &str =
    "id, code, product, category, title, answer_sk, answer_cs, answer_pl, answer_en, created_at";

/// Inserts a scope item.
pub async fn insert_scope_item(tx: &mut Tx<'_>, s: &ScopeItemRow) -> Result<i64> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO scope_items (code, product, category, title, answer_sk, answer_cs, answer_pl, answer_en, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
        .bind(&s.code).bind(&s.product).bind(&s.category).bind(&s.title).bind(&s.answer_sk).bind(&s.answer_cs)
        .bind(&s.answer_pl).bind(&s.answer_en).bind(s.created_at).fetch_one(x).await)?)
}

/// Every scope item.
pub async fn list_scope_items(tx: &mut Tx<'_>) -> Result<Vec<ScopeItemRow>> {
    let sql = format!("SELECT {SCOPE_COLS} FROM scope_items ORDER BY product, category, code");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, ScopeItemRow>(sqlx::AssertSqlSafe(sql)).fetch_all(x).await)?,
    )
}

/// One scope item.
pub async fn get_scope_item(tx: &mut Tx<'_>, id: i64) -> Result<ScopeItemRow> {
    let sql = format!("SELECT {SCOPE_COLS} FROM scope_items WHERE id = $1");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, ScopeItemRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(x).await)?,
    )
}

/// Records that a ticket was marked out of scope.
pub async fn insert_scope_mark(
    tx: &mut Tx<'_>,
    ticket_id: i64,
    scope_item_id: i64,
    language: &str,
    outbox_id: Option<i64>,
    actor: &str,
    at: i64,
) -> Result<i64> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO ticket_scope_marks (ticket_id, scope_item_id, language, outbox_id, actor, at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(ticket_id).bind(scope_item_id).bind(language).bind(outbox_id).bind(actor).bind(at).fetch_one(x).await)?)
}

/// A paid intervention of an organization (the billing will write these; recorded by hand now).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PaidServiceRow {
    pub id: i64,
    pub organization_id: i64,
    pub ticket_id: Option<i64>,
    pub performed_on: String,
    pub amount_minor: i64,
    pub currency: String,
    pub note: Option<String>,
    pub created_at: i64,
}

/// Inserts a paid service.
pub async fn insert_paid_service(tx: &mut Tx<'_>, p: &PaidServiceRow) -> Result<i64> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO paid_services (organization_id, ticket_id, performed_on, amount_minor, currency, note, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(p.organization_id).bind(p.ticket_id).bind(&p.performed_on).bind(p.amount_minor).bind(&p.currency)
        .bind(&p.note).bind(p.created_at).fetch_one(x).await)?)
}

/// How many paid services an organization had on or after `since`.
pub async fn paid_services_since(
    tx: &mut Tx<'_>,
    organization_id: i64,
    since: &str,
) -> Result<i64> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "SELECT COUNT(*) FROM paid_services WHERE organization_id = $1 AND performed_on >= $2")
        .bind(organization_id).bind(since).fetch_one(x).await)?)
}

/// Category and subject of an organization's tickets reported at or after `since` (epoch ms).
pub async fn requests_since(
    tx: &mut Tx<'_>,
    organization_id: i64,
    since: i64,
) -> Result<Vec<(Option<String>, String)>> {
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, (Option<String>, String)>(
        "SELECT category, subject FROM tickets WHERE organization_id = $1 AND created_at >= $2 ORDER BY id LIMIT 500")
        .bind(organization_id).bind(since).fetch_all(x).await)?,
    )
}

/// An open ticket as the service queue needs it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct QueueRow {
    pub id: i64,
    pub number: String,
    pub subject: String,
    pub status: String,
    pub urgency: String,
    pub category: Option<String>,
    pub organization_id: Option<i64>,
    pub asset_id: Option<i64>,
    pub team_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub created_at: i64,
    pub staff_copies: i64,
    pub due_at: Option<i64>,
    pub due_metric: Option<String>,
    pub channel: String,
}

/// Every open ticket (not resolved, not closed) with its earliest running clock's due time.
///
/// With `visible_to_agent`, only the tickets that agent may see under the team rule of
/// [`super::tickets::TicketFilter::visible_to_agent`].
pub async fn open_tickets_for_queue(
    tx: &mut Tx<'_>,
    limit: i64,
    visible_to_agent: Option<i64>,
) -> Result<Vec<QueueRow>> {
    Ok(on_tx!(tx, x => sqlx::query_as::<_, QueueRow>(
        "SELECT t.id, t.number, t.subject, t.status, t.urgency, t.category, t.organization_id, t.asset_id, t.team_id,
                t.assignee_id, t.created_at, t.staff_copies,
                (SELECT MIN(ct.due_at) FROM ticket_clocks c JOIN ticket_clock_times ct ON ct.id = c.clock_id
                  WHERE c.ticket_id = t.id AND ct.met_at IS NULL AND ct.due_at IS NOT NULL) AS due_at,
                (SELECT c.metric FROM ticket_clocks c JOIN ticket_clock_times ct ON ct.id = c.clock_id
                  WHERE c.ticket_id = t.id AND ct.met_at IS NULL AND ct.due_at IS NOT NULL
                  ORDER BY ct.due_at, c.metric LIMIT 1) AS due_metric,
                t.channel
         FROM tickets t WHERE t.status NOT IN ('resolved', 'closed')
           AND ($2 IS NULL OR t.assignee_id = $2
                OR t.team_id IN (SELECT team_id FROM team_members WHERE agent_id = $2))
         ORDER BY t.id LIMIT $1")
        .bind(limit).bind(visible_to_agent).fetch_all(x).await)?)
}

/// An entitlement a customer asked for from the portal: the request it opened, if still there.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EntitlementRequest {
    pub entitlement_id: i64,
    pub ticket_id: Option<i64>,
    pub ticket_number: Option<String>,
    pub requested_at: i64,
}

/// The entitlements of an organization asked for from the portal.
pub async fn entitlement_requests(
    tx: &mut Tx<'_>,
    organization_id: i64,
) -> Result<Vec<EntitlementRequest>> {
    Ok(on_tx!(tx, x => sqlx::query_as::<_, EntitlementRequest>(
        "SELECT e.id AS entitlement_id, e.requested_ticket_id AS ticket_id, t.number AS ticket_number, e.requested_at
         FROM entitlements e LEFT JOIN tickets t ON t.id = e.requested_ticket_id
         WHERE e.organization_id = $1 AND e.requested_at IS NOT NULL ORDER BY e.id")
        .bind(organization_id).fetch_all(x).await)?)
}

/// Claims an unused entitlement not asked for yet, before its request is opened: one
/// conditional update, so of two asks at once exactly one gets true.
pub async fn claim_entitlement(tx: &mut Tx<'_>, id: i64, at: i64) -> Result<bool> {
    let n = on_tx!(tx, x => sqlx::query(
        "UPDATE entitlements SET requested_at = $2, requested_ticket_id = NULL
         WHERE id = $1 AND used_at IS NULL AND requested_at IS NULL")
        .bind(id).bind(at).execute(x).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Gives up a claim whose request could not be opened.
pub async fn release_entitlement(tx: &mut Tx<'_>, id: i64) -> Result<()> {
    on_tx!(tx, x => sqlx::query(
        "UPDATE entitlements SET requested_at = NULL WHERE id = $1 AND requested_ticket_id IS NULL")
        .bind(id).execute(x).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records that an entitlement was asked for with `ticket_id`: true for exactly one caller, and
/// only while it is unused and its request is not recorded yet (it may be claimed).
pub async fn request_entitlement(
    tx: &mut Tx<'_>,
    id: i64,
    ticket_id: i64,
    at: i64,
) -> Result<bool> {
    let n = on_tx!(tx, x => sqlx::query(
        "UPDATE entitlements SET requested_ticket_id = $2, requested_at = $3
         WHERE id = $1 AND used_at IS NULL AND requested_ticket_id IS NULL")
        .bind(id).bind(ticket_id).bind(at).execute(x).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
