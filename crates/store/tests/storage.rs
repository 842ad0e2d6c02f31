//! The storage suite: every test runs on SQLite and on PostgreSQL.

use podpora_core::{Channel, Language, TicketStatus, Urgency};
use podpora_store::{
    Db, DbOptions, StoreError, Tx, on_tx,
    repo::{self, tickets::TicketFilter},
    rows::{CalendarRow, ClockRow, OrganizationRow, SlaPolicyRow, TicketRow},
};
use podpora_testkit::{Backend, TestDb};
use std::collections::BTreeSet;

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
        mod sqlite { $( #[tokio::test(flavor = "multi_thread", worker_threads = 4)] async fn $name() { super::$name(podpora_testkit::Backend::Sqlite).await } )* }
        mod postgres { $( #[tokio::test(flavor = "multi_thread", worker_threads = 4)] async fn $name() { super::$name(podpora_testkit::Backend::Postgres).await } )* }
    };
}

on_both!(
    migrations_are_idempotent,
    organizations_round_trip_and_unique_ids_conflict,
    concurrent_ticket_numbers_are_distinct_and_consecutive,
    a_rolled_back_number_is_given_again,
    foreign_keys_are_enforced,
    ticket_filters_and_paging,
    audit_history_keeps_order,
    settings_upsert,
    many_tickets_in_one_statement,
    sla_clock_pages_updates_and_pending_actions,
    a_team_lead_round_trips_and_active_members_are_listed,
    an_unknown_stored_value_is_an_error_naming_where_it_is,
    a_checkpoint_copies_the_wal_beside_the_writer,
    deferred_writes_are_read_back_and_fail_the_commit,
);

fn org(name: &str, ico: Option<&str>) -> OrganizationRow {
    OrganizationRow {
        id: 0,
        name: name.into(),
        country: "CZ".into(),
        language: Language::Cs,
        price_level: "standard".into(),
        ico: ico.map(Into::into),
        nip: None,
        regon: None,
        vat_id: None,
        address: None,
        created_at: 1,
        updated_at: 1,
    }
}

fn ticket(number: &str, status: TicketStatus, org: Option<i64>) -> TicketRow {
    TicketRow {
        id: 0,
        number: number.into(),
        subject: format!("subject {number}"),
        requester_id: None,
        reply_to: None,
        organization_id: org,
        asset_id: None,
        category: None,
        urgency: Urgency::Normal,
        channel: Channel::Api,
        team_id: None,
        assignee_id: None,
        status,
        created_at: 1000,
        updated_at: 1000,
        resolved_at: None,
        closed_at: None,
        staff_copies: 0,
        fingerprint: None,
    }
}

async fn migrations_are_idempotent(b: Backend) {
    let (_t, db) = open(b).await;
    db.migrate().await.expect("second run is a no-op");
    db.ping().await.unwrap();
}

async fn organizations_round_trip_and_unique_ids_conflict(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let id = repo::customers::insert_org(&mut tx, &org("Žluťoučký kůň s.r.o.", Some("27082440")))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let got = repo::customers::get_org(&mut tx, id).await.unwrap();
    assert_eq!(got.name, "Žluťoučký kůň s.r.o.");
    assert_eq!(got.ico.as_deref(), Some("27082440"));
    drop(tx);
    let mut tx = db.begin().await.unwrap();
    let e = repo::customers::insert_org(&mut tx, &org("Copy", Some("27082440")))
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict(_)), "{e:?}");
    drop(tx);
    let mut tx = db.read().await.unwrap();
    assert!(matches!(
        repo::customers::get_org(&mut tx, 999).await,
        Err(StoreError::NotFound)
    ));
    let (items, total) = repo::customers::list_orgs(&mut tx, 10, 0).await.unwrap();
    assert_eq!((items.len(), total), (1, 1));
}

async fn take_number(db: &Db) -> i64 {
    let mut tx = db.begin().await.unwrap();
    let n = repo::tickets::next_number(&mut tx, 2026).await.unwrap();
    // Hold the counter a moment, as a real creation does, so the calls overlap.
    tokio::task::yield_now().await;
    tx.commit().await.unwrap();
    n
}

