//! "Our plan": the customer's contract and plan (or the basic service and the plans on
//! offer), this month's included minutes, onboarding entitlements, the channels with their
//! hours, and a notice when a plan would suit the customer. It shows the same plan status staff
//! read through the API, asked for as the customer, which the use case limits to the customer's
//! own organization.

use crate::AppState;
use crate::pages::layout::{Page, day, failed, money, tr, when};
use crate::pages::session::Visitor;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use podpora_app::plans::{self, PlanStatus};
use podpora_core::{Channel, Language};
use podpora_render::Arg;
use serde::Serialize;

#[derive(Serialize)]
struct ContractView {
    plan: String,
    period: String,
    running: bool,
}

#[derive(Serialize)]
struct LedgerView {
    kind: String,
    included: i64,
    used: i64,
    left: i64,
    over: i64,
}

#[derive(Serialize)]
pub(super) struct OnboardingView {
    pub(super) id: i64,
    pub(super) kind: String,
    pub(super) state: String,
    pub(super) usable: bool,
    /// Offered the button to ask for it (usable, not asked for yet).
    pub(super) can_ask: bool,
}

#[derive(Serialize)]
struct ChannelView {
    name: String,
    open_now: bool,
    state: String,
}

#[derive(Serialize)]
struct OfferView {
    name: String,
    price: String,
    remote: i64,
    work: i64,
    channels: String,
}

#[derive(Serialize)]
struct PlanView {
    /// On the basic service (no running organization-wide contract).
    basic: bool,
    plan: String,
    contracts: Vec<ContractView>,
    ledgers: Vec<LedgerView>,
    onboarding: Vec<OnboardingView>,
    channels: Vec<ChannelView>,
    upsell: bool,
    offer: Vec<OfferView>,
    /// This month's service time, when a price list rates it.
    usage: Option<super::charges::UsageView>,
    /// Asking for an entitlement names the address for the matter (an organization account).
    ask_email: bool,
}

/// The message id of a channel's name.
pub(crate) fn channel_key(c: Channel) -> String {
    format!("web-channel-{}", c.as_str())
}

