//! Agents with their roles and teams, and teams with their leads: lists and the forms that
//! create or change them (administrators only, as in the API).

use super::form::{Choice, Field, FormView, Kind, Posted, check_csrf, id_of, languages, outcome};
use super::view::{ListView, Saved, Table, or_dash, parse_id, saved};
use crate::AppState;
use crate::pages::desk::Staff;
use crate::pages::layout::{failed, not_found, tr};
use crate::pages::session::Visitor;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use podpora_app::staff::{self, Agent, AgentPatch, NewAgent, Team, TeamInput};
use podpora_app::{Actor, AppError};
use podpora_core::Language;
use podpora_core::auth::Role;

const AGENTS: &str = "/desk/config/agents";
const TEAMS: &str = "/desk/config/teams";

/// The agent and team pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(AGENTS, get(agents).post(create_agent))
        .route("/desk/config/agents/new", get(new_agent))
        .route("/desk/config/agents/{id}", get(edit_agent).post(save_agent))
        .route(TEAMS, get(teams).post(create_team))
        .route("/desk/config/teams/new", get(new_team))
        .route("/desk/config/teams/{id}", get(edit_team).post(save_team))
}

fn role_name(state: &AppState, lang: Language, r: Role) -> String {
    tr(state, lang, &format!("desk-role-{}", r.as_str()), &[])
}

fn yes_no(state: &AppState, lang: Language, b: bool) -> String {
    tr(
        state,
        lang,
        if b { "desk-cfg-yes" } else { "desk-cfg-no" },
        &[],
    )
}

