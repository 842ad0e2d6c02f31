//! Contacts: people at customers, with several e-mail addresses and phones.

use crate::{
    Actor, AppError, Page, Result,
    audit::{self, opt},
    dto::{HistoryEntry, Paged, nullable},
    error::{MissingRef, NotFoundAs},
    now_ms, rfc3339,
};
use podpora_core::{EmailAddress, Language, ValidationError, auth::Permission, text};
use podpora_store::{Db, StoreError, Tx, repo, repo::tickets::RefColumn, rows::ContactRow};
use serde::{Deserialize, Serialize};

/// A contact as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Contact {
    /// Id.
    pub id: i64,
    /// The organization the person belongs to.
    pub organization_id: Option<i64>,
    /// Full name.
    pub name: String,
    /// Language of messages to this person.
    pub language: Language,
    /// E-mail addresses, the first is the default reply address.
    pub emails: Vec<String>,
    /// Phone numbers.
    pub phones: Vec<String>,
    /// Assets this contact may open requests about.
    pub asset_ids: Vec<i64>,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last changed (RFC 3339).
    pub updated_at: String,
}

/// A new contact.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewContact {
    /// Organization id.
    pub organization_id: Option<i64>,
    /// Full name (required).
    pub name: String,
    /// `sk`, `cs`, `pl`, `en`; defaults to the organization's.
    pub language: Option<String>,
    /// At least one e-mail address.
    #[serde(default)]
    pub emails: Vec<String>,
    /// Phone numbers.
    #[serde(default)]
    pub phones: Vec<String>,
}

/// Changes to a contact; lists given replace the old ones.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactPatch {
    /// New organization, or null.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub organization_id: Option<Option<i64>>,
    /// New name.
    pub name: Option<String>,
    /// New language.
    pub language: Option<String>,
    /// New e-mail addresses.
    pub emails: Option<Vec<String>>,
    /// New phones.
    pub phones: Option<Vec<String>>,
}

fn validate_lists(
    v: &mut ValidationError,
    emails: &[String],
    phones: &[String],
) -> (Vec<String>, Vec<String>) {
    if emails.is_empty() {
        v.push(
            "emails",
            "give at least one e-mail address: only registered addresses may open requests",
        );
    }
    let mut out = Vec::new();
    for (i, e) in emails.iter().enumerate() {
        if let Some(a) = v.check(&format!("emails[{i}]"), EmailAddress::parse(e)) {
            if out.contains(&a.to_string()) {
                v.push(format!("emails[{i}]"), "is listed twice");
            } else {
                out.push(a.to_string());
            }
        }
    }
    let mut ph = Vec::new();
    for (i, p) in phones.iter().enumerate() {
        let t: String = p.chars().filter(|c| !c.is_whitespace()).collect();
        let digits = t.trim_start_matches('+');
        if digits.len() < 6
            || digits.len() > 20
            || !digits
                .chars()
                .all(|c| c.is_ascii_digit() || c == '-' || c == '/')
        {
            v.push(format!("phones[{i}]"), "is not a phone number: use digits with an optional leading +, e.g. +421 2 1234 5678");
        } else {
            ph.push(t);
        }
    }
    (out, ph)
}

async fn load(tx: &mut Tx<'_>, row: ContactRow) -> Result<Contact> {
    let emails = repo::customers::contact_emails(tx, row.id).await?;
    let phones = repo::customers::contact_phones(tx, row.id).await?;
    let asset_ids = asset_ids_of(tx, row.id).await?;
    Ok(Contact {
        id: row.id,
        organization_id: row.organization_id,
        name: row.name,
        language: row.language,
        emails,
        phones,
        asset_ids,
        created_at: rfc3339(row.created_at),
        updated_at: rfc3339(row.updated_at),
    })
}

async fn asset_ids_of(tx: &mut Tx<'_>, contact_id: i64) -> Result<Vec<i64>> {
    Ok(repo::customers::contact_asset_ids(tx, contact_id).await?)
}

fn email_taken(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(_) => AppError::field(
            "emails",
            "one of these addresses already belongs to another contact",
        ),
        e => e.into(),
    }
}

/// Creates a contact.
pub async fn create(db: &Db, actor: &Actor, input: NewContact) -> Result<Contact> {
    actor.require(Permission::WriteCustomers)?;
    let mut v = ValidationError::new();
    let name = v.check("name", text::required_line(&input.name, 200));
    let (emails, phones) = validate_lists(&mut v, &input.emails, &input.phones);
    let lang = match &input.language {
        Some(l) => v.check("language", l.parse::<Language>()),
        None => None,
    };
    v.into_result()?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let org_language = match input.organization_id {
        Some(org) => Some(
            repo::customers::get_org(&mut tx, org)
                .await
                .missing_ref("organization_id", "organization", org)?
                .language,
        ),
        None => None,
    };
    let language = match (lang, org_language) {
        (Some(l), _) => l,
        (None, Some(l)) => l,
        (None, None) => Language::En,
    };
    let mut row = ContactRow {
        id: 0,
        organization_id: input.organization_id,
        name: name.unwrap_or_default(),
        language,
        created_at: now,
        updated_at: now,
    };
    row.id = repo::customers::insert_contact(&mut tx, &row).await?;
    repo::customers::set_contact_emails(&mut tx, row.id, &emails)
        .await
        .map_err(email_taken)?;
    repo::customers::set_contact_phones(&mut tx, row.id, &phones).await?;
    audit::created(
        &mut tx,
        "contact",
        row.id,
        actor,
        now,
        format!("{} <{}>", row.name, emails.join(", ")),
    )
    .await?;
    let c = load(&mut tx, row).await?;
    tx.commit().await?;
    Ok(c)
}

