//! Invoices issued from an organization's month, numbered without gaps per series (the
//! supplier's prefix) and year, stored as issued and never changed; a credit note takes one
//! back in full and refers to it. The e-invoices (ISDOC, UBL/Peppol, KSeF) are written from the
//! stored document, so every download of one invoice is the same file.

use super::*;
use crate::billing::month_charges::month_charges;
use crate::error::NotFoundAs;
use crate::{App, audit, now_ms};
use jiff::civil::Date;
use podpora_billing::standard_rate;
use podpora_core::{Ico, Nip, ValidationError, VatId, text};
use podpora_invoicing::{
    Address, DocumentKind, Draft, ExchangeRate, Invoice, InvoiceNumber, Line, Party, PartyIds,
    PaymentDetails, Series, issue, national_currency,
};
use podpora_payments::VariableSymbol;
use podpora_render::Arg;
use podpora_store::repo::payments::InvoiceRow;
use podpora_store::rows::OrganizationRow;
use podpora_store::{Tx, repo};
use serde::Deserialize;

use super::invoice_reads::{document, full_view};

/// Digits of an invoice's sequence: `202600001`.
const DIGITS: u8 = 5;

/// The month to invoice.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvoiceInput {
    /// `YYYY-MM`, in the customer's time zone.
    pub month: String,
    /// For an invoice in another currency than the supplier's national one (e.g. EUR of a Czech
    /// supplier): national units for one unit of the invoice's currency, as the national bank
    /// published it for the date of supply, e.g. `"24.335"`. Required then, refused otherwise.
    #[serde(default)]
    pub exchange_rate: Option<String>,
    /// The day the rate is of, `YYYY-MM-DD`; the date of supply when absent.
    #[serde(default)]
    pub exchange_rate_date: Option<String>,
    /// Who published the rate; the national bank (ČNB, NBP, ECB) when absent.
    #[serde(default)]
    pub exchange_rate_source: Option<String>,
}

/// The rate an invoice in `currency` needs to the supplier's national currency, from the
/// input: none for an invoice in the national currency, a field error when one is missing,
/// unreadable or not needed.
fn exchange_rate(
    input: &InvoiceInput,
    vat_country: podpora_billing::VatCountry,
    currency: podpora_billing::Currency,
    supply_date: Date,
) -> Result<Option<ExchangeRate>> {
    let national = national_currency(vat_country);
    let given = opt(&input.exchange_rate);
    if currency == national {
        return match given {
            Some(_) => Err(AppError::field(
                "exchange_rate",
                format!(
                    "the invoice is in {national}, the supplier's national currency: leave the exchange rate out"
                ),
            )),
            None => Ok(None),
        };
    }
    let Some(text) = given else {
        return Err(AppError::field(
            "exchange_rate",
            format!(
                "the invoice is in {currency}, so its VAT must also be stated in {national}: enter the national bank's {currency}/{national} rate for the date of supply {supply_date}, e.g. \"exchange_rate\": \"24.335\""
            ),
        ));
    };
    let date = match opt(&input.exchange_rate_date) {
        Some(d) => d.parse::<Date>().map_err(|_| {
            AppError::field("exchange_rate_date", "a date YYYY-MM-DD, e.g. 2026-11-30")
        })?,
        None => supply_date,
    };
    let source = opt(&input.exchange_rate_source)
        .map(str::to_string)
        .unwrap_or_else(|| {
            match vat_country {
                podpora_billing::VatCountry::CZ => "ČNB",
                podpora_billing::VatCountry::PL => "NBP",
                podpora_billing::VatCountry::SK => "ECB",
            }
            .to_string()
        });
    if source.chars().count() > 40 {
        return Err(AppError::field(
            "exchange_rate_source",
            "at most 40 characters",
        ));
    }
    ExchangeRate::parse(text, currency, national, date, &source)
        .map(Some)
        .map_err(|e| AppError::field("exchange_rate", e.to_string()))
}

