//! Customer organizations with their company identifiers.

use crate::{
    Actor, AppError, Page, Result,
    audit::{self, opt},
    dto::{HistoryEntry, Paged, nullable},
    error::NotFoundAs,
    now_ms, rfc3339,
};
use podpora_core::{
    CountryCode, EmailAddress, Ico, Language, Nip, Regon, ValidationError, VatId, auth::Permission,
    text,
};
use podpora_store::{
    Db,
    repo::{self, tickets::RefColumn},
    rows::OrganizationRow,
};
use serde::{Deserialize, Serialize};

/// An organization as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Organization {
    /// Id.
    pub id: i64,
    /// Registered name.
    pub name: String,
    /// ISO country code, e.g. `SK`.
    pub country: String,
    /// Language of messages to this customer.
    pub language: Language,
    /// Price level name (e.g. `standard`).
    pub price_level: String,
    /// CZ/SK company id (IČO).
    pub ico: Option<String>,
    /// PL tax id (NIP).
    pub nip: Option<String>,
    /// PL statistical number (REGON).
    pub regon: Option<String>,
    /// EU VAT id (IČ DPH, DIČ, NIP-UE).
    pub vat_id: Option<String>,
    /// Postal address, free text.
    pub address: Option<String>,
    /// Where invoices are mailed; the first contact's address when absent.
    pub billing_email: Option<String>,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last changed (RFC 3339).
    pub updated_at: String,
}

impl From<OrganizationRow> for Organization {
    fn from(r: OrganizationRow) -> Self {
        Self {
            id: r.id,
            name: r.name,
            country: r.country,
            language: r.language,
            price_level: r.price_level,
            ico: r.ico,
            nip: r.nip,
            regon: r.regon,
            vat_id: r.vat_id,
            address: r.address,
            billing_email: None,
            created_at: rfc3339(r.created_at),
            updated_at: rfc3339(r.updated_at),
        }
    }
}

/// A new organization.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrganization {
    /// Registered name (required).
    pub name: String,
    /// ISO country code (required), e.g. `SK`, `CZ`, `PL`.
    pub country: String,
    /// `sk`, `cs`, `pl` or `en`; defaults by country.
    pub language: Option<String>,
    /// Price level; defaults to `standard`.
    pub price_level: Option<String>,
    /// IČO (CZ and SK only), checked mod 11.
    pub ico: Option<String>,
    /// NIP (PL only), checked by weights.
    pub nip: Option<String>,
    /// REGON (PL only).
    pub regon: Option<String>,
    /// VAT id with country prefix.
    pub vat_id: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Where invoices are mailed; the first contact's address when absent.
    #[serde(default)]
    pub billing_email: Option<String>,
}

/// Changes to an organization: absent fields stay, `null` clears an optional one.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationPatch {
    /// New name.
    pub name: Option<String>,
    /// New country.
    pub country: Option<String>,
    /// New language.
    pub language: Option<String>,
    /// New price level.
    pub price_level: Option<String>,
    /// New IČO, or null.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub ico: Option<Option<String>>,
    /// New NIP, or null.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub nip: Option<Option<String>>,
    /// New REGON, or null.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub regon: Option<Option<String>>,
    /// New VAT id, or null.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub vat_id: Option<Option<String>>,
    /// New address, or null.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub address: Option<Option<String>>,
}

/// Changes to an organization through the API: the fields of an [`OrganizationPatch`] and the
/// address its invoices are mailed to.
#[derive(Debug, Clone, Default, utoipa::ToSchema)]
pub struct OrganizationUpdate {
    /// The organization's fields.
    #[serde(flatten)]
    pub patch: OrganizationPatch,
    /// New address for invoices, or null: then they go to the first contact's address.
    #[schema(value_type = Option<String>)]
    pub billing_email: Option<Option<String>>,
}

