//! Quotes with a deadline: an agent quotes a price and a deadline on a ticket; the
//! customer accepts (the deadline becomes a clock on the ticket) or declines.

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, Auth},
    problem::{ApiError, Problem},
};
use axum::{Json, extract::State, http::StatusCode};
use podpora_app::quotes::{self, NewQuote, Quote, QuoteDecision};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_quote, list_quotes))
        .routes(routes!(accept_quote))
        .routes(routes!(decline_quote))
}

/// Quotes a price and an agreed deadline on an open ticket (technicians, dispatchers,
/// administrators) and mails the quote to the customer in their language. The price is in the
/// default price list's currency (else the customer's country's).
#[utoipa::path(post, path = "/api/v1/tickets/{number}/quotes", tag = "billing", params(("number" = String, Path)),
    request_body = NewQuote, responses(
        (status = 201, description = "quoted and mailed to the customer", body = Quote),
        (status = 403, description = "the caller does not make quotes (only technicians, dispatchers and administrators do)", body = Problem),
        (status = 404, description = "no such ticket visible to the caller", body = Problem),
        (status = 409, description = "the ticket has a pending quote already, is resolved or closed, or no SLA policy applies to watch the deadline", body = Problem),
        (status = 422, description = "the price, what it covers or the deadline is invalid (the deadline must lie in the future); nothing was written", body = Problem)))]
async fn create_quote(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(number): ApiPath<String>,
    ApiJson(q): ApiJson<NewQuote>,
) -> Result<(StatusCode, Json<Quote>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(quotes::create_quote(&s.app, &a, &number, q).await?),
    ))
}

/// A ticket's quotes, oldest first (staff who see the ticket, and its customer).
#[utoipa::path(get, path = "/api/v1/tickets/{number}/quotes", tag = "billing", params(("number" = String, Path)),
    responses(
        (status = 200, description = "success", body = Vec<Quote>),
        (status = 404, description = "no such ticket visible to the caller", body = Problem)))]
async fn list_quotes(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(number): ApiPath<String>,
) -> Result<Json<Vec<Quote>>, ApiError> {
    Ok(Json(quotes::list_quotes(&s.app.db, &a, &number).await?))
}

/// Accepts a pending quote: the ticket's customer (the channel is `api` for an organization
/// key), or a dispatcher or an administrator recording an acceptance given another way with a
/// `reason`. The deadline becomes the ticket's `agreed_deadline` clock, warned and escalated
/// like the SLA clocks.
#[utoipa::path(post, path = "/api/v1/tickets/{number}/quotes/{id}/accept", tag = "billing",
    params(("number" = String, Path), ("id" = i64, Path)), request_body = QuoteDecision,
    responses(
        (status = 200, description = "accepted; the deadline clock runs", body = Quote),
        (status = 403, description = "staff other than dispatchers and administrators do not decide for the customer", body = Problem),
        (status = 404, description = "no such ticket or quote visible to the caller", body = Problem),
        (status = 409, description = "the quote is accepted or declined already, its deadline has passed, or the ticket is no longer open", body = Problem),
        (status = 422, description = "staff gave no reason, or the reason is too long", body = Problem)))]
async fn accept_quote(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath((number, id)): ApiPath<(String, i64)>,
    ApiJson(d): ApiJson<QuoteDecision>,
) -> Result<Json<Quote>, ApiError> {
    Ok(Json(
        quotes::accept_quote(&s.app, &a, &number, id, d).await?,
    ))
}

/// Declines a pending quote, with an optional `reason`: no deadline clock starts, and the
/// ticket's history says so.
#[utoipa::path(post, path = "/api/v1/tickets/{number}/quotes/{id}/decline", tag = "billing",
    params(("number" = String, Path), ("id" = i64, Path)), request_body = QuoteDecision,
    responses(
        (status = 200, description = "declined", body = Quote),
        (status = 403, description = "staff other than dispatchers and administrators do not decide for the customer", body = Problem),
        (status = 404, description = "no such ticket or quote visible to the caller", body = Problem),
        (status = 409, description = "the quote is accepted or declined already", body = Problem),
        (status = 422, description = "staff gave no reason, or the reason is too long", body = Problem)))]
async fn decline_quote(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath((number, id)): ApiPath<(String, i64)>,
    ApiJson(d): ApiJson<QuoteDecision>,
) -> Result<Json<Quote>, ApiError> {
    Ok(Json(
        quotes::decline_quote(&s.app, &a, &number, id, d).await?,
    ))
}
