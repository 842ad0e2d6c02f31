//! Bank statements (camt.053): each credit matched to the open requests by the `payments`
//! crate; a paid request is marked paid, and a paid prepayment lets its ticket resume. What a
//! person must look at (partial, over, unknown, ambiguous, another currency) stays listed.
//!
//! Importing is idempotent twice over: the same file is recognised by its digest and changes
//! nothing, and an entry already imported from another file is matched as already imported.

use super::*;
use crate::error::NotFoundAs;
use crate::tickets::lifecycle;
use crate::{App, audit, now_ms, rfc3339};
use podpora_billing::Money;
use podpora_core::TicketStatus;
use podpora_payments::VariableSymbol;
use podpora_payments::camt::{self, Entry, EntryId};
use podpora_payments::gpc;
use podpora_payments::matching::{OpenRequest, Outcome, match_entries};
use podpora_store::repo::payments::{BankEntryRow, BankStatementRow, PaymentRequestRow};
use podpora_store::{Tx, repo};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

/// One credit of a statement and what became of it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BankEntryView {
    /// Id.
    pub id: i64,
    /// The statement it came with.
    pub statement_id: i64,
    /// Booking date.
    pub booking_date: String,
    /// The amount credited.
    pub amount: podpora_core::plan::Money,
    /// The variable symbol the payer gave.
    pub variable_symbol: Option<String>,
    /// The payer's end-to-end id.
    pub end_to_end_id: Option<String>,
    /// The payer's text.
    pub remittance: String,
    /// The payer.
    pub counterparty: Option<String>,
    /// The payer's account.
    pub counterparty_account: Option<String>,
    /// `paid`, `partial` (less than asked), `over` (more than asked, or already paid),
    /// `currency` (another currency than asked), `ambiguous` (fits several requests) or
    /// `unknown` (fits none).
    pub outcome: String,
    /// The request it was matched to.
    pub payment_request_id: Option<i64>,
    /// For `partial` what is still to pay, for `over` the excess; zero otherwise.
    pub difference: podpora_core::plan::Money,
    /// Whether a person must decide what the money is for (or send a refund due).
    pub needs_person: bool,
    /// What a person may do with it now (see `POST /api/v1/bank-entries/{id}/decision`).
    pub actions: Vec<String>,
    /// What a person decided: `assigned`, `partial_accepted`, `credit_kept`, `refund_due`,
    /// `returned` or `ignored`.
    pub decision: Option<String>,
    /// The reason given with the decision.
    pub decision_note: Option<String>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// When (RFC 3339).
    pub decided_at: Option<String>,
}

/// An imported statement file and its credits.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StatementView {
    /// Id.
    pub id: i64,
    /// The statements' ids in the file, comma-separated.
    pub statement_ids: String,
    /// The account.
    pub account: String,
    /// Booked credits in the file.
    pub credits: i64,
    /// Credits imported before (from another file); nothing changed for them.
    pub already_imported: i64,
    /// True when this very file had been imported before: nothing changed at all.
    pub unchanged: bool,
    /// Who imported it.
    pub imported_by: String,
    /// When (RFC 3339).
    pub imported_at: String,
    /// Its new credits and what became of each.
    pub entries: Vec<BankEntryView>,
}

/// A statement in a list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StatementSummary {
    /// Id.
    pub id: i64,
    /// The statements' ids in the file.
    pub statement_ids: String,
    /// The account.
    pub account: String,
    /// Booked credits.
    pub credits: i64,
    /// Credits imported before.
    pub already_imported: i64,
    /// When (RFC 3339).
    pub imported_at: String,
}

pub(super) fn entry_view(e: BankEntryRow) -> Result<BankEntryView> {
    let amount = stored_money(e.amount_minor, &e.currency)?;
    let difference = stored_money(e.difference_minor, &e.currency)?;
    Ok(BankEntryView {
        id: e.id,
        statement_id: e.statement_id,
        booking_date: e.booking_date,
        amount: money(amount),
        variable_symbol: e.variable_symbol,
        end_to_end_id: e.end_to_end_id,
        remittance: e.remittance,
        counterparty: e.counterparty,
        counterparty_account: e.counterparty_account,
        needs_person: e.outcome != "paid"
            && matches!(e.decision.as_deref(), None | Some("refund_due")),
        actions: super::decisions::actions_for(&e.outcome, e.decision.as_deref())
            .iter()
            .map(|a| (*a).to_string())
            .collect(),
        decision: e.decision,
        decision_note: e.decision_note,
        decided_by: e.decided_by,
        decided_at: e.decided_at.map(rfc3339),
        outcome: e.outcome,
        payment_request_id: e.payment_request_id,
        difference: money(difference),
    })
}

