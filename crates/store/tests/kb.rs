//! The knowledge base on SQLite and on PostgreSQL: relevance in four languages (diacritics,
//! word endings, title over body), who may read what, versions, and the counts of reports.

use podpora_core::{Language, text::stem::query_stems};
use podpora_store::{
    Db, DbOptions, Tx,
    repo::{
        self,
        kb::{
            KbArticleRow, KbEventRow, KbFileRow, KbHitRow, KbReader, KbSearch, KbSuggestionRow,
            KbVoteRow, VoteOutcome,
        },
        plans::{ContractRow, PlanRow},
    },
    rows::{AssetRow, ContactRow, OrganizationRow},
};
use podpora_testkit::{Backend, TestDb};

async fn open(backend: Backend) -> (TestDb, Db) {
    let t = TestDb::new(backend).await;
    let db = Db::connect(&t.url, &DbOptions::default())
        .await
        .expect("connects");
    db.migrate().await.expect("migrates");
    (t, db)
}

macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(podpora_testkit::Backend::Sqlite).await } )* }
        mod postgres { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(podpora_testkit::Backend::Postgres).await } )* }
    };
}

on_both!(
    relevance_in_four_languages,
    visibility_by_audience_and_plan,
    versions_keep_every_text,
    suggestions_count_requests_avoided,
    one_vote_per_reader_and_article,
    files_belong_to_their_article,
);

const NOW: i64 = 1_796_000_000_000;
const TODAY: &str = "2026-12-04";

/// An article with its published translations `(language, title, body)`.
async fn article(
    tx: &mut Tx<'_>,
    visibility: &str,
    applies_to: Option<&str>,
    texts: &[(&str, &str, &str)],
) -> i64 {
    let id = repo::kb::insert_article(
        tx,
        &KbArticleRow {
            id: 0,
            category: Some("general".into()),
            applies_to: applies_to.map(str::to_string),
            visibility: visibility.into(),
            created_by: None,
            created_at: NOW,
            updated_at: NOW,
        },
    )
    .await
    .unwrap();
    for (lang, title, body) in texts {
        let (t, _) = repo::kb::save_text(tx, id, lang, title, body, None, "created", NOW)
            .await
            .unwrap();
        repo::kb::set_published(tx, t, true, NOW).await.unwrap();
    }
    id
}

/// The fixed set of articles the relevance test ranks; returns their ids in this order.
async fn corpus(db: &Db) -> Vec<i64> {
    let mut tx = db.begin().await.unwrap();
    let mut ids = Vec::new();
    let sets: [&[(&str, &str, &str)]; 7] = [
        &[
            (
                "sk",
                "Tlačiareň netlačí",
                "Ak tlačiareň nereaguje, skontrolujte kábel a papier. Potom tlačiareň reštartujte.",
            ),
            (
                "cs",
                "Tiskárna netiskne",
                "Když tiskárna nereaguje, zkontrolujte kabel a papír.",
            ),
            (
                "pl",
                "Drukarka nie drukuje",
                "Gdy drukarka nie odpowiada, sprawdź kabel i papier.",
            ),
            (
                "en",
                "Printer does not print",
                "If the printer does not respond, check the cable and the paper.",
            ),
        ],
        &[
            (
                "sk",
                "Nefunguje internet",
                "Ak nefunguje pripojenie k internetu, reštartujte smerovač.",
            ),
            (
                "cs",
                "Nefunguje internet",
                "Když nefunguje připojení k internetu, restartujte router.",
            ),
            (
                "pl",
                "Internet nie działa",
                "Jeśli połączenie nie działa, uruchom ponownie router.",
            ),
            (
                "en",
                "The internet is down",
                "Restart the router when the connection fails.",
            ),
        ],
        &[
            (
                "sk",
                "Zmena hesla do portálu",
                "Heslo zmeníte vo svojom profile.",
            ),
            (
                "cs",
                "Změna hesla do portálu",
                "Heslo změníte ve svém profilu.",
            ),
            (
                "pl",
                "Zmiana hasła do portalu",
                "Hasło zmienisz w swoim profilu.",
            ),
            (
                "en",
                "Changing the portal password",
                "Change your password in your profile.",
            ),
        ],
        &[
            (
                "sk",
                "Papier sa zasekol v tlačiarni",
                "Otvorte kryt tlačiarne a opatrne vyberte papier.",
            ),
            (
                "pl",
                "Papier zaciął się w drukarce",
                "Otwórz pokrywę drukarki i wyjmij papier.",
            ),
        ],
        &[
            (
                "sk",
                "Ústredňa po výpadku prúdu",
                "Po výpadku prúdu potrebuje ústredňa päť minút, kým začne fungovať.",
            ),
            (
                "pl",
                "Brak łączności z centralą",
                "Gdy nie ma łączności z centralą telefoniczną, sprawdź zasilanie.",
            ),
        ],
        &[
            (
                "sk",
                "Faktúry a platby",
                "Faktúru nájdete v portáli. Ak platba nefunguje, napíšte nám; tlačiareň faktúr nepotrebujete.",
            ),
            (
                "en",
                "Video guide: setting up the VoIP phone",
                "Watch the video and follow the steps to set up the phone.",
            ),
        ],
        &[
            (
                "cs",
                "Tiskárna a sdílení v síti",
                "Sdílenou tiskárnu přidáte v nastavení systému.",
            ),
            (
                "en",
                "Sharing a printer on the network",
                "Add the shared printer in the system settings.",
            ),
        ],
    ];
    for texts in sets {
        ids.push(article(&mut tx, "public", None, texts).await);
    }
    tx.commit().await.unwrap();
    ids
}

