//! Organizations, contacts (with their addresses and phones), assets and asset rights.

use crate::{
    Result, StoreError, Tx, on_tx,
    rows::{AssetRow, ContactRow, OrganizationRow},
};

const ORG_COLS: &str = "id, name, country, language, price_level, ico, nip, regon, vat_id, address, created_at, updated_at";

fn one(n: u64) -> Result<()> {
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Inserts an organization (the row's `id` is ignored) and returns its id.
pub async fn insert_org(tx: &mut Tx<'_>, o: &OrganizationRow) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO organizations (name, country, language, price_level, ico, nip, regon, vat_id, address, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id")
        .bind(&o.name).bind(&o.country).bind(o.language.as_str()).bind(&o.price_level).bind(&o.ico)
        .bind(&o.nip).bind(&o.regon).bind(&o.vat_id).bind(&o.address).bind(o.created_at).bind(o.updated_at)
        .fetch_one(c).await)?)
}

/// Writes every column of an organization.
pub async fn update_org(tx: &mut Tx<'_>, o: &OrganizationRow) -> Result<()> {
    one(on_tx!(tx, c => sqlx::query(
        "UPDATE organizations SET name = $2, country = $3, language = $4, price_level = $5, ico = $6, nip = $7,
         regon = $8, vat_id = $9, address = $10, updated_at = $11 WHERE id = $1")
        .bind(o.id).bind(&o.name).bind(&o.country).bind(o.language.as_str()).bind(&o.price_level).bind(&o.ico)
        .bind(&o.nip).bind(&o.regon).bind(&o.vat_id).bind(&o.address).bind(o.updated_at)
        .execute(c).await.map(|r| r.rows_affected()))?)
}

/// One organization.
pub async fn get_org(tx: &mut Tx<'_>, id: i64) -> Result<OrganizationRow> {
    let sql = format!("SELECT {ORG_COLS} FROM organizations WHERE id = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, OrganizationRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(c).await)?,
    )
}

/// The address an organization's invoices are mailed to, if one is set.
pub async fn org_billing_email(tx: &mut Tx<'_>, id: i64) -> Result<Option<String>> {
    let v: Option<Option<String>> = on_tx!(tx, c => sqlx::query_scalar(
        "SELECT billing_email FROM organizations WHERE id = $1")
        .bind(id).fetch_optional(c).await)?;
    v.ok_or(crate::StoreError::NotFound)
}

/// Sets (or with `None` clears) the address an organization's invoices are mailed to.
pub async fn set_org_billing_email(tx: &mut Tx<'_>, id: i64, email: Option<&str>) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query("UPDATE organizations SET billing_email = $2 WHERE id = $1")
        .bind(id).bind(email).execute(c).await.map(|r| r.rows_affected()))?;
    one(n)
}

/// A page of organizations by id.
pub async fn list_orgs(
    tx: &mut Tx<'_>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<OrganizationRow>, i64)> {
    let sql = format!("SELECT {ORG_COLS} FROM organizations ORDER BY id LIMIT $1 OFFSET $2");
    let items = on_tx!(tx, c => sqlx::query_as::<_, OrganizationRow>(sqlx::AssertSqlSafe(sql)).bind(limit).bind(offset).fetch_all(c).await)?;
    let total = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM organizations").fetch_one(c).await)?;
    Ok((items, total))
}

