//! Agents (staff with roles) and teams (queues).

use crate::{
    Actor, AppError, Result,
    actor::hash_password,
    audit::{self, opt},
    error::{MissingRef, NotFoundAs},
    now_ms, rfc3339,
};
use podpora_core::{
    EmailAddress, Language, ValidationError,
    auth::{Permission, Role},
    text,
};
use podpora_store::{
    Db, StoreError, Tx, repo,
    repo::tickets::RefColumn,
    rows::{AgentRow, TeamRow},
};
use serde::{Deserialize, Serialize};

/// An agent as the API shows it (never with the password).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Agent {
    /// Id.
    pub id: i64,
    /// Login and notification address.
    pub email: String,
    /// Full name.
    pub name: String,
    /// Interface language.
    pub language: Language,
    /// Roles held.
    pub roles: Vec<Role>,
    /// Teams the agent works in.
    pub team_ids: Vec<i64>,
    /// Whether the agent may sign in.
    pub active: bool,
    /// Created (RFC 3339).
    pub created_at: String,
}

/// A new agent.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAgent {
    /// E-mail (required, unique).
    pub email: String,
    /// Full name (required).
    pub name: String,
    /// Interface language; `en` when absent.
    pub language: Option<String>,
    /// Roles: admin, dispatcher, technician, billing (at least one).
    pub roles: Vec<String>,
    /// Team ids.
    #[serde(default)]
    pub team_ids: Vec<i64>,
    /// Password for the web sign-in (at least 8 characters); none means API tokens only.
    pub password: Option<String>,
}

/// Changes to an agent.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgentPatch {
    /// New name.
    pub name: Option<String>,
    /// New language.
    pub language: Option<String>,
    /// New roles (replace the old).
    pub roles: Option<Vec<String>>,
    /// New teams (replace the old).
    pub team_ids: Option<Vec<i64>>,
    /// Activate or deactivate.
    pub active: Option<bool>,
}

/// A team as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Team {
    /// Id.
    pub id: i64,
    /// Name, e.g. "Support", "Sales", "Logistics", "Region East".
    pub name: String,
    /// The team's support address, if it has one.
    pub email: Option<String>,
    /// Member agents.
    pub member_ids: Vec<i64>,
    /// The team lead: told about the team's SLA breaches, and about warnings on tickets nobody
    /// is assigned to.
    pub lead_agent_id: Option<i64>,
    /// Created (RFC 3339).
    pub created_at: String,
}

/// A new team, or the full new state of one.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamInput {
    /// Name (required, unique).
    pub name: String,
    /// Support address.
    pub email: Option<String>,
    /// The team lead (an agent id; need not be a member); absent means none.
    #[serde(default)]
    pub lead_agent_id: Option<i64>,
}

fn parse_roles(v: &mut ValidationError, roles: &[String]) -> Vec<Role> {
    if roles.is_empty() {
        v.push(
            "roles",
            "give at least one role: admin, dispatcher, technician or billing",
        );
    }
    let mut out = Vec::new();
    for (i, r) in roles.iter().enumerate() {
        if let Some(r) = v.check(&format!("roles[{i}]"), r.parse::<Role>())
            && !out.contains(&r)
        {
            out.push(r);
        }
    }
    out
}

async fn check_teams(tx: &mut Tx<'_>, ids: &[i64]) -> Result<()> {
    for (i, t) in ids.iter().enumerate() {
        repo::agents::get_team(tx, *t)
            .await
            .missing_ref(&format!("team_ids[{i}]"), "team", *t)?;
    }
    Ok(())
}

async fn load_agent(tx: &mut Tx<'_>, r: AgentRow) -> Result<Agent> {
    let roles = repo::agents::roles(tx, r.id)
        .await?
        .iter()
        .filter_map(|x| x.parse().ok())
        .collect();
    let team_ids = repo::agents::team_ids(tx, r.id).await?;
    Ok(Agent {
        id: r.id,
        email: r.email,
        name: r.name,
        language: r.language,
        roles,
        team_ids,
        active: r.active,
        created_at: rfc3339(r.created_at),
    })
}

