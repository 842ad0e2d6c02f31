//! Payments on the web: the portal shows a customer its open payment requests with their QR
//! codes and its invoices with downloads; the workspace lets the billing role and
//! administrators upload a bank statement, see what each credit was matched to, what waits for
//! a person, and the invoices. Every page reads the payment use cases as the visitor, which
//! limit a customer to its own organization and the workspace pages to billing and
//! administrators.

use crate::AppState;
use crate::pages::desk::Staff;
use crate::pages::layout::{Page, csrf_refused, day, failed, message, money, not_found, tr};
use crate::pages::session::Visitor;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use podpora_app::payments::{
    self, BankEntryView, InvoiceFormat, InvoiceView, PaymentRequestView, StatementView,
};
use podpora_app::{Actor, AppError};
use podpora_core::Language;
use podpora_core::auth::Permission;
use podpora_render::Arg;
use serde::Serialize;

/// The portal's pages, behind the customer guard.
pub fn customer_routes() -> Router<AppState> {
    Router::new()
        .route("/portal/payments", get(portal))
        .route("/portal/payments/{id}/qr.png", get(portal_qr))
        .route("/portal/invoices/{file}", get(portal_invoice))
}

/// The workspace's pages, behind the staff guard and, for billing and administrators, the
/// payments permission.
pub fn staff_routes(state: AppState) -> Router<AppState> {
    let pages = Router::new()
        .route("/desk/payments", get(desk))
        .route(
            "/desk/payments/statements",
            axum::routing::post(desk_import),
        )
        .route("/desk/payments/statements/{id}", get(desk_statement))
        .route("/desk/invoices/{file}", get(desk_invoice))
        .route("/desk/payments/accounting.csv", get(desk_accounting));
    crate::pages::desk::needs(Permission::ManagePayments, state, pages)
}

#[derive(Serialize)]
struct RequestRow {
    amount: String,
    due: String,
    vs: String,
    account: String,
    message: String,
    status: String,
    ticket: String,
    qr: Option<String>,
    transfer_title: String,
}

#[derive(Serialize)]
struct InvoiceRow {
    number: String,
    kind: String,
    issued: String,
    total: String,
    pdf: String,
    isdoc: String,
    ubl: String,
}

#[derive(Serialize)]
struct PortalView {
    open: Vec<RequestRow>,
    invoices: Vec<InvoiceRow>,
}

fn request_row(state: &AppState, lang: Language, r: PaymentRequestView) -> RequestRow {
    RequestRow {
        amount: money(lang, &r.remaining),
        due: day(lang, &r.due_date),
        vs: r.variable_symbol.unwrap_or_default(),
        account: r
            .bic
            .map_or(r.iban.clone(), |b| format!("{} ({b})", r.iban)),
        message: r.message,
        status: tr(state, lang, &format!("pay-status-{}", r.status), &[]),
        ticket: r.ticket_number.unwrap_or_default(),
        qr: r
            .qr_standard
            .is_some()
            .then(|| format!("/portal/payments/{}/qr.png", r.id)),
        transfer_title: r.transfer_title,
    }
}

fn invoice_row(state: &AppState, lang: Language, i: InvoiceView, base: &str) -> InvoiceRow {
    let kind = if i.kind == "credit_note" {
        "pay-kind-credit-note"
    } else {
        "pay-kind-invoice"
    };
    InvoiceRow {
        kind: tr(state, lang, kind, &[]),
        issued: day(lang, &i.issued_on),
        total: money(lang, &i.total),
        pdf: format!("{base}/{}.pdf", i.id),
        isdoc: format!("{base}/{}.isdoc", i.id),
        ubl: format!("{base}/{}.ubl.xml", i.id),
        number: i.number,
    }
}

/// `GET /portal/payments`: what the customer's organization is asked to pay, and its invoices.
async fn portal(State(state): State<AppState>, v: Visitor) -> Response {
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    let (requests, invoices) = if actor.organization_scope().is_some() {
        let r = match payments::list_requests(&state.app, &actor, None).await {
            Ok(r) => r,
            Err(e) => return failed(&state, &v, &e),
        };
        let i = match payments::list_invoices(&state.app, &actor, None).await {
            Ok(i) => i,
            Err(e) => return failed(&state, &v, &e),
        };
        (r, i)
    } else {
        (Vec::new(), Vec::new())
    };
    let view = PortalView {
        open: requests
            .into_iter()
            .filter(|r| matches!(r.status.as_str(), "open" | "partial"))
            .map(|r| request_row(&state, v.lang, r))
            .collect(),
        invoices: invoices
            .into_iter()
            .map(|i| invoice_row(&state, v.lang, i, "/portal/invoices"))
            .collect(),
    };
    Page {
        template: "payments/portal",
        title: tr(&state, v.lang, "pay-portal-title", &[]),
        notice: None,
        view: &view,
        status: StatusCode::OK,
    }
    .render(&state, &v)
}

