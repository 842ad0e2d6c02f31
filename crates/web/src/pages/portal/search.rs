//! Searching the customer's requests from their list: the index, the ranking and the scope of
//! the API's search (their own requests or organization, never internal notes).

use super::requests::status_key;
use crate::AppState;
use crate::pages::layout::{Page, failed, tr};
use crate::pages::session::Visitor;
use axum::http::StatusCode;
use axum::response::Response;
use podpora_app::search::{self, SearchQuery};
use podpora_app::{Actor, AppError, Page as Paging};
use podpora_core::TicketStatus;
use podpora_core::text::search::SnippetPart;
use serde::Serialize;

#[derive(Serialize)]
struct Hit {
    number: String,
    subject: String,
    status: String,
    snippet: Vec<SnippetPart>,
}

#[derive(Serialize)]
struct SearchView {
    searching: bool,
    q: String,
    error: Option<String>,
    hits: Vec<Hit>,
    total: i64,
}

/// The list page showing the requests that match `q`, best first.
pub(super) async fn results(
    state: &AppState,
    v: &Visitor,
    actor: &Actor,
    q: &str,
    page: Option<u32>,
) -> Response {
    let paging = Paging {
        page,
        per_page: Some(50),
    };
    let query = SearchQuery { q: q.to_string() };
    let (hits, total, error, status) =
        match search::search(&state.app.db, actor, &query, paging).await {
            Ok(found) => {
                let hits = found
                    .items
                    .into_iter()
                    .map(|h| Hit {
                        status: h
                            .status
                            .parse::<TicketStatus>()
                            .map(|s| tr(state, v.lang, &status_key(s), &[]))
                            .unwrap_or(h.status),
                        number: h.number,
                        subject: h.subject,
                        snippet: h.snippet,
                    })
                    .collect();
                (hits, found.total, None, StatusCode::OK)
            }
            // The use case's reasons are for developers; the customer gets one in their language.
            Err(AppError::Validation(_)) => (
                Vec::new(),
                0,
                Some(tr(state, v.lang, "web-search-invalid", &[])),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            Err(e) => return failed(state, v, &e),
        };
    Page {
        template: "requests",
        title: tr(state, v.lang, "web-search-title", &[("query", q.into())]),
        notice: None,
        view: &SearchView {
            searching: true,
            q: q.to_string(),
            error,
            hits,
            total,
        },
        status,
    }
    .render(state, v)
}
