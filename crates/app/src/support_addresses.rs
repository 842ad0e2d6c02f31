//! Support addresses added by an administrator in the workspace. The mail intake treats them as
//! ours alongside the configuration file's `mail.addresses` (which come first, so the file's
//! first address stays the sender of automatic mail): mail to one goes to its team, and
//! automatic answers to unknown senders are in its language. They are kept in memory, so that
//! the LMTP server can answer a recipient without a database read; every change made here
//! updates that copy after its commit, and the server rereads it every half minute for changes
//! made on another node.

use crate::{
    Actor, App, AppError, Result, audit,
    dto::HistoryEntry,
    error::{MissingRef, NotFoundAs},
    mail::{MailConfig, SupportAddress},
    now_ms, rfc3339,
};
use podpora_core::{EmailAddress, Language, ValidationError, auth::Permission};
use podpora_store::{StoreError, Tx, repo, repo::support_addresses::SupportAddressRow};
use std::sync::{Arc, RwLock};

/// The stored addresses in memory.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cache(Arc<RwLock<Vec<SupportAddress>>>);

impl App {
    /// The e-mail channel's settings with the stored support addresses after the file's.
    pub fn mail_config(&self) -> MailConfig {
        let mut cfg = self.config.mail.clone();
        let stored = self
            .support_addresses
            .0
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for a in stored.iter() {
            if !cfg.addresses.iter().any(|f| f.address == a.address) {
                cfg.addresses.push(a.clone());
            }
        }
        cfg
    }

    /// The address automatic mail is sent from: the file's first support address, else the
    /// first stored one.
    pub fn from_address(&self) -> String {
        if self.config.mail.addresses.is_empty() {
            self.mail_config().from_address()
        } else {
            self.config.mail.from_address()
        }
    }

    /// Reads the stored support addresses into memory, replacing what was there: when the
    /// application starts, after each change, and now and then to see changes made on another
    /// node.
    pub async fn load_support_addresses(&self) -> Result<()> {
        let mut tx = self.db.read().await?;
        let rows = repo::support_addresses::all(&mut tx).await?;
        let mut list = Vec::with_capacity(rows.len());
        for r in rows {
            list.push(in_memory(&mut tx, &r).await?);
        }
        *self
            .support_addresses
            .0
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = list;
        Ok(())
    }
}

async fn in_memory(tx: &mut Tx<'_>, r: &SupportAddressRow) -> Result<SupportAddress> {
    let team = match r.team_id {
        Some(id) => repo::agents::get_team(tx, id).await.ok().map(|t| t.name),
        None => None,
    };
    Ok(SupportAddress {
        address: r.address.clone(),
        team,
        team_id: r.team_id,
        language: r.language.parse().unwrap_or_default(),
    })
}

/// A stored support address as the workspace shows it.
#[derive(Debug, Clone)]
pub struct StoredAddress {
    /// Id.
    pub id: i64,
    /// The address, lower case.
    pub address: String,
    /// The team new requests to it go to.
    pub team_id: Option<i64>,
    /// The language of automatic answers to unknown senders.
    pub language: Language,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Last changed (RFC 3339).
    pub updated_at: String,
}

fn to_stored(r: SupportAddressRow) -> StoredAddress {
    StoredAddress {
        id: r.id,
        address: r.address,
        team_id: r.team_id,
        language: r.language.parse().unwrap_or_default(),
        created_at: rfc3339(r.created_at),
        updated_at: rfc3339(r.updated_at),
    }
}

/// A support address to store, or the new values of one.
#[derive(Debug, Clone)]
pub struct AddressInput {
    /// The address.
    pub address: String,
    /// The team, if any.
    pub team_id: Option<i64>,
    /// `sk`, `cs`, `pl` or `en`.
    pub language: String,
}

/// The stored addresses, by address.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<StoredAddress>> {
    actor.require(Permission::ManageStaff)?;
    let mut tx = app.db.read().await?;
    Ok(repo::support_addresses::all(&mut tx)
        .await?
        .into_iter()
        .map(to_stored)
        .collect())
}

/// One stored address.
pub async fn get(app: &App, actor: &Actor, id: i64) -> Result<StoredAddress> {
    actor.require(Permission::ManageStaff)?;
    let mut tx = app.db.read().await?;
    Ok(to_stored(
        repo::support_addresses::get(&mut tx, id)
            .await
            .not_found(|| format!("support address {id}"))?,
    ))
}

