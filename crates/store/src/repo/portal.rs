//! The customer portal's accounts: passwords, sessions, one-time links and sign-in failures.

use crate::{Result, Tx, on_tx};

/// A portal account found by what the person typed to sign in.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Account {
    /// The contact, for a contact account.
    pub contact_id: Option<i64>,
    /// The organization: the contact's, or the organization account's.
    pub organization_id: Option<i64>,
    /// Language code stored for the person or organization.
    pub language: String,
    /// Argon2id PHC string; `None` until a password was set.
    pub password_hash: Option<String>,
}

/// A contact's account by one of its e-mail addresses (as stored, normalised).
pub async fn contact_by_email(tx: &mut Tx<'_>, email: &str) -> Result<Option<Account>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, Account>(
        "SELECT c.id AS contact_id, c.organization_id, c.language, c.password_hash
         FROM contacts c JOIN contact_emails e ON e.contact_id = c.id WHERE e.email = $1")
        .bind(email).fetch_optional(c).await)?)
}

/// An organization's account by its company id (IČO, NIP or VAT id, as stored).
pub async fn organization_by_company_id(tx: &mut Tx<'_>, id: &str) -> Result<Option<Account>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, Account>(
        "SELECT CAST(NULL AS BIGINT) AS contact_id, id AS organization_id, language, portal_password_hash AS password_hash
         FROM organizations WHERE ico = $1 OR nip = $1 OR vat_id = $1 ORDER BY id LIMIT 1")
        .bind(id).fetch_optional(c).await)?)
}

/// The account of a contact or organization by id.
pub async fn account(
    tx: &mut Tx<'_>,
    contact_id: Option<i64>,
    organization_id: Option<i64>,
) -> Result<Option<Account>> {
    Ok(match contact_id {
        Some(id) => on_tx!(tx, c => sqlx::query_as::<_, Account>(
            "SELECT id AS contact_id, organization_id, language, password_hash FROM contacts WHERE id = $1")
            .bind(id).fetch_optional(c).await)?,
        None => on_tx!(tx, c => sqlx::query_as::<_, Account>(
            "SELECT CAST(NULL AS BIGINT) AS contact_id, id AS organization_id, language, portal_password_hash AS password_hash
             FROM organizations WHERE id = $1")
            .bind(organization_id).fetch_optional(c).await)?,
    })
}

/// Stores a new password hash for a contact or an organization account.
pub async fn set_password(
    tx: &mut Tx<'_>,
    contact_id: Option<i64>,
    organization_id: Option<i64>,
    hash: &str,
) -> Result<()> {
    match contact_id {
        Some(id) => {
            on_tx!(tx, c => sqlx::query("UPDATE contacts SET password_hash = $2 WHERE id = $1")
            .bind(id).bind(hash).execute(c).await.map(|r| r.rows_affected()))?
        }
        None => {
            on_tx!(tx, c => sqlx::query("UPDATE organizations SET portal_password_hash = $2 WHERE id = $1")
            .bind(organization_id).bind(hash).execute(c).await.map(|r| r.rows_affected()))?
        }
    };
    Ok(())
}

/// Stores a contact's language (the portal's chooser remembers it for next time).
pub async fn set_contact_language(tx: &mut Tx<'_>, contact_id: i64, lang: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE contacts SET language = $2 WHERE id = $1")
        .bind(contact_id).bind(lang).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// A live session with the account it belongs to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Session {
    /// Session id.
    pub id: i64,
    /// The signed-in contact, if a contact.
    pub contact_id: Option<i64>,
    /// The organization: the account's, or the contact's.
    pub organization_id: Option<i64>,
    /// The account's stored language.
    pub language: String,
    /// When the session ends unless renewed.
    pub expires_at: i64,
}

/// Stores a new session by its secret's hash.
pub async fn insert_session(
    tx: &mut Tx<'_>,
    token_hash: &str,
    contact_id: Option<i64>,
    organization_id: Option<i64>,
    now: i64,
    expires_at: i64,
) -> Result<i64> {
    let org = if contact_id.is_some() {
        None
    } else {
        organization_id
    };
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO portal_sessions (token_hash, contact_id, organization_id, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $4, $4, $5) RETURNING id")
        .bind(token_hash).bind(contact_id).bind(org).bind(now).bind(expires_at)
        .fetch_one(c).await)?)
}

