//! Small key-value settings (e.g. markers that demo data was loaded).

use crate::{Result, Tx, on_tx};

/// Reads a setting.
pub async fn get(tx: &mut Tx<'_>, key: &str) -> Result<Option<String>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(key).fetch_optional(c).await)?,
    )
}

/// Writes a setting, replacing an earlier value.
pub async fn put(tx: &mut Tx<'_>, key: &str, value: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key).bind(value).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Tables whose row counts [`row_counts`] reports.
pub const COUNTED_TABLES: &[&str] = &[
    "organizations",
    "contacts",
    "contact_emails",
    "assets",
    "asset_rights",
    "agents",
    "teams",
    "api_tokens",
    "tickets",
    "articles",
    "attachments",
    "audit_log",
    "jobs",
    "contracts",
    "handovers",
    "entitlements",
    "ticket_scope_marks",
    "time_entries",
    "prepaid_packages",
    "price_lists",
    "canned_responses",
];

/// Row counts of the main tables, for diagnostics and for tests that check nothing was written.
pub async fn row_counts(tx: &mut Tx<'_>) -> Result<Vec<(&'static str, i64)>> {
    let mut out = Vec::with_capacity(COUNTED_TABLES.len());
    for t in COUNTED_TABLES {
        let sql = format!("SELECT COUNT(*) FROM {t}");
        let n: i64 =
            on_tx!(tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(c).await)?;
        out.push((*t, n));
    }
    Ok(out)
}
