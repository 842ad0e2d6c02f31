//! One-time links that let a customer accept an offer of paid work from the mail.

use crate::{Result, Tx, on_tx};

/// A link found by its secret's hash, whatever its state.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OfferLink {
    /// Link id.
    pub id: i64,
    /// The offer it accepts.
    pub agreement_id: i64,
    /// The contact it was mailed to, who accepts by using it.
    pub contact_id: i64,
    /// When it stops working.
    pub expires_at: i64,
    /// When it was used; a used link is dead.
    pub used_at: Option<i64>,
}

/// Stores a link (the secret's hash only); returns its id.
pub async fn insert(
    tx: &mut Tx<'_>,
    token_hash: &str,
    agreement_id: i64,
    contact_id: i64,
    now: i64,
    expires_at: i64,
) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO offer_links (token_hash, agreement_id, contact_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(token_hash).bind(agreement_id).bind(contact_id).bind(now).bind(expires_at)
        .fetch_one(c).await)?)
}

/// The link with this secret's hash, used or not.
pub async fn by_hash(tx: &mut Tx<'_>, token_hash: &str) -> Result<Option<OfferLink>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, OfferLink>(
        "SELECT id, agreement_id, contact_id, expires_at, used_at FROM offer_links WHERE token_hash = $1")
        .bind(token_hash).fetch_optional(c).await)?)
}

/// Marks a link used; false when it was used meanwhile.
pub async fn use_link(tx: &mut Tx<'_>, id: i64, now: i64) -> Result<bool> {
    let r = on_tx!(tx, c => sqlx::query("UPDATE offer_links SET used_at = $2 WHERE id = $1 AND used_at IS NULL")
        .bind(id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(r == 1)
}

/// The offer a link accepts.
pub async fn agreement(tx: &mut Tx<'_>, id: i64) -> Result<Option<super::billing::AgreementRow>> {
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, super::billing::AgreementRow>(
        "SELECT id, ticket_id, description, estimate_minutes, offered_by, offered_at, accepted_at, accepted_by, accepted_channel
         FROM agreements WHERE id = $1")
        .bind(id).fetch_optional(c).await)?,
    )
}
