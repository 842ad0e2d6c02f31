//! A calendar change end to end on a real database: `update_calendar` recomputes every running
//! clock of 100,000 tickets with three running clocks each (one ticket in ten paused once),
//! loading, computing and writing back in one transaction.
//!
//! Run: `cargo bench -p podpora-app --bench recompute_db` (SQLite in a temporary directory);
//! `PODPORA_BENCH_DB=postgres` for PostgreSQL (the test harness's server, or
//! `PODPORA_TEST_POSTGRES_URL`); `PODPORA_BENCH_TICKETS=n` for another size.

use podpora_app::{Actor, App, AppConfig, sla};
use podpora_store::{Db, DbOptions};
use podpora_testkit::{Backend, TestDb};
use std::time::{Duration, Instant};

/// CPU time of the whole process so far (every thread: the runtime's, SQLite's worker, the
/// blocking pool), from `/proc/self/stat`; zero where that is not available. On a machine shared
/// with other work the wall time varies with the load, the CPU time much less.
fn cpu_time() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|v| v.parse().ok())
        .collect();
    // Clock ticks of 10 ms (USER_HZ is 100 on Linux).
    Duration::from_millis(f.iter().sum::<u64>() * 10)
}

/// CPU time of each thread so far, by thread id, from `/proc/self/task`; empty where that is
/// not available. The busiest thread's share of a run is what a quiet machine with a core per
/// thread would take at least, whatever else loads the machine.
fn thread_cpu() -> std::collections::HashMap<String, Duration> {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Default::default();
    };
    tasks
        .filter_map(|t| {
            let t = t.ok()?;
            let stat = std::fs::read_to_string(t.path().join("stat")).ok()?;
            let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
            let ticks: u64 = rest
                .split_whitespace()
                .skip(11)
                .take(2)
                .filter_map(|v| v.parse::<u64>().ok())
                .sum();
            Some((
                t.file_name().to_string_lossy().into_owned(),
                Duration::from_millis(ticks * 10),
            ))
        })
        .collect()
}

/// The most CPU one thread used between two [`thread_cpu`] readings.
fn busiest(before: &std::collections::HashMap<String, Duration>) -> Duration {
    thread_cpu()
        .iter()
        .map(|(id, t)| t.saturating_sub(before.get(id).copied().unwrap_or_default()))
        .max()
        .unwrap_or_default()
}

const HOURS: [&str; 2] = ["mon-fri 08:00-16:30", "mon-fri 08:30-17:00"];

fn calendar(hours: &str) -> sla::NewCalendar {
    sla::NewCalendar {
        name: "Office SK".into(),
        time_zone: "Europe/Bratislava".into(),
        hours: hours.into(),
        holidays: Some("SK".into()),
        closures: Vec::new(),
        extra_working_days: Vec::new(),
    }
}

