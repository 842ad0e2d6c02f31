//! Payments: the supplier's account, payment requests and their QR codes, a ticket's
//! prepayment, bank statements (camt.053) and what their credits were matched to.

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, ApiQuery, Auth},
    problem::{ApiError, Problem},
};
use axum::{
    Json,
    body::Bytes,
    extract::State,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};
use podpora_app::{
    AppError,
    payments::{
        self, BankEntryView, CreditNoteInput, InvoiceFormat, InvoiceInput, InvoiceView,
        NewPaymentRequest, NewPrepayment, PaymentRequestView, Prepayment, StatementSummary,
        StatementView, Supplier,
    },
};
use serde::Deserialize;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_supplier, put_supplier))
        .routes(routes!(create_request, list_requests))
        .routes(routes!(get_request))
        .routes(routes!(qr_png))
        .routes(routes!(prepayment))
        .routes(routes!(import_statement, list_statements))
        .routes(routes!(get_statement))
        .routes(routes!(unmatched))
        .routes(routes!(issue_invoice))
        .routes(routes!(list_invoices))
        .routes(routes!(get_invoice))
        .routes(routes!(credit_note))
}

type Created<T> = (StatusCode, Json<T>);

/// Whose requests to list.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
struct OrgQuery {
    /// Only this organization's (staff); a customer always gets its own.
    organization_id: Option<i64>,
}

/// The supplier: name, address, company ids, the account customers pay into and the invoice
/// series (the billing role and administrators). 404 until it is set.
#[utoipa::path(get, path = "/api/v1/supplier", tag = "billing",
    responses((status = 200, description = "success", body = Supplier),
        (status = 404, description = "no supplier is set yet", body = Problem)))]
async fn get_supplier(
    State(s): State<AppState>,
    Auth(a): Auth,
) -> Result<Json<Supplier>, ApiError> {
    payments::get_supplier(&s.app.db, &a)
        .await?
        .map(Json)
        .ok_or_else(|| {
            AppError::NotFound("the supplier (set it with PUT /api/v1/supplier)".into()).into()
        })
}

/// Sets the supplier (the billing role and administrators); requests and invoices made later
/// use it, earlier ones keep what they were made with.
#[utoipa::path(put, path = "/api/v1/supplier", tag = "billing", request_body = Supplier,
    responses((status = 200, description = "stored", body = Supplier)))]
async fn put_supplier(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(body): ApiJson<Supplier>,
) -> Result<Json<Supplier>, ApiError> {
    Ok(Json(payments::put_supplier(&s.app.db, &a, body).await?))
}

/// Makes a payment request to an organization (the billing role and administrators): the
/// amount in minor units, a variable symbol of its own, due in the supplier's days.
#[utoipa::path(post, path = "/api/v1/payment-requests", tag = "billing", request_body = NewPaymentRequest,
    responses((status = 201, description = "made", body = PaymentRequestView)))]
async fn create_request(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiJson(body): ApiJson<NewPaymentRequest>,
) -> Result<Created<PaymentRequestView>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(payments::create_request(&s.app, &a, body).await?),
    ))
}

/// Payment requests, newest first: staff see all, a customer its organization's.
#[utoipa::path(get, path = "/api/v1/payment-requests", tag = "billing", params(OrgQuery),
    responses((status = 200, description = "success", body = Vec<PaymentRequestView>)))]
async fn list_requests(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiQuery(q): ApiQuery<OrgQuery>,
) -> Result<Json<Vec<PaymentRequestView>>, ApiError> {
    Ok(Json(
        payments::list_requests(&s.app, &a, q.organization_id).await?,
    ))
}

/// One payment request.
#[utoipa::path(get, path = "/api/v1/payment-requests/{id}", tag = "billing", params(("id" = i64, Path)),
    responses((status = 200, description = "success", body = PaymentRequestView)))]
async fn get_request(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<PaymentRequestView>, ApiError> {
    Ok(Json(payments::get_request(&s.app, &a, id).await?))
}

/// The request's QR code as a PNG: PAY by square for Slovak customers, SPAYD for Czech ones,
/// EPC for other euro payers; 409 where none applies (a Polish transfer in złoty).
#[utoipa::path(get, path = "/api/v1/payment-requests/{id}/qr.png", tag = "billing", params(("id" = i64, Path)),
    responses((status = 200, description = "the QR code", content_type = "image/png")))]
async fn qr_png(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let png = payments::qr_png(&s.app, &a, id).await?;
    Ok(png_response(png))
}

/// A PNG, cacheable by the browser only (it names an account).
fn png_response(png: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        png,
    )
        .into_response()
}

/// Asks for a prepayment before paid work starts: a payment request to the ticket's
/// organization, and the ticket waits for payment with its SLA clocks paused.
#[utoipa::path(post, path = "/api/v1/tickets/{number}/prepayment", tag = "billing", params(("number" = String, Path)),
    request_body = NewPrepayment, responses((status = 201, description = "asked", body = Prepayment)))]
async fn prepayment(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(number): ApiPath<String>,
    ApiJson(body): ApiJson<NewPrepayment>,
) -> Result<Created<Prepayment>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(payments::request_prepayment(&s.app, &a, &number, body).await?),
    ))
}

