//! Payment requests, imported bank statements with their credits, and issued invoices.
//!
//! Money is integer minor units. An imported entry is stored once under its identity
//! ([`entry_imported`]), so a statement imported again changes nothing; an invoice has no
//! update statement at all: once written it stays as issued.

#![allow(missing_docs)]

use crate::{Backend, Result, Tx, on_tx};

/// What a customer is asked to pay.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PaymentRequestRow {
    pub id: i64,
    pub organization_id: Option<i64>,
    pub ticket_id: Option<i64>,
    pub invoice_id: Option<i64>,
    pub amount_minor: i64,
    pub received_minor: i64,
    pub currency: String,
    pub beneficiary: String,
    pub iban: String,
    pub bic: Option<String>,
    pub variable_symbol: Option<String>,
    pub reference: Option<String>,
    pub due_on: String,
    pub message: String,
    pub status: String,
    pub created_by: String,
    pub created_at: i64,
    pub paid_at: Option<i64>,
    pub updated_at: i64,
}

const REQUEST_COLS: &str = "id, organization_id, ticket_id, invoice_id, amount_minor, received_minor, currency,
    beneficiary, iban, bic, variable_symbol, reference, due_on, message, status, created_by, created_at,
    paid_at, updated_at";

/// Inserts a request; its id.
pub async fn insert_request(tx: &mut Tx<'_>, r: &PaymentRequestRow) -> Result<i64> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO payment_requests (organization_id, ticket_id, invoice_id, amount_minor, received_minor, currency,
            beneficiary, iban, bic, variable_symbol, reference, due_on, message, status, created_by, created_at,
            paid_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id")
        .bind(r.organization_id).bind(r.ticket_id).bind(r.invoice_id).bind(r.amount_minor).bind(r.received_minor)
        .bind(&r.currency).bind(&r.beneficiary).bind(&r.iban).bind(&r.bic).bind(&r.variable_symbol)
        .bind(&r.reference).bind(&r.due_on).bind(&r.message).bind(&r.status).bind(&r.created_by)
        .bind(r.created_at).bind(r.paid_at).bind(r.updated_at).fetch_one(x).await)?)
}

/// Sets a request's variable symbol (made from its id once the id is known).
pub async fn set_variable_symbol(tx: &mut Tx<'_>, id: i64, vs: &str) -> Result<()> {
    on_tx!(tx, x => sqlx::query("UPDATE payment_requests SET variable_symbol = $2 WHERE id = $1")
        .bind(id).bind(vs).execute(x).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// Records what a request has received and its new status.
pub async fn set_received(
    tx: &mut Tx<'_>,
    id: i64,
    received_minor: i64,
    status: &str,
    paid_at: Option<i64>,
    now: i64,
) -> Result<()> {
    on_tx!(tx, x => sqlx::query(
        "UPDATE payment_requests SET received_minor = $2, status = $3, paid_at = COALESCE(paid_at, $4), updated_at = $5
         WHERE id = $1")
        .bind(id).bind(received_minor).bind(status).bind(paid_at).bind(now).execute(x).await.map(|r| r.rows_affected()))?;
    Ok(())
}

/// One request.
pub async fn request(tx: &mut Tx<'_>, id: i64) -> Result<PaymentRequestRow> {
    let sql = format!("SELECT {REQUEST_COLS} FROM payment_requests WHERE id = $1");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, PaymentRequestRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(x).await)?,
    )
}

/// Requests still waiting for money (open or partly paid), oldest first; with `org`, only that
/// organization's.
pub async fn unpaid_requests(tx: &mut Tx<'_>, org: Option<i64>) -> Result<Vec<PaymentRequestRow>> {
    let sql = format!(
        "SELECT {REQUEST_COLS} FROM payment_requests WHERE status IN ('open', 'partial')
         AND ($1 IS NULL OR organization_id = $1) ORDER BY id"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, PaymentRequestRow>(sqlx::AssertSqlSafe(sql)).bind(org).fetch_all(x).await)?,
    )
}

/// Every request, newest first; with `org`, only that organization's.
pub async fn list_requests(
    tx: &mut Tx<'_>,
    org: Option<i64>,
    limit: i64,
) -> Result<Vec<PaymentRequestRow>> {
    let sql = format!(
        "SELECT {REQUEST_COLS} FROM payment_requests WHERE ($1 IS NULL OR organization_id = $1)
         ORDER BY id DESC LIMIT $2"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, PaymentRequestRow>(sqlx::AssertSqlSafe(sql)).bind(org).bind(limit).fetch_all(x).await)?,
    )
}

/// A ticket's requests, oldest first.
pub async fn requests_of_ticket(tx: &mut Tx<'_>, ticket_id: i64) -> Result<Vec<PaymentRequestRow>> {
    let sql =
        format!("SELECT {REQUEST_COLS} FROM payment_requests WHERE ticket_id = $1 ORDER BY id");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, PaymentRequestRow>(sqlx::AssertSqlSafe(sql)).bind(ticket_id).fetch_all(x).await)?,
    )
}

