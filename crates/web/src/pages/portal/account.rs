//! The account: setting a password from a mailed link, the profile (password change), and
//! signing out here or everywhere.

use crate::AppState;
use crate::pages::layout::{Page, csrf_refused, failed, tr};
use crate::pages::session::Visitor;
use crate::pages::{cookies, portal_url};
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use podpora_app::AppError;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct ResetView {}

fn reset_page(state: &AppState, v: &Visitor, notice: Option<String>) -> Response {
    Page {
        template: "reset",
        title: tr(state, v.lang, "web-title-reset", &[]),
        notice,
        view: &ResetView {},
        status: StatusCode::OK,
    }
    .render(state, v)
}

/// `GET /portal/password-reset`: asks for the address to mail a reset link to.
pub async fn reset_form(State(state): State<AppState>, v: Visitor) -> Response {
    reset_page(&state, &v, None)
}

/// The reset form.
#[derive(Deserialize)]
pub struct ResetForm {
    csrf: String,
    email: String,
}

/// `POST /portal/password-reset`: the same answer whether the address is registered or not.
pub async fn reset_submit(
    State(state): State<AppState>,
    v: Visitor,
    headers: HeaderMap,
    Form(f): Form<ResetForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let url = portal_url(&v.settings, &headers);
    if let Err(e) = podpora_app::portal::request_reset(&state.app, &f.email, &url).await {
        return failed(&state, &v, &e);
    }
    let notice = tr(&state, v.lang, "web-notice-reset-sent", &[]);
    reset_page(&state, &v, Some(notice))
}

#[derive(Serialize)]
struct LinkView {
    live: bool,
    token: String,
    error: Option<String>,
}

/// `GET /portal/password/{token}`.
pub async fn link_form(
    State(state): State<AppState>,
    v: Visitor,
    Path(token): Path<String>,
) -> Response {
    let live = match podpora_app::portal::link_is_live(&state.app, &token).await {
        Ok(l) => l,
        Err(e) => return failed(&state, &v, &e),
    };
    link_page(&state, &v, live, token, None)
}

fn link_page(
    state: &AppState,
    v: &Visitor,
    live: bool,
    token: String,
    error: Option<String>,
) -> Response {
    let status = match (live, &error) {
        (false, _) => StatusCode::NOT_FOUND,
        (true, Some(_)) => StatusCode::UNPROCESSABLE_ENTITY,
        (true, None) => StatusCode::OK,
    };
    Page {
        template: "password",
        title: tr(state, v.lang, "web-title-password", &[]),
        notice: None,
        view: &LinkView { live, token, error },
        status,
    }
    .render(state, v)
}

/// The set-password form.
#[derive(Deserialize)]
pub struct LinkForm {
    csrf: String,
    password: String,
}

/// `POST /portal/password/{token}`: sets the password, then asks to sign in with it.
pub async fn link_submit(
    State(state): State<AppState>,
    v: Visitor,
    Path(token): Path<String>,
    Form(f): Form<LinkForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    match podpora_app::portal::set_password_by_link(&state.app, &token, &f.password).await {
        Ok(()) => Redirect::to("/portal/sign-in?password=set").into_response(),
        Err(AppError::Validation(e)) if e.errors.iter().any(|e| e.field == "token") => {
            link_page(&state, &v, false, token, None)
        }
        Err(AppError::Validation(_)) => {
            let error = tr(&state, v.lang, "web-error-password-short", &[]);
            link_page(&state, &v, true, token, Some(error))
        }
        Err(e) => failed(&state, &v, &e),
    }
}

/// A language the profile offers, marked when it is the reader's.
#[derive(Serialize)]
struct LanguageChoice {
    code: &'static str,
    name: &'static str,
    current: bool,
}

#[derive(Serialize)]
struct ProfileView {
    error: Option<String>,
    choices: Vec<LanguageChoice>,
    /// Addresses, phone numbers and time zone on record.
    record: super::record::RecordView,
}

