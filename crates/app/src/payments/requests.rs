//! Payment requests: made by the billing role, or as the prepayment of a ticket, which then
//! waits for payment with its SLA clocks paused; and their QR codes, in the standard of the
//! customer's country.

mod read;

use super::*;
use crate::error::NotFoundAs;
use crate::tickets::{ensure_visible_row, lifecycle};
use crate::{App, audit, now_ms, rfc3339};
use jiff::civil::Date;
use podpora_billing::{Currency, Money};
use podpora_core::{Language, TicketNumber, TicketStatus, ValidationError, text};
use podpora_payments::{PaymentRequest, QrStandard, VariableSymbol, qr, qr_standard};
use podpora_render::Arg;
use podpora_store::repo::payments::PaymentRequestRow;
use podpora_store::{Tx, repo};
pub use read::{get_request, list_requests, qr_png};
use serde::{Deserialize, Serialize};

/// A payment request to make (the billing role and administrators).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPaymentRequest {
    /// What to pay, e.g. `{"amount_minor": 24600, "currency": "EUR"}`.
    pub amount: podpora_core::plan::Money,
    /// The organization asked to pay.
    pub organization_id: i64,
    /// The ticket it is for, if any.
    #[serde(default)]
    pub ticket_number: Option<String>,
    /// The invoice it is for, if any.
    #[serde(default)]
    pub invoice_id: Option<i64>,
    /// Due date `YYYY-MM-DD`; the supplier's due days from today when absent.
    #[serde(default)]
    pub due_date: Option<String>,
    /// The message on the payer's statement; a standard one when absent.
    #[serde(default)]
    pub message: Option<String>,
    /// A SEPA payment reference (at most 35 characters), if the customer's bank needs one.
    #[serde(default)]
    pub reference: Option<String>,
}

/// A prepayment asked before paid work on a ticket starts.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPrepayment {
    /// What to pay, VAT included.
    pub amount: podpora_core::plan::Money,
    /// Due date `YYYY-MM-DD`; the supplier's due days from today when absent.
    #[serde(default)]
    pub due_date: Option<String>,
    /// The message on the payer's statement; "Prepayment for ticket …" in the customer's
    /// language when absent.
    #[serde(default)]
    pub message: Option<String>,
}

/// A payment request as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PaymentRequestView {
    /// Id.
    pub id: i64,
    /// The organization asked to pay.
    pub organization_id: Option<i64>,
    /// The ticket it is for.
    pub ticket_number: Option<String>,
    /// The invoice it is for.
    pub invoice_id: Option<i64>,
    /// What is asked.
    pub amount: podpora_core::plan::Money,
    /// What has arrived.
    pub received: podpora_core::plan::Money,
    /// What is still to pay (zero when paid or overpaid).
    pub remaining: podpora_core::plan::Money,
    /// Who is paid.
    pub beneficiary: String,
    /// Into which account.
    pub iban: String,
    /// The bank's BIC.
    pub bic: Option<String>,
    /// The variable symbol the payment is matched by.
    pub variable_symbol: Option<String>,
    /// The payment reference.
    pub reference: Option<String>,
    /// Due date.
    pub due_date: String,
    /// The message for the payer's statement.
    pub message: String,
    /// `open`, `partial`, `paid` or `over` (more arrived than asked).
    pub status: String,
    /// `pay_by_square` (SK), `spayd` (CZ), `epc` (other euro payers), or none: then pay by
    /// [`PaymentRequestView::transfer_title`].
    pub qr_standard: Option<String>,
    /// The title of a plain transfer.
    pub transfer_title: String,
    /// Made at (RFC 3339).
    pub created_at: String,
    /// Paid at (RFC 3339).
    pub paid_at: Option<String>,
}

/// The prepayment and the ticket's status after it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Prepayment {
    /// The request.
    pub request: PaymentRequestView,
    /// The ticket's status now: `waiting_for_payment`.
    pub ticket_status: TicketStatus,
}

fn qr_name(s: QrStandard) -> &'static str {
    match s {
        QrStandard::PayBySquare => "pay_by_square",
        QrStandard::Spayd => "spayd",
        QrStandard::Epc => "epc",
    }
}

