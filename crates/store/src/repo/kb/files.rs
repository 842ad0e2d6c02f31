//! Files of articles (images above all): the rows; the bytes live in the content-addressed
//! file store beside ticket attachments.

use crate::{Result, Tx, on_tx};

/// A file of an article as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct KbFileRow {
    pub id: i64,
    pub article_id: i64,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: Option<i64>,
    pub created_at: i64,
}

const COLS: &str =
    "id, article_id, filename, content_type, size_bytes, sha256, uploaded_by, created_at";

/// Records a file of an article; returns its id.
pub async fn insert_file(tx: &mut Tx<'_>, f: &KbFileRow) -> Result<i64> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO kb_files (article_id, filename, content_type, size_bytes, sha256, uploaded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(f.article_id).bind(&f.filename).bind(&f.content_type).bind(f.size_bytes)
        .bind(&f.sha256).bind(f.uploaded_by).bind(f.created_at).fetch_one(c).await)?)
}

/// The files of an article, in the order they were added.
pub async fn files_of(tx: &mut Tx<'_>, article_id: i64) -> Result<Vec<KbFileRow>> {
    let sql = format!("SELECT {COLS} FROM kb_files WHERE article_id = $1 ORDER BY id");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, KbFileRow>(sqlx::AssertSqlSafe(sql))
        .bind(article_id).fetch_all(c).await)?,
    )
}

/// One file by id.
pub async fn get_file(tx: &mut Tx<'_>, id: i64) -> Result<KbFileRow> {
    let sql = format!("SELECT {COLS} FROM kb_files WHERE id = $1");
    Ok(
        on_tx!(tx, c => sqlx::query_as::<_, KbFileRow>(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_one(c).await)?,
    )
}

/// Removes file `id` of article `article_id`; returns whether there was one. The bytes stay
/// until the sweep finds nothing refers to them.
pub async fn delete_file(tx: &mut Tx<'_>, article_id: i64, id: i64) -> Result<bool> {
    let n = on_tx!(tx, c => sqlx::query("DELETE FROM kb_files WHERE id = $1 AND article_id = $2")
        .bind(id).bind(article_id).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// The distinct SHA-256 hashes of every article's file (to find stored bytes nothing refers to).
pub async fn file_hashes(tx: &mut Tx<'_>) -> Result<Vec<String>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT DISTINCT sha256 FROM kb_files")
        .fetch_all(c).await)?,
    )
}
