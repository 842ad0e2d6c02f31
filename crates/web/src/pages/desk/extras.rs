//! What the ticket page shows beside the conversation: the prepared answers in the customer's
//! language, the categories and out-of-scope items to choose from, the customer's plan panel
//! and the ticket's history. Each part reads through its own use case; a part that cannot be
//! read is left out rather than failing the whole page.

use crate::AppState;
use crate::pages::layout::{tr, when_in};
use podpora_app::desk::StaffSession;
use podpora_app::tickets::Ticket;
use podpora_core::Language;
use serde::Serialize;

mod history;
mod panel;

pub use history::HistoryRow;
pub use panel::Panel;

/// One prepared answer filled in for the ticket.
#[derive(Serialize)]
pub struct AnswerChoice {
    /// Its id, posted by the "insert" button.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The filled text the script inserts in place.
    pub text: String,
    /// Whether it is the one chosen last.
    pub current: bool,
}

/// A choice in a select.
#[derive(Serialize)]
pub struct Pick {
    /// The value posted.
    pub value: String,
    /// What the agent reads.
    pub name: String,
    /// Whether it is selected.
    pub current: bool,
}

/// The ticket page's further parts.
#[derive(Serialize, Default)]
pub struct Extras {
    /// The customer's language as the agent reads it ("Slovak").
    pub answers_language: String,
    /// Prepared answers in the customer's language.
    pub answers: Vec<AnswerChoice>,
    /// The configured categories (by code), the ticket's own first if it is not configured.
    pub categories: Vec<Pick>,
    /// Whether the ticket has no category.
    pub no_category: bool,
    /// The out-of-scope items, those of the ticket's category first.
    pub scope_items: Vec<Pick>,
    /// Each out-of-scope item's answer in the customer's language, as the customer will read it.
    pub scope_answers: Vec<(String, String)>,
    /// The customer's plan, contract, included minutes, entitlements and upsell signals.
    pub panel: Option<Panel>,
    /// The ticket's changes, oldest first.
    pub history: Vec<HistoryRow>,
    /// A confirmation shown above the ticket, such as "marked out of scope".
    pub notice: Option<String>,
}

/// The customer language's name in the agent's language.
pub fn language_name(state: &AppState, lang: Language, of: Language) -> String {
    tr(state, lang, &format!("desk-lang-{}", of.as_str()), &[])
}

/// Reads every part for ticket `t` as `agent` sees it.
pub async fn build(state: &AppState, lang: Language, agent: &StaffSession, t: &Ticket) -> Extras {
    let actor = &agent.actor;
    let mut x = Extras::default();
    let mut customer_language = Language::default();
    if let Ok(a) = podpora_app::desk::answers::ticket_answers(&state.app, actor, &t.number).await {
        customer_language = a.language;
        x.answers_language = language_name(state, lang, a.language);
        x.answers = a
            .answers
            .into_iter()
            .map(|a| AnswerChoice {
                id: a.id,
                name: a.name,
                text: a.text,
                current: false,
            })
            .collect();
    }
    let current = t.category.clone().unwrap_or_default();
    x.no_category = current.is_empty();
    let categories = podpora_app::plans::list_categories(&state.app.db, actor)
        .await
        .unwrap_or_default();
    if !current.is_empty() && !categories.iter().any(|c| c.code == current) {
        x.categories.push(Pick {
            value: current.clone(),
            name: current.clone(),
            current: true,
        });
    }
    x.categories.extend(categories.into_iter().map(|c| Pick {
        current: c.code == current,
        value: c.code,
        name: c.name,
    }));
    let mut items = podpora_app::plans::list_scope_items(&state.app.db, actor)
        .await
        .unwrap_or_default();
    // The items of the ticket's own category first; the sort is stable, so the catalogue's
    // order stays within each group.
    items.sort_by_key(|i| i.category.as_deref() != Some(current.as_str()) || current.is_empty());
    x.scope_answers = items
        .iter()
        .map(|i| {
            let answer = match customer_language {
                Language::Sk => &i.answers.sk,
                Language::Cs => &i.answers.cs,
                Language::Pl => &i.answers.pl,
                Language::En => &i.answers.en,
            };
            (i.title.clone(), answer.clone())
        })
        .collect();
    x.scope_items = items
        .into_iter()
        .map(|i| Pick {
            value: i.id.to_string(),
            name: i.title,
            current: false,
        })
        .collect();
    if let Some(org) = t.organization_id {
        x.panel = panel::build(state, lang, agent, org).await;
    }
    x.history = history::build(state, lang, agent, t).await;
    x
}

/// The time of `rfc3339` in the agent's zone.
fn at(lang: Language, agent: &StaffSession, rfc3339: &str) -> String {
    when_in(lang, &agent.zone, rfc3339)
}
