//! A person's decision on a credit matching could not settle: an unknown or ambiguous credit
//! is assigned to a payment request (or an invoice's), refunded or ignored with a reason; a
//! partial payment is accepted with the rest still due, or refunded; an overpayment is kept as
//! the customer's credit or its excess refunded; a refund due is marked returned once sent.
//!
//! Assigning a credit does what a matched payment does: the request receives the money, and a
//! prepayment paid in full lets its ticket resume. Every decision is in the audit history, and
//! a credit is decided once (a refund due once more, when it is returned).

use super::statements::{BankEntryView, entry_view, resume_ticket};
use super::*;
use crate::error::{MissingRef, NotFoundAs};
use crate::{App, audit, now_ms};
use podpora_billing::Money;
use podpora_store::repo;
use podpora_store::repo::payments::BankEntryRow;
use serde::Deserialize;

/// What a person decided about a credit.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    /// `assign` (to `payment_request_id` or `invoice_id`; an unknown or ambiguous credit),
    /// `accept_partial` (a partial payment; the rest stays due), `keep_credit` (an
    /// overpayment stays as the customer's credit), `refund` (the money, or an overpayment's
    /// excess, is to be sent back), `returned` (a refund due was sent), `ignore` (with a
    /// `reason`).
    pub action: String,
    /// The request an `assign`ed credit pays.
    #[serde(default)]
    pub payment_request_id: Option<i64>,
    /// The invoice an `assign`ed credit pays (its payment request).
    #[serde(default)]
    pub invoice_id: Option<i64>,
    /// Why: required to `ignore`, kept with every other decision.
    #[serde(default)]
    pub reason: Option<String>,
}

/// The actions open to a credit with `outcome` and `decision`, in the order the workspace
/// offers them.
pub fn actions_for(outcome: &str, decision: Option<&str>) -> &'static [&'static str] {
    match (decision, outcome) {
        (Some("refund_due"), _) => &["returned"],
        (Some(_), _) | (None, "paid") => &[],
        (None, "partial") => &["accept_partial", "refund", "ignore"],
        (None, "over") => &["keep_credit", "refund", "ignore"],
        (None, "currency") => &["refund", "ignore"],
        (None, _) => &["assign", "refund", "ignore"],
    }
}

const ACTIONS: [&str; 6] = [
    "assign",
    "accept_partial",
    "keep_credit",
    "refund",
    "returned",
    "ignore",
];

/// Why an action does not fit a credit, in words for the person who chose it.
fn not_for(action: &str, e: &BankEntryRow) -> String {
    let what = match e.outcome.as_str() {
        "partial" => "a partial payment",
        "over" => "an overpayment",
        "currency" => "a credit in another currency than its request",
        "paid" => "a matched payment",
        _ => "a credit that fits no request",
    };
    match (action, e.decision.as_deref()) {
        (_, Some("refund_due")) => {
            "a refund is due for this credit: mark it returned once the money is sent back".into()
        }
        (_, Some(d)) => format!("this credit was decided already ({d})"),
        ("assign", _) if e.outcome == "currency" => {
            "the credit is in another currency than its request: refund it or ignore it".into()
        }
        ("assign", _) => format!(
            "{what} is already counted on its request; accept it, keep the credit or refund it"
        ),
        ("returned", _) => "no refund is due for this credit: choose refund first".into(),
        _ => format!("{action} is not open to {what}"),
    }
}

/// Records a decision on credit `id` (the billing role and administrators); the credit as it is
/// now. A refusal names the field to correct and changes nothing.
pub async fn decide_entry(
    app: &App,
    actor: &Actor,
    id: i64,
    input: DecisionInput,
) -> Result<BankEntryView> {
    require_billing(actor)?;
    let action = input.action.trim();
    if !ACTIONS.contains(&action) {
        return Err(AppError::field(
            "action",
            format!("choose one of {}", ACTIONS.join(", ")),
        ));
    }
    let reason = input
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if let Some(r) = reason
        && r.chars().count() > 500
    {
        return Err(AppError::field("reason", "at most 500 characters"));
    }
    if action == "ignore" && reason.is_none() {
        return Err(AppError::field(
            "reason",
            "say why the credit is ignored (e.g. a transfer between own accounts)",
        ));
    }
    let mut tx = app.db.begin().await?;
    let e = repo::payments::entry(&mut tx, id)
        .await
        .not_found(|| format!("bank entry {id}"))?;
    if !actions_for(&e.outcome, e.decision.as_deref()).contains(&action) {
        return Err(AppError::field("action", not_for(action, &e)));
    }
    let now = now_ms();
    let credit = stored_money(e.amount_minor, &e.currency)?;
    let mut request = None;
    let decision = match action {
        "assign" => {
            request = Some(assign(app, &mut tx, actor, &e, credit, &input, now).await?);
            "assigned"
        }
        "accept_partial" => "partial_accepted",
        "keep_credit" => "credit_kept",
        "refund" => {
            if e.outcome == "partial" {
                take_back(&mut tx, actor, &e, credit, now).await?;
            }
            "refund_due"
        }
        "returned" => "returned",
        _ => "ignored",
    };
    let won = repo::payments::decide_entry(
        &mut tx,
        id,
        e.decision.as_deref(),
        decision,
        reason,
        request,
        &actor.audit_name(),
        now,
    )
    .await?;
    if !won {
        return Err(AppError::Conflict(format!(
            "bank entry {id} was decided by someone else meanwhile; reload it"
        )));
    }
    let mut changes = vec![("decision", e.decision.clone(), Some(decision.to_string()))];
    if let Some(r) = request {
        changes.push((
            "payment_request",
            audit::opt(&e.payment_request_id),
            Some(r.to_string()),
        ));
    }
    audit::changed(&mut tx, "bank_entry", id, actor, now, changes, reason).await?;
    let out = entry_view(repo::payments::entry(&mut tx, id).await?)?;
    tx.commit().await?;
    Ok(out)
}

