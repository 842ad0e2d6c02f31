//! Portal account requests: visitors asking for an account, waiting for staff.

use crate::{Result, Tx, on_tx};

/// A stored account request.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AccountRequestRow {
    /// Id.
    pub id: i64,
    /// The organization the company id belongs to.
    pub organization_id: i64,
    /// The company id as stored on the organization.
    pub company_id: String,
    /// The requester's address, normalised.
    pub email: String,
    /// The requester's name.
    pub name: String,
    /// Language code the requester used.
    pub language: String,
    /// `pending`, `approved` or `declined`.
    pub status: String,
    /// Asked (ms since the epoch).
    pub created_at: i64,
    /// The agent who decided.
    pub decided_by: Option<i64>,
    /// Decided (ms since the epoch).
    pub decided_at: Option<i64>,
    /// Why it was declined.
    pub reason: Option<String>,
    /// The contact an approval created.
    pub contact_id: Option<i64>,
}

/// The columns every query reads, in [`AccountRequestRow`]'s order.
macro_rules! cols {
    () => {
        "id, organization_id, company_id, email, name, language, status, created_at, \
         decided_by, decided_at, reason, contact_id"
    };
}

/// The pending request of an address, if one waits.
pub async fn pending_for_email(tx: &mut Tx<'_>, email: &str) -> Result<Option<AccountRequestRow>> {
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, AccountRequestRow>(concat!("SELECT ", cols!(),
        " FROM account_requests WHERE email = $1 AND status = 'pending'"))
        .bind(email).fetch_optional(c).await)?,
    )
}

/// Stores a new pending request; a second pending one for the address is a conflict.
pub async fn insert(tx: &mut Tx<'_>, r: &AccountRequestRow) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO account_requests (organization_id, company_id, email, name, language, status, created_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6) RETURNING id")
        .bind(r.organization_id).bind(&r.company_id).bind(&r.email).bind(&r.name)
        .bind(&r.language).bind(r.created_at)
        .fetch_one(c).await)?)
}

/// One request.
pub async fn get(tx: &mut Tx<'_>, id: i64) -> Result<Option<AccountRequestRow>> {
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, AccountRequestRow>(concat!("SELECT ", cols!(),
        " FROM account_requests WHERE id = $1"))
        .bind(id).fetch_optional(c).await)?,
    )
}

/// Pending requests, oldest first.
pub async fn pending(tx: &mut Tx<'_>) -> Result<Vec<AccountRequestRow>> {
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, AccountRequestRow>(concat!("SELECT ", cols!(),
        " FROM account_requests WHERE status = 'pending' ORDER BY created_at, id"))
        .fetch_all(c).await)?,
    )
}

/// Records a decision on a pending request; false when it was no longer pending.
pub async fn decide(tx: &mut Tx<'_>, r: &AccountRequestRow) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE account_requests SET status = $2, decided_by = $3, decided_at = $4, reason = $5,
         contact_id = $6 WHERE id = $1 AND status = 'pending'")
        .bind(r.id).bind(&r.status).bind(r.decided_by).bind(r.decided_at).bind(&r.reason)
        .bind(r.contact_id)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}
