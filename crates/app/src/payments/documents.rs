//! An invoice's documents for the customer: the PDF in the customer's language with the
//! payment QR code of its country, and the mail that carries the PDF and the e-invoice its
//! accounting reads (ISDOC in Czechia, KSeF FA from a Polish supplier, UBL otherwise).

use super::invoice_reads::{InvoiceFormat, document, readable_invoice, write_einvoice};
use super::*;
use crate::error::NotFoundAs;
use crate::outbox::{self, MailFile, Written};
use crate::{App, audit, now_ms};
use podpora_core::{EmailAddress, Language, ValidationError};
use podpora_invoicing::pdf::{self, Labels, NumberStyle, PaymentQr, Style};
use podpora_invoicing::{DocumentKind, Invoice};
use podpora_payments::{PaymentRequest, QrStandard, qr, qr_standard};
use podpora_render::Arg;
use podpora_store::repo::payments::InvoiceRow;
use podpora_store::rows::OrganizationRow;
use podpora_store::{Tx, repo};
use serde::{Deserialize, Serialize};

/// Whom to send an invoice to.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SendInvoiceInput {
    /// An address; the organization's billing address, else its first contact's, when absent.
    #[serde(default)]
    pub to: Option<String>,
}

/// An invoice mail queued in the outbox.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InvoiceMail {
    /// The outbox message.
    pub outbox_id: i64,
    /// The recipient.
    pub to: String,
    /// The attached files' names: the PDF and the e-invoice.
    pub files: Vec<String>,
}

fn standard_name(s: QrStandard) -> &'static str {
    match s {
        QrStandard::PayBySquare => "PAY by square",
        QrStandard::Spayd => "QR Platba (SPAYD)",
        QrStandard::Epc => "EPC QR (SEPA)",
    }
}

/// How numbers are written in `lang`.
pub fn number_style(lang: Language) -> NumberStyle {
    if lang == Language::En {
        NumberStyle::Point
    } else {
        NumberStyle::Comma
    }
}

/// The PDF of an issued document in `lang`, with the QR code of `request` in the standard of
/// the payer's `country` where one applies.
pub(super) fn render_pdf(
    app: &App,
    lang: Language,
    country: &str,
    invoice: &Invoice,
    request: Option<&PaymentRequest>,
) -> Result<Vec<u8>> {
    let renderer = app.renderer()?;
    let labels = Labels::from_messages(|key| renderer.text(lang, key, &[]));
    let style = Style {
        labels: &labels,
        numbers: number_style(lang),
        date: &|d| podpora_render::format_date(lang, d),
        language: lang.as_str(),
    };
    let standard = request.and_then(|r| qr_standard(country, r.amount.currency()));
    let png = match (standard, request) {
        (Some(s), Some(r)) => Some(
            qr::request_png(s, r)
                .map_err(|e| AppError::Conflict(format!("the QR code cannot be made: {e}")))?,
        ),
        _ => None,
    };
    let code = match (&png, standard) {
        (Some(png), Some(s)) => Some(PaymentQr {
            png,
            standard: standard_name(s),
        }),
        _ => None,
    };
    pdf::write(invoice, &style, code).map_err(|e| {
        AppError::Conflict(format!(
            "the PDF of {} cannot be made: {e}",
            invoice.number()
        ))
    })
}

/// The payment request of an invoice, as the QR code states it.
async fn request_of(tx: &mut Tx<'_>, invoice_id: i64) -> Result<Option<PaymentRequest>> {
    match repo::payments::request_of_invoice(tx, invoice_id).await? {
        Some(id) => {
            let row = repo::payments::request(tx, id).await?;
            Ok(Some(super::requests::domain(&row)?))
        }
        None => Ok(None),
    }
}

/// An invoice as a PDF in its customer's language: its file name and bytes. The billing role
/// and administrators, and the customer invoiced.
pub async fn invoice_pdf(app: &App, actor: &Actor, id: i64) -> Result<(String, Vec<u8>)> {
    staff_gate(actor)?;
    let mut tx = app.db.read().await?;
    let r = readable_invoice(&mut tx, actor, id).await?;
    let org = repo::customers::get_org(&mut tx, r.organization_id).await?;
    let inv = document(&r)?;
    let request = request_of(&mut tx, r.id).await?;
    let bytes = render_pdf(app, org.language, &org.country, &inv, request.as_ref())?;
    Ok((format!("{}.pdf", r.number), bytes))
}

/// The e-invoice the customer's accounting reads: KSeF FA from a Polish supplier, ISDOC for a
/// Czech customer or supplier, UBL (Peppol) otherwise; when that format cannot hold the
/// document (a KSeF credit note, a party without a VAT id for Peppol), the next one that can.
fn einvoice_for(r: &InvoiceRow, inv: &Invoice, org: &OrganizationRow) -> Option<(String, String)> {
    let d = inv.content();
    let supplier = d.supplier.address.country.to_ascii_uppercase();
    let customer = org.country.to_ascii_uppercase();
    let mut order = Vec::new();
    if supplier == "PL" {
        order.push(InvoiceFormat::Ksef);
    }
    if customer == "CZ" || supplier == "CZ" {
        order.push(InvoiceFormat::Isdoc);
    }
    order.extend([InvoiceFormat::Ubl, InvoiceFormat::Isdoc]);
    order.into_iter().find_map(|f| {
        write_einvoice(r, inv, f)
            .ok()
            .map(|xml| (format!("{}.{}", r.number, f.suffix()), xml))
    })
}

