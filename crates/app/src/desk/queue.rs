//! The workspace's view of the service queue: the positions of [`crate::plans::queue`]
//! narrowed by the agent's filters, each with its nearest SLA clock as a countdown in business
//! time, and the names the filters offer.

use crate::plans::{QueueEntry, QueueQuery};
use crate::{Actor, App, Result, now_ms};
use jiff::{SignedDuration, Timestamp};
use podpora_store::repo;
use std::collections::{BTreeMap, BTreeSet};

/// The filters of the queue page; `None` (or an empty value) lets every ticket through.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct QueueFilter {
    /// Team id, or `none` for tickets without a team.
    pub team: Option<String>,
    /// Status code.
    pub status: Option<String>,
    /// Agent id, `none` for unassigned, `me` for the agent asking.
    pub assignee: Option<String>,
    /// Organization id.
    pub organization: Option<String>,
    /// Plan code (`basic` for customers without a plan).
    pub plan: Option<String>,
    /// Channel code.
    pub channel: Option<String>,
    /// Category.
    pub category: Option<String>,
    /// `urgent` or `normal`.
    pub urgency: Option<String>,
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn id_matches(filter: Option<&str>, value: Option<i64>, me: Option<i64>) -> bool {
    match filter {
        None => true,
        Some("none") => value.is_none(),
        Some("me") => value.is_some() && value == me,
        Some(id) => id.parse::<i64>().ok() == value,
    }
}

impl QueueFilter {
    /// Whether an entry passes every filter; `me` is the asking agent.
    pub fn admits(&self, e: &QueueEntry, me: Option<i64>) -> bool {
        id_matches(given(&self.team), e.team_id, me)
            && id_matches(given(&self.assignee), e.assignee_id, me)
            && id_matches(given(&self.organization), e.organization_id, me)
            && given(&self.status).is_none_or(|s| s == e.status)
            && given(&self.plan).is_none_or(|p| p == e.plan_code)
            && given(&self.channel).is_none_or(|c| c == e.channel)
            && given(&self.category).is_none_or(|c| Some(c) == e.category.as_deref())
            && given(&self.urgency).is_none_or(|u| u == e.urgency)
    }
}

/// Where a ticket's nearest SLA clock stands.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Countdown {
    /// The clock's metric (`reaction`, `resolution` …).
    pub metric: String,
    /// When it is due (ms since the epoch).
    pub due_at: i64,
    /// When it reaches the policy's warning share (ms since the epoch).
    pub warn_at: Option<i64>,
    /// Business minutes left (negative when overdue).
    pub minutes_left: i64,
    /// Whether business time is running now (within the calendar's hours), so a live
    /// countdown should move.
    pub ticking: bool,
    /// `ok`, `warning` or `breached`.
    pub state: &'static str,
}

/// The state of a ticket's SLA clocks as the queue shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub enum ClockView {
    /// The nearest running clock.
    Running(Countdown),
    /// Every unmet clock is paused (the ticket waits for the customer or a payment).
    Paused,
    /// No unmet clock.
    None,
}

/// One position with its clock.
#[derive(Debug, Clone)]
pub struct Position {
    /// The queue's entry (service order, reason).
    pub entry: QueueEntry,
    /// The nearest clock.
    pub clock: ClockView,
}

/// The filtered queue and the names its filters offer.
#[derive(Debug, Clone, Default)]
pub struct DeskQueue {
    /// Positions that pass the filters, in service order.
    pub positions: Vec<Position>,
    /// Organizations with an open ticket, by id.
    pub organizations: BTreeMap<i64, String>,
    /// Categories of open tickets.
    pub categories: BTreeSet<String>,
}

