//! Mail templates per language: every mail file (subject, plain text, HTML) in sk, cs, pl and
//! en with the text in use, and a page to replace one language's text or revert it to the
//! built-in. A text that does not render with the mail's sample variables is refused next to
//! the field with the template engine's message, and what was typed stays in the field.

use super::form::{Posted, check_csrf};
use super::view::{ListView, Saved, Table, history, saved};
use crate::AppState;
use crate::pages::desk::Staff;
use crate::pages::desk::guard::refused;
use crate::pages::layout::{Page, failed, not_found, tr};
use crate::pages::session::Visitor;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use podpora_app::mail_templates::{self, MailText};
use podpora_app::{Actor, AppError};
use podpora_core::Language;
use serde::Serialize;

const LIST: &str = "/desk/config/mail-templates";

/// The mail template pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(LIST, get(list))
        .route(
            "/desk/config/mail-templates/{file}/{lang}",
            get(show).post(save),
        )
        .route(
            "/desk/config/mail-templates/{file}/{lang}/revert",
            post(revert),
        )
}

/// `GET /desk/config/mail-templates`: each mail file in each language, built-in or changed.
async fn list(State(state): State<AppState>, v: Visitor, Staff(agent): Staff) -> Response {
    let texts = match mail_templates::list(&state.app, &agent.actor).await {
        Ok(t) => t,
        Err(e) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let mut table = Table::new(
        &state,
        l,
        &[
            "desk-set-mail-file",
            "desk-cfg-field-language",
            "desk-set-mail-state",
        ],
    );
    for t in texts {
        table.push(
            Some(format!("{LIST}/{}/{}", t.file, t.language.as_str())),
            vec![
                format!("{} ({})", t.file, t.language.as_str()),
                crate::pages::language::names()
                    .into_iter()
                    .find(|(lang, _)| *lang == t.language)
                    .map_or_else(|| t.language.as_str().to_string(), |(_, n)| n.to_string()),
                state_of(&state, l, &t),
            ],
        );
    }
    ListView {
        new_href: None,
        table,
    }
    .render(
        &state,
        &v,
        tr(&state, l, "desk-set-mail-templates", &[]),
        None,
    )
}

fn state_of(state: &AppState, lang: Language, t: &MailText) -> String {
    tr(
        state,
        lang,
        if t.stored {
            "desk-set-mail-stored"
        } else {
            "desk-set-mail-built-in"
        },
        &[],
    )
}

/// A sample of the mail, as shown under the form.
#[derive(Serialize)]
struct Preview {
    subject: String,
    text: String,
}

/// The template page's variables.
#[derive(Serialize)]
struct TemplateView {
    back: &'static str,
    action: String,
    state: String,
    label: String,
    hint: String,
    variables: String,
    source: String,
    error: Option<String>,
    revert: Option<String>,
    preview: Option<Preview>,
    history: Table,
}

/// The file and language from the path, or `None` (a 404) when either is unknown.
fn parsed(file: &str, lang: &str) -> Option<(String, Language)> {
    let lang = lang.parse::<Language>().ok()?;
    podpora_render::Renderer::mail_files()
        .into_iter()
        .find(|f| f == file)
        .map(|f| (f, lang))
}

/// The page of one file in one language; `typed` and `error` after a refused save.
async fn page(
    state: &AppState,
    v: &Visitor,
    actor: &Actor,
    file: &str,
    lang: Language,
    typed: Option<(String, String)>,
    notice: Option<String>,
) -> Response {
    let app = &state.app;
    let (t, changes) = match (
        mail_templates::get(app, actor, file, lang).await,
        mail_templates::history(app, actor, file, lang).await,
    ) {
        (Ok(t), Ok(h)) => (t, h),
        (Err(AppError::NotFound(_)), _) | (_, Err(AppError::NotFound(_))) => {
            return not_found(state, v);
        }
        (Err(AppError::Forbidden(_)), _) | (_, Err(AppError::Forbidden(_))) => {
            return refused(state, v);
        }
        (Err(e), _) | (_, Err(e)) => return failed(state, v, &e),
    };
    let preview = mail_templates::preview(app, actor, file, lang)
        .await
        .ok()
        .map(|m| Preview {
            subject: m.subject,
            text: m.text,
        });
    let l = v.lang;
    let here = format!("{LIST}/{file}/{}", lang.as_str());
    let status = if typed.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let (source, error) = match typed {
        Some((s, e)) => (s, Some(e)),
        None => (t.source.clone(), None),
    };
    let view = TemplateView {
        back: LIST,
        action: here.clone(),
        state: state_of(state, l, &t),
        label: tr(state, l, "desk-set-mail-source", &[]),
        hint: tr(state, l, "desk-set-mail-hint", &[]),
        variables: tr(
            state,
            l,
            "desk-set-mail-variables",
            &[(
                "names",
                podpora_render::Renderer::mail_variables(file)
                    .join(", ")
                    .into(),
            )],
        ),
        source,
        error,
        revert: t.stored.then(|| format!("{here}/revert")),
        preview,
        history: history(state, l, changes),
    };
    Page {
        template: "desk/settings/mail-template",
        title: tr(
            state,
            l,
            "desk-set-mail-title",
            &[("file", file.into()), ("lang", lang.as_str().into())],
        ),
        notice,
        view: &view,
        status,
    }
    .render(state, v)
}

/// `GET /desk/config/mail-templates/{file}/{lang}`.
async fn show(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path((file, lang)): Path<(String, String)>,
    Query(q): Query<Saved>,
) -> Response {
    let Some((file, lang)) = parsed(&file, &lang) else {
        return not_found(&state, &v);
    };
    let notice = saved(&state, v.lang, &q);
    page(&state, &v, &agent.actor, &file, lang, None, notice).await
}

/// `POST /desk/config/mail-templates/{file}/{lang}`: stores the text once it renders.
async fn save(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path((file, lang)): Path<(String, String)>,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    let Some((file, lang)) = parsed(&file, &lang) else {
        return not_found(&state, &v);
    };
    let p = Posted(p);
    if let Some(r) = check_csrf(&state, &v, &p) {
        return r;
    }
    let source = p.get("source").to_string();
    match mail_templates::save(&state.app, &agent.actor, &file, lang, &source).await {
        Ok(_) => Redirect::to(&format!("{LIST}/{file}/{}?saved=1", lang.as_str())).into_response(),
        Err(AppError::Validation(e)) => {
            let message = e
                .errors
                .iter()
                .map(|fe| fe.message.clone())
                .collect::<Vec<_>>()
                .join(" ");
            page(
                &state,
                &v,
                &agent.actor,
                &file,
                lang,
                Some((source, message)),
                None,
            )
            .await
        }
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(AppError::Forbidden(_)) => refused(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/mail-templates/{file}/{lang}/revert`: back to the built-in text.
async fn revert(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path((file, lang)): Path<(String, String)>,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    let Some((file, lang)) = parsed(&file, &lang) else {
        return not_found(&state, &v);
    };
    let p = Posted(p);
    if let Some(r) = check_csrf(&state, &v, &p) {
        return r;
    }
    match mail_templates::revert(&state.app, &agent.actor, &file, lang).await {
        Ok(_) => Redirect::to(&format!("{LIST}/{file}/{}?saved=1", lang.as_str())).into_response(),
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(AppError::Forbidden(_)) => refused(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}
