//! The agent's own profile: language and time zone (the second factor joins it later).

use super::Staff;
use crate::AppState;
use crate::pages::language;
use crate::pages::layout::{Page, csrf_refused, failed, tr};
use crate::pages::session::Visitor;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use podpora_app::AppError;
use podpora_core::Language;
use serde::{Deserialize, Serialize};

/// Zones offered in the chooser; an agent's stored zone is added if it is another.
const ZONES: [&str; 8] = [
    "Europe/Bratislava",
    "Europe/Prague",
    "Europe/Warsaw",
    "Europe/Vienna",
    "Europe/Budapest",
    "Europe/Berlin",
    "Europe/London",
    "UTC",
];

#[derive(Serialize)]
struct Choice {
    value: String,
    name: String,
    current: bool,
}

#[derive(Serialize)]
struct View {
    name: String,
    email: String,
    roles: Vec<String>,
    language_choices: Vec<Choice>,
    zones: Vec<Choice>,
    totp_enabled: bool,
    recovery_left: i64,
    error: Option<String>,
}

async fn view(state: &AppState, v: &Visitor, agent: &podpora_app::desk::StaffSession) -> View {
    let factor = podpora_app::desk::second_factor_state(&state.app, agent)
        .await
        .ok();
    let mut zones: Vec<&str> = ZONES.to_vec();
    if !zones.contains(&agent.zone.as_str()) {
        zones.push(&agent.zone);
    }
    View {
        name: agent.name.clone(),
        email: agent.email.clone(),
        roles: agent
            .roles
            .iter()
            .map(|r| tr(state, v.lang, &format!("desk-role-{}", r.as_str()), &[]))
            .collect(),
        language_choices: language::names()
            .into_iter()
            .map(|(l, name)| Choice {
                value: l.as_str().into(),
                name: name.into(),
                current: l == agent.language,
            })
            .collect(),
        zones: zones
            .into_iter()
            .map(|z| Choice {
                value: z.into(),
                name: z.replace('_', " "),
                current: z == agent.zone,
            })
            .collect(),
        totp_enabled: factor.as_ref().is_some_and(|f| f.enabled),
        recovery_left: factor.map_or(0, |f| f.recovery_left),
        error: None,
    }
}

fn page(
    state: &AppState,
    v: &Visitor,
    view: &View,
    status: StatusCode,
    notice: Option<String>,
) -> Response {
    Page {
        template: "desk/profile",
        title: tr(state, v.lang, "desk-profile-title", &[]),
        notice,
        view,
        status,
    }
    .render(state, v)
}

/// Which confirmation the profile shows after a redirect.
#[derive(Deserialize)]
pub struct ProfileQuery {
    saved: Option<u8>,
}

/// `GET /desk/profile`.
pub async fn show(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Query(q): Query<ProfileQuery>,
) -> Response {
    let notice = if agent.owes_second_factor_setup {
        // Said whenever the profile opens until the second factor is set up.
        Some(tr(
            &state,
            v.lang,
            "desk-notice-second-factor-required",
            &[],
        ))
    } else {
        q.saved
            .map(|_| tr(&state, v.lang, "desk-notice-saved", &[]))
    };
    page(
        &state,
        &v,
        &view(&state, &v, &agent).await,
        StatusCode::OK,
        notice,
    )
}

/// The preferences form.
#[derive(Deserialize)]
pub struct Preferences {
    csrf: String,
    language: String,
    time_zone: String,
}

/// `POST /desk/profile`: stores the language and time zone.
pub async fn save(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Form(f): Form<Preferences>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let lang = f.language.parse::<Language>().unwrap_or(agent.language);
    match podpora_app::desk::set_preferences(&state.app, &agent, lang, &f.time_zone).await {
        Ok(()) => Redirect::to("/desk/profile?saved=1").into_response(),
        Err(AppError::Validation(_)) => {
            let mut view = view(&state, &v, &agent).await;
            view.error = Some(tr(&state, v.lang, "desk-error-zone", &[]));
            page(&state, &v, &view, StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        Err(e) => failed(&state, &v, &e),
    }
}
