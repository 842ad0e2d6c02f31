//! Durability of the e-mail channel under crashes: 2,000 messages are delivered over LMTP
//! by several concurrent clients while the server is killed with SIGKILL at random moments and
//! restarted on the same data directory. Clients behave as an MTA does: a message counts as
//! delivered only after its 250; a refused connection, a broken session or a 4xx means "try again
//! later". Afterwards every message is stored once, processed once, is one article in one ticket
//! and has one confirmation queued.
//!
//! SQLite only: the embedded database is the one whose durability depends on podpora itself
//! (commit before 250, WAL recovery after a kill); PostgreSQL's is the server's.

use podpora_testkit::{
    mail::{free_port, lmtp_deliver},
    process::{Served, start_listening},
};
use sqlx::{Row, sqlite::SqliteConnectOptions};
use std::{
    collections::{BTreeMap, BTreeSet, VecDeque},
    net::SocketAddr,
    path::{Path, PathBuf},
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

const BIN: &str = env!("CARGO_BIN_EXE_podpora");
const MESSAGES: usize = 2_000;
const CLIENTS: usize = 4;
const KILLS: usize = 5;
const SUPPORT: &str = "podpora@support.test";
/// The registered contacts of `podpora demo`; senders rotate through them.
const SENDERS: [&str; 3] = [
    "jana.horvathova@inteligentny-dom.example",
    "petr.novak@servis-telefonie.example",
    "lukasz@naprawa.example",
];

/// A tiny xorshift generator: the kill moments are reproducible from the seed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo)
    }
}

/// Starts `podpora <command>` and waits until it serves HTTP (the LMTP listener is bound
/// before that line is printed).
fn start(command: &str, config: &Path, data: &Path) -> Served {
    let (config, data) = (config.to_str().unwrap(), data.to_str().unwrap());
    start_listening(
        BIN,
        &[
            "--config",
            config,
            command,
            "--listen",
            "127.0.0.1:0",
            "--data-dir",
            data,
        ],
        Path::new("."),
    )
}

fn message(i: usize) -> Vec<u8> {
    let from = SENDERS[i % SENDERS.len()];
    format!(
        "From: Zákazník {i} <{from}>\r\nTo: {SUPPORT}\r\nSubject: Porucha č. {i}\r\n\
         Message-ID: <crash-{i}@zakaznik.test>\r\nDate: Mon, 30 Nov 2026 09:00:00 +0100\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Dobrý deň,\r\nzariadenie č. {i} nereaguje.\r\n"
    )
    .into_bytes()
}

/// One MTA delivery attempt: true only when the server answered 250 for our recipient.
async fn deliver(addr: SocketAddr, i: usize) -> bool {
    let from = SENDERS[i % SENDERS.len()];
    let raw = message(i);
    let attempt = lmtp_deliver(addr, from, &[SUPPORT], &raw);
    match tokio::time::timeout(Duration::from_secs(10), attempt).await {
        Ok(Ok(codes)) => match codes.first() {
            Some(250) => true,
            Some(c) if (400..500).contains(c) => false,
            other => panic!("message {i}: a permanent answer {other:?} to a valid message"),
        },
        Ok(Err(_)) | Err(_) => false,
    }
}

async fn open_ro(db: &Path) -> sqlx::SqliteConnection {
    use sqlx::ConnectOptions;
    SqliteConnectOptions::new()
        .filename(db)
        .read_only(true)
        .connect()
        .await
        .expect("the database opens read-only")
}

