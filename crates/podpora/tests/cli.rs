//! The binary as an operator uses it: help, configuration errors, demo, admin commands,
//! graceful shutdown.

use podpora_testkit::process::{Served, start_listening};
use std::{
    path::Path,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

const BIN: &str = env!("CARGO_BIN_EXE_podpora");

fn podpora(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("PODPORA_CONFIG")
        .output()
        .expect("runs")
}

#[test]
fn every_subcommand_explains_itself() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["demo", "--help"],
        vec!["migrate", "--help"],
        vec!["admin", "--help"],
        vec!["admin", "create-agent", "--help"],
        vec!["admin", "issue-token", "--help"],
        vec!["admin", "reset-password", "--help"],
        vec!["admin", "org-key", "--help"],
        vec!["backup", "--help"],
        vec!["restore", "--help"],
        vec!["version", "--help"],
        vec!["config", "--help"],
    ] {
        let out = podpora(&args, dir.path());
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("Usage:") && text.len() > 80,
            "{args:?}: {text}"
        );
    }
    let v = podpora(&["version"], dir.path());
    assert!(String::from_utf8_lossy(&v.stdout).starts_with("podpora "));
}

#[test]
fn an_invalid_config_stops_with_one_message_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("podpora.toml"),
        "[limits]\nattachment_max_bytes = \"lots\"\n",
    )
    .unwrap();
    let out = podpora(&["migrate"], dir.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("limits.attachment_max_bytes"), "{err}");
    std::fs::remove_file(dir.path().join("podpora.toml")).unwrap();
    let out = Command::new(BIN)
        .args(["migrate"])
        .current_dir(dir.path())
        .env("PODPORA_LISTEN", "nowhere")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("`listen`"), "{err}");
    let out = podpora(&["serve", "--listen", "not-an-address"], dir.path());
    assert!(String::from_utf8_lossy(&out.stderr).contains("`listen`"));
}

/// Starts `podpora demo` on a free port and waits for its "listening" line.
fn start_demo(dir: &Path) -> Served {
    start_listening(
        BIN,
        &["demo", "--listen", "127.0.0.1:0", "--data-dir", "data"],
        dir,
    )
}

