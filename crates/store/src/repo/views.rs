//! Each agent's saved queue views: a name and the queue's filters as a query string.

use crate::{Result, Tx, on_tx};

/// A saved view.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ViewRow {
    /// Id.
    pub id: i64,
    /// The name the agent gave it.
    pub name: String,
    /// The queue page's query string (`team=3&status=new`).
    pub query: String,
}

/// The views of agent `agent_id`, by name.
pub async fn of_agent(tx: &mut Tx<'_>, agent_id: i64) -> Result<Vec<ViewRow>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, ViewRow>(
        "SELECT id, name, query FROM saved_views WHERE agent_id = $1 ORDER BY name, id")
        .bind(agent_id).fetch_all(c).await)?)
}

/// Saves a view under `name`, replacing the agent's view of that name; returns its id.
pub async fn save(
    tx: &mut Tx<'_>,
    agent_id: i64,
    name: &str,
    query: &str,
    now: i64,
) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO saved_views (agent_id, name, query, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (agent_id, name) DO UPDATE SET query = excluded.query RETURNING id")
        .bind(agent_id).bind(name).bind(query).bind(now).fetch_one(c).await)?)
}

/// Deletes the agent's view `id`; false when the agent has no such view.
pub async fn delete(tx: &mut Tx<'_>, agent_id: i64, id: i64) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query("DELETE FROM saved_views WHERE id = $1 AND agent_id = $2")
        .bind(id).bind(agent_id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}
