//! Signing in: a contact by e-mail and password, an organization by company id and password.

use crate::AppState;
use crate::pages::layout::{Page, csrf_refused, failed, tr, when};
use crate::pages::{cookies, session::Visitor};
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use podpora_app::portal::{Login, SESSION_IDLE_MS, SignIn};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Default)]
struct View {
    kind: String,
    login: String,
    error: Option<String>,
}

fn page(
    state: &AppState,
    v: &Visitor,
    view: &View,
    status: StatusCode,
    notice: Option<String>,
) -> Response {
    Page {
        template: "signin",
        title: tr(state, v.lang, "web-signin-title", &[]),
        notice,
        view,
        status,
    }
    .render(state, v)
}

/// Which confirmation the sign-in page shows after a redirect.
#[derive(Deserialize)]
pub struct SignInQuery {
    password: Option<String>,
    signed_out: Option<u8>,
}

/// `GET /portal/sign-in`.
pub async fn form(
    State(state): State<AppState>,
    v: Visitor,
    Query(q): Query<SignInQuery>,
) -> Response {
    if v.customer.is_some() {
        return Redirect::to("/portal/requests").into_response();
    }
    let notice = match (q.password.as_deref(), q.signed_out) {
        (Some("set"), _) => Some(tr(&state, v.lang, "web-notice-password-set", &[])),
        (_, Some(_)) => Some(tr(&state, v.lang, "web-notice-signed-out", &[])),
        _ => None,
    };
    page(&state, &v, &View::default(), StatusCode::OK, notice)
}

/// The sign-in form.
#[derive(Deserialize)]
pub struct SignInForm {
    csrf: String,
    kind: String,
    login: String,
    password: String,
}

/// `POST /portal/sign-in`.
pub async fn submit(
    State(state): State<AppState>,
    v: Visitor,
    Form(f): Form<SignInForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let login = if f.kind == "organization" {
        Login::Organization {
            company_id: f.login.clone(),
        }
    } else {
        Login::Contact {
            email: f.login.clone(),
        }
    };
    let outcome = podpora_app::portal::sign_in(&state.app, &login, &f.password, &v.address).await;
    let (status, error) = match outcome {
        Ok(SignIn::SignedIn { token, .. }) => {
            let mut res = Redirect::to("/portal/requests").into_response();
            res.headers_mut().append(
                header::SET_COOKIE,
                cookies::set(
                    cookies::SESSION,
                    &token,
                    Some(SESSION_IDLE_MS / 1000),
                    v.settings.secure_cookies,
                ),
            );
            return res;
        }
        Ok(SignIn::Refused) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            tr(&state, v.lang, "web-error-signin-refused", &[]),
        ),
        Ok(SignIn::Disabled) => (
            StatusCode::FORBIDDEN,
            tr(&state, v.lang, "portal-signin-disabled", &[]),
        ),
        Ok(SignIn::Locked { until }) => {
            let until = jiff::Timestamp::from_millisecond(until)
                .map(|t| when(v.lang, &t.to_string()))
                .unwrap_or_default();
            (
                StatusCode::TOO_MANY_REQUESTS,
                tr(
                    &state,
                    v.lang,
                    "web-error-signin-locked",
                    &[("until", until.into())],
                ),
            )
        }
        Err(e) => return failed(&state, &v, &e),
    };
    let view = View {
        kind: if f.kind == "organization" {
            "organization"
        } else {
            "contact"
        }
        .into(),
        login: f.login,
        error: Some(error),
    };
    page(&state, &v, &view, status, None)
}
