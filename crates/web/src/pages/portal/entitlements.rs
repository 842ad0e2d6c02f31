//! Asking for an onboarding entitlement from "Our plan": the button opens a request through
//! the one intake, and the plan page then shows the entitlement as asked for.

use super::plan::{OnboardingView, onboarding_name};
use crate::AppState;
use crate::pages::layout::{csrf_refused, failed, not_found, tr};
use crate::pages::session::Visitor;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use podpora_app::portal::{self, EntitlementAsk};
use podpora_app::{Actor, AppError};
use podpora_core::Language;
use podpora_render::Arg;
use serde::Deserialize;

/// The routes of asking for an entitlement (behind the customer guard).
pub fn routes() -> Router<AppState> {
    Router::new().route("/portal/plan/entitlements/{id}/ask", post(ask))
}

/// What the plan page says after asking.
#[derive(Deserialize, Default)]
pub struct PlanQuery {
    /// The number of the request just opened.
    asked: Option<String>,
    /// Why asking failed: `email` (no valid address given) or `taken` (used, expired or
    /// asked for already).
    ask_failed: Option<String>,
}

/// The plan page's notice after asking, if any.
pub(super) fn notice(state: &AppState, lang: Language, q: &PlanQuery) -> Option<String> {
    if let Some(n) = q.asked.as_deref().filter(|n| n.len() <= 40) {
        return Some(tr(
            state,
            lang,
            "portal-entitlement-asked",
            &[("number", Arg::from(n.to_string()))],
        ));
    }
    q.ask_failed.as_deref().map(|why| {
        let key = if why == "email" {
            "portal-entitlement-error-email"
        } else {
            "portal-entitlement-error-taken"
        };
        tr(state, lang, key, &[])
    })
}

/// Marks the entitlements asked for already: no button, and the request that waits for it.
pub(super) async fn mark_asked(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    onboarding: &mut [OnboardingView],
) {
    let asked = match portal::asked_entitlements(&state.app, actor).await {
        Ok(a) => a,
        Err(e) => {
            // The plan is still worth showing; the button then refuses a second ask itself.
            tracing::warn!(error = %e, "reading asked entitlements failed");
            return;
        }
    };
    for e in onboarding.iter_mut() {
        let Some(number) = asked.get(&e.id) else {
            continue;
        };
        e.can_ask = false;
        if e.usable {
            e.state = tr(
                state,
                lang,
                "portal-entitlement-pending",
                &[("number", Arg::from(number.clone().unwrap_or_default()))],
            );
        }
    }
}

/// The ask form: the CSRF token and, for an organization account, the address for the matter.
#[derive(Deserialize)]
pub struct AskForm {
    csrf: String,
    #[serde(default)]
    email: String,
}

/// `POST /portal/plan/entitlements/{id}/ask`.
async fn ask(
    State(state): State<AppState>,
    v: Visitor,
    Path(id): Path<String>,
    Form(f): Form<AskForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    let Ok(id) = id.parse::<i64>() else {
        return not_found(&state, &v);
    };
    let kind = match kind_of(&state, &actor, id).await {
        Some(k) => onboarding_name(&state, v.lang, &k),
        None => return not_found(&state, &v),
    };
    let args = [("kind", Arg::from(kind))];
    let ask = EntitlementAsk {
        subject: tr(&state, v.lang, "portal-entitlement-subject", &args),
        description: tr(&state, v.lang, "portal-entitlement-description", &args),
        email: Some(f.email.trim().to_string()).filter(|e| !e.is_empty()),
    };
    match portal::ask_for_entitlement(&state.app, &actor, id, ask).await {
        Ok(t) => Redirect::to(&format!("/portal/plan?asked={}", t.number)).into_response(),
        Err(AppError::NotFound(_) | AppError::Forbidden(_)) => not_found(&state, &v),
        Err(AppError::Conflict(_)) => Redirect::to("/portal/plan?ask_failed=taken").into_response(),
        Err(AppError::Validation(_)) => {
            Redirect::to("/portal/plan?ask_failed=email").into_response()
        }
        Err(e) => failed(&state, &v, &e),
    }
}

/// The kind of one of the customer's organization's entitlements.
async fn kind_of(state: &AppState, actor: &Actor, id: i64) -> Option<String> {
    let org = actor.organization_scope()?;
    let s = podpora_app::plans::plan_status(&state.app.db, actor, org)
        .await
        .ok()?;
    s.onboarding
        .into_iter()
        .find(|e| e.id == id)
        .map(|e| e.kind)
}
