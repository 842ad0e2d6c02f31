//! Duplicates: linking two tickets (both show the link) and merging one into another (its
//! articles and their files move to the target, it is closed with a pointer to the target,
//! both histories say so, and mail to its thread goes to the target).

use super::*;

/// Why a link or merge was refused. The API gives the English text as the field's message;
/// the workspace shows its own words for the same refusal (see [`LinkRefusal::code`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkRefusal {
    /// The other number does not parse.
    #[error("must be a ticket number such as 2026-000123")]
    BadNumber,
    /// No such ticket, or the caller may not see it.
    #[error("there is no ticket with this number that you may see")]
    Unknown,
    /// The same ticket.
    #[error("a ticket cannot be linked with or merged into itself")]
    Itself,
    /// The target is closed.
    #[error("that ticket is closed; reopen it or choose an open one")]
    Closed,
    /// The target was merged into a third ticket.
    #[error("that ticket was merged into another one; merge into that one instead")]
    Merged,
    /// The target belongs to another organization (or one has none).
    #[error(
        "that ticket belongs to another organization; only one customer's requests can be merged"
    )]
    OtherOrganization,
}

impl LinkRefusal {
    /// Every refusal, for finding one by its message.
    pub const ALL: [LinkRefusal; 6] = [
        LinkRefusal::BadNumber,
        LinkRefusal::Unknown,
        LinkRefusal::Itself,
        LinkRefusal::Closed,
        LinkRefusal::Merged,
        LinkRefusal::OtherOrganization,
    ];

    /// A stable code (`closed`, `other-organization`, …) for the workspace's messages.
    pub fn code(self) -> &'static str {
        match self {
            LinkRefusal::BadNumber => "bad-number",
            LinkRefusal::Unknown => "unknown",
            LinkRefusal::Itself => "itself",
            LinkRefusal::Closed => "closed",
            LinkRefusal::Merged => "merged",
            LinkRefusal::OtherOrganization => "other-organization",
        }
    }

    /// The refusal whose English message is `message`.
    pub fn from_message(message: &str) -> Option<LinkRefusal> {
        Self::ALL.into_iter().find(|r| r.to_string() == message)
    }
}

/// How one ticket relates to another.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TicketLink {
    /// The other ticket's number.
    pub number: String,
    /// Its subject.
    pub subject: String,
    /// Its status.
    pub status: TicketStatus,
    /// `related`; `merged_into` (this ticket was merged into the other); `merged_from` (the
    /// other was merged into this one).
    pub kind: String,
}

/// The ticket to link with.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLink {
    /// The other ticket's number, e.g. `2026-000123`.
    pub number: String,
}

/// The ticket to merge into.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeInto {
    /// The target's number: it keeps everything; this ticket is closed.
    pub into: String,
}

fn refuse(field: &str, r: LinkRefusal) -> AppError {
    AppError::field(field, r.to_string())
}

/// Staff who write tickets may link and merge; customers may not.
fn require_staff(actor: &Actor) -> Result<()> {
    if actor.is_customer() {
        return Err(AppError::Forbidden(
            "linking and merging tickets is for staff".into(),
        ));
    }
    actor.require(Permission::WriteTickets)
}

/// The other ticket named in field `field`, if the actor may see it.
async fn other(tx: &mut Tx<'_>, actor: &Actor, field: &str, number: &str) -> Result<TicketRow> {
    let n =
        TicketNumber::parse(number.trim()).map_err(|_| refuse(field, LinkRefusal::BadNumber))?;
    let row = match repo::tickets::get_by_number(tx, n.as_str()).await {
        Ok(r) => r,
        Err(podpora_store::StoreError::NotFound) => {
            return Err(refuse(field, LinkRefusal::Unknown));
        }
        Err(e) => return Err(e.into()),
    };
    match ensure_visible(tx, actor, &row).await {
        Ok(()) => Ok(row),
        Err(AppError::NotFound(_)) => Err(refuse(field, LinkRefusal::Unknown)),
        Err(e) => Err(e),
    }
}

async fn rows_of(tx: &mut Tx<'_>, id: i64) -> Result<Vec<TicketLink>> {
    repo::links::of_ticket(tx, id)
        .await?
        .into_iter()
        .map(|l| {
            Ok(TicketLink {
                status: l.status.parse().map_err(|_| {
                    AppError::Conflict(format!("ticket {}: unknown status", l.number))
                })?,
                number: l.number,
                subject: l.subject,
                kind: l.kind,
            })
        })
        .collect()
}

/// A ticket's links, oldest first (staff only).
pub async fn links(app: &App, actor: &Actor, number: &str) -> Result<Vec<TicketLink>> {
    if actor.is_customer() {
        return Err(AppError::Forbidden(
            "links between tickets are for staff".into(),
        ));
    }
    let number = parse_number(number)?;
    let mut tx = app.db.read().await?;
    let t = repo::tickets::get_by_number(&mut tx, number.as_str())
        .await
        .not_found(|| format!("ticket {number}"))?;
    ensure_visible(&mut tx, actor, &t).await?;
    rows_of(&mut tx, t.id).await
}

/// Links ticket `number` with another as related (both show it; linking again changes
/// nothing); returns the ticket's links.
pub async fn link(
    app: &App,
    actor: &Actor,
    number: &str,
    input: NewLink,
) -> Result<Vec<TicketLink>> {
    require_staff(actor)?;
    let number = parse_number(number)?;
    let mut tx = app.db.begin().await?;
    let t = repo::tickets::get_by_number(&mut tx, number.as_str())
        .await
        .not_found(|| format!("ticket {number}"))?;
    ensure_visible(&mut tx, actor, &t).await?;
    let o = other(&mut tx, actor, "number", &input.number).await?;
    if o.id == t.id {
        return Err(refuse("number", LinkRefusal::Itself));
    }
    let now = now_ms();
    if repo::links::relate(&mut tx, t.id, o.id, &actor.audit_name(), now).await? {
        for (id, to) in [(t.id, &o.number), (o.id, &t.number)] {
            audit::changed(
                &mut tx,
                "ticket",
                id,
                actor,
                now,
                vec![("linked", None, Some(to.clone()))],
                None,
            )
            .await?;
        }
    }
    let links = rows_of(&mut tx, t.id).await?;
    tx.commit().await?;
    Ok(links)
}

