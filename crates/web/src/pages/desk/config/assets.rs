//! Assets and who may ask about them: the list (all, or one organization's), one asset with
//! the contacts holding rights to it and its history, the form that creates or changes one, and
//! granting or revoking a contact's right — through the same use cases as `/api/v1/assets`.

use super::form::{Choice, Field, FormView, Kind, Posted, check_csrf, id_of, outcome};
use super::view::{
    Action, ListView, PageQuery, RecordView, Saved, Table, fact, history, or_dash, pager, parse_id,
    saved,
};
use crate::AppState;
use crate::pages::desk::Staff;
use crate::pages::layout::{failed, not_found, tr};
use crate::pages::session::Visitor;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use podpora_app::assets::{self, Asset, AssetPatch, NewAsset};
use podpora_app::{Actor, AppError, Page, contacts, organizations};
use podpora_core::Language;
use std::collections::HashMap;

const LIST: &str = "/desk/config/assets";

/// The asset pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(LIST, get(list).post(create))
        .route("/desk/config/assets/new", get(new))
        .route("/desk/config/assets/{id}", get(show).post(save))
        .route("/desk/config/assets/{id}/edit", get(edit))
        .route(
            "/desk/config/assets/{id}/rights",
            get(grant_form).post(grant),
        )
        .route(
            "/desk/config/assets/{id}/rights/{contact}/revoke",
            post(revoke),
        )
}

const ALL: Page = Page {
    page: Some(1),
    per_page: Some(200),
};

/// Which organization's assets a list shows.
#[derive(serde::Deserialize, Default)]
struct OfOrganization {
    organization: Option<String>,
}

impl OfOrganization {
    fn id(&self) -> Option<i64> {
        self.organization.as_deref().and_then(parse_id)
    }
}

