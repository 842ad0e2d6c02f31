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
    App, Result,
    tickets::{Article, TicketToWrite, insert_many_in, insert_ticket},
};
use podpora_store::rows::TicketRow;
use std::sync::{Arc, OnceLock};
use tokio::sync::{mpsc, oneshot};

/// Most tickets written in one transaction.
const MAX_BATCH: usize = 128;

pub(crate) struct Job {
    /// A ticket without files (those go through [`insert_ticket`] directly).
    pub ticket: TicketToWrite,
    /// The ticket, its first article (or the one added, when the request joined an open ticket
    /// as the same request sent again) and whether it joined.
    pub reply: oneshot::Sender<Result<(TicketRow, Article, bool)>>,
}

/// The queue into the writer task, started on first use.
#[derive(Debug, Clone, Default)]
pub(crate) struct TicketWriter {
    queue: Arc<OnceLock<Option<mpsc::UnboundedSender<Job>>>>,
}

impl TicketWriter {
    /// The queue, or `None` when the database is not SQLite (the caller writes directly).
    pub fn queue(&self, app: &App) -> Option<&mpsc::UnboundedSender<Job>> {
        self.queue
            .get_or_init(|| {
                let (tx, rx) = mpsc::unbounded_channel();
                // The task holds the application without this queue: holding the queue too,
                // it would keep its own receiver open and never end.
                let mut writer = app.clone();
                writer.ticket_writer = TicketWriter::default();
                app.db.spawn_on_writer(run(writer, rx)).then_some(tx)
            })
            .as_ref()
    }
}

async fn run(app: App, mut rx: mpsc::UnboundedReceiver<Job>) {
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
        match write_batch(&app, &jobs).await {
            Ok(results) => {
                for (job, result) in jobs.into_iter().zip(results) {
                    let _ = job.reply.send(Ok(result));
                }
            }
            Err(e) => {
                tracing::debug!(error = %e, size = jobs.len(), "batch failed; writing its tickets one by one");
                for job in jobs {
                    let r = insert_ticket(&app, job.ticket).await;
                    let _ = job.reply.send(r);
                }
            }
        }
    }
}

async fn write_batch(app: &App, jobs: &[Job]) -> Result<Vec<(TicketRow, Article, bool)>> {
    let mut tx = app.db.begin().await?;
    // The history, clocks, index entries and confirmations go to SQLite together, at the commit.
    tx.defer_writes();
    // Cloned, so that a failed batch can write each ticket alone.
    let mut items: Vec<TicketToWrite> = jobs.iter().map(|j| j.ticket.clone()).collect();
    insert_many_in(app, &mut tx, &mut items).await?;
    tx.commit().await?;
    Ok(items
        .into_iter()
        .map(|t| (t.row, Article::from_row(t.article, Vec::new()), t.joined))
        .collect())
}
