//! The portal's help (the knowledge base): browsing and searching in the reader's language,
//! an article (in the nearest language when there is none in the reader's, said so) with "did
//! this help?", open to anyone for public articles; and the suggestions the new-request form
//! fetches while the customer types.

use super::layout::{Page, csrf_refused, failed, not_found, tr, when};
use super::session::Visitor;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use podpora_app::AppError;
use podpora_app::kb::{self, KbHit, KbQuery};
use podpora_core::Language;
use podpora_core::text::search::SnippetPart;
use serde::{Deserialize, Serialize};

/// The help's pages, open to anyone (what each visitor may read is decided per article).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/portal/help", get(index))
        .route("/portal/help/suggest", get(suggest))
        .route("/portal/help/{id}", get(article))
        .route("/portal/help/{id}/vote", post(vote))
        .route("/portal/help/files/{file}", get(file))
}

/// The name of a language in the reader's language.
fn language_name(state: &AppState, lang: Language, of: Language) -> String {
    tr(state, lang, &format!("web-kb-lang-{}", of.as_str()), &[])
}

#[derive(Deserialize, Default)]
pub(crate) struct HelpQuery {
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    category: Option<String>,
}

#[derive(Serialize)]
struct HitView {
    article_id: i64,
    title: String,
    fallback: bool,
    language_name: String,
    snippet: Vec<SnippetPart>,
}

#[derive(Serialize)]
struct CategoryView {
    code: String,
    count: i64,
    href: String,
}

#[derive(Serialize)]
struct HelpView {
    q: String,
    category: Option<String>,
    categories: Vec<CategoryView>,
    searching: bool,
    error: Option<String>,
    hits: Vec<HitView>,
    signed_in: bool,
}

fn hit_view(state: &AppState, lang: Language, h: KbHit) -> HitView {
    HitView {
        article_id: h.article_id,
        fallback: h.fallback,
        language_name: language_name(state, lang, h.language),
        title: h.title,
        snippet: h.snippet,
    }
}

/// `GET /portal/help?q=…&category=…`: the articles found, or all the visitor may read.
async fn index(State(state): State<AppState>, v: Visitor, Query(q): Query<HelpQuery>) -> Response {
    let actor = v.customer.as_ref();
    let text = q.q.clone().unwrap_or_default();
    let category = q.category.clone().filter(|c| !c.trim().is_empty());
    let searching = !text.trim().is_empty();
    let (found, error, status) = if searching {
        let query = KbQuery {
            q: text.clone(),
            lang: Some(v.lang),
            category: category.clone(),
        };
        match kb::search(&state.app, actor, &query, 20).await {
            Ok(h) => (h, None, StatusCode::OK),
            Err(AppError::Validation(_)) => (
                Vec::new(),
                Some(tr(&state, v.lang, "web-kb-search-invalid", &[])),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            Err(e) => return failed(&state, &v, &e),
        }
    } else {
        match kb::browse(&state.app, actor, v.lang, category.as_deref(), 100, 0).await {
            Ok(h) => (h, None, StatusCode::OK),
            Err(e) => return failed(&state, &v, &e),
        }
    };
    let categories = match kb::categories(&state.app, actor).await {
        Ok(c) => c
            .into_iter()
            .map(|(code, count)| CategoryView {
                href: format!(
                    "/portal/help?category={}",
                    super::layout::percent_encode(&code)
                ),
                code,
                count,
            })
            .collect(),
        Err(e) => return failed(&state, &v, &e),
    };
    Page {
        template: "kb/help",
        title: tr(&state, v.lang, "web-kb-title", &[]),
        notice: None,
        view: &HelpView {
            q: text,
            category,
            categories,
            searching,
            error,
            hits: found
                .into_iter()
                .map(|h| hit_view(&state, v.lang, h))
                .collect(),
            signed_in: v.customer.is_some(),
        },
        status,
    }
    .render(&state, &v)
}

#[derive(Deserialize, Default)]
pub(crate) struct ArticleQuery {
    /// The new-request form's token, when the article was opened from its suggestions.
    #[serde(default)]
    s: Option<String>,
    /// Set after answering "did this help?": the answer is thanked for, the view not counted
    /// again.
    #[serde(default)]
    voted: Option<String>,
}

#[derive(Serialize)]
struct ArticleView {
    id: i64,
    title: String,
    language: &'static str,
    page_lang: &'static str,
    fallback: bool,
    language_name: String,
    body_html: String,
    updated: String,
    voted: bool,
    signed_in: bool,
}

/// `GET /portal/help/{id}`: one article, or "not found" for one the visitor may not read.
async fn article(
    State(state): State<AppState>,
    v: Visitor,
    Path(id): Path<String>,
    Query(q): Query<ArticleQuery>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return not_found(&state, &v);
    };
    let actor = v.customer.as_ref();
    let voted = q.voted.is_some();
    let a = match kb::read(&state.app, actor, id, v.lang, !voted).await {
        Ok(a) => a,
        Err(AppError::NotFound(_)) => return not_found(&state, &v),
        Err(e) => return failed(&state, &v, &e),
    };
    if let (Some(token), Some(actor)) = (q.s.as_deref(), actor)
        && let Err(e) = kb::suggestion_opened(&state.app, actor, token, id).await
    {
        tracing::warn!(error = %e, "a suggestion's opening was not recorded");
    }
    Page {
        template: "kb/article",
        title: a.title.clone(),
        notice: None,
        view: &ArticleView {
            id,
            language: a.language.as_str(),
            page_lang: v.lang.as_str(),
            fallback: a.fallback,
            language_name: language_name(&state, v.lang, a.language),
            body_html: a.body_html,
            updated: when(v.lang, &a.updated_at),
            title: a.title,
            voted,
            signed_in: v.customer.is_some(),
        },
        status: StatusCode::OK,
    }
    .render(&state, &v)
}

