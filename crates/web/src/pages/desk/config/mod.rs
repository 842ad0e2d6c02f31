//! Customers and configuration in the workspace: organizations and contacts for dispatchers and
//! administrators; agents, teams, calendars, plans, SLA policies, categories and scope items for
//! administrators. Every
//! page calls the same use case as the REST API, so a change lands in the audit history and a
//! refusal carries the API's own message, shown next to the field it names.

mod account_requests;
mod addresses;
mod answers;
mod assets;
mod calendars;
mod contacts;
mod contracts;
mod form;
mod mail_templates;
mod organizations;
mod plans;
mod portal_access;
mod staff;
mod view;

use super::{Staff, needs};
use crate::AppState;
use crate::pages::layout::{Page, tr};
use crate::pages::session::Visitor;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use podpora_core::auth::Permission;
use serde::Serialize;

/// The sections of the configuration index: address, message id, permission needed.
const SECTIONS: &[(&str, &str, Permission)] = &[
    (
        "/desk/config/organizations",
        "desk-cfg-organizations",
        Permission::WriteCustomers,
    ),
    (
        "/desk/config/contacts",
        "desk-cfg-contacts",
        Permission::WriteCustomers,
    ),
    (
        "/desk/config/agents",
        "desk-cfg-agents",
        Permission::ManageStaff,
    ),
    (
        "/desk/config/teams",
        "desk-cfg-teams",
        Permission::ManageStaff,
    ),
    (
        "/desk/config/calendars",
        "desk-cfg-calendars",
        Permission::ManageStaff,
    ),
    (
        "/desk/config/plans",
        "desk-cfg-plans",
        Permission::ManageStaff,
    ),
    (
        "/desk/config/sla-policies",
        "desk-cfg-sla-policies",
        Permission::ManageStaff,
    ),
    (
        "/desk/config/categories",
        "desk-cfg-categories",
        Permission::ManageStaff,
    ),
    (
        "/desk/config/scope-items",
        "desk-cfg-scope-items",
        Permission::ManageStaff,
    ),
    (
        "/desk/config/prepared-answers",
        "desk-cfg-prepared-answers",
        Permission::WriteCustomers,
    ),
    (
        "/desk/config/account-requests",
        "acc-pending-title",
        Permission::WriteCustomers,
    ),
    (
        "/desk/config/assets",
        "desk-cfg-assets",
        Permission::ManageStaff,
    ),
    (
        "/desk/config/mail-templates",
        "desk-set-mail-templates",
        Permission::ManageStaff,
    ),
    (
        "/desk/config/support-addresses",
        "desk-set-addresses",
        Permission::ManageStaff,
    ),
];

/// The configuration pages. Customers' pages need [`Permission::WriteCustomers`] (dispatchers
/// and administrators), the rest [`Permission::ManageStaff`] (administrators); the guard
/// refuses a direct GET or POST alike, before any handler runs.
pub fn routes(state: AppState) -> Router<AppState> {
    let customers = Router::new()
        .route("/desk/config", get(index))
        .merge(organizations::routes())
        .merge(contacts::routes())
        .merge(answers::routes())
        .merge(account_requests::routes())
        .merge(portal_access::routes());
    let admin = Router::new()
        .merge(staff::routes())
        .merge(calendars::routes())
        .merge(plans::routes())
        .merge(assets::routes())
        .merge(contracts::routes())
        .merge(mail_templates::routes())
        .merge(addresses::routes());
    needs(Permission::WriteCustomers, state.clone(), customers).merge(needs(
        Permission::ManageStaff,
        state,
        admin,
    ))
}

#[derive(Serialize)]
struct Link {
    href: &'static str,
    label: String,
}

#[derive(Serialize)]
struct IndexView {
    links: Vec<Link>,
}

/// `GET /desk/config`: the sections the agent's roles open.
async fn index(State(state): State<AppState>, v: Visitor, Staff(agent): Staff) -> Response {
    let links = SECTIONS
        .iter()
        .filter(|(_, _, p)| agent.actor.can(*p))
        .map(|(href, key, _)| Link {
            href,
            label: tr(&state, v.lang, key, &[]),
        })
        .collect();
    Page {
        template: "desk/config/index",
        title: tr(&state, v.lang, "desk-cfg-title", &[]),
        notice: None,
        view: &IndexView { links },
        status: StatusCode::OK,
    }
    .render(&state, &v)
}
