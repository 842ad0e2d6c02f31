//! Support addresses added in the workspace, used alongside the configuration file's.

use crate::{Result, StoreError, Tx, on_tx};

/// One stored support address.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SupportAddressRow {
    /// Id.
    pub id: i64,
    /// The address, lower case.
    pub address: String,
    /// The team new requests to it go to; `None` for the default routing.
    pub team_id: Option<i64>,
    /// `sk`, `cs`, `pl` or `en`: the language of automatic answers to unknown senders.
    pub language: String,
    /// Created (epoch ms).
    pub created_at: i64,
    /// Last changed (epoch ms).
    pub updated_at: i64,
}

/// Every stored address, by address.
pub async fn all(tx: &mut Tx<'_>) -> Result<Vec<SupportAddressRow>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, SupportAddressRow>(
        "SELECT id, address, team_id, language, created_at, updated_at FROM support_addresses ORDER BY address")
        .fetch_all(c).await)?)
}

/// One stored address.
pub async fn get(tx: &mut Tx<'_>, id: i64) -> Result<SupportAddressRow> {
    on_tx!(tx, c => sqlx::query_as::<_, SupportAddressRow>(
        "SELECT id, address, team_id, language, created_at, updated_at FROM support_addresses WHERE id = $1")
        .bind(id).fetch_optional(c).await)?
    .ok_or(StoreError::NotFound)
}

/// Stores a new address; returns its id. An address stored already is a conflict.
pub async fn insert(tx: &mut Tx<'_>, r: &SupportAddressRow) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO support_addresses (address, team_id, language, created_at, updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(&r.address).bind(r.team_id).bind(&r.language).bind(r.created_at).bind(r.updated_at)
        .fetch_one(c).await)?)
}

/// Changes a stored address.
pub async fn update(tx: &mut Tx<'_>, r: &SupportAddressRow) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE support_addresses SET address = $2, team_id = $3, language = $4, updated_at = $5 WHERE id = $1")
        .bind(r.id).bind(&r.address).bind(r.team_id).bind(&r.language).bind(r.updated_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Deletes a stored address.
pub async fn delete(tx: &mut Tx<'_>, id: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM support_addresses WHERE id = $1")
        .bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}
