//! The history a customer may see on a request page, in the reader's words.

use crate::AppState;
use crate::pages::layout::{tr, when};
use podpora_app::Actor;
use podpora_app::portal::{self, EventKind};
use podpora_core::{Language, TicketStatus};
use podpora_render::Arg;
use serde::Serialize;

/// One line of the history.
#[derive(Serialize)]
pub(super) struct HistoryLine {
    at: String,
    text: String,
}

fn text(state: &AppState, lang: Language, kind: &EventKind) -> String {
    let key = match kind {
        EventKind::Opened => "portal-history-opened",
        EventKind::StaffReply => "portal-history-staff-reply",
        EventKind::CustomerReply => "portal-history-customer-reply",
        EventKind::Status {
            to: TicketStatus::Resolved,
            ..
        } => "portal-history-solved",
        EventKind::Status {
            from: TicketStatus::Resolved,
            to: TicketStatus::Closed,
            by_customer: true,
        } => "portal-history-confirmed",
        EventKind::Status {
            to: TicketStatus::Closed,
            ..
        } => "portal-history-closed",
        EventKind::Status {
            from: TicketStatus::Resolved | TicketStatus::Closed,
            by_customer: true,
            ..
        } => "portal-history-not-solved",
        EventKind::Status {
            from: TicketStatus::Resolved | TicketStatus::Closed,
            ..
        } => "portal-history-reopened",
        EventKind::Status { to, .. } => {
            let status = tr(state, lang, &super::requests::status_key(*to), &[]);
            return tr(
                state,
                lang,
                "portal-history-status",
                &[("status", Arg::from(status))],
            );
        }
    };
    tr(state, lang, key, &[])
}

/// The visible history of a request, oldest first; empty when it cannot be read (the page
/// shows the conversation all the same).
pub(super) async fn view(
    state: &AppState,
    lang: Language,
    actor: &Actor,
    number: &str,
) -> Vec<HistoryLine> {
    match portal::customer_history(&state.app, actor, number).await {
        Ok(events) => events
            .iter()
            .map(|e| HistoryLine {
                at: when(lang, &e.at),
                text: text(state, lang, &e.kind),
            })
            .collect(),
        Err(e) => {
            tracing::warn!(error = %e, "reading a request's history failed");
            Vec::new()
        }
    }
}
