//! Prepared answers (canned responses): one text per name and language.

use crate::{Result, Tx, on_tx};

/// A stored prepared answer.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AnswerRow {
    /// Id.
    pub id: i64,
    /// The name agents pick it by, shared by its translations.
    pub name: String,
    /// Language code (`sk`, `cs`, `pl`, `en`).
    pub language: String,
    /// The text with its placeholders.
    pub body: String,
    /// Created (ms since the epoch).
    pub created_at: i64,
    /// Last changed (ms since the epoch).
    pub updated_at: i64,
}

const COLS: &str = "id, name, language, body, created_at, updated_at";

/// Stores a new answer; a second one of the same name and language is a conflict.
pub async fn insert(tx: &mut Tx<'_>, a: &AnswerRow) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO canned_responses (name, language, body, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(&a.name).bind(&a.language).bind(&a.body).bind(a.created_at).bind(a.updated_at)
        .fetch_one(c).await)?)
}

/// Replaces an answer's name, language and text.
pub async fn update(tx: &mut Tx<'_>, a: &AnswerRow) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE canned_responses SET name = $2, language = $3, body = $4, updated_at = $5 WHERE id = $1")
        .bind(a.id).bind(&a.name).bind(&a.language).bind(&a.body).bind(a.updated_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Deletes an answer.
pub async fn delete(tx: &mut Tx<'_>, id: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM canned_responses WHERE id = $1")
        .bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// One answer.
pub async fn get(tx: &mut Tx<'_>, id: i64) -> Result<AnswerRow> {
    let sql = format!("SELECT {COLS} FROM canned_responses WHERE id = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, AnswerRow>(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_one(c).await)?,
    )
}

/// Every answer, or those of one language, by name.
pub async fn list(tx: &mut Tx<'_>, language: Option<&str>) -> Result<Vec<AnswerRow>> {
    let sql = format!(
        "SELECT {COLS} FROM canned_responses WHERE ($1 IS NULL OR language = $1) ORDER BY name, language"
    );
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, AnswerRow>(sqlx::AssertSqlSafe(sql))
        .bind(language).fetch_all(c).await)?,
    )
}
