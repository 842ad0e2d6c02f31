//! Opening a ticket through the API and the portal: the fields and
//! references are checked here, then the one intake ([`super::intake`]) takes the request; and
//! the batched writer every channel's new requests go through.

use super::*;

/// Opens a ticket: validates everything first, then writes the ticket, its first article, its
/// files and the history in one transaction. A refused request writes nothing. The same
/// request sent again joins its open ticket (see [`open_or_join`]), which is returned.
pub async fn open(app: &App, actor: &Actor, input: NewTicket) -> Result<Ticket> {
    open_or_join(app, actor, input).await.map(|(t, _)| t)
}

/// [`open`], saying whether the request was the same as an open ticket's, sent again by the
/// same contact within the window, and was added to that ticket as a customer message
/// (`true`; the ticket is returned with that message as its only article) instead of opening a
/// new one.
pub async fn open_or_join(app: &App, actor: &Actor, input: NewTicket) -> Result<(Ticket, bool)> {
    actor.require(Permission::WriteTickets)?;
    let mut v = ValidationError::new();
    let subject = v.check(
        "subject",
        text::required_line(&input.subject, SUBJECT_MAX_CHARS),
    );
    if input.description.trim().is_empty() {
        v.push("description", "must not be empty: describe the problem");
    } else if let Err(e) = text::check_max_chars(&input.description, DESCRIPTION_MAX_CHARS) {
        v.push("description", e);
    }
    let urgency = match &input.urgency {
        Some(u) => v.check("urgency", u.parse::<Urgency>()),
        None => Some(Urgency::Normal),
    };
    let default_channel = if actor.is_customer() {
        Channel::Api
    } else {
        Channel::Phone
    };
    let channel = match &input.channel {
        Some(c) => v.check("channel", c.parse::<Channel>()),
        None => Some(default_channel),
    };
    let reply_to = match &input.reply_to {
        Some(r) if !r.trim().is_empty() => v.check("reply_to", EmailAddress::parse(r)),
        _ => None,
    };
    let requester_email = match &input.requester_email {
        Some(e) => v.check("requester_email", EmailAddress::parse(e)),
        None => None,
    };
    if input.requester_id.is_none() && input.requester_email.is_none() {
        v.push("requester_id", "name the customer contact who asks (requester_id or requester_email): only customers open requests");
    }
    let category = match &input.category {
        Some(c) if !c.trim().is_empty() => v.check("category", text::required_line(c, 100)),
        _ => None,
    };
    if actor.is_customer() && (input.team_id.is_some() || input.assignee_id.is_some()) {
        v.push(
            "team_id",
            "an organization key cannot choose the team or assignee; staff route the request",
        );
    }
    let uploads = decode_uploads(&mut v, &input.attachments, app.config.attachment_max_bytes);
    let clock_now = now_ms();
    let reported_at = match &input.reported_at {
        Some(_) if actor.is_customer() => {
            v.push(
                "reported_at",
                "an organization key cannot backdate a request",
            );
            None
        }
        Some(r) => parse_instant(&mut v, "reported_at", &Some(r.clone())).and_then(|t| {
            if t > clock_now + 60_000 || t < clock_now - 30 * 86_400_000 {
                v.push(
                    "reported_at",
                    "must be within the last 30 days and not in the future",
                );
                None
            } else {
                Some(t)
            }
        }),
        None => None,
    };
    v.into_result()?;
    let (Some(subject), Some(urgency), Some(channel)) = (subject, urgency, channel) else {
        unreachable!("validation passed, so every required field parsed")
    };

    let now = reported_at.unwrap_or(clock_now);
    // References are checked on a read snapshot so the single SQLite writer is held only for
    // the inserts; foreign keys still refuse a reference deleted in between.
    let mut tx = app.db.read().await?;

    // The contact and its first address come in one statement where the id is given: every
    // request needs both, and each statement is a round trip to the database.
    let (requester, first_email) = match (input.requester_id, &requester_email) {
        (Some(id), _) if actor.is_customer() => {
            match repo::customers::get_contact_and_first_email(&mut tx, id).await {
                Err(podpora_store::StoreError::NotFound) => return Err(no_such_contact(id)),
                r => r.map(|(c, e)| (c, Some(e)))?,
            }
        }
        (Some(id), _) => repo::customers::get_contact_and_first_email(&mut tx, id)
            .await
            .map(|(c, e)| (c, Some(e)))
            .missing_ref("requester_id", "contact", id)?,
        (None, Some(e)) => (repo::customers::find_contact_by_email(&mut tx, e.as_str()).await?.ok_or_else(|| {
            AppError::field("requester_email", format!("{e} is not a registered contact: register the contact first (POST /api/v1/contacts)"))
        })?, None),
        (None, None) => unreachable!("validation requires a requester"),
    };
    // An organization key is told the same about another organization's contact as about one
    // that does not exist, and nothing about which organization it belongs to.
    if let Some(org) = actor.organization_scope()
        && requester.organization_id != Some(org)
    {
        return Err(match (input.requester_id, &requester_email) {
            (Some(id), _) => no_such_contact(id),
            (None, Some(e)) => AppError::field(
                "requester_email",
                format!("{e} is not a registered contact of your organization"),
            ),
            (None, None) => unreachable!("validation requires a requester"),
        });
    }
    let organization_id = match (input.organization_id, requester.organization_id) {
        (Some(o), Some(r)) if o != r => {
            return Err(AppError::field(
                "organization_id",
                format!(
                    "contact {} belongs to organization {r}, not {o}",
                    requester.id
                ),
            ));
        }
        (Some(o), _) => {
            repo::customers::get_org(&mut tx, o).await.missing_ref(
                "organization_id",
                "organization",
                o,
            )?;
            Some(o)
        }
        (None, r) => r,
    };
    if let Some(org) = actor.organization_scope()
        && organization_id != Some(org)
    {
        return Err(AppError::field(
            "requester_id",
            "this API key may open requests only for contacts of its own organization",
        ));
    }
    if let Some(asset_id) = input.asset_id {
        let asset = match repo::customers::get_asset(&mut tx, asset_id).await {
            Err(podpora_store::StoreError::NotFound) => return Err(no_such_asset(asset_id)),
            r => r?,
        };
        // Another organization's asset is answered as if it did not exist: the refusal must
        // not tell its identifier, its name, or that it exists at all.
        if Some(asset.organization_id) != organization_id {
            return Err(no_such_asset(asset_id));
        }
        if !repo::customers::has_asset_right(&mut tx, asset_id, requester.id).await? {
            return Err(AppError::field(
                "asset_id",
                format!(
                    "contact {} has no rights to asset {} ({}); an administrator of the customer can grant them",
                    requester.name, asset.identifier, asset.name
                ),
            ));
        }
    }
    let team = match input.team_id {
        Some(t) => Some(
            repo::agents::get_team(&mut tx, t)
                .await
                .missing_ref("team_id", "team", t)?,
        ),
        None => None,
    };
    if let Some(a) = input.assignee_id {
        repo::agents::get_agent(&mut tx, a)
            .await
            .missing_ref("assignee_id", "agent", a)?;
    }
    let reply_to = match (reply_to, first_email) {
        (Some(r), _) => Some(r.to_string()),
        (None, Some(first)) => first,
        (None, None) => repo::customers::contact_emails(&mut tx, requester.id)
            .await?
            .into_iter()
            .next(),
    };
    let (entitled, outside_hours) =
        intake::entitle(&mut tx, organization_id, input.asset_id, channel, now).await?;
    crate::plans::check_urgency(&mut tx, category.as_deref(), urgency).await?;
    let policy = intake::Policies::default()
        .get(&mut tx, entitled.plan_id, category.as_deref())
        .await?;
    let request = intake::Request {
        channel,
        contact: &requester,
        organization_id,
        asset_id: input.asset_id,
        refused_asset: None,
        category,
        urgency,
        team,
        assignee_id: input.assignee_id,
        subject,
        body_text: input.description,
        body_html: None,
        files: Vec::new(),
        entered_by: match actor {
            Actor::Agent(a) => Some((a.id, a.name.clone())),
            _ => None,
        },
        actor: actor.audit_name(),
        // Every request with an address to reach is confirmed, whatever its channel.
        confirm: reply_to.is_some(),
        reply_to,
        message_id: None,
        references: Vec::new(),
        outside_hours,
        staff_copies: 0,
        at: now,
    };
    let mut ticket = intake::prepare(app, &mut tx, request, policy.as_ref()).await?;
    // A new ticket's clocks are the ones prepared here, so they are shown without reading them
    // back; only a request that joins an open ticket reads that ticket's clocks.
    let prepared = crate::sla::views(app, &mut tx, &ticket.clocks, clock_now).await?;
    drop(tx);
    // Only an authorised, valid request stores its files: a refusal leaves nothing on disk.
    ticket.files = store_uploads(app, uploads).await?;
    let (row, first, joined) = intake::submit(app, ticket).await?;
    let clocks = if joined {
        let mut tx = app.db.read().await?;
        let stored = repo::sla::clocks(&mut tx, row.id).await?;
        crate::sla::views(app, &mut tx, &stored, clock_now).await?
    } else {
        prepared
    };
    let mut t = to_ticket(row, Some(vec![first]));
    t.clocks = Some(clocks);
    Ok((t, joined))
}

