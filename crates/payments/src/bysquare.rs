//! PAY by square (Slovak Banking Association, specification 1.1.0): the payment order of a
//! QR code every Slovak bank app reads.
//!
//! The fields are joined by tabs; the CRC32 of that text (4 bytes, little-endian) goes first;
//! the whole is compressed with raw LZMA1 (lc 3, lp 0, pb 2, 128 KiB dictionary, no header and
//! no end marker); a 2-byte header (type 0 "pay", version 0) and the 2-byte little-endian length
//! of the uncompressed data are put in front, and the bytes are written in base32hex (`0-9A-V`,
//! no padding).

use crate::request::{PaymentRequest, ascii_fold, truncate};
use podpora_billing::Money;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};

const DICT_SIZE: u32 = 1 << 17;
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHIJKLMNOPQRSTUV";

/// Why a PAY by square text could not be read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BySquareError {
    /// A character outside base32hex.
    #[error("not a PAY by square code: {0:?} is not a base32hex character (0-9, A-V)")]
    Alphabet(char),
    /// Too short for its header.
    #[error("not a PAY by square code: it is shorter than its 4-byte header")]
    Short,
    /// Another by square document (an invoice, say) or an unknown version.
    #[error("not a PAY by square payment order: header {0:02X?}")]
    Header([u8; 2]),
    /// The LZMA data is damaged.
    #[error("the compressed data of the code is damaged: {0}")]
    Lzma(String),
    /// The CRC32 does not match the fields.
    #[error("the code's checksum does not match its content: the code is damaged")]
    Checksum,
    /// The fields are not those of a payment order.
    #[error("the code's fields are not a payment order: {0}")]
    Fields(&'static str),
}

/// The fields of one payment order, as a bank app reads them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PayFields {
    /// Invoice id (may be empty).
    pub invoice_id: String,
    /// Amount, a decimal with a dot (`25.3`).
    pub amount: String,
    /// ISO 4217 code.
    pub currency: String,
    /// Due date `YYYYMMDD` (may be empty).
    pub due_date: String,
    /// Variable symbol.
    pub variable_symbol: String,
    /// Constant symbol.
    pub constant_symbol: String,
    /// Specific symbol.
    pub specific_symbol: String,
    /// Originator's reference (SEPA end-to-end reference).
    pub reference: String,
    /// Note for the payer.
    pub note: String,
    /// The first account's IBAN.
    pub iban: String,
    /// The first account's BIC (may be empty).
    pub bic: String,
    /// The beneficiary's name.
    pub beneficiary: String,
}

/// An amount as PAY by square writes a number: no trailing zeros (`25.3`, `246`).
fn pbs_amount(m: Money) -> String {
    let a = m.minor().unsigned_abs();
    match a % 100 {
        0 => format!("{}", a / 100),
        c if c % 10 == 0 => format!("{}.{}", a / 100, c / 10),
        c => format!("{}.{c:02}", a / 100),
    }
}

/// Tabs would split a field, so they (and any control character) become spaces.
fn field(s: &str, max: usize) -> String {
    truncate(&ascii_fold(s), max)
}

impl PayFields {
    /// The fields of a payment request, folded to ASCII (some banks refuse diacritics).
    pub fn of(r: &PaymentRequest) -> Self {
        Self {
            invoice_id: String::new(),
            amount: pbs_amount(r.amount),
            currency: r.amount.currency().code().into(),
            due_date: r.due.strftime("%Y%m%d").to_string(),
            variable_symbol: r
                .variable_symbol
                .as_ref()
                .map(|v| v.as_str().to_string())
                .unwrap_or_default(),
            constant_symbol: String::new(),
            specific_symbol: String::new(),
            reference: r
                .reference
                .as_deref()
                .map(|s| field(s, 35))
                .unwrap_or_default(),
            note: field(&r.message, 140),
            iban: r.beneficiary.iban.as_str().into(),
            bic: r
                .beneficiary
                .bic
                .as_ref()
                .map(|b| b.as_str().to_string())
                .unwrap_or_default(),
            beneficiary: field(&r.beneficiary.name, 70),
        }
    }

