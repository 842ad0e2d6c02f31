//! The customer's requests: the list with a status filter, one request's public conversation,
//! the files of its public articles to download, and the reply form (the reply is an article
//! added by the tickets use case).

use crate::AppState;
use crate::pages::layout::{Page, csrf_refused, failed, not_found, tr, when};
use crate::pages::session::Visitor;
use axum::Form;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine as _;
use podpora_app::dto::AttachmentUpload;
use podpora_app::tickets::{self, NewArticle, TicketQuery};
use podpora_app::{Actor, AppError, Page as Paging};
use podpora_core::{ArticleKind, TicketStatus};
use serde::{Deserialize, Serialize};

/// The message id of a status's name.
pub fn status_key(s: TicketStatus) -> String {
    format!("web-status-{}", s.as_str().replace('_', "-"))
}

#[derive(Serialize)]
struct Row {
    number: String,
    subject: String,
    status: String,
    changed: String,
}

#[derive(Serialize)]
struct StatusOption {
    code: &'static str,
    name: String,
}

#[derive(Serialize)]
struct ListView {
    /// Always false here: the same template shows search results (see `search.rs`).
    searching: bool,
    q: String,
    items: Vec<Row>,
    total: i64,
    status: String,
    statuses: Vec<StatusOption>,
}

/// The list's query.
#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    page: Option<u32>,
    /// Words, a request number or an address to search for; blank lists all.
    q: Option<String>,
}

/// `GET /portal/requests`: the contact's own requests, or all of an organization account's;
/// with `q`, those that match it.
pub async fn list(
    State(state): State<AppState>,
    v: Visitor,
    Query(q): Query<ListQuery>,
) -> Response {
    let Some(actor) = &v.customer else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    if let Some(text) = q.q.as_deref().filter(|t| !t.trim().is_empty()) {
        return super::search::results(&state, &v, actor, text, q.page).await;
    }
    let status = q
        .status
        .filter(|s| s.parse::<TicketStatus>().is_ok())
        .unwrap_or_default();
    let query = TicketQuery {
        status: (!status.is_empty()).then(|| status.clone()),
        ..Default::default()
    };
    let paging = Paging {
        page: q.page,
        per_page: Some(50),
    };
    let found = match tickets::list(&state.app, actor, query, paging).await {
        Ok(p) => p,
        Err(e) => return failed(&state, &v, &e),
    };
    let items = found
        .items
        .into_iter()
        .map(|t| Row {
            status: tr(&state, v.lang, &status_key(t.status), &[]),
            changed: when(v.lang, &t.updated_at),
            number: t.number,
            subject: t.subject,
        })
        .collect();
    let statuses = TicketStatus::ALL
        .iter()
        .map(|s| StatusOption {
            code: s.as_str(),
            name: tr(&state, v.lang, &status_key(*s), &[]),
        })
        .collect();
    let title_key = if actor.contact_scope().is_some() {
        "web-title-requests"
    } else {
        "web-title-org-requests"
    };
    Page {
        template: "requests",
        title: tr(&state, v.lang, title_key, &[]),
        notice: None,
        view: &ListView {
            searching: false,
            q: String::new(),
            items,
            total: found.total,
            status,
            statuses,
        },
        status: StatusCode::OK,
    }
    .render(&state, &v)
}

#[derive(Serialize)]
struct FileView {
    id: i64,
    name: String,
    size: String,
}

#[derive(Serialize)]
struct ArticleView {
    author: String,
    at: String,
    body: String,
    /// The mail's HTML, sanitised, where the article came as an HTML mail.
    html: Option<String>,
    mine: bool,
    files: Vec<FileView>,
}

#[derive(Serialize)]
struct RequestView {
    number: String,
    subject: String,
    status: String,
    changed: String,
    articles: Vec<ArticleView>,
    errors: Vec<String>,
    reply: String,
    /// Resolved: the customer is asked whether it is solved.
    ask_verdict: bool,
    /// The attachment size limit, stated before upload.
    max_file: String,
    /// What is charged for the request, once time is recorded on it.
    charges: Option<super::charges::ChargesView>,
    /// Offers of paid work, accepted here.
    offers: Vec<super::charges::OfferView>,
    /// Quotes with a deadline, accepted or declined here.
    quotes: Option<super::quotes::PortalQuotes>,
    /// The history the customer may see.
    history: Vec<super::history::HistoryLine>,
    /// Colleagues the contact who asked may share the request with.
    colleagues: Vec<podpora_app::portal::Colleague>,
}

