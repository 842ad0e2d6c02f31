//! Invoice numbers: a series per supplier and year, numbered without gaps.
//!
//! The allocator is pure: given the last number issued in the series (the store reads it in
//! the same transaction that writes the new invoice, so two issuers cannot take one number),
//! it returns the next. A new year starts again at 1.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why no number could be allocated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberingError {
    /// The series has used all its numbers for the year.
    #[error(
        "series {prefix:?} has used all {max} numbers of {year}: widen the series or use another"
    )]
    Exhausted {
        /// The series' prefix.
        prefix: String,
        /// The year.
        year: i16,
        /// The largest number.
        max: u32,
    },
    /// A prefix that would make numbers unusable as references.
    #[error("a series prefix is at most 6 capital letters or digits; got {0:?}")]
    Prefix(String),
    /// The last number given is of another year or series.
    #[error("the last number {0} is not of this series and year")]
    Foreign(String),
}

/// A series: a prefix, a year and the number of digits of the sequence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Series {
    /// Letters or digits before the year, e.g. `FV`; may be empty.
    pub prefix: String,
    /// The year of issue.
    pub year: i16,
    /// Digits of the sequence (4 to 6): `202600001` has 5.
    pub digits: u8,
}

/// An allocated number: series and sequence, written `{prefix}{year}{sequence}`.
///
/// ```
/// use podpora_invoicing::{InvoiceNumber, Series};
/// let series = Series { prefix: String::new(), year: 2026, digits: 5 };
/// let first = series.next(None)?;
/// assert_eq!(first.to_string(), "202600001");
/// assert_eq!(series.next(Some(&first))?.to_string(), "202600002");
/// # Ok::<(), podpora_invoicing::NumberingError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct InvoiceNumber {
    /// The series.
    pub series: Series,
    /// The sequence within the series and year, from 1.
    pub sequence: u32,
}

impl Series {
    /// Checks the prefix: up to 6 capital letters or digits.
    pub fn validate(&self) -> Result<(), NumberingError> {
        let ok = self.prefix.len() <= 6
            && self
                .prefix
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if ok {
            Ok(())
        } else {
            Err(NumberingError::Prefix(self.prefix.clone()))
        }
    }

    fn max(&self) -> u32 {
        10u32.saturating_pow(u32::from(self.digits.clamp(4, 6))) - 1
    }

    /// The number after `last` (the last issued in this series and year), or the first.
    pub fn next(&self, last: Option<&InvoiceNumber>) -> Result<InvoiceNumber, NumberingError> {
        self.validate()?;
        let sequence = match last {
            None => 1,
            Some(l) if l.series != *self => return Err(NumberingError::Foreign(l.to_string())),
            Some(l) => l.sequence + 1,
        };
        if sequence > self.max() {
            return Err(NumberingError::Exhausted {
                prefix: self.prefix.clone(),
                year: self.year,
                max: self.max(),
            });
        }
        Ok(InvoiceNumber {
            series: self.clone(),
            sequence,
        })
    }
}

impl InvoiceNumber {
    /// The digits without the prefix, usable as a variable symbol when they are at most 10.
    pub fn digits(&self) -> String {
        let width = usize::from(self.series.digits.clamp(4, 6));
        format!("{}{:0width$}", self.series.year, self.sequence)
    }
}

impl fmt::Display for InvoiceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.series.prefix, self.digits())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn series(year: i16) -> Series {
        Series {
            prefix: "FV".into(),
            year,
            digits: 4,
        }
    }

    #[test]
    fn a_full_series_is_an_error_not_a_wrap() {
        let last = InvoiceNumber {
            series: series(2026),
            sequence: 9999,
        };
        assert!(matches!(
            series(2026).next(Some(&last)),
            Err(NumberingError::Exhausted { max: 9999, .. })
        ));
    }

    #[test]
    fn a_new_year_starts_at_one_and_other_series_are_refused() {
        let last = InvoiceNumber {
            series: series(2026),
            sequence: 41,
        };
        assert!(matches!(
            series(2027).next(Some(&last)),
            Err(NumberingError::Foreign(_))
        ));
        assert_eq!(series(2027).next(None).unwrap().to_string(), "FV20270001");
        assert!(matches!(
            Series {
                prefix: "fv/".into(),
                year: 2026,
                digits: 5
            }
            .next(None),
            Err(NumberingError::Prefix(_))
        ));
    }

    proptest! {
        /// Numbers allocated one after another have no gaps and no repeats.
        #[test]
        fn numbering_has_no_gaps(n in 1usize..300, digits in 4u8..=6) {
            let s = Series { prefix: String::new(), year: 2026, digits };
            let mut last: Option<InvoiceNumber> = None;
            for expected in 1..=n {
                let next = s.next(last.as_ref()).unwrap();
                prop_assert_eq!(next.sequence as usize, expected);
                prop_assert!(next.digits().len() <= 10);
                last = Some(next);
            }
        }
    }
}
