//! The billed charge lines of an organization's month, as its invoice lists them: the same
//! replay as the month's usage, so the invoice and the usage page never disagree.

use super::replay::interventions;
use super::usage::{bounds, parse_month};
use super::*;
use jiff::civil::Date;
use podpora_billing::{ChargeLine, Currency};

/// One billed line of an intervention.
#[derive(Debug, Clone)]
pub(crate) struct MonthCharge {
    /// The ticket.
    pub ticket_id: i64,
    /// Its number.
    pub ticket_number: String,
    /// The intervention's number within the ticket.
    pub intervention: i64,
    /// The day it started, in the customer's zone (decides the VAT rate).
    pub day: Date,
    /// The line.
    pub line: ChargeLine,
}

/// What a month bills.
#[derive(Debug, Clone)]
pub(crate) struct MonthCharges {
    /// `YYYY-MM`.
    pub month: String,
    /// The price list's currency.
    pub currency: Currency,
    /// The month's last day in the customer's zone.
    pub last_day: Date,
    /// The lines, in the order the interventions started.
    pub charges: Vec<MonthCharge>,
}

/// The billed lines of `organization_id`'s month `month` (`YYYY-MM`): rated, not held.
pub(crate) async fn month_charges(
    tx: &mut Tx<'_>,
    organization_id: i64,
    month: &str,
) -> Result<MonthCharges> {
    let month = parse_month(month)?;
    let (list_row, list) = default_list(tx).await?;
    let book = load_book(tx, organization_id, &list).await?;
    let agreed = repo::billing::agreed_tickets(tx, Some(organization_id))
        .await?
        .into_iter()
        .collect();
    let (start, end) = bounds(month, &book.zone);
    let rows =
        repo::billing::billable_entries_of_org(tx, organization_id, end.as_millisecond()).await?;
    let (rated, _) = book.replay(interventions(&rows));
    let mut charges = Vec::new();
    for r in rated
        .iter()
        .filter(|r| r.intervention.start >= start && r.intervention.start < end)
        .filter(|r| !held(&list_row, r, &agreed))
    {
        let Ok(rating) = &r.rating else { continue };
        let day = book.zone.to_datetime(r.intervention.start).date();
        for line in rating.lines.iter().filter(|l| !l.net.is_zero()) {
            charges.push(MonthCharge {
                ticket_id: r.intervention.ticket_id,
                ticket_number: r.intervention.ticket_number.clone(),
                intervention: r.intervention.number,
                day,
                line: line.clone(),
            });
        }
    }
    let last_day = book
        .zone
        .to_datetime(
            end.checked_sub(jiff::SignedDuration::from_millis(1))
                .unwrap_or(end),
        )
        .date();
    Ok(MonthCharges {
        month: month.to_string(),
        currency: list.currency,
        last_day,
        charges,
    })
}
