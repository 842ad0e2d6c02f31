//! Articles on tickets and their attachments.

use crate::{
    Result, Tx, on_tx,
    repo::search,
    rows::{ArticleRow, AttachmentRow},
};

/// Inserts an article and indexes its text; returns its id.
pub async fn insert(tx: &mut Tx<'_>, a: &ArticleRow) -> Result<i64> {
    let id: i64 = on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO articles (ticket_id, kind, author_agent_id, author_contact_id, author_name, body_text, body_html, message_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
        .bind(a.ticket_id).bind(a.kind.as_str()).bind(a.author_agent_id).bind(a.author_contact_id).bind(&a.author_name)
        .bind(&a.body_text).bind(&a.body_html).bind(&a.message_id).bind(a.created_at)
        .fetch_one(c).await)?;
    search::index(
        tx,
        &[article_doc(id, a.ticket_id, a.kind.as_str(), &a.body_text)],
    )
    .await?;
    Ok(id)
}

/// The index document of an article's text.
fn article_doc<'a>(id: i64, ticket_id: i64, kind: &str, text: &'a str) -> search::Doc<'a> {
    search::Doc {
        source: search::Source::Article,
        source_id: id,
        ticket_id: Some(ticket_id),
        internal: search::internal_kind(kind),
        text,
    }
}

/// The index documents of attachment names; `articles` maps article ids to (ticket, kind).
fn attachment_docs<'a>(
    written: &'a [(i64, i64, String)],
    articles: &[(i64, i64, String)],
) -> Vec<search::Doc<'a>> {
    written
        .iter()
        .map(|(id, article_id, filename)| {
            let article = articles.iter().find(|a| a.0 == *article_id);
            search::Doc {
                source: search::Source::Attachment,
                source_id: *id,
                ticket_id: article.map(|a| a.1),
                internal: article.is_none_or(|a| search::internal_kind(&a.2)),
                text: filename,
            }
        })
        .collect()
}

/// Indexes attachments just written as `(id, article_id, filename)`.
async fn index_attachments(tx: &mut Tx<'_>, written: &[(i64, i64, String)]) -> Result<()> {
    let mut ids: Vec<i64> = written.iter().map(|w| w.1).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut articles: Vec<(i64, i64, String)> = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let params: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT id, ticket_id, kind FROM articles WHERE id IN ({})",
            params.join(", ")
        );
        let found: Vec<(i64, i64, String)> = on_tx!(tx, c => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(*id);
            }
            q.fetch_all(c).await
        })?;
        articles.extend(found);
    }
    search::index(tx, &attachment_docs(written, &articles)).await
}

/// Articles of a ticket, oldest first.
pub async fn list(tx: &mut Tx<'_>, ticket_id: i64, public_only: bool) -> Result<Vec<ArticleRow>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, ArticleRow>(
        "SELECT id, ticket_id, kind, author_agent_id, author_contact_id, author_name, body_text, body_html, message_id, created_at
         FROM articles WHERE ticket_id = $1 AND ($2 = 0 OR kind <> 'internal_note') ORDER BY id")
        .bind(ticket_id).bind(i64::from(public_only)).fetch_all(c).await)?)
}

