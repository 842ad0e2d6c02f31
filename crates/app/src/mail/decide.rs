//! Deciding what a message is: a reply to thread into a ticket, a new request, a note, a
//! duplicate, or something to refuse.

use super::ingest::Known;
use super::openings::Openings;
use crate::outbox::{self, Notice, Origin};
use crate::{App, Result};
use podpora_mailproto::{
    InboundMessage, ThreadDecision, decide_thread, threading::extract_ticket_number,
};
use podpora_render::MailTemplate;
use podpora_store::{
    Tx, repo,
    rows::{ContactRow, TicketRow},
};

pub(super) enum Decision {
    Reject(String),
    Duplicate {
        ticket_id: i64,
        article_id: Option<i64>,
    },
    /// Kept on the ticket as an internal note (a bounce, an agent writing to the support address).
    Note {
        ticket: TicketRow,
        author: String,
        text: String,
        agent_id: Option<i64>,
    },
    Append {
        ticket: TicketRow,
        contact: ContactRow,
    },
    Open {
        contact: ContactRow,
        follows: Option<TicketRow>,
        plan_id: Option<i64>,
    },
}

pub(super) async fn decide(
    app: &App,
    tx: &mut Tx<'_>,
    openings: &mut Openings,
    msg: &InboundMessage,
    known: &Known,
    now: i64,
) -> Result<Decision> {
    let support = known.support.as_ref();
    let cfg = app.mail_config();
    let Some(sender) = msg.sender() else {
        return Ok(Decision::Reject(
            "the message names no sender (From, Reply-To or Sender), so there is nobody to answer"
                .into(),
        ));
    };
    let address = sender.address.clone();
    if cfg.addresses.iter().any(|a| a.address == address) {
        return Ok(Decision::Reject(format!(
            "sent from our own support address {address}: not processed, to prevent a mail loop"
        )));
    }
    if !msg.message_id_synthetic
        && let Some((ticket_id, article_id, inbound)) =
            repo::mail::find_message_id(tx, &msg.message_id).await?
    {
        return Ok(if inbound {
            Decision::Duplicate {
                ticket_id,
                article_id,
            }
        } else {
            Decision::Reject(format!(
                "a message podpora sent itself (Message-ID {}) came back; not processed, to prevent a mail loop",
                msg.message_id
            ))
        });
    }
    let thread = find_thread(app, tx, msg).await?;
    if let Some(b) = &msg.bounce {
        let original = match &b.original_message_id {
            Some(id) => repo::mail::find_message_id(tx, id).await?,
            None => None,
        };
        let ticket = match (original, thread) {
            (Some((ticket_id, _, _)), _) => Some(repo::tickets::get_by_id(tx, ticket_id).await?),
            (None, t) => t,
        };
        let Some(ticket) = ticket else {
            return Ok(Decision::Reject(
                "a delivery failure report about a message podpora did not send".into(),
            ));
        };
        if let Some(id) = &b.original_message_id {
            repo::mail::mark_outbox_bounced(tx, id, &bounce_text(b)).await?;
        }
        return Ok(Decision::Note {
            ticket,
            author: "mail delivery system".into(),
            text: bounce_text(b),
            agent_id: None,
        });
    }
    if let Some(agent) = &known.agent {
        // mail from our own staff never opens a request on their behalf.
        return Ok(match thread {
            Some(ticket) => Decision::Note {
                ticket,
                author: agent.name.clone(),
                text: msg.text_body.clone(),
                agent_id: Some(agent.id),
            },
            None => Decision::Reject(format!(
                "sent by agent {} <{address}>: staff open requests in podpora for a customer, never by mail on their own behalf",
                agent.name
            )),
        });
    }
    let Some(contact) = known.contact.clone() else {
        let answered = if msg.is_auto_submitted() {
            "no answer was sent because the message is automatic"
        } else if !may_auto_answer(app, tx, openings, &address, now).await? {
            "no answer was sent: too many automatic answers to this address in the last hour"
        } else {
            let language = support.map(|s| s.language).unwrap_or_default();
            outbox::queue(
                app,
                tx,
                Notice {
                    ticket: None,
                    article_id: None,
                    purpose: "unknown_sender",
                    origin: Origin::AutoReplied,
                    to: &address,
                    language,
                    template: MailTemplate::UnknownSender {
                        support_address: support
                            .map(|s| s.address.clone())
                            .unwrap_or_else(|| cfg.from_address()),
                        company_name: cfg.company_name.clone(),
                        sender: address.clone(),
                    },
                    in_reply_to: Some(&msg.message_id),
                    references: msg.references.clone(),
                },
                now,
            )
            .await?;
            openings.note_sent(&address, 1);
            "an answer explaining how to register was sent"
        };
        return Ok(Decision::Reject(format!(
            "unknown sender {address}: only registered contacts may open requests; {answered}"
        )));
    };
    let follows = match thread {
        Some(t) if may_write_to(&contact, &t) => {
            let effect = crate::tickets::lifecycle::customer_message_effect(app, &t, now);
            if effect != podpora_core::CustomerMessage::TooLate {
                return Ok(Decision::Append { ticket: t, contact });
            }
            Some(t)
        }
        _ => None,
    };
    match &known.plan {
        Ok(plan_id) => Ok(Decision::Open {
            contact,
            follows,
            plan_id: *plan_id,
        }),
        Err(e) => Ok(Decision::Reject(format!(
            "the customer's plan does not include e-mail requests: {e}"
        ))),
    }
}

