//! The profile's record: e-mail addresses (a new or changed one is confirmed from a link
//! mailed to it), phone numbers, and the time zone dates are shown in.

use crate::AppState;
use crate::pages::layout::{Page, csrf_refused, failed, message, tr};
use crate::pages::portal_url;
use crate::pages::session::Visitor;
use axum::Form;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use podpora_app::AppError;
use podpora_app::portal;
use podpora_core::Language;
use podpora_render::Arg;
use serde::{Deserialize, Serialize};

/// Zones offered on the profile: where the customers are, and a few beyond.
const ZONES: [&str; 12] = [
    "Europe/Bratislava",
    "Europe/Prague",
    "Europe/Warsaw",
    "Europe/Vienna",
    "Europe/Budapest",
    "Europe/Berlin",
    "Europe/London",
    "Europe/Kyiv",
    "Europe/Istanbul",
    "America/New_York",
    "Asia/Dubai",
    "UTC",
];

/// The record's forms behind the customer guard.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/portal/profile/addresses", post(ask_address))
        .route("/portal/profile/phones", post(set_phones))
        .route("/portal/profile/time-zone", post(set_zone))
}

/// The address link, opened from the mail (perhaps in another browser, signed out).
pub fn anonymous_routes() -> Router<AppState> {
    Router::new().route("/portal/address/{token}", get(link_form).post(link_submit))
}

#[derive(Serialize)]
struct PendingView {
    email: String,
    replaces: Option<String>,
}

#[derive(Serialize)]
struct ZoneOption {
    code: &'static str,
    current: bool,
}

/// What the profile shows of the record, with what was typed into a refused form.
#[derive(Serialize, Default)]
pub(super) struct RecordView {
    /// A contact (an organization account keeps no record here).
    contact: bool,
    emails: Vec<String>,
    pending: Vec<PendingView>,
    email: String,
    replaces: String,
    email_error: Option<String>,
    phones: String,
    phones_error: Option<String>,
    zones: Vec<ZoneOption>,
    /// No zone chosen: the desk's applies.
    zone_default: bool,
    zone_error: Option<String>,
}

impl RecordView {
    /// Whether a record form was refused.
    pub(super) fn has_error(&self) -> bool {
        self.email_error.is_some() || self.phones_error.is_some() || self.zone_error.is_some()
    }
}

/// The record as stored.
pub(super) async fn view(state: &AppState, v: &Visitor) -> RecordView {
    let Some(actor) = &v.customer else {
        return RecordView::default();
    };
    if actor.contact_scope().is_none() {
        return RecordView::default();
    }
    let r = match portal::record(&state.app, actor).await {
        Ok(r) => r,
        Err(e) => {
            tracing::warn!(error = %e, "reading the contact's record failed");
            return RecordView::default();
        }
    };
    let zone = r.time_zone.clone().unwrap_or_default();
    RecordView {
        contact: true,
        emails: r.emails,
        pending: r
            .pending
            .into_iter()
            .map(|(email, replaces)| PendingView { email, replaces })
            .collect(),
        phones: r.phones.join("\n"),
        zones: ZONES
            .iter()
            .map(|z| ZoneOption {
                code: z,
                current: *z == zone,
            })
            .collect(),
        zone_default: zone.is_empty(),
        ..RecordView::default()
    }
}

/// The profile's notice after a record form, by `done`.
pub(super) fn notice(state: &AppState, lang: Language, done: Option<&str>) -> Option<String> {
    let key = match done? {
        "address" => "portal-address-sent",
        "phones" => "portal-phones-saved",
        "zone" => "portal-zone-saved",
        _ => return None,
    };
    Some(tr(state, lang, key, &[]))
}

/// The address form.
#[derive(Deserialize)]
pub struct AddressForm {
    csrf: String,
    email: String,
    #[serde(default)]
    replaces: String,
}

/// `POST /portal/profile/addresses`: mails the link to the new address.
async fn ask_address(
    State(state): State<AppState>,
    v: Visitor,
    headers: HeaderMap,
    Form(f): Form<AddressForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    let url = portal_url(&v.settings, &headers);
    let replaces = Some(f.replaces.as_str()).filter(|r| !r.is_empty());
    match portal::ask_address(&state.app, &actor, &f.email, replaces, &url).await {
        Ok(_) => Redirect::to("/portal/profile?done=address").into_response(),
        Err(AppError::Validation(e)) => {
            let key = match e.errors.first() {
                Some(x) if x.field == "replaces" => "portal-address-error-replaces",
                Some(x) if x.message.contains("already") => "portal-address-error-taken",
                _ => "portal-address-error-invalid",
            };
            let mut r = view(&state, &v).await;
            r.email_error = Some(tr(&state, v.lang, key, &[]));
            r.email = f.email;
            r.replaces = f.replaces;
            super::account::profile_page(&state, &v, None, None, Some(r)).await
        }
        Err(AppError::Forbidden(_)) => Redirect::to("/portal/profile").into_response(),
        Err(e) => failed(&state, &v, &e),
    }
}