/// `GET /portal/payments/{id}/qr.png`: the QR code of one of the customer's requests.
async fn portal_qr(State(state): State<AppState>, v: Visitor, Path(id): Path<i64>) -> Response {
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    match payments::qr_png(&state.app, &actor, id).await {
        Ok(png) => (
            [
                (header::CONTENT_TYPE, "image/png"),
                (header::CACHE_CONTROL, "private, max-age=300"),
            ],
            png,
        )
            .into_response(),
        Err(_) => not_found(&state, &v),
    }
}

/// An invoice download: `12.pdf`, `12.isdoc` or `12.ubl.xml`, as `actor` may read it.
async fn invoice_download(state: &AppState, v: &Visitor, actor: &Actor, file: &str) -> Response {
    if let Some(id) = file.strip_suffix(".pdf") {
        let Ok(id) = id.parse::<i64>() else {
            return not_found(state, v);
        };
        return match payments::invoice_pdf(&state.app, actor, id).await {
            Ok((name, bytes)) => crate::api::pdf_response(&name, bytes),
            Err(AppError::NotFound(_) | AppError::Forbidden(_)) => not_found(state, v),
            Err(e) => failed(state, v, &e),
        };
    }
    let parsed = file.split_once('.').and_then(|(id, suffix)| {
        Some((id.parse::<i64>().ok()?, InvoiceFormat::from_suffix(suffix)?))
    });
    let Some((id, format)) = parsed else {
        return not_found(state, v);
    };
    match payments::invoice_file(&state.app, actor, id, format).await {
        Ok((name, xml)) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/xml; charset=utf-8".to_string(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
            ],
            xml,
        )
            .into_response(),
        Err(AppError::NotFound(_) | AppError::Forbidden(_)) => not_found(state, v),
        Err(e) => failed(state, v, &e),
    }
}

/// `GET /portal/invoices/{file}`.
async fn portal_invoice(
    State(state): State<AppState>,
    v: Visitor,
    Path(file): Path<String>,
) -> Response {
    let Some(actor) = v.customer.clone() else {
        return Redirect::to("/portal/sign-in").into_response();
    };
    invoice_download(&state, &v, &actor, &file).await
}

/// The workspace's answer to an agent whose roles do not allow payments.
pub(crate) fn guard_refused(state: &AppState, v: &Visitor) -> Response {
    message(
        state,
        v,
        StatusCode::FORBIDDEN,
        "desk-title-refused",
        "desk-refused",
    )
}

/// One action a person may choose for a credit, as the form's select offers it.
#[derive(Serialize)]
pub(crate) struct Choice {
    value: String,
    label: String,
    selected: bool,
}

/// A decision form sent back with what was typed and why it was refused, shown at its credit.
#[derive(Serialize, Default)]
pub(crate) struct DecisionForm {
    /// The credit the form was for.
    pub(crate) entry: i64,
    /// The field to correct (`action`, `payment_request_id`, `invoice_id`, `reason`).
    pub(crate) field: String,
    /// Why it was refused.
    pub(crate) message: String,
    pub(crate) action: String,
    pub(crate) payment_request_id: String,
    pub(crate) invoice_id: String,
    pub(crate) reason: String,
}

#[derive(Serialize)]
struct EntryRow {
    id: i64,
    actions: Vec<Choice>,
    can_assign: bool,
    decision: Option<String>,
    date: String,
    amount: String,
    payer: String,
    vs: String,
    text: String,
    outcome: String,
    difference: Option<String>,
    request: Option<i64>,
}

#[derive(Serialize)]
struct ResultView {
    statement_ids: String,
    unchanged: bool,
    already_imported: i64,
    entries: Vec<EntryRow>,
}