/// Writes one new ticket in a transaction of its own: a batch of one through
/// [`insert_many_in`], the one write path of new tickets. Returns the ticket and its first
/// article with its files, and whether it joined an open ticket as the same request sent again.
pub(crate) async fn insert_ticket(
    app: &App,
    ticket: TicketToWrite,
) -> Result<(TicketRow, Article, bool)> {
    let mut tx = app.db.begin().await?;
    let mut items = [ticket];
    insert_many_in(app, &mut tx, &mut items).await?;
    let [t] = items;
    // The files' ids are the database's; read them back only when there are any.
    let files = if t.files.is_empty() {
        Vec::new()
    } else {
        repo::articles::attachments_of_ticket(&mut tx, t.row.id).await?
    };
    tx.commit().await?;
    let files = files
        .into_iter()
        .filter(|f| f.article_id == t.article.id)
        .map(Into::into)
        .collect();
    Ok((t.row, Article::from_row(t.article, files), t.joined))
}

/// A new ticket for [`insert_many_in`]: number, ids and the rows' links are filled in there.
#[derive(Debug, Clone)]
pub(crate) struct TicketToWrite {
    pub row: TicketRow,
    pub article: ArticleRow,
    pub files: Vec<AttachmentRow>,
    pub clocks: Vec<podpora_store::rows::ClockRow>,
    /// Who created it, as the history names them.
    pub actor: String,
    /// The confirmation to send, when the request has an address to reach.
    pub confirmation: Option<super::confirmation::Confirmation>,
    /// Received outside its channel's own hours: said in the history beside `created`.
    pub outside_hours: Option<crate::plans::OutsideHours>,
    /// Set when written: the same request sent again, added to the open ticket now in `row`
    /// instead of opening one.
    pub joined: bool,
}