/// Checks the input: a valid address that the configuration file does not list, a language
/// we write in, and a team that exists.
async fn checked(
    app: &App,
    tx: &mut Tx<'_>,
    input: &AddressInput,
) -> Result<(String, Option<i64>, Language)> {
    let mut v = ValidationError::new();
    let address = v.check(
        "address",
        EmailAddress::parse(&input.address).map_err(|e| e.to_string()),
    );
    let language = v.check(
        "language",
        input
            .language
            .parse::<Language>()
            .map_err(|e| e.to_string()),
    );
    if let Some(a) = &address
        && app
            .config
            .mail
            .addresses
            .iter()
            .any(|f| f.address == a.as_str())
    {
        v.push(
            "address",
            "is a support address of the configuration file already",
        );
    }
    v.into_result()?;
    if let Some(team) = input.team_id {
        repo::agents::get_team(tx, team)
            .await
            .missing_ref("team_id", "team", team)?;
    }
    match (address, language) {
        (Some(a), Some(l)) => Ok((a.as_str().to_string(), input.team_id, l)),
        _ => Err(AppError::field("address", "is required")),
    }
}

fn taken(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(_) => AppError::field("address", "is a support address already"),
        e => e.into(),
    }
}

/// Stores a new support address; the intake uses it from then on.
pub async fn create(app: &App, actor: &Actor, input: AddressInput) -> Result<StoredAddress> {
    actor.require(Permission::ManageStaff)?;
    let now = now_ms();
    let mut tx = app.db.begin().await?;
    let (address, team_id, language) = checked(app, &mut tx, &input).await?;
    let mut row = SupportAddressRow {
        id: 0,
        address,
        team_id,
        language: language.as_str().into(),
        created_at: now,
        updated_at: now,
    };
    row.id = repo::support_addresses::insert(&mut tx, &row)
        .await
        .map_err(taken)?;
    audit::created(
        &mut tx,
        "support_address",
        row.id,
        actor,
        now,
        row.address.clone(),
    )
    .await?;
    tx.commit().await?;
    app.load_support_addresses().await?;
    Ok(to_stored(row))
}

/// Changes a stored support address.
pub async fn update(
    app: &App,
    actor: &Actor,
    id: i64,
    input: AddressInput,
) -> Result<StoredAddress> {
    actor.require(Permission::ManageStaff)?;
    let now = now_ms();
    let mut tx = app.db.begin().await?;
    let old = repo::support_addresses::get(&mut tx, id)
        .await
        .not_found(|| format!("support address {id}"))?;
    let (address, team_id, language) = checked(app, &mut tx, &input).await?;
    let row = SupportAddressRow {
        address,
        team_id,
        language: language.as_str().into(),
        updated_at: now,
        ..old.clone()
    };
    let changes = vec![
        ("address", Some(old.address), Some(row.address.clone())),
        (
            "team_id",
            old.team_id.map(|t| t.to_string()),
            row.team_id.map(|t| t.to_string()),
        ),
        ("language", Some(old.language), Some(row.language.clone())),
    ];
    if audit::changed(&mut tx, "support_address", id, actor, now, changes, None).await? > 0 {
        repo::support_addresses::update(&mut tx, &row)
            .await
            .map_err(taken)?;
    }
    tx.commit().await?;
    app.load_support_addresses().await?;
    Ok(to_stored(row))
}

/// Deletes a stored support address; mail to it is no longer taken in (unless no address is
/// configured at all, when every address is ours).
pub async fn delete(app: &App, actor: &Actor, id: i64) -> Result<()> {
    actor.require(Permission::ManageStaff)?;
    let now = now_ms();
    let mut tx = app.db.begin().await?;
    let old = repo::support_addresses::get(&mut tx, id)
        .await
        .not_found(|| format!("support address {id}"))?;
    repo::support_addresses::delete(&mut tx, id).await?;
    audit::changed(
        &mut tx,
        "support_address",
        id,
        actor,
        now,
        vec![("deleted", Some(old.address), None)],
        None,
    )
    .await?;
    tx.commit().await?;
    app.load_support_addresses().await?;
    Ok(())
}

/// A stored address's changes, oldest first (also after it was deleted).
pub async fn history(app: &App, actor: &Actor, id: i64) -> Result<Vec<HistoryEntry>> {
    actor.require(Permission::ManageStaff)?;
    let mut tx = app.db.read().await?;
    Ok(repo::audit::history(&mut tx, "support_address", id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}
