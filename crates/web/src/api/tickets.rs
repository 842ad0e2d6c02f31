//! Ticket routes.

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, ApiQuery, Auth},
    problem::{ApiError, Problem},
};
use axum::{
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use podpora_app::{
    Page,
    dto::{HistoryEntry, Paged},
    tickets::{self, Article, NewArticle, NewTicket, Ticket, TicketPatch, TicketQuery},
};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_ticket, list_tickets))
        .routes(routes!(get_ticket, patch_ticket))
        .routes(routes!(add_article))
        .routes(routes!(ticket_history))
        .routes(routes!(download_attachment))
}

/// Opens a request. The description may hold at most 8,000 characters.
///
/// The same request sent again by the same contact (same subject and description, ignoring
/// case, accents and spacing) within the configured window (`tickets.duplicate_window_hours`,
/// 24 h by default), while the first ticket is open, opens nothing: it is added to that ticket
/// as a customer message, the ticket's history says "sent again by …", no confirmation is sent,
/// and the answer is `200` with that ticket (its `articles` hold the message just added) and
/// `Podpora-Sent-Again: true`.
#[utoipa::path(post, path = "/api/v1/tickets", tag = "tickets", request_body = NewTicket, responses(
    (status = 201, description = "opened; `number` is the request's number", body = Ticket,
        headers(("Podpora-Sent-Again" = String, description = "`false`: a new ticket"))),
    (status = 200, description = "the same request sent again: added to the open ticket returned, nothing opened", body = Ticket,
        headers(("Podpora-Sent-Again" = String, description = "`true`: added to the open ticket"))),
    (status = 401, description = "no valid token", body = Problem), (status = 403, description = "not allowed for this token", body = Problem), (status = 422, description = "invalid input, nothing written", body = Problem)))]
async fn create_ticket(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiJson(input): ApiJson<NewTicket>,
) -> Result<
    (
        StatusCode,
        [(header::HeaderName, String); 2],
        axum::Json<Ticket>,
    ),
    ApiError,
> {
    let (t, joined) = tickets::open_or_join(&s.app, &actor, input).await?;
    Ok((
        if joined {
            StatusCode::OK
        } else {
            StatusCode::CREATED
        },
        [
            (header::LOCATION, format!("/api/v1/tickets/{}", t.number)),
            (
                header::HeaderName::from_static("podpora-sent-again"),
                joined.to_string(),
            ),
        ],
        axum::Json(t),
    ))
}

/// Lists tickets, newest first, with filters and pages.
#[utoipa::path(get, path = "/api/v1/tickets", tag = "tickets", params(TicketQuery, Page), responses(
    (status = 200, description = "success", body = Paged<Ticket>), (status = 401, description = "no valid token", body = Problem), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn list_tickets(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(q): ApiQuery<TicketQuery>,
    ApiQuery(page): ApiQuery<Page>,
) -> Result<axum::Json<Paged<Ticket>>, ApiError> {
    Ok(axum::Json(tickets::list(&s.app, &actor, q, page).await?))
}

/// One ticket with its articles.
#[utoipa::path(get, path = "/api/v1/tickets/{number}", tag = "tickets", params(("number" = String, Path, description = "e.g. 2026-000123")), responses(
    (status = 200, description = "success", body = Ticket), (status = 404, description = "not found", body = Problem)))]
async fn get_ticket(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiPath(number): ApiPath<String>,
) -> Result<axum::Json<Ticket>, ApiError> {
    Ok(axum::Json(tickets::get(&s.app, &actor, &number).await?))
}

/// Changes status, assignee, team, urgency (lowering needs a reason), subject or category.
#[utoipa::path(patch, path = "/api/v1/tickets/{number}", tag = "tickets", params(("number" = String, Path)), request_body = TicketPatch, responses(
    (status = 200, description = "success", body = Ticket), (status = 404, description = "not found", body = Problem), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn patch_ticket(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiPath(number): ApiPath<String>,
    ApiJson(p): ApiJson<TicketPatch>,
) -> Result<axum::Json<Ticket>, ApiError> {
    Ok(axum::Json(
        tickets::update(&s.app, &actor, &number, p).await?,
    ))
}

/// Adds a reply, an internal note, a phone note, or a customer's message.
#[utoipa::path(post, path = "/api/v1/tickets/{number}/articles", tag = "tickets", params(("number" = String, Path)), request_body = NewArticle, responses(
    (status = 201, description = "created", body = Article), (status = 404, description = "not found", body = Problem), (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn add_article(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiPath(number): ApiPath<String>,
    ApiJson(a): ApiJson<NewArticle>,
) -> Result<(StatusCode, axum::Json<Article>), ApiError> {
    Ok((
        StatusCode::CREATED,
        axum::Json(tickets::add_article(&s.app, &actor, &number, a).await?),
    ))
}

/// Every change to the ticket: who, when, field, old → new, reason.
#[utoipa::path(get, path = "/api/v1/tickets/{number}/history", tag = "tickets", params(("number" = String, Path)), responses(
    (status = 200, description = "success", body = Vec<HistoryEntry>), (status = 404, description = "not found", body = Problem)))]
async fn ticket_history(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiPath(number): ApiPath<String>,
) -> Result<axum::Json<Vec<HistoryEntry>>, ApiError> {
    Ok(axum::Json(tickets::history(&s.app, &actor, &number).await?))
}

/// Downloads an attachment.
#[utoipa::path(get, path = "/api/v1/attachments/{id}", tag = "tickets", params(("id" = i64, Path)), responses(
    (status = 200, description = "the file", content_type = "application/octet-stream"), (status = 404, description = "not found", body = Problem)))]
async fn download_attachment(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let (a, bytes) = tickets::attachment(&s.app, &actor, id).await?;
    Ok(file_response(&a, bytes))
}

/// A stored file as a download: never shown inline, never sniffed, its name kept (also used by
/// the portal's download of a request's files).
pub(crate) fn file_response(a: &podpora_app::dto::Attachment, bytes: Vec<u8>) -> Response {
    // An ASCII fallback for old clients, and the exact UTF-8 name (RFC 6266, RFC 8187).
    let encoded: String = a
        .filename
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let safe_name: String = a
        .filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    // Whatever was stored, a download never fails on its header: a media type that is not a
    // valid header value is served as plain bytes.
    let content_type = header::HeaderValue::from_str(&a.content_type)
        .ok()
        .filter(|_| a.content_type.parse::<mime::Mime>().is_ok())
        .unwrap_or(header::HeaderValue::from_static("application/octet-stream"));
    let disposition = header::HeaderValue::from_str(&format!(
        "attachment; filename=\"{safe_name}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or(header::HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                header::HeaderValue::from_static("nosniff"),
            ),
        ],
        bytes,
    )
        .into_response()
}