// By hand, because `deny_unknown_fields` of the patch does not combine with `flatten`: the
// billing address is taken out and the rest read as a patch, so an unknown field is still
// refused.
impl<'de> Deserialize<'de> for OrganizationUpdate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::Error;
        use serde_json::Value;
        let mut map = serde_json::Map::<String, Value>::deserialize(d)?;
        let billing_email = match map.remove("billing_email") {
            None => None,
            Some(Value::Null) => Some(None),
            Some(Value::String(s)) => Some(Some(s)),
            Some(other) => {
                return Err(D::Error::custom(format!(
                    "billing_email: expected an e-mail address or null, not {other}"
                )));
            }
        };
        let patch = OrganizationPatch::deserialize(Value::Object(map)).map_err(D::Error::custom)?;
        Ok(Self {
            patch,
            billing_email,
        })
    }
}

/// A billing address as typed: blank is none, anything else must be an e-mail address.
fn billing_email(v: &mut ValidationError, typed: Option<String>) -> Option<String> {
    let typed = blank_to_none(typed)?;
    v.check("billing_email", EmailAddress::parse(&typed))
        .map(|e| e.as_str().to_string())
}

/// An organization as the API shows it, with its billing address.
async fn shown(tx: &mut podpora_store::Tx<'_>, row: OrganizationRow) -> Result<Organization> {
    let email = repo::customers::org_billing_email(tx, row.id).await?;
    let mut o = Organization::from(row);
    o.billing_email = email;
    Ok(o)
}

fn default_language(country: &str) -> Language {
    match country {
        "SK" => Language::Sk,
        "CZ" => Language::Cs,
        "PL" => Language::Pl,
        _ => Language::En,
    }
}

/// Validates the row as a whole: each identifier by its own rule and against the country, and
/// the `language` asked for, if any.
fn validate(row: &mut OrganizationRow, language: Option<&str>) -> Result<(), ValidationError> {
    let mut v = ValidationError::new();
    if let Some(n) = v.check("name", text::required_line(&row.name, 200)) {
        row.name = n;
    }
    let country = v.check("country", CountryCode::parse(&row.country));
    if let Some(c) = &country {
        row.country = c.to_string();
    }
    if let Some(l) = language.and_then(|l| v.check("language", l.parse::<Language>())) {
        row.language = l;
    }
    if let Some(p) = v.check("price_level", text::required_line(&row.price_level, 50)) {
        row.price_level = p;
    }
    let c = country
        .as_ref()
        .map(|c| c.as_str().to_string())
        .unwrap_or_default();
    if let Some(ico) = row.ico.clone() {
        if !c.is_empty() && c != "CZ" && c != "SK" {
            v.push(
                "ico",
                format!(
                    "IČO applies to Czech and Slovak organizations, not {c}; for Poland use nip"
                ),
            );
        } else if let Some(i) = v.check("ico", Ico::parse(&ico)) {
            row.ico = Some(i.to_string());
        }
    }
    if let Some(nip) = row.nip.clone() {
        if !c.is_empty() && c != "PL" {
            v.push(
                "nip",
                format!(
                    "NIP applies to Polish organizations, not {c}; for Czechia and Slovakia use ico"
                ),
            );
        } else if let Some(n) = v.check("nip", Nip::parse(&nip)) {
            row.nip = Some(n.to_string());
        }
    }
    if let Some(regon) = row.regon.clone() {
        if !c.is_empty() && c != "PL" {
            v.push(
                "regon",
                format!("REGON applies to Polish organizations, not {c}"),
            );
        } else if let Some(r) = v.check("regon", Regon::parse(&regon)) {
            row.regon = Some(r.to_string());
        }
    }
    if let Some(vat) = row.vat_id.clone()
        && let Some(id) = v.check("vat_id", VatId::parse(&vat))
    {
        row.vat_id = Some(id.to_string());
    }
    if let Some(a) = &row.address
        && let Err(e) = text::check_max_chars(a, 500)
    {
        v.push("address", e);
    }
    v.into_result()
}

fn blank_to_none(s: Option<String>) -> Option<String> {
    s.filter(|x| !x.trim().is_empty())
}

fn duplicate(e: AppError) -> AppError {
    match e {
        AppError::Conflict(m) if m.contains("nip") => {
            AppError::field("nip", "another organization already has this NIP")
        }
        AppError::Conflict(m) if m.contains("ico") => AppError::field(
            "ico",
            "another organization of this country already has this IČO",
        ),
        e => e,
    }
}