/// An imported statement file.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct BankStatementRow {
    pub id: i64,
    pub digest: String,
    pub statement_ids: String,
    pub account: String,
    pub credits: i64,
    pub already_imported: i64,
    pub imported_by: String,
    pub imported_at: i64,
}

const STATEMENT_COLS: &str =
    "id, digest, statement_ids, account, credits, already_imported, imported_by, imported_at";

/// The statement imported from a file with this digest, if any.
pub async fn statement_by_digest(
    tx: &mut Tx<'_>,
    digest: &str,
) -> Result<Option<BankStatementRow>> {
    let sql = format!("SELECT {STATEMENT_COLS} FROM bank_statements WHERE digest = $1");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, BankStatementRow>(sqlx::AssertSqlSafe(sql)).bind(digest).fetch_optional(x).await)?,
    )
}

/// One statement.
pub async fn statement(tx: &mut Tx<'_>, id: i64) -> Result<BankStatementRow> {
    let sql = format!("SELECT {STATEMENT_COLS} FROM bank_statements WHERE id = $1");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, BankStatementRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(x).await)?,
    )
}

/// The latest statements, newest first.
pub async fn statements(tx: &mut Tx<'_>, limit: i64) -> Result<Vec<BankStatementRow>> {
    let sql = format!("SELECT {STATEMENT_COLS} FROM bank_statements ORDER BY id DESC LIMIT $1");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, BankStatementRow>(sqlx::AssertSqlSafe(sql)).bind(limit).fetch_all(x).await)?,
    )
}

/// Inserts a statement; its id.
pub async fn insert_statement(tx: &mut Tx<'_>, s: &BankStatementRow) -> Result<i64> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO bank_statements (digest, statement_ids, account, credits, already_imported, imported_by, imported_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(&s.digest).bind(&s.statement_ids).bind(&s.account).bind(s.credits).bind(s.already_imported)
        .bind(&s.imported_by).bind(s.imported_at).fetch_one(x).await)?)
}

/// A credit of a statement and what matching made of it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct BankEntryRow {
    pub id: i64,
    pub statement_id: i64,
    pub entry_key: String,
    pub booking_date: String,
    pub amount_minor: i64,
    pub currency: String,
    pub variable_symbol: Option<String>,
    pub end_to_end_id: Option<String>,
    pub remittance: String,
    pub counterparty: Option<String>,
    pub counterparty_account: Option<String>,
    pub outcome: String,
    pub payment_request_id: Option<i64>,
    pub difference_minor: i64,
    /// What a person decided (`assigned`, `partial_accepted`, `credit_kept`, `refund_due`,
    /// `returned`, `ignored`); `None` until someone does.
    pub decision: Option<String>,
    pub decision_note: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
}

const ENTRY_COLS: &str = "id, statement_id, entry_key, booking_date, amount_minor, currency, variable_symbol,
    end_to_end_id, remittance, counterparty, counterparty_account, outcome, payment_request_id, difference_minor,
    decision, decision_note, decided_by, decided_at";

/// Which of `keys` were imported before.
pub async fn imported_keys(tx: &mut Tx<'_>, keys: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    // In slices, so a statement of thousands of entries stays within parameter limits.
    for chunk in keys.chunks(500) {
        let params = match tx.backend() {
            Backend::Sqlite => vec!["?"; chunk.len()].join(", "),
            Backend::Postgres => (1..=chunk.len())
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let sql = format!("SELECT entry_key FROM bank_entries WHERE entry_key IN ({params})");
        let found: Vec<String> = on_tx!(tx, x => {
            let mut q = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql));
            for k in chunk {
                q = q.bind(k);
            }
            q.fetch_all(x).await
        })?;
        out.extend(found);
    }
    Ok(out)
}

/// Whether an entry with this identity was imported before.
pub async fn entry_imported(tx: &mut Tx<'_>, key: &str) -> Result<bool> {
    let n: i64 = on_tx!(tx, x => sqlx::query_scalar("SELECT COUNT(*) FROM bank_entries WHERE entry_key = $1")
        .bind(key).fetch_one(x).await)?;
    Ok(n > 0)
}

