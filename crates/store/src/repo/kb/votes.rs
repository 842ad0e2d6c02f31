//! "Did this help?": one answer per reader and article. Answering again changes the answer;
//! the translation's counters always equal the answers kept.

use crate::{Result, Tx, on_tx};

/// One reader's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbVoteRow {
    pub article_id: i64,
    /// Who answered: `contact:7`, `org-key:3`, `anon:<hash>`…
    pub voter: String,
    /// The text answered about.
    pub translation_id: i64,
    /// Its language.
    pub language: String,
    pub helpful: bool,
    /// UTC month, YYYY-MM.
    pub month: String,
    pub contact_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub at: i64,
}

/// What a vote did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteOutcome {
    /// The reader's first answer about the article.
    Counted,
    /// The reader answered before, otherwise: the answer was changed.
    Changed,
    /// The same answer again: nothing changed.
    Unchanged,
}

async fn bump(tx: &mut Tx<'_>, translation_id: i64, helpful: bool, by: i64) -> Result<()> {
    let sql = if helpful {
        "UPDATE kb_translations SET helpful = MAX0(helpful + $2) WHERE id = $1"
    } else {
        "UPDATE kb_translations SET unhelpful = MAX0(unhelpful + $2) WHERE id = $1"
    };
    // Never below zero, whatever older data says: GREATEST on PostgreSQL, MAX on SQLite.
    let sql = match tx.backend() {
        crate::Backend::Sqlite => sql.replace("MAX0(", "MAX(0, "),
        crate::Backend::Postgres => sql.replace("MAX0(", "GREATEST(0, "),
    };
    on_tx!(tx, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(translation_id).bind(by)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Keeps a reader's answer about an article, replacing an earlier one, and keeps the
/// translations' counters in step.
pub async fn cast_vote(tx: &mut Tx<'_>, v: &KbVoteRow) -> Result<VoteOutcome> {
    // Two answers of one reader at once must not both count: on PostgreSQL the article's row
    // is locked until the transaction ends (SQLite writes one transaction at a time anyway).
    if tx.backend() == crate::Backend::Postgres {
        on_tx!(tx, c => sqlx::query("SELECT id FROM kb_articles WHERE id = $1 FOR UPDATE")
            .bind(v.article_id).execute(c).await.map(|r| r.rows_affected()))?;
    }
    let before: Option<(i64, bool)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT translation_id, helpful FROM kb_votes WHERE article_id = $1 AND voter = $2")
        .bind(v.article_id).bind(&v.voter).fetch_optional(c).await)?;
    if before == Some((v.translation_id, v.helpful)) {
        return Ok(VoteOutcome::Unchanged);
    }
    if let Some((t, helpful)) = before {
        bump(tx, t, helpful, -1).await?;
    }
    bump(tx, v.translation_id, v.helpful, 1).await?;
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO kb_votes (article_id, voter, translation_id, language, helpful, month, contact_id, organization_id, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (article_id, voter) DO UPDATE SET translation_id = excluded.translation_id,
            language = excluded.language, helpful = excluded.helpful, month = excluded.month,
            contact_id = excluded.contact_id, organization_id = excluded.organization_id, at = excluded.at")
        .bind(v.article_id).bind(&v.voter).bind(v.translation_id).bind(&v.language).bind(v.helpful)
        .bind(&v.month).bind(v.contact_id).bind(v.organization_id).bind(v.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(if before.is_some() {
        VoteOutcome::Changed
    } else {
        VoteOutcome::Counted
    })
}

/// A reader's answer about an article, if any (true: it helped).
pub async fn vote_of(tx: &mut Tx<'_>, article_id: i64, voter: &str) -> Result<Option<bool>> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "SELECT helpful FROM kb_votes WHERE article_id = $1 AND voter = $2")
        .bind(article_id).bind(voter).fetch_optional(c).await)?)
}
