//! Records changed fields in the audit history, one row per field that differs.

use crate::{Actor, Result};
use podpora_store::{Tx, repo};

/// A field and its value before and after; equal values are skipped.
pub(crate) type FieldChange = (&'static str, Option<String>, Option<String>);

/// Records the creation of a record.
pub(crate) async fn created(
    tx: &mut Tx<'_>,
    entity: &str,
    id: i64,
    actor: &Actor,
    now: i64,
    summary: String,
) -> Result<()> {
    repo::audit::record(
        tx,
        &repo::audit::Change {
            entity,
            entity_id: id,
            actor: &actor.audit_name(),
            at: now,
            field: "created",
            old_value: None,
            new_value: Some(summary),
            reason: None,
        },
    )
    .await?;
    Ok(())
}

/// Records every field whose value changed.
pub(crate) async fn changed(
    tx: &mut Tx<'_>,
    entity: &str,
    id: i64,
    actor: &Actor,
    now: i64,
    fields: Vec<FieldChange>,
    reason: Option<&str>,
) -> Result<usize> {
    let actor = actor.audit_name();
    let mut n = 0;
    for (field, old, new) in fields {
        if old == new {
            continue;
        }
        repo::audit::record(
            tx,
            &repo::audit::Change {
                entity,
                entity_id: id,
                actor: &actor,
                at: now,
                field,
                old_value: old,
                new_value: new,
                reason,
            },
        )
        .await?;
        n += 1;
    }
    Ok(n)
}

/// Renders an optional value for the history.
pub(crate) fn opt<T: ToString>(v: &Option<T>) -> Option<String> {
    v.as_ref().map(ToString::to_string)
}