fn role_names(roles: &[Role]) -> Vec<&'static str> {
    roles.iter().map(|r| r.as_str()).collect()
}

/// Creates an agent.
pub async fn create_agent(db: &Db, actor: &Actor, input: NewAgent) -> Result<Agent> {
    actor.require(Permission::ManageStaff)?;
    let mut v = ValidationError::new();
    let email = v.check("email", EmailAddress::parse(&input.email));
    let name = v.check("name", text::required_line(&input.name, 200));
    let language = match &input.language {
        Some(l) => v.check("language", l.parse::<Language>()),
        None => Some(Language::En),
    };
    let roles = parse_roles(&mut v, &input.roles);
    let hash = match &input.password {
        Some(p) => match hash_password(p) {
            Ok(h) => Some(h),
            Err(AppError::Validation(e)) => {
                v.errors.extend(e.errors);
                None
            }
            Err(e) => return Err(e),
        },
        None => None,
    };
    v.into_result()?;
    let (Some(email), Some(name), Some(language)) = (email, name, language) else {
        unreachable!("validation passed, so every field parsed")
    };
    let now = now_ms();
    let mut tx = db.begin().await?;
    check_teams(&mut tx, &input.team_ids).await?;
    let id = repo::agents::insert_agent(
        &mut tx,
        email.as_str(),
        &name,
        language.as_str(),
        hash.as_deref(),
        now,
    )
    .await
    .map_err(|e| match e {
        StoreError::Conflict(_) => {
            AppError::field("email", "an agent with this e-mail already exists")
        }
        e => e.into(),
    })?;
    repo::agents::set_roles(&mut tx, id, &role_names(&roles)).await?;
    repo::agents::set_teams(&mut tx, id, &input.team_ids).await?;
    audit::created(
        &mut tx,
        "agent",
        id,
        actor,
        now,
        format!("{email} [{}]", role_names(&roles).join(", ")),
    )
    .await?;
    let row = repo::agents::get_agent(&mut tx, id).await?;
    let a = load_agent(&mut tx, row).await?;
    tx.commit().await?;
    Ok(a)
}

/// One agent.
pub async fn get_agent(db: &Db, actor: &Actor, id: i64) -> Result<Agent> {
    actor.require(Permission::ReadStaff)?;
    let mut tx = db.read().await?;
    let r = repo::agents::get_agent(&mut tx, id)
        .await
        .not_found(|| format!("agent {id}"))?;
    load_agent(&mut tx, r).await
}

/// Every agent.
pub async fn list_agents(db: &Db, actor: &Actor) -> Result<Vec<Agent>> {
    actor.require(Permission::ReadStaff)?;
    let mut tx = db.read().await?;
    let mut out = Vec::new();
    for r in repo::agents::list_agents(&mut tx).await? {
        out.push(load_agent(&mut tx, r).await?);
    }
    Ok(out)
}

