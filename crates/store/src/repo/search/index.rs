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
        // The ticket's scope is copied from its row (written earlier in this transaction).
        // `WHERE true` keeps SQLite from reading `ON CONFLICT` as the join's `ON`.
        let sql = format!(
            "INSERT INTO search_docs (source, source_id, ticket_id, internal, folded,
                organization_id, requester_id, team_id, assignee_id)
             SELECT v.column1, v.column2, v.column3, v.column4, v.column5,
                t.organization_id, t.requester_id, t.team_id, t.assignee_id
             FROM (VALUES {}) AS v LEFT JOIN tickets t ON t.id = v.column3
             WHERE true
             ON CONFLICT (source, source_id) DO UPDATE SET ticket_id = excluded.ticket_id,
                internal = excluded.internal, folded = excluded.folded,
                organization_id = excluded.organization_id, requester_id = excluded.requester_id,
                team_id = excluded.team_id, assignee_id = excluded.assignee_id",
            rows_params(tx.backend(), chunk.len(), 5)
        );
        let folded: Vec<String> = chunk.iter().map(|d| index_text(d.text)).collect();
        crate::write_on_tx!(tx, sql, q => {
            let mut q = q;
            for (d, f) in chunk.iter().zip(&folded) {
                q = q.bind(d.source.as_str()).bind(d.source_id).bind(d.ticket_id).bind(d.internal).bind(f);
            }
            q
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

/// The scope of a ticket as its index documents carry it.
#[derive(Debug, Clone, Copy)]
pub struct Scope {
    /// The ticket's organization.
    pub organization_id: Option<i64>,
    /// Its requester.
    pub requester_id: Option<i64>,
    /// Its team.
    pub team_id: Option<i64>,
    /// Its assignee.
    pub assignee_id: Option<i64>,
}

/// Copies a ticket's scope to its documents, in the caller's transaction (the documents of an
/// unchanged scope are not rewritten).
pub async fn rescope(tx: &mut Tx<'_>, ticket_id: i64, s: Scope) -> Result<()> {
    on_tx!(tx, c => sqlx::query(
        "UPDATE search_docs SET organization_id = $2, requester_id = $3, team_id = $4, assignee_id = $5
         WHERE ticket_id = $1 AND (COALESCE(organization_id, 0) <> COALESCE($2, 0)
            OR COALESCE(requester_id, 0) <> COALESCE($3, 0) OR COALESCE(team_id, 0) <> COALESCE($4, 0)
            OR COALESCE(assignee_id, 0) <> COALESCE($5, 0))")
        .bind(ticket_id).bind(s.organization_id).bind(s.requester_id).bind(s.team_id).bind(s.assignee_id)
        .execute(c).await.map(|r| r.rows_affected()))?;
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
