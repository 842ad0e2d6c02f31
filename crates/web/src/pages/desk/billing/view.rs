//! What the ticket page shows of service time: the entries, the charge preview, the offers of
//! paid work, and the forms with what was typed and the API's refusals beside their fields.

use crate::AppState;
use crate::pages::layout::{money, tr, when_in};
use podpora_app::billing::{self, TicketCharges};
use podpora_app::desk::StaffSession;
use podpora_app::{Actor, AppError};
use podpora_core::Language;
use podpora_core::auth::{Permission, Role};
use podpora_render::Arg;
use serde::Serialize;

/// The kinds of work, as the API names them.
pub(super) const KINDS: [&str; 5] = ["remote", "on_site", "travel", "phone", "training"];

/// A choice in a select.
#[derive(Serialize, Clone)]
pub struct Pick {
    /// The value posted.
    pub value: String,
    /// What the agent reads.
    pub name: String,
}

/// The time-entry form: what was typed, and each field's refusal.
#[derive(Serialize, Default, Clone)]
pub struct EntryForm {
    /// Start, as typed (`YYYY-MM-DDTHH:MM` in the agent's zone).
    pub start: String,
    /// End, as typed.
    pub end: String,
    /// The day, when minutes are given instead of an end.
    pub date: String,
    /// Minutes.
    pub minutes: String,
    /// Kind of work.
    pub kind: String,
    /// Visits.
    pub visits: String,
    /// The intervention (empty: a new one).
    pub intervention: String,
    /// `no` when the time is covered.
    pub billable: String,
    /// Note.
    pub note: String,
    /// Refusals by field.
    pub errors: FieldErrors,
}

/// The correction form.
#[derive(Serialize, Default, Clone)]
pub struct EditForm {
    /// The entry's id.
    pub entry: String,
    /// New minutes (empty: unchanged).
    pub minutes: String,
    /// New kind (empty: unchanged).
    pub kind: String,
    /// `yes`, `no` or empty (unchanged).
    pub billable: String,
    /// New note (empty: unchanged).
    pub note: String,
    /// Why.
    pub reason: String,
    /// Refusals by field.
    pub errors: FieldErrors,
}

/// The offer form.
#[derive(Serialize, Default, Clone)]
pub struct OfferForm {
    /// What will be done.
    pub description: String,
    /// Estimated minutes.
    pub estimate_minutes: String,
    /// Refusals by field.
    pub errors: FieldErrors,
}

/// The acceptance form of one offer.
#[derive(Serialize, Default, Clone)]
pub struct AcceptForm {
    /// The offer it was posted for.
    pub offer: i64,
    /// How the customer agreed.
    pub reason: String,
    /// Refusals by field.
    pub errors: FieldErrors,
}

/// The refusal of each field the forms have, plus one for the whole form.
#[derive(Serialize, Default, Clone)]
pub struct FieldErrors {
    /// Refusals with no field of their own.
    pub form: Option<String>,
    /// Start.
    pub start: Option<String>,
    /// End.
    pub end: Option<String>,
    /// Date.
    pub date: Option<String>,
    /// Minutes.
    pub minutes: Option<String>,
    /// Kind.
    pub kind: Option<String>,
    /// Visits.
    pub visits: Option<String>,
    /// Intervention.
    pub intervention: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Reason.
    pub reason: Option<String>,
    /// Entry.
    pub entry: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Estimate.
    pub estimate_minutes: Option<String>,
}

impl FieldErrors {
    /// Puts `message` beside `field`, or above the form when it has no such field.
    pub fn set(&mut self, field: &str, message: String) {
        let slot = match field {
            "start" => &mut self.start,
            "end" => &mut self.end,
            "date" => &mut self.date,
            "minutes" => &mut self.minutes,
            "kind" => &mut self.kind,
            "visits" => &mut self.visits,
            "intervention" => &mut self.intervention,
            "note" => &mut self.note,
            "reason" => &mut self.reason,
            "entry" => &mut self.entry,
            "description" => &mut self.description,
            "estimate_minutes" => &mut self.estimate_minutes,
            _ => &mut self.form,
        };
        match slot {
            Some(old) => {
                old.push_str("; ");
                old.push_str(&message);
            }
            None => *slot = Some(message),
        }
    }

    /// The refusals of a failed use case: per field when it says which, else above the form.
    pub fn from_error(e: &AppError) -> Self {
        let mut out = Self::default();
        match e {
            AppError::Validation(v) => {
                for f in &v.errors {
                    out.set(&f.field, f.message.clone());
                }
            }
            // The API's words, without the kind of error in front.
            AppError::Conflict(m) | AppError::Forbidden(m) | AppError::NotFound(m) => {
                out.form = Some(m.clone())
            }
            other => out.form = Some(other.to_string()),
        }
        out
    }
}

/// One time entry in the list.
#[derive(Serialize)]
pub struct EntryRow {
    id: i64,
    who: String,
    when: String,
    minutes: String,
    kind: String,
    visits: i64,
    intervention: i64,
    billable: bool,
    /// Its intervention is held for want of an accepted offer.
    held: bool,
    note: String,
    invoiced: Option<String>,
}

