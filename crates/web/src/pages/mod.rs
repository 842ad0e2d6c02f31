//! Server-rendered pages: the customer portal and the agent workspace. One module per
//! area (`portal/…`) holding its handlers and view structs; the shared parts beside them:
//! `layout` (rendering, common answers), `session` (who is asking), `csrf`, `cookies`,
//! `language` and `assets`. Routes are grouped by who may enter, so the access rules read off
//! [`router`]: anonymous pages, customer pages behind one guard, and the workspace's pages
//! behind the staff guard (and, inside it, per-permission guards).

mod assets;
mod cookies;
mod csrf;
mod desk;
mod help;
pub(crate) mod language;
mod layout;
mod payment_decisions;
pub(crate) mod payments;
mod portal;
mod session;

use crate::AppState;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Router};
use podpora_core::Language;
use session::Visitor;

pub(crate) use help::file_response as kb_file_response;

/// Settings of the pages.
#[derive(Debug, Clone, Default)]
pub struct PageSettings {
    /// Mark cookies `Secure` (the site is served over HTTPS, perhaps behind a proxy).
    pub secure_cookies: bool,
    /// Where browsers reach podpora, for links in mail.
    pub public_url: Option<String>,
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// The portal's address for links in mail: the configured public URL, else the address the
/// request asking for the mail reached.
pub fn portal_url(settings: &PageSettings, headers: &axum::http::HeaderMap) -> String {
    settings.public_url.clone().unwrap_or_else(|| {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("localhost");
        let scheme = if settings.secure_cookies {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{host}")
    })
}

/// Scripts and styles only from our own files (no inline code), forms and the workspace's
/// polling only to us, never framed.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// [`CSP`] letting `https:` images in: only on a response showing a mail's remote images
/// because an agent asked for them; the response sets it and [`security_headers`] keeps it.
pub(crate) const CSP_REMOTE_IMAGES: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Every page route, with the security headers.
pub fn router(state: AppState, settings: PageSettings) -> Router<AppState> {
    let anonymous = Router::new()
        .route("/", get(home))
        .route("/language/{code}", get(choose_language))
        .route("/static/{file}", get(assets::serve))
        .merge(portal::anonymous_routes())
        .merge(desk::anonymous_routes())
        .merge(help::routes());
    let customer = portal::customer_routes()
        .merge(payments::customer_routes())
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            require_customer,
        ));
    let staff = desk::staff_routes(state.clone())
        .merge(payments::staff_routes(state.clone()))
        .merge(payment_decisions::staff_routes(state.clone()))
        .route_layer(middleware::from_fn_with_state(state, desk::require_agent));
    anonymous
        .merge(customer)
        .merge(staff)
        .layer(middleware::from_fn(security_headers))
        .layer(Extension(settings))
}

/// Lets a request into the customer group only with a live portal session; others are sent
/// to the sign-in page. The visitor found here is handed on, so it is looked up once.
async fn require_customer(
    State(state): State<AppState>,
    v: Visitor,
    mut req: Request,
    next: Next,
) -> Response {
    let _ = &state;
    if v.customer.is_none() {
        return Redirect::to("/portal/sign-in").into_response();
    }
    let zone = v
        .zone
        .as_deref()
        .and_then(|z| jiff::tz::TimeZone::get(z).ok());
    req.extensions_mut().insert(v);
    match zone {
        // Dates on the page are written in the contact's own zone.
        Some(z) => layout::READER_ZONE.scope(z, next.run(req)).await,
        None => next.run(req).await,
    }
}

async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    // Only CSP_REMOTE_IMAGES is ever set by a page; every other response gets the strict one.
    if h.get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        != Some(CSP_REMOTE_IMAGES)
    {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, layout::no_store());
    }
    res
}

/// `/`: signed-in customers to their requests, others to the sign-in page.
async fn home(v: Visitor) -> Redirect {
    if v.customer.is_some() {
        Redirect::to("/portal/requests")
    } else {
        Redirect::to("/portal/sign-in")
    }
}

#[derive(serde::Deserialize)]
struct Back {
    back: Option<String>,
}

/// `GET /language/{code}?back=/path`: remembers the choice in a cookie (and, for a signed-in
/// contact or organization account, in its settings, so mail comes in it too) and returns to
/// the page. A link, not a
/// form, so the chooser works on every page without a token; changing the language is harmless.
async fn choose_language(
    State(state): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
    Query(q): Query<Back>,
) -> Response {
    let back = q
        .back
        .filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'))
        .unwrap_or_else(|| "/".into());
    let Ok(lang) = code.parse::<Language>() else {
        return Redirect::to(&back).into_response();
    };
    if back.starts_with("/desk") {
        if let Some(agent) = v.agent()
            && let Err(e) =
                podpora_app::desk::set_preferences(&state.app, agent, lang, &agent.zone).await
        {
            return layout::failed(&state, &v, &e);
        }
    } else if let Some(actor) = &v.customer
        && let Err(e) = podpora_app::portal::set_language(&state.app, actor, lang).await
    {
        return layout::failed(&state, &v, &e);
    }
    let mut res = Redirect::to(&back).into_response();
    res.headers_mut().append(
        header::SET_COOKIE,
        cookies::set(
            cookies::LANG,
            lang.as_str(),
            Some(365 * 86_400),
            v.settings.secure_cookies,
        ),
    );
    res
}

#[cfg(test)]
mod tests {
    use podpora_core::{Language, TicketStatus};

    /// Every message id the page handlers name in their source, plus the status names.
    fn ids_used_by_handlers() -> Vec<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("the pages directory") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("a source file");
                    for prefix in ["web-", "desk-"] {
                        for piece in text.split(&format!("\"{prefix}")).skip(1) {
                            let id: String = piece
                                .chars()
                                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                                .collect();
                            if !id.is_empty() && piece[id.len()..].starts_with('"') {
                                out.push(format!("{prefix}{id}"));
                            }
                        }
                    }
                }
            }
        }
        let mut ids = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pages"),
            &mut ids,
        );
        ids.extend(
            TicketStatus::ALL
                .iter()
                .map(|s| super::portal::status_key(*s)),
        );
        ids.extend(
            podpora_core::Channel::ALL
                .iter()
                .map(|c| super::portal::channel_key(*c)),
        );
        ids.extend(["web-plan-kind-remote".into(), "web-plan-kind-work".into()]);
        ids.extend(
            TicketStatus::ALL
                .iter()
                .map(|s| format!("desk-status-{}", s.as_str().replace('_', "-"))),
        );
        ids.extend(
            podpora_core::ArticleKind::ALL
                .iter()
                .map(|k| format!("desk-article-{}", k.as_str().replace('_', "-"))),
        );
        ids.extend(
            ["running", "paused", "met", "breached"]
                .iter()
                .map(|s| format!("desk-clock-{s}")),
        );
        ids.extend(
            podpora_core::auth::Role::ALL
                .iter()
                .map(|r| format!("desk-role-{}", r.as_str())),
        );
        ids
    }

    #[test]
    fn every_message_a_handler_uses_exists_in_every_language() {
        let r = podpora_render::Renderer::new().expect("built-in texts load");
        let ids = ids_used_by_handlers();
        assert!(ids.len() > 30, "found only {} ids", ids.len());
        for lang in Language::ALL {
            for id in &ids {
                assert!(r.has_message(lang, id), "{lang} lacks {id}");
            }
        }
    }
}