async fn count(db: &Path, sql: &'static str) -> i64 {
    let mut c = open_ro(db).await;
    sqlx::query_scalar(sql)
        .fetch_one(&mut c)
        .await
        .expect("the query runs")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_message_survives_sigkill_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let data: PathBuf = dir.path().join("data");
    let db = data.join("podpora.db");
    let lmtp: SocketAddr = format!("127.0.0.1:{}", free_port()).parse().unwrap();
    let config = dir.path().join("podpora.toml");
    // Confirmations unthrottled, so each processed message must have queued exactly one.
    std::fs::write(
        &config,
        format!(
            "log_level = \"warn\"\n[sla]\ntick_seconds = 0\n[mail]\nlmtp_listen = \"{lmtp}\"\n\
             auto_reply_per_hour = 1000000\n[[mail.addresses]]\naddress = \"{SUPPORT}\"\n\
             language = \"sk\"\n"
        ),
    )
    .unwrap();

    let started = Instant::now();
    let mut server = start("demo", &config, &data);
    let queue = Arc::new(Mutex::new((0..MESSAGES).collect::<VecDeque<_>>()));
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let retries = Arc::new(AtomicUsize::new(0));
    let mut clients = tokio::task::JoinSet::new();
    for _ in 0..CLIENTS {
        let (queue, acknowledged, retries) = (queue.clone(), acknowledged.clone(), retries.clone());
        clients.spawn(async move {
            loop {
                let next = queue.lock().unwrap().pop_front();
                let Some(i) = next else {
                    if acknowledged.load(Ordering::SeqCst) == MESSAGES {
                        return;
                    }
                    // Another client holds a message that may come back for a retry.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                };
                if deliver(lmtp, i).await {
                    acknowledged.fetch_add(1, Ordering::SeqCst);
                } else {
                    retries.fetch_add(1, Ordering::SeqCst);
                    queue.lock().unwrap().push_back(i);
                    tokio::time::sleep(Duration::from_millis(25)).await;
                }
            }
        });
    }

    let mut rng = XorShift(0x5eed_2026_0005_u64);
    let mut kills = 0;
    let mut killed_with_backlog = 0;
    while kills < KILLS && acknowledged.load(Ordering::SeqCst) < MESSAGES {
        tokio::time::sleep(Duration::from_millis(rng.between(150, 1_500))).await;
        server.child.kill().expect("SIGKILL");
        server.child.wait().expect("reaped");
        kills += 1;
        if count(
            &db,
            "SELECT count(*) FROM inbound_messages WHERE status = 'pending'",
        )
        .await
            > 0
        {
            killed_with_backlog += 1;
        }
        server = start("serve", &config, &data);
    }
    while clients.join_next().await.is_some() {}
    assert_eq!(acknowledged.load(Ordering::SeqCst), MESSAGES);
    assert!(kills >= 3, "the server was killed only {kills} times");
    assert!(
        retries.load(Ordering::SeqCst) > 0,
        "no delivery was interrupted by a kill"
    );

    // Settle: the restarted processor finishes what the kills left pending.
    let deadline = Instant::now() + Duration::from_secs(60);
    while count(
        &db,
        "SELECT count(*) FROM inbound_messages WHERE status = 'pending'",
    )
    .await
        > 0
    {
        assert!(Instant::now() < deadline, "messages left pending");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    server.child.kill().expect("SIGKILL");
    server.child.wait().expect("reaped");

    let mut c = open_ro(&db).await;
    let expected: BTreeSet<String> = (0..MESSAGES)
        .map(|i| format!("crash-{i}@zakaznik.test"))
        .collect();
    let bare = |s: String| s.trim_matches(['<', '>']).to_owned();

    // Stored exactly once: one inbound row per message, all processed.
    let rows = sqlx::query("SELECT message_id, status, reason FROM inbound_messages")
        .fetch_all(&mut c)
        .await
        .unwrap();
    let mut stored: BTreeMap<String, usize> = BTreeMap::new();
    for r in &rows {
        let status: String = r.get("status");
        let reason: Option<String> = r.get("reason");
        assert_eq!(status, "processed", "{reason:?}");
        let id: Option<String> = r.get("message_id");
        *stored.entry(bare(id.expect("a Message-ID"))).or_default() += 1;
    }
    assert_eq!(rows.len(), MESSAGES, "inbound rows");
    assert_eq!(stored.keys().cloned().collect::<BTreeSet<_>>(), expected);
    assert!(stored.values().all(|&n| n == 1), "a message stored twice");

    // Processed exactly once: one article per Message-ID, each opening its own ticket, each with
    // one confirmation queued.
    let articles = sqlx::query(
        "SELECT a.message_id, count(*) AS n, \
                (SELECT count(*) FROM outbox o JOIN articles b ON b.id = o.article_id \
                  WHERE b.message_id = a.message_id AND o.purpose = 'confirmation') AS confirmations \
         FROM articles a WHERE a.message_id LIKE '%@zakaznik.test%' GROUP BY a.message_id",
    )
    .fetch_all(&mut c)
    .await
    .unwrap();
    let mut seen = BTreeSet::new();
    for r in &articles {
        let id = bare(r.get("message_id"));
        assert_eq!(r.get::<i64, _>("n"), 1, "{id}: articles");
        assert_eq!(r.get::<i64, _>("confirmations"), 1, "{id}: confirmations");
        seen.insert(id);
    }
    assert_eq!(seen, expected, "articles");
    let tickets: i64 = sqlx::query_scalar(
        "SELECT count(DISTINCT ticket_id) FROM articles WHERE message_id LIKE '%@zakaznik.test%'",
    )
    .fetch_one(&mut c)
    .await
    .unwrap();
    assert_eq!(tickets, MESSAGES as i64);
    // The demo's own requests are confirmed too; count those of the messages.
    let confirmations: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM outbox WHERE purpose = 'confirmation'
         AND ticket_id IN (SELECT ticket_id FROM inbound_messages)",
    )
    .fetch_one(&mut c)
    .await
    .unwrap();
    assert_eq!(confirmations, MESSAGES as i64, "confirmations queued");
    eprintln!(
        "{MESSAGES} messages, {kills} kills ({killed_with_backlog} with a processing backlog), \
         {} retried attempts, {:.1} s",
        retries.load(Ordering::SeqCst),
        started.elapsed().as_secs_f64()
    );
}
