//! Quotes on the workspace's ticket page: the ticket's quotes with their states, and a
//! form to quote a price and a deadline (entered in the agent's own zone). A refused quote
//! shows the ticket page again with the form as it was typed and the reason.

use super::{Staff, needs};
use crate::AppState;
use crate::pages::layout::{csrf_refused, failed, money, not_found, tr, when_in};
use crate::pages::session::Visitor;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Router, routing::post};
use podpora_app::desk::StaffSession;
use podpora_app::quotes::{self, NewQuote};
use podpora_app::{Actor, AppError};
use podpora_core::Language;
use podpora_core::auth::{Permission, Role};
use podpora_render::Arg;
use serde::{Deserialize, Serialize};

/// What the agent typed into the quote form, kept when it is refused.
#[derive(Serialize, Default, Clone)]
pub(super) struct QuoteForm {
    price: String,
    covers: String,
    deadline: String,
}

/// One quote as the ticket page lists it.
#[derive(Serialize)]
struct QuoteItem {
    id: i64,
    price: String,
    covers: String,
    deadline: String,
    state: String,
    /// Who decided, when and by which channel.
    decided: Option<String>,
    reason: Option<String>,
    pending: bool,
}

/// The quotes section of the ticket page.
#[derive(Serialize)]
pub(super) struct DeskQuotes {
    items: Vec<QuoteItem>,
    /// The agent may make a quote now: an open ticket, none pending, a quoting role.
    can_quote: bool,
    /// A quote waits for the customer.
    pending: bool,
    currency: String,
    zone: String,
    form: QuoteForm,
    error: Option<String>,
}

fn quotes_role(actor: &Actor) -> bool {
    matches!(actor, Actor::Agent(a) if a.roles.iter().any(|r| matches!(r, Role::Technician | Role::Dispatcher | Role::Admin)))
}

/// The section for ticket `number`; none when the agent may not read its quotes.
pub(super) async fn build(
    state: &AppState,
    lang: Language,
    agent: &StaffSession,
    number: &str,
    open: bool,
) -> Option<DeskQuotes> {
    let list = quotes::list_quotes(&state.app.db, &agent.actor, number)
        .await
        .ok()?;
    let currency = quotes::quote_currency(&state.app.db, &agent.actor, number)
        .await
        .unwrap_or_default();
    let pending = list.iter().any(|q| q.state == "pending");
    let names: std::collections::HashMap<i64, String> =
        podpora_app::staff::list_agents(&state.app.db, &agent.actor)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect();
    let mut items = Vec::with_capacity(list.len());
    for q in list.into_iter().rev() {
        let state_name = tr(state, lang, &format!("quote-desk-state-{}", q.state), &[]);
        let decided = match q.decided_at.as_deref() {
            Some(at) => {
                // The audit's names (`contact:12`) become the person's name, the channel words.
                let who = q.decided_by.as_deref().unwrap_or_default();
                let who = super::billing::person_named(state, &agent.actor, &names, who).await;
                let channel = q.decided_channel.as_deref().unwrap_or_default();
                Some(tr(
                    state,
                    lang,
                    "quote-desk-decided",
                    &[
                        ("state", Arg::from(state_name.clone())),
                        ("when", Arg::from(when_in(lang, &agent.zone, at))),
                        ("who", Arg::from(who)),
                        (
                            "channel",
                            Arg::from(super::billing::decision_channel(state, lang, channel)),
                        ),
                    ],
                ))
            }
            None => None,
        };
        items.push(QuoteItem {
            id: q.id,
            price: money(lang, &q.price),
            covers: q.covers,
            deadline: when_in(lang, &agent.zone, &q.deadline_at),
            decided,
            reason: q.decline_reason.map(|r| {
                tr(
                    state,
                    lang,
                    "quote-desk-reason",
                    &[("reason", Arg::from(r))],
                )
            }),
            pending: q.state == "pending",
            state: state_name,
        });
    }
    Some(DeskQuotes {
        items,
        can_quote: open && !pending && quotes_role(&agent.actor),
        pending,
        currency,
        zone: agent.zone.clone(),
        form: QuoteForm::default(),
        error: None,
    })
}