async fn request_page(
    state: &AppState,
    v: &Visitor,
    actor: &Actor,
    number: &str,
    errors: Vec<String>,
    reply: String,
    notice: Option<String>,
) -> Response {
    let t = match tickets::get(&state.app, actor, number).await {
        Ok(t) => t,
        Err(AppError::NotFound(_) | AppError::Forbidden(_)) => return not_found(state, v),
        Err(e) => return failed(state, v, &e),
    };
    let articles = t
        .articles
        .unwrap_or_default()
        .into_iter()
        // The use case already leaves internal notes out for customers; this keeps it so
        // should a new kind of staff-only article appear.
        .filter(|a| a.kind != ArticleKind::InternalNote)
        .map(|a| ArticleView {
            files: a
                .attachments
                .iter()
                .map(|f| FileView {
                    id: f.id,
                    name: f.filename.clone(),
                    size: super::new_request::size(u64::try_from(f.size_bytes).unwrap_or(0)),
                })
                .collect(),
            mine: a.author_contact_id.is_some(),
            author: a.author_name,
            at: when(v.lang, &a.created_at),
            html: a
                .body_html
                .as_deref()
                .filter(|h| !h.trim().is_empty())
                .map(podpora_render::sanitise_mail_html),
            body: a.body,
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let ask_verdict = t.status == TicketStatus::Resolved;
    let charges = super::charges::charges_view(state, v.lang, actor, &t.number).await;
    let offers = super::charges::offers_view(state, v.lang, actor, &t.number).await;
    let quotes = super::quotes::view(state, v.lang, actor, &t.number).await;
    let history = super::history::view(state, v.lang, actor, &t.number).await;
    let colleagues = super::sharing::colleagues(state, actor, &t.number).await;
    Page {
        template: "request",
        title: format!("{} {}", t.number, t.subject),
        notice,
        view: &RequestView {
            ask_verdict,
            max_file: super::new_request::size(state.app.config.attachment_max_bytes),
            status: tr(state, v.lang, &status_key(t.status), &[]),
            changed: when(v.lang, &t.updated_at),
            number: t.number,
            subject: t.subject,
            articles,
            errors,
            reply,
            charges,
            offers,
            quotes,
            history,
            colleagues,
        },
        status,
    }
    .render(state, v)
}

/// The notice query a redirect after a reply or a verdict carries.
#[derive(Deserialize)]
pub struct ShowQuery {
    replied: Option<u8>,
    closed: Option<u8>,
    reopened: Option<u8>,
}

/// `GET /portal/requests/{number}`: another customer's request answers exactly like one
/// that does not exist.
pub async fn show(
    State(state): State<AppState>,
    v: Visitor,
    Path(number): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Response {
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    let key = match (q.replied, q.closed, q.reopened) {
        (Some(_), _, _) => Some("web-notice-replied"),
        (_, Some(_), _) => Some("web-notice-closed"),
        (_, _, Some(_)) => Some("web-notice-reopened"),
        _ => None,
    };
    let notice = key.map(|k| tr(&state, v.lang, k, &[]));
    request_page(
        &state,
        &v,
        &actor,
        &number,
        Vec::new(),
        String::new(),
        notice,
    )
    .await
}

/// The reply form.
#[derive(Deserialize, Default)]
pub struct ReplyForm {
    csrf: String,
    body: String,
    /// The one attachment, from a `multipart/form-data` form.
    #[serde(skip)]
    file: Option<AttachmentUpload>,
}

/// Reads the reply form: `multipart/form-data` from the page (it carries a file), or plain
/// `application/x-www-form-urlencoded` from clients that send no file. `None` when unreadable.
async fn read_reply(state: &AppState, req: Request) -> Option<ReplyForm> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|c| c.to_str().ok())
        .is_some_and(|c| c.starts_with("multipart/form-data"));
    if !multipart {
        return Form::<ReplyForm>::from_request(req, state)
            .await
            .ok()
            .map(|Form(f)| f);
    }
    let mut mp = Multipart::from_request(req, state).await.ok()?;
    let mut f = ReplyForm::default();
    while let Some(field) = mp.next_field().await.ok()? {
        match field.name().unwrap_or("") {
            "file" => {
                let filename = field.file_name().unwrap_or("").to_string();
                let content_type = field.content_type().map(str::to_string);
                let bytes = field.bytes().await.ok()?;
                // A file input left empty still sends a part with no name and no bytes.
                if !filename.is_empty() && !bytes.is_empty() {
                    f.file = Some(AttachmentUpload {
                        filename,
                        content_type,
                        content_base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
                    });
                }
            }
            "csrf" => f.csrf = field.text().await.ok()?,
            "body" => f.body = field.text().await.ok()?,
            _ => {}
        }
    }
    Some(f)
}

/// `POST /portal/requests/{number}/reply`: the reply, with at most one attachment.
pub async fn reply(
    State(state): State<AppState>,
    v: Visitor,
    Path(number): Path<String>,
    req: Request,
) -> Response {
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    let max = super::new_request::size(state.app.config.attachment_max_bytes);
    let Some(f) = read_reply(&state, req).await else {
        // Mostly a file over the pages' body limit: nothing was read, so nothing is acted on;
        // the page says what the limit is (it shows only what the customer may see anyway).
        let error = tr(&state, v.lang, "web-error-file", &[("size", max.into())]);
        return request_page(
            &state,
            &v,
            &actor,
            &number,
            vec![error],
            String::new(),
            None,
        )
        .await;
    };
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let input = NewArticle {
        kind: Some(ArticleKind::PortalMessage.to_string()),
        body: f.body.clone(),
        body_html: None,
        attachments: f.file.into_iter().collect(),
    };
    match tickets::add_article(&state.app, &actor, &number, input).await {
        Ok(_) => Redirect::to(&format!("/portal/requests/{number}?replied=1")).into_response(),
        Err(AppError::NotFound(_) | AppError::Forbidden(_)) => not_found(&state, &v),
        Err(AppError::Validation(errs)) => {
            let file_refused = errs
                .errors
                .iter()
                .any(|e| e.field.starts_with("attachments"));
            let error = if file_refused {
                tr(&state, v.lang, "web-error-file", &[("size", max.into())])
            } else {
                tr(&state, v.lang, "web-error-reply", &[])
            };
            request_page(&state, &v, &actor, &number, vec![error], f.body, None).await
        }
        Err(e) => failed(&state, &v, &e),
    }
}

/// A form with only the CSRF token.
#[derive(Deserialize)]
pub struct VerdictForm {
    csrf: String,
}

/// `POST /portal/requests/{number}/solved`.
pub async fn solved(
    State(state): State<AppState>,
    v: Visitor,
    Path(number): Path<String>,
    Form(f): Form<VerdictForm>,
) -> Response {
    verdict(state, v, number, f, true).await
}

/// `POST /portal/requests/{number}/not-solved`.
pub async fn not_solved(
    State(state): State<AppState>,
    v: Visitor,
    Path(number): Path<String>,
    Form(f): Form<VerdictForm>,
) -> Response {
    verdict(state, v, number, f, false).await
}

async fn verdict(
    state: AppState,
    v: Visitor,
    number: String,
    f: VerdictForm,
    solved: bool,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    match podpora_app::portal::verdict(&state.app, &actor, &number, solved).await {
        Ok(_) => {
            let done = if solved { "closed" } else { "reopened" };
            Redirect::to(&format!("/portal/requests/{number}?{done}=1")).into_response()
        }
        Err(AppError::NotFound(_) | AppError::Forbidden(_)) => not_found(&state, &v),
        Err(AppError::Validation(_)) => {
            let errors = vec![tr(&state, v.lang, "web-error-verdict", &[])];
            request_page(&state, &v, &actor, &number, errors, String::new(), None).await
        }
        Err(e) => failed(&state, &v, &e),
    }
}

/// `GET /portal/requests/{number}/files/{id}`: a file of one of the request's public articles.
/// The request must be one the customer sees and the file one of its public articles; the
/// tickets use case checks the file again. Anything else answers like a missing page.
pub async fn file(
    State(state): State<AppState>,
    v: Visitor,
    Path((number, id)): Path<(String, String)>,
) -> Response {
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    let Ok(id) = id.parse::<i64>() else {
        return not_found(&state, &v);
    };
    let t = match tickets::get(&state.app, &actor, &number).await {
        Ok(t) => t,
        Err(AppError::NotFound(_) | AppError::Forbidden(_)) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    let listed = t
        .articles
        .unwrap_or_default()
        .iter()
        .filter(|a| a.kind.is_public())
        .any(|a| a.attachments.iter().any(|f| f.id == id));
    if !listed {
        return not_found(&state, &v);
    }
    match tickets::attachment(&state.app, &actor, id).await {
        Ok((a, bytes)) => crate::api::tickets::file_response(&a, bytes),
        Err(AppError::NotFound(_) | AppError::Forbidden(_)) => not_found(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}
