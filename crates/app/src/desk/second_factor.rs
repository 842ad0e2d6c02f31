//! Setting up the TOTP second factor from the agent's own profile, and giving a code (or a
//! one-time recovery code) after the password at sign-in.

use super::{StaffSession, totp};
use crate::actor::{new_token, token_hash};
use crate::{App, AppError, Result, lockout, now_ms};
use podpora_store::repo::{self, desk::SecondFactor};

/// How many recovery codes an agent gets.
const RECOVERY_CODES: usize = 8;

/// An agent's second factor as their profile shows it.
#[derive(Debug, Clone)]
pub struct SecondFactorState {
    /// Whether a confirmed TOTP secret guards sign-in.
    pub enabled: bool,
    /// A secret being set up (base32), to enter in an authenticator app.
    pub pending: Option<String>,
    /// Unused recovery codes left.
    pub recovery_left: i64,
}

/// The agent's second-factor state.
pub async fn second_factor_state(app: &App, s: &StaffSession) -> Result<SecondFactorState> {
    let mut tx = app.db.read().await?;
    let f = repo::desk::second_factor(&mut tx, s.agent_id).await?;
    Ok(SecondFactorState {
        enabled: f.totp_secret.is_some(),
        pending: f.totp_pending,
        recovery_left: repo::desk::recovery_codes_left(&mut tx, s.agent_id).await?,
    })
}

/// Starts setting up TOTP: a new random secret, kept aside until confirmed with a code.
pub async fn start_totp(app: &App, s: &StaffSession) -> Result<String> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Io(std::io::Error::other(e.to_string())))?;
    let secret = totp::base32(&bytes);
    let mut tx = app.db.begin().await?;
    let mut f = repo::desk::second_factor(&mut tx, s.agent_id).await?;
    f.totp_pending = Some(secret.clone());
    repo::desk::set_second_factor(&mut tx, s.agent_id, &f).await?;
    tx.commit().await?;
    Ok(secret)
}

/// Confirms the secret being set up with a code from the app; the second factor is on from
/// now, and the recovery codes returned are shown once (only their hashes are kept).
pub async fn confirm_totp(app: &App, s: &StaffSession, code: &str) -> Result<Vec<String>> {
    let now = now_ms() / 1000;
    let mut tx = app.db.begin().await?;
    let f = repo::desk::second_factor(&mut tx, s.agent_id).await?;
    let Some(pending) = f.totp_pending.clone() else {
        return Err(AppError::field("code", "start the set-up first"));
    };
    let secret = totp::from_base32(&pending).unwrap_or_default();
    let Some(step) = totp::matching_step(&secret, code, now, None) else {
        return Err(AppError::field(
            "code",
            "is not the current code of the authenticator app; check its clock and type the six digits",
        ));
    };
    repo::desk::set_second_factor(
        &mut tx,
        s.agent_id,
        &SecondFactor {
            totp_secret: Some(pending),
            totp_pending: None,
            totp_last_step: Some(step),
        },
    )
    .await?;
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let t = new_token("r")?;
        codes.push(t[2..12].to_string());
    }
    let hashes: Vec<String> = codes.iter().map(|c| token_hash(c)).collect();
    repo::desk::replace_recovery_codes(&mut tx, s.agent_id, &hashes).await?;
    tx.commit().await?;
    Ok(codes)
}

/// Gives the second factor for a signed-in session that still owes it: a current TOTP code
/// (each accepted once) or an unused recovery code. Wrong codes count towards the lockout.
pub async fn give_code(app: &App, s: &StaffSession, code: &str, address: &str) -> Result<bool> {
    let now = now_ms();
    let name = format!("agent-code:{}", s.agent_id);
    let address = format!("address:{address}");
    if lockout::locked_until(app, &name, &address, now)
        .await?
        .is_some()
    {
        return Ok(false);
    }
    let mut tx = app.db.begin().await?;
    let f = repo::desk::second_factor(&mut tx, s.agent_id).await?;
    let secret = f
        .totp_secret
        .as_deref()
        .and_then(totp::from_base32)
        .unwrap_or_default();
    let ok = if let Some(step) = totp::matching_step(&secret, code, now / 1000, f.totp_last_step) {
        repo::desk::set_second_factor(
            &mut tx,
            s.agent_id,
            &SecondFactor {
                totp_last_step: Some(step),
                ..f
            },
        )
        .await?;
        true
    } else {
        let typed = code.trim().to_lowercase();
        !typed.is_empty()
            && repo::desk::use_recovery_code(&mut tx, s.agent_id, &token_hash(&typed), now).await?
    };
    if ok {
        repo::desk::complete_second_factor(&mut tx, s.session_id).await?;
    } else {
        lockout::record_failure(&mut tx, &name, &address, now).await?;
    }
    tx.commit().await?;
    Ok(ok)
}
