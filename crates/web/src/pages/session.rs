//! Who is looking at a page: the `Visitor` extractor reads the cookies, the signed-in customer
//! and agent (if any), the language and the client's address once per request.

use super::{PageSettings, cookies, csrf, language};
use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::Response;
use podpora_app::Actor;
use podpora_app::desk::StaffSession;
use podpora_app::portal::SessionDetails;
use podpora_core::Language;
use std::net::SocketAddr;

/// Everything a page handler needs about the browser asking.
#[derive(Debug, Clone)]
pub struct Visitor {
    /// The language the page is written in.
    pub lang: Language,
    /// The CSRF token forms carry (the cookie's, or a new one set with the page).
    pub csrf: String,
    /// Whether `csrf` is new, so the page must set its cookie.
    pub csrf_is_new: bool,
    /// The cookie's CSRF token as the browser sent it, to check forms against.
    pub csrf_cookie: Option<String>,
    /// The signed-in customer.
    pub customer: Option<Actor>,
    /// The signed-in agent (perhaps still owing the second factor).
    pub staff: Option<StaffSession>,
    /// The client's address, for the sign-in lockout.
    pub address: String,
    /// This page's path and query, for the language chooser to come back to.
    pub path: String,
    /// Cookie and header settings.
    pub settings: PageSettings,
    /// The signed-in contact's time zone, when they chose one.
    pub zone: Option<String>,
}

impl Visitor {
    /// The signed-in agent who has also given the second factor, if any.
    pub fn agent(&self) -> Option<&StaffSession> {
        self.staff.as_ref().filter(|s| s.second_factor_done)
    }

    /// Whether a posted form's token is the browser's.
    pub fn csrf_ok(&self, form_token: &str) -> bool {
        csrf::matches(self.csrf_cookie.as_deref(), form_token)
    }
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        // The customer guard has already looked the visitor up.
        if let Some(v) = parts.extensions.get::<Visitor>() {
            return Ok(v.clone());
        }
        let settings = parts
            .extensions
            .get::<PageSettings>()
            .cloned()
            .unwrap_or_default();
        let headers = &parts.headers;
        let session = match cookies::get(headers, cookies::SESSION) {
            Some(token) if !token.is_empty() => {
                podpora_app::portal::session_details(&state.app, token)
                    .await
                    .unwrap_or_else(|e| {
                        // An unreadable session is treated as none: the visitor is asked to sign
                        // in again rather than shown an error page on every request.
                        tracing::warn!(error = %e, "portal session lookup failed");
                        None
                    })
            }
            _ => None,
        };
        let staff = match cookies::get(headers, cookies::DESK_SESSION) {
            Some(token) if !token.is_empty() => podpora_app::desk::session(&state.app, token)
                .await
                .unwrap_or_else(|e| {
                    tracing::warn!(error = %e, "staff session lookup failed");
                    None
                }),
            _ => None,
        };
        // In the workspace an agent reads their own language; elsewhere the portal's rules.
        let lang = match &staff {
            Some(s) if parts.uri.path().starts_with("/desk") => s.language,
            _ => choose_language(headers, session.as_ref()),
        };
        let csrf_cookie = cookies::get(headers, cookies::CSRF).map(str::to_string);
        let (csrf, csrf_is_new) = match &csrf_cookie {
            Some(c) if c.len() >= 16 => (c.clone(), false),
            _ => (csrf::new(), true),
        };
        let address = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| "unknown".to_string(), |c| c.0.ip().to_string());
        let path = parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_string(), |p| p.as_str().to_string());
        Ok(Visitor {
            lang,
            csrf,
            csrf_is_new,
            csrf_cookie,
            zone: session.as_ref().and_then(|s| s.time_zone.clone()),
            customer: session.map(|s| s.actor),
            staff,
            address,
            path,
            settings,
        })
    }
}

/// The page's language: the account's own setting (a contact's, or the one an organization
/// account chose), else the chooser's cookie, else the
/// browser's `Accept-Language`, else the language of the organization's country, else the
/// organization's stored language, else Slovak.
fn choose_language(headers: &HeaderMap, session: Option<&SessionDetails>) -> Language {
    let chosen = cookies::get(headers, cookies::LANG).and_then(|l| l.parse().ok());
    let own_setting = session.filter(|s| s.own_language).map(|s| s.language);
    own_setting
        .or(chosen)
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(language::from_accept_language)
        })
        .or(session.and_then(|s| s.country_language))
        .or(session.map(|s| s.language))
        .unwrap_or(Language::Sk)
}
