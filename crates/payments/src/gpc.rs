//! The Czech ABO/GPC statement format (`.gpc`), as Czech banks export it beside camt.053, read
//! into the same [`Statement`]s and [`Entry`]s.
//!
//! A file is lines of 128 characters: a `074` line opens a statement (account, balances, the
//! statement's number and date), each `075` line is one movement (counter-account, the bank's
//! reference, amount in haléře, the accounting code, variable, constant and specific symbols,
//! dates, the payer's name, currency). `078` and `079` lines carry the payer's message of the
//! movement before them; `076` lines (more detail) are skipped. Files come in Windows-1250 more
//! often than in UTF-8: bytes that are not UTF-8 are read as Windows-1250.

use crate::camt::{Direction, Entry, EntryId, Statement};
use crate::request::VariableSymbol;
use jiff::civil::Date;
use podpora_billing::{Currency, Money};

/// Why a GPC file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GpcError {
    /// No `074` line first.
    #[error(
        "not an ABO/GPC statement: the first line must be a 074 statement header; export the statement as GPC or camt.053"
    )]
    NoHeader,
    /// A field is not what the format allows.
    #[error("line {line}: {what}")]
    Invalid {
        /// The line, from 1.
        line: usize,
        /// What is wrong.
        what: String,
    },
}

/// Windows-1250 above 0x7F; `\u{FFFD}` where the code page has no character.
const CP1250_HIGH: [char; 128] = [
    '€', '\u{FFFD}', '‚', '\u{FFFD}', '„', '…', '†', '‡', '\u{FFFD}', '‰', 'Š', '‹', 'Ś', 'Ť', 'Ž',
    'Ź', '\u{FFFD}', '\u{2018}', '\u{2019}', '“', '”', '•', '–', '—', '\u{FFFD}', '™', 'š', '›',
    'ś', 'ť', 'ž', 'ź', '\u{A0}', 'ˇ', '˘', 'Ł', '¤', 'Ą', '¦', '§', '¨', '©', 'Ş', '«', '¬',
    '\u{AD}', '®', 'Ż', '°', '±', '˛', 'ł', '´', 'µ', '¶', '·', '¸', 'ą', 'ş', '»', 'Ľ', '˝', 'ľ',
    'ż', 'Ŕ', 'Á', 'Â', 'Ă', 'Ä', 'Ĺ', 'Ć', 'Ç', 'Č', 'É', 'Ę', 'Ë', 'Ě', 'Í', 'Î', 'Ď', 'Đ', 'Ń',
    'Ň', 'Ó', 'Ô', 'Ő', 'Ö', '×', 'Ř', 'Ů', 'Ú', 'Ű', 'Ü', 'Ý', 'Ţ', 'ß', 'ŕ', 'á', 'â', 'ă', 'ä',
    'ĺ', 'ć', 'ç', 'č', 'é', 'ę', 'ë', 'ě', 'í', 'î', 'ď', 'đ', 'ń', 'ň', 'ó', 'ô', 'ő', 'ö', '÷',
    'ř', 'ů', 'ú', 'ű', 'ü', 'ý', 'ţ', '˙',
];

/// The file's text: UTF-8 as it is, anything else as Windows-1250.
pub fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes
            .iter()
            .map(|&b| {
                if b < 0x80 {
                    char::from(b)
                } else {
                    CP1250_HIGH[usize::from(b - 0x80)]
                }
            })
            .collect(),
    }
}

/// Whether a text looks like a GPC file (its first line is a `074` header), so one import
/// takes either format.
pub fn looks_like(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with("074")
}

/// One line as characters, padded to 128 (some banks trim trailing spaces).
struct Line {
    chars: Vec<char>,
    number: usize,
}

impl Line {
    /// Characters `from` to `to` (1-based, both included), as the format's tables count.
    fn field(&self, from: usize, to: usize) -> String {
        self.chars[from - 1..to].iter().collect()
    }

    fn bad(&self, what: impl Into<String>) -> GpcError {
        GpcError::Invalid {
            line: self.number,
            what: what.into(),
        }
    }

    fn digits(&self, from: usize, to: usize, name: &str) -> Result<String, GpcError> {
        let f = self.field(from, to);
        if f.chars().all(|c| c.is_ascii_digit()) {
            Ok(f)
        } else {
            Err(self.bad(format!(
                "{name} (characters {from}–{to}) must be digits, not {:?}",
                f.trim()
            )))
        }
    }

