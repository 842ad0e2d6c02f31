//! Business calendars: the list, one calendar with a preview of a year's days off (public
//! holidays from the calendar crate's rules, company closures, extra working days), and the
//! form that creates or changes one (a change recomputes running clocks, as in the API).

use super::form::{Choice, Field, FormView, Kind, Posted, check_csrf, outcome};
use super::view::{ListView, RecordView, Saved, Table, fact, or_dash, parse_id, saved};
use crate::AppState;
use crate::pages::desk::Staff;
use crate::pages::layout::{day, failed, not_found, tr};
use crate::pages::session::Visitor;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use podpora_app::AppError;
use podpora_app::sla::{self, Calendar, NewCalendar};
use podpora_calendar::{Country, holidays};
use podpora_core::Language;
use serde::Deserialize;

const LIST: &str = "/desk/config/calendars";

/// The calendar pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(LIST, get(list).post(create))
        .route("/desk/config/calendars/new", get(new))
        .route("/desk/config/calendars/{id}", get(show).post(save))
        .route("/desk/config/calendars/{id}/edit", get(edit))
}

/// `GET /desk/config/calendars`.
async fn list(State(state): State<AppState>, v: Visitor, Staff(agent): Staff) -> Response {
    let cals = match sla::list_calendars(&state.app.db, &agent.actor).await {
        Ok(c) => c,
        Err(e) => return failed(&state, &v, &e),
    };
    let mut table = Table::new(
        &state,
        v.lang,
        &[
            "desk-cfg-field-name",
            "desk-cfg-field-time-zone",
            "desk-cfg-field-hours",
            "desk-cfg-field-holidays",
        ],
    );
    for c in cals {
        table.push(
            Some(format!("{LIST}/{}", c.id)),
            vec![c.name, c.time_zone, c.hours, or_dash(c.holidays.as_deref())],
        );
    }
    ListView {
        new_href: Some(format!("{LIST}/new")),
        table,
    }
    .render(
        &state,
        &v,
        tr(&state, v.lang, "desk-cfg-calendars", &[]),
        None,
    )
}

async fn find(
    state: &AppState,
    agent: &podpora_app::desk::StaffSession,
    id: i64,
) -> Result<Option<Calendar>, AppError> {
    Ok(sla::list_calendars(&state.app.db, &agent.actor)
        .await?
        .into_iter()
        .find(|c| c.id == id))
}

/// Which year the preview shows.
#[derive(Deserialize)]
struct Year {
    year: Option<i16>,
}

/// One day of the preview: the date, what it is called, and what kind of day it is.
struct PreviewDay {
    date: jiff::civil::Date,
    name: String,
    kind: &'static str,
}

/// The year's days off of `c` and its extra working days, by date: the country's public
/// holidays (and the holidays on which people work, so a reader sees why they are open),
/// company closures and extra working days.
fn preview(c: &Calendar, year: i16, lang: Language) -> Vec<PreviewDay> {
    let mut out = Vec::new();
    if let Some(country) = c
        .holidays
        .as_deref()
        .and_then(|h| h.parse::<Country>().ok())
    {
        let local = matches!(
            (country, lang),
            (Country::SK, Language::Sk) | (Country::CZ, Language::Cs) | (Country::PL, Language::Pl)
        );
        for h in holidays(country, year) {
            out.push(PreviewDay {
                date: h.date,
                name: if local { h.name_local } else { h.name_en }.to_string(),
                kind: if h.day_off {
                    "desk-cfg-day-holiday"
                } else {
                    "desk-cfg-day-working-holiday"
                },
            });
        }
    }
    let dates = |list: &[String], kind: &'static str| {
        list.iter()
            .filter_map(|d| d.parse::<jiff::civil::Date>().ok())
            .filter(|d| d.year() == year)
            .map(|date| PreviewDay {
                date,
                name: String::new(),
                kind,
            })
            .collect::<Vec<_>>()
    };
    out.extend(dates(&c.closures, "desk-cfg-day-closure"));
    out.extend(dates(&c.extra_working_days, "desk-cfg-day-extra-working"));
    out.sort_by_key(|d| d.date);
    out
}

