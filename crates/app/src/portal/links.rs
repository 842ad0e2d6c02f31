//! One-time links that set a portal password: an invitation from staff, or a reset.

use crate::actor::{hash_password, new_token, token_hash};
use crate::{Actor, App, AppError, Result, now_ms};
use podpora_core::auth::Permission;
use podpora_store::repo;

/// How long an invitation link stays valid.
pub const INVITE_VALID_MS: i64 = 7 * 86_400_000;
/// How long a reset link stays valid.
pub const RESET_VALID_MS: i64 = 3_600_000;

/// Why a link was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// Staff invited the account.
    Invite,
    /// The person asked to reset the password.
    Reset,
}

impl LinkPurpose {
    fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Invite => "invite",
            LinkPurpose::Reset => "reset",
        }
    }

    fn valid_ms(self) -> i64 {
        match self {
            LinkPurpose::Invite => INVITE_VALID_MS,
            LinkPurpose::Reset => RESET_VALID_MS,
        }
    }
}

/// Makes a one-time link for a contact (or, with `contact_id` `None`, an organization account)
/// and returns its secret, to be mailed; only the secret's hash is stored. Staff only.
pub async fn issue_link(
    app: &App,
    actor: &Actor,
    contact_id: Option<i64>,
    organization_id: Option<i64>,
    purpose: LinkPurpose,
) -> Result<String> {
    actor.require(Permission::WriteCustomers)?;
    if actor.organization_scope().is_some() {
        return Err(AppError::Forbidden(
            "only staff invite portal accounts".into(),
        ));
    }
    let mut tx = app.db.begin().await?;
    let organization_id = match contact_id {
        Some(id) => {
            repo::customers::get_contact(&mut tx, id)
                .await
                .map_err(|_| AppError::NotFound(format!("contact {id}")))?;
            None
        }
        None => {
            let id = organization_id.ok_or_else(|| {
                AppError::field("organization_id", "name a contact or an organization")
            })?;
            repo::customers::get_org(&mut tx, id)
                .await
                .map_err(|_| AppError::NotFound(format!("organization {id}")))?;
            Some(id)
        }
    };
    let token = new_token("ppl")?;
    let now = now_ms();
    repo::portal::insert_link(
        &mut tx,
        &token_hash(&token),
        purpose.as_str(),
        contact_id,
        organization_id,
        now,
        now + purpose.valid_ms(),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// Whether a link's secret is live (unused, unexpired), for showing the form.
pub async fn link_is_live(app: &App, token: &str) -> Result<bool> {
    let mut tx = app.db.read().await?;
    Ok(
        repo::portal::live_link(&mut tx, &token_hash(token.trim()), now_ms())
            .await?
            .is_some(),
    )
}

/// Sets the password from a one-time link and uses the link up; every session of the account
/// ends, since whoever knew the old password should not stay signed in.
pub async fn set_password_by_link(app: &App, token: &str, password: &str) -> Result<()> {
    let hash = hash_password(password)?;
    let now = now_ms();
    let mut tx = app.db.begin().await?;
    let link = repo::portal::live_link(&mut tx, &token_hash(token.trim()), now)
        .await?
        .ok_or_else(|| {
            AppError::field("token", "the link is used up or expired; ask for a new one")
        })?;
    if !repo::portal::use_link(&mut tx, link.id, now).await? {
        return Err(AppError::field("token", "the link was used meanwhile"));
    }
    repo::portal::set_password(&mut tx, link.contact_id, link.organization_id, &hash).await?;
    repo::portal::revoke_all(&mut tx, link.contact_id, link.organization_id, None, now).await?;
    tx.commit().await?;
    Ok(())
}