    /// A date `DDMMYY`; `None` for zeros or blanks.
    fn date(&self, from: usize, name: &str) -> Result<Option<Date>, GpcError> {
        let f = self.field(from, from + 5);
        if f.trim().is_empty() || f == "000000" {
            return Ok(None);
        }
        let bad = || self.bad(format!("{name} {f:?} is not a date DDMMYY"));
        if !f.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let n = |i: usize| f[i..i + 2].parse::<i8>().map_err(|_| bad());
        let (d, m, y) = (n(0)?, n(2)?, n(4)?);
        Date::new(2000 + i16::from(y), m, d)
            .map(Some)
            .map_err(|_| bad())
    }
}

/// A Czech account number `prefix-number/bank` from the format's 16 digits (6 of prefix, 10
/// of number) and a bank code, without leading zeros.
fn account(digits: &str, bank: &str) -> String {
    let (prefix, number) = digits.split_at(digits.len().saturating_sub(10));
    let prefix = prefix.trim_start_matches('0');
    let number = number.trim_start_matches('0');
    let mut out = String::new();
    if !prefix.is_empty() {
        out.push_str(prefix);
        out.push('-');
    }
    out.push_str(if number.is_empty() { "0" } else { number });
    if !bank.trim().is_empty() && !bank.trim_start_matches('0').is_empty() {
        out.push('/');
        out.push_str(bank.trim());
    }
    out
}

/// The currency of an ISO 4217 numeric code as GPC writes it (`0203`); blank is CZK, the
/// format's home.
fn currency(line: &Line) -> Result<Currency, GpcError> {
    let code = line.field(119, 122);
    match code.trim().trim_start_matches('0') {
        "" | "203" => Ok(Currency::CZK),
        "978" => Ok(Currency::EUR),
        "985" => Ok(Currency::PLN),
        other => Err(line.bad(format!(
            "currency {other} (ISO 4217 number) is not one of CZK (203), EUR (978), PLN (985)"
        ))),
    }
}

/// Reads a GPC file's statements and their movements.
///
/// ```
/// use podpora_payments::gpc;
/// let head = format!("074{:0>16}{:<20}{}{}", "1920001453", "Novak IT", "011126",
///     "00000000000000+00000000108900+00000000000000+00000000108900+001021126");
/// let line = format!("075{:0>16}{:0>16}{:0>13}{:0>12}2{:0>10}0008000308{:0>10}021126{:<20}00203021126",
///     "1920001453", "19123456", "4711", "108900", "202600001", "0", "Pekarna Novotny");
/// let s = gpc::parse(&format!("{head:<128}\r\n{line}\r\n"))?;
/// let e = &s[0].entries[0];
/// assert_eq!(e.amount.to_string(), "1089.00 CZK");
/// assert_eq!(e.variable_symbol.as_ref().unwrap().as_str(), "202600001");
/// assert_eq!(e.counterparty_account.as_deref(), Some("19123456/0800"));
/// # Ok::<(), gpc::GpcError>(())
/// ```
pub fn parse(text: &str) -> Result<Vec<Statement>, GpcError> {
    let text = text.trim_start_matches('\u{feff}');
    let mut statements: Vec<Statement> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() {
            continue;
        }
        let mut chars: Vec<char> = raw.chars().collect();
        if chars.len() > 128 {
            return Err(GpcError::Invalid {
                line: i + 1,
                what: format!("{} characters; a GPC line has 128", chars.len()),
            });
        }
        chars.resize(128, ' ');
        let line = Line {
            chars,
            number: i + 1,
        };
        match line.field(1, 3).as_str() {
            "074" => {
                let digits = line.digits(4, 19, "the account")?;
                let number = line.field(106, 108);
                let date = line
                    .date(109, "the statement's date")?
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                let account = account(&digits, "");
                statements.push(Statement {
                    id: format!("{account} {} {date}", number.trim())
                        .trim()
                        .to_string(),
                    account,
                    entries: Vec::new(),
                });
            }
            "075" => {
                let Some(st) = statements.last_mut() else {
                    return Err(GpcError::NoHeader);
                };
                let entry = movement(&line, st)?;
                st.entries.push(entry);
            }
            "078" | "079" => {
                let text = line.field(4, 128);
                if let Some(e) = statements.last_mut().and_then(|s| s.entries.last_mut()) {
                    let text = text.trim();
                    if !text.is_empty() {
                        if !e.remittance.is_empty() {
                            e.remittance.push(' ');
                        }
                        e.remittance.push_str(text);
                    }
                }
            }
            "076" => {}
            _ if statements.is_empty() => return Err(GpcError::NoHeader),
            other => {
                return Err(line.bad(format!(
                    "record type {other:?}: a GPC line starts with 074, 075, 076, 078 or 079"
                )));
            }
        }
    }
    if statements.is_empty() {
        return Err(GpcError::NoHeader);
    }
    Ok(statements)
}

