//! Building the application from configuration and serving it on any listener.

use crate::config::Config;
use anyhow::Context;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use podpora_app::{App, AppConfig};
use podpora_store::{Db, DbOptions};
use podpora_web::{AppState, WebConfig};
use std::{future::Future, sync::OnceLock};
use tokio::net::TcpListener;

/// The process-wide metrics recorder (installed on first use).
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new().build_recorder();
            let handle = recorder.handle();
            // Another recorder may already be installed (tests start many servers in one
            // process); the handle still renders what this recorder sees.
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}

/// Connects to the database, applies migrations and prepares the data directory.
pub async fn build_app(cfg: &Config) -> anyhow::Result<App> {
    std::fs::create_dir_all(&cfg.data_dir).with_context(|| {
        format!(
            "cannot create the data directory {}; choose another with --data-dir",
            cfg.data_dir.display()
        )
    })?;
    let url = cfg.database_url();
    let db = Db::connect(&url, &DbOptions::default())
        .await
        .with_context(|| format!("cannot open the database {}", redact(&url)))?;
    db.migrate()
        .await
        .context("cannot apply database migrations")?;
    let app = App::new(
        db,
        AppConfig {
            ticket_numbers: podpora_core::TicketNumberFormat {
                prefix: cfg.tickets.number_prefix.clone(),
                width: cfg.tickets.number_width,
                time_zone: cfg.tickets.time_zone.clone(),
            },
            attachment_max_bytes: cfg.limits.attachment_max_bytes,
            duplicate_window_hours: cfg.tickets.duplicate_window_hours,
            data_dir: cfg.data_dir.clone(),
            mail: crate::mailwire::mail_config(&cfg.mail),
            admins_need_second_factor: cfg.web.admins_need_second_factor,
        },
    );
    app.load_mail_texts()
        .await
        .context("cannot read the mail templates stored in the database")?;
    app.load_support_addresses()
        .await
        .context("cannot read the support addresses stored in the database")?;
    Ok(app)
}

/// Hides the password of a database URL in messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Serves the API on `listener` until `shutdown` completes; in-flight requests finish first.
pub async fn serve(
    app: App,
    cfg: &Config,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let router = podpora_web::router(
        AppState {
            app: app.clone(),
            metrics: metrics_handle(),
        },
        &WebConfig {
            body_max_bytes: usize::try_from(cfg.limits.body_max_bytes).unwrap_or(usize::MAX),
            secure_cookies: cfg.web.secure_cookies,
            public_url: Some(cfg.web.public_url.clone()).filter(|u| !u.trim().is_empty()),
            trusted_proxies: cfg.web.proxies()?,
        },
    );
    let scheduler = (cfg.sla.tick_seconds > 0).then(|| {
        tokio::spawn(podpora_jobs::run_sla_scheduler(
            app.clone(),
            std::time::Duration::from_secs(cfg.sla.tick_seconds),
        ))
    });
    tokio::spawn(podpora_jobs::sweep_files_once(app.clone()));
    let checkpoints = tokio::spawn(podpora_jobs::run_checkpoints(
        app.clone(),
        std::time::Duration::from_millis(250),
    ));
    let refresher = tokio::spawn(refresh_stored_settings(app.clone()));
    let mut mail_tasks = crate::mailwire::start(&app, cfg).await?;
    let served = podpora_web::serve(listener, router, shutdown).await;
    if let Some(s) = scheduler {
        s.abort();
    }
    mail_tasks.abort_all();
    refresher.abort();
    checkpoints.abort();
    served?;
    app.db.close().await;
    Ok(())
}

/// Rereads the mail texts and support addresses administrators store in the workspace every
/// half minute, so that a node behind the same load balancer picks up a change made on another
/// (the node that made it has it at once).
async fn refresh_stored_settings(app: App) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(30));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    every.tick().await;
    loop {
        every.tick().await;
        if let Err(e) = app.load_mail_texts().await {
            tracing::warn!(error = %e, "cannot reread the stored mail templates");
        }
        if let Err(e) = app.load_support_addresses().await {
            tracing::warn!(error = %e, "cannot reread the stored support addresses");
        }
    }
}

/// Completes on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_passwords() {
        assert_eq!(
            super::redact("postgres://u:secret@h:5432/d"),
            "postgres://u:***@h:5432/d"
        );
        assert_eq!(super::redact("sqlite://data/p.db"), "sqlite://data/p.db");
    }
}