/// One contact.
pub async fn get(db: &Db, actor: &Actor, id: i64) -> Result<Contact> {
    actor.require(Permission::ReadCustomers)?;
    let mut tx = db.read().await?;
    let row = repo::customers::get_contact(&mut tx, id)
        .await
        .not_found(|| format!("contact {id}"))?;
    load(&mut tx, row).await
}

/// A page of contacts, optionally of one organization.
pub async fn list(
    db: &Db,
    actor: &Actor,
    organization_id: Option<i64>,
    page: Page,
) -> Result<Paged<Contact>> {
    actor.require(Permission::ReadCustomers)?;
    let (limit, offset) = page.limit_offset();
    let mut tx = db.read().await?;
    let (rows, total) =
        repo::customers::list_contacts(&mut tx, organization_id, limit, offset).await?;
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

/// Changes a contact.
pub async fn update(db: &Db, actor: &Actor, id: i64, p: ContactPatch) -> Result<Contact> {
    actor.require(Permission::WriteCustomers)?;
    let mut tx = db.begin().await?;
    let old = repo::customers::get_contact(&mut tx, id)
        .await
        .not_found(|| format!("contact {id}"))?;
    let old_emails = repo::customers::contact_emails(&mut tx, id).await?;
    let old_phones = repo::customers::contact_phones(&mut tx, id).await?;
    let mut v = ValidationError::new();
    let mut row = old.clone();
    if let Some(n) = &p.name
        && let Some(n) = v.check("name", text::required_line(n, 200))
    {
        row.name = n;
    }
    if let Some(l) = &p.language
        && let Some(l) = v.check("language", l.parse::<Language>())
    {
        row.language = l;
    }
    if let Some(o) = p.organization_id {
        row.organization_id = o;
    }
    let (emails, phones) = validate_lists(
        &mut v,
        p.emails.as_deref().unwrap_or(&old_emails),
        p.phones.as_deref().unwrap_or(&old_phones),
    );
    v.into_result()?;
    if let Some(org) = row.organization_id {
        repo::customers::get_org(&mut tx, org).await.missing_ref(
            "organization_id",
            "organization",
            org,
        )?;
    }
    let now = now_ms();
    row.updated_at = now;
    let changes = vec![
        ("name", Some(old.name.clone()), Some(row.name.clone())),
        (
            "language",
            Some(old.language.to_string()),
            Some(row.language.to_string()),
        ),
        (
            "organization_id",
            opt(&old.organization_id),
            opt(&row.organization_id),
        ),
        (
            "emails",
            Some(old_emails.join(", ")),
            Some(emails.join(", ")),
        ),
        (
            "phones",
            Some(old_phones.join(", ")),
            Some(phones.join(", ")),
        ),
    ];
    if audit::changed(&mut tx, "contact", id, actor, now, changes, None).await? > 0 {
        repo::customers::update_contact(&mut tx, &row).await?;
        repo::customers::set_contact_emails(&mut tx, id, &emails)
            .await
            .map_err(email_taken)?;
        repo::customers::set_contact_phones(&mut tx, id, &phones).await?;
    }
    let c = load(&mut tx, row).await?;
    tx.commit().await?;
    Ok(c)
}

/// Deletes a contact that opened no ticket.
pub async fn delete(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    actor.require(Permission::WriteCustomers)?;
    let mut tx = db.begin().await?;
    repo::customers::get_contact(&mut tx, id)
        .await
        .not_found(|| format!("contact {id}"))?;
    if repo::tickets::count_referring(&mut tx, RefColumn::Requester, id).await? > 0 {
        return Err(AppError::Conflict(format!(
            "contact {id} has requests; it cannot be deleted"
        )));
    }
    repo::customers::delete_contact(&mut tx, id).await?;
    audit::created(&mut tx, "contact", id, actor, now_ms(), "deleted".into()).await?;
    tx.commit().await?;
    Ok(())
}

/// The audit history of a contact.
pub async fn history(db: &Db, actor: &Actor, id: i64) -> Result<Vec<HistoryEntry>> {
    actor.require(Permission::ReadCustomers)?;
    let mut tx = db.read().await?;
    repo::customers::get_contact(&mut tx, id)
        .await
        .not_found(|| format!("contact {id}"))?;
    Ok(repo::audit::history(&mut tx, "contact", id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}
