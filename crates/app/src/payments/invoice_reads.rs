//! Issued invoices as read back: their views (with the amounts in the national currency), the
//! stored document, the e-invoice files written from it, and the reading use cases.

use super::*;
use crate::error::NotFoundAs;
use crate::{App, rfc3339};
use podpora_invoicing::{Invoice, isdoc, ksef, ubl};
use podpora_store::repo::payments::InvoiceRow;
use podpora_store::{Tx, repo};
use serde::Serialize;

/// An issued invoice or credit note.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InvoiceView {
    /// Id.
    pub id: i64,
    /// Its number, e.g. `202600001`.
    pub number: String,
    /// `invoice` or `credit_note`.
    pub kind: String,
    /// The invoice a credit note takes back.
    pub corrects_id: Option<i64>,
    /// The customer.
    pub organization_id: i64,
    /// The month invoiced, `YYYY-MM`.
    pub period: Option<String>,
    /// Issue date.
    pub issued_on: String,
    /// Due date.
    pub due_on: String,
    /// Net total.
    pub net: podpora_core::plan::Money,
    /// VAT.
    pub vat: podpora_core::plan::Money,
    /// Total to pay.
    pub total: podpora_core::plan::Money,
    /// The payment request of an invoice, with its QR code.
    pub payment_request_id: Option<i64>,
    /// Where the invoice is in another currency than the supplier's national one: the rate it
    /// was converted at and the VAT per rate in the national currency.
    pub national: Option<NationalView>,
    /// When it was written (RFC 3339).
    pub created_at: String,
}

/// An invoice's VAT in the supplier's national currency.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NationalView {
    /// National units per `rate_per` units of the invoice's currency, e.g. `24.335`.
    pub rate: String,
    /// How many units of the invoice's currency the rate is for (1 or 100).
    pub rate_per: u32,
    /// The day of the rate.
    pub rate_date: String,
    /// Who published it.
    pub rate_source: String,
    /// Base and VAT of each rate, converted.
    pub by_rate: Vec<NationalVatView>,
    /// The VAT, converted.
    pub vat: podpora_core::plan::Money,
}

/// The base and VAT of one rate in the national currency.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NationalVatView {
    /// The VAT rate in basis points (2100 = 21 %).
    pub rate_basis_points: u32,
    /// The base.
    pub base: podpora_core::plan::Money,
    /// The VAT.
    pub vat: podpora_core::plan::Money,
}

fn national_view(inv: &Invoice) -> Option<NationalView> {
    let t = inv.totals();
    let (Some(lines), Some(vat), Some(rate)) =
        (&t.national, t.national_vat, &inv.content().exchange_rate)
    else {
        return None;
    };
    Some(NationalView {
        rate: rate.to_decimal(),
        rate_per: rate.amount,
        rate_date: rate.date.to_string(),
        rate_source: rate.source.clone(),
        by_rate: lines
            .iter()
            .map(|l| NationalVatView {
                rate_basis_points: l.rate.0,
                base: money(l.base),
                vat: money(l.vat),
            })
            .collect(),
        vat: money(vat),
    })
}

/// An e-invoice format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceFormat {
    /// ISDOC 6.0.2.
    Isdoc,
    /// UBL 2.1, Peppol BIS Billing 3.0.
    Ubl,
    /// KSeF FA(3).
    Ksef,
}

impl InvoiceFormat {
    /// The format of a download's name ending: `.isdoc`, `.ubl.xml`, `.ksef.xml`.
    pub fn from_suffix(s: &str) -> Option<Self> {
        match s {
            "isdoc" => Some(Self::Isdoc),
            "ubl.xml" => Some(Self::Ubl),
            "ksef.xml" => Some(Self::Ksef),
            _ => None,
        }
    }

    /// The name ending of its files: `isdoc`, `ubl.xml`, `ksef.xml`.
    pub fn suffix(self) -> &'static str {
        match self {
            Self::Isdoc => "isdoc",
            Self::Ubl => "ubl.xml",
            Self::Ksef => "ksef.xml",
        }
    }
}

