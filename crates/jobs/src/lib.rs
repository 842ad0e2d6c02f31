//! Background work. The SLA scheduler wakes every few seconds and runs one pass of
//! [`podpora_app::sla::tick`]; everything it does is recorded in the database, so a pass missed
//! while the server was down happens at the next start, exactly once.

use podpora_app::App;
use std::time::Duration;

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
