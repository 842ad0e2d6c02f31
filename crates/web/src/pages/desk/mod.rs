//! The agent workspace under `/desk`: staff sign-in, the profile and, behind the staff guard,
//! the pages agents work in. Who may enter what reads off [`routes`]: anonymous pages, pages
//! for any signed-in agent, and groups behind [`needs`] for one permission. Handlers get the
//! agent as [`Staff`]; forms check the CSRF token themselves, as the portal's do.

mod billing;
mod config;
mod extras;
mod files;
mod guard;
mod kb;
mod links;
mod mail_html;
mod profile;
mod queue;
mod quotes;
mod search;
mod second_factor;
mod signin;
mod ticket;
mod ticket_actions;
mod views;
mod words;

pub use guard::{Staff, needs, require_agent};

use crate::AppState;
use crate::pages::layout::{NavLink, tr};
use crate::pages::session::Visitor;
use axum::Router;
use axum::response::Redirect;
use axum::routing::{get, post};
use podpora_app::desk::StaffSession;
use podpora_core::auth::Permission;

/// The workspace's main navigation: each entry with the permission it needs (`None`: every
/// agent). A link an agent's roles do not allow is not shown, and its route refuses them too.
const NAV: &[(&str, &str, Option<Permission>)] = &[
    (
        "/desk/queue",
        "desk-nav-queue",
        Some(Permission::ReadTickets),
    ),
    ("/desk/profile", "desk-nav-profile", None),
    (
        "/desk/config",
        "desk-nav-config",
        Some(Permission::WriteCustomers),
    ),
    (
        "/desk/payments",
        "pay-nav",
        Some(Permission::ManagePayments),
    ),
    ("/desk/kb", "desk-nav-kb", Some(Permission::ReadTickets)),
];

/// The navigation links `agent` may follow.
pub fn nav(state: &AppState, v: &Visitor, agent: &StaffSession) -> Vec<NavLink> {
    NAV.iter()
        .filter(|(_, _, p)| p.is_none_or(|p| agent.actor.can(p)))
        .map(|(href, key, _)| NavLink {
            href,
            label: tr(state, v.lang, key, &[]),
            current: v.path == *href || v.path.starts_with(&format!("{href}/")),
        })
        .collect()
}

/// Pages anyone may open: signing in (and giving the second factor).
pub fn anonymous_routes() -> Router<AppState> {
    Router::new()
        .route("/desk/sign-in", get(signin::form).post(signin::submit))
        .route(
            "/desk/sign-in/code",
            get(second_factor::form).post(second_factor::submit),
        )
}

/// Pages for a signed-in agent; [`super::router`] puts them behind the staff guard.
pub fn staff_routes(state: AppState) -> Router<AppState> {
    let readers = Router::new()
        .route("/desk/queue", get(queue::show))
        .route("/desk/queue/live", get(queue::live))
        .route("/desk/tickets/{number}", get(ticket::show));
    let writers = Router::new()
        .route("/desk/tickets/{number}", post(ticket::change))
        .route("/desk/tickets/{number}/articles", post(ticket::add_article))
        .route(
            "/desk/tickets/{number}/answer",
            post(ticket_actions::use_answer),
        )
        .route(
            "/desk/tickets/{number}/out-of-scope",
            post(ticket_actions::out_of_scope),
        );
    Router::new()
        .route("/desk", get(|| async { Redirect::to("/desk/queue") }))
        .merge(needs(Permission::ReadTickets, state.clone(), readers))
        .merge(needs(Permission::WriteTickets, state.clone(), writers))
        .merge(kb::routes(state.clone()))
        .merge(search::routes(state.clone()))
        .merge(links::routes(state.clone()))
        .merge(files::routes(state.clone()))
        .merge(views::routes(state.clone()))
        .merge(config::routes(state.clone()))
        .merge(billing::routes(state.clone()))
        .merge(quotes::routes(state))
        .route("/desk/profile", get(profile::show).post(profile::save))
        .route("/desk/profile/totp", post(second_factor::start))
        .route("/desk/profile/totp/confirm", post(second_factor::confirm))
        .route("/desk/sign-out", post(signin::sign_out))
        .route("/desk/{*rest}", get(guard::unknown))
}
