//! ISO 20022 camt.053 bank-to-customer statements (versions 001.02 to 001.08, as Slovak,
//! Czech and Polish banks export them) read into [`Entry`]s.
//!
//! Elements are found by their local names inside the `camt.053.001.NN` namespace, so the
//! differences between versions that matter here (`Sts` a code in 02, `Sts/Cd` from 05 on;
//! `Dbtr/Nm` in 02, `Dbtr/Pty/Nm` from 08 on) need no branch of their own.

use crate::request::VariableSymbol;
use jiff::civil::Date;
use podpora_billing::{Currency, Money};
use roxmltree::{Document, Node};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

const NAMESPACE_PREFIX: &str = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.";

/// Why a statement could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CamtError {
    /// Not well-formed XML.
    #[error("the statement is not well-formed XML: {0}")]
    Xml(String),
    /// Another document or version.
    #[error(
        "not a camt.053 statement of version 001.02 to 001.08 (namespace {0:?}): export the statement as ISO 20022 camt.053"
    )]
    Namespace(String),
    /// A required element is missing.
    #[error("statement {statement:?}, entry {entry}: {what} is missing")]
    Missing {
        /// The statement's `Id`.
        statement: String,
        /// The entry's position in the statement, from 1.
        entry: usize,
        /// What was expected.
        what: &'static str,
    },
    /// A value is not what the standard allows.
    #[error("statement {statement:?}, entry {entry}: {what}")]
    Invalid {
        /// The statement's `Id`.
        statement: String,
        /// The entry's position in the statement, from 1.
        entry: usize,
        /// What is wrong.
        what: String,
    },
}

/// Money in or out of the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    /// Money received (`CRDT`).
    Credit,
    /// Money paid out (`DBIT`).
    Debit,
}

/// An entry's identity: the same entry in a statement imported twice has the same one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntryId(pub String);

/// One booked movement on the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Identity for deduplication: the account and the bank's reference, or a hash.
    pub id: EntryId,
    /// The statement's account (IBAN, or the bank's own account id).
    pub account: String,
    /// Booking date.
    pub booking_date: Date,
    /// The amount, never negative; [`Entry::direction`] gives the sign.
    pub amount: Money,
    /// Credit or debit.
    pub direction: Direction,
    /// Whether the bank reverses an earlier entry with this one.
    pub reversal: bool,
    /// Whether it is booked (`BOOK`), not pending or informational.
    pub booked: bool,
    /// The bank's reference of the entry (`AcctSvcrRef`).
    pub bank_reference: Option<String>,
    /// The payer's end-to-end id (`EndToEndId`; `NOTPROVIDED` dropped).
    pub end_to_end_id: Option<String>,
    /// Unstructured remittance information (`Ustrd`), joined by spaces.
    pub remittance: String,
    /// Structured creditor references (`Strd/CdtrRefInf/Ref`).
    pub creditor_references: Vec<String>,
    /// The variable symbol, from `/VS/123`, `/VS123` or a reference of type `VS`.
    pub variable_symbol: Option<VariableSymbol>,
    /// The other party's name.
    pub counterparty: Option<String>,
    /// The other party's IBAN or account id.
    pub counterparty_account: Option<String>,
}

/// A statement: its id, account and entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// The statement's `Id`.
    pub id: String,
    /// The account (IBAN, or the bank's own account id).
    pub account: String,
    /// The entries in document order.
    pub entries: Vec<Entry>,
}

fn child<'a>(n: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    n.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// The first element at a path of local names below `n`, searching every branch.
fn at<'a>(n: Node<'a, 'a>, path: &[&str]) -> Option<Node<'a, 'a>> {
    match path.split_first() {
        None => Some(n),
        Some((first, rest)) => n
            .children()
            .filter(|c| c.is_element() && c.tag_name().name() == *first)
            .find_map(|c| at(c, rest)),
    }
}

fn text_at(n: Node, path: &[&str]) -> Option<String> {
    at(n, path)
        .and_then(|n| n.text())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

fn descendants_named<'a>(n: Node<'a, 'a>, name: &'a str) -> impl Iterator<Item = Node<'a, 'a>> {
    n.descendants()
        .filter(move |d| d.is_element() && d.tag_name().name() == name)
}

/// A camt amount (up to 5 decimals) as money; more than 2 significant decimals is refused.
fn amount(text: &str, currency: Currency) -> Option<Money> {
    let t = text.trim();
    let t = if t.contains('.') {
        t.trim_end_matches('0').trim_end_matches('.')
    } else {
        t
    };
    Money::parse(t, currency).ok().filter(|m| m.minor() >= 0)
}

