//! Searching tickets from the workspace: the header's box leads here. The use case ranks the
//! hits and applies the agent's scope (a technician finds their teams' and their own tickets);
//! this page only words them, in pages of results.

use super::{Staff, needs, words};
use crate::AppState;
use crate::pages::layout::{Page, failed, percent_encode, tr};
use crate::pages::session::Visitor;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use podpora_app::search::{self, MatchedIn, SearchHit, SearchQuery};
use podpora_app::{AppError, Page as Paging};
use podpora_core::auth::Permission;
use podpora_core::text::search::SnippetPart;
use serde::{Deserialize, Serialize};

/// Hits on one page of results.
const PER_PAGE: u32 = 20;

/// The search page, for agents who read tickets.
pub fn routes(state: AppState) -> Router<AppState> {
    needs(
        Permission::ReadTickets,
        state,
        Router::new().route("/desk/search", get(results)),
    )
}

/// The query string; both as text, so a mistyped page number shows the first page instead
/// of a bare refusal.
#[derive(Deserialize)]
struct SearchForm {
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: String,
}

#[derive(Serialize)]
struct Hit {
    number: String,
    subject: String,
    status: String,
    matched: String,
    snippet: Vec<SnippetPart>,
}

#[derive(Serialize)]
struct View {
    q: String,
    searched: bool,
    error: Option<String>,
    hits: Vec<Hit>,
    total: i64,
    page: u32,
    pages: i64,
    prev: Option<String>,
    next: Option<String>,
}

/// The address of page `page` of the results for `q`.
fn page_href(q: &str, page: i64) -> String {
    format!("/desk/search?q={}&page={page}", percent_encode(q))
}

/// `GET /desk/search?q=…&page=…`: the tickets matching `q` the agent may see, best first.
async fn results(
    State(state): State<AppState>,
    v: Visitor,
    Staff(agent): Staff,
    Query(f): Query<SearchForm>,
) -> Response {
    let q = f.q.trim().to_string();
    let page = f.page.trim().parse::<u32>().unwrap_or(1).max(1);
    let mut view = View {
        q: q.clone(),
        searched: false,
        error: None,
        hits: Vec::new(),
        total: 0,
        page,
        pages: 0,
        prev: None,
        next: None,
    };
    if q.is_empty() {
        return render(&state, &v, &view, StatusCode::OK);
    }
    let paging = Paging {
        page: Some(page),
        per_page: Some(PER_PAGE),
    };
    let query = SearchQuery { q: q.clone() };
    let found = match search::search(&state.app.db, &agent.actor, &query, paging).await {
        Ok(found) => found,
        // The use case's reasons are for developers; the agent gets one in their language.
        Err(AppError::Validation(_)) => {
            view.error = Some(tr(&state, v.lang, "desk-search-invalid", &[]));
            return render(&state, &v, &view, StatusCode::UNPROCESSABLE_ENTITY);
        }
        Err(e) => return failed(&state, &v, &e),
    };
    let pages = (found.total + i64::from(PER_PAGE) - 1) / i64::from(PER_PAGE);
    view.searched = true;
    view.total = found.total;
    view.pages = pages;
    view.prev = (page > 1).then(|| page_href(&q, i64::from(page) - 1));
    view.next = (i64::from(page) < pages).then(|| page_href(&q, i64::from(page) + 1));
    view.hits = found
        .items
        .into_iter()
        .map(|h| {
            let matched = matched_key(&h);
            Hit {
                status: words::status(&state, v.lang, &h.status),
                matched: tr(&state, v.lang, matched, &[]),
                number: h.number,
                subject: h.subject,
                snippet: h.snippet,
            }
        })
        .collect();
    render(&state, &v, &view, StatusCode::OK)
}

fn render(state: &AppState, v: &Visitor, view: &View, status: StatusCode) -> Response {
    let title = if view.q.is_empty() {
        tr(state, v.lang, "desk-search-title-empty", &[])
    } else {
        tr(
            state,
            v.lang,
            "desk-search-title",
            &[("query", view.q.clone().into())],
        )
    };
    Page {
        template: "desk/search/results",
        title,
        notice: None,
        view,
        status,
    }
    .render(state, v)
}

/// The message naming where a hit matched.
fn matched_key(h: &SearchHit) -> &'static str {
    match h.matched_in {
        MatchedIn::Number => "desk-search-matched-number",
        MatchedIn::Email => "desk-search-matched-email",
        MatchedIn::CompanyId => "desk-search-matched-company-id",
        MatchedIn::Subject => "desk-search-matched-subject",
        MatchedIn::Attachment => "desk-search-matched-attachment",
        MatchedIn::Note => "desk-search-matched-note",
        MatchedIn::Article => "desk-search-matched-message",
    }
}
