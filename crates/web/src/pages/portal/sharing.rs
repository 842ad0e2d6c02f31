//! Sharing a request with colleagues from its page: the contact who asked ticks who else of
//! the organization may follow and answer it.

use crate::AppState;
use crate::pages::layout::{csrf_refused, failed, not_found};
use crate::pages::session::Visitor;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use podpora_app::portal::{self, Colleague};
use podpora_app::{Actor, AppError};
use serde::Deserialize;

/// The sharing form's route (behind the customer guard).
pub fn routes() -> Router<AppState> {
    Router::new().route("/portal/requests/{number}/share", post(share))
}

/// The colleagues the request page offers to share with; empty unless the reader asked.
pub(super) async fn colleagues(state: &AppState, actor: &Actor, number: &str) -> Vec<Colleague> {
    portal::colleagues(&state.app, actor, number)
        .await
        .unwrap_or_else(|e| {
            tracing::warn!(error = %e, "reading colleagues to share with failed");
            Vec::new()
        })
}

/// One colleague to share with (`on=1`) or to stop sharing with (`on=0`).
#[derive(Deserialize)]
pub struct ShareForm {
    csrf: String,
    contact_id: String,
    on: String,
}

/// `POST /portal/requests/{number}/share`.
async fn share(
    State(state): State<AppState>,
    v: Visitor,
    Path(number): Path<String>,
    Form(f): Form<ShareForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    let Ok(colleague) = f.contact_id.trim().parse::<i64>() else {
        return not_found(&state, &v);
    };
    let on = f.on == "1";
    match portal::set_shared(&state.app, &actor, &number, colleague, on).await {
        Ok(()) => Redirect::to(&format!("/portal/requests/{number}#sharing")).into_response(),
        // Another's request, or a contact who is no colleague: as if neither existed.
        Err(AppError::NotFound(_) | AppError::Forbidden(_) | AppError::Validation(_)) => {
            not_found(&state, &v)
        }
        Err(e) => failed(&state, &v, &e),
    }
}
