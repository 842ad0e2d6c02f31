//! Who is calling: authentication by bearer token, and the permission checks of each role.

use crate::{AppError, Result, now_ms};
use podpora_core::auth::{Permission, Role};
use podpora_store::{Db, Tx, repo};
use sha2::{Digest, Sha256};

/// An authenticated agent with their roles and teams.
#[derive(Debug, Clone)]
pub struct AgentActor {
    /// Agent id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Roles held.
    pub roles: Vec<Role>,
}

/// A customer signed in to the portal: a contact, or an organization account (no contact).
#[derive(Debug, Clone)]
pub struct CustomerActor {
    /// The portal session, so it can be ended.
    pub session_id: i64,
    /// The contact; `None` for an organization account.
    pub contact_id: Option<i64>,
    /// The organization: the account's, or the contact's (a contact may have none).
    pub organization_id: Option<i64>,
}

/// The caller of a use case.
#[derive(Debug, Clone)]
pub enum Actor {
    /// A staff member (token or session).
    Agent(AgentActor),
    /// A customer's software with its organization's API key.
    Organization {
        /// The organization the key belongs to.
        organization_id: i64,
        /// The key's id.
        key_id: i64,
    },
    /// A customer in the portal: sees its own requests (an organization account its
    /// organization's), never internal notes.
    Customer(CustomerActor),
    /// The operator at the command line.
    Cli,
    /// podpora itself (jobs, mail intake).
    System,
}

impl Actor {
    /// How the audit log names this actor.
    pub fn audit_name(&self) -> String {
        match self {
            Actor::Agent(a) => format!("agent:{}", a.id),
            Actor::Organization { key_id, .. } => format!("org-key:{key_id}"),
            Actor::Customer(CustomerActor {
                contact_id: Some(id),
                ..
            }) => format!("contact:{id}"),
            Actor::Customer(c) => format!("org-account:{}", c.organization_id.unwrap_or(0)),
            Actor::Cli => "cli".into(),
            Actor::System => "system".into(),
        }
    }

    /// Whether the actor holds `p`.
    pub fn can(&self, p: Permission) -> bool {
        match self {
            Actor::Agent(a) => a.roles.iter().any(|r| r.allows(p)),
            Actor::Cli | Actor::System => true,
            Actor::Organization { .. } | Actor::Customer(_) => {
                matches!(p, Permission::ReadTickets | Permission::WriteTickets)
            }
        }
    }

    /// Fails unless the actor holds `p`.
    pub fn require(&self, p: Permission) -> Result<()> {
        if self.can(p) {
            Ok(())
        } else {
            Err(AppError::Forbidden(format!(
                "{} may not {}; ask an administrator for a role that allows it",
                self.describe(),
                describe_permission(p)
            )))
        }
    }

    /// The organization an API key is bound to.
    pub fn organization_scope(&self) -> Option<i64> {
        match self {
            Actor::Organization {
                organization_id, ..
            } => Some(*organization_id),
            Actor::Customer(c) => c.organization_id,
            _ => None,
        }
    }

    /// Whether the caller is a customer (an organization's key or a portal account), who sees
    /// only public articles, customer mail and their own requests, never staff-only data.
    pub fn is_customer(&self) -> bool {
        matches!(self, Actor::Organization { .. } | Actor::Customer(_))
    }

    /// The contact whose own requests are all a portal contact may see, if any.
    pub fn contact_scope(&self) -> Option<i64> {
        match self {
            Actor::Customer(c) => c.contact_id,
            _ => None,
        }
    }

    /// The agent whose team rule limits visible tickets, if any.
    pub fn team_scope(&self) -> Option<i64> {
        match self {
            Actor::Agent(a) if !a.roles.iter().any(|r| r.sees_all_tickets()) => Some(a.id),
            _ => None,
        }
    }

    fn describe(&self) -> String {
        match self {
            Actor::Agent(a) => format!(
                "agent {} (roles: {})",
                a.name,
                a.roles
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Actor::Organization { .. } => "an organization API key".into(),
            Actor::Customer(_) => "a portal customer".into(),
            Actor::Cli => "the command line".into(),
            Actor::System => "the system".into(),
        }
    }
}

fn describe_permission(p: Permission) -> &'static str {
    match p {
        Permission::ReadCustomers => "read customers",
        Permission::WriteCustomers => "change customers",
        Permission::ReadTickets => "read tickets",
        Permission::WriteTickets => "change tickets",
        Permission::ReadStaff => "read agents and teams",
        Permission::ManageStaff => "manage agents, teams and tokens",
        Permission::ManageMail => {
            "read or reprocess received mail (dispatchers and administrators)"
        }
        Permission::ManagePayments => {
            "handle payments and invoices (the billing role and administrators)"
        }
    }
}