/// The quote form's routes, for agents who write tickets (the use case narrows it to
/// technicians, dispatchers and administrators).
pub(super) fn routes(state: AppState) -> Router<AppState> {
    needs(
        Permission::WriteTickets,
        state,
        Router::new().route("/desk/tickets/{number}/quotes", post(create)),
    )
}

/// The quote form as posted.
#[derive(Deserialize)]
pub struct CreateForm {
    csrf: String,
    #[serde(default)]
    price: String,
    #[serde(default)]
    covers: String,
    /// `YYYY-MM-DDTHH:MM` from a date-time field, in the agent's zone (or an instant with its
    /// offset).
    #[serde(default)]
    deadline: String,
}

/// A date and time typed in `zone` (`2026-12-10T16:00`, `2026-12-10 16:00`), or an instant
/// with its offset, as RFC 3339 in UTC.
fn instant_in(text: &str, zone: &str) -> Option<String> {
    let text = text.trim();
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return Some(t.to_string());
    }
    let civil = text
        .replacen(' ', "T", 1)
        .parse::<jiff::civil::DateTime>()
        .ok()?;
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    Some(civil.to_zoned(tz).ok()?.timestamp().to_string())
}

/// `POST /desk/tickets/{number}/quotes`: records the quote and mails it to the customer.
pub async fn create(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(number): Path<String>,
    Form(f): Form<CreateForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let form = QuoteForm {
        price: f.price.clone(),
        covers: f.covers.clone(),
        deadline: f.deadline.clone(),
    };
    let Some(deadline) = instant_in(&f.deadline, &agent.zone) else {
        let message = tr(&state, v.lang, "quote-desk-bad-deadline", &[]);
        return again(
            &state,
            &v,
            &agent,
            &number,
            form,
            message,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let input = NewQuote {
        price: f.price,
        covers: f.covers,
        deadline,
    };
    match quotes::create_quote(&state.app, &agent.actor, &number, input).await {
        Ok(_) => Redirect::to(&format!("/desk/tickets/{number}#quotes")).into_response(),
        Err(AppError::Validation(e)) => {
            again(
                &state,
                &v,
                &agent,
                &number,
                form,
                e.to_string(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::Conflict(m)) => {
            again(&state, &v, &agent, &number, form, m, StatusCode::CONFLICT).await
        }
        Err(AppError::Forbidden(m)) => {
            again(&state, &v, &agent, &number, form, m, StatusCode::FORBIDDEN).await
        }
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}

/// The ticket page again, the form as typed and why it was refused.
async fn again(
    state: &AppState,
    v: &Visitor,
    agent: &StaffSession,
    number: &str,
    form: QuoteForm,
    message: String,
    status: StatusCode,
) -> Response {
    super::ticket::render(
        state,
        v,
        agent,
        number,
        move |view| {
            if let Some(q) = view.quotes.as_mut() {
                q.form = form;
                q.error = Some(message);
            }
        },
        status,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::instant_in;

    #[test]
    fn a_deadline_is_read_in_the_agents_zone() {
        assert_eq!(
            instant_in("2026-12-10T16:00", "Europe/Prague").as_deref(),
            Some("2026-12-10T15:00:00Z")
        );
        assert_eq!(
            instant_in("2026-07-10 16:00", "Europe/Warsaw").as_deref(),
            Some("2026-07-10T14:00:00Z")
        );
        assert_eq!(
            instant_in("2026-12-10T16:00:00+01:00", "Europe/Lisbon").as_deref(),
            Some("2026-12-10T15:00:00Z")
        );
        assert_eq!(instant_in("tomorrow", "Europe/Prague"), None);
    }
}
