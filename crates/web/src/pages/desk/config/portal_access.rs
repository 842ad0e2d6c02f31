//! Switching a contact's portal access off and on from its workspace page: a switched-off
//! contact cannot sign in, and its open sessions end at once.

use super::form::{Posted, check_csrf};
use super::view::{Action, RecordView, fact, parse_id};
use crate::AppState;
use crate::pages::desk::Staff;
use crate::pages::layout::{failed, not_found, tr};
use crate::pages::session::Visitor;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use podpora_app::portal::{self, PortalAccount};
use podpora_app::{Actor, AppError};
use podpora_core::Language;

/// The switch's routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/desk/config/contacts/{id}/portal-access", post(switch))
}

/// Adds the contact's portal access and the button that switches it to its record page.
pub(super) async fn add_to_record(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    id: i64,
    record: &mut RecordView,
) {
    let disabled =
        match portal::portal_disabled(&state.app, actor, PortalAccount::Contact(id)).await {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!(error = %e, "reading portal access failed");
                return;
            }
        };
    let (value, button, to) = if disabled {
        ("desk-portal-access-off", "desk-portal-access-enable", "on")
    } else {
        ("desk-portal-access-on", "desk-portal-access-disable", "off")
    };
    record.facts.push(fact(
        state,
        lang,
        "portal_access",
        tr(state, lang, value, &[]),
    ));
    record.actions.push(Action {
        action: format!("/desk/config/contacts/{id}/portal-access?to={to}"),
        label: tr(state, lang, button, &[]),
    });
}

#[derive(serde::Deserialize)]
struct To {
    to: Option<String>,
}

/// `POST /desk/config/contacts/{id}/portal-access?to=off|on`.
async fn switch(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<To>,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    if let Some(r) = check_csrf(&state, &v, &Posted(p)) {
        return r;
    }
    let enabled = match q.to.as_deref() {
        Some("on") => true,
        Some("off") => false,
        _ => return not_found(&state, &v),
    };
    match portal::set_portal_access(
        &state.app,
        &agent.actor,
        PortalAccount::Contact(id),
        enabled,
    )
    .await
    {
        Ok(_) => Redirect::to(&format!("/desk/config/contacts/{id}?saved=1")).into_response(),
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(AppError::Forbidden(_)) => crate::pages::desk::guard::refused(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}
