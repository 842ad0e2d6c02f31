//! Events that stop SLA clocks: the acknowledgement delivered, the technician arrived.

use super::*;

/// When the acknowledgement was delivered; now when absent.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeliveryEvent {
    /// The instant the mail server (or SMS gateway) accepted the confirmation, RFC 3339.
    pub at: Option<String>,
}

/// Records that the acknowledgement reached the customer: stops the reaction clock at that
/// instant and moves a new ticket to acknowledged. The e-mail channel will call this with
/// the SMTP server's acceptance time; until then the API exposes it.
pub async fn acknowledgement_delivered(
    app: &App,
    actor: &Actor,
    number: &str,
    ev: DeliveryEvent,
) -> Result<Ticket> {
    clock_event(
        app,
        actor,
        number,
        ev,
        "reaction",
        "acknowledgement_delivered",
        true,
    )
    .await
}

/// Records that the technician arrived (on site, or the remote session began): stops the visit
/// clock at that instant.
pub async fn visit_started(
    app: &App,
    actor: &Actor,
    number: &str,
    ev: DeliveryEvent,
) -> Result<Ticket> {
    clock_event(app, actor, number, ev, "visit", "visit_started", false).await
}

async fn clock_event(
    app: &App,
    actor: &Actor,
    number: &str,
    ev: DeliveryEvent,
    metric: &str,
    field: &'static str,
    acknowledges: bool,
) -> Result<Ticket> {
    if actor.is_customer() {
        return Err(AppError::Forbidden(
            "clock events come from staff or the mail channel".into(),
        ));
    }
    actor.require(Permission::WriteTickets)?;
    let number = parse_number(number)?;
    let now = now_ms();
    let mut v = ValidationError::new();
    let at = parse_instant(&mut v, "at", &ev.at).unwrap_or(now);
    if at > now + 60_000 {
        v.push("at", "an event cannot be in the future");
    }
    v.into_result()?;
    let mut tx = app.db.begin().await?;
    let mut row = repo::tickets::get_for_update(&mut tx, number.as_str())
        .await
        .not_found(|| format!("ticket {number}"))?;
    ensure_visible(&mut tx, actor, &row).await?;
    if at < row.created_at {
        return Err(AppError::field(
            "at",
            "the event cannot come before the request was reported",
        ));
    }
    crate::sla::mark_met(&mut tx, row.id, metric, at).await?;
    let mut changes = vec![(field, None, Some(rfc3339(at)))];
    if acknowledges && row.status == TicketStatus::New {
        changes.push(
            lifecycle::change_status(app, &mut tx, &mut row, TicketStatus::Acknowledged, now)
                .await?,
        );
        row.updated_at = now;
        repo::tickets::update(&mut tx, &row).await?;
    }
    audit::changed(&mut tx, "ticket", row.id, actor, now, changes, None).await?;
    let t = full_ticket(app, &mut tx, row, false, now).await?;
    tx.commit().await?;
    Ok(t)
}
