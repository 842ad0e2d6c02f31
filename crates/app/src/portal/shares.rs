//! Sharing a request with a colleague: the contact who asked lets another contact of the same
//! organization see and answer it; the colleague then finds it among their own requests.

use super::customer;
use crate::{Actor, App, AppError, Result, now_ms};
use podpora_store::{Tx, repo, rows::TicketRow};

/// A colleague a request may be shared with, and whether it is.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Colleague {
    /// Contact id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Shared with them now.
    pub shared: bool,
}

/// The request, when the actor is the contact who asked; anything else reads as not found.
async fn own_request(tx: &mut Tx<'_>, actor: &Actor, number: &str) -> Result<(TicketRow, i64)> {
    let c = customer(actor)?;
    let missing = || AppError::NotFound(format!("ticket {number}"));
    let contact = c.contact_id.ok_or_else(missing)?;
    let t = repo::tickets::get_by_number(tx, number.trim())
        .await
        .map_err(|_| missing())?;
    if t.requester_id != Some(contact) {
        return Err(missing());
    }
    Ok((t, contact))
}

/// The colleagues of the contact who asked (same organization, not themselves) and whether the
/// request is shared with each; empty for anyone else, who cannot share it.
pub async fn colleagues(app: &App, actor: &Actor, number: &str) -> Result<Vec<Colleague>> {
    let mut tx = app.db.read().await?;
    let Ok((t, me)) = own_request(&mut tx, actor, number).await else {
        return Ok(Vec::new());
    };
    let Some(org) = t.organization_id else {
        return Ok(Vec::new());
    };
    let shared: Vec<i64> = repo::shares::shared_with(&mut tx, t.id)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let (contacts, _) = repo::customers::list_contacts(&mut tx, Some(org), 200, 0).await?;
    Ok(contacts
        .into_iter()
        .filter(|c| c.id != me)
        .map(|c| Colleague {
            shared: shared.contains(&c.id),
            id: c.id,
            name: c.name,
        })
        .collect())
}

/// Shares (`on`) or stops sharing the request with a colleague. Only the contact who asked
/// may, and only with a contact of the request's organization; the change is in the request's
/// history.
pub async fn set_shared(
    app: &App,
    actor: &Actor,
    number: &str,
    colleague: i64,
    on: bool,
) -> Result<()> {
    let now = now_ms();
    let mut tx = app.db.begin().await?;
    let (t, me) = own_request(&mut tx, actor, number).await?;
    let other = repo::customers::get_contact(&mut tx, colleague)
        .await
        .ok()
        .filter(|c| {
            c.id != me && c.organization_id.is_some() && c.organization_id == t.organization_id
        })
        .ok_or_else(|| AppError::field("contact_id", "is not a colleague of your organization"))?;
    let changed = if on {
        repo::shares::share(&mut tx, t.id, other.id, Some(me), now).await?
    } else {
        repo::shares::unshare(&mut tx, t.id, other.id).await?
    };
    if changed {
        let (old, new) = if on {
            (None, Some(other.name.clone()))
        } else {
            (Some(other.name.clone()), None)
        };
        crate::audit::changed(
            &mut tx,
            "ticket",
            t.id,
            actor,
            now,
            vec![("shared_with", old, new)],
            None,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
