//! Organizations: the list, one organization with its contacts and history, and the form that
//! creates or changes one (company ids checked by the same use case as the API's).

use super::form::{Choice, Field, FormView, Kind, Posted, check_csrf, languages, outcome};
use super::view::{
    ListView, PageQuery, RecordView, Saved, Table, fact, history, or_dash, pager, parse_id, saved,
};
use crate::AppState;
use crate::pages::desk::Staff;
use crate::pages::layout::{day, failed, not_found, tr};
use crate::pages::session::Visitor;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use podpora_app::organizations::{self, NewOrganization, Organization, OrganizationPatch};
use podpora_app::{AppError, Page, assets, contacts, plans};
use podpora_core::Language;

const LIST: &str = "/desk/config/organizations";

/// The organization pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(LIST, get(list).post(create))
        .route("/desk/config/organizations/new", get(new))
        .route("/desk/config/organizations/{id}", get(show).post(save))
        .route("/desk/config/organizations/{id}/edit", get(edit))
}

const ALL: Page = Page {
    page: Some(1),
    per_page: Some(200),
};

/// `GET /desk/config/organizations`.
async fn list(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Query(pq): Query<PageQuery>,
) -> Response {
    let orgs = match organizations::list(&state.app.db, &agent.actor, pq.page()).await {
        Ok(o) => o,
        Err(e) => return failed(&state, &v, &e),
    };
    let mut table = Table::new(
        &state,
        v.lang,
        &[
            "desk-cfg-field-name",
            "desk-cfg-field-country",
            "desk-cfg-field-ico",
            "desk-cfg-field-nip",
            "desk-cfg-field-vat-id",
        ],
    );
    table.pager = pager(&state, v.lang, LIST, pq.number(), orgs.total);
    for o in orgs.items {
        table.push(
            Some(format!("{LIST}/{}", o.id)),
            vec![
                o.name,
                o.country,
                or_dash(o.ico.as_deref()),
                or_dash(o.nip.as_deref()),
                or_dash(o.vat_id.as_deref()),
            ],
        );
    }
    ListView {
        new_href: Some(format!("{LIST}/new")),
        table,
    }
    .render(
        &state,
        &v,
        tr(&state, v.lang, "desk-cfg-organizations", &[]),
        None,
    )
}

