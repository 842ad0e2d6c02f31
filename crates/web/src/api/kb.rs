//! The knowledge base: staff write articles, their texts per language and versions, and read
//! the reports; any caller (an organization's key included) searches and reads what its
//! audience may, and an article for other plans is "not found".

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, ApiQuery, Auth},
    problem::{ApiError, Problem},
};
use axum::response::Response;
use axum::{Json, extract::State, http::StatusCode};
use podpora_app::{
    Page,
    dto::{AttachmentUpload, Paged},
    kb::{
        self, ArticleInput, ArticleMeta, ArticleSummary, ArticleView, KbFile, KbHit, KbQuery,
        KbReport, ReadBefore, ReaderArticle, TextInput, VersionView, VoteOutcome,
    },
};
use podpora_core::Language;
use serde::Deserialize;
use serde::Serialize;
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
        .routes(routes!(add_file, list_files))
        .routes(routes!(remove_file))
        .routes(routes!(download_file))
        .routes(routes!(vote))
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

/// Adds an image or file to an article (staff): checked like ticket attachments (a file name,
/// the attachment size limit, a media type). The answer's `markdown` shows it in a text.
#[utoipa::path(post, path = "/api/v1/kb/articles/{id}/files", tag = "kb", params(("id" = i64, Path)), request_body = AttachmentUpload, responses(
    (status = 201, description = "added", body = KbFile), (status = 403, description = "staff only", body = Problem),
    (status = 404, description = "not found", body = Problem),
    (status = 422, description = "no file name, too large, not base64 or not a media type; nothing was stored", body = Problem)))]
async fn add_file(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(upload): ApiJson<AttachmentUpload>,
) -> Result<Created<KbFile>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(kb::add_file(&s.app, &a, id, &upload).await?),
    ))
}

/// The images and files of an article (staff), in the order they were added.
#[utoipa::path(get, path = "/api/v1/kb/articles/{id}/files", tag = "kb", params(("id" = i64, Path)), responses(
    (status = 200, description = "success", body = Vec<KbFile>), (status = 403, description = "staff only", body = Problem),
    (status = 404, description = "not found", body = Problem)))]
async fn list_files(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<KbFile>>, ApiError> {
    Ok(Json(kb::files(&s.app, &a, id).await?))
}

/// Removes a file from an article (staff); a text still naming it shows nothing there.
#[utoipa::path(delete, path = "/api/v1/kb/articles/{id}/files/{file_id}", tag = "kb", params(("id" = i64, Path), ("file_id" = i64, Path)), responses(
    (status = 204, description = "removed"), (status = 403, description = "staff only", body = Problem),
    (status = 404, description = "not found", body = Problem)))]
async fn remove_file(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath((id, file_id)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    kb::remove_file(&s.app, &a, id, file_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Downloads an article's file, for a caller who may read the article (its media type is in
/// the article's file list); anyone else is told it is not found.
#[utoipa::path(get, path = "/api/v1/kb/files/{file_id}", tag = "kb", params(("file_id" = i64, Path)), responses(
    (status = 200, description = "the file", content_type = "application/octet-stream"),
    (status = 404, description = "not found", body = Problem)))]
async fn download_file(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(file_id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let (f, bytes) = kb::fetch(&s.app, Some(&a), file_id).await?;
    // Always bytes here, so the answer is what the document says; pages serve images as such.
    let f = KbFile {
        content_type: "application/octet-stream".into(),
        image: false,
        ..f
    };
    Ok(crate::pages::kb_file_response(&f, bytes))
}

/// An answer to "did this help?".
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct VoteInput {
    /// The language of the text read (`sk`, `cs`, `pl`, `en`; default `sk`): the nearest one
    /// published is counted.
    #[serde(default)]
    lang: Option<Language>,
    /// Whether the article helped.
    helpful: bool,
}

/// What a vote did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct VoteAnswer {
    /// `counted` (a first answer), `changed` (the caller had answered otherwise) or
    /// `unchanged` (the same answer again: nothing was added).
    outcome: String,
}

/// Answers "did this help?" about an article the caller may read. One answer per caller and
/// article: answering again changes the answer instead of adding one.
#[utoipa::path(post, path = "/api/v1/kb/read/{id}/vote", tag = "kb", params(("id" = i64, Path)), request_body = VoteInput, responses(
    (status = 200, description = "kept", body = VoteAnswer), (status = 404, description = "not found", body = Problem),
    (status = 422, description = "invalid input", body = Problem)))]
async fn vote(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(v): ApiJson<VoteInput>,
) -> Result<Json<VoteAnswer>, ApiError> {
    let lang = v.lang.unwrap_or(Language::Sk);
    let outcome = kb::vote(&s.app, Some(&a), None, id, lang, v.helpful).await?;
    Ok(Json(VoteAnswer {
        outcome: match outcome {
            VoteOutcome::Counted => "counted",
            VoteOutcome::Changed => "changed",
            VoteOutcome::Unchanged => "unchanged",
        }
        .into(),
    }))
}
