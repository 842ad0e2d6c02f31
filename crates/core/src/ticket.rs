//! Tickets: their human number, lifecycle, urgency, channels and article kinds.

use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v),* }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$v),*];

            /// The wire and storage name.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s),* }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($s => Ok($name::$v),)*
                    _ => Err(format!(
                        "unknown {} {s:?}: use one of {}",
                        stringify!($name).to_lowercase(),
                        [$($s),*].join(", ")
                    )),
                }
            }
        }
    };
}
pub(crate) use string_enum;

string_enum!(
    /// Where a ticket is in its life. Transitions are checked by [`TicketStatus::can_become`].
    TicketStatus {
        /// Reported, nobody has looked yet.
        New = "new",
        /// The customer has been told the request was received.
        Acknowledged = "acknowledged",
        /// Someone works on it.
        InProgress = "in_progress",
        /// Waits for the customer's answer; SLA clocks pause.
        WaitingForCustomer = "waiting_for_customer",
        /// Waits for the customer's payment; SLA clocks pause.
        WaitingForPayment = "waiting_for_payment",
        /// A visit or remote session is planned.
        Scheduled = "scheduled",
        /// Solved; the customer may still object.
        Resolved = "resolved",
        /// Done for good, unless reopened.
        Closed = "closed",
    }
);

impl TicketStatus {
    /// Whether the lifecycle allows moving from `self` to `to`.
    ///
    /// new → acknowledged → in progress → waiting for customer / waiting for payment / scheduled
    /// → resolved → closed; a resolved or closed ticket is reopened by moving it to in progress.
    ///
    /// ```
    /// use podpora_core::TicketStatus::*;
    /// assert!(New.can_become(Acknowledged));
    /// assert!(Closed.can_become(InProgress)); // reopen
    /// assert!(!New.can_become(Closed));
    /// ```
    pub fn can_become(self, to: TicketStatus) -> bool {
        use TicketStatus::*;
        if self == to {
            return false;
        }
        match self {
            New => matches!(
                to,
                Acknowledged
                    | InProgress
                    | WaitingForCustomer
                    | WaitingForPayment
                    | Scheduled
                    | Resolved
            ),
            Acknowledged => matches!(
                to,
                InProgress | WaitingForCustomer | WaitingForPayment | Scheduled | Resolved
            ),
            InProgress | WaitingForCustomer | WaitingForPayment | Scheduled => matches!(
                to,
                InProgress | WaitingForCustomer | WaitingForPayment | Scheduled | Resolved
            ),
            Resolved => matches!(to, Closed | InProgress),
            Closed => matches!(to, InProgress),
        }
    }

    /// The states a ticket may move to from here.
    pub fn next_states(self) -> Vec<TicketStatus> {
        Self::ALL
            .iter()
            .copied()
            .filter(|s| self.can_become(*s))
            .collect()
    }

    /// Open means somebody still owes work: not resolved and not closed.
    pub fn is_open(self) -> bool {
        !matches!(self, TicketStatus::Resolved | TicketStatus::Closed)
    }

    /// Statuses during which SLA clocks stand still (R-33).
    pub fn pauses_sla(self) -> bool {
        matches!(
            self,
            TicketStatus::WaitingForCustomer | TicketStatus::WaitingForPayment
        )
    }

    /// Checks a transition, with a message that lists what is allowed instead.
    pub fn transition(self, to: TicketStatus) -> Result<TicketStatus, String> {
        if self.can_become(to) {
            Ok(to)
        } else {
            let allowed: Vec<_> = self.next_states().iter().map(|s| s.as_str()).collect();
            Err(format!(
                "a ticket cannot go from {self} to {to}; from {self} it may go to: {}",
                allowed.join(", ")
            ))
        }
    }
}

/// What a customer's new message does to a ticket, whatever channel it came by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerMessage {
    /// The ticket is new or being worked on: the message is added, the status stays.
    Adds,
    /// The ticket waited for the customer (or the customer's payment): it is in progress again
    /// and its clocks run.
    Resumes,
    /// The ticket was resolved or closed within the reopen window: it is in progress again.
    Reopens,
    /// The ticket was finished longer ago than the reopen window: the message is a new request
    /// (mail opens one that follows the old ticket).
    TooLate,
}

impl CustomerMessage {
    /// The status the ticket moves to, if it moves.
    pub fn new_status(self) -> Option<TicketStatus> {
        match self {
            CustomerMessage::Resumes | CustomerMessage::Reopens => Some(TicketStatus::InProgress),
            CustomerMessage::Adds | CustomerMessage::TooLate => None,
        }
    }
}