fn view(r: &InvoiceRow, payment_request_id: Option<i64>) -> Result<InvoiceView> {
    Ok(InvoiceView {
        id: r.id,
        number: r.number.clone(),
        kind: r.kind.clone(),
        corrects_id: r.corrects_id,
        organization_id: r.organization_id,
        period: r.period.clone(),
        issued_on: r.issued_on.clone(),
        due_on: r.due_on.clone(),
        net: money(stored_money(r.net_minor, &r.currency)?),
        vat: money(stored_money(r.vat_minor, &r.currency)?),
        total: money(stored_money(r.total_minor, &r.currency)?),
        payment_request_id,
        national: national_view(&document(r)?),
        created_at: rfc3339(r.created_at),
    })
}

pub(super) async fn full_view(tx: &mut Tx<'_>, r: &InvoiceRow) -> Result<InvoiceView> {
    let request = repo::payments::request_of_invoice(tx, r.id).await?;
    view(r, request)
}

/// An issued document as an e-invoice of `format`.
pub(super) fn write_einvoice(
    r: &InvoiceRow,
    inv: &Invoice,
    format: InvoiceFormat,
) -> Result<String> {
    let refuse = |e: String| {
        AppError::Conflict(format!(
            "invoice {} cannot be written as {}: {e}",
            r.number,
            format.suffix()
        ))
    };
    Ok(match format {
        InvoiceFormat::Isdoc => isdoc::write(inv).map_err(|e| refuse(e.to_string()))?,
        InvoiceFormat::Ubl => ubl::write(inv).map_err(|e| refuse(e.to_string()))?,
        InvoiceFormat::Ksef => {
            let created = jiff::Timestamp::from_millisecond(r.created_at)
                .map_err(|e| refuse(e.to_string()))?;
            ksef::write(inv, created).map_err(|e| refuse(e.to_string()))?
        }
    })
}

/// The issued document of a row.
pub(super) fn document(r: &InvoiceRow) -> Result<Invoice> {
    serde_json::from_str(&r.document)
        .map_err(|e| AppError::Conflict(format!("invoice {} cannot be read: {e}", r.number)))
}

/// Invoice `id` when `actor` may read it (the billing role and administrators, and the
/// customer invoiced); another customer's is answered as one that does not exist.
pub(super) async fn readable_invoice(
    tx: &mut Tx<'_>,
    actor: &Actor,
    id: i64,
) -> Result<InvoiceRow> {
    let r = repo::payments::invoice(tx, id)
        .await
        .not_found(|| format!("invoice {id}"))?;
    require_reader(actor, Some(r.organization_id))
        .map_err(|_| AppError::NotFound(format!("invoice {id}")))?;
    Ok(r)
}

/// One invoice: the billing role and administrators, and the customer invoiced.
pub async fn get_invoice(app: &App, actor: &Actor, id: i64) -> Result<InvoiceView> {
    staff_gate(actor)?;
    let mut tx = app.db.read().await?;
    let r = readable_invoice(&mut tx, actor, id).await?;
    full_view(&mut tx, &r).await
}

/// Invoices, newest first: staff see all (or one organization's), a customer its own.
pub async fn list_invoices(
    app: &App,
    actor: &Actor,
    organization_id: Option<i64>,
) -> Result<Vec<InvoiceView>> {
    let org = if actor.is_customer() {
        let mine = actor.organization_scope();
        require_reader(actor, mine)?;
        mine
    } else {
        require_billing(actor)?;
        organization_id
    };
    let mut tx = app.db.read().await?;
    let rows = repo::payments::invoices(&mut tx, org, 500).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        out.push(full_view(&mut tx, r).await?);
    }
    Ok(out)
}

/// An invoice as an e-invoice file: its name and XML.
pub async fn invoice_file(
    app: &App,
    actor: &Actor,
    id: i64,
    format: InvoiceFormat,
) -> Result<(String, String)> {
    staff_gate(actor)?;
    let mut tx = app.db.read().await?;
    let r = readable_invoice(&mut tx, actor, id).await?;
    let inv = document(&r)?;
    let xml = write_einvoice(&r, &inv, format)?;
    Ok((format!("{}.{}", r.number, format.suffix()), xml))
}
