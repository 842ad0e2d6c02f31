//! Matching a statement's credits to open payment requests, by reference and amount.
//!
//! A credit is matched to the open request whose variable symbol equals the entry's, or whose
//! reference equals the entry's end-to-end id or a creditor reference, or stands in its
//! remittance text. The amount then decides: exactly what is left is [`Outcome::Paid`], less
//! is [`Outcome::Partial`], more is [`Outcome::Overpaid`]. Several requests with the same
//! reference, a currency that differs, or no request at all go to a person.
//!
//! Matching is a pure function of the entries, the open requests with what they have
//! received, and the ids of the entries already imported: an entry already imported is
//! [`Outcome::AlreadyImported`] and changes nothing, so importing a statement twice is
//! harmless.

use crate::camt::{Direction, Entry, EntryId};
use crate::request::VariableSymbol;
use podpora_billing::Money;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A request that waits for money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenRequest<K> {
    /// The caller's key of the request.
    pub key: K,
    /// The amount asked.
    pub amount: Money,
    /// What earlier payments brought (zero at first).
    pub received: Money,
    /// Its variable symbol.
    pub variable_symbol: Option<VariableSymbol>,
    /// Its payment reference.
    pub reference: Option<String>,
}

/// What became of one credit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome<K> {
    /// The request is paid in full.
    Paid {
        /// The request.
        request: K,
    },
    /// Less than was left to pay arrived.
    Partial {
        /// The request.
        request: K,
        /// What is still to pay after this credit.
        remaining: Money,
    },
    /// More than was left to pay arrived (or the request was already paid).
    Overpaid {
        /// The request.
        request: K,
        /// What arrived beyond the amount.
        excess: Money,
    },
    /// The reference fits the request, but the money is in another currency.
    CurrencyMismatch {
        /// The request.
        request: K,
    },
    /// The reference fits several requests.
    Ambiguous {
        /// The requests it fits.
        requests: Vec<K>,
    },
    /// No open request has the entry's reference.
    Unknown,
    /// The entry was imported before; nothing changes.
    AlreadyImported,
}

impl<K> Outcome<K> {
    /// Whether a person must decide what the money is for.
    pub fn needs_person(&self) -> bool {
        !matches!(self, Outcome::Paid { .. } | Outcome::AlreadyImported)
    }
}

/// The outcome of one credit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Matched<K> {
    /// The entry's identity (to be stored as imported).
    pub entry: EntryId,
    /// The amount credited.
    pub amount: Money,
    /// What it was matched to.
    pub outcome: Outcome<K>,
}

/// Compares references as banks print them: case and spaces do not matter.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

/// The open requests by variable symbol and by normalised reference, so a statement of
/// thousands of entries is matched without comparing every entry with every request.
struct Index {
    by_vs: HashMap<String, Vec<usize>>,
    by_reference: HashMap<String, Vec<usize>>,
    /// The lengths of references long enough to be looked for inside remittance text.
    lengths: Vec<usize>,
}

/// References shorter than this are only matched whole (end-to-end id, creditor
/// reference): inside free text they would match by accident.
const MIN_IN_TEXT: usize = 4;

impl Index {
    fn new<K>(open: &[OpenRequest<K>]) -> Self {
        let mut by_vs: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_reference: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in open.iter().enumerate() {
            if let Some(vs) = &r.variable_symbol {
                by_vs.entry(vs.as_str().to_string()).or_default().push(i);
            }
            if let Some(reference) = r.reference.as_deref().map(norm).filter(|r| !r.is_empty()) {
                by_reference.entry(reference).or_default().push(i);
            }
        }
        let mut lengths: Vec<usize> = by_reference
            .keys()
            .map(String::len)
            .filter(|l| *l >= MIN_IN_TEXT)
            .collect();
        lengths.sort_unstable();
        lengths.dedup();
        Self {
            by_vs,
            by_reference,
            lengths,
        }
    }

