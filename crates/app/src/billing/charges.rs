//! The charge preview of a ticket: each intervention's lines, what the plan, free minutes or
//! prepaid minutes covered and why, and the totals with VAT per rate.

use super::replay::{CustomerBook, interventions};
use super::*;
use crate::tickets::ensure_visible_row;
use podpora_billing::{Coverage, Item, Quantity, Rating, VatRate, standard_rate, vat_totals};
use podpora_core::{TicketNumber, plan::Money};
use serde::Serialize;

/// One charge line.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ChargeLineView {
    /// `visit`, or the kind of work: remote, on_site, travel, phone, training.
    pub item: String,
    /// Minutes worked and not covered, before rounding (0 for a visit).
    pub worked_minutes: u64,
    /// Minutes charged (after rounding, the minimum and prepaid minutes) or pieces.
    pub quantity: u64,
    /// `minutes` (the rate is per hour) or `pieces` (per piece).
    pub unit: String,
    /// Price per hour or per piece.
    pub rate: Money,
    /// `quantity × rate`.
    pub gross: Money,
    /// The plan's discount, percent.
    pub discount_percent: u8,
    /// The discount.
    pub discount: Money,
    /// What is billed for this line, excluding VAT.
    pub net: Money,
}

/// Minutes not billed, and why.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CoveredView {
    /// The kind of work.
    pub kind: String,
    /// Minutes.
    pub minutes: u64,
    /// `free` (the rate's free minutes), `included` (the plan's minutes of `month`), `prepaid`,
    /// `plan` (the plan covers travel) or `not_billable` (staff marked the time covered).
    pub by: String,
    /// The month of included minutes drawn, `YYYY-MM`.
    pub month: Option<String>,
}

/// One intervention's charges.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InterventionCharge {
    /// Its number within the ticket.
    pub intervention: i64,
    /// When it started (RFC 3339).
    pub started_at: String,
    /// Whether the customer had a plan then.
    pub under_plan: bool,
    /// What is billed.
    pub lines: Vec<ChargeLineView>,
    /// What is not, and why.
    pub covered: Vec<CoveredView>,
    /// The sum of the lines' nets.
    pub net: Money,
    /// Why it could not be rated (e.g. the price list lacks a rate); nothing is billed then.
    pub error: Option<String>,
    /// Paid work without an accepted offer: shown, not billed, not in the totals, until
    /// the customer accepts an offer on the ticket or staff record an acceptance.
    pub held: bool,
}

/// VAT at one rate.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct VatView {
    /// The rate, e.g. "23 %".
    pub rate: String,
    /// The rate in basis points (2300 = 23 %).
    pub basis_points: u32,
    /// The sum of the nets at this rate.
    pub base: Money,
    /// The VAT.
    pub vat: Money,
}

/// A ticket's charges.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TicketCharges {
    /// The ticket.
    pub ticket_number: String,
    /// The price list applied.
    pub price_list: String,
    /// Its interventions, in the order they started.
    pub interventions: Vec<InterventionCharge>,
    /// Net total.
    pub net: Money,
    /// VAT per rate (the supplier's country, on the day each intervention started).
    pub vat_by_rate: Vec<VatView>,
    /// VAT total.
    pub vat: Money,
    /// Net plus VAT.
    pub total: Money,
}

pub(crate) fn line_view(l: &podpora_billing::ChargeLine) -> ChargeLineView {
    let (quantity, unit) = match l.quantity {
        Quantity::Minutes(m) => (m, "minutes"),
        Quantity::Pieces(n) => (u64::from(n), "pieces"),
    };
    ChargeLineView {
        item: match l.item {
            Item::Time(k) => k.as_str().into(),
            Item::Fee(_) => "visit".into(),
        },
        worked_minutes: l.worked_minutes,
        quantity,
        unit: unit.into(),
        rate: money(l.rate),
        gross: money(l.gross),
        discount_percent: l.discount_percent,
        discount: money(l.discount),
        net: money(l.net),
    }
}

fn covered_views(r: &Rating) -> Vec<CoveredView> {
    r.covered
        .iter()
        .map(|c| {
            let (by, month) = match c.by {
                Coverage::Free => ("free", None),
                Coverage::Included(m) => ("included", Some(m.to_string())),
                Coverage::Prepaid(_) => ("prepaid", None),
                Coverage::Plan => ("plan", None),
            };
            CoveredView {
                kind: c.kind.as_str().into(),
                minutes: c.minutes,
                by: by.into(),
                month,
            }
        })
        .collect()
}

