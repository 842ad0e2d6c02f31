//! How the workspace words things: status names for staff, SLA countdowns ("1 h 20 min
//! left"), the reason for a queue position, and the patterns the page's script fills in.

use crate::AppState;
use crate::pages::layout::{tr, when_in};
use podpora_app::desk::{ClockView, Position};
use podpora_core::Language;

/// A status as staff call it ("Waiting for the customer", not the portal's "Waiting for you").
pub fn status(state: &AppState, lang: Language, code: &str) -> String {
    tr(
        state,
        lang,
        &format!("desk-status-{}", code.replace('_', "-")),
        &[],
    )
}

/// An SLA clock's name ("Reaction", "Resolution" …).
pub fn clock_name(state: &AppState, lang: Language, metric: &str) -> String {
    tr(
        state,
        lang,
        &format!("clock-{}", metric.replace('_', "-")),
        &[],
    )
}

/// A span of business minutes, short: "1 h 20 min", "45 min", "3 h".
pub fn span(state: &AppState, lang: Language, minutes: i64) -> String {
    let m = minutes.unsigned_abs();
    let (h, m) = (m / 60, m % 60);
    match (h, m) {
        (0, m) => tr(state, lang, "desk-time-m", &[("m", m.into())]),
        (h, 0) => tr(state, lang, "desk-time-h", &[("h", h.into())]),
        (h, m) => tr(
            state,
            lang,
            "desk-time-hm",
            &[("h", h.into()), ("m", m.into())],
        ),
    }
}

/// The countdown of a ticket's nearest clock: "1 h 20 min left", "overdue by 5 min", "paused".
pub fn countdown(state: &AppState, lang: Language, clock: &ClockView) -> String {
    match clock {
        ClockView::Running(c) if c.minutes_left >= 0 && c.state != "breached" => tr(
            state,
            lang,
            "desk-countdown-left",
            &[("time", span(state, lang, c.minutes_left).into())],
        ),
        ClockView::Running(c) => tr(
            state,
            lang,
            "desk-countdown-over",
            &[("time", span(state, lang, c.minutes_left).into())],
        ),
        ClockView::Paused => tr(state, lang, "desk-countdown-paused", &[]),
        ClockView::None => tr(state, lang, "desk-countdown-none", &[]),
    }
}

/// Why a ticket stands where it does, in the order the rule applies: the plan, the urgency,
/// staff copies, the nearest due time (in the agent's zone) and when it was reported.
pub fn reason(state: &AppState, lang: Language, zone: &str, p: &Position) -> String {
    let e = &p.entry;
    let mut parts = Vec::new();
    parts.push(match (&e.plan_name, e.plan_rank) {
        (Some(name), Some(rank)) => tr(
            state,
            lang,
            "desk-reason-plan",
            &[("plan", name.as_str().into()), ("rank", rank.into())],
        ),
        _ => tr(state, lang, "desk-reason-basic", &[]),
    });
    parts.push(tr(
        state,
        lang,
        if e.urgency == "urgent" {
            "desk-urgency-urgent"
        } else {
            "desk-urgency-normal"
        },
        &[],
    ));
    if e.staff_copies > 0 {
        parts.push(tr(
            state,
            lang,
            "desk-reason-copies",
            &[("count", e.staff_copies.into())],
        ));
    }
    parts.push(match (&e.due_metric, &e.due_at) {
        (Some(m), Some(d)) => tr(
            state,
            lang,
            "desk-reason-due",
            &[
                ("clock", clock_name(state, lang, m).into()),
                ("when", when_in(lang, zone, d).into()),
            ],
        ),
        _ => tr(state, lang, "desk-reason-no-clock", &[]),
    });
    parts.push(tr(
        state,
        lang,
        "desk-reason-reported",
        &[("when", when_in(lang, zone, &e.created_at).into())],
    ));
    parts.join("; ")
}

/// The texts the page's script words live countdowns with; `%H`, `%M` and `%T` stand for
/// hours, minutes and the span.
#[derive(serde::Serialize)]
pub struct Patterns {
    left: String,
    over: String,
    hm: String,
    h: String,
    m: String,
}

/// The countdown patterns in `lang`.
pub fn patterns(state: &AppState, lang: Language) -> Patterns {
    Patterns {
        left: tr(state, lang, "desk-countdown-left", &[("time", "%T".into())]),
        over: tr(state, lang, "desk-countdown-over", &[("time", "%T".into())]),
        hm: tr(
            state,
            lang,
            "desk-time-hm",
            &[("h", "%H".into()), ("m", "%M".into())],
        ),
        h: tr(state, lang, "desk-time-h", &[("h", "%H".into())]),
        m: tr(state, lang, "desk-time-m", &[("m", "%M".into())]),
    }
}
