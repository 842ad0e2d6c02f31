//! Money owed and money received (issue 16): payment requests with their QR codes, the
//! prepayment that makes a ticket wait, bank statements (camt.053) matched to the requests, and
//! invoices issued from an organization's month.
//!
//! The formats are the pure crates `podpora-payments` (QR payloads, camt.053, matching) and
//! `podpora-invoicing` (numbering, totals, e-invoices); this module loads, decides with them and
//! writes. A ticket's status only changes through the ticket lifecycle, so its SLA clocks pause
//! while it waits for payment and resume when the payment arrives.
//!
//! Who may do what: the billing role and administrators make requests, import statements and
//! issue invoices; staff who handle tickets may ask for a prepayment on a ticket; a customer
//! reads only its own organization's requests and invoices.

use crate::{Actor, AppError, Result};
use podpora_core::auth::Permission;

mod accounting;
mod accounting_payments;
mod decisions;
mod documents;
mod invoice_reads;
mod invoices;
mod requests;
mod statements;
mod supplier;

pub use accounting::{AccountingPeriod, accounting_csv};
pub use accounting_payments::payments_csv;
pub use decisions::{DecisionInput, actions_for, decide_entry};
pub use documents::{InvoiceMail, SendInvoiceInput, invoice_pdf, number_style, send_invoice};
pub use invoice_reads::{
    InvoiceFormat, InvoiceView, NationalVatView, NationalView, get_invoice, invoice_file,
    list_invoices,
};
pub use invoices::{CreditNoteInput, InvoiceInput, credit_note, issue_month_invoice};
pub use requests::{
    NewPaymentRequest, NewPrepayment, PaymentRequestView, Prepayment, create_request, get_request,
    list_requests, qr_png, request_prepayment,
};
pub use statements::{
    BankEntryView, StatementSummary, StatementView, get_statement, import_statement,
    list_statements, statement_text, unmatched_entries,
};
pub use supplier::{Supplier, get_supplier, put_supplier};

/// The billing role and administrators (and the command line).
fn require_billing(actor: &Actor) -> Result<()> {
    if !actor.is_customer() && actor.can(Permission::ManagePayments) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "only the billing role and administrators handle payments and invoices".into(),
        ))
    }
}

/// Who reads an organization's requests and invoices: billing and administrators, and the
/// organization itself. `None` is a record of no organization: staff only.
fn require_reader(actor: &Actor, organization_id: Option<i64>) -> Result<()> {
    if actor.is_customer() {
        return match (actor.organization_scope(), organization_id) {
            (Some(mine), Some(org)) if mine == org => Ok(()),
            _ => Err(AppError::Forbidden(
                "this belongs to another organization".into(),
            )),
        };
    }
    require_billing(actor)
}

/// Staff other than billing and administrators are refused before anything is looked up;
/// customers pass here and are checked against the record's organization.
fn staff_gate(actor: &Actor) -> Result<()> {
    if actor.is_customer() {
        Ok(())
    } else {
        require_billing(actor)
    }
}

/// Money as the API shows it.
fn money(m: podpora_billing::Money) -> podpora_core::plan::Money {
    podpora_core::plan::Money {
        amount_minor: m.minor(),
        currency: m.currency().code().to_string(),
    }
}

/// Stored minor units and currency code as money; a stored code we do not know is an error.
fn stored_money(minor: i64, currency: &str) -> Result<podpora_billing::Money> {
    let c = podpora_billing::Currency::parse(currency)
        .map_err(|e| AppError::Conflict(format!("a stored amount: {e}")))?;
    Ok(podpora_billing::Money::from_minor(minor, c))
}
