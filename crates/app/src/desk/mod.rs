//! The agent workspace's accounts: staff sign-in by e-mail and password (with the portal's
//! lockout), server-side staff sessions apart from the portal's, an optional TOTP second
//! factor, and each agent's language and time zone.

pub mod answers;
mod presence;
mod queue;
mod second_factor;
pub mod totp;
pub mod views;

pub use presence::{PRESENCE_MS, on_ticket};
pub use queue::{ClockView, Countdown, DeskQueue, Position, QueueFilter, clock_state, queue};
pub use second_factor::{
    SecondFactorState, confirm_totp, give_code, second_factor_state, start_totp,
};

use crate::actor::{AgentActor, new_token, token_hash};
use crate::{Actor, App, AppError, Result, lockout, now_ms};
use podpora_core::{EmailAddress, Language, auth::Role};
use podpora_store::repo;

/// How long a staff session lives without being used.
pub const SESSION_IDLE_MS: i64 = 10 * 3_600_000;
/// A session is written back as seen at most this often, so reading pages stays read-only.
const TOUCH_EVERY_MS: i64 = 5 * 60_000;
/// The zone of an agent who has not chosen one.
pub const DEFAULT_ZONE: &str = "Europe/Bratislava";

/// What a staff sign-in attempt came to.
#[derive(Debug, Clone)]
pub enum SignIn {
    /// The password was right: the session's secret for the cookie. With `needs_code` the
    /// session opens nothing until the second factor is given.
    SignedIn {
        /// The cookie's value; only its hash is stored.
        token: String,
        /// Whether a TOTP or recovery code must follow.
        needs_code: bool,
    },
    /// Unknown agent, deactivated agent or wrong password (deliberately not told apart).
    Refused,
    /// Too many failures: nothing is checked until then (ms since the epoch).
    Locked {
        /// When the lock ends.
        until: i64,
    },
}

/// A signed-in agent as the workspace sees them.
#[derive(Debug, Clone)]
pub struct StaffSession {
    /// The session, so it can be ended.
    pub session_id: i64,
    /// The agent as the use cases' caller, with their roles.
    pub actor: Actor,
    /// Agent id.
    pub agent_id: i64,
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Roles held.
    pub roles: Vec<Role>,
    /// The agent's language.
    pub language: Language,
    /// The agent's IANA time zone.
    pub zone: String,
    /// Whether the second factor was given (or none is set up).
    pub second_factor_done: bool,
    /// An administrator without a second factor where the configuration requires one: only the
    /// profile (to set it up) and signing out are open.
    pub owes_second_factor_setup: bool,
}

/// Signs an agent in by e-mail and password. Failures count towards the same lockout as the
/// portal's, under the name `agent:<e-mail>` and the client's address.
pub async fn sign_in(app: &App, email: &str, password: &str, address: &str) -> Result<SignIn> {
    let now = now_ms();
    let parsed = EmailAddress::parse(email).map(|e| e.as_str().to_string());
    let name = format!(
        "agent:{}",
        parsed
            .clone()
            .unwrap_or_else(|_| email.trim().to_lowercase())
    );
    let address = format!("address:{address}");
    if let Some(until) = lockout::locked_until(app, &name, &address, now).await? {
        return Ok(SignIn::Locked { until });
    }
    let login = match &parsed {
        Ok(e) => {
            let mut tx = app.db.read().await?;
            repo::desk::login_by_email(&mut tx, e).await?
        }
        Err(_) => None,
    };
    let login = login.filter(|l| l.active);
    let hash = login.as_ref().and_then(|l| l.password_hash.clone());
    let ok = lockout::password_matches(password, hash.as_deref()).await;
    let mut tx = app.db.begin().await?;
    let Some(login) = login.filter(|_| ok) else {
        let locked = lockout::record_failure(&mut tx, &name, &address, now).await?;
        tx.commit().await?;
        return Ok(match locked {
            Some(until) => SignIn::Locked { until },
            None => SignIn::Refused,
        });
    };
    repo::portal::clear_failures(&mut tx, &name).await?;
    let token = new_token("pds")?;
    let needs_code = login.totp_secret.is_some();
    repo::desk::insert_session(
        &mut tx,
        &token_hash(&token),
        login.id,
        !needs_code,
        now,
        now + SESSION_IDLE_MS,
    )
    .await?;
    tx.commit().await?;
    Ok(SignIn::SignedIn { token, needs_code })
}

/// The agent a staff session cookie belongs to; `None` when the session is unknown, expired,
/// revoked or its agent deactivated.
pub async fn session(app: &App, token: &str) -> Result<Option<StaffSession>> {
    let now = now_ms();
    let hash = token_hash(token.trim());
    let (found, roles) = {
        let mut tx = app.db.read().await?;
        let Some(s) = repo::desk::find_session(&mut tx, &hash, now).await? else {
            return Ok(None);
        };
        let roles: Vec<Role> = repo::agents::roles(&mut tx, s.agent_id)
            .await?
            .iter()
            .filter_map(|r| r.parse().ok())
            .collect();
        (s, roles)
    };
    if found.expires_at - now < SESSION_IDLE_MS - TOUCH_EVERY_MS {
        let mut tx = app.db.begin().await?;
        repo::desk::touch_session(&mut tx, found.id, now, now + SESSION_IDLE_MS).await?;
        tx.commit().await?;
    }
    let owes_second_factor_setup =
        app.config.admins_need_second_factor && !found.has_totp && roles.contains(&Role::Admin);
    Ok(Some(StaffSession {
        session_id: found.id,
        actor: Actor::Agent(AgentActor {
            id: found.agent_id,
            name: found.name.clone(),
            roles: roles.clone(),
        }),
        agent_id: found.agent_id,
        name: found.name,
        email: found.email,
        roles,
        language: found.language.parse().unwrap_or(Language::Sk),
        zone: found.time_zone,
        second_factor_done: found.second_factor_done,
        owes_second_factor_setup,
    }))
}

/// Ends a staff session.
pub async fn sign_out(app: &App, s: &StaffSession) -> Result<()> {
    let mut tx = app.db.begin().await?;
    repo::desk::revoke_session(&mut tx, s.session_id, now_ms()).await?;
    tx.commit().await?;
    Ok(())
}

/// Stores the agent's own language and time zone; the zone must be an IANA name such as
/// `Europe/Bratislava`.
pub async fn set_preferences(
    app: &App,
    s: &StaffSession,
    lang: Language,
    zone: &str,
) -> Result<()> {
    let zone = zone.trim();
    if jiff::tz::TimeZone::get(zone).is_err() {
        return Err(AppError::field(
            "time_zone",
            "is not a known time zone; use a name such as Europe/Bratislava or Europe/Warsaw",
        ));
    }
    let mut tx = app.db.begin().await?;
    repo::desk::set_preferences(&mut tx, s.agent_id, lang.as_str(), zone).await?;
    tx.commit().await?;
    Ok(())
}
