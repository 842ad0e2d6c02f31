//! Prepared answers: the list by name and language, one answer with its text, and the form
//! that creates or changes one (the placeholders it may use are listed under the text field).
//! Dispatchers and administrators manage them, through the same use cases as the API.

use super::form::{Field, FormView, Kind, Posted, check_csrf, languages, outcome};
use super::view::{Action, ListView, RecordView, Saved, Table, fact, parse_id, saved};
use crate::AppState;
use crate::pages::desk::Staff;
use crate::pages::desk::guard::refused;
use crate::pages::layout::{csrf_refused, failed, not_found, tr};
use crate::pages::session::Visitor;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use podpora_app::AppError;
use podpora_app::desk::answers::{self, NewAnswer, PreparedAnswer};
use podpora_core::Language;

const LIST: &str = "/desk/config/prepared-answers";

/// The prepared answers' pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(LIST, get(list).post(create))
        .route("/desk/config/prepared-answers/new", get(new))
        .route("/desk/config/prepared-answers/{id}", get(show).post(save))
        .route("/desk/config/prepared-answers/{id}/edit", get(edit))
        .route("/desk/config/prepared-answers/{id}/delete", post(delete))
}

fn language_name(state: &AppState, lang: Language, code: Language) -> String {
    crate::pages::desk::extras::language_name(state, lang, code)
}

/// `GET /desk/config/prepared-answers`.
async fn list(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Query(q): Query<Saved>,
) -> Response {
    let all = match answers::list_answers(&state.app.db, &agent.actor, Default::default()).await {
        Ok(a) => a,
        Err(e) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let mut table = Table::new(
        &state,
        l,
        &[
            "desk-cfg-field-name",
            "desk-cfg-field-language",
            "desk-cfg-field-body",
        ],
    );
    for a in all {
        let start: String = a.body.chars().take(80).collect();
        table.push(
            Some(format!("{LIST}/{}", a.id)),
            vec![a.name, language_name(&state, l, a.language), start],
        );
    }
    ListView {
        new_href: Some(format!("{LIST}/new")),
        table,
    }
    .render(
        &state,
        &v,
        tr(&state, l, "desk-cfg-prepared-answers", &[]),
        saved(&state, l, &q),
    )
}

/// `GET /desk/config/prepared-answers/{id}`: the answer, with "edit" and "delete".
async fn show(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
    Query(q): Query<Saved>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    let a = match answers::get_answer(&state.app.db, &agent.actor, id).await {
        Ok(a) => a,
        Err(AppError::NotFound(_)) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let mut record = RecordView::new(
        vec![
            fact(&state, l, "language", language_name(&state, l, a.language)),
            fact(&state, l, "body", a.body.clone()),
        ],
        LIST,
    );
    record.edit_href = Some(format!("{LIST}/{id}/edit"));
    record.actions.push(Action {
        action: format!("{LIST}/{id}/delete"),
        label: tr(&state, l, "desk-cfg-delete", &[]),
    });
    record.render(&state, &v, a.name, saved(&state, l, &q))
}

/// The form's fields with the values as typed.
fn form(state: &AppState, lang: Language, action: String, p: &Posted) -> FormView {
    let fields = vec![
        Field::new(state, lang, "name", Kind::Text, p.get("name")).required(),
        Field::new(state, lang, "language", Kind::Select, p.get("language"))
            .options(languages(state, lang, None))
            .required(),
        Field::new(state, lang, "body", Kind::Textarea, p.get("body"))
            .required()
            .hint(state, lang),
    ];
    FormView::new(action, LIST, fields)
}

fn typed(a: &PreparedAnswer) -> Posted {
    Posted(vec![
        ("name".into(), a.name.clone()),
        ("language".into(), a.language.as_str().into()),
        ("body".into(), a.body.clone()),
    ])
}

fn input(p: &Posted) -> NewAnswer {
    NewAnswer {
        name: p.get("name").into(),
        language: p.get("language").into(),
        body: p.get("body").into(),
    }
}

/// `GET /desk/config/prepared-answers/new`.
async fn new(State(state): State<AppState>, v: Visitor) -> Response {
    let blank = Posted(vec![("language".into(), v.lang.as_str().into())]);
    form(&state, v.lang, LIST.into(), &blank).render(
        &state,
        &v,
        tr(&state, v.lang, "desk-cfg-new-prepared-answer", &[]),
        StatusCode::OK,
    )
}

/// `POST /desk/config/prepared-answers`: creates one.
async fn create(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    let p = Posted(p);
    if let Some(r) = check_csrf(&state, &v, &p) {
        return r;
    }
    let result = answers::create_answer(&state.app.db, &agent.actor, input(&p)).await;
    let f = form(&state, v.lang, LIST.into(), &p);
    let title = tr(&state, v.lang, "desk-cfg-new-prepared-answer", &[]);
    outcome(&state, &v, result, f, title, |a| {
        format!("{LIST}/{}?saved=1", a.id)
    })
}

/// `GET /desk/config/prepared-answers/{id}/edit`.
async fn edit(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    match answers::get_answer(&state.app.db, &agent.actor, id).await {
        Ok(a) => form(&state, v.lang, format!("{LIST}/{id}"), &typed(&a)).render(
            &state,
            &v,
            a.name.clone(),
            StatusCode::OK,
        ),
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/prepared-answers/{id}`: changes one.
async fn save(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    let p = Posted(p);
    if let Some(r) = check_csrf(&state, &v, &p) {
        return r;
    }
    let result = answers::update_answer(&state.app.db, &agent.actor, id, input(&p)).await;
    let here = format!("{LIST}/{id}");
    let f = form(&state, v.lang, here.clone(), &p);
    let title = p.get("name").to_string();
    outcome(&state, &v, result, f, title, |_| format!("{here}?saved=1"))
}

/// `POST /desk/config/prepared-answers/{id}/delete`.
async fn delete(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    if !Posted(p).csrf_ok(&v) {
        return csrf_refused(&state, &v);
    }
    match answers::delete_answer(&state.app.db, &agent.actor, id).await {
        Ok(()) => Redirect::to(&format!("{LIST}?saved=1")).into_response(),
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(AppError::Forbidden(_)) => refused(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}
