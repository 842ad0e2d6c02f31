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
    /// Whether `language` is the account's own choice (a contact's setting, or the language an
    /// organization account chose), not the organization's.
    pub chosen: bool,
    /// When the session ends unless renewed.
    pub expires_at: i64,
    /// The country of the account's organization, if it has one.
    pub country: Option<String>,
    /// The contact's time zone, if set.
    pub time_zone: Option<String>,
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
                COALESCE(c.language, o.portal_language, o.language) AS language,
                (c.language IS NOT NULL OR o.portal_language IS NOT NULL) AS chosen, s.expires_at,
                org.country AS country, c.time_zone AS time_zone
         FROM portal_sessions s
         LEFT JOIN contacts c ON c.id = s.contact_id
         LEFT JOIN organizations o ON o.id = s.organization_id
         LEFT JOIN organizations org ON org.id = COALESCE(s.organization_id, c.organization_id)
         WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2
           AND c.portal_disabled_at IS NULL AND o.portal_disabled_at IS NULL")
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

/// Whether staff switched a contact's or an organization account's portal access off.
pub async fn is_disabled(
    tx: &mut Tx<'_>,
    contact_id: Option<i64>,
    organization_id: Option<i64>,
) -> Result<bool> {
    let at: Option<Option<i64>> = match contact_id {
        Some(id) => {
            on_tx!(tx, c => sqlx::query_scalar("SELECT portal_disabled_at FROM contacts WHERE id = $1")
            .bind(id).fetch_optional(c).await)?
        }
        None => {
            on_tx!(tx, c => sqlx::query_scalar("SELECT portal_disabled_at FROM organizations WHERE id = $1")
            .bind(organization_id).fetch_optional(c).await)?
        }
    };
    Ok(at.flatten().is_some())
}

/// Switches an account's portal access off (`Some(now)`) or on again (`None`); false when there
/// is no such account.
pub async fn set_disabled(
    tx: &mut Tx<'_>,
    contact_id: Option<i64>,
    organization_id: Option<i64>,
    at: Option<i64>,
) -> Result<bool> {
    let n = match contact_id {
        Some(id) => {
            on_tx!(tx, c => sqlx::query("UPDATE contacts SET portal_disabled_at = $2 WHERE id = $1")
            .bind(id).bind(at).execute(c).await.map(|r| r.rows_affected()))?
        }
        None => {
            on_tx!(tx, c => sqlx::query("UPDATE organizations SET portal_disabled_at = $2 WHERE id = $1")
            .bind(organization_id).bind(at).execute(c).await.map(|r| r.rows_affected()))?
        }
    };
    Ok(n == 1)
}

/// The language an organization account chose in the portal, if any.
pub async fn organization_portal_language(
    tx: &mut Tx<'_>,
    organization_id: i64,
) -> Result<Option<String>> {
    let l: Option<Option<String>> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT portal_language FROM organizations WHERE id = $1")
        .bind(organization_id).fetch_optional(c).await)?;
    Ok(l.flatten())
}

/// Stores the language an organization account chose in the portal.
pub async fn set_organization_portal_language(
    tx: &mut Tx<'_>,
    organization_id: i64,
    language: &str,
) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE organizations SET portal_language = $2 WHERE id = $1")
        .bind(organization_id).bind(language).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// A contact's time zone (IANA name), if set.
pub async fn contact_time_zone(tx: &mut Tx<'_>, contact_id: i64) -> Result<Option<String>> {
    let tz: Option<Option<String>> = on_tx!(tx, c => sqlx::query_scalar("SELECT time_zone FROM contacts WHERE id = $1")
        .bind(contact_id).fetch_optional(c).await)?;
    Ok(tz.flatten())
}

/// Stores a contact's time zone; `None` returns to the desk's.
pub async fn set_contact_time_zone(
    tx: &mut Tx<'_>,
    contact_id: i64,
    zone: Option<&str>,
) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE contacts SET time_zone = $2 WHERE id = $1")
        .bind(contact_id).bind(zone).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The country of a session's organization (the contact's or the organization account's).
pub async fn organization_country(tx: &mut Tx<'_>, organization_id: i64) -> Result<Option<String>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT country FROM organizations WHERE id = $1")
        .bind(organization_id).fetch_optional(c).await)?,
    )
}

/// A pending address change: the address to confirm and the one it replaces.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AddressLink {
    /// Link id.
    pub id: i64,
    /// The contact whose address it is.
    pub contact_id: i64,
    /// The new address.
    pub email: String,
    /// The address it replaces, when it changes one.
    pub replaces: Option<String>,
}

/// Stores a link that confirms a contact's new address.
pub async fn insert_address_link(
    tx: &mut Tx<'_>,
    token_hash: &str,
    contact_id: i64,
    email: &str,
    replaces: Option<&str>,
    now: i64,
    expires_at: i64,
) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO portal_links (token_hash, purpose, contact_id, email, replaces, created_at, expires_at)
         VALUES ($1, 'email', $2, $3, $4, $5, $6) RETURNING id")
        .bind(token_hash).bind(contact_id).bind(email).bind(replaces).bind(now).bind(expires_at)
        .fetch_one(c).await)?)
}

/// An unused, unexpired address link by its secret's hash.
pub async fn live_address_link(
    tx: &mut Tx<'_>,
    token_hash: &str,
    now: i64,
) -> Result<Option<AddressLink>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, AddressLink>(
        "SELECT id, contact_id, email, replaces FROM portal_links
         WHERE token_hash = $1 AND purpose = 'email' AND used_at IS NULL AND expires_at > $2")
        .bind(token_hash).bind(now).fetch_optional(c).await)?)
}

/// A contact's address changes waiting for confirmation: the new address and the replaced one.
pub async fn pending_addresses(
    tx: &mut Tx<'_>,
    contact_id: i64,
    now: i64,
) -> Result<Vec<(String, Option<String>)>> {
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, (String, Option<String>)>(
        "SELECT email, replaces FROM portal_links
         WHERE contact_id = $1 AND purpose = 'email' AND used_at IS NULL AND expires_at > $2 ORDER BY id")
        .bind(contact_id).bind(now).fetch_all(c).await)?,
    )
}

/// Adds an address to a contact, after its others.
pub async fn add_contact_email(tx: &mut Tx<'_>, contact_id: i64, email: &str) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO contact_emails (contact_id, email, position)
         VALUES ($1, $2, (SELECT COALESCE(MAX(position), -1) + 1 FROM contact_emails WHERE contact_id = $1))")
        .bind(contact_id).bind(email).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Replaces one of a contact's addresses in place (it keeps its position); false when the
/// contact no longer has the old one.
pub async fn replace_contact_email(
    tx: &mut Tx<'_>,
    contact_id: i64,
    old: &str,
    new: &str,
) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query("UPDATE contact_emails SET email = $3 WHERE contact_id = $1 AND email = $2")
        .bind(contact_id).bind(old).bind(new).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Whether an address is on record for any contact.
pub async fn email_taken(tx: &mut Tx<'_>, email: &str) -> Result<bool> {
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM contact_emails WHERE email = $1")
        .bind(email).fetch_one(c).await)?;
    Ok(n > 0)
}
