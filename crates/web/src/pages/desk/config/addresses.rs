//! Support addresses: the addresses the mail intake treats as ours, each with its team and the
//! language of automatic answers. Those of the configuration file (`mail.addresses`) are shown
//! as the running configuration has them; administrators add, change and delete further ones
//! here, stored in the database and used by the intake alongside the file's.

use super::form::{Choice, Field, FormView, Kind, Posted, check_csrf, id_of, languages, outcome};
use super::view::{Action, RecordView, Saved, Table, fact, history, or_dash, parse_id, saved};
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
use podpora_app::support_addresses::{self, AddressInput, StoredAddress};
use podpora_app::{Actor, AppError, staff};
use podpora_core::Language;
use serde::Serialize;

const LIST: &str = "/desk/config/support-addresses";

/// The support address pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(LIST, get(list).post(create))
        .route("/desk/config/support-addresses/new", get(new))
        .route("/desk/config/support-addresses/{id}", get(show).post(save))
        .route("/desk/config/support-addresses/{id}/edit", get(edit))
        .route("/desk/config/support-addresses/{id}/delete", post(delete))
}

/// The page's variables.
#[derive(Serialize)]
struct AddressesView {
    file_title: String,
    stored_title: String,
    table: Table,
    stored: Table,
    new_href: &'static str,
}

fn language_name(lang: Language) -> String {
    crate::pages::language::names()
        .into_iter()
        .find(|(l, _)| *l == lang)
        .map_or_else(|| lang.as_str().to_string(), |(_, n)| n.to_string())
}

