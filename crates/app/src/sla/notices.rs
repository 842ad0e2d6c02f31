//! SLA notices: who is told that a clock is about to run out or has run out, and the mail
//! that tells them.
//!
//! Who is told:
//! - a **warning** goes to the ticket's assigned agent; with nobody assigned, to the lead of
//!   the ticket's team;
//! - a **breach** goes to the team lead and to the assigned agent (one mail each; one mail when
//!   they are the same agent);
//! - when neither exists, every active agent of the ticket's team is told;
//! - when that finds nobody either (no team, or a team without active agents), nobody is told
//!   and the ticket's history says so (`sla_notice`).
//!
//! The team is the one the ticket belongs to when the notice is written: at a breach that is
//! the policy's escalation team if the ticket was moved there, since that team now has to act.
//! Deactivated agents are never told; a deactivated lead or assignee counts as none.
//! Each agent gets the mail in their own language.

use super::*;
use podpora_render::{ClockKind, MailTemplate};
use podpora_store::rows::{AgentRow, TicketRow};

/// Which notice to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Notice {
    /// The clock has used its warning share of the target.
    Warning,
    /// The clock has run out.
    Breach,
}

impl Notice {
    /// The outbox purpose, shown with the ticket's mail.
    fn purpose(self) -> &'static str {
        match self {
            Notice::Warning => "sla_warning",
            Notice::Breach => "sla_breach",
        }
    }
}

/// The agents to tell about `notice` on `ticket`, by the rules in the module documentation.
pub(crate) async fn recipients(
    tx: &mut Tx<'_>,
    ticket: &TicketRow,
    notice: Notice,
) -> Result<Vec<AgentRow>> {
    let assignee = active_agent(tx, ticket.assignee_id).await?;
    let lead = match ticket.team_id {
        Some(team) => {
            let lead = repo::agents::get_team(tx, team).await?.lead_agent_id;
            active_agent(tx, lead).await?
        }
        None => None,
    };
    let mut chosen: Vec<AgentRow> = match notice {
        Notice::Warning => assignee.or(lead).into_iter().collect(),
        Notice::Breach => lead.into_iter().chain(assignee).collect(),
    };
    chosen.dedup_by_key(|a| a.id);
    if chosen.is_empty()
        && let Some(team) = ticket.team_id
    {
        chosen = repo::agents::active_team_agents(tx, team).await?;
    }
    Ok(chosen)
}