/// Removes the related link between ticket `number` and `other`.
pub async fn unlink(app: &App, actor: &Actor, number: &str, other_number: &str) -> Result<()> {
    require_staff(actor)?;
    let number = parse_number(number)?;
    let other_number = parse_number(other_number)?;
    let mut tx = app.db.begin().await?;
    let t = repo::tickets::get_by_number(&mut tx, number.as_str())
        .await
        .not_found(|| format!("ticket {number}"))?;
    ensure_visible(&mut tx, actor, &t).await?;
    let o = repo::tickets::get_by_number(&mut tx, other_number.as_str())
        .await
        .not_found(|| format!("link to {other_number}"))?;
    if !repo::links::unrelate(&mut tx, t.id, o.id).await? {
        return Err(AppError::NotFound(format!("link to {other_number}")));
    }
    let now = now_ms();
    for (id, to) in [(t.id, &o.number), (o.id, &t.number)] {
        audit::changed(
            &mut tx,
            "ticket",
            id,
            actor,
            now,
            vec![("linked", Some(to.clone()), None)],
            None,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Merges ticket `number` into `input.into`: its articles and their files move to the target,
/// it is closed with a pointer to the target, both histories record it, and mail to its
/// thread is threaded into the target from now on. Refused for the ticket itself, a closed or
/// merged target, another organization's ticket, and a ticket merged already (409).
pub async fn merge(app: &App, actor: &Actor, number: &str, input: MergeInto) -> Result<Ticket> {
    require_staff(actor)?;
    let number = parse_number(number)?;
    let mut tx = app.db.begin().await?;
    let mut from = repo::tickets::get_for_update(&mut tx, number.as_str())
        .await
        .not_found(|| format!("ticket {number}"))?;
    ensure_visible(&mut tx, actor, &from).await?;
    if let Some(into) = repo::links::merged_into(&mut tx, from.id).await? {
        let into = repo::tickets::get_by_id(&mut tx, into).await?;
        return Err(AppError::Conflict(format!(
            "ticket {} was merged into {} already",
            from.number, into.number
        )));
    }
    let target = other(&mut tx, actor, "into", &input.into).await?;
    let mut into = repo::tickets::get_for_update(&mut tx, &target.number).await?;
    if into.id == from.id {
        return Err(refuse("into", LinkRefusal::Itself));
    }
    if repo::links::merged_into(&mut tx, into.id).await?.is_some() {
        return Err(refuse("into", LinkRefusal::Merged));
    }
    if into.status == TicketStatus::Closed {
        return Err(refuse("into", LinkRefusal::Closed));
    }
    if into.organization_id != from.organization_id {
        return Err(refuse("into", LinkRefusal::OtherOrganization));
    }
    let now = now_ms();
    let by = actor.audit_name();
    repo::links::merge(&mut tx, from.id, into.id, &by, now).await?;
    // Closed directly, not through the lifecycle: a merged request is finished whatever its
    // status was, and its clocks stop with it.
    let old_status = from.status;
    if old_status != TicketStatus::Closed {
        crate::sla::on_status_change(app, &mut tx, from.id, old_status, TicketStatus::Closed, now)
            .await?;
        from.status = TicketStatus::Closed;
        from.closed_at = Some(now);
    }
    // Its SLA clocks stop too: the request goes on in the target, whose clocks measure it from
    // now, and a closed duplicate must not warn or breach. A clock still running counts as
    // met at the merge; the history names the stopped ones.
    let mut stopped = Vec::new();
    for c in repo::sla::clocks(&mut tx, from.id).await? {
        if c.met_at.is_none() && crate::sla::mark_met(&mut tx, from.id, &c.metric, now).await? {
            stopped.push(c.metric);
        }
    }
    from.updated_at = now;
    let mut changes = vec![
        ("merged_into", None, Some(into.number.clone())),
        (
            "status",
            Some(old_status.to_string()),
            Some(from.status.to_string()),
        ),
    ];
    if !stopped.is_empty() {
        changes.push(("sla_stopped", None, Some(stopped.join(","))));
    }
    audit::changed(&mut tx, "ticket", from.id, actor, now, changes, None).await?;
    audit::changed(
        &mut tx,
        "ticket",
        into.id,
        actor,
        now,
        vec![("merged_from", None, Some(from.number.clone()))],
        None,
    )
    .await?;
    repo::tickets::update(&mut tx, &from).await?;
    into.updated_at = now;
    // Writing the target also copies its scope to the documents that moved to it.
    repo::tickets::update(&mut tx, &into).await?;
    let t = full_ticket(app, &mut tx, into, false, now).await?;
    tx.commit().await?;
    Ok(t)
}

/// The ticket mail for `id` goes to: `id` itself, or the ticket it was merged into (following
/// a merged target's own merge, a few steps at most).
pub(crate) async fn follow_merges(tx: &mut Tx<'_>, mut row: TicketRow) -> Result<TicketRow> {
    for _ in 0..8 {
        match repo::links::merged_into(tx, row.id).await? {
            Some(into) => row = repo::tickets::get_by_id(tx, into).await?,
            None => break,
        }
    }
    Ok(row)
}
