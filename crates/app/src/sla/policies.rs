//! SLA policies: targets per metric, the default one and category overrides.

use super::*;

/// An SLA policy as the API shows it.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SlaPolicy {
    /// Id (ignored when creating).
    #[serde(default)]
    pub id: i64,
    /// Name.
    pub name: String,
    /// The calendar the targets count on.
    pub calendar_id: i64,
    /// The category this policy is for; absent for the default policy.
    pub category: Option<String>,
    /// Reaction (acknowledgement delivered): `4h`, `240m`, `2bd`, `same-day`, `24ch`.
    pub reaction: Option<String>,
    /// First human answer.
    pub first_answer: Option<String>,
    /// Remote resolution.
    pub remote_resolution: Option<String>,
    /// Technician visit.
    pub visit: Option<String>,
    /// Final resolution.
    pub resolution: Option<String>,
    /// Warn when this share of the target has elapsed (default 80).
    pub warn_percent: Option<u8>,
    /// On a breach, move the ticket to this team (the urgency is always raised).
    pub escalate_team_id: Option<i64>,
    /// The support plan whose customers this policy times; absent for customers without a plan.
    #[serde(default)]
    pub plan_id: Option<i64>,
}

fn to_policy(r: SlaPolicyRow) -> SlaPolicy {
    SlaPolicy {
        id: r.id,
        name: r.name,
        calendar_id: r.calendar_id,
        category: r.category,
        reaction: r.reaction,
        first_answer: r.first_answer,
        remote_resolution: r.remote_resolution,
        visit: r.visit,
        resolution: r.resolution,
        warn_percent: u8::try_from(r.warn_percent).ok(),
        escalate_team_id: r.escalate_team_id,
        plan_id: r.plan_id,
    }
}

/// Checks a policy against the rules and the database; `id` is the policy being changed.
async fn check_policy(tx: &mut Tx<'_>, p: SlaPolicy, id: i64, now: i64) -> Result<SlaPolicyRow> {
    let mut v = ValidationError::new();
    let name = v.check("name", text::required_line(&p.name, 100));
    let given = [
        &p.reaction,
        &p.first_answer,
        &p.remote_resolution,
        &p.visit,
        &p.resolution,
    ];
    let mut targets: Vec<Option<String>> = Vec::new();
    for (field, t) in METRICS.iter().zip(given) {
        targets.push(
            match t.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                Some(t) => v.check(field, SlaTarget::parse(t)).map(|t| t.to_string()),
                None => None,
            },
        );
    }
    if given
        .iter()
        .all(|t| t.as_deref().is_none_or(|t| t.trim().is_empty()))
    {
        v.push("reaction", "set at least one target (reaction, first_answer, remote_resolution, visit, resolution)");
    }
    let warn = p.warn_percent.unwrap_or(80);
    if !(1..=99).contains(&warn) {
        v.push("warn_percent", "must be between 1 and 99");
    }
    let category = p
        .category
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from);
    v.into_result()?;
    repo::sla::get_calendar(tx, p.calendar_id)
        .await
        .missing_ref("calendar_id", "calendar", p.calendar_id)?;
    if let Some(team) = p.escalate_team_id {
        repo::agents::get_team(tx, team)
            .await
            .missing_ref("escalate_team_id", "team", team)?;
    }
    if let Some(plan) = p.plan_id {
        repo::plans::get_plan(tx, plan)
            .await
            .missing_ref("plan_id", "plan", plan)?;
    }
    if repo::sla::list_policies(tx)
        .await?
        .iter()
        .any(|x| x.category == category && x.plan_id == p.plan_id && x.id != id)
    {
        return Err(AppError::field(
            "category",
            match &category {
                Some(c) => format!("category {c:?} already has a policy"),
                None => "a default policy exists already; give a category for an override".into(),
            },
        ));
    }
    let mut t = targets.into_iter();
    Ok(SlaPolicyRow {
        id,
        name: name.unwrap_or_default(),
        calendar_id: p.calendar_id,
        category,
        reaction: t.next().flatten(),
        first_answer: t.next().flatten(),
        remote_resolution: t.next().flatten(),
        visit: t.next().flatten(),
        resolution: t.next().flatten(),
        warn_percent: i64::from(warn),
        created_at: now,
        escalate_team_id: p.escalate_team_id,
        plan_id: p.plan_id,
    })
}

/// Creates an SLA policy: the default (no category) or a category's override.
pub async fn create_policy(db: &Db, actor: &Actor, p: SlaPolicy) -> Result<SlaPolicy> {
    actor.require(Permission::ManageStaff)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let mut row = check_policy(&mut tx, p, 0, now).await?;
    row.id = repo::sla::insert_policy(&mut tx, &row).await?;
    audit::created(&mut tx, "sla_policy", row.id, actor, now, row.name.clone()).await?;
    tx.commit().await?;
    Ok(to_policy(row))
}

/// Replaces a policy. Tickets opened from now on use the new targets; running clocks keep the
/// target they started with (a promise made to a customer is not changed afterwards).
pub async fn update_policy(db: &Db, actor: &Actor, id: i64, p: SlaPolicy) -> Result<SlaPolicy> {
    actor.require(Permission::ManageStaff)?;
    let now = now_ms();
    let mut tx = db.begin().await?;
    let old = repo::sla::get_policy(&mut tx, id)
        .await
        .not_found(|| format!("SLA policy {id}"))?;
    let mut row = check_policy(&mut tx, p, id, now).await?;
    row.created_at = old.created_at;
    repo::sla::update_policy(&mut tx, &row).await?;
    let fields = |r: &SlaPolicyRow| {
        format!(
            "{} calendar:{} category:{} reaction:{} first_answer:{} remote_resolution:{} visit:{} resolution:{} warn:{}% escalate_team:{} plan:{}",
            r.name,
            r.calendar_id,
            r.category.as_deref().unwrap_or("-"),
            r.reaction.as_deref().unwrap_or("-"),
            r.first_answer.as_deref().unwrap_or("-"),
            r.remote_resolution.as_deref().unwrap_or("-"),
            r.visit.as_deref().unwrap_or("-"),
            r.resolution.as_deref().unwrap_or("-"),
            r.warn_percent,
            r.escalate_team_id
                .map_or("-".to_string(), |t| t.to_string()),
            r.plan_id.map_or("-".to_string(), |t| t.to_string())
        )
    };
    audit::changed(
        &mut tx,
        "sla_policy",
        id,
        actor,
        now,
        vec![("policy", Some(fields(&old)), Some(fields(&row)))],
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(to_policy(row))
}

/// Deletes a policy that no ticket's clock used.
pub async fn delete_policy(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    actor.require(Permission::ManageStaff)?;
    let mut tx = db.begin().await?;
    repo::sla::get_policy(&mut tx, id)
        .await
        .not_found(|| format!("SLA policy {id}"))?;
    if !repo::sla::delete_policy(&mut tx, id).await? {
        return Err(AppError::Conflict(format!(
            "SLA policy {id} has timed tickets; change it instead, or give its category to a new policy"
        )));
    }
    audit::created(&mut tx, "sla_policy", id, actor, now_ms(), "deleted".into()).await?;
    tx.commit().await?;
    Ok(())
}

/// Every policy.
pub async fn list_policies(db: &Db, actor: &Actor) -> Result<Vec<SlaPolicy>> {
    actor.require(Permission::ReadStaff)?;
    let mut tx = db.read().await?;
    Ok(repo::sla::list_policies(&mut tx)
        .await?
        .into_iter()
        .map(to_policy)
        .collect())
}
