//! Background work, one home for every worker a node runs beside its listeners:
//!
//! | worker | what it does | woken by |
//! |---|---|---|
//! | [`run_sla_scheduler`] | one pass of [`podpora_app::sla::tick`]: warnings, breaches, escalations | a timer |
//! | [`run_mail_processor`] | processes stored inbound mail (and any a crash left pending) | a stored message, or 5 s |
//! | [`run_outbox`] | delivers queued mail through a [`Transport`], recording each answer | queued mail, or 5 s |
//! | [`run_checkpoints`] | copies the SQLite WAL into the database file, beside the writer | a timer |
//! | [`sweep_files_once`] | removes attachment files left by interrupted or refused writes | start-up |
//!
//! Every worker keeps its state in the database and claims its work there (one node at a time
//! per item), so any number of nodes may run them all; a pass missed while a node was down
//! happens at the next start, exactly once.

use podpora_app::{App, mail, outbox, tickets};
use std::{future::Future, sync::Arc, time::Duration};
use tokio::task::JoinSet;

/// Runs the SLA scheduler until the task is dropped or aborted.
pub async fn run_sla_scheduler(app: App, every: Duration) {
    let mut interval = tokio::time::interval(every);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        if let Err(e) = podpora_app::sla::tick(&app, podpora_app::now_ms()).await {
            tracing::warn!(error = %e, "SLA scheduler pass failed; retrying at the next tick");
        }
    }
}

/// Checkpoints the SQLite WAL every `every` until the task is dropped, so that the single
/// writer never does it on commit; ends at once on PostgreSQL, which has no WAL of ours.
pub async fn run_checkpoints(app: App, every: Duration) {
    let mut interval = tokio::time::interval(every);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        match app.db.checkpoint().await {
            Ok(Some(_)) => {}
            Ok(None) => return,
            Err(e) => {
                tracing::warn!(error = %e, "checkpointing the database failed; retrying at the next tick")
            }
        }
    }
}

/// Processes stored messages as they arrive (and any left pending by a crash).
pub async fn run_mail_processor(app: App) {
    loop {
        match mail::process_pending(&app, 200).await {
            Ok(0) => {
                let _ =
                    tokio::time::timeout(Duration::from_secs(5), app.mail_wakeup.notified()).await;
            }
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %e, "processing received mail failed; retrying shortly");
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        }
    }
}

/// A relay's acceptance of a message.
#[derive(Debug, Clone)]
pub struct Accepted {
    /// The relay's reply, e.g. `250 2.0.0 Ok: queued as 4Xyz`.
    pub response: String,
    /// When it arrived (epoch milliseconds).
    pub at_ms: i64,
}

/// Why a message was not delivered.
#[derive(Debug, Clone)]
pub struct Refused {
    /// Retrying will not help (a 5xx reply, an unusable address).
    pub permanent: bool,
    /// What went wrong, with the relay's reply when there was one.
    pub message: String,
}

/// Something that delivers a built message (an SMTP relay in production).
pub trait Transport: Send + Sync + 'static {
    /// Sends `raw` from `from` to `to`.
    fn send(
        &self,
        from: &str,
        to: &[String],
        raw: &[u8],
    ) -> impl Future<Output = Result<Accepted, Refused>> + Send;
}

/// Delivers the outbox through `transport`, recording each acceptance or failure.
pub async fn run_outbox<T: Transport>(app: App, transport: Arc<T>) {
    loop {
        let batch = match outbox::claim_due(&app, 20).await {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!(error = %e, "reading the outbox failed; retrying shortly");
                tokio::time::sleep(Duration::from_secs(2)).await;
                continue;
            }
        };
        if batch.is_empty() {
            let _ =
                tokio::time::timeout(Duration::from_secs(5), app.outbox_wakeup.notified()).await;
            continue;
        }
        let mut sends = JoinSet::new();
        for m in batch {
            let (app, transport) = (app.clone(), transport.clone());
            sends.spawn(async move {
                let r = match transport.send(&m.from, &m.to, &m.raw).await {
                    Ok(a) => tickets::record_sent(&app, m.id, &a.response, a.at_ms).await,
                    Err(e) => outbox::record_failure(&app, m.id, &e.message, e.permanent).await,
                };
                if let Err(e) = r {
                    tracing::warn!(outbox = m.id, error = %e, "recording a delivery failed");
                }
            });
        }
        while sends.join_next().await.is_some() {}
    }
}

/// Removes leftover attachment files once (a write interrupted by a kill leaves a temporary
/// file; a transaction that failed after storing its files leaves files nothing refers to).
pub async fn sweep_files_once(app: App) {
    match podpora_app::files::sweep_leftovers(&app).await {
        Ok(r) if r.temporary + r.orphans > 0 => tracing::info!(
            temporary = r.temporary,
            orphans = r.orphans,
            "removed leftover attachment files"
        ),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "cannot sweep leftover attachment files"),
    }
}
