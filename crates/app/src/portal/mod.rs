//! The customer portal's accounts: sign-in with lockout, server-side sessions, one-time links
//! to set a password, and the few settings a customer changes themselves. Tickets are opened,
//! read and answered through [`crate::tickets`] with the [`Actor::Customer`] this module yields.

mod access;
mod addresses;
mod entitlements;
mod history;
mod links;
mod shares;
mod verdict;

pub use access::{PortalAccount, portal_disabled, set_portal_access};
pub use addresses::{
    ADDRESS_VALID_MS, MAX_PHONES, PhoneError, Record, address_link, ask_address, confirm_address,
    normalise_phone, record, set_phones, set_time_zone,
};
pub use entitlements::{EntitlementAsk, ask_for_entitlement, asked_entitlements};
pub use history::{Event, EventKind, customer_history};
pub use links::{
    Invitee, LinkPurpose, invite, issue_link, link_is_live, request_reset, set_password_by_link,
};
pub use shares::{Colleague, colleagues, set_shared};
pub use verdict::verdict;

use crate::actor::{CustomerActor, hash_password, new_token, token_hash, verify_password};
use crate::lockout;
use crate::{Actor, App, AppError, Result, now_ms};
use podpora_core::{EmailAddress, Language};
use podpora_store::repo;

/// How long a session lives without being used.
pub const SESSION_IDLE_MS: i64 = 12 * 3_600_000;
pub use crate::lockout::{ACCOUNT_FAILURES, ADDRESS_FAILURES, LOCK_MS};
/// A session is written back as seen at most this often, so reading pages stays read-only.
const TOUCH_EVERY_MS: i64 = 5 * 60_000;

/// Who is signing in.
#[derive(Debug, Clone)]
pub enum Login {
    /// A contact by one of its e-mail addresses.
    Contact {
        /// The address as typed.
        email: String,
    },
    /// An organization account by its company id (IČO, NIP or VAT id).
    Organization {
        /// The id as typed.
        company_id: String,
    },
}

/// What a sign-in attempt came to.
#[derive(Debug, Clone)]
pub enum SignIn {
    /// Signed in: the session's secret (for the cookie) and the account's language.
    SignedIn {
        /// The session cookie's value; only its hash is stored.
        token: String,
        /// The account's stored language.
        language: Language,
    },
    /// Unknown account or wrong password (deliberately not told apart).
    Refused,
    /// The right password, but staff switched the account's portal access off.
    Disabled,
    /// Too many failures: no attempt is checked until then (ms since the epoch).
    Locked {
        /// When the lock ends.
        until: i64,
    },
}

/// Signs a contact or an organization account in, counting failures per account name and per
/// client address; the [`ACCOUNT_FAILURES`]th failure locks the account name for [`LOCK_MS`].
pub async fn sign_in(app: &App, login: &Login, password: &str, address: &str) -> Result<SignIn> {
    let now = now_ms();
    let (name, account) = {
        let mut tx = app.db.read().await?;
        match login {
            Login::Contact { email } => {
                let email = EmailAddress::parse(email).map(|e| e.as_str().to_string());
                let key = email
                    .clone()
                    .unwrap_or_else(|_| email_key(email_fallback(login)));
                let found = match email {
                    Ok(e) => repo::portal::contact_by_email(&mut tx, &e).await?,
                    Err(_) => None,
                };
                (format!("contact:{key}"), found)
            }
            Login::Organization { company_id } => {
                let id = normalise_company_id(company_id);
                let found = if id.is_empty() {
                    None
                } else {
                    repo::portal::organization_by_company_id(&mut tx, &id).await?
                };
                (format!("organization:{id}"), found)
            }
        }
    };
    let address = format!("address:{address}");
    if let Some(until) = lockout::locked_until(app, &name, &address, now).await? {
        return Ok(SignIn::Locked { until });
    }
    let hash = account.as_ref().and_then(|a| a.password_hash.clone());
    let ok = lockout::password_matches(password, hash.as_deref()).await;
    let mut tx = app.db.begin().await?;
    let Some(account) = account.filter(|_| ok) else {
        let locked = lockout::record_failure(&mut tx, &name, &address, now).await?;
        tx.commit().await?;
        return Ok(match locked {
            Some(until) => SignIn::Locked { until },
            None => SignIn::Refused,
        });
    };
    repo::portal::clear_failures(&mut tx, &name).await?;
    // Told only after the right password, so the message reveals nothing to a guesser.
    if repo::portal::is_disabled(&mut tx, account.contact_id, account.organization_id).await? {
        tx.commit().await?;
        return Ok(SignIn::Disabled);
    }
    let token = new_token("pps")?;
    repo::portal::insert_session(
        &mut tx,
        &token_hash(&token),
        account.contact_id,
        account.organization_id,
        now,
        now + SESSION_IDLE_MS,
    )
    .await?;
    tx.commit().await?;
    Ok(SignIn::SignedIn {
        token,
        language: account.language.parse().unwrap_or(Language::Sk),
    })
}