/// `GET /desk/config/support-addresses`: the file's addresses (the first is the sender of
/// automatic mail; a team name that matches no team is pointed out), then the stored ones.
async fn list(State(state): State<AppState>, v: Visitor, Staff(agent): Staff) -> Response {
    let (teams, stored) = match (
        staff::list_teams(&state.app.db, &agent.actor).await,
        support_addresses::list(&state.app, &agent.actor).await,
    ) {
        (Ok(t), Ok(s)) => (t, s),
        (Err(e), _) | (_, Err(e)) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let columns = [
        "desk-set-address",
        "desk-set-address-team",
        "desk-cfg-field-language",
        "desk-set-address-use",
    ];
    let mut table = Table::new(&state, l, &columns);
    table.empty = tr(&state, l, "desk-set-addresses-none", &[]);
    for (i, a) in state.app.config.mail.addresses.iter().enumerate() {
        let team = match &a.team {
            Some(name) if teams.iter().any(|t| &t.name == name) => name.clone(),
            Some(name) => tr(
                &state,
                l,
                "desk-set-address-no-such-team",
                &[("team", name.as_str().into())],
            ),
            None => tr(&state, l, "desk-set-address-default-team", &[]),
        };
        let used = if i == 0 {
            tr(&state, l, "desk-set-address-sender", &[])
        } else {
            String::new()
        };
        table.push(
            None,
            vec![a.address.clone(), team, language_name(a.language), used],
        );
    }
    let mut more = Table::new(&state, l, &columns[..3]);
    for a in stored {
        let team = a
            .team_id
            .and_then(|id| teams.iter().find(|t| t.id == id))
            .map_or_else(
                || tr(&state, l, "desk-set-address-default-team", &[]),
                |t| t.name.clone(),
            );
        more.push(
            Some(format!("{LIST}/{}", a.id)),
            vec![a.address, team, language_name(a.language)],
        );
    }
    Page {
        template: "desk/settings/addresses",
        title: tr(&state, l, "desk-set-addresses", &[]),
        notice: None,
        view: &AddressesView {
            file_title: tr(&state, l, "desk-set-addresses-file", &[]),
            stored_title: tr(&state, l, "desk-set-addresses-stored", &[]),
            table,
            stored: more,
            new_href: "/desk/config/support-addresses/new",
        },
        status: StatusCode::OK,
    }
    .render(&state, &v)
}

/// `GET /desk/config/support-addresses/{id}`.
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
    let a = match support_addresses::get(&state.app, &agent.actor, id).await {
        Ok(a) => a,
        Err(AppError::NotFound(_)) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    let (teams, changes) = match (
        staff::list_teams(&state.app.db, &agent.actor).await,
        support_addresses::history(&state.app, &agent.actor, id).await,
    ) {
        (Ok(t), Ok(h)) => (t, h),
        (Err(e), _) | (_, Err(e)) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let team = a
        .team_id
        .and_then(|id| teams.iter().find(|t| t.id == id))
        .map(|t| t.name.clone());
    let mut record = RecordView::new(
        vec![
            fact(&state, l, "team_id", or_dash(team.as_deref())),
            fact(&state, l, "language", language_name(a.language)),
        ],
        LIST,
    );
    record.edit_href = Some(format!("{LIST}/{id}/edit"));
    record.actions.push(Action {
        action: format!("{LIST}/{id}/delete"),
        label: tr(&state, l, "desk-set-address-delete", &[]),
    });
    record.history = Some(history(&state, l, changes));
    record.render(&state, &v, a.address, saved(&state, l, &q))
}

/// The form's values as text.
#[derive(Default)]
struct Typed {
    address: String,
    team_id: String,
    language: String,
}

impl From<&Posted> for Typed {
    fn from(p: &Posted) -> Self {
        Self {
            address: p.get("address").into(),
            team_id: p.get("team_id").into(),
            language: p.get("language").into(),
        }
    }
}

impl From<&StoredAddress> for Typed {
    fn from(a: &StoredAddress) -> Self {
        Self {
            address: a.address.clone(),
            team_id: a.team_id.map(|t| t.to_string()).unwrap_or_default(),
            language: a.language.as_str().into(),
        }
    }
}

async fn form(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    action: &str,
    t: &Typed,
) -> Result<FormView, AppError> {
    let mut teams = vec![Choice {
        value: String::new(),
        label: tr(state, lang, "desk-set-address-default-team", &[]),
    }];
    teams.extend(
        staff::list_teams(&state.app.db, actor)
            .await?
            .into_iter()
            .map(|t| Choice {
                value: t.id.to_string(),
                label: t.name,
            }),
    );
    Ok(FormView::new(
        action,
        LIST,
        vec![
            Field::new(state, lang, "address", Kind::Email, &t.address).required(),
            Field::new(state, lang, "team_id", Kind::Select, &t.team_id).options(teams),
            Field::new(state, lang, "language", Kind::Select, &t.language)
                .options(languages(state, lang, None))
                .required(),
        ],
    ))
}

fn input(p: &Posted) -> AddressInput {
    AddressInput {
        address: p.get("address").into(),
        team_id: id_of(p.get("team_id")),
        language: p.get("language").into(),
    }
}

/// `GET /desk/config/support-addresses/new`.
async fn new(State(state): State<AppState>, v: Visitor, Staff(agent): Staff) -> Response {
    let typed = Typed {
        language: v.lang.as_str().into(),
        ..Typed::default()
    };
    match form(&state, v.lang, &agent.actor, LIST, &typed).await {
        Ok(f) => f.render(
            &state,
            &v,
            tr(&state, v.lang, "desk-set-address-new", &[]),
            StatusCode::OK,
        ),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/support-addresses`: stores one.
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
    let result = support_addresses::create(&state.app, &agent.actor, input(&p)).await;
    let form = match form(&state, v.lang, &agent.actor, LIST, &Typed::from(&p)).await {
        Ok(f) => f,
        Err(e) => return failed(&state, &v, &e),
    };
    let title = tr(&state, v.lang, "desk-set-address-new", &[]);
    outcome(&state, &v, result, form, title, |a| {
        format!("{LIST}/{}?saved=1", a.id)
    })
}

/// `GET /desk/config/support-addresses/{id}/edit`.
async fn edit(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    let a = match support_addresses::get(&state.app, &agent.actor, id).await {
        Ok(a) => a,
        Err(AppError::NotFound(_)) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    let here = format!("{LIST}/{id}");
    match form(&state, v.lang, &agent.actor, &here, &Typed::from(&a)).await {
        Ok(f) => f.render(&state, &v, a.address, StatusCode::OK),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/support-addresses/{id}`: changes one.
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
    let result = support_addresses::update(&state.app, &agent.actor, id, input(&p)).await;
    let here = format!("{LIST}/{id}");
    let form = match form(&state, v.lang, &agent.actor, &here, &Typed::from(&p)).await {
        Ok(f) => f,
        Err(e) => return failed(&state, &v, &e),
    };
    let title = p.get("address").to_string();
    outcome(&state, &v, result, form, title, |_| {
        format!("{here}?saved=1")
    })
}

/// `POST /desk/config/support-addresses/{id}/delete`.
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
    let p = Posted(p);
    if let Some(r) = check_csrf(&state, &v, &p) {
        return r;
    }
    match support_addresses::delete(&state.app, &agent.actor, id).await {
        Ok(()) => Redirect::to(LIST).into_response(),
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(AppError::Forbidden(_)) => refused(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}
