//! Support plans, SLA policies, categories and out-of-scope items, read-only: what each plan
//! includes, what each policy promises, and the prepared answer of each scope item in the
//! agent's language. They are changed through the API.

use super::view::{ListView, Table, or_dash};
use crate::AppState;
use crate::pages::desk::Staff;
use crate::pages::layout::{failed, tr};
use crate::pages::session::Visitor;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use podpora_app::{plans, sla};

/// The plan and policy pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/desk/config/plans", get(plans_page))
        .route("/desk/config/sla-policies", get(policies_page))
        .route("/desk/config/categories", get(categories_page))
        .route("/desk/config/scope-items", get(scope_page))
}

/// `GET /desk/config/plans`.
async fn plans_page(State(state): State<AppState>, v: Visitor, Staff(agent): Staff) -> Response {
    let db = &state.app.db;
    let (list, cals) = match (
        plans::list_plans(db, &agent.actor).await,
        sla::list_calendars(db, &agent.actor).await,
    ) {
        (Ok(p), Ok(c)) => (p, c),
        (Err(e), _) | (_, Err(e)) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let mut table = Table::new(
        &state,
        l,
        &[
            "desk-cfg-field-name",
            "desk-cfg-col-code",
            "desk-cfg-col-rank",
            "desk-cfg-col-calendar",
            "desk-cfg-col-remote-minutes",
            "desk-cfg-col-work-minutes",
            "desk-cfg-col-hardware",
        ],
    );
    for p in list {
        let cal = p
            .support_calendar_id
            .and_then(|id| cals.iter().find(|c| c.id == id))
            .map(|c| c.name.clone());
        table.push(
            None,
            vec![
                p.name,
                p.code,
                p.rank.to_string(),
                or_dash(cal.as_deref()),
                p.remote_minutes_per_month.to_string(),
                p.work_minutes_per_month.to_string(),
                or_dash(p.hardware_replacement.as_deref()),
            ],
        );
    }
    ListView {
        new_href: None,
        table,
    }
    .render(&state, &v, tr(&state, l, "desk-cfg-plans", &[]), None)
}

/// `GET /desk/config/sla-policies`.
async fn policies_page(State(state): State<AppState>, v: Visitor, Staff(agent): Staff) -> Response {
    let db = &state.app.db;
    let (list, cals, all_plans) = match (
        sla::list_policies(db, &agent.actor).await,
        sla::list_calendars(db, &agent.actor).await,
        plans::list_plans(db, &agent.actor).await,
    ) {
        (Ok(p), Ok(c), Ok(pl)) => (p, c, pl),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let mut table = Table::new(
        &state,
        l,
        &[
            "desk-cfg-field-name",
            "desk-cfg-col-calendar",
            "desk-cfg-col-plan",
            "desk-cfg-col-category",
            "desk-cfg-col-reaction",
            "desk-cfg-col-first-answer",
            "desk-cfg-col-resolution",
            "desk-cfg-col-warn",
        ],
    );
    for p in list {
        let cal = cals
            .iter()
            .find(|c| c.id == p.calendar_id)
            .map(|c| c.name.clone());
        let plan = p
            .plan_id
            .and_then(|id| all_plans.iter().find(|x| x.id == id))
            .map(|x| x.name.clone());
        table.push(
            None,
            vec![
                p.name,
                or_dash(cal.as_deref()),
                or_dash(plan.as_deref()),
                or_dash(p.category.as_deref()),
                or_dash(p.reaction.as_deref()),
                or_dash(p.first_answer.as_deref()),
                or_dash(p.resolution.as_deref()),
                p.warn_percent
                    .map_or_else(|| "–".into(), |w| format!("{w} %")),
            ],
        );
    }
    ListView {
        new_href: None,
        table,
    }
    .render(
        &state,
        &v,
        tr(&state, l, "desk-cfg-sla-policies", &[]),
        None,
    )
}

/// `GET /desk/config/categories`.
async fn categories_page(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
) -> Response {
    let list = match plans::list_categories(&state.app.db, &agent.actor).await {
        Ok(c) => c,
        Err(e) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let mut table = Table::new(
        &state,
        l,
        &[
            "desk-cfg-field-name",
            "desk-cfg-col-code",
            "desk-cfg-col-plannable",
        ],
    );
    for c in list {
        let plannable = tr(
            &state,
            l,
            if c.plannable {
                "desk-cfg-yes"
            } else {
                "desk-cfg-no"
            },
            &[],
        );
        table.push(None, vec![c.name, c.code, plannable]);
    }
    ListView {
        new_href: None,
        table,
    }
    .render(&state, &v, tr(&state, l, "desk-cfg-categories", &[]), None)
}

/// `GET /desk/config/scope-items`: each item with its answer in the agent's language.
async fn scope_page(State(state): State<AppState>, v: Visitor, Staff(agent): Staff) -> Response {
    let list = match plans::list_scope_items(&state.app.db, &agent.actor).await {
        Ok(c) => c,
        Err(e) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let mut table = Table::new(
        &state,
        l,
        &[
            "desk-cfg-col-title",
            "desk-cfg-col-code",
            "desk-cfg-col-product",
            "desk-cfg-col-category",
            "desk-cfg-col-answer",
        ],
    );
    for s in list {
        let answer = match l {
            podpora_core::Language::Sk => s.answers.sk,
            podpora_core::Language::Cs => s.answers.cs,
            podpora_core::Language::Pl => s.answers.pl,
            podpora_core::Language::En => s.answers.en,
        };
        table.push(
            None,
            vec![
                s.title,
                s.code,
                or_dash(s.product.as_deref()),
                or_dash(s.category.as_deref()),
                answer,
            ],
        );
    }
    ListView {
        new_href: None,
        table,
    }
    .render(&state, &v, tr(&state, l, "desk-cfg-scope-items", &[]), None)
}
