//! Storage of price lists, time entries and prepaid packages, on SQLite and on PostgreSQL.

use podpora_core::{Channel, Language, TicketStatus, Urgency};
use podpora_store::{
    Db, DbOptions, repo,
    repo::billing::{AgreementRow, PrepaidRow, PriceListRow, TimeEntryRow},
    rows::{OrganizationRow, TicketRow},
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
        mod sqlite { $( #[tokio::test(flavor = "multi_thread", worker_threads = 4)] async fn $name() { super::$name(podpora_testkit::Backend::Sqlite).await } )* }
        mod postgres { $( #[tokio::test(flavor = "multi_thread", worker_threads = 4)] async fn $name() { super::$name(podpora_testkit::Backend::Postgres).await } )* }
    };
}

on_both!(
    a_price_list_is_replaced_by_code_and_one_is_the_default,
    an_invoiced_entry_does_not_change,
    billable_entries_are_read_per_organization_in_start_order,
    prepaid_packages_round_trip,
    an_offer_is_accepted_once,
);

fn list(code: &str, default: bool) -> PriceListRow {
    PriceListRow {
        id: 0,
        code: code.into(),
        name: format!("list {code}"),
        vat_country: "SK".into(),
        currency: "EUR".into(),
        body: "currency = \"EUR\"".into(),
        is_default: default,
        agreement_required: false,
        created_at: 1,
        updated_at: 1,
    }
}

async fn org_and_ticket(db: &Db, number: &str) -> (i64, i64) {
    let mut tx = db.begin().await.unwrap();
    let org = repo::customers::insert_org(
        &mut tx,
        &OrganizationRow {
            id: 0,
            name: format!("org of {number}"),
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
    let ticket = repo::tickets::insert(
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
    (org, ticket)
}

fn entry(ticket_id: i64, intervention: i64, started_at: i64, minutes: i64) -> TimeEntryRow {
    TimeEntryRow {
        id: 0,
        ticket_id,
        agent_id: None,
        kind: "remote".into(),
        started_at,
        ended_at: None,
        minutes,
        intervention,
        visits: 0,
        billable: true,
        note: None,
        invoiced_at: None,
        created_by: "cli".into(),
        created_at: 1,
        updated_at: 1,
    }
}

async fn a_price_list_is_replaced_by_code_and_one_is_the_default(b: Backend) {
    let (_t, db) = open(b).await;
    let mut tx = db.begin().await.unwrap();
    let a = repo::billing::put_price_list(&mut tx, &list("a", true))
        .await
        .unwrap();
    let b2 = repo::billing::put_price_list(&mut tx, &list("b", true))
        .await
        .unwrap();
    let mut again = list("a", false);
    again.name = "renamed".into();
    assert_eq!(
        repo::billing::put_price_list(&mut tx, &again)
            .await
            .unwrap(),
        a,
        "same code, same list"
    );
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let all = repo::billing::price_lists(&mut tx).await.unwrap();
    assert_eq!(
        all.iter()
            .map(|p| (p.code.as_str(), p.is_default))
            .collect::<Vec<_>>(),
        [("b", true), ("a", false)]
    );
    assert_eq!(
        repo::billing::default_price_list(&mut tx)
            .await
            .unwrap()
            .unwrap()
            .id,
        b2
    );
    assert_eq!(
        repo::billing::price_list(&mut tx, "a").await.unwrap().name,
        "renamed"
    );
}

async fn an_invoiced_entry_does_not_change(b: Backend) {
    let (_t, db) = open(b).await;
    let (_, ticket) = org_and_ticket(&db, "2026-000001").await;
    let mut tx = db.begin().await.unwrap();
    assert_eq!(
        repo::billing::next_intervention(&mut tx, ticket)
            .await
            .unwrap(),
        1
    );
    let ids = repo::billing::insert_entries(
        &mut tx,
        &[entry(ticket, 1, 10, 30), entry(ticket, 2, 20, 45)],
    )
    .await
    .unwrap();
    assert_eq!(
        repo::billing::next_intervention(&mut tx, ticket)
            .await
            .unwrap(),
        3
    );
    let mut e = repo::billing::entry(&mut tx, ids[0]).await.unwrap();
    e.minutes = 35;
    e.note = Some("corrected".into());
    assert!(repo::billing::update_entry(&mut tx, &e).await.unwrap());
    assert_eq!(
        repo::billing::mark_invoiced(&mut tx, &ids, 99)
            .await
            .unwrap(),
        2
    );
    e.minutes = 1;
    assert!(!repo::billing::update_entry(&mut tx, &e).await.unwrap());
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let got = repo::billing::entries_of_ticket(&mut tx, ticket)
        .await
        .unwrap();
    assert_eq!(
        got.iter()
            .map(|e| (e.minutes, e.invoiced_at, e.note.as_deref()))
            .collect::<Vec<_>>(),
        [(35, Some(99), Some("corrected")), (45, Some(99), None)]
    );
}

async fn billable_entries_are_read_per_organization_in_start_order(b: Backend) {
    let (_t, db) = open(b).await;
    let (org1, t1) = org_and_ticket(&db, "2026-000001").await;
    let (org2, t2) = org_and_ticket(&db, "2026-000002").await;
    let mut tx = db.begin().await.unwrap();
    let mut covered = entry(t1, 3, 5, 10);
    covered.billable = false;
    repo::billing::insert_entries(
        &mut tx,
        &[
            entry(t1, 1, 300, 1),
            entry(t2, 1, 100, 2),
            entry(t1, 2, 200, 3),
            covered,
            entry(t1, 4, 900, 4),
        ],
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let one = repo::billing::billable_entries_of_org(&mut tx, org1, 500)
        .await
        .unwrap();
    assert_eq!(
        one.iter().map(|e| e.minutes).collect::<Vec<_>>(),
        [3, 1],
        "billable, before the end, earliest first"
    );
    assert_eq!(one[0].ticket_number, "2026-000001");
    let all = repo::billing::billable_entries_all(&mut tx, 1000)
        .await
        .unwrap();
    let (first, second) = if org1 < org2 {
        (org1, org2)
    } else {
        (org2, org1)
    };
    assert_eq!(all.first().unwrap().organization_id, first);
    assert_eq!(all.last().unwrap().organization_id, second);
    assert_eq!(all.len(), 4);
}

async fn prepaid_packages_round_trip(b: Backend) {
    let (_t, db) = open(b).await;
    let (org, _) = org_and_ticket(&db, "2026-000001").await;
    let mut tx = db.begin().await.unwrap();
    let p = PrepaidRow {
        id: 0,
        organization_id: org,
        minutes: 120,
        bought_at: 50,
        expires_at: 5000,
        note: Some("10 hours".into()),
        created_by: "cli".into(),
        created_at: 50,
    };
    let id = repo::billing::insert_prepaid(&mut tx, &p).await.unwrap();
    let zero = PrepaidRow {
        minutes: 0,
        ..p.clone()
    };
    assert!(repo::billing::insert_prepaid(&mut tx, &zero).await.is_err());
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    assert_eq!(
        repo::billing::prepaid_of_org(&mut tx, org).await.unwrap(),
        [PrepaidRow { id, ..p }]
    );
    assert_eq!(repo::billing::prepaid_all(&mut tx).await.unwrap().len(), 1);
}

async fn an_offer_is_accepted_once(b: Backend) {
    let (_t, db) = open(b).await;
    let (org, ticket) = org_and_ticket(&db, "2026-000001").await;
    let (_, other) = org_and_ticket(&db, "2026-000002").await;
    let mut tx = db.begin().await.unwrap();
    let offer = AgreementRow {
        id: 0,
        ticket_id: ticket,
        description: "paid configuration".into(),
        estimate_minutes: Some(30),
        offered_by: "agent:1".into(),
        offered_at: 10,
        accepted_at: None,
        accepted_by: None,
        accepted_channel: None,
    };
    let id = repo::billing::insert_agreement(&mut tx, &offer)
        .await
        .unwrap();
    repo::billing::insert_agreement(
        &mut tx,
        &AgreementRow {
            ticket_id: other,
            ..offer.clone()
        },
    )
    .await
    .unwrap();
    assert!(
        repo::billing::accept_agreement(&mut tx, id, 20, "contact:1", "portal")
            .await
            .unwrap()
    );
    assert!(
        !repo::billing::accept_agreement(&mut tx, id, 30, "contact:2", "api")
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let got = repo::billing::agreements_of_ticket(&mut tx, ticket)
        .await
        .unwrap();
    assert_eq!(
        (
            got[0].accepted_at,
            got[0].accepted_by.as_deref(),
            got[0].accepted_channel.as_deref()
        ),
        (Some(20), Some("contact:1"), Some("portal"))
    );
    assert_eq!(
        repo::billing::agreed_tickets(&mut tx, Some(org))
            .await
            .unwrap(),
        [ticket]
    );
    assert_eq!(
        repo::billing::agreed_tickets(&mut tx, None).await.unwrap(),
        [ticket]
    );
}
