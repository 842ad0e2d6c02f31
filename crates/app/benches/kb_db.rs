//! Suggestions of the knowledge base on a real database: 10,000 articles, each in Slovak, Czech,
//! Polish and English (40,000 texts), then the suggestions a customer gets while typing a new
//! request, through the use case (visibility by plan, ranking, snippets, and the write that
//! keeps what was shown for the report).
//!
//! Run: `cargo bench -p podpora-app --bench kb_db` (SQLite in a temporary directory);
//! `PODPORA_BENCH_DB=postgres` for PostgreSQL (the test harness's server, or
//! `PODPORA_TEST_POSTGRES_URL`); `PODPORA_BENCH_ARTICLES=n` for another size.

use podpora_app::{Actor, App, AppConfig, actor::CustomerActor, kb};
use podpora_core::Language;
use podpora_store::{
    Db, DbOptions, repo,
    repo::kb::KbArticleRow,
    rows::{ContactRow, OrganizationRow},
};
use podpora_testkit::{Backend, TestDb};
use std::time::{Duration, Instant};

/// Common words of each language, with their inflected forms.
const WORDS: [(&str, &[&str]); 4] = [
    (
        "sk",
        &[
            "tlačiareň",
            "tlačiarne",
            "tlačiarňou",
            "nefunguje",
            "netlačí",
            "ústredňa",
            "sieť",
            "výpadok",
            "heslo",
            "faktúra",
            "pripojenie",
            "internet",
            "smerovač",
            "kamera",
            "záznam",
            "licencia",
            "aktualizácia",
            "zálohovanie",
            "disk",
            "pomalý",
            "chyba",
            "prihlásenie",
            "pošta",
            "príloha",
            "telefón",
            "linka",
            "volanie",
            "reštart",
            "obrazovka",
            "skener",
        ],
    ),
    (
        "cs",
        &[
            "tiskárna",
            "tiskárny",
            "tiskárnou",
            "nefunguje",
            "netiskne",
            "ústředna",
            "síť",
            "výpadek",
            "heslo",
            "faktura",
            "připojení",
            "internet",
            "router",
            "kamera",
            "záznam",
            "licence",
            "aktualizace",
            "zálohování",
            "disk",
            "pomalý",
            "chyba",
            "přihlášení",
            "pošta",
            "příloha",
            "telefon",
            "linka",
            "volání",
            "restart",
            "obrazovka",
            "skener",
        ],
    ),
    (
        "pl",
        &[
            "drukarka",
            "drukarki",
            "drukarką",
            "nie",
            "drukuje",
            "działa",
            "centrala",
            "sieć",
            "awaria",
            "hasło",
            "faktura",
            "połączenie",
            "internet",
            "router",
            "kamera",
            "nagranie",
            "licencja",
            "aktualizacja",
            "kopia",
            "dysk",
            "wolny",
            "błąd",
            "logowanie",
            "poczta",
            "załącznik",
            "telefon",
            "łączność",
            "restart",
            "ekran",
            "skaner",
        ],
    ),
    (
        "en",
        &[
            "printer",
            "printers",
            "printing",
            "not",
            "working",
            "switchboard",
            "network",
            "outage",
            "password",
            "invoice",
            "connection",
            "internet",
            "router",
            "camera",
            "recording",
            "licence",
            "update",
            "backup",
            "disk",
            "slow",
            "error",
            "login",
            "mail",
            "attachment",
            "phone",
            "line",
            "call",
            "restart",
            "screen",
            "scanner",
        ],
    ),
];

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

    /// A word of language `l`: a common one a third of the time, else one of 5,000 rarer ones
    /// (the lower ranks far more often).
    fn word(&mut self, l: usize) -> String {
        if self.below(3) == 0 {
            let w = WORDS[l].1;
            w[self.below(w.len() as u64) as usize].to_string()
        } else {
            let a = self.below(5_000);
            pseudo_word(l, self.below(a + 1))
        }
    }

    fn text(&mut self, l: usize, n: usize) -> String {
        (0..n).map(|_| self.word(l)).collect::<Vec<_>>().join(" ")
    }
}