/// Changes an agent.
pub async fn update_agent(db: &Db, actor: &Actor, id: i64, p: AgentPatch) -> Result<Agent> {
    actor.require(Permission::ManageStaff)?;
    let mut tx = db.begin().await?;
    let old = repo::agents::get_agent(&mut tx, id)
        .await
        .not_found(|| format!("agent {id}"))?;
    let old_roles = repo::agents::roles(&mut tx, id).await?;
    let old_teams = repo::agents::team_ids(&mut tx, id).await?;
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
    if let Some(a) = p.active {
        row.active = a;
    }
    let roles: Vec<String> = match &p.roles {
        Some(r) => role_names(&parse_roles(&mut v, r))
            .iter()
            .map(|s| s.to_string())
            .collect(),
        None => old_roles.clone(),
    };
    v.into_result()?;
    let was_admin = old.active && old_roles.iter().any(|r| r == "admin");
    let stays_admin = row.active && roles.iter().any(|r| r == "admin");
    if was_admin && !stays_admin && repo::agents::other_active_admins(&mut tx, id).await? == 0 {
        return Err(AppError::Conflict(format!(
            "{} is the last active administrator: make another agent an administrator first, \
             or nobody could manage agents, teams and tokens any more",
            old.name
        )));
    }
    let teams = p.team_ids.clone().unwrap_or_else(|| old_teams.clone());
    check_teams(&mut tx, &teams).await?;
    let now = now_ms();
    row.updated_at = now;
    let fmt_ids = |ids: &[i64]| {
        ids.iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let changes = vec![
        ("name", Some(old.name.clone()), Some(row.name.clone())),
        (
            "language",
            Some(old.language.to_string()),
            Some(row.language.to_string()),
        ),
        (
            "active",
            Some(old.active.to_string()),
            Some(row.active.to_string()),
        ),
        ("roles", Some(old_roles.join(", ")), Some(roles.join(", "))),
        ("team_ids", Some(fmt_ids(&old_teams)), Some(fmt_ids(&teams))),
    ];
    if audit::changed(&mut tx, "agent", id, actor, now, changes, None).await? > 0 {
        repo::agents::update_agent(&mut tx, &row).await?;
        let r: Vec<&str> = roles.iter().map(String::as_str).collect();
        repo::agents::set_roles(&mut tx, id, &r).await?;
        repo::agents::set_teams(&mut tx, id, &teams).await?;
    }
    let a = load_agent(&mut tx, row).await?;
    tx.commit().await?;
    Ok(a)
}

/// Sets a new password for an agent found by e-mail.
pub async fn set_password(db: &Db, actor: &Actor, email: &str, password: &str) -> Result<()> {
    actor.require(Permission::ManageStaff)?;
    let email = EmailAddress::parse(email).map_err(|e| AppError::field("email", e.to_string()))?;
    let hash = hash_password(password)?;
    let mut tx = db.begin().await?;
    let mut row = repo::agents::find_agent_by_email(&mut tx, email.as_str())
        .await?
        .ok_or_else(|| AppError::NotFound(format!("agent {email}")))?;
    let now = now_ms();
    row.password_hash = Some(hash);
    row.updated_at = now;
    repo::agents::update_agent(&mut tx, &row).await?;
    audit::changed(
        &mut tx,
        "agent",
        row.id,
        actor,
        now,
        vec![("password", None, Some("(changed)".into()))],
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The id of an agent by e-mail.
pub async fn agent_id_by_email(db: &Db, email: &str) -> Result<i64> {
    let email = EmailAddress::parse(email).map_err(|e| AppError::field("email", e.to_string()))?;
    let mut tx = db.read().await?;
    repo::agents::find_agent_by_email(&mut tx, email.as_str())
        .await?
        .map(|a| a.id)
        .ok_or_else(|| AppError::NotFound(format!("agent {email}")))
}

async fn load_team(tx: &mut Tx<'_>, t: TeamRow) -> Result<Team> {
    let member_ids = repo::agents::team_member_ids(tx, t.id).await?;
    Ok(Team {
        id: t.id,
        name: t.name,
        email: t.email,
        member_ids,
        lead_agent_id: t.lead_agent_id,
        created_at: rfc3339(t.created_at),
    })
}

fn validate_team(input: &TeamInput) -> Result<(String, Option<String>)> {
    let mut v = ValidationError::new();
    let name = v.check("name", text::required_line(&input.name, 100));
    let email = match &input.email {
        Some(e) if !e.trim().is_empty() => v
            .check("email", EmailAddress::parse(e))
            .map(|e| e.to_string()),
        _ => None,
    };
    v.into_result()?;
    Ok((name.unwrap_or_default(), email))
}

async fn check_lead(tx: &mut Tx<'_>, lead: Option<i64>) -> Result<()> {
    if let Some(id) = lead {
        repo::agents::get_agent(tx, id)
            .await
            .missing_ref("lead_agent_id", "agent", id)?;
    }
    Ok(())
}

fn team_taken(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(_) => AppError::field("name", "a team with this name already exists"),
        e => e.into(),
    }
}

/// Creates a team.
pub async fn create_team(db: &Db, actor: &Actor, input: TeamInput) -> Result<Team> {
    actor.require(Permission::ManageStaff)?;
    let (name, email) = validate_team(&input)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    check_lead(&mut tx, input.lead_agent_id).await?;
    let id = repo::agents::insert_team(&mut tx, &name, email.as_deref(), input.lead_agent_id, now)
        .await
        .map_err(team_taken)?;
    audit::created(&mut tx, "team", id, actor, now, name).await?;
    let t = repo::agents::get_team(&mut tx, id).await?;
    let t = load_team(&mut tx, t).await?;
    tx.commit().await?;
    Ok(t)
}

/// Every team.
pub async fn list_teams(db: &Db, actor: &Actor) -> Result<Vec<Team>> {
    actor.require(Permission::ReadStaff)?;
    let mut tx = db.read().await?;
    let mut out = Vec::new();
    for t in repo::agents::list_teams(&mut tx).await? {
        out.push(load_team(&mut tx, t).await?);
    }
    Ok(out)
}

/// One team.
pub async fn get_team(db: &Db, actor: &Actor, id: i64) -> Result<Team> {
    actor.require(Permission::ReadStaff)?;
    let mut tx = db.read().await?;
    let t = repo::agents::get_team(&mut tx, id)
        .await
        .not_found(|| format!("team {id}"))?;
    load_team(&mut tx, t).await
}

/// Renames a team, or changes its address or lead.
pub async fn update_team(db: &Db, actor: &Actor, id: i64, input: TeamInput) -> Result<Team> {
    actor.require(Permission::ManageStaff)?;
    let (name, email) = validate_team(&input)?;
    let mut tx = db.begin().await?;
    let old = repo::agents::get_team(&mut tx, id)
        .await
        .not_found(|| format!("team {id}"))?;
    check_lead(&mut tx, input.lead_agent_id).await?;
    let row = TeamRow {
        name,
        email,
        lead_agent_id: input.lead_agent_id,
        ..old.clone()
    };
    let changes = vec![
        ("name", Some(old.name.clone()), Some(row.name.clone())),
        ("email", opt(&old.email), opt(&row.email)),
        (
            "lead_agent_id",
            opt(&old.lead_agent_id),
            opt(&row.lead_agent_id),
        ),
    ];
    if audit::changed(&mut tx, "team", id, actor, now_ms(), changes, None).await? > 0 {
        repo::agents::update_team(&mut tx, &row)
            .await
            .map_err(team_taken)?;
    }
    let t = load_team(&mut tx, row).await?;
    tx.commit().await?;
    Ok(t)
}

/// Deletes a team that has no tickets.
pub async fn delete_team(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    actor.require(Permission::ManageStaff)?;
    let mut tx = db.begin().await?;
    repo::agents::get_team(&mut tx, id)
        .await
        .not_found(|| format!("team {id}"))?;
    if repo::tickets::count_referring(&mut tx, RefColumn::Team, id).await? > 0 {
        return Err(AppError::Conflict(format!(
            "team {id} has tickets; move them to another team first"
        )));
    }
    // Refused with what still names the team, instead of the database's foreign-key error.
    let (policies, addresses) = repo::agents::team_references(&mut tx, id).await?;
    if !policies.is_empty() {
        return Err(AppError::Conflict(format!(
            "team {id} is where SLA policy {} escalates; choose another escalation team there first",
            policies.join(", ")
        )));
    }
    if !addresses.is_empty() {
        return Err(AppError::Conflict(format!(
            "team {id} receives the mail of support address {}; give the address another team or delete it first",
            addresses.join(", ")
        )));
    }
    repo::agents::delete_team(&mut tx, id).await?;
    audit::created(&mut tx, "team", id, actor, now_ms(), "deleted".into()).await?;
    tx.commit().await?;
    Ok(())
}
