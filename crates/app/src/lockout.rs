//! The sign-in lockout shared by the portal and the workspace: failures are counted per account
//! name and per client address; reaching a limit locks that name for [`LOCK_MS`].

use crate::actor::{hash_password, new_token};
use crate::{App, Result};
use podpora_store::{Tx, repo, repo::portal::Failures};
use std::sync::OnceLock;

/// Failures of one account name before it is locked.
pub const ACCOUNT_FAILURES: i64 = 5;
/// Failures from one client address before it is locked; higher, as an office shares one.
pub const ADDRESS_FAILURES: i64 = 20;
/// How long failures are counted and a lock lasts.
pub const LOCK_MS: i64 = 15 * 60_000;

/// When the lock on the account name or the client address ends, if either is locked now.
pub(crate) async fn locked_until(
    app: &App,
    name: &str,
    address: &str,
    now: i64,
) -> Result<Option<i64>> {
    let mut tx = app.db.read().await?;
    for subject in [name, address] {
        if let Some(Failures {
            locked_until: Some(until),
            ..
        }) = repo::portal::failures(&mut tx, subject).await?
            && until > now
        {
            return Ok(Some(until));
        }
    }
    Ok(None)
}

/// Counts a failure against the account name and the address; the lock's end if one began.
pub(crate) async fn record_failure(
    tx: &mut Tx<'_>,
    name: &str,
    address: &str,
    now: i64,
) -> Result<Option<i64>> {
    let mut locked = None;
    for (subject, limit) in [(name, ACCOUNT_FAILURES), (address, ADDRESS_FAILURES)] {
        let f = count_failure(tx, subject, limit, now).await?;
        if let Some(until) = f.locked_until {
            locked = Some(until);
        }
    }
    Ok(locked)
}

/// Counts one failure of `subject`; reaching `limit` locks it.
pub(crate) async fn count_failure(
    tx: &mut Tx<'_>,
    subject: &str,
    limit: i64,
    now: i64,
) -> Result<Failures> {
    let f = match repo::portal::failures(tx, subject).await? {
        Some(f) if now - f.first_failure_at < LOCK_MS => Failures {
            failures: f.failures + 1,
            ..f
        },
        _ => Failures {
            failures: 1,
            first_failure_at: now,
            locked_until: None,
        },
    };
    let f = if f.failures >= limit {
        Failures {
            failures: 0,
            first_failure_at: now,
            locked_until: Some(now + LOCK_MS),
        }
    } else {
        f
    };
    repo::portal::put_failures(tx, subject, &f).await?;
    Ok(f)
}

/// Checks `password` against `stored` off the async workers (Argon2 takes tens of milliseconds
/// of CPU, and a burst of sign-ins must not stall other requests). An account without a hash
/// is checked against a fixed one, so the answer takes as long whether or not it exists.
pub(crate) async fn password_matches(password: &str, stored: Option<&str>) -> bool {
    let (typed, hash) = (
        password.to_owned(),
        stored.map_or_else(|| dummy_hash().to_owned(), str::to_owned),
    );
    tokio::task::spawn_blocking(move || crate::actor::verify_password(&typed, &hash))
        .await
        .unwrap_or(false)
        && stored.is_some()
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        // A hash of a random password no one knows; failure to hash leaves an unparsable
        // string, which verifies nothing, as wanted.
        new_token("dummy")
            .and_then(|p| hash_password(&p))
            .unwrap_or_default()
    })
}
