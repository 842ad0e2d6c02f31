//! The customer's side panel on the ticket page: plan, running contract, included minutes left
//! this month, onboarding entitlements and upsell signals, all read from the plans use
//! case the API's `/organizations/{id}/plan` answers with; nothing is recomputed here.

use crate::AppState;
use crate::pages::layout::{day, tr};
use podpora_app::desk::StaffSession;
use podpora_app::plans::PlanStatus;
use podpora_core::Language;
use serde::Serialize;

/// What the panel shows, in the agent's language.
#[derive(Serialize)]
pub struct Panel {
    /// The plan's name, or the basic service.
    pub plan: String,
    /// The running contract: "from … to …"; empty on the basic service.
    pub contract: String,
    /// Each ledger: "Remote support: 40 min of 60 min left".
    pub minutes: Vec<String>,
    /// Each onboarding entitlement and whether it can still be used.
    pub entitlements: Vec<String>,
    /// Whether the customer is a plan candidate.
    pub candidate: bool,
    /// Why, in the agent's language.
    pub signals: Vec<String>,
}

/// The panel of organization `org`, or `None` when the agent may not read it.
pub async fn build(
    state: &AppState,
    lang: Language,
    agent: &StaffSession,
    org: i64,
) -> Option<Panel> {
    let s = podpora_app::plans::plan_status(&state.app.db, &agent.actor, org)
        .await
        .ok()?;
    Some(words(state, lang, s))
}

fn words(state: &AppState, l: Language, s: PlanStatus) -> Panel {
    let plan = if s.entitlement.plan_id.is_some() {
        s.entitlement.plan_name.clone()
    } else {
        tr(state, l, "desk-plan-basic", &[])
    };
    let contract = s
        .entitlement
        .contract_id
        .and_then(|id| s.contracts.iter().find(|c| c.id == id))
        .map(|c| match &c.ends_on {
            Some(end) => tr(
                state,
                l,
                "desk-panel-contract-until",
                &[
                    ("from", day(l, &c.starts_on).into()),
                    ("to", day(l, end).into()),
                ],
            ),
            None => tr(
                state,
                l,
                "desk-panel-contract-from",
                &[("from", day(l, &c.starts_on).into())],
            ),
        })
        .unwrap_or_default();
    let minutes = s
        .ledgers
        .iter()
        .filter(|g| g.included_minutes > 0 || g.used_minutes > 0)
        .map(|g| {
            let key = if g.over_minutes > 0 {
                "desk-panel-minutes-over"
            } else {
                "desk-panel-minutes"
            };
            tr(
                state,
                l,
                key,
                &[
                    (
                        "kind",
                        tr(state, l, &format!("desk-panel-kind-{}", g.kind), &[]).into(),
                    ),
                    ("left", g.remaining_minutes.into()),
                    ("included", g.included_minutes.into()),
                    ("over", g.over_minutes.into()),
                ],
            )
        })
        .collect();
    let entitlements = s
        .onboarding
        .iter()
        .map(|e| {
            let key = if e.used_at.is_some() {
                "desk-panel-entitlement-used"
            } else if e.usable {
                "desk-panel-entitlement-usable"
            } else {
                "desk-panel-entitlement-expired"
            };
            tr(state, l, key, &[("kind", e.kind.clone().into())])
        })
        .collect();
    Panel {
        plan,
        contract,
        minutes,
        entitlements,
        candidate: s.plan_candidate,
        signals: s
            .upsell_signals
            .into_iter()
            .map(|u| {
                let key = format!("desk-panel-signal-{}", u.kind.replace('_', "-"));
                let args = [
                    ("count", u.count.into()),
                    ("detail", u.detail.unwrap_or_default().into()),
                ];
                tr(state, l, &key, &args)
            })
            .collect(),
    }
}
