//! The search index on SQLite and on PostgreSQL: folding, ranking, scope, exact values, paging,
//! and that the index is written in the transaction that writes the ticket.

use podpora_core::{
    ArticleKind, Channel, Language, TicketStatus, Urgency,
    text::{query_terms, search::exact_keys},
};
use podpora_store::{
    Db, DbOptions, Tx, on_tx,
    repo::{
        self,
        search::{SearchHitRow, SearchRequest, SearchScope},
    },
    rows::{ArticleRow, AttachmentRow, ContactRow, OrganizationRow, TicketRow},
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
    diacritics_do_not_matter,
    better_matches_rank_first,
    customers_find_only_their_organization_and_no_internal_notes,
    technicians_find_only_their_teams_tickets,
    a_moved_ticket_is_found_in_its_new_scope_only,
    exact_values_find_tickets_first,
    pages_and_totals,
    an_old_ticket_is_found_behind_many_newer_ones_of_others,
    a_rolled_back_write_leaves_nothing_indexed,
    a_changed_subject_is_found_by_its_new_words,
    tickets_stored_before_the_index_are_indexed_at_start,
    a_contact_finds_what_their_list_shows_and_shared_requests,
    scope_words_are_not_found_as_text,
);

fn ticket(number: &str, subject: &str, org: Option<i64>) -> TicketRow {
    TicketRow {
        id: 0,
        number: number.into(),
        subject: subject.into(),
        requester_id: None,
        reply_to: None,
        organization_id: org,
        asset_id: None,
        category: None,
        urgency: Urgency::Normal,
        channel: Channel::Api,
        team_id: None,
        assignee_id: None,
        status: TicketStatus::New,
        created_at: 1000,
        updated_at: 1000,
        resolved_at: None,
        closed_at: None,
        staff_copies: 0,
        fingerprint: None,
    }
}

fn article(ticket_id: i64, kind: ArticleKind, body: &str) -> ArticleRow {
    ArticleRow {
        id: 0,
        ticket_id,
        kind,
        author_agent_id: None,
        author_contact_id: None,
        author_name: "X".into(),
        body_text: body.into(),
        body_html: None,
        message_id: None,
        created_at: 1000,
    }
}

fn org(name: &str, ico: &str) -> OrganizationRow {
    OrganizationRow {
        id: 0,
        name: name.into(),
        country: "SK".into(),
        language: Language::Sk,
        price_level: "standard".into(),
        ico: Some(ico.into()),
        nip: None,
        regon: None,
        vat_id: Some(format!("SK20{ico}")),
        address: None,
        created_at: 1,
        updated_at: 1,
    }
}

async fn find(tx: &mut Tx<'_>, q: &str, scope: SearchScope) -> (Vec<SearchHitRow>, i64) {
    find_page(tx, q, scope, 20, 0).await
}

async fn find_page(
    tx: &mut Tx<'_>,
    q: &str,
    scope: SearchScope,
    limit: i64,
    offset: i64,
) -> (Vec<SearchHitRow>, i64) {
    let terms = query_terms(q);
    let exact = exact_keys(q);
    repo::search::search(
        tx,
        &SearchRequest {
            terms: &terms,
            exact: &exact,
            scope,
            limit,
            offset,
        },
    )
    .await
    .expect("searches")
}

fn numbers(hits: &[SearchHitRow]) -> Vec<&str> {
    hits.iter().map(|h| h.number.as_str()).collect()
}

