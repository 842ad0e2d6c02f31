//! Agents (staff), their roles, and teams.

use crate::{
    Result, StoreError, Tx, on_tx,
    rows::{AgentRow, TeamRow},
};

const AGENT_COLS: &str = "id, email, name, language, password_hash, active, created_at, updated_at";
const TEAM_COLS: &str = "id, name, email, created_at, lead_agent_id";

/// Inserts an agent and returns its id.
pub async fn insert_agent(
    tx: &mut Tx<'_>,
    email: &str,
    name: &str,
    language: &str,
    password_hash: Option<&str>,
    now: i64,
) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO agents (email, name, language, password_hash, active, created_at, updated_at)
         VALUES ($1, $2, $3, $4, TRUE, $5, $5) RETURNING id")
        .bind(email).bind(name).bind(language).bind(password_hash).bind(now)
        .fetch_one(c).await)?)
}

/// Writes every column of an agent row.
pub async fn update_agent(tx: &mut Tx<'_>, a: &AgentRow) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE agents SET email = $2, name = $3, language = $4, password_hash = $5, active = $6, updated_at = $7
         WHERE id = $1")
        .bind(a.id).bind(&a.email).bind(&a.name).bind(a.language.as_str()).bind(&a.password_hash)
        .bind(a.active).bind(a.updated_at).execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// One agent by id.
pub async fn get_agent(tx: &mut Tx<'_>, id: i64) -> Result<AgentRow> {
    let sql = format!("SELECT {AGENT_COLS} FROM agents WHERE id = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, AgentRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(c).await)?,
    )
}

/// One agent by (normalised) e-mail.
pub async fn find_agent_by_email(tx: &mut Tx<'_>, email: &str) -> Result<Option<AgentRow>> {
    let sql = format!("SELECT {AGENT_COLS} FROM agents WHERE email = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, AgentRow>(sqlx::AssertSqlSafe(sql)).bind(email).fetch_optional(c).await)?,
    )
}

/// Every agent, by id.
pub async fn list_agents(tx: &mut Tx<'_>) -> Result<Vec<AgentRow>> {
    let sql = format!("SELECT {AGENT_COLS} FROM agents ORDER BY id");
    Ok(on_tx!(tx, c => sqlx::query_as::<_, AgentRow>(sqlx::AssertSqlSafe(sql)).fetch_all(c).await)?)
}

/// Replaces an agent's roles.
pub async fn set_roles(tx: &mut Tx<'_>, agent_id: i64, roles: &[&str]) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM agent_roles WHERE agent_id = $1").bind(agent_id).execute(c).await.map(|r| r.rows_affected()))?;
    for r in roles {
        on_tx!(tx, c => sqlx::query("INSERT INTO agent_roles (agent_id, role) VALUES ($1, $2)")
            .bind(agent_id).bind(*r).execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// An agent's roles.
pub async fn roles(tx: &mut Tx<'_>, agent_id: i64) -> Result<Vec<String>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT role FROM agent_roles WHERE agent_id = $1 ORDER BY role")
        .bind(agent_id).fetch_all(c).await)?,
    )
}

/// Active agents holding the admin role, other than `except`.
pub async fn other_active_admins(tx: &mut Tx<'_>, except: i64) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "SELECT COUNT(*) FROM agents a JOIN agent_roles r ON r.agent_id = a.id
          WHERE r.role = 'admin' AND a.active AND a.id <> $1")
        .bind(except).fetch_one(c).await)?)
}

/// Replaces an agent's team memberships.
pub async fn set_teams(tx: &mut Tx<'_>, agent_id: i64, team_ids: &[i64]) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM team_members WHERE agent_id = $1").bind(agent_id).execute(c).await.map(|r| r.rows_affected()))?;
    for t in team_ids {
        on_tx!(tx, c => sqlx::query("INSERT INTO team_members (team_id, agent_id) VALUES ($1, $2)")
            .bind(*t).bind(agent_id).execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// The teams an agent belongs to.
pub async fn team_ids(tx: &mut Tx<'_>, agent_id: i64) -> Result<Vec<i64>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT team_id FROM team_members WHERE agent_id = $1 ORDER BY team_id")
        .bind(agent_id).fetch_all(c).await)?,
    )
}

/// Inserts a team.
pub async fn insert_team(
    tx: &mut Tx<'_>,
    name: &str,
    email: Option<&str>,
    lead_agent_id: Option<i64>,
    now: i64,
) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO teams (name, email, lead_agent_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(name).bind(email).bind(lead_agent_id).bind(now).fetch_one(c).await)?)
}

/// Writes a team's columns.
pub async fn update_team(tx: &mut Tx<'_>, t: &TeamRow) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query("UPDATE teams SET name = $2, email = $3, lead_agent_id = $4 WHERE id = $1")
        .bind(t.id).bind(&t.name).bind(&t.email).bind(t.lead_agent_id).execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// One team.
pub async fn get_team(tx: &mut Tx<'_>, id: i64) -> Result<TeamRow> {
    let sql = format!("SELECT {TEAM_COLS} FROM teams WHERE id = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, TeamRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(c).await)?,
    )
}

/// A team by name.
pub async fn find_team_by_name(tx: &mut Tx<'_>, name: &str) -> Result<Option<TeamRow>> {
    let sql = format!("SELECT {TEAM_COLS} FROM teams WHERE name = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, TeamRow>(sqlx::AssertSqlSafe(sql)).bind(name).fetch_optional(c).await)?,
    )
}

/// Every team.
pub async fn list_teams(tx: &mut Tx<'_>) -> Result<Vec<TeamRow>> {
    let sql = format!("SELECT {TEAM_COLS} FROM teams ORDER BY id");
    Ok(on_tx!(tx, c => sqlx::query_as::<_, TeamRow>(sqlx::AssertSqlSafe(sql)).fetch_all(c).await)?)
}

/// The active agents of a team, by id.
pub async fn active_team_agents(tx: &mut Tx<'_>, team_id: i64) -> Result<Vec<AgentRow>> {
    let sql = format!(
        "SELECT {AGENT_COLS} FROM agents
         WHERE active AND id IN (SELECT agent_id FROM team_members WHERE team_id = $1) ORDER BY id"
    );
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, AgentRow>(sqlx::AssertSqlSafe(sql)).bind(team_id).fetch_all(c).await)?,
    )
}

/// Members of a team.
pub async fn team_member_ids(tx: &mut Tx<'_>, team_id: i64) -> Result<Vec<i64>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT agent_id FROM team_members WHERE team_id = $1 ORDER BY agent_id")
        .bind(team_id).fetch_all(c).await)?,
    )
}

/// Deletes a team that no ticket refers to.
pub async fn delete_team(tx: &mut Tx<'_>, id: i64) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query("DELETE FROM teams WHERE id = $1").bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// What names a team besides its tickets: the SLA policies that escalate to it and the stored
/// support addresses whose mail it receives, by name and address.
pub async fn team_references(tx: &mut Tx<'_>, id: i64) -> Result<(Vec<String>, Vec<String>)> {
    let policies = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT name FROM sla_policies WHERE escalate_team_id = $1 ORDER BY name")
        .bind(id).fetch_all(c).await)?;
    let addresses = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT address FROM support_addresses WHERE team_id = $1 ORDER BY address")
        .bind(id).fetch_all(c).await)?;
    Ok((policies, addresses))
}
