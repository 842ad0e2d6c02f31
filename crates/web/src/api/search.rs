//! Search over tickets: numbers, addresses, company ids and words.

use crate::{
    AppState,
    extract::{ApiQuery, Auth},
    problem::{ApiError, Problem},
};
use axum::{Json, extract::State};
use podpora_app::{
    Page,
    dto::Paged,
    search::{self, SearchHit, SearchQuery},
};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(search_tickets))
}

/// Finds tickets by number, requester's e-mail address, organization's company id, or the
/// words of subjects, messages and attachment names, blind to case and diacritics (`lodz`
/// finds `Łódź`). Exact matches come first, then the best matching texts; each hit shows the
/// matching text as written with the matched words marked. Staff find what their role lets
/// them see; an organization key its organization's tickets, without internal notes.
#[utoipa::path(get, path = "/api/v1/search", tag = "tickets", params(SearchQuery, Page), responses(
    (status = 200, description = "success", body = Paged<SearchHit>),
    (status = 422, description = "the query is empty, too long or has nothing to search for", body = Problem)))]
async fn search_tickets(
    State(s): State<AppState>,
    Auth(actor): Auth,
    ApiQuery(q): ApiQuery<SearchQuery>,
    ApiQuery(page): ApiQuery<Page>,
) -> Result<Json<Paged<SearchHit>>, ApiError> {
    Ok(Json(search::search(&s.app.db, &actor, &q, page).await?))
}