/// `GET /desk/config/agents`.
async fn agents(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Query(q): Query<Saved>,
) -> Response {
    let list = match staff::list_agents(&state.app.db, &agent.actor).await {
        Ok(a) => a,
        Err(e) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let mut table = Table::new(
        &state,
        l,
        &[
            "desk-cfg-field-name",
            "desk-cfg-field-email",
            "desk-cfg-field-roles",
            "desk-cfg-field-active",
        ],
    );
    for a in list {
        let roles: Vec<String> = a.roles.iter().map(|r| role_name(&state, l, *r)).collect();
        table.push(
            Some(format!("{AGENTS}/{}", a.id)),
            vec![
                a.name,
                a.email,
                roles.join(", "),
                yes_no(&state, l, a.active),
            ],
        );
    }
    ListView {
        new_href: Some(format!("{AGENTS}/new")),
        table,
    }
    .render(
        &state,
        &v,
        tr(&state, l, "desk-cfg-agents", &[]),
        saved(&state, l, &q),
    )
}

/// The form's values as text.
#[derive(Default)]
struct AgentTyped {
    email: String,
    name: String,
    language: String,
    roles: Vec<String>,
    team_ids: Vec<String>,
    active: bool,
}

impl From<&Posted> for AgentTyped {
    fn from(p: &Posted) -> Self {
        Self {
            email: p.get("email").into(),
            name: p.get("name").into(),
            language: p.get("language").into(),
            roles: p.all("roles"),
            team_ids: p.all("team_ids"),
            active: p.get("active") == "1",
        }
    }
}

impl From<&Agent> for AgentTyped {
    fn from(a: &Agent) -> Self {
        Self {
            email: a.email.clone(),
            name: a.name.clone(),
            language: a.language.as_str().into(),
            roles: a.roles.iter().map(|r| r.as_str().to_string()).collect(),
            team_ids: a.team_ids.iter().map(i64::to_string).collect(),
            active: a.active,
        }
    }
}

/// The agent form: e-mail and password only when creating, "active" only when changing.
async fn agent_form(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    id: Option<i64>,
    t: &AgentTyped,
) -> Result<FormView, AppError> {
    let teams = staff::list_teams(&state.app.db, actor).await?;
    let mut fields = Vec::new();
    if id.is_none() {
        fields.push(Field::new(state, lang, "email", Kind::Email, &t.email).required());
    }
    fields.push(Field::new(state, lang, "name", Kind::Text, &t.name).required());
    fields.push(
        Field::new(state, lang, "language", Kind::Select, &t.language)
            .options(languages(state, lang, None)),
    );
    fields.push(
        Field::new(state, lang, "roles", Kind::Checks, "")
            .options(
                Role::ALL
                    .iter()
                    .map(|r| Choice {
                        value: r.as_str().into(),
                        label: role_name(state, lang, *r),
                    })
                    .collect(),
            )
            .ticked(t.roles.clone()),
    );
    fields.push(
        Field::new(state, lang, "team_ids", Kind::Checks, "")
            .options(
                teams
                    .into_iter()
                    .map(|tm| Choice {
                        value: tm.id.to_string(),
                        label: tm.name,
                    })
                    .collect(),
            )
            .ticked(t.team_ids.clone()),
    );
    match id {
        None => {
            fields.push(Field::new(state, lang, "password", Kind::Password, "").hint(state, lang))
        }
        Some(_) => fields.push(
            Field::new(state, lang, "active", Kind::Checks, "")
                .options(vec![Choice {
                    value: "1".into(),
                    label: tr(state, lang, "desk-cfg-may-sign-in", &[]),
                }])
                .ticked(if t.active {
                    vec!["1".into()]
                } else {
                    Vec::new()
                }),
        ),
    }
    let action = id.map_or_else(|| AGENTS.to_string(), |i| format!("{AGENTS}/{i}"));
    Ok(FormView::new(action, AGENTS, fields))
}

fn ids(values: &[String]) -> Vec<i64> {
    values.iter().filter_map(|s| id_of(s)).collect()
}

/// `GET /desk/config/agents/new`.
async fn new_agent(State(state): State<AppState>, v: Visitor, Staff(agent): Staff) -> Response {
    let typed = AgentTyped {
        language: v.lang.as_str().into(),
        ..AgentTyped::default()
    };
    match agent_form(&state, v.lang, &agent.actor, None, &typed).await {
        Ok(f) => f.render(
            &state,
            &v,
            tr(&state, v.lang, "desk-cfg-new-agent", &[]),
            StatusCode::OK,
        ),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/agents`: creates one.
async fn create_agent(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    let p = Posted(p);
    if let Some(r) = check_csrf(&state, &v, &p) {
        return r;
    }
    let input = NewAgent {
        email: p.get("email").into(),
        name: p.get("name").into(),
        language: p.opt("language"),
        roles: p.all("roles"),
        team_ids: ids(&p.all("team_ids")),
        password: p.opt("password"),
    };
    let result = staff::create_agent(&state.app.db, &agent.actor, input).await;
    let form = match agent_form(&state, v.lang, &agent.actor, None, &AgentTyped::from(&p)).await {
        Ok(f) => f,
        Err(e) => return failed(&state, &v, &e),
    };
    let title = tr(&state, v.lang, "desk-cfg-new-agent", &[]);
    outcome(&state, &v, result, form, title, |_| {
        format!("{AGENTS}?saved=1")
    })
}

/// `GET /desk/config/agents/{id}`: the agent's form.
async fn edit_agent(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    let a = match staff::get_agent(&state.app.db, &agent.actor, id).await {
        Ok(a) => a,
        Err(AppError::NotFound(_)) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    match agent_form(
        &state,
        v.lang,
        &agent.actor,
        Some(id),
        &AgentTyped::from(&a),
    )
    .await
    {
        Ok(f) => f.render(
            &state,
            &v,
            format!("{} ({})", a.name, a.email),
            StatusCode::OK,
        ),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/agents/{id}`: changes name, language, roles, teams and activity.
async fn save_agent(
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
    let patch = AgentPatch {
        name: Some(p.get("name").into()),
        language: p.opt("language"),
        roles: Some(p.all("roles")),
        team_ids: Some(ids(&p.all("team_ids"))),
        active: Some(p.get("active") == "1"),
    };
    let result = staff::update_agent(&state.app.db, &agent.actor, id, patch).await;
    let form = match agent_form(
        &state,
        v.lang,
        &agent.actor,
        Some(id),
        &AgentTyped::from(&p),
    )
    .await
    {
        Ok(f) => f,
        Err(e) => return failed(&state, &v, &e),
    };
    let title = p.get("name").to_string();
    outcome(&state, &v, result, form, title, |_| {
        format!("{AGENTS}?saved=1")
    })
}

/// `GET /desk/config/teams`.
async fn teams(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Query(q): Query<Saved>,
) -> Response {
    let db = &state.app.db;
    let (list, people) = match (
        staff::list_teams(db, &agent.actor).await,
        staff::list_agents(db, &agent.actor).await,
    ) {
        (Ok(t), Ok(a)) => (t, a),
        (Err(e), _) | (_, Err(e)) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let mut table = Table::new(
        &state,
        l,
        &[
            "desk-cfg-field-name",
            "desk-cfg-field-email",
            "desk-cfg-field-lead-agent-id",
            "desk-cfg-col-members",
        ],
    );
    for t in list {
        let lead = t
            .lead_agent_id
            .and_then(|id| people.iter().find(|a| a.id == id))
            .map(|a| a.name.clone());
        table.push(
            Some(format!("{TEAMS}/{}", t.id)),
            vec![
                t.name,
                or_dash(t.email.as_deref()),
                or_dash(lead.as_deref()),
                t.member_ids.len().to_string(),
            ],
        );
    }
    ListView {
        new_href: Some(format!("{TEAMS}/new")),
        table,
    }
    .render(
        &state,
        &v,
        tr(&state, l, "desk-cfg-teams", &[]),
        saved(&state, l, &q),
    )
}

/// The team form: name, address and lead (any agent).
async fn team_form(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    action: String,
    name: &str,
    email: &str,
    lead: &str,
) -> Result<FormView, AppError> {
    let mut choices = vec![Choice {
        value: String::new(),
        label: tr(state, lang, "desk-cfg-no-lead", &[]),
    }];
    choices.extend(
        staff::list_agents(&state.app.db, actor)
            .await?
            .into_iter()
            .filter(|a| a.active)
            .map(|a| Choice {
                value: a.id.to_string(),
                label: a.name,
            }),
    );
    let fields = vec![
        Field::new(state, lang, "name", Kind::Text, name).required(),
        Field::new(state, lang, "email", Kind::Email, email),
        Field::new(state, lang, "lead_agent_id", Kind::Select, lead).options(choices),
    ];
    Ok(FormView::new(action, TEAMS, fields))
}

fn team_input(p: &Posted) -> TeamInput {
    TeamInput {
        name: p.get("name").into(),
        email: p.opt("email"),
        lead_agent_id: id_of(p.get("lead_agent_id")),
    }
}

async fn posted_team_form(
    state: &AppState,
    v: &Visitor,
    actor: &Actor,
    action: String,
    p: &Posted,
) -> Result<FormView, AppError> {
    team_form(
        state,
        v.lang,
        actor,
        action,
        p.get("name"),
        p.get("email"),
        p.get("lead_agent_id"),
    )
    .await
}

/// `GET /desk/config/teams/new`.
async fn new_team(State(state): State<AppState>, v: Visitor, Staff(agent): Staff) -> Response {
    match team_form(&state, v.lang, &agent.actor, TEAMS.into(), "", "", "").await {
        Ok(f) => f.render(
            &state,
            &v,
            tr(&state, v.lang, "desk-cfg-new-team", &[]),
            StatusCode::OK,
        ),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/teams`: creates one.
async fn create_team(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    let p = Posted(p);
    if let Some(r) = check_csrf(&state, &v, &p) {
        return r;
    }
    let result = staff::create_team(&state.app.db, &agent.actor, team_input(&p)).await;
    let form = match posted_team_form(&state, &v, &agent.actor, TEAMS.into(), &p).await {
        Ok(f) => f,
        Err(e) => return failed(&state, &v, &e),
    };
    let title = tr(&state, v.lang, "desk-cfg-new-team", &[]);
    outcome(&state, &v, result, form, title, |_: Team| {
        format!("{TEAMS}?saved=1")
    })
}

/// `GET /desk/config/teams/{id}`: the team's form.
async fn edit_team(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    let t = match staff::get_team(&state.app.db, &agent.actor, id).await {
        Ok(t) => t,
        Err(AppError::NotFound(_)) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    let lead = t.lead_agent_id.map(|i| i.to_string()).unwrap_or_default();
    let email = t.email.clone().unwrap_or_default();
    match team_form(
        &state,
        v.lang,
        &agent.actor,
        format!("{TEAMS}/{id}"),
        &t.name,
        &email,
        &lead,
    )
    .await
    {
        Ok(f) => f.render(&state, &v, t.name, StatusCode::OK),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/teams/{id}`: the team's full new state.
async fn save_team(
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
    let result = staff::update_team(&state.app.db, &agent.actor, id, team_input(&p)).await;
    let form = match posted_team_form(&state, &v, &agent.actor, format!("{TEAMS}/{id}"), &p).await {
        Ok(f) => f,
        Err(e) => return failed(&state, &v, &e),
    };
    let title = p.get("name").to_string();
    outcome(&state, &v, result, form, title, |_| {
        format!("{TEAMS}?saved=1")
    })
}
