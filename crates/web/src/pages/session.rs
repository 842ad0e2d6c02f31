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
use std::net::{IpAddr, SocketAddr};

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
            .map_or_else(
                || "unknown".to_string(),
                |c| client_address(c.0.ip(), headers, &settings.trusted_proxies).to_string(),
            );
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

/// The address a request came from: the peer's, or, when the peer is one of our trusted
/// proxies, the nearest address in `X-Forwarded-For` that is not one of them (each proxy
/// appends the address it was reached from, so the entries left of it are the client's word).
fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    let mut client = peer;
    for entry in forwarded.into_iter().rev() {
        match entry.parse::<IpAddr>() {
            Ok(a) if trusted.contains(&a) => client = a,
            Ok(a) => return a,
            // A malformed entry cannot be told apart from a forged one: stop at the last
            // address a trusted proxy vouched for.
            Err(_) => return client,
        }
    }
    client
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn forwarded(v: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", v.parse().unwrap());
        h
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy() {
        let h = forwarded("203.0.113.7");
        assert_eq!(
            client_address(ip("198.51.100.1"), &h, &[]),
            ip("198.51.100.1")
        );
        let proxy = [ip("127.0.0.1")];
        assert_eq!(
            client_address(ip("198.51.100.1"), &h, &proxy),
            ip("198.51.100.1")
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), &h, &proxy),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn a_forged_entry_left_of_the_client_is_ignored() {
        // The client sent "1.2.3.4" itself; the proxy appended the address it saw.
        let h = forwarded("1.2.3.4, 203.0.113.7");
        assert_eq!(
            client_address(ip("127.0.0.1"), &h, &[ip("127.0.0.1")]),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn chained_proxies_and_bad_entries() {
        let proxies = [ip("127.0.0.1"), ip("10.0.0.2")];
        let h = forwarded("203.0.113.7, 10.0.0.2");
        assert_eq!(
            client_address(ip("127.0.0.1"), &h, &proxies),
            ip("203.0.113.7")
        );
        let h = forwarded("203.0.113.7, not-an-address");
        assert_eq!(
            client_address(ip("127.0.0.1"), &h, &proxies),
            ip("127.0.0.1")
        );
        assert_eq!(
            client_address(ip("127.0.0.1"), &HeaderMap::new(), &proxies),
            ip("127.0.0.1")
        );
    }
}
