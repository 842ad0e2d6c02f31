//! camt.053 statements written for these tests: valid against the ISO 20022 schemas
//! (`xmllint`), read into entries, matched to open requests, and imported twice.

use podpora_billing::{Currency, Money};
use podpora_payments::VariableSymbol;
use podpora_payments::camt::{self, Direction, EntryId};
use podpora_payments::matching::{Matched, OpenRequest, Outcome, match_entries};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn schema(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/schemas/iso20022-camt053")
        .join(name)
}

fn xmllint(xsd: &Path, file: &Path) {
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(xsd)
        .arg(file)
        .output()
        .expect("xmllint (Debian package libxml2-utils) must be installed");
    assert!(
        out.status.success(),
        "{} does not validate: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn test_statements_are_valid_camt053() {
    xmllint(&schema("camt.053.001.08.xsd"), &data("camt053-sk-v08.xml"));
    xmllint(&schema("camt.053.001.02.xsd"), &data("camt053-cz-v02.xml"));
}

fn read(name: &str) -> Vec<camt::Entry> {
    let xml = std::fs::read_to_string(data(name)).unwrap();
    let mut statements = camt::parse(&xml).unwrap();
    assert_eq!(statements.len(), 1);
    statements.remove(0).entries
}

fn eur(minor: i64) -> Money {
    Money::from_minor(minor, Currency::EUR)
}

#[test]
fn a_slovak_v08_statement_is_read_entry_by_entry() {
    let entries = read("camt053-sk-v08.xml");
    assert_eq!(entries.len(), 7);
    let first = &entries[0];
    assert_eq!(first.account, "SK3112000000198742637541");
    assert_eq!(first.booking_date.to_string(), "2026-12-04");
    assert_eq!(first.amount, eur(24_600));
    assert_eq!(first.direction, Direction::Credit);
    assert!(first.booked && !first.reversal);
    assert_eq!(first.bank_reference.as_deref(), Some("SK26120400001"));
    assert_eq!(first.end_to_end_id.as_deref(), Some("/VS4711/SS/KS0308"));
    assert_eq!(first.remittance, "Zaloha za zasah 4711");
    assert_eq!(first.counterparty.as_deref(), Some("Jana Kovacova"));
    assert_eq!(
        first.counterparty_account.as_deref(),
        Some("SK4523585719461382368397")
    );
    let vs: Vec<Option<&str>> = entries
        .iter()
        .map(|e| e.variable_symbol.as_ref().map(VariableSymbol::as_str))
        .collect();
    assert_eq!(
        vs,
        [
            Some("4711"),
            Some("4712"),
            Some("4713"),
            None,
            None,
            None,
            None
        ]
    );
    assert_eq!(entries[1].end_to_end_id, None, "NOTPROVIDED is no id");
    assert_eq!(entries[4].direction, Direction::Debit);
    assert_eq!(entries[5].creditor_references, ["RF18539007547034"]);
    // Two identical entries without a bank reference still have identities of their own.
    let ids: HashSet<&EntryId> = entries.iter().map(|e| &e.id).collect();
    assert_eq!(ids.len(), 7);
}

#[test]
fn a_czech_v02_statement_gives_structured_and_end_to_end_symbols() {
    let entries = read("camt053-cz-v02.xml");
    assert_eq!(entries[0].amount, Money::from_minor(605_000, Currency::CZK));
    assert_eq!(
        entries[0]
            .variable_symbol
            .as_ref()
            .map(VariableSymbol::as_str),
        Some("2026015")
    );
    assert_eq!(entries[0].counterparty.as_deref(), Some("Pekarna Novotny"));
    assert_eq!(entries[1].amount, Money::from_minor(120_000, Currency::CZK));
    assert_eq!(
        entries[1]
            .variable_symbol
            .as_ref()
            .map(VariableSymbol::as_str),
        Some("2026016")
    );
    assert!(!entries[2].booked, "PDNG is pending");
}

fn request(
    key: &'static str,
    minor: i64,
    vs: Option<&str>,
    reference: Option<&str>,
) -> OpenRequest<&'static str> {
    OpenRequest {
        key,
        amount: eur(minor),
        received: eur(0),
        variable_symbol: vs.and_then(|v| VariableSymbol::parse(v).ok()),
        reference: reference.map(str::to_string),
    }
}

