//! Writing the index: documents added or replaced inside the caller's transaction, and the
//! one-time indexing of what was stored before the index existed.

use crate::{Db, Result, Tx, on_tx, repo::rows_params};
use podpora_core::{ArticleKind, text::index_text};

/// Where an indexed text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A ticket's subject.
    Ticket,
    /// An article's text.
    Article,
    /// An attachment's file name.
    Attachment,
}

impl Source {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Ticket => "ticket",
            Source::Article => "article",
            Source::Attachment => "attachment",
        }
    }

    /// The source of a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ticket" => Some(Source::Ticket),
            "article" => Some(Source::Article),
            "attachment" => Some(Source::Attachment),
            _ => None,
        }
    }
}

/// A text to index, as written; it is folded on the way in.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    /// What the text is.
    pub source: Source,
    /// The id of its row in the source's table.
    pub source_id: i64,
    /// The ticket it belongs to.
    pub ticket_id: Option<i64>,
    /// Staff only: customers never find it.
    pub internal: bool,
    /// The text as written.
    pub text: &'a str,
}

/// Whether an article of stored kind `kind` is for staff only; an unknown kind counts as such,
/// so a customer never finds a text whose visibility is not known.
pub(crate) fn internal_kind(kind: &str) -> bool {
    !kind
        .parse::<ArticleKind>()
        .is_ok_and(ArticleKind::is_public)
}

/// Adds documents to the index, replacing any of the same source and id.
pub async fn index(tx: &mut Tx<'_>, docs: &[Doc<'_>]) -> Result<()> {
    for chunk in docs.chunks(200) {
        let sql = format!(
            "INSERT INTO search_docs (source, source_id, ticket_id, internal, folded) VALUES {}
             ON CONFLICT (source, source_id) DO UPDATE SET ticket_id = excluded.ticket_id,
                internal = excluded.internal, folded = excluded.folded",
            rows_params(tx.backend(), chunk.len(), 5)
        );
        let folded: Vec<String> = chunk.iter().map(|d| index_text(d.text)).collect();
        on_tx!(tx, c => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (d, f) in chunk.iter().zip(&folded) {
                q = q.bind(d.source.as_str()).bind(d.source_id).bind(d.ticket_id).bind(d.internal).bind(f);
            }
            q.execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// Replaces the text of one indexed document (say, a ticket's changed subject).
pub async fn reindex(tx: &mut Tx<'_>, source: Source, source_id: i64, text: &str) -> Result<()> {
    let folded = index_text(text);
    on_tx!(tx, c => sqlx::query(
        "UPDATE search_docs SET folded = $3 WHERE source = $1 AND source_id = $2 AND folded <> $3")
        .bind(source.as_str()).bind(source_id).bind(&folded).execute(c).await.map(|r| r.rows_affected()))?;
    Ok(())
}

const BACKFILL_KEY: &str = "search.backfill";
const BACKFILL_BATCH: i64 = 1000;

/// Indexes everything stored before the index existed, once: the migration that created the
/// index leaves a marker, removed when done. Each batch commits on its own, so a large
/// database is not one long transaction; an interrupted run starts again where documents are
/// missing (adding a document twice replaces it).
pub async fn backfill_pending(db: &Db) -> Result<()> {
    let mut tx = db.read().await?;
    if crate::repo::settings::get(&mut tx, BACKFILL_KEY)
        .await?
        .as_deref()
        != Some("pending")
    {
        return Ok(());
    }
    drop(tx);
    let mut after = 0;
    loop {
        let mut tx = db.begin().await?;
        let rows: Vec<(i64, String)> = on_tx!(&mut tx, c => sqlx::query_as(
            "SELECT id, subject FROM tickets WHERE id > $1 ORDER BY id LIMIT $2")
            .bind(after).bind(BACKFILL_BATCH).fetch_all(c).await)?;
        let Some(last) = rows.last().map(|r| r.0) else {
            break;
        };
        let docs: Vec<Doc<'_>> = rows
            .iter()
            .map(|(id, subject)| Doc {
                source: Source::Ticket,
                source_id: *id,
                ticket_id: Some(*id),
                internal: false,
                text: subject,
            })
            .collect();
        index(&mut tx, &docs).await?;
        tx.commit().await?;
        after = last;
    }
    for (source, sql) in [
        (
            Source::Article,
            "SELECT id, ticket_id, kind, body_text FROM articles WHERE id > $1 ORDER BY id LIMIT $2",
        ),
        (
            Source::Attachment,
            "SELECT a.id, r.ticket_id, r.kind, a.filename FROM attachments a
             JOIN articles r ON r.id = a.article_id WHERE a.id > $1 ORDER BY a.id LIMIT $2",
        ),
    ] {
        let mut after = 0;
        loop {
            let mut tx = db.begin().await?;
            let rows: Vec<(i64, i64, String, String)> = on_tx!(&mut tx, c => sqlx::query_as(sql)
                .bind(after).bind(BACKFILL_BATCH).fetch_all(c).await)?;
            let Some(last) = rows.last().map(|r| r.0) else {
                break;
            };
            let docs: Vec<Doc<'_>> = rows
                .iter()
                .map(|(id, ticket_id, kind, text)| Doc {
                    source,
                    source_id: *id,
                    ticket_id: Some(*ticket_id),
                    internal: internal_kind(kind),
                    text,
                })
                .collect();
            index(&mut tx, &docs).await?;
            tx.commit().await?;
            after = last;
        }
    }
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, c => sqlx::query("DELETE FROM settings WHERE key = $1")
        .bind(BACKFILL_KEY).execute(c).await.map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(())
}