/// Records an attachment's metadata and indexes its file name.
pub async fn insert_attachment(tx: &mut Tx<'_>, a: &AttachmentRow) -> Result<i64> {
    let id: i64 = on_tx!(tx, c => sqlx::query_scalar(
        "INSERT INTO attachments (article_id, filename, content_type, size_bytes, sha256) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(a.article_id).bind(&a.filename).bind(&a.content_type).bind(a.size_bytes).bind(&a.sha256)
        .fetch_one(c).await)?;
    index_attachments(tx, &[(id, a.article_id, a.filename.clone())]).await?;
    Ok(id)
}

/// Inserts many attachments, a few hundred rows per statement, and indexes their file names.
pub async fn insert_attachments(tx: &mut Tx<'_>, rows: &[AttachmentRow]) -> Result<()> {
    for chunk in rows.chunks(500) {
        let sql = format!(
            "INSERT INTO attachments (article_id, filename, content_type, size_bytes, sha256) VALUES {}
             RETURNING id, article_id, filename",
            crate::repo::rows_params(tx.backend(), chunk.len(), 5)
        );
        let written: Vec<(i64, i64, String)> = on_tx!(tx, c => {
            let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
            for a in chunk {
                q = q.bind(a.article_id).bind(&a.filename).bind(&a.content_type).bind(a.size_bytes).bind(&a.sha256);
            }
            q.fetch_all(c).await
        })?;
        index_attachments(tx, &written).await?;
    }
    Ok(())
}

/// Attachments of the articles of a ticket.
pub async fn attachments_of_ticket(tx: &mut Tx<'_>, ticket_id: i64) -> Result<Vec<AttachmentRow>> {
    Ok(on_tx!(tx, c => sqlx::query_as::<_, AttachmentRow>(
        "SELECT a.id, a.article_id, a.filename, a.content_type, a.size_bytes, a.sha256 FROM attachments a
         JOIN articles r ON r.id = a.article_id WHERE r.ticket_id = $1 ORDER BY a.id")
        .bind(ticket_id).fetch_all(c).await)?)
}

/// An attachment with its article's ticket and kind.
pub async fn get_attachment(tx: &mut Tx<'_>, id: i64) -> Result<(AttachmentRow, i64, String)> {
    let a = on_tx!(tx, c => sqlx::query_as::<_, AttachmentRow>(
        "SELECT id, article_id, filename, content_type, size_bytes, sha256 FROM attachments WHERE id = $1")
        .bind(id).fetch_one(c).await)?;
    let (ticket_id, kind): (i64, String) = on_tx!(tx, c => sqlx::query_as("SELECT ticket_id, kind FROM articles WHERE id = $1")
        .bind(a.article_id).fetch_one(c).await)?;
    Ok((a, ticket_id, kind))
}

/// The ticket and kind of an article.
pub async fn ticket_and_kind(tx: &mut Tx<'_>, article_id: i64) -> Result<(i64, String)> {
    Ok(
        on_tx!(tx, c => sqlx::query_as("SELECT ticket_id, kind FROM articles WHERE id = $1")
        .bind(article_id).fetch_one(c).await)?,
    )
}

/// The distinct SHA-256 hashes of every stored attachment (to find files nothing refers to).
pub async fn attachment_hashes(tx: &mut Tx<'_>) -> Result<Vec<String>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT DISTINCT sha256 FROM attachments")
        .fetch_all(c).await)?,
    )
}

/// Inserts many articles in one statement and indexes their texts; returns `(id, ticket_id)`
/// pairs (in no particular order).
pub async fn insert_many(tx: &mut Tx<'_>, rows: &[ArticleRow]) -> Result<Vec<(i64, i64)>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "INSERT INTO articles (ticket_id, kind, author_agent_id, author_contact_id, author_name, body_text, body_html, message_id, created_at)
         VALUES {} RETURNING id, ticket_id, kind, body_text",
        crate::repo::rows_params(tx.backend(), rows.len(), 9)
    );
    let written: Vec<(i64, i64, String, String)> = on_tx!(tx, c => {
        let mut q = sqlx::query_as::<_, (i64, i64, String, String)>(sqlx::AssertSqlSafe(sql));
        for a in rows {
            q = q.bind(a.ticket_id).bind(a.kind.as_str()).bind(a.author_agent_id).bind(a.author_contact_id).bind(&a.author_name)
                .bind(&a.body_text).bind(&a.body_html).bind(&a.message_id).bind(a.created_at);
        }
        q.fetch_all(c).await
    })?;
    // The rows come back in no particular order, each with its own text.
    let docs: Vec<_> = written
        .iter()
        .map(|(id, ticket_id, kind, text)| article_doc(*id, *ticket_id, kind, text))
        .collect();
    search::index(tx, &docs).await?;
    Ok(written
        .into_iter()
        .map(|(id, ticket_id, _, _)| (id, ticket_id))
        .collect())
}
