//! Rendering a page: the layout's variables (title, language chooser, CSRF token, stylesheet)
//! around a page's own view struct, and the answers every area shares (not found, errors).

use super::{assets, cookies, language, session::Visitor};
use crate::AppState;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use podpora_core::Language;
use podpora_render::Arg;
use serde::Serialize;

/// One entry of the language chooser.
#[derive(Serialize)]
struct LangLink {
    code: &'static str,
    name: &'static str,
}

/// One link of the main navigation.
#[derive(Serialize)]
pub struct NavLink {
    /// Where it goes.
    pub href: &'static str,
    /// Its text, in the page's language.
    pub label: String,
    /// Whether it is the page being shown.
    pub current: bool,
}

/// What `web/layout.html` needs besides the page's own variables.
#[derive(Serialize)]
struct Layout<'a> {
    title: &'a str,
    css: &'static str,
    js: &'static str,
    /// The workspace's own script, on its pages.
    desk_js: Option<&'static str>,
    csrf: &'a str,
    back: String,
    /// `portal` or `desk`: which area's header the page gets.
    area: &'static str,
    /// Where the brand links to.
    home: &'static str,
    nav: Vec<NavLink>,
    /// The sign-out form's action, when someone is signed in to this area.
    sign_out: Option<&'static str>,
    /// Who is signed in, shown in the workspace's header.
    user: Option<&'a str>,
    /// Whether the workspace's header shows the search box (agents who read tickets).
    desk_search: bool,
    languages: Vec<LangLink>,
    notice: Option<&'a str>,
}

#[derive(Serialize)]
struct Ctx<'a, P: Serialize> {
    #[serde(flatten)]
    layout: Layout<'a>,
    #[serde(flatten)]
    page: &'a P,
}

/// A page to answer with: template, title, optional notice and the page's view struct.
pub struct Page<'a, P: Serialize> {
    /// Template name under `web/`, without `.html`.
    pub template: &'static str,
    /// The `<title>` and usually the heading.
    pub title: String,
    /// A confirmation shown above the content.
    pub notice: Option<String>,
    /// The page's own variables.
    pub view: &'a P,
    /// The status code (200 for most pages, 422 for a refused form, 404 …).
    pub status: StatusCode,
}

