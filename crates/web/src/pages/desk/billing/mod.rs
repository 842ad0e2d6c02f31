//! Service time on the ticket page (issue 15): technicians, dispatchers and administrators log
//! time, correct entries not yet invoiced with a reason, and record offers of paid work,
//! mailed to the customer with a link to accept; dispatchers and administrators record an
//! acceptance given another way, which releases held work. Every agent who sees the ticket sees
//! the entries and the charge preview; the billing role only reads them (its roles lack
//! `WriteTickets`, which the forms' routes need). Each form posts to the billing use cases, and
//! their refusals come back beside the fields with what was typed.

mod forms;
mod view;

pub(super) use view::{channel as decision_channel, person as person_named};

pub use view::{Panel, build};

use super::needs;
use crate::AppState;
use crate::pages::layout::tr;
use axum::Router;
use axum::routing::post;
use podpora_core::Language;
use podpora_core::auth::Permission;

/// The forms' routes, for agents who may change tickets.
pub fn routes(state: AppState) -> Router<AppState> {
    needs(
        Permission::WriteTickets,
        state,
        Router::new()
            .route("/desk/tickets/{number}/time", post(forms::record))
            .route("/desk/tickets/{number}/time/correct", post(forms::correct))
            .route("/desk/tickets/{number}/offers", post(forms::offer))
            .route(
                "/desk/tickets/{number}/offers/{id}/accept",
                post(forms::accept),
            ),
    )
}

/// The confirmation of a service-time form, from the `done` of the page's address.
pub fn notice(state: &AppState, lang: Language, done: &str) -> Option<String> {
    let key = match done {
        "time" => "sbill-done-time",
        "correct" => "sbill-done-correct",
        "offer" => "sbill-done-offer",
        "offer-unmailed" => "sbill-done-offer-unmailed",
        "accept" => "sbill-done-accept",
        _ => return None,
    };
    Some(tr(state, lang, key, &[]))
}
