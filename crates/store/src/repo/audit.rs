//! The audit history: who changed which field of what, when, from what to what.

use crate::{Result, Tx, on_tx, rows::AuditRow};

/// One change to record.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    /// Entity kind, e.g. `ticket`.
    pub entity: &'a str,
    /// Its id.
    pub entity_id: i64,
    /// Who: `agent:3`, `org-key:5`, `cli`, `system`.
    pub actor: &'a str,
    /// When, epoch milliseconds.
    pub at: i64,
    /// Which field (`created` for a new record).
    pub field: &'a str,
    /// Value before.
    pub old_value: Option<String>,
    /// Value after.
    pub new_value: Option<String>,
    /// Why, when the rule asks for a reason.
    pub reason: Option<&'a str>,
}

/// Records a change.
pub async fn record(tx: &mut Tx<'_>, ch: &Change<'_>) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO audit_log (entity, entity_id, actor, at, field, old_value, new_value, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(ch.entity).bind(ch.entity_id).bind(ch.actor).bind(ch.at).bind(ch.field)
        .bind(&ch.old_value).bind(&ch.new_value).bind(ch.reason)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The history of one entity, oldest first.
pub async fn history(tx: &mut Tx<'_>, entity: &str, entity_id: i64) -> Result<Vec<AuditRow>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, AuditRow>(
        "SELECT id, entity, entity_id, actor, at, field, old_value, new_value, reason
         FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id")
        .bind(entity).bind(entity_id).fetch_all(c).await)?)
}

/// Records many changes in one statement.
pub async fn record_many(tx: &mut Tx<'_>, changes: &[Change<'_>]) -> Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO audit_log (entity, entity_id, actor, at, field, old_value, new_value, reason) VALUES {}",
        crate::repo::rows_params(tx.backend(), changes.len(), 8)
    );
    crate::write_on_tx!(tx, sql, q => {
        let mut q = q;
        for ch in changes {
            q = q.bind(ch.entity).bind(ch.entity_id).bind(ch.actor).bind(ch.at).bind(ch.field)
                .bind(&ch.old_value).bind(&ch.new_value).bind(ch.reason);
        }
        q
    })?;
    Ok(())
}