impl TicketStatus {
    /// What a customer's message at `now` does to a ticket in this status that was finished
    /// (resolved or closed) at `finished_at`, with a reopen window of `reopen_window_ms`.
    /// Instants are epoch milliseconds.
    ///
    /// ```
    /// use podpora_core::{CustomerMessage, TicketStatus::*};
    /// const DAY: i64 = 86_400_000;
    /// assert_eq!(WaitingForCustomer.on_customer_message(0, DAY, 14 * DAY), CustomerMessage::Resumes);
    /// assert_eq!(Closed.on_customer_message(0, 14 * DAY, 14 * DAY), CustomerMessage::Reopens);
    /// assert_eq!(Closed.on_customer_message(0, 15 * DAY, 14 * DAY), CustomerMessage::TooLate);
    /// ```
    pub fn on_customer_message(
        self,
        finished_at: i64,
        now: i64,
        reopen_window_ms: i64,
    ) -> CustomerMessage {
        if self.pauses_sla() {
            CustomerMessage::Resumes
        } else if self.is_open() {
            CustomerMessage::Adds
        } else if now.saturating_sub(finished_at) <= reopen_window_ms {
            CustomerMessage::Reopens
        } else {
            CustomerMessage::TooLate
        }
    }
}

string_enum!(
    /// How pressing a request is (R-24): urgent is an unforeseeable failure.
    Urgency {
        /// Unforeseeable failure.
        Urgent = "urgent",
        /// Everything else, including plannable work.
        Normal = "normal",
    }
);

impl Urgency {
    /// Higher rank is served first.
    pub fn rank(self) -> u8 {
        match self {
            Urgency::Urgent => 1,
            Urgency::Normal => 0,
        }
    }
}

string_enum!(
    /// The way a request came in.
    Channel {
        /// Inbound e-mail.
        Email = "email",
        /// The customer portal.
        Portal = "portal",
        /// A phone call logged by staff.
        Phone = "phone",
        /// A chat or instant-messaging conversation.
        Chat = "chat",
        /// The customer's own software, through the API (R-17).
        Api = "api",
    }
);

string_enum!(
    /// What kind of entry an article is.
    ArticleKind {
        /// A reply sent to the customer.
        PublicReply = "public_reply",
        /// A note only staff see.
        InternalNote = "internal_note",
        /// A message received by e-mail.
        InboundEmail = "inbound_email",
        /// A message the customer wrote in the portal or sent through the API.
        PortalMessage = "portal_message",
        /// Notes of a phone call.
        PhoneNote = "phone_note",
        /// A chat message.
        ChatMessage = "chat_message",
    }
);

impl ArticleKind {
    /// Whether the customer sees this article.
    pub fn is_public(self) -> bool {
        !matches!(self, ArticleKind::InternalNote)
    }
}

/// How ticket numbers look: `{prefix}{year}-{sequence}` with the sequence zero-padded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketNumberFormat {
    /// Text before the year, e.g. `""` or `"SD-"`.
    pub prefix: String,
    /// Minimum digits of the sequence.
    pub width: u8,
    /// The IANA time zone whose calendar year numbers the tickets: a ticket reported in
    /// Bratislava at 00:30 on 1 January belongs to the new year, though it is still the old one
    /// in UTC.
    pub time_zone: String,
}

/// The zone ticket numbers count years in unless configured otherwise (Slovakia, Czechia and
/// Poland share it).
pub const DEFAULT_NUMBER_TIME_ZONE: &str = "Europe/Bratislava";

impl Default for TicketNumberFormat {
    fn default() -> Self {
        Self {
            prefix: String::new(),
            width: 6,
            time_zone: DEFAULT_NUMBER_TIME_ZONE.into(),
        }
    }
}

impl TicketNumberFormat {
    /// Checks the prefix holds only characters safe in a mail subject tag and a URL.
    pub fn validate(&self) -> Result<(), String> {
        if self.prefix.len() > 16
            || !self
                .prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err("prefix may hold up to 16 letters, digits, '-' or '_'".into());
        }
        if !(1..=12).contains(&self.width) {
            return Err("width must be between 1 and 12".into());
        }
        if jiff::tz::TimeZone::get(&self.time_zone).is_err() {
            return Err(format!(
                "time_zone {:?} is not an IANA time zone; use a name such as Europe/Bratislava, Europe/Prague or Europe/Warsaw",
                self.time_zone
            ));
        }
        Ok(())
    }

    /// The numbering year of an instant (milliseconds since the Unix epoch): its calendar year
    /// in [`TicketNumberFormat::time_zone`].
    ///
    /// ```
    /// let f = podpora_core::TicketNumberFormat::default();
    /// // 2026-12-31T23:30:00Z is 00:30 on 1 January 2027 in Bratislava.
    /// assert_eq!(f.year_at(1_798_759_800_000), 2027);
    /// ```
    pub fn year_at(&self, ms: i64) -> i16 {
        // The zone is checked when the configuration is loaded; UTC only stands in for a
        // format that skipped that check.
        let zone = jiff::tz::TimeZone::get(&self.time_zone).unwrap_or(jiff::tz::TimeZone::UTC);
        jiff::Timestamp::from_millisecond(ms)
            .map(|t| t.to_zoned(zone).year())
            .unwrap_or(2026)
    }

    /// Formats the `seq`-th ticket of `year`.
    ///
    /// ```
    /// let f = podpora_core::TicketNumberFormat::default();
    /// assert_eq!(f.format(2026, 123).as_str(), "2026-000123");
    /// ```
    pub fn format(&self, year: i16, seq: i64) -> TicketNumber {
        TicketNumber(format!(
            "{}{year}-{seq:0width$}",
            self.prefix,
            width = usize::from(self.width)
        ))
    }
}

