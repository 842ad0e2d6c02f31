//! Support plans: money in minor units, the hand-over window of a new contract, the order in
//! which staff serve requests, and the signals that a customer should buy a plan
//! (R-20 … R-24, R-49).

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// An amount of money in minor units (cents, haléře, grosze) with its ISO 4217 currency.
///
/// Money is never a float: 45 EUR is `{ amount_minor: 4500, currency: "EUR" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// Amount in minor units, e.g. 4500 for 45.00.
    pub amount_minor: i64,
    /// ISO 4217 code, three capital letters, e.g. `EUR`, `CZK`, `PLN`.
    pub currency: String,
}

impl Money {
    /// Checks the amount is not negative and the currency is three capital letters.
    ///
    /// ```
    /// use podpora_core::plan::Money;
    /// assert!(Money { amount_minor: 4500, currency: "EUR".into() }.validate().is_ok());
    /// assert!(Money { amount_minor: 4500, currency: "eur".into() }.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), String> {
        if self.amount_minor < 0 {
            return Err("must not be negative".into());
        }
        if self.currency.len() != 3 || !self.currency.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(format!(
                "currency {:?} is not an ISO 4217 code such as EUR, CZK or PLN",
                self.currency
            ));
        }
        Ok(())
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.amount_minor < 0 { "-" } else { "" };
        let a = self.amount_minor.unsigned_abs();
        write!(f, "{sign}{}.{:02} {}", a / 100, a % 100, self.currency)
    }
}

/// The last day a plan may start after a hand-over on `handed_over`, `months` later (R-21).
///
/// A hand-over on 31 January with a one-month window may start until 28 (or 29) February: the
/// day is clamped to the end of the shorter month.
///
/// ```
/// use jiff::civil::date;
/// use podpora_core::plan::last_start_after_handover;
/// assert_eq!(last_start_after_handover(date(2026, 1, 15), 3), Some(date(2026, 4, 15)));
/// assert_eq!(last_start_after_handover(date(2026, 11, 30), 3), Some(date(2027, 2, 28)));
/// ```
pub fn last_start_after_handover(
    handed_over: jiff::civil::Date,
    months: u32,
) -> Option<jiff::civil::Date> {
    handed_over
        .checked_add(jiff::Span::new().months(i64::from(months)))
        .ok()
}

/// Checks a plan start against the hand-over window; the error is the reason to show.
pub fn check_handover_window(
    handed_over: jiff::civil::Date,
    starts_on: jiff::civil::Date,
    months: u32,
) -> Result<(), String> {
    let last = last_start_after_handover(handed_over, months)
        .ok_or_else(|| "the hand-over date is out of range".to_string())?;
    if starts_on > last {
        Err(format!(
            "a plan can start at most {months} month(s) after the installation hand-over: hand-over on {handed_over}, so the last possible start was {last}; {starts_on} is too late"
        ))
    } else {
        Ok(())
    }
}

/// What decides one ticket's place in the service queue (R-23).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueKey {
    /// The rank of the customer's plan; `None` for customers on the basic service.
    pub plan_rank: Option<i64>,
    /// Urgent (an unforeseeable failure) rather than normal.
    pub urgent: bool,
    /// How many of our staff's personal addresses the request was copied to besides a support
    /// address (R-14); 0 for a request sent to support alone.
    pub staff_copies: u32,
    /// The earliest due time of the ticket's running SLA clocks (epoch ms).
    pub due_at: Option<i64>,
    /// When it was reported (epoch ms), the last tie-breaker with the ticket id.
    pub created_at: i64,
    /// Ticket id, for a total order.
    pub id: i64,
}

/// The service order: plan customers first, a higher plan rank first, urgent before normal,
/// a request copied to fewer of our staff before one copied to more (a mail sent to several
/// people at once must not jump ahead of equal requests by reaching more of them), then the
/// earliest SLA due time (tickets without a running clock after those with one), then
/// the oldest report.
///
/// ```
/// use podpora_core::plan::{QueueKey, queue_order};
/// let plan = QueueKey { plan_rank: Some(1), urgent: false, staff_copies: 0, due_at: None, created_at: 5, id: 2 };
/// let basic = QueueKey { plan_rank: None, urgent: true, staff_copies: 0, due_at: Some(1), created_at: 1, id: 1 };
/// assert!(queue_order(&plan, &basic).is_lt());
/// ```
pub fn queue_order(a: &QueueKey, b: &QueueKey) -> Ordering {
    b.plan_rank
        .is_some()
        .cmp(&a.plan_rank.is_some())
        .then_with(|| b.plan_rank.cmp(&a.plan_rank))
        .then_with(|| b.urgent.cmp(&a.urgent))
        .then_with(|| a.staff_copies.cmp(&b.staff_copies))
        .then_with(|| match (a.due_at, b.due_at) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| a.created_at.cmp(&b.created_at))
        .then_with(|| a.id.cmp(&b.id))
}

/// One earlier request of an organization, as the upsell rule sees it.
#[derive(Debug, Clone)]
pub struct PastRequest {
    /// Its category, if any.
    pub category: Option<String>,
    /// Its subject.
    pub subject: String,
}

/// One reason an organization without a plan is a plan candidate (R-49). It reads in English
/// through `Display`; the pages word each kind in the reader's language from its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpsellReason {
    /// Paid service this many times in the period.
    PaidService {
        /// How many times.
        times: usize,
    },
    /// This many requests of one category.
    RepeatedCategory {
        /// The category's code.
        category: String,
        /// How many requests.
        requests: usize,
    },
    /// This many questions alike, such as the one with `subject`.
    SimilarQuestions {
        /// How many.
        questions: usize,
        /// The subject of one of them.
        subject: String,
    },
}

