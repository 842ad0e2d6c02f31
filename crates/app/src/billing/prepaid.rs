//! Prepaid minute packages an organization bought; what is left shows in its month's usage.

use super::*;
use crate::{audit, now_ms, rfc3339};
use podpora_core::{ValidationError, text};
use podpora_store::repo::billing::PrepaidRow;
use serde::{Deserialize, Serialize};

/// A package to record.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPrepaid {
    /// Minutes bought.
    pub minutes: u32,
    /// When it was bought (RFC 3339); now when absent. It pays for work started after this.
    #[serde(default)]
    pub bought_at: Option<String>,
    /// It pays for work started before this instant (RFC 3339).
    pub expires_at: String,
    /// A note, e.g. the order number.
    #[serde(default)]
    pub note: Option<String>,
}

/// A recorded package.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Prepaid {
    /// Id.
    pub id: i64,
    /// The organization.
    pub organization_id: i64,
    /// Minutes bought.
    pub minutes: i64,
    /// When bought.
    pub bought_at: String,
    /// When it expires.
    pub expires_at: String,
    /// The note.
    pub note: Option<String>,
}

fn view(p: PrepaidRow) -> Prepaid {
    Prepaid {
        id: p.id,
        organization_id: p.organization_id,
        minutes: p.minutes,
        bought_at: rfc3339(p.bought_at),
        expires_at: rfc3339(p.expires_at),
        note: p.note,
    }
}

fn instant(v: &mut ValidationError, field: &str, s: &str) -> Option<i64> {
    v.check(
        field,
        s.trim()
            .parse::<jiff::Timestamp>()
            .map(|t| t.as_millisecond())
            .map_err(|e| format!("is not an RFC 3339 instant such as 2027-06-30T22:00:00Z: {e}")),
    )
}

/// Records a bought package (the billing role and administrators).
pub async fn add_prepaid(
    db: &podpora_store::Db,
    actor: &Actor,
    organization_id: i64,
    p: NewPrepaid,
) -> Result<Prepaid> {
    require_billing(actor)?;
    let now = now_ms();
    let mut v = ValidationError::new();
    if !(1..=1_000_000).contains(&p.minutes) {
        v.push("minutes", "must be between 1 and 1000000");
    }
    let bought_at = match &p.bought_at {
        Some(s) => instant(&mut v, "bought_at", s),
        None => Some(now),
    };
    let expires_at = instant(&mut v, "expires_at", &p.expires_at);
    if let (Some(b), Some(e)) = (bought_at, expires_at)
        && e <= b
    {
        v.push("expires_at", "must be after bought_at");
    }
    let note = match p.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => v.check("note", text::check_max_chars(n, 500).map(|_| n.to_string())),
        None => None,
    };
    v.into_result()?;
    let mut tx = db.begin().await?;
    repo::customers::get_org(&mut tx, organization_id)
        .await
        .not_found(|| format!("organization {organization_id}"))?;
    let mut row = PrepaidRow {
        id: 0,
        organization_id,
        minutes: i64::from(p.minutes),
        bought_at: bought_at.unwrap_or(now),
        expires_at: expires_at.unwrap_or(now),
        note,
        created_by: actor.audit_name(),
        created_at: now,
    };
    row.id = repo::billing::insert_prepaid(&mut tx, &row).await?;
    audit::changed(
        &mut tx,
        "organization",
        organization_id,
        actor,
        now,
        vec![(
            "prepaid_package",
            None,
            Some(format!(
                "{} minutes until {}",
                row.minutes,
                rfc3339(row.expires_at)
            )),
        )],
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(view(row))
}

/// An organization's packages (staff, and the organization itself).
pub async fn list_prepaid(
    db: &podpora_store::Db,
    actor: &Actor,
    organization_id: i64,
) -> Result<Vec<Prepaid>> {
    require_money_reader(actor, organization_id)?;
    let mut tx = db.read().await?;
    repo::customers::get_org(&mut tx, organization_id)
        .await
        .not_found(|| format!("organization {organization_id}"))?;
    Ok(repo::billing::prepaid_of_org(&mut tx, organization_id)
        .await?
        .into_iter()
        .map(view)
        .collect())
}
