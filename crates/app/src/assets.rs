//! Assets: the customer's installed things, and which contacts may ask about them.

use crate::{
    Actor, AppError, Page, Result, audit,
    dto::Paged,
    error::{MissingRef, NotFoundAs},
    now_ms, rfc3339,
};
use podpora_core::{ValidationError, auth::Permission, text};
use podpora_store::{Db, StoreError, Tx, repo, repo::tickets::RefColumn, rows::AssetRow};
use serde::{Deserialize, Serialize};

/// An asset as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Asset {
    /// Id.
    pub id: i64,
    /// Owner organization.
    pub organization_id: i64,
    /// What it is, e.g. `central-unit`, `pbx`, `licence`, `domain`.
    pub kind: String,
    /// Serial number, licence key, domain name …, unique within the organization.
    pub identifier: String,
    /// Human name.
    pub name: String,
    /// Contacts with rights to it.
    pub contact_ids: Vec<i64>,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last changed (RFC 3339).
    pub updated_at: String,
}

/// A new asset.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAsset {
    /// Owner organization (required).
    pub organization_id: i64,
    /// Kind (required).
    pub kind: String,
    /// Identifier (required), e.g. a serial number.
    pub identifier: String,
    /// Name; defaults to the identifier.
    pub name: Option<String>,
    /// Contacts to give rights to.
    #[serde(default)]
    pub contact_ids: Vec<i64>,
}

/// Changes to an asset.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssetPatch {
    /// New kind.
    pub kind: Option<String>,
    /// New identifier.
    pub identifier: Option<String>,
    /// New name.
    pub name: Option<String>,
}

async fn load(tx: &mut Tx<'_>, r: AssetRow) -> Result<Asset> {
    let contact_ids = repo::customers::asset_contact_ids(tx, r.id).await?;
    Ok(Asset {
        id: r.id,
        organization_id: r.organization_id,
        kind: r.kind,
        identifier: r.identifier,
        name: r.name,
        contact_ids,
        created_at: rfc3339(r.created_at),
        updated_at: rfc3339(r.updated_at),
    })
}

fn taken(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(_) => AppError::field(
            "identifier",
            "this organization already has an asset with this identifier",
        ),
        e => e.into(),
    }
}

/// Creates an asset, optionally granting contacts rights to it.
pub async fn create(db: &Db, actor: &Actor, input: NewAsset) -> Result<Asset> {
    actor.require(Permission::WriteCustomers)?;
    let mut v = ValidationError::new();
    let kind = v.check("kind", text::required_line(&input.kind, 50));
    let identifier = v.check("identifier", text::required_line(&input.identifier, 200));
    let name = match &input.name {
        Some(n) => v.check("name", text::required_line(n, 200)),
        None => identifier.clone(),
    };
    v.into_result()?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    repo::customers::get_org(&mut tx, input.organization_id)
        .await
        .missing_ref("organization_id", "organization", input.organization_id)?;
    let mut row = AssetRow {
        id: 0,
        organization_id: input.organization_id,
        kind: kind.unwrap_or_default(),
        identifier: identifier.unwrap_or_default(),
        name: name.unwrap_or_default(),
        created_at: now,
        updated_at: now,
    };
    row.id = repo::customers::insert_asset(&mut tx, &row)
        .await
        .map_err(taken)?;
    audit::created(
        &mut tx,
        "asset",
        row.id,
        actor,
        now,
        format!("{} {}", row.kind, row.identifier),
    )
    .await?;
    for (i, c) in input.contact_ids.iter().enumerate() {
        grant_in(&mut tx, actor, &row, *c, &format!("contact_ids[{i}]"), now).await?;
    }
    let a = load(&mut tx, row).await?;
    tx.commit().await?;
    Ok(a)
}

async fn grant_in(
    tx: &mut Tx<'_>,
    actor: &Actor,
    asset: &AssetRow,
    contact_id: i64,
    field: &str,
    now: i64,
) -> Result<()> {
    let c = repo::customers::get_contact(tx, contact_id)
        .await
        .missing_ref(field, "contact", contact_id)?;
    if c.organization_id != Some(asset.organization_id) {
        return Err(AppError::field(
            field,
            format!(
                "contact {contact_id} does not belong to organization {}, which owns asset {}",
                asset.organization_id, asset.id
            ),
        ));
    }
    repo::customers::grant_asset(tx, asset.id, contact_id).await?;
    audit::changed(
        tx,
        "asset",
        asset.id,
        actor,
        now,
        vec![("rights", None, Some(format!("contact:{contact_id}")))],
        None,
    )
    .await?;
    Ok(())
}

/// One asset.
pub async fn get(db: &Db, actor: &Actor, id: i64) -> Result<Asset> {
    actor.require(Permission::ReadCustomers)?;
    let mut tx = db.read().await?;
    let r = repo::customers::get_asset(&mut tx, id)
        .await
        .not_found(|| format!("asset {id}"))?;
    load(&mut tx, r).await
}

