//! Organization, contact and asset routes.

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, ApiQuery, Auth},
    problem::{ApiError, Problem},
};
use axum::{Json, extract::State, http::StatusCode};
use podpora_app::{
    Page,
    assets::{self, Asset, AssetPatch, NewAsset},
    contacts::{self, Contact, ContactPatch, NewContact},
    dto::{HistoryEntry, Paged},
    organizations::{self, NewOrganization, Organization, OrganizationUpdate},
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_org, list_orgs))
        .routes(routes!(get_org, patch_org, delete_org))
        .routes(routes!(org_history))
        .routes(routes!(create_contact, list_contacts))
        .routes(routes!(get_contact, patch_contact, delete_contact))
        .routes(routes!(contact_history))
        .routes(routes!(create_asset, list_assets))
        .routes(routes!(get_asset, patch_asset, delete_asset))
        .routes(routes!(grant_right, revoke_right))
}

/// Filter by organization.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct OrgFilter {
    /// Only this organization's records.
    organization_id: Option<i64>,
}

type Created<T> = (StatusCode, Json<T>);

/// Creates an organization; IČO, NIP, REGON and VAT id are checked by their rules.
#[utoipa::path(post, path = "/api/v1/organizations", tag = "customers", request_body = NewOrganization, responses(
    (status = 201, description = "created", body = Organization), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn create_org(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(i): ApiJson<NewOrganization>,
) -> Result<Created<Organization>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(organizations::create(&s.app.db, &a, i).await?),
    ))
}

/// Lists organizations.
#[utoipa::path(get, path = "/api/v1/organizations", tag = "customers", params(Page), responses((status = 200, description = "success", body = Paged<Organization>)))]
async fn list_orgs(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiQuery(p): ApiQuery<Page>,
) -> Result<Json<Paged<Organization>>, ApiError> {
    Ok(Json(organizations::list(&s.app.db, &a, p).await?))
}

/// One organization.
#[utoipa::path(get, path = "/api/v1/organizations/{id}", tag = "customers", params(("id" = i64, Path)), responses(
    (status = 200, description = "success", body = Organization), (status = 404, description = "not found", body = Problem)))]
async fn get_org(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Organization>, ApiError> {
    Ok(Json(organizations::get(&s.app.db, &a, id).await?))
}

/// Changes an organization.
#[utoipa::path(patch, path = "/api/v1/organizations/{id}", tag = "customers", params(("id" = i64, Path)), request_body = OrganizationUpdate, responses(
    (status = 200, description = "success", body = Organization), (status = 404, description = "not found", body = Problem), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn patch_org(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(p): ApiJson<OrganizationUpdate>,
) -> Result<Json<Organization>, ApiError> {
    Ok(Json(
        organizations::update_with_billing(&s.app.db, &a, id, p).await?,
    ))
}

/// Deletes an organization with no tickets, contacts or assets.
#[utoipa::path(delete, path = "/api/v1/organizations/{id}", tag = "customers", params(("id" = i64, Path)), responses(
    (status = 204, description = "done"), (status = 404, description = "not found", body = Problem), (status = 409, description = "conflicts with existing data", body = Problem)))]
async fn delete_org(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    organizations::delete(&s.app.db, &a, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes to an organization.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/history", tag = "customers", params(("id" = i64, Path)), responses(
    (status = 200, description = "success", body = Vec<HistoryEntry>), (status = 404, description = "not found", body = Problem)))]
async fn org_history(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<HistoryEntry>>, ApiError> {
    Ok(Json(organizations::history(&s.app.db, &a, id).await?))
}

/// Creates a contact with one or more e-mail addresses.
#[utoipa::path(post, path = "/api/v1/contacts", tag = "customers", request_body = NewContact, responses(
    (status = 201, description = "created", body = Contact), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn create_contact(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(i): ApiJson<NewContact>,
) -> Result<Created<Contact>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(contacts::create(&s.app.db, &a, i).await?),
    ))
}

/// Lists contacts.
#[utoipa::path(get, path = "/api/v1/contacts", tag = "customers", params(OrgFilter, Page), responses((status = 200, description = "success", body = Paged<Contact>)))]
async fn list_contacts(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiQuery(f): ApiQuery<OrgFilter>,
    ApiQuery(p): ApiQuery<Page>,
) -> Result<Json<Paged<Contact>>, ApiError> {
    Ok(Json(
        contacts::list(&s.app.db, &a, f.organization_id, p).await?,
    ))
}

/// One contact.
#[utoipa::path(get, path = "/api/v1/contacts/{id}", tag = "customers", params(("id" = i64, Path)), responses(
    (status = 200, description = "success", body = Contact), (status = 404, description = "not found", body = Problem)))]
