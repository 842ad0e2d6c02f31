//! Reading payment requests: one, a list, and the QR code the payer's bank app reads.

use super::*;

/// One request: the billing role and administrators, and the organization asked to pay.
pub async fn get_request(app: &App, actor: &Actor, id: i64) -> Result<PaymentRequestView> {
    staff_gate(actor)?;
    let mut tx = app.db.read().await?;
    let r = repo::payments::request(&mut tx, id)
        .await
        .not_found(|| format!("payment request {id}"))?;
    require_reader(actor, r.organization_id)
        .map_err(|_| AppError::NotFound(format!("payment request {id}")))?;
    view(&mut tx, r).await
}

/// Requests, newest first: staff see every one (or one organization's), a customer its own.
pub async fn list_requests(
    app: &App,
    actor: &Actor,
    organization_id: Option<i64>,
) -> Result<Vec<PaymentRequestView>> {
    let org = if actor.is_customer() {
        let mine = actor.organization_scope();
        require_reader(actor, mine)?;
        mine
    } else {
        require_billing(actor)?;
        organization_id
    };
    let mut tx = app.db.read().await?;
    let rows = repo::payments::list_requests(&mut tx, org, 500).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(view(&mut tx, r).await?);
    }
    Ok(out)
}

/// The QR code of a request as a PNG, in its payer's country's standard. A request with no
/// QR standard (a Polish transfer in złoty) is a conflict that says to use the transfer title.
pub async fn qr_png(app: &App, actor: &Actor, id: i64) -> Result<Vec<u8>> {
    staff_gate(actor)?;
    let mut tx = app.db.read().await?;
    let r = repo::payments::request(&mut tx, id)
        .await
        .not_found(|| format!("payment request {id}"))?;
    require_reader(actor, r.organization_id)
        .map_err(|_| AppError::NotFound(format!("payment request {id}")))?;
    let request = domain(&r)?;
    let country = payer_country(&mut tx, &r).await?;
    let Some(standard) = qr_standard(&country, request.amount.currency()) else {
        return Err(AppError::Conflict(format!(
            "no payment QR code applies to {} from {country}: pay by transfer titled {:?}",
            request.amount.currency(),
            request.transfer_title()
        )));
    };
    qr::request_png(standard, &request)
        .map_err(|e| AppError::Conflict(format!("the QR code cannot be made: {e}")))
}
