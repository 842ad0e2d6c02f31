//! Staff switch an account's portal access off and on again: a disabled contact or
//! organization account cannot sign in, and its sessions end at once.

use crate::{Actor, App, AppError, Result, now_ms};
use podpora_core::auth::Permission;
use podpora_store::repo;

/// Whose access: a contact, or an organization's own account (not its contacts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortalAccount {
    /// A contact.
    Contact(i64),
    /// An organization account.
    Organization(i64),
}

impl PortalAccount {
    fn ids(self) -> (Option<i64>, Option<i64>) {
        match self {
            PortalAccount::Contact(id) => (Some(id), None),
            PortalAccount::Organization(id) => (None, Some(id)),
        }
    }

    fn entity(self) -> (&'static str, i64) {
        match self {
            PortalAccount::Contact(id) => ("contact", id),
            PortalAccount::Organization(id) => ("organization", id),
        }
    }
}

/// Switches the account's portal access on (`enabled`) or off; switching it off ends every
/// session of the account. Staff only; the change is audited. Returns how many sessions ended.
pub async fn set_portal_access(
    app: &App,
    actor: &Actor,
    who: PortalAccount,
    enabled: bool,
) -> Result<u64> {
    actor.require(Permission::WriteCustomers)?;
    if actor.is_customer() {
        return Err(AppError::Forbidden(
            "only staff switch portal access".into(),
        ));
    }
    let (contact_id, organization_id) = who.ids();
    let (entity, id) = who.entity();
    let now = now_ms();
    let mut tx = app.db.begin().await?;
    let was = repo::portal::is_disabled(&mut tx, contact_id, organization_id).await?;
    let at = (!enabled).then_some(now);
    if !repo::portal::set_disabled(&mut tx, contact_id, organization_id, at).await? {
        return Err(AppError::NotFound(format!("{entity} {id}")));
    }
    let ended = if enabled {
        0
    } else {
        repo::portal::revoke_all(&mut tx, contact_id, organization_id, None, now).await?
    };
    let word = |disabled: bool| Some(if disabled { "disabled" } else { "enabled" }.to_string());
    crate::audit::changed(
        &mut tx,
        entity,
        id,
        actor,
        now,
        vec![("portal_access", word(was), word(!enabled))],
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(ended)
}

/// Whether the account's portal access is switched off.
pub async fn portal_disabled(app: &App, actor: &Actor, who: PortalAccount) -> Result<bool> {
    actor.require(Permission::ReadCustomers)?;
    let (contact_id, organization_id) = who.ids();
    let mut tx = app.db.read().await?;
    Ok(repo::portal::is_disabled(&mut tx, contact_id, organization_id).await?)
}
