//! The mails podpora sends, and the variables each one's templates receive.

use crate::datetime::format_datetime;
use jiff::Zoned;
use minijinja::Value;
use podpora_core::Language;

/// A mail to render, with what it says.
#[derive(Debug, Clone, PartialEq)]
pub enum MailTemplate {
    /// A new request was registered: its number, how to add files, to keep the number.
    Confirmation {
        /// The request's number, e.g. `2026-000123`.
        ticket_number: String,
        /// The request's subject as the customer wrote it.
        subject: String,
        /// The contact's name, when known.
        contact_name: Option<String>,
        /// When the reaction is due, if an SLA applies.
        reaction_due: Option<Zoned>,
        /// The team signing the confirmation.
        team_name: String,
    },
    /// An agent answered the customer.
    AgentReply {
        /// The request's number.
        ticket_number: String,
        /// The request's subject.
        subject: String,
        /// The agent's name, as signature.
        agent_name: String,
        /// The answer, plain text.
        body_text: String,
    },
    /// Mail from an address that is no registered contact: how to register.
    UnknownSender {
        /// Where to write to ask for registration.
        support_address: String,
        /// The name of the company running the service desk.
        company_name: String,
        /// The unknown sender's address.
        sender: String,
    },
    /// A contact asked about a device or service it has no rights to.
    AssetNotPermitted {
        /// The request's number, if one was created.
        ticket_number: Option<String>,
        /// The subject of the contact's message.
        subject: String,
        /// The device or service, as named in the mail.
        asset: String,
    },
    /// The request is outside the support agreement; the agent's answer says what can be done.
    OutOfScope {
        /// The request's number.
        ticket_number: String,
        /// The request's subject.
        subject: String,
        /// The agent's answer, plain text.
        answer_text: String,
    },
    /// To staff: an SLA clock has used this share of its time.
    SlaWarning {
        /// The request's number.
        ticket_number: String,
        /// The request's subject.
        subject: String,
        /// Which clock.
        clock: ClockKind,
        /// When it is due.
        due: Zoned,
        /// How much of the time has been used, in percent.
        percent: u8,
    },
    /// To staff: an SLA clock has run out.
    SlaBreach {
        /// The request's number.
        ticket_number: String,
        /// The request's subject.
        subject: String,
        /// Which clock.
        clock: ClockKind,
        /// When it was due.
        due: Zoned,
    },
    /// The request was reopened.
    Reopened {
        /// The request's number.
        ticket_number: String,
        /// The request's subject.
        subject: String,
    },
    /// An invitation to the customer portal: a one-time link to set a password.
    PortalInvite {
        /// The link (with its one-time secret).
        link: String,
        /// Days the link stays valid.
        valid_days: u32,
    },
    /// A password reset the person asked for in the portal: a one-time link.
    PortalReset {
        /// The link (with its one-time secret).
        link: String,
        /// Minutes the link stays valid.
        valid_minutes: u32,
    },
    /// An offer of paid work on a request, with a one-time link to accept it.
    Offer {
        /// The request's number.
        ticket_number: String,
        /// The request's subject.
        subject: String,
        /// What will be done.
        description: String,
        /// The estimated minutes of work, if given.
        estimate_minutes: Option<u32>,
        /// The link (with its one-time secret) that shows the offer and its accept button.
        link: String,
        /// Days the link stays valid.
        valid_days: u32,
    },
    /// A quote with a deadline for the request, to accept or decline in the portal.
    QuoteOffered {
        /// The request's number.
        ticket_number: String,
        /// The request's subject.
        subject: String,
        /// The price in minor units.
        price_minor: i64,
        /// Its currency code (`EUR`, `CZK`, `PLN`).
        currency: String,
        /// What the price covers.
        covers: String,
        /// The deadline, in the customer's zone.
        deadline: Zoned,
    },
    /// A contact added or changed an address in the portal: a one-time link, sent to the new
    /// address, that puts it on record.
    PortalAddress {
        /// The link (with its one-time secret).
        link: String,
        /// The address to confirm.
        address: String,
        /// Hours the link stays valid.
        valid_hours: u32,
    },
}