/// Organization names by id.
async fn org_names(state: &AppState, actor: &Actor) -> Result<HashMap<i64, String>, AppError> {
    Ok(organizations::list(&state.app.db, actor, ALL)
        .await?
        .items
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

/// `GET /desk/config/assets[?organization=…]`: a page of assets, one organization's when asked.
async fn list(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Query(of): Query<OfOrganization>,
    Query(pq): Query<PageQuery>,
) -> Response {
    let org = of.id();
    let db = &state.app.db;
    let (things, orgs) = match (
        assets::list(db, &agent.actor, org, pq.page()).await,
        org_names(&state, &agent.actor).await,
    ) {
        (Ok(a), Ok(o)) => (a, o),
        (Err(e), _) | (_, Err(e)) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let mut table = Table::new(
        &state,
        l,
        &[
            "desk-cfg-col-identifier",
            "desk-cfg-col-asset-kind",
            "desk-cfg-field-name",
            "desk-cfg-field-organization-id",
            "desk-cfg-col-may-ask",
        ],
    );
    let base = match org {
        Some(o) => format!("{LIST}?organization={o}"),
        None => LIST.to_string(),
    };
    table.pager = pager(&state, l, &base, pq.number(), things.total);
    for a in things.items {
        table.push(
            Some(format!("{LIST}/{}", a.id)),
            vec![
                a.identifier,
                a.kind,
                a.name,
                or_dash(orgs.get(&a.organization_id).map(String::as_str)),
                a.contact_ids.len().to_string(),
            ],
        );
    }
    let title = match org.and_then(|o| orgs.get(&o)) {
        Some(name) => tr(
            &state,
            l,
            "desk-set-assets-of",
            &[("name", name.as_str().into())],
        ),
        None => tr(&state, l, "desk-cfg-assets", &[]),
    };
    if let Some(o) = org {
        table.links.push((
            format!("/desk/config/organizations/{o}"),
            tr(&state, l, "desk-set-to-organization", &[]),
        ));
    }
    ListView {
        new_href: Some(match org {
            Some(o) => format!("{LIST}/new?organization={o}"),
            None => format!("{LIST}/new"),
        }),
        table,
    }
    .render(&state, &v, title, None)
}

/// `GET /desk/config/assets/{id}`: the asset, who may ask about it, its history.
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
    let db = &state.app.db;
    let a = match assets::get(db, &agent.actor, id).await {
        Ok(a) => a,
        Err(AppError::NotFound(_)) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    let (people, org, changes) = match (
        contacts::list(db, &agent.actor, Some(a.organization_id), ALL).await,
        organizations::get(db, &agent.actor, a.organization_id).await,
        assets::history(db, &agent.actor, id).await,
    ) {
        (Ok(c), Ok(o), Ok(h)) => (c.items, o, h),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let mut record = RecordView::new(
        vec![
            fact(&state, l, "organization_id", org.name.clone()),
            fact(&state, l, "kind", a.kind.clone()),
            fact(&state, l, "identifier", a.identifier.clone()),
        ],
        format!("{LIST}?organization={}", a.organization_id),
    );
    record.edit_href = Some(format!("{LIST}/{id}/edit"));
    let mut t = Table::new(&state, l, &["desk-cfg-field-name", "desk-cfg-field-emails"]);
    t.title = Some(tr(&state, l, "desk-cfg-col-may-ask", &[]));
    t.empty = tr(&state, l, "desk-set-nobody-may-ask", &[]);
    for c in people.iter().filter(|c| a.contact_ids.contains(&c.id)) {
        t.push(
            Some(format!("/desk/config/contacts/{}", c.id)),
            vec![c.name.clone(), c.emails.join(", ")],
        );
        record.actions.push(Action {
            action: format!("{LIST}/{id}/rights/{}/revoke", c.id),
            label: tr(
                &state,
                l,
                "desk-set-revoke-right",
                &[("name", c.name.as_str().into())],
            ),
        });
    }
    t.links.push((
        format!("{LIST}/{id}/rights"),
        tr(&state, l, "desk-set-grant-right", &[]),
    ));
    record.tables.push(t);
    record.history = Some(history(&state, l, changes));
    record.render(&state, &v, a.name, saved(&state, l, &q))
}

/// The form's values as text.
#[derive(Default)]
struct Typed {
    organization_id: String,
    kind: String,
    identifier: String,
    name: String,
}

impl From<&Posted> for Typed {
    fn from(p: &Posted) -> Self {
        Self {
            organization_id: p.get("organization_id").into(),
            kind: p.get("kind").into(),
            identifier: p.get("identifier").into(),
            name: p.get("name").into(),
        }
    }
}

impl From<&Asset> for Typed {
    fn from(a: &Asset) -> Self {
        Self {
            organization_id: a.organization_id.to_string(),
            kind: a.kind.clone(),
            identifier: a.identifier.clone(),
            name: a.name.clone(),
        }
    }
}

/// The form; the organization is chosen only when the asset is new.
async fn form(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    action: &str,
    back: &str,
    t: &Typed,
    new: bool,
) -> Result<FormView, AppError> {
    let mut fields = Vec::new();
    if new {
        let mut orgs: Vec<(i64, String)> = org_names(state, actor).await?.into_iter().collect();
        orgs.sort_by(|a, b| a.1.cmp(&b.1));
        let mut choices = vec![Choice {
            value: String::new(),
            label: tr(state, lang, "desk-set-choose", &[]),
        }];
        choices.extend(orgs.into_iter().map(|(id, name)| Choice {
            value: id.to_string(),
            label: name,
        }));
        fields.push(
            Field::new(
                state,
                lang,
                "organization_id",
                Kind::Select,
                &t.organization_id,
            )
            .options(choices)
            .required(),
        );
    }
    fields.push(
        Field::new(state, lang, "kind", Kind::Text, &t.kind)
            .required()
            .hint(state, lang),
    );
    fields.push(
        Field::new(state, lang, "identifier", Kind::Text, &t.identifier)
            .required()
            .hint(state, lang),
    );
    let name = Field::new(state, lang, "name", Kind::Text, &t.name);
    fields.push(if new {
        name.hint(state, lang)
    } else {
        name.required()
    });
    Ok(FormView::new(action, back, fields))
}

fn new_title(state: &AppState, lang: Language) -> String {
    tr(state, lang, "desk-set-new-asset", &[])
}

/// `GET /desk/config/assets/new[?organization=…]`.
async fn new(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Query(of): Query<OfOrganization>,
) -> Response {
    let typed = Typed {
        organization_id: of.id().map(|o| o.to_string()).unwrap_or_default(),
        ..Typed::default()
    };
    match form(&state, v.lang, &agent.actor, LIST, LIST, &typed, true).await {
        Ok(f) => f.render(&state, &v, new_title(&state, v.lang), StatusCode::OK),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/assets`: creates one.
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
    // A blank organization is refused by the use case as a missing one, next to the field.
    let input = NewAsset {
        organization_id: id_of(p.get("organization_id")).unwrap_or(0),
        kind: p.get("kind").into(),
        identifier: p.get("identifier").into(),
        name: p.opt("name"),
        contact_ids: Vec::new(),
    };
    let result = assets::create(&state.app.db, &agent.actor, input).await;
    let t = Typed::from(&p);
    let form = match form(&state, v.lang, &agent.actor, LIST, LIST, &t, true).await {
        Ok(f) => f,
        Err(e) => return failed(&state, &v, &e),
    };
    outcome(&state, &v, result, form, new_title(&state, v.lang), |a| {
        format!("{LIST}/{}?saved=1", a.id)
    })
}

/// `GET /desk/config/assets/{id}/edit`.
async fn edit(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    let a = match assets::get(&state.app.db, &agent.actor, id).await {
        Ok(a) => a,
        Err(AppError::NotFound(_)) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    let here = format!("{LIST}/{id}");
    match form(
        &state,
        v.lang,
        &agent.actor,
        &here,
        &here,
        &Typed::from(&a),
        false,
    )
    .await
    {
        Ok(f) => f.render(&state, &v, a.name, StatusCode::OK),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/assets/{id}`: changes one.
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
    let patch = AssetPatch {
        kind: Some(p.get("kind").into()),
        identifier: Some(p.get("identifier").into()),
        name: Some(p.get("name").into()),
    };
    let result = assets::update(&state.app.db, &agent.actor, id, patch).await;
    let here = format!("{LIST}/{id}");
    let t = Typed::from(&p);
    let form = match form(&state, v.lang, &agent.actor, &here, &here, &t, false).await {
        Ok(f) => f,
        Err(e) => return failed(&state, &v, &e),
    };
    let title = p.get("name").to_string();
    outcome(&state, &v, result, form, title, |_| {
        format!("{here}?saved=1")
    })
}

/// The grant form: the organization's contacts who may not ask about the asset yet.
async fn rights_form(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    a: &Asset,
    chosen: &str,
) -> Result<FormView, AppError> {
    let people = contacts::list(&state.app.db, actor, Some(a.organization_id), ALL).await?;
    let mut choices = vec![Choice {
        value: String::new(),
        label: tr(state, lang, "desk-set-choose", &[]),
    }];
    choices.extend(
        people
            .items
            .into_iter()
            .filter(|c| !a.contact_ids.contains(&c.id))
            .map(|c| Choice {
                value: c.id.to_string(),
                label: format!("{} ({})", c.name, c.emails.join(", ")),
            }),
    );
    let here = format!("{LIST}/{}", a.id);
    Ok(FormView::new(
        format!("{here}/rights"),
        here,
        vec![
            Field::new(state, lang, "contact_id", Kind::Select, chosen)
                .options(choices)
                .required(),
        ],
    ))
}

fn grant_title(state: &AppState, lang: Language, a: &Asset) -> String {
    tr(
        state,
        lang,
        "desk-set-grant-title",
        &[("name", a.name.as_str().into())],
    )
}

/// `GET /desk/config/assets/{id}/rights`: the form that gives a contact the right to ask.
async fn grant_form(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    let a = match assets::get(&state.app.db, &agent.actor, id).await {
        Ok(a) => a,
        Err(AppError::NotFound(_)) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    match rights_form(&state, v.lang, &agent.actor, &a, "").await {
        Ok(f) => f.render(&state, &v, grant_title(&state, v.lang, &a), StatusCode::OK),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/assets/{id}/rights`: gives the chosen contact the right to ask.
async fn grant(
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
    let db = &state.app.db;
    let a = match assets::get(db, &agent.actor, id).await {
        Ok(a) => a,
        Err(AppError::NotFound(_)) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    // A blank choice is refused by the use case as a missing contact, next to the field.
    let contact = id_of(p.get("contact_id")).unwrap_or(0);
    let result = assets::grant(db, &agent.actor, id, contact).await;
    let form = match rights_form(&state, v.lang, &agent.actor, &a, p.get("contact_id")).await {
        Ok(f) => f,
        Err(e) => return failed(&state, &v, &e),
    };
    let title = grant_title(&state, v.lang, &a);
    outcome(&state, &v, result, form, title, |_| {
        format!("{LIST}/{id}?saved=1")
    })
}

/// `POST /desk/config/assets/{id}/rights/{contact}/revoke`: takes the contact's right away.
async fn revoke(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path((id, contact)): Path<(String, String)>,
    Form(p): Form<Vec<(String, String)>>,
) -> Response {
    let (Some(id), Some(contact)) = (parse_id(&id), parse_id(&contact)) else {
        return not_found(&state, &v);
    };
    let p = Posted(p);
    if let Some(r) = check_csrf(&state, &v, &p) {
        return r;
    }
    match assets::revoke(&state.app.db, &agent.actor, id, contact).await {
        Ok(_) => axum::response::IntoResponse::into_response(axum::response::Redirect::to(
            &format!("{LIST}/{id}?saved=1"),
        )),
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(AppError::Forbidden(_)) => crate::pages::desk::guard::refused(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}
