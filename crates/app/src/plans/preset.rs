//! A demo started from a preset: the preset's catalogue, the demo customers and tickets, and each
//! demo customer on one of the preset's plans (highest rank first), handed over today.

use super::*;
use crate::{App, demo};

const PRESET_KEY: &str = "preset_loaded";

/// Loads the preset `name` (catalogue text `toml`) and the demo data into an empty database, or
/// reuses them when this database was started with the same preset before; a database holding
/// another preset, or demo data without one, is refused.
pub async fn demo_with_preset(app: &App, name: &str, toml: &str) -> Result<demo::DemoInfo> {
    let cli = Actor::Cli;
    let mut tx = app.db.read().await?;
    let loaded = repo::settings::get(&mut tx, PRESET_KEY).await?;
    let demo_loaded = repo::settings::get(&mut tx, "demo_loaded").await?.is_some();
    drop(tx);
    let fresh = match loaded {
        Some(n) if n == name => false,
        Some(n) => {
            return Err(AppError::Conflict(format!(
                "this data directory holds the preset {n}; start {name} with a fresh --data-dir"
            )));
        }
        None if demo_loaded => {
            return Err(AppError::Conflict(format!(
                "this data directory holds the demo without a preset; start {name} with a fresh --data-dir"
            )));
        }
        None => true,
    };
    if fresh {
        catalogue::load(&app.db, &cli, toml).await?;
    }
    let info = demo::load(app).await?;
    if fresh {
        let today = day_of(now_ms());
        let plans = list_plans(&app.db, &cli).await?;
        let page = crate::Page {
            page: Some(1),
            per_page: Some(200),
        };
        let orgs = crate::organizations::list(&app.db, &cli, page).await?.items;
        for (org, plan) in orgs.into_iter().map(|o| o.id).zip(plans.iter()) {
            set_handover(
                &app.db,
                &cli,
                org,
                NewHandover {
                    handed_over_on: today.to_string(),
                    asset_id: None,
                },
            )
            .await?;
            create_contract(
                &app.db,
                &cli,
                NewContract {
                    organization_id: org,
                    plan_id: plan.id,
                    asset_id: None,
                    starts_on: today.to_string(),
                    ends_on: None,
                },
            )
            .await?;
        }
        let mut tx = app.db.begin().await?;
        repo::settings::put(&mut tx, PRESET_KEY, name).await?;
        tx.commit().await?;
    }
    Ok(info)
}