/// The pure request of a stored row.
pub(super) fn domain(r: &PaymentRequestRow) -> Result<PaymentRequest> {
    let bad = |what: String| AppError::Conflict(format!("payment request {}: {what}", r.id));
    Ok(PaymentRequest {
        amount: stored_money(r.amount_minor, &r.currency)?,
        beneficiary: podpora_payments::Beneficiary {
            name: r.beneficiary.clone(),
            iban: podpora_payments::Iban::parse(&r.iban).map_err(|e| bad(e.to_string()))?,
            bic: r
                .bic
                .as_deref()
                .and_then(|b| podpora_payments::Bic::parse(b).ok()),
        },
        variable_symbol: r
            .variable_symbol
            .as_deref()
            .and_then(|v| VariableSymbol::parse(v).ok()),
        reference: r.reference.clone(),
        due: r
            .due_on
            .parse()
            .map_err(|e| bad(format!("due date: {e}")))?,
        message: r.message.clone(),
    })
}

/// The country whose QR standard a request uses: its organization's, else the supplier's.
async fn payer_country(tx: &mut Tx<'_>, r: &PaymentRequestRow) -> Result<String> {
    Ok(match r.organization_id {
        Some(org) => repo::customers::get_org(tx, org).await?.country,
        None => String::new(),
    })
}

pub(crate) async fn view(tx: &mut Tx<'_>, r: PaymentRequestRow) -> Result<PaymentRequestView> {
    let request = domain(&r)?;
    let country = payer_country(tx, &r).await?;
    let ticket_number = match r.ticket_id {
        Some(t) => Some(repo::tickets::get_by_id(tx, t).await?.number),
        None => None,
    };
    let amount = request.amount;
    let received = stored_money(r.received_minor, &r.currency)?;
    let remaining = Money::from_minor(
        (amount.minor() - received.minor()).max(0),
        amount.currency(),
    );
    Ok(PaymentRequestView {
        id: r.id,
        organization_id: r.organization_id,
        ticket_number,
        invoice_id: r.invoice_id,
        amount: money(amount),
        received: money(received),
        remaining: money(remaining),
        beneficiary: r.beneficiary,
        iban: r.iban,
        bic: r.bic,
        variable_symbol: r.variable_symbol,
        reference: r.reference,
        due_date: r.due_on,
        message: r.message,
        status: r.status,
        qr_standard: qr_standard(&country, amount.currency()).map(|s| qr_name(s).to_string()),
        transfer_title: request.transfer_title(),
        created_at: rfc3339(r.created_at),
        paid_at: r.paid_at.map(rfc3339),
    })
}

/// The amount asked: more than zero, in EUR, CZK or PLN.
fn amount(v: &mut ValidationError, m: &podpora_core::plan::Money) -> Option<Money> {
    let currency = v.check("amount.currency", Currency::parse(&m.currency))?;
    if m.amount_minor <= 0 {
        v.push(
            "amount.amount_minor",
            "must be more than zero (minor units: 24600 is 246.00)",
        );
        return None;
    }
    Some(Money::from_minor(m.amount_minor, currency))
}

fn due_date(v: &mut ValidationError, text: Option<&str>, today: Date, days: u32) -> Option<Date> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => {
            let d = v.check(
                "due_date",
                t.parse::<Date>()
                    .map_err(|e| format!("is not a date such as 2026-12-18: {e}")),
            )?;
            if d < today {
                v.push("due_date", "is in the past");
                return None;
            }
            Some(d)
        }
        None => today
            .checked_add(jiff::Span::new().days(i64::from(days)))
            .ok(),
    }
}

fn message(v: &mut ValidationError, text: Option<&str>) -> Option<Option<String>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(m) => v
            .check("message", text::check_max_chars(m, 140))
            .map(|_| Some(m.to_string())),
        None => Some(None),
    }
}

/// Checks a request before it is written: what no bank would accept.
fn check(row: &PaymentRequestRow) -> Result<()> {
    let mut check = domain(row)?;
    check.variable_symbol = VariableSymbol::parse("1").ok();
    check
        .validate()
        .map_err(|e| AppError::field("amount", e.to_string()))
}

/// Stores a request and gives it a variable symbol made from its id (`{year}{id:06}`, 10
/// digits, unlike invoice numbers' 9).
async fn insert(
    tx: &mut Tx<'_>,
    mut row: PaymentRequestRow,
    year: i16,
) -> Result<PaymentRequestRow> {
    check(&row)?;
    row.id = repo::payments::insert_request(tx, &row).await?;
    let vs = if row.id < 1_000_000 {
        format!("{year}{:06}", row.id)
    } else {
        row.id.to_string()
    };
    repo::payments::set_variable_symbol(tx, row.id, &vs).await?;
    row.variable_symbol = Some(vs);
    Ok(row)
}

