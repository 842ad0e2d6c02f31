//! Files on the ticket page: the reply and note form posted as `multipart/form-data` with its
//! attachments (checked by the same upload code as the API's, so the limit is the same), each
//! article's files to download, and the original message of an article that came by mail.

use super::Staff;
use super::guard::refused;
use super::ticket::ArticleForm;
use crate::AppState;
use crate::pages::layout::{failed, not_found, tr};
use crate::pages::session::Visitor;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use base64::Engine as _;
use podpora_app::AppError;
use podpora_app::dto::AttachmentUpload;
use podpora_app::tickets::Article;
use podpora_core::{ArticleKind, Language, ValidationError, auth::Permission};
use serde::Serialize;

/// The downloads, for agents who read tickets.
pub fn routes(state: AppState) -> Router<AppState> {
    let readers = Router::new()
        .route("/desk/files/{id}", get(download))
        .route("/desk/articles/{id}/original", get(original));
    super::needs(Permission::ReadTickets, state, readers)
}

/// A file of an article, as the page links it.
#[derive(Serialize)]
pub struct FileLink {
    /// Attachment id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its size in words ("12 kB").
    pub size: String,
}

/// An article's files and whether its original message can be downloaded.
#[derive(Serialize, Default)]
pub struct ArticleFiles {
    /// Its attachments.
    pub files: Vec<FileLink>,
    /// Whether it came by mail, so its original `.eml` is kept.
    pub original: bool,
}

/// "12 kB", "3 MB".
pub fn size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{} MB", bytes / 1_000_000)
    } else {
        format!("{} kB", bytes.div_ceil(1000))
    }
}

/// The files part of article `a`.
pub fn of_article(a: &Article) -> ArticleFiles {
    ArticleFiles {
        files: a
            .attachments
            .iter()
            .map(|f| FileLink {
                id: f.id,
                name: f.filename.clone(),
                size: size(u64::try_from(f.size_bytes).unwrap_or(0)),
            })
            .collect(),
        original: a.kind == ArticleKind::InboundEmail,
    }
}

/// The limit stated next to the file field.
pub fn limit_hint(state: &AppState, lang: Language) -> String {
    tr(
        state,
        lang,
        "desk-files-limit",
        &[("size", size(state.app.config.attachment_max_bytes).into())],
    )
}

/// The agent's words for a refused file (the use case names the field `attachments[i]…`);
/// `None` when the refusal is about something else.
pub fn file_refusal(state: &AppState, lang: Language, e: &ValidationError) -> Option<String> {
    let f = e
        .errors
        .iter()
        .find(|f| f.field.starts_with("attachments"))?;
    let key = if f.field.ends_with("content_base64") {
        "desk-files-too-large"
    } else {
        "desk-files-refused"
    };
    let size = size(state.app.config.attachment_max_bytes);
    Some(tr(state, lang, key, &[("size", size.into())]))
}

/// The article form as posted: url-encoded without files, `multipart/form-data` from the page
/// (with any number of `files`; one `file` as the portal names it). `None` when the body cannot be read, mostly a file over the
/// pages' body limit.
pub async fn read_article_form(
    state: &AppState,
    req: Request,
) -> Option<(ArticleForm, Vec<AttachmentUpload>)> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|c| c.to_str().ok())
        .is_some_and(|c| c.starts_with("multipart/form-data"));
    if !multipart {
        return Form::<ArticleForm>::from_request(req, state)
            .await
            .ok()
            .map(|Form(f)| (f, Vec::new()));
    }
    let mut mp = Multipart::from_request(req, state).await.ok()?;
    let mut f = ArticleForm::default();
    let mut files = Vec::new();
    while let Some(field) = mp.next_field().await.ok()? {
        match field.name().unwrap_or("") {
            "files" | "file" => {
                let filename = field.file_name().unwrap_or("").to_string();
                let content_type = field.content_type().map(str::to_string);
                let bytes = field.bytes().await.ok()?;
                // A file input left empty still sends a part with no name and no bytes.
                if !filename.is_empty() && !bytes.is_empty() {
                    files.push(AttachmentUpload {
                        filename,
                        content_type,
                        content_base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
                    });
                }
            }
            "csrf" => f.csrf = field.text().await.ok()?,
            "body" => f.body = field.text().await.ok()?,
            "kind" => f.kind = field.text().await.ok()?,
            "last_seen" => f.last_seen = field.text().await.ok()?.trim().parse().unwrap_or(0),
            "confirm_stale" => f.confirm_stale = Some(field.text().await.ok()?),
            _ => {}
        }
    }
    Some((f, files))
}

/// `GET /desk/files/{id}`: an attachment of a ticket the agent may read.
async fn download(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return not_found(&state, &v);
    };
    match podpora_app::tickets::attachment(&state.app, &agent.actor, id).await {
        Ok((a, bytes)) => crate::api::tickets::file_response(&a, bytes),
        Err(e) => refusal(&state, &v, e),
    }
}

/// `GET /desk/articles/{id}/original`: the message an article was made from, as it arrived.
async fn original(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return not_found(&state, &v);
    };
    match podpora_app::mail::article_raw(&state.app, &agent.actor, id).await {
        Ok(raw) => (
            [
                (header::CONTENT_TYPE, "message/rfc822".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"article-{id}.eml\""),
                ),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            ],
            raw,
        )
            .into_response(),
        Err(e) => refusal(&state, &v, e),
    }
}

fn refusal(state: &AppState, v: &Visitor, e: AppError) -> Response {
    match e {
        AppError::NotFound(_) | AppError::Validation(_) => not_found(state, v),
        AppError::Forbidden(_) => refused(state, v),
        e => failed(state, v, &e),
    }
}

/// Why nothing was read from a form that could not be: its files exceed the limit.
pub fn unreadable(state: &AppState, lang: Language) -> String {
    let size = size(state.app.config.attachment_max_bytes);
    tr(
        state,
        lang,
        "desk-files-too-large",
        &[("size", size.into())],
    )
}