fn open_requests() -> Vec<OpenRequest<&'static str>> {
    vec![
        request("visit 4711", 24_600, Some("4711"), None),
        request("invoice 4712", 20_000, Some("4712"), None),
        request("plan 4713", 12_000, Some("4713"), None),
        request("huber", 6_000, None, Some("RF18539007547034")),
        request("unrelated", 5_000, Some("9999"), None),
    ]
}

#[test]
fn credits_are_matched_by_reference_and_amount() {
    let entries = read("camt053-sk-v08.xml");
    let results = match_entries(&entries, &open_requests(), &HashSet::new());
    let outcomes: Vec<&Outcome<&str>> = results.iter().map(|m| &m.outcome).collect();
    assert_eq!(
        outcomes,
        [
            &Outcome::Paid {
                request: "visit 4711"
            },
            &Outcome::Partial {
                request: "invoice 4712",
                remaining: eur(10_000)
            },
            &Outcome::Overpaid {
                request: "plan 4713",
                excess: eur(3_000)
            },
            &Outcome::Unknown,
            // the debit is left out; two payments of 30.00 settle 60.00 together
            &Outcome::Partial {
                request: "huber",
                remaining: eur(3_000)
            },
            &Outcome::Paid { request: "huber" },
        ]
    );
    let for_person: Vec<bool> = results.iter().map(|m| m.outcome.needs_person()).collect();
    assert_eq!(for_person, [false, true, true, true, true, false]);
}

/// What the caller stores after an import: the entry ids and what each request received.
fn apply(
    results: &[Matched<&'static str>],
    open: &mut [OpenRequest<&'static str>],
    imported: &mut HashSet<EntryId>,
) {
    for m in results {
        if m.outcome == Outcome::AlreadyImported {
            continue;
        }
        imported.insert(m.entry.clone());
        let key = match &m.outcome {
            Outcome::Paid { request }
            | Outcome::Partial { request, .. }
            | Outcome::Overpaid { request, .. } => *request,
            _ => continue,
        };
        let r = open.iter_mut().find(|r| r.key == key).unwrap();
        r.received = r.received.checked_add(m.amount).unwrap();
    }
}

#[test]
fn importing_the_same_statement_twice_changes_nothing() {
    let entries = read("camt053-sk-v08.xml");
    let mut open = open_requests();
    let mut imported = HashSet::new();
    let first = match_entries(&entries, &open, &imported);
    apply(&first, &mut open, &mut imported);
    let after_first = open.clone();
    assert_eq!(open[0].received, eur(24_600));
    assert_eq!(open[3].received, eur(6_000));

    let again = read("camt053-sk-v08.xml");
    let second = match_entries(&again, &open, &imported);
    assert!(second.iter().all(|m| m.outcome == Outcome::AlreadyImported));
    apply(&second, &mut open, &mut imported);
    assert_eq!(open, after_first);
}

#[test]
fn a_reference_shared_by_two_requests_and_a_wrong_currency_go_to_a_person() {
    let entries = read("camt053-sk-v08.xml");
    let mut open = open_requests();
    open.push(request("twin", 24_600, Some("4711"), None));
    open[2].amount = Money::from_minor(12_000, Currency::CZK);
    let results = match_entries(&entries, &open, &HashSet::new());
    assert_eq!(
        results[0].outcome,
        Outcome::Ambiguous {
            requests: vec!["visit 4711", "twin"]
        }
    );
    assert_eq!(
        results[2].outcome,
        Outcome::CurrencyMismatch {
            request: "plan 4713"
        }
    );
}
