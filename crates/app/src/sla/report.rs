//! The SLA compliance report.

use super::*;

/// Compliance of one group in a report.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Compliance {
    /// Policy, organization or team id (absent for tickets without one).
    pub id: Option<i64>,
    /// Tickets with SLA clocks reported in the period.
    pub count: usize,
    /// Tickets whose every clock was met on time.
    pub met: usize,
    /// Tickets with at least one clock breached (met late, or overdue now).
    pub breached: usize,
    /// Tickets still running within their targets.
    pub open: usize,
    /// Median business minutes from the report to the delivered acknowledgement.
    pub reaction_median_minutes: Option<i64>,
    /// 90th percentile of the same.
    pub reaction_p90_minutes: Option<i64>,
}

/// SLA compliance of tickets reported in a period.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SlaReport {
    /// Start of the period (RFC 3339).
    pub from: String,
    /// End of the period, exclusive (RFC 3339).
    pub to: String,
    /// Per SLA policy (plans will group these once contracts exist).
    pub by_policy: Vec<Compliance>,
    /// Per customer organization.
    pub by_organization: Vec<Compliance>,
    /// Per team.
    pub by_team: Vec<Compliance>,
}

/// Report period.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// Start, RFC 3339 instant or a date (`2026-11-01`, midnight UTC).
    pub from: String,
    /// End, exclusive, in the same forms.
    pub to: String,
}

fn parse_bound(v: &mut ValidationError, field: &str, s: &str) -> Option<i64> {
    if let Ok(t) = s.parse::<Timestamp>() {
        return Some(t.as_millisecond());
    }
    match s.parse::<jiff::civil::Date>() {
        Ok(d) => d
            .to_zoned(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp().as_millisecond()),
        Err(_) => {
            v.push(
                field,
                "use an RFC 3339 instant (2026-11-01T00:00:00Z) or a date (2026-11-01)",
            );
            None
        }
    }
}

fn percentile(sorted: &[i64], p: usize) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    // nearest-rank method
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// How one ticket fared against its clocks.
struct Outcome {
    ticket: i64,
    policy: i64,
    org: Option<i64>,
    team: Option<i64>,
    breached: bool,
    all_met: bool,
    reaction: Option<i64>,
}

/// SLA compliance per policy, organization and team for tickets reported in `[from, to)`.
pub async fn report(app: &App, actor: &Actor, q: ReportQuery) -> Result<SlaReport> {
    actor.require(Permission::ReadTickets)?;
    if actor.is_customer() {
        return Err(AppError::Forbidden("reports are for staff".into()));
    }
    let mut v = ValidationError::new();
    let from = parse_bound(&mut v, "from", &q.from);
    let to = parse_bound(&mut v, "to", &q.to);
    if let (Some(f), Some(t)) = (from, to)
        && t <= f
    {
        v.push("to", "must be after from");
    }
    v.into_result()?;
    let (Some(from), Some(to)) = (from, to) else {
        unreachable!("validated")
    };
    let now = now_ms();
    let mut tx = app.db.read().await?;
    let rows = repo::sla::clocks_reported_between(&mut tx, from, to).await?;
    let mut tickets: Vec<Outcome> = Vec::new();
    for (c, org, team) in rows {
        let breached = match (c.met_at, c.due_at) {
            (Some(m), Some(d)) => m > d,
            (None, Some(d)) => now > d,
            _ => false,
        };
        let reaction = match (c.metric.as_str(), c.met_at) {
            ("reaction", Some(m)) => {
                let cal = app.calendars.get(&mut tx, c.calendar_id).await?;
                Some(cal.business_between(ts(c.started_at), ts(m)).as_secs() / 60)
            }
            _ => None,
        };
        match tickets.last_mut() {
            Some(t) if t.ticket == c.ticket_id => {
                t.breached |= breached;
                t.all_met &= c.met_at.is_some();
                t.reaction = t.reaction.or(reaction);
            }
            _ => tickets.push(Outcome {
                ticket: c.ticket_id,
                policy: c.policy_id,
                org,
                team,
                breached,
                all_met: c.met_at.is_some(),
                reaction,
            }),
        }
    }
    fn group(tickets: &[Outcome], key: impl Fn(&Outcome) -> Option<i64>) -> Vec<Compliance> {
        let mut groups: std::collections::BTreeMap<Option<i64>, (Compliance, Vec<i64>)> =
            Default::default();
        for t in tickets {
            let (g, reactions) = groups.entry(key(t)).or_default();
            g.id = key(t);
            g.count += 1;
            if t.breached {
                g.breached += 1;
            } else if t.all_met {
                g.met += 1;
            } else {
                g.open += 1;
            }
            reactions.extend(t.reaction);
        }
        groups
            .into_values()
            .map(|(mut g, mut r)| {
                r.sort_unstable();
                g.reaction_median_minutes = percentile(&r, 50);
                g.reaction_p90_minutes = percentile(&r, 90);
                g
            })
            .collect()
    }
    Ok(SlaReport {
        from: rfc3339(from),
        to: rfc3339(to),
        by_policy: group(&tickets, |t| Some(t.policy)),
        by_organization: group(&tickets, |t| t.org),
        by_team: group(&tickets, |t| t.team),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<i64> = (1..=10).collect();
        assert_eq!(super::percentile(&v, 50), Some(5));
        assert_eq!(super::percentile(&v, 90), Some(9));
        assert_eq!(super::percentile(&[7], 90), Some(7));
        assert_eq!(super::percentile(&[], 50), None);
    }
}
