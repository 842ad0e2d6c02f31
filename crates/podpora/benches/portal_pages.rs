//! The customer portal's pages over HTTP on loopback, with 100,000 tickets and 300,000 articles
//! stored across 100 organizations, and one more organization with 400 requests of its own (three
//! articles each). A contact of it signs in with a password, then every portal page is requested
//! [`RUNS`] times with `Accept-Encoding: gzip`; the table gives p50, p95 and the compressed body
//! size per page. The whole stack is measured: routing, session, database reads, rendering and
//! compression. Exits non-zero when a page does not answer 200.
//!
//! Run: `cargo bench -p podpora --bench portal_pages` (SQLite in a temporary directory);
//! `PODPORA_BENCH_DB=postgres` for PostgreSQL (the test harness's server, or
//! `PODPORA_TEST_POSTGRES_URL`); `PODPORA_BENCH_TICKETS=n` for another size.

use podpora::{config::Config, startup};
use podpora_app::{Actor, actor::issue_agent_token, portal, staff};
use podpora_testkit::{Backend, TestDb};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

const ORGS: i64 = 100;
/// Tickets below this id are new, the rest closed.
const OPEN: i64 = 500;
/// Every this-many-th ticket belongs to the measured organization and its contact.
const OWN_EVERY: i64 = 250;
const RUNS: usize = 200;
const PASSWORD: &str = "heslo-1234";
/// The targets of the issue.
const P95_TARGET: Duration = Duration::from_millis(50);
const SIZE_TARGET: usize = 100 * 1024;

/// Organizations, tickets and three articles each, written with set-based SQL (the API would
/// take minutes), as the workspace's `desk_db` bench does.
async fn seed(url: &str, backend: Backend, tickets: i64) {
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
             SELECT i, {number}, 'Požiadavka ' || i || ' tlačiareň', i % {ORGS} + 1,
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
    ];
    run_sql(url, backend, &statements, &[tickets, base]).await;
    if backend == Backend::Postgres {
        // Identities were given explicitly: move the sequences past them.
        let moves: Vec<String> = ["organizations", "tickets", "articles"]
            .iter()
            .map(|table| {
                format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                )
            })
            .collect();
        run_sql(url, backend, &moves, &[]).await;
    }
}

/// Runs `statements` in order, binding `binds` to each, then `ANALYZE`.
async fn run_sql(url: &str, backend: Backend, statements: &[String], binds: &[i64]) {
    match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(url).await.expect("connects");
            for s in statements {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(s.clone()));
                for b in binds {
                    q = q.bind(*b);
                }
                q.execute(&pool).await.expect("seeds");
            }
            sqlx::query("ANALYZE")
                .execute(&pool)
                .await
                .expect("analyzes");
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(url).await.expect("connects");
            for s in statements {
                let mut q = sqlx::query(sqlx::AssertSqlSafe(s.clone()));
                for b in binds {
                    q = q.bind(*b);
                }
                q.execute(&pool).await.expect("seeds");
            }
            sqlx::query("ANALYZE")
                .execute(&pool)
                .await
                .expect("analyzes");
            pool.close().await;
        }
    }
}

/// A cookie-keeping client that does not follow redirects or decompress bodies.
struct Browser {
    base: String,
    client: reqwest::Client,
    cookies: BTreeMap<String, String>,
}

/// One answer: status, body bytes as sent, and whether they came gzip-compressed.
struct Answer {
    status: u16,
    body: Vec<u8>,
    gzip: bool,
}