    /// The requests an entry fits, in the order of `open`.
    fn candidates(&self, e: &Entry) -> Vec<usize> {
        let mut found: Vec<usize> = Vec::new();
        let mut add = |ids: Option<&Vec<usize>>| found.extend(ids.into_iter().flatten());
        if let Some(vs) = &e.variable_symbol {
            add(self.by_vs.get(vs.as_str()));
        }
        if let Some(id) = &e.end_to_end_id {
            add(self.by_reference.get(&norm(id)));
        }
        for r in &e.creditor_references {
            add(self.by_reference.get(&norm(r)));
        }
        let text = norm(&e.remittance);
        for &len in &self.lengths {
            for start in 0..text.len().saturating_sub(len - 1) {
                if let Some(window) = text.get(start..start + len) {
                    add(self.by_reference.get(window));
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Matches the booked credits of `entries` to `open` requests; debits, reversals and pending
/// entries are left out. `imported` holds the ids of entries imported before.
///
/// ```
/// use podpora_billing::{Currency, Money};
/// use podpora_payments::{VariableSymbol, camt, matching::*};
/// let statements = camt::parse(include_str!("../tests/data/camt053-sk-v08.xml"))?;
/// let open = vec![OpenRequest {
///     key: "ticket 4711",
///     amount: Money::from_minor(24_600, Currency::EUR),
///     received: Money::zero(Currency::EUR),
///     variable_symbol: VariableSymbol::parse("4711").ok(),
///     reference: None,
/// }];
/// let results = match_entries(&statements[0].entries, &open, &Default::default());
/// assert_eq!(results[0].outcome, Outcome::Paid { request: "ticket 4711" });
/// # Ok::<(), podpora_payments::CamtError>(())
/// ```
pub fn match_entries<K: Clone + Eq + std::hash::Hash>(
    entries: &[Entry],
    open: &[OpenRequest<K>],
    imported: &HashSet<EntryId>,
) -> Vec<Matched<K>> {
    // What each request has received, including credits earlier in this batch.
    let mut received: HashMap<K, Money> =
        open.iter().map(|r| (r.key.clone(), r.received)).collect();
    let mut seen: HashSet<&EntryId> = HashSet::new();
    let index = Index::new(open);
    let mut out = Vec::new();
    for e in entries {
        if e.direction != Direction::Credit || e.reversal || !e.booked {
            continue;
        }
        let outcome = if imported.contains(&e.id) || !seen.insert(&e.id) {
            Outcome::AlreadyImported
        } else {
            let candidates: Vec<&OpenRequest<K>> =
                index.candidates(e).into_iter().map(|i| &open[i]).collect();
            match candidates.as_slice() {
                [] => Outcome::Unknown,
                [r] if r.amount.currency() != e.amount.currency() => Outcome::CurrencyMismatch {
                    request: r.key.clone(),
                },
                [r] => settle(r, e.amount, &mut received),
                many => Outcome::Ambiguous {
                    requests: many.iter().map(|r| r.key.clone()).collect(),
                },
            }
        };
        out.push(Matched {
            entry: e.id.clone(),
            amount: e.amount,
            outcome,
        });
    }
    out
}

fn settle<K: Clone + Eq + std::hash::Hash>(
    r: &OpenRequest<K>,
    credit: Money,
    received: &mut HashMap<K, Money>,
) -> Outcome<K> {
    let before = received.get(&r.key).copied().unwrap_or(r.received);
    let minor = |m: Money| i128::from(m.minor());
    let left = minor(r.amount) - minor(before);
    let after = left - minor(credit);
    received.insert(
        r.key.clone(),
        Money::from_minor(
            before.minor().saturating_add(credit.minor()),
            credit.currency(),
        ),
    );
    let money = |v: i128| {
        Money::from_minor(
            i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX }),
            credit.currency(),
        )
    };
    match after {
        0 => Outcome::Paid {
            request: r.key.clone(),
        },
        a if a > 0 => Outcome::Partial {
            request: r.key.clone(),
            remaining: money(a),
        },
        a => Outcome::Overpaid {
            request: r.key.clone(),
            excess: money(-a).min_by_minor(credit),
        },
    }
}

/// The smaller of two amounts of one currency (an excess is never more than the credit).
trait MinByMinor {
    fn min_by_minor(self, other: Self) -> Self;
}

impl MinByMinor for Money {
    fn min_by_minor(self, other: Self) -> Self {
        if self.minor() <= other.minor() {
            self
        } else {
            other
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::camt::Entry;
    use podpora_billing::Currency;
    use proptest::prelude::*;

    fn credit(i: usize, minor: i64) -> Entry {
        Entry {
            id: EntryId(format!("e{i}")),
            account: "SK3112000000198742637541".into(),
            booking_date: jiff::civil::date(2026, 12, 4),
            amount: Money::from_minor(minor, Currency::EUR),
            direction: Direction::Credit,
            reversal: false,
            booked: true,
            bank_reference: Some(format!("r{i}")),
            end_to_end_id: None,
            remittance: "/VS/77".into(),
            creditor_references: vec![],
            variable_symbol: VariableSymbol::parse("77").ok(),
            counterparty: None,
            counterparty_account: None,
        }
    }

    proptest! {
        /// However a payment is split, the last part settles it exactly when the parts add
        /// up to the amount, and every earlier part is partial with the right remainder.
        #[test]
        fn split_payments_add_up(parts in proptest::collection::vec(1i64..50_000, 1..6), extra in -1i64..2) {
            let total: i64 = parts.iter().sum::<i64>() - extra;
            prop_assume!(total > 0);
            let open = [OpenRequest {
                key: 1,
                amount: Money::from_minor(total, Currency::EUR),
                received: Money::zero(Currency::EUR),
                variable_symbol: VariableSymbol::parse("77").ok(),
                reference: None,
            }];
            let entries: Vec<Entry> = parts.iter().enumerate().map(|(i, &m)| credit(i, m)).collect();
            let results = match_entries(&entries, &open, &HashSet::new());
            let mut paid = 0;
            for (m, &part) in results.iter().zip(&parts) {
                paid += part;
                let expected = match total - paid {
                    0 => Outcome::Paid { request: 1 },
                    left if left > 0 => Outcome::Partial {
                        request: 1,
                        remaining: Money::from_minor(left, Currency::EUR),
                    },
                    left => Outcome::Overpaid {
                        request: 1,
                        excess: Money::from_minor((-left).min(part), Currency::EUR),
                    },
                };
                prop_assert_eq!(&m.outcome, &expected);
            }
        }
    }
}
