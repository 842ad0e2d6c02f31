//! The workspace's two busiest pages on a real database: 100,000 tickets with 300,000 articles
//! stored, 500 of them open with three SLA clocks each. The queue page's reads (the service
//! order, organization names, every shown ticket's clocks and countdowns in business time) as a
//! dispatcher, and the ticket page's reads (the ticket with its articles and clocks, its links,
//! history, prepared answers, categories, out-of-scope items, agents and teams) for random
//! tickets. Rendering the HTML is not included.
//!
//! Run: `cargo bench -p podpora-app --bench desk_db` (SQLite in a temporary directory);
//! `PODPORA_BENCH_DB=postgres` for PostgreSQL (the test harness's server, or
//! `PODPORA_TEST_POSTGRES_URL`); `PODPORA_BENCH_TICKETS=n` for another size.

use podpora_app::{Actor, App, AppConfig, actor::AgentActor, desk, sla, staff, tickets};
use podpora_core::auth::Role;
use podpora_store::{Db, DbOptions};
use podpora_testkit::{Backend, TestDb};
use std::time::{Duration, Instant};

/// Open tickets: the queue shows them all.
const OPEN: i64 = 500;
const ORGS: i64 = 100;
const RUNS: usize = 200;

/// Organizations, tickets (the first [`OPEN`] new, the rest closed), three articles each and
/// the open tickets' clocks, written with set-based SQL (the API would take minutes).
async fn seed(url: &str, backend: Backend, tickets: i64, policy: i64, cal: i64) {
    // 2026-11-02 08:00 UTC; tickets reported a minute apart.
    let base: i64 = 1_793_606_400_000;
    let (series, number) = match backend {
        Backend::Sqlite => (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) SELECT i FROM n",
            "printf('2026-%06d', i)",
        ),
        Backend::Postgres => (
            "SELECT i FROM generate_series(1::BIGINT, $1::BIGINT) AS i",
            "'2026-' || lpad(i::text, 6, '0')",
        ),
    };
    let statements = [
        format!(
            "INSERT INTO organizations (id, name, country, language, price_level, created_at, updated_at)
             SELECT i, 'Firma ' || i, 'SK', 'sk', 'standard', 1, 1 FROM ({series}) s WHERE i <= {ORGS}"
        ),
        format!(
            "INSERT INTO tickets (id, number, subject, organization_id, urgency, channel, status, created_at, updated_at, closed_at)
             SELECT i, {number}, 'Požiadavka ' || i, i % {ORGS} + 1,
                 CASE WHEN i % 7 = 0 THEN 'urgent' ELSE 'normal' END, 'email',
                 CASE WHEN i <= {OPEN} THEN 'new' ELSE 'closed' END,
                 $2 + i * 60000, $2 + i * 60000, CASE WHEN i <= {OPEN} THEN NULL ELSE $2 + i * 60000 END
             FROM ({series}) s"
        ),
        format!(
            "INSERT INTO articles (ticket_id, kind, author_name, body_text, created_at)
             SELECT i, k.kind, 'Zákazník', 'Dobrý deň, tlačiareň na pobočke stále nefunguje, prosím o pomoc. Správa ' || k.n, $2 + i * 60000 + k.n
             FROM ({series}) s,
                 (SELECT 'inbound_email' AS kind, 1 AS n UNION ALL SELECT 'public_reply', 2 UNION ALL SELECT 'internal_note', 3) k"
        ),
        // Clock numbers as the store gives them: ticket id × 8 + the metric's place.
        format!(
            "INSERT INTO ticket_clocks (ticket_id, metric, target, policy_id, calendar_id, started_at, clock_id)
             SELECT i, m.metric, m.target, $3, $4, $2 + i * 60000, i * 8 + m.slot
             FROM ({series}) s,
                 (SELECT 'reaction' AS metric, '4h' AS target, 0 AS slot UNION ALL SELECT 'first_answer', '8h', 1
                  UNION ALL SELECT 'resolution', '2bd', 4) m
             WHERE i <= {OPEN}"
        ),
        format!(
            "INSERT INTO ticket_clock_times (id, due_at, warn_at)
             SELECT i * 8 + m.slot, $2 + i * 60000 + 14400000, $2 + i * 60000 + 11520000
             FROM ({series}) s, (SELECT 0 AS slot UNION ALL SELECT 1 UNION ALL SELECT 4) m
             WHERE i <= {OPEN}"
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
            sqlx::query("ANALYZE")
                .execute(&pool)
                .await
                .expect("analyzes");
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
            // Identities were given explicitly: move the sequences past them.
            for table in ["organizations", "tickets", "articles"] {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                )))
                .execute(&pool)
                .await
                .expect("moves the sequence");
            }
            sqlx::query("ANALYZE")
                .execute(&pool)
                .await
                .expect("analyzes");
            pool.close().await;
        }
    }
}

