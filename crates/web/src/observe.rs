//! Request metrics: a counter and a latency histogram per route, method and status.

use axum::{
    extract::{MatchedPath, Request},
    middleware::Next,
    response::Response,
};
use std::time::Instant;

/// Records every request under its route template (not the raw path, to bound cardinality).
pub async fn track(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let method = req.method().as_str().to_string();
    let res = next.run(req).await;
    let status = res.status().as_u16().to_string();
    let labels = [("route", route), ("method", method), ("status", status)];
    metrics::counter!("podpora_http_requests_total", &labels).increment(1);
    metrics::histogram!("podpora_http_request_duration_seconds", &labels)
        .record(start.elapsed().as_secs_f64());
    res
}