/// Which confirmation the profile shows after a redirect.
#[derive(Deserialize)]
pub struct ProfileQuery {
    changed: Option<u8>,
    /// What the record's forms just did (see [`super::record::notice`]).
    done: Option<String>,
}

/// `GET /portal/profile`.
pub async fn profile(
    State(state): State<AppState>,
    v: Visitor,
    Query(q): Query<ProfileQuery>,
) -> Response {
    let notice = q
        .changed
        .map(|_| tr(&state, v.lang, "web-notice-password-changed", &[]))
        .or_else(|| super::record::notice(&state, v.lang, q.done.as_deref()));
    profile_page(&state, &v, None, notice, None).await
}

/// The profile; `record` carries what was typed into a refused record form.
pub(super) async fn profile_page(
    state: &AppState,
    v: &Visitor,
    error: Option<String>,
    notice: Option<String>,
    record: Option<super::record::RecordView>,
) -> Response {
    let record = match record {
        Some(r) => r,
        None => super::record::view(state, v).await,
    };
    let error_shown = error.is_some() || record.has_error();
    let status = if error_shown {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Page {
        template: "profile",
        title: tr(state, v.lang, "web-title-profile", &[]),
        notice,
        view: &ProfileView {
            error,
            choices: crate::pages::language::names()
                .into_iter()
                .map(|(l, name)| LanguageChoice {
                    code: l.as_str(),
                    name,
                    current: l == v.lang,
                })
                .collect(),
            record,
        },
        status,
    }
    .render(state, v)
}

/// The password change form.
#[derive(Deserialize)]
pub struct PasswordForm {
    csrf: String,
    current_password: String,
    new_password: String,
}

/// `POST /portal/profile/password`.
pub async fn change_password(
    State(state): State<AppState>,
    v: Visitor,
    Form(f): Form<PasswordForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let Some(actor) = &v.customer else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    let done = podpora_app::portal::change_password(
        &state.app,
        actor,
        &f.current_password,
        &f.new_password,
    )
    .await;
    match done {
        Ok(()) => Redirect::to("/portal/profile?changed=1").into_response(),
        Err(AppError::Validation(e)) => {
            let key = if e.errors.iter().any(|e| e.field == "current_password") {
                "web-error-current-password"
            } else {
                "web-error-password-short"
            };
            profile_page(&state, &v, Some(tr(&state, v.lang, key, &[])), None, None).await
        }
        Err(e) => failed(&state, &v, &e),
    }
}

/// A form with only the CSRF token.
#[derive(Deserialize)]
pub struct TokenOnly {
    csrf: String,
}

fn signed_out(v: &Visitor) -> Response {
    let mut res = Redirect::to("/portal/sign-in?signed_out=1").into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(cookies::SESSION, "", Some(0), v.settings.secure_cookies),
    );
    res
}

/// `POST /portal/sign-out`.
pub async fn sign_out(state: State<AppState>, v: Visitor, f: Form<TokenOnly>) -> Response {
    end_sessions(state, v, f, false).await
}

/// `POST /portal/sign-out-everywhere`.
pub async fn sign_out_everywhere(
    state: State<AppState>,
    v: Visitor,
    f: Form<TokenOnly>,
) -> Response {
    end_sessions(state, v, f, true).await
}

/// Ends this session, or with `everywhere` every session of the account, then signs out here.
async fn end_sessions(
    State(state): State<AppState>,
    v: Visitor,
    Form(f): Form<TokenOnly>,
    everywhere: bool,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    if let Some(actor) = &v.customer {
        let ended = if everywhere {
            podpora_app::portal::sign_out_everywhere(&state.app, actor)
                .await
                .map(drop)
        } else {
            podpora_app::portal::sign_out(&state.app, actor)
                .await
                .map(drop)
        };
        if let Err(e) = ended {
            return failed(&state, &v, &e);
        }
    }
    signed_out(&v)
}