/// Creates an organization.
pub async fn create(db: &Db, actor: &Actor, input: NewOrganization) -> Result<Organization> {
    actor.require(Permission::WriteCustomers)?;
    let now = now_ms();
    let country = input.country.trim().to_ascii_uppercase();
    let mut row = OrganizationRow {
        id: 0,
        name: input.name,
        language: default_language(&country),
        country,
        price_level: input.price_level.unwrap_or_else(|| "standard".into()),
        ico: blank_to_none(input.ico),
        nip: blank_to_none(input.nip),
        regon: blank_to_none(input.regon),
        vat_id: blank_to_none(input.vat_id),
        address: blank_to_none(input.address),
        created_at: now,
        updated_at: now,
    };
    // Every field's refusal at once: the record's, then the billing address's.
    let mut refused = match validate(&mut row, input.language.as_deref()) {
        Ok(()) => ValidationError::new(),
        Err(e) => e,
    };
    let email = billing_email(&mut refused, input.billing_email);
    refused.into_result()?;
    let mut tx = db.begin().await?;
    row.id = repo::customers::insert_org(&mut tx, &row)
        .await
        .map_err(|e| duplicate(e.into()))?;
    if let Some(email) = &email {
        repo::customers::set_org_billing_email(&mut tx, row.id, Some(email)).await?;
    }
    audit::created(
        &mut tx,
        "organization",
        row.id,
        actor,
        now,
        row.name.clone(),
    )
    .await?;
    let out = shown(&mut tx, row).await?;
    tx.commit().await?;
    Ok(out)
}

/// One organization.
pub async fn get(db: &Db, actor: &Actor, id: i64) -> Result<Organization> {
    if actor.organization_scope() != Some(id) {
        actor.require(Permission::ReadCustomers)?;
    }
    let mut tx = db.read().await?;
    let row = repo::customers::get_org(&mut tx, id)
        .await
        .not_found(|| format!("organization {id}"))?;
    shown(&mut tx, row).await
}

/// A page of organizations.
pub async fn list(db: &Db, actor: &Actor, page: Page) -> Result<Paged<Organization>> {
    actor.require(Permission::ReadCustomers)?;
    let (limit, offset) = page.limit_offset();
    let mut tx = db.read().await?;
    let (rows, total) = repo::customers::list_orgs(&mut tx, limit, offset).await?;
    let (page, per_page) = page.resolved();
    let mut items = Vec::with_capacity(rows.len());
    for r in rows {
        items.push(shown(&mut tx, r).await?);
    }
    Ok(Paged {
        items,
        page,
        per_page,
        total,
    })
}

/// Changes an organization, recording each changed field.
pub async fn update(db: &Db, actor: &Actor, id: i64, p: OrganizationPatch) -> Result<Organization> {
    let u = OrganizationUpdate {
        patch: p,
        billing_email: None,
    };
    update_with_billing(db, actor, id, u).await
}