#[derive(Deserialize)]
pub(crate) struct VoteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    helpful: String,
}

/// `POST /portal/help/{id}/vote`: counts the answer and shows the article again, thanked.
async fn vote(
    State(state): State<AppState>,
    v: Visitor,
    Path(id): Path<String>,
    Form(f): Form<VoteForm>,
) -> Response {
    if !v.csrf_ok(&f.csrf) {
        return csrf_refused(&state, &v);
    }
    let Ok(id) = id.parse::<i64>() else {
        return not_found(&state, &v);
    };
    let lang = f.lang.parse().unwrap_or(v.lang);
    // A reader who is not signed in is told apart by the browser's form cookie (present: the
    // token above matched it), so answering twice changes the answer rather than adding one.
    match kb::vote(
        &state.app,
        v.customer.as_ref(),
        v.csrf_cookie.as_deref(),
        id,
        lang,
        f.helpful == "yes",
    )
    .await
    {
        Ok(_) => Redirect::to(&format!("/portal/help/{id}?voted=1")).into_response(),
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}

/// `GET /portal/help/files/{file}`: an image or file of an article, for whoever may read the
/// article (a signed-in agent: any); "not found" for anyone else.
async fn file(State(state): State<AppState>, v: Visitor, Path(file): Path<String>) -> Response {
    let Ok(file) = file.parse::<i64>() else {
        return not_found(&state, &v);
    };
    let actor = v.agent().map(|s| &s.actor).or(v.customer.as_ref());
    match kb::fetch(&state.app, actor, file).await {
        Ok((f, bytes)) => file_response(&f, bytes),
        Err(AppError::NotFound(_)) => not_found(&state, &v),
        Err(e) => failed(&state, &v, &e),
    }
}

/// An article's file as served: an image inline, anything else as a download under its name;
/// never sniffed, never run as a page (the pages' policy also applies).
pub(crate) fn file_response(f: &kb::KbFile, bytes: Vec<u8>) -> Response {
    use axum::http::{HeaderValue, header};
    let content_type = HeaderValue::from_str(&f.content_type)
        .ok()
        .filter(|_| f.content_type.parse::<mime::Mime>().is_ok())
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let safe_name: String = f
        .filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = if f.image { "inline" } else { "attachment" };
    let disposition = HeaderValue::from_str(&format!("{disposition}; filename=\"{safe_name}\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_DISPOSITION, disposition),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            // Short, and for this browser only: who may read an article can change.
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=300"),
            ),
        ],
        bytes,
    )
        .into_response()
}

#[derive(Deserialize, Default)]
pub(crate) struct SuggestQuery {
    #[serde(default)]
    token: String,
    #[serde(default)]
    q: String,
}

/// One suggestion as the new-request form's script shows it.
#[derive(Serialize)]
struct Suggestion {
    href: String,
    title: String,
    /// The language it is in, when not the reader's.
    note: Option<String>,
}

#[derive(Serialize)]
struct Suggestions {
    items: Vec<Suggestion>,
}

/// `GET /portal/help/suggest?token=…&q=…` (JSON): articles for what a signed-in customer has
/// typed into a new request so far; none for anyone else.
async fn suggest(
    State(state): State<AppState>,
    v: Visitor,
    Query(q): Query<SuggestQuery>,
) -> Response {
    let Some(actor) = v.customer.as_ref() else {
        return Json(Suggestions { items: Vec::new() }).into_response();
    };
    let items = match kb::suggest(&state.app, actor, &q.token, &q.q, v.lang).await {
        Ok(hits) => hits
            .into_iter()
            .map(|h| Suggestion {
                href: format!(
                    "/portal/help/{}?s={}",
                    h.article_id,
                    super::layout::percent_encode(&q.token)
                ),
                note: h
                    .fallback
                    .then(|| language_name(&state, v.lang, h.language)),
                title: h.title,
            })
            .collect(),
        Err(e) => {
            tracing::warn!(error = %e, "suggestions failed");
            Vec::new()
        }
    };
    Json(Suggestions { items }).into_response()
}
