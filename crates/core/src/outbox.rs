//! The delivery state of a message in the outbox.

use crate::ticket::string_enum;
use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

string_enum!(
    /// Where an outgoing message is in its delivery.
    OutboxStatus {
        /// Waiting for its (next) attempt.
        Queued = "queued",
        /// Accepted by the relay.
        Sent = "sent",
        /// Given up: refused for good, or too many attempts.
        Failed = "failed",
        /// Accepted, then returned by a delivery status report.
        Bounced = "bounced",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_and_unknown_ones_are_refused() {
        for s in OutboxStatus::ALL {
            assert_eq!(s.as_str().parse::<OutboxStatus>(), Ok(*s));
        }
        assert!("sending".parse::<OutboxStatus>().is_err());
    }
}