async fn get_contact(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Contact>, ApiError> {
    Ok(Json(contacts::get(&s.app.db, &a, id).await?))
}

/// Changes a contact.
#[utoipa::path(patch, path = "/api/v1/contacts/{id}", tag = "customers", params(("id" = i64, Path)), request_body = ContactPatch, responses(
    (status = 200, description = "success", body = Contact), (status = 404, description = "not found", body = Problem), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn patch_contact(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(p): ApiJson<ContactPatch>,
) -> Result<Json<Contact>, ApiError> {
    Ok(Json(contacts::update(&s.app.db, &a, id, p).await?))
}

/// Deletes a contact with no requests.
#[utoipa::path(delete, path = "/api/v1/contacts/{id}", tag = "customers", params(("id" = i64, Path)), responses(
    (status = 204, description = "done"), (status = 404, description = "not found", body = Problem), (status = 409, description = "conflicts with existing data", body = Problem)))]
async fn delete_contact(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    contacts::delete(&s.app.db, &a, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Changes to a contact.
#[utoipa::path(get, path = "/api/v1/contacts/{id}/history", tag = "customers", params(("id" = i64, Path)), responses(
    (status = 200, description = "success", body = Vec<HistoryEntry>), (status = 404, description = "not found", body = Problem)))]
async fn contact_history(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<HistoryEntry>>, ApiError> {
    Ok(Json(contacts::history(&s.app.db, &a, id).await?))
}

/// Creates an asset, optionally granting contacts rights to it.
#[utoipa::path(post, path = "/api/v1/assets", tag = "customers", request_body = NewAsset, responses(
    (status = 201, description = "created", body = Asset), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn create_asset(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(i): ApiJson<NewAsset>,
) -> Result<Created<Asset>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(assets::create(&s.app.db, &a, i).await?),
    ))
}

/// Lists assets.
#[utoipa::path(get, path = "/api/v1/assets", tag = "customers", params(OrgFilter, Page), responses((status = 200, description = "success", body = Paged<Asset>)))]
async fn list_assets(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiQuery(f): ApiQuery<OrgFilter>,
    ApiQuery(p): ApiQuery<Page>,
) -> Result<Json<Paged<Asset>>, ApiError> {
    Ok(Json(
        assets::list(&s.app.db, &a, f.organization_id, p).await?,
    ))
}

/// One asset.
#[utoipa::path(get, path = "/api/v1/assets/{id}", tag = "customers", params(("id" = i64, Path)), responses(
    (status = 200, description = "success", body = Asset), (status = 404, description = "not found", body = Problem)))]
async fn get_asset(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Asset>, ApiError> {
    Ok(Json(assets::get(&s.app.db, &a, id).await?))
}

/// Changes an asset.
#[utoipa::path(patch, path = "/api/v1/assets/{id}", tag = "customers", params(("id" = i64, Path)), request_body = AssetPatch, responses(
    (status = 200, description = "success", body = Asset), (status = 404, description = "not found", body = Problem), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn patch_asset(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(p): ApiJson<AssetPatch>,
) -> Result<Json<Asset>, ApiError> {
    Ok(Json(assets::update(&s.app.db, &a, id, p).await?))
}

/// Deletes an asset with no requests.
#[utoipa::path(delete, path = "/api/v1/assets/{id}", tag = "customers", params(("id" = i64, Path)), responses(
    (status = 204, description = "done"), (status = 404, description = "not found", body = Problem), (status = 409, description = "conflicts with existing data", body = Problem)))]
async fn delete_asset(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    assets::delete(&s.app.db, &a, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Gives a contact rights to an asset.
#[utoipa::path(put, path = "/api/v1/assets/{id}/rights/{contact_id}", tag = "customers", params(("id" = i64, Path), ("contact_id" = i64, Path)), responses(
    (status = 200, description = "success", body = Asset), (status = 404, description = "not found", body = Problem), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn grant_right(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath((id, contact)): ApiPath<(i64, i64)>,
) -> Result<Json<Asset>, ApiError> {
    Ok(Json(assets::grant(&s.app.db, &a, id, contact).await?))
}

/// Takes a contact's rights to an asset away.
#[utoipa::path(delete, path = "/api/v1/assets/{id}/rights/{contact_id}", tag = "customers", params(("id" = i64, Path), ("contact_id" = i64, Path)), responses(
    (status = 200, description = "success", body = Asset), (status = 404, description = "not found", body = Problem)))]
async fn revoke_right(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath((id, contact)): ApiPath<(i64, i64)>,
) -> Result<Json<Asset>, ApiError> {
    Ok(Json(assets::revoke(&s.app.db, &a, id, contact).await?))
}