/// Imports a bank statement: the body is the camt.053 XML file (001.02 to 001.08), or the
/// Czech ABO/GPC text file (UTF-8 or Windows-1250), as the bank exports it. Each credit is matched to the open requests; paid prepayments let their tickets
/// resume. The same file imported again changes nothing (`unchanged`).
#[utoipa::path(post, path = "/api/v1/bank-statements", tag = "billing",
    request_body(content = String, content_type = "application/xml", description = "a camt.053 statement, or a GPC file"),
    responses((status = 201, description = "imported", body = StatementView),
        (status = 200, description = "imported before; nothing changed", body = StatementView),
        (status = 422, description = "not a camt.053 statement; nothing was imported", body = Problem)))]
async fn import_statement(
    State(s): State<AppState>,
    Auth(a): Auth,
    body: Bytes,
) -> Result<Created<StatementView>, ApiError> {
    let text = payments::statement_text(&body).ok_or_else(|| {
        AppError::field(
            "statement",
            "the file is not UTF-8 text: send the camt.053 XML or the GPC file as the bank exported it",
        )
    })?;
    let v = payments::import_statement(&s.app, &a, &text).await?;
    let status = if v.unchanged {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((status, Json(v)))
}

/// The latest imported statements.
#[utoipa::path(get, path = "/api/v1/bank-statements", tag = "billing",
    responses((status = 200, description = "success", body = Vec<StatementSummary>)))]
async fn list_statements(
    State(s): State<AppState>,
    Auth(a): Auth,
) -> Result<Json<Vec<StatementSummary>>, ApiError> {
    Ok(Json(payments::list_statements(&s.app, &a).await?))
}

/// One imported statement and what became of each credit.
#[utoipa::path(get, path = "/api/v1/bank-statements/{id}", tag = "billing", params(("id" = i64, Path)),
    responses((status = 200, description = "success", body = StatementView)))]
async fn get_statement(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<StatementView>, ApiError> {
    Ok(Json(payments::get_statement(&s.app, &a, id).await?))
}

/// Credits a person must decide about: partial, over, another currency, ambiguous, unknown.
#[utoipa::path(get, path = "/api/v1/bank-entries/unmatched", tag = "billing",
    responses((status = 200, description = "success", body = Vec<BankEntryView>)))]
async fn unmatched(
    State(s): State<AppState>,
    Auth(a): Auth,
) -> Result<Json<Vec<BankEntryView>>, ApiError> {
    Ok(Json(payments::unmatched_entries(&s.app, &a).await?))
}

/// Issues the invoice of an organization's month (the billing role and administrators): the
/// month's billed lines, VAT per rate, the next number of the supplier's series, and a payment
/// request for the total. An invoice never changes; a credit note takes it back.
#[utoipa::path(post, path = "/api/v1/organizations/{id}/invoices", tag = "billing", params(("id" = i64, Path)),
    request_body = InvoiceInput, responses((status = 201, description = "issued", body = InvoiceView)))]
async fn issue_invoice(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<InvoiceInput>,
) -> Result<Created<InvoiceView>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(payments::issue_month_invoice(&s.app, &a, id, body).await?),
    ))
}

/// Invoices and credit notes, newest first: staff see all, a customer its organization's.
#[utoipa::path(get, path = "/api/v1/invoices", tag = "billing", params(OrgQuery),
    responses((status = 200, description = "success", body = Vec<InvoiceView>)))]
async fn list_invoices(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiQuery(q): ApiQuery<OrgQuery>,
) -> Result<Json<Vec<InvoiceView>>, ApiError> {
    Ok(Json(
        payments::list_invoices(&s.app, &a, q.organization_id).await?,
    ))
}

/// One invoice: `/api/v1/invoices/12` as JSON, `12.isdoc` as ISDOC 6.0.2, `12.ubl.xml` as UBL
/// 2.1 (Peppol BIS Billing 3.0), `12.ksef.xml` as KSeF FA(3).
#[utoipa::path(get, path = "/api/v1/invoices/{id}", tag = "billing", params(("id" = String, Path)),
    responses((status = 200, description = "the invoice, or its e-invoice", body = InvoiceView)))]
async fn get_invoice(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(file): ApiPath<String>,
) -> Result<Response, ApiError> {
    let missing = || AppError::NotFound(format!("invoice {file}"));
    let (id, suffix) = match file.split_once('.') {
        Some((id, suffix)) => (id, Some(suffix)),
        None => (file.as_str(), None),
    };
    let id: i64 = id.parse().map_err(|_| missing())?;
    let Some(suffix) = suffix else {
        return Ok(Json(payments::get_invoice(&s.app, &a, id).await?).into_response());
    };
    let format = InvoiceFormat::from_suffix(suffix).ok_or_else(missing)?;
    let (name, xml) = payments::invoice_file(&s.app, &a, id, format).await?;
    let disposition = format!("attachment; filename=\"{name}\"");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/xml; charset=utf-8".to_string(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        xml,
    )
        .into_response())
}

/// Takes an invoice back in full with a credit note that refers to it (the billing role and
/// administrators); an invoice is credited once.
#[utoipa::path(post, path = "/api/v1/invoices/{id}/credit-note", tag = "billing", params(("id" = i64, Path)),
    request_body = CreditNoteInput, responses((status = 201, description = "issued", body = InvoiceView)))]
async fn credit_note(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<CreditNoteInput>,
) -> Result<Created<InvoiceView>, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(payments::credit_note(&s.app, &a, id, body).await?),
    ))
}
