//! The knowledge base in the workspace: the list of articles with their missing translations,
//! an article's editor (what it is about, who may read it, a text per language as a draft or
//! published, every version with the way back to it), the report, and, for a ticket, finding
//! articles to insert into a reply in the customer's language, turning a reply into a draft
//! article, and what the customer read before asking.

mod files;
mod inline;
mod ticket;

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
        .route("/desk/kb/{id}", get(edit))
        .route("/desk/tickets/{number}/kb", get(ticket::for_ticket));
    let writers = Router::new()
        .route("/desk/kb/new", post(create))
        .route("/desk/kb/{id}", post(save_meta))
        .route("/desk/kb/{id}/texts/{lang}", post(save_text))
        .route("/desk/kb/{id}/texts/{lang}/restore", post(restore))
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

#[derive(Serialize)]
struct VersionRow {
    version: i64,
    title: String,
    when: String,
    note: String,
    current: bool,
}

#[derive(Serialize)]
struct TextForm {
    language: &'static str,
    language_name: String,
    exists: bool,
    title: String,
    body: String,
    body_html: String,
    published: bool,
    version: i64,
    versions: Vec<VersionRow>,
}

/// A plan of the catalogue in the editor's picker.
#[derive(Serialize)]
struct PlanBox {
    id: i64,
    name: String,
    checked: bool,
}

/// A file of the article in the editor.
#[derive(Serialize)]
struct FileRow {
    id: i64,
    filename: String,
    size: String,
    markdown: String,
    url: String,
    image: bool,
}

#[derive(Serialize)]
struct EditView {
    id: i64,
    category: String,
    applies_to: String,
    visibility: String,
    plans: Vec<PlanBox>,
    plans_error: Option<String>,
    visibilities: Vec<(String, String)>,
    texts: Vec<TextForm>,
    error: Option<String>,
    files: Vec<FileRow>,
    files_error: Option<String>,
    max_file: String,
}

/// What a refused form leaves on the editor: the messages, and what was typed into the
/// article's "about" form (so nothing typed is lost).
#[derive(Default)]
struct Problems {
    error: Option<String>,
    plans_error: Option<String>,
    files_error: Option<String>,
    meta: Option<MetaDraft>,
}

/// The "about" form as posted.
struct MetaDraft {
    category: String,
    applies_to: String,
    visibility: String,
    plan_ids: Vec<i64>,
}

impl Problems {
    fn error(msg: String) -> Self {
        Problems {
            error: Some(msg),
            ..Problems::default()
        }
    }
}

/// `GET /desk/kb/{id}`: the editor.
async fn edit(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return not_found(&state, &v);
    };
    editor(&state, &v, &agent, id, Problems::default(), StatusCode::OK).await
}

async fn editor(
    state: &AppState,
    v: &Visitor,
    agent: &podpora_app::desk::StaffSession,
    id: i64,
    problems: Problems,
    status: StatusCode,
) -> Response {
    let a = match kb::get(&state.app, &agent.actor, id).await {
        Ok(a) => a,
        Err(AppError::NotFound(_)) => return not_found(state, v),
        Err(e) => return failed(state, v, &e),
    };
    let mut texts = Vec::new();
    for lang in Language::ALL {
        let t = a.translations.iter().find(|t| t.language == lang);
        let versions = match t {
            Some(t) => kb::versions(&state.app, &agent.actor, id, lang)
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|x| VersionRow {
                    current: x.version == t.version,
                    version: x.version,
                    title: x.title,
                    when: when_in(v.lang, &agent.zone, &x.changed_at),
                    note: x.note,
                })
                .collect(),
            None => Vec::new(),
        };
        texts.push(TextForm {
            language: lang.as_str(),
            language_name: tr(
                state,
                v.lang,
                &format!("web-kb-lang-{}", lang.as_str()),
                &[],
            ),
            exists: t.is_some(),
            title: t.map(|t| t.title.clone()).unwrap_or_default(),
            body: t.map(|t| t.body.clone()).unwrap_or_default(),
            body_html: t.map(|t| t.body_html.clone()).unwrap_or_default(),
            published: t.is_some_and(|t| t.published),
            version: t.map_or(0, |t| t.version),
            versions,
        });
    }
    let title = a
        .translations
        .first()
        .map(|t| t.title.clone())
        .unwrap_or_default();
    let meta = problems.meta.unwrap_or_else(|| MetaDraft {
        category: a.category.clone().unwrap_or_default(),
        applies_to: a.applies_to.clone().unwrap_or_default(),
        visibility: a.visibility.as_str().into(),
        plan_ids: a.plan_ids.clone(),
    });
    let plans = match kb::plan_choices(&state.app, &agent.actor).await {
        Ok(p) => p
            .into_iter()
            .map(|p| PlanBox {
                checked: meta.plan_ids.contains(&p.id),
                id: p.id,
                name: p.name,
            })
            .collect(),
        Err(e) => return failed(state, v, &e),
    };
    let files = match kb::files(&state.app, &agent.actor, id).await {
        Ok(f) => f
            .into_iter()
            .map(|f| FileRow {
                id: f.id,
                size: files::size(u64::try_from(f.size_bytes).unwrap_or(0)),
                filename: f.filename,
                markdown: f.markdown,
                url: f.url,
                image: f.image,
            })
            .collect(),
        Err(e) => return failed(state, v, &e),
    };
    Page {
        template: "desk/kb/edit",
        title: tr(
            state,
            v.lang,
            "desk-kb-edit-title",
            &[("title", title.into())],
        ),
        notice: None,
        view: &EditView {
            id,
            category: meta.category,
            applies_to: meta.applies_to,
            visibility: meta.visibility,
            plans,
            plans_error: problems.plans_error,
            visibilities: visibilities(state, v.lang),
            texts,
            error: problems.error,
            files,
            files_error: problems.files_error,
            max_file: files::size(state.app.config.attachment_max_bytes),
        },
        status,
    }
    .render(state, v)
}

