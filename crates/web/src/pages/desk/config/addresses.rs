//! Support addresses: the addresses the mail intake treats as ours, each with its team and the
//! language of automatic answers. They are read from the running configuration (the file's
//! `mail.addresses`), so the page shows them and says where they are changed.

use super::view::Table;
use crate::AppState;
use crate::pages::desk::Staff;
use crate::pages::layout::{Page, failed, tr};
use crate::pages::session::Visitor;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use podpora_app::staff;
use serde::Serialize;

/// The support address page.
pub fn routes() -> Router<AppState> {
    Router::new().route("/desk/config/support-addresses", get(list))
}

/// The page's variables.
#[derive(Serialize)]
struct AddressesView {
    table: Table,
}

/// `GET /desk/config/support-addresses`: the configured addresses; the first is the sender of
/// automatic mail, and a team name that matches no team is pointed out.
async fn list(State(state): State<AppState>, v: Visitor, Staff(agent): Staff) -> Response {
    let teams = match staff::list_teams(&state.app.db, &agent.actor).await {
        Ok(t) => t,
        Err(e) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let mut table = Table::new(
        &state,
        l,
        &[
            "desk-set-address",
            "desk-set-address-team",
            "desk-cfg-field-language",
            "desk-set-address-use",
        ],
    );
    table.empty = tr(&state, l, "desk-set-addresses-none", &[]);
    for (i, a) in state.app.config.mail.addresses.iter().enumerate() {
        let team = match &a.team {
            Some(name) if teams.iter().any(|t| &t.name == name) => name.clone(),
            Some(name) => tr(
                &state,
                l,
                "desk-set-address-no-such-team",
                &[("team", name.as_str().into())],
            ),
            None => tr(&state, l, "desk-set-address-default-team", &[]),
        };
        let language = crate::pages::language::names()
            .into_iter()
            .find(|(lang, _)| *lang == a.language)
            .map_or_else(|| a.language.as_str().to_string(), |(_, n)| n.to_string());
        let used = if i == 0 {
            tr(&state, l, "desk-set-address-sender", &[])
        } else {
            String::new()
        };
        table.push(None, vec![a.address.clone(), team, language, used]);
    }
    Page {
        template: "desk/settings/addresses",
        title: tr(&state, l, "desk-set-addresses", &[]),
        notice: None,
        view: &AddressesView { table },
        status: StatusCode::OK,
    }
    .render(&state, &v)
}
