//! A new request: the form, and sending it through the tickets use case (channel `portal`).
//! A refused request shows the use case's errors and keeps everything typed; the error about a
//! field is also shown next to it. The form lists the request categories (plannable ones marked,
//! as they cannot be urgent) and the plan's channels: open now, or when they open.

use crate::AppState;
use crate::pages::layout::{Page, csrf_refused, failed, number, tr, when};
use crate::pages::session::Visitor;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine as _;
use podpora_app::dto::AttachmentUpload;
use podpora_app::portal::PortalAsset;
use podpora_app::tickets::{self, NewTicket};
use podpora_app::{Actor, AppError};
use podpora_core::text::DESCRIPTION_MAX_CHARS;
use podpora_core::{FieldError, Language};
use serde::Serialize;

/// What the customer typed, sent back into the form when it is refused.
#[derive(Serialize, Default, Clone)]
struct Typed {
    subject: String,
    description: String,
    email: String,
    asset_id: String,
    category: String,
    urgency: String,
    /// The form's token for the help's suggestions (a request sent is not one avoided).
    kb_token: String,
}

/// A category to choose; plannable work is marked, as it cannot be urgent.
#[derive(Serialize)]
struct CategoryOption {
    code: String,
    name: String,
    plannable: bool,
}

/// A channel of the plan and whether it is open now.
#[derive(Serialize)]
struct ChannelNow {
    name: String,
    open_now: bool,
    state: String,
}

#[derive(Serialize)]
struct FormView {
    form: Typed,
    errors: Vec<String>,
    assets: Vec<PortalAsset>,
    categories: Vec<CategoryOption>,
    any_plannable: bool,
    channels: Vec<ChannelNow>,
    /// The refusal about the category or the urgency, shown next to those fields.
    category_error: Option<String>,
    urgency_error: Option<String>,
    ask_email: bool,
    max_chars: String,
    max_raw: usize,
    max_file: String,
}

#[derive(Serialize)]
struct CreatedView {
    number: String,
    promise: Option<String>,
}

async fn form_page(
    state: &AppState,
    v: &Visitor,
    actor: &Actor,
    form: Typed,
    errors: Vec<(String, String)>,
) -> Response {
    let assets = match podpora_app::portal::assets(&state.app, actor).await {
        Ok(a) => a,
        Err(e) => return failed(state, v, &e),
    };
    let categories: Vec<CategoryOption> =
        match podpora_app::plans::list_categories(&state.app.db, actor).await {
            Ok(c) => c
                .into_iter()
                .map(|c| CategoryOption {
                    code: c.code,
                    name: c.name,
                    plannable: c.plannable,
                })
                .collect(),
            Err(e) => return failed(state, v, &e),
        };
    // The channels come from the organization's plan; a contact without an organization has
    // no plan to show, and the form works without them.
    let channels = match actor.organization_scope() {
        Some(org) => match podpora_app::plans::plan_status(&state.app.db, actor, org).await {
            Ok(s) => s
                .channel_hours
                .into_iter()
                .map(|c| ChannelNow {
                    name: tr(state, v.lang, &super::plan::channel_key(c.channel), &[]),
                    open_now: c.open_now,
                    state: super::plan::channel_state(
                        state,
                        v.lang,
                        c.open_now,
                        c.next_opening.as_deref(),
                    ),
                })
                .collect(),
            Err(e) => return failed(state, v, &e),
        },
        None => Vec::new(),
    };
    // The intake refuses an urgency only for plannable work: name the category and say why.
    let plannable = categories
        .iter()
        .find(|c| c.plannable && c.code == form.category.trim());
    let errors: Vec<(String, String)> = errors
        .into_iter()
        .map(|(f, m)| match plannable {
            Some(c) if f == "urgency" => {
                let why = tr(
                    state,
                    v.lang,
                    "web-error-plannable-urgent",
                    &[("category", c.name.clone().into())],
                );
                (f, why)
            }
            _ => (f, m),
        })
        .collect();
    let next_to = |field: &str| {
        errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
    };
    let category_error = next_to("category");
    let urgency_error = next_to("urgency");
    let errors: Vec<String> = errors.into_iter().map(|(_, m)| m).collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Page {
        template: "new",
        title: tr(state, v.lang, "web-title-new", &[]),
        notice: None,
        view: &FormView {
            form,
            errors,
            assets,
            any_plannable: categories.iter().any(|c| c.plannable),
            categories,
            channels,
            category_error,
            urgency_error,
            ask_email: actor.contact_scope().is_none(),
            max_chars: number(v.lang, DESCRIPTION_MAX_CHARS as u64),
            max_raw: DESCRIPTION_MAX_CHARS,
            max_file: size(state.app.config.attachment_max_bytes),
        },
        status,
    }
    .render(state, v)
}

/// A size as people read it: whole kilobytes or megabytes.
pub(super) fn size(bytes: u64) -> String {
    if bytes >= 1_000_000 {
        format!("{} MB", bytes / 1_000_000)
    } else {
        format!("{} kB", bytes.div_ceil(1000))
    }
}

/// `GET /portal/requests/new`.
pub async fn form(State(state): State<AppState>, v: Visitor) -> Response {
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    let typed = Typed {
        kb_token: podpora_app::kb::new_form_token().unwrap_or_default(),
        ..Typed::default()
    };
    form_page(&state, &v, &actor, typed, Vec::new()).await
}