/// The charges of a ticket's interventions: staff who see the ticket, and the customer whose
/// ticket it is.
pub async fn ticket_charges(
    db: &podpora_store::Db,
    actor: &Actor,
    number: &str,
) -> Result<TicketCharges> {
    let n =
        TicketNumber::parse(number).map_err(|_| AppError::NotFound(format!("ticket {number}")))?;
    let mut tx = db.read().await?;
    let t = repo::tickets::get_by_number(&mut tx, n.as_str())
        .await
        .not_found(|| format!("ticket {number}"))?;
    ensure_visible_row(&mut tx, actor, &t).await?;
    let (list_row, list) = default_list(&mut tx).await?;
    let country = vat_country(&list_row.vat_country);
    let own = repo::billing::entries_of_ticket(&mut tx, t.id).await?;
    let until = own.iter().map(|e| e.started_at).max().unwrap_or(0) + 1;
    let (book, rows) = match t.organization_id {
        Some(org) => (
            load_book(&mut tx, org, &list).await?,
            repo::billing::billable_entries_of_org(&mut tx, org, until).await?,
        ),
        None => (
            CustomerBook {
                price_list: list.clone(),
                level: String::new(),
                zone: zone_of_country(""),
                plans: Vec::new(),
                prepaid: Vec::new(),
            },
            own.iter()
                .filter(|e| e.billable)
                .map(|e| repo::billing::RatedEntryRow {
                    organization_id: 0,
                    ticket_id: e.ticket_id,
                    ticket_number: t.number.clone(),
                    intervention: e.intervention,
                    kind: e.kind.clone(),
                    started_at: e.started_at,
                    minutes: e.minutes,
                    visits: e.visits,
                })
                .collect(),
        ),
    };
    let agreed: std::collections::HashSet<i64> = repo::billing::agreements_of_ticket(&mut tx, t.id)
        .await?
        .iter()
        .filter(|a| a.accepted_at.is_some())
        .map(|a| a.ticket_id)
        .collect();
    drop(tx);
    let (rated, _) = book.replay(interventions(&rows));
    let zero = podpora_billing::Money::zero(list.currency);
    let mut out: Vec<InterventionCharge> = Vec::new();
    let mut vat_lines: Vec<(podpora_billing::Money, VatRate)> = Vec::new();
    for r in rated
        .into_iter()
        .filter(|r| r.intervention.ticket_id == t.id)
    {
        let day = book.zone.to_datetime(r.intervention.start).date();
        let rate = country.and_then(|c| standard_rate(c, day).ok());
        let held = held(&list_row, &r, &agreed);
        let (lines, covered, net, error) = match &r.rating {
            Ok(rt) => {
                if let Some(rate) = rate
                    && !held
                {
                    vat_lines.extend(rt.lines.iter().map(|l| (l.net, rate)));
                }
                (
                    rt.lines.iter().map(line_view).collect(),
                    covered_views(rt),
                    rt.net,
                    None,
                )
            }
            Err(e) => (Vec::new(), Vec::new(), zero, Some(e.to_string())),
        };
        out.push(InterventionCharge {
            intervention: r.intervention.number,
            started_at: r.intervention.start.to_string(),
            under_plan: r.under_plan,
            lines,
            covered,
            net: money(net),
            error,
            held,
        });
    }
    // Covered time: shown with its intervention, never rated.
    for e in own.iter().filter(|e| !e.billable) {
        let c = CoveredView {
            kind: e.kind.clone(),
            minutes: u64::try_from(e.minutes).unwrap_or(0),
            by: "not_billable".into(),
            month: None,
        };
        match out.iter_mut().find(|i| i.intervention == e.intervention) {
            Some(i) => i.covered.push(c),
            None => out.push(InterventionCharge {
                intervention: e.intervention,
                started_at: crate::rfc3339(e.started_at),
                under_plan: false,
                lines: Vec::new(),
                covered: vec![c],
                net: money(zero),
                error: None,
                held: false,
            }),
        }
    }
    out.sort_by(|a, b| {
        a.started_at
            .cmp(&b.started_at)
            .then(a.intervention.cmp(&b.intervention))
    });
    let totals = vat_totals(list.currency, vat_lines)
        .map_err(|e| AppError::Conflict(format!("the charges cannot be totalled: {e}")))?;
    let mut net = zero;
    for i in out.iter().filter(|i| !i.held) {
        net = net
            .checked_add(podpora_billing::Money::from_minor(
                i.net.amount_minor,
                list.currency,
            ))
            .map_err(|e| AppError::Conflict(e.to_string()))?;
    }
    let vat = totals.vat;
    let total = net
        .checked_add(vat)
        .map_err(|e| AppError::Conflict(e.to_string()))?;
    Ok(TicketCharges {
        ticket_number: t.number,
        price_list: list_row.code,
        interventions: out,
        net: money(net),
        vat_by_rate: totals
            .by_rate
            .iter()
            .map(|l| VatView {
                rate: l.rate.to_string(),
                basis_points: l.rate.0,
                base: money(l.base),
                vat: money(l.vat),
            })
            .collect(),
        vat: money(vat),
        total: money(total),
    })
}
