//! Storage of quotes with a deadline and of the clock an accepted one becomes, on SQLite
//! and on PostgreSQL.

use podpora_core::{Channel, Language, TicketStatus, Urgency};
use podpora_store::{
    Db, DbOptions, StoreError, repo,
    repo::quotes::QuoteRow,
    rows::{CalendarRow, ClockRow, OrganizationRow, SlaPolicyRow, TicketRow},
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
    one_pending_quote_per_ticket_and_each_decided_once,
    the_deadline_clock_is_set_again_and_left_out_of_calendar_rewrites,
);

async fn ticket(db: &Db, number: &str) -> i64 {
    let mut tx = db.begin().await.unwrap();
    let org = repo::customers::insert_org(
        &mut tx,
        &OrganizationRow {
            id: 0,
            name: format!("org of {number}"),
            country: "CZ".into(),
            language: Language::Cs,
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
    let id = repo::tickets::insert(
        &mut tx,
        &TicketRow {
            id: 0,
            number: number.into(),
            subject: "s".into(),
            requester_id: None,
            reply_to: None,
            organization_id: Some(org),
            asset_id: None,
            category: None,
            urgency: Urgency::Normal,
            channel: Channel::Api,
            team_id: None,
            assignee_id: None,
            status: TicketStatus::New,
            created_at: 1,
            updated_at: 1,
            resolved_at: None,
            closed_at: None,
            staff_copies: 0,
            fingerprint: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

fn quote(ticket_id: i64, price_minor: i64) -> QuoteRow {
    QuoteRow {
        id: 0,
        ticket_id,
        price_minor,
        currency: "CZK".into(),
        covers: "Výměna zdroje".into(),
        deadline_at: 1_000_000,
        state: "pending".into(),
        offered_by: "agent:1".into(),
        offered_at: 10,
        decided_at: None,
        decided_by: None,
        decided_channel: None,
        decline_reason: None,
    }
}

async fn one_pending_quote_per_ticket_and_each_decided_once(b: Backend) {
    let (_t, db) = open(b).await;
    let t = ticket(&db, "2026-000001").await;
    let mut tx = db.begin().await.unwrap();
    let first = repo::quotes::insert_quote(&mut tx, &quote(t, 120_000))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.begin().await.unwrap();
    let second = repo::quotes::insert_quote(&mut tx, &quote(t, 90_000)).await;
    assert!(
        matches!(second, Err(StoreError::Conflict(_))),
        "a second pending quote: {second:?}"
    );
    drop(tx);

    let mut tx = db.begin().await.unwrap();
    assert!(
        repo::quotes::decide_quote(
            &mut tx,
            first,
            "declined",
            20,
            "contact:3",
            "portal",
            Some("drahé")
        )
        .await
        .unwrap()
    );
    assert!(
        !repo::quotes::decide_quote(&mut tx, first, "accepted", 21, "contact:3", "portal", None)
            .await
            .unwrap(),
        "decided once"
    );
    // declined: the ticket may be quoted again
    let next = repo::quotes::insert_quote(&mut tx, &quote(t, 90_000))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let all = repo::quotes::quotes_of_ticket(&mut tx, t).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        (
            all[0].id,
            all[0].state.as_str(),
            all[0].decline_reason.as_deref()
        ),
        (first, "declined", Some("drahé"))
    );
    assert_eq!(
        (
            all[0].decided_at,
            all[0].decided_by.as_deref(),
            all[0].decided_channel.as_deref()
        ),
        (Some(20), Some("contact:3"), Some("portal"))
    );
    assert_eq!(
        (all[1].id, all[1].state.as_str(), all[1].price_minor),
        (next, "pending", 90_000)
    );
}

async fn the_deadline_clock_is_set_again_and_left_out_of_calendar_rewrites(b: Backend) {
    let (_t, db) = open(b).await;
    let t = ticket(&db, "2026-000002").await;
    let mut tx = db.begin().await.unwrap();
    let cal = repo::sla::insert_calendar(
        &mut tx,
        &CalendarRow {
            id: 0,
            name: "Praha".into(),
            time_zone: "Europe/Prague".into(),
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
            name: "Default".into(),
            calendar_id: cal,
            category: None,
            reaction: None,
            first_answer: None,
            remote_resolution: None,
            visit: None,
            resolution: Some("48ch".into()),
            warn_percent: 80,
            created_at: 1,
            escalate_team_id: None,
            plan_id: None,
        },
    )
    .await
    .unwrap();
    let clock = |started_at: i64, due: i64| ClockRow {
        ticket_id: t,
        metric: "agreed_deadline".into(),
        target: "quote-1".into(),
        policy_id: policy,
        calendar_id: cal,
        started_at,
        due_at: Some(due),
        met_at: None,
        warn_at: Some(due - 100),
        warned_at: None,
        escalated_at: None,
    };
    let resolution = ClockRow {
        metric: "resolution".into(),
        target: "48ch".into(),
        ..clock(0, 48 * 3_600_000)
    };
    repo::sla::insert_clocks(&mut tx, &[resolution])
        .await
        .unwrap();
    repo::quotes::put_deadline_clock(&mut tx, &clock(10, 5_000))
        .await
        .unwrap();
    assert!(
        repo::sla::claim_warning(&mut tx, t, "agreed_deadline", 4_950)
            .await
            .unwrap()
    );
    assert!(
        repo::sla::claim_escalation(&mut tx, t, "agreed_deadline", 5_001)
            .await
            .unwrap()
    );
    // a later quote accepted: the same clock runs again towards the new deadline
    repo::quotes::put_deadline_clock(&mut tx, &clock(6_000, 9_000))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let mut tx = db.read().await.unwrap();
    let clocks = repo::sla::clocks(&mut tx, t).await.unwrap();
    let d = clocks
        .iter()
        .find(|c| c.metric == "agreed_deadline")
        .unwrap();
    assert_eq!(
        (
            d.started_at,
            d.due_at,
            d.warn_at,
            d.warned_at,
            d.escalated_at
        ),
        (6_000, Some(9_000), Some(8_900), None, None)
    );
    let pending = repo::sla::pending_actions(&mut tx, 8_950, 10)
        .await
        .unwrap();
    assert!(
        pending.iter().any(|c| c.metric == "agreed_deadline"),
        "the scheduler finds it: {pending:?}"
    );
    let open = repo::sla::open_clocks_of_calendar(&mut tx, cal, 0, 100)
        .await
        .unwrap();
    assert_eq!(
        open.iter().map(|c| c.metric).collect::<Vec<_>>(),
        ["resolution"],
        "a calendar change leaves the agreed deadline alone"
    );
    let wrong = ClockRow {
        metric: "resolution".into(),
        ..clock(1, 2)
    };
    drop(tx);
    let mut tx = db.begin().await.unwrap();
    assert!(matches!(
        repo::quotes::put_deadline_clock(&mut tx, &wrong).await,
        Err(StoreError::Invalid(_))
    ));
}
