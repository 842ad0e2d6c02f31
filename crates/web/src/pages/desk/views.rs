//! Saved views on the queue page: the agent's own views as links that open the queue with
//! their filters, a form saving the current filters under a name, and deleting a view.

use super::Staff;
use super::queue::render;
use crate::AppState;
use crate::pages::layout::{csrf_refused, failed, not_found, tr};
use crate::pages::session::Visitor;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::post};
use podpora_app::AppError;
use podpora_app::desk::{QueueFilter, StaffSession, views};
use podpora_core::auth::Permission;
use serde::{Deserialize, Serialize};

/// The forms' routes, for agents who read the queue.
pub fn routes(state: AppState) -> Router<AppState> {
    let readers = Router::new()
        .route("/desk/queue/views", post(save))
        .route("/desk/queue/views/{id}/delete", post(delete));
    super::needs(Permission::ReadTickets, state, readers)
}

/// One saved view as a link.
#[derive(Serialize)]
pub struct ViewLink {
    /// Id, for deleting it.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The queue's address with its filters.
    pub href: String,
    /// Whether the queue shows exactly its filters now.
    pub current: bool,
}

/// The saved views part of the queue page.
#[derive(Serialize, Default)]
pub struct Saved {
    /// The agent's views.
    pub views: Vec<ViewLink>,
    /// The current filters, carried by the save form.
    pub fields: Vec<(String, String)>,
    /// Whether any filter is chosen, so there is something to save.
    pub can_save: bool,
    /// The name typed, kept after a refusal.
    pub name: String,
    /// Why saving was refused.
    pub error: Option<String>,
}

/// The agent's views and the current filters `f`.
pub async fn saved(state: &AppState, agent: &StaffSession, f: &QueueFilter) -> Saved {
    let query = views::filter_query(f);
    let list = views::list(&state.app, &agent.actor)
        .await
        .unwrap_or_default();
    let fields = KEYS
        .iter()
        .filter_map(|k| {
            let v = value_of(f, k).filter(|v| !v.is_empty())?;
            Some((k.to_string(), v))
        })
        .collect();
    Saved {
        views: list
            .into_iter()
            .map(|s| ViewLink {
                current: s.query == query,
                id: s.id,
                name: s.name,
                href: format!("/desk/queue?{}", s.query),
            })
            .collect(),
        fields,
        can_save: !query.is_empty(),
        ..Saved::default()
    }
}

/// The queue's filter fields.
const KEYS: [&str; 8] = [
    "team",
    "status",
    "assignee",
    "organization",
    "plan",
    "channel",
    "category",
    "urgency",
];

fn value_of(f: &QueueFilter, key: &str) -> Option<String> {
    let v = match key {
        "team" => &f.team,
        "status" => &f.status,
        "assignee" => &f.assignee,
        "organization" => &f.organization,
        "plan" => &f.plan,
        "channel" => &f.channel,
        "category" => &f.category,
        "urgency" => &f.urgency,
        _ => return None,
    };
    v.as_deref().map(|s| s.trim().to_string())
}

/// The save form: a name and the filters.
#[derive(Deserialize)]
pub struct SaveForm {
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(flatten)]
    filter: QueueFilter,
}

/// `POST /desk/queue/views`: saves the filters and opens the queue with them.
async fn save(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Form(f): Form<SaveForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    match views::save(&state.app, &agent.actor, &f.name, &f.filter).await {
        Ok(s) => Redirect::to(&format!("/desk/queue?{}", s.query)).into_response(),
        Err(AppError::Validation(e)) => {
            let key = if e.errors.iter().any(|x| x.field == "name") {
                "desk-views-name-needed"
            } else {
                "desk-views-filters-needed"
            };
            let message = tr(&state, v.lang, key, &[]);
            let name = f.name;
            render(
                &state,
                &v,
                &agent,
                &f.filter,
                move |view| {
                    view.saved.name = name;
                    view.saved.error = Some(message);
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => failed(&state, &v, &e),
    }
}

/// The delete form.
#[derive(Deserialize)]
pub struct DeleteForm {
    csrf: String,
}

/// `POST /desk/queue/views/{id}/delete`: deletes one of the agent's views; another agent's
/// view is not found.
async fn delete(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
    Form(f): Form<DeleteForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let Ok(id) = id.parse::<i64>() else {
        return not_found(&state, &v);
    };
    match views::delete(&state.app, &agent.actor, id).await {
        Ok(()) => Redirect::to("/desk/queue").into_response(),
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}
