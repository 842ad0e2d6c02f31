//! Two podpora nodes on one PostgreSQL database, as behind a load balancer: both take mail by
//! LMTP and requests by the API, both run the SLA scheduler and the outbox sender. One node is
//! killed (SIGKILL) half-way and the MTA retries on the other. Afterwards every message is one
//! article, every ticket number is unique, every confirmation was queued once and reached the
//! relay at most once, and nothing acknowledged was lost.

use podpora_testkit::{
    Backend, TestDb,
    mail::{Postfix, free_port, lmtp_deliver},
    process::{Served, start_listening},
};
use sqlx::Row;
use std::{
    collections::{BTreeMap, BTreeSet, VecDeque},
    net::SocketAddr,
    path::Path,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

const BIN: &str = env!("CARGO_BIN_EXE_podpora");
const MESSAGES: usize = 300;
const API_TICKETS: usize = 60;
const SUPPORT: &str = "podpora@support.test";
/// The registered contacts of `podpora demo`; senders rotate through them.
const SENDERS: [&str; 3] = [
    "jana.horvathova@inteligentny-dom.example",
    "petr.novak@servis-telefonie.example",
    "lukasz@naprawa.example",
];

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
         Message-ID: <node-{i}@zakaznik.test>\r\nDate: Mon, 30 Nov 2026 09:00:00 +0100\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Dobrý deň,\r\nzariadenie č. {i} nereaguje.\r\n"
    )
    .into_bytes()
}

/// One MTA delivery attempt: true only after a 250 for our recipient.
async fn deliver(addr: SocketAddr, i: usize) -> bool {
    let raw = message(i);
    let attempt = lmtp_deliver(addr, SENDERS[i % SENDERS.len()], &[SUPPORT], &raw);
    matches!(
        tokio::time::timeout(Duration::from_secs(10), attempt).await,
        Ok(Ok(codes)) if codes.first() == Some(&250)
    )
}

fn config(path: &Path, db: &str, lmtp: SocketAddr, relay_port: u16) {
    std::fs::write(
        path,
        format!(
            "log_level = \"warn\"\ndatabase_url = \"{db}\"\n[sla]\ntick_seconds = 1\n[mail]\n\
             lmtp_listen = \"{lmtp}\"\nauto_reply_per_hour = 1000000\n\
             [[mail.addresses]]\naddress = \"{SUPPORT}\"\nlanguage = \"sk\"\n\
             [mail.smtp]\nhost = \"127.0.0.1\"\nport = {relay_port}\ntls = \"none\"\n"
        ),
    )
    .unwrap();
}