/// Tickets, clocks and pauses written with set-based SQL (the API would take minutes).
async fn seed(url: &str, backend: Backend, tickets: i64, policy: i64, cal: i64) {
    // 2026-11-02 08:00 UTC; tickets reported a minute apart.
    let base: i64 = 1_793_606_400_000;
    let series = match backend {
        Backend::Sqlite => {
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) SELECT i FROM n"
        }
        Backend::Postgres => "SELECT i FROM generate_series(1::BIGINT, $1::BIGINT) AS i",
    };
    let statements = [
        format!(
            "INSERT INTO tickets (id, number, subject, urgency, channel, status, created_at, updated_at)
             SELECT i, 'B' || i, 'Bench', 'normal', 'api', 'new', $2 + i * 60000, $2 + i * 60000 FROM ({series}) s"
        ),
        // Clock numbers as the store gives them: ticket id × 8 + the metric's place.
        format!(
            "INSERT INTO ticket_clocks (ticket_id, metric, target, policy_id, calendar_id, started_at, clock_id)
             SELECT i, m.metric, m.target, $3, $4, $2 + i * 60000, i * 8 + m.slot
             FROM ({series}) s,
                 (SELECT 'reaction' AS metric, '4h' AS target, 0 AS slot UNION ALL SELECT 'first_answer', '8h', 1
                  UNION ALL SELECT 'resolution', '2bd', 4) m"
        ),
        format!(
            "INSERT INTO ticket_clock_times (id, due_at)
             SELECT i * 8 + m.slot, $2 + i * 60000 + 14400000
             FROM ({series}) s, (SELECT 0 AS slot UNION ALL SELECT 1 UNION ALL SELECT 4) m"
        ),
        format!(
            "INSERT INTO ticket_pauses (ticket_id, started_at, ended_at, reason)
             SELECT i, $2 + i * 60000 + 1800000, $2 + i * 60000 + 9000000, 'waiting_customer'
             FROM ({series}) s WHERE i % 10 = 0"
        ),
    ];
    match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(url).await.expect("connects");
            for s in &statements {
                sqlx::query(sqlx::AssertSqlSafe(s.clone()))
                    .bind(tickets)
                    .bind(base)
                    .bind(policy)
                    .bind(cal)
                    .execute(&pool)
                    .await
                    .expect("seeds");
            }
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(url).await.expect("connects");
            for s in &statements {
                sqlx::query(sqlx::AssertSqlSafe(s.clone()))
                    .bind(tickets)
                    .bind(base)
                    .bind(policy)
                    .bind(cal)
                    .execute(&pool)
                    .await
                    .expect("seeds");
            }
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
    // The use case logs its load, compute and write times.
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "podpora_app=info".into()),
        )
        .init();
    let backend = match std::env::var("PODPORA_BENCH_DB").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    };
    let tickets: i64 = std::env::var("PODPORA_BENCH_TICKETS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let t = TestDb::new(backend).await;
    let db = Db::connect(&t.url, &DbOptions::default())
        .await
        .expect("connects");
    db.migrate().await.expect("migrates");
    let app = App::new(
        db.clone(),
        AppConfig {
            ticket_numbers: Default::default(),
            attachment_max_bytes: 1 << 20,
            duplicate_window_hours: 24,
            data_dir: t.dir.path().to_path_buf(),
            mail: Default::default(),
            admins_need_second_factor: false,
        },
    );
    let actor = Actor::Cli;
    let cal = sla::create_calendar(&db, &actor, calendar(HOURS[1]))
        .await
        .expect("calendar");
    let policy = sla::create_policy(
        &db,
        &actor,
        sla::SlaPolicy {
            id: 0,
            name: "Standard".into(),
            calendar_id: cal.id,
            category: None,
            reaction: Some("4h".into()),
            first_answer: Some("8h".into()),
            remote_resolution: None,
            visit: None,
            resolution: Some("2bd".into()),
            warn_percent: Some(80),
            escalate_team_id: None,
            plan_id: None,
        },
    )
    .await
    .expect("policy");
    let t0 = Instant::now();
    seed(&t.url, backend, tickets, policy.id, cal.id).await;
    println!(
        "{backend}: {tickets} tickets seeded in {:.1} s",
        t0.elapsed().as_secs_f64()
    );
    // The first change fills in warning times; the runs after it alternate the hours, so every
    // clock moves each time.
    let mut times: Vec<Duration> = Vec::new();
    let mut cpu: Vec<Duration> = Vec::new();
    let mut busy: Vec<Duration> = Vec::new();
    for run in 0..7 {
        let started = Instant::now();
        let cpu0 = cpu_time();
        let threads0 = thread_cpu();
        let changed = sla::update_calendar(&app, &actor, cal.id, calendar(HOURS[run % 2]))
            .await
            .expect("calendar change");
        let took = started.elapsed();
        let used = cpu_time().saturating_sub(cpu0);
        let most = busiest(&threads0);
        println!(
            "run {run}: {} clocks recomputed in {} ms (CPU {} ms, busiest thread {} ms)",
            changed.clocks_recomputed,
            took.as_millis(),
            used.as_millis(),
            most.as_millis()
        );
        if run > 0 {
            times.push(took);
            cpu.push(used);
            busy.push(most);
        }
    }
    let started = Instant::now();
    let cpu0 = cpu_time();
    let same = sla::update_calendar(&app, &actor, cal.id, calendar(HOURS[0]))
        .await
        .expect("calendar change");
    println!(
        "unchanged hours: {} clocks recomputed in {} ms (CPU {} ms)",
        same.clocks_recomputed,
        started.elapsed().as_millis(),
        cpu_time().saturating_sub(cpu0).as_millis()
    );
    times.sort();
    cpu.sort();
    busy.sort();
    println!(
        "{backend}, {tickets} tickets: calendar change median {} ms (min {} ms, max {} ms); CPU median {} ms; busiest thread median {} ms",
        times[times.len() / 2].as_millis(),
        times[0].as_millis(),
        times[times.len() - 1].as_millis(),
        cpu[cpu.len() / 2].as_millis(),
        busy[busy.len() / 2].as_millis()
    );
    db.close().await;
}
