//! Search on a real database: 100,000 tickets with 300,000 articles written through the store's
//! batched insert paths (so the index is built as in production), then searches through the use
//! case (scope, ranking, snippets) as staff, as a technician and as a customer.
//!
//! Run: `cargo bench -p podpora-app --bench search_db` (SQLite in a temporary directory);
//! `PODPORA_BENCH_DB=postgres` for PostgreSQL (the test harness's server, or
//! `PODPORA_TEST_POSTGRES_URL`); `PODPORA_BENCH_TICKETS=n` for another size.

use podpora_app::{
    Actor, Page,
    actor::AgentActor,
    search::{SearchQuery, search},
};
use podpora_core::{ArticleKind, Channel, Language, TicketStatus, Urgency, auth::Role};
use podpora_store::{
    Db, DbOptions, repo,
    rows::{ArticleRow, ContactRow, OrganizationRow, TicketRow},
};
use podpora_testkit::{Backend, TestDb};
use std::time::{Duration, Instant};

const ORGS: i64 = 1_000;
const TEAMS: usize = 10;
const ARTICLES_PER_TICKET: usize = 3;
/// Words of an article.
const ARTICLE_WORDS: usize = 45;

/// Real words with diacritics, the common part of the vocabulary.
const WORDS: &[&str] = &[
    "tlačiareň",
    "nefunguje",
    "ústredňa",
    "sieť",
    "výpadok",
    "heslo",
    "účtovníctvo",
    "faktúra",
    "Łódź",
    "Kraków",
    "drukarka",
    "nie",
    "działa",
    "žlutý",
    "kůň",
    "řetěz",
    "pobočka",
    "kamera",
    "záznam",
    "licencia",
    "aktualizácia",
    "server",
    "zálohovanie",
    "disk",
    "pomalý",
    "chyba",
    "hlásenie",
    "prihlásenie",
    "pošta",
    "príloha",
    "telefón",
    "linka",
    "volanie",
    "ďakujem",
    "prosím",
    "urgentné",
    "dnes",
    "ráno",
    "včera",
    "stále",
    "opäť",
    "router",
    "modem",
    "wifi",
    "skener",
    "monitor",
    "klávesnica",
    "myš",
    "obrazovka",
    "zamrznutý",
    "reštart",
    "inštalácia",
    "objednávka",
    "zmluva",
    "servis",
    "technik",
    "návšteva",
    "termín",
    "cena",
    "zľava",
];

