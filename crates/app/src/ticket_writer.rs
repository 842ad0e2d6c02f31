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
    tickets::{Article, TicketToWrite, insert_many_in, insert_ticket},
};
use podpora_core::TicketNumberFormat;
use podpora_store::{
    Db,
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
    let mut tx = db.begin().await?;
    let mut items: Vec<TicketToWrite> = jobs
        .iter()
        .map(|j| TicketToWrite {
            row: j.row.clone(),
            article: j.article.clone(),
            files: Vec::new(),
            clocks: j.clocks.clone(),
            actor: j.actor.audit_name(),
        })
        .collect();
    insert_many_in(&mut tx, format, &mut items).await?;
    tx.commit().await?;
    Ok(items
        .into_iter()
        .map(|t| (t.row, Article::from_row(t.article, Vec::new())))
        .collect())
}
