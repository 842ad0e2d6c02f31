//! New requests from mail, written together.
//!
//! Most messages a support address receives open a request, and each request is a dozen rows
//! (ticket, article, attachments, clocks, history, thread entries, confirmation, outcome). On
//! SQLite every statement is a round trip to the single writer's thread, so the intake decides
//! each message in turn but keeps the requests it decides to open here, and writes them with one
//! statement per table when the batch ends — or earlier, before a message whose decision could
//! depend on them (a copy of one of them, a reply to one, a tagged subject, a bounce).

use crate::{Actor, App, Result, tickets::TicketToWrite};
use podpora_mailproto::{InboundMessage, threading::SubjectTag};
use podpora_store::{
    Tx, repo,
    rows::{InboundOutcome, TicketRow},
};
use std::collections::HashMap;

/// A request decided but not written yet: the ticket (number and ids filled in when written)
/// and what else its message asks for.
pub(super) type Kept = (TicketToWrite, Opening);

/// What a new request's message asks for besides the ticket itself.
pub(super) struct Opening {
    /// The stored message it comes from.
    pub inbound_id: i64,
    /// The message's Message-ID.
    pub message_id: String,
    /// The closed request this one follows up.
    pub follows: Option<TicketRow>,
    /// What processing decided, without ticket and article until written.
    pub outcome: InboundOutcome,
}

/// The requests of one write transaction not yet written, and what the transaction has read
/// that stays valid until it ends.
#[derive(Default)]
pub(super) struct Openings {
    items: Vec<Kept>,
    /// The plans' SLA policies.
    pub policies: crate::tickets::intake::Policies,
    /// Automatic messages to an address in the last hour: the database's count when first
    /// asked in this transaction, plus those written since.
    sent: HashMap<String, i64>,
}

impl Openings {
    /// Keeps a decided request for the next [`Openings::flush`].
    pub fn push(&mut self, o: Kept) {
        self.items.push(o);
    }

    /// Whether deciding `msg` may need what is kept here in the database first.
    pub fn must_flush_before(&self, msg: &InboundMessage, tag: &SubjectTag) -> bool {
        if self.items.is_empty() {
            return false;
        }
        let kept = |id: &String| self.items.iter().any(|(_, o)| &o.message_id == id);
        kept(&msg.message_id)
            || msg.in_reply_to.iter().chain(&msg.references).any(kept)
            || msg.bounce.is_some()
            || podpora_mailproto::threading::extract_ticket_number(&msg.subject, tag).is_some()
    }

    /// Automatic messages to an address since `since`, written or kept: the loop guard's count.
    pub async fn answers_sent(
        &mut self,
        tx: &mut Tx<'_>,
        address: &str,
        since: i64,
    ) -> Result<i64> {
        let written = match self.sent.get(address) {
            Some(n) => *n,
            None => {
                let n = repo::mail::automatic_sent_to(tx, address, since).await?;
                self.sent.insert(address.to_owned(), n);
                n
            }
        };
        Ok(written + self.answers_to(address))
    }

    /// Counts automatic messages written to an address in this transaction.
    pub fn note_sent(&mut self, address: &str, n: i64) {
        if let Some(count) = self.sent.get_mut(address) {
            *count += n;
        }
    }

    /// Automatic messages kept for an address.
    fn answers_to(&self, address: &str) -> i64 {
        self.items
            .iter()
            .filter_map(|(t, _)| t.confirmation.as_ref())
            .filter(|a| a.to == address)
            .map(|a| a.count())
            .sum()
    }

    /// Writes every kept request: numbers, tickets, first articles, attachments, clocks,
    /// history and confirmations (by the batch insert every channel uses), then the thread
    /// entries and the messages' outcomes.
    pub async fn flush(&mut self, app: &App, tx: &mut Tx<'_>) -> Result<()> {
        if self.items.is_empty() {
            return Ok(());
        }
        let (mut tickets, mut items): (Vec<TicketToWrite>, Vec<Opening>) =
            std::mem::take(&mut self.items).into_iter().unzip();
        crate::tickets::insert_many_in(app, tx, &mut tickets).await?;
        follow_ups(tx, &tickets, &items).await?;
        let now = tickets.iter().map(|t| t.row.created_at).max().unwrap_or(0);
        for a in tickets.iter().filter_map(|t| t.confirmation.as_ref()) {
            self.note_sent(&a.to, a.count());
        }
        let threads: Vec<repo::mail::ThreadRef<'_>> = tickets
            .iter()
            .zip(&items)
            .map(|(t, o)| (o.message_id.as_str(), t.row.id, Some(t.article.id), true))
            .collect();
        repo::mail::remember_message_ids(tx, &threads, now).await?;
        for (t, o) in tickets.iter().zip(&mut items) {
            o.outcome.ticket_id = Some(t.row.id);
            o.outcome.article_id = Some(t.article.id);
            if t.joined {
                o.outcome.reason = Some(format!(
                    "the same request sent again: added to open ticket {}",
                    t.row.number
                ));
            }
        }
        let outcomes: Vec<_> = items.iter().map(|o| (o.inbound_id, &o.outcome)).collect();
        repo::mail::set_outcomes(tx, &outcomes, now).await?;
        let created = tickets.iter().filter(|t| !t.joined).count();
        metrics::counter!("podpora_tickets_created_total", "channel" => "email")
            .increment(created as u64);
        Ok(())
    }
}

/// The follow-up links of requests that follow closed ones, both ways, in the history.
async fn follow_ups(tx: &mut Tx<'_>, tickets: &[TicketToWrite], items: &[Opening]) -> Result<()> {
    let actor = Actor::System.audit_name();
    let mut changes = Vec::new();
    for (t, o) in tickets.iter().zip(items) {
        // A request sent again joined an open ticket: it follows up nothing new.
        let Some(old) = o.follows.as_ref().filter(|_| !t.joined) else {
            continue;
        };
        let change = |entity_id, field, new_value: &str| repo::audit::Change {
            entity: "ticket",
            entity_id,
            actor: &actor,
            at: t.row.created_at,
            field,
            old_value: None,
            new_value: Some(new_value.to_owned()),
            reason: None,
        };
        changes.push(change(t.row.id, "follows_up", &old.number));
        changes.push(change(old.id, "followed_by", &t.row.number));
    }
    repo::audit::record_many(tx, &changes).await?;
    Ok(())
}
