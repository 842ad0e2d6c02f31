//! What readers did, for reports and for agents: views, votes, searches, and the articles
//! suggested while a request was typed.

use crate::{Result, Tx, on_tx};

/// One thing a reader did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbEventRow {
    /// `view`, `search` or `search_empty` (answers to "did this help?" are votes, one per
    /// reader: see [`super::cast_vote`]).
    pub kind: &'static str,
    pub article_id: Option<i64>,
    /// The language read or searched in.
    pub language: String,
    /// UTC month, YYYY-MM.
    pub month: String,
    pub contact_id: Option<i64>,
    pub organization_id: Option<i64>,
    /// The words searched for.
    pub query: Option<String>,
    pub at: i64,
}

/// Records one event.
pub async fn record_event(tx: &mut Tx<'_>, e: &KbEventRow) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO kb_events (kind, article_id, language, month, contact_id, organization_id, query, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(e.kind).bind(e.article_id).bind(&e.language).bind(&e.month).bind(e.contact_id)
        .bind(e.organization_id).bind(&e.query).bind(e.at).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// The suggestions of one new-request form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbSuggestionRow {
    /// The form's random token.
    pub token: String,
    pub contact_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub language: String,
    pub month: String,
    /// The words the suggestions were found by.
    pub query: String,
    /// The articles shown, by id, best first.
    pub shown: Vec<i64>,
    pub at: i64,
}

/// Records what a form was last suggested; a token of another customer is left alone.
pub async fn suggestions_shown(tx: &mut Tx<'_>, s: &KbSuggestionRow) -> Result<()> {
    let shown = s
        .shown
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO kb_suggestions (token, contact_id, organization_id, language, month, query, shown,
            opened_article_id, ticket_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL, $8, $8)
         ON CONFLICT (token) DO UPDATE SET query = excluded.query, shown = excluded.shown,
            updated_at = excluded.updated_at
         WHERE kb_suggestions.contact_id IS NOT DISTINCT FROM excluded.contact_id
           AND kb_suggestions.organization_id IS NOT DISTINCT FROM excluded.organization_id")
        .bind(&s.token).bind(s.contact_id).bind(s.organization_id).bind(&s.language).bind(&s.month)
        .bind(&s.query).bind(&shown).bind(s.at).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Marks that the customer of form `token` opened suggested article `article_id` (only one it
/// was shown, only before the request is sent). Returns whether it was marked.
pub async fn suggestion_opened(
    tx: &mut Tx<'_>,
    token: &str,
    organization_id: Option<i64>,
    contact_id: Option<i64>,
    article_id: i64,
    at: i64,
) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE kb_suggestions SET opened_article_id = $5, updated_at = $6
         WHERE token = $1 AND organization_id IS NOT DISTINCT FROM $2 AND contact_id IS NOT DISTINCT FROM $3
           AND ticket_id IS NULL AND (',' || shown || ',') LIKE $4")
        .bind(token).bind(organization_id).bind(contact_id).bind(format!("%,{article_id},%"))
        .bind(article_id).bind(at).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Marks that form `token` was sent as request number `number` after all.
pub async fn suggestion_sent(tx: &mut Tx<'_>, token: &str, number: &str, at: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE kb_suggestions SET ticket_id = (SELECT id FROM tickets WHERE number = $2), updated_at = $3
         WHERE token = $1 AND ticket_id IS NULL")
        .bind(token).bind(number).bind(at).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// One figure of the report: a month, a language, what was counted, how many.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct KbCountRow {
    pub month: String,
    pub language: String,
    /// An event kind, `helpful` or `unhelpful` (readers whose last answer in the month it
    /// was), or `suggested` (forms shown suggestions), `opened` (a suggestion
    /// opened), `avoided` (opened and never sent) and `sent_after` (sent after suggestions).
    pub what: String,
    pub n: i64,
}

/// The report's figures for months `from`..=`to` (YYYY-MM).
pub async fn report(tx: &mut Tx<'_>, from: &str, to: &str) -> Result<Vec<KbCountRow>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, KbCountRow>(
        "SELECT month, language, kind AS what, COUNT(*) AS n FROM kb_events
           WHERE month >= $1 AND month <= $2 GROUP BY month, language, kind
         UNION ALL
         SELECT month, language, CASE WHEN helpful THEN 'helpful' ELSE 'unhelpful' END, COUNT(*) FROM kb_votes
           WHERE month >= $1 AND month <= $2 GROUP BY month, language, helpful
         UNION ALL
         SELECT month, language, 'suggested', COUNT(*) FROM kb_suggestions
           WHERE month >= $1 AND month <= $2 AND shown <> '' GROUP BY month, language
         UNION ALL
         SELECT month, language, 'opened', COUNT(*) FROM kb_suggestions
           WHERE month >= $1 AND month <= $2 AND opened_article_id IS NOT NULL GROUP BY month, language
         UNION ALL
         SELECT month, language, 'avoided', COUNT(*) FROM kb_suggestions
           WHERE month >= $1 AND month <= $2 AND opened_article_id IS NOT NULL AND ticket_id IS NULL
           GROUP BY month, language
         UNION ALL
         SELECT month, language, 'sent_after', COUNT(*) FROM kb_suggestions
           WHERE month >= $1 AND month <= $2 AND ticket_id IS NOT NULL AND shown <> '' GROUP BY month, language
         ORDER BY 1, 2, 3")
        .bind(from).bind(to).fetch_all(c).await)?)
}

/// The searches that found nothing in month `month`, most frequent first.
pub async fn empty_searches(
    tx: &mut Tx<'_>,
    month: &str,
    limit: i64,
) -> Result<Vec<(String, String, i64)>> {
    Ok(on_tx!(tx, c => sqlx::query_as(
        "SELECT language, query, COUNT(*) AS n FROM kb_events
         WHERE kind = 'search_empty' AND month = $1 AND query IS NOT NULL
         GROUP BY language, query ORDER BY n DESC, query LIMIT $2")
        .bind(month).bind(limit).fetch_all(c).await)?)
}

/// An article a contact read.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct KbReadRow {
    pub article_id: i64,
    pub language: String,
    pub title: String,
    /// The last time it was read in the window.
    pub at: i64,
}

/// The articles contact `contact_id` read between `since` and `until` (epoch ms), last read first.
pub async fn read_by(
    tx: &mut Tx<'_>,
    contact_id: i64,
    since: i64,
    until: i64,
) -> Result<Vec<KbReadRow>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, KbReadRow>(
        "SELECT e.article_id, e.language, t.title, MAX(e.at) AS at FROM kb_events e
         JOIN kb_translations t ON t.article_id = e.article_id AND t.language = e.language
         WHERE e.kind = 'view' AND e.contact_id = $1 AND e.at >= $2 AND e.at <= $3 AND e.article_id IS NOT NULL
         GROUP BY e.article_id, e.language, t.title ORDER BY at DESC LIMIT 20")
        .bind(contact_id).bind(since).bind(until).fetch_all(c).await)?)
}
