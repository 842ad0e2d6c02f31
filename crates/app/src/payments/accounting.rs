//! The export for accounting: the invoices and credit notes issued in a period as CSV, so that
//! the accounting program books them instead of someone retyping them.
//!
//! One row per document and VAT rate (accounting programs book VAT per rate), the document's
//! totals repeated on each of its rows. Comma-separated (RFC 4180), UTF-8, dates `YYYY-MM-DD`,
//! amounts with a decimal point and no grouping, in the document's currency. A credit note's
//! amounts are negative: it takes back what the invoice it corrects charged.

use super::invoice_reads::document;
use super::*;
use crate::App;
use jiff::civil::Date;
use podpora_core::ValidationError;
use podpora_invoicing::DocumentKind;
use podpora_store::repo;

/// The columns, in order.
const HEADER: [&str; 20] = [
    "number",
    "kind",
    "corrects",
    "issue_date",
    "supply_date",
    "due_date",
    "customer",
    "customer_ico",
    "customer_dic",
    "customer_vat_id",
    "customer_nip",
    "currency",
    "vat_rate",
    "base",
    "vat",
    "document_net",
    "document_vat",
    "document_total",
    "variable_symbol",
    "period",
];

/// The period to export: issue dates from `from` to `to`, both included; either end open.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountingPeriod {
    /// First issue date, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last issue date, `YYYY-MM-DD`.
    pub to: Option<String>,
}

pub(super) fn date(field: &str, value: Option<&str>, open: &str) -> Result<String> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(open.to_string());
    };
    v.parse::<Date>().map(|d| d.to_string()).map_err(|_| {
        AppError::Validation(ValidationError::field(
            field,
            format!("`{v}` is not a date: write it as YYYY-MM-DD, e.g. 2026-11-30"),
        ))
    })
}

/// Minor units as a decimal amount, `-1234.50`.
pub(super) fn amount(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let a = minor.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// A rate in basis points as a percentage, `23` or `5.5`.
fn rate(basis_points: u32) -> String {
    let (whole, frac) = (basis_points / 100, basis_points % 100);
    if frac == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{frac:02}")
            .trim_end_matches('0')
            .to_string()
    }
}

/// The invoices and credit notes issued in `period` as CSV (the billing role and
/// administrators).
pub async fn accounting_csv(app: &App, actor: &Actor, period: &AccountingPeriod) -> Result<String> {
    require_billing(actor)?;
    let from = date("from", period.from.as_deref(), "0000-01-01")?;
    let to = date("to", period.to.as_deref(), "9999-12-31")?;
    if from > to {
        return Err(AppError::Validation(ValidationError::field(
            "to",
            format!("{to} is before {from}: the period must end on or after its first day"),
        )));
    }
    let mut tx = app.db.read().await?;
    let rows = repo::payments::invoices_issued(&mut tx, &from, &to).await?;
    drop(tx);
    let mut out = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| AppError::Io(std::io::Error::other(e));
    out.write_record(HEADER).map_err(io)?;
    for r in &rows {
        let inv = document(r)?;
        let d = inv.content();
        let t = inv.totals();
        let (kind, corrects, sign) = match &d.kind {
            DocumentKind::Invoice => ("invoice", String::new(), 1),
            DocumentKind::CreditNote { corrects, .. } => ("credit_note", corrects.clone(), -1),
        };
        let ids = &d.customer.ids;
        let text = |o: Option<&str>| o.unwrap_or_default().to_string();
        let vs = d
            .payment
            .as_ref()
            .and_then(|p| p.variable_symbol.as_ref())
            .map(|v| v.as_str().to_string())
            .unwrap_or_default();
        for line in &t.vat.by_rate {
            out.write_record([
                r.number.clone(),
                kind.to_string(),
                corrects.clone(),
                d.issue_date.to_string(),
                d.supply_date.to_string(),
                d.due_date.to_string(),
                d.customer.name.clone(),
                text(ids.ico.as_ref().map(|i| i.as_str())),
                text(ids.sk_tax_number.as_ref().map(|i| i.as_str())),
                text(ids.vat_id.as_ref().map(|i| i.as_str())),
                text(ids.nip.as_ref().map(|i| i.as_str())),
                d.currency.code().to_string(),
                rate(line.rate.0),
                amount(sign * line.base.minor()),
                amount(sign * line.vat.minor()),
                amount(sign * t.vat.net.minor()),
                amount(sign * t.vat.vat.minor()),
                amount(sign * t.vat.total.minor()),
                vs.clone(),
                r.period.clone().unwrap_or_default(),
            ])
            .map_err(io)?;
        }
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::Io(std::io::Error::other(e.to_string())))?;
    String::from_utf8(bytes).map_err(|e| AppError::Io(std::io::Error::other(e)))
}

#[cfg(test)]
mod tests {
    use super::{amount, rate};

    #[test]
    fn amounts_and_rates_are_written_for_machines() {
        assert_eq!(amount(24_600), "246.00");
        assert_eq!(amount(-5), "-0.05");
        assert_eq!(amount(0), "0.00");
        assert_eq!(rate(2300), "23");
        assert_eq!(rate(550), "5.5");
        assert_eq!(rate(1250), "12.5");
        assert_eq!(rate(0), "0");
    }
}
