//! The service-time forms of the ticket page. Times are typed in the agent's zone and handed to
//! the use cases as instants; whatever they refuse comes back beside its field, with the form
//! as it was typed.

use super::view::{AcceptForm, EditForm, EntryForm, FieldErrors, OfferForm};
use crate::AppState;
use crate::pages::desk::Staff;
use crate::pages::desk::guard::refused;
use crate::pages::desk::ticket::render;
use crate::pages::layout::{csrf_refused, failed, not_found};
use crate::pages::session::Visitor;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use podpora_app::desk::StaffSession;
use podpora_app::{AppError, billing};
use serde::Deserialize;

/// Where a form goes back to after it did what it asked: the ticket page, saying so.
fn back(number: &str, done: &str) -> Response {
    Redirect::to(&format!("/desk/tickets/{number}?done={done}#billing")).into_response()
}

/// A time typed in a `datetime-local` field, as an RFC 3339 instant in `zone`; what was typed
/// as it is when it is no such time, so the use case refuses it with its own words.
fn instant(typed: &str, zone: &str) -> String {
    let t = typed.trim();
    let tz = jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC);
    t.parse::<jiff::civil::DateTime>()
        .ok()
        .and_then(|dt| dt.to_zoned(tz).ok())
        .map(|z| z.timestamp().to_string())
        .unwrap_or_else(|| t.to_string())
}

fn given(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

/// A whole number typed in `field`; an error beside the field when it is not one.
fn whole<T: std::str::FromStr>(errors: &mut FieldErrors, field: &str, s: &str) -> Option<T> {
    let s = given(s)?;
    match s.parse() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.set(field, "must be a whole number".into());
            None
        }
    }
}

/// The page again after a refusal: 422 for input, 409 for a conflict.
async fn again(
    state: &AppState,
    v: &Visitor,
    agent: &StaffSession,
    number: &str,
    e: AppError,
    keep: impl FnOnce(&mut super::Panel, FieldErrors) + Send,
) -> Response {
    let status = match &e {
        AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Conflict(_) => StatusCode::CONFLICT,
        AppError::NotFound(_) => return not_found(state, v),
        AppError::Forbidden(_) => return refused(state, v),
        _ => return failed(state, v, &e),
    };
    let errors = FieldErrors::from_error(&e);
    render(
        state,
        v,
        agent,
        number,
        move |view| {
            if let Some(p) = view.billing.as_mut() {
                keep(p, errors);
            }
        },
        status,
    )
    .await
}

/// The time-entry form as posted.
#[derive(Deserialize)]
pub struct RecordForm {
    csrf: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    end: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    visits: String,
    #[serde(default)]
    intervention: String,
    #[serde(default)]
    billable: String,
    #[serde(default)]
    note: String,
}

/// `POST /desk/tickets/{number}/time`: logs time (start and end, or a date and minutes).
pub async fn record(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(number): Path<String>,
    Form(f): Form<RecordForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let mut errors = FieldErrors::default();
    let minutes = whole::<u32>(&mut errors, "minutes", &f.minutes);
    let visits = whole::<u32>(&mut errors, "visits", &f.visits);
    let intervention = whole::<i64>(&mut errors, "intervention", &f.intervention);
    let kept = EntryForm {
        start: f.start.clone(),
        end: f.end.clone(),
        date: f.date.clone(),
        minutes: f.minutes.clone(),
        kind: f.kind.clone(),
        visits: f.visits.clone(),
        intervention: f.intervention.clone(),
        billable: f.billable.clone(),
        note: f.note.clone(),
        errors: FieldErrors::default(),
    };
    let input = billing::NewTimeEntry {
        kind: f.kind.clone(),
        start: given(&f.start).map(|s| instant(&s, &agent.zone)),
        end: given(&f.end).map(|s| instant(&s, &agent.zone)),
        date: given(&f.date),
        minutes,
        intervention,
        visits: visits.unwrap_or(0),
        billable: f.billable != "no",
        note: given(&f.note),
    };
    let result = if errors.form.is_none()
        && errors.minutes.is_none()
        && errors.visits.is_none()
        && errors.intervention.is_none()
    {
        billing::record_entry(&state.app.db, &agent.actor, &number, input).await
    } else {
        Err(AppError::Validation(podpora_core::ValidationError::new()))
    };
    match result {
        Ok(_) => back(&number, "time"),
        Err(e) => {
            again(
                &state,
                &v,
                &agent,
                &number,
                e,
                move |p, mut from_use_case| {
                    merge(&mut from_use_case, errors);
                    p.entry = EntryForm {
                        errors: from_use_case,
                        ..kept
                    };
                },
            )
            .await
        }
    }
}

