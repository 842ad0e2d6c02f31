//! The ticket's history on its page: status changes, assignments, urgency changes with their
//! reasons and every other recorded change, oldest first, with agents, teams and statuses by
//! name rather than by id.

use super::at;
use crate::AppState;
use crate::pages::desk::words;
use crate::pages::layout::tr;
use podpora_app::desk::StaffSession;
use podpora_app::tickets::Ticket;
use podpora_core::Language;
use serde::Serialize;

/// Fields the page names in words; others are shown by their recorded name.
const NAMED_FIELDS: &[&str] = &[
    "created",
    "status",
    "urgency",
    "subject",
    "category",
    "team_id",
    "assignee_id",
    "out_of_scope",
    "sla_warning",
    "sla_notice",
    "time_entry",
    "time_entry_note",
    "agreement_offered",
    "agreement_accepted",
    "quote_offered",
    "quote_accepted",
    "quote_declined",
    "merged_into",
    "merged_from",
    "linked",
    "sla_stopped",
];

/// One change.
#[derive(Serialize)]
pub struct HistoryRow {
    /// When, in the agent's zone.
    pub when: String,
    /// Who.
    pub who: String,
    /// What changed.
    pub what: String,
    /// The value before ("–" when none).
    pub before: String,
    /// The value after ("–" when none).
    pub after: String,
    /// The reason given, if any.
    pub reason: String,
}

/// Names for ids: agents and teams.
struct Names {
    agents: Vec<(i64, String)>,
    teams: Vec<(i64, String)>,
}

impl Names {
    fn of(list: &[(i64, String)], id: &str) -> Option<String> {
        let id: i64 = id.parse().ok()?;
        list.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone())
    }
}

fn who(state: &AppState, l: Language, names: &Names, actor: &str) -> String {
    match actor.split_once(':') {
        Some(("agent", id)) => Names::of(&names.agents, id).unwrap_or_else(|| actor.into()),
        Some(("contact" | "org-key" | "org-account", _)) => {
            tr(state, l, "desk-history-customer", &[])
        }
        _ => tr(state, l, "desk-history-system", &[]),
    }
}

fn value(state: &AppState, l: Language, names: &Names, field: &str, v: Option<&str>) -> String {
    let Some(v) = v.filter(|v| !v.is_empty()) else {
        return "–".into();
    };
    let named = match field {
        "status" => Some(words::status(state, l, v)),
        "urgency" => Some(tr(state, l, &format!("desk-urgency-{v}"), &[])),
        "assignee_id" => Names::of(&names.agents, v),
        "team_id" => Names::of(&names.teams, v),
        "sla_warning" => Some(words::clock_name(state, l, v)),
        "sla_stopped" => Some(
            v.split(',')
                .map(|m| words::clock_name(state, l, m))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        "sla_notice" if matches!(v, "sla_warning" | "sla_breach") => Some(tr(
            state,
            l,
            &format!("desk-history-{}", v.replace('_', "-")),
            &[],
        )),
        _ => None,
    };
    named.unwrap_or_else(|| v.to_string())
}

/// The history of `t`; empty when the agent may not read it.
pub async fn build(
    state: &AppState,
    l: Language,
    agent: &StaffSession,
    t: &Ticket,
) -> Vec<HistoryRow> {
    let actor = &agent.actor;
    let Ok(entries) = podpora_app::tickets::history(&state.app, actor, &t.number).await else {
        return Vec::new();
    };
    let db = &state.app.db;
    let names = Names {
        agents: podpora_app::staff::list_agents(db, actor)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect(),
        teams: podpora_app::staff::list_teams(db, actor)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|x| (x.id, x.name))
            .collect(),
    };
    entries
        .into_iter()
        .map(|e| {
            let f = e.field.as_str();
            HistoryRow {
                when: at(l, agent, &e.at),
                who: who(state, l, &names, &e.actor),
                what: if NAMED_FIELDS.contains(&f) {
                    tr(
                        state,
                        l,
                        &format!("desk-history-field-{}", f.replace('_', "-")),
                        &[],
                    )
                } else {
                    f.to_string()
                },
                before: value(state, l, &names, f, e.old_value.as_deref()),
                after: value(state, l, &names, f, e.new_value.as_deref()),
                reason: e.reason.unwrap_or_default(),
            }
        })
        .collect()
}
