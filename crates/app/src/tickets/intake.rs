//! One intake for every channel: mail, the API as a customer's
//! key, the portal and staff entering a phone call each check what is particular to them (the
//! fields of a form, the sender of a mail) and hand the intake what they know. The intake
//! decides the rest the same way for all of them — the plan and whether the channel is open,
//! the clocks, the first article, the confirmation — and a single request goes through the
//! batched writer as a batch of one, where numbering, the history and the duplicate check
//! happen (see [`super::insert_many_in`]).

use super::confirmation::{self, Confirmation};
use super::*;
use crate::plans::{Entitlement, OutsideHours};
use podpora_store::rows::{ContactRow, SlaPolicyRow, TeamRow};
use std::collections::HashMap;

/// A new request as a channel knows it, after the channel's own checks.
pub(crate) struct Request<'a> {
    /// How it came in.
    pub channel: Channel,
    /// The registered contact who asks.
    pub contact: &'a ContactRow,
    /// The contact's organization (or the one named for a contact without one).
    pub organization_id: Option<i64>,
    /// The asset it is about, which the contact may use.
    pub asset_id: Option<i64>,
    /// An asset named that the contact may not use: told back beside the confirmation.
    pub refused_asset: Option<String>,
    pub category: Option<String>,
    pub urgency: Urgency,
    /// The team that takes it (named in the confirmation), if known on arrival.
    pub team: Option<TeamRow>,
    pub assignee_id: Option<i64>,
    /// One line, already within [`SUBJECT_MAX_CHARS`].
    pub subject: String,
    pub body_text: String,
    pub body_html: Option<String>,
    /// The files of the first article, already in the file store.
    pub files: Vec<AttachmentRow>,
    /// The agent who entered it for the contact (a phone call), or `None` when the contact
    /// wrote it.
    pub entered_by: Option<(i64, String)>,
    /// Who created it, as the history names them.
    pub actor: String,
    /// Where replies go.
    pub reply_to: Option<String>,
    /// Whether to confirm it to `reply_to` (mail's loop guard may say no).
    pub confirm: bool,
    /// The message it came in, with the thread the confirmation continues (mail).
    pub message_id: Option<String>,
    pub references: Vec<String>,
    /// Received outside its channel's own hours (see [`entitle`]).
    pub outside_hours: Option<OutsideHours>,
    /// How many of our staff's personal addresses it was copied to.
    pub staff_copies: i64,
    /// When it was received (or reported, for a phone call entered later).
    pub at: i64,
}

/// The plan that times a request by `channel` at `at` for the organization and the asset
/// (a contract for the asset first, R-21), refused when the plan does not include the channel;
/// and whether the channel was outside its own hours then. Every channel calls this.
pub(crate) async fn entitle(
    tx: &mut Tx<'_>,
    organization_id: Option<i64>,
    asset_id: Option<i64>,
    channel: Channel,
    at: i64,
) -> Result<(Entitlement, Option<OutsideHours>)> {
    let e = crate::plans::check_channel(tx, organization_id, asset_id, channel, at).await?;
    let outside = crate::plans::outside_hours(tx, &e, channel, at).await?;
    Ok((e, outside))
}

/// The SLA policies of plans (by category), read once while a transaction lasts.
#[derive(Default)]
pub(crate) struct Policies(HashMap<(Option<i64>, Option<String>), Option<SlaPolicyRow>>);

impl Policies {
    /// The policy timing requests of `category` under `plan_id`.
    pub async fn get(
        &mut self,
        tx: &mut Tx<'_>,
        plan_id: Option<i64>,
        category: Option<&str>,
    ) -> Result<Option<SlaPolicyRow>> {
        let key = (plan_id, category.map(str::to_owned));
        if let Some(p) = self.0.get(&key) {
            return Ok(p.clone());
        }
        let p = repo::plans::policy_for_plan(tx, plan_id, category).await?;
        self.0.insert(key, p.clone());
        Ok(p)
    }
}

