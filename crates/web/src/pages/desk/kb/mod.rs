//! The knowledge base in the workspace: the list of articles with their missing translations,
//! an article's editor (what it is about, who may read it, a text per language as a draft or
//! published, every version with the way back to it), the report, and, for a ticket, finding
//! articles to insert into a reply in the customer's language, turning a reply into a draft
//! article, and what the customer read before asking.

mod editor;
mod files;
mod inline;
mod ticket;

use editor::{Problems, editor};
pub(crate) use inline::{InlineSearch, absolute_files, inline_search};

use super::{Staff, needs};
use crate::AppState;
use crate::pages::layout::{Page, csrf_refused, failed, not_found, tr, when_in};
use crate::pages::session::Visitor;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use podpora_app::kb::{self, ArticleInput, ArticleMeta, KbQuery, TextInput, Visibility};
use podpora_app::{AppError, Page as Paging};
use podpora_core::Language;
use podpora_core::auth::Permission;
use serde::{Deserialize, Serialize};

/// The knowledge base's pages: reading for agents who read tickets, editing for those who
/// write them.
pub fn routes(state: AppState) -> Router<AppState> {
    let readers = Router::new()
        .route("/desk/kb", get(list))
        .route("/desk/kb/report", get(report))
        .route("/desk/kb/{id}", get(editor::edit))
        .route("/desk/tickets/{number}/kb", get(ticket::for_ticket));
    let writers = Router::new()
        .route("/desk/kb/new", post(create))
        .route("/desk/kb/{id}", post(editor::save_meta))
        .route("/desk/kb/{id}/texts/{lang}", post(editor::save_text))
        .route("/desk/kb/{id}/texts/{lang}/restore", post(editor::restore))
        .route("/desk/kb/from-reply/{article}", post(from_reply))
        .route("/desk/kb/{id}/files", post(files::upload))
        .route("/desk/kb/{id}/files/{file}/delete", post(files::remove));
    Router::new()
        .merge(needs(Permission::ReadTickets, state.clone(), readers))
        .merge(needs(Permission::WriteTickets, state, writers))
}

fn visibility_name(state: &AppState, lang: Language, v: Visibility) -> String {
    tr(
        state,
        lang,
        &format!("desk-kb-visibility-{}", v.as_str()),
        &[],
    )
}

#[derive(Serialize)]
struct Row {
    id: i64,
    title: String,
    category: String,
    visibility: String,
    published: String,
    missing: String,
}

#[derive(Serialize)]
struct ListView {
    rows: Vec<Row>,
    visibilities: Vec<(String, String)>,
}

fn visibilities(state: &AppState, lang: Language) -> Vec<(String, String)> {
    [
        Visibility::Public,
        Visibility::Customers,
        Visibility::Plans,
        Visibility::Staff,
    ]
    .into_iter()
    .map(|v| (v.as_str().to_string(), visibility_name(state, lang, v)))
    .collect()
}

fn codes(ls: &[Language]) -> String {
    ls.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", ")
}

/// `GET /desk/kb`.
async fn list(State(state): State<AppState>, v: Visitor, Staff(agent): Staff) -> Response {
    let paging = Paging {
        page: None,
        per_page: Some(200),
    };
    let found = match kb::list(&state.app, &agent.actor, paging).await {
        Ok(f) => f,
        Err(e) => return failed(&state, &v, &e),
    };
    let rows = found
        .items
        .into_iter()
        .map(|a| Row {
            id: a.id,
            title: a.title,
            category: a.category.unwrap_or_default(),
            visibility: visibility_name(&state, v.lang, a.visibility),
            published: codes(&a.published),
            missing: codes(&a.missing),
        })
        .collect();
    Page {
        template: "desk/kb/list",
        title: tr(&state, v.lang, "desk-kb-title", &[]),
        notice: None,
        view: &ListView {
            rows,
            visibilities: visibilities(&state, v.lang),
        },
        status: StatusCode::OK,
    }
    .render(&state, &v)
}

#[derive(Deserialize)]
struct NewForm {
    csrf: String,
    #[serde(default)]
    visibility: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
}

fn parse_visibility(s: &str) -> Visibility {
    match s {
        "public" => Visibility::Public,
        "customers" => Visibility::Customers,
        "plans" => Visibility::Plans,
        _ => Visibility::Staff,
    }
}

/// `POST /desk/kb/new`: a new article with its first text, as a draft.
async fn create(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Form(f): Form<NewForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let input = ArticleInput {
        category: Some(f.category),
        applies_to: None,
        visibility: parse_visibility(&f.visibility),
        plan_ids: Vec::new(),
        translations: vec![TextInput {
            language: f.language.parse().unwrap_or(v.lang),
            title: f.title,
            body: f.body,
            publish: Some(false),
        }],
    };
    match kb::create(&state.app, &agent.actor, input).await {
        Ok(a) => Redirect::to(&format!("/desk/kb/{}", a.id)).into_response(),
        Err(e) => failed(&state, &v, &e),
    }
}

#[derive(Deserialize)]
struct CsrfOnly {
    csrf: String,
}

/// `POST /desk/kb/from-reply/{article}`: a reply becomes a draft article, opened in the editor.
async fn from_reply(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(article): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let Ok(article) = article.parse::<i64>() else {
        return not_found(&state, &v);
    };
    match kb::from_reply(&state.app, &agent.actor, article).await {
        Ok(a) => Redirect::to(&format!("/desk/kb/{}", a.id)).into_response(),
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}

#[derive(Deserialize, Default)]
struct ReportQuery {
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

#[derive(Serialize)]
struct ReportView {
    from: String,
    to: String,
    report: Option<kb::KbReport>,
    error: Option<String>,
}

/// `GET /desk/kb/report?from=YYYY-MM&to=YYYY-MM`.
async fn report(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Query(q): Query<ReportQuery>,
) -> Response {
    let from = q.from.filter(|s| !s.is_empty());
    let to = q.to.filter(|s| !s.is_empty());
    let (report, error, status) =
        match kb::report(&state.app, &agent.actor, from.as_deref(), to.as_deref()).await {
            Ok(r) => (Some(r), None, StatusCode::OK),
            Err(AppError::Validation(_)) => (
                None,
                Some(tr(&state, v.lang, "desk-kb-report-bad-month", &[])),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            Err(e) => return failed(&state, &v, &e),
        };
    Page {
        template: "desk/kb/report",
        title: tr(&state, v.lang, "desk-kb-report-title", &[]),
        notice: None,
        view: &ReportView {
            from: report
                .as_ref()
                .map_or_else(|| from.clone().unwrap_or_default(), |r| r.from.clone()),
            to: report
                .as_ref()
                .map_or_else(|| to.clone().unwrap_or_default(), |r| r.to.clone()),
            report,
            error,
        },
        status,
    }
    .render(&state, &v)
}
