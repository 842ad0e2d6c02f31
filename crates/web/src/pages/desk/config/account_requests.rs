//! Account requests from the portal: dispatchers and administrators see the pending
//! ones and approve (the contact is created and invited) or decline with a short reason.

use super::form::{Posted, check_csrf};
use super::view::parse_id;
use crate::AppState;
use crate::pages::desk::Staff;
use crate::pages::layout::{Page, failed, not_found, tr, when};
use crate::pages::portal_url;
use crate::pages::session::Visitor;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use podpora_app::AppError;
use podpora_app::account_requests;
use serde::{Deserialize, Serialize};

const LIST: &str = "/desk/config/account-requests";

/// The account requests' pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(LIST, get(list))
        .route("/desk/config/account-requests/{id}/approve", post(approve))
        .route("/desk/config/account-requests/{id}/decline", post(decline))
}

#[derive(Serialize)]
struct Row {
    id: i64,
    organization: String,
    company_id: String,
    name: String,
    email: String,
    asked: String,
}

#[derive(Serialize)]
struct View {
    requests: Vec<Row>,
    error: Option<String>,
}

/// Which confirmation the list shows after a decision.
#[derive(Deserialize)]
struct Done {
    done: Option<String>,
}

async fn render(
    state: &AppState,
    v: &Visitor,
    agent: &podpora_app::desk::StaffSession,
    notice: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let all = match account_requests::pending(&state.app, &agent.actor).await {
        Ok(a) => a,
        Err(e) => return failed(state, v, &e),
    };
    let requests = all
        .into_iter()
        .map(|r| Row {
            id: r.id,
            organization: r.organization,
            company_id: r.company_id,
            name: r.name,
            email: r.email,
            asked: when(v.lang, &r.created_at),
        })
        .collect();
    Page {
        template: "accounts/pending",
        title: tr(state, v.lang, "acc-pending-title", &[]),
        notice,
        view: &View { requests, error },
        status,
    }
    .render(state, v)
}

/// `GET /desk/config/account-requests`.
async fn list(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Query(q): Query<Done>,
) -> Response {
    let notice = match q.done.as_deref() {
        Some("approved") => Some(tr(&state, v.lang, "acc-notice-approved", &[])),
        Some("declined") => Some(tr(&state, v.lang, "acc-notice-declined", &[])),
        _ => None,
    };
    render(&state, &v, &agent, notice, None, StatusCode::OK).await
}

/// Shows the list again with why a decision was refused.
async fn refused(
    state: &AppState,
    v: &Visitor,
    agent: &podpora_app::desk::StaffSession,
    e: AppError,
) -> Response {
    let error = match e {
        AppError::NotFound(_) => return not_found(state, v),
        AppError::Conflict(_) => tr(state, v.lang, "acc-error-decided", &[]),
        AppError::Validation(errs) => errs
            .errors
            .into_iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; "),
        e => return failed(state, v, &e),
    };
    render(
        state,
        v,
        agent,
        None,
        Some(error),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await
}

/// `POST /desk/config/account-requests/{id}/approve`.
async fn approve(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    let p = Posted(p);
    if let Some(r) = check_csrf(&state, &v, &p) {
        return r;
    }
    let url = portal_url(&v.settings, &headers);
    match account_requests::approve(&state.app, &agent.actor, id, &url).await {
        Ok(_) => Redirect::to(&format!("{LIST}?done=approved")).into_response(),
        Err(e) => refused(&state, &v, &agent, e).await,
    }
}

/// `POST /desk/config/account-requests/{id}/decline`.
async fn decline(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    let p = Posted(p);
    if let Some(r) = check_csrf(&state, &v, &p) {
        return r;
    }
    match account_requests::decline(&state.app, &agent.actor, id, p.get("reason")).await {
        Ok(()) => Redirect::to(&format!("{LIST}?done=declined")).into_response(),
        Err(e) => refused(&state, &v, &agent, e).await,
    }
}