/// Changes an organization and the address its invoices are mailed to, recording each changed
/// field.
pub async fn update_with_billing(
    db: &Db,
    actor: &Actor,
    id: i64,
    u: OrganizationUpdate,
) -> Result<Organization> {
    let p = u.patch;
    actor.require(Permission::WriteCustomers)?;
    let mut tx = db.begin().await?;
    let old = repo::customers::get_org(&mut tx, id)
        .await
        .not_found(|| format!("organization {id}"))?;
    let mut row = old.clone();
    if let Some(v) = p.name {
        row.name = v;
    }
    if let Some(v) = p.country {
        row.country = v.trim().to_ascii_uppercase();
    }
    if let Some(v) = p.price_level {
        row.price_level = v;
    }
    if let Some(v) = p.ico {
        row.ico = blank_to_none(v);
    }
    if let Some(v) = p.nip {
        row.nip = blank_to_none(v);
    }
    if let Some(v) = p.regon {
        row.regon = blank_to_none(v);
    }
    if let Some(v) = p.vat_id {
        row.vat_id = blank_to_none(v);
    }
    if let Some(v) = p.address {
        row.address = blank_to_none(v);
    }
    let old_email = repo::customers::org_billing_email(&mut tx, id).await?;
    let mut v = ValidationError::new();
    let email = match u.billing_email {
        Some(typed) => billing_email(&mut v, typed),
        None => old_email.clone(),
    };
    if let Err(mut e) = validate(&mut row, p.language.as_deref()) {
        e.errors.extend(v.errors);
        return Err(e.into());
    }
    v.into_result()?;
    let now = now_ms();
    row.updated_at = now;
    let changes = vec![
        ("billing_email", old_email.clone(), email.clone()),
        ("name", Some(old.name.clone()), Some(row.name.clone())),
        (
            "country",
            Some(old.country.clone()),
            Some(row.country.clone()),
        ),
        (
            "language",
            Some(old.language.to_string()),
            Some(row.language.to_string()),
        ),
        (
            "price_level",
            Some(old.price_level.clone()),
            Some(row.price_level.clone()),
        ),
        ("ico", opt(&old.ico), opt(&row.ico)),
        ("nip", opt(&old.nip), opt(&row.nip)),
        ("regon", opt(&old.regon), opt(&row.regon)),
        ("vat_id", opt(&old.vat_id), opt(&row.vat_id)),
        ("address", opt(&old.address), opt(&row.address)),
    ];
    if audit::changed(&mut tx, "organization", id, actor, now, changes, None).await? > 0 {
        repo::customers::update_org(&mut tx, &row)
            .await
            .map_err(|e| duplicate(e.into()))?;
        if email != old_email {
            repo::customers::set_org_billing_email(&mut tx, id, email.as_deref()).await?;
        }
        let out = shown(&mut tx, row).await?;
        tx.commit().await?;
        Ok(out)
    } else {
        shown(&mut tx, old).await
    }
}

/// Deletes an organization that no ticket, contact or asset refers to.
pub async fn delete(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    actor.require(Permission::WriteCustomers)?;
    let mut tx = db.begin().await?;
    repo::customers::get_org(&mut tx, id)
        .await
        .not_found(|| format!("organization {id}"))?;
    if repo::tickets::count_referring(&mut tx, RefColumn::Organization, id).await? > 0 {
        return Err(AppError::Conflict(format!(
            "organization {id} has tickets; it cannot be deleted"
        )));
    }
    repo::customers::delete_org(&mut tx, id)
        .await
        .map_err(|e| match e {
            podpora_store::StoreError::ForeignKey(_) => AppError::Conflict(format!(
                "organization {id} still has contacts or assets; move or delete them first"
            )),
            e => e.into(),
        })?;
    audit::created(
        &mut tx,
        "organization",
        id,
        actor,
        now_ms(),
        "deleted".into(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The audit history of an organization.
pub async fn history(db: &Db, actor: &Actor, id: i64) -> Result<Vec<HistoryEntry>> {
    actor.require(Permission::ReadCustomers)?;
    let mut tx = db.read().await?;
    repo::customers::get_org(&mut tx, id)
        .await
        .not_found(|| format!("organization {id}"))?;
    Ok(repo::audit::history(&mut tx, "organization", id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(country: &str) -> OrganizationRow {
        OrganizationRow {
            id: 0,
            name: "Firma s.r.o.".into(),
            country: country.into(),
            language: Language::Sk,
            price_level: "standard".into(),
            ico: None,
            nip: None,
            regon: None,
            vat_id: None,
            address: None,
            created_at: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn identifiers_must_fit_the_country() {
        let mut r = row("PL");
        r.ico = Some("27082440".into());
        let e = validate(&mut r, None).unwrap_err();
        assert_eq!(e.errors[0].field, "ico");
        let mut r = row("CZ");
        r.ico = Some("27082441".into());
        let e = validate(&mut r, None).unwrap_err();
        assert!(e.errors[0].message.contains("mod-11"));
        let mut r = row("pl");
        r.nip = Some("856-734-62-15".into());
        validate(&mut r, None).unwrap();
        assert_eq!(r.nip.as_deref(), Some("8567346215"));
        assert_eq!(r.country, "PL");
    }

    #[test]
    fn every_bad_field_is_listed() {
        let mut r = row("X");
        r.name = " ".into();
        let e = validate(&mut r, Some("de")).unwrap_err();
        let fields: Vec<_> = e.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "country", "language"]);
    }
}
