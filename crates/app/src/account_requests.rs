//! Portal account requests: a visitor asks for an account with the organization's
//! company id and an e-mail address; staff approve (a contact is created and invited) or
//! decline. A request never opens a ticket.

use crate::actor::Actor;
use crate::portal::{Invitee, normalise_company_id};
use crate::{App, AppError, Result, audit, contacts, lockout, now_ms, rfc3339};
use podpora_core::{
    EmailAddress, Ico, Language, Nip, ValidationError, VatId, auth::Permission, text,
};
use podpora_store::{repo, repo::account_requests::AccountRequestRow};

/// Requests from one client address within [`lockout::LOCK_MS`] before more are refused, so the
/// form cannot flood the staff's list; the sign-in lockout's per-address limit.
const REQUESTS_PER_ADDRESS: i64 = lockout::ADDRESS_FAILURES;

/// What a visitor typed.
#[derive(Debug, Clone)]
pub struct Ask {
    /// The organization's IČO, NIP or VAT id, as typed.
    pub company_id: String,
    /// The requester's e-mail address.
    pub email: String,
    /// The requester's name.
    pub name: String,
    /// The language the page was shown in.
    pub language: Language,
}

/// What asking came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    /// Recorded, or already waiting for this address: staff will review it.
    Waiting,
    /// Too many requests from this address: none is taken until then (ms since the epoch).
    Locked {
        /// When the lock ends.
        until: i64,
    },
}

/// A request as staff see it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AccountRequest {
    /// Id.
    pub id: i64,
    /// The organization.
    pub organization_id: i64,
    /// The organization's name.
    pub organization: String,
    /// The company id given.
    pub company_id: String,
    /// The requester's address.
    pub email: String,
    /// The requester's name.
    pub name: String,
    /// Language code.
    pub language: String,
    /// `pending`, `approved` or `declined`.
    pub status: String,
    /// Asked (RFC 3339).
    pub created_at: String,
}

/// A company id is accepted when one of the id parsers takes it.
fn parse_company_id(typed: &str) -> std::result::Result<String, String> {
    let id = normalise_company_id(typed);
    if id.is_empty() {
        return Err("must not be empty".into());
    }
    if let Ok(i) = Ico::parse(&id) {
        return Ok(i.as_str().to_string());
    }
    if let Ok(n) = Nip::parse(&id) {
        return Ok(n.as_str().to_string());
    }
    VatId::parse(&id)
        .map(|v| v.as_str().to_string())
        .map_err(|_| "is not an IČO, NIP or VAT id".into())
}

