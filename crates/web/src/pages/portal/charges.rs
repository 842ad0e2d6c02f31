//! What a customer is charged: the charge preview on a request's page and the month's service
//! time on the plan page. Both read the billing use cases as the customer, which limit them to
//! the customer's own organization; without a price list there is nothing to show. Offers of
//! paid work are listed on the request's page and accepted there.

use crate::AppState;
use crate::pages::layout::{csrf_refused, money, not_found, tr, when};
use crate::pages::session::Visitor;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use podpora_app::{Actor, AppError, billing};
use podpora_core::Language;
use podpora_render::Arg;
use serde::Serialize;

/// One charge line as the page shows it.
#[derive(Serialize)]
pub(super) struct LineView {
    item: String,
    quantity: String,
    rate: String,
    discount: String,
    net: String,
}

/// A request's charges.
#[derive(Serialize)]
pub(super) struct ChargesView {
    lines: Vec<LineView>,
    covered: Vec<String>,
    unrated: bool,
    held: bool,
    net: String,
    vat: Vec<String>,
    total: String,
}

/// A month's service time.
#[derive(Serialize)]
pub(super) struct UsageView {
    month: String,
    pools: Vec<PoolView>,
    prepaid: Option<String>,
    prepaid_low: bool,
    billed: String,
}

#[derive(Serialize)]
struct PoolView {
    kind: String,
    included: u64,
    used: u64,
    left: u64,
}

fn work(state: &AppState, lang: Language, kind: &str) -> String {
    tr(state, lang, &format!("web-work-{kind}"), &[])
}

fn minutes(state: &AppState, lang: Language, n: u64) -> String {
    tr(
        state,
        lang,
        "web-minutes",
        &[("count", Arg::from(i64::try_from(n).unwrap_or(i64::MAX)))],
    )
}

/// The charges of a request, if anything was recorded on it.
pub(super) async fn charges_view(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    number: &str,
) -> Option<ChargesView> {
    let c = billing::ticket_charges(&state.app.db, actor, number)
        .await
        .ok()?;
    if c.interventions.is_empty() {
        return None;
    }
    let mut lines = Vec::new();
    let mut covered = Vec::new();
    let mut unrated = false;
    let mut held = false;
    for i in &c.interventions {
        unrated |= i.error.is_some();
        held |= i.held;
        for l in &i.lines {
            let per_hour = l.unit == "minutes";
            lines.push(LineView {
                item: work(state, lang, &l.item),
                quantity: if per_hour {
                    minutes(state, lang, l.quantity)
                } else {
                    tr(
                        state,
                        lang,
                        "web-charges-pieces",
                        &[("count", Arg::from(i64::try_from(l.quantity).unwrap_or(0)))],
                    )
                },
                rate: if per_hour {
                    tr(
                        state,
                        lang,
                        "web-charges-per-hour",
                        &[("amount", Arg::from(money(lang, &l.rate)))],
                    )
                } else {
                    money(lang, &l.rate)
                },
                discount: if l.discount_percent > 0 {
                    format!("−{} %", l.discount_percent)
                } else {
                    String::new()
                },
                net: money(lang, &l.net),
            });
        }
        for cv in &i.covered {
            covered.push(tr(
                state,
                lang,
                &format!("web-charges-covered-{}", cv.by),
                &[
                    ("kind", Arg::from(work(state, lang, &cv.kind))),
                    ("minutes", Arg::from(minutes(state, lang, cv.minutes))),
                    ("month", Arg::from(cv.month.clone().unwrap_or_default())),
                ],
            ));
        }
    }
    Some(ChargesView {
        lines,
        covered,
        unrated,
        held,
        net: money(lang, &c.net),
        vat: c
            .vat_by_rate
            .iter()
            .map(|v| {
                tr(
                    state,
                    lang,
                    "web-charges-vat",
                    &[
                        ("rate", Arg::from(v.rate.clone())),
                        ("amount", Arg::from(money(lang, &v.vat))),
                    ],
                )
            })
            .collect(),
        total: money(lang, &c.total),
    })
}

/// This month's service time of the customer's organization.
pub(super) async fn usage_view(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    organization_id: i64,
) -> Option<UsageView> {
    let u = billing::month_usage(&state.app.db, actor, organization_id, None)
        .await
        .ok()?;
    Some(UsageView {
        month: u.month,
        pools: u
            .included
            .iter()
            .map(|p| PoolView {
                kind: tr(state, lang, &format!("web-plan-kind-{}", p.pool), &[]),
                included: p.included,
                used: p.used,
                left: p.left,
            })
            .collect(),
        prepaid: (u.prepaid_minutes_left > 0 || u.prepaid_low)
            .then(|| minutes(state, lang, u.prepaid_minutes_left)),
        prepaid_low: u.prepaid_low,
        billed: money(lang, &u.billed_net),
    })
}

/// An offer of paid work as the request's page shows it.
#[derive(Serialize)]
pub(super) struct OfferView {
    id: i64,
    description: String,
    estimate: Option<String>,
    accepted: Option<String>,
}

/// The offers of paid work on a request.
pub(super) async fn offers_view(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    number: &str,
) -> Vec<OfferView> {
    billing::list_agreements(&state.app.db, actor, number)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|a| OfferView {
            id: a.id,
            description: a.description,
            estimate: a
                .estimate_minutes
                .map(|m| minutes(state, lang, u64::try_from(m).unwrap_or(0))),
            accepted: a.accepted_at.map(|at| {
                tr(
                    state,
                    lang,
                    "web-offer-accepted",
                    &[("when", Arg::from(when(lang, &at)))],
                )
            }),
        })
        .collect()
}

/// The accept button's form.
#[derive(serde::Deserialize)]
pub struct AcceptForm {
    csrf: String,
}

/// `POST /portal/requests/{number}/offers/{id}/accept`: the customer accepts an offer of paid
/// work; the acceptance is recorded with the time, the contact and the portal as its channel.
pub async fn accept(
    State(state): State<AppState>,
    v: Visitor,
    Path((number, id)): Path<(String, i64)>,
    Form(f): Form<AcceptForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    match billing::accept_agreement(&state.app.db, &actor, &number, id, Default::default()).await {
        // Accepted twice (another tab): the page shows it accepted either way.
        Ok(_) | Err(AppError::Conflict(_)) => {
            Redirect::to(&format!("/portal/requests/{number}")).into_response()
        }
        Err(AppError::NotFound(_) | AppError::Forbidden(_)) => not_found(&state, &v),
        Err(e) => crate::pages::layout::failed(&state, &v, &e),
    }
}
