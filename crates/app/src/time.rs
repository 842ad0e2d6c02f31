//! The one place the application reads the clock, and how instants are shown.

/// Now, in epoch milliseconds (UTC).
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// An epoch-millisecond instant as RFC 3339 in UTC, e.g. `2026-11-23T05:22:55.123Z`.
pub fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_else(|_| ms.to_string())
}