/// The field errors of a refused change, in one line for the editor.
fn refusal(e: &AppError) -> Option<String> {
    match e {
        AppError::Validation(errs) => Some(
            errs.errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.message))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        _ => None,
    }
}

/// `POST /desk/kb/{id}`: what the article is about and who may read it. The plans come as
/// one `plan_ids` field per ticked plan; a value that is no plan of the catalogue is refused
/// with a message beside the picker, and everything typed is shown again.
async fn save_meta(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if !v.csrf_ok(&field("csrf")) {
        return csrf_refused(&state, &v);
    }
    let Ok(id) = id.parse::<i64>() else {
        return not_found(&state, &v);
    };
    let mut plan_ids = Vec::new();
    let mut bad = None;
    for (_, value) in fields.iter().filter(|(k, _)| k == "plan_ids") {
        // An older form sent the ids in one field, separated by commas.
        for part in value.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
            match part.trim().parse::<i64>() {
                Ok(n) if !plan_ids.contains(&n) => plan_ids.push(n),
                Ok(_) => {}
                Err(_) => {
                    bad = bad.or_else(|| Some(part.trim().chars().take(40).collect::<String>()))
                }
            }
        }
    }
    let draft = MetaDraft {
        category: field("category"),
        applies_to: field("applies_to"),
        visibility: parse_visibility(&field("visibility")).as_str().into(),
        plan_ids: plan_ids.clone(),
    };
    let refuse = |problems: Problems| {
        let (state, v, agent) = (&state, &v, &agent);
        async move {
            editor(
                state,
                v,
                agent,
                id,
                problems,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    if let Some(value) = bad {
        let msg = tr(
            &state,
            v.lang,
            "desk-kb-plans-bad",
            &[("value", value.into())],
        );
        return refuse(Problems {
            plans_error: Some(msg),
            meta: Some(draft),
            ..Problems::default()
        })
        .await;
    }
    let meta = ArticleMeta {
        category: Some(draft.category.clone()),
        applies_to: Some(draft.applies_to.clone()),
        visibility: parse_visibility(&draft.visibility),
        plan_ids,
    };
    match kb::update(&state.app, &agent.actor, id, meta.clone()).await {
        Ok(_) => Redirect::to(&format!("/desk/kb/{id}")).into_response(),
        Err(AppError::Validation(errs)) => {
            let mut problems = Problems::default();
            let mut others = Vec::new();
            for e in &errs.errors {
                if e.field == "plan_ids" {
                    problems.plans_error = Some(tr(&state, v.lang, "desk-kb-plans-needed", &[]));
                } else if let Some(i) = e
                    .field
                    .strip_prefix("plan_ids[")
                    .and_then(|r| r.strip_suffix(']'))
                    .and_then(|i| i.parse::<usize>().ok())
                {
                    let value = meta.plan_ids.get(i).map(i64::to_string).unwrap_or_default();
                    problems.plans_error = Some(tr(
                        &state,
                        v.lang,
                        "desk-kb-plans-bad",
                        &[("value", value.into())],
                    ));
                } else {
                    others.push(format!("{}: {}", e.field, e.message));
                }
            }
            problems.error = (!others.is_empty()).then(|| others.join("; "));
            problems.meta = Some(draft);
            refuse(problems).await
        }
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}

#[derive(Deserialize)]
struct TextPost {
    csrf: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    published: Option<String>,
}

/// `POST /desk/kb/{id}/texts/{lang}`: a new version of one language, published or a draft.
async fn save_text(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path((id, lang)): Path<(String, String)>,
    Form(f): Form<TextPost>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let (Ok(id), Ok(lang)) = (id.parse::<i64>(), lang.parse::<Language>()) else {
        return not_found(&state, &v);
    };
    let input = TextInput {
        language: lang,
        title: f.title,
        body: f.body,
        publish: Some(f.published.is_some()),
    };
    match kb::save_text(&state.app, &agent.actor, id, lang, input).await {
        Ok(_) => Redirect::to(&format!("/desk/kb/{id}#text-{lang}")).into_response(),
        Err(e) => match refusal(&e) {
            Some(msg) => {
                editor(
                    &state,
                    &v,
                    &agent,
                    id,
                    Problems::error(msg),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await
            }
            None => failed(&state, &v, &e),
        },
    }
}

#[derive(Deserialize)]
struct RestorePost {
    csrf: String,
    version: i64,
}

/// `POST /desk/kb/{id}/texts/{lang}/restore`: an earlier version becomes the current text.
async fn restore(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path((id, lang)): Path<(String, String)>,
    Form(f): Form<RestorePost>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let (Ok(id), Ok(lang)) = (id.parse::<i64>(), lang.parse::<Language>()) else {
        return not_found(&state, &v);
    };
    match kb::restore(&state.app, &agent.actor, id, lang, f.version).await {
        Ok(_) => Redirect::to(&format!("/desk/kb/{id}#text-{lang}")).into_response(),
        Err(AppError::NotFound(_)) => not_found(&state, &v),
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