#[derive(Serialize)]
struct DeskView {
    decided: Option<String>,
    form: Option<DecisionForm>,
    error: Option<String>,
    result: Option<ResultView>,
    unmatched: Vec<EntryRow>,
    invoices: Vec<InvoiceRow>,
}

fn entry_row(state: &AppState, lang: Language, e: BankEntryView) -> EntryRow {
    EntryRow {
        id: e.id,
        can_assign: e.actions.iter().any(|a| a == "assign"),
        actions: e
            .actions
            .iter()
            .map(|a| Choice {
                label: tr(
                    state,
                    lang,
                    &format!("pay-action-{}", a.replace('_', "-")),
                    &[],
                ),
                value: a.clone(),
                selected: false,
            })
            .collect(),
        decision: e.decision.as_ref().map(|d| {
            tr(
                state,
                lang,
                &format!("pay-decision-{}", d.replace('_', "-")),
                &[],
            )
        }),
        date: day(lang, &e.booking_date),
        amount: money(lang, &e.amount),
        payer: e.counterparty.unwrap_or_default(),
        vs: e.variable_symbol.unwrap_or_default(),
        text: e.remittance,
        outcome: tr(state, lang, &format!("pay-outcome-{}", e.outcome), &[]),
        difference: (e.difference.amount_minor != 0).then(|| money(lang, &e.difference)),
        request: e.payment_request_id,
    }
}

fn result_view(state: &AppState, lang: Language, s: StatementView) -> ResultView {
    ResultView {
        statement_ids: s.statement_ids,
        unchanged: s.unchanged,
        already_imported: s.already_imported,
        entries: s
            .entries
            .into_iter()
            .map(|e| entry_row(state, lang, e))
            .collect(),
    }
}

/// What the workspace page shows besides its lists: an import's result or error, a decision
/// just made, or a decision form refused.
#[derive(Default)]
pub(crate) struct DeskExtras {
    /// An import's result.
    result: Option<ResultView>,
    /// Why an upload was refused.
    error: Option<String>,
    /// The notice after a decision.
    decided: Option<String>,
    /// A refused decision form.
    form: Option<DecisionForm>,
}

impl DeskExtras {
    /// The page with a refused decision form.
    pub(crate) fn refused(form: DecisionForm) -> Self {
        Self {
            form: Some(form),
            ..Self::default()
        }
    }

    /// The page with the notice of a decision just made.
    pub(crate) fn decided(notice: Option<String>) -> Self {
        Self {
            decided: notice,
            ..Self::default()
        }
    }
}

/// The workspace page with an import's result or error.
async fn desk_page(
    state: &AppState,
    v: &Visitor,
    actor: &Actor,
    result: Option<ResultView>,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let extras = DeskExtras {
        result,
        error,
        ..DeskExtras::default()
    };
    desk_page_with(state, v, actor, extras, status).await
}

/// The workspace page with `extras`.
pub(crate) async fn desk_page_with(
    state: &AppState,
    v: &Visitor,
    actor: &Actor,
    extras: DeskExtras,
    status: StatusCode,
) -> Response {
    let DeskExtras {
        result,
        error,
        decided,
        form,
    } = extras;
    let unmatched = match payments::unmatched_entries(&state.app, actor).await {
        Ok(u) => u,
        Err(AppError::Forbidden(_)) => return guard_refused(state, v),
        Err(e) => return failed(state, v, &e),
    };
    let invoices = match payments::list_invoices(&state.app, actor, None).await {
        Ok(i) => i,
        Err(e) => return failed(state, v, &e),
    };
    let mut unmatched: Vec<EntryRow> = unmatched
        .into_iter()
        .map(|e| entry_row(state, v.lang, e))
        .collect();
    // A refused form keeps the action that was chosen.
    if let Some(f) = &form
        && let Some(row) = unmatched.iter_mut().find(|r| r.id == f.entry)
    {
        for c in &mut row.actions {
            c.selected = c.value == f.action;
        }
    }
    let view = DeskView {
        decided,
        form,
        error,
        result,
        unmatched,
        invoices: invoices
            .into_iter()
            .map(|i| invoice_row(state, v.lang, i, "/desk/invoices"))
            .collect(),
    };
    Page {
        template: "payments/desk",
        title: tr(state, v.lang, "pay-desk-title", &[]),
        notice: None,
        view: &view,
        status,
    }
    .render(state, v)
}