/// Writes many new tickets in the caller's transaction with one statement per table: each
/// gets the next number of its year in the order given, then its id; its first article, the
/// article's files and its clocks are linked and written, a `created` history row for each,
/// and the confirmations of those that have one are queued in the outbox, with their
/// Message-IDs remembered so that an answer to one threads into its ticket. Every channel's
/// new requests are written here; one that is the same as an open ticket's, sent again, joins
/// that ticket instead (see [`super::repeats`]).
pub(crate) async fn insert_many_in(
    app: &App,
    tx: &mut Tx<'_>,
    items: &mut [TicketToWrite],
) -> Result<()> {
    let repeats = super::repeats::find(app, tx, items).await?;
    if repeats.iter().all(Option::is_none) {
        return insert_new(app, tx, items).await;
    }
    // Requests sent again are rare: only then are the new ones copied out and back.
    let fresh: Vec<usize> = (0..items.len()).filter(|&i| repeats[i].is_none()).collect();
    let mut new: Vec<TicketToWrite> = fresh.iter().map(|&i| items[i].clone()).collect();
    insert_new(app, tx, &mut new).await?;
    for (i, t) in fresh.into_iter().zip(new) {
        items[i] = t;
    }
    super::repeats::join(app, tx, items, repeats).await
}

/// Writes new tickets for [`insert_many_in`].
async fn insert_new(app: &App, tx: &mut Tx<'_>, items: &mut [TicketToWrite]) -> Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let format = &app.config.ticket_numbers;
    let mut i = 0;
    while i < items.len() {
        let year = format.year_at(items[i].row.created_at);
        let run = items[i..]
            .iter()
            .take_while(|t| format.year_at(t.row.created_at) == year)
            .count();
        let last = repo::tickets::next_numbers(tx, i64::from(year), run as i64).await?;
        for (k, t) in items[i..i + run].iter_mut().enumerate() {
            t.row.number = format
                .format(year, last - run as i64 + 1 + k as i64)
                .to_string();
        }
        i += run;
    }
    let pending = super::confirmation::to_confirm(items);
    let composing = (!pending.is_empty()).then(|| {
        let app = app.clone();
        tokio::task::spawn_blocking(move || super::confirmation::compose_all(&app, &pending))
    });
    let missing = |what: &str| AppError::Conflict(format!("a new {what} got no id"));
    let rows: Vec<TicketRow> = items.iter().map(|t| t.row.clone()).collect();
    let ids: std::collections::HashMap<String, i64> = repo::tickets::insert_many(tx, &rows)
        .await?
        .into_iter()
        .map(|(id, number)| (number, id))
        .collect();
    for t in items.iter_mut() {
        t.row.id = *ids.get(&t.row.number).ok_or_else(|| missing("ticket"))?;
        t.article.ticket_id = t.row.id;
    }
    let articles: Vec<ArticleRow> = items.iter().map(|t| t.article.clone()).collect();
    let ids: std::collections::HashMap<i64, i64> = repo::articles::insert_many(tx, &articles)
        .await?
        .into_iter()
        .map(|(id, ticket)| (ticket, id))
        .collect();
    let (mut files, mut clocks) = (Vec::new(), Vec::new());
    for t in items.iter_mut() {
        t.article.id = *ids.get(&t.row.id).ok_or_else(|| missing("article"))?;
        for f in &mut t.files {
            f.article_id = t.article.id;
        }
        for c in &mut t.clocks {
            c.ticket_id = t.row.id;
        }
        files.extend(t.files.iter().cloned());
        clocks.extend(t.clocks.iter().cloned());
    }
    repo::articles::insert_attachments(tx, &files).await?;
    repo::sla::insert_clocks(tx, &clocks).await?;
    let summaries: Vec<String> = items
        .iter()
        .map(|t| format!("{} via {}", t.row.number, t.row.channel))
        .collect();
    let changes: Vec<repo::audit::Change<'_>> = items
        .iter()
        .zip(&summaries)
        .flat_map(|(t, summary)| {
            let change = |field, value: &str| repo::audit::Change {
                entity: "ticket",
                entity_id: t.row.id,
                actor: &t.actor,
                at: t.row.created_at,
                field,
                old_value: None,
                new_value: Some(value.to_owned()),
                reason: None,
            };
            std::iter::once(change("created", summary)).chain(
                t.outside_hours
                    .as_ref()
                    .map(|o| change("outside_channel_hours", &o.note)),
            )
        })
        .collect();
    repo::audit::record_many(tx, &changes).await?;
    let composed = match composing {
        Some(task) => task
            .await
            .map_err(|e| AppError::Io(std::io::Error::other(e.to_string())))??,
        None => Vec::new(),
    };
    let confirmations: Vec<_> = composed
        .into_iter()
        .map(|(i, mut m)| {
            m.ticket_id = Some(items[i].row.id);
            m.article_id = Some(items[i].article.id);
            m
        })
        .collect();
    if !confirmations.is_empty() {
        let now = crate::now_ms();
        let outbound: Vec<_> = confirmations.iter().map(|m| m.outbound(now)).collect();
        repo::mail::enqueue_many(tx, &outbound).await?;
        let threads: Vec<repo::mail::ThreadRef<'_>> = confirmations
            .iter()
            .filter_map(|m| {
                m.ticket_id
                    .map(|t| (m.message_id.as_str(), t, m.article_id, false))
            })
            .collect();
        repo::mail::remember_message_ids(tx, &threads, now).await?;
    }
    Ok(())
}

/// The refusal of an asset the caller may not know about, worded as for one that does not exist.
fn no_such_asset(asset_id: i64) -> AppError {
    AppError::field(
        "asset_id",
        format!(
            "there is no asset with id {asset_id} for this customer; list the customer's assets with GET /api/v1/assets"
        ),
    )
}

/// What an organization key hears of a contact outside its organization, or of none at all.
fn no_such_contact(id: i64) -> AppError {
    AppError::field(
        "requester_id",
        format!("there is no contact with id {id} in your organization"),
    )
}
