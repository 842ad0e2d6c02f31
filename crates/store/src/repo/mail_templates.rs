//! Mail template texts an administrator saved in the workspace, one per file and language.

use crate::{Result, Tx, on_tx};

/// One stored text.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MailTemplateTextRow {
    /// Id, kept when the text is reverted and saved again.
    pub id: i64,
    /// The template file, such as `confirmation.txt`.
    pub name: String,
    /// `sk`, `cs`, `pl` or `en`.
    pub language: String,
    /// The text; `None` once reverted to the built-in.
    pub source: Option<String>,
    /// Last change (epoch ms).
    pub updated_at: i64,
}

/// Every stored row, reverted ones included.
pub async fn all(tx: &mut Tx<'_>) -> Result<Vec<MailTemplateTextRow>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, MailTemplateTextRow>(
        "SELECT id, name, language, source, updated_at FROM mail_template_texts ORDER BY name, language")
        .fetch_all(c).await)?)
}

/// The row of `name` in `language`, if one was ever saved.
pub async fn get(
    tx: &mut Tx<'_>,
    name: &str,
    language: &str,
) -> Result<Option<MailTemplateTextRow>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, MailTemplateTextRow>(
        "SELECT id, name, language, source, updated_at FROM mail_template_texts WHERE name = $1 AND language = $2")
        .bind(name).bind(language).fetch_optional(c).await)?)
}

/// Stores the text of `name` in `language` (`None` reverts it); returns the row's id.
pub async fn put(
    tx: &mut Tx<'_>,
    name: &str,
    language: &str,
    source: Option<&str>,
    now: i64,
) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO mail_template_texts (name, language, source, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (name, language) DO UPDATE SET source = excluded.source, updated_at = excluded.updated_at
         RETURNING id")
        .bind(name).bind(language).bind(source).bind(now).fetch_one(c).await)?)
}