async fn concurrent_ticket_numbers_are_distinct_and_consecutive(b: Backend) {
    let (_t, db) = open(b).await;
    let handles: Vec<_> = (0..50)
        .map(|_| {
            let db = db.clone();
            tokio::spawn(async move { take_number(&db).await })
        })
        .collect();
    let mut got = BTreeSet::new();
    for h in handles {
        assert!(got.insert(h.await.unwrap()), "a number was given twice");
    }
    assert_eq!(got, (1..=50).collect::<BTreeSet<_>>());
    let mut tx = db.begin().await.unwrap();
    assert_eq!(
        repo::tickets::next_number(&mut tx, 2027).await.unwrap(),
        1,
        "each year counts from 1"
    );
}

async fn a_rolled_back_number_is_given_again(b: Backend) {
    let (_t, db) = open(b).await;
    assert_eq!(take_number(&db).await, 1);
    {
        let mut tx = db.begin().await.unwrap();
        assert_eq!(repo::tickets::next_number(&mut tx, 2026).await.unwrap(), 2);
        // dropped: rolled back, no ticket got number 2
    }
    assert_eq!(take_number(&db).await, 2);
}

async fn foreign_keys_are_enforced(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let e = repo::tickets::insert(
        &mut tx,
        &ticket("2026-000001", TicketStatus::New, Some(4242)),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, StoreError::ForeignKey(_)), "{e:?}");
}

