//! Instants and durations as `i128` nanoseconds inside the arithmetic loops, converted with
//! 64-bit division whenever the value fits (years 1678–2262): a 128-bit division is a slow
//! library call, and these conversions sit on the hot path.

use crate::CalendarError;
use jiff::{SignedDuration, Timestamp};

/// Nanoseconds in a second.
pub(crate) const NS: i128 = 1_000_000_000;
const NS64: i64 = 1_000_000_000;

#[inline]
pub(crate) fn to_ns(t: Timestamp) -> i128 {
    i128::from(t.as_second()) * NS + i128::from(t.subsec_nanosecond())
}

/// Whole seconds (floor) and the nanoseconds left over.
#[inline]
pub(crate) fn split(ns: i128) -> (i64, i32) {
    let (secs, nanos) = match i64::try_from(ns) {
        Ok(n) => (
            i128::from(n.div_euclid(NS64)),
            i128::from(n.rem_euclid(NS64)),
        ),
        Err(_) => (ns.div_euclid(NS), ns.rem_euclid(NS)),
    };
    (
        i64::try_from(secs).unwrap_or(if secs < 0 { i64::MIN } else { i64::MAX }),
        // the remainder of a division by 10^9 fits an i32
        i32::try_from(nanos).unwrap_or(0),
    )
}

#[inline]
pub(crate) fn timestamp(ns: i128) -> Result<Timestamp, CalendarError> {
    let (secs, nanos) = split(ns);
    Timestamp::new(secs, nanos).map_err(|_| CalendarError::OutOfRange)
}

#[inline]
pub(crate) fn duration(ns: i128) -> SignedDuration {
    let (secs, nanos) = split(ns);
    SignedDuration::new(secs, nanos)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn conversions_round_trip(secs in -377_705_116_800i64..253_402_300_799, nanos in 0i32..1_000_000_000) {
            let t = Timestamp::new(secs, nanos).unwrap();
            prop_assert_eq!(to_ns(t), t.as_nanosecond());
            prop_assert_eq!(timestamp(to_ns(t)).unwrap(), t);
            let d = SignedDuration::new(secs, nanos);
            prop_assert_eq!(duration(d.as_nanos()), d);
        }
    }
}