/// `GET /desk/config/calendars/{id}?year=2026`.
async fn show(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
    Query(q): Query<Saved>,
    Query(y): Query<Year>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    let c = match find(&state, &agent, id).await {
        Ok(Some(c)) => c,
        Ok(None) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    let l = v.lang;
    let zone = jiff::tz::TimeZone::get(&c.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let year = y
        .year
        .filter(|y| (1990..=2100).contains(y))
        .unwrap_or_else(|| jiff::Timestamp::now().to_zoned(zone).year());
    let mut record = RecordView::new(
        vec![
            fact(&state, l, "time_zone", c.time_zone.clone()),
            fact(&state, l, "hours", c.hours.clone()),
            fact(&state, l, "holidays", or_dash(c.holidays.as_deref())),
            fact(&state, l, "closures", or_dash(Some(&c.closures.join(", ")))),
            fact(
                &state,
                l,
                "extra_working_days",
                or_dash(Some(&c.extra_working_days.join(", "))),
            ),
        ],
        LIST,
    );
    record.edit_href = Some(format!("{LIST}/{id}/edit"));
    let mut t = Table::new(
        &state,
        l,
        &[
            "desk-cfg-col-date",
            "desk-cfg-field-name",
            "desk-cfg-col-kind",
        ],
    );
    t.title = Some(tr(
        &state,
        l,
        "desk-cfg-days-off",
        &[("year", year.to_string().into())],
    ));
    for d in preview(&c, year, l) {
        t.push(
            None,
            vec![
                day(l, &d.date.to_string()),
                d.name,
                tr(&state, l, d.kind, &[]),
            ],
        );
    }
    record.tables.push(t);
    record.links = vec![
        (
            format!("{LIST}/{id}?year={}", year - 1),
            (year - 1).to_string(),
        ),
        (
            format!("{LIST}/{id}?year={}", year + 1),
            (year + 1).to_string(),
        ),
    ];
    record.render(&state, &v, c.name, saved(&state, l, &q))
}

/// The form's fields with the values as typed.
fn form(state: &AppState, lang: Language, action: String, p: &Posted) -> FormView {
    let mut countries = vec![Choice {
        value: String::new(),
        label: tr(state, lang, "desk-cfg-no-holidays", &[]),
    }];
    countries.extend(["SK", "CZ", "PL"].into_iter().map(Choice::plain));
    let fields = vec![
        Field::new(state, lang, "name", Kind::Text, p.get("name")).required(),
        Field::new(state, lang, "time_zone", Kind::Text, p.get("time_zone")).required(),
        Field::new(state, lang, "hours", Kind::Text, p.get("hours"))
            .required()
            .hint(state, lang),
        Field::new(state, lang, "holidays", Kind::Select, p.get("holidays")).options(countries),
        Field::new(state, lang, "closures", Kind::Textarea, p.get("closures")).hint(state, lang),
        Field::new(
            state,
            lang,
            "extra_working_days",
            Kind::Textarea,
            p.get("extra_working_days"),
        )
        .hint(state, lang),
    ];
    FormView::new(action, LIST, fields)
}

fn typed(c: &Calendar) -> Posted {
    Posted(vec![
        ("name".into(), c.name.clone()),
        ("time_zone".into(), c.time_zone.clone()),
        ("hours".into(), c.hours.clone()),
        ("holidays".into(), c.holidays.clone().unwrap_or_default()),
        ("closures".into(), c.closures.join("\n")),
        ("extra_working_days".into(), c.extra_working_days.join("\n")),
    ])
}

fn input(p: &Posted) -> NewCalendar {
    let dates = |name: &str| {
        p.get(name)
            .split([',', '\n', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    NewCalendar {
        name: p.get("name").into(),
        time_zone: p.get("time_zone").trim().into(),
        hours: p.get("hours").into(),
        holidays: p.opt("holidays"),
        closures: dates("closures"),
        extra_working_days: dates("extra_working_days"),
    }
}

/// `GET /desk/config/calendars/new`.
async fn new(State(state): State<AppState>, v: Visitor) -> Response {
    let blank = Posted(vec![
        ("time_zone".into(), "Europe/Bratislava".into()),
        ("hours".into(), "mon-fri 08:00-16:00".into()),
        ("holidays".into(), "SK".into()),
    ]);
    form(&state, v.lang, LIST.into(), &blank).render(
        &state,
        &v,
        tr(&state, v.lang, "desk-cfg-new-calendar", &[]),
        StatusCode::OK,
    )
}

/// `POST /desk/config/calendars`: creates one.
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
    let result = sla::create_calendar(&state.app.db, &agent.actor, input(&p)).await;
    let f = form(&state, v.lang, LIST.into(), &p);
    let title = tr(&state, v.lang, "desk-cfg-new-calendar", &[]);
    outcome(&state, &v, result, f, title, |c| {
        format!("{LIST}/{}?saved=1", c.id)
    })
}

/// `GET /desk/config/calendars/{id}/edit`.
async fn edit(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(id): Path<String>,
) -> Response {
    let Some(id) = parse_id(&id) else {
        return not_found(&state, &v);
    };
    match find(&state, &agent, id).await {
        Ok(Some(c)) => form(&state, v.lang, format!("{LIST}/{id}"), &typed(&c)).render(
            &state,
            &v,
            c.name.clone(),
            StatusCode::OK,
        ),
        Ok(None) => not_found(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `POST /desk/config/calendars/{id}`: changes one and recomputes its running clocks.
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
    let result = sla::update_calendar(&state.app, &agent.actor, id, input(&p)).await;
    let here = format!("{LIST}/{id}");
    let f = form(&state, v.lang, here.clone(), &p);
    let title = p.get("name").to_string();
    outcome(&state, &v, result, f, title, |_| format!("{here}?saved=1"))
}
