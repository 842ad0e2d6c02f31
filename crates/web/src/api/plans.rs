//! Support plans, contracts, entitlements, the service queue and the out-of-scope catalogue.

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, ApiQuery, Auth},
    problem::{ApiError, Problem},
};
use axum::{Json, extract::State, http::StatusCode};
use podpora_app::plans::{
    self, BasicService, Category, Contract, EndContract, Handover, Ledger, LedgerQuery,
    NewContract, NewHandover, NewPaidService, NewScopeItem, OnboardingEntitlement, OutOfScope,
    PaidService, Plan, PlanStatus, QueueEntry, QueueQuery, ScopeItem, ScopeMark, UseEntitlement,
    catalogue::LoadReport,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_plan, list_plans))
        .routes(routes!(get_plan, update_plan))
        .routes(routes!(get_basic, set_basic))
        .routes(routes!(create_category, list_categories))
        .routes(routes!(load_catalogue))
        .routes(routes!(create_contract))
        .routes(routes!(list_contracts))
        .routes(routes!(set_handover))
        .routes(routes!(end_contract))
        .routes(routes!(plan_status))
        .routes(routes!(ledgers))
        .routes(routes!(list_entitlements))
        .routes(routes!(use_entitlement))
        .routes(routes!(record_paid_service))
        .routes(routes!(queue))
        .routes(routes!(create_scope_item, list_scope_items))
        .routes(routes!(mark_out_of_scope))
}

type Created<T> = (StatusCode, Json<T>);

/// Adds a support plan to the catalogue.
#[utoipa::path(post, path = "/api/v1/plans", tag = "plans", request_body = Plan, responses(
    (status = 201, description = "created", body = Plan), (status = 403, description = "not allowed for this token", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn create_plan(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(p): ApiJson<Plan>,
) -> Result<Created<Plan>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(plans::create_plan(&s.app.db, &a, p).await?),
    ))
}

/// Lists the plan catalogue, highest rank first.
#[utoipa::path(get, path = "/api/v1/plans", tag = "plans", responses((status = 200, description = "success", body = Vec<Plan>)))]
async fn list_plans(State(s): State<AppState>, Auth(a): Auth) -> Result<Json<Vec<Plan>>, ApiError> {
    Ok(Json(plans::list_plans(&s.app.db, &a).await?))
}

/// One plan.
#[utoipa::path(get, path = "/api/v1/plans/{id}", tag = "plans", params(("id" = i64, Path)), responses(
    (status = 200, description = "success", body = Plan), (status = 404, description = "not found", body = Problem)))]
async fn get_plan(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Plan>, ApiError> {
    Ok(Json(plans::get_plan(&s.app.db, &a, id).await?))
}

/// Replaces a plan's attributes.
#[utoipa::path(put, path = "/api/v1/plans/{id}", tag = "plans", params(("id" = i64, Path)), request_body = Plan, responses(
    (status = 200, description = "changed", body = Plan), (status = 404, description = "not found", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn update_plan(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(p): ApiJson<Plan>,
) -> Result<Json<Plan>, ApiError> {
    Ok(Json(plans::update_plan(&s.app.db, &a, id, p).await?))
}

/// The channels of the basic service, for customers without a plan.
#[utoipa::path(get, path = "/api/v1/basic-service", tag = "plans", responses((status = 200, description = "success", body = BasicService)))]
async fn get_basic(
    State(s): State<AppState>,
    Auth(a): Auth,
) -> Result<Json<BasicService>, ApiError> {
    Ok(Json(plans::basic_service(&s.app.db, &a).await?))
}

/// Sets the channels of the basic service.
#[utoipa::path(put, path = "/api/v1/basic-service", tag = "plans", request_body = BasicService, responses(
    (status = 200, description = "changed", body = BasicService), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn set_basic(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(b): ApiJson<BasicService>,
) -> Result<Json<BasicService>, ApiError> {
    Ok(Json(plans::set_basic_service(&s.app.db, &a, b).await?))
}

/// Adds a request category (plannable categories cannot be urgent).
#[utoipa::path(post, path = "/api/v1/categories", tag = "plans", request_body = Category, responses(
    (status = 201, description = "created", body = Category), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn create_category(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(c): ApiJson<Category>,
) -> Result<Created<Category>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(plans::create_category(&s.app.db, &a, c).await?),
    ))
}