/// Credits `e` to the chosen request as if matching had found it; the request's id.
async fn assign(
    app: &App,
    tx: &mut podpora_store::Tx<'_>,
    actor: &Actor,
    e: &BankEntryRow,
    credit: Money,
    input: &DecisionInput,
    now: i64,
) -> Result<i64> {
    let id = match (input.payment_request_id, input.invoice_id) {
        (Some(r), None) => r,
        (None, Some(inv)) => {
            repo::payments::invoice(tx, inv)
                .await
                .missing_ref("invoice_id", "invoice", inv)?;
            repo::payments::request_of_invoice(tx, inv)
                .await?
                .ok_or_else(|| {
                    AppError::field(
                        "invoice_id",
                        format!("invoice {inv} has no payment request to pay"),
                    )
                })?
        }
        (Some(_), Some(_)) => {
            return Err(AppError::field(
                "payment_request_id",
                "give a payment request or an invoice, not both",
            ));
        }
        (None, None) => {
            return Err(AppError::field(
                "payment_request_id",
                "which payment request (or invoice) does the credit pay?",
            ));
        }
    };
    let r = repo::payments::request(tx, id).await.missing_ref(
        "payment_request_id",
        "payment-request",
        id,
    )?;
    if !matches!(r.status.as_str(), "open" | "partial") {
        return Err(AppError::field(
            "payment_request_id",
            format!(
                "payment request {id} is {} already; choose an open one or refund the credit",
                r.status
            ),
        ));
    }
    if r.currency != e.currency {
        return Err(AppError::field(
            "payment_request_id",
            format!(
                "payment request {id} asks for {}, the credit is in {}",
                r.currency, e.currency
            ),
        ));
    }
    let total = r.received_minor.saturating_add(credit.minor());
    let status = match total.cmp(&r.amount_minor) {
        std::cmp::Ordering::Less => "partial",
        std::cmp::Ordering::Equal => "paid",
        std::cmp::Ordering::Greater => "over",
    };
    let paid_at = (status != "partial").then_some(now);
    repo::payments::set_received(tx, id, total, status, paid_at, now).await?;
    let reason = format!("bank entry {} assigned by a person", e.id);
    audit::changed(
        tx,
        "payment_request",
        id,
        actor,
        now,
        vec![
            (
                "received",
                Some(r.received_minor.to_string()),
                Some(total.to_string()),
            ),
            ("status", Some(r.status.clone()), Some(status.to_string())),
        ],
        Some(&reason),
    )
    .await?;
    if let (Some(ticket_id), Some(_)) = (r.ticket_id, paid_at) {
        resume_ticket(app, tx, actor, ticket_id, &r, credit, now).await?;
    }
    Ok(id)
}

/// A partial payment to be sent back no longer counts on its request.
async fn take_back(
    tx: &mut podpora_store::Tx<'_>,
    actor: &Actor,
    e: &BankEntryRow,
    credit: Money,
    now: i64,
) -> Result<()> {
    let Some(id) = e.payment_request_id else {
        return Ok(());
    };
    let r = repo::payments::request(tx, id).await?;
    let total = r.received_minor.saturating_sub(credit.minor()).max(0);
    let status = match total.cmp(&r.amount_minor) {
        _ if total == 0 => "open",
        std::cmp::Ordering::Less => "partial",
        std::cmp::Ordering::Equal => "paid",
        std::cmp::Ordering::Greater => "over",
    };
    repo::payments::set_received(tx, id, total, status, None, now).await?;
    let reason = format!("bank entry {} to be refunded", e.id);
    audit::changed(
        tx,
        "payment_request",
        id,
        actor,
        now,
        vec![
            (
                "received",
                Some(r.received_minor.to_string()),
                Some(total.to_string()),
            ),
            ("status", Some(r.status.clone()), Some(status.to_string())),
        ],
        Some(&reason),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::actions_for;

    #[test]
    fn each_kind_of_credit_offers_its_own_actions() {
        assert_eq!(actions_for("unknown", None), ["assign", "refund", "ignore"]);
        assert_eq!(
            actions_for("ambiguous", None),
            ["assign", "refund", "ignore"]
        );
        assert_eq!(
            actions_for("partial", None),
            ["accept_partial", "refund", "ignore"]
        );
        assert_eq!(
            actions_for("over", None),
            ["keep_credit", "refund", "ignore"]
        );
        assert_eq!(actions_for("currency", None), ["refund", "ignore"]);
        assert!(actions_for("paid", None).is_empty());
        assert_eq!(actions_for("unknown", Some("refund_due")), ["returned"]);
        for done in [
            "assigned",
            "partial_accepted",
            "credit_kept",
            "returned",
            "ignored",
        ] {
            assert!(actions_for("unknown", Some(done)).is_empty(), "{done}");
        }
    }
}
