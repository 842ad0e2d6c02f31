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
