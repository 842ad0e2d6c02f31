//! The workspace's decisions on credits matching could not settle: each listed credit on the
//! payments page has a form with the actions open to it; a decision goes back to the page with
//! a notice, a refusal shows the page again with the typed values and the reason at the field.

use crate::AppState;
use crate::pages::desk::Staff;
use crate::pages::layout::{csrf_refused, failed, not_found, tr};
use crate::pages::payments::{DecisionForm, DeskExtras, desk_page_with, guard_refused};
use crate::pages::session::Visitor;
use axum::Router;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use podpora_app::AppError;
use podpora_app::payments::{self, DecisionInput};
use podpora_core::auth::Permission;
use podpora_render::Arg;
use serde::Deserialize;

/// The routes, behind the staff guard and the payments permission.
pub fn staff_routes(state: AppState) -> Router<AppState> {
    let pages = Router::new()
        .route("/desk/payments/entries/{id}/decision", post(decide))
        .route("/desk/payments/decided", axum::routing::get(decided))
        .route(
            "/desk/payments/accounting-payments.csv",
            axum::routing::get(payments_csv),
        );
    crate::pages::desk::needs(Permission::ManagePayments, state, pages)
}

/// The decision form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DecisionFields {
    csrf: String,
    action: String,
    payment_request_id: String,
    invoice_id: String,
    reason: String,
}

/// A number typed in a field, or a refusal at that field.
fn number(field: &str, text: &str) -> Result<Option<i64>, (String, String)> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<i64>()
        .map(Some)
        .map_err(|_| (field.to_string(), format!("“{t}” is not a number")))
}

/// `POST /desk/payments/entries/{id}/decision`.
async fn decide(
    State(state): State<AppState>,
    v: Visitor,
    Staff(s): Staff,
    Path(id): Path<i64>,
    Form(f): Form<DecisionFields>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let refused = |field: String, message: String| {
        let form = DecisionForm {
            entry: id,
            field,
            message: tr(
                &state,
                v.lang,
                "pay-decide-refused",
                &[("reason", Arg::from(message))],
            ),
            action: f.action.clone(),
            payment_request_id: f.payment_request_id.clone(),
            invoice_id: f.invoice_id.clone(),
            reason: f.reason.clone(),
        };
        let extras = DeskExtras::refused(form);
        let (state, v, actor) = (&state, &v, &s.actor);
        async move { desk_page_with(state, v, actor, extras, StatusCode::UNPROCESSABLE_ENTITY).await }
    };
    let request = match number("payment_request_id", &f.payment_request_id) {
        Ok(n) => n,
        Err((field, m)) => return refused(field, m).await,
    };
    let invoice = match number("invoice_id", &f.invoice_id) {
        Ok(n) => n,
        Err((field, m)) => return refused(field, m).await,
    };
    let input = DecisionInput {
        action: f.action.clone(),
        payment_request_id: request,
        invoice_id: invoice,
        reason: Some(f.reason.clone()),
    };
    match payments::decide_entry(&state.app, &s.actor, id, input).await {
        Ok(e) => Redirect::to(&format!(
            "/desk/payments/decided?entry={}&decision={}",
            e.id,
            e.decision.unwrap_or_default()
        ))
        .into_response(),
        Err(AppError::Forbidden(_)) => guard_refused(&state, &v),
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(AppError::Validation(e)) => {
            let (field, message) = e.errors.into_iter().next().map_or_else(
                || ("action".into(), String::new()),
                |f| (f.field, f.message),
            );
            refused(field, message).await
        }
        Err(AppError::Conflict(m)) => refused("action".into(), m).await,
        Err(e) => failed(&state, &v, &e),
    }
}

/// Which decision was just made.
#[derive(Debug, Deserialize)]
struct Decided {
    entry: Option<i64>,
    decision: Option<String>,
}

/// `GET /desk/payments/decided?entry=…&decision=…`: the payments page with a notice of the
/// decision just made (its own address, so reloading does not post again).
async fn decided(
    State(state): State<AppState>,
    v: Visitor,
    Staff(s): Staff,
    Query(q): Query<Decided>,
) -> Response {
    let decided = match (q.entry, q.decision.as_deref()) {
        (Some(entry), Some(d))
            if [
                "assigned",
                "partial_accepted",
                "credit_kept",
                "refund_due",
                "returned",
                "ignored",
            ]
            .contains(&d) =>
        {
            let what = tr(
                &state,
                v.lang,
                &format!("pay-decision-{}", d.replace('_', "-")),
                &[],
            );
            Some(tr(
                &state,
                v.lang,
                "pay-decided",
                &[("entry", Arg::from(entry)), ("decision", Arg::from(what))],
            ))
        }
        _ => None,
    };
    let extras = DeskExtras::decided(decided);
    desk_page_with(&state, &v, &s.actor, extras, StatusCode::OK).await
}

/// `GET /desk/payments/accounting-payments.csv?from=…&to=…`: the payments received in the
/// period as CSV for the accounting program.
async fn payments_csv(
    State(state): State<AppState>,
    v: Visitor,
    Staff(s): Staff,
    Query(period): Query<payments::AccountingPeriod>,
) -> Response {
    match payments::payments_csv(&state.app, &s.actor, &period).await {
        Ok(csv) => crate::pages::payments::csv_named("payments.csv", csv),
        Err(e) => failed(&state, &v, &e),
    }
}
