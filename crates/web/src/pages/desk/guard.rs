//! Who may enter the workspace: the staff guard (a signed-in agent who gave the second factor,
//! others go to the sign-in page; an administrator who must set one up is kept to the profile), the per-permission guard, and the [`Staff`] extractor.

use crate::AppState;
use crate::pages::layout::{message, not_found};
use crate::pages::session::Visitor;
use axum::Router;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use podpora_app::desk::StaffSession;
use podpora_core::auth::Permission;

/// The signed-in agent, for a handler behind the staff guard.
#[derive(Debug, Clone)]
pub struct Staff(pub StaffSession);

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let v = Visitor::from_request_parts(parts, state).await?;
        v.agent()
            .cloned()
            .map(Staff)
            .ok_or_else(|| Redirect::to("/desk/sign-in").into_response())
    }
}

/// Lets a request into the workspace only with a live staff session whose second factor was
/// given; others are sent to sign in. The visitor is handed on, so it is looked up once.
pub async fn require_agent(
    State(_state): State<AppState>,
    v: Visitor,
    mut req: Request,
    next: Next,
) -> Response {
    let Some(agent) = v.agent() else {
        return Redirect::to("/desk/sign-in").into_response();
    };
    // An administrator who owes a second factor may only set it up (on the profile) or leave.
    if agent.owes_second_factor_setup && !open_without_second_factor(req.uri().path()) {
        return Redirect::to("/desk/profile").into_response();
    }
    req.extensions_mut().insert(v);
    next.run(req).await
}

/// The workspace pages an administrator who owes a second factor may still open.
fn open_without_second_factor(path: &str) -> bool {
    path == "/desk/profile" || path.starts_with("/desk/profile/") || path == "/desk/sign-out"
}

/// Puts `routes` behind a guard: the agent must hold `p`, else the page says so with 403,
/// whether the request is a link followed or a form posted directly.
pub fn needs(p: Permission, state: AppState, routes: Router<AppState>) -> Router<AppState> {
    routes.route_layer(middleware::from_fn_with_state(Gate { state, p }, gate))
}

#[derive(Clone)]
struct Gate {
    state: AppState,
    p: Permission,
}

async fn gate(State(g): State<Gate>, req: Request, next: Next) -> Response {
    let Some(v) = req.extensions().get::<Visitor>().cloned() else {
        return Redirect::to("/desk/sign-in").into_response();
    };
    match v.agent() {
        Some(a) if a.actor.can(g.p) => next.run(req).await,
        Some(_) => refused(&g.state, &v),
        None => Redirect::to("/desk/sign-in").into_response(),
    }
}

/// The page for an agent whose roles do not allow what they asked for.
pub fn refused(state: &AppState, v: &Visitor) -> Response {
    message(
        state,
        v,
        StatusCode::FORBIDDEN,
        "desk-title-refused",
        "desk-refused",
    )
}

/// Unknown workspace addresses get a page in the agent's language.
pub async fn unknown(State(state): State<AppState>, v: Visitor) -> Response {
    not_found(&state, &v)
}
