//! Suggestions while a customer types a new request: the articles most relevant to
//! the words so far, for that customer (their language, their products, their plan). Each form
//! carries a random token; what it was shown, the article opened from it and whether the
//! request was sent after all are kept, so a request avoided can be counted.

use super::{KbHit, month, read::find, who};
use crate::{Actor, App, Result, now_ms};
use podpora_core::Language;
use podpora_store::repo::{self, kb::KbSuggestionRow};

/// Most articles suggested at once.
pub const SUGGESTIONS: i64 = 5;
/// Only the start of a long description is looked at.
const SUGGEST_INPUT_CHARS: usize = 1000;

/// A fresh token for a new-request form.
pub fn new_form_token() -> Result<String> {
    crate::actor::new_token("kbs")
}

/// Whether `token` looks like one [`new_form_token`] gave.
fn token_ok(token: &str) -> bool {
    token.len() == 52
        && token.starts_with("kbs_")
        && token[4..].chars().all(|c| c.is_ascii_hexdigit())
}

/// The articles suggested for what a customer has typed so far; kept with the form's token
/// (when it is one) for the report.
pub async fn suggest(
    app: &App,
    actor: &Actor,
    token: &str,
    typed: &str,
    lang: Language,
) -> Result<Vec<KbHit>> {
    let now = now_ms();
    let typed: String = typed.chars().take(SUGGEST_INPUT_CHARS).collect();
    let hits = find(app, Some(actor), &typed, lang, None, SUGGESTIONS, now).await?;
    if actor.is_customer() && token_ok(token) && !hits.is_empty() {
        let (contact_id, organization_id) = who(Some(actor));
        let row = KbSuggestionRow {
            token: token.to_string(),
            contact_id,
            organization_id,
            language: lang.as_str().into(),
            month: month(now),
            query: typed
                .trim()
                .chars()
                .filter(|c| !c.is_control())
                .take(200)
                .collect(),
            shown: hits.iter().map(|h| h.article_id).collect(),
            at: now,
        };
        // Kept for the report after the answer: the customer waits for the suggestions, not
        // for the database to make a note of them durable.
        let db = app.db.clone();
        tokio::spawn(async move {
            let done = async {
                let mut tx = db.begin().await?;
                repo::kb::suggestions_shown(&mut tx, &row).await?;
                tx.commit().await
            };
            if let Err(e) = done.await {
                tracing::warn!(error = %e, "suggestions shown were not recorded");
            }
        });
    }
    Ok(hits)
}

/// Notes that the customer opened suggested article `article_id` from form `token`.
pub async fn suggestion_opened(
    app: &App,
    actor: &Actor,
    token: &str,
    article_id: i64,
) -> Result<bool> {
    if !actor.is_customer() || !token_ok(token) {
        return Ok(false);
    }
    let (contact_id, organization_id) = who(Some(actor));
    let mut tx = app.db.begin().await?;
    let marked = repo::kb::suggestion_opened(
        &mut tx,
        token,
        organization_id,
        contact_id,
        article_id,
        now_ms(),
    )
    .await?;
    tx.commit().await?;
    Ok(marked)
}

/// Notes that form `token` was sent as request `number`: not a request avoided.
pub async fn request_sent(app: &App, token: &str, number: &str) -> Result<()> {
    if !token_ok(token) {
        return Ok(());
    }
    let mut tx = app.db.begin().await?;
    repo::kb::suggestion_sent(&mut tx, token, number, now_ms()).await?;
    tx.commit().await?;
    Ok(())
}