/// Inserts an entry; its id.
pub async fn insert_entry(tx: &mut Tx<'_>, e: &BankEntryRow) -> Result<i64> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO bank_entries (statement_id, entry_key, booking_date, amount_minor, currency, variable_symbol,
            end_to_end_id, remittance, counterparty, counterparty_account, outcome, payment_request_id, difference_minor)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id")
        .bind(e.statement_id).bind(&e.entry_key).bind(&e.booking_date).bind(e.amount_minor).bind(&e.currency)
        .bind(&e.variable_symbol).bind(&e.end_to_end_id).bind(&e.remittance).bind(&e.counterparty)
        .bind(&e.counterparty_account).bind(&e.outcome).bind(e.payment_request_id).bind(e.difference_minor)
        .fetch_one(x).await)?)
}

/// A statement's entries in the order they were read.
pub async fn entries_of_statement(tx: &mut Tx<'_>, statement_id: i64) -> Result<Vec<BankEntryRow>> {
    let sql = format!("SELECT {ENTRY_COLS} FROM bank_entries WHERE statement_id = $1 ORDER BY id");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, BankEntryRow>(sqlx::AssertSqlSafe(sql)).bind(statement_id).fetch_all(x).await)?,
    )
}

/// Entries a person must look at (anything but a plain payment) and has not settled yet:
/// undecided, or a refund still to send; newest first.
pub async fn unsettled_entries(tx: &mut Tx<'_>, limit: i64) -> Result<Vec<BankEntryRow>> {
    let sql = format!(
        "SELECT {ENTRY_COLS} FROM bank_entries WHERE outcome <> 'paid'
         AND (decision IS NULL OR decision = 'refund_due') ORDER BY id DESC LIMIT $1"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, BankEntryRow>(sqlx::AssertSqlSafe(sql)).bind(limit).fetch_all(x).await)?,
    )
}

/// One entry.
pub async fn entry(tx: &mut Tx<'_>, id: i64) -> Result<BankEntryRow> {
    let sql = format!("SELECT {ENTRY_COLS} FROM bank_entries WHERE id = $1");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, BankEntryRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(x).await)?,
    )
}

/// Entries received from `from` to `to` (booking dates `YYYY-MM-DD`, both included), in the
/// order of their dates.
pub async fn entries_booked(tx: &mut Tx<'_>, from: &str, to: &str) -> Result<Vec<BankEntryRow>> {
    let sql = format!(
        "SELECT {ENTRY_COLS} FROM bank_entries WHERE booking_date >= $1 AND booking_date <= $2
         ORDER BY booking_date, id"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, BankEntryRow>(sqlx::AssertSqlSafe(sql)).bind(from).bind(to).fetch_all(x).await)?,
    )
}

/// Records a person's decision on an entry still open to one (`expected`: the decision it has
/// now, `None` for undecided); false when it has another by now, so two people deciding at
/// once cannot both win.
#[allow(clippy::too_many_arguments)]
pub async fn decide_entry(
    tx: &mut Tx<'_>,
    id: i64,
    expected: Option<&str>,
    decision: &str,
    note: Option<&str>,
    payment_request_id: Option<i64>,
    by: &str,
    at: i64,
) -> Result<bool> {
    let n = on_tx!(tx, x => sqlx::query(
        "UPDATE bank_entries SET decision = $3, decision_note = $4,
            payment_request_id = COALESCE($5, payment_request_id), decided_by = $6, decided_at = $7
         WHERE id = $1 AND COALESCE(decision, '') = COALESCE($2, '')")
        .bind(id).bind(expected).bind(decision).bind(note).bind(payment_request_id).bind(by).bind(at)
        .execute(x).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// An issued invoice or credit note.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InvoiceRow {
    pub id: i64,
    pub prefix: String,
    pub year: i64,
    pub sequence: i64,
    pub number: String,
    pub kind: String,
    pub corrects_id: Option<i64>,
    pub organization_id: i64,
    pub period: Option<String>,
    pub issued_on: String,
    pub due_on: String,
    pub currency: String,
    pub net_minor: i64,
    pub vat_minor: i64,
    pub total_minor: i64,
    pub document: String,
    pub created_by: String,
    pub created_at: i64,
}

const INVOICE_COLS: &str = "id, prefix, year, sequence, number, kind, corrects_id, organization_id, period,
    issued_on, due_on, currency, net_minor, vat_minor, total_minor, document, created_by, created_at";

/// The last sequence number issued in a series and year (0 when none), read in the
/// transaction that writes the next one; the unique (prefix, year, sequence) refuses a second
/// writer that read the same.
pub async fn last_sequence(tx: &mut Tx<'_>, prefix: &str, year: i64) -> Result<i64> {
    let n: Option<i64> = on_tx!(tx, x => sqlx::query_scalar(
        "SELECT CAST(MAX(sequence) AS BIGINT) FROM invoices WHERE prefix = $1 AND year = $2")
        .bind(prefix).bind(year).fetch_one(x).await)?;
    Ok(n.unwrap_or(0))
}

/// Inserts an issued invoice; its id.
pub async fn insert_invoice(tx: &mut Tx<'_>, i: &InvoiceRow) -> Result<i64> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "INSERT INTO invoices (prefix, year, sequence, number, kind, corrects_id, organization_id, period, issued_on,
            due_on, currency, net_minor, vat_minor, total_minor, document, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id")
        .bind(&i.prefix).bind(i.year).bind(i.sequence).bind(&i.number).bind(&i.kind).bind(i.corrects_id)
        .bind(i.organization_id).bind(&i.period).bind(&i.issued_on).bind(&i.due_on).bind(&i.currency)
        .bind(i.net_minor).bind(i.vat_minor).bind(i.total_minor).bind(&i.document).bind(&i.created_by)
        .bind(i.created_at).fetch_one(x).await)?)
}

