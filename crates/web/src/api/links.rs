//! Duplicates: linking tickets and merging one into another.

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, Auth},
    problem::{ApiError, Problem},
};
use axum::{extract::State, http::StatusCode};
use podpora_app::tickets::{self, MergeInto, NewLink, Ticket, TicketLink};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_links, add_link))
        .routes(routes!(remove_link))
        .routes(routes!(merge_ticket))
}

/// The tickets linked with this one, and those merged into it or it was merged into (staff).
#[utoipa::path(get, path = "/api/v1/tickets/{number}/links", tag = "tickets", params(("number" = String, Path, description = "e.g. 2026-000123")), responses(
    (status = 200, description = "the links, oldest first", body = Vec<TicketLink>),
    (status = 401, description = "no valid token", body = Problem),
    (status = 403, description = "an organization key or a token without ticket rights", body = Problem),
    (status = 404, description = "no such ticket visible to the caller", body = Problem)))]
async fn list_links(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiPath(number): ApiPath<String>,
) -> Result<axum::Json<Vec<TicketLink>>, ApiError> {
    Ok(axum::Json(tickets::links(&s.app, &actor, &number).await?))
}

/// Links this ticket with another as related; both show the link. Linking again changes nothing.
#[utoipa::path(post, path = "/api/v1/tickets/{number}/links", tag = "tickets", params(("number" = String, Path)), request_body = NewLink, responses(
    (status = 201, description = "linked; this ticket's links", body = Vec<TicketLink>),
    (status = 401, description = "no valid token", body = Problem),
    (status = 403, description = "not allowed for this token (organization keys never link)", body = Problem),
    (status = 404, description = "no such ticket visible to the caller", body = Problem),
    (status = 422, description = "the other number is not a ticket the caller sees, or is this ticket; nothing written", body = Problem)))]
async fn add_link(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiPath(number): ApiPath<String>,
    ApiJson(input): ApiJson<NewLink>,
) -> Result<(StatusCode, axum::Json<Vec<TicketLink>>), ApiError> {
    Ok((
        StatusCode::CREATED,
        axum::Json(tickets::link(&s.app, &actor, &number, input).await?),
    ))
}

/// Removes the link between this ticket and another (a merge stays).
#[utoipa::path(delete, path = "/api/v1/tickets/{number}/links/{other}", tag = "tickets", params(("number" = String, Path), ("other" = String, Path, description = "the linked ticket's number")), responses(
    (status = 204, description = "unlinked"),
    (status = 401, description = "no valid token", body = Problem),
    (status = 403, description = "not allowed for this token", body = Problem),
    (status = 404, description = "no such ticket or link", body = Problem)))]
async fn remove_link(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiPath((number, other)): ApiPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    tickets::unlink(&s.app, &actor, &number, &other).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Merges this ticket into another of the same organization: its articles and files move
/// there, it is closed with a pointer to the target, both histories say so, and mail to its
/// thread goes to the target. Answers the target.
#[utoipa::path(post, path = "/api/v1/tickets/{number}/merge", tag = "tickets", params(("number" = String, Path)), request_body = MergeInto, responses(
    (status = 200, description = "merged; the target with every article", body = Ticket),
    (status = 401, description = "no valid token", body = Problem),
    (status = 403, description = "not allowed for this token (organization keys never merge)", body = Problem),
    (status = 404, description = "no such ticket visible to the caller", body = Problem),
    (status = 409, description = "this ticket was merged already", body = Problem),
    (status = 422, description = "the target is this ticket, closed, merged, another organization's or not a ticket the caller sees; nothing written", body = Problem)))]
async fn merge_ticket(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiPath(number): ApiPath<String>,
    ApiJson(input): ApiJson<MergeInto>,
) -> Result<axum::Json<Ticket>, ApiError> {
    Ok(axum::Json(
        tickets::merge(&s.app, &actor, &number, input).await?,
    ))
}