/// Why an invoice is taken back.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditNoteInput {
    /// The reason, printed on the credit note as the law asks.
    pub reason: String,
}

fn opt(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A one-line address, `street, postal code city`, split into its parts; a line without a
/// comma is all street.
fn split_address(line: &str) -> (String, String, String) {
    let Some((street, rest)) = line.rsplit_once(',') else {
        return (line.trim().to_string(), String::new(), String::new());
    };
    let rest = rest.trim();
    // The postal code is the leading run of digits and spaces (SK/CZ `040 01`, PL `00-950`).
    let split = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ' ' || *c == '-'))
        .map_or(rest.len(), |(i, _)| i);
    let (zip, city) = rest.split_at(split);
    (
        street.trim().to_string(),
        zip.trim().to_string(),
        city.trim().to_string(),
    )
}

/// The customer as an invoice's party.
fn customer_party(o: &OrganizationRow) -> Party {
    let (street, postal_code, city) = split_address(o.address.as_deref().unwrap_or(""));
    Party {
        name: o.name.clone(),
        address: Address {
            street,
            city,
            postal_code,
            country: o.country.clone(),
        },
        ids: PartyIds {
            ico: opt(&o.ico).and_then(|i| Ico::parse(i).ok()),
            sk_tax_number: None,
            nip: opt(&o.nip).and_then(|n| Nip::parse(n).ok()),
            vat_id: opt(&o.vat_id).and_then(|v| VatId::parse(v).ok()),
        },
        email: None,
    }
}

fn today() -> Date {
    jiff::Zoned::now()
        .with_time_zone(crate::billing::zone_of_country("SK"))
        .date()
}

/// The next number of the supplier's series this year, read in the writing transaction.
async fn next_number(tx: &mut Tx<'_>, prefix: &str, year: i16) -> Result<InvoiceNumber> {
    let series = Series {
        prefix: prefix.to_string(),
        year,
        digits: DIGITS,
    };
    let last = repo::payments::last_sequence(tx, prefix, i64::from(year)).await?;
    let last = u32::try_from(last)
        .ok()
        .filter(|l| *l > 0)
        .map(|sequence| InvoiceNumber {
            series: series.clone(),
            sequence,
        });
    series
        .next(last.as_ref())
        .map_err(|e| AppError::Conflict(format!("the invoice series: {e}")))
}

/// Writes an issued document; its row.
#[allow(clippy::too_many_arguments)]
async fn store(
    tx: &mut Tx<'_>,
    invoice: &Invoice,
    kind: &str,
    corrects_id: Option<i64>,
    organization_id: i64,
    period: Option<String>,
    actor: &Actor,
    now: i64,
) -> Result<InvoiceRow> {
    let n = invoice.number();
    let d = invoice.content();
    let t = &invoice.totals().vat;
    let mut row = InvoiceRow {
        id: 0,
        prefix: n.series.prefix.clone(),
        year: i64::from(n.series.year),
        sequence: i64::from(n.sequence),
        number: n.to_string(),
        kind: kind.into(),
        corrects_id,
        organization_id,
        period,
        issued_on: d.issue_date.to_string(),
        due_on: d.due_date.to_string(),
        currency: d.currency.code().into(),
        net_minor: t.net.minor(),
        vat_minor: t.vat.minor(),
        total_minor: t.total.minor(),
        document: serde_json::to_string(invoice)
            .map_err(|e| AppError::Conflict(format!("the invoice cannot be stored: {e}")))?,
        created_by: actor.audit_name(),
        created_at: now,
    };
    row.id = repo::payments::insert_invoice(tx, &row).await?;
    audit::created(
        tx,
        "invoice",
        row.id,
        actor,
        now,
        format!("{kind} {} of {}", row.number, t.total),
    )
    .await?;
    Ok(row)
}