/// Deletes an organization nothing refers to.
pub async fn delete_org(tx: &mut Tx<'_>, id: i64) -> Result<()> {
    one(
        on_tx!(tx, c => sqlx::query("DELETE FROM organizations WHERE id = $1").bind(id).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

const CONTACT_COLS: &str = "id, organization_id, name, language, created_at, updated_at";

/// Inserts a contact and returns its id.
pub async fn insert_contact(tx: &mut Tx<'_>, r: &ContactRow) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO contacts (organization_id, name, language, created_at, updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(r.organization_id).bind(&r.name).bind(r.language.as_str()).bind(r.created_at).bind(r.updated_at)
        .fetch_one(c).await)?)
}

/// Writes a contact's columns.
pub async fn update_contact(tx: &mut Tx<'_>, r: &ContactRow) -> Result<()> {
    one(on_tx!(tx, c => sqlx::query(
        "UPDATE contacts SET organization_id = $2, name = $3, language = $4, updated_at = $5 WHERE id = $1")
        .bind(r.id).bind(r.organization_id).bind(&r.name).bind(r.language.as_str()).bind(r.updated_at)
        .execute(c).await.map(|r| r.rows_affected()))?)
}

/// One contact.
pub async fn get_contact(tx: &mut Tx<'_>, id: i64) -> Result<ContactRow> {
    let sql = format!("SELECT {CONTACT_COLS} FROM contacts WHERE id = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, ContactRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(c).await)?,
    )
}

/// A contact and its first e-mail address (where its requests are confirmed), in one
/// statement: the intake of every request asks for both.
pub async fn get_contact_and_first_email(
    tx: &mut Tx<'_>,
    id: i64,
) -> Result<(ContactRow, Option<String>)> {
    use sqlx::{FromRow, Row};
    let sql = format!(
        "SELECT {CONTACT_COLS}, (SELECT email FROM contact_emails e WHERE e.contact_id = contacts.id \
         ORDER BY position LIMIT 1) AS first_email FROM contacts WHERE id = $1"
    );
    Ok(
        on_tx!(tx, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(c).await
        .and_then(|r| Ok((ContactRow::from_row(&r)?, r.try_get("first_email")?))))?,
    )
}

/// A page of contacts, optionally of one organization.
pub async fn list_contacts(
    tx: &mut Tx<'_>,
    organization_id: Option<i64>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<ContactRow>, i64)> {
    let sql = format!(
        "SELECT {CONTACT_COLS} FROM contacts WHERE ($1 IS NULL OR organization_id = $1) ORDER BY id LIMIT $2 OFFSET $3"
    );
    let items = on_tx!(tx, c => sqlx::query_as::<_, ContactRow>(sqlx::AssertSqlSafe(sql)).bind(organization_id).bind(limit).bind(offset).fetch_all(c).await)?;
    let total = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM contacts WHERE ($1 IS NULL OR organization_id = $1)")
        .bind(organization_id).fetch_one(c).await)?;
    Ok((items, total))
}

/// Replaces a contact's e-mail addresses (already normalised), in order.
pub async fn set_contact_emails(tx: &mut Tx<'_>, contact_id: i64, emails: &[String]) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM contact_emails WHERE contact_id = $1").bind(contact_id).execute(c).await.map(|r| r.rows_affected()))?;
    for (i, e) in emails.iter().enumerate() {
        on_tx!(tx, c => sqlx::query("INSERT INTO contact_emails (contact_id, email, position) VALUES ($1, $2, $3)")
            .bind(contact_id).bind(e).bind(i as i64).execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// A contact's e-mail addresses in order.
pub async fn contact_emails(tx: &mut Tx<'_>, contact_id: i64) -> Result<Vec<String>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT email FROM contact_emails WHERE contact_id = $1 ORDER BY position")
        .bind(contact_id).fetch_all(c).await)?,
    )
}

/// Replaces a contact's phone numbers, in order.
pub async fn set_contact_phones(tx: &mut Tx<'_>, contact_id: i64, phones: &[String]) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM contact_phones WHERE contact_id = $1").bind(contact_id).execute(c).await.map(|r| r.rows_affected()))?;
    for (i, p) in phones.iter().enumerate() {
        on_tx!(tx, c => sqlx::query("INSERT INTO contact_phones (contact_id, phone, position) VALUES ($1, $2, $3)")
            .bind(contact_id).bind(p).bind(i as i64).execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// A contact's phones in order.
pub async fn contact_phones(tx: &mut Tx<'_>, contact_id: i64) -> Result<Vec<String>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT phone FROM contact_phones WHERE contact_id = $1 ORDER BY position")
        .bind(contact_id).fetch_all(c).await)?,
    )
}

/// The contact that owns a (normalised) address.
pub async fn find_contact_by_email(tx: &mut Tx<'_>, email: &str) -> Result<Option<ContactRow>> {
    let sql = format!(
        "SELECT {} FROM contacts WHERE id = (SELECT contact_id FROM contact_emails WHERE email = $1)",
        CONTACT_COLS
    );
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, ContactRow>(sqlx::AssertSqlSafe(sql)).bind(email).fetch_optional(c).await)?,
    )
}

