//! E-mail channel routes: received messages (with the unprocessable ones and why), their raw
//! originals, reprocessing, the outbox.

use crate::{
    AppState,
    extract::{ApiPath, ApiQuery, Auth},
    problem::{ApiError, Problem},
};
use axum::{
    Json,
    body::Bytes,
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use podpora_app::{
    Page,
    dto::Paged,
    mail::{self, InboundMessage},
    outbox::{self, OutboxMessage},
    tickets,
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_inbound, submit_inbound))
        .routes(routes!(get_inbound))
        .routes(routes!(inbound_raw))
        .routes(routes!(reprocess))
        .routes(routes!(article_original))
        .routes(routes!(list_outbox))
        .routes(routes!(ticket_mail))
}

/// Filter by processing status.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatusFilter {
    /// `pending`, `processed`, `duplicate`, `rejected` or `unprocessable` (inbound);
    /// `queued`, `sent`, `failed` or `bounced` (outbox).
    pub status: Option<String>,
}

/// Envelope of a message submitted through the API.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubmitParams {
    /// The support address it was sent to; comma-separated for several.
    pub recipient: Option<String>,
    /// The envelope sender.
    pub sender: Option<String>,
}

fn raw_message(bytes: Vec<u8>, name: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "message/rfc822".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// Lists received messages, newest first: processed, duplicates, rejected (unknown sender, loop …)
/// and unprocessable ones, each with its reason.
#[utoipa::path(get, path = "/api/v1/mail/inbound", tag = "mail", params(StatusFilter, Page), responses(
    (status = 200, description = "success", body = Paged<InboundMessage>), (status = 403, description = "not allowed", body = Problem), (status = 422, description = "unknown status", body = Problem)))]
async fn list_inbound(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(f): ApiQuery<StatusFilter>,
    ApiQuery(page): ApiQuery<Page>,
) -> Result<Json<Paged<InboundMessage>>, ApiError> {
    Ok(Json(
        mail::list_inbound(&s.app, &actor, f.status.as_deref(), page).await?,
    ))
}

/// Submits a raw RFC 5322 message (body `message/rfc822`), as an MTA would: stored first, then
/// processed; the answer shows the outcome.
#[utoipa::path(post, path = "/api/v1/mail/inbound", tag = "mail", params(SubmitParams),
    request_body(content = String, content_type = "message/rfc822", description = "the message"), responses(
    (status = 202, description = "stored and processed; see `status` and `reason`", body = InboundMessage),
    (status = 422, description = "empty message", body = Problem)))]
async fn submit_inbound(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(p): ApiQuery<SubmitParams>,
    body: Bytes,
) -> Result<(StatusCode, Json<InboundMessage>), ApiError> {
    let recipients: Vec<String> = p
        .recipient
        .iter()
        .flat_map(|r| r.split(','))
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty())
        .collect();
    let m = mail::submit(
        &s.app,
        &actor,
        p.sender.as_deref().unwrap_or(""),
        &recipients,
        body.to_vec(),
    )
    .await?;
    Ok((StatusCode::ACCEPTED, Json(m)))
}

/// One received message.
#[utoipa::path(get, path = "/api/v1/mail/inbound/{id}", tag = "mail", params(("id" = i64, Path)), responses(
    (status = 200, description = "success", body = InboundMessage), (status = 404, description = "not found", body = Problem)))]
async fn get_inbound(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<InboundMessage>, ApiError> {
    Ok(Json(mail::get_inbound(&s.app, &actor, id).await?))
}

/// Downloads a received message exactly as it arrived.
#[utoipa::path(get, path = "/api/v1/mail/inbound/{id}/raw", tag = "mail", params(("id" = i64, Path)), responses(
    (status = 200, description = "the message", content_type = "message/rfc822"), (status = 404, description = "not found", body = Problem)))]
async fn inbound_raw(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let raw = mail::inbound_raw(&s.app, &actor, id).await?;
    Ok(raw_message(raw, format!("inbound-{id}.eml")))
}

/// Processes a rejected or unprocessable message again, after a fix (a contact registered …).
#[utoipa::path(post, path = "/api/v1/mail/inbound/{id}/reprocess", tag = "mail", params(("id" = i64, Path)), responses(
    (status = 200, description = "processed again; see `status`", body = InboundMessage),
    (status = 404, description = "not found", body = Problem), (status = 409, description = "already processed", body = Problem)))]
async fn reprocess(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<InboundMessage>, ApiError> {
    Ok(Json(mail::reprocess(&s.app, &actor, id).await?))
}

/// Downloads the original e-mail an article was made from.
///
/// For staff only. An organization's key (and a portal contact) is refused with 403 for every
/// article, its own requests' included: the original carries every header and recipient as it
/// arrived (internal addresses in copy, the relays it passed, quoted replies of others), and the
/// article's text and attachments are already in the ticket.
#[utoipa::path(get, path = "/api/v1/articles/{id}/original", tag = "mail", params(("id" = i64, Path)), responses(
    (status = 200, description = "the message", content_type = "message/rfc822"),
    (status = 403, description = "a customer's key: originals are for staff", body = Problem),
    (status = 404, description = "not found or not from e-mail", body = Problem)))]
async fn article_original(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let raw = mail::article_raw(&s.app, &actor, id).await?;
    Ok(raw_message(raw, format!("article-{id}.eml")))
}

/// Lists the outbox, newest first, with each message's delivery state.
#[utoipa::path(get, path = "/api/v1/mail/outbox", tag = "mail", params(StatusFilter, Page), responses(
    (status = 200, description = "success", body = Vec<OutboxMessage>), (status = 403, description = "not allowed", body = Problem), (status = 422, description = "unknown status", body = Problem)))]
async fn list_outbox(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(f): ApiQuery<StatusFilter>,
    ApiQuery(page): ApiQuery<Page>,
) -> Result<Json<Vec<OutboxMessage>>, ApiError> {
    Ok(Json(
        outbox::list_outbox(&s.app, &actor, f.status.as_deref(), page).await?,
    ))
}

/// Mail sent about a ticket, with delivery state (a permanent failure shows here).
#[utoipa::path(get, path = "/api/v1/tickets/{number}/mail", tag = "mail", params(("number" = String, Path)), responses(
    (status = 200, description = "success", body = Vec<OutboxMessage>), (status = 404, description = "not found", body = Problem)))]
async fn ticket_mail(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiPath(number): ApiPath<String>,
) -> Result<Json<Vec<OutboxMessage>>, ApiError> {
    Ok(Json(tickets::ticket_mail(&s.app, &actor, &number).await?))
}