fn header(raw: &[u8], name: &str) -> Option<String> {
    let text = String::from_utf8_lossy(raw);
    text.lines().take_while(|l| !l.is_empty()).find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_on_one_database_lose_nothing_and_do_nothing_twice() {
    let db = TestDb::new(Backend::Postgres).await;
    let relay = Postfix::maildir_sink();
    let dir = tempfile::tempdir().unwrap();
    let lmtp: [SocketAddr; 2] =
        [0, 1].map(|_| format!("127.0.0.1:{}", free_port()).parse().unwrap());
    for (i, addr) in lmtp.iter().enumerate() {
        config(
            &dir.path().join(format!("node{i}.toml")),
            &db.url,
            *addr,
            relay.port(),
        );
    }
    let node_a = start(
        "demo",
        &dir.path().join("node0.toml"),
        &dir.path().join("a"),
    );
    let mut node_b = Some(start(
        "serve",
        &dir.path().join("node1.toml"),
        &dir.path().join("b"),
    ));
    let urls = [node_a.url.clone(), node_b.as_ref().unwrap().url.clone()];
    let info: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("a/demo.json")).unwrap())
            .unwrap();
    let token = info["admin_token"].as_str().unwrap().to_string();
    let contact = info["contacts"][0]["id"].as_i64().unwrap_or(1);

    let b_dead = Arc::new(AtomicBool::new(false));
    let queue = Arc::new(Mutex::new((0..MESSAGES).collect::<VecDeque<_>>()));
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let mut clients = tokio::task::JoinSet::new();
    for client in 0..4 {
        let (queue, acknowledged, b_dead) = (queue.clone(), acknowledged.clone(), b_dead.clone());
        clients.spawn(async move {
            let mut turn = client;
            loop {
                let next = queue.lock().unwrap().pop_front();
                let Some(i) = next else {
                    if acknowledged.load(Ordering::SeqCst) >= MESSAGES {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                };
                // The MTA spreads deliveries over both nodes and retries on the other.
                turn += 1;
                let node = if b_dead.load(Ordering::SeqCst) {
                    0
                } else {
                    turn % 2
                };
                if deliver(lmtp[node], i).await {
                    acknowledged.fetch_add(1, Ordering::SeqCst);
                    // Every tenth message reaches us twice, once through each node.
                    if i % 10 == 0 && !b_dead.load(Ordering::SeqCst) {
                        let _ = deliver(lmtp[1 - node], i).await;
                    }
                } else {
                    queue.lock().unwrap().push_back(i);
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        });
    }
    // Requests through the API of both nodes at the same time.
    let api_numbers = Arc::new(Mutex::new(Vec::new()));
    let mut api = tokio::task::JoinSet::new();
    for worker in 0..2 {
        let (urls, token, numbers, b_dead) = (
            urls.clone(),
            token.clone(),
            api_numbers.clone(),
            b_dead.clone(),
        );
        api.spawn(async move {
            let c = reqwest::Client::new();
            let mut made = 0;
            let mut turn = worker;
            while made < API_TICKETS / 2 {
                turn += 1;
                let node = if b_dead.load(Ordering::SeqCst) {
                    0
                } else {
                    turn % 2
                };
                let r = c
                    .post(format!("{}/api/v1/tickets", urls[node]))
                    .bearer_auth(&token)
                    .json(
                        &serde_json::json!({"subject": format!("Telefonát {worker}-{made}"),
                        "description": "Zákazník volal.", "requester_id": contact}),
                    )
                    .timeout(Duration::from_secs(10))
                    .send()
                    .await;
                // 200: an earlier attempt whose answer was lost (its node died, or it timed
                // out) had stored the request, and sending it again joined that ticket.
                if let Ok(r) = r
                    && (r.status() == 201 || r.status() == 200)
                {
                    let body: serde_json::Value = r.json().await.unwrap();
                    numbers
                        .lock()
                        .unwrap()
                        .push(body["number"].as_str().unwrap().to_string());
                    made += 1;
                }
            }
        });
    }
    // Node B dies once a third of the mail is acknowledged.
    while acknowledged.load(Ordering::SeqCst) < MESSAGES / 3 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    b_dead.store(true, Ordering::SeqCst);
    drop(node_b.take());
    while clients.join_next().await.is_some() {}
    while api.join_next().await.is_some() {}

    let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    // The surviving node finishes what both left pending.
    let deadline = Instant::now() + Duration::from_secs(90);
    while count("SELECT count(*) FROM inbound_messages WHERE status = 'pending'").await > 0 {
        assert!(Instant::now() < deadline, "messages left pending");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // One inbound row and one article per message, all processed.
    let bad = count(
        "SELECT count(*) FROM inbound_messages WHERE status NOT IN ('processed', 'duplicate')",
    )
    .await;
    assert_eq!(bad, 0, "every message processed");
    let rows = sqlx::query(
        "SELECT message_id, count(*) AS n FROM articles WHERE message_id LIKE '%@zakaznik.test%' GROUP BY message_id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let articles: BTreeMap<String, i64> = rows
        .iter()
        .map(|r| (r.get::<String, _>("message_id"), r.get::<i64, _>("n")))
        .collect();
    assert_eq!(
        articles.len(),
        MESSAGES,
        "an article for every acknowledged message"
    );
    assert!(
        articles.values().all(|&n| n == 1),
        "a message became two articles"
    );

    // Numbers: unique, and every API ticket is there.
    let dup = count(
        "SELECT count(*) FROM (SELECT number FROM tickets GROUP BY number HAVING count(*) > 1) d",
    )
    .await;
    assert_eq!(dup, 0, "a ticket number given twice");
    let stored: BTreeSet<String> = sqlx::query_scalar("SELECT number FROM tickets")
        .fetch_all(&pool)
        .await
        .unwrap()
        .into_iter()
        .collect();
    let made = api_numbers.lock().unwrap().clone();
    assert_eq!(made.len(), API_TICKETS);
    assert!(
        made.iter().all(|n| stored.contains(n)),
        "an acknowledged API ticket is missing"
    );

    // One confirmation queued per mail ticket; each reaches the relay at most once.
    let per_ticket = count(
        "SELECT count(*) FROM (SELECT ticket_id FROM outbox WHERE purpose = 'confirmation' GROUP BY ticket_id HAVING count(*) > 1) d",
    )
    .await;
    assert_eq!(per_ticket, 0, "a ticket confirmed twice");
    let queued = count("SELECT count(*) FROM outbox WHERE purpose = 'confirmation'").await;
    assert!(queued >= MESSAGES as i64, "{queued} confirmations queued");
    // Mail the killed node had claimed waits for its lock to expire; everything else is sent.
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let waiting = count(
            "SELECT count(*) FROM outbox WHERE status = 'queued' AND (locked_until IS NULL OR locked_until < (extract(epoch from now()) * 1000)::bigint)",
        )
        .await;
        if waiting == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "{waiting} messages never sent");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let sent = count("SELECT count(*) FROM outbox WHERE status = 'sent'").await;
    let received = relay.received(sent as usize, Duration::from_secs(60)).await;
    let mut ids = BTreeMap::new();
    for raw in &received {
        let id = header(raw, "Message-ID").expect("a Message-ID");
        *ids.entry(id).or_insert(0) += 1;
    }
    assert!(
        ids.values().all(|&n| n == 1),
        "a message reached the relay twice: {:?}",
        ids.iter().filter(|(_, n)| **n > 1).collect::<Vec<_>>()
    );
    assert!(
        received.len() as i64 >= sent,
        "{} received, {sent} sent",
        received.len()
    );
    drop(node_a);
}
