//! Writing what a customer's mail asks for: an article on an existing request, or a new
//! request kept for the batch insert with its confirmation.

use super::decide::may_auto_answer;
use super::ingest::Known;
use super::openings::{Kept, Opening, Openings};
use crate::tickets::intake;
use crate::{Actor, App, Result, audit};
use podpora_core::{ArticleKind, Channel, Urgency};
use podpora_mailproto::InboundMessage;
use podpora_store::{
    Tx, repo,
    rows::{ArticleRow, AttachmentRow, ContactRow, InboundOutcome, TicketRow},
};

#[allow(clippy::too_many_arguments)]
pub(super) async fn insert_article(
    tx: &mut Tx<'_>,
    ticket: &TicketRow,
    msg: &InboundMessage,
    kind: ArticleKind,
    author_name: String,
    agent_id: Option<i64>,
    contact_id: Option<i64>,
    text: String,
    files: Vec<AttachmentRow>,
    now: i64,
) -> Result<i64> {
    let article_id = repo::articles::insert(
        tx,
        &ArticleRow {
            id: 0,
            ticket_id: ticket.id,
            kind,
            author_agent_id: agent_id,
            author_contact_id: contact_id,
            author_name,
            body_text: text,
            body_html: msg.html_body.as_ref().map(|h| h.html.clone()),
            message_id: Some(msg.message_id.clone()),
            created_at: now,
        },
    )
    .await?;
    for mut f in files {
        f.article_id = article_id;
        repo::articles::insert_attachment(tx, &f).await?;
    }
    repo::mail::remember_message_id(tx, &msg.message_id, ticket.id, Some(article_id), true, now)
        .await?;
    Ok(article_id)
}

/// A customer's mail on an existing request: a new article; a request waiting for the customer
/// resumes (its clocks run again), a resolved or closed one is reopened.
pub(super) async fn append(
    app: &App,
    tx: &mut Tx<'_>,
    ticket: TicketRow,
    contact: &ContactRow,
    msg: &InboundMessage,
    files: Vec<AttachmentRow>,
    now: i64,
) -> Result<(i64, i64)> {
    let mut t = repo::tickets::get_for_update(tx, &ticket.number).await?;
    let article = insert_article(
        tx,
        &t,
        msg,
        ArticleKind::InboundEmail,
        contact.name.clone(),
        None,
        Some(contact.id),
        msg.text_body.clone(),
        files,
        now,
    )
    .await?;
    let mut changes = vec![("article", None, Some(format!("inbound_email #{article}")))];
    let (change, reason) =
        crate::tickets::lifecycle::on_customer_message(app, tx, &mut t, Channel::Email, now)
            .await?;
    changes.extend(change);
    t.updated_at = now;
    repo::tickets::update(tx, &t).await?;
    audit::changed(
        tx,
        "ticket",
        t.id,
        &Actor::System,
        now,
        changes,
        reason.as_deref(),
    )
    .await?;
    Ok((t.id, article))
}

/// A new request from a registered contact, with its confirmation, decided for
/// [`Openings::flush`] to write.
#[allow(clippy::too_many_arguments)]
pub(super) async fn open(
    app: &App,
    tx: &mut Tx<'_>,
    openings: &mut Openings,
    inbound_id: i64,
    contact: &ContactRow,
    msg: &InboundMessage,
    files: Vec<AttachmentRow>,
    known: &Known,
    follows: Option<TicketRow>,
    plan_id: Option<i64>,
    outcome: InboundOutcome,
    now: i64,
) -> Result<Kept> {
    let sender = msg.sender().map(|m| m.address.clone()).unwrap_or_default();
    let (asset_id, refused_asset) = known.asset.clone();
    // Mail has no category: the plan's policy without one times it.
    let policy = openings.policies.get(tx, plan_id, None).await?;
    let confirm =
        !msg.is_auto_submitted() && may_auto_answer(app, tx, openings, &sender, now).await?;
    let request = intake::Request {
        channel: Channel::Email,
        contact,
        organization_id: contact.organization_id,
        asset_id,
        refused_asset,
        category: None,
        urgency: Urgency::Normal,
        team: known.team.clone(),
        assignee_id: None,
        subject: ticket_subject(&msg.subject),
        body_text: msg.text_body.clone(),
        body_html: msg.html_body.as_ref().map(|h| h.html.clone()),
        files,
        entered_by: None,
        actor: Actor::System.audit_name(),
        reply_to: Some(sender),
        confirm,
        message_id: Some(msg.message_id.clone()),
        references: msg.references.clone(),
        // Taken when the message was read: the intake keeps it only if still ahead.
        outside_hours: known.outside_hours.clone(),
        staff_copies: known.staff_copies,
        at: now,
    };
    let new = intake::prepare(app, tx, request, policy.as_ref()).await?;
    let opening = Opening {
        inbound_id,
        message_id: msg.message_id.clone(),
        follows,
        outcome,
    };
    Ok((new, opening))
}