/// The payment request of a newly issued invoice, under the invoice number's digits as
/// variable symbol (what the invoice itself states).
pub(crate) async fn for_invoice(
    tx: &mut Tx<'_>,
    supplier: &Supplier,
    invoice: &podpora_store::repo::payments::InvoiceRow,
    total: Money,
    message: String,
    actor: &Actor,
    now: i64,
) -> Result<i64> {
    let due: Date = invoice
        .due_on
        .parse()
        .map_err(|e| AppError::Conflict(format!("the invoice's due date: {e}")))?;
    let mut row = new_row(
        supplier,
        Some(invoice.organization_id),
        None,
        Some(invoice.id),
        total,
        due,
        message,
        None,
        actor,
        now,
    );
    let digits: String = invoice
        .number
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    row.variable_symbol = VariableSymbol::parse(&digits)
        .ok()
        .map(|v| v.as_str().to_string());
    check(&row)?;
    row.id = repo::payments::insert_request(tx, &row).await?;
    audit::created(
        tx,
        "payment_request",
        row.id,
        actor,
        now,
        format!("{total}, invoice {}", invoice.number),
    )
    .await?;
    Ok(row.id)
}

fn today() -> Date {
    jiff::Zoned::now()
        .with_time_zone(crate::billing::zone_of_country("SK"))
        .date()
}

#[allow(clippy::too_many_arguments)]
fn new_row(
    supplier: &Supplier,
    organization_id: Option<i64>,
    ticket_id: Option<i64>,
    invoice_id: Option<i64>,
    amount: Money,
    due: Date,
    message: String,
    reference: Option<String>,
    actor: &Actor,
    now: i64,
) -> PaymentRequestRow {
    PaymentRequestRow {
        id: 0,
        organization_id,
        ticket_id,
        invoice_id,
        amount_minor: amount.minor(),
        received_minor: 0,
        currency: amount.currency().code().into(),
        beneficiary: supplier.name.clone(),
        iban: supplier.iban.clone(),
        bic: supplier.bic.clone().filter(|b| !b.trim().is_empty()),
        variable_symbol: None,
        reference,
        due_on: due.to_string(),
        message,
        status: "open".into(),
        created_by: actor.audit_name(),
        created_at: now,
        paid_at: None,
        updated_at: now,
    }
}

/// The standard message of a request in the customer's language.
fn default_message(app: &App, lang: Language, key: &str, what: &str) -> Result<String> {
    Ok(app
        .renderer()?
        .text(lang, key, &[("what", Arg::from(what))])
        .trim()
        .to_string())
}

/// Makes a payment request (the billing role and administrators).
pub async fn create_request(
    app: &App,
    actor: &Actor,
    input: NewPaymentRequest,
) -> Result<PaymentRequestView> {
    require_billing(actor)?;
    let today = today();
    let mut v = ValidationError::new();
    let amount = amount(&mut v, &input.amount);
    let msg = message(&mut v, input.message.as_deref());
    let reference = input
        .reference
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    let mut tx = app.db.begin().await?;
    let supplier = supplier::load(&mut tx).await?;
    let due = due_date(&mut v, input.due_date.as_deref(), today, supplier.due_days);
    v.into_result()?;
    let (Some(amount), Some(msg), Some(due)) = (amount, msg, due) else {
        return Err(AppError::field("amount", "is missing"));
    };
    let org = repo::customers::get_org(&mut tx, input.organization_id)
        .await
        .not_found(|| format!("organization {}", input.organization_id))?;
    let ticket = match input.ticket_number.as_deref() {
        Some(n) => {
            let t = repo::tickets::get_by_number(&mut tx, n)
                .await
                .not_found(|| format!("ticket {n}"))?;
            if t.organization_id != Some(org.id) {
                return Err(AppError::field(
                    "ticket_number",
                    format!("ticket {n} is not organization {}'s", org.id),
                ));
            }
            Some(t)
        }
        None => None,
    };
    if let Some(i) = input.invoice_id {
        let inv = repo::payments::invoice(&mut tx, i)
            .await
            .not_found(|| format!("invoice {i}"))?;
        if inv.organization_id != org.id {
            return Err(AppError::field(
                "invoice_id",
                format!("invoice {i} is not organization {}'s", org.id),
            ));
        }
    }
    let msg = match msg {
        Some(m) => m,
        None => {
            let what = ticket
                .as_ref()
                .map(|t| t.number.clone())
                .unwrap_or_default();
            default_message(app, org.language, "payment-message-request", &what)?
        }
    };
    let now = now_ms();
    let row = new_row(
        &supplier,
        Some(org.id),
        ticket.as_ref().map(|t| t.id),
        input.invoice_id,
        amount,
        due,
        msg,
        reference,
        actor,
        now,
    );
    let row = insert(&mut tx, row, today.year()).await?;
    audit::created(
        &mut tx,
        "payment_request",
        row.id,
        actor,
        now,
        format!(
            "{amount}, VS {}",
            row.variable_symbol.clone().unwrap_or_default()
        ),
    )
    .await?;
    let out = view(&mut tx, row).await?;
    tx.commit().await?;
    Ok(out)
}