fn sigterm(pid: u32) {
    Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_starts_serves_and_runs_twice() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..2 {
        let mut demo = start_demo(dir.path());
        let t0 = Instant::now();
        let health = reqwest::get(format!("{}/healthz", demo.url)).await.unwrap();
        assert_eq!(health.status(), 200);
        assert!(t0.elapsed() < Duration::from_secs(2));
        let info: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.path().join("data/demo.json")).unwrap(),
        )
        .unwrap();
        for key in ["url", "admin_token", "agents", "contacts"] {
            assert!(info.get(key).is_some(), "demo.json lacks {key}");
        }
        assert_eq!(info["url"], demo.url.as_str());
        let c = reqwest::Client::new();
        let tickets: serde_json::Value = c
            .get(format!("{}/api/v1/tickets", demo.url))
            .bearer_auth(info["admin_token"].as_str().unwrap())
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            tickets["total"], 5,
            "round {round}: demo data is loaded once"
        );
        let statuses: std::collections::BTreeSet<_> = tickets["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["status"].as_str().unwrap().to_string())
            .collect();
        assert!(
            statuses.len() >= 4,
            "tickets in several states: {statuses:?}"
        );
        sigterm(demo.child.id());
        let status = demo.child.wait().unwrap();
        assert!(status.success(), "graceful shutdown exits 0");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_commands_create_an_agent_and_a_working_token() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let d = data.to_str().unwrap();
    let out = podpora(
        &[
            "admin",
            "create-agent",
            "--email",
            "Eva@Firma.example",
            "--name",
            "Eva",
            "--role",
            "dispatcher",
            "--password",
            "velmi-tajne",
            "--data-dir",
            d,
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = podpora(
        &[
            "admin",
            "create-agent",
            "--email",
            "eva@firma.example",
            "--name",
            "Eva",
            "--role",
            "dispatcher",
            "--data-dir",
            d,
        ],
        dir.path(),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    let out = podpora(
        &[
            "admin",
            "reset-password",
            "--email",
            "eva@firma.example",
            "--password",
            "short",
            "--data-dir",
            d,
        ],
        dir.path(),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 8"));
    let out = podpora(
        &[
            "admin",
            "reset-password",
            "--email",
            "eva@firma.example",
            "--password",
            "ine-dlhe-heslo",
            "--data-dir",
            d,
        ],
        dir.path(),
    );
    assert!(out.status.success());
    let out = podpora(
        &[
            "admin",
            "issue-token",
            "--email",
            "eva@firma.example",
            "--data-dir",
            d,
        ],
        dir.path(),
    );
    assert!(out.status.success());
    let token = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(token.starts_with("pdp_"));

    let server = start_listening(
        BIN,
        &["serve", "--listen", "127.0.0.1:0", "--data-dir", d],
        Path::new("."),
    );
    let url = server.url.clone();
    let r = reqwest::Client::new()
        .get(format!("{url}/api/v1/teams"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    drop(server);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_taken_while_serving_restores_every_ticket_and_file() {
    let dir = tempfile::tempdir().unwrap();
    let demo = start_demo(dir.path());
    let info: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("data/demo.json")).unwrap())
            .unwrap();
    let token = info["admin_token"].as_str().unwrap().to_string();
    let c = reqwest::Client::new();
    let tickets: serde_json::Value = c
        .get(format!("{}/api/v1/tickets?per_page=200", demo.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let number = tickets["items"][0]["number"].as_str().unwrap().to_string();
    let note = c
        .post(format!("{}/api/v1/tickets/{number}/articles", demo.url))
        .bearer_auth(&token)
        .json(
            &serde_json::json!({"kind": "internal_note", "body": "záloha",
            "attachments": [{"filename": "konfigurácia.txt", "content_type": "text/plain",
                             "content_base64": "a29uZmlndXLDoWNpYQ=="}]}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(note.status(), 201);
    let file_id = note.json::<serde_json::Value>().await.unwrap()["attachments"][0]["id"]
        .as_i64()
        .unwrap();
    let tickets: serde_json::Value = c
        .get(format!("{}/api/v1/tickets?per_page=200", demo.url))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // a write interrupted long ago left a temporary file: it is not part of the backup
    let attachments = dir.path().join("data/attachments");
    std::fs::write(attachments.join(".deadbeef.1.1.tmp"), b"half").unwrap();

    let out = dir.path().join("backup");
    let r = podpora(
        &[
            "backup",
            "--out",
            out.to_str().unwrap(),
            "--data-dir",
            "data",
        ],
        dir.path(),
    );
    let said = String::from_utf8_lossy(&r.stdout);
    assert!(
        r.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(said.contains("5 tickets, 1 files"), "{said}");
    let again = podpora(
        &[
            "backup",
            "--out",
            out.to_str().unwrap(),
            "--data-dir",
            "data",
        ],
        dir.path(),
    );
    assert!(
        !again.status.success(),
        "an existing backup is never overwritten"
    );
    drop(demo);

    let r = podpora(
        &["restore", "--from", "backup", "--data-dir", "restored"],
        dir.path(),
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let r = podpora(
        &["restore", "--from", "backup", "--data-dir", "restored"],
        dir.path(),
    );
    assert!(!r.status.success(), "a restore never overwrites a database");
    assert!(String::from_utf8_lossy(&r.stderr).contains("holds a database already"));

    let server = start_listening(
        BIN,
        &["serve", "--listen", "127.0.0.1:0", "--data-dir", "restored"],
        dir.path(),
    );
    let url = server.url.clone();
    let restored: serde_json::Value = c
        .get(format!("{url}/api/v1/tickets?per_page=200"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(restored["total"], tickets["total"]);
    assert_eq!(restored["items"], tickets["items"].clone());
    let file = c
        .get(format!("{url}/api/v1/attachments/{file_id}"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), 200);
    assert_eq!(
        file.bytes().await.unwrap().as_ref(),
        "konfigurácia".as_bytes()
    );
    assert!(
        !dir.path()
            .join("restored/attachments/.deadbeef.1.1.tmp")
            .exists()
    );
    drop(server);
}

#[test]
fn sla_due_and_holidays_answer_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = podpora(
        &[
            "sla",
            "due",
            "--hours",
            "mon-fri 08:30-17:00",
            "--tz",
            "Europe/Bratislava",
            "--holidays",
            "SK",
            "--from",
            "2026-10-30T16:00",
            "--target",
            "4h",
        ],
        dir.path(),
    );
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().next(),
        Some("2026-11-02T11:30:00+01:00")
    );
    let out = podpora(
        &[
            "sla",
            "due",
            "--hours",
            "mon-fri 08:30-17:00",
            "--holidays",
            "SK",
            "--from",
            "2025-12-23T14:00",
            "--target",
            "2bd",
            "--explain",
        ],
        dir.path(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("2025-12-30T17:00:00+01:00\n") && text.contains("business time counted"),
        "{text}"
    );
    let out = podpora(
        &[
            "sla",
            "due",
            "--hours",
            "24x7",
            "--from",
            "2026-10-30T16:00",
            "--target",
            "soon",
        ],
        dir.path(),
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--target") && err.contains("same-day"),
        "{err}"
    );
    let out = podpora(
        &["holidays", "--country", "PL", "--year", "2025"],
        dir.path(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 14, "{text}");
    assert!(text.contains("2025-12-24 Wigilia Bożego Narodzenia"));
    assert!(
        text.lines()
            .all(|l| l.len() > 11 && l.as_bytes()[4] == b'-' && l.as_bytes()[10] == b' ')
    );
}

/// One message of an mbox stream: the `From ` line, then the message.
fn mbox_entry(from: &str, message_id: &str, extra: &str, subject: &str, body: &str) -> String {
    format!(
        "From {from} Mon Nov 30 09:00:00 2026\nFrom: {from}\nTo: podpora@support.test\n\
         Message-ID: <{message_id}>\n{extra}Subject: {subject}\nContent-Type: text/plain; charset=utf-8\n\n{body}\n\n"
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn mailgate_batch_keeps_copies_replies_and_answer_limits_within_one_stream() {
    use sqlx::{ConnectOptions, Row};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("podpora.toml"),
        "log_level = \"warn\"\n[mail]\nauto_reply_per_hour = 3\n\
         [[mail.addresses]]\naddress = \"podpora@support.test\"\nlanguage = \"sk\"\n",
    )
    .unwrap();
    // The demo's contacts, plans and SLA policy.
    let demo = start_demo(dir.path());
    sigterm(demo.child.id());
    drop(demo);

    let jana = "jana.horvathova@inteligentny-dom.example";
    let petr = "petr.novak@servis-telefonie.example";
    // Forty requests first, so the intake is busy and reads ahead when the next ones arrive.
    let mut mbox = String::new();
    for i in 0..40 {
        mbox += &mbox_entry(
            petr,
            &format!("p{i}@client.test"),
            "",
            &format!("Ústredňa {i}"),
            "Nejde",
        );
    }
    // A request, the same message again (the copy to a second address: another raw message with
    // the same Message-ID, so it is stored and then recognised), then the customer's own
    // follow-up that only references it: written in one transaction when read ahead together.
    mbox += &mbox_entry(jana, "a@client.test", "", "Tlačiareň netlačí", "Dobrý deň");
    // The very same bytes twice (the MTA retried): stored once.
    mbox += &mbox_entry(jana, "a@client.test", "", "Tlačiareň netlačí", "Dobrý deň");
    mbox += &mbox_entry(
        jana,
        "a@client.test",
        "Delivered-To: servis@support.test\n",
        "Tlačiareň netlačí",
        "Dobrý deň",
    );
    mbox += &mbox_entry(
        jana,
        "b@client.test",
        "In-Reply-To: <a@client.test>\nReferences: <a@client.test>\n",
        "Re: Tlačiareň netlačí",
        "Ešte jedna vec",
    );
    mbox += &mbox_entry("cudzi@niekde.test", "c@client.test", "", "Ahoj", "Kto ste?");

    let mut child = Command::new(BIN)
        .args([
            "mailgate",
            "--batch",
            "--recipient",
            "podpora@support.test",
            "--data-dir",
        ])
        .arg(dir.path().join("data"))
        .current_dir(dir.path())
        .env_remove("PODPORA_CONFIG")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(mbox.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("45 messages stored"), "{stderr}");

    let mut db = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(dir.path().join("data/podpora.db"))
        .read_only(true)
        .connect()
        .await
        .unwrap();
    let statuses: Vec<String> =
        sqlx::query_scalar("SELECT status FROM inbound_messages ORDER BY id")
            .fetch_all(&mut db)
            .await
            .unwrap();
    let mut expected = vec!["processed"; 40];
    expected.extend(["processed", "duplicate", "processed", "rejected"]);
    assert_eq!(statuses, expected);
    // Tickets numbered in the order their messages arrived; the reply is in the first one.
    let tickets = sqlx::query(
        "SELECT i.ticket_id, t.number FROM inbound_messages i JOIN tickets t ON t.id = i.ticket_id
         ORDER BY i.id",
    )
    .fetch_all(&mut db)
    .await
    .unwrap();
    let ids: Vec<i64> = tickets.iter().map(|r| r.get(0)).collect();
    let numbers: Vec<String> = tickets.iter().map(|r| r.get(1)).collect();
    assert_eq!(ids[40], ids[41], "the copy belongs to jana's request");
    assert_eq!(ids[40], ids[42], "the reply is added to jana's request");
    let mut sorted = numbers.clone();
    sorted.sort();
    assert_eq!(numbers, sorted, "numbers follow the arrival order");
    let opened: std::collections::BTreeSet<i64> = ids.iter().copied().collect();
    assert_eq!(opened.len(), 41, "forty requests from petr, one from jana");
    let articles: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM articles WHERE ticket_id = ?")
        .bind(ids[40])
        .fetch_one(&mut db)
        .await
        .unwrap();
    assert_eq!(articles, 2);
    // The demo's own requests were confirmed too, within the hour: automatic messages that
    // count towards each address's limit.
    let demo_confirmations: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE recipient = ?
         AND ticket_id NOT IN (SELECT ticket_id FROM inbound_messages WHERE ticket_id IS NOT NULL)",
    )
    .bind(petr)
    .fetch_one(&mut db)
    .await
    .unwrap();
    // Confirmations of the stream: jana one, petr up to three (auto_reply_per_hour) with the
    // demo's, the stranger one answer.
    let answers = sqlx::query(
        "SELECT recipient, purpose, COUNT(*) FROM outbox
         WHERE ticket_id IS NULL OR ticket_id IN (SELECT ticket_id FROM inbound_messages)
         GROUP BY recipient, purpose ORDER BY recipient",
    )
    .fetch_all(&mut db)
    .await
    .unwrap();
    let answers: Vec<(String, String, i64)> = answers
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(
        answers,
        [
            (
                "cudzi@niekde.test".to_string(),
                "unknown_sender".to_string(),
                1
            ),
            (jana.to_string(), "confirmation".to_string(), 1),
            (
                petr.to_string(),
                "confirmation".to_string(),
                3 - demo_confirmations
            ),
        ]
    );
}
