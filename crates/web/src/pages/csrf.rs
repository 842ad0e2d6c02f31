//! Cross-site request forgery protection: every form carries a token equal to the value of the
//! `pdp_csrf` cookie ("double submit"). Another site can make a browser send the cookie (not
//! even that, with `SameSite=Lax`, for a POST) but cannot read it to put it in the form.

use podpora_app::actor::new_token;

/// A fresh token for a browser that has none.
pub fn new() -> String {
    // The token only has to be unguessable; if the system's random source fails the page
    // still works, and the empty token matches no form, so posts are refused, not let through.
    new_token("csrf").unwrap_or_default()
}

/// Whether the form's token matches the cookie's, compared in constant time.
pub fn matches(cookie: Option<&str>, form: &str) -> bool {
    let Some(cookie) = cookie else { return false };
    if cookie.len() < 16 || cookie.len() != form.len() {
        return false;
    }
    cookie
        .bytes()
        .zip(form.bytes())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_long_token_matches() {
        let t = new();
        assert!(matches(Some(&t), &t));
        assert!(!matches(Some(&t), "csrf_0000"));
        assert!(!matches(None, &t));
        assert!(!matches(Some(""), ""));
    }
}
