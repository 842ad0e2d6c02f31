//! An organization's contracts and hand-over dates, reached from its page: a new contract (a
//! plan for the organization or one asset, from a day), ending one, and recording the day an
//! installation was handed over — the use cases of `/api/v1/contracts` and
//! `/api/v1/organizations/{id}/handover`, so refusals and audit entries are the API's.

use super::form::{Choice, Field, FormView, Kind, Posted, check_csrf, id_of, outcome};
use super::view::{Table, parse_id};
use crate::AppState;
use crate::pages::desk::Staff;
use crate::pages::layout::{day, failed, not_found, tr};
use crate::pages::session::Visitor;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use podpora_app::plans::{self, Contract, EndContract, NewContract, NewHandover};
use podpora_app::{Actor, AppError, Page, assets, organizations};
use podpora_core::Language;
use podpora_core::auth::Permission;

const ORGS: &str = "/desk/config/organizations";

/// The contract and hand-over pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/desk/config/organizations/{id}/contracts",
            get(new).post(create),
        )
        .route(
            "/desk/config/organizations/{id}/contracts/{contract}/end",
            get(end_form).post(end),
        )
        .route(
            "/desk/config/organizations/{id}/handover",
            get(handover_form).post(handover),
        )
}

const ALL: Page = Page {
    page: Some(1),
    per_page: Some(200),
};

/// The organization's assets as choices, "the whole organization" first.
async fn asset_choices(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    org: i64,
) -> Result<Vec<Choice>, AppError> {
    let mut out = vec![Choice {
        value: String::new(),
        label: tr(state, lang, "desk-set-whole-organization", &[]),
    }];
    out.extend(
        assets::list(&state.app.db, actor, Some(org), ALL)
            .await?
            .items
            .into_iter()
            .map(|a| Choice {
                value: a.id.to_string(),
                label: format!("{} ({})", a.identifier, a.name),
            }),
    );
    Ok(out)
}

/// The contract form, filled with what was typed.
async fn contract_form(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    org: i64,
    p: &Posted,
) -> Result<FormView, AppError> {
    let mut plan_choices = vec![Choice {
        value: String::new(),
        label: tr(state, lang, "desk-set-choose", &[]),
    }];
    plan_choices.extend(
        plans::list_plans(&state.app.db, actor)
            .await?
            .into_iter()
            .map(|p| Choice {
                value: p.id.to_string(),
                label: format!("{} ({})", p.name, p.code),
            }),
    );
    let here = format!("{ORGS}/{org}");
    Ok(FormView::new(
        format!("{here}/contracts"),
        here,
        vec![
            Field::new(state, lang, "plan_id", Kind::Select, p.get("plan_id"))
                .options(plan_choices)
                .required(),
            Field::new(state, lang, "asset_id", Kind::Select, p.get("asset_id"))
                .options(asset_choices(state, lang, actor, org).await?),
            Field::new(state, lang, "starts_on", Kind::Text, p.get("starts_on"))
                .required()
                .hint(state, lang),
            Field::new(state, lang, "ends_on", Kind::Text, p.get("ends_on")).hint(state, lang),
        ],
    ))
}

/// The organization's name, or the answer when there is none to show.
async fn org_name(
    state: &AppState,
    v: &Visitor,
    actor: &Actor,
    id: &str,
) -> Result<(i64, String), Response> {
    let Some(id) = parse_id(id) else {
        return Err(not_found(state, v));
    };
    match organizations::get(&state.app.db, actor, id).await {
        Ok(o) => Ok((id, o.name)),
        Err(AppError::NotFound(_)) => Err(not_found(state, v)),
        Err(e) => Err(failed(state, v, &e)),
    }
}

fn contract_title(state: &AppState, lang: Language, name: &str) -> String {
    tr(
        state,
        lang,
        "desk-set-new-contract",
        &[("name", name.into())],
    )
}

