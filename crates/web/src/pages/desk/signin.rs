//! Staff sign-in by e-mail and password, and signing out.

use super::Staff;
use crate::AppState;
use crate::pages::layout::{Page, csrf_refused, failed, tr, when};
use crate::pages::{cookies, session::Visitor};
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use podpora_app::desk::{SESSION_IDLE_MS, SignIn};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Default)]
struct View {
    email: String,
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
        template: "desk/signin",
        title: tr(state, v.lang, "desk-signin-title", &[]),
        notice,
        view,
        status,
    }
    .render(state, v)
}

/// Which confirmation the sign-in page shows after a redirect.
#[derive(Deserialize)]
pub struct SignInQuery {
    signed_out: Option<u8>,
}

/// `GET /desk/sign-in`.
pub async fn form(
    State(state): State<AppState>,
    v: Visitor,
    Query(q): Query<SignInQuery>,
) -> Response {
    if v.agent().is_some() {
        return Redirect::to("/desk").into_response();
    }
    let notice = q
        .signed_out
        .map(|_| tr(&state, v.lang, "web-notice-signed-out", &[]));
    page(&state, &v, &View::default(), StatusCode::OK, notice)
}

/// The sign-in form.
#[derive(Deserialize)]
pub struct SignInForm {
    csrf: String,
    email: String,
    password: String,
}

/// The cookie carrying a staff session's secret.
pub(super) fn session_cookie(v: &Visitor, token: &str) -> axum::http::HeaderValue {
    cookies::set(
        cookies::DESK_SESSION,
        token,
        Some(SESSION_IDLE_MS / 1000),
        v.settings.secure_cookies,
    )
}

/// `POST /desk/sign-in`.
pub async fn submit(
    State(state): State<AppState>,
    v: Visitor,
    Form(f): Form<SignInForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let outcome = podpora_app::desk::sign_in(&state.app, &f.email, &f.password, &v.address).await;
    let (status, error) = match outcome {
        Ok(SignIn::SignedIn { token, needs_code }) => {
            let to = if needs_code {
                "/desk/sign-in/code"
            } else {
                "/desk"
            };
            let mut res = Redirect::to(to).into_response();
            res.headers_mut()
                .append(header::SET_COOKIE, session_cookie(&v, &token));
            return res;
        }
        Ok(SignIn::Refused) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            tr(&state, v.lang, "desk-error-signin-refused", &[]),
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
        email: f.email,
        error: Some(error),
    };
    page(&state, &v, &view, status, None)
}

/// A form with only the CSRF token.
#[derive(Deserialize)]
pub struct TokenOnly {
    csrf: String,
}

/// `POST /desk/sign-out`: ends this staff session (a portal session in the same browser stays).
pub async fn sign_out(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Form(f): Form<TokenOnly>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    if let Err(e) = podpora_app::desk::sign_out(&state.app, &agent).await {
        return failed(&state, &v, &e);
    }
    let mut res = Redirect::to("/desk/sign-in?signed_out=1").into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(
            cookies::DESK_SESSION,
            "",
            Some(0),
            v.settings.secure_cookies,
        ),
    );
    res
}