impl std::fmt::Display for UpsellReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UpsellReason::PaidService { times } => {
                write!(f, "paid service {times} times in the last six months")
            }
            UpsellReason::RepeatedCategory { category, requests } => write!(
                f,
                "{requests} requests in category {category:?} in the last six months"
            ),
            UpsellReason::SimilarQuestions { questions, subject } => write!(
                f,
                "{questions} similar questions like {subject:?} in the last six months"
            ),
        }
    }
}

/// Why an organization without a plan is a plan candidate (R-49); empty when it is not.
///
/// Paid service more than once in the period, or at least `repeat` requests that are alike:
/// of one category, or with subjects sharing most of their words (folded, words of four or more
/// letters, at least half of the smaller set).
pub fn upsell_reasons(
    paid_services: usize,
    requests: &[PastRequest],
    repeat: usize,
) -> Vec<UpsellReason> {
    let mut out = Vec::new();
    if paid_services > 1 {
        out.push(UpsellReason::PaidService {
            times: paid_services,
        });
    }
    let mut by_category: std::collections::BTreeMap<&str, usize> = Default::default();
    for r in requests {
        if let Some(c) = r.category.as_deref() {
            *by_category.entry(c).or_default() += 1;
        }
    }
    for (c, n) in by_category {
        if n >= repeat {
            out.push(UpsellReason::RepeatedCategory {
                category: c.to_string(),
                requests: n,
            });
        }
    }
    let words: Vec<std::collections::BTreeSet<String>> = requests
        .iter()
        .map(|r| {
            crate::text::fold(&r.subject)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 4)
                .map(String::from)
                .collect()
        })
        .collect();
    for (i, w) in words.iter().enumerate() {
        if w.is_empty() {
            continue;
        }
        let alike = words
            .iter()
            .filter(|o| {
                let common = w.intersection(o).count();
                !o.is_empty() && common * 2 >= w.len().min(o.len()) && common > 0
            })
            .count();
        if alike >= repeat {
            out.push(UpsellReason::SimilarQuestions {
                questions: alike,
                subject: requests[i].subject.clone(),
            });
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn key(id: i64, rank: Option<i64>, urgent: bool, due: Option<i64>) -> QueueKey {
        QueueKey {
            plan_rank: rank,
            urgent,
            staff_copies: 0,
            due_at: due,
            created_at: 100 - id,
            id,
        }
    }

    #[test]
    fn queue_follows_the_documented_rule() {
        let mut v = [
            key(1, None, true, Some(1)),
            key(2, Some(1), false, Some(50)),
            key(3, Some(3), false, None),
            key(4, Some(3), true, Some(90)),
            key(5, Some(1), false, Some(10)),
            key(6, None, false, Some(2)),
            key(7, Some(3), true, Some(80)),
        ];
        v.sort_by(queue_order);
        let ids: Vec<i64> = v.iter().map(|k| k.id).collect();
        assert_eq!(ids, [7, 4, 3, 5, 2, 1, 6]);
    }

    #[test]
    fn a_request_copied_to_staff_goes_after_equal_requests() {
        // Copied to two people, due first and reported first: still after the one sent to
        // support alone, but not after a lower plan or a normal request.
        let copied = QueueKey {
            staff_copies: 2,
            ..key(1, Some(1), false, Some(10))
        };
        let mut v = [
            copied,
            key(2, Some(1), false, Some(20)),
            key(3, None, false, Some(5)),
        ];
        v.sort_by(queue_order);
        let ids: Vec<i64> = v.iter().map(|k| k.id).collect();
        assert_eq!(ids, [2, 1, 3]);
        let once = QueueKey {
            staff_copies: 1,
            ..key(4, Some(1), false, Some(30))
        };
        assert!(queue_order(&once, &v[1]).is_lt());
        let urgent = QueueKey {
            staff_copies: 5,
            ..key(5, Some(1), true, None)
        };
        assert!(queue_order(&urgent, &v[0]).is_lt());
    }

    #[test]
    fn handover_window_refuses_a_late_start_with_the_dates() {
        assert!(check_handover_window(date(2026, 1, 10), date(2026, 4, 10), 3).is_ok());
        let e = check_handover_window(date(2026, 1, 10), date(2026, 4, 11), 3).unwrap_err();
        assert!(e.contains("2026-04-10") && e.contains("3 month"), "{e}");
    }

    #[test]
    fn money_shows_minor_units() {
        let m = Money {
            amount_minor: 35_000,
            currency: "EUR".into(),
        };
        assert_eq!(m.to_string(), "350.00 EUR");
        assert!(
            Money {
                amount_minor: -1,
                currency: "EUR".into()
            }
            .validate()
            .is_err()
        );
    }

    #[test]
    fn upsell_flags_paid_service_and_repeated_questions() {
        assert!(upsell_reasons(1, &[], 3).is_empty());
        assert_eq!(
            upsell_reasons(2, &[], 3)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            ["paid service 2 times in the last six months"]
        );
        let q = |s: &str| PastRequest {
            category: None,
            subject: s.into(),
        };
        let alike = [
            q("Ako nastaviť presmerovanie hovorov?"),
            q("Presmerovanie hovorov nefunguje"),
            q("Znova presmerovanie hovorov na mobil"),
        ];
        assert_eq!(upsell_reasons(0, &alike, 3).len(), 1);
        let different = [
            q("Faktúra"),
            q("Nová linka pre recepciu"),
            q("Heslo k portálu"),
        ];
        assert!(upsell_reasons(0, &different, 3).is_empty());
    }
}