async fn ticket_filters_and_paging(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let o = repo::customers::insert_org(&mut tx, &org("A", None))
        .await
        .unwrap();
    for i in 1..=7 {
        let status = if i % 2 == 0 {
            TicketStatus::Resolved
        } else {
            TicketStatus::New
        };
        repo::tickets::insert(
            &mut tx,
            &ticket(
                &format!("2026-{i:06}"),
                status,
                if i <= 3 { Some(o) } else { None },
            ),
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let (page, total) = repo::tickets::list(&mut tx, &TicketFilter::default(), 3, 0)
        .await
        .unwrap();
    assert_eq!(total, 7);
    assert_eq!(
        page.iter().map(|t| t.number.as_str()).collect::<Vec<_>>(),
        ["2026-000007", "2026-000006", "2026-000005"]
    );
    let (_, open_total) = repo::tickets::list(
        &mut tx,
        &TicketFilter {
            open_only: true,
            ..Default::default()
        },
        50,
        0,
    )
    .await
    .unwrap();
    assert_eq!(open_total, 4);
    let (rows, n) = repo::tickets::list(
        &mut tx,
        &TicketFilter {
            organization_id: Some(o),
            status: Some("new".into()),
            ..Default::default()
        },
        50,
        0,
    )
    .await
    .unwrap();
    assert_eq!(n, 2);
    assert!(
        rows.iter()
            .all(|t| t.organization_id == Some(o) && t.status == TicketStatus::New)
    );
    let t = repo::tickets::get_by_number(&mut tx, "2026-000003")
        .await
        .unwrap();
    assert_eq!(t.subject, "subject 2026-000003");
}

async fn audit_history_keeps_order(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    for (i, f) in ["status", "urgency", "team_id"].iter().enumerate() {
        repo::audit::record(
            &mut tx,
            &repo::audit::Change {
                entity: "ticket",
                entity_id: 1,
                actor: "agent:1",
                at: 10 + i as i64,
                field: f,
                old_value: Some("a".into()),
                new_value: Some("b".into()),
                reason: (i == 1).then_some("customer asked"),
            },
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let h = repo::audit::history(&mut tx, "ticket", 1).await.unwrap();
    assert_eq!(
        h.iter().map(|r| r.field.as_str()).collect::<Vec<_>>(),
        ["status", "urgency", "team_id"]
    );
    assert_eq!(h[1].reason.as_deref(), Some("customer asked"));
    assert!(
        repo::audit::history(&mut tx, "ticket", 2)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn settings_upsert(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    repo::settings::put(&mut tx, "k", "1").await.unwrap();
    repo::settings::put(&mut tx, "k", "2").await.unwrap();
    assert_eq!(
        repo::settings::get(&mut tx, "k").await.unwrap().as_deref(),
        Some("2")
    );
    assert_eq!(repo::settings::get(&mut tx, "missing").await.unwrap(), None);
}

/// Normalised (table, column, type, nullable) of a schema. The full-text machinery differs by
/// design and is left out: SQLite's FTS5 tables (and their shadow tables), PostgreSQL's stored
/// tsvector columns.
async fn columns(tx: &mut Tx<'_>) -> BTreeSet<(String, String, String, bool)> {
    let rows: Vec<(String, String, String, bool)> = match tx.backend() {
        podpora_store::Backend::Sqlite => on_tx!(tx, c => sqlx::query_as(
            "SELECT m.name, p.name, p.type, (p.\"notnull\" = 0 AND p.pk = 0)
             FROM sqlite_master m JOIN pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'
               AND m.name NOT LIKE 'search_fts%'")
            .fetch_all(c).await).unwrap(),
        podpora_store::Backend::Postgres => on_tx!(tx, c => sqlx::query_as(
            "SELECT table_name::text, column_name::text, data_type::text, is_nullable = 'YES'
             FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'
               AND NOT (table_name = 'search_docs' AND column_name = 'tsv')
               AND NOT (table_name = 'kb_translations' AND column_name IN ('tsv', 'title_tsv'))")
            .fetch_all(c).await).unwrap(),
    };
    rows.into_iter()
        .map(|(t, c, ty, null)| {
            let ty = match ty.to_ascii_lowercase().as_str() {
                "integer" | "bigint" => "integer",
                "text" => "text",
                "boolean" => "boolean",
                "blob" | "bytea" => "blob",
                other => return (t, c, other.to_string(), null),
            };
            (t, c, ty.to_string(), null)
        })
        .collect()
}

#[tokio::test]
async fn schema_parity_between_sqlite_and_postgres() {
    let (_a, lite) = open(Backend::Sqlite).await;
    let (_b, pg) = open(Backend::Postgres).await;
    let l = columns(&mut lite.read().await.unwrap()).await;
    let p = columns(&mut pg.read().await.unwrap()).await;
    assert!(l.len() > 50, "the schema was read: {l:?}");
    let only_l: Vec<_> = l.difference(&p).collect();
    let only_p: Vec<_> = p.difference(&l).collect();
    assert!(
        only_l.is_empty() && only_p.is_empty(),
        "schemas differ:\nonly in SQLite: {only_l:#?}\nonly in PostgreSQL: {only_p:#?}"
    );
}

async fn many_tickets_in_one_statement(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    assert_eq!(repo::tickets::next_number(&mut tx, 2026).await.unwrap(), 1);
    assert_eq!(
        repo::tickets::next_numbers(&mut tx, 2026, 3).await.unwrap(),
        4,
        "takes 2, 3 and 4"
    );
    let rows: Vec<_> = (2..=4)
        .map(|i| ticket(&format!("2026-{i:06}"), TicketStatus::New, None))
        .collect();
    let ids = repo::tickets::insert_many(&mut tx, &rows).await.unwrap();
    assert_eq!(ids.len(), 3);
    for (id, number) in &ids {
        assert_eq!(
            &repo::tickets::get_by_id(&mut tx, *id).await.unwrap().number,
            number
        );
    }
    tx.commit().await.unwrap();
}

/// The writer leaves checkpoints to [`Db::checkpoint`] (a server's background job) up to a
/// large WAL; a checkpoint copies every committed page while nobody reads an older state.
async fn a_checkpoint_copies_the_wal_beside_the_writer(b: Backend) {
    let (_t, db) = open(b).await;
    if b == Backend::Postgres {
        assert_eq!(db.checkpoint().await.unwrap(), None, "nothing to do there");
        return;
    }
    let mut tx = db.begin().await.unwrap();
    let every: i64 =
        on_tx!(&mut tx, c => sqlx::query_scalar("PRAGMA wal_autocheckpoint").fetch_one(c).await)
            .unwrap();
    assert!(
        every >= 10_000,
        "the writer checkpoints only as a backstop, not every {every} pages"
    );
    let rows: Vec<_> = (1..=50)
        .map(|i| ticket(&format!("2026-{i:06}"), TicketStatus::New, None))
        .collect();
    repo::tickets::insert_many(&mut tx, &rows).await.unwrap();
    tx.commit().await.unwrap();
    let (log, done) = db.checkpoint().await.unwrap().expect("SQLite has a WAL");
    assert!(log > 0, "the commit left pages in the WAL");
    assert_eq!(
        done, log,
        "no reader holds an older state, so every page is copied"
    );
    let mut tx = db.read().await.unwrap();
    let (_, total) = repo::tickets::list(&mut tx, &TicketFilter::default(), 1, 0)
        .await
        .unwrap();
    assert_eq!(
        total, 50,
        "what was committed is still read after the checkpoint"
    );
}

/// Writes held back by [`Tx::defer_writes`] are in place for the next read of the same
/// transaction, in the order written; one that fails fails the commit, and nothing of the
/// transaction stays.
async fn deferred_writes_are_read_back_and_fail_the_commit(b: Backend) {
    let (_t, db) = open(b).await;
    let change = |entity_id: i64, field: &'static str| repo::audit::Change {
        entity: "ticket",
        entity_id,
        actor: "test",
        at: 1_000 + entity_id,
        field,
        old_value: None,
        new_value: Some(format!("value {entity_id}")),
        reason: None,
    };
    let mut tx = db.begin().await.unwrap();
    tx.defer_writes();
    repo::audit::record_many(&mut tx, &[change(7, "first"), change(7, "second")])
        .await
        .unwrap();
    repo::audit::record_many(&mut tx, &[change(7, "third")])
        .await
        .unwrap();
    let fields: Vec<String> = repo::audit::history(&mut tx, "ticket", 7)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        fields,
        ["first", "second", "third"],
        "held writes come before the read"
    );
    repo::audit::record_many(&mut tx, &[change(8, "after the read")])
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    assert_eq!(
        repo::audit::history(&mut tx, "ticket", 8)
            .await
            .unwrap()
            .len(),
        1
    );
    drop(tx);

    // A clock of a ticket that does not exist breaks a foreign key: held back on SQLite, it
    // fails the commit, and the history written beside it is gone too.
    let mut tx = db.begin().await.unwrap();
    tx.defer_writes();
    repo::audit::record_many(&mut tx, &[change(9, "lost")])
        .await
        .unwrap();
    let failed = match repo::sla::insert_clocks(&mut tx, &[clock(999_999, "reaction", 1, 1)]).await
    {
        Err(e) => Err(e),
        Ok(()) => tx.commit().await,
    };
    assert!(
        failed.is_err(),
        "the broken write is refused, now or at the commit"
    );
    let mut tx = db.read().await.unwrap();
    assert!(
        repo::audit::history(&mut tx, "ticket", 9)
            .await
            .unwrap()
            .is_empty()
    );
}

fn clock(ticket_id: i64, metric: &str, calendar_id: i64, policy_id: i64) -> ClockRow {
    ClockRow {
        ticket_id,
        metric: metric.into(),
        target: "4h".into(),
        policy_id,
        calendar_id,
        started_at: 1_000,
        due_at: Some(10_000),
        met_at: None,
        warn_at: Some(8_000),
        warned_at: None,
        escalated_at: None,
    }
}

async fn sla_clock_pages_updates_and_pending_actions(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let cal = repo::sla::insert_calendar(
        &mut tx,
        &CalendarRow {
            id: 0,
            name: "Office".into(),
            time_zone: "Europe/Bratislava".into(),
            hours: "24x7".into(),
            holidays: None,
            closures: String::new(),
            extra_working_days: String::new(),
            created_at: 1,
            updated_at: 1,
        },
    )
    .await
    .unwrap();
    let policy = repo::sla::insert_policy(
        &mut tx,
        &SlaPolicyRow {
            id: 0,
            name: "Standard".into(),
            calendar_id: cal,
            category: None,
            reaction: Some("4h".into()),
            first_answer: None,
            remote_resolution: None,
            visit: None,
            resolution: Some("4h".into()),
            warn_percent: 80,
            created_at: 1,
            escalate_team_id: None,
            plan_id: None,
        },
    )
    .await
    .unwrap();
    let rows: Vec<_> = (1..=3)
        .map(|i| ticket(&format!("2026-{i:06}"), TicketStatus::New, None))
        .collect();
    let ids: Vec<i64> = repo::tickets::insert_many(&mut tx, &rows)
        .await
        .unwrap()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut clocks = Vec::new();
    for &t in &ids {
        clocks.push(clock(t, "reaction", cal, policy));
        clocks.push(clock(t, "resolution", cal, policy));
    }
    // Met and escalated clocks are not recomputed.
    clocks[1].met_at = Some(5_000);
    clocks[2].escalated_at = Some(11_000);
    clocks[2].warned_at = Some(11_000);
    repo::sla::insert_clocks(&mut tx, &clocks).await.unwrap();
    repo::sla::start_pause(&mut tx, ids[2], 2_000, "waiting_customer")
        .await
        .unwrap();

    let page = repo::sla::open_clocks_of_calendar(&mut tx, cal, 0, 10)
        .await
        .unwrap();
    let keys: Vec<(i64, &str)> = page.iter().map(|c| (c.ticket_id, c.metric)).collect();
    assert_eq!(
        keys,
        [
            (ids[0], "reaction"),
            (ids[1], "resolution"),
            (ids[2], "reaction"),
            (ids[2], "resolution")
        ],
        "running clocks in ticket and metric order, met and escalated ones left out"
    );
    assert_eq!(page[0].target, "4h");
    assert_eq!(page[0].policy_id, policy);
    assert_eq!(page[0].started_at, 1_000);
    assert_eq!(
        (page[0].due_at, page[0].warn_at),
        (Some(10_000), Some(8_000))
    );
    let next = repo::sla::open_clocks_of_calendar(&mut tx, cal, ids[1], 1)
        .await
        .unwrap();
    assert_eq!(
        next.iter().map(|c| c.ticket_id).collect::<Vec<_>>(),
        [ids[2]],
        "a page starts after the given ticket and holds at most the limit"
    );
    assert!(
        repo::sla::open_clocks_of_calendar(&mut tx, cal + 1, 0, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        repo::sla::pauses_of_tickets(&mut tx, ids[0], ids[2])
            .await
            .unwrap(),
        [(ids[2], 2_000, None)]
    );

    assert_eq!(
        page.iter().map(|c| c.clock_id).collect::<Vec<_>>(),
        [
            repo::sla::clock_id(ids[0], "reaction").unwrap(),
            repo::sla::clock_id(ids[1], "resolution").unwrap(),
            repo::sla::clock_id(ids[2], "reaction").unwrap(),
            repo::sla::clock_id(ids[2], "resolution").unwrap(),
        ],
        "each clock comes with its number"
    );
    repo::sla::update_due_many(
        &mut tx,
        &[
            (page[0].clock_id, Some(20_000), Some(16_000)),
            (page[3].clock_id, None, None),
        ],
    )
    .await
    .unwrap();
    let after = repo::sla::clocks(&mut tx, ids[0]).await.unwrap();
    let reaction = after.iter().find(|c| c.metric == "reaction").unwrap();
    assert_eq!(
        (reaction.due_at, reaction.warn_at),
        (Some(20_000), Some(16_000))
    );
    let resolution = after.iter().find(|c| c.metric == "resolution").unwrap();
    assert_eq!(
        (resolution.due_at, resolution.warn_at),
        (Some(10_000), Some(8_000)),
        "clocks not in the update keep their times"
    );
    let paused = repo::sla::clocks(&mut tx, ids[2]).await.unwrap();
    let paused = paused.iter().find(|c| c.metric == "resolution").unwrap();
    assert_eq!((paused.due_at, paused.warn_at), (None, None));

    // The scheduler: before the warning time nothing; at it the unwarned running clocks; a
    // warned clock again at its due time; met, escalated and paused clocks never.
    let pending = |v: Vec<ClockRow>| -> Vec<(i64, String)> {
        v.into_iter().map(|c| (c.ticket_id, c.metric)).collect()
    };
    let sorted = |mut v: Vec<(i64, String)>| {
        v.sort();
        v
    };
    assert!(
        repo::sla::pending_actions(&mut tx, 7_999, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        sorted(pending(
            repo::sla::pending_actions(&mut tx, 8_000, 10)
                .await
                .unwrap()
        )),
        [
            (ids[1], "resolution".to_string()),
            (ids[2], "reaction".to_string())
        ]
    );
    assert!(
        repo::sla::claim_warning(&mut tx, ids[1], "resolution", 8_000)
            .await
            .unwrap()
    );
    assert_eq!(
        pending(
            repo::sla::pending_actions(&mut tx, 9_999, 10)
                .await
                .unwrap()
        ),
        [(ids[2], "reaction".to_string())],
        "a warned clock waits for its due time"
    );
    assert_eq!(
        pending(
            repo::sla::pending_actions(&mut tx, 16_000, 10)
                .await
                .unwrap()
        ),
        [
            (ids[2], "reaction".to_string()),
            (ids[1], "resolution".to_string()),
            (ids[0], "reaction".to_string())
        ],
        "the longest waiting first"
    );
    tx.commit().await.unwrap();
}

async fn a_team_lead_round_trips_and_active_members_are_listed(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let lead = repo::agents::insert_agent(&mut tx, "lead@x.test", "Lead", "pl", None, 1)
        .await
        .unwrap();
    let member = repo::agents::insert_agent(&mut tx, "m@x.test", "Member", "sk", None, 1)
        .await
        .unwrap();
    let gone = repo::agents::insert_agent(&mut tx, "gone@x.test", "Gone", "cs", None, 1)
        .await
        .unwrap();
    let team = repo::agents::insert_team(&mut tx, "Servis", None, Some(lead), 1)
        .await
        .unwrap();
    let mut row = repo::agents::get_team(&mut tx, team).await.unwrap();
    assert_eq!(row.lead_agent_id, Some(lead));
    tx.commit().await.unwrap();

    let mut tx = db.begin().await.unwrap();
    row.lead_agent_id = Some(member);
    repo::agents::update_team(&mut tx, &row).await.unwrap();
    assert_eq!(
        repo::agents::find_team_by_name(&mut tx, "Servis")
            .await
            .unwrap()
            .and_then(|t| t.lead_agent_id),
        Some(member)
    );
    for a in [member, gone] {
        repo::agents::set_teams(&mut tx, a, &[team]).await.unwrap();
    }
    let mut left = repo::agents::get_agent(&mut tx, gone).await.unwrap();
    left.active = false;
    repo::agents::update_agent(&mut tx, &left).await.unwrap();
    let active: Vec<i64> = repo::agents::active_team_agents(&mut tx, team)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(
        active,
        [member],
        "the lead is no member; the one who left is not listed"
    );
    tx.commit().await.unwrap();

    let mut tx = db.begin().await.unwrap();
    let e = repo::agents::insert_team(&mut tx, "Bad", None, Some(4242), 1)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::ForeignKey(_)), "{e:?}");
}

async fn an_unknown_stored_value_is_an_error_naming_where_it_is(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let id = repo::tickets::insert(&mut tx, &ticket("2026-000001", TicketStatus::New, None))
        .await
        .unwrap();
    // Written by hand, as an operator or an older tool might: no code path writes this.
    on_tx!(&mut tx, c => sqlx::query("UPDATE tickets SET status = 'opened' WHERE id = $1")
        .bind(id).execute(c).await.map(|_| ()))
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let e = repo::tickets::get_by_id(&mut tx, id).await.unwrap_err();
    match &e {
        StoreError::BadValue(bad) => {
            assert_eq!(
                (bad.table, bad.column, bad.value.as_str()),
                ("tickets", "status", "opened")
            );
        }
        other => panic!("expected a bad stored value, got {other:?}"),
    }
    let shown = e.to_string();
    assert!(
        shown.contains("tickets.status") && shown.contains("\"opened\""),
        "{shown}"
    );
    // A list that meets the row fails the same way instead of showing a "new" ticket.
    assert!(matches!(
        repo::tickets::list(&mut tx, &TicketFilter::default(), 10, 0).await,
        Err(StoreError::BadValue(_))
    ));
}
