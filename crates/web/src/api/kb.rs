//! The knowledge base: staff write articles, their texts per language and versions, and read
//! the reports; any caller (an organization's key included) searches and reads what its
//! audience may, and an article for other plans is "not found".

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, ApiQuery, Auth},
    problem::{ApiError, Problem},
};
use axum::{Json, extract::State, http::StatusCode};
use podpora_app::{
    Page,
    dto::Paged,
    kb::{
        self, ArticleInput, ArticleMeta, ArticleSummary, ArticleView, KbHit, KbQuery, KbReport,
        ReadBefore, ReaderArticle, TextInput, VersionView,
    },
};
use podpora_core::Language;
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create_article, list_articles))
        .routes(routes!(get_article, update_article))
        .routes(routes!(save_text))
        .routes(routes!(publish_text))
        .routes(routes!(withdraw_text))
        .routes(routes!(list_versions))
        .routes(routes!(restore_version))
        .routes(routes!(from_reply))
        .routes(routes!(search_articles))
        .routes(routes!(read_article))
        .routes(routes!(report))
        .routes(routes!(read_before))
}

type Created<T> = (StatusCode, Json<T>);

/// Adds an article, with texts in any of the languages (drafts unless `publish`).
#[utoipa::path(post, path = "/api/v1/kb/articles", tag = "kb", request_body = ArticleInput, responses(
    (status = 201, description = "created", body = ArticleView), (status = 403, description = "staff only", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn create_article(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(input): ApiJson<ArticleInput>,
) -> Result<Created<ArticleView>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(kb::create(&s.app, &a, input).await?),
    ))
}

/// Lists articles for editors, most recently changed first, with the languages published and
/// those still missing.
#[utoipa::path(get, path = "/api/v1/kb/articles", tag = "kb", params(Page), responses(
    (status = 200, description = "success", body = Paged<ArticleSummary>), (status = 403, description = "staff only", body = Problem)))]
async fn list_articles(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiQuery(page): ApiQuery<Page>,
) -> Result<Json<Paged<ArticleSummary>>, ApiError> {
    Ok(Json(kb::list(&s.app, &a, page).await?))
}

/// One article with every language, drafts included, for editors.
#[utoipa::path(get, path = "/api/v1/kb/articles/{id}", tag = "kb", params(("id" = i64, Path)), responses(
    (status = 200, description = "success", body = ArticleView), (status = 404, description = "not found", body = Problem)))]
async fn get_article(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<ArticleView>, ApiError> {
    Ok(Json(kb::get(&s.app, &a, id).await?))
}

/// Changes an article's category, product and audience.
#[utoipa::path(put, path = "/api/v1/kb/articles/{id}", tag = "kb", params(("id" = i64, Path)), request_body = ArticleMeta, responses(
    (status = 200, description = "changed", body = ArticleView), (status = 404, description = "not found", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn update_article(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(meta): ApiJson<ArticleMeta>,
) -> Result<Json<ArticleView>, ApiError> {
    Ok(Json(kb::update(&s.app, &a, id, meta).await?))
}

/// Saves a new text of one language as its newest version (a first text is a draft unless
/// `publish`).
#[utoipa::path(put, path = "/api/v1/kb/articles/{id}/texts/{lang}", tag = "kb",
    params(("id" = i64, Path), ("lang" = String, Path, description = "sk, cs, pl or en")), request_body = TextInput, responses(
    (status = 200, description = "saved", body = ArticleView), (status = 404, description = "not found", body = Problem),
    (status = 422, description = "invalid input; nothing was written", body = Problem)))]
async fn save_text(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath((id, lang)): ApiPath<(i64, Language)>,
    ApiJson(text): ApiJson<TextInput>,
) -> Result<Json<ArticleView>, ApiError> {
    Ok(Json(kb::save_text(&s.app, &a, id, lang, text).await?))
}

/// Publishes one language of an article.
#[utoipa::path(post, path = "/api/v1/kb/articles/{id}/texts/{lang}/publish", tag = "kb",
    params(("id" = i64, Path), ("lang" = String, Path, description = "sk, cs, pl or en")), responses(
    (status = 200, description = "published", body = ArticleView), (status = 404, description = "not found", body = Problem)))]
async fn publish_text(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath((id, lang)): ApiPath<(i64, Language)>,
) -> Result<Json<ArticleView>, ApiError> {
    Ok(Json(kb::publish(&s.app, &a, id, lang, true).await?))
}

/// Withdraws one language of an article to a draft.
#[utoipa::path(post, path = "/api/v1/kb/articles/{id}/texts/{lang}/withdraw", tag = "kb",
    params(("id" = i64, Path), ("lang" = String, Path, description = "sk, cs, pl or en")), responses(
    (status = 200, description = "withdrawn", body = ArticleView), (status = 404, description = "not found", body = Problem)))]
