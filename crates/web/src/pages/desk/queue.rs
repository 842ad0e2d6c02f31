//! The service queue: open requests in service order, each with the reason for its place and a
//! countdown of its nearest SLA clock; filters; and a small JSON answer the page polls so new
//! requests appear without a reload.

use super::Staff;
use super::words::{self, countdown, reason};
use crate::AppState;
use crate::pages::layout::{Page, failed, tr};
use crate::pages::session::Visitor;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use podpora_app::desk::{ClockView, DeskQueue, QueueFilter, StaffSession};
use podpora_core::{Channel, TicketStatus};
use serde::Serialize;

/// One row of the queue's table.
#[derive(Serialize)]
struct Row {
    position: u32,
    number: String,
    subject: String,
    status: String,
    urgent: bool,
    organization: String,
    reason: String,
    countdown: String,
    /// `ok`, `warning`, `breached`, `paused` or `none`.
    clock_state: &'static str,
    due_ms: Option<i64>,
    warn_ms: Option<i64>,
    minutes_left: Option<i64>,
    ticking: bool,
}

/// A choice of a filter.
#[derive(Serialize)]
struct Opt {
    value: String,
    name: String,
}

/// A filter: its field name, label and choices, and the chosen value.
#[derive(Serialize)]
struct Filter {
    name: &'static str,
    label: String,
    options: Vec<Opt>,
    chosen: String,
}

#[derive(Serialize)]
pub(super) struct View {
    count: String,
    rows: Vec<Row>,
    filters: Vec<Filter>,
    filtered: bool,
    /// The JSON address the page polls, with the same filters.
    live: String,
    patterns: words::Patterns,
    /// The agent's saved views and the form saving the current filters.
    pub(super) saved: super::views::Saved,
}

fn rows(state: &AppState, v: &Visitor, agent: &StaffSession, q: &DeskQueue) -> Vec<Row> {
    q.positions
        .iter()
        .map(|p| {
            let e = &p.entry;
            let (clock_state, due_ms, warn_ms, minutes_left, ticking) = match &p.clock {
                ClockView::Running(c) => (
                    c.state,
                    Some(c.due_at),
                    c.warn_at,
                    Some(c.minutes_left),
                    c.ticking,
                ),
                ClockView::Paused => ("paused", None, None, None, false),
                ClockView::None => ("none", None, None, None, false),
            };
            Row {
                position: e.position,
                number: e.number.clone(),
                subject: e.subject.clone(),
                status: words::status(state, v.lang, &e.status),
                urgent: e.urgency == "urgent",
                organization: e
                    .organization_id
                    .and_then(|id| q.organizations.get(&id).cloned())
                    .unwrap_or_default(),
                reason: reason(state, v.lang, &agent.zone, p),
                countdown: countdown(state, v.lang, &p.clock),
                clock_state,
                due_ms,
                warn_ms,
                minutes_left,
                ticking,
            }
        })
        .collect()
}

