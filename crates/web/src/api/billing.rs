//! Service time and what it costs: time entries, charges, a customer's month, price lists and
//! prepaid packages.

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, ApiQuery, Auth},
    problem::{ApiError, Problem},
};
use axum::{Json, extract::State, http::StatusCode};
use podpora_app::billing::{
    self, AcceptAgreement, Agreement, AllUsage, MonthUsage, NewAgreement, NewPrepaid, NewTimeEntry,
    Prepaid, PriceListInput, PriceListView, TicketCharges, TimeEntry, TimeEntryPatch,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(record_entry, list_entries))
        .routes(routes!(edit_entry))
        .routes(routes!(charges))
        .routes(routes!(usage))
        .routes(routes!(usage_all))
        .routes(routes!(list_price_lists))
        .routes(routes!(get_price_list, put_price_list))
        .routes(routes!(add_prepaid, list_prepaid))
        .routes(routes!(offer_agreement, list_agreements))
        .routes(routes!(accept_agreement))
}

type Created<T> = (StatusCode, Json<T>);

/// The month asked for.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct MonthQuery {
    /// `YYYY-MM`, in the customer's time zone; the current month when absent.
    month: Option<String>,
}

/// Records time worked on a ticket (technicians, dispatchers, administrators): `start` and
/// `end`, or `start` and `minutes`, or `date` and `minutes`. Without `intervention` the entry
/// starts a new intervention; entries of one intervention are rated together.
#[utoipa::path(post, path = "/api/v1/tickets/{number}/time-entries", tag = "billing", params(("number" = String, Path)),
    request_body = NewTimeEntry, responses((status = 201, description = "recorded", body = TimeEntry)))]
async fn record_entry(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(number): ApiPath<String>,
    ApiJson(e): ApiJson<NewTimeEntry>,
) -> Result<Created<TimeEntry>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(billing::record_entry(&s.app.db, &a, &number, e).await?),
    ))
}

/// A ticket's time entries (staff).
#[utoipa::path(get, path = "/api/v1/tickets/{number}/time-entries", tag = "billing", params(("number" = String, Path)),
    responses((status = 200, description = "success", body = Vec<TimeEntry>)))]
async fn list_entries(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(number): ApiPath<String>,
) -> Result<Json<Vec<TimeEntry>>, ApiError> {
    Ok(Json(billing::list_entries(&s.app.db, &a, &number).await?))
}

/// Corrects a time entry not yet invoiced; the change and its reason go to the ticket's
/// history. An invoiced entry answers 409: record a correcting entry instead.
#[utoipa::path(patch, path = "/api/v1/tickets/{number}/time-entries/{id}", tag = "billing",
    params(("number" = String, Path), ("id" = i64, Path)), request_body = TimeEntryPatch,
    responses((status = 200, description = "corrected", body = TimeEntry)))]
async fn edit_entry(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath((number, id)): ApiPath<(String, i64)>,
    ApiJson(p): ApiJson<TimeEntryPatch>,
) -> Result<Json<TimeEntry>, ApiError> {
    Ok(Json(
        billing::edit_entry(&s.app.db, &a, &number, id, p).await?,
    ))
}

/// The charges of a ticket: per intervention what is billed (lines with quantity, rate,
/// discount, net) and what is not and why (free, included, prepaid, covered), with VAT.
#[utoipa::path(get, path = "/api/v1/tickets/{number}/charges", tag = "billing", params(("number" = String, Path)),
    responses((status = 200, description = "success", body = TicketCharges),
        (status = 409, description = "no price list is set up to rate the work", body = Problem)))]
async fn charges(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(number): ApiPath<String>,
) -> Result<Json<TicketCharges>, ApiError> {
    Ok(Json(billing::ticket_charges(&s.app.db, &a, &number).await?))
}

/// An organization's month: included minutes used and left, prepaid minutes left, billed total.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/usage", tag = "billing", params(("id" = i64, Path), MonthQuery),
    responses((status = 200, description = "success", body = MonthUsage),
        (status = 409, description = "no price list is set up to rate the work", body = Problem), (status = 422, description = "the month is not YYYY-MM", body = Problem)))]
async fn usage(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<MonthQuery>,
) -> Result<Json<MonthUsage>, ApiError> {
    Ok(Json(
        billing::month_usage(&s.app.db, &a, id, q.month.as_deref()).await?,
    ))
}

/// The month of every organization (staff).
#[utoipa::path(get, path = "/api/v1/usage", tag = "billing", params(MonthQuery),
    responses((status = 200, description = "success", body = AllUsage),
        (status = 409, description = "no price list is set up to rate the work", body = Problem), (status = 422, description = "the month is not YYYY-MM", body = Problem)))]