impl Browser {
    async fn send(&mut self, r: reqwest::RequestBuilder) -> Answer {
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let r = if cookie.is_empty() {
            r
        } else {
            r.header("cookie", cookie)
        };
        let res = r
            .header("accept-encoding", "gzip")
            .header("accept-language", "sk")
            .send()
            .await
            .expect("server answers");
        for c in res.headers().get_all("set-cookie") {
            let c = c.to_str().expect("ascii cookie");
            let (pair, attrs) = c.split_once(';').unwrap_or((c, ""));
            let (k, v) = pair.split_once('=').expect("a cookie pair");
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_string(), v.to_string());
            }
        }
        let status = res.status().as_u16();
        let gzip = res
            .headers()
            .get("content-encoding")
            .is_some_and(|e| e.as_bytes() == b"gzip");
        let body = res.bytes().await.expect("a body").to_vec();
        Answer { status, body, gzip }
    }

    async fn get(&mut self, path: &str) -> Answer {
        let r = self.client.get(format!("{}{path}", self.base));
        self.send(r).await
    }

    async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        self.send(r).await
    }

    fn csrf(&self) -> String {
        self.cookies.get("pdp_csrf").cloned().unwrap_or_default()
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Calls the JSON API as the admin.
async fn api(client: &reqwest::Client, base: &str, token: &str, path: &str, body: Value) -> Value {
    let res = client
        .post(format!("{base}{path}"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("server answers");
    assert_eq!(res.status().as_u16(), 201, "{path}");
    res.json().await.expect("JSON")
}

/// Milliseconds with one decimal, from whole microseconds.
fn ms(d: Duration) -> String {
    let us = d.as_micros();
    format!("{}.{}", us / 1000, us % 1000 / 100)
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    let i = (sorted.len() * p).div_ceil(100).saturating_sub(1);
    sorted[i.min(sorted.len() - 1)]
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
    let db = TestDb::new(backend).await;
    let cfg = Config {
        data_dir: db.dir.path().to_path_buf(),
        database_url: Some(db.url.clone()),
        listen: "127.0.0.1:0".into(),
        ..Config::default()
    };
    let app = startup::build_app(&cfg).await.expect("app builds");
    let t0 = Instant::now();
    seed(&db.url, backend, tickets).await;
    println!(
        "{backend}: {tickets} tickets and {} articles seeded in {:.1} s",
        tickets * 3,
        t0.elapsed().as_secs_f64()
    );

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let admin = staff::create_agent(
        &app.db,
        &Actor::Cli,
        staff::NewAgent {
            email: "admin@bench.example".into(),
            name: "Admin".into(),
            language: None,
            roles: vec!["admin".into()],
            team_ids: vec![],
            password: None,
        },
    )
    .await
    .expect("an admin");
    let token = issue_agent_token(&app.db, &Actor::Cli, admin.id, "bench")
        .await
        .expect("a token");
    let (_stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let served = app.clone();
    tokio::spawn(async move {
        let _ = startup::serve(served, &cfg, listener, async {
            let _ = stopped.await;
        })
        .await;
    });

    // The measured organization, its contact and asset, through the API.
    let client = reqwest::Client::new();
    let org = api(
        &client,
        &base,
        &token,
        "/api/v1/organizations",
        json!({"name": "Firma 35697270", "country": "SK", "ico": "35697270"}),
    )
    .await["id"]
        .as_i64()
        .expect("an id");
    let contact = api(
        &client,
        &base,
        &token,
        "/api/v1/contacts",
        json!({"organization_id": org, "name": "Ján Kováč", "emails": ["jan@firma.sk"]}),
    )
    .await["id"]
        .as_i64()
        .expect("an id");
    api(
        &client,
        &base,
        &token,
        "/api/v1/assets",
        json!({"organization_id": org, "kind": "central-unit", "identifier": "SN-35697270", "contact_ids": [contact]}),
    )
    .await;
    // Its requests: every OWN_EVERY-th stored ticket, the contact as requester.
    run_sql(
        &db.url,
        backend,
        &[format!(
            "UPDATE tickets SET organization_id = {org}, requester_id = {contact} WHERE id % {OWN_EVERY} = 0"
        )],
        &[],
    )
    .await;
    // Index the seeded tickets and articles for search as the application does for a database
    // written before the index existed: the marker makes the next migration backfill it.
    run_sql(
        &db.url,
        backend,
        &["INSERT INTO settings (key, value) VALUES ('search.backfill', 'pending')".to_string()],
        &[],
    )
    .await;
    let t0 = Instant::now();
    app.db.migrate().await.expect("indexes for search");
    println!(
        "{backend}: search index filled in {:.1} s",
        t0.elapsed().as_secs_f64()
    );
    let own = tickets / OWN_EVERY;
    let request = format!("2026-{:06}", OWN_EVERY * (own / 2).max(1));

    // The contact sets a password from an invitation and signs in.
    let link = portal::issue_link(
        &app,
        &Actor::Cli,
        Some(contact),
        None,
        portal::LinkPurpose::Invite,
    )
    .await
    .expect("a link");
    let mut b = Browser {
        base: base.clone(),
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a client"),
        cookies: BTreeMap::new(),
    };
    b.get(&format!("/portal/password/{link}")).await;
    let csrf = b.csrf();
    let set = b
        .post(
            &format!("/portal/password/{link}"),
            &[("csrf", &csrf), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(set.status, 303, "the password is set");
    b.get("/portal/sign-in").await;
    let csrf = b.csrf();
    let signed = b
        .post(
            "/portal/sign-in",
            &[
                ("csrf", &csrf),
                ("kind", "contact"),
                ("login", "jan@firma.sk"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(signed.status, 303, "the contact signs in");

    // The request page shows the request, not a refusal: read once without compression.
    let cookie = b
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let shown = b
        .client
        .get(format!("{base}/portal/requests/{request}"))
        .header("cookie", cookie)
        .send()
        .await
        .expect("server answers")
        .text()
        .await
        .expect("a body");
    let subject = format!("Požiadavka {} tlačiareň", OWN_EVERY * (own / 2).max(1));
    assert!(shown.contains(&subject), "the request page shows {subject}");

    let pages = [
        "/portal/requests".to_string(),
        "/portal/requests?status=closed".to_string(),
        "/portal/requests?status=closed&page=2".to_string(),
        format!("/portal/requests/{request}"),
        "/portal/requests/new".to_string(),
        "/portal/plan".to_string(),
        "/portal/profile".to_string(),
        "/portal/payments".to_string(),
        "/portal/help".to_string(),
        // A word in every stored ticket, and one in a single ticket's subject.
        "/portal/requests?q=tla%C4%8Diare%C5%88".to_string(),
        format!("/portal/requests?q={}", OWN_EVERY * (own / 2).max(1)),
    ];
    println!(
        "{backend}: {own} requests of the contact's organization; {RUNS} runs per page, gzip accepted"
    );
    println!(
        "{:<42} {:>6} {:>9} {:>9} {:>9} {:>10} {:>5}",
        "page", "status", "p50 ms", "p95 ms", "max ms", "gzip B", "ok"
    );
    let mut failed = false;
    for page in &pages {
        let mut times = Vec::with_capacity(RUNS);
        let mut last = None;
        for _ in 0..RUNS {
            let t = Instant::now();
            let a = b.get(page).await;
            times.push(t.elapsed());
            if a.status != 200 {
                last = Some(a);
                break;
            }
            last = Some(a);
        }
        let a = last.expect("one answer");
        times.sort();
        let p95 = percentile(&times, 95);
        let size = a.body.len();
        let ok = a.status == 200 && a.gzip && p95 <= P95_TARGET && size <= SIZE_TARGET;
        println!(
            "{:<42} {:>6} {:>9} {:>9} {:>9} {:>10} {:>5}",
            page,
            a.status,
            ms(percentile(&times, 50)),
            ms(p95),
            ms(times[times.len() - 1]),
            if a.gzip {
                size.to_string()
            } else {
                format!("{size} raw")
            },
            if ok { "yes" } else { "NO" }
        );
        if a.status != 200 {
            failed = true;
        }
    }
    if failed {
        eprintln!("a page did not answer 200");
        std::process::exit(1);
    }
}