/// SHA-256 of a token's secret: tokens are random, so a fast hash is enough to store them.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A fresh random secret with a recognisable prefix.
pub fn new_token(prefix: &str) -> Result<String> {
    let mut b = [0u8; 24];
    getrandom::fill(&mut b).map_err(|e| AppError::Io(std::io::Error::other(e.to_string())))?;
    Ok(format!("{prefix}_{}", hex::encode(b)))
}

/// Resolves a bearer token to an actor.
pub async fn authenticate(db: &Db, token: &str) -> Result<Actor> {
    let mut tx = db.read().await?;
    let owner = repo::tokens::find_owner(&mut tx, &token_hash(token.trim()))
        .await?
        .ok_or_else(|| {
            AppError::Unauthorized(
                "the token is unknown or revoked; issue one with `podpora admin issue-token`"
                    .into(),
            )
        })?;
    match (owner.agent_id, owner.organization_id) {
        (Some(id), _) => {
            if owner.agent_active != Some(true) {
                return Err(AppError::Unauthorized(
                    "the token's agent is deactivated".into(),
                ));
            }
            let roles = owner
                .roles
                .unwrap_or_default()
                .split(',')
                .filter_map(|r| r.parse().ok())
                .collect();
            Ok(Actor::Agent(AgentActor {
                id,
                name: owner.agent_name.unwrap_or_default(),
                roles,
            }))
        }
        (None, Some(organization_id)) => Ok(Actor::Organization {
            organization_id,
            key_id: owner.id,
        }),
        (None, None) => Err(AppError::Unauthorized("the token has no owner".into())),
    }
}

/// Issues an API token for an agent and returns its secret (shown once).
pub async fn issue_agent_token(
    db: &Db,
    actor: &Actor,
    agent_id: i64,
    name: &str,
) -> Result<String> {
    actor.require(Permission::ManageStaff)?;
    let mut tx = db.begin().await?;
    repo::agents::get_agent(&mut tx, agent_id)
        .await
        .map_err(|_| AppError::NotFound(format!("agent {agent_id}")))?;
    let token = new_token("pdp")?;
    let now = now_ms();
    let id = repo::tokens::insert(
        &mut tx,
        &token_hash(&token),
        name,
        Some(agent_id),
        None,
        now,
    )
    .await?;
    audit_token(&mut tx, actor, id, now, &format!("agent:{agent_id}")).await?;
    tx.commit().await?;
    Ok(token)
}

/// Issues an organization API key and returns its secret (shown once).
pub async fn issue_org_key(
    db: &Db,
    actor: &Actor,
    organization_id: i64,
    name: &str,
) -> Result<String> {
    actor.require(Permission::ManageStaff)?;
    let mut tx = db.begin().await?;
    repo::customers::get_org(&mut tx, organization_id)
        .await
        .map_err(|_| AppError::NotFound(format!("organization {organization_id}")))?;
    let token = new_token("pdo")?;
    let now = now_ms();
    let id = repo::tokens::insert(
        &mut tx,
        &token_hash(&token),
        name,
        None,
        Some(organization_id),
        now,
    )
    .await?;
    audit_token(
        &mut tx,
        actor,
        id,
        now,
        &format!("organization:{organization_id}"),
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

async fn audit_token(tx: &mut Tx<'_>, actor: &Actor, id: i64, now: i64, owner: &str) -> Result<()> {
    repo::audit::record(
        tx,
        &repo::audit::Change {
            entity: "api_token",
            entity_id: id,
            actor: &actor.audit_name(),
            at: now,
            field: "created",
            old_value: None,
            new_value: Some(owner.to_string()),
            reason: None,
        },
    )
    .await?;
    Ok(())
}

/// Hashes a password with Argon2id (PHC string).
pub fn hash_password(password: &str) -> Result<String> {
    use argon2::{Argon2, PasswordHasher};
    if password.chars().count() < 8 {
        return Err(AppError::field(
            "password",
            "must be at least 8 characters long",
        ));
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::Io(std::io::Error::other(e.to_string())))
}

/// Checks a password against a stored PHC string.
pub fn verify_password(password: &str, phc: &str) -> bool {
    use argon2::{Argon2, PasswordHash, PasswordVerifier};
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}