fn email_fallback(login: &Login) -> &str {
    match login {
        Login::Contact { email } => email,
        Login::Organization { company_id } => company_id,
    }
}

/// The name a typed address is counted under when it does not parse.
fn email_key(typed: &str) -> String {
    typed.trim().to_lowercase()
}

/// Company ids are typed with spaces and in any case ("sk 2020 123 456"); they are stored without.
pub fn normalise_company_id(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase()
}

/// The customer a session cookie belongs to, with their stored language; `None` when the
/// session is unknown, expired or revoked.
pub async fn session(app: &App, token: &str) -> Result<Option<(Actor, Language)>> {
    Ok(session_details(app, token)
        .await?
        .map(|s| (s.actor, s.language)))
}

/// A live session and what pages need to know of its account.
#[derive(Debug, Clone)]
pub struct SessionDetails {
    /// The signed-in customer.
    pub actor: Actor,
    /// The stored language: the contact's own, or the organization's.
    pub language: Language,
    /// Whether `language` is the person's own setting (a contact's), not the organization's.
    pub own_language: bool,
    /// The language of the organization's country (SK, CZ, PL), if it has one of those.
    pub country_language: Option<Language>,
    /// The contact's time zone, if set.
    pub time_zone: Option<String>,
}

/// The language spoken in a country, for the countries podpora writes for.
pub fn country_language(country: &str) -> Option<Language> {
    match country.trim().to_ascii_uppercase().as_str() {
        "SK" => Some(Language::Sk),
        "CZ" => Some(Language::Cs),
        "PL" => Some(Language::Pl),
        _ => None,
    }
}

/// [`session`] with the account's country and time zone.
pub async fn session_details(app: &App, token: &str) -> Result<Option<SessionDetails>> {
    let now = now_ms();
    let hash = token_hash(token.trim());
    let found = {
        let mut tx = app.db.read().await?;
        repo::portal::find_session(&mut tx, &hash, now).await?
    };
    let Some(s) = found else { return Ok(None) };
    if s.expires_at - now < SESSION_IDLE_MS - TOUCH_EVERY_MS {
        let mut tx = app.db.begin().await?;
        repo::portal::touch_session(&mut tx, s.id, now, now + SESSION_IDLE_MS).await?;
        tx.commit().await?;
    }
    let actor = Actor::Customer(CustomerActor {
        session_id: s.id,
        contact_id: s.contact_id,
        organization_id: s.organization_id,
    });
    Ok(Some(SessionDetails {
        actor,
        language: s.language.parse().unwrap_or(Language::Sk),
        own_language: s.chosen,
        country_language: s.country.as_deref().and_then(country_language),
        time_zone: s.time_zone,
    }))
}

fn customer(actor: &Actor) -> Result<&CustomerActor> {
    match actor {
        Actor::Customer(c) => Ok(c),
        _ => Err(AppError::Forbidden(
            "only a signed-in customer has a portal session".into(),
        )),
    }
}