    fn serialize(&self) -> String {
        [
            self.invoice_id.as_str(),
            "1", // one payment
            "1", // a payment order
            &self.amount,
            &self.currency,
            &self.due_date,
            &self.variable_symbol,
            &self.constant_symbol,
            &self.specific_symbol,
            &self.reference,
            &self.note,
            "1", // one account
            &self.iban,
            &self.bic,
            "0", // no standing order extension
            "0", // no direct debit extension
            &self.beneficiary,
            "", // street
            "", // city
        ]
        .join("\t")
    }

    fn deserialize(text: &str) -> Result<Self, BySquareError> {
        let f: Vec<&str> = text.split('\t').collect();
        let get = |i: usize| f.get(i).copied().unwrap_or_default().to_string();
        if get(1) != "1" {
            return Err(BySquareError::Fields("only one payment per code is read"));
        }
        if get(2) != "1" {
            return Err(BySquareError::Fields(
                "not a payment order (a standing order or direct debit)",
            ));
        }
        let accounts: usize = get(11)
            .parse()
            .map_err(|_| BySquareError::Fields("the number of accounts is not a number"))?;
        if accounts == 0 {
            return Err(BySquareError::Fields("no account"));
        }
        // After the accounts: the two extension flags (both 0 for a payment order), then the
        // beneficiary (spec 1.1.0 onwards; absent in older codes).
        let after = 12 + 2 * accounts + 2;
        Ok(Self {
            invoice_id: get(0),
            amount: get(3),
            currency: get(4),
            due_date: get(5),
            variable_symbol: get(6),
            constant_symbol: get(7),
            specific_symbol: get(8),
            reference: get(9),
            note: get(10),
            iban: get(12),
            bic: get(13),
            beneficiary: get(after),
        })
    }
}

fn lzma_options() -> lzma_rust2::LzmaOptions {
    let mut o = lzma_rust2::LzmaOptions::with_preset(6);
    o.dict_size = DICT_SIZE;
    o.lc = 3;
    o.lp = 0;
    o.pb = 2;
    o
}

/// The PAY by square text of a payment request (what the QR code holds).
///
/// ```
/// use podpora_payments::{bysquare, examples};
/// let text = bysquare::encode(&examples::prepayment_sk());
/// assert!(text.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'V').contains(&b)));
/// let back = bysquare::decode(&text)?;
/// assert_eq!((back.amount.as_str(), back.currency.as_str()), ("246", "EUR"));
/// assert_eq!(back.variable_symbol, "4711");
/// # Ok::<(), podpora_payments::BySquareError>(())
/// ```
pub fn encode(request: &PaymentRequest) -> String {
    encode_fields(&PayFields::of(request))
}

/// The PAY by square text of the given fields.
pub fn encode_fields(fields: &PayFields) -> String {
    let text = fields.serialize();
    let mut data = crc32fast::hash(text.as_bytes()).to_le_bytes().to_vec();
    data.extend_from_slice(text.as_bytes());
    let mut compressed = Vec::new();
    // Writing into a Vec cannot fail and the options are fixed and valid, so the errors the
    // writer's signature allows do not arise here; an empty body would then fail to decode.
    if let Ok(mut w) =
        lzma_rust2::LzmaWriter::new_no_header(&mut compressed, &lzma_options(), false)
    {
        let _ = w.write_all(&data);
        let _ = w.finish();
    }
    // The length field is 16 bits; the fields are capped well below 64 KiB.
    let len = u16::try_from(data.len()).unwrap_or(u16::MAX);
    let mut out = vec![0x00, 0x00];
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&compressed);
    base32hex(&out)
}

/// Reads a PAY by square text back into its fields, checking header and checksum.
pub fn decode(text: &str) -> Result<PayFields, BySquareError> {
    let bytes = unbase32hex(text.trim())?;
    if bytes.len() < 4 {
        return Err(BySquareError::Short);
    }
    let header = [bytes[0], bytes[1]];
    // High nibble of the first byte: 0 = pay; low nibble: version 0, 1 or 2.
    if header[0] >> 4 != 0 || header[0] & 0x0F > 2 || header[1] >> 4 != 0 {
        return Err(BySquareError::Header(header));
    }
    let len = u64::from(u16::from_le_bytes([bytes[2], bytes[3]]));
    let mut reader = lzma_rust2::LzmaReader::new(&bytes[4..], len, 3, 0, 2, DICT_SIZE, None)
        .map_err(|e| BySquareError::Lzma(e.to_string()))?;
    let mut data = Vec::new();
    reader
        .read_to_end(&mut data)
        .map_err(|e| BySquareError::Lzma(e.to_string()))?;
    if data.len() < 4 {
        return Err(BySquareError::Short);
    }
    let (crc, body) = data.split_at(4);
    if crc32fast::hash(body).to_le_bytes() != crc {
        return Err(BySquareError::Checksum);
    }
    let text = std::str::from_utf8(body).map_err(|_| BySquareError::Fields("not UTF-8"))?;
    PayFields::deserialize(text)
}