impl<P: Serialize> Page<'_, P> {
    /// Renders the page for `v` in `v.lang`, setting the CSRF cookie when it is new. Pages
    /// under `/desk` get the workspace's header and navigation, others the portal's.
    pub fn render(self, state: &AppState, v: &Visitor) -> Response {
        let in_desk = v.path.starts_with("/desk");
        let (area, home, nav, sign_out, user) = if in_desk {
            let agent = v.agent();
            (
                "desk",
                "/desk",
                agent.map_or_else(Vec::new, |a| super::desk::nav(state, v, a)),
                agent.map(|_| "/desk/sign-out"),
                agent.map(|a| a.name.as_str()),
            )
        } else {
            let signed_in = v.customer.is_some();
            (
                "portal",
                "/",
                if signed_in {
                    super::portal::nav(state, v)
                } else {
                    Vec::new()
                },
                signed_in.then_some("/portal/sign-out"),
                None,
            )
        };
        let layout = Layout {
            title: &self.title,
            css: assets::css_path(),
            js: assets::js_path(),
            desk_js: in_desk.then(assets::desk_js_path),
            csrf: &v.csrf,
            back: percent_encode(&v.path),
            area,
            home,
            nav,
            sign_out,
            user,
            desk_search: in_desk
                && v.agent()
                    .is_some_and(|a| a.actor.can(podpora_core::auth::Permission::ReadTickets)),
            languages: language::names()
                .into_iter()
                .map(|(l, name)| LangLink {
                    code: l.as_str(),
                    name,
                })
                .collect(),
            notice: self.notice.as_deref(),
        };
        let ctx = Ctx {
            layout,
            page: self.view,
        };
        let html = match state.app.renderer() {
            Ok(r) => r.page(self.template, v.lang, &ctx),
            Err(e) => {
                tracing::error!(error = %e, "templates failed to load");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
        let mut res = match html {
            Ok(html) => (self.status, Html(html)).into_response(),
            Err(e) => {
                tracing::error!(error = %e, template = self.template, "page failed to render");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
        if v.csrf_is_new {
            res.headers_mut().append(
                header::SET_COOKIE,
                cookies::set(cookies::CSRF, &v.csrf, None, v.settings.secure_cookies),
            );
        }
        res
    }
}

/// A message in the page's language; the key itself if it is missing (a test prevents that).
pub fn tr(state: &AppState, lang: Language, key: &str, args: &[(&str, Arg)]) -> String {
    match state.app.renderer() {
        Ok(r) => r.text(lang, key, args),
        Err(_) => key.to_string(),
    }
}

/// A short page with a title and one sentence (not found, refused form, failure).
pub fn message(
    state: &AppState,
    v: &Visitor,
    status: StatusCode,
    title_key: &str,
    message_key: &str,
) -> Response {
    #[derive(Serialize)]
    struct View {
        message: String,
    }
    Page {
        template: "message",
        title: tr(state, v.lang, title_key, &[]),
        notice: None,
        view: &View {
            message: tr(state, v.lang, message_key, &[]),
        },
        status,
    }
    .render(state, v)
}

/// The answer for a page that does not exist or that the visitor may not see: the same in
/// both cases, so a customer cannot learn which of another customer's requests exist.
pub fn not_found(state: &AppState, v: &Visitor) -> Response {
    message(
        state,
        v,
        StatusCode::NOT_FOUND,
        "web-title-not-found",
        "web-not-found",
    )
}

/// The answer for a form whose CSRF token does not match.
pub fn csrf_refused(state: &AppState, v: &Visitor) -> Response {
    message(
        state,
        v,
        StatusCode::FORBIDDEN,
        "web-title-forbidden",
        "web-csrf-refused",
    )
}

/// The answer when a use case failed for a reason the visitor cannot fix.
pub fn failed(state: &AppState, v: &Visitor, e: &podpora_app::AppError) -> Response {
    tracing::error!(error = %e, "page failed");
    message(
        state,
        v,
        StatusCode::INTERNAL_SERVER_ERROR,
        "web-title-error",
        "web-error-generic",
    )
}

/// A local path as a query value.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A whole number grouped by thousands the reader's way: "8 000" with a non-breaking space
/// in Slovak, Czech and Polish, "8,000" in English.
pub fn number(lang: Language, n: u64) -> String {
    podpora_render::format_number(lang, n)
}

/// A date and time in the reader's language and the desk's time zone.
pub fn when(lang: Language, rfc3339: &str) -> String {
    match rfc3339.parse::<jiff::Timestamp>() {
        Ok(t) => podpora_render::format_datetime(lang, &t.to_zoned(zone())),
        Err(_) => rfc3339.to_string(),
    }
}

/// A day (`YYYY-MM-DD`) in the reader's language; the text as it is if it is not a day.
pub fn day(lang: Language, iso: &str) -> String {
    match iso.parse::<jiff::civil::Date>() {
        Ok(d) => podpora_render::format_date(lang, d),
        Err(_) => iso.to_string(),
    }
}

/// An amount with its currency the reader's way: "1\u{a0}250,00 EUR", "1,250.00 EUR".
pub fn money(lang: Language, m: &podpora_core::plan::Money) -> String {
    podpora_render::format_money(lang, m.amount_minor, &m.currency)
}

/// A date and time in the reader's language and the given IANA zone (an agent's own); the
/// desk's zone when the name is unknown.
pub fn when_in(lang: Language, zone_name: &str, rfc3339: &str) -> String {
    let tz = jiff::tz::TimeZone::get(zone_name).unwrap_or_else(|_| zone());
    match rfc3339.parse::<jiff::Timestamp>() {
        Ok(t) => podpora_render::format_datetime(lang, &t.to_zoned(tz)),
        Err(_) => rfc3339.to_string(),
    }
}

tokio::task_local! {
    /// The time zone of the customer whose page is being written, set around the handler by
    /// the customer guard when the contact chose one.
    pub static READER_ZONE: jiff::tz::TimeZone;
}

/// The reader's own zone when they chose one; else, as customers are in Slovakia, Czechia and
/// Poland, which share one time zone, that one.
fn zone() -> jiff::tz::TimeZone {
    READER_ZONE.try_with(Clone::clone).unwrap_or_else(|_| {
        jiff::tz::TimeZone::get("Europe/Bratislava").unwrap_or(jiff::tz::TimeZone::UTC)
    })
}

/// The `Cache-Control` of pages: personal, never stored.
pub fn no_store() -> HeaderValue {
    HeaderValue::from_static("no-store")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_the_readers_way() {
        assert_eq!(number(Language::Sk, 8001), "8\u{a0}001");
        assert_eq!(number(Language::En, 1_234_567), "1,234,567");
        assert_eq!(number(Language::Pl, 999), "999");
    }

    #[test]
    fn days_and_amounts_are_written_the_readers_way() {
        assert_eq!(day(Language::Sk, "2026-12-03"), "3. 12. 2026");
        assert_eq!(day(Language::En, "2026-12-03"), "3 Dec 2026");
        assert_eq!(day(Language::Cs, "bad"), "bad");
        let m = podpora_core::plan::Money {
            amount_minor: 125_050,
            currency: "EUR".into(),
        };
        assert_eq!(money(Language::Sk, &m), "1\u{a0}250,50\u{a0}EUR");
        assert_eq!(money(Language::En, &m), "1,250.50\u{a0}EUR");
    }

    #[test]
    fn paths_are_encoded_for_a_query() {
        assert_eq!(percent_encode("/a?b=1&c"), "/a%3Fb%3D1%26c");
    }
}
