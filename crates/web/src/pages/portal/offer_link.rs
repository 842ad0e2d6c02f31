//! Accepting an offer of paid work by the link in its mail, without signing in. Opening
//! the link only shows the offer: mail scanners fetch links before the person reads them, so
//! only posting the page's form accepts. A link that is unknown, used or expired gets a page
//! that says so and what to do instead.

use crate::AppState;
use crate::pages::layout::{Page, csrf_refused, failed, tr, when};
use crate::pages::session::Visitor;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use podpora_app::billing::{self, DeadLink, LinkedOffer};
use podpora_render::Arg;
use serde::{Deserialize, Serialize};

/// The link's page and its form.
pub fn routes() -> Router<AppState> {
    Router::new().route(
        "/portal/offers/{token}",
        axum::routing::get(show).post(accept),
    )
}

#[derive(Serialize)]
struct View {
    token: String,
    /// Why the link does not work: `unknown`, `used` or `expired`.
    dead: Option<&'static str>,
    ticket: String,
    subject: String,
    description: String,
    estimate: Option<String>,
    accepted: Option<String>,
    /// The acceptance was recorded by this very request.
    just_accepted: bool,
}

fn page(
    state: &AppState,
    v: &Visitor,
    token: String,
    found: Result<LinkedOffer, DeadLink>,
    just_accepted: bool,
) -> Response {
    let (view, status, lang) = match found {
        Ok(o) => {
            let lang = o.language;
            (
                View {
                    token,
                    dead: None,
                    ticket: o.offer.ticket_number.clone(),
                    subject: o.subject,
                    description: o.offer.description.clone(),
                    estimate: o
                        .offer
                        .estimate_minutes
                        .map(|m| tr(state, lang, "web-minutes", &[("count", Arg::from(m))])),
                    accepted: o.offer.accepted_at.as_deref().map(|at| when(lang, at)),
                    just_accepted,
                },
                StatusCode::OK,
                lang,
            )
        }
        Err(d) => (
            View {
                token,
                dead: Some(match d {
                    DeadLink::Unknown => "unknown",
                    DeadLink::Used => "used",
                    DeadLink::Expired => "expired",
                }),
                ticket: String::new(),
                subject: String::new(),
                description: String::new(),
                estimate: None,
                accepted: None,
                just_accepted: false,
            },
            if d == DeadLink::Unknown {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::GONE
            },
            v.lang,
        ),
    };
    // The page speaks the language its mail was written in.
    let mut v = v.clone();
    v.lang = lang;
    Page {
        template: "offers/link",
        title: tr(state, lang, "sbill-link-title", &[]),
        notice: None,
        view: &view,
        status,
    }
    .render(state, &v)
}

/// `GET /portal/offers/{token}`: shows the offer and its accept button; changes nothing.
pub async fn show(
    State(state): State<AppState>,
    v: Visitor,
    Path(token): Path<String>,
) -> Response {
    match billing::offer_by_link(&state.app, &token).await {
        Ok(found) => page(&state, &v, token, found, false),
        Err(e) => failed(&state, &v, &e),
    }
}

/// The accept button's form.
#[derive(Deserialize)]
pub struct AcceptForm {
    csrf: String,
}

/// `POST /portal/offers/{token}`: accepts the offer as the contact it was mailed to, recorded
/// with the time and the channel `mail`; the link is used up.
pub async fn accept(
    State(state): State<AppState>,
    v: Visitor,
    Path(token): Path<String>,
    Form(f): Form<AcceptForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    match billing::accept_by_link(&state.app, &token).await {
        Ok(found) => page(&state, &v, token, found, true),
        Err(e) => failed(&state, &v, &e),
    }
}
