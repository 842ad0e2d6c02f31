//! Switching a contact's or an organization account's portal access off and on (staff).

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, Auth},
    problem::{ApiError, Problem},
};
use axum::{Json, extract::State};
use podpora_app::portal::{self, PortalAccount};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(contact_access))
        .routes(routes!(organization_access))
}

/// Whether the account may use the portal.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct AccessInput {
    /// `false` switches portal access off and ends the account's sessions; `true` switches it on.
    enabled: bool,
}

/// The account's portal access after the change.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct Access {
    /// Whether the account may sign in to the portal.
    enabled: bool,
    /// How many of its sessions the change ended.
    sessions_ended: u64,
}

async fn set(
    s: &AppState,
    a: &podpora_app::Actor,
    who: PortalAccount,
    enabled: bool,
) -> Result<Json<Access>, ApiError> {
    let sessions_ended = portal::set_portal_access(&s.app, a, who, enabled).await?;
    Ok(Json(Access {
        enabled,
        sessions_ended,
    }))
}

/// Switches a contact's portal access; switched off, the contact cannot sign in and its
/// sessions end at once.
#[utoipa::path(put, path = "/api/v1/contacts/{id}/portal-access", tag = "customers", params(("id" = i64, Path)), request_body = AccessInput, responses(
    (status = 200, description = "the access is set", body = Access),
    (status = 404, description = "not found", body = Problem), (status = 422, description = "invalid body", body = Problem)))]
async fn contact_access(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<AccessInput>,
) -> Result<Json<Access>, ApiError> {
    set(&s, &a, PortalAccount::Contact(id), body.enabled).await
}

/// Switches an organization account's portal access (its contacts keep theirs).
#[utoipa::path(put, path = "/api/v1/organizations/{id}/portal-access", tag = "customers", params(("id" = i64, Path)), request_body = AccessInput, responses(
    (status = 200, description = "the access is set", body = Access),
    (status = 404, description = "not found", body = Problem), (status = 422, description = "invalid body", body = Problem)))]
async fn organization_access(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<AccessInput>,
) -> Result<Json<Access>, ApiError> {
    set(&s, &a, PortalAccount::Organization(id), body.enabled).await
}