/// The phone numbers form: one number a line (or separated by commas).
#[derive(Deserialize)]
pub struct PhonesForm {
    csrf: String,
    phones: String,
}

/// `POST /portal/profile/phones`.
async fn set_phones(
    State(state): State<AppState>,
    v: Visitor,
    Form(f): Form<PhonesForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    let typed: Vec<String> = f
        .phones
        .split(['\n', ','])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    match portal::set_phones(&state.app, &actor, &typed).await {
        Ok(_) => Redirect::to("/portal/profile?done=phones").into_response(),
        Err(AppError::Validation(e)) => {
            let bad = e.errors.iter().find_map(|x| {
                x.field
                    .strip_prefix("phones[")
                    .and_then(|i| i.trim_end_matches(']').parse::<usize>().ok())
                    .and_then(|i| typed.get(i))
            });
            let error = match bad {
                Some(number) => tr(
                    &state,
                    v.lang,
                    "portal-phone-error",
                    &[("number", Arg::from(number.clone()))],
                ),
                None => tr(
                    &state,
                    v.lang,
                    "portal-phone-error-count",
                    &[("count", Arg::from(portal::MAX_PHONES as i64))],
                ),
            };
            let mut r = view(&state, &v).await;
            r.phones_error = Some(error);
            r.phones = f.phones;
            super::account::profile_page(&state, &v, None, None, Some(r)).await
        }
        Err(AppError::Forbidden(_)) => Redirect::to("/portal/profile").into_response(),
        Err(e) => failed(&state, &v, &e),
    }
}

/// The time zone form.
#[derive(Deserialize)]
pub struct ZoneForm {
    csrf: String,
    zone: String,
}

/// `POST /portal/profile/time-zone`.
async fn set_zone(State(state): State<AppState>, v: Visitor, Form(f): Form<ZoneForm>) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    match portal::set_time_zone(&state.app, &actor, &f.zone).await {
        Ok(()) => Redirect::to("/portal/profile?done=zone").into_response(),
        Err(AppError::Validation(_)) => {
            let mut r = view(&state, &v).await;
            r.zone_error = Some(tr(&state, v.lang, "portal-zone-error", &[]));
            super::account::profile_page(&state, &v, None, None, Some(r)).await
        }
        Err(AppError::Forbidden(_)) => Redirect::to("/portal/profile").into_response(),
        Err(e) => failed(&state, &v, &e),
    }
}

#[derive(Serialize)]
struct LinkView {
    email: String,
    token: String,
}

/// `GET /portal/address/{token}`: asks to confirm (a button, so a mail scanner opening the
/// link confirms nothing).
async fn link_form(
    State(state): State<AppState>,
    v: Visitor,
    Path(token): Path<String>,
) -> Response {
    match portal::address_link(&state.app, &token).await {
        Ok(Some(email)) => Page {
            template: "portal/address",
            title: tr(&state, v.lang, "portal-address-title", &[]),
            notice: None,
            view: &LinkView { email, token },
            status: StatusCode::OK,
        }
        .render(&state, &v),
        Ok(None) => gone(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}

fn gone(state: &AppState, v: &Visitor) -> Response {
    message(
        state,
        v,
        StatusCode::NOT_FOUND,
        "portal-address-title",
        "portal-address-link-dead",
    )
}

/// The confirmation form.
#[derive(Deserialize)]
pub struct LinkForm {
    csrf: String,
}

/// `POST /portal/address/{token}`: puts the address on record.
async fn link_submit(
    State(state): State<AppState>,
    v: Visitor,
    Path(token): Path<String>,
    Form(f): Form<LinkForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    match portal::confirm_address(&state.app, &token).await {
        Ok(_) => message(
            &state,
            &v,
            StatusCode::OK,
            "portal-address-title",
            "portal-address-confirmed",
        ),
        Err(AppError::Validation(_)) => gone(&state, &v),
        Err(AppError::Conflict(_)) => message(
            &state,
            &v,
            StatusCode::CONFLICT,
            "portal-address-title",
            "portal-address-error-taken",
        ),
        Err(e) => failed(&state, &v, &e),
    }
}