/// The queue for the asking agent, filtered.
pub async fn queue(app: &App, actor: &Actor, filter: &QueueFilter) -> Result<DeskQueue> {
    let me = match actor {
        Actor::Agent(a) => Some(a.id),
        _ => None,
    };
    let entries = crate::plans::queue(&app.db, actor, QueueQuery { limit: Some(1000) }).await?;
    let now = now_ms();
    let mut out = DeskQueue::default();
    let mut tx = app.db.read().await?;
    let mut org_ids = Vec::new();
    for e in &entries {
        if let Some(c) = &e.category {
            out.categories.insert(c.clone());
        }
        if let Some(id) = e.organization_id {
            org_ids.push(id);
        }
    }
    org_ids.sort_unstable();
    org_ids.dedup();
    out.organizations = repo::customers::org_names(&mut tx, &org_ids)
        .await?
        .into_iter()
        .collect();
    let admitted: Vec<_> = entries
        .into_iter()
        .filter(|e| filter.admits(e, me))
        .collect();
    // Every shown ticket's clocks in one read, not one per ticket.
    let ids: Vec<i64> = admitted.iter().map(|e| e.ticket_id).collect();
    let mut by_ticket: std::collections::HashMap<i64, Vec<_>> = std::collections::HashMap::new();
    for c in repo::sla::clocks_of_tickets(&mut tx, &ids).await? {
        by_ticket.entry(c.ticket_id).or_default().push(c);
    }
    let mut ticking_on: std::collections::HashMap<i64, bool> = std::collections::HashMap::new();
    for entry in admitted {
        let clocks = by_ticket.remove(&entry.ticket_id).unwrap_or_default();
        let running = clocks
            .iter()
            .filter(|c| c.met_at.is_none() && c.due_at.is_some())
            .min_by_key(|c| (c.due_at, c.metric.clone()));
        let clock = match running {
            Some(c) => {
                let due = c.due_at.unwrap_or(now);
                let cal = app.calendars.get(&mut tx, c.calendar_id).await?;
                let left = if due >= now {
                    cal.business_between(ts(now), ts(due))
                } else {
                    SignedDuration::ZERO - cal.business_between(ts(due), ts(now))
                };
                // The same for every ticket on one calendar: computed once per calendar.
                let ticking = *ticking_on.entry(c.calendar_id).or_insert_with(|| {
                    cal.business_between(ts(now), ts(now + 60_000)) > SignedDuration::ZERO
                });
                ClockView::Running(Countdown {
                    metric: c.metric.clone(),
                    due_at: due,
                    warn_at: c.warn_at,
                    minutes_left: left.as_secs().div_euclid(60),
                    ticking,
                    state: clock_state(now, due, c.warn_at),
                })
            }
            None if clocks.iter().any(|c| c.met_at.is_none()) => ClockView::Paused,
            None => ClockView::None,
        };
        out.positions.push(Position { entry, clock });
    }
    Ok(out)
}

/// `breached` after the due time, `warning` from the warning time, else `ok`.
pub fn clock_state(now: i64, due: i64, warn_at: Option<i64>) -> &'static str {
    if now > due {
        "breached"
    } else if warn_at.is_some_and(|w| now >= w) {
        "warning"
    } else {
        "ok"
    }
}

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_turns_amber_at_the_warning_and_red_after_the_due_time() {
        assert_eq!(clock_state(100, 200, Some(150)), "ok");
        assert_eq!(clock_state(150, 200, Some(150)), "warning");
        assert_eq!(clock_state(200, 200, Some(150)), "warning");
        assert_eq!(clock_state(201, 200, Some(150)), "breached");
        assert_eq!(clock_state(190, 200, None), "ok");
    }

    #[test]
    fn id_filters_know_none_and_me() {
        assert!(id_matches(None, Some(3), None));
        assert!(id_matches(Some("none"), None, None));
        assert!(!id_matches(Some("none"), Some(3), None));
        assert!(id_matches(Some("me"), Some(3), Some(3)));
        assert!(!id_matches(Some("me"), None, Some(3)));
        assert!(id_matches(Some("7"), Some(7), None));
        assert!(!id_matches(Some("x"), Some(7), None));
    }
}
