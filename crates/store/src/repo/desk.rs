//! The agent workspace's accounts: staff sessions, time zones and the TOTP second factor.

use crate::{Result, Tx, on_tx};

/// A live staff session with the agent it belongs to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    /// Session id.
    pub id: i64,
    /// The signed-in agent.
    pub agent_id: i64,
    /// The agent's name.
    pub name: String,
    /// The agent's e-mail.
    pub email: String,
    /// The agent's language code.
    pub language: String,
    /// The agent's IANA time zone.
    pub time_zone: String,
    /// Whether the second factor was given (or the agent has none).
    pub second_factor_done: bool,
    /// Whether the agent has a second factor set up.
    pub has_totp: bool,
    /// When the session ends unless renewed.
    pub expires_at: i64,
}

/// What signing in needs to know about an agent found by e-mail.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Login {
    /// Agent id.
    pub id: i64,
    /// Argon2id PHC string, if a password was set.
    pub password_hash: Option<String>,
    /// Whether the agent may sign in.
    pub active: bool,
    /// The confirmed TOTP secret, if any.
    pub totp_secret: Option<String>,
}

/// An agent's sign-in data by (normalised) e-mail.
pub async fn login_by_email(tx: &mut Tx<'_>, email: &str) -> Result<Option<Login>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, Login>(
        "SELECT id, password_hash, active, totp_secret FROM agents WHERE email = $1")
        .bind(email).fetch_optional(c).await)?)
}

/// Stores a new session; `second_factor_done` false until a code is given.
pub async fn insert_session(
    tx: &mut Tx<'_>,
    token_hash: &str,
    agent_id: i64,
    second_factor_done: bool,
    now: i64,
    expires_at: i64,
) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO agent_sessions (token_hash, agent_id, second_factor_done, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $4, $4, $5) RETURNING id")
        .bind(token_hash).bind(agent_id).bind(second_factor_done).bind(now).bind(expires_at)
        .fetch_one(c).await)?)
}

/// A live session of an active agent by its secret's hash.
pub async fn find_session(tx: &mut Tx<'_>, token_hash: &str, now: i64) -> Result<Option<Session>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, Session>(
        "SELECT s.id, s.agent_id, a.name, a.email, a.language, a.time_zone, s.second_factor_done,
            a.totp_secret IS NOT NULL AS has_totp, s.expires_at
         FROM agent_sessions s JOIN agents a ON a.id = s.agent_id
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND a.active")
        .bind(token_hash).bind(now).fetch_optional(c).await)?)
}

/// Marks a session seen and moves its expiry (sliding expiry).
pub async fn touch_session(tx: &mut Tx<'_>, id: i64, now: i64, expires_at: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE agent_sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1")
        .bind(id).bind(now).bind(expires_at).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records that the session's second factor was given.
pub async fn complete_second_factor(tx: &mut Tx<'_>, id: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE agent_sessions SET second_factor_done = TRUE WHERE id = $1")
        .bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Revokes one session.
pub async fn revoke_session(tx: &mut Tx<'_>, id: i64, now: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE agent_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
        .bind(id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Stores an agent's language and time zone.
pub async fn set_preferences(tx: &mut Tx<'_>, agent_id: i64, lang: &str, zone: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE agents SET language = $2, time_zone = $3 WHERE id = $1")
        .bind(agent_id).bind(lang).bind(zone).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// An agent's second-factor state.
#[derive(Debug, Clone, Default, sqlx::FromRow)]
pub struct SecondFactor {
    /// The confirmed secret.
    pub totp_secret: Option<String>,
    /// A secret being set up.
    pub totp_pending: Option<String>,
    /// The last accepted time step.
    pub totp_last_step: Option<i64>,
}

/// An agent's second-factor state.
pub async fn second_factor(tx: &mut Tx<'_>, agent_id: i64) -> Result<SecondFactor> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, SecondFactor>(
        "SELECT totp_secret, totp_pending, totp_last_step FROM agents WHERE id = $1")
        .bind(agent_id).fetch_one(c).await)?)
}

/// Stores an agent's second-factor state.
pub async fn set_second_factor(tx: &mut Tx<'_>, agent_id: i64, f: &SecondFactor) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE agents SET totp_secret = $2, totp_pending = $3, totp_last_step = $4 WHERE id = $1")
        .bind(agent_id).bind(&f.totp_secret).bind(&f.totp_pending).bind(f.totp_last_step)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Replaces an agent's recovery codes with new ones (hashes).
pub async fn replace_recovery_codes(
    tx: &mut Tx<'_>,
    agent_id: i64,
    hashes: &[String],
) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM agent_recovery_codes WHERE agent_id = $1")
        .bind(agent_id).execute(c).await.map(|r| r.rows_affected()))?;
    for h in hashes {
        on_tx!(tx, c => sqlx::query("INSERT INTO agent_recovery_codes (agent_id, code_hash) VALUES ($1, $2)")
            .bind(agent_id).bind(h).execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Uses up an unused recovery code; whether one matched.
pub async fn use_recovery_code(
    tx: &mut Tx<'_>,
    agent_id: i64,
    hash: &str,
    now: i64,
) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE agent_recovery_codes SET used_at = $3 WHERE agent_id = $1 AND code_hash = $2 AND used_at IS NULL")
        .bind(agent_id).bind(hash).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// How many unused recovery codes an agent has left.
pub async fn recovery_codes_left(tx: &mut Tx<'_>, agent_id: i64) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM agent_recovery_codes WHERE agent_id = $1 AND used_at IS NULL")
        .bind(agent_id).fetch_one(c).await)?)
}

/// Records that an agent has a ticket's page open now.
pub async fn seen_ticket(tx: &mut Tx<'_>, ticket_id: i64, agent_id: i64, now: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO ticket_viewers (ticket_id, agent_id, seen_at) VALUES ($1, $2, $3)
         ON CONFLICT (ticket_id, agent_id) DO UPDATE SET seen_at = EXCLUDED.seen_at")
        .bind(ticket_id).bind(agent_id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The names of other agents who had a ticket's page open since `since`.
pub async fn other_viewers(
    tx: &mut Tx<'_>,
    ticket_id: i64,
    agent_id: i64,
    since: i64,
) -> Result<Vec<String>> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "SELECT a.name FROM ticket_viewers v JOIN agents a ON a.id = v.agent_id
         WHERE v.ticket_id = $1 AND v.agent_id <> $2 AND v.seen_at >= $3 ORDER BY a.name")
        .bind(ticket_id).bind(agent_id).bind(since).fetch_all(c).await)?)
}