/// A contact may add to its own requests and to its organization's.
pub(super) fn may_write_to(contact: &ContactRow, t: &TicketRow) -> bool {
    t.requester_id == Some(contact.id)
        || (contact.organization_id.is_some() && contact.organization_id == t.organization_id)
}

pub(super) fn bounce_text(b: &podpora_mailproto::Bounce) -> String {
    format!(
        "Mail delivery failed{}{}.",
        b.recipient
            .as_deref()
            .map(|r| format!(" to {r}"))
            .unwrap_or_default(),
        b.status
            .as_deref()
            .map(|s| format!(" (status {s})"))
            .unwrap_or_default()
    )
}

/// The ticket a message answers: its tag, then its In-Reply-To and References.
pub(super) async fn find_thread(
    app: &App,
    tx: &mut Tx<'_>,
    msg: &InboundMessage,
) -> Result<Option<TicketRow>> {
    let tagged = match extract_ticket_number(&msg.subject, &app.config.mail.tag) {
        Some(n) => match repo::tickets::get_by_number(tx, &n).await {
            Ok(t) => Some(t),
            Err(podpora_store::StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let mut known = Vec::new();
    for id in msg.in_reply_to.iter().chain(&msg.references) {
        if let Some((ticket_id, _, _)) = repo::mail::find_message_id(tx, id).await? {
            known.push((id.clone(), ticket_id));
        }
    }
    let tag_number = tagged.as_ref().map(|t| t.number.clone());
    let lookup = TicketLookup {
        tag: tag_number.as_deref(),
        known: &known,
    };
    let found = match decide_thread(msg, &app.config.mail.tag, lookup) {
        ThreadDecision::ExistingByTag(_) => tagged,
        ThreadDecision::ExistingByReference(id) => match known.iter().find(|(k, _)| *k == id) {
            Some((_, ticket_id)) => Some(repo::tickets::get_by_id(tx, *ticket_id).await?),
            None => None,
        },
        ThreadDecision::New => None,
    };
    // A merged ticket's thread continues in the ticket it was merged into.
    Ok(match found {
        Some(t) => Some(crate::tickets::follow_merges(tx, t).await?),
        None => None,
    })
}

pub(super) struct TicketLookup<'a> {
    tag: Option<&'a str>,
    known: &'a [(String, i64)],
}

impl podpora_mailproto::threading::ThreadLookup for TicketLookup<'_> {
    fn ticket_exists(&mut self, number: &str) -> bool {
        self.tag == Some(number)
    }
    fn message_known(&mut self, message_id: &str) -> bool {
        self.known.iter().any(|(k, _)| k == message_id)
    }
}

/// Whether the loop guard lets one more automatic answer go to `to` (counting those of this
/// transaction not written yet).
pub(super) async fn may_auto_answer(
    app: &App,
    tx: &mut Tx<'_>,
    openings: &mut Openings,
    to: &str,
    now: i64,
) -> Result<bool> {
    let sent = openings.answers_sent(tx, to, now - 3_600_000).await?;
    Ok(sent < i64::from(app.config.mail.auto_reply_per_hour))
}