async fn filters(
    state: &AppState,
    v: &Visitor,
    agent: &StaffSession,
    q: &DeskQueue,
    f: &QueueFilter,
) -> Vec<Filter> {
    let t = |k: &str| tr(state, v.lang, k, &[]);
    let chosen = |o: &Option<String>| o.clone().unwrap_or_default();
    let opt = |value: String, name: String| Opt { value, name };
    // Names the agent may not read are left out of the choices, not refused.
    let teams = podpora_app::staff::list_teams(&state.app.db, &agent.actor)
        .await
        .unwrap_or_default();
    let agents = podpora_app::staff::list_agents(&state.app.db, &agent.actor)
        .await
        .unwrap_or_default();
    let plans = podpora_app::plans::list_plans(&state.app.db, &agent.actor)
        .await
        .unwrap_or_default();
    let mut team_opts = vec![opt("none".into(), t("desk-filter-no-team"))];
    team_opts.extend(teams.into_iter().map(|x| opt(x.id.to_string(), x.name)));
    let mut assignee_opts = vec![
        opt("me".into(), t("desk-filter-me")),
        opt("none".into(), t("desk-filter-unassigned")),
    ];
    assignee_opts.extend(
        agents
            .into_iter()
            .filter(|a| a.active)
            .map(|a| opt(a.id.to_string(), a.name)),
    );
    let mut plan_opts = vec![opt("basic".into(), t("desk-plan-basic"))];
    plan_opts.extend(plans.into_iter().map(|p| opt(p.code, p.name)));
    vec![
        Filter {
            name: "team",
            label: t("desk-filter-team"),
            options: team_opts,
            chosen: chosen(&f.team),
        },
        Filter {
            name: "status",
            label: t("web-field-status"),
            options: TicketStatus::ALL
                .iter()
                .filter(|s| s.is_open())
                .map(|s| opt(s.as_str().into(), words::status(state, v.lang, s.as_str())))
                .collect(),
            chosen: chosen(&f.status),
        },
        Filter {
            name: "assignee",
            label: t("desk-filter-assignee"),
            options: assignee_opts,
            chosen: chosen(&f.assignee),
        },
        Filter {
            name: "organization",
            label: t("desk-filter-organization"),
            options: q
                .organizations
                .iter()
                .map(|(id, name)| opt(id.to_string(), name.clone()))
                .collect(),
            chosen: chosen(&f.organization),
        },
        Filter {
            name: "plan",
            label: t("desk-filter-plan"),
            options: plan_opts,
            chosen: chosen(&f.plan),
        },
        Filter {
            name: "channel",
            label: t("desk-filter-channel"),
            options: Channel::ALL
                .iter()
                .map(|c| opt(c.as_str().into(), t(&format!("web-channel-{}", c.as_str()))))
                .collect(),
            chosen: chosen(&f.channel),
        },
        Filter {
            name: "category",
            label: t("desk-filter-category"),
            options: q
                .categories
                .iter()
                .map(|c| opt(c.clone(), c.clone()))
                .collect(),
            chosen: chosen(&f.category),
        },
        Filter {
            name: "urgency",
            label: t("desk-filter-urgency"),
            options: vec![
                opt("urgent".into(), t("desk-urgency-urgent")),
                opt("normal".into(), t("desk-urgency-normal")),
            ],
            chosen: chosen(&f.urgency),
        },
    ]
}

fn count(state: &AppState, v: &Visitor, n: usize) -> String {
    tr(
        state,
        v.lang,
        "desk-queue-count",
        &[("count", u64::try_from(n).unwrap_or(u64::MAX).into())],
    )
}

/// `GET /desk/queue`.
pub async fn show(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Query(f): Query<QueueFilter>,
) -> Response {
    render(&state, &v, &agent, &f, |_| {}, StatusCode::OK).await
}

/// The queue page with filters `f`, after `edit` adjusted its view (a saved view's error).
pub(super) async fn render(
    state: &AppState,
    v: &Visitor,
    agent: &StaffSession,
    f: &QueueFilter,
    edit: impl FnOnce(&mut View),
    status: StatusCode,
) -> Response {
    let q = match podpora_app::desk::queue(&state.app, &agent.actor, f).await {
        Ok(q) => q,
        Err(e) => return failed(state, v, &e),
    };
    let rows = rows(state, v, agent, &q);
    let query = podpora_app::desk::views::filter_query(f);
    let mut view = View {
        count: count(state, v, rows.len()),
        filtered: filters_given(f),
        filters: filters(state, v, agent, &q, f).await,
        rows,
        live: format!("/desk/queue/live?{query}"),
        patterns: words::patterns(state, v.lang),
        saved: super::views::saved(state, agent, f).await,
    };
    edit(&mut view);
    Page {
        template: "desk/queue",
        title: tr(state, v.lang, "desk-queue-title", &[]),
        notice: None,
        view: &view,
        status,
    }
    .render(state, v)
}

fn filters_given(f: &QueueFilter) -> bool {
    [
        &f.team,
        &f.status,
        &f.assignee,
        &f.organization,
        &f.plan,
        &f.channel,
        &f.category,
        &f.urgency,
    ]
    .iter()
    .any(|o| o.as_deref().is_some_and(|s| !s.trim().is_empty()))
}

/// What the page's script fetches.
#[derive(Serialize)]
struct Live {
    count: String,
    rows: String,
}

/// `GET /desk/queue/live`: the count and the table's rows, rendered as on the page.
pub async fn live(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Query(f): Query<QueueFilter>,
) -> Response {
    let q = match podpora_app::desk::queue(&state.app, &agent.actor, &f).await {
        Ok(q) => q,
        Err(e) => return failed(&state, &v, &e),
    };
    #[derive(Serialize)]
    struct Fragment {
        rows: Vec<Row>,
    }
    let rows = rows(&state, &v, &agent, &q);
    let n = rows.len();
    let html = state
        .app
        .renderer()
        .map_err(|e| e.to_string())
        .and_then(|r| {
            r.page("desk/queue-rows", v.lang, &Fragment { rows })
                .map_err(|e| e.to_string())
        });
    match html {
        Ok(rows) => Json(Live {
            count: count(&state, &v, n),
            rows,
        })
        .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "the queue's rows failed to render");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
