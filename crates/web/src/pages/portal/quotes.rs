//! Quotes on the portal's request page: the pending quote with its price, what it
//! covers and its deadline, to accept or decline (with an optional reason); earlier quotes;
//! and the deadline promised by the accepted one. A refused decision gets a page of its own
//! that says why and keeps the reason typed.

use crate::AppState;
use crate::pages::layout::{Page, csrf_refused, failed, money, not_found, tr, when};
use crate::pages::session::Visitor;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::post};
use podpora_app::quotes::{self, Quote, QuoteDecision};
use podpora_app::{Actor, AppError};
use podpora_core::Language;
use podpora_render::Arg;
use serde::{Deserialize, Serialize};

/// One quote as the customer reads it.
#[derive(Serialize)]
struct QuoteItem {
    id: i64,
    price: String,
    covers: String,
    deadline: String,
    state: String,
}

/// The quotes section of a request's page.
#[derive(Serialize)]
pub(super) struct PortalQuotes {
    pending: Option<QuoteItem>,
    earlier: Vec<QuoteItem>,
    /// The deadline of the accepted quote, the newest if several.
    promised: Option<String>,
}

fn item(state: &AppState, lang: Language, q: &Quote) -> QuoteItem {
    let when_decided = q
        .decided_at
        .as_deref()
        .map(|at| when(lang, at))
        .unwrap_or_default();
    QuoteItem {
        id: q.id,
        price: money(lang, &q.price),
        covers: q.covers.clone(),
        deadline: when(lang, &q.deadline_at),
        state: tr(
            state,
            lang,
            &format!("quote-portal-state-{}", q.state),
            &[("when", Arg::from(when_decided))],
        ),
    }
}

/// The section for a request; none when it has no quotes.
pub(super) async fn view(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    number: &str,
) -> Option<PortalQuotes> {
    let list = quotes::list_quotes(&state.app.db, actor, number)
        .await
        .ok()?;
    if list.is_empty() {
        return None;
    }
    let promised = list
        .iter()
        .rev()
        .find(|q| q.state == "accepted")
        .map(|q| when(lang, &q.deadline_at));
    Some(PortalQuotes {
        pending: list
            .iter()
            .find(|q| q.state == "pending")
            .map(|q| item(state, lang, q)),
        earlier: list
            .iter()
            .rev()
            .filter(|q| q.state != "pending")
            .map(|q| item(state, lang, q))
            .collect(),
        promised,
    })
}

/// The accept and decline routes, for signed-in customers.
pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/portal/requests/{number}/quotes/{id}/accept", post(accept))
        .route(
            "/portal/requests/{number}/quotes/{id}/decline",
            post(decline),
        )
}

/// The accept form.
#[derive(Deserialize)]
pub struct AcceptForm {
    csrf: String,
}

/// The decline form.
#[derive(Deserialize)]
pub struct DeclineForm {
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// `POST /portal/requests/{number}/quotes/{id}/accept`: the deadline becomes the request's
/// promised deadline; recorded with the time, the contact and the portal as its channel.
pub async fn accept(
    State(state): State<AppState>,
    v: Visitor,
    Path((number, id)): Path<(String, i64)>,
    Form(f): Form<AcceptForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    let r = quotes::accept_quote(&state.app, &actor, &number, id, QuoteDecision::default()).await;
    decided(&state, &v, &actor, &number, id, r, None).await
}

/// `POST /portal/requests/{number}/quotes/{id}/decline`: no deadline is agreed; the optional
/// reason is kept in the request's history.
pub async fn decline(
    State(state): State<AppState>,
    v: Visitor,
    Path((number, id)): Path<(String, i64)>,
    Form(f): Form<DeclineForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    let d = QuoteDecision {
        reason: Some(f.reason.clone()),
    };
    let r = quotes::decline_quote(&state.app, &actor, &number, id, d).await;
    decided(&state, &v, &actor, &number, id, r, Some(f.reason)).await
}

#[derive(Serialize)]
struct Refused {
    number: String,
    id: i64,
    message: String,
    /// The decline form again, with `reason` as typed.
    decline: bool,
    reason: String,
}

/// Back to the request after a decision; a refusal on a page that says why.
async fn decided(
    state: &AppState,
    v: &Visitor,
    actor: &Actor,
    number: &str,
    id: i64,
    r: Result<Quote, AppError>,
    reason: Option<String>,
) -> Response {
    let (message, status) = match r {
        Ok(_) => return Redirect::to(&format!("/portal/requests/{number}#quotes")).into_response(),
        Err(AppError::NotFound(_) | AppError::Forbidden(_)) => return not_found(state, v),
        Err(AppError::Validation(e)) => (e.to_string(), StatusCode::UNPROCESSABLE_ENTITY),
        Err(AppError::Conflict(_)) => (
            tr(
                state,
                v.lang,
                why_refused(state, actor, number, id).await,
                &[],
            ),
            StatusCode::CONFLICT,
        ),
        Err(e) => return failed(state, v, &e),
    };
    let title = tr(state, v.lang, "quote-portal-title", &[]);
    Page {
        template: "quotes/portal-refused",
        title,
        notice: None,
        view: &Refused {
            number: number.to_owned(),
            id,
            message,
            // Declining again makes sense only when the form itself was at fault.
            decline: reason.is_some() && status == StatusCode::UNPROCESSABLE_ENTITY,
            reason: reason.unwrap_or_default(),
        },
        status,
    }
    .render(state, v)
}

/// The message of a refused decision: the quote was decided already, its deadline has passed,
/// or the request is no longer open.
async fn why_refused(state: &AppState, actor: &Actor, number: &str, id: i64) -> &'static str {
    let list = quotes::list_quotes(&state.app.db, actor, number)
        .await
        .unwrap_or_default();
    match list.iter().find(|q| q.id == id) {
        Some(q) if q.state != "pending" => "quote-portal-decided-already",
        Some(q)
            if q.deadline_at
                .parse::<jiff::Timestamp>()
                .is_ok_and(|d| d <= jiff::Timestamp::now()) =>
        {
            "quote-portal-expired"
        }
        _ => "quote-portal-closed",
    }
}