/// A page of assets.
pub async fn list(
    db: &Db,
    actor: &Actor,
    organization_id: Option<i64>,
    page: Page,
) -> Result<Paged<Asset>> {
    actor.require(Permission::ReadCustomers)?;
    let (limit, offset) = page.limit_offset();
    let mut tx = db.read().await?;
    let (rows, total) =
        repo::customers::list_assets(&mut tx, organization_id, limit, offset).await?;
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        items.push(load(&mut tx, r).await?);
    }
    let (page, per_page) = page.resolved();
    Ok(Paged {
        items,
        page,
        per_page,
        total,
    })
}

/// Changes an asset.
pub async fn update(db: &Db, actor: &Actor, id: i64, p: AssetPatch) -> Result<Asset> {
    actor.require(Permission::WriteCustomers)?;
    let mut tx = db.begin().await?;
    let old = repo::customers::get_asset(&mut tx, id)
        .await
        .not_found(|| format!("asset {id}"))?;
    let mut row = old.clone();
    let mut v = ValidationError::new();
    if let Some(k) = &p.kind
        && let Some(k) = v.check("kind", text::required_line(k, 50))
    {
        row.kind = k;
    }
    if let Some(i) = &p.identifier
        && let Some(i) = v.check("identifier", text::required_line(i, 200))
    {
        row.identifier = i;
    }
    if let Some(n) = &p.name
        && let Some(n) = v.check("name", text::required_line(n, 200))
    {
        row.name = n;
    }
    v.into_result()?;
    let now = now_ms();
    row.updated_at = now;
    let changes = vec![
        ("kind", Some(old.kind.clone()), Some(row.kind.clone())),
        (
            "identifier",
            Some(old.identifier.clone()),
            Some(row.identifier.clone()),
        ),
        ("name", Some(old.name.clone()), Some(row.name.clone())),
    ];
    if audit::changed(&mut tx, "asset", id, actor, now, changes, None).await? > 0 {
        repo::customers::update_asset(&mut tx, &row)
            .await
            .map_err(taken)?;
    }
    let a = load(&mut tx, row).await?;
    tx.commit().await?;
    Ok(a)
}

/// Deletes an asset no ticket refers to.
pub async fn delete(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    actor.require(Permission::WriteCustomers)?;
    let mut tx = db.begin().await?;
    repo::customers::get_asset(&mut tx, id)
        .await
        .not_found(|| format!("asset {id}"))?;
    if repo::tickets::count_referring(&mut tx, RefColumn::Asset, id).await? > 0 {
        return Err(AppError::Conflict(format!(
            "asset {id} has requests; it cannot be deleted"
        )));
    }
    repo::customers::delete_asset(&mut tx, id).await?;
    audit::created(&mut tx, "asset", id, actor, now_ms(), "deleted".into()).await?;
    tx.commit().await?;
    Ok(())
}

/// Gives a contact rights to an asset.
pub async fn grant(db: &Db, actor: &Actor, asset_id: i64, contact_id: i64) -> Result<Asset> {
    actor.require(Permission::WriteCustomers)?;
    let mut tx = db.begin().await?;
    let row = repo::customers::get_asset(&mut tx, asset_id)
        .await
        .not_found(|| format!("asset {asset_id}"))?;
    grant_in(&mut tx, actor, &row, contact_id, "contact_id", now_ms()).await?;
    let a = load(&mut tx, row).await?;
    tx.commit().await?;
    Ok(a)
}

/// Takes a contact's rights to an asset away.
pub async fn revoke(db: &Db, actor: &Actor, asset_id: i64, contact_id: i64) -> Result<Asset> {
    actor.require(Permission::WriteCustomers)?;
    let mut tx = db.begin().await?;
    let row = repo::customers::get_asset(&mut tx, asset_id)
        .await
        .not_found(|| format!("asset {asset_id}"))?;
    if !repo::customers::revoke_asset(&mut tx, asset_id, contact_id).await? {
        return Err(AppError::NotFound(format!(
            "right of contact {contact_id} to asset {asset_id}"
        )));
    }
    audit::changed(
        &mut tx,
        "asset",
        asset_id,
        actor,
        now_ms(),
        vec![("rights", Some(format!("contact:{contact_id}")), None)],
        None,
    )
    .await?;
    let a = load(&mut tx, row).await?;
    tx.commit().await?;
    Ok(a)
}

/// An asset's audit history, oldest first: its creation, changes and granted or revoked rights.
pub async fn history(db: &Db, actor: &Actor, id: i64) -> Result<Vec<crate::dto::HistoryEntry>> {
    actor.require(Permission::ReadCustomers)?;
    let mut tx = db.read().await?;
    repo::customers::get_asset(&mut tx, id)
        .await
        .not_found(|| format!("asset {id}"))?;
    Ok(repo::audit::history(&mut tx, "asset", id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}
