//! Invoices and credit notes, and their e-invoices — pure: no I/O, no clock reads, no
//! database types. Money and VAT are [`podpora_billing`]'s; company ids are
//! [`podpora_core`]'s; bank accounts are [`podpora_payments`]'.
//!
//! | operation | meaning |
//! |---|---|
//! | [`Series::next`] | the number after the last issued in a series and year, without gaps; a new year starts at 1 |
//! | [`Line`], [`Line::from_charge`] | `quantity × price / base quantity − discount`, rounded half up; a billing charge becomes a line |
//! | [`issue`] | a [`Draft`] under a number becomes an [`Invoice`] with its [`Totals`]; an invoice has no setters |
//! | [`Totals`] | net, VAT per rate on the sum of the nets (EN 16931 BR-CO-17), total; VAT per rate in the national currency where the invoice is in another |
//! | [`ExchangeRate`] | an entered rate (ČNB, NBP, ECB), per 1 or 100 units; conversion rounded half up |
//! | [`DocumentKind::CreditNote`] | refers to the number and date of the invoice it corrects, with the reason |
//! | [`PartyIds`] | IČO, DIČ (SK), IČ DPH / DIČ (CZ) / NIP UE as [`podpora_core::VatId`], NIP |
//! | [`isdoc::write`] | ISDOC 6.0.2 XML (CZ): amounts in the national currency, the invoice's in `…Curr`; credit notes negative, with the original's reference |
//! | [`ksef::write`] | KSeF FA(3) XML (PL) of an invoice, as a file to upload; credit notes not yet |
//! | [`pdf::write`] | the PDF in the customer's language ([`pdf::Labels`]), with the payment QR code as an image and DejaVu Sans embedded (subset) |
//! | [`ubl::write`] | UBL 2.1 Invoice / CreditNote by Peppol BIS Billing 3.0 (EN 16931; SK from 2027); VAT also in the national currency (`TaxCurrencyCode`) |
//!
//! # Edge cases
//!
//! - Lines are never negative: a credit note lists what it takes back as positive lines,
//!   and its kind says it reduces the corrected invoice.
//! - An invoice in the national currency of the supplier (SK: EUR, CZ: CZK, PL: PLN) needs
//!   no rate; any other currency needs one from that currency to the national one.
//! - The number's year must be the year of issue.
//! - A Peppol e-invoice addresses both parties by their VAT ids; a party without one is an
//!   error ([`EInvoiceError::NoEndpoint`]), not an invoice the network would refuse.
//! - The same invoice written twice gives the same XML, with the same ISDOC `UUID`.
//! - Rounding of the amount payable to whole koruny (cash) is not done: bank transfers pay to
//!   the haléř.
//!
//! # Example
//!
//! ```
//! use podpora_invoicing::{examples, issue};
//! let number = examples::series_2026().next(None)?;
//! let invoice = issue(examples::invoice_sk(), number)?;
//! let t = &invoice.totals().vat;
//! assert_eq!(
//!     [t.net, t.vat, t.total].map(|m| m.to_string()),
//!     ["200.00 EUR", "46.00 EUR", "246.00 EUR"],
//! );
//! assert_eq!(invoice.number().to_string(), "202600001");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A Czech supplier invoicing in euro states the VAT in koruny too:
//!
//! ```
//! use podpora_invoicing::{examples, issue};
//! let invoice = issue(examples::invoice_cz_in_eur(), examples::series_2026().next(None)?)?;
//! let national = invoice.totals().national.as_ref().unwrap();
//! assert_eq!(national[0].base.to_string(), "1946.80 CZK"); // 80.00 € × 24.335
//! assert_eq!(national[0].vat.to_string(), "408.83 CZK");   // 16.80 € × 24.335
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod einvoice;
pub mod examples;
mod exchange;
mod invoice;
pub mod isdoc;
pub mod ksef;
mod numbering;
mod party;
pub mod pdf;
pub mod ubl;
mod xml;

pub use einvoice::EInvoiceError;
pub use exchange::{ExchangeRate, RateError, national_currency};
pub use invoice::{
    DocumentKind, Draft, Invoice, InvoiceError, Line, NationalVatLine, PaymentDetails, Totals,
    Unit, issue,
};
pub use numbering::{InvoiceNumber, NumberingError, Series};
pub use party::{Address, Party, PartyIds, SkTaxNumber};