/// A subject fit for a ticket: one line, at most the ticket limit; the full one stays in the mail.
pub(super) fn ticket_subject(s: &str) -> String {
    let line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let line = if line.is_empty() {
        "(no subject)".to_owned()
    } else {
        line
    };
    line.chars()
        .take(crate::tickets::SUBJECT_MAX_CHARS)
        .collect()
}

/// An asset of the contact's organization named in the subject: used when the contact has rights
/// to it, otherwise named back to the contact as refused.
pub(super) async fn find_asset(
    tx: &mut Tx<'_>,
    contact: &ContactRow,
    msg: &InboundMessage,
) -> Result<(Option<i64>, Option<String>)> {
    let Some(org) = contact.organization_id else {
        return Ok((None, None));
    };
    let (assets, _) = repo::customers::list_assets(tx, Some(org), 500, 0).await?;
    let subject = msg.subject.to_lowercase();
    let words: Vec<&str> = subject
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.' || c == '/'))
        .filter(|w| !w.is_empty())
        .collect();
    for a in assets {
        let id = a.identifier.to_lowercase();
        if words.iter().any(|w| w.trim_end_matches('.') == id) {
            return Ok(
                if repo::customers::has_asset_right(tx, a.id, contact.id).await? {
                    (Some(a.id), None)
                } else {
                    (None, Some(format!("{} ({})", a.name, a.identifier)))
                },
            );
        }
    }
    Ok((None, None))
}

/// The most copies looked up per message: a mail to a long list counts as copied to this many.
const STAFF_COPIES_LOOKED_UP: usize = 20;

/// How many of our agents' personal addresses a message was also sent to (To or Cc) besides one
/// of our support addresses: the queue places such a request after equal ones, so that
/// writing to several people at once does not buy a better place. 0 when no support address is
/// among the recipients (the message reached us some other way) or none of them is staff.
pub(super) async fn staff_copies(
    tx: &mut Tx<'_>,
    support: &[super::SupportAddress],
    msg: &InboundMessage,
) -> Result<i64> {
    let sender = msg
        .sender()
        .and_then(|m| podpora_mailproto::normalize_address(&m.address));
    let listed: std::collections::BTreeSet<String> = msg
        .to
        .iter()
        .chain(&msg.cc)
        .filter_map(|m| podpora_mailproto::normalize_address(&m.address))
        .filter(|a| Some(a) != sender.as_ref())
        .collect();
    let is_support = |a: &String| support.iter().any(|s| &s.address == a);
    if !listed.iter().any(is_support) {
        return Ok(0);
    }
    let mut n = 0;
    for a in listed
        .iter()
        .filter(|a| !is_support(a))
        .take(STAFF_COPIES_LOOKED_UP)
    {
        if repo::agents::find_agent_by_email(tx, a).await?.is_some() {
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_are_one_line_and_bounded() {
        assert_eq!(
            ticket_subject("  Tlačiareň\r\n  netlačí "),
            "Tlačiareň netlačí"
        );
        assert_eq!(ticket_subject(""), "(no subject)");
        assert_eq!(
            ticket_subject(&"x".repeat(400)).chars().count(),
            crate::tickets::SUBJECT_MAX_CHARS
        );
    }
}
