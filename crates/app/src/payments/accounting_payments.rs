//! The export for accounting, second part: the payments received in a period as CSV, each with
//! the document it paid, and those that paid nothing known flagged, so the accounting program
//! books the bank's credits against the invoices and someone looks at the rest.
//!
//! One row per credit of an imported statement, by booking date; comma-separated (RFC 4180),
//! UTF-8, dates `YYYY-MM-DD`, amounts with a decimal point and no grouping.

use super::accounting::{AccountingPeriod, amount, date};
use super::*;
use crate::App;
use podpora_core::ValidationError;
use podpora_store::repo;
use podpora_store::repo::payments::BankEntryRow;
use std::collections::HashMap;

/// The columns, in order.
const HEADER: [&str; 17] = [
    "booking_date",
    "amount",
    "currency",
    "variable_symbol",
    "end_to_end_id",
    "payer",
    "payer_account",
    "message",
    "matched",
    "outcome",
    "decision",
    "payment_request",
    "invoice",
    "ticket",
    "organization",
    "statement",
    "entry",
];

/// Whether a credit pays a document: matched in full, or counted on its request by a person's
/// decision. A credit to be refunded, refunded or ignored pays nothing.
fn matched(e: &BankEntryRow) -> bool {
    match e.decision.as_deref() {
        Some("assigned" | "partial_accepted" | "credit_kept") => true,
        Some(_) => false,
        None => e.outcome == "paid",
    }
}

/// What a request is for, looked up once per request.
#[derive(Default, Clone)]
struct Paid {
    invoice: String,
    ticket: String,
    organization: String,
}

/// The credits booked in `period` (booking dates from `from` to `to`, both included) as CSV
/// (the billing role and administrators).
pub async fn payments_csv(app: &App, actor: &Actor, period: &AccountingPeriod) -> Result<String> {
    require_billing(actor)?;
    let from = date("from", period.from.as_deref(), "0000-01-01")?;
    let to = date("to", period.to.as_deref(), "9999-12-31")?;
    if from > to {
        return Err(AppError::Validation(ValidationError::field(
            "to",
            format!("{to} is before {from}: the period must end on or after its first day"),
        )));
    }
    let mut tx = app.db.read().await?;
    let entries = repo::payments::entries_booked(&mut tx, &from, &to).await?;
    let mut paid: HashMap<i64, Paid> = HashMap::new();
    for id in entries.iter().filter_map(|e| e.payment_request_id) {
        if paid.contains_key(&id) {
            continue;
        }
        let r = repo::payments::request(&mut tx, id).await?;
        let mut p = Paid::default();
        if let Some(i) = r.invoice_id {
            p.invoice = repo::payments::invoice(&mut tx, i).await?.number;
        }
        if let Some(t) = r.ticket_id {
            p.ticket = repo::tickets::get_by_id(&mut tx, t).await?.number;
        }
        if let Some(o) = r.organization_id {
            p.organization = repo::customers::get_org(&mut tx, o).await?.name;
        }
        paid.insert(id, p);
    }
    drop(tx);
    let mut out = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| AppError::Io(std::io::Error::other(e));
    out.write_record(HEADER).map_err(io)?;
    for e in &entries {
        let m = matched(e);
        // A credit that pays nothing names no document, though matching may have guessed one.
        let (request, p) = match e.payment_request_id {
            Some(id) if m => (id.to_string(), paid.get(&id).cloned().unwrap_or_default()),
            _ => (String::new(), Paid::default()),
        };
        out.write_record([
            e.booking_date.clone(),
            amount(e.amount_minor),
            e.currency.clone(),
            e.variable_symbol.clone().unwrap_or_default(),
            e.end_to_end_id.clone().unwrap_or_default(),
            e.counterparty.clone().unwrap_or_default(),
            e.counterparty_account.clone().unwrap_or_default(),
            e.remittance.clone(),
            if m { "yes" } else { "no" }.to_string(),
            e.outcome.clone(),
            e.decision.clone().unwrap_or_default(),
            request,
            p.invoice,
            p.ticket,
            p.organization,
            e.statement_id.to_string(),
            e.id.to_string(),
        ])
        .map_err(io)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::Io(std::io::Error::other(e.to_string())))?;
    String::from_utf8(bytes).map_err(|e| AppError::Io(std::io::Error::other(e)))
}