/// Milliseconds with one decimal, from whole microseconds.
fn ms(d: Duration) -> String {
    let us = d.as_micros();
    format!("{}.{} ms", us / 1000, us % 1000 / 100)
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    let i = (sorted.len() * p).div_ceil(100).saturating_sub(1);
    sorted[i.min(sorted.len() - 1)]
}

fn report(backend: Backend, what: &str, mut times: Vec<Duration>) {
    times.sort();
    println!(
        "{backend} {what}: {} runs, p50 {}, p95 {}, max {}",
        times.len(),
        ms(percentile(&times, 50)),
        ms(percentile(&times, 95)),
        ms(times[times.len() - 1]),
    );
}

/// Everything the ticket page reads for ticket `number`.
async fn ticket_page(app: &App, actor: &Actor, number: &str) -> usize {
    let t = tickets::get(app, actor, number).await.expect("ticket");
    let links = tickets::links(app, actor, number).await.expect("links");
    let history = tickets::history(app, actor, number).await.expect("history");
    let answers = desk::answers::ticket_answers(app, actor, number)
        .await
        .expect("answers");
    let categories = podpora_app::plans::list_categories(&app.db, actor)
        .await
        .expect("categories");
    let scope = podpora_app::plans::list_scope_items(&app.db, actor)
        .await
        .expect("scope items");
    let agents = staff::list_agents(&app.db, actor).await.expect("agents");
    let teams = staff::list_teams(&app.db, actor).await.expect("teams");
    t.articles.map_or(0, |a| a.len())
        + links.len()
        + history.len()
        + answers.answers.len()
        + categories.len()
        + scope.len()
        + agents.len()
        + teams.len()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
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
    let cli = Actor::Cli;
    let cal = sla::create_calendar(
        &db,
        &cli,
        sla::NewCalendar {
            name: "Office SK".into(),
            time_zone: "Europe/Bratislava".into(),
            hours: "mon-fri 08:00-16:30".into(),
            holidays: Some("SK".into()),
            closures: Vec::new(),
            extra_working_days: Vec::new(),
        },
    )
    .await
    .expect("calendar");
    let policy = sla::create_policy(
        &db,
        &cli,
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
        "{backend}: {tickets} tickets ({OPEN} open, 3 clocks each) and {} articles seeded in {:.1} s",
        tickets * 3,
        t0.elapsed().as_secs_f64()
    );
    let dispatcher = Actor::Agent(AgentActor {
        id: 1,
        name: "Dispečer".into(),
        roles: vec![Role::Dispatcher],
    });

    let filter = desk::QueueFilter::default();
    let shown = desk::queue(&app, &dispatcher, &filter)
        .await
        .expect("queue")
        .positions
        .len();
    assert_eq!(
        shown as i64,
        OPEN.min(tickets),
        "every open ticket is shown"
    );
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let q = desk::queue(&app, &dispatcher, &filter)
            .await
            .expect("queue");
        times.push(started.elapsed());
        assert_eq!(q.positions.len(), shown);
    }
    report(
        backend,
        &format!("queue page reads ({shown} open tickets)"),
        times,
    );

    // Tickets from all over the table: a few open, most closed long ago.
    let mut times = Vec::with_capacity(RUNS);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let _ = ticket_page(&app, &dispatcher, "2026-000001").await;
    for _ in 0..RUNS {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let n = x % u64::try_from(tickets).unwrap_or(1) + 1;
        let number = format!("2026-{n:06}");
        let started = Instant::now();
        let read = ticket_page(&app, &dispatcher, &number).await;
        times.push(started.elapsed());
        assert!(read >= 3, "the ticket's articles were read");
    }
    report(backend, "ticket page reads", times);
    db.close().await;
}
