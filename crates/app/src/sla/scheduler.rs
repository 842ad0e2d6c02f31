//! The SLA scheduler's pass: warnings and escalations, each exactly once.

use super::*;

/// What one scheduler pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TickReport {
    /// Warnings raised.
    pub warnings: usize,
    /// Breaches escalated.
    pub escalations: usize,
}

/// One pass of the SLA scheduler at `now`: warns for clocks past their warning time and
/// escalates breached ones (urgency raised, optional move to the policy's team, notification
/// queued). Each action is claimed by a conditional update in its own transaction, so it happens
/// exactly once, whether the pass runs late after a restart or on several nodes at once.
pub async fn tick(app: &App, now: i64) -> Result<TickReport> {
    let mut report = TickReport::default();
    let pending = {
        let mut tx = app.db.read().await?;
        repo::sla::pending_actions(&mut tx, now, 500).await?
    };
    for c in pending {
        let mut tx = app.db.begin().await?;
        let breach = c.due_at.is_some_and(|d| d <= now) && c.escalated_at.is_none();
        if breach {
            if !repo::sla::claim_escalation(&mut tx, c.ticket_id, &c.metric, now).await? {
                continue;
            }
            let policy = repo::sla::get_policy(&mut tx, c.policy_id).await?;
            let old = repo::tickets::get_by_id(&mut tx, c.ticket_id).await?;
            let mut row = old.clone();
            row.urgency = podpora_core::Urgency::Urgent.to_string();
            if let Some(team) = policy.escalate_team_id {
                row.team_id = Some(team);
            }
            row.updated_at = now;
            let reason = format!("SLA {} target {} breached", c.metric, c.target);
            audit::changed(
                &mut tx,
                "ticket",
                row.id,
                &Actor::System,
                now,
                vec![
                    ("sla_breached", None, Some(c.metric.clone())),
                    (
                        "urgency",
                        Some(old.urgency.clone()),
                        Some(row.urgency.clone()),
                    ),
                    (
                        "team_id",
                        audit::opt(&old.team_id),
                        audit::opt(&row.team_id),
                    ),
                ],
                Some(&reason),
            )
            .await?;
            repo::tickets::update(&mut tx, &row).await?;
            notify(&mut tx, "sla_breached", &row.number, &c.metric, now).await?;
            report.escalations += 1;
        } else {
            if !repo::sla::claim_warning(&mut tx, c.ticket_id, &c.metric, now).await? {
                continue;
            }
            audit::changed(
                &mut tx,
                "ticket",
                c.ticket_id,
                &Actor::System,
                now,
                vec![("sla_warning", None, Some(c.metric.clone()))],
                None,
            )
            .await?;
            let number = repo::tickets::get_by_id(&mut tx, c.ticket_id).await?.number;
            notify(&mut tx, "sla_warning", &number, &c.metric, now).await?;
            report.warnings += 1;
        }
        tx.commit().await?;
    }
    if report.escalations > 0 || report.warnings > 0 {
        tracing::info!(
            warnings = report.warnings,
            escalations = report.escalations,
            "SLA scheduler pass"
        );
    }
    Ok(report)
}

/// Queues a notification for the team (sent by the mail channel once it exists).
async fn notify(tx: &mut Tx<'_>, event: &str, number: &str, metric: &str, now: i64) -> Result<()> {
    let payload =
        serde_json::json!({"event": event, "ticket": number, "metric": metric}).to_string();
    repo::jobs::enqueue(tx, "notify_team", &payload, now, now).await?;
    Ok(())
}