/// An SLA clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClockKind {
    /// Until the request is acknowledged.
    Reaction,
    /// Until the first answer.
    FirstAnswer,
    /// Until it is resolved remotely.
    RemoteResolution,
    /// Until a technician is on site.
    Visit,
    /// Until it is resolved.
    Resolution,
    /// Until the deadline the customer accepted with a quote.
    AgreedDeadline,
}

impl ClockKind {
    /// Every clock.
    pub const ALL: [ClockKind; 6] = [
        ClockKind::Reaction,
        ClockKind::FirstAnswer,
        ClockKind::RemoteResolution,
        ClockKind::Visit,
        ClockKind::Resolution,
        ClockKind::AgreedDeadline,
    ];

    /// A stable identifier, given to templates as `clock_id`.
    pub fn as_str(self) -> &'static str {
        match self {
            ClockKind::Reaction => "reaction",
            ClockKind::FirstAnswer => "first-answer",
            ClockKind::RemoteResolution => "remote-resolution",
            ClockKind::Visit => "visit",
            ClockKind::Resolution => "resolution",
            ClockKind::AgreedDeadline => "agreed-deadline",
        }
    }

    /// The Fluent message that names the clock.
    pub fn message_id(self) -> &'static str {
        match self {
            ClockKind::Reaction => "clock-reaction",
            ClockKind::FirstAnswer => "clock-first-answer",
            ClockKind::RemoteResolution => "clock-remote-resolution",
            ClockKind::Visit => "clock-visit",
            ClockKind::Resolution => "clock-resolution",
            ClockKind::AgreedDeadline => "clock-agreed-deadline",
        }
    }
}

/// A rendered mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMail {
    /// One line, without the ticket tag (the sender adds `[#2026-000123]`).
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body; every value from outside is escaped.
    pub html: String,
}