/// `GET /desk/config/organizations/{id}`.
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
    let o = match organizations::get(db, &agent.actor, id).await {
        Ok(o) => o,
        Err(AppError::NotFound(_)) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    let people = match contacts::list(db, &agent.actor, Some(id), ALL).await {
        Ok(c) => c.items,
        Err(e) => return failed(&state, &v, &e),
    };
    let (things, deals, changes) = match (
        assets::list(db, &agent.actor, Some(id), ALL).await,
        plans::list_contracts(db, &agent.actor, id).await,
        organizations::history(db, &agent.actor, id).await,
    ) {
        (Ok(a), Ok(c), Ok(h)) => (a.items, c, h),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let mut record = RecordView::new(
        vec![
            fact(&state, l, "country", o.country.clone()),
            fact(&state, l, "language", o.language.as_str()),
            fact(&state, l, "price_level", o.price_level.clone()),
            fact(&state, l, "ico", or_dash(o.ico.as_deref())),
            fact(&state, l, "nip", or_dash(o.nip.as_deref())),
            fact(&state, l, "regon", or_dash(o.regon.as_deref())),
            fact(&state, l, "vat_id", or_dash(o.vat_id.as_deref())),
            fact(&state, l, "address", or_dash(o.address.as_deref())),
            fact(
                &state,
                l,
                "billing_email",
                or_dash(o.billing_email.as_deref()),
            ),
        ],
        LIST,
    );
    record.edit_href = Some(format!("{LIST}/{id}/edit"));
    let mut t = Table::new(&state, l, &["desk-cfg-field-name", "desk-cfg-field-emails"]);
    t.title = Some(tr(&state, l, "desk-cfg-contacts", &[]));
    let name_of = |cid: i64| {
        people
            .iter()
            .find(|c| c.id == cid)
            .map_or_else(|| cid.to_string(), |c| c.name.clone())
    };
    let mut a = Table::new(
        &state,
        l,
        &[
            "desk-cfg-col-identifier",
            "desk-cfg-col-asset-kind",
            "desk-cfg-field-name",
            "desk-cfg-col-may-ask",
        ],
    );
    a.title = Some(tr(&state, l, "desk-cfg-assets", &[]));
    for x in &things {
        let who: Vec<String> = x.contact_ids.iter().map(|c| name_of(*c)).collect();
        a.push(
            None,
            vec![
                x.identifier.clone(),
                x.kind.clone(),
                or_dash(Some(&x.name)),
                or_dash(Some(&who.join(", "))),
            ],
        );
    }
    let mut k = Table::new(
        &state,
        l,
        &[
            "desk-cfg-col-plan",
            "desk-cfg-col-starts",
            "desk-cfg-col-ends",
            "desk-cfg-col-identifier",
        ],
    );
    k.title = Some(tr(&state, l, "desk-cfg-contracts", &[]));
    let deal_ids: Vec<i64> = deals.iter().map(|c| c.id).collect();
    for c in deals {
        let asset = c
            .asset_id
            .and_then(|aid| things.iter().find(|x| x.id == aid))
            .map(|x| x.identifier.clone());
        k.push(
            None,
            vec![
                c.plan_name,
                day(l, &c.starts_on),
                c.ends_on
                    .as_deref()
                    .map_or_else(|| "–".into(), |d| day(l, d)),
                or_dash(asset.as_deref()),
            ],
        );
    }
    for c in &people {
        t.push(
            Some(format!("/desk/config/contacts/{}", c.id)),
            vec![c.name.clone(), c.emails.join(", ")],
        );
    }
    let admin = agent.actor.can(podpora_core::auth::Permission::ManageStaff);
    if admin {
        for (row, x) in a.rows.iter_mut().zip(&things) {
            row.href = Some(format!("/desk/config/assets/{}", x.id));
        }
        a.links.push((
            format!("/desk/config/assets?organization={id}"),
            tr(&state, l, "desk-set-assets-link", &[]),
        ));
    }
    let labels: Vec<(i64, String)> = things
        .iter()
        .map(|x| (x.id, x.identifier.clone()))
        .collect();
    let handovers =
        super::contracts::add_to_record(&state, l, &agent.actor, id, &labels, &mut k, &deal_ids)
            .await;
    record.tables.push(t);
    record.tables.push(a);
    record.tables.push(k);
    record.tables.extend(handovers);
    record.history = Some(history(&state, l, changes));
    record.render(&state, &v, o.name, saved(&state, l, &q))
}

/// The form's fields, filled from `o` or from what was posted.
fn fields(state: &AppState, lang: Language, o: &Typed) -> Vec<Field> {
    let countries = ["SK", "CZ", "PL", "AT", "DE", "HU"]
        .into_iter()
        .map(Choice::plain)
        .collect();
    vec![
        Field::new(state, lang, "name", Kind::Text, &o.name).required(),
        Field::new(state, lang, "country", Kind::Select, &o.country)
            .options(countries)
            .required(),
        Field::new(state, lang, "language", Kind::Select, &o.language).options(languages(
            state,
            lang,
            Some("desk-cfg-by-country"),
        )),
        Field::new(state, lang, "price_level", Kind::Text, &o.price_level),
        Field::new(state, lang, "ico", Kind::Text, &o.ico).hint(state, lang),
        Field::new(state, lang, "nip", Kind::Text, &o.nip).hint(state, lang),
        Field::new(state, lang, "regon", Kind::Text, &o.regon),
        Field::new(state, lang, "vat_id", Kind::Text, &o.vat_id).hint(state, lang),
        Field::new(state, lang, "address", Kind::Textarea, &o.address),
        Field::new(state, lang, "billing_email", Kind::Text, &o.billing_email),
    ]
}

/// The form's values as text.
#[derive(Default)]
struct Typed {
    name: String,
    country: String,
    language: String,
    price_level: String,
    ico: String,
    nip: String,
    regon: String,
    vat_id: String,
    address: String,
    billing_email: String,
}

impl From<&Posted> for Typed {
    fn from(p: &Posted) -> Self {
        Self {
            name: p.get("name").into(),
            country: p.get("country").into(),
            language: p.get("language").into(),
            price_level: p.get("price_level").into(),
            ico: p.get("ico").into(),
            nip: p.get("nip").into(),
            regon: p.get("regon").into(),
            vat_id: p.get("vat_id").into(),
            address: p.get("address").into(),
            billing_email: p.get("billing_email").into(),
        }
    }
}

impl From<&Organization> for Typed {
    fn from(o: &Organization) -> Self {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        Self {
            name: o.name.clone(),
            country: o.country.clone(),
            language: o.language.as_str().into(),
            price_level: o.price_level.clone(),
            ico: s(&o.ico),
            nip: s(&o.nip),
            regon: s(&o.regon),
            vat_id: s(&o.vat_id),
            address: s(&o.address),
            billing_email: s(&o.billing_email),
        }
    }
}

fn new_title(state: &AppState, lang: Language) -> String {
    tr(state, lang, "desk-cfg-new-organization", &[])
}

/// `GET /desk/config/organizations/new`.
async fn new(State(state): State<AppState>, v: Visitor) -> Response {
    let typed = Typed {
        country: "SK".into(),
        price_level: "standard".into(),
        ..Typed::default()
    };
    FormView::new(LIST, LIST, fields(&state, v.lang, &typed)).render(
        &state,
        &v,
        new_title(&state, v.lang),
        axum::http::StatusCode::OK,
    )
}

/// `POST /desk/config/organizations`: creates one.
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
    let input = NewOrganization {
        name: p.get("name").into(),
        country: p.get("country").into(),
        language: p.opt("language"),
        price_level: p.opt("price_level"),
        ico: p.opt("ico"),
        nip: p.opt("nip"),
        regon: p.opt("regon"),
        vat_id: p.opt("vat_id"),
        address: p.opt("address"),
        billing_email: p.opt("billing_email"),
    };
    let result = organizations::create(&state.app.db, &agent.actor, input).await;
    let form = FormView::new(LIST, LIST, fields(&state, v.lang, &Typed::from(&p)));
    outcome(&state, &v, result, form, new_title(&state, v.lang), |o| {
        format!("{LIST}/{}?saved=1", o.id)
    })
}

