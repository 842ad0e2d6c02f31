//! The knowledge-base search on a ticket's own page: a GET form that returns the ticket page
//! with articles in the customer's language, each with "insert a link" and "insert the text"
//! into the reply (links that open the page with the reply started, as the ticket's
//! knowledge-base page offers; the workspace's script inserts at the cursor instead, keeping
//! what was typed).

use super::*;
use podpora_app::desk::StaffSession;

/// Most articles the ticket page lists.
const INLINE_HITS: i64 = 5;

/// One article found for the ticket.
#[derive(Serialize)]
pub(crate) struct InlineHit {
    id: i64,
    title: String,
    language: &'static str,
    fallback: bool,
    language_name: String,
    /// The page with the reply started with a link to the article.
    link_href: String,
    /// The page with the reply started with the article's text.
    text_href: String,
    /// What "insert a link" puts into the reply.
    link_text: String,
    /// What "insert the text" puts into the reply.
    body_text: String,
}

/// The search box and what it found, for the ticket page.
#[derive(Serialize, Default)]
pub(crate) struct InlineSearch {
    q: String,
    searched: bool,
    language_name: String,
    hits: Vec<InlineHit>,
}

/// A text for a reply with the article's files at full addresses (a mail has no site to be
/// relative to).
pub(crate) fn absolute_files(text: &str, base: &str) -> String {
    text.replace(
        &format!("({}/", kb::FILES_PATH),
        &format!("({base}{}/", kb::FILES_PATH),
    )
}

fn enc(s: &str) -> String {
    crate::pages::layout::percent_encode(s)
}

/// Searches articles for ticket `number`'s customer in their language (`q` empty: only the
/// box). Failures leave the box empty rather than the ticket page unshown.
pub(crate) async fn inline_search(
    state: &AppState,
    v: &Visitor,
    agent: &StaffSession,
    number: &str,
    q: &str,
    headers: &axum::http::HeaderMap,
) -> InlineSearch {
    let Ok(lang) = kb::customer_language(&state.app, &agent.actor, number).await else {
        return InlineSearch::default();
    };
    let q: String = q.trim().chars().take(kb::QUERY_MAX_CHARS).collect();
    let mut out = InlineSearch {
        searched: !q.is_empty(),
        language_name: tr(
            state,
            v.lang,
            &format!("web-kb-lang-{}", lang.as_str()),
            &[],
        ),
        q,
        hits: Vec::new(),
    };
    if !out.searched {
        return out;
    }
    let query = KbQuery {
        q: out.q.clone(),
        lang: Some(lang),
        category: None,
    };
    let hits = match kb::search(&state.app, Some(&agent.actor), &query, INLINE_HITS).await {
        Ok(h) => h,
        Err(e) => {
            tracing::warn!(error = %e, "the ticket page's article search failed");
            return out;
        }
    };
    let base = crate::pages::portal_url(&v.settings, headers);
    for h in hits {
        let Ok(a) = kb::read(
            &state.app,
            Some(&agent.actor),
            h.article_id,
            h.language,
            false,
        )
        .await
        else {
            continue;
        };
        let page = |how: &str| {
            format!(
                "/desk/tickets/{number}?kb_insert={}&kb_lang={}&kb_as={how}&kb_q={}#reply",
                h.article_id,
                h.language.as_str(),
                enc(&out.q)
            )
        };
        out.hits.push(InlineHit {
            id: h.article_id,
            link_href: page("link"),
            text_href: page("text"),
            link_text: format!("{}: {base}/portal/help/{}", a.title, h.article_id),
            body_text: absolute_files(&format!("{}\n\n{}", a.title, a.body_text), &base),
            language: h.language.as_str(),
            fallback: h.fallback,
            language_name: tr(
                state,
                v.lang,
                &format!("web-kb-lang-{}", h.language.as_str()),
                &[],
            ),
            title: h.title,
        });
    }
    out
}
