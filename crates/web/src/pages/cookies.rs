//! Reading the `Cookie` header and writing `Set-Cookie` values for the pages' cookies.

use axum::http::{HeaderMap, HeaderValue, header};

/// The session cookie: the secret whose hash names a row of `portal_sessions`.
pub const SESSION: &str = "pdp_session";
/// The workspace's session cookie: the secret whose hash names a row of `agent_sessions`,
/// apart from the portal's so one browser may hold both.
pub const DESK_SESSION: &str = "pdp_desk";
/// The CSRF cookie, compared with the token in every form.
pub const CSRF: &str = "pdp_csrf";
/// The language chosen with the chooser.
pub const LANG: &str = "pdp_lang";

/// The value of cookie `name`, if the browser sent it.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim_matches('"'))
}

/// A `Set-Cookie` value: always `HttpOnly` (no script reads our cookies) and `SameSite=Lax`
/// (not sent with cross-site form posts); `Secure` when the site is served over HTTPS.
/// `max_age` `None` makes a cookie that ends with the browser; `Some(0)` deletes it.
pub fn set(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    // Names and values are ours (ASCII tokens and hex), so the header is always valid.
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_cookie_among_several() {
        let mut h = HeaderMap::new();
        h.append(header::COOKIE, HeaderValue::from_static("a=1; pdp_lang=pl"));
        h.append(header::COOKIE, HeaderValue::from_static("pdp_csrf=xyz"));
        assert_eq!(get(&h, LANG), Some("pl"));
        assert_eq!(get(&h, CSRF), Some("xyz"));
        assert_eq!(get(&h, SESSION), None);
    }

    #[test]
    fn cookies_are_http_only_and_lax() {
        let v = set(SESSION, "abc", Some(60), true);
        assert_eq!(
            v.to_str().ok(),
            Some("pdp_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure")
        );
    }
}