/// Records a visitor's request for a portal account; `address` is the client's address, counted
/// like sign-in failures so the form cannot be used to flood. Asking again for an address whose
/// request still waits adds nothing.
pub async fn ask(app: &App, input: &Ask, address: &str) -> Result<Asked> {
    let now = now_ms();
    let subject = format!("account-request:{address}");
    if let Some(until) = lockout::locked_until(app, &subject, &subject, now).await? {
        return Ok(Asked::Locked { until });
    }
    let mut v = ValidationError::new();
    let company_id = v.check("company_id", parse_company_id(&input.company_id));
    let email = v.check("email", EmailAddress::parse(&input.email));
    let name = v.check("name", text::required_line(&input.name, 200));
    let mut tx = app.db.begin().await?;
    lockout::count_failure(&mut tx, &subject, REQUESTS_PER_ADDRESS, now).await?;
    let org = match &company_id {
        Some(id) => repo::portal::organization_by_company_id(&mut tx, id).await?,
        None => None,
    };
    if company_id.is_some() && org.is_none() {
        v.push(
            "company_id",
            "no customer organization has this company id; check it against your invoices",
        );
    }
    if let Err(e) = v.into_result() {
        tx.commit().await?;
        return Err(e.into());
    }
    let (Some(company_id), Some(email), Some(name), Some(org)) = (company_id, email, name, org)
    else {
        return Err(AppError::field("company_id", "is missing"));
    };
    let email = email.as_str().to_string();
    if repo::account_requests::pending_for_email(&mut tx, &email)
        .await?
        .is_none()
    {
        repo::account_requests::insert(
            &mut tx,
            &AccountRequestRow {
                id: 0,
                organization_id: org.organization_id.unwrap_or_default(),
                company_id,
                email,
                name,
                language: input.language.as_str().to_string(),
                status: "pending".into(),
                created_at: now,
                decided_by: None,
                decided_at: None,
                reason: None,
                contact_id: None,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Asked::Waiting)
}

/// Pending requests, oldest first, with their organization's name.
pub async fn pending(app: &App, actor: &Actor) -> Result<Vec<AccountRequest>> {
    actor.require(Permission::WriteCustomers)?;
    let mut tx = app.db.read().await?;
    let rows = repo::account_requests::pending(&mut tx).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let organization = repo::customers::get_org(&mut tx, r.organization_id)
            .await
            .map(|o| o.name)
            .unwrap_or_default();
        out.push(AccountRequest {
            id: r.id,
            organization_id: r.organization_id,
            organization,
            company_id: r.company_id,
            email: r.email,
            name: r.name,
            language: r.language,
            status: r.status,
            created_at: rfc3339(r.created_at),
        });
    }
    Ok(out)
}

async fn load_pending(app: &App, id: i64) -> Result<AccountRequestRow> {
    let mut tx = app.db.read().await?;
    let r = repo::account_requests::get(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("account request {id}")))?;
    if r.status != "pending" {
        return Err(AppError::Conflict(format!(
            "this request was already {}",
            r.status
        )));
    }
    Ok(r)
}

fn agent_id(actor: &Actor) -> Option<i64> {
    match actor {
        Actor::Agent(a) => Some(a.id),
        _ => None,
    }
}

async fn decide(
    app: &App,
    actor: &Actor,
    mut r: AccountRequestRow,
    status: &str,
    reason: Option<String>,
) -> Result<()> {
    let now = now_ms();
    r.status = status.into();
    r.decided_by = agent_id(actor);
    r.decided_at = Some(now);
    r.reason = reason;
    let mut tx = app.db.begin().await?;
    if !repo::account_requests::decide(&mut tx, &r).await? {
        return Err(AppError::Conflict(
            "this request was already decided".into(),
        ));
    }
    audit::changed(
        &mut tx,
        "account_request",
        r.id,
        actor,
        now,
        vec![("status", Some("pending".into()), Some(status.into()))],
        r.reason.as_deref(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Approves a pending request: creates the contact in the organization and mails it the
/// portal invitation in its language. Returns the new contact's id.
pub async fn approve(app: &App, actor: &Actor, id: i64, portal_url: &str) -> Result<i64> {
    actor.require(Permission::WriteCustomers)?;
    let mut r = load_pending(app, id).await?;
    let contact = contacts::create(
        &app.db,
        actor,
        contacts::NewContact {
            organization_id: Some(r.organization_id),
            name: r.name.clone(),
            language: Some(r.language.clone()),
            emails: vec![r.email.clone()],
            phones: Vec::new(),
        },
    )
    .await?;
    r.contact_id = Some(contact.id);
    decide(app, actor, r, "approved", None).await?;
    crate::portal::invite(app, actor, Invitee::Contact(contact.id), portal_url).await?;
    Ok(contact.id)
}

/// Declines a pending request with a short reason, kept in the audit history.
pub async fn decline(app: &App, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    actor.require(Permission::WriteCustomers)?;
    let reason = text::required_line(reason, 500).map_err(|e| AppError::field("reason", e))?;
    let r = load_pending(app, id).await?;
    decide(app, actor, r, "declined", Some(reason)).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn company_ids_are_checked_by_the_id_parsers() {
        assert_eq!(
            super::parse_company_id(" 2708 2440 ").as_deref(),
            Ok("27082440")
        );
        assert!(super::parse_company_id("27082441").is_err());
        assert!(super::parse_company_id("").is_err());
    }
}
