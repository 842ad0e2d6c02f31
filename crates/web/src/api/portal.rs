//! Inviting customers to the portal: staff send a contact or an organization account a
//! one-time link to set the password.

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, Auth},
    pages::{PageSettings, portal_url},
    problem::{ApiError, Problem},
};
use axum::{
    Extension, Json,
    extract::State,
    http::{HeaderMap, StatusCode},
};
use podpora_app::portal::{self, Invitee};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(invite_contact))
        .routes(routes!(invite_organization))
}

/// Where the invitation went.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct Invited {
    /// The address the link was mailed to.
    email: String,
}

/// Where to send an organization account's invitation.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct OrganizationInvite {
    /// The address to mail the link to (organizations have none on record).
    email: String,
}

/// Mails a contact a one-time link (valid 7 days) to set a portal password, at its first address.
#[utoipa::path(post, path = "/api/v1/contacts/{id}/invite", tag = "customers", params(("id" = i64, Path)), responses(
    (status = 202, description = "the invitation is queued in the outbox", body = Invited),
    (status = 404, description = "not found", body = Problem), (status = 422, description = "the contact has no address", body = Problem)))]
async fn invite_contact(
    State(s): State<AppState>,
    Extension(settings): Extension<PageSettings>,
    headers: HeaderMap,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<(StatusCode, Json<Invited>), ApiError> {
    let url = portal_url(&settings, &headers);
    let email = portal::invite(&s.app, &a, Invitee::Contact(id), &url).await?;
    Ok((StatusCode::ACCEPTED, Json(Invited { email })))
}

/// Mails an organization account's one-time link (valid 7 days) to set its portal password; the
/// organization then signs in with its company id (IČO, NIP or VAT id) and that password.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/invite", tag = "customers", params(("id" = i64, Path)), request_body = OrganizationInvite, responses(
    (status = 202, description = "the invitation is queued in the outbox", body = Invited),
    (status = 404, description = "not found", body = Problem), (status = 422, description = "invalid address", body = Problem)))]
async fn invite_organization(
    State(s): State<AppState>,
    Extension(settings): Extension<PageSettings>,
    headers: HeaderMap,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<OrganizationInvite>,
) -> Result<(StatusCode, Json<Invited>), ApiError> {
    let url = portal_url(&settings, &headers);
    let who = Invitee::Organization {
        id,
        email: body.email,
    };
    let email = portal::invite(&s.app, &a, who, &url).await?;
    Ok((StatusCode::ACCEPTED, Json(Invited { email })))
}