/// `GET /desk/payments`.
async fn desk(State(state): State<AppState>, v: Visitor, Staff(s): Staff) -> Response {
    desk_page(&state, &v, &s.actor, None, None, StatusCode::OK).await
}

/// Whether the statement shown was just uploaded again.
#[derive(serde::Deserialize)]
struct Again {
    unchanged: Option<String>,
}

/// `GET /desk/payments/statements/{id}`: what an import did (`?unchanged=1`: the file had been
/// imported before, so this upload changed nothing).
async fn desk_statement(
    State(state): State<AppState>,
    v: Visitor,
    Staff(s): Staff,
    Path(id): Path<i64>,
    Query(q): Query<Again>,
) -> Response {
    match payments::get_statement(&state.app, &s.actor, id).await {
        Ok(mut st) => {
            st.unchanged = q.unchanged.is_some();
            let r = result_view(&state, v.lang, st);
            desk_page(&state, &v, &s.actor, Some(r), None, StatusCode::OK).await
        }
        Err(AppError::Forbidden(_)) => guard_refused(&state, &v),
        Err(_) => not_found(&state, &v),
    }
}

/// `POST /desk/payments/statements`: a camt.053 file uploaded; its result is shown at its own
/// address, so reloading does not post it again. A file that cannot be read is explained on
/// the page.
async fn desk_import(
    State(state): State<AppState>,
    v: Visitor,
    Staff(s): Staff,
    mut mp: Multipart,
) -> Response {
    let (mut csrf, mut file) = (String::new(), Vec::new());
    // A form that breaks off is read as far as it goes; the CSRF check and the empty-file
    // message then answer it.
    while let Ok(Some(field)) = mp.next_field().await {
        let name = field.name().unwrap_or("").to_string();
        let Ok(bytes) = field.bytes().await else {
            break;
        };
        match name.as_str() {
            "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
            "file" => file = bytes.to_vec(),
            _ => {}
        }
    }
    if !v.csrf_ok(&csrf) {
        return csrf_refused(&state, &v);
    }
    let refused = |text: String| {
        let (state, v, actor) = (&state, &v, &s.actor);
        async move {
            desk_page(
                state,
                v,
                actor,
                None,
                Some(text),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    let Some(xml) = payments::statement_text(&file) else {
        return refused(tr(&state, v.lang, "pay-desk-not-text", &[])).await;
    };
    if xml.trim().is_empty() {
        return refused(tr(&state, v.lang, "pay-desk-no-file", &[])).await;
    }
    match payments::import_statement(&state.app, &s.actor, &xml).await {
        Ok(st) => {
            let again = if st.unchanged { "?unchanged=1" } else { "" };
            Redirect::to(&format!("/desk/payments/statements/{}{again}", st.id)).into_response()
        }
        Err(AppError::Forbidden(_)) => guard_refused(&state, &v),
        Err(AppError::Validation(e)) => {
            let text = e
                .errors
                .iter()
                .map(|f| f.message.clone())
                .collect::<Vec<_>>()
                .join("; ");
            refused(tr(
                &state,
                v.lang,
                "pay-desk-unreadable",
                &[("reason", Arg::from(text))],
            ))
            .await
        }
        Err(e) => failed(&state, &v, &e),
    }
}

/// `GET /desk/invoices/{file}`.
async fn desk_invoice(
    State(state): State<AppState>,
    v: Visitor,
    Staff(s): Staff,
    Path(file): Path<String>,
) -> Response {
    invoice_download(&state, &v, &s.actor, &file).await
}

/// `GET /desk/payments/accounting.csv?from=…&to=…`: the invoices and credit notes issued in the
/// period as CSV for the accounting program.
async fn desk_accounting(
    State(state): State<AppState>,
    v: Visitor,
    Staff(s): Staff,
    Query(period): Query<podpora_app::payments::AccountingPeriod>,
) -> Response {
    match podpora_app::payments::accounting_csv(&state.app, &s.actor, &period).await {
        Ok(csv) => csv_response(csv),
        Err(e) => failed(&state, &v, &e),
    }
}

/// A CSV download named for the accounting export.
pub(crate) fn csv_response(csv: String) -> Response {
    csv_named("invoices.csv", csv)
}

/// A CSV download named `name`.
pub(crate) fn csv_named(name: &str, csv: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        csv,
    )
        .into_response()
}