async fn statement_view(
    tx: &mut Tx<'_>,
    s: BankStatementRow,
    unchanged: bool,
) -> Result<StatementView> {
    let entries = repo::payments::entries_of_statement(tx, s.id)
        .await?
        .into_iter()
        .map(entry_view)
        .collect::<Result<Vec<_>>>()?;
    Ok(StatementView {
        id: s.id,
        statement_ids: s.statement_ids,
        account: s.account,
        credits: s.credits,
        already_imported: s.already_imported,
        unchanged,
        imported_by: s.imported_by,
        imported_at: rfc3339(s.imported_at),
        entries,
    })
}

fn open_request(r: &PaymentRequestRow) -> Result<OpenRequest<i64>> {
    Ok(OpenRequest {
        key: r.id,
        amount: stored_money(r.amount_minor, &r.currency)?,
        received: stored_money(r.received_minor, &r.currency)?,
        variable_symbol: r
            .variable_symbol
            .as_deref()
            .and_then(|v| VariableSymbol::parse(v).ok()),
        reference: r.reference.clone(),
    })
}

/// A statement file's text: UTF-8, or a Czech GPC file in Windows-1250; `None` for bytes that
/// are neither.
pub fn statement_text(bytes: &[u8]) -> Option<String> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    let text = gpc::decode(bytes);
    gpc::looks_like(&text).then_some(text)
}

/// Imports a statement file (the billing role and administrators): camt.053 XML, or the Czech
/// ABO/GPC text format, told apart by their content. A file that cannot be read is a
/// validation error on `statement` that says what is wrong; nothing is written then.
pub async fn import_statement(app: &App, actor: &Actor, xml: &str) -> Result<StatementView> {
    require_billing(actor)?;
    let statements = if gpc::looks_like(xml) {
        gpc::parse(xml).map_err(|e| AppError::field("statement", e.to_string()))?
    } else {
        camt::parse(xml).map_err(|e| AppError::field("statement", e.to_string()))?
    };
    let digest = hex::encode(Sha256::digest(xml.as_bytes()));
    let mut tx = app.db.begin().await?;
    if let Some(s) = repo::payments::statement_by_digest(&mut tx, &digest).await? {
        return statement_view(&mut tx, s, true).await;
    }
    let entries: Vec<&Entry> = statements.iter().flat_map(|s| &s.entries).collect();
    let credits: Vec<Entry> = entries
        .iter()
        .filter(|e| e.direction == camt::Direction::Credit && !e.reversal && e.booked)
        .map(|e| (*e).clone())
        .collect();
    let keys: Vec<String> = credits.iter().map(|e| e.id.0.clone()).collect();
    let imported: HashSet<EntryId> = repo::payments::imported_keys(&mut tx, &keys)
        .await?
        .into_iter()
        .map(EntryId)
        .collect();
    let unpaid = repo::payments::unpaid_requests(&mut tx, None).await?;
    let open = unpaid
        .iter()
        .map(open_request)
        .collect::<Result<Vec<_>>>()?;
    let by_id: HashMap<i64, &PaymentRequestRow> = unpaid.iter().map(|r| (r.id, r)).collect();
    let results = match_entries(&credits, &open, &imported);
    let already = results
        .iter()
        .filter(|m| m.outcome == Outcome::AlreadyImported)
        .count();
    let now = now_ms();
    let mut statement = BankStatementRow {
        id: 0,
        digest,
        statement_ids: statements
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        account: statements
            .first()
            .map(|s| s.account.clone())
            .unwrap_or_default(),
        credits: i64::try_from(results.len()).unwrap_or(i64::MAX),
        already_imported: i64::try_from(already).unwrap_or(i64::MAX),
        imported_by: actor.audit_name(),
        imported_at: now,
    };
    statement.id = repo::payments::insert_statement(&mut tx, &statement).await?;
    // What each request has received so far, credits of this file included.
    let mut received: HashMap<i64, i64> = unpaid.iter().map(|r| (r.id, r.received_minor)).collect();
    for (m, e) in results.iter().zip(&credits) {
        let zero = Money::zero(m.amount.currency());
        let (outcome, request, difference) = match &m.outcome {
            Outcome::AlreadyImported => continue,
            Outcome::Paid { request } => ("paid", Some(*request), zero),
            Outcome::Partial { request, remaining } => ("partial", Some(*request), *remaining),
            Outcome::Overpaid { request, excess } => ("over", Some(*request), *excess),
            Outcome::CurrencyMismatch { request } => ("currency", Some(*request), zero),
            Outcome::Ambiguous { .. } => ("ambiguous", None, zero),
            Outcome::Unknown => ("unknown", None, zero),
        };
        repo::payments::insert_entry(
            &mut tx,
            &BankEntryRow {
                id: 0,
                statement_id: statement.id,
                entry_key: m.entry.0.clone(),
                booking_date: e.booking_date.to_string(),
                amount_minor: m.amount.minor(),
                currency: m.amount.currency().code().into(),
                variable_symbol: e.variable_symbol.as_ref().map(|v| v.as_str().to_string()),
                end_to_end_id: e.end_to_end_id.clone(),
                remittance: e.remittance.clone(),
                counterparty: e.counterparty.clone(),
                counterparty_account: e.counterparty_account.clone(),
                outcome: outcome.into(),
                payment_request_id: request,
                difference_minor: difference.minor(),
                decision: None,
                decision_note: None,
                decided_by: None,
                decided_at: None,
            },
        )
        .await?;
        let (Some(id), true) = (request, matches!(outcome, "paid" | "partial" | "over")) else {
            continue;
        };
        let Some(r) = by_id.get(&id) else { continue };
        let total = received
            .get(&id)
            .copied()
            .unwrap_or(0)
            .saturating_add(m.amount.minor());
        received.insert(id, total);
        let status = match outcome {
            "partial" => "partial",
            "over" => "over",
            _ => "paid",
        };
        let paid_at = (status != "partial").then_some(now);
        repo::payments::set_received(&mut tx, id, total, status, paid_at, now).await?;
        if let (Some(ticket_id), Some(_)) = (r.ticket_id, paid_at) {
            resume_ticket(app, &mut tx, actor, ticket_id, r, m.amount, now).await?;
        }
    }
    let out = statement_view(&mut tx, statement, false).await?;
    tx.commit().await?;
    Ok(out)
}

