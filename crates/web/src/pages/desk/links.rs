//! Duplicates on the ticket page: the linked and merged tickets, linking with another ticket by
//! its number, removing a link, and merging this ticket into another. A refusal shows the page
//! again with the number typed and the reason next to the field.

use super::ticket::render;
use super::{Staff, guard::refused, words};
use crate::AppState;
use crate::pages::layout::{csrf_refused, failed, not_found, tr};
use crate::pages::session::Visitor;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::post};
use podpora_app::AppError;
use podpora_app::desk::StaffSession;
use podpora_app::tickets::{self, LinkRefusal, MergeInto, NewLink};
use podpora_core::{Language, auth::Permission};
use serde::{Deserialize, Serialize};

/// The forms' routes, for agents who write tickets.
pub fn routes(state: AppState) -> Router<AppState> {
    let writers = Router::new()
        .route("/desk/tickets/{number}/links", post(add))
        .route("/desk/tickets/{number}/links/remove", post(remove))
        .route("/desk/tickets/{number}/merge", post(merge));
    super::needs(Permission::WriteTickets, state, writers)
}

/// One linked ticket as the page lists it.
#[derive(Serialize)]
pub struct LinkView {
    /// Its number.
    pub number: String,
    /// Its subject.
    pub subject: String,
    /// Its status in words.
    pub status: String,
    /// How it relates, in words.
    pub relation: String,
    /// Whether the link can be removed (a related one; a merge stays).
    pub removable: bool,
}

/// The duplicates part of the ticket page.
#[derive(Serialize, Default)]
pub struct Duplicates {
    /// Linked and merged tickets.
    pub links: Vec<LinkView>,
    /// The ticket this one was merged into.
    pub merged_into: Option<String>,
    /// The number typed in the link form, kept after a refusal.
    pub link_number: String,
    /// Why linking was refused.
    pub link_error: Option<String>,
    /// The number typed in the merge form, kept after a refusal.
    pub merge_number: String,
    /// Why merging was refused.
    pub merge_error: Option<String>,
}

/// The ticket's links as `agent` reads them; none when they cannot be read.
pub async fn build(
    state: &AppState,
    lang: Language,
    agent: &StaffSession,
    number: &str,
) -> Duplicates {
    let links = tickets::links(&state.app, &agent.actor, number)
        .await
        .unwrap_or_default();
    Duplicates {
        merged_into: links
            .iter()
            .find(|l| l.kind == "merged_into")
            .map(|l| l.number.clone()),
        links: links
            .into_iter()
            .map(|l| LinkView {
                relation: tr(
                    state,
                    lang,
                    &format!("desk-link-kind-{}", l.kind.replace('_', "-")),
                    &[],
                ),
                status: words::status(state, lang, l.status.as_str()),
                removable: l.kind == "related",
                number: l.number,
                subject: l.subject,
            })
            .collect(),
        ..Duplicates::default()
    }
}

/// The agent's words for a refusal of the use case (the API's message when it has none).
fn refusal_text(state: &AppState, lang: Language, e: &podpora_core::ValidationError) -> String {
    let message = e.errors.first().map(|f| f.message.as_str()).unwrap_or("");
    match LinkRefusal::from_message(message) {
        Some(r) => tr(state, lang, &format!("desk-link-refused-{}", r.code()), &[]),
        None => message.to_string(),
    }
}

/// The link form.
#[derive(Deserialize)]
pub struct LinkForm {
    csrf: String,
    #[serde(default)]
    other: String,
}

/// The merge form.
#[derive(Deserialize)]
pub struct MergeForm {
    csrf: String,
    #[serde(default)]
    into: String,
}

/// `POST /desk/tickets/{number}/links`: links this ticket with another by its number.
async fn add(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(number): Path<String>,
    Form(f): Form<LinkForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let input = NewLink {
        number: f.other.clone(),
    };
    match tickets::link(&state.app, &agent.actor, &number, input).await {
        Ok(_) => Redirect::to(&format!("/desk/tickets/{number}#links")).into_response(),
        Err(AppError::Validation(e)) => {
            let message = refusal_text(&state, v.lang, &e);
            render(
                &state,
                &v,
                &agent,
                &number,
                move |view| {
                    view.duplicates.link_number = f.other;
                    view.duplicates.link_error = Some(message);
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => other_failure(&state, &v, e),
    }
}

/// `POST /desk/tickets/{number}/links/remove`: removes the link with ticket `other`.
async fn remove(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(number): Path<String>,
    Form(f): Form<LinkForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    match tickets::unlink(&state.app, &agent.actor, &number, f.other.trim()).await {
        Ok(()) => Redirect::to(&format!("/desk/tickets/{number}#links")).into_response(),
        Err(e) => other_failure(&state, &v, e),
    }
}

/// `POST /desk/tickets/{number}/merge`: merges this ticket into another and opens the target.
async fn merge(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(number): Path<String>,
    Form(f): Form<MergeForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let input = MergeInto {
        into: f.into.clone(),
    };
    let (message, status) = match tickets::merge(&state.app, &agent.actor, &number, input).await {
        Ok(t) => {
            return Redirect::to(&format!("/desk/tickets/{}?done=merged", t.number))
                .into_response();
        }
        Err(AppError::Validation(e)) => (
            refusal_text(&state, v.lang, &e),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(AppError::Conflict(_)) => (
            tr(&state, v.lang, "desk-link-refused-already-merged", &[]),
            StatusCode::CONFLICT,
        ),
        Err(e) => return other_failure(&state, &v, e),
    };
    render(
        &state,
        &v,
        &agent,
        &number,
        move |view| {
            view.duplicates.merge_number = f.into;
            view.duplicates.merge_error = Some(message);
        },
        status,
    )
    .await
}

fn other_failure(state: &AppState, v: &Visitor, e: AppError) -> Response {
    match e {
        AppError::NotFound(_) => not_found(state, v),
        AppError::Forbidden(_) => refused(state, v),
        e => failed(state, v, &e),
    }
}
