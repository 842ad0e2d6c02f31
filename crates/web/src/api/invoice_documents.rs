//! An invoice's documents: the PDF in the customer's language with the payment QR code, and
//! the invoice mail (PDF and e-invoice attached) sent again or to another address.

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, ApiQuery, Auth},
    problem::{ApiError, Problem},
};
use axum::{
    Json,
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use podpora_app::payments::{self, AccountingPeriod, InvoiceMail, SendInvoiceInput};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(invoice_pdf))
        .routes(routes!(send_invoice))
        .routes(routes!(accounting_csv))
}

/// The invoices and credit notes issued in a period (issue dates from `from` to `to`, both
/// included; either end open) as CSV for the accounting program: one row per document and VAT
/// rate with the customer's ids, dates, base and VAT of the rate and the document's totals; a
/// credit note's amounts negative. The billing role and administrators.
#[utoipa::path(get, path = "/api/v1/accounting/invoices.csv", tag = "billing", params(AccountingPeriod),
    responses(
        (status = 200, description = "the CSV (RFC 4180, UTF-8)", content_type = "text/csv"),
        (status = 400, description = "a query parameter that cannot be read", body = Problem),
        (status = 401, description = "no valid token", body = Problem),
        (status = 403, description = "not the billing role or an administrator", body = Problem),
        (status = 409, description = "a stored invoice cannot be read", body = Problem),
        (status = 422, description = "`from` or `to` is no date, or the period ends before it starts", body = Problem)))]
async fn accounting_csv(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiQuery(period): ApiQuery<AccountingPeriod>,
) -> Result<Response, ApiError> {
    let csv = payments::accounting_csv(&s.app, &a, &period).await?;
    Ok(crate::pages::payments::csv_response(csv))
}

/// The invoice or credit note as a PDF in the customer's language: supplier and customer with
/// their ids, dates, variable symbol, lines, VAT per rate, totals, the bank account and the
/// payment QR code of the customer's country. The billing role and administrators, and the
/// customer invoiced (another organization's invoice is not found).
#[utoipa::path(get, path = "/api/v1/invoices/{id}/pdf", tag = "billing", params(("id" = i64, Path)),
    responses(
        (status = 200, description = "the PDF, as an attachment named by the invoice number", content_type = "application/pdf"),
        (status = 401, description = "no valid token", body = Problem),
        (status = 403, description = "staff without the billing role or administration", body = Problem),
        (status = 404, description = "no such invoice, or another organization's", body = Problem),
        (status = 409, description = "the stored invoice or its payment QR code cannot be written", body = Problem)))]
async fn invoice_pdf(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let (name, bytes) = payments::invoice_pdf(&s.app, &a, id).await?;
    Ok(pdf_response(&name, bytes))
}

/// A PDF download, cached by the browser only (it names an account).
pub(crate) fn pdf_response(name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, max-age=300".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// Mails the invoice to its customer (the organization's first contact with an address) or to
/// `to`, in the customer's language, with the PDF and the e-invoice attached (ISDOC for Czech
/// customers, KSeF FA from a Polish supplier, UBL otherwise), through the outbox. Issuing an
/// invoice mails it already; this sends it again. The billing role and administrators.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/send", tag = "billing", params(("id" = i64, Path)),
    request_body = SendInvoiceInput,
    responses(
        (status = 202, description = "queued in the outbox", body = InvoiceMail),
        (status = 401, description = "no valid token", body = Problem),
        (status = 403, description = "not the billing role or an administrator", body = Problem),
        (status = 404, description = "no such invoice", body = Problem),
        (status = 409, description = "nobody to send it to (no contact with an e-mail address), or the documents cannot be written", body = Problem),
        (status = 422, description = "`to` is not an e-mail address", body = Problem)))]
async fn send_invoice(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<SendInvoiceInput>,
) -> Result<(StatusCode, Json<InvoiceMail>), ApiError> {
    Ok((
        StatusCode::ACCEPTED,
        Json(payments::send_invoice(&s.app, &a, id, body).await?),
    ))
}
