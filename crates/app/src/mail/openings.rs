//! New requests from mail, written together.
//!
//! Most messages a support address receives open a request, and each request is a dozen rows
//! (ticket, article, attachments, clocks, history, thread entries, confirmation, outcome). On
//! SQLite every statement is a round trip to the single writer's thread, so the intake decides
//! each message in turn but keeps the requests it decides to open here, and writes them with one
//! statement per table when the batch ends — or earlier, before a message whose decision could
//! depend on them (a copy of one of them, a reply to one, a tagged subject, a bounce).

use super::compose::Origin;
use super::outbox::{self, Notice};
use crate::{Actor, App, Result, tickets::TicketToWrite};
use podpora_core::Language;
use podpora_mailproto::{InboundMessage, threading::SubjectTag};
use podpora_render::MailTemplate;
use podpora_store::{
    Tx, repo,
    rows::{InboundOutcome, SlaPolicyRow, TicketRow},
};
use std::collections::HashMap;

/// A request decided but not written yet: the ticket (number and ids filled in when written)
/// and what else its message asks for.
pub(super) type Kept = (TicketToWrite, Opening);

/// What a new request's message asks for besides the ticket itself.
pub(super) struct Opening {
    /// The stored message it comes from.
    pub inbound_id: i64,
    /// The message's Message-ID and References (the confirmation continues the thread).
    pub message_id: String,
    pub references: Vec<String>,
    /// The closed request this one follows up.
    pub follows: Option<TicketRow>,
    /// What processing decided, without ticket and article until written.
    pub outcome: InboundOutcome,
    /// The confirmation to send, unless the message was automatic or the sender had enough.
    pub answer: Option<Answer>,
}

/// A confirmation of a new request, and the refusal of an asset the contact may not use.
pub(super) struct Answer {
    pub to: String,
    pub language: Language,
    pub contact_name: String,
    pub team_name: String,
    pub reaction_due: Option<jiff::Zoned>,
    pub refused_asset: Option<String>,
}

impl Answer {
    /// How many automatic messages this answer sends.
    fn count(&self) -> i64 {
        1 + i64::from(self.refused_asset.is_some())
    }
}

/// The requests of one write transaction not yet written, and what the transaction has read
/// that stays valid until it ends.
#[derive(Default)]
pub(super) struct Openings {
    items: Vec<Kept>,
    /// SLA policy by plan (no category: mail has none).
    policies: HashMap<Option<i64>, Option<SlaPolicyRow>>,
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
            .filter_map(|(_, o)| o.answer.as_ref())
            .filter(|a| a.to == address)
            .map(Answer::count)
            .sum()
    }

    /// The SLA policy of a plan, read once per transaction.
    pub async fn policy(
        &mut self,
        tx: &mut Tx<'_>,
        plan_id: Option<i64>,
    ) -> Result<Option<SlaPolicyRow>> {
        if let Some(p) = self.policies.get(&plan_id) {
            return Ok(p.clone());
        }
        let p = repo::plans::policy_for_plan(tx, plan_id, None).await?;
        self.policies.insert(plan_id, p.clone());
        Ok(p)
    }

    /// Writes every kept request: numbers, tickets, first articles, attachments, clocks,
    /// history, thread entries, confirmations and the messages' outcomes.
    pub async fn flush(&mut self, app: &App, tx: &mut Tx<'_>) -> Result<()> {
        if self.items.is_empty() {
            return Ok(());
        }
        let (mut tickets, mut items): (Vec<TicketToWrite>, Vec<Opening>) =
            std::mem::take(&mut self.items).into_iter().unzip();
        crate::tickets::insert_many_in(tx, &app.config.ticket_numbers, &mut tickets).await?;
        follow_ups(tx, &tickets, &items).await?;
        let answers = answers(app, &tickets, &items)?;
        let now = tickets.iter().map(|t| t.row.created_at).max().unwrap_or(0);
        let outbound: Vec<_> = answers.iter().map(|m| m.outbound(now)).collect();
        repo::mail::enqueue_many(tx, &outbound).await?;
        for a in items.iter().filter_map(|o| o.answer.as_ref()) {
            self.note_sent(&a.to, a.count());
        }
        let threads: Vec<repo::mail::ThreadRef<'_>> = tickets
            .iter()
            .zip(&items)
            .map(|(t, o)| (o.message_id.as_str(), t.row.id, Some(t.article.id), true))
            .chain(answers.iter().filter_map(|m| {
                m.ticket_id
                    .map(|t| (m.message_id.as_str(), t, m.article_id, false))
            }))
            .collect();
        repo::mail::remember_message_ids(tx, &threads, now).await?;
        for (t, o) in tickets.iter().zip(&mut items) {
            o.outcome.ticket_id = Some(t.row.id);
            o.outcome.article_id = Some(t.article.id);
        }
        let outcomes: Vec<_> = items.iter().map(|o| (o.inbound_id, &o.outcome)).collect();
        repo::mail::set_outcomes(tx, &outcomes, now).await?;
        metrics::counter!("podpora_tickets_created_total", "channel" => "email")
            .increment(items.len() as u64);
        Ok(())
    }
}

/// The follow-up links of requests that follow closed ones, both ways, in the history.
async fn follow_ups(tx: &mut Tx<'_>, tickets: &[TicketToWrite], items: &[Opening]) -> Result<()> {
    let actor = Actor::System.audit_name();
    let mut changes = Vec::new();
    for (t, o) in tickets.iter().zip(items) {
        let Some(old) = &o.follows else { continue };
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

/// The confirmations (and asset refusals) of the written requests, rendered and built.
fn answers(
    app: &App,
    tickets: &[TicketToWrite],
    items: &[Opening],
) -> Result<Vec<outbox::Composed>> {
    let mut out = Vec::new();
    for (t, o) in tickets.iter().zip(items) {
        let Some(a) = &o.answer else { continue };
        out.push(outbox::compose(
            app,
            Notice {
                ticket: Some(&t.row),
                article_id: Some(t.article.id),
                purpose: "confirmation",
                origin: Origin::AutoReplied,
                to: &a.to,
                language: a.language,
                template: MailTemplate::Confirmation {
                    ticket_number: t.row.number.clone(),
                    subject: t.row.subject.clone(),
                    contact_name: Some(a.contact_name.clone()),
                    reaction_due: a.reaction_due.clone(),
                    team_name: a.team_name.clone(),
                },
                in_reply_to: Some(&o.message_id),
                references: o.references.clone(),
            },
        )?);
        if let Some(asset) = &a.refused_asset {
            let mut references = o.references.clone();
            references.push(o.message_id.clone());
            out.push(outbox::compose(
                app,
                Notice {
                    ticket: Some(&t.row),
                    article_id: Some(t.article.id),
                    purpose: "asset_not_permitted",
                    origin: Origin::AutoReplied,
                    to: &a.to,
                    language: a.language,
                    template: MailTemplate::AssetNotPermitted {
                        ticket_number: Some(t.row.number.clone()),
                        subject: t.row.subject.clone(),
                        asset: asset.clone(),
                    },
                    in_reply_to: Some(&o.message_id),
                    references,
                },
            )?);
        }
    }
    Ok(out)
}