async fn diacritics_do_not_matter(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let t1 = repo::tickets::insert(
        &mut tx,
        &ticket("2026-000001", "Pobočka Łódź nefunguje", None),
    )
    .await
    .unwrap();
    let t2 = repo::tickets::insert(&mut tx, &ticket("2026-000002", "Tlačiareň", None))
        .await
        .unwrap();
    let a = repo::articles::insert(
        &mut tx,
        &article(t2, ArticleKind::InboundEmail, "Máme žlutý kůň, ľad a řeku."),
    )
    .await
    .unwrap();
    repo::articles::insert_attachment(
        &mut tx,
        &AttachmentRow {
            id: 0,
            article_id: a,
            filename: "Faktúra_Kraków.pdf".into(),
            content_type: "application/pdf".into(),
            size_bytes: 1,
            sha256: "00".into(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let all = SearchScope::default();
    let (hits, total) = find(&mut tx, "lodz", all).await;
    assert_eq!((numbers(&hits), total), (vec!["2026-000001"], 1));
    assert_eq!(hits[0].ticket_id, t1);
    assert_eq!(hits[0].matched, "ticket");
    assert_eq!(
        hits[0].text, "Pobočka Łódź nefunguje",
        "the text as written"
    );
    for q in ["zluty", "ZLUTÝ kun", "lad", "reku", "žlutý"] {
        let (hits, _) = find(&mut tx, q, all).await;
        assert_eq!(numbers(&hits), ["2026-000002"], "{q}");
        assert_eq!(hits[0].matched, "article", "{q}");
        assert_eq!(hits[0].source_id, Some(a));
    }
    let (hits, _) = find(&mut tx, "faktura krakow", all).await;
    assert_eq!(numbers(&hits), ["2026-000002"]);
    assert_eq!(hits[0].matched, "attachment");
    assert_eq!(hits[0].text, "Faktúra_Kraków.pdf");
    assert!(
        find(&mut tx, "lodz kun", all).await.0.is_empty(),
        "every term in one text"
    );
}

async fn better_matches_rank_first(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let filler = "slovo ".repeat(200);
    let weak = repo::tickets::insert(&mut tx, &ticket("2026-000001", "Otázka", None))
        .await
        .unwrap();
    repo::articles::insert(
        &mut tx,
        &article(
            weak,
            ArticleKind::InboundEmail,
            &format!("{filler} sieť {filler}"),
        ),
    )
    .await
    .unwrap();
    let strong = repo::tickets::insert(&mut tx, &ticket("2026-000002", "Výpadok siete", None))
        .await
        .unwrap();
    repo::articles::insert(
        &mut tx,
        &article(
            strong,
            ArticleKind::InboundEmail,
            "Sieť nejde, sieť padá, sieť.",
        ),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let (hits, total) = find(&mut tx, "siet", SearchScope::default()).await;
    assert_eq!(total, 2);
    assert_eq!(numbers(&hits), ["2026-000002", "2026-000001"]);
}

async fn customers_find_only_their_organization_and_no_internal_notes(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let o1 = repo::customers::insert_org(&mut tx, &org("Prvá", "11111111"))
        .await
        .unwrap();
    let o2 = repo::customers::insert_org(&mut tx, &org("Druhá", "22222222"))
        .await
        .unwrap();
    let mine = repo::tickets::insert(&mut tx, &ticket("2026-000001", "Heslo nefunguje", Some(o1)))
        .await
        .unwrap();
    let note = repo::articles::insert(
        &mut tx,
        &article(mine, ArticleKind::InternalNote, "Zákazník je tajnostkár"),
    )
    .await
    .unwrap();
    repo::articles::insert_attachments(
        &mut tx,
        &[AttachmentRow {
            id: 0,
            article_id: note,
            filename: "tajnostkar.txt".into(),
            content_type: "text/plain".into(),
            size_bytes: 1,
            sha256: "00".into(),
        }],
    )
    .await
    .unwrap();
    repo::tickets::insert(&mut tx, &ticket("2026-000002", "Heslo nefunguje", Some(o2)))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let customer = SearchScope {
        organization_id: Some(o1),
        public_only: true,
        ..SearchScope::default()
    };
    let (hits, total) = find(&mut tx, "heslo", customer).await;
    assert_eq!((numbers(&hits), total), (vec!["2026-000001"], 1));
    assert_eq!(find(&mut tx, "tajnostkar", customer).await, (vec![], 0));
    assert_eq!(find(&mut tx, "2026-000002", customer).await, (vec![], 0));
    assert_eq!(find(&mut tx, "22222222", customer).await, (vec![], 0));
    let staff = find(&mut tx, "tajnostkar", SearchScope::default()).await;
    assert_eq!(staff.1, 1, "staff find the note and its file");
    let contact = SearchScope {
        organization_id: Some(o1),
        requester_id: Some(9999),
        public_only: true,
        ..SearchScope::default()
    };
    assert_eq!(
        find(&mut tx, "heslo", contact).await.1,
        0,
        "only the contact's own"
    );
}

async fn technicians_find_only_their_teams_tickets(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let tech = repo::agents::insert_agent(&mut tx, "t@x.sk", "T", "sk", None, 1)
        .await
        .unwrap();
    let other = repo::agents::insert_agent(&mut tx, "o@x.sk", "O", "sk", None, 1)
        .await
        .unwrap();
    let team = repo::agents::insert_team(&mut tx, "Sieť", None, None, 1)
        .await
        .unwrap();
    let elsewhere = repo::agents::insert_team(&mut tx, "Iné", None, None, 1)
        .await
        .unwrap();
    repo::agents::set_teams(&mut tx, tech, &[team])
        .await
        .unwrap();
    let mut t = ticket("2026-000001", "Router", None);
    t.team_id = Some(team);
    repo::tickets::insert(&mut tx, &t).await.unwrap();
    let mut t = ticket("2026-000002", "Router", None);
    t.team_id = Some(elsewhere);
    t.assignee_id = Some(tech);
    repo::tickets::insert(&mut tx, &t).await.unwrap();
    let mut t = ticket("2026-000003", "Router", None);
    t.team_id = Some(elsewhere);
    t.assignee_id = Some(other);
    repo::tickets::insert(&mut tx, &t).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let scope = SearchScope {
        visible_to_agent: Some(tech),
        ..SearchScope::default()
    };
    let (hits, _) = find(&mut tx, "router", scope).await;
    assert_eq!(numbers(&hits), ["2026-000002", "2026-000001"]);
}

async fn a_moved_ticket_is_found_in_its_new_scope_only(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let tech = repo::agents::insert_agent(&mut tx, "t@x.sk", "T", "sk", None, 1)
        .await
        .unwrap();
    let team = repo::agents::insert_team(&mut tx, "Sieť", None, None, 1)
        .await
        .unwrap();
    repo::agents::set_teams(&mut tx, tech, &[team])
        .await
        .unwrap();
    let o1 = repo::customers::insert_org(&mut tx, &org("Prvá", "11111111"))
        .await
        .unwrap();
    let o2 = repo::customers::insert_org(&mut tx, &org("Druhá", "22222222"))
        .await
        .unwrap();
    let id = repo::tickets::insert(&mut tx, &ticket("2026-000001", "Router", Some(o1)))
        .await
        .unwrap();
    repo::articles::insert(
        &mut tx,
        &article(id, ArticleKind::InboundEmail, "Modem bliká"),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let agent = SearchScope {
        visible_to_agent: Some(tech),
        ..SearchScope::default()
    };
    let customer = |o| SearchScope {
        organization_id: Some(o),
        public_only: true,
        ..SearchScope::default()
    };
    let mut tx = db.read().await.unwrap();
    assert_eq!(find(&mut tx, "modem", agent).await.1, 0);
    drop(tx);
    let mut tx = db.begin().await.unwrap();
    let mut t = repo::tickets::get_by_id(&mut tx, id).await.unwrap();
    t.team_id = Some(team);
    t.organization_id = Some(o2);
    repo::tickets::update(&mut tx, &t).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    assert_eq!(find(&mut tx, "modem", agent).await.1, 1, "the article too");
    assert_eq!(find(&mut tx, "router", agent).await.1, 1);
    assert_eq!(find(&mut tx, "modem", customer(o1)).await.1, 0);
    assert_eq!(find(&mut tx, "modem", customer(o2)).await.1, 1);
    drop(tx);
    let mut tx = db.begin().await.unwrap();
    t.team_id = None;
    t.assignee_id = Some(tech);
    repo::tickets::update(&mut tx, &t).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    assert_eq!(find(&mut tx, "modem", agent).await.1, 1, "assigned to them");
    drop(tx);
    let mut tx = db.begin().await.unwrap();
    t.assignee_id = None;
    repo::tickets::update(&mut tx, &t).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    assert_eq!(find(&mut tx, "modem", agent).await.1, 0, "neither");
}

async fn exact_values_find_tickets_first(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let o = repo::customers::insert_org(&mut tx, &org("Firma", "27082440"))
        .await
        .unwrap();
    let c = repo::customers::insert_contact(
        &mut tx,
        &ContactRow {
            id: 0,
            organization_id: Some(o),
            name: "Jana".into(),
            language: Language::Sk,
            created_at: 1,
            updated_at: 1,
        },
    )
    .await
    .unwrap();
    repo::customers::set_contact_emails(&mut tx, c, &["jana@firma.sk".into()])
        .await
        .unwrap();
    let mut t = ticket("2026-000001", "Prvá", Some(o));
    t.requester_id = Some(c);
    repo::tickets::insert(&mut tx, &t).await.unwrap();
    repo::tickets::insert(&mut tx, &ticket("2026-000002", "Druhá", Some(o)))
        .await
        .unwrap();
    let other = repo::tickets::insert(&mut tx, &ticket("2026-000003", "Iná", None))
        .await
        .unwrap();
    repo::articles::insert(
        &mut tx,
        &article(other, ArticleKind::InboundEmail, "píšte na jana@firma.sk"),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let all = SearchScope::default();
    let (hits, _) = find(&mut tx, "#2026-000002", all).await;
    assert_eq!(numbers(&hits), ["2026-000002"]);
    assert_eq!(hits[0].matched, "number");
    let (hits, total) = find(&mut tx, "Jana@Firma.sk", all).await;
    assert_eq!(
        numbers(&hits),
        ["2026-000001", "2026-000003"],
        "the contact's, then the text"
    );
    assert_eq!(total, 2);
    assert_eq!(
        (hits[0].matched.as_str(), hits[1].matched.as_str()),
        ("email", "article")
    );
    for q in ["27082440", "270 82 440", "SK2027082440", "2027082440"] {
        let (hits, _) = find(&mut tx, q, all).await;
        assert_eq!(numbers(&hits), ["2026-000002", "2026-000001"], "{q}");
        assert_eq!(hits[0].matched, "company_id");
    }
}

async fn pages_and_totals(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let rows: Vec<_> = (1..=5)
        .map(|i| ticket(&format!("2026-{i:06}"), "Modem bliká", None))
        .collect();
    repo::tickets::insert_many(&mut tx, &rows).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let all = SearchScope::default();
    let (first, total) = find_page(&mut tx, "modem", all, 2, 0).await;
    assert_eq!((first.len(), total), (2, 5));
    let (last, total) = find_page(&mut tx, "modem", all, 2, 4).await;
    assert_eq!((last.len(), total), (1, 5));
    let (past, total) = find_page(&mut tx, "modem", all, 2, 10).await;
    assert_eq!((past.len(), total), (0, 5));
    let mut seen: Vec<_> = Vec::new();
    for offset in [0, 2, 4] {
        seen.extend(
            find_page(&mut tx, "modem", all, 2, offset)
                .await
                .0
                .into_iter()
                .map(|h| h.number),
        );
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 5, "pages neither repeat nor skip");
}

async fn an_old_ticket_is_found_behind_many_newer_ones_of_others(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let mine = repo::customers::insert_org(&mut tx, &org("Moja", "11111111"))
        .await
        .unwrap();
    let others = repo::customers::insert_org(&mut tx, &org("Iná", "22222222"))
        .await
        .unwrap();
    repo::tickets::insert(&mut tx, &ticket("2025-000001", "Modem bliká", Some(mine)))
        .await
        .unwrap();
    let window = usize::try_from(repo::search::RANK_WINDOW).unwrap();
    let newer: Vec<_> = (1..=window + 100)
        .map(|i| ticket(&format!("2026-{i:06}"), "Modem bliká", Some(others)))
        .collect();
    for chunk in newer.chunks(500) {
        repo::tickets::insert_many(&mut tx, chunk).await.unwrap();
    }
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let customer = SearchScope {
        organization_id: Some(mine),
        public_only: true,
        ..SearchScope::default()
    };
    let (hits, total) = find(&mut tx, "modem", customer).await;
    assert_eq!((numbers(&hits), total), (vec!["2025-000001"], 1));
    let (_, total) = find(&mut tx, "modem", SearchScope::default()).await;
    assert_eq!(
        total,
        repo::search::RANK_WINDOW,
        "staff: counted among the newest texts"
    );
}

async fn a_rolled_back_write_leaves_nothing_indexed(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let id = repo::tickets::insert(&mut tx, &ticket("2026-000001", "Zrušené", None))
        .await
        .unwrap();
    repo::articles::insert_many(
        &mut tx,
        &[article(id, ArticleKind::InboundEmail, "Nezapísané slovo")],
    )
    .await
    .unwrap();
    assert_eq!(
        find(&mut tx, "nezapisane", SearchScope::default()).await.1,
        1,
        "seen inside"
    );
    drop(tx); // rolled back, as when a use case fails
    let mut tx = db.read().await.unwrap();
    assert_eq!(
        find(&mut tx, "nezapisane", SearchScope::default()).await.1,
        0
    );
    assert_eq!(find(&mut tx, "zrusene", SearchScope::default()).await.1, 0);
    let docs: i64 = on_tx!(&mut tx, c => sqlx::query_scalar("SELECT COUNT(*) FROM search_docs").fetch_one(c).await)
        .unwrap();
    assert_eq!(docs, 0);
}

async fn a_changed_subject_is_found_by_its_new_words(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let id = repo::tickets::insert(&mut tx, &ticket("2026-000001", "Starý predmet", None))
        .await
        .unwrap();
    let mut t = repo::tickets::get_by_id(&mut tx, id).await.unwrap();
    t.subject = "Nový názov".into();
    repo::tickets::update(&mut tx, &t).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    assert_eq!(find(&mut tx, "stary", SearchScope::default()).await.1, 0);
    assert_eq!(
        find(&mut tx, "novy nazov", SearchScope::default()).await.1,
        1
    );
}

async fn tickets_stored_before_the_index_are_indexed_at_start(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let id = repo::tickets::insert(&mut tx, &ticket("2026-000001", "Staršia požiadavka", None))
        .await
        .unwrap();
    repo::articles::insert(
        &mut tx,
        &article(id, ArticleKind::InternalNote, "Poznámka z Łodzi"),
    )
    .await
    .unwrap();
    // As if written before the index existed.
    on_tx!(&mut tx, c => sqlx::query("DELETE FROM search_docs").execute(c).await.map(|_| ()))
        .unwrap();
    repo::settings::put(&mut tx, "search.backfill", "pending")
        .await
        .unwrap();
    tx.commit().await.unwrap();
    db.migrate().await.unwrap();
    let mut tx = db.read().await.unwrap();
    assert_eq!(find(&mut tx, "starsia", SearchScope::default()).await.1, 1);
    assert_eq!(find(&mut tx, "lodzi", SearchScope::default()).await.1, 1);
    let public = SearchScope {
        public_only: true,
        ..SearchScope::default()
    };
    assert_eq!(
        find(&mut tx, "lodzi", public).await.1,
        0,
        "the note stays internal"
    );
    assert_eq!(
        repo::settings::get(&mut tx, "search.backfill")
            .await
            .unwrap(),
        None
    );
}

fn contact(org: i64, name: &str) -> ContactRow {
    ContactRow {
        id: 0,
        organization_id: Some(org),
        name: name.into(),
        language: Language::Sk,
        created_at: 1,
        updated_at: 1,
    }
}

/// A contact's search covers what their list shows: their own requests and those a colleague
/// shared with them, and nothing else of their organization.
async fn a_contact_finds_what_their_list_shows_and_shared_requests(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let o = repo::customers::insert_org(&mut tx, &org("Prvá", "11111111"))
        .await
        .unwrap();
    let anna = repo::customers::insert_contact(&mut tx, &contact(o, "Anna"))
        .await
        .unwrap();
    let boris = repo::customers::insert_contact(&mut tx, &contact(o, "Boris"))
        .await
        .unwrap();
    let cyril = repo::customers::insert_contact(&mut tx, &contact(o, "Cyril"))
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (n, who) in [(1, anna), (2, boris), (3, cyril)] {
        let mut t = ticket(
            &format!("2026-00000{n}"),
            "Tlačiareň tlačí prázdne",
            Some(o),
        );
        t.requester_id = Some(who);
        let id = repo::tickets::insert(&mut tx, &t).await.unwrap();
        repo::articles::insert(
            &mut tx,
            &article(id, ArticleKind::InboundEmail, "Toner je plný"),
        )
        .await
        .unwrap();
        ids.push(id);
    }
    repo::shares::share(&mut tx, ids[0], boris, Some(anna), 5)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let boris_scope = SearchScope {
        organization_id: Some(o),
        requester_id: Some(boris),
        public_only: true,
        ..SearchScope::default()
    };
    let mut tx = db.read().await.unwrap();
    for q in ["tlačiareň", "toner", "2026-000001"] {
        let (hits, total) = find(&mut tx, q, boris_scope).await;
        let mut found = numbers(&hits);
        found.sort_unstable();
        let want: Vec<&str> = if q == "2026-000001" {
            vec!["2026-000001"]
        } else {
            vec!["2026-000001", "2026-000002"]
        };
        assert_eq!(
            (found, total),
            (want.clone(), want.len() as i64),
            "{q}: own and shared"
        );
    }
    assert_eq!(find(&mut tx, "2026-000003", boris_scope).await, (vec![], 0));
    let list = repo::tickets::TicketFilter {
        organization_id: Some(o),
        requester_id: Some(boris),
        include_shared: true,
        ..Default::default()
    };
    let (rows, listed) = repo::tickets::list(&mut tx, &list, 20, 0).await.unwrap();
    assert_eq!(listed, 2, "the list shows the same two");
    assert!(rows.iter().all(|r| r.id != ids[2]));
    drop(tx);
    let mut tx = db.begin().await.unwrap();
    repo::shares::unshare(&mut tx, ids[0], boris).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let (hits, total) = find(&mut tx, "toner", boris_scope).await;
    assert_eq!(
        (numbers(&hits), total),
        (vec!["2026-000002"], 1),
        "no longer shared"
    );
    let org_account = SearchScope {
        organization_id: Some(o),
        public_only: true,
        ..SearchScope::default()
    };
    assert_eq!(
        find(&mut tx, "toner", org_account).await.1,
        3,
        "the organization sees all"
    );
}

/// The index's scope words (organization, requester, ticket) are never matched by what is typed.
async fn scope_words_are_not_found_as_text(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let o = repo::customers::insert_org(&mut tx, &org("Prvá", "11111111"))
        .await
        .unwrap();
    let id = repo::tickets::insert(&mut tx, &ticket("2026-000001", "Router", Some(o)))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    for q in [format!("o{o}"), format!("t{id}")] {
        assert_eq!(find(&mut tx, &q, SearchScope::default()).await.1, 0, "{q}");
    }
    assert_eq!(find(&mut tx, "router", SearchScope::default()).await.1, 1);
}