/// `GET /desk/config/organizations/{id}/edit`.
async fn edit(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    match organizations::get(&state.app.db, &agent.actor, id).await {
        Ok(o) => {
            let here = format!("{LIST}/{id}");
            FormView::new(&here, &here, fields(&state, v.lang, &Typed::from(&o))).render(
                &state,
                &v,
                o.name,
                axum::http::StatusCode::OK,
            )
        }
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/organizations/{id}`: changes one; a field left blank is cleared.
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
    let patch = OrganizationPatch {
        name: Some(p.get("name").into()),
        country: Some(p.get("country").into()),
        language: p.opt("language"),
        price_level: Some(p.get("price_level").into()),
        ico: Some(p.opt("ico")),
        nip: Some(p.opt("nip")),
        regon: Some(p.opt("regon")),
        vat_id: Some(p.opt("vat_id")),
        address: Some(p.opt("address")),
    };
    let update = organizations::OrganizationUpdate {
        patch,
        billing_email: Some(p.opt("billing_email")),
    };
    let result = organizations::update_with_billing(&state.app.db, &agent.actor, id, update).await;
    let here = format!("{LIST}/{id}");
    let form = FormView::new(&here, &here, fields(&state, v.lang, &Typed::from(&p)));
    let title = p.get("name").to_string();
    outcome(&state, &v, result, form, title, |_| {
        format!("{here}?saved=1")
    })
}