/// A paid prepayment: the ticket leaves "waiting for payment" through the lifecycle (its
/// clocks resume) and the payment goes to its history.
pub(super) async fn resume_ticket(
    app: &App,
    tx: &mut Tx<'_>,
    actor: &Actor,
    ticket_id: i64,
    r: &PaymentRequestRow,
    credit: Money,
    now: i64,
) -> Result<()> {
    let t = repo::tickets::get_by_id(tx, ticket_id).await?;
    let mut row = repo::tickets::get_for_update(tx, &t.number).await?;
    let vs = r.variable_symbol.clone().unwrap_or_default();
    let mut changes = vec![("payment", None, Some(format!("{credit} received, VS {vs}")))];
    if row.status == TicketStatus::WaitingForPayment {
        changes.push(
            lifecycle::change_status(app, tx, &mut row, TicketStatus::InProgress, now).await?,
        );
        row.updated_at = now;
    }
    let reason = format!("payment request {} paid by bank transfer", r.id);
    audit::changed(tx, "ticket", row.id, actor, now, changes, Some(&reason)).await?;
    repo::tickets::update(tx, &row).await?;
    Ok(())
}

/// One imported statement with its credits (the billing role and administrators).
pub async fn get_statement(app: &App, actor: &Actor, id: i64) -> Result<StatementView> {
    require_billing(actor)?;
    let mut tx = app.db.read().await?;
    let s = repo::payments::statement(&mut tx, id)
        .await
        .not_found(|| format!("bank statement {id}"))?;
    statement_view(&mut tx, s, false).await
}

/// The latest imported statements (the billing role and administrators).
pub async fn list_statements(app: &App, actor: &Actor) -> Result<Vec<StatementSummary>> {
    require_billing(actor)?;
    let mut tx = app.db.read().await?;
    Ok(repo::payments::statements(&mut tx, 200)
        .await?
        .into_iter()
        .map(|s| StatementSummary {
            id: s.id,
            statement_ids: s.statement_ids,
            account: s.account,
            credits: s.credits,
            already_imported: s.already_imported,
            imported_at: rfc3339(s.imported_at),
        })
        .collect())
}

/// Credits a person must look at, newest first (the billing role and administrators).
pub async fn unmatched_entries(app: &App, actor: &Actor) -> Result<Vec<BankEntryView>> {
    require_billing(actor)?;
    let mut tx = app.db.read().await?;
    repo::payments::unsettled_entries(&mut tx, 500)
        .await?
        .into_iter()
        .map(entry_view)
        .collect()
}