/// Asks for a prepayment before paid work on a ticket starts: the request is made and
/// the ticket waits for payment, its SLA clocks paused, with both in its history. Staff who
/// handle the ticket, the billing role and administrators.
pub async fn request_prepayment(
    app: &App,
    actor: &Actor,
    number: &str,
    input: NewPrepayment,
) -> Result<Prepayment> {
    if actor.is_customer()
        || !(actor.can(Permission::WriteTickets) || actor.can(Permission::ManagePayments))
    {
        return Err(AppError::Forbidden(
            "only staff who handle tickets and the billing role ask for a prepayment".into(),
        ));
    }
    let n =
        TicketNumber::parse(number).map_err(|_| AppError::NotFound(format!("ticket {number}")))?;
    let today = today();
    let mut v = ValidationError::new();
    let amount = amount(&mut v, &input.amount);
    let msg = message(&mut v, input.message.as_deref());
    let mut tx = app.db.begin().await?;
    let supplier = supplier::load(&mut tx).await?;
    let due = due_date(&mut v, input.due_date.as_deref(), today, supplier.due_days);
    v.into_result()?;
    let (Some(amount), Some(msg), Some(due)) = (amount, msg, due) else {
        return Err(AppError::field("amount", "is missing"));
    };
    let mut ticket = repo::tickets::get_for_update(&mut tx, n.as_str())
        .await
        .not_found(|| format!("ticket {number}"))?;
    ensure_visible_row(&mut tx, actor, &ticket).await?;
    let Some(org_id) = ticket.organization_id else {
        return Err(AppError::Conflict(format!(
            "ticket {number} has no organization to ask for payment; set the requester's organization first"
        )));
    };
    let org = repo::customers::get_org(&mut tx, org_id).await?;
    let msg = match msg {
        Some(m) => m,
        None => default_message(
            app,
            org.language,
            "payment-message-prepayment",
            &ticket.number,
        )?,
    };
    let now = now_ms();
    let row = new_row(
        &supplier,
        Some(org_id),
        Some(ticket.id),
        None,
        amount,
        due,
        msg,
        None,
        actor,
        now,
    );
    let row = insert(&mut tx, row, today.year()).await?;
    let vs = row.variable_symbol.clone().unwrap_or_default();
    audit::created(
        &mut tx,
        "payment_request",
        row.id,
        actor,
        now,
        format!("{amount}, VS {vs}"),
    )
    .await?;
    let status = lifecycle::change_status(
        app,
        &mut tx,
        &mut ticket,
        TicketStatus::WaitingForPayment,
        now,
    )
    .await?;
    ticket.updated_at = now;
    let reason = format!("prepayment of {amount} asked, variable symbol {vs}, due {due}");
    audit::changed(
        &mut tx,
        "ticket",
        ticket.id,
        actor,
        now,
        vec![
            status,
            ("payment_request", None, Some(format!("{amount}, VS {vs}"))),
        ],
        Some(&reason),
    )
    .await?;
    repo::tickets::update(&mut tx, &ticket).await?;
    let out = view(&mut tx, row).await?;
    tx.commit().await?;
    Ok(Prepayment {
        request: out,
        ticket_status: ticket.status,
    })
}