async fn withdraw_text(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath((id, lang)): ApiPath<(i64, Language)>,
) -> Result<Json<ArticleView>, ApiError> {
    Ok(Json(kb::publish(&s.app, &a, id, lang, false).await?))
}

/// Every saved text of one language, newest first: who changed what and when.
#[utoipa::path(get, path = "/api/v1/kb/articles/{id}/texts/{lang}/versions", tag = "kb",
    params(("id" = i64, Path), ("lang" = String, Path, description = "sk, cs, pl or en")), responses(
    (status = 200, description = "success", body = Vec<VersionView>), (status = 404, description = "not found", body = Problem)))]
async fn list_versions(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath((id, lang)): ApiPath<(i64, Language)>,
) -> Result<Json<Vec<VersionView>>, ApiError> {
    Ok(Json(kb::versions(&s.app, &a, id, lang).await?))
}

/// Makes an earlier version the current text again (saved as the newest version).
#[utoipa::path(post, path = "/api/v1/kb/articles/{id}/texts/{lang}/versions/{version}/restore", tag = "kb",
    params(("id" = i64, Path), ("lang" = String, Path, description = "sk, cs, pl or en"), ("version" = i64, Path)), responses(
    (status = 200, description = "restored", body = ArticleView), (status = 404, description = "not found", body = Problem)))]
async fn restore_version(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath((id, lang, version)): ApiPath<(i64, Language, i64)>,
) -> Result<Json<ArticleView>, ApiError> {
    Ok(Json(kb::restore(&s.app, &a, id, lang, version).await?))
}

/// Turns a message of a ticket (a reply, say) into a draft article for staff, in the
/// customer's language, titled by the ticket's subject.
#[utoipa::path(post, path = "/api/v1/kb/from-reply/{article_id}", tag = "kb", params(("article_id" = i64, Path, description = "the ticket message")), responses(
    (status = 201, description = "a draft was created", body = ArticleView), (status = 404, description = "not found", body = Problem)))]
async fn from_reply(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(article_id): ApiPath<i64>,
) -> Result<Created<ArticleView>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(kb::from_reply(&s.app, &a, article_id).await?),
    ))
}

/// Finds articles the caller may read, best first: blind to diacritics, tolerant of word
/// endings, titles over bodies, the language asked for first. Searches by customers are
/// counted for the report.
#[utoipa::path(get, path = "/api/v1/kb/search", tag = "kb", params(KbQuery), responses(
    (status = 200, description = "success", body = Vec<KbHit>), (status = 422, description = "the query is too long", body = Problem)))]
async fn search_articles(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiQuery(q): ApiQuery<KbQuery>,
) -> Result<Json<Vec<KbHit>>, ApiError> {
    Ok(Json(kb::search(&s.app, Some(&a), &q, 20).await?))
}

/// The language to read in.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ReadQuery {
    /// `sk`, `cs`, `pl` or `en`; the nearest language there is when the article has none in it.
    lang: Option<Language>,
}

/// One published article as its readers see it, in the language asked for or the nearest
/// one; an article the caller may not read is not found.
#[utoipa::path(get, path = "/api/v1/kb/read/{id}", tag = "kb", params(("id" = i64, Path), ReadQuery), responses(
    (status = 200, description = "success", body = ReaderArticle), (status = 404, description = "not found", body = Problem)))]
async fn read_article(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<ReadQuery>,
) -> Result<Json<ReaderArticle>, ApiError> {
    let lang = q.lang.unwrap_or(Language::Sk);
    Ok(Json(kb::read(&s.app, Some(&a), id, lang, true).await?))
}

/// The months of the report.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct ReportQuery {
    /// First month, YYYY-MM (default: `to`).
    from: Option<String>,
    /// Last month, YYYY-MM (default: this month).
    to: Option<String>,
}

/// Views, votes, searches (and those that found nothing) and requests avoided, per month and
/// language.
#[utoipa::path(get, path = "/api/v1/kb/report", tag = "kb", params(ReportQuery), responses(
    (status = 200, description = "success", body = KbReport), (status = 403, description = "staff only", body = Problem),
    (status = 422, description = "a month is not YYYY-MM", body = Problem)))]
async fn report(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> Result<Json<KbReport>, ApiError> {
    Ok(Json(
        kb::report(&s.app, &a, q.from.as_deref(), q.to.as_deref()).await?,
    ))
}

/// The articles a ticket's customer read in the week before opening it.
#[utoipa::path(get, path = "/api/v1/kb/read-before/{number}", tag = "kb", params(("number" = String, Path)), responses(
    (status = 200, description = "success", body = Vec<ReadBefore>), (status = 404, description = "not found", body = Problem)))]
async fn read_before(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(number): ApiPath<String>,
) -> Result<Json<Vec<ReadBefore>>, ApiError> {
    Ok(Json(kb::read_before(&s.app, &a, &number).await?))
}