/// The new ticket of a request under `policy`, ready for the batched writer: its clocks start
/// now, or at the channel's next opening when it came outside its hours; its first article is
/// the contact's (or the phone note of the agent who entered it); and it carries its
/// confirmation when there is an address to confirm to.
pub(crate) async fn prepare(
    app: &App,
    tx: &mut Tx<'_>,
    req: Request<'_>,
    policy: Option<&SlaPolicyRow>,
) -> Result<TicketToWrite> {
    let at = req.at;
    let outside_hours = req.outside_hours.filter(|o| o.opens_at > at);
    let clocks = match policy {
        Some(p) => {
            let start = outside_hours.as_ref().map_or(at, |o| o.opens_at);
            crate::sla::policy_clocks(app, tx, p, start).await?
        }
        None => Vec::new(),
    };
    let contact = req.contact;
    let confirmation = match &req.reply_to {
        Some(to) if req.confirm => Some(Confirmation {
            to: to.clone(),
            language: contact.language,
            contact_name: contact.name.clone(),
            team_name: match &req.team {
                Some(t) => t.name.clone(),
                None => app.config.mail.company_name.clone(),
            },
            reaction_due: confirmation::reaction_due(app, tx, &clocks).await?,
            refused_asset: req.refused_asset,
            in_reply_to: req.message_id.clone(),
            references: req.references,
        }),
        _ => None,
    };
    let kind = first_article_kind(req.channel);
    let (author_agent_id, author_contact_id, author_name) = match req.entered_by {
        Some((id, name)) => (Some(id), None, name),
        None => (None, Some(contact.id), contact.name.clone()),
    };
    let row = TicketRow {
        id: 0,
        number: String::new(),
        subject: req.subject,
        requester_id: Some(contact.id),
        reply_to: req.reply_to,
        organization_id: req.organization_id,
        asset_id: req.asset_id,
        category: req.category,
        urgency: req.urgency,
        channel: req.channel,
        team_id: req.team.map(|t| t.id),
        assignee_id: req.assignee_id,
        status: TicketStatus::New,
        created_at: at,
        updated_at: at,
        resolved_at: None,
        closed_at: None,
        staff_copies: req.staff_copies,
        fingerprint: None,
    };
    let article = ArticleRow {
        id: 0,
        ticket_id: 0,
        kind,
        author_agent_id,
        author_contact_id,
        author_name,
        body_text: req.body_text,
        body_html: req.body_html,
        message_id: req.message_id,
        created_at: at,
    };
    Ok(TicketToWrite {
        row,
        article,
        files: req.files,
        clocks,
        actor: req.actor,
        confirmation,
        outside_hours,
        joined: false,
    })
}

/// Writes one prepared request as a batch of one: through the batch writer on SQLite (a request
/// with files, and every request on PostgreSQL, in a transaction of its own by the same
/// batched insert). Returns the ticket, its first article (or the one added to the open
/// ticket it joined) and whether it joined one as the same request sent again.
pub(crate) async fn submit(app: &App, ticket: TicketToWrite) -> Result<(TicketRow, Article, bool)> {
    let confirms = ticket.confirmation.is_some();
    let channel = ticket.row.channel;
    let (row, first, joined) = match (ticket.files.is_empty(), app.ticket_writer.queue(app)) {
        (true, Some(queue)) => {
            let stopped = || AppError::Io(std::io::Error::other("the ticket writer has stopped"));
            let (reply, answer) = tokio::sync::oneshot::channel();
            let job = crate::ticket_writer::Job { ticket, reply };
            queue.send(job).map_err(|_| stopped())?;
            answer.await.map_err(|_| stopped())??
        }
        _ => {
            let writer = app.clone();
            app.db
                .clone()
                .on_writer(async move { insert_ticket(&writer, ticket).await })
                .await?
        }
    };
    if !joined {
        if confirms {
            app.outbox_wakeup.notify_one();
        }
        metrics::counter!("podpora_tickets_created_total", "channel" => channel.as_str())
            .increment(1);
    }
    Ok((row, first, joined))
}

/// The kind of a request's first article by its channel.
pub(crate) fn first_article_kind(channel: Channel) -> ArticleKind {
    match channel {
        Channel::Email => ArticleKind::InboundEmail,
        Channel::Phone => ArticleKind::PhoneNote,
        Channel::Chat => ArticleKind::ChatMessage,
        Channel::Portal | Channel::Api => ArticleKind::PortalMessage,
    }
}