/// A live (not revoked, not expired) session by its secret's hash.
pub async fn find_session(tx: &mut Tx<'_>, token_hash: &str, now: i64) -> Result<Option<Session>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, Session>(
        "SELECT s.id, s.contact_id, COALESCE(s.organization_id, c.organization_id) AS organization_id,
                COALESCE(c.language, o.language) AS language, s.expires_at
         FROM portal_sessions s
         LEFT JOIN contacts c ON c.id = s.contact_id
         LEFT JOIN organizations o ON o.id = s.organization_id
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2")
        .bind(token_hash).bind(now).fetch_optional(c).await)?)
}

/// Marks a session seen and moves its expiry (sliding expiry).
pub async fn touch_session(tx: &mut Tx<'_>, id: i64, now: i64, expires_at: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE portal_sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1")
        .bind(id).bind(now).bind(expires_at).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Revokes one session.
pub async fn revoke_session(tx: &mut Tx<'_>, id: i64, now: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE portal_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
        .bind(id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Revokes every session of a contact or of an organization account but `keep`; returns how many.
pub async fn revoke_all(
    tx: &mut Tx<'_>,
    contact_id: Option<i64>,
    organization_id: Option<i64>,
    keep: Option<i64>,
    now: i64,
) -> Result<u64> {
    Ok(match contact_id {
        Some(id) => on_tx!(tx, c => sqlx::query(
            "UPDATE portal_sessions SET revoked_at = $2
             WHERE contact_id = $1 AND revoked_at IS NULL AND ($3 IS NULL OR id <> $3)")
            .bind(id).bind(now).bind(keep).execute(c).await.map(|r| r.rows_affected()))?,
        None => on_tx!(tx, c => sqlx::query(
            "UPDATE portal_sessions SET revoked_at = $2
             WHERE organization_id = $1 AND revoked_at IS NULL AND ($3 IS NULL OR id <> $3)")
            .bind(organization_id).bind(now).bind(keep).execute(c).await.map(|r| r.rows_affected()))?,
    })
}

/// Failed sign-ins counted for one subject (an account name or a client address).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Failures {
    /// Failures in the current window.
    pub failures: i64,
    /// When the window started.
    pub first_failure_at: i64,
    /// Locked until this instant, if locked.
    pub locked_until: Option<i64>,
}

/// The failures counted for a subject.
pub async fn failures(tx: &mut Tx<'_>, subject: &str) -> Result<Option<Failures>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, Failures>(
        "SELECT failures, first_failure_at, locked_until FROM portal_signin_failures WHERE subject = $1")
        .bind(subject).fetch_optional(c).await)?)
}

/// Replaces the failures counted for a subject.
pub async fn put_failures(tx: &mut Tx<'_>, subject: &str, f: &Failures) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO portal_signin_failures (subject, failures, first_failure_at, locked_until)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (subject) DO UPDATE SET failures = $2, first_failure_at = $3, locked_until = $4")
        .bind(subject).bind(f.failures).bind(f.first_failure_at).bind(f.locked_until)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Forgets the failures of a subject (after a successful sign-in).
pub async fn clear_failures(tx: &mut Tx<'_>, subject: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM portal_signin_failures WHERE subject = $1")
        .bind(subject).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// A one-time link's target.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Link {
    /// Link id.
    pub id: i64,
    /// `invite` or `reset`.
    pub purpose: String,
    /// The contact whose password it sets.
    pub contact_id: Option<i64>,
    /// The organization account whose password it sets.
    pub organization_id: Option<i64>,
}

/// Stores a one-time link by its secret's hash.
#[allow(clippy::too_many_arguments)]
pub async fn insert_link(
    tx: &mut Tx<'_>,
    token_hash: &str,
    purpose: &str,
    contact_id: Option<i64>,
    organization_id: Option<i64>,
    now: i64,
    expires_at: i64,
) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO portal_links (token_hash, purpose, contact_id, organization_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(token_hash).bind(purpose).bind(contact_id).bind(organization_id).bind(now).bind(expires_at)
        .fetch_one(c).await)?)
}

/// A link that is unused and unexpired.
pub async fn live_link(tx: &mut Tx<'_>, token_hash: &str, now: i64) -> Result<Option<Link>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, Link>(
        "SELECT id, purpose, contact_id, organization_id FROM portal_links
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2")
        .bind(token_hash).bind(now).fetch_optional(c).await)?)
}

/// Marks a link used; false when it was used meanwhile.
pub async fn use_link(tx: &mut Tx<'_>, id: i64, now: i64) -> Result<bool> {
    let r = on_tx!(tx, c => sqlx::query("UPDATE portal_links SET used_at = $2 WHERE id = $1 AND used_at IS NULL")
        .bind(id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(r == 1)
}