/// Where an organization's invoices go: its billing address, else its first contact's first
/// e-mail address.
async fn first_address(tx: &mut Tx<'_>, organization_id: i64) -> Result<Option<String>> {
    if let Some(e) = repo::customers::org_billing_email(tx, organization_id).await? {
        return Ok(Some(e));
    }
    let (contacts, _) = repo::customers::list_contacts(tx, Some(organization_id), 50, 0).await?;
    for c in contacts {
        if let Some(e) = repo::customers::contact_emails(tx, c.id)
            .await?
            .into_iter()
            .next()
        {
            return Ok(Some(e));
        }
    }
    Ok(None)
}

/// Queues the mail of an issued document to `to` (or the organization's billing or first address) with the
/// PDF and the e-invoice attached, in the customer's language; `None` when nobody has an
/// address. Recorded in the invoice's history.
pub(super) async fn queue_invoice_mail(
    app: &App,
    tx: &mut Tx<'_>,
    actor: &Actor,
    r: &InvoiceRow,
    to: Option<&str>,
    now: i64,
) -> Result<Option<InvoiceMail>> {
    let to = match to {
        Some(t) => t.to_string(),
        None => match first_address(tx, r.organization_id).await? {
            Some(t) => t,
            None => return Ok(None),
        },
    };
    let org = repo::customers::get_org(tx, r.organization_id).await?;
    let lang = org.language;
    let inv = document(r)?;
    let request = request_of(tx, r.id).await?;
    let pdf = render_pdf(app, lang, &org.country, &inv, request.as_ref())?;
    let mut files = vec![MailFile {
        filename: format!("{}.pdf", r.number),
        content_type: "application/pdf".into(),
        bytes: pdf,
    }];
    let mut format = String::new();
    if let Some((name, xml)) = einvoice_for(r, &inv, &org) {
        format = match name.rsplit_once('.').map(|(_, s)| s) {
            Some("isdoc") => "ISDOC".into(),
            _ if name.ends_with(".ksef.xml") => "KSeF FA(3)".into(),
            _ => "UBL 2.1, Peppol BIS Billing 3.0".into(),
        };
        files.push(MailFile {
            filename: name,
            content_type: "application/xml".into(),
            bytes: xml.into_bytes(),
        });
    }
    let renderer = app.renderer()?;
    let numbers = number_style(lang);
    let t = |key: &str, args: &[(&str, Arg)]| renderer.text(lang, key, args);
    let number = r.number.as_str();
    let total = numbers.money(inv.totals().vat.total);
    let kind = t(
        if inv.is_credit_note() {
            "invoice-pdf-credit-note"
        } else {
            "invoice-pdf-invoice"
        },
        &[],
    );
    let subject = t(
        "invoice-mail-subject",
        &[
            ("kind", Arg::from(kind.as_str())),
            ("number", Arg::from(number)),
        ],
    );
    let mut paragraphs = vec![t("invoice-mail-greeting", &[])];
    paragraphs.push(match &inv.content().kind {
        DocumentKind::CreditNote { corrects, .. } => t(
            "invoice-mail-credit-intro",
            &[
                ("number", Arg::from(number)),
                ("total", Arg::from(total.as_str())),
                ("corrects", Arg::from(corrects.as_str())),
            ],
        ),
        DocumentKind::Invoice => t(
            "invoice-mail-intro",
            &[
                ("number", Arg::from(number)),
                ("total", Arg::from(total.as_str())),
                (
                    "due",
                    Arg::from(podpora_render::format_date(lang, inv.content().due_date)),
                ),
            ],
        ),
    });
    if let (Some(p), false) = (&inv.content().payment, inv.is_credit_note()) {
        let vs = p
            .variable_symbol
            .as_ref()
            .map_or_else(|| number.to_string(), |v| v.as_str().to_string());
        paragraphs.push(t(
            "invoice-mail-pay",
            &[("iban", Arg::from(p.iban.as_str())), ("vs", Arg::from(vs))],
        ));
    }
    if !format.is_empty() {
        paragraphs.push(t("invoice-mail-files", &[("format", Arg::from(format))]));
    }
    paragraphs.push(format!(
        "{}\n{}",
        t("invoice-mail-sign-off", &[]),
        inv.content().supplier.name
    ));
    let names: Vec<String> = files.iter().map(|f| f.filename.clone()).collect();
    let outbox_id = outbox::queue_written(
        app,
        tx,
        Written {
            purpose: "invoice",
            to: &to,
            subject: &subject,
            paragraphs: &paragraphs,
            files: &files,
        },
        now,
    )
    .await?;
    audit::changed(
        tx,
        "invoice",
        r.id,
        actor,
        now,
        vec![(
            "mailed",
            None,
            Some(format!("to {to}: {}", names.join(", "))),
        )],
        None,
    )
    .await?;
    Ok(Some(InvoiceMail {
        outbox_id,
        to,
        files: names,
    }))
}

/// Sends an invoice (again) to its customer, or to the address given (the billing role and
/// administrators): the PDF and the e-invoice attached, through the outbox.
pub async fn send_invoice(
    app: &App,
    actor: &Actor,
    id: i64,
    input: SendInvoiceInput,
) -> Result<InvoiceMail> {
    require_billing(actor)?;
    let to = match input.to.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => {
            let mut v = ValidationError::new();
            let address = v.check("to", EmailAddress::parse(t));
            v.into_result()?;
            address.map(|a| a.as_str().to_string())
        }
        None => None,
    };
    let mut tx = app.db.begin().await?;
    let r = repo::payments::invoice(&mut tx, id)
        .await
        .not_found(|| format!("invoice {id}"))?;
    let sent = queue_invoice_mail(app, &mut tx, actor, &r, to.as_deref(), now_ms())
        .await?
        .ok_or_else(|| {
            AppError::Conflict(format!(
                "organization {} has no contact with an e-mail address: give one in \"to\"",
                r.organization_id
            ))
        })?;
    tx.commit().await?;
    app.outbox_wakeup.notify_one();
    Ok(sent)
}
