//! Static files embedded in the binary, served under a name that changes with their content so
//! browsers may keep them for a year.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::LazyLock;

const CSS: &str = include_str!("../../assets/site.css");
const JS: &str = include_str!("../../assets/portal.js");
const DESK_JS: &str = include_str!("../../assets/desk.js");

static CSS_PATH: LazyLock<String> =
    LazyLock::new(|| format!("/static/site-{:016x}.css", fnv1a(CSS.as_bytes())));
static JS_PATH: LazyLock<String> =
    LazyLock::new(|| format!("/static/portal-{:016x}.js", fnv1a(JS.as_bytes())));

static DESK_JS_PATH: LazyLock<String> =
    LazyLock::new(|| format!("/static/desk-{:016x}.js", fnv1a(DESK_JS.as_bytes())));

/// The workspace's script's URL, with its content's hash in the name.
pub fn desk_js_path() -> &'static str {
    &DESK_JS_PATH
}

/// The stylesheet's URL, with its content's hash in the name.
pub fn css_path() -> &'static str {
    &CSS_PATH
}

/// The script's URL, with its content's hash in the name.
pub fn js_path() -> &'static str {
    &JS_PATH
}

/// FNV-1a, 64 bits: enough to tell versions of one file apart; not a security measure.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `GET /static/{file}`.
pub async fn serve(Path(file): Path<String>) -> Response {
    let path = format!("/static/{file}");
    let (content_type, body) = if path == css_path() {
        ("text/css; charset=utf-8", CSS)
    } else if path == js_path() {
        ("text/javascript; charset=utf-8", JS)
    } else if path == desk_js_path() {
        ("text/javascript; charset=utf-8", DESK_JS)
    } else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        body,
    )
        .into_response()
}
