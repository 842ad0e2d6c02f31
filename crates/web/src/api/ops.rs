//! Health, readiness, metrics, and the OpenAPI document's own entry.

use crate::AppState;
use axum::{extract::State, http::StatusCode, response::IntoResponse};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(healthz))
        .routes(routes!(readyz))
        .routes(routes!(metrics))
}

/// The process is alive.
#[utoipa::path(get, path = "/healthz", tag = "operations", security(()), responses((status = 200, description = "alive", body = String)))]
async fn healthz() -> &'static str {
    "ok"
}

/// The process can serve: the database answers.
#[utoipa::path(get, path = "/readyz", tag = "operations", security(()), responses(
    (status = 200, description = "ready", body = String),
    (status = 503, description = "the database does not answer", body = String)))]
async fn readyz(State(s): State<AppState>) -> impl IntoResponse {
    match s.app.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready".to_string()),
        Err(e) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("database not ready: {e}"),
        ),
    }
}

/// Prometheus metrics: requests, latencies, tickets created.
#[utoipa::path(get, path = "/metrics", tag = "operations", security(()), responses((status = 200, description = "Prometheus text format", body = String)))]
async fn metrics(State(s): State<AppState>) -> impl IntoResponse {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        s.metrics.render(),
    )
}

/// This OpenAPI 3.1 document (served by the router; listed here so the document is complete).
#[utoipa::path(get, path = "/api/openapi.json", tag = "operations", security(()), responses((status = 200, description = "OpenAPI 3.1 JSON")))]
#[allow(dead_code)]
pub(crate) async fn openapi_json() -> &'static str {
    ""
}
