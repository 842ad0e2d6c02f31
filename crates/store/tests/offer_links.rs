//! One-time links that accept an offer of paid work from its mail, on SQLite and on PostgreSQL.

use podpora_core::{Channel, Language, TicketStatus, Urgency};
use podpora_store::{
    Db, DbOptions, repo,
    repo::billing::AgreementRow,
    rows::{ContactRow, OrganizationRow, TicketRow},
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

on_both!(a_link_is_found_by_its_hash_and_used_once);

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

async fn a_link_is_found_by_its_hash_and_used_once(b: Backend) {
    let (_t, db) = open(b).await;
    let (org, ticket) = org_and_ticket(&db, "2026-000001").await;
    let mut tx = db.begin().await.unwrap();
    let contact = repo::customers::insert_contact(
        &mut tx,
        &ContactRow {
            id: 0,
            organization_id: Some(org),
            name: "Ján Kováč".into(),
            language: Language::Sk,
            created_at: 1,
            updated_at: 1,
        },
    )
    .await
    .unwrap();
    let offer = repo::billing::insert_agreement(
        &mut tx,
        &AgreementRow {
            id: 0,
            ticket_id: ticket,
            description: "paid configuration".into(),
            estimate_minutes: None,
            offered_by: "agent:1".into(),
            offered_at: 10,
            accepted_at: None,
            accepted_by: None,
            accepted_channel: None,
        },
    )
    .await
    .unwrap();
    let id = repo::offer_links::insert(&mut tx, "hash-1", offer, contact, 10, 1000)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // The hash is unique: a second link with it is refused (PostgreSQL then aborts the
    // transaction, so it is one of its own).
    let mut tx = db.begin().await.unwrap();
    assert!(
        repo::offer_links::insert(&mut tx, "hash-1", offer, contact, 10, 1000)
            .await
            .is_err()
    );
    drop(tx);

    let mut tx = db.begin().await.unwrap();
    let link = repo::offer_links::by_hash(&mut tx, "hash-1")
        .await
        .unwrap()
        .expect("found");
    assert_eq!(
        (
            link.id,
            link.agreement_id,
            link.contact_id,
            link.expires_at,
            link.used_at
        ),
        (id, offer, contact, 1000, None)
    );
    assert!(
        repo::offer_links::by_hash(&mut tx, "hash-2")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        repo::offer_links::agreement(&mut tx, offer)
            .await
            .unwrap()
            .map(|a| a.ticket_id),
        Some(ticket)
    );
    assert!(repo::offer_links::use_link(&mut tx, id, 20).await.unwrap());
    assert!(
        !repo::offer_links::use_link(&mut tx, id, 30).await.unwrap(),
        "used once"
    );
    tx.commit().await.unwrap();
    let mut tx = db.read().await.unwrap();
    let link = repo::offer_links::by_hash(&mut tx, "hash-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(link.used_at, Some(20));
}