/// Issues the invoice of an organization's month (the billing role and administrators): every
/// billed line of the month with VAT at the rate of its day, the next number of the supplier's
/// series, the month's time entries marked invoiced, and a payment request for the total under
/// the invoice's number as variable symbol. A month invoiced before (and not credited) is a
/// conflict naming that invoice.
pub async fn issue_month_invoice(
    app: &App,
    actor: &Actor,
    organization_id: i64,
    input: InvoiceInput,
) -> Result<InvoiceView> {
    require_billing(actor)?;
    let mut tx = app.db.begin().await?;
    let supplier = supplier::load(&mut tx).await?;
    let org = repo::customers::get_org(&mut tx, organization_id)
        .await
        .not_found(|| format!("organization {organization_id}"))?;
    let charges = month_charges(&mut tx, organization_id, &input.month).await?;
    if let Some(done) =
        repo::payments::invoice_for_period(&mut tx, organization_id, &charges.month).await?
    {
        return Err(AppError::Conflict(format!(
            "{} is invoiced already as {}; issue a credit note for it first",
            charges.month, done.number
        )));
    }
    if charges.charges.is_empty() {
        return Err(AppError::Conflict(format!(
            "nothing is billed to organization {organization_id} in {}",
            charges.month
        )));
    }
    let vat_country = crate::billing::vat_country(&supplier.country)
        .ok_or_else(|| AppError::Conflict("the supplier's country must be SK, CZ or PL".into()))?;
    let renderer = app.renderer()?;
    let mut lines = Vec::with_capacity(charges.charges.len());
    for c in &charges.charges {
        let rate = standard_rate(vat_country, c.day)
            .map_err(|e| AppError::Conflict(format!("VAT on {}: {e}", c.day)))?;
        let item = match c.line.item {
            podpora_billing::Item::Time(k) => k.as_str().to_string(),
            podpora_billing::Item::Fee(_) => "visit".into(),
        };
        let what = renderer.text(org.language, &format!("web-work-{item}"), &[]);
        let description = renderer.text(
            org.language,
            "invoice-line",
            &[
                ("ticket", Arg::from(c.ticket_number.as_str())),
                ("what", Arg::from(what.as_str())),
            ],
        );
        lines.push(Line::from_charge(&c.line, &description, rate));
    }
    let today = today();
    let number = next_number(&mut tx, &supplier.invoice_prefix, today.year()).await?;
    let due = today
        .checked_add(jiff::Span::new().days(i64::from(supplier.due_days)))
        .map_err(|e| AppError::Conflict(e.to_string()))?;
    let beneficiary = supplier.beneficiary()?;
    let supply_date = charges.last_day.min(today);
    let exchange_rate = exchange_rate(&input, vat_country, charges.currency, supply_date)?;
    let draft = Draft {
        kind: DocumentKind::Invoice,
        vat_country,
        issue_date: today,
        supply_date,
        due_date: due,
        supplier: supplier.party(),
        customer: customer_party(&org),
        currency: charges.currency,
        lines,
        exchange_rate,
        payment: Some(PaymentDetails {
            iban: beneficiary.iban.clone(),
            bic: beneficiary.bic.clone(),
            variable_symbol: VariableSymbol::parse(&number.digits()).ok(),
        }),
        note: Some(renderer.text(
            org.language,
            "invoice-note",
            &[("month", Arg::from(charges.month.as_str()))],
        )),
        buyer_reference: None,
    };
    let invoice = issue(draft, number)
        .map_err(|e| AppError::Conflict(format!("the invoice cannot be issued: {e}")))?;
    let now = now_ms();
    let row = store(
        &mut tx,
        &invoice,
        "invoice",
        None,
        organization_id,
        Some(charges.month.clone()),
        actor,
        now,
    )
    .await?;
    // The month's entries are invoiced now: nobody changes them any more.
    let mut done = std::collections::HashSet::new();
    for c in &charges.charges {
        if !done.insert((c.ticket_id, c.intervention)) {
            continue;
        }
        let ids: Vec<i64> = repo::billing::entries_of_ticket(&mut tx, c.ticket_id)
            .await?
            .into_iter()
            .filter(|e| e.intervention == c.intervention && e.billable)
            .map(|e| e.id)
            .collect();
        repo::billing::mark_invoiced(&mut tx, &ids, now).await?;
    }
    let message = renderer.text(
        org.language,
        "invoice-payment-message",
        &[("number", Arg::from(row.number.as_str()))],
    );
    super::requests::for_invoice(
        &mut tx,
        &supplier,
        &row,
        invoice.totals().vat.total,
        message,
        actor,
        now,
    )
    .await?;
    // The customer gets the invoice by mail with its files; without an address on record it
    // waits for an explicit send.
    let mailed = super::documents::queue_invoice_mail(app, &mut tx, actor, &row, None, now)
        .await?
        .is_some();
    let out = full_view(&mut tx, &row).await?;
    tx.commit().await?;
    if mailed {
        app.outbox_wakeup.notify_one();
    }
    Ok(out)
}