/// `GET /desk/config/organizations/{id}/contracts`: the form for a new contract.
async fn new(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> Response {
    let (id, name) = match org_name(&state, &v, &agent.actor, &id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    match contract_form(&state, v.lang, &agent.actor, id, &Posted(Vec::new())).await {
        Ok(f) => f.render(
            &state,
            &v,
            contract_title(&state, v.lang, &name),
            StatusCode::OK,
        ),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/organizations/{id}/contracts`: puts the organization or an asset on a
/// plan from a day (a plan change when a contract of the same scope runs then).
async fn create(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    let p = Posted(p);
    if let Some(r) = check_csrf(&state, &v, &p) {
        return r;
    }
    let (id, name) = match org_name(&state, &v, &agent.actor, &id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    // A blank plan is refused by the use case as a missing one, next to the field.
    let input = NewContract {
        organization_id: id,
        plan_id: id_of(p.get("plan_id")).unwrap_or(0),
        asset_id: id_of(p.get("asset_id")),
        starts_on: p.get("starts_on").into(),
        ends_on: p.opt("ends_on"),
    };
    let result = plans::create_contract(&state.app.db, &agent.actor, input).await;
    let form = match contract_form(&state, v.lang, &agent.actor, id, &p).await {
        Ok(f) => f,
        Err(e) => return failed(&state, &v, &e),
    };
    let title = contract_title(&state, v.lang, &name);
    outcome(&state, &v, result, form, title, |_| {
        format!("{ORGS}/{id}?saved=1")
    })
}

/// One of the organization's contracts, or the answer when there is none to show.
async fn contract_of(
    state: &AppState,
    v: &Visitor,
    actor: &Actor,
    org: i64,
    contract: &str,
) -> Result<Contract, Response> {
    let found = match parse_id(contract) {
        Some(cid) => match plans::list_contracts(&state.app.db, actor, org).await {
            Ok(all) => all.into_iter().find(|c| c.id == cid),
            Err(e) => return Err(failed(state, v, &e)),
        },
        None => None,
    };
    found.ok_or_else(|| not_found(state, v))
}

fn end_view(state: &AppState, lang: Language, org: i64, c: &Contract, typed: &str) -> FormView {
    let here = format!("{ORGS}/{org}");
    FormView::new(
        format!("{here}/contracts/{}/end", c.id),
        here,
        vec![
            Field::new(state, lang, "ends_on", Kind::Text, typed)
                .required()
                .hint(state, lang),
        ],
    )
}

fn end_title(state: &AppState, lang: Language, c: &Contract) -> String {
    tr(
        state,
        lang,
        "desk-set-end-contract",
        &[
            ("plan", c.plan_name.as_str().into()),
            ("from", day(lang, &c.starts_on).into()),
        ],
    )
}

/// `GET /desk/config/organizations/{id}/contracts/{contract}/end`: the form for its last day.
async fn end_form(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path((id, contract)): Path<(String, String)>,
) -> Response {
    let (id, _) = match org_name(&state, &v, &agent.actor, &id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let c = match contract_of(&state, &v, &agent.actor, id, &contract).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let typed = c.ends_on.clone().unwrap_or_default();
    end_view(&state, v.lang, id, &c, &typed).render(
        &state,
        &v,
        end_title(&state, v.lang, &c),
        StatusCode::OK,
    )
}

/// `POST /desk/config/organizations/{id}/contracts/{contract}/end`: ends it on the typed day.
async fn end(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path((id, contract)): Path<(String, String)>,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    let p = Posted(p);
    if let Some(r) = check_csrf(&state, &v, &p) {
        return r;
    }
    let (id, _) = match org_name(&state, &v, &agent.actor, &id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let c = match contract_of(&state, &v, &agent.actor, id, &contract).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let e = EndContract {
        ends_on: p.get("ends_on").into(),
    };
    let result = plans::end_contract(&state.app.db, &agent.actor, id, c.id, e).await;
    let form = end_view(&state, v.lang, id, &c, p.get("ends_on"));
    outcome(
        &state,
        &v,
        result,
        form,
        end_title(&state, v.lang, &c),
        |_| format!("{ORGS}/{id}?saved=1"),
    )
}

async fn handover_view(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    org: i64,
    p: &Posted,
) -> Result<FormView, AppError> {
    let here = format!("{ORGS}/{org}");
    Ok(FormView::new(
        format!("{here}/handover"),
        here,
        vec![
            Field::new(
                state,
                lang,
                "handed_over_on",
                Kind::Text,
                p.get("handed_over_on"),
            )
            .required()
            .hint(state, lang),
            Field::new(state, lang, "asset_id", Kind::Select, p.get("asset_id"))
                .options(asset_choices(state, lang, actor, org).await?),
        ],
    ))
}

fn handover_title(state: &AppState, lang: Language, name: &str) -> String {
    tr(
        state,
        lang,
        "desk-set-handover-of",
        &[("name", name.into())],
    )
}

/// `GET /desk/config/organizations/{id}/handover`: the form for the hand-over date.
async fn handover_form(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> Response {
    let (id, name) = match org_name(&state, &v, &agent.actor, &id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    match handover_view(&state, v.lang, &agent.actor, id, &Posted(Vec::new())).await {
        Ok(f) => f.render(
            &state,
            &v,
            handover_title(&state, v.lang, &name),
            StatusCode::OK,
        ),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/organizations/{id}/handover`: records the day (replacing an earlier one
/// of the same scope).
async fn handover(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    let p = Posted(p);
    if let Some(r) = check_csrf(&state, &v, &p) {
        return r;
    }
    let (id, name) = match org_name(&state, &v, &agent.actor, &id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let h = NewHandover {
        handed_over_on: p.get("handed_over_on").into(),
        asset_id: id_of(p.get("asset_id")),
    };
    let result = plans::set_handover(&state.app.db, &agent.actor, id, h).await;
    let form = match handover_view(&state, v.lang, &agent.actor, id, &p).await {
        Ok(f) => f,
        Err(e) => return failed(&state, &v, &e),
    };
    let title = handover_title(&state, v.lang, &name);
    outcome(&state, &v, result, form, title, |_| {
        format!("{ORGS}/{id}?saved=1")
    })
}

/// Adds to an organization's page the hand-over dates and, for administrators, the links to
/// these forms and to each contract's end.
pub async fn add_to_record(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    org: i64,
    assets_of: &[(i64, String)],
    contracts: &mut Table,
    ids: &[i64],
) -> Option<Table> {
    let admin = actor.can(Permission::ManageStaff);
    if admin {
        for (row, cid) in contracts.rows.iter_mut().zip(ids) {
            row.href = Some(format!("{ORGS}/{org}/contracts/{cid}/end"));
        }
        contracts.links.push((
            format!("{ORGS}/{org}/contracts"),
            tr(state, lang, "desk-set-new-contract-link", &[]),
        ));
    }
    let list = plans::handovers(&state.app.db, actor, org).await.ok()?;
    let mut t = Table::new(
        state,
        lang,
        &["desk-cfg-field-handed-over-on", "desk-cfg-field-asset-id"],
    );
    t.title = Some(tr(state, lang, "desk-set-handovers", &[]));
    for h in list {
        let scope = match h.asset_id {
            Some(a) => assets_of
                .iter()
                .find(|(id, _)| *id == a)
                .map_or_else(|| a.to_string(), |(_, s)| s.clone()),
            None => tr(state, lang, "desk-set-whole-organization", &[]),
        };
        t.push(None, vec![day(lang, &h.handed_over_on), scope]);
    }
    if admin {
        t.links.push((
            format!("{ORGS}/{org}/handover"),
            tr(state, lang, "desk-set-handover-link", &[]),
        ));
    }
    Some(t)
}