/// A ticket's human number, e.g. `2026-000123`: sequential per year and never reused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(try_from = "String", into = "String")]
#[schema(value_type = String, example = "2026-000123")]
pub struct TicketNumber(String);

impl TicketNumber {
    /// Accepts what a number can look like in any configured format: letters, digits, `-`, `_`.
    pub fn parse(s: &str) -> Result<Self, String> {
        let t = s.trim().trim_start_matches('#');
        if t.is_empty()
            || t.len() > 40
            || !t
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(format!(
                "{s:?} is not a ticket number: expected something like 2026-000123"
            ));
        }
        Ok(Self(t.to_string()))
    }

    /// The number as shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TicketNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for TicketNumber {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<TicketNumber> for String {
    fn from(v: TicketNumber) -> String {
        v.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TicketStatus::*;

    #[test]
    fn lifecycle_allows_the_documented_path() {
        let path = [
            New,
            Acknowledged,
            InProgress,
            WaitingForCustomer,
            InProgress,
            Resolved,
            Closed,
            InProgress,
        ];
        for w in path.windows(2) {
            assert!(w[0].can_become(w[1]), "{} -> {}", w[0], w[1]);
        }
    }

    #[test]
    fn lifecycle_refuses_shortcuts() {
        assert!(!New.can_become(Closed));
        assert!(!Closed.can_become(WaitingForCustomer));
        assert!(!Resolved.can_become(Acknowledged));
        assert!(!InProgress.can_become(New));
        let e = New.transition(Closed).unwrap_err();
        assert!(e.contains("acknowledged"), "{e}");
    }

    #[test]
    fn a_customer_message_resumes_or_reopens_and_every_move_is_allowed() {
        const DAY: i64 = 86_400_000;
        for from in TicketStatus::ALL {
            for (finished, now) in [(0, DAY), (0, 30 * DAY)] {
                let m = from.on_customer_message(finished, now, 14 * DAY);
                if let Some(to) = m.new_status() {
                    assert!(from.can_become(to), "{from} -> {to} by {m:?}");
                }
            }
        }
        assert_eq!(
            New.on_customer_message(0, DAY, 14 * DAY),
            CustomerMessage::Adds
        );
        assert_eq!(
            WaitingForPayment.on_customer_message(0, 99 * DAY, 14 * DAY),
            CustomerMessage::Resumes
        );
        assert_eq!(
            Resolved.on_customer_message(DAY, 15 * DAY, 14 * DAY),
            CustomerMessage::Reopens
        );
        assert_eq!(
            Resolved.on_customer_message(DAY, 15 * DAY + 1, 14 * DAY),
            CustomerMessage::TooLate
        );
    }

    #[test]
    fn nothing_goes_back_to_new() {
        for s in TicketStatus::ALL {
            assert!(!s.can_become(New));
        }
    }

    #[test]
    fn enums_round_trip_through_their_names() {
        for s in TicketStatus::ALL {
            assert_eq!(s.as_str().parse::<TicketStatus>().unwrap(), *s);
        }
        assert!(
            "open"
                .parse::<TicketStatus>()
                .unwrap_err()
                .contains("in_progress")
        );
        assert_eq!("email".parse::<Channel>().unwrap(), Channel::Email);
    }

    #[test]
    fn number_format() {
        let f = TicketNumberFormat {
            prefix: "SD-".into(),
            width: 4,
            ..Default::default()
        };
        assert_eq!(f.format(2026, 7).as_str(), "SD-2026-0007");
        assert_eq!(f.format(2026, 123456).as_str(), "SD-2026-123456");
        assert!(
            TicketNumberFormat {
                prefix: "a b".into(),
                ..Default::default()
            }
            .validate()
            .is_err()
        );
        let bad_zone = TicketNumberFormat {
            time_zone: "Europe/Bratislav".into(),
            ..Default::default()
        };
        assert!(
            bad_zone
                .validate()
                .unwrap_err()
                .contains("Europe/Bratislav")
        );
        // New Year's Eve 23:30 UTC: already the new year in Central Europe, not yet in UTC.
        let new_year_eve = 1_798_759_800_000;
        assert_eq!(TicketNumberFormat::default().year_at(new_year_eve), 2027);
        let utc = TicketNumberFormat {
            time_zone: "UTC".into(),
            ..Default::default()
        };
        assert_eq!(utc.year_at(new_year_eve), 2026);
        let warsaw = TicketNumberFormat {
            time_zone: "Europe/Warsaw".into(),
            ..Default::default()
        };
        assert_eq!(warsaw.year_at(new_year_eve - 3_600_000), 2026);
        assert_eq!(
            TicketNumber::parse("#2026-000001").unwrap().as_str(),
            "2026-000001"
        );
        assert!(TicketNumber::parse("../etc").is_err());
    }
}
