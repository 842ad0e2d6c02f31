//! Group commit for new tickets on SQLite.
//!
//! SQLite has one writer, and every statement is a round trip to its thread; opening tickets one
//! transaction each spends most of the time in those round trips. Requests that arrive together
//! are written together instead: one transaction takes all their numbers at once and inserts
//! their tickets, first articles and history rows with one statement each. Every request still
//! gets its answer only after the commit, so a `201` always means the ticket is durable. If a
//! batch fails (say a referenced contact was deleted in between), each ticket is retried alone,
//! so one bad request never fails its neighbours.

use crate::{
    Actor, Result,
    tickets::{Article, insert_ticket},
};
use podpora_core::TicketNumberFormat;
use podpora_store::{
    Db, repo,
    rows::{ArticleRow, ClockRow, TicketRow},
};
use std::sync::{Arc, OnceLock};
use tokio::sync::{mpsc, oneshot};

/// Most tickets written in one transaction.
const MAX_BATCH: usize = 128;

pub(crate) struct Job {
    pub row: TicketRow,
    pub article: ArticleRow,
    pub clocks: Vec<ClockRow>,
    pub actor: Actor,
    pub reply: oneshot::Sender<Result<(TicketRow, Article)>>,
}

/// The queue into the writer task, started on first use.
#[derive(Debug, Clone, Default)]
pub(crate) struct TicketWriter {
    queue: Arc<OnceLock<Option<mpsc::UnboundedSender<Job>>>>,
}

impl TicketWriter {
    /// The queue, or `None` when the database is not SQLite (the caller writes directly).
    pub fn queue(
        &self,
        db: &Db,
        format: &TicketNumberFormat,
    ) -> Option<&mpsc::UnboundedSender<Job>> {
        self.queue
            .get_or_init(|| {
                let (tx, rx) = mpsc::unbounded_channel();
                db.spawn_on_writer(run(db.clone(), format.clone(), rx))
                    .then_some(tx)
            })
            .as_ref()
    }
}

async fn run(db: Db, format: TicketNumberFormat, mut rx: mpsc::UnboundedReceiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = rx.recv().await {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(j) => batch.push(j),
                Err(_) => break,
            }
        }
        let jobs: Vec<Job> = std::mem::take(&mut batch);
        match write_batch(&db, &format, &jobs).await {
            Ok(results) => {
                for (job, result) in jobs.into_iter().zip(results) {
                    let _ = job.reply.send(Ok(result));
                }
            }
            Err(e) => {
                tracing::debug!(error = %e, size = jobs.len(), "batch failed; writing its tickets one by one");
                for job in jobs {
                    let r = insert_ticket(
                        &db,
                        &format,
                        &job.actor,
                        job.row,
                        job.article,
                        Vec::new(),
                        job.clocks,
                    )
                    .await;
                    let _ = job.reply.send(r);
                }
            }
        }
    }
}

async fn write_batch(
    db: &Db,
    format: &TicketNumberFormat,
    jobs: &[Job],
) -> Result<Vec<(TicketRow, Article)>> {
    let year = format.year_at(jobs[0].row.created_at);
    if jobs
        .iter()
        .any(|j| format.year_at(j.row.created_at) != year)
    {
        return Err(crate::AppError::Conflict("a batch spans two years".into()));
    }
    let mut tx = db.begin().await?;
    let n = jobs.len() as i64;
    let last = repo::tickets::next_numbers(&mut tx, i64::from(year), n).await?;
    let mut rows: Vec<TicketRow> = jobs.iter().map(|j| j.row.clone()).collect();
    for (i, r) in rows.iter_mut().enumerate() {
        r.number = format.format(year, last - n + 1 + i as i64).to_string();
    }
    let ids = repo::tickets::insert_many(&mut tx, &rows).await?;
    for (id, number) in ids {
        if let Some(r) = rows.iter_mut().find(|r| r.number == number) {
            r.id = id;
        }
    }
    let mut articles: Vec<ArticleRow> = jobs.iter().map(|j| j.article.clone()).collect();
    for (a, r) in articles.iter_mut().zip(&rows) {
        a.ticket_id = r.id;
    }
    for (id, ticket_id) in repo::articles::insert_many(&mut tx, &articles).await? {
        if let Some(a) = articles.iter_mut().find(|a| a.ticket_id == ticket_id) {
            a.id = id;
        }
    }
    let clocks: Vec<ClockRow> = jobs
        .iter()
        .zip(&rows)
        .flat_map(|(j, r)| {
            j.clocks.iter().cloned().map(move |mut c| {
                c.ticket_id = r.id;
                c
            })
        })
        .collect();
    repo::sla::insert_clocks(&mut tx, &clocks).await?;
    let actors: Vec<String> = jobs.iter().map(|j| j.actor.audit_name()).collect();
    let summaries: Vec<String> = rows
        .iter()
        .map(|r| format!("{} via {}", r.number, r.channel))
        .collect();
    let changes: Vec<repo::audit::Change<'_>> = rows
        .iter()
        .zip(&actors)
        .zip(&summaries)
        .map(|((r, actor), summary)| repo::audit::Change {
            entity: "ticket",
            entity_id: r.id,
            actor,
            at: r.created_at,
            field: "created",
            old_value: None,
            new_value: Some(summary.clone()),
            reason: None,
        })
        .collect();
    repo::audit::record_many(&mut tx, &changes).await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .zip(articles)
        .map(|(r, a)| (r, Article::from_row(a, Vec::new())))
        .collect())
}