/// One invoice.
pub async fn invoice(tx: &mut Tx<'_>, id: i64) -> Result<InvoiceRow> {
    let sql = format!("SELECT {INVOICE_COLS} FROM invoices WHERE id = $1");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, InvoiceRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_one(x).await)?,
    )
}

/// Invoices, newest first; with `org`, only that organization's.
pub async fn invoices(tx: &mut Tx<'_>, org: Option<i64>, limit: i64) -> Result<Vec<InvoiceRow>> {
    let sql = format!(
        "SELECT {INVOICE_COLS} FROM invoices WHERE ($1 IS NULL OR organization_id = $1) ORDER BY id DESC LIMIT $2"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, InvoiceRow>(sqlx::AssertSqlSafe(sql)).bind(org).bind(limit).fetch_all(x).await)?,
    )
}

/// Invoices and credit notes issued from `from` to `to` (dates `YYYY-MM-DD`, both included), in
/// the order of their numbers.
pub async fn invoices_issued(tx: &mut Tx<'_>, from: &str, to: &str) -> Result<Vec<InvoiceRow>> {
    let sql = format!(
        "SELECT {INVOICE_COLS} FROM invoices WHERE issued_on >= $1 AND issued_on <= $2
         ORDER BY prefix, year, sequence"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, InvoiceRow>(sqlx::AssertSqlSafe(sql)).bind(from).bind(to).fetch_all(x).await)?,
    )
}

/// The invoice of an organization for a period, if one was issued (credit notes aside).
pub async fn invoice_for_period(
    tx: &mut Tx<'_>,
    org: i64,
    period: &str,
) -> Result<Option<InvoiceRow>> {
    let sql = format!(
        "SELECT {INVOICE_COLS} FROM invoices WHERE organization_id = $1 AND period = $2 AND kind = 'invoice'
         AND NOT EXISTS (SELECT 1 FROM invoices c WHERE c.corrects_id = invoices.id)"
    );
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, InvoiceRow>(sqlx::AssertSqlSafe(sql)).bind(org).bind(period).fetch_optional(x).await)?,
    )
}

/// The credit note that takes an invoice back, if any.
pub async fn credit_note_of(tx: &mut Tx<'_>, invoice_id: i64) -> Result<Option<InvoiceRow>> {
    let sql = format!("SELECT {INVOICE_COLS} FROM invoices WHERE corrects_id = $1");
    Ok(
        on_tx!(tx, x => sqlx::query_as::<_, InvoiceRow>(sqlx::AssertSqlSafe(sql)).bind(invoice_id).fetch_optional(x).await)?,
    )
}

/// The payment request of an invoice, if one was made.
pub async fn request_of_invoice(tx: &mut Tx<'_>, invoice_id: i64) -> Result<Option<i64>> {
    Ok(on_tx!(tx, x => sqlx::query_scalar(
        "SELECT id FROM payment_requests WHERE invoice_id = $1 ORDER BY id LIMIT 1")
        .bind(invoice_id).fetch_optional(x).await)?)
}