fn channel_names(state: &AppState, lang: Language, cs: &[Channel]) -> String {
    cs.iter()
        .map(|c| tr(state, lang, &channel_key(*c), &[]))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a channel is open now, else when it next opens, in the reader's words.
pub(super) fn channel_state(
    state: &AppState,
    lang: Language,
    open_now: bool,
    next: Option<&str>,
) -> String {
    match (open_now, next) {
        (true, _) => tr(state, lang, "web-channel-open-now", &[]),
        (false, Some(at)) => tr(
            state,
            lang,
            "web-channel-opens",
            &[("when", Arg::from(when(lang, at)))],
        ),
        (false, None) => tr(state, lang, "web-channel-closed", &[]),
    }
}

/// Onboarding kinds the portal names; an unknown one is shown as recorded.
pub(super) fn onboarding_name(state: &AppState, lang: Language, kind: &str) -> String {
    match kind {
        "training" => tr(state, lang, "web-onboarding-training", &[]),
        "installation" => tr(state, lang, "web-onboarding-installation", &[]),
        other => other.to_string(),
    }
}

fn view_of(state: &AppState, lang: Language, s: PlanStatus) -> PlanView {
    // The customer's today (their zone), as the entitlements' expiry was judged.
    let today = s.today.clone();
    let basic = s.entitlement.plan_id.is_none();
    let contracts = s
        .contracts
        .into_iter()
        // Contracts that ended are history the customer does not need here.
        .filter(|c| c.ends_on.as_deref().is_none_or(|e| e >= today.as_str()))
        .map(|c| ContractView {
            running: c.starts_on <= today,
            period: match &c.ends_on {
                Some(e) => tr(
                    state,
                    lang,
                    "web-plan-period",
                    &[
                        ("from", Arg::from(day(lang, &c.starts_on))),
                        ("to", Arg::from(day(lang, e))),
                    ],
                ),
                None => tr(
                    state,
                    lang,
                    "web-plan-period-open",
                    &[("from", Arg::from(day(lang, &c.starts_on)))],
                ),
            },
            plan: c.plan_name,
        })
        .collect();
    let ledgers = s
        .ledgers
        .into_iter()
        .map(|l| LedgerView {
            kind: tr(state, lang, &format!("web-plan-kind-{}", l.kind), &[]),
            included: l.included_minutes,
            used: l.used_minutes,
            left: l.remaining_minutes,
            over: l.over_minutes,
        })
        .collect();
    let onboarding = s
        .onboarding
        .into_iter()
        .map(|e| {
            let state_text = match (&e.used_at, &e.expires_on) {
                (Some(at), _) => tr(
                    state,
                    lang,
                    "web-onboarding-used",
                    &[("when", Arg::from(when(lang, at)))],
                ),
                (None, Some(until)) if e.usable => tr(
                    state,
                    lang,
                    "web-onboarding-until",
                    &[("date", Arg::from(day(lang, until)))],
                ),
                (None, Some(until)) => tr(
                    state,
                    lang,
                    "web-onboarding-expired",
                    &[("date", Arg::from(day(lang, until)))],
                ),
                (None, None) => tr(state, lang, "web-onboarding-no-limit", &[]),
            };
            OnboardingView {
                id: e.id,
                kind: onboarding_name(state, lang, &e.kind),
                state: state_text,
                usable: e.usable,
                can_ask: e.usable,
            }
        })
        .collect();
    let channels = s
        .channel_hours
        .into_iter()
        .map(|c| ChannelView {
            name: tr(state, lang, &channel_key(c.channel), &[]),
            open_now: c.open_now,
            state: channel_state(state, lang, c.open_now, c.next_opening.as_deref()),
        })
        .collect();
    PlanView {
        basic,
        plan: if basic {
            tr(state, lang, "web-plan-basic-name", &[])
        } else {
            s.entitlement.plan_name
        },
        contracts,
        ledgers,
        onboarding,
        channels,
        upsell: s.plan_candidate,
        offer: Vec::new(),
        usage: None,
        ask_email: false,
    }
}

/// `GET /portal/plan`. A contact without an organization has no contract and sees the offer.
pub async fn show(
    State(state): State<AppState>,
    v: Visitor,
    axum::extract::Query(q): axum::extract::Query<super::entitlements::PlanQuery>,
) -> Response {
    let Some(actor) = &v.customer else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    let mut view = match actor.organization_scope() {
        Some(org) => match plans::plan_status(&state.app.db, actor, org).await {
            Ok(s) => view_of(&state, v.lang, s),
            Err(e) => return failed(&state, &v, &e),
        },
        None => PlanView {
            basic: true,
            plan: tr(&state, v.lang, "web-plan-basic-name", &[]),
            contracts: Vec::new(),
            ledgers: Vec::new(),
            onboarding: Vec::new(),
            channels: Vec::new(),
            upsell: false,
            offer: Vec::new(),
            usage: None,
            ask_email: false,
        },
    };
    view.ask_email = actor.contact_scope().is_none();
    super::entitlements::mark_asked(&state, v.lang, actor, &mut view.onboarding).await;
    if let Some(org) = actor.organization_scope() {
        view.usage = super::charges::usage_view(&state, v.lang, actor, org).await;
        if view.usage.is_some() {
            // The service time table counts the recorded time; the hand-kept ledger would repeat it.
            view.ledgers.clear();
        }
    }
    if view.basic {
        let offer = match plans::list_plans(&state.app.db, actor).await {
            Ok(p) => p,
            Err(e) => return failed(&state, &v, &e),
        };
        view.offer = offer
            .into_iter()
            .map(|p| OfferView {
                price: money(v.lang, &p.monthly_price),
                remote: i64::from(p.remote_minutes_per_month),
                work: i64::from(p.work_minutes_per_month),
                channels: channel_names(
                    &state,
                    v.lang,
                    &p.channels.iter().map(|c| c.channel).collect::<Vec<_>>(),
                ),
                name: p.name,
            })
            .collect();
    }
    Page {
        template: "plan",
        title: tr(&state, v.lang, "web-title-plan", &[]),
        notice: super::entitlements::notice(&state, v.lang, &q),
        view: &view,
        status: StatusCode::OK,
    }
    .render(&state, &v)
}
