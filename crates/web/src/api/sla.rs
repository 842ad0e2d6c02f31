//! Calendar, SLA policy and delivery-event routes.

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, ApiQuery, Auth},
    problem::{ApiError, Problem},
};
use axum::{Json, extract::State, http::StatusCode};
use podpora_app::{
    sla::{self, Calendar, CalendarChanged, NewCalendar, ReportQuery, SlaPolicy, SlaReport},
    tickets::{self, DeliveryEvent, Ticket},
};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_calendar, list_calendars))
        .routes(routes!(update_calendar))
        .routes(routes!(sla_report))
        .routes(routes!(create_policy, list_policies))
        .routes(routes!(update_policy, delete_policy))
        .routes(routes!(visit_started))
        .routes(routes!(acknowledgement_delivered))
}

/// Creates a business calendar: hours, time zone, holiday country, closures, extra working days.
#[utoipa::path(post, path = "/api/v1/calendars", tag = "sla", request_body = NewCalendar, responses(
    (status = 201, description = "created", body = Calendar), (status = 403, description = "not allowed for this token", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn create_calendar(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(i): ApiJson<NewCalendar>,
) -> Result<(StatusCode, Json<Calendar>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(sla::create_calendar(&s.app.db, &a, i).await?),
    ))
}

/// Lists calendars.
#[utoipa::path(get, path = "/api/v1/calendars", tag = "sla", responses((status = 200, description = "success", body = Vec<Calendar>)))]
async fn list_calendars(
    State(s): State<AppState>,
    Auth(a): Auth,
) -> Result<Json<Vec<Calendar>>, ApiError> {
    Ok(Json(sla::list_calendars(&s.app.db, &a).await?))
}

/// Creates an SLA policy: the default one (no category) or a category's override.
#[utoipa::path(post, path = "/api/v1/sla-policies", tag = "sla", request_body = SlaPolicy, responses(
    (status = 201, description = "created", body = SlaPolicy), (status = 403, description = "not allowed for this token", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn create_policy(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(i): ApiJson<SlaPolicy>,
) -> Result<(StatusCode, Json<SlaPolicy>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(sla::create_policy(&s.app.db, &a, i).await?),
    ))
}

/// Lists SLA policies.
#[utoipa::path(get, path = "/api/v1/sla-policies", tag = "sla", responses((status = 200, description = "success", body = Vec<SlaPolicy>)))]
async fn list_policies(
    State(s): State<AppState>,
    Auth(a): Auth,
) -> Result<Json<Vec<SlaPolicy>>, ApiError> {
    Ok(Json(sla::list_policies(&s.app.db, &a).await?))
}

/// Records that the acknowledgement reached the customer (the mail server accepted it): stops
/// the reaction clock at that instant.
#[utoipa::path(post, path = "/api/v1/tickets/{number}/events/acknowledgement-delivered", tag = "sla", params(("number" = String, Path)),
    request_body = DeliveryEvent, responses(
    (status = 200, description = "recorded", body = Ticket), (status = 404, description = "not found", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn acknowledgement_delivered(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(number): ApiPath<String>,
    ApiJson(e): ApiJson<DeliveryEvent>,
) -> Result<Json<Ticket>, ApiError> {
    Ok(Json(
        tickets::acknowledgement_delivered(&s.app, &a, &number, e).await?,
    ))
}

/// Changes a calendar and recomputes the due times of every running clock that counts on it.
#[utoipa::path(put, path = "/api/v1/calendars/{id}", tag = "sla", params(("id" = i64, Path)), request_body = NewCalendar, responses(
    (status = 200, description = "changed; clocks recomputed", body = CalendarChanged), (status = 404, description = "not found", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn update_calendar(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(i): ApiJson<NewCalendar>,
) -> Result<Json<CalendarChanged>, ApiError> {
    Ok(Json(sla::update_calendar(&s.app, &a, id, i).await?))
}

/// SLA compliance per policy, organization and team for tickets reported in a period: count,
/// met, breached, open, median and 90th-percentile reaction in business minutes.
#[utoipa::path(get, path = "/api/v1/reports/sla", tag = "sla", params(ReportQuery), responses(
    (status = 200, description = "success", body = SlaReport), (status = 403, description = "not allowed for this token", body = Problem),
    (status = 422, description = "invalid period", body = Problem)))]
async fn sla_report(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> Result<Json<SlaReport>, ApiError> {
    Ok(Json(sla::report(&s.app, &a, q).await?))
}

/// Replaces an SLA policy; running clocks keep the targets they started with.
#[utoipa::path(put, path = "/api/v1/sla-policies/{id}", tag = "sla", params(("id" = i64, Path)), request_body = SlaPolicy, responses(
    (status = 200, description = "changed", body = SlaPolicy), (status = 404, description = "not found", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn update_policy(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(p): ApiJson<SlaPolicy>,
) -> Result<Json<SlaPolicy>, ApiError> {
    Ok(Json(sla::update_policy(&s.app.db, &a, id, p).await?))
}

/// Deletes an SLA policy no ticket was timed by.
#[utoipa::path(delete, path = "/api/v1/sla-policies/{id}", tag = "sla", params(("id" = i64, Path)), responses(
    (status = 204, description = "done"), (status = 404, description = "not found", body = Problem),
    (status = 409, description = "tickets were timed by it", body = Problem)))]
async fn delete_policy(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    sla::delete_policy(&s.app.db, &a, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records that the technician arrived (on site, or the remote session began): stops the visit clock.
#[utoipa::path(post, path = "/api/v1/tickets/{number}/events/visit-started", tag = "sla", params(("number" = String, Path)),
    request_body = DeliveryEvent, responses(
    (status = 200, description = "recorded", body = Ticket), (status = 404, description = "not found", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn visit_started(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(number): ApiPath<String>,
    ApiJson(e): ApiJson<DeliveryEvent>,
) -> Result<Json<Ticket>, ApiError> {
    Ok(Json(tickets::visit_started(&s.app, &a, &number, e).await?))
}