async fn active_agent(tx: &mut Tx<'_>, id: Option<i64>) -> Result<Option<AgentRow>> {
    let Some(id) = id else {
        return Ok(None);
    };
    match repo::agents::get_agent(tx, id).await {
        Ok(a) => Ok(a.active.then_some(a)),
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Queues `notice` about `clock` of `ticket` to every agent [`recipients`] finds, in the
/// caller's transaction (the one that claimed the action, so the mail exists exactly when the
/// claim does). With nobody to tell, records that in the ticket's history. Returns the number
/// of mails queued.
pub(crate) async fn send(
    app: &App,
    tx: &mut Tx<'_>,
    ticket: &TicketRow,
    clock: &ClockRow,
    notice: Notice,
    now: i64,
) -> Result<usize> {
    let agents = recipients(tx, ticket, notice).await?;
    let (Some(kind), Some(due_at)) = (clock_kind(&clock.metric), clock.due_at) else {
        tracing::warn!(ticket = %ticket.number, metric = %clock.metric, "SLA notice for a clock without a due time or of an unknown metric");
        return Ok(0);
    };
    if agents.is_empty() {
        let why = if ticket.team_id.is_some() {
            "nobody to tell: the team has no lead and no active agents, and nobody is assigned"
        } else {
            "nobody to tell: the ticket has no team and nobody is assigned"
        };
        audit::changed(
            tx,
            "ticket",
            ticket.id,
            &Actor::System,
            now,
            vec![("sla_notice", None, Some(notice.purpose().to_owned()))],
            Some(why),
        )
        .await?;
        return Ok(0);
    }
    let cal = app.calendars.get(tx, clock.calendar_id).await?;
    let due = ts(due_at).to_zoned(cal.zone().clone());
    let template = match notice {
        Notice::Warning => MailTemplate::SlaWarning {
            ticket_number: ticket.number.clone(),
            subject: ticket.subject.clone(),
            clock: kind,
            due,
            percent: used_percent(&cal, clock, due_at, now),
        },
        Notice::Breach => MailTemplate::SlaBreach {
            ticket_number: ticket.number.clone(),
            subject: ticket.subject.clone(),
            clock: kind,
            due,
        },
    };
    for agent in &agents {
        crate::outbox::queue_staff_notice(
            app,
            tx,
            ticket,
            agent,
            notice.purpose(),
            template.clone(),
            now,
        )
        .await?;
    }
    Ok(agents.len())
}

/// The render crate's name of a metric.
fn clock_kind(metric: &str) -> Option<ClockKind> {
    Some(match metric {
        "reaction" => ClockKind::Reaction,
        "first_answer" => ClockKind::FirstAnswer,
        "remote_resolution" => ClockKind::RemoteResolution,
        "visit" => ClockKind::Visit,
        "resolution" => ClockKind::Resolution,
        repo::sla::AGREED_DEADLINE => ClockKind::AgreedDeadline,
        _ => return None,
    })
}

/// The share of the target used at `now`, in percent: what is left until the due time, measured
/// as the target measures (business time, or plain time for calendar targets), against the whole
/// target. Computed rather than taken from the policy, so a warning sent late says how late.
fn used_percent(cal: &BusinessCalendar, clock: &ClockRow, due_at: i64, now: i64) -> u8 {
    let Ok(target) = SlaTarget::parse(&clock.target) else {
        // An agreed deadline has no target to measure by: its share is of the plain
        // time from acceptance to the deadline.
        let total = due_at - clock.started_at;
        if total <= 0 {
            return 100;
        }
        let used = (now.min(due_at) - clock.started_at).clamp(0, total) * 100 / total;
        return u8::try_from(used).unwrap_or(100);
    };
    let measure = |a: i64, b: i64| match target {
        SlaTarget::CalendarMinutes(_) => ts(b).duration_since(ts(a)),
        _ => cal.business_between(ts(a), ts(b)),
    };
    let Ok(unpaused_due) = target.due(cal, ts(clock.started_at)) else {
        return 0;
    };
    let total = measure(clock.started_at, unpaused_due.as_millisecond()).as_secs();
    let left = measure(now.min(due_at), due_at).as_secs();
    if total <= 0 {
        return 100;
    }
    let used = (total - left.clamp(0, total)) * 100 / total;
    u8::try_from(used).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use podpora_calendar::{Country, OpeningHours};

    const HOUR: i64 = 3_600_000;

    fn clock(target: &str, started_at: i64, due_at: i64) -> ClockRow {
        ClockRow {
            ticket_id: 1,
            metric: "resolution".into(),
            target: target.into(),
            policy_id: 1,
            calendar_id: 1,
            started_at,
            due_at: Some(due_at),
            met_at: None,
            warn_at: None,
            warned_at: None,
            escalated_at: None,
        }
    }

    fn office() -> BusinessCalendar {
        BusinessCalendar::new(
            "Europe/Bratislava",
            OpeningHours::parse("mon-fri 08:00-16:00").unwrap(),
            Some(Country::SK),
        )
        .unwrap()
    }

    #[test]
    fn calendar_targets_count_plain_time() {
        let cal = office();
        let c = clock("48ch", 0, 48 * HOUR);
        assert_eq!(used_percent(&cal, &c, 48 * HOUR, 36 * HOUR), 75);
        assert_eq!(used_percent(&cal, &c, 48 * HOUR, 40 * HOUR), 83);
        // a pause of 10 hours pushed the due time: 40 hours later, 30 of 48 are used
        let paused = clock("48ch", 0, 58 * HOUR);
        assert_eq!(used_percent(&cal, &paused, 58 * HOUR, 40 * HOUR), 62);
    }

    #[test]
    fn an_agreed_deadline_counts_plain_time_from_acceptance() {
        let cal = office();
        let mut c = clock("quote-1", 10 * HOUR, 20 * HOUR);
        c.metric = repo::sla::AGREED_DEADLINE.into();
        assert_eq!(used_percent(&cal, &c, 20 * HOUR, 18 * HOUR), 80);
        assert_eq!(used_percent(&cal, &c, 20 * HOUR, 25 * HOUR), 100);
    }

    #[test]
    fn business_targets_count_opening_hours() {
        let cal = office();
        // Monday 2 November 2026, 08:00 in Bratislava; 8h is one working day
        let monday = cal
            .parse_instant("2026-11-02T08:00")
            .unwrap()
            .as_millisecond();
        let due = monday + 8 * HOUR;
        let c = clock("8h", monday, due);
        assert_eq!(used_percent(&cal, &c, due, monday + 6 * HOUR), 75);
        assert_eq!(used_percent(&cal, &c, due, due + HOUR), 100, "overdue");
    }

    #[test]
    fn every_metric_has_a_clock_name() {
        for m in METRICS {
            assert!(clock_kind(m).is_some(), "{m}");
        }
        assert_eq!(
            clock_kind(repo::sla::AGREED_DEADLINE),
            Some(ClockKind::AgreedDeadline)
        );
        assert_eq!(clock_kind("lunch"), None);
    }
}