fn anyone() -> KbReader {
    KbReader {
        today: TODAY.into(),
        ..Default::default()
    }
}

async fn find(db: &Db, q: &str, lang: &str, reader: &KbReader) -> Vec<KbHitRow> {
    let stems = query_stems(q);
    let mut tx = db.read().await.unwrap();
    repo::kb::search(
        &mut tx,
        &KbSearch {
            stems: &stems,
            reader,
            language: lang,
            category: None,
            now: NOW,
            limit: 5,
        },
    )
    .await
    .unwrap()
}

async fn relevance_in_four_languages(b: Backend) {
    let (_t, db) = open(b).await;
    let ids = corpus(&db).await;
    let who = anyone();
    // (query, reader's language, the expected top three by article index; None: anything).
    let cases: [(&str, &str, [Option<usize>; 3]); 12] = [
        // Both words match other articles as well: this one is asserted among the top three below.
        ("nefunguje tlaciaren", "sk", [None, None, None]),
        ("Tlačiareň netlačí", "sk", [Some(0), Some(3), None]),
        ("tlačiarňou", "sk", [Some(0), Some(3), None]),
        ("tlaciarne", "sk", [Some(0), Some(3), None]),
        ("drukarka nie drukuje", "pl", [Some(0), Some(3), None]),
        ("tiskárna netiskne", "cs", [Some(0), Some(6), None]),
        ("TISKARNY", "cs", [Some(0), Some(6), None]),
        ("printer not printing", "en", [Some(0), Some(6), None]),
        ("łączność", "pl", [Some(4), None, None]),
        ("lacznosc z centrala", "pl", [Some(4), None, None]),
        ("zmena hesla", "cs", [Some(2), None, None]),
        ("video guide", "en", [Some(5), None, None]),
    ];
    for (q, lang, expected) in cases {
        let hits = find(&db, q, lang, &who).await;
        for (i, want) in expected.iter().enumerate() {
            if let Some(want) = want {
                assert_eq!(
                    hits.get(i).map(|h| h.article_id),
                    Some(ids[*want]),
                    "{q:?} ({lang}) #{i}: {:?}",
                    hits.iter()
                        .map(|h| (&h.title, &h.language))
                        .collect::<Vec<_>>()
                );
            }
        }
    }
    // The reader's language wins among translations that match alike.
    let hits = find(&db, "drukarka nie drukuje", "pl", &who).await;
    assert_eq!(hits[0].language, "pl");
    assert_eq!(hits[0].title, "Drukarka nie drukuje");
    let hits = find(&db, "internet", "cs", &who).await;
    assert_eq!(
        (hits[0].article_id, hits[0].language.as_str()),
        (ids[1], "cs")
    );
    // The customer typing sees the article among the first three.
    let hits = find(&db, "nefunguje tlaciaren", "sk", &who).await;
    assert!(hits.iter().take(3).any(|h| h.title == "Tlačiareň netlačí"));
    assert!(find(&db, "zzzz qqqq", "sk", &who).await.is_empty());
}