/// Takes an invoice back in full with a credit note (the billing role and administrators): the
/// same lines, the next number of the series, the original's number, date and the reason. An
/// invoice is credited once; a credit note is not credited.
pub async fn credit_note(
    app: &App,
    actor: &Actor,
    invoice_id: i64,
    input: CreditNoteInput,
) -> Result<InvoiceView> {
    require_billing(actor)?;
    let mut v = ValidationError::new();
    let reason = v.check("reason", text::required_line(&input.reason, 500));
    v.into_result()?;
    let reason = reason.unwrap_or_default();
    let mut tx = app.db.begin().await?;
    let original = repo::payments::invoice(&mut tx, invoice_id)
        .await
        .not_found(|| format!("invoice {invoice_id}"))?;
    if original.kind != "invoice" {
        return Err(AppError::Conflict(format!(
            "{} is a credit note: only invoices are credited",
            original.number
        )));
    }
    if let Some(c) = repo::payments::credit_note_of(&mut tx, original.id).await? {
        return Err(AppError::Conflict(format!(
            "{} is credited already by {}",
            original.number, c.number
        )));
    }
    let old = document(&original)?;
    let today = today();
    let number = next_number(&mut tx, &original.prefix, today.year()).await?;
    let mut draft = old.content().clone();
    draft.kind = DocumentKind::CreditNote {
        corrects: original.number.clone(),
        corrects_issued: old.content().issue_date,
        reason,
    };
    draft.issue_date = today;
    draft.due_date = today.max(draft.due_date);
    draft.payment = None;
    let note = issue(draft, number)
        .map_err(|e| AppError::Conflict(format!("the credit note cannot be issued: {e}")))?;
    let row = store(
        &mut tx,
        &note,
        "credit_note",
        Some(original.id),
        original.organization_id,
        original.period.clone(),
        actor,
        now_ms(),
    )
    .await?;
    let mailed =
        super::documents::queue_invoice_mail(app, &mut tx, actor, &row, None, row.created_at)
            .await?
            .is_some();
    let out = full_view(&mut tx, &row).await?;
    tx.commit().await?;
    if mailed {
        app.outbox_wakeup.notify_one();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::split_address;

    #[test]
    fn one_line_addresses_split_into_street_postal_code_and_city() {
        let s = |a: &str| split_address(a);
        assert_eq!(
            s("Južná trieda 4, 040 01 Košice"),
            ("Južná trieda 4".into(), "040 01".into(), "Košice".into())
        );
        assert_eq!(
            s("ul. Długa 5, 00-950 Warszawa"),
            ("ul. Długa 5".into(), "00-950".into(), "Warszawa".into())
        );
        assert_eq!(
            s("Hlavná 1"),
            ("Hlavná 1".into(), String::new(), String::new())
        );
    }
}