/// A deterministic generator (xorshift): the same data on every run and backend.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// A word: one of [`WORDS`] (a fifth of the time: each then stands in about one article
    /// in seven) or one of 20,000 rarer words, the lower ranks far more often (a long tail, as
    /// in real text).
    fn word(&mut self) -> String {
        if self.below(5) == 0 {
            WORDS[self.below(WORDS.len() as u64) as usize].to_string()
        } else {
            let a = self.below(20_000);
            let rank = self.below(a + 1);
            format!("slovo{rank}")
        }
    }

    fn text(&mut self, words: usize) -> String {
        (0..words)
            .map(|_| self.word())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn ticket(i: i64, subject: String, teams: &[i64]) -> TicketRow {
    TicketRow {
        id: 0,
        number: format!("2026-{i:06}"),
        subject,
        requester_id: Some(i % ORGS + 1),
        reply_to: None,
        organization_id: Some(i % ORGS + 1),
        asset_id: None,
        category: None,
        urgency: Urgency::Normal,
        channel: Channel::Email,
        team_id: Some(teams[usize::try_from(i).unwrap_or(0) % teams.len()]),
        assignee_id: None,
        status: TicketStatus::New,
        created_at: 1_793_606_400_000 + i * 60_000,
        updated_at: 1_793_606_400_000 + i * 60_000,
        resolved_at: None,
        closed_at: None,
        staff_copies: 0,
        fingerprint: None,
    }
}

/// Organizations (each with one contact, ids 1..=ORGS), teams with one technician, tickets and
/// articles; returns the technician's id.
async fn seed(db: &Db, tickets: i64) -> i64 {
    let mut tx = db.begin().await.unwrap();
    for o in 1..=ORGS {
        let org = repo::customers::insert_org(
            &mut tx,
            &OrganizationRow {
                id: 0,
                name: format!("Firma {o}"),
                country: "SK".into(),
                language: Language::Sk,
                price_level: "standard".into(),
                ico: Some(format!("{:08}", 10_000_000 + o)),
                nip: None,
                regon: None,
                vat_id: Some(format!("SK20{:08}", 10_000_000 + o)),
                address: None,
                created_at: 1,
                updated_at: 1,
            },
        )
        .await
        .unwrap();
        let c = repo::customers::insert_contact(
            &mut tx,
            &ContactRow {
                id: 0,
                organization_id: Some(org),
                name: format!("Kontakt {o}"),
                language: Language::Sk,
                created_at: 1,
                updated_at: 1,
            },
        )
        .await
        .unwrap();
        repo::customers::set_contact_emails(&mut tx, c, &[format!("kontakt{o}@firma{o}.sk")])
            .await
            .unwrap();
    }
    let mut teams = Vec::new();
    for t in 0..TEAMS {
        teams.push(
            repo::agents::insert_team(&mut tx, &format!("Tím {t}"), None, None, 1)
                .await
                .unwrap(),
        );
    }
    let tech =
        repo::agents::insert_agent(&mut tx, "tech@podpora.example", "Technik", "sk", None, 1)
            .await
            .unwrap();
    repo::agents::set_teams(&mut tx, tech, &teams[..1])
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let batch = 300;
    let mut i = 1;
    while i <= tickets {
        let end = (i + batch - 1).min(tickets);
        let rows: Vec<TicketRow> = (i..=end)
            .map(|n| {
                let subject = rng.text(6);
                ticket(n, subject, &teams)
            })
            .collect();
        let mut tx = db.begin().await.unwrap();
        let ids = repo::tickets::insert_many(&mut tx, &rows).await.unwrap();
        let mut articles = Vec::with_capacity(ids.len() * ARTICLES_PER_TICKET);
        for (id, _) in &ids {
            for k in 0..ARTICLES_PER_TICKET {
                articles.push(ArticleRow {
                    id: 0,
                    ticket_id: *id,
                    kind: if k == 2 {
                        ArticleKind::InternalNote
                    } else {
                        ArticleKind::InboundEmail
                    },
                    author_agent_id: None,
                    author_contact_id: None,
                    author_name: "Zákazník".into(),
                    body_text: rng.text(ARTICLE_WORDS),
                    body_html: None,
                    message_id: None,
                    created_at: 1,
                });
            }
        }
        repo::articles::insert_many(&mut tx, &articles)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        i = end + 1;
    }
    if db.backend() == podpora_store::Backend::Postgres {
        let mut tx = db.begin().await.unwrap();
        podpora_store::on_tx!(&mut tx, c => sqlx::query("ANALYZE").execute(c).await.map(|_| ()))
            .unwrap();
        tx.commit().await.unwrap();
    }
    tech
}

/// Queries of a kind: what people type into a search box.
fn queries(rng: &mut Rng, tickets: i64) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for _ in 0..25 {
        out.push(("one word", rng.word()));
        out.push(("two words", format!("{} {}", rng.word(), rng.word())));
        out.push((
            "folded word",
            crate_fold(WORDS[rng.below(WORDS.len() as u64) as usize]),
        ));
        let n = rng.below(u64::try_from(tickets).unwrap_or(1)) + 1;
        out.push(("ticket number", format!("2026-{n:06}")));
        let o = rng.below(ORGS as u64) + 1;
        out.push(("e-mail address", format!("kontakt{o}@firma{o}.sk")));
        out.push(("company id", format!("{:08}", 10_000_000 + o)));
    }
    out
}

fn crate_fold(w: &str) -> String {
    podpora_core::text::fold_for_search(w)
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
    let t0 = Instant::now();
    let tech = seed(&db, tickets).await;
    println!(
        "{backend}: {tickets} tickets and {} articles written (indexed in the same transactions) in {:.1} s",
        tickets * ARTICLES_PER_TICKET as i64,
        t0.elapsed().as_secs_f64()
    );
    let callers = [
        ("staff", Actor::Cli),
        (
            "technician",
            Actor::Agent(AgentActor {
                id: tech,
                name: "Technik".into(),
                roles: vec![Role::Technician],
            }),
        ),
        (
            "customer",
            Actor::Organization {
                organization_id: 7,
                key_id: 1,
            },
        ),
    ];
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let qs = queries(&mut rng, tickets);
    // One warm-up pass, as a running server has its caches filled.
    for (_, q) in &qs {
        let _ = search(
            &db,
            &callers[0].1,
            &SearchQuery { q: q.clone() },
            Page {
                page: None,
                per_page: Some(20),
            },
        )
        .await;
    }
    let mut all = Vec::new();
    for (who, actor) in &callers {
        let mut by_kind: std::collections::BTreeMap<&str, Vec<Duration>> = Default::default();
        let mut found = 0;
        for (kind, q) in &qs {
            let started = Instant::now();
            let r = search(
                &db,
                actor,
                &SearchQuery { q: q.clone() },
                Page {
                    page: None,
                    per_page: Some(20),
                },
            )
            .await
            .expect("searches");
            let took = started.elapsed();
            found += usize::from(r.total > 0);
            by_kind.entry(kind).or_default().push(took);
            all.push(took);
        }
        for (kind, times) in &mut by_kind {
            times.sort();
            println!(
                "{backend} {who:>10} {kind:>15}: p50 {:>8}  p95 {:>8}  max {:>8}",
                ms(percentile(times, 50)),
                ms(percentile(times, 95)),
                ms(times[times.len() - 1]),
            );
        }
        println!(
            "{backend} {who:>10}: {found} of {} queries found something",
            qs.len()
        );
    }
    all.sort();
    println!(
        "{backend}, {tickets} tickets, {} searches: p50 {}, p95 {}, max {}",
        all.len(),
        ms(percentile(&all, 50)),
        ms(percentile(&all, 95)),
        ms(all[all.len() - 1]),
    );
    db.close().await;
}