impl MailTemplate {
    /// The template's name: its files are `mail/<name>.subject.txt`, `mail/<name>.txt` and `mail/<name>.html`.
    pub fn name(&self) -> &'static str {
        match self {
            MailTemplate::Confirmation { .. } => "confirmation",
            MailTemplate::AgentReply { .. } => "agent-reply",
            MailTemplate::UnknownSender { .. } => "unknown-sender",
            MailTemplate::AssetNotPermitted { .. } => "asset-not-permitted",
            MailTemplate::OutOfScope { .. } => "out-of-scope",
            MailTemplate::SlaWarning { .. } => "sla-warning",
            MailTemplate::SlaBreach { .. } => "sla-breach",
            MailTemplate::Reopened { .. } => "reopened",
            MailTemplate::PortalInvite { .. } => "portal-invite",
            MailTemplate::PortalReset { .. } => "portal-reset",
            MailTemplate::Offer { .. } => "offer",
            MailTemplate::QuoteOffered { .. } => "quote-offered",
            MailTemplate::PortalAddress { .. } => "portal-address",
        }
    }

    /// Every template name.
    pub const NAMES: [&'static str; 13] = [
        "confirmation",
        "agent-reply",
        "unknown-sender",
        "asset-not-permitted",
        "out-of-scope",
        "sla-warning",
        "sla-breach",
        "reopened",
        "portal-invite",
        "portal-reset",
        "offer",
        "quote-offered",
        "portal-address",
    ];

    /// The request's number, where the mail has one.
    pub fn ticket_number(&self) -> Option<&str> {
        match self {
            MailTemplate::Confirmation { ticket_number, .. }
            | MailTemplate::AgentReply { ticket_number, .. }
            | MailTemplate::OutOfScope { ticket_number, .. }
            | MailTemplate::SlaWarning { ticket_number, .. }
            | MailTemplate::SlaBreach { ticket_number, .. }
            | MailTemplate::Reopened { ticket_number, .. }
            | MailTemplate::Offer { ticket_number, .. }
            | MailTemplate::QuoteOffered { ticket_number, .. } => Some(ticket_number),
            MailTemplate::AssetNotPermitted { ticket_number, .. } => ticket_number.as_deref(),
            MailTemplate::UnknownSender { .. }
            | MailTemplate::PortalInvite { .. }
            | MailTemplate::PortalReset { .. }
            | MailTemplate::PortalAddress { .. } => None,
        }
    }

    /// The template variables, with dates already written in the language and clock names translated.
    pub(crate) fn variables(
        &self,
        lang: Language,
        clock_name: impl Fn(ClockKind) -> String,
    ) -> Vec<(&'static str, Value)> {
        let text = |s: &str| Value::from(s);
        let mut vars = vec![("lang", text(lang.as_str()))];
        match self {
            MailTemplate::Confirmation {
                ticket_number,
                subject,
                contact_name,
                reaction_due,
                team_name,
            } => vars.extend([
                ("ticket_number", text(ticket_number)),
                ("subject", text(subject)),
                ("contact_name", Value::from(contact_name.clone())),
                (
                    "reaction_due",
                    Value::from(reaction_due.as_ref().map(|z| format_datetime(lang, z))),
                ),
                ("team_name", text(team_name)),
            ]),
            MailTemplate::AgentReply {
                ticket_number,
                subject,
                agent_name,
                body_text,
            } => vars.extend([
                ("ticket_number", text(ticket_number)),
                ("subject", text(subject)),
                ("agent_name", text(agent_name)),
                ("body_text", text(body_text)),
            ]),
            MailTemplate::UnknownSender {
                support_address,
                company_name,
                sender,
            } => vars.extend([
                ("support_address", text(support_address)),
                ("company_name", text(company_name)),
                ("sender", text(sender)),
            ]),
            MailTemplate::AssetNotPermitted {
                ticket_number,
                subject,
                asset,
            } => vars.extend([
                ("ticket_number", Value::from(ticket_number.clone())),
                ("subject", text(subject)),
                ("asset", text(asset)),
            ]),
            MailTemplate::OutOfScope {
                ticket_number,
                subject,
                answer_text,
            } => vars.extend([
                ("ticket_number", text(ticket_number)),
                ("subject", text(subject)),
                ("answer_text", text(answer_text)),
            ]),
            MailTemplate::SlaWarning {
                ticket_number,
                subject,
                clock,
                due,
                percent,
            } => vars.extend([
                ("ticket_number", text(ticket_number)),
                ("subject", text(subject)),
                ("clock", Value::from(clock_name(*clock))),
                ("clock_id", text(clock.as_str())),
                ("due", Value::from(format_datetime(lang, due))),
                ("percent", Value::from(*percent)),
            ]),
            MailTemplate::SlaBreach {
                ticket_number,
                subject,
                clock,
                due,
            } => vars.extend([
                ("ticket_number", text(ticket_number)),
                ("subject", text(subject)),
                ("clock", Value::from(clock_name(*clock))),
                ("clock_id", text(clock.as_str())),
                ("due", Value::from(format_datetime(lang, due))),
            ]),
            MailTemplate::Reopened {
                ticket_number,
                subject,
            } => vars.extend([
                ("ticket_number", text(ticket_number)),
                ("subject", text(subject)),
            ]),
            MailTemplate::PortalInvite { link, valid_days } => vars.extend([
                ("link", text(link)),
                ("valid_days", Value::from(*valid_days)),
            ]),
            MailTemplate::PortalReset {
                link,
                valid_minutes,
            } => vars.extend([
                ("link", text(link)),
                ("valid_minutes", Value::from(*valid_minutes)),
            ]),
            MailTemplate::Offer {
                ticket_number,
                subject,
                description,
                estimate_minutes,
                link,
                valid_days,
            } => vars.extend([
                ("ticket_number", text(ticket_number)),
                ("subject", text(subject)),
                ("description", text(description)),
                ("estimate_minutes", Value::from(*estimate_minutes)),
                ("link", text(link)),
                ("valid_days", Value::from(*valid_days)),
            ]),
            MailTemplate::QuoteOffered {
                ticket_number,
                subject,
                price_minor,
                currency,
                covers,
                deadline,
            } => vars.extend([
                ("ticket_number", text(ticket_number)),
                ("subject", text(subject)),
                (
                    "price",
                    Value::from(crate::money::format_money(lang, *price_minor, currency)),
                ),
                ("covers", text(covers)),
                ("deadline", Value::from(format_datetime(lang, deadline))),
            ]),
            MailTemplate::PortalAddress {
                link,
                address,
                valid_hours,
            } => vars.extend([
                ("link", text(link)),
                ("address", text(address)),
                ("valid_hours", Value::from(*valid_hours)),
            ]),
        }
        vars
    }

    /// One example of every mail, covering each optional value both present and absent and every
    /// clock: used to check templates when a renderer is built, and for previews.
    pub fn samples() -> Vec<MailTemplate> {
        let due = sample_time();
        let ticket = || "2026-000123".to_string();
        let subject = || "Tlačiareň v kancelárii netlačí".to_string();
        let mut samples = vec![
            MailTemplate::Confirmation {
                ticket_number: ticket(),
                subject: subject(),
                contact_name: Some("Jana Nováková".to_string()),
                reaction_due: Some(due.clone()),
                team_name: "Servis IT".to_string(),
            },
            MailTemplate::Confirmation {
                ticket_number: ticket(),
                subject: subject(),
                contact_name: None,
                reaction_due: None,
                team_name: "Servis IT".to_string(),
            },
            MailTemplate::AgentReply {
                ticket_number: ticket(),
                subject: subject(),
                agent_name: "Peter Kováč".to_string(),
                body_text: "Dobrý deň,\n\nprosím, reštartujte tlačiareň.\n\nĎakujem".to_string(),
            },
            MailTemplate::UnknownSender {
                support_address: "podpora@servis.example".to_string(),
                company_name: "Servis IT s.r.o.".to_string(),
                sender: "neznamy@firma.example".to_string(),
            },
            MailTemplate::AssetNotPermitted {
                ticket_number: Some(ticket()),
                subject: subject(),
                asset: "PBX-1".to_string(),
            },
            MailTemplate::AssetNotPermitted {
                ticket_number: None,
                subject: subject(),
                asset: "PBX-1".to_string(),
            },
            MailTemplate::OutOfScope {
                ticket_number: ticket(),
                subject: subject(),
                answer_text: "Inštaláciu novej tlačiarne vám radi ponúkneme ako samostatnú službu."
                    .to_string(),
            },
            MailTemplate::Reopened {
                ticket_number: ticket(),
                subject: subject(),
            },
            MailTemplate::PortalInvite {
                link: "https://podpora.servis.example/portal/password/ppl_0123abcd".to_string(),
                valid_days: 7,
            },
            MailTemplate::PortalReset {
                link: "https://podpora.servis.example/portal/password/ppl_4567cdef".to_string(),
                valid_minutes: 60,
            },
            MailTemplate::Offer {
                ticket_number: ticket(),
                subject: subject(),
                description: "Výmena fixačnej jednotky tlačiarne".to_string(),
                estimate_minutes: Some(90),
                link: "https://podpora.servis.example/portal/offers/pol_89abcdef".to_string(),
                valid_days: 14,
            },
            MailTemplate::Offer {
                ticket_number: ticket(),
                subject: subject(),
                description: "Nastavenie zálohovania".to_string(),
                estimate_minutes: None,
                link: "https://podpora.servis.example/portal/offers/pol_01234567".to_string(),
                valid_days: 14,
            },
            MailTemplate::PortalAddress {
                link: "https://podpora.servis.example/portal/address/ppa_89abcdef".to_string(),
                address: "jana.nova@firma.sk".to_string(),
                valid_hours: 24,
            },
        ];
        samples.push(MailTemplate::QuoteOffered {
            ticket_number: ticket(),
            subject: subject(),
            price_minor: 120_050,
            currency: "CZK".to_string(),
            covers: "Výmena zdroja a nastavenie ústredne".to_string(),
            deadline: due.clone(),
        });
        for (i, clock) in ClockKind::ALL.into_iter().enumerate() {
            samples.push(MailTemplate::SlaWarning {
                ticket_number: ticket(),
                subject: subject(),
                clock,
                due: due.clone(),
                percent: 80u8.saturating_add(u8::try_from(i).unwrap_or(0)),
            });
            samples.push(MailTemplate::SlaBreach {
                ticket_number: ticket(),
                subject: subject(),
                clock,
                due: due.clone(),
            });
        }
        samples
    }
}

/// 2 November 2026, 11:30 in Bratislava (UTC if the bundled zone were missing).
fn sample_time() -> Zoned {
    let zone = jiff::tz::TimeZoneDatabase::bundled()
        .get("Europe/Bratislava")
        .unwrap_or(jiff::tz::TimeZone::UTC);
    let at = jiff::civil::date(2026, 11, 2).at(11, 30, 0, 0);
    at.to_zoned(zone)
        .unwrap_or_else(|_| jiff::Timestamp::UNIX_EPOCH.to_zoned(jiff::tz::TimeZone::UTC))
}