/// Lists request categories.
#[utoipa::path(get, path = "/api/v1/categories", tag = "plans", responses((status = 200, description = "success", body = Vec<Category>)))]
async fn list_categories(
    State(s): State<AppState>,
    Auth(a): Auth,
) -> Result<Json<Vec<Category>>, ApiError> {
    Ok(Json(plans::list_categories(&s.app.db, &a).await?))
}

/// A catalogue in TOML, as the files in `examples/presets/`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    /// The file's text.
    toml: String,
}

/// Loads a catalogue (calendars, plans, SLA policies, categories, out-of-scope items, basic
/// service) from TOML; a file with an error writes nothing.
#[utoipa::path(post, path = "/api/v1/catalogue", tag = "plans", request_body = CatalogueFile, responses(
    (status = 201, description = "loaded", body = LoadReport), (status = 422, description = "invalid file; nothing was written", body = Problem)))]
async fn load_catalogue(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(f): ApiJson<CatalogueFile>,
) -> Result<Created<LoadReport>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(plans::catalogue::load(&s.app.db, &a, &f.toml).await?),
    ))
}

/// Puts an organization (or one asset) on a plan from a date; a running contract of the same
/// scope ends the day before. A first contract later than the plan's hand-over window is refused
/// with the reason.
#[utoipa::path(post, path = "/api/v1/contracts", tag = "plans", request_body = NewContract, responses(
    (status = 201, description = "created", body = Contract), (status = 422, description = "refused; the reason names the field; nothing was written", body = Problem)))]
async fn create_contract(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(c): ApiJson<NewContract>,
) -> Result<Created<Contract>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(plans::create_contract(&s.app.db, &a, c).await?),
    ))
}

/// An organization's contracts, oldest first (its plan history).
#[utoipa::path(get, path = "/api/v1/organizations/{id}/contracts", tag = "plans", params(("id" = i64, Path)), responses(
    (status = 200, description = "success", body = Vec<Contract>), (status = 404, description = "not found", body = Problem)))]
async fn list_contracts(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<Contract>>, ApiError> {
    Ok(Json(plans::list_contracts(&s.app.db, &a, id).await?))
}

/// Records the installation hand-over date of an organization or one of its assets.
#[utoipa::path(put, path = "/api/v1/organizations/{id}/handover", tag = "plans", params(("id" = i64, Path)), request_body = NewHandover, responses(
    (status = 200, description = "recorded", body = Handover), (status = 404, description = "not found", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn set_handover(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(h): ApiJson<NewHandover>,
) -> Result<Json<Handover>, ApiError> {
    Ok(Json(plans::set_handover(&s.app.db, &a, id, h).await?))
}

/// An organization's plan today, contracts, hand-overs, ledgers, onboarding entitlements and
/// upsell signals.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/plan", tag = "plans", params(("id" = i64, Path)), responses(
    (status = 200, description = "success", body = PlanStatus), (status = 404, description = "not found", body = Problem)))]
async fn plan_status(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PlanStatus>, ApiError> {
    Ok(Json(plans::plan_status(&s.app.db, &a, id).await?))
}

/// An organization's ledgers of included minutes for a month.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/ledgers", tag = "plans", params(("id" = i64, Path), LedgerQuery), responses(
    (status = 200, description = "success", body = Vec<Ledger>), (status = 404, description = "not found", body = Problem),
    (status = 422, description = "invalid month", body = Problem)))]
async fn ledgers(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<LedgerQuery>,
) -> Result<Json<Vec<Ledger>>, ApiError> {
    Ok(Json(plans::ledgers(&s.app.db, &a, id, q).await?))
}

/// An organization's onboarding entitlements.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/entitlements", tag = "plans", params(("id" = i64, Path)), responses(
    (status = 200, description = "success", body = Vec<OnboardingEntitlement>), (status = 404, description = "not found", body = Problem)))]
