//! Payment requests, their QR codes, bank statements and the matching of payments — pure: no
//! I/O, no clock reads, no database types. Amounts are [`podpora_billing::Money`].
//!
//! | operation | meaning |
//! |---|---|
//! | [`Iban::parse`], [`Bic::parse`] | a bank account, checked (mod 97, the country's length) |
//! | [`PaymentRequest`] | amount, beneficiary, variable symbol, reference, due date, message; [`PaymentRequest::validate`] |
//! | [`qr_standard`] | the QR standard of the customer's country: SK → PAY by square, CZ → SPAYD, other euro payers → EPC, none for PLN (a [`PaymentRequest::transfer_title`]) |
//! | [`bysquare::encode`] / [`bysquare::decode`] | PAY by square: tab-joined fields, CRC32, raw LZMA1, base32hex |
//! | [`spayd::encode`] / [`spayd::parse`] | SPAYD 1.0 (`SPD*1.0*ACC:…*AM:…`) |
//! | [`epc::encode`] / [`epc::parse`] | EPC QR code, version 002 |
//! | [`qr::png`], [`qr::request_png`] | the QR code as a greyscale PNG, error correction M |
//! | [`camt::parse`] | a camt.053 statement (001.02 – 001.08) → [`camt::Entry`]s with booking date, amount, direction, end-to-end id, remittance, variable symbol and an identity |
//! | [`gpc::parse`] | a Czech ABO/GPC statement (`074` header, `075` movements, `078`/`079` messages; Windows-1250 or UTF-8) → the same [`camt::Entry`]s |
//! | [`matching::match_entries`] | credits → open requests by reference and amount: paid, partial, overpaid, unknown, ambiguous, already imported |
//!
//! # Edge cases
//!
//! - Diacritics are folded to ASCII in PAY by square and SPAYD (some bank apps refuse them;
//!   `ł` becomes `l` too); EPC declares UTF-8 and keeps them.
//! - SPAYD values are folded to capitals so the code stays in the QR alphanumeric mode; `*`
//!   never appears inside a value.
//! - An EPC code carries either a structured ISO 11649 reference (`RF…`) or free remittance
//!   text, never both; a variable symbol goes into the text as `/VS/…`.
//! - A request in CZK or PLN has no EPC code ([`epc::EpcError::NotEuro`]).
//! - A statement entry's identity is its account and the bank's reference (`AcctSvcrRef`, else
//!   `NtryRef`); without one, a hash of its date, amount, direction, references and
//!   counterparty, with its order among identical entries of the statement.
//! - Debits, reversals and entries not booked (`PDNG`, `INFO`) are never matched.
//! - camt amounts may carry up to 5 decimals; trailing zeros are accepted, a real third
//!   decimal is refused, as is an account in a currency other than EUR, CZK or PLN.
//! - A damaged PAY by square text is an error saying what is wrong (alphabet, header,
//!   compression, checksum), never a panic.
//!
//! # Example
//!
//! ```
//! use podpora_payments::{QrStandard, bysquare, examples, qr, qr_standard};
//! let request = examples::prepayment_sk();
//! request.validate()?;
//! let standard = qr_standard("SK", request.amount.currency());
//! assert_eq!(standard, Some(QrStandard::PayBySquare));
//! let text = qr::payload(QrStandard::PayBySquare, &request)?;
//! let fields = bysquare::decode(&text)?;
//! assert_eq!(fields.iban, "SK3112000000198742637541");
//! assert_eq!(fields.note, "Zaloha za zasah 4711");
//! assert_eq!(fields.due_date, "20261211");
//! let png = qr::png(&text, 4)?;
//! assert!(png.starts_with(b"\x89PNG"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod bysquare;
pub mod camt;
pub mod epc;
pub mod examples;
pub mod gpc;
mod iban;
pub mod matching;
pub mod qr;
mod request;
pub mod spayd;

pub use bysquare::BySquareError;
pub use camt::CamtError;
pub use epc::EpcError;
pub use iban::{AccountError, Bic, Iban};
pub use qr::QrError;
pub use request::{
    Beneficiary, PaymentRequest, QrStandard, RequestError, VariableSymbol, qr_standard,
};
pub use spayd::SpaydError;
