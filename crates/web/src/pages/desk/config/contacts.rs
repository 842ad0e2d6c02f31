//! Contacts: the list, one contact with its history, and the form that creates or changes one.

use super::form::{Choice, Field, FormView, Kind, Posted, check_csrf, id_of, languages, outcome};
use super::view::{
    Action, ListView, PageQuery, RecordView, Saved, Table, fact, history, or_dash, pager, parse_id,
    saved,
};
use crate::AppState;
use crate::pages::desk::Staff;
use crate::pages::layout::{failed, not_found, percent_encode, tr};
use crate::pages::portal_url;
use crate::pages::session::Visitor;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form, Router};
use podpora_app::contacts::{self, Contact, ContactPatch, NewContact};
use podpora_app::portal::{self, Invitee};
use podpora_app::{Actor, AppError, Page, organizations};
use podpora_core::Language;
use std::collections::HashMap;

const LIST: &str = "/desk/config/contacts";

/// The contact pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(LIST, get(list).post(create))
        .route("/desk/config/contacts/new", get(new))
        .route("/desk/config/contacts/{id}", get(show).post(save))
        .route("/desk/config/contacts/{id}/edit", get(edit))
        .route("/desk/config/contacts/{id}/invite", post(invite))
}

const ALL: Page = Page {
    page: Some(1),
    per_page: Some(200),
};

/// Organization names by id, for showing and choosing a contact's organization.
async fn org_names(state: &AppState, actor: &Actor) -> Result<HashMap<i64, String>, AppError> {
    Ok(organizations::list(&state.app.db, actor, ALL)
        .await?
        .items
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect())
}

/// `GET /desk/config/contacts`.
async fn list(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Query(pq): Query<PageQuery>,
) -> Response {
    let (people, orgs) = match (
        contacts::list(&state.app.db, &agent.actor, None, pq.page()).await,
        org_names(&state, &agent.actor).await,
    ) {
        (Ok(c), Ok(o)) => (c, o),
        (Err(e), _) | (_, Err(e)) => return failed(&state, &v, &e),
    };
    let mut table = Table::new(
        &state,
        v.lang,
        &[
            "desk-cfg-field-name",
            "desk-cfg-field-organization-id",
            "desk-cfg-field-emails",
        ],
    );
    table.pager = pager(&state, v.lang, LIST, pq.number(), people.total);
    for c in people.items {
        let org = c.organization_id.and_then(|i| orgs.get(&i).cloned());
        table.push(
            Some(format!("{LIST}/{}", c.id)),
            vec![c.name, or_dash(org.as_deref()), c.emails.join(", ")],
        );
    }
    ListView {
        new_href: Some(format!("{LIST}/new")),
        table,
    }
    .render(
        &state,
        &v,
        tr(&state, v.lang, "desk-cfg-contacts", &[]),
        None,
    )
}