async fn list_entitlements(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<OnboardingEntitlement>>, ApiError> {
    Ok(Json(plans::list_entitlements(&s.app.db, &a, id).await?))
}

/// Records the one use of an onboarding entitlement; a second use is refused.
#[utoipa::path(post, path = "/api/v1/entitlements/{id}/use", tag = "plans", params(("id" = i64, Path)), request_body = UseEntitlement, responses(
    (status = 200, description = "used", body = OnboardingEntitlement), (status = 404, description = "not found", body = Problem),
    (status = 409, description = "used already or expired", body = Problem)))]
async fn use_entitlement(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(u): ApiJson<UseEntitlement>,
) -> Result<Json<OnboardingEntitlement>, ApiError> {
    Ok(Json(plans::use_entitlement(&s.app.db, &a, id, u).await?))
}

/// Records a paid intervention of an organization.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/paid-services", tag = "plans", params(("id" = i64, Path)), request_body = NewPaidService, responses(
    (status = 201, description = "recorded", body = PaidService), (status = 404, description = "not found", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn record_paid_service(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(p): ApiJson<NewPaidService>,
) -> Result<Created<PaidService>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(plans::record_paid_service(&s.app.db, &a, id, p).await?),
    ))
}

/// Open tickets in the order staff should serve them: plan customers first, a higher plan rank
/// first, urgent before normal, a request copied to fewer of our staff first ("copied to N
/// staff"), the earliest SLA due time first, then the oldest; each with the reason for its
/// position.
#[utoipa::path(get, path = "/api/v1/queue", tag = "plans", params(QueueQuery), responses(
    (status = 200, description = "success", body = Vec<QueueEntry>), (status = 403, description = "not allowed for this token", body = Problem)))]
async fn queue(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiQuery(q): ApiQuery<QueueQuery>,
) -> Result<Json<Vec<QueueEntry>>, ApiError> {
    Ok(Json(plans::queue(&s.app.db, &a, q).await?))
}

/// Adds an item to the out-of-scope catalogue, with its prepared answer in sk, cs, pl and en.
#[utoipa::path(post, path = "/api/v1/scope-items", tag = "plans", request_body = NewScopeItem, responses(
    (status = 201, description = "created", body = ScopeItem), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn create_scope_item(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(i): ApiJson<NewScopeItem>,
) -> Result<Created<ScopeItem>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(plans::create_scope_item(&s.app.db, &a, i).await?),
    ))
}

/// Lists the out-of-scope catalogue.
#[utoipa::path(get, path = "/api/v1/scope-items", tag = "plans", responses((status = 200, description = "success", body = Vec<ScopeItem>)))]
async fn list_scope_items(
    State(s): State<AppState>,
    Auth(a): Auth,
) -> Result<Json<Vec<ScopeItem>>, ApiError> {
    Ok(Json(plans::list_scope_items(&s.app.db, &a).await?))
}

/// Marks a ticket out of scope: recorded in its history, the prepared answer queued for the
/// customer in their language.
#[utoipa::path(post, path = "/api/v1/tickets/{number}/out-of-scope", tag = "plans", params(("number" = String, Path)), request_body = OutOfScope, responses(
    (status = 201, description = "recorded; answer queued", body = ScopeMark), (status = 404, description = "not found", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn mark_out_of_scope(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(number): ApiPath<String>,
    ApiJson(m): ApiJson<OutOfScope>,
) -> Result<Created<ScopeMark>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(plans::mark_out_of_scope(&s.app, &a, &number, m).await?),
    ))
}

/// Ends one of an organization's contracts on a day; it stays in the plan history.
#[utoipa::path(put, path = "/api/v1/organizations/{id}/contracts/{contract_id}/end", tag = "plans", params(("id" = i64, Path), ("contract_id" = i64, Path)), request_body = EndContract, responses(
    (status = 200, description = "ended", body = Contract), (status = 403, description = "not allowed for this token", body = Problem),
    (status = 404, description = "no such organization or contract", body = Problem),
    (status = 422, description = "invalid day; nothing was written", body = Problem)))]
async fn end_contract(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath((id, contract_id)): ApiPath<(i64, i64)>,
    ApiJson(e): ApiJson<EndContract>,
) -> Result<Json<Contract>, ApiError> {
    Ok(Json(
        plans::end_contract(&s.app.db, &a, id, contract_id, e).await?,
    ))
}