/// Ends this session.
pub async fn sign_out(app: &App, actor: &Actor) -> Result<()> {
    let c = customer(actor)?;
    let mut tx = app.db.begin().await?;
    repo::portal::revoke_session(&mut tx, c.session_id, now_ms()).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every session of this account, on every device; returns how many ended.
pub async fn sign_out_everywhere(app: &App, actor: &Actor) -> Result<u64> {
    let c = customer(actor)?;
    let mut tx = app.db.begin().await?;
    let n =
        repo::portal::revoke_all(&mut tx, c.contact_id, c.organization_id, None, now_ms()).await?;
    tx.commit().await?;
    Ok(n)
}

/// Remembers the signed-in account's language: a contact's own setting, or the language an
/// organization account chose; its pages and its mail then use it.
pub async fn set_language(app: &App, actor: &Actor, lang: Language) -> Result<()> {
    let c = customer(actor)?;
    let mut tx = app.db.begin().await?;
    match (c.contact_id, c.organization_id) {
        (Some(id), _) => repo::portal::set_contact_language(&mut tx, id, lang.as_str()).await?,
        (None, Some(org)) => {
            repo::portal::set_organization_portal_language(&mut tx, org, lang.as_str()).await?;
        }
        (None, None) => {}
    }
    tx.commit().await?;
    Ok(())
}

/// The language of mail to an organization account: the one it chose in the portal, else its
/// country's, else Slovak (as its pages read without a browser's choice).
pub(crate) async fn organization_account_language(
    tx: &mut podpora_store::Tx<'_>,
    organization_id: i64,
    country: &str,
) -> Result<Language> {
    let chosen = repo::portal::organization_portal_language(tx, organization_id)
        .await?
        .and_then(|l| l.parse().ok());
    Ok(chosen
        .or_else(|| country_language(country))
        .unwrap_or(Language::Sk))
}

/// Changes the signed-in account's password after checking the current one; other sessions
/// of the account end, this one stays.
pub async fn change_password(app: &App, actor: &Actor, current: &str, new: &str) -> Result<()> {
    let c = customer(actor)?;
    let hash = hash_password(new)
        .map_err(|_| AppError::field("new_password", "must be at least 8 characters long"))?;
    let mut tx = app.db.begin().await?;
    let account = repo::portal::account(&mut tx, c.contact_id, c.organization_id)
        .await?
        .ok_or_else(|| AppError::NotFound("the signed-in account".into()))?;
    if !account
        .password_hash
        .as_deref()
        .is_some_and(|h| verify_password(current, h))
    {
        return Err(AppError::field(
            "current_password",
            "is not the current password",
        ));
    }
    repo::portal::set_password(&mut tx, c.contact_id, c.organization_id, &hash).await?;
    let now = now_ms();
    repo::portal::revoke_all(
        &mut tx,
        c.contact_id,
        c.organization_id,
        Some(c.session_id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// An asset a customer may name in a new request.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PortalAsset {
    /// Id.
    pub id: i64,
    /// How the customer knows it: identifier and name.
    pub label: String,
}

/// The assets the signed-in customer may open requests about: a contact's granted assets, an
/// organization account's every asset.
pub async fn assets(app: &App, actor: &Actor) -> Result<Vec<PortalAsset>> {
    let c = customer(actor)?;
    let mut tx = app.db.read().await?;
    let rows = match (c.contact_id, c.organization_id) {
        (Some(contact), _) => {
            let mut out = Vec::new();
            for id in repo::customers::contact_asset_ids(&mut tx, contact).await? {
                out.push(repo::customers::get_asset(&mut tx, id).await?);
            }
            out
        }
        (None, Some(org)) => {
            repo::customers::list_assets(&mut tx, Some(org), 200, 0)
                .await?
                .0
        }
        (None, None) => Vec::new(),
    };
    Ok(rows
        .into_iter()
        .map(|a| PortalAsset {
            id: a.id,
            label: format!("{} – {}", a.identifier, a.name),
        })
        .collect())
}