async fn plan(tx: &mut Tx<'_>, code: &str) -> i64 {
    repo::plans::insert_plan(
        tx,
        &PlanRow {
            id: 0,
            code: code.into(),
            name: code.into(),
            rank: 1,
            support_calendar_id: None,
            remote_minutes_per_month: 0,
            work_minutes_per_month: 0,
            preventive_checks_per_month: 0,
            included_time_for_changes: false,
            hardware_replacement: None,
            hardware_visit_guarantee: false,
            guarantee_remote_resolution: None,
            guarantee_visit: None,
            guarantee_restore: None,
            price_minor: 0,
            currency: "EUR".into(),
            discount_hours_percent: 0,
            discount_trips_percent: 0,
            free_remote_diagnostics: false,
            pay_later: false,
            handover_window_months: None,
            channels: "[]".into(),
            onboarding: "[]".into(),
            created_at: 1,
            updated_at: 1,
        },
    )
    .await
    .unwrap()
}

async fn org_on(tx: &mut Tx<'_>, name: &str, plan_id: i64, asset_kind: &str) -> i64 {
    let org = repo::customers::insert_org(
        tx,
        &OrganizationRow {
            id: 0,
            name: name.into(),
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
    repo::plans::insert_contract(
        tx,
        &ContractRow {
            id: 0,
            organization_id: org,
            asset_id: None,
            plan_id,
            starts_on: "2026-01-01".into(),
            ends_on: None,
            created_at: 1,
        },
    )
    .await
    .unwrap();
    repo::customers::insert_asset(
        tx,
        &AssetRow {
            id: 0,
            organization_id: org,
            kind: asset_kind.into(),
            identifier: format!("{name}-1"),
            name: "x".into(),
            created_at: 1,
            updated_at: 1,
        },
    )
    .await
    .unwrap();
    org
}

async fn visibility_by_audience_and_plan(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let premium = plan(&mut tx, "premium").await;
    let basic = plan(&mut tx, "basic").await;
    let rich = org_on(&mut tx, "rich", premium, "pbx").await;
    let poor = org_on(&mut tx, "poor", basic, "router").await;
    let public = article(
        &mut tx,
        "public",
        None,
        &[("sk", "Router verejný návod", "router")],
    )
    .await;
    let customers = article(
        &mut tx,
        "customers",
        None,
        &[("sk", "Router pre zákazníkov", "router")],
    )
    .await;
    let plans = article(
        &mut tx,
        "plans",
        None,
        &[("sk", "Router prémiový návod", "router")],
    )
    .await;
    repo::kb::set_plans(&mut tx, plans, &[premium])
        .await
        .unwrap();
    let staff = article(
        &mut tx,
        "staff",
        None,
        &[("sk", "Router interný postup", "router")],
    )
    .await;
    // A draft: never found by readers.
    let draft = repo::kb::insert_article(
        &mut tx,
        &KbArticleRow {
            id: 0,
            category: None,
            applies_to: None,
            visibility: "public".into(),
            created_by: None,
            created_at: NOW,
            updated_at: NOW,
        },
    )
    .await
    .unwrap();
    repo::kb::save_text(
        &mut tx,
        draft,
        "sk",
        "Router koncept",
        "router",
        None,
        "created",
        NOW,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let customer = |org| KbReader {
        signed_in: true,
        organization_id: Some(org),
        today: TODAY.into(),
        ..Default::default()
    };
    let staff_reader = KbReader {
        staff: true,
        drafts: true,
        today: TODAY.into(),
        ..Default::default()
    };
    let ids = |hits: Vec<KbHitRow>| {
        let mut v: Vec<i64> = hits.into_iter().map(|h| h.article_id).collect();
        v.sort_unstable();
        v
    };
    assert_eq!(ids(find(&db, "router", "sk", &anyone()).await), [public]);
    assert_eq!(
        ids(find(&db, "router", "sk", &customer(poor)).await),
        [public, customers]
    );
    assert_eq!(
        ids(find(&db, "router", "sk", &customer(rich)).await),
        [public, customers, plans]
    );
    assert_eq!(
        ids(find(&db, "router", "sk", &staff_reader).await),
        [public, customers, plans, staff, draft]
    );
    let mut tx = db.read().await.unwrap();
    assert!(
        !repo::kb::readable(&mut tx, plans, &customer(poor))
            .await
            .unwrap()
    );
    assert!(
        repo::kb::readable(&mut tx, plans, &customer(rich))
            .await
            .unwrap()
    );
    assert!(
        !repo::kb::readable(&mut tx, customers, &anyone())
            .await
            .unwrap()
    );
    assert!(
        !repo::kb::readable(&mut tx, staff, &customer(rich))
            .await
            .unwrap()
    );
    let listed = repo::kb::browse(&mut tx, &customer(poor), None, 50, 0)
        .await
        .unwrap();
    assert!(
        !listed.contains(&plans) && !listed.contains(&draft),
        "{listed:?}"
    );
    assert!(listed.contains(&public) && listed.contains(&customers));
    // A contract that ended takes the plan's articles with it.
    drop(tx);
    let mut tx = db.begin().await.unwrap();
    for c in repo::plans::contracts_of(&mut tx, rich).await.unwrap() {
        repo::plans::end_contract(&mut tx, c.id, "2026-06-30")
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    assert!(
        !repo::kb::readable(&mut tx, plans, &customer(rich))
            .await
            .unwrap()
    );
}

async fn versions_keep_every_text(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let a = article(
        &mut tx,
        "public",
        None,
        &[("sk", "Prvý názov", "prvý text")],
    )
    .await;
    let (t, v) = repo::kb::save_text(
        &mut tx,
        a,
        "sk",
        "Druhý názov",
        "druhý text",
        None,
        "edited",
        NOW + 1,
    )
    .await
    .unwrap();
    assert_eq!(v, 2);
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let versions = repo::kb::versions(&mut tx, t).await.unwrap();
    assert_eq!(
        versions
            .iter()
            .map(|v| (v.version, v.title.as_str(), v.note.as_str()))
            .collect::<Vec<_>>(),
        [(2, "Druhý názov", "edited"), (1, "Prvý názov", "created")]
    );
    let current = repo::kb::get_translation(&mut tx, t).await.unwrap();
    assert!(
        current.published,
        "an edit keeps a published text published"
    );
    drop(tx);
    assert!(find(&db, "druhy", "sk", &anyone()).await.len() == 1);
    assert!(
        find(&db, "prvy", "sk", &anyone()).await.is_empty(),
        "old words leave the index"
    );
}

async fn suggestions_count_requests_avoided(b: Backend) {
    let (_t, db) = open(b).await;
    let ids = corpus(&db).await;
    let mut tx = db.begin().await.unwrap();
    let contact = repo::customers::insert_contact(
        &mut tx,
        &ContactRow {
            id: 0,
            organization_id: None,
            name: "Jana".into(),
            language: Language::Sk,
            created_at: 1,
            updated_at: 1,
        },
    )
    .await
    .unwrap();
    let shown = |token: &str| KbSuggestionRow {
        token: token.into(),
        contact_id: Some(contact),
        organization_id: None,
        language: "sk".into(),
        month: "2026-12".into(),
        query: "nefunguje tlaciaren".into(),
        shown: vec![ids[0], ids[1]],
        at: NOW,
    };
    repo::kb::suggestions_shown(&mut tx, &shown("t1"))
        .await
        .unwrap();
    repo::kb::suggestions_shown(&mut tx, &shown("t1"))
        .await
        .unwrap();
    repo::kb::suggestions_shown(&mut tx, &shown("t2"))
        .await
        .unwrap();
    // Another customer cannot take over a token, nor open what was not shown.
    assert!(
        !repo::kb::suggestion_opened(&mut tx, "t1", None, Some(contact + 1), ids[0], NOW)
            .await
            .unwrap()
    );
    assert!(
        !repo::kb::suggestion_opened(&mut tx, "t1", None, Some(contact), ids[2], NOW)
            .await
            .unwrap()
    );
    assert!(
        repo::kb::suggestion_opened(&mut tx, "t1", None, Some(contact), ids[0], NOW)
            .await
            .unwrap()
    );
    assert!(
        repo::kb::suggestion_opened(&mut tx, "t2", None, Some(contact), ids[1], NOW)
            .await
            .unwrap()
    );
    for (kind, article) in [("view", Some(ids[0])), ("search_empty", None)] {
        repo::kb::record_event(
            &mut tx,
            &KbEventRow {
                kind,
                article_id: article,
                language: "sk".into(),
                month: "2026-12".into(),
                contact_id: Some(contact),
                organization_id: None,
                query: article.is_none().then(|| "zzz".to_string()),
                at: NOW,
            },
        )
        .await
        .unwrap();
    }
    let sk = repo::kb::translations(&mut tx, ids[0]).await.unwrap()[0].id;
    repo::kb::cast_vote(&mut tx, &vote(ids[0], "contact:1", sk, true))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let report = repo::kb::report(&mut tx, "2026-12", "2026-12")
        .await
        .unwrap();
    let count = |what: &str| {
        report
            .iter()
            .filter(|r| r.what == what && r.language == "sk" && r.month == "2026-12")
            .map(|r| r.n)
            .sum::<i64>()
    };
    assert_eq!(count("suggested"), 2);
    assert_eq!(count("opened"), 2);
    assert_eq!(count("avoided"), 2);
    assert_eq!(count("view"), 1);
    assert_eq!(count("helpful"), 1);
    assert_eq!(count("search_empty"), 1);
    let empty = repo::kb::empty_searches(&mut tx, "2026-12", 10)
        .await
        .unwrap();
    assert_eq!(empty, [("sk".to_string(), "zzz".to_string(), 1)]);
    let read = repo::kb::read_by(&mut tx, contact, NOW - 1, NOW + 1)
        .await
        .unwrap();
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].title, "Tlačiareň netlačí");
}

fn vote(article_id: i64, voter: &str, translation_id: i64, helpful: bool) -> KbVoteRow {
    KbVoteRow {
        article_id,
        voter: voter.into(),
        translation_id,
        language: "sk".into(),
        helpful,
        month: "2026-12".into(),
        contact_id: None,
        organization_id: None,
        at: NOW,
    }
}

async fn one_vote_per_reader_and_article(b: Backend) {
    let (_t, db) = open(b).await;
    let ids = corpus(&db).await;
    let mut tx = db.begin().await.unwrap();
    let ts = repo::kb::translations(&mut tx, ids[0]).await.unwrap();
    let sk = ts.iter().find(|t| t.language == "sk").unwrap().id;
    let cs = ts.iter().find(|t| t.language == "cs").unwrap().id;
    let cast = |v: KbVoteRow| {
        let db = db.clone();
        async move {
            let mut tx = db.begin().await.unwrap();
            let o = repo::kb::cast_vote(&mut tx, &v).await.unwrap();
            tx.commit().await.unwrap();
            o
        }
    };
    drop(tx);
    assert_eq!(
        cast(vote(ids[0], "contact:1", sk, true)).await,
        VoteOutcome::Counted
    );
    assert_eq!(
        cast(vote(ids[0], "contact:1", sk, true)).await,
        VoteOutcome::Unchanged
    );
    assert_eq!(
        cast(vote(ids[0], "anon:abc", sk, true)).await,
        VoteOutcome::Counted
    );
    // The same reader changes their mind: the answer moves, nothing is added.
    assert_eq!(
        cast(vote(ids[0], "anon:abc", sk, false)).await,
        VoteOutcome::Changed
    );
    // A reader's vote on another article is another vote.
    let other = {
        let mut tx = db.read().await.unwrap();
        repo::kb::translations(&mut tx, ids[1]).await.unwrap()[0].id
    };
    assert_eq!(
        cast(vote(ids[1], "contact:1", other, true)).await,
        VoteOutcome::Counted
    );
    let counters = |id: i64| {
        let db = db.clone();
        async move {
            let mut tx = db.read().await.unwrap();
            let t = repo::kb::get_translation(&mut tx, id).await.unwrap();
            (t.helpful, t.unhelpful)
        }
    };
    assert_eq!(counters(sk).await, (1, 1));
    // Answering about the same article in another language moves the answer there.
    let mut cs_vote = vote(ids[0], "contact:1", cs, false);
    cs_vote.language = "cs".into();
    assert_eq!(cast(cs_vote).await, VoteOutcome::Changed);
    assert_eq!(counters(sk).await, (0, 1));
    assert_eq!(counters(cs).await, (0, 1));
    let mut tx = db.read().await.unwrap();
    assert_eq!(
        repo::kb::vote_of(&mut tx, ids[0], "anon:abc")
            .await
            .unwrap(),
        Some(false)
    );
    assert_eq!(
        repo::kb::vote_of(&mut tx, ids[0], "anon:zzz")
            .await
            .unwrap(),
        None
    );
    let report = repo::kb::report(&mut tx, "2026-12", "2026-12")
        .await
        .unwrap();
    let count = |what: &str, lang: &str| {
        report
            .iter()
            .filter(|r| r.what == what && r.language == lang)
            .map(|r| r.n)
            .sum::<i64>()
    };
    assert_eq!(
        (
            count("helpful", "sk"),
            count("unhelpful", "sk"),
            count("unhelpful", "cs")
        ),
        (1, 1, 1),
        "{report:?}"
    );
}

async fn files_belong_to_their_article(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let a = article(
        &mut tx,
        "public",
        None,
        &[("sk", "Obrázok", "![x](files/1)")],
    )
    .await;
    let other = article(&mut tx, "public", None, &[("sk", "Iný", "text")]).await;
    let row = |article_id: i64, name: &str, sha: &str| KbFileRow {
        id: 0,
        article_id,
        filename: name.into(),
        content_type: "image/png".into(),
        size_bytes: 3,
        sha256: sha.into(),
        uploaded_by: None,
        created_at: NOW,
    };
    let f1 = repo::kb::insert_file(&mut tx, &row(a, "schema.png", &"a".repeat(64)))
        .await
        .unwrap();
    let f2 = repo::kb::insert_file(&mut tx, &row(a, "foto.png", &"b".repeat(64)))
        .await
        .unwrap();
    repo::kb::insert_file(&mut tx, &row(other, "iny.png", &"a".repeat(64)))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.begin().await.unwrap();
    let files = repo::kb::files_of(&mut tx, a).await.unwrap();
    assert_eq!(
        files
            .iter()
            .map(|f| (f.id, f.filename.as_str()))
            .collect::<Vec<_>>(),
        [(f1, "schema.png"), (f2, "foto.png")]
    );
    assert_eq!(repo::kb::get_file(&mut tx, f2).await.unwrap().article_id, a);
    // A file is removed only through its own article.
    assert!(!repo::kb::delete_file(&mut tx, other, f2).await.unwrap());
    assert!(repo::kb::delete_file(&mut tx, a, f2).await.unwrap());
    let mut hashes = repo::kb::file_hashes(&mut tx).await.unwrap();
    hashes.sort();
    assert_eq!(hashes, ["a".repeat(64)], "the same bytes are named once");
    tx.commit().await.unwrap();
}