/// One charge line.
#[derive(Serialize)]
struct LineRow {
    item: String,
    quantity: String,
    rate: String,
    discount: String,
    net: String,
}

/// One intervention's charges.
#[derive(Serialize)]
struct InterventionRow {
    number: i64,
    when: String,
    under_plan: bool,
    held: bool,
    error: Option<String>,
    lines: Vec<LineRow>,
    covered: Vec<String>,
    net: String,
}

/// The charge preview.
#[derive(Serialize)]
pub struct ChargesView {
    price_list: String,
    interventions: Vec<InterventionRow>,
    held: bool,
    net: String,
    vat: Vec<String>,
    total: String,
}

/// An offer of paid work and its state.
#[derive(Serialize)]
pub struct OfferRow {
    id: i64,
    description: String,
    estimate: Option<String>,
    offered: String,
    accepted: Option<String>,
}

/// Service time on the ticket page.
#[derive(Serialize)]
pub struct Panel {
    /// Technicians, dispatchers and administrators log time and record offers.
    pub can_record: bool,
    /// Dispatchers and administrators record an acceptance given another way.
    pub can_accept: bool,
    /// The agent's zone, in which times are typed and shown.
    pub zone: String,
    /// Kinds of work.
    pub kinds: Vec<Pick>,
    /// The visit fee, when the price list has one.
    pub visit_fee: Option<String>,
    /// The ticket's interventions so far.
    pub interventions: Vec<Pick>,
    /// The entries, oldest first.
    pub entries: Vec<EntryRow>,
    /// The entries this agent may correct (not invoiced).
    pub editable: Vec<Pick>,
    /// The charge preview, when there is something to rate and a price list.
    pub charges: Option<ChargesView>,
    /// Why there is no preview, when there are entries but they cannot be rated.
    pub charges_error: Option<String>,
    /// The offers.
    pub offers: Vec<OfferRow>,
    /// Whether billable work is held for want of an accepted offer.
    pub held: bool,
    /// The time-entry form.
    pub entry: EntryForm,
    /// The correction form.
    pub edit: EditForm,
    /// The offer form.
    pub offer: OfferForm,
    /// The acceptance form that was refused, if any.
    pub accept: AcceptForm,
}

