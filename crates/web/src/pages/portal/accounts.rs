//! Asking for a portal account: a form with the organization's company id, an e-mail
//! address and a name; the request waits for staff and the page says so. Refused input is
//! shown again with the reason next to its field.

use crate::AppState;
use crate::pages::layout::{Page, csrf_refused, failed, tr, when};
use crate::pages::session::Visitor;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use podpora_app::AppError;
use podpora_app::account_requests::{self, Ask, Asked};
use serde::{Deserialize, Serialize};

const PATH: &str = "/portal/account-request";

/// The account request's pages; anyone may open them.
pub fn routes() -> Router<AppState> {
    Router::new().route(PATH, get(form).post(submit))
}

#[derive(Serialize, Default)]
struct View {
    company_id: String,
    email: String,
    name: String,
    errors: Errors,
    locked: Option<String>,
}

/// The reason shown next to each refused field.
#[derive(Serialize, Default)]
struct Errors {
    company_id: Option<String>,
    email: Option<String>,
    name: Option<String>,
}

#[derive(Serialize)]
struct Empty {}

fn page(state: &AppState, v: &Visitor, view: &View, status: StatusCode) -> Response {
    Page {
        template: "accounts/ask",
        title: tr(state, v.lang, "acc-ask-title", &[]),
        notice: None,
        view,
        status,
    }
    .render(state, v)
}

/// `GET /portal/account-request`.
async fn form(State(state): State<AppState>, v: Visitor) -> Response {
    if v.customer.is_some() {
        return Redirect::to("/portal/requests").into_response();
    }
    page(&state, &v, &View::default(), StatusCode::OK)
}

/// The account request form.
#[derive(Deserialize)]
pub struct AskForm {
    csrf: String,
    #[serde(default)]
    company_id: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
}

/// The message key for a refused field; the use case's English text tells an unknown company
/// id from a malformed one.
fn error_key(field: &str, message: &str) -> &'static str {
    match field {
        "company_id" if message.starts_with("no customer organization") => {
            "acc-error-company-unknown"
        }
        "company_id" => "acc-error-company-id",
        "email" => "acc-error-email",
        _ => "acc-error-name",
    }
}

/// `POST /portal/account-request`.
async fn submit(State(state): State<AppState>, v: Visitor, Form(f): Form<AskForm>) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let ask = Ask {
        company_id: f.company_id.clone(),
        email: f.email.clone(),
        name: f.name.clone(),
        language: v.lang,
    };
    let mut view = View {
        company_id: f.company_id,
        email: f.email,
        name: f.name,
        ..View::default()
    };
    match account_requests::ask(&state.app, &ask, &v.address).await {
        Ok(Asked::Waiting) => Page {
            template: "accounts/asked",
            title: tr(&state, v.lang, "acc-asked-title", &[]),
            notice: None,
            view: &Empty {},
            status: StatusCode::OK,
        }
        .render(&state, &v),
        Ok(Asked::Locked { until }) => {
            let until = jiff::Timestamp::from_millisecond(until)
                .map(|t| when(v.lang, &t.to_string()))
                .unwrap_or_default();
            view.locked = Some(tr(
                &state,
                v.lang,
                "acc-error-locked",
                &[("until", until.into())],
            ));
            page(&state, &v, &view, StatusCode::TOO_MANY_REQUESTS)
        }
        Err(AppError::Validation(errs)) => {
            for e in &errs.errors {
                let slot = match e.field.as_str() {
                    "company_id" => &mut view.errors.company_id,
                    "email" => &mut view.errors.email,
                    _ => &mut view.errors.name,
                };
                if slot.is_none() {
                    *slot = Some(tr(&state, v.lang, error_key(&e.field, &e.message), &[]));
                }
            }
            page(&state, &v, &view, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => failed(&state, &v, &e),
    }
}