/// The posted form, read from `multipart/form-data`.
#[derive(Default)]
struct Posted {
    csrf: String,
    typed: Typed,
    file: Option<AttachmentUpload>,
}

async fn read_form(mut mp: Multipart) -> Result<Posted, String> {
    let mut p = Posted::default();
    while let Some(field) = mp.next_field().await.map_err(|e| e.body_text())? {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            let filename = field.file_name().unwrap_or("").to_string();
            let content_type = field.content_type().map(str::to_string);
            let bytes = field.bytes().await.map_err(|e| e.body_text())?;
            if !filename.is_empty() && !bytes.is_empty() {
                p.file = Some(AttachmentUpload {
                    filename,
                    content_type,
                    content_base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
                });
            }
            continue;
        }
        let text = field.text().await.map_err(|e| e.body_text())?;
        match name.as_str() {
            "csrf" => p.csrf = text,
            "subject" => p.typed.subject = text,
            "description" => p.typed.description = text,
            "email" => p.typed.email = text,
            "asset_id" => p.typed.asset_id = text,
            "category" => p.typed.category = text,
            "urgency" => p.typed.urgency = text,
            "kb_token" => p.typed.kb_token = text,
            _ => {}
        }
    }
    Ok(p)
}

/// `POST /portal/requests/new`.
pub async fn submit(State(state): State<AppState>, v: Visitor, mp: Multipart) -> Response {
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    let posted = match read_form(mp).await {
        Ok(p) => p,
        Err(e) => {
            tracing::info!(error = %e, "unreadable new-request form");
            let errors = vec![(String::new(), tr(&state, v.lang, "web-error-generic", &[]))];
            return form_page(&state, &v, &actor, Typed::default(), errors).await;
        }
    };
    if !v.csrf_ok(&posted.csrf) {
        return csrf_refused(&state, &v);
    }
    let t = &posted.typed;
    let email = Some(t.email.trim().to_string()).filter(|e| !e.is_empty());
    let (requester_id, requester_email) = match actor.contact_scope() {
        Some(contact) => (Some(contact), None),
        // An organization account names, for each request, the contact it is for.
        None => (None, Some(email.clone().unwrap_or_default())),
    };
    let input = NewTicket {
        subject: t.subject.clone(),
        description: t.description.clone(),
        requester_id,
        requester_email,
        reply_to: email,
        organization_id: None,
        asset_id: t.asset_id.parse().ok(),
        category: Some(t.category.trim().to_string()).filter(|c| !c.is_empty()),
        urgency: Some(
            if t.urgency == "urgent" {
                "urgent"
            } else {
                "normal"
            }
            .into(),
        ),
        channel: Some("portal".into()),
        team_id: None,
        assignee_id: None,
        attachments: posted.file.into_iter().collect(),
        reported_at: None,
    };
    match tickets::open(&state.app, &actor, input).await {
        Ok(ticket) => {
            if let Err(e) =
                podpora_app::kb::request_sent(&state.app, &t.kb_token, &ticket.number).await
            {
                tracing::warn!(error = %e, "the help's suggestions were not marked as sent");
            }
            let promise = ticket.clocks.as_ref().and_then(|clocks| {
                clocks
                    .iter()
                    .filter(|c| c.metric == "reaction")
                    .chain(clocks.iter())
                    .find_map(|c| c.due_at.as_deref())
                    .map(|due| when(v.lang, due))
            });
            Page {
                template: "created",
                title: tr(&state, v.lang, "web-title-created", &[]),
                notice: None,
                view: &CreatedView {
                    number: ticket.number,
                    promise,
                },
                status: StatusCode::CREATED,
            }
            .render(&state, &v)
        }
        Err(AppError::Validation(errs)) => {
            let errors = errs
                .errors
                .iter()
                .map(|e| {
                    (
                        e.field.clone(),
                        field_message(&state, v.lang, e, &posted.typed),
                    )
                })
                .collect();
            form_page(&state, &v, &actor, posted.typed, errors).await
        }
        Err(e) => failed(&state, &v, &e),
    }
}

/// The use case's error for a field, in the reader's language.
fn field_message(state: &AppState, lang: Language, e: &FieldError, typed: &Typed) -> String {
    match e.field.as_str() {
        "description" => {
            let count = typed.description.chars().count();
            if count > DESCRIPTION_MAX_CHARS {
                tr(
                    state,
                    lang,
                    "web-error-too-long",
                    &[
                        ("count", number(lang, count as u64).into()),
                        ("max", number(lang, DESCRIPTION_MAX_CHARS as u64).into()),
                    ],
                )
            } else {
                tr(state, lang, "web-error-description", &[])
            }
        }
        "subject" => tr(state, lang, "web-error-subject", &[]),
        "requester_email" | "reply_to" | "requester_id" => tr(state, lang, "web-error-email", &[]),
        "asset_id" => tr(state, lang, "web-error-asset", &[]),
        "urgency" => tr(state, lang, "web-error-urgency", &[]),
        "category" => tr(state, lang, "web-error-category", &[]),
        f if f.starts_with("attachments") => tr(
            state,
            lang,
            "web-error-file",
            &[("size", size(state.app.config.attachment_max_bytes).into())],
        ),
        f => tr(
            state,
            lang,
            "web-error-field",
            &[("field", f.to_string().into())],
        ),
    }
}
