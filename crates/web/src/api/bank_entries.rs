//! What a person decides about a credit matching could not settle, and the received payments
//! as CSV for the accounting program.

use crate::{
    AppState,
    extract::{ApiJson, ApiPath, ApiQuery, Auth},
    problem::{ApiError, Problem},
};
use axum::{Json, extract::State, response::Response};
use podpora_app::payments::{self, AccountingPeriod, BankEntryView, DecisionInput};
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(decide))
        .routes(routes!(payments_csv))
}

/// Decides about a credit of an imported statement (the billing role and administrators):
/// `assign` an unknown or ambiguous credit to a payment request (`payment_request_id`) or an
/// invoice (`invoice_id`), with the effect of a matched payment (a prepayment paid in full lets
/// its ticket resume); `accept_partial` a partial payment (the rest stays due); `keep_credit`
/// of an overpayment; `refund` (then `returned` once sent); `ignore` with a `reason`. The
/// actions open to a credit are in its `actions`.
#[utoipa::path(post, path = "/api/v1/bank-entries/{id}/decision", tag = "billing",
    params(("id" = i64, Path)), request_body = DecisionInput,
    responses(
        (status = 200, description = "decided; the credit as it is now", body = BankEntryView),
        (status = 401, description = "no valid token", body = Problem),
        (status = 403, description = "not the billing role or an administrator", body = Problem),
        (status = 404, description = "no such credit", body = Problem),
        (status = 409, description = "someone else decided meanwhile", body = Problem),
        (status = 422, description = "an action not open to this credit, or a missing or wrong field; nothing changed", body = Problem)))]
async fn decide(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<DecisionInput>,
) -> Result<Json<BankEntryView>, ApiError> {
    Ok(Json(payments::decide_entry(&s.app, &a, id, body).await?))
}

/// The payments received in a period (booking dates from `from` to `to`, both included; either
/// end open) as CSV for the accounting program: one row per credit of the imported statements
/// with its date, amount, currency, references and payer; `matched` says whether it paid a
/// document (`payment_request`, `invoice`, `ticket`), `no` flags the ones that paid nothing
/// known (unknown, ambiguous, refunded, ignored or still waiting for a person). The billing role
/// and administrators.
#[utoipa::path(get, path = "/api/v1/accounting/payments.csv", tag = "billing", params(AccountingPeriod),
    responses(
        (status = 200, description = "the CSV (RFC 4180, UTF-8)", content_type = "text/csv"),
        (status = 400, description = "a query parameter that cannot be read", body = Problem),
        (status = 401, description = "no valid token", body = Problem),
        (status = 403, description = "not the billing role or an administrator", body = Problem),
        (status = 422, description = "`from` or `to` is no date, or the period ends before it starts", body = Problem)))]
async fn payments_csv(
    State(s): State<AppState>,
    Auth(a): Auth,
    ApiQuery(period): ApiQuery<AccountingPeriod>,
) -> Result<Response, ApiError> {
    let csv = payments::payments_csv(&s.app, &a, &period).await?;
    Ok(crate::pages::payments::csv_named("payments.csv", csv))
}