/// Adds the page's own refusals (a number that is not one) to the use case's.
fn merge(into: &mut FieldErrors, own: FieldErrors) {
    for (field, m) in [
        ("minutes", own.minutes),
        ("visits", own.visits),
        ("intervention", own.intervention),
        ("estimate_minutes", own.estimate_minutes),
        ("entry", own.entry),
    ] {
        if let Some(m) = m {
            into.set(field, m);
        }
    }
}

/// The correction form as posted.
#[derive(Deserialize)]
pub struct CorrectForm {
    csrf: String,
    #[serde(default)]
    entry: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    billable: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    reason: String,
}

/// `POST /desk/tickets/{number}/time/correct`: corrects an entry not yet invoiced; the change
/// and its reason go to the ticket's history.
pub async fn correct(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(number): Path<String>,
    Form(f): Form<CorrectForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let mut errors = FieldErrors::default();
    let id = whole::<i64>(&mut errors, "entry", &f.entry);
    let minutes = whole::<u32>(&mut errors, "minutes", &f.minutes);
    let kept = EditForm {
        entry: f.entry.clone(),
        minutes: f.minutes.clone(),
        kind: f.kind.clone(),
        billable: f.billable.clone(),
        note: f.note.clone(),
        reason: f.reason.clone(),
        errors: FieldErrors::default(),
    };
    let result = match id {
        Some(id) if errors.minutes.is_none() => {
            let patch = billing::TimeEntryPatch {
                kind: given(&f.kind),
                minutes,
                visits: None,
                billable: match f.billable.as_str() {
                    "yes" => Some(true),
                    "no" => Some(false),
                    _ => None,
                },
                intervention: None,
                note: given(&f.note),
                reason: given(&f.reason),
            };
            billing::edit_entry(&state.app.db, &agent.actor, &number, id, patch).await
        }
        _ => {
            if id.is_none() && errors.entry.is_none() {
                errors.set("entry", "choose the entry to correct".into());
            }
            Err(AppError::Validation(podpora_core::ValidationError::new()))
        }
    };
    match result {
        Ok(_) => back(&number, "correct"),
        Err(e) => {
            again(
                &state,
                &v,
                &agent,
                &number,
                e,
                move |p, mut from_use_case| {
                    merge(&mut from_use_case, errors);
                    p.edit = EditForm {
                        errors: from_use_case,
                        ..kept
                    };
                },
            )
            .await
        }
    }
}

/// The offer form as posted.
#[derive(Deserialize)]
pub struct NewOfferForm {
    csrf: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    estimate_minutes: String,
}

/// `POST /desk/tickets/{number}/offers`: records an offer of paid work and mails it to the
/// customer with a link to accept it.
pub async fn offer(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(number): Path<String>,
    headers: axum::http::HeaderMap,
    Form(f): Form<NewOfferForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let mut errors = FieldErrors::default();
    let estimate = whole::<u32>(&mut errors, "estimate_minutes", &f.estimate_minutes);
    let kept = OfferForm {
        description: f.description.clone(),
        estimate_minutes: f.estimate_minutes.clone(),
        errors: FieldErrors::default(),
    };
    let result = if errors.estimate_minutes.is_none() {
        let url = crate::pages::portal_url(&v.settings, &headers);
        billing::offer_agreement(
            &state.app,
            &agent.actor,
            &number,
            billing::NewAgreement {
                description: f.description.clone(),
                estimate_minutes: estimate,
            },
            &url,
        )
        .await
    } else {
        Err(AppError::Validation(podpora_core::ValidationError::new()))
    };
    match result {
        Ok(a) if a.mailed_to.is_some() => back(&number, "offer"),
        Ok(_) => back(&number, "offer-unmailed"),
        Err(e) => {
            again(
                &state,
                &v,
                &agent,
                &number,
                e,
                move |p, mut from_use_case| {
                    merge(&mut from_use_case, errors);
                    p.offer = OfferForm {
                        errors: from_use_case,
                        ..kept
                    };
                },
            )
            .await
        }
    }
}

/// The acceptance form as posted.
#[derive(Deserialize)]
pub struct StaffAcceptForm {
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// `POST /desk/tickets/{number}/offers/{id}/accept`: records an acceptance the customer gave
/// another way (by phone, in person), with the reason; held work is billed from then on.
pub async fn accept(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path((number, id)): Path<(String, i64)>,
    Form(f): Form<StaffAcceptForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let body = billing::AcceptAgreement {
        reason: Some(f.reason.clone()),
    };
    match billing::accept_agreement(&state.app.db, &agent.actor, &number, id, body).await {
        Ok(_) => back(&number, "accept"),
        Err(e) => {
            let reason = f.reason;
            again(&state, &v, &agent, &number, e, move |p, errors| {
                p.accept = AcceptForm {
                    offer: id,
                    reason,
                    errors,
                };
            })
            .await
        }
    }
}
