//! podpora's HTTP edge. Translates requests into use-case calls and results into JSON; holds
//! no business rules. Errors are RFC 9457 `application/problem+json`.

mod api;
mod extract;
mod observe;
mod pages;
mod problem;

pub use problem::Problem;

use axum::Router;
use metrics_exporter_prometheus::PrometheusHandle;
use podpora_app::App;
use std::future::Future;
use tokio::net::TcpListener;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The application.
    pub app: App,
    /// Renders Prometheus metrics.
    pub metrics: PrometheusHandle,
}

/// Web settings.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Largest request body accepted, in bytes.
    pub body_max_bytes: usize,
    /// Mark the pages' cookies `Secure`: the site is served over HTTPS (perhaps by a proxy).
    pub secure_cookies: bool,
    /// Where browsers reach podpora (`https://podpora.example.sk`), for links in mail; when
    /// absent, the address a staff request came to.
    pub public_url: Option<String>,
    /// Reverse proxies whose `X-Forwarded-For` names the client (for sign-in lockouts).
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// Builds the router with every route and the generated OpenAPI document.
pub fn router(state: AppState, cfg: &WebConfig) -> Router {
    api::router(state, cfg)
}

/// The OpenAPI 3.1 document, generated from the handlers' annotations.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::openapi_only()
}

/// Serves until `shutdown` completes, then finishes in-flight requests.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // The client's address is what the sign-in lockout counts per address.
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
