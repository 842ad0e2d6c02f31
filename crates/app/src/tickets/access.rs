//! Who may see a ticket and its articles: every refusal reads like "not found".

use super::*;

/// Fails with "not found" unless the actor may see the ticket: an organization key sees
/// its own organization's tickets, a portal contact its own and those shared with it, a
/// technician those of their teams or assigned to them.
pub(super) async fn ensure_visible(tx: &mut Tx<'_>, actor: &Actor, t: &TicketRow) -> Result<()> {
    ensure_visible_row(tx, actor, t).await
}

/// Fails with "not found" unless the actor may see the ticket; for other modules.
pub(crate) async fn ensure_visible_row(
    tx: &mut Tx<'_>,
    actor: &Actor,
    t: &TicketRow,
) -> Result<()> {
    actor.require(Permission::ReadTickets)?;
    if let Some(contact) = actor.contact_scope()
        && t.requester_id != Some(contact)
        && !repo::shares::is_shared_with(tx, t.id, contact).await?
    {
        return Err(AppError::NotFound(format!("ticket {}", t.number)));
    }
    let hidden = match (actor.organization_scope(), actor.team_scope()) {
        (Some(org), _) => t.organization_id != Some(org),
        (None, Some(agent)) => !repo::tickets::visible_to_agent(tx, t.id, agent).await?,
        (None, None) => false,
    };
    if hidden {
        Err(AppError::NotFound(format!("ticket {}", t.number)))
    } else {
        Ok(())
    }
}

/// Fails with "not found" unless the actor may see an article of kind `kind` on ticket `t`:
/// the ticket must be visible, and customers see no internal notes.
pub(crate) async fn ensure_article_visible(
    tx: &mut Tx<'_>,
    actor: &Actor,
    t: &TicketRow,
    kind: &str,
) -> Result<()> {
    ensure_visible_row(tx, actor, t).await?;
    let public = kind
        .parse::<ArticleKind>()
        .is_ok_and(ArticleKind::is_public);
    if actor.is_customer() && !public {
        return Err(AppError::NotFound(format!("ticket {}", t.number)));
    }
    Ok(())
}
