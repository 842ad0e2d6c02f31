//! RFC 9457 problem details, the one error shape of the API.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use podpora_app::AppError;
use podpora_core::FieldError;
use serde::Serialize;

/// An error response: what went wrong, and for invalid input every field at fault.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary of the kind.
    pub title: String,
    /// HTTP status.
    pub status: u16,
    /// What happened in this case, and how to fix it.
    pub detail: String,
    /// Invalid fields, when the input was at fault.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl Problem {
    /// A problem of a given status and kind.
    pub fn new(status: StatusCode, kind: &str, detail: impl Into<String>) -> Self {
        Self {
            kind: format!("https://podpora.dev/problems/{kind}"),
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            status: status.as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut r = (status, body).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            r.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        r
    }
}

/// A use-case error on its way out.
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl From<ApiError> for Problem {
    fn from(ApiError(e): ApiError) -> Self {
        match e {
            AppError::Validation(v) => {
                let mut p = Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation",
                    format!("the request has {} invalid field(s): {v}", v.errors.len()),
                );
                p.errors = v.errors;
                p
            }
            AppError::NotFound(what) => Problem::new(
                StatusCode::NOT_FOUND,
                "not-found",
                format!("{what} does not exist"),
            ),
            AppError::Unauthorized(m) => Problem::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                format!("send `Authorization: Bearer <token>`: {m}"),
            ),
            AppError::Forbidden(m) => Problem::new(StatusCode::FORBIDDEN, "forbidden", m),
            AppError::Conflict(m) => Problem::new(StatusCode::CONFLICT, "conflict", m),
            e @ (AppError::Store(_) | AppError::Io(_)) => {
                tracing::error!(error = %e, "request failed");
                Problem::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "the server could not complete the request; nothing was changed. Try again, and tell the administrator if it persists",
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        Problem::from(self).into_response()
    }
}
