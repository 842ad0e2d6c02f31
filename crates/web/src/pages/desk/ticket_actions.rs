//! The ticket page's further forms: inserting a prepared answer into the reply without script
//! (the page comes back with the filled text added to what was typed), and marking the request
//! out of scope with the scope item's prepared answer sent to the customer.

use super::Staff;
use super::guard::refused;
use super::ticket::{Draft, render};
use crate::AppState;
use crate::pages::layout::{csrf_refused, failed, not_found, tr};
use crate::pages::session::Visitor;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use podpora_app::AppError;
use podpora_app::plans::OutOfScope;
use serde::Deserialize;

/// The reply form as posted by its "insert" button.
#[derive(Deserialize)]
pub struct UseAnswerForm {
    csrf: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    kind: String,
    /// The prepared answer's id.
    #[serde(default)]
    answer: String,
}

/// What was typed with `text` added after a blank line; `text` alone when nothing was typed.
fn with_answer(typed: &str, text: &str) -> String {
    let typed = typed.trim_end();
    if typed.trim().is_empty() {
        text.to_string()
    } else {
        format!("{typed}\n\n{text}")
    }
}

/// `POST /desk/tickets/{number}/answer`: the page again, with the chosen prepared answer,
/// filled in for this ticket, added to the reply's text. Nothing is sent or stored.
pub async fn use_answer(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(number): Path<String>,
    Form(f): Form<UseAnswerForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let answers =
        match podpora_app::desk::answers::ticket_answers(&state.app, &agent.actor, &number).await {
            Ok(a) => a,
            Err(AppError::NotFound(_) | AppError::Validation(_)) => return not_found(&state, &v),
            Err(AppError::Forbidden(_)) => return refused(&state, &v),
            Err(e) => return failed(&state, &v, &e),
        };
    let id: i64 = f.answer.trim().parse().unwrap_or(-1);
    let kind = if f.kind == "note" { "note" } else { "reply" }.to_string();
    let (body, error, status) = match answers.answers.iter().find(|a| a.id == id) {
        Some(a) => (with_answer(&f.body, &a.text), None, StatusCode::OK),
        None => (
            f.body,
            Some(tr(&state, v.lang, "desk-answers-choose", &[])),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    };
    render(
        &state,
        &v,
        &agent,
        &number,
        move |view| {
            view.draft = Draft {
                body,
                kind,
                stale: false,
            };
            view.error = error;
            for a in &mut view.extra.answers {
                a.current = a.id == id;
            }
        },
        status,
    )
    .await
}

/// The out-of-scope form.
#[derive(Deserialize)]
pub struct ScopeForm {
    csrf: String,
    #[serde(default)]
    scope_item: String,
}

/// `POST /desk/tickets/{number}/out-of-scope`: marks the request out of scope through the same
/// use case as the API; the item's prepared answer goes to the customer in their language.
pub async fn out_of_scope(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Path(number): Path<String>,
    Form(f): Form<ScopeForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let input = OutOfScope {
        scope_item_id: f.scope_item.trim().parse().unwrap_or(-1),
    };
    match podpora_app::plans::mark_out_of_scope(&state.app, &agent.actor, &number, input).await {
        Ok(_) => Redirect::to(&format!("/desk/tickets/{number}?done=scope")).into_response(),
        Err(AppError::Validation(_)) => {
            let message = tr(&state, v.lang, "desk-scope-choose", &[]);
            render(
                &state,
                &v,
                &agent,
                &number,
                move |view| view.error = Some(message),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(AppError::Forbidden(_)) => refused(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}

#[cfg(test)]
mod tests {
    use super::with_answer;

    #[test]
    fn an_answer_is_added_after_what_was_typed() {
        assert_eq!(with_answer("", "Dobrý deň"), "Dobrý deň");
        assert_eq!(with_answer("  \n", "Dobrý deň"), "Dobrý deň");
        assert_eq!(with_answer("Ahoj\n", "Text"), "Ahoj\n\nText");
    }
}