/// A made-up word of language `l` for rank `n`: syllables, so words share prefixes as real
/// words do (a half-typed word matches several).
fn pseudo_word(l: usize, mut n: u64) -> String {
    const SYLLABLES: [&str; 10] = ["ka", "lo", "mi", "ne", "po", "ru", "se", "ti", "va", "zu"];
    let mut w = String::from(["b", "d", "g", "h"][l]);
    loop {
        w.push_str(SYLLABLES[(n % 10) as usize]);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    w
}

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
    let articles: i64 = std::env::var("PODPORA_BENCH_ARTICLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
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
    let mut tx = db.begin().await.unwrap();
    let org = repo::customers::insert_org(
        &mut tx,
        &OrganizationRow {
            id: 0,
            name: "Firma".into(),
            country: "SK".into(),
            language: Language::Sk,
            price_level: "standard".into(),
            ico: None,
            nip: None,
            regon: None,
            vat_id: None,
            address: None,
            created_at: 1,
            updated_at: 1,
        },
    )
    .await
    .unwrap();
    let contact = repo::customers::insert_contact(
        &mut tx,
        &ContactRow {
            id: 0,
            organization_id: Some(org),
            name: "Jana".into(),
            language: Language::Sk,
            created_at: 1,
            updated_at: 1,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let t0 = Instant::now();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let now = podpora_app::now_ms();
    let batch = 250;
    let mut done = 0;
    while done < articles {
        let mut tx = db.begin().await.unwrap();
        for i in done..(done + batch).min(articles) {
            let visibility = match i % 10 {
                0..=6 => "public",
                7 | 8 => "customers",
                _ => "staff",
            };
            let id = repo::kb::insert_article(
                &mut tx,
                &KbArticleRow {
                    id: 0,
                    category: Some(format!("c{}", i % 20)),
                    applies_to: None,
                    visibility: visibility.into(),
                    created_by: None,
                    created_at: now - i * 60_000,
                    updated_at: now - i * 60_000,
                },
            )
            .await
            .unwrap();
            for (l, (code, _)) in WORDS.iter().enumerate() {
                let title = rng.text(l, 4);
                let body = rng.text(l, 80);
                let (tid, _) = repo::kb::save_text(
                    &mut tx,
                    id,
                    code,
                    &title,
                    &body,
                    None,
                    "created",
                    now - i * 60_000,
                )
                .await
                .unwrap();
                repo::kb::set_published(&mut tx, tid, true, now)
                    .await
                    .unwrap();
            }
        }
        tx.commit().await.unwrap();
        done = (done + batch).min(articles);
    }
    if db.backend() == podpora_store::Backend::Postgres {
        let mut tx = db.begin().await.unwrap();
        podpora_store::on_tx!(&mut tx, c => sqlx::query("ANALYZE").execute(c).await.map(|_| ()))
            .unwrap();
        tx.commit().await.unwrap();
    }
    println!(
        "{backend}: {articles} articles in 4 languages written (indexed in the same transactions) in {:.1} s",
        t0.elapsed().as_secs_f64()
    );

    let actor = Actor::Customer(CustomerActor {
        session_id: 1,
        contact_id: Some(contact),
        organization_id: Some(org),
    });
    let langs = [Language::Sk, Language::Cs, Language::Pl, Language::En];
    let mut all = Vec::new();
    let mut found = 0;
    for round in 0..400 {
        let l = round % 4;
        // What a customer has typed so far: two to six words, the last perhaps half-typed.
        let n = 2 + rng.below(5) as usize;
        let mut typed = rng.text(l, n);
        if rng.below(2) == 0 {
            let keep = typed.chars().count().saturating_sub(2);
            typed = typed.chars().take(keep).collect();
        }
        let token = kb::new_form_token().unwrap();
        let started = Instant::now();
        let hits = kb::suggest(&app, &actor, &token, &typed, langs[l])
            .await
            .expect("suggests");
        all.push(started.elapsed());
        found += usize::from(!hits.is_empty());
    }
    all.sort();
    println!(
        "{backend}, {articles} articles x 4 languages, {} suggestions ({found} found something): p50 {}, p95 {}, max {}",
        all.len(),
        ms(percentile(&all, 50)),
        ms(percentile(&all, 95)),
        ms(all[all.len() - 1]),
    );
    db.close().await;
}