/// Deletes a contact no ticket refers to.
pub async fn delete_contact(tx: &mut Tx<'_>, id: i64) -> Result<()> {
    one(
        on_tx!(tx, c => sqlx::query("DELETE FROM contacts WHERE id = $1").bind(id).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

const ASSET_COLS: &str = "id, organization_id, kind, identifier, name, created_at, updated_at";

/// Inserts an asset and returns its id.
pub async fn insert_asset(tx: &mut Tx<'_>, a: &AssetRow) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO assets (organization_id, kind, identifier, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(a.organization_id).bind(&a.kind).bind(&a.identifier).bind(&a.name).bind(a.created_at).bind(a.updated_at)
        .fetch_one(c).await)?)
}

/// Writes an asset's columns.
pub async fn update_asset(tx: &mut Tx<'_>, a: &AssetRow) -> Result<()> {
    one(on_tx!(tx, c => sqlx::query(
        "UPDATE assets SET organization_id = $2, kind = $3, identifier = $4, name = $5, updated_at = $6 WHERE id = $1")
        .bind(a.id).bind(a.organization_id).bind(&a.kind).bind(&a.identifier).bind(&a.name).bind(a.updated_at)
        .execute(c).await.map(|r| r.rows_affected()))?)
}

/// One asset.
pub async fn get_asset(tx: &mut Tx<'_>, id: i64) -> Result<AssetRow> {
    let sql = format!("SELECT {ASSET_COLS} FROM assets WHERE id = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, AssetRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(c).await)?,
    )
}

/// A page of assets, optionally of one organization.
pub async fn list_assets(
    tx: &mut Tx<'_>,
    organization_id: Option<i64>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<AssetRow>, i64)> {
    let sql = format!(
        "SELECT {ASSET_COLS} FROM assets WHERE ($1 IS NULL OR organization_id = $1) ORDER BY id LIMIT $2 OFFSET $3"
    );
    let items = on_tx!(tx, c => sqlx::query_as::<_, AssetRow>(sqlx::AssertSqlSafe(sql)).bind(organization_id).bind(limit).bind(offset).fetch_all(c).await)?;
    let total = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM assets WHERE ($1 IS NULL OR organization_id = $1)")
        .bind(organization_id).fetch_one(c).await)?;
    Ok((items, total))
}

/// Deletes an asset no ticket refers to.
pub async fn delete_asset(tx: &mut Tx<'_>, id: i64) -> Result<()> {
    one(
        on_tx!(tx, c => sqlx::query("DELETE FROM assets WHERE id = $1").bind(id).execute(c).await.map(|r| r.rows_affected()))?,
    )
}

/// Gives a contact rights to an asset (idempotent).
pub async fn grant_asset(tx: &mut Tx<'_>, asset_id: i64, contact_id: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("INSERT INTO asset_rights (asset_id, contact_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(asset_id).bind(contact_id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Takes a contact's rights to an asset away; false when there were none.
pub async fn revoke_asset(tx: &mut Tx<'_>, asset_id: i64, contact_id: i64) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query("DELETE FROM asset_rights WHERE asset_id = $1 AND contact_id = $2")
        .bind(asset_id).bind(contact_id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Contacts with rights to an asset.
pub async fn asset_contact_ids(tx: &mut Tx<'_>, asset_id: i64) -> Result<Vec<i64>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT contact_id FROM asset_rights WHERE asset_id = $1 ORDER BY contact_id")
        .bind(asset_id).fetch_all(c).await)?,
    )
}

/// Whether a contact has rights to an asset.
pub async fn has_asset_right(tx: &mut Tx<'_>, asset_id: i64, contact_id: i64) -> Result<bool> {
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM asset_rights WHERE asset_id = $1 AND contact_id = $2")
        .bind(asset_id).bind(contact_id).fetch_one(c).await)?;
    Ok(n > 0)
}

/// Assets a contact has rights to.
pub async fn contact_asset_ids(tx: &mut Tx<'_>, contact_id: i64) -> Result<Vec<i64>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT asset_id FROM asset_rights WHERE contact_id = $1 ORDER BY asset_id")
        .bind(contact_id).fetch_all(c).await)?,
    )
}

/// The names of organizations `ids`, in one statement per 500 (the queue names hundreds).
pub async fn org_names(tx: &mut Tx<'_>, ids: &[i64]) -> Result<Vec<(i64, String)>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        let list = crate::repo::rows_params(tx.backend(), 1, chunk.len());
        let sql = format!("SELECT id, name FROM organizations WHERE id IN {list}");
        let rows: Vec<(i64, String)> = on_tx!(tx, c => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            q.fetch_all(c).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}
