//! The customer portal: sign-in, setting a password from a mailed link, the customer's
//! requests, a new request, one request's conversation, the organization's plan and the
//! profile.

mod account;
mod accounts;
mod charges;
mod entitlements;
mod history;
mod new_request;
mod offer_link;
mod plan;
mod quotes;
mod record;
mod requests;
mod search;
mod sharing;
mod signin;

use crate::AppState;
use axum::Router;
use axum::routing::{get, post};

#[cfg(test)]
pub(crate) use plan::channel_key;
#[cfg(test)]
pub(crate) use requests::status_key;

/// The portal's main navigation for a signed-in customer.
pub fn nav(state: &AppState, v: &super::session::Visitor) -> Vec<super::layout::NavLink> {
    [
        ("/portal/requests", "web-nav-requests"),
        ("/portal/requests/new", "web-nav-new"),
        ("/portal/plan", "web-nav-plan"),
        ("/portal/profile", "web-nav-profile"),
        ("/portal/payments", "pay-nav"),
        ("/portal/help", "web-nav-help"),
    ]
    .into_iter()
    .map(|(href, key)| super::layout::NavLink {
        href,
        label: super::layout::tr(state, v.lang, key, &[]),
        current: v.path == href,
    })
    .collect()
}

/// Pages anyone may open: signing in and setting a password from a one-time link.
pub fn anonymous_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/portal",
            get(|| async { axum::response::Redirect::to("/") }),
        )
        .route("/portal/sign-in", get(signin::form).post(signin::submit))
        .merge(accounts::routes())
        // Unknown portal addresses get a page in the reader's language, not the API's JSON.
        .route("/portal/{*rest}", get(unknown))
        .route(
            "/portal/password-reset",
            get(account::reset_form).post(account::reset_submit),
        )
        .route(
            "/portal/password/{token}",
            get(account::link_form).post(account::link_submit),
        )
        .merge(offer_link::routes())
        .merge(record::anonymous_routes())
}

async fn unknown(
    axum::extract::State(state): axum::extract::State<AppState>,
    v: super::session::Visitor,
) -> axum::response::Response {
    super::layout::not_found(&state, &v)
}

/// Pages for a signed-in customer; [`super::router`] puts them behind the session guard.
pub fn customer_routes() -> Router<AppState> {
    Router::new()
        .route("/portal/requests", get(requests::list))
        .route(
            "/portal/requests/new",
            get(new_request::form).post(new_request::submit),
        )
        .route("/portal/requests/{number}", get(requests::show))
        .route("/portal/requests/{number}/reply", post(requests::reply))
        .route("/portal/requests/{number}/files/{id}", get(requests::file))
        .route("/portal/requests/{number}/solved", post(requests::solved))
        .route(
            "/portal/requests/{number}/not-solved",
            post(requests::not_solved),
        )
        .route(
            "/portal/requests/{number}/offers/{id}/accept",
            post(charges::accept),
        )
        .route("/portal/plan", get(plan::show))
        .route("/portal/profile", get(account::profile))
        .route("/portal/profile/password", post(account::change_password))
        .route("/portal/sign-out", post(account::sign_out))
        .route(
            "/portal/sign-out-everywhere",
            post(account::sign_out_everywhere),
        )
        .merge(quotes::routes())
        .merge(entitlements::routes())
        .merge(record::routes())
        .merge(sharing::routes())
}
