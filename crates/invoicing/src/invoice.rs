//! The invoice model: lines, VAT per rate, national currency, credit notes; a draft is issued
//! once, with its number, and the issued invoice has no way to change.

use crate::exchange::{ExchangeRate, national_currency};
use crate::numbering::InvoiceNumber;
use crate::party::Party;
use jiff::civil::Date;
use podpora_billing::{
    ChargeLine, Currency, Money, MoneyError, Quantity, VatCountry, VatError, VatRate, VatTotals,
    vat_totals,
};
use podpora_payments::{Bic, Iban, VariableSymbol};
use serde::{Deserialize, Serialize};

/// Why a draft cannot be issued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvoiceError {
    /// No lines.
    #[error("an invoice needs at least one line")]
    NoLines,
    /// A line in another currency.
    #[error("line {line} is in {found}, the invoice in {expected}: one invoice has one currency")]
    LineCurrency {
        /// The line, from 1.
        line: usize,
        /// The invoice's currency.
        expected: Currency,
        /// The line's.
        found: Currency,
    },
    /// A negative quantity or price.
    #[error(
        "line {0} has a negative quantity, price or discount: a credit note corrects an invoice instead"
    )]
    Negative(usize),
    /// Due before issue.
    #[error("the due date {due} is before the issue date {issued}")]
    DueBeforeIssue {
        /// Issue date.
        issued: Date,
        /// Due date.
        due: Date,
    },
    /// The number's year is not the year of issue.
    #[error(
        "number {number} is of {year}, but the invoice is issued on {issued}: take a number of the year of issue"
    )]
    NumberYear {
        /// The number.
        number: String,
        /// Its series' year.
        year: i16,
        /// Issue date.
        issued: Date,
    },
    /// Another currency than the national one, with no rate.
    #[error(
        "the invoice is in {currency}, so its VAT must also be stated in {national}: enter the national bank's rate for the date of supply"
    )]
    NoExchangeRate {
        /// The invoice's currency.
        currency: Currency,
        /// The national currency.
        national: Currency,
    },
    /// A rate for other currencies.
    #[error("the exchange rate is from {from} to {to}; the invoice needs {currency} to {national}")]
    WrongRate {
        /// The rate's source currency.
        from: Currency,
        /// The rate's target currency.
        to: Currency,
        /// The invoice's currency.
        currency: Currency,
        /// The national currency.
        national: Currency,
    },
    /// Amounts out of range.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// VAT computation failed.
    #[error(transparent)]
    Vat(#[from] VatError),
}

/// A unit of measure (UN/ECE Recommendation 20 codes, as e-invoices need).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unit {
    /// Minute (`MIN`).
    Minute,
    /// Hour (`HUR`).
    Hour,
    /// Piece, e.g. a visit (`C62`, "one").
    Piece,
    /// Month, e.g. a plan fee (`MON`).
    Month,
}

impl Unit {
    /// The UN/ECE Recommendation 20 code.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Minute => "MIN",
            Self::Hour => "HUR",
            Self::Piece => "C62",
            Self::Month => "MON",
        }
    }
}

/// One invoice line: `quantity × price / base_quantity − discount`, rounded half up to the cent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// What is charged, in the customer's language.
    pub description: String,
    /// Quantity in thousandths (1 250 = 1.25).
    pub quantity_milli: i64,
    /// Unit of the quantity.
    pub unit: Unit,
    /// Net price for `base_quantity` units.
    pub price: Money,
    /// How many units the price is for: 60 for an hourly rate on minutes, else 1.
    pub base_quantity: u32,
    /// A discount on the line (net).
    pub discount: Money,
    /// The VAT rate.
    pub vat_rate: VatRate,
}

impl Line {
    /// A line of the billing engine's charge: minutes at an hourly rate, or pieces.
    ///
    /// ```
    /// use podpora_billing::*;
    /// use podpora_invoicing::Line;
    /// let eur = |m| Money::from_minor(m, Currency::EUR);
    /// let charge = ChargeLine {
    ///     item: Item::Time(WorkKind::OnSite), worked_minutes: 75, quantity: Quantity::Minutes(120),
    ///     rate: eur(5_000), gross: eur(10_000), discount_percent: 0, discount: eur(0), net: eur(10_000),
    /// };
    /// let line = Line::from_charge(&charge, "Práca na mieste", VatRate(2300));
    /// assert_eq!(line.net()?, eur(10_000));
    /// assert_eq!((line.quantity_milli, line.unit.code(), line.base_quantity), (120_000, "MIN", 60));
    /// # Ok::<(), MoneyError>(())
    /// ```
    pub fn from_charge(charge: &ChargeLine, description: &str, vat_rate: VatRate) -> Self {
        let (quantity_milli, unit, base_quantity) = match charge.quantity {
            Quantity::Minutes(m) => (
                i64::try_from(m).unwrap_or(i64::MAX).saturating_mul(1000),
                Unit::Minute,
                60,
            ),
            Quantity::Pieces(p) => (i64::from(p) * 1000, Unit::Piece, 1),
        };
        Self {
            description: description.into(),
            quantity_milli,
            unit,
            price: charge.rate,
            base_quantity,
            discount: charge.discount,
            vat_rate,
        }
    }

    /// `quantity × price / base_quantity`, rounded half up to the cent.
    pub fn gross(&self) -> Result<Money, MoneyError> {
        let n = i128::from(self.quantity_milli) * i128::from(self.price.minor());
        let d = 1000 * i128::from(self.base_quantity.max(1));
        let q = (n.abs() + d / 2) / d;
        let v = i64::try_from(if n < 0 { -q } else { q }).map_err(|_| MoneyError::Overflow)?;
        Ok(Money::from_minor(v, self.price.currency()))
    }

