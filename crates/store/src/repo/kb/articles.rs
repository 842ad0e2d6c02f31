//! Articles, translations and versions.

use crate::{Result, Tx, on_tx};
use podpora_core::text::stem::stem_text;

/// An article as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct KbArticleRow {
    pub id: i64,
    pub category: Option<String>,
    pub applies_to: Option<String>,
    pub visibility: String,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// One language of an article as stored (without its index words).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct KbTranslationRow {
    pub id: i64,
    pub article_id: i64,
    pub language: String,
    pub title: String,
    pub body: String,
    pub published: bool,
    pub version: i64,
    pub published_at: Option<i64>,
    pub updated_by: Option<i64>,
    pub updated_at: i64,
    pub views: i64,
    pub helpful: i64,
    pub unhelpful: i64,
}

/// One saved text of a translation.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct KbVersionRow {
    pub id: i64,
    pub translation_id: i64,
    pub version: i64,
    pub title: String,
    pub body: String,
    pub changed_by: Option<i64>,
    pub changed_at: i64,
    pub note: String,
}

const ARTICLE_COLS: &str =
    "id, category, applies_to, visibility, created_by, created_at, updated_at";
const TRANSLATION_COLS: &str = "id, article_id, language, title, body, published, version, published_at, updated_by, updated_at, views, helpful, unhelpful";

/// Inserts an article; returns its id.
pub async fn insert_article(tx: &mut Tx<'_>, a: &KbArticleRow) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO kb_articles (category, applies_to, visibility, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
        .bind(&a.category).bind(&a.applies_to).bind(&a.visibility).bind(a.created_by)
        .bind(a.created_at).bind(a.updated_at).fetch_one(c).await)?)
}

/// Changes an article's category, product and visibility.
pub async fn update_article(tx: &mut Tx<'_>, a: &KbArticleRow) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE kb_articles SET category = $2, applies_to = $3, visibility = $4, updated_at = $5 WHERE id = $1")
        .bind(a.id).bind(&a.category).bind(&a.applies_to).bind(&a.visibility).bind(a.updated_at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(crate::StoreError::NotFound);
    }
    Ok(())
}

/// One article.
pub async fn get_article(tx: &mut Tx<'_>, id: i64) -> Result<KbArticleRow> {
    let sql = format!("SELECT {ARTICLE_COLS} FROM kb_articles WHERE id = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, KbArticleRow>(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_one(c).await)?,
    )
}

/// Articles, newest change first.
pub async fn list_articles(tx: &mut Tx<'_>, limit: i64, offset: i64) -> Result<Vec<KbArticleRow>> {
    let sql = format!(
        "SELECT {ARTICLE_COLS} FROM kb_articles ORDER BY updated_at DESC, id DESC LIMIT $1 OFFSET $2"
    );
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, KbArticleRow>(sqlx::AssertSqlSafe(sql))
        .bind(limit).bind(offset).fetch_all(c).await)?,
    )
}

/// Replaces the plans whose customers may read an article.
pub async fn set_plans(tx: &mut Tx<'_>, article_id: i64, plan_ids: &[i64]) -> Result<()> {
    on_tx!(tx, c => sqlx::query("DELETE FROM kb_article_plans WHERE article_id = $1")
        .bind(article_id).execute(c).await.map(|r| r.rows_affected()))?;
    for p in plan_ids {
        on_tx!(tx, c => sqlx::query(
            "INSERT INTO kb_article_plans (article_id, plan_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(article_id).bind(p).execute(c).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// The plans of an article, by id.
pub async fn plans_of(tx: &mut Tx<'_>, article_id: i64) -> Result<Vec<i64>> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "SELECT plan_id FROM kb_article_plans WHERE article_id = $1 ORDER BY plan_id")
        .bind(article_id).fetch_all(c).await)?)
}

/// Every translation of an article, by language code.
pub async fn translations(tx: &mut Tx<'_>, article_id: i64) -> Result<Vec<KbTranslationRow>> {
    let sql = format!(
        "SELECT {TRANSLATION_COLS} FROM kb_translations WHERE article_id = $1 ORDER BY language"
    );
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, KbTranslationRow>(sqlx::AssertSqlSafe(sql))
        .bind(article_id).fetch_all(c).await)?,
    )
}

