//! Agent, team and token routes.

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, Auth},
    problem::{ApiError, Problem},
};
use axum::{Json, extract::State, http::StatusCode};
use podpora_app::{
    actor,
    staff::{self, Agent, AgentPatch, NewAgent, Team, TeamInput},
};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_agent, list_agents))
        .routes(routes!(get_agent, patch_agent))
        .routes(routes!(agent_token))
        .routes(routes!(create_team, list_teams))
        .routes(routes!(get_team, put_team, delete_team))
        .routes(routes!(org_key))
}

/// A name for a new token.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct TokenRequest {
    /// What the token is for.
    name: Option<String>,
}

/// A token's secret, shown once.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct TokenIssued {
    /// Send as `Authorization: Bearer <token>`.
    token: String,
}

/// Creates an agent.
#[utoipa::path(post, path = "/api/v1/agents", tag = "staff", request_body = NewAgent, responses(
    (status = 201, description = "created", body = Agent), (status = 403, description = "not allowed for this token", body = Problem), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn create_agent(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(i): ApiJson<NewAgent>,
) -> Result<(StatusCode, Json<Agent>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(staff::create_agent(&s.app.db, &a, i).await?),
    ))
}

/// Lists agents.
#[utoipa::path(get, path = "/api/v1/agents", tag = "staff", responses((status = 200, description = "success", body = Vec<Agent>)))]
async fn list_agents(
    State(s): State<AppState>,
    Auth(a): Auth,
) -> Result<Json<Vec<Agent>>, ApiError> {
    Ok(Json(staff::list_agents(&s.app.db, &a).await?))
}

/// One agent.
#[utoipa::path(get, path = "/api/v1/agents/{id}", tag = "staff", params(("id" = i64, Path)), responses(
    (status = 200, description = "success", body = Agent), (status = 404, description = "not found", body = Problem)))]
async fn get_agent(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Agent>, ApiError> {
    Ok(Json(staff::get_agent(&s.app.db, &a, id).await?))
}

/// Changes an agent's name, language, roles, teams or activity.
#[utoipa::path(patch, path = "/api/v1/agents/{id}", tag = "staff", params(("id" = i64, Path)), request_body = AgentPatch, responses(
    (status = 200, description = "success", body = Agent), (status = 404, description = "not found", body = Problem), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn patch_agent(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(p): ApiJson<AgentPatch>,
) -> Result<Json<Agent>, ApiError> {
    Ok(Json(staff::update_agent(&s.app.db, &a, id, p).await?))
}

/// Issues an API token for an agent (administrators only).
#[utoipa::path(post, path = "/api/v1/agents/{id}/tokens", tag = "staff", params(("id" = i64, Path)), request_body = TokenRequest, responses(
    (status = 201, description = "created", body = TokenIssued), (status = 403, description = "not allowed for this token", body = Problem), (status = 404, description = "not found", body = Problem)))]
async fn agent_token(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(r): ApiJson<TokenRequest>,
) -> Result<(StatusCode, Json<TokenIssued>), ApiError> {
    let token =
        actor::issue_agent_token(&s.app.db, &a, id, r.name.as_deref().unwrap_or("api")).await?;
    Ok((StatusCode::CREATED, Json(TokenIssued { token })))
}

/// Issues an API key for an organization's own software; it sees only that organization.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/api-keys", tag = "customers", params(("id" = i64, Path)), request_body = TokenRequest, responses(
    (status = 201, description = "created", body = TokenIssued), (status = 403, description = "not allowed for this token", body = Problem), (status = 404, description = "not found", body = Problem)))]
async fn org_key(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(r): ApiJson<TokenRequest>,
) -> Result<(StatusCode, Json<TokenIssued>), ApiError> {
    let token = actor::issue_org_key(&s.app.db, &a, id, r.name.as_deref().unwrap_or("api")).await?;
    Ok((StatusCode::CREATED, Json(TokenIssued { token })))
}

/// Creates a team (queue).
#[utoipa::path(post, path = "/api/v1/teams", tag = "staff", request_body = TeamInput, responses(
    (status = 201, description = "created", body = Team), (status = 403, description = "not allowed for this token", body = Problem), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn create_team(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(i): ApiJson<TeamInput>,
) -> Result<(StatusCode, Json<Team>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(staff::create_team(&s.app.db, &a, i).await?),
    ))
}

/// Lists teams.
#[utoipa::path(get, path = "/api/v1/teams", tag = "staff", responses((status = 200, description = "success", body = Vec<Team>)))]
async fn list_teams(State(s): State<AppState>, Auth(a): Auth) -> Result<Json<Vec<Team>>, ApiError> {
    Ok(Json(staff::list_teams(&s.app.db, &a).await?))
}

/// One team.
#[utoipa::path(get, path = "/api/v1/teams/{id}", tag = "staff", params(("id" = i64, Path)), responses(
    (status = 200, description = "success", body = Team), (status = 404, description = "not found", body = Problem)))]
async fn get_team(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Team>, ApiError> {
    Ok(Json(staff::get_team(&s.app.db, &a, id).await?))
}

/// Renames a team, or changes its address or lead (the full new state: an absent lead removes it).
#[utoipa::path(put, path = "/api/v1/teams/{id}", tag = "staff", params(("id" = i64, Path)), request_body = TeamInput, responses(
    (status = 200, description = "success", body = Team), (status = 404, description = "not found", body = Problem), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn put_team(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(i): ApiJson<TeamInput>,
) -> Result<Json<Team>, ApiError> {
    Ok(Json(staff::update_team(&s.app.db, &a, id, i).await?))
}

/// Deletes a team that no ticket, SLA policy (as its escalation team) or stored support address
/// names; otherwise 409 says which.
#[utoipa::path(delete, path = "/api/v1/teams/{id}", tag = "staff", params(("id" = i64, Path)), responses(
    (status = 204, description = "done"), (status = 404, description = "not found", body = Problem), (status = 409, description = "the team still has tickets, an SLA policy escalating to it, or a support address routed to it", body = Problem)))]
async fn delete_team(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    staff::delete_team(&s.app.db, &a, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