    /// The line's net: gross less the discount.
    pub fn net(&self) -> Result<Money, MoneyError> {
        self.gross()?.checked_sub(self.discount)
    }
}

/// Bank details for paying the invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentDetails {
    /// The supplier's account.
    pub iban: Iban,
    /// Its bank's BIC.
    pub bic: Option<Bic>,
    /// Variable symbol (CZ, SK); usually the invoice number's digits.
    pub variable_symbol: Option<VariableSymbol>,
}

/// An invoice, or a credit note correcting one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentKind {
    /// A tax invoice.
    Invoice,
    /// A credit note: its lines (positive) reduce what the corrected invoice charged.
    CreditNote {
        /// The number of the invoice corrected.
        corrects: String,
        /// That invoice's issue date.
        corrects_issued: Date,
        /// Why, as the law requires on a corrective document.
        reason: String,
    },
}

/// Everything of an invoice but its number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Invoice or credit note.
    pub kind: DocumentKind,
    /// The supplier's VAT country (decides the national currency).
    pub vat_country: VatCountry,
    /// Issue date.
    pub issue_date: Date,
    /// Date of the taxable supply.
    pub supply_date: Date,
    /// Due date.
    pub due_date: Date,
    /// Supplier.
    pub supplier: Party,
    /// Customer.
    pub customer: Party,
    /// The invoice's currency.
    pub currency: Currency,
    /// The lines.
    pub lines: Vec<Line>,
    /// The rate to the national currency, when the invoice is in another.
    pub exchange_rate: Option<ExchangeRate>,
    /// Bank details.
    pub payment: Option<PaymentDetails>,
    /// A note printed on the invoice (e.g. the ticket it is for).
    pub note: Option<String>,
    /// The customer's reference (purchase order, cost centre); Peppol needs one, and the
    /// invoice number stands in when there is none.
    pub buyer_reference: Option<String>,
}

/// VAT of one rate in the national currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NationalVatLine {
    /// The rate.
    pub rate: VatRate,
    /// The base, converted.
    pub base: Money,
    /// The VAT, converted.
    pub vat: Money,
}

/// The totals of an issued document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Net, VAT per rate, VAT and total in the invoice's currency.
    pub vat: VatTotals,
    /// VAT per rate in the national currency, when the invoice is in another.
    pub national: Option<Vec<NationalVatLine>>,
    /// The total VAT in the national currency, when the invoice is in another.
    pub national_vat: Option<Money>,
}

/// An issued invoice or credit note: numbered, with its totals; it has no setters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    number: InvoiceNumber,
    draft: Draft,
    totals: Totals,
}

impl Invoice {
    /// The number.
    pub fn number(&self) -> &InvoiceNumber {
        &self.number
    }

    /// Everything but the number and totals.
    pub fn content(&self) -> &Draft {
        &self.draft
    }

    /// The totals.
    pub fn totals(&self) -> &Totals {
        &self.totals
    }

    /// Whether this is a credit note.
    pub fn is_credit_note(&self) -> bool {
        matches!(self.draft.kind, DocumentKind::CreditNote { .. })
    }
}

/// Issues a draft under a number: checks it and computes the totals.
///
/// VAT is computed per rate on the sum of the line nets (EN 16931 BR-CO-17) by
/// [`podpora_billing::vat_totals`]; in the national currency, each rate's base and VAT are
/// converted at the entered rate and rounded half up.
pub fn issue(draft: Draft, number: InvoiceNumber) -> Result<Invoice, InvoiceError> {
    if draft.lines.is_empty() {
        return Err(InvoiceError::NoLines);
    }
    if draft.due_date < draft.issue_date {
        return Err(InvoiceError::DueBeforeIssue {
            issued: draft.issue_date,
            due: draft.due_date,
        });
    }
    if number.series.year != draft.issue_date.year() {
        return Err(InvoiceError::NumberYear {
            number: number.to_string(),
            year: number.series.year,
            issued: draft.issue_date,
        });
    }
    let mut nets = Vec::with_capacity(draft.lines.len());
    for (i, line) in draft.lines.iter().enumerate() {
        for m in [line.price, line.discount] {
            if m.currency() != draft.currency {
                return Err(InvoiceError::LineCurrency {
                    line: i + 1,
                    expected: draft.currency,
                    found: m.currency(),
                });
            }
        }
        if line.quantity_milli < 0 || line.price.minor() < 0 || line.discount.minor() < 0 {
            return Err(InvoiceError::Negative(i + 1));
        }
        nets.push((line.net()?, line.vat_rate));
    }
    let vat = vat_totals(draft.currency, nets)?;
    let national = national_currency(draft.vat_country);
    let (national_lines, national_vat) = if draft.currency == national {
        (None, None)
    } else {
        let rate = draft
            .exchange_rate
            .as_ref()
            .ok_or(InvoiceError::NoExchangeRate {
                currency: draft.currency,
                national,
            })?;
        if rate.from != draft.currency || rate.to != national {
            return Err(InvoiceError::WrongRate {
                from: rate.from,
                to: rate.to,
                currency: draft.currency,
                national,
            });
        }
        let mut lines = Vec::new();
        let mut total = Money::zero(national);
        for l in &vat.by_rate {
            let converted = NationalVatLine {
                rate: l.rate,
                base: rate.convert(l.base)?,
                vat: rate.convert(l.vat)?,
            };
            total = total.checked_add(converted.vat)?;
            lines.push(converted);
        }
        (Some(lines), Some(total))
    };
    Ok(Invoice {
        number,
        draft,
        totals: Totals {
            vat,
            national: national_lines,
            national_vat,
        },
    })
}