fn base32hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = ((acc << 8) | u32::from(b)) & 0xFFFF;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((acc >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((acc << (5 - bits)) & 31) as usize]));
    }
    out
}

fn unbase32hex(text: &str) -> Result<Vec<u8>, BySquareError> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.chars() {
        let v = c
            .to_digit(32)
            .filter(|_| !c.is_ascii_lowercase())
            .ok_or(BySquareError::Alphabet(c))?;
        acc = ((acc << 5) | v) & 0xFFFF;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xFF) as u8);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_the_published_test_vector() {
        // From the reference implementation's decoder tests: invoice 2015001, 25.30 EUR.
        let f = decode("0004I0006UC5LT8E21H3IC1K9R40P82GJL22NTU0586BBEOEKDMQSVUUBAOP1C0FFE14UJA1F1LJMV0FONE35J05TRC77FTIMV87NKNANNOFJB684000").unwrap();
        assert_eq!(f.invoice_id, "2015001");
        assert_eq!(f.amount, "25.3");
        assert_eq!(f.currency, "EUR");
        assert_eq!(f.iban, "SK4523585719461382368397");
        assert_eq!(f.beneficiary, "John Doe");
    }

    #[test]
    fn reads_a_note_with_diacritics() {
        let f = decode("00054000DG4GL2L1JL66N01P4GCBG05KQEPULNMP9EB7MEE935VG4P4B1BDBN7MV4GU13R7DMGU9O93QEI2KQJLPTFFU7GJNP6QL0UADVHOQ3B0OP0OO5P4L58M918PG00").unwrap();
        assert_eq!((f.amount.as_str(), f.note.as_str()), ("45.55", "bendzín"));
        assert_eq!(f.beneficiary, "Jane Doe");
    }

    #[test]
    fn damage_is_reported_not_panicked() {
        assert_eq!(decode("00"), Err(BySquareError::Short));
        assert_eq!(decode("00w"), Err(BySquareError::Alphabet('w')));
        // One character changed in the middle of the compressed data.
        assert!(decode("0004I0006UC5LT8E21H3IC1K9R40P82GJL22NTU0586BBEOEKDMQSVUUBAOP1C0FFE14UJA1F1LJMV0FONE35J05TRC77FTIMV87NKNANNOFJB684000").is_ok());
        assert!(decode("0004I0006UC5LT8E21H3IC1K9R41P82GJL22NTU0586BBEOEKDMQSVUUBAOP1C0FFE14UJA1F1LJMV0FONE35J05TRC77FTIMV87NKNANNOFJB684000").is_err());
        assert!(matches!(decode("G0000000"), Err(BySquareError::Header(_))));
    }

    #[test]
    fn amounts_are_written_as_plain_numbers() {
        let e = |m| pbs_amount(Money::from_minor(m, podpora_billing::Currency::EUR));
        assert_eq!(
            [e(2530), e(24600), e(4555), e(5)],
            ["25.3", "246", "45.55", "0.05"]
        );
    }

    proptest! {
        #[test]
        fn base32hex_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            prop_assert_eq!(unbase32hex(&base32hex(&bytes)).unwrap(), bytes);
        }

        #[test]
        fn any_note_round_trips(note in "[ -~]{0,140}", minor in 1i64..100_000_000) {
            let mut fields = PayFields::of(&crate::examples::prepayment_sk());
            fields.note = note.trim().to_string();
            fields.amount = pbs_amount(Money::from_minor(minor, podpora_billing::Currency::EUR));
            prop_assert_eq!(decode(&encode_fields(&fields)).unwrap(), fields);
        }
    }
}