/// One translation by id.
pub async fn get_translation(tx: &mut Tx<'_>, id: i64) -> Result<KbTranslationRow> {
    let sql = format!("SELECT {TRANSLATION_COLS} FROM kb_translations WHERE id = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, KbTranslationRow>(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_one(c).await)?,
    )
}

/// A new text of an article's language: the first one is inserted (as a draft unless
/// `publish`), a later one replaces the current text and keeps it published or not. Each is
/// kept as a version with `note`. Returns the translation's id and its new version number.
#[allow(clippy::too_many_arguments)]
pub async fn save_text(
    tx: &mut Tx<'_>,
    article_id: i64,
    language: &str,
    title: &str,
    body: &str,
    agent_id: Option<i64>,
    note: &str,
    now: i64,
) -> Result<(i64, i64)> {
    let title_stems = stem_text(title);
    let body_stems = stem_text(body);
    let existing: Option<(i64, i64)> = on_tx!(tx, c => sqlx::query_as(
        "SELECT id, version FROM kb_translations WHERE article_id = $1 AND language = $2")
        .bind(article_id).bind(language).fetch_optional(c).await)?;
    let (id, version) = match existing {
        Some((id, v)) => {
            on_tx!(tx, c => sqlx::query(
                "UPDATE kb_translations SET title = $2, body = $3, version = $4, updated_by = $5,
                    updated_at = $6, title_stems = $7, body_stems = $8 WHERE id = $1")
                .bind(id).bind(title).bind(body).bind(v + 1).bind(agent_id).bind(now)
                .bind(&title_stems).bind(&body_stems).execute(c).await.map(|r| r.rows_affected()))?;
            (id, v + 1)
        }
        None => {
            let id: i64 = on_tx!(tx, c => sqlx::query_scalar(
                "INSERT INTO kb_translations (article_id, language, title, body, published, version,
                    published_at, updated_by, updated_at, views, helpful, unhelpful, title_stems, body_stems)
                 VALUES ($1, $2, $3, $4, FALSE, 1, NULL, $5, $6, 0, 0, 0, $7, $8) RETURNING id")
                .bind(article_id).bind(language).bind(title).bind(body).bind(agent_id).bind(now)
                .bind(&title_stems).bind(&body_stems).fetch_one(c).await)?;
            (id, 1)
        }
    };
    on_tx!(tx, c => sqlx::query(
        "INSERT INTO kb_versions (translation_id, version, title, body, changed_by, changed_at, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(id).bind(version).bind(title).bind(body).bind(agent_id).bind(now).bind(note)
        .execute(c).await.map(|r| r.rows_affected()))?;
    on_tx!(tx, c => sqlx::query("UPDATE kb_articles SET updated_at = $2 WHERE id = $1")
        .bind(article_id).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    Ok((id, version))
}

/// Publishes or withdraws a translation; the first publication is remembered.
pub async fn set_published(
    tx: &mut Tx<'_>,
    translation_id: i64,
    published: bool,
    now: i64,
) -> Result<()> {
    let n = on_tx!(tx, c => sqlx::query(
        "UPDATE kb_translations SET published = $2,
            published_at = CASE WHEN $2 THEN COALESCE(published_at, $3) ELSE published_at END
         WHERE id = $1")
        .bind(translation_id).bind(published).bind(now).execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(crate::StoreError::NotFound);
    }
    Ok(())
}

/// A translation's versions, newest first.
pub async fn versions(tx: &mut Tx<'_>, translation_id: i64) -> Result<Vec<KbVersionRow>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, KbVersionRow>(
        "SELECT id, translation_id, version, title, body, changed_by, changed_at, note
         FROM kb_versions WHERE translation_id = $1 ORDER BY version DESC")
        .bind(translation_id).fetch_all(c).await)?)
}

/// Counts a reader's view of a translation.
pub async fn count_view(tx: &mut Tx<'_>, translation_id: i64) -> Result<()> {
    on_tx!(tx, c => sqlx::query("UPDATE kb_translations SET views = views + 1 WHERE id = $1")
        .bind(translation_id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// How many articles there are.
pub async fn count_articles(tx: &mut Tx<'_>) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM kb_articles").fetch_one(c).await)?)
}
