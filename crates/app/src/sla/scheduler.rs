//! The SLA scheduler's pass: warnings and escalations, each exactly once.

use super::notices::{self, Notice};
use super::*;

/// What one scheduler pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TickReport {
    /// Warnings raised.
    pub warnings: usize,
    /// Breaches escalated.
    pub escalations: usize,
    /// Notice mails queued to agents.
    pub notices: usize,
}

/// One pass of the SLA scheduler at `now`: warns for clocks past their warning time and
/// escalates breached ones (urgency raised, optional move to the policy's team). Either way the
/// responsible agents get a notice mail (`sla_warning`, `sla_breach`) through the outbox. Each
/// action and its mail are written in the transaction that claims the action by a conditional
/// update, so both happen exactly once, whether the pass runs late after a restart or on several
/// nodes at once.
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
            row.urgency = podpora_core::Urgency::Urgent;
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
                        Some(old.urgency.to_string()),
                        Some(row.urgency.to_string()),
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
            report.notices += notices::send(app, &mut tx, &row, &c, Notice::Breach, now).await?;
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
            let ticket = repo::tickets::get_by_id(&mut tx, c.ticket_id).await?;
            report.notices +=
                notices::send(app, &mut tx, &ticket, &c, Notice::Warning, now).await?;
            report.warnings += 1;
        }
        tx.commit().await?;
    }
    if report.notices > 0 {
        app.outbox_wakeup.notify_one();
    }
    if report.escalations > 0 || report.warnings > 0 {
        tracing::info!(
            warnings = report.warnings,
            escalations = report.escalations,
            notices = report.notices,
            "SLA scheduler pass"
        );
    }
    Ok(report)
}
