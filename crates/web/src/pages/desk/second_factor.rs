//! The second factor in the browser: the code page after the password, and setting TOTP up
//! from the agent's own profile (the secret to enter in an app, then a code to confirm, then
//! the recovery codes shown once).

use super::Staff;
use crate::AppState;
use crate::pages::layout::{Page, csrf_refused, failed, tr};
use crate::pages::session::Visitor;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use podpora_app::AppError;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Default)]
struct CodeView {
    error: Option<String>,
}

fn code_page(state: &AppState, v: &Visitor, view: &CodeView, status: StatusCode) -> Response {
    Page {
        template: "desk/code",
        title: tr(state, v.lang, "desk-code-title", &[]),
        notice: None,
        view,
        status,
    }
    .render(state, v)
}

/// `GET /desk/sign-in/code`: only for a session that owes the second factor.
pub async fn form(State(state): State<AppState>, v: Visitor) -> Response {
    match &v.staff {
        Some(s) if !s.second_factor_done => {
            code_page(&state, &v, &CodeView::default(), StatusCode::OK)
        }
        Some(_) => Redirect::to("/desk").into_response(),
        None => Redirect::to("/desk/sign-in").into_response(),
    }
}

/// A code form.
#[derive(Deserialize)]
pub struct CodeForm {
    csrf: String,
    code: String,
}

/// `POST /desk/sign-in/code`.
pub async fn submit(
    State(state): State<AppState>,
    v: Visitor,
    Form(f): Form<CodeForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let Some(s) = v.staff.clone().filter(|s| !s.second_factor_done) else {
        return Redirect::to("/desk/sign-in").into_response();
    };
    match podpora_app::desk::give_code(&state.app, &s, &f.code, &v.address).await {
        Ok(true) => Redirect::to("/desk").into_response(),
        Ok(false) => {
            let view = CodeView {
                error: Some(tr(&state, v.lang, "desk-code-wrong", &[])),
            };
            code_page(&state, &v, &view, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => failed(&state, &v, &e),
    }
}

#[derive(Serialize)]
struct SetupView {
    secret: String,
    uri: String,
    codes: Vec<String>,
    error: Option<String>,
}

fn setup_page(state: &AppState, v: &Visitor, view: &SetupView, status: StatusCode) -> Response {
    Page {
        template: "desk/totp",
        title: tr(state, v.lang, "desk-totp-title", &[]),
        notice: None,
        view,
        status,
    }
    .render(state, v)
}

fn uri(secret: &str, email: &str) -> String {
    format!(
        "otpauth://totp/podpora:{}?secret={secret}&issuer=podpora",
        email.replace('@', "%40")
    )
}

/// A form with only the CSRF token.
#[derive(Deserialize)]
pub struct TokenOnly {
    csrf: String,
}

/// `POST /desk/profile/totp`: starts the set-up and shows the secret.
pub async fn start(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Form(f): Form<TokenOnly>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    match podpora_app::desk::start_totp(&state.app, &agent).await {
        Ok(secret) => {
            let view = SetupView {
                uri: uri(&secret, &agent.email),
                secret,
                codes: Vec::new(),
                error: None,
            };
            setup_page(&state, &v, &view, StatusCode::OK)
        }
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/profile/totp/confirm`: a code from the app turns the second factor on.
pub async fn confirm(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Form(f): Form<CodeForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    match podpora_app::desk::confirm_totp(&state.app, &agent, &f.code).await {
        Ok(codes) => {
            let view = SetupView {
                secret: String::new(),
                uri: String::new(),
                codes,
                error: None,
            };
            setup_page(&state, &v, &view, StatusCode::OK)
        }
        Err(AppError::Validation(_)) => {
            let pending = podpora_app::desk::second_factor_state(&state.app, &agent)
                .await
                .ok()
                .and_then(|s| s.pending)
                .unwrap_or_default();
            let view = SetupView {
                uri: uri(&pending, &agent.email),
                secret: pending,
                codes: Vec::new(),
                error: Some(tr(&state, v.lang, "desk-code-wrong", &[])),
            };
            setup_page(&state, &v, &view, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => failed(&state, &v, &e),
    }
}
