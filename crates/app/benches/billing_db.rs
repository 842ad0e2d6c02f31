//! The month's usage and charges of every customer on a real database: 10,000 organizations
//! with 1,000,000 time entries (100,000 tickets, 500,000 interventions), a third of them on a
//! plan with included minutes, a fifth with a prepaid package; `billing::month_usage_all`
//! reads everything and rates every intervention up to the month's end.
//!
//! Run: `cargo bench -p podpora-app --bench billing_db` (SQLite in a temporary directory);
//! `PODPORA_BENCH_DB=postgres` for PostgreSQL (the test harness's server, or
//! `PODPORA_TEST_POSTGRES_URL`); `PODPORA_BENCH_ORGS=n` for another size (100 entries each).

use podpora_app::{Actor, billing, plans};
use podpora_store::{Db, DbOptions};
use podpora_testkit::{Backend, TestDb};
use std::time::Instant;

const LIST: &str = r#"currency = "EUR"
[[rates]]
kind = "on_site"
per_hour = "50.00"
rounding = "started_hour"
[[rates]]
kind = "remote"
per_hour = "45.00"
rounding = "started_half_hour"
free_up_to_minutes = 15
[[rates]]
kind = "phone"
per_hour = "45.00"
rounding = "started_half_hour"
[[fees]]
fee = "visit"
amount = "100.00"
"#;

/// Organizations, tickets, entries, contracts and packages written with set-based SQL.
async fn seed(url: &str, backend: Backend, orgs: i64, plan: i64) {
    // 2026-09-01 00:00 UTC; entries spread over September to November.
    let base: i64 = 1_788_220_800_000;
    let series = |n: &str| match backend {
        Backend::Sqlite => format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n}) SELECT i FROM n"
        ),
        Backend::Postgres => {
            format!("SELECT i FROM generate_series(1::BIGINT, ({n})::BIGINT) AS i")
        }
    };
    let statements = [
        format!(
            "INSERT INTO organizations (id, name, country, language, price_level, created_at, updated_at)
             SELECT i, 'Org ' || i, CASE WHEN i % 2 = 0 THEN 'SK' ELSE 'CZ' END, 'sk', 'standard', $2, $2
             FROM ({}) s",
            series("$1")
        ),
        format!(
            "INSERT INTO tickets (id, number, subject, organization_id, urgency, channel, status, created_at, updated_at)
             SELECT i, 'B' || i, 'Bench', (i - 1) / 10 + 1, 'normal', 'api', 'open', $2, $2 FROM ({}) s",
            series("$1 * 10")
        ),
        // Ten entries a ticket, two an intervention; kinds remote, remote, on site, phone.
        format!(
            "INSERT INTO time_entries (ticket_id, kind, started_at, minutes, intervention, visits, billable,
                created_by, created_at, updated_at)
             SELECT (i - 1) / 10 + 1,
                 CASE i % 4 WHEN 2 THEN 'on_site' WHEN 3 THEN 'phone' ELSE 'remote' END,
                 $2 + ((i * 7919) % 129600) * 60000, 5 + i % 90, ((i - 1) % 10) / 2 + 1,
                 CASE WHEN i % 8 = 2 THEN 1 ELSE 0 END, i % 13 <> 0, 'bench', $2, $2
             FROM ({}) s",
            series("$1 * 100")
        ),
        format!(
            "INSERT INTO contracts (organization_id, plan_id, starts_on, created_at)
             SELECT i, $3, '2026-01-01', $2 FROM ({}) s WHERE i % 3 = 0",
            series("$1")
        ),
        format!(
            "INSERT INTO prepaid_packages (organization_id, minutes, bought_at, expires_at, created_by, created_at)
             SELECT i, 600, $2 - 86400000, $2 + 31536000000, 'bench', $2 FROM ({}) s WHERE i % 5 = 0",
            series("$1")
        ),
    ];
    macro_rules! run {
        ($pool:expr) => {
            for s in &statements {
                sqlx::query(sqlx::AssertSqlSafe(s.clone()))
                    .bind(orgs)
                    .bind(base)
                    .bind(plan)
                    .execute(&$pool)
                    .await
                    .expect("seeds");
            }
        };
    }
    match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(url).await.expect("connects");
            run!(pool);
            sqlx::query("ANALYZE")
                .execute(&pool)
                .await
                .expect("analyzes");
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(url).await.expect("connects");
            run!(pool);
            sqlx::query("ANALYZE")
                .execute(&pool)
                .await
                .expect("analyzes");
            pool.close().await;
        }
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let backend = match std::env::var("PODPORA_BENCH_DB").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    };
    let orgs: i64 = std::env::var("PODPORA_BENCH_ORGS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let t = TestDb::new(backend).await;
    let db = Db::connect(&t.url, &DbOptions::default())
        .await
        .expect("connects");
    db.migrate().await.expect("migrates");
    let actor = Actor::Cli;
    let plan: plans::Plan = serde_json::from_value(serde_json::json!({
        "code": "smart", "name": "Smart", "rank": 1,
        "monthly_price": {"amount_minor": 4500, "currency": "EUR"},
        "remote_minutes_per_month": 180, "work_minutes_per_month": 120,
        "discount_hours_percent": 10, "discount_trips_percent": 20,
        "channels": [{"channel": "email"}],
    }))
    .expect("a plan");
    let plan = plans::create_plan(&db, &actor, plan).await.expect("plan");
    billing::put_price_list(
        &db,
        &actor,
        "service",
        billing::PriceListInput {
            name: "Service".into(),
            vat_country: "SK".into(),
            default: true,
            agreement_required: false,
            toml: LIST.into(),
        },
    )
    .await
    .expect("price list");
    let started = Instant::now();
    seed(&t.url, backend, orgs, plan.id).await;
    println!(
        "seeded {orgs} organizations, {} time entries in {:.1} s",
        orgs * 100,
        started.elapsed().as_secs_f64()
    );
    drop(db);
    // A fresh pool, as a server started on the seeded database.
    let db = Db::connect(&t.url, &DbOptions::default())
        .await
        .expect("connects");
    for run in 1..=3 {
        let started = Instant::now();
        let usage = billing::month_usage_all(&db, &actor, "2026-11")
            .await
            .expect("usage");
        let elapsed = started.elapsed();
        let billed: i64 = usage
            .organizations
            .iter()
            .map(|u| u.billed_net.amount_minor)
            .sum();
        let interventions: u32 = usage.organizations.iter().map(|u| u.interventions).sum();
        println!(
            "run {run}: month_usage_all 2026-11 for {} organizations: {:.2} s ({interventions} interventions in November, billed {}.{:02} EUR)",
            usage.organizations.len(),
            elapsed.as_secs_f64(),
            billed / 100,
            billed % 100
        );
    }
}
