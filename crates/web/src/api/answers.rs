//! Prepared answers (canned responses): managed by dispatchers and administrators, read by
//! every agent, and filled in for a ticket in its customer's language.

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, ApiQuery, Auth},
    problem::{ApiError, Problem},
};
use axum::{Json, extract::State, http::StatusCode};
use podpora_app::desk::answers::{self, AnswerQuery, NewAnswer, PreparedAnswer, TicketAnswers};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_answer, list_answers))
        .routes(routes!(get_answer, update_answer, delete_answer))
        .routes(routes!(ticket_answers))
}

/// Adds a prepared answer in one language. Placeholders: `{contact_name}`,
/// `{organization_name}`, `{ticket_number}`, `{ticket_subject}`, `{agent_name}`; any other is
/// refused.
#[utoipa::path(post, path = "/api/v1/prepared-answers", tag = "tickets", request_body = NewAnswer, responses(
    (status = 201, description = "created", body = PreparedAnswer), (status = 403, description = "not allowed for this token", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn create_answer(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(n): ApiJson<NewAnswer>,
) -> Result<(StatusCode, Json<PreparedAnswer>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(answers::create_answer(&s.app.db, &a, n).await?),
    ))
}

/// Lists prepared answers by name, optionally of one language.
#[utoipa::path(get, path = "/api/v1/prepared-answers", tag = "tickets", params(AnswerQuery), responses(
    (status = 200, description = "success", body = Vec<PreparedAnswer>), (status = 422, description = "unknown language", body = Problem)))]
async fn list_answers(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiQuery(q): ApiQuery<AnswerQuery>,
) -> Result<Json<Vec<PreparedAnswer>>, ApiError> {
    Ok(Json(answers::list_answers(&s.app.db, &a, q).await?))
}

/// One prepared answer.
#[utoipa::path(get, path = "/api/v1/prepared-answers/{id}", tag = "tickets", params(("id" = i64, Path)), responses(
    (status = 200, description = "success", body = PreparedAnswer), (status = 404, description = "not found", body = Problem)))]
async fn get_answer(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PreparedAnswer>, ApiError> {
    Ok(Json(answers::get_answer(&s.app.db, &a, id).await?))
}

/// Replaces a prepared answer's name, language and text.
#[utoipa::path(put, path = "/api/v1/prepared-answers/{id}", tag = "tickets", params(("id" = i64, Path)), request_body = NewAnswer, responses(
    (status = 200, description = "changed", body = PreparedAnswer), (status = 404, description = "not found", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn update_answer(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(n): ApiJson<NewAnswer>,
) -> Result<Json<PreparedAnswer>, ApiError> {
    Ok(Json(answers::update_answer(&s.app.db, &a, id, n).await?))
}

/// Deletes a prepared answer; its history stays.
#[utoipa::path(delete, path = "/api/v1/prepared-answers/{id}", tag = "tickets", params(("id" = i64, Path)), responses(
    (status = 204, description = "done"), (status = 404, description = "not found", body = Problem)))]
async fn delete_answer(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    answers::delete_answer(&s.app.db, &a, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The prepared answers in the ticket's customer language, filled in for this ticket and the
/// calling agent.
#[utoipa::path(get, path = "/api/v1/tickets/{number}/prepared-answers", tag = "tickets", params(("number" = String, Path)), responses(
    (status = 200, description = "success", body = TicketAnswers), (status = 404, description = "not found", body = Problem)))]
async fn ticket_answers(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(number): ApiPath<String>,
) -> Result<Json<TicketAnswers>, ApiError> {
    Ok(Json(answers::ticket_answers(&s.app, &a, &number).await?))
}