/// `GET /desk/config/contacts/{id}`.
async fn show(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
    Query(q): Query<Saved>,
    Query(sent): Query<Invited>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    let db = &state.app.db;
    let c = match contacts::get(db, &agent.actor, id).await {
        Ok(c) => c,
        Err(AppError::NotFound(_)) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    let (changes, orgs) = match (
        contacts::history(db, &agent.actor, id).await,
        org_names(&state, &agent.actor).await,
    ) {
        (Ok(h), Ok(o)) => (h, o),
        (Err(e), _) | (_, Err(e)) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let org = c.organization_id.and_then(|i| orgs.get(&i).cloned());
    let mut record = RecordView::new(
        vec![
            fact(&state, l, "organization_id", or_dash(org.as_deref())),
            fact(&state, l, "language", c.language.as_str()),
            fact(&state, l, "emails", c.emails.join(", ")),
            fact(&state, l, "phones", or_dash(Some(&c.phones.join(", ")))),
        ],
        LIST,
    );
    record.edit_href = Some(format!("{LIST}/{id}/edit"));
    record.history = Some(history(&state, l, changes));
    record.actions.push(Action {
        action: format!("{LIST}/{id}/invite"),
        label: tr(&state, l, "desk-cfg-invite", &[]),
    });
    super::portal_access::add_to_record(&state, l, &agent.actor, id, &mut record).await;
    let notice = match sent.invited {
        Some(to) => Some(tr(&state, l, "desk-cfg-invited", &[("email", to.into())])),
        None => saved(&state, l, &q),
    };
    record.render(&state, &v, c.name, notice)
}

/// The form's values as text.
#[derive(Default)]
struct Typed {
    organization_id: String,
    name: String,
    language: String,
    emails: String,
    phones: String,
}

impl From<&Posted> for Typed {
    fn from(p: &Posted) -> Self {
        Self {
            organization_id: p.get("organization_id").into(),
            name: p.get("name").into(),
            language: p.get("language").into(),
            emails: p.get("emails").into(),
            phones: p.get("phones").into(),
        }
    }
}

impl From<&Contact> for Typed {
    fn from(c: &Contact) -> Self {
        Self {
            organization_id: c.organization_id.map(|i| i.to_string()).unwrap_or_default(),
            name: c.name.clone(),
            language: c.language.as_str().into(),
            emails: c.emails.join("\n"),
            phones: c.phones.join("\n"),
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
    let mut orgs: Vec<(i64, String)> = org_names(state, actor).await?.into_iter().collect();
    orgs.sort_by(|a, b| a.1.cmp(&b.1));
    let mut choices = vec![Choice {
        value: String::new(),
        label: tr(state, lang, "desk-cfg-no-organization", &[]),
    }];
    choices.extend(orgs.into_iter().map(|(id, name)| Choice {
        value: id.to_string(),
        label: name,
    }));
    let fields = vec![
        Field::new(
            state,
            lang,
            "organization_id",
            Kind::Select,
            &t.organization_id,
        )
        .options(choices),
        Field::new(state, lang, "name", Kind::Text, &t.name).required(),
        Field::new(state, lang, "language", Kind::Select, &t.language).options(languages(
            state,
            lang,
            Some("desk-cfg-by-organization"),
        )),
        Field::new(state, lang, "emails", Kind::Textarea, &t.emails)
            .required()
            .hint(state, lang),
        Field::new(state, lang, "phones", Kind::Textarea, &t.phones).hint(state, lang),
    ];
    Ok(FormView::new(action, LIST, fields))
}

/// `GET /desk/config/contacts/new`.
async fn new(State(state): State<AppState>, v: Visitor, Staff(agent): Staff) -> Response {
    match form(&state, v.lang, &agent.actor, LIST, &Typed::default()).await {
        Ok(f) => f.render(
            &state,
            &v,
            tr(&state, v.lang, "desk-cfg-new-contact", &[]),
            StatusCode::OK,
        ),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/contacts`: creates one.
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
    let input = NewContact {
        organization_id: id_of(p.get("organization_id")),
        name: p.get("name").into(),
        language: p.opt("language"),
        emails: p.lines("emails"),
        phones: p.lines("phones"),
    };
    let result = contacts::create(&state.app.db, &agent.actor, input).await;
    let form = match form(&state, v.lang, &agent.actor, LIST, &Typed::from(&p)).await {
        Ok(f) => f,
        Err(e) => return failed(&state, &v, &e),
    };
    let title = tr(&state, v.lang, "desk-cfg-new-contact", &[]);
    outcome(&state, &v, result, form, title, |c| {
        format!("{LIST}/{}?saved=1", c.id)
    })
}

/// `GET /desk/config/contacts/{id}/edit`.
async fn edit(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    let c = match contacts::get(&state.app.db, &agent.actor, id).await {
        Ok(c) => c,
        Err(AppError::NotFound(_)) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    let here = format!("{LIST}/{id}");
    match form(&state, v.lang, &agent.actor, &here, &Typed::from(&c)).await {
        Ok(f) => f.render(&state, &v, c.name, StatusCode::OK),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/contacts/{id}`: changes one.
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
    let patch = ContactPatch {
        organization_id: Some(id_of(p.get("organization_id"))),
        name: Some(p.get("name").into()),
        language: p.opt("language"),
        emails: Some(p.lines("emails")),
        phones: Some(p.lines("phones")),
    };
    let result = contacts::update(&state.app.db, &agent.actor, id, patch).await;
    let here = format!("{LIST}/{id}");
    let form = match form(&state, v.lang, &agent.actor, &here, &Typed::from(&p)).await {
        Ok(f) => f,
        Err(e) => return failed(&state, &v, &e),
    };
    let title = p.get("name").to_string();
    outcome(&state, &v, result, form, title, |_| {
        format!("{here}?saved=1")
    })
}

/// The address an invitation went to, shown after the redirect.
#[derive(serde::Deserialize)]
struct Invited {
    invited: Option<String>,
}

/// `POST /desk/config/contacts/{id}/invite`: mails the contact a one-time link to set a portal
/// password, as `POST /api/v1/contacts/{id}/invite` does.
async fn invite(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    headers: HeaderMap,
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
    let url = portal_url(&v.settings, &headers);
    match portal::invite(&state.app, &agent.actor, Invitee::Contact(id), &url).await {
        Ok(email) => {
            Redirect::to(&format!("{LIST}/{id}?invited={}", percent_encode(&email))).into_response()
        }
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(AppError::Forbidden(_)) => crate::pages::desk::guard::refused(&state, &v),
        Err(e @ AppError::Validation(_)) => {
            tracing::info!(error = %e, "invitation refused");
            crate::pages::layout::message(
                &state,
                &v,
                StatusCode::UNPROCESSABLE_ENTITY,
                "desk-cfg-invite",
                "desk-cfg-invite-refused",
            )
        }
        Err(e) => failed(&state, &v, &e),
    }
}