/// The variable symbol in a Czech/Slovak reference text: `/VS/123`, `/VS123`, `VS:123`, `VS 123`.
///
/// ```
/// use podpora_payments::camt::variable_symbol_in;
/// let vs = |s| variable_symbol_in(s).map(|v| v.as_str().to_string());
/// assert_eq!(vs("/VS4711/SS/KS0308"), Some("4711".into()));
/// assert_eq!(vs("platba /VS/0002026015 dakujem"), Some("2026015".into()));
/// assert_eq!(vs("VS: 815"), Some("815".into()));
/// assert_eq!(vs("VSETKO OK"), None);
/// ```
pub fn variable_symbol_in(text: &str) -> Option<VariableSymbol> {
    let upper = text.to_ascii_uppercase();
    let mut from = 0;
    while let Some(pos) = upper[from..].find("VS") {
        let start = from + pos;
        from = start + 2;
        // "VS" must start a word or follow a slash: not the end of "NEVSE".
        if start > 0 && upper.as_bytes()[start - 1].is_ascii_alphanumeric() {
            continue;
        }
        let rest = upper[start + 2..].trim_start_matches(['/', ':', ' ']);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let followed_by_digit = rest
            .chars()
            .nth(digits.len())
            .is_some_and(|c| c.is_ascii_digit());
        if !digits.is_empty()
            && !followed_by_digit
            && let Ok(vs) = VariableSymbol::parse(&digits)
        {
            return Some(vs);
        }
    }
    None
}

fn entry_id(account: &str, bank_ref: Option<&str>, fallback: &str, ordinal: usize) -> EntryId {
    let key = match bank_ref {
        Some(r) => format!("{account}\u{1f}ref\u{1f}{r}"),
        None => format!("{account}\u{1f}hash\u{1f}{fallback}\u{1f}{ordinal}"),
    };
    EntryId(hex::encode(Sha256::digest(key.as_bytes())))
}

/// Reads the statements of a camt.053 document.
///
/// ```
/// let xml = include_str!("../tests/data/camt053-sk-v08.xml");
/// let statements = podpora_payments::camt::parse(xml)?;
/// let first = &statements[0].entries[0];
/// assert_eq!(first.amount.to_string(), "246.00 EUR");
/// assert_eq!(first.variable_symbol.as_ref().map(|v| v.as_str()), Some("4711"));
/// # Ok::<(), podpora_payments::CamtError>(())
/// ```
pub fn parse(xml: &str) -> Result<Vec<Statement>, CamtError> {
    let doc = Document::parse(xml).map_err(|e| CamtError::Xml(e.to_string()))?;
    let root = doc.root_element();
    let ns = root.tag_name().namespace().unwrap_or_default();
    let version: Option<u32> = ns
        .strip_prefix(NAMESPACE_PREFIX)
        .and_then(|v| v.parse().ok());
    if root.tag_name().name() != "Document" || !matches!(version, Some(2..=8)) {
        return Err(CamtError::Namespace(ns.to_string()));
    }
    let Some(body) = child(root, "BkToCstmrStmt") else {
        return Err(CamtError::Namespace(ns.to_string()));
    };
    body.children()
        .filter(|c| c.is_element() && c.tag_name().name() == "Stmt")
        .map(statement)
        .collect()
}

fn statement(stmt: Node) -> Result<Statement, CamtError> {
    let id = text_at(stmt, &["Id"]).unwrap_or_default();
    let account = text_at(stmt, &["Acct", "Id", "IBAN"])
        .or_else(|| text_at(stmt, &["Acct", "Id", "Othr", "Id"]))
        .ok_or_else(|| CamtError::Missing {
            statement: id.clone(),
            entry: 0,
            what: "the account (Acct/Id/IBAN or Acct/Id/Othr/Id)",
        })?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut entries = Vec::new();
    for (i, ntry) in stmt
        .children()
        .filter(|c| c.is_element() && c.tag_name().name() == "Ntry")
        .enumerate()
    {
        let mut e = entry(&id, i + 1, &account, ntry)?;
        if e.bank_reference.is_none() {
            // Entries without a bank reference are told apart by their content and, when
            // identical, by their order among identical ones.
            let key = format!(
                "{}|{}|{:?}|{:?}|{}|{}",
                e.booking_date,
                e.amount,
                e.direction,
                e.end_to_end_id,
                e.remittance,
                e.counterparty_account.as_deref().unwrap_or_default()
            );
            let n = seen.entry(key.clone()).or_default();
            *n += 1;
            e.id = entry_id(&account, None, &key, *n);
        }
        entries.push(e);
    }
    Ok(Statement {
        id,
        account,
        entries,
    })
}