async fn usage_all(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiQuery(q): ApiQuery<MonthQuery>,
) -> Result<Json<AllUsage>, ApiError> {
    let month = match q.month {
        Some(m) => m,
        None => jiff::Zoned::now()
            .with_time_zone(billing::zone_of_country("SK"))
            .strftime("%Y-%m")
            .to_string(),
    };
    Ok(Json(billing::month_usage_all(&s.app.db, &a, &month).await?))
}

/// Every price list, the default first (staff).
#[utoipa::path(get, path = "/api/v1/price-lists", tag = "billing",
    responses((status = 200, description = "success", body = Vec<PriceListView>)))]
async fn list_price_lists(
    State(s): State<AppState>,
    Auth(a): Auth,
) -> Result<Json<Vec<PriceListView>>, ApiError> {
    Ok(Json(billing::list_price_lists(&s.app.db, &a).await?))
}

/// One price list (staff).
#[utoipa::path(get, path = "/api/v1/price-lists/{code}", tag = "billing", params(("code" = String, Path)),
    responses((status = 200, description = "success", body = PriceListView)))]
async fn get_price_list(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<PriceListView>, ApiError> {
    Ok(Json(billing::get_price_list(&s.app.db, &a, &code).await?))
}

/// Creates or replaces a price list (the billing role and administrators); its rates and fees
/// are TOML, checked whole before anything is written.
#[utoipa::path(put, path = "/api/v1/price-lists/{code}", tag = "billing", params(("code" = String, Path)),
    request_body = PriceListInput, responses((status = 200, description = "stored", body = PriceListView)))]
async fn put_price_list(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(code): ApiPath<String>,
    ApiJson(p): ApiJson<PriceListInput>,
) -> Result<Json<PriceListView>, ApiError> {
    Ok(Json(
        billing::put_price_list(&s.app.db, &a, &code, p).await?,
    ))
}

/// Records a bought package of prepaid minutes (the billing role and administrators).
#[utoipa::path(post, path = "/api/v1/organizations/{id}/prepaid", tag = "billing", params(("id" = i64, Path)),
    request_body = NewPrepaid, responses((status = 201, description = "recorded", body = Prepaid)))]
async fn add_prepaid(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(p): ApiJson<NewPrepaid>,
) -> Result<Created<Prepaid>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(billing::add_prepaid(&s.app.db, &a, id, p).await?),
    ))
}

/// An organization's prepaid packages (staff, and the organization itself).
#[utoipa::path(get, path = "/api/v1/organizations/{id}/prepaid", tag = "billing", params(("id" = i64, Path)),
    responses((status = 200, description = "success", body = Vec<Prepaid>)))]
async fn list_prepaid(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<Prepaid>>, ApiError> {
    Ok(Json(billing::list_prepaid(&s.app.db, &a, id).await?))
}

/// Offers paid work on a ticket (R-45: technicians, dispatchers, administrators) and mails the
/// requester a one-time link to accept it. Under a price list with `agreement_required`, paid work of a customer without a plan is held until an offer
/// on the ticket is accepted.
#[utoipa::path(post, path = "/api/v1/tickets/{number}/agreements", tag = "billing", params(("number" = String, Path)),
    request_body = NewAgreement, responses((status = 201, description = "offered", body = Agreement)))]
async fn offer_agreement(
    State(s): State<AppState>,
    axum::Extension(settings): axum::Extension<crate::pages::PageSettings>,
    headers: axum::http::HeaderMap,
    Auth(a): Auth,
    ApiPath(number): ApiPath<String>,
    ApiJson(n): ApiJson<NewAgreement>,
) -> Result<Created<Agreement>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(
            billing::offer_agreement(
                &s.app,
                &a,
                &number,
                n,
                &crate::pages::portal_url(&settings, &headers),
            )
            .await?,
        ),
    ))
}

/// A ticket's offers of paid work (staff, and the ticket's customer).
#[utoipa::path(get, path = "/api/v1/tickets/{number}/agreements", tag = "billing", params(("number" = String, Path)),
    responses((status = 200, description = "success", body = Vec<Agreement>)))]
async fn list_agreements(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(number): ApiPath<String>,
) -> Result<Json<Vec<Agreement>>, ApiError> {
    Ok(Json(
        billing::list_agreements(&s.app.db, &a, &number).await?,
    ))
}

/// Accepts an offer: the ticket's customer (recorded with the channel and the time), or a
/// dispatcher, billing or an administrator recording an acceptance given another way with a
/// `reason`. An offer accepted already answers 409.
#[utoipa::path(post, path = "/api/v1/tickets/{number}/agreements/{id}/accept", tag = "billing",
    params(("number" = String, Path), ("id" = i64, Path)), request_body = AcceptAgreement,
    responses((status = 200, description = "accepted", body = Agreement)))]
async fn accept_agreement(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath((number, id)): ApiPath<(String, i64)>,
    ApiJson(b): ApiJson<AcceptAgreement>,
) -> Result<Json<Agreement>, ApiError> {
    Ok(Json(
        billing::accept_agreement(&s.app.db, &a, &number, id, b).await?,
    ))
}