fn has_role(actor: &Actor, roles: &[Role]) -> bool {
    matches!(actor, Actor::Agent(a) if a.roles.iter().any(|r| roles.contains(r)))
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

/// How a customer's decision reached us (`portal`, `api`, `staff`, `mail`), in words.
pub(in crate::pages::desk) fn channel(state: &AppState, lang: Language, c: &str) -> String {
    match c {
        "portal" | "api" | "staff" | "mail" => tr(state, lang, &format!("sbill-channel-{c}"), &[]),
        other => other.to_string(),
    }
}

fn charges_view(
    state: &AppState,
    lang: Language,
    agent: &StaffSession,
    c: &TicketCharges,
) -> ChargesView {
    let interventions = c
        .interventions
        .iter()
        .map(|i| InterventionRow {
            number: i.intervention,
            when: when_in(lang, &agent.zone, &i.started_at),
            under_plan: i.under_plan,
            held: i.held,
            error: i.error.clone(),
            lines: i
                .lines
                .iter()
                .map(|l| {
                    let per_hour = l.unit == "minutes";
                    LineRow {
                        item: work(state, lang, &l.item),
                        quantity: if per_hour {
                            tr(
                                state,
                                lang,
                                "sbill-quantity-minutes",
                                &[
                                    ("charged", Arg::from(minutes(state, lang, l.quantity))),
                                    ("worked", Arg::from(minutes(state, lang, l.worked_minutes))),
                                ],
                            )
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
                    }
                })
                .collect(),
            covered: i
                .covered
                .iter()
                .map(|cv| {
                    tr(
                        state,
                        lang,
                        &format!("sbill-covered-{}", cv.by),
                        &[
                            ("kind", Arg::from(work(state, lang, &cv.kind))),
                            ("minutes", Arg::from(minutes(state, lang, cv.minutes))),
                            ("month", Arg::from(cv.month.clone().unwrap_or_default())),
                        ],
                    )
                })
                .collect(),
            net: money(lang, &i.net),
        })
        .collect();
    ChargesView {
        price_list: c.price_list.clone(),
        held: c.interventions.iter().any(|i| i.held),
        interventions,
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
    }
}

/// The name of whoever the audit calls `who` (`agent:3`, `contact:12`), or `who` as it is.
pub(in crate::pages::desk) async fn person(
    state: &AppState,
    actor: &Actor,
    agents: &std::collections::HashMap<i64, String>,
    who: &str,
) -> String {
    let id = |prefix: &str| who.strip_prefix(prefix).and_then(|n| n.parse::<i64>().ok());
    if let Some(name) = id("agent:").and_then(|n| agents.get(&n)) {
        return name.clone();
    }
    if let Some(n) = id("contact:")
        && let Ok(c) = podpora_app::contacts::get(&state.app.db, actor, n).await
    {
        return c.name;
    }
    who.to_string()
}

/// Reads the ticket's service time as `agent` may see it; `None` for an agent who may not.
pub async fn build(
    state: &AppState,
    lang: Language,
    agent: &StaffSession,
    number: &str,
) -> Option<Panel> {
    let actor = &agent.actor;
    let db = &state.app.db;
    // Entries are staff's; an agent the use case refuses sees no panel.
    let entries = billing::list_entries(db, actor, number).await.ok()?;
    let can_record = actor.can(Permission::WriteTickets)
        && has_role(actor, &[Role::Technician, Role::Dispatcher, Role::Admin]);
    let can_accept =
        actor.can(Permission::WriteTickets) && has_role(actor, &[Role::Dispatcher, Role::Admin]);
    let corrects_any = has_role(actor, &[Role::Dispatcher, Role::Admin]);
    let names: std::collections::HashMap<i64, String> = podpora_app::staff::list_agents(db, actor)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let mut interventions: Vec<i64> = entries.iter().map(|e| e.intervention).collect();
    interventions.sort_unstable();
    interventions.dedup();
    let editable = entries
        .iter()
        .filter(|e| e.invoiced_at.is_none())
        .filter(|e| corrects_any || e.agent_id == Some(agent.agent_id))
        .filter(|_| can_record)
        .map(|e| Pick {
            value: e.id.to_string(),
            name: tr(
                state,
                lang,
                "sbill-entry-choice",
                &[
                    ("id", Arg::from(e.id)),
                    ("when", Arg::from(when_in(lang, &agent.zone, &e.start))),
                    (
                        "minutes",
                        Arg::from(minutes(state, lang, u64::try_from(e.minutes).unwrap_or(0))),
                    ),
                    ("kind", Arg::from(work(state, lang, &e.kind))),
                ],
            ),
        })
        .collect();
    let mut rows = entries
        .iter()
        .map(|e| EntryRow {
            id: e.id,
            who: e
                .agent_id
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_else(|| e.created_by.clone()),
            when: when_in(lang, &agent.zone, &e.start),
            minutes: minutes(state, lang, u64::try_from(e.minutes).unwrap_or(0)),
            kind: work(state, lang, &e.kind),
            visits: e.visits,
            intervention: e.intervention,
            billable: e.billable,
            held: false,
            note: e.note.clone().unwrap_or_default(),
            invoiced: e
                .invoiced_at
                .as_deref()
                .map(|at| when_in(lang, &agent.zone, at)),
        })
        .collect::<Vec<_>>();
    let (charges, charges_error) = if entries.is_empty() {
        (None, None)
    } else {
        match billing::ticket_charges(db, actor, number).await {
            Ok(c) => {
                for r in rows.iter_mut().filter(|r| r.billable) {
                    r.held = c
                        .interventions
                        .iter()
                        .any(|i| i.held && i.intervention == r.intervention);
                }
                (Some(charges_view(state, lang, agent, &c)), None)
            }
            Err(AppError::Conflict(m)) => (None, Some(m)),
            Err(_) => (None, None),
        }
    };
    let agreements = billing::list_agreements(db, actor, number)
        .await
        .unwrap_or_default();
    let mut offers = Vec::with_capacity(agreements.len());
    for a in agreements {
        let accepted = match &a.accepted_at {
            Some(at) => {
                let who =
                    person(state, actor, &names, a.accepted_by.as_deref().unwrap_or("")).await;
                Some(tr(
                    state,
                    lang,
                    "sbill-offer-accepted",
                    &[
                        ("when", Arg::from(when_in(lang, &agent.zone, at))),
                        ("who", Arg::from(who)),
                        (
                            "channel",
                            Arg::from(channel(
                                state,
                                lang,
                                a.accepted_channel.as_deref().unwrap_or(""),
                            )),
                        ),
                    ],
                ))
            }
            None => None,
        };
        offers.push(OfferRow {
            id: a.id,
            description: a.description,
            estimate: a
                .estimate_minutes
                .map(|m| minutes(state, lang, u64::try_from(m).unwrap_or(0))),
            offered: when_in(lang, &agent.zone, &a.offered_at),
            accepted,
        });
    }
    let visit_fee = billing::visit_fee(db, actor)
        .await
        .ok()
        .flatten()
        .map(|m| money(lang, &m));
    Some(Panel {
        can_record,
        can_accept,
        zone: agent.zone.clone(),
        kinds: KINDS
            .iter()
            .map(|k| Pick {
                value: (*k).to_string(),
                name: work(state, lang, k),
            })
            .collect(),
        visit_fee,
        interventions: interventions
            .into_iter()
            .map(|n| Pick {
                value: n.to_string(),
                name: tr(state, lang, "sbill-intervention-n", &[("n", Arg::from(n))]),
            })
            .collect(),
        held: charges.as_ref().is_some_and(|c| c.held),
        entries: rows,
        editable,
        charges,
        charges_error,
        offers,
        entry: EntryForm {
            kind: "remote".into(),
            billable: "yes".into(),
            ..EntryForm::default()
        },
        edit: EditForm::default(),
        offer: OfferForm::default(),
        accept: AcceptForm::default(),
    })
}
