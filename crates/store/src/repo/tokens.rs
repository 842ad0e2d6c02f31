//! API tokens: agent tokens and per-organization keys, stored by the SHA-256 of the secret.

use crate::{Result, Tx, on_tx, rows::TokenRow};

/// Stores a new token's hash.
pub async fn insert(
    tx: &mut Tx<'_>,
    token_hash: &str,
    name: &str,
    agent_id: Option<i64>,
    organization_id: Option<i64>,
    now: i64,
) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO api_tokens (token_hash, name, agent_id, organization_id, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(token_hash).bind(name).bind(agent_id).bind(organization_id).bind(now)
        .fetch_one(c).await)?)
}

/// Finds a live (not revoked) token by its hash.
pub async fn find_live(tx: &mut Tx<'_>, token_hash: &str) -> Result<Option<TokenRow>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, TokenRow>(
        "SELECT id, name, agent_id, organization_id, created_at, revoked_at
         FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL")
        .bind(token_hash).fetch_optional(c).await)?)
}

/// Revokes a token.
pub async fn revoke(tx: &mut Tx<'_>, id: i64, now: i64) -> Result<bool> {
    let r = on_tx!(tx, c => sqlx::query("UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
        .bind(id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

/// Tokens of an agent or an organization.
pub async fn list(
    tx: &mut Tx<'_>,
    agent_id: Option<i64>,
    organization_id: Option<i64>,
) -> Result<Vec<TokenRow>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, TokenRow>(
        "SELECT id, name, agent_id, organization_id, created_at, revoked_at FROM api_tokens
         WHERE ($1 IS NULL OR agent_id = $1) AND ($2 IS NULL OR organization_id = $2) ORDER BY id")
        .bind(agent_id).bind(organization_id).fetch_all(c).await)?)
}

/// A live token with what authentication needs about its owner, in one query.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenOwner {
    /// Token id.
    pub id: i64,
    /// Owning agent.
    pub agent_id: Option<i64>,
    /// Owning organization.
    pub organization_id: Option<i64>,
    /// The agent's name.
    pub agent_name: Option<String>,
    /// Whether the agent may sign in.
    pub agent_active: Option<bool>,
    /// The agent's roles, comma-separated.
    pub roles: Option<String>,
}

/// Finds a live token and its owner by the token's hash.
pub async fn find_owner(tx: &mut Tx<'_>, token_hash: &str) -> Result<Option<TokenOwner>> {
    let agg = match tx.backend() {
        crate::Backend::Sqlite => "group_concat(role, ',')",
        crate::Backend::Postgres => "string_agg(role, ',')",
    };
    let sql = format!(
        "SELECT t.id, t.agent_id, t.organization_id, a.name AS agent_name, a.active AS agent_active,
            (SELECT {agg} FROM agent_roles r WHERE r.agent_id = t.agent_id) AS roles
         FROM api_tokens t LEFT JOIN agents a ON a.id = t.agent_id
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL"
    );
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, TokenOwner>(sqlx::AssertSqlSafe(sql)).bind(token_hash).fetch_optional(c).await)?,
    )
}