fn entry(statement: &str, index: usize, account: &str, n: Node) -> Result<Entry, CamtError> {
    let missing = |what| CamtError::Missing {
        statement: statement.into(),
        entry: index,
        what,
    };
    let invalid = |what: String| CamtError::Invalid {
        statement: statement.into(),
        entry: index,
        what,
    };
    let amt = child(n, "Amt").ok_or_else(|| missing("Amt"))?;
    let code = amt
        .attribute("Ccy")
        .ok_or_else(|| missing("the currency (Amt/@Ccy)"))?;
    let currency = Currency::parse(code).map_err(|_| {
        invalid(format!(
            "the amount is in {code}: only accounts in EUR, CZK and PLN are read"
        ))
    })?;
    let value = amt.text().unwrap_or_default();
    let amount = amount(value, currency).ok_or_else(|| {
        invalid(format!(
            "{value:?} is not an amount with at most 2 decimals"
        ))
    })?;
    let direction = match text_at(n, &["CdtDbtInd"]).as_deref() {
        Some("CRDT") => Direction::Credit,
        Some("DBIT") => Direction::Debit,
        Some(other) => return Err(invalid(format!("CdtDbtInd {other:?} is not CRDT or DBIT"))),
        None => return Err(missing("CdtDbtInd")),
    };
    let status = text_at(n, &["Sts", "Cd"]).or_else(|| text_at(n, &["Sts"]));
    let date_text = text_at(n, &["BookgDt", "Dt"])
        .or_else(|| text_at(n, &["BookgDt", "DtTm"]).map(|t| t.chars().take(10).collect()))
        .or_else(|| text_at(n, &["ValDt", "Dt"]))
        .ok_or_else(|| missing("the booking date (BookgDt)"))?;
    let booking_date: Date = date_text
        .parse()
        .map_err(|_| invalid(format!("booking date {date_text:?} is not a date")))?;
    let bank_reference = text_at(n, &["AcctSvcrRef"]).or_else(|| text_at(n, &["NtryRef"]));
    let tx = at(n, &["NtryDtls", "TxDtls"]);
    let end_to_end_id = tx
        .and_then(|t| text_at(t, &["Refs", "EndToEndId"]))
        .filter(|s| s != "NOTPROVIDED");
    let remittance = descendants_named(n, "Ustrd")
        .filter_map(|u| u.text())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let mut creditor_references = Vec::new();
    let mut typed_vs = None;
    for cri in descendants_named(n, "CdtrRefInf") {
        let Some(r) = text_at(cri, &["Ref"]) else {
            continue;
        };
        let kind = text_at(cri, &["Tp", "CdOrPrtry", "Prtry"]);
        if kind.as_deref() == Some("VS") {
            typed_vs = VariableSymbol::parse(&r).ok();
        }
        creditor_references.push(r);
    }
    let variable_symbol = typed_vs
        .or_else(|| end_to_end_id.as_deref().and_then(variable_symbol_in))
        .or_else(|| {
            creditor_references
                .iter()
                .find_map(|r| variable_symbol_in(r))
        })
        .or_else(|| variable_symbol_in(&remittance));
    // The other party: the debtor of a credit, the creditor of a debit.
    let (party, party_acct) = match direction {
        Direction::Credit => ("Dbtr", "DbtrAcct"),
        Direction::Debit => ("Cdtr", "CdtrAcct"),
    };
    let parties = tx.and_then(|t| child(t, "RltdPties"));
    let counterparty = parties
        .and_then(|p| text_at(p, &[party, "Pty", "Nm"]).or_else(|| text_at(p, &[party, "Nm"])));
    let counterparty_account = parties.and_then(|p| {
        text_at(p, &[party_acct, "Id", "IBAN"])
            .or_else(|| text_at(p, &[party_acct, "Id", "Othr", "Id"]))
    });
    Ok(Entry {
        id: entry_id(account, bank_reference.as_deref(), "", 0),
        account: account.into(),
        booking_date,
        amount,
        direction,
        reversal: text_at(n, &["RvslInd"]).as_deref() == Some("true"),
        booked: status.as_deref() == Some("BOOK"),
        bank_reference,
        end_to_end_id,
        remittance,
        creditor_references,
        variable_symbol,
        counterparty,
        counterparty_account,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_with_trailing_zeros_are_exact() {
        let a = |s| amount(s, Currency::EUR).map(Money::minor);
        assert_eq!(a("246.00000"), Some(24_600));
        assert_eq!(a("8.5"), Some(850));
        assert_eq!(a("2700"), Some(270_000));
        assert_eq!(a("0.001"), None);
        assert_eq!(a("-1"), None);
    }

    #[test]
    fn a_variable_symbol_needs_a_word_boundary() {
        assert!(variable_symbol_in("NEVSE 123").is_none());
        assert!(variable_symbol_in("/VS12345678901").is_none(), "11 digits");
        assert_eq!(
            variable_symbol_in("xx/VS/55").map(|v| v.as_str().to_string()),
            Some("55".into())
        );
    }

    #[test]
    fn other_documents_are_refused() {
        let pain = r#"<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"/>"#;
        assert!(matches!(parse(pain), Err(CamtError::Namespace(_))));
        assert!(matches!(parse("<Document"), Err(CamtError::Xml(_))));
    }
}