/// One `075` movement of statement `st`.
fn movement(line: &Line, st: &Statement) -> Result<Entry, GpcError> {
    let counter = line.digits(20, 35, "the counter-account")?;
    let reference = line
        .field(36, 48)
        .trim()
        .trim_start_matches('0')
        .to_string();
    let minor: i64 = line
        .digits(49, 60, "the amount")?
        .parse()
        .map_err(|_| line.bad("the amount is too large"))?;
    let (direction, reversal) = match line.field(61, 61).as_str() {
        "1" => (Direction::Debit, false),
        "2" => (Direction::Credit, false),
        // A reversed debit brings money back, a reversed credit takes it away: neither is a payment.
        "4" => (Direction::Credit, true),
        "5" => (Direction::Debit, true),
        other => {
            return Err(line.bad(format!(
                "accounting code {other:?} (character 61) must be 1, 2, 4 or 5"
            )));
        }
    };
    let vs = line.field(62, 71);
    let vs = vs.trim().trim_start_matches('0');
    let variable_symbol = if vs.is_empty() {
        None
    } else {
        Some(
            VariableSymbol::parse(vs)
                .map_err(|e| line.bad(format!("the variable symbol {vs:?}: {e}")))?,
        )
    };
    let bank = line.field(74, 77);
    let booking_date = match (
        line.date(123, "the booking date")?,
        line.date(92, "the value date")?,
    ) {
        (Some(d), _) | (None, Some(d)) => d,
        (None, None) => return Err(line.bad("neither a booking date nor a value date")),
    };
    let name = line.field(98, 117).trim().to_string();
    let counter_zero = counter.trim_start_matches('0').is_empty();
    let id = if reference.is_empty() {
        // Without the bank's reference: what the line says, with its place in the statement.
        format!(
            "GPC:{}:{}:{}",
            st.account,
            line.field(4, 128).trim(),
            st.entries.len()
        )
    } else {
        format!("GPC:{}:{reference}", st.account)
    };
    Ok(Entry {
        id: EntryId(id),
        account: st.account.clone(),
        booking_date,
        amount: Money::from_minor(minor, currency(line)?),
        direction,
        reversal,
        booked: true,
        bank_reference: (!reference.is_empty()).then_some(reference),
        end_to_end_id: None,
        remittance: String::new(),
        creditor_references: Vec::new(),
        variable_symbol,
        counterparty: (!name.is_empty()).then_some(name),
        counterparty_account: (!counter_zero).then(|| account(&counter, &bank)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A statement header of account 19-2000145399, statement 12 of 4 Dec 2026.
    fn header() -> String {
        let l = format!(
            "074{:0>16}{:<20}031226{:0>14}+{:0>14}+{:0>14}+{:0>14}+012041226",
            "0000192000145399", "NOVAK IT SRO", "100000", "229900", "0", "129900"
        );
        format!("{l:<128}")
    }

    /// A movement line.
    #[allow(clippy::too_many_arguments)]
    fn movement(
        counter: &str,
        reference: &str,
        haler: &str,
        code: char,
        vs: &str,
        bank: &str,
        name: &str,
        currency: &str,
    ) -> String {
        format!(
            "075{:0>16}{:0>16}{:0>13}{:0>12}{code}{:0>10}00{bank}0308{:0>10}041226{:<20}0{currency}041226",
            "0000192000145399", counter, reference, haler, vs, "0", name
        )
    }

    fn statement() -> String {
        [
            header(),
            movement(
                "0000000019123456",
                "4711",
                "108900",
                '2',
                "202600001",
                "0800",
                "Pekárna Novotný",
                "0203",
            ),
            "078Faktura 202600001 dekujeme".to_string(),
            movement(
                "0000350000123457",
                "4712",
                "25000",
                '1',
                "0",
                "0100",
                "Najem kancelare",
                "0203",
            ),
            movement(
                "0000000019123456",
                "4713",
                "10000",
                '5',
                "17",
                "0800",
                "Storno",
                "0203",
            ),
            movement("0000000000000000", "", "999", '2', "0", "0000", "", "0978"),
        ]
        .join("\r\n")
    }

    #[test]
    fn a_statement_is_read_with_its_movements() {
        let s = parse(&statement()).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].account, "19-2000145399");
        assert_eq!(s[0].id, "19-2000145399 012 2026-12-04");
        let e = &s[0].entries;
        assert_eq!(e.len(), 4);
        assert_eq!(e[0].amount, Money::from_minor(108_900, Currency::CZK));
        assert_eq!(e[0].direction, Direction::Credit);
        assert!(!e[0].reversal && e[0].booked);
        assert_eq!(e[0].variable_symbol.as_ref().unwrap().as_str(), "202600001");
        assert_eq!(e[0].counterparty.as_deref(), Some("Pekárna Novotný"));
        assert_eq!(e[0].counterparty_account.as_deref(), Some("19123456/0800"));
        assert_eq!(e[0].booking_date, jiff::civil::date(2026, 12, 4));
        assert_eq!(e[0].remittance, "Faktura 202600001 dekujeme");
        assert_eq!(e[0].id.0, "GPC:19-2000145399:4711");
        assert_eq!(e[1].direction, Direction::Debit);
        assert_eq!(e[1].variable_symbol, None);
        assert_eq!(e[1].counterparty_account.as_deref(), Some("35-123457/0100"));
        assert!(e[2].reversal);
        assert_eq!(e[3].amount, Money::from_minor(999, Currency::EUR));
        assert_eq!(e[3].counterparty_account, None);
        assert!(
            e[3].id.0.starts_with("GPC:19-2000145399:0000192000145399"),
            "{}",
            e[3].id.0
        );
    }

    #[test]
    fn the_same_file_gives_the_same_identities() {
        let a = parse(&statement()).unwrap();
        let b = parse(&statement()).unwrap();
        let ids = |s: &[Statement]| {
            s[0].entries
                .iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&a), ids(&b));
    }

    #[test]
    fn windows_1250_is_read() {
        let mut bytes = Vec::new();
        for c in statement().chars() {
            match c {
                'á' => bytes.push(0xE1),
                'ý' => bytes.push(0xFD),
                c => bytes.push(u8::try_from(u32::from(c)).unwrap()),
            }
        }
        let text = decode(&bytes);
        assert!(looks_like(&text));
        let s = parse(&text).unwrap();
        assert_eq!(
            s[0].entries[0].counterparty.as_deref(),
            Some("Pekárna Novotný")
        );
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        assert_eq!(parse("hello"), Err(GpcError::NoHeader));
        assert_eq!(parse(""), Err(GpcError::NoHeader));
        assert!(!looks_like("<?xml version=\"1.0\"?>"));
        let bad_amount = statement().replace("000000108900", "0000001089X0");
        let e = parse(&bad_amount).unwrap_err().to_string();
        assert!(e.starts_with("line 2: the amount"), "{e}");
        let bad_code = format!(
            "{}\r\n{}",
            header(),
            movement("1", "1", "100", '9', "1", "0800", "X", "0203")
        );
        let e = parse(&bad_code).unwrap_err().to_string();
        assert!(e.contains("accounting code \"9\""), "{e}");
        let bad_currency = format!(
            "{}\r\n{}",
            header(),
            movement("1", "1", "100", '2', "1", "0800", "X", "0840")
        );
        let e = parse(&bad_currency).unwrap_err().to_string();
        assert!(e.contains("currency 840"), "{e}");
        let long = format!("{}{}", header(), "x");
        assert!(
            parse(&long)
                .unwrap_err()
                .to_string()
                .contains("129 characters")
        );
    }
}
