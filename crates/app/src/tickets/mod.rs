//! Tickets: opening, reading, listing, changing, articles and history (R-03, R-06, R-11, R-12,
//!

use crate::{
    Actor, App, AppError, Page, Result,
    audit::{self, opt},
    dto::{Attachment, AttachmentUpload, HistoryEntry, Paged, nullable},
    error::{MissingRef, NotFoundAs},
    now_ms, rfc3339,
};
use base64::Engine as _;
use podpora_core::{
    ArticleKind, Channel, EmailAddress, TicketNumber, TicketStatus, Urgency, ValidationError,
    auth::Permission,
    text::{self, DESCRIPTION_MAX_CHARS},
};
use podpora_store::{
    Tx, repo,
    repo::tickets::TicketFilter,
    rows::{ArticleRow, AttachmentRow, TicketRow},
};
use serde::{Deserialize, Serialize};

pub(crate) mod access;
mod articles;
pub(crate) mod confirmation;
mod events;
pub(crate) mod intake;
pub(crate) mod lifecycle;
mod links;
mod open;
mod outgoing;
mod repeats;
pub(crate) mod uploads;
pub(crate) use links::follow_merges;
pub use links::{LinkRefusal, MergeInto, NewLink, TicketLink, link, links, merge, unlink};

use access::ensure_visible;
pub(crate) use access::{ensure_article_visible, ensure_visible_row};
pub use articles::add_article;
pub use events::{DeliveryEvent, acknowledgement_delivered, visit_started};
pub(crate) use open::{TicketToWrite, insert_many_in, insert_ticket};
pub use open::{open, open_or_join};
pub use outgoing::{record_sent, ticket_mail};
use uploads::{decode_uploads, store_uploads};

/// Longest subject, in characters.
pub const SUBJECT_MAX_CHARS: usize = 250;

/// A ticket with its articles.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Ticket {
    /// Human number, e.g. `2026-000123`.
    pub number: String,
    /// Subject.
    pub subject: String,
    /// Lifecycle status.
    pub status: TicketStatus,
    /// Statuses this ticket may move to next.
    pub next_statuses: Vec<TicketStatus>,
    /// Urgent or normal.
    pub urgency: Urgency,
    /// How the request came in.
    pub channel: Channel,
    /// Category, free text until categories are configured.
    pub category: Option<String>,
    /// The contact who asked.
    pub requester_id: Option<i64>,
    /// Where replies for this request go (may differ per request, R-11).
    pub reply_to: Option<String>,
    /// Customer organization.
    pub organization_id: Option<i64>,
    /// The asset it is about.
    pub asset_id: Option<i64>,
    /// Team (queue).
    pub team_id: Option<i64>,
    /// Assigned agent.
    pub assignee_id: Option<i64>,
    /// Reported (RFC 3339).
    pub created_at: String,
    /// Last changed (RFC 3339).
    pub updated_at: String,
    /// Resolved at (RFC 3339).
    pub resolved_at: Option<String>,
    /// Closed at (RFC 3339).
    pub closed_at: Option<String>,
    /// Articles, oldest first (without internal notes for customers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub articles: Option<Vec<Article>>,
    /// SLA clocks: target, due time, remaining business time, met or breached.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clocks: Option<Vec<crate::sla::Clock>>,
}

/// One entry on a ticket.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Article {
    /// Id.
    pub id: i64,
    /// Kind: public reply, internal note, inbound e-mail, portal message, phone note, chat message.
    pub kind: ArticleKind,
    /// Author agent.
    pub author_agent_id: Option<i64>,
    /// Author contact.
    pub author_contact_id: Option<i64>,
    /// Author as shown.
    pub author_name: String,
    /// Text body.
    pub body: String,
    /// Sanitised HTML body, if any.
    pub body_html: Option<String>,
    /// Written (RFC 3339).
    pub created_at: String,
    /// Files.
    pub attachments: Vec<Attachment>,
}

/// A request to open.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTicket {
    /// Subject (required, one line, at most 250 characters).
    pub subject: String,
    /// Description (required, at most 8,000 characters).
    pub description: String,
    /// The contact asking (this or `requester_email` is required: only customers open requests).
    pub requester_id: Option<i64>,
    /// The contact asking, by a registered e-mail address.
    pub requester_email: Option<String>,
    /// Address for replies about this request; the contact's first address when absent.
    pub reply_to: Option<String>,
    /// Organization; the requester's when absent.
    pub organization_id: Option<i64>,
    /// The asset it is about; the requester must have rights to it.
    pub asset_id: Option<i64>,
    /// Category.
    pub category: Option<String>,
    /// `urgent` or `normal` (default).
    pub urgency: Option<String>,
    /// `email`, `portal`, `phone`, `chat` or `api`; `phone` for staff, `api` for keys by default.
    pub channel: Option<String>,
    /// Team (queue).
    pub team_id: Option<i64>,
    /// Assigned agent.
    pub assignee_id: Option<i64>,
    /// Files.
    #[serde(default)]
    pub attachments: Vec<AttachmentUpload>,
    /// When the customer reported it (RFC 3339), for a call logged afterwards; now when absent.
    /// SLA clocks start here. Staff only; at most 30 days back.
    pub reported_at: Option<String>,
}

/// Changes to a ticket. Lowering urgency needs a `reason`, kept in the history.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketPatch {
    /// New status; the lifecycle decides which are allowed.
    pub status: Option<String>,
    /// New assignee, or null to unassign.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub assignee_id: Option<Option<i64>>,
    /// New team, or null.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub team_id: Option<Option<i64>>,
    /// New urgency.
    pub urgency: Option<String>,
    /// New subject.
    pub subject: Option<String>,
    /// New category, or null.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub category: Option<Option<String>>,
    /// Why; required when lowering urgency, recorded with every change of this request.
    pub reason: Option<String>,
}

/// A new article.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewArticle {
    /// `public_reply`, `internal_note` or `phone_note` for staff (a call from the customer, which
    /// resumes or reopens the request as their message by any channel does); customers' keys
    /// write `portal_message`.
    pub kind: Option<String>,
    /// Text (required, at most 8,000 characters).
    pub body: String,
    /// HTML version; sanitised before it is stored.
    pub body_html: Option<String>,
    /// Files.
    #[serde(default)]
    pub attachments: Vec<AttachmentUpload>,
}

/// Ticket list filters.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TicketQuery {
    /// Exact status, or `open` for every status but resolved and closed.
    pub status: Option<String>,
    /// Team id.
    pub team_id: Option<i64>,
    /// Assignee id.
    pub assignee_id: Option<i64>,
    /// Organization id.
    pub organization_id: Option<i64>,
    /// Requester contact id.
    pub requester_id: Option<i64>,
    /// `urgent` or `normal`.
    pub urgency: Option<String>,
    /// Channel.
    pub channel: Option<String>,
    /// Reported at or after (RFC 3339).
    pub created_from: Option<String>,
    /// Reported before (RFC 3339).
    pub created_to: Option<String>,
}

fn to_ticket(r: TicketRow, articles: Option<Vec<Article>>) -> Ticket {
    Ticket {
        number: r.number,
        subject: r.subject,
        next_statuses: r.status.next_states(),
        status: r.status,
        urgency: r.urgency,
        channel: r.channel,
        category: r.category,
        requester_id: r.requester_id,
        reply_to: r.reply_to,
        organization_id: r.organization_id,
        asset_id: r.asset_id,
        team_id: r.team_id,
        assignee_id: r.assignee_id,
        created_at: rfc3339(r.created_at),
        updated_at: rfc3339(r.updated_at),
        resolved_at: r.resolved_at.map(rfc3339),
        closed_at: r.closed_at.map(rfc3339),
        articles,
        clocks: None,
    }
}

fn sanitize_html(html: Option<&str>) -> Option<String> {
    html.filter(|h| !h.trim().is_empty()).map(ammonia::clean)
}

/// A ticket with its articles (without internal notes for customers) and its clocks at `now`.
async fn full_ticket(
    app: &App,
    tx: &mut Tx<'_>,
    row: TicketRow,
    public_only: bool,
    now: i64,
) -> Result<Ticket> {
    let articles = load_articles(tx, row.id, public_only).await?;
    let clocks = repo::sla::clocks(tx, row.id).await?;
    let clocks = crate::sla::views(app, tx, &clocks, now).await?;
    let mut t = to_ticket(row, Some(articles));
    t.clocks = Some(clocks);
    Ok(t)
}

impl Article {
    /// The API view of a stored article and its files.
    pub(crate) fn from_row(a: ArticleRow, attachments: Vec<Attachment>) -> Self {
        Article {
            id: a.id,
            kind: a.kind,
            author_agent_id: a.author_agent_id,
            author_contact_id: a.author_contact_id,
            author_name: a.author_name,
            body: a.body_text,
            body_html: a.body_html,
            created_at: rfc3339(a.created_at),
            attachments,
        }
    }
}

async fn load_articles(tx: &mut Tx<'_>, ticket_id: i64, public_only: bool) -> Result<Vec<Article>> {
    let rows = repo::articles::list(tx, ticket_id, public_only).await?;
    let mut files = repo::articles::attachments_of_ticket(tx, ticket_id).await?;
    Ok(rows
        .into_iter()
        .map(|a| {
            let (mine, rest): (Vec<_>, Vec<_>) =
                files.drain(..).partition(|f| f.article_id == a.id);
            files = rest;
            Article::from_row(a, mine.into_iter().map(Into::into).collect())
        })
        .collect())
}

async fn insert_article(
    tx: &mut Tx<'_>,
    mut a: ArticleRow,
    files: Vec<AttachmentRow>,
) -> Result<Article> {
    a.id = repo::articles::insert(tx, &a).await?;
    let mut attachments = Vec::with_capacity(files.len());
    for mut f in files {
        f.article_id = a.id;
        f.id = repo::articles::insert_attachment(tx, &f).await?;
        attachments.push(f.into());
    }
    Ok(Article::from_row(a, attachments))
}

fn parse_number(number: &str) -> Result<TicketNumber> {
    TicketNumber::parse(number).map_err(|_| AppError::NotFound(format!("ticket {number}")))
}

/// One ticket with its articles.
pub async fn get(app: &App, actor: &Actor, number: &str) -> Result<Ticket> {
    let number = parse_number(number)?;
    let mut tx = app.db.read().await?;
    let row = repo::tickets::get_by_number(&mut tx, number.as_str())
        .await
        .not_found(|| format!("ticket {number}"))?;
    ensure_visible(&mut tx, actor, &row).await?;
    let public_only = actor.is_customer();
    full_ticket(app, &mut tx, row, public_only, now_ms()).await
}

fn parse_instant(v: &mut ValidationError, field: &str, s: &Option<String>) -> Option<i64> {
    s.as_ref().and_then(|s| {
        v.check(
            field,
            s.parse::<jiff::Timestamp>().map_err(|e| {
                format!("is not an RFC 3339 instant such as 2026-11-23T08:00:00Z: {e}")
            }),
        )
        .map(|t| t.as_millisecond())
    })
}

/// A page of tickets, newest first, filtered, limited to what the actor may see.
pub async fn list(app: &App, actor: &Actor, q: TicketQuery, page: Page) -> Result<Paged<Ticket>> {
    actor.require(Permission::ReadTickets)?;
    let mut v = ValidationError::new();
    let (status, open_only) = match q.status.as_deref() {
        Some("open") => (None, true),
        Some(s) => (
            v.check(
                "status",
                s.parse::<TicketStatus>()
                    .map_err(|e| format!("{e}, or open")),
            )
            .map(|s| s.to_string()),
            false,
        ),
        None => (None, false),
    };
    let urgency = q
        .urgency
        .as_deref()
        .and_then(|u| v.check("urgency", u.parse::<Urgency>()))
        .map(|u| u.to_string());
    let channel = q
        .channel
        .as_deref()
        .and_then(|c| v.check("channel", c.parse::<Channel>()))
        .map(|c| c.to_string());
    let created_from = parse_instant(&mut v, "created_from", &q.created_from);
    let created_to = parse_instant(&mut v, "created_to", &q.created_to);
    v.into_result()?;
    let filter = TicketFilter {
        status,
        open_only,
        team_id: q.team_id,
        assignee_id: q.assignee_id,
        organization_id: actor.organization_scope().or(q.organization_id),
        requester_id: actor.contact_scope().or(q.requester_id),
        urgency,
        channel,
        visible_to_agent: actor.team_scope(),
        created_from,
        created_to,
        // A portal contact's list holds the requests colleagues shared with it too.
        include_shared: actor.contact_scope().is_some(),
    };
    if actor.is_customer()
        && q.organization_id
            .is_some_and(|o| Some(o) != actor.organization_scope())
    {
        return Err(AppError::Forbidden(
            "an organization key lists only its own organization's tickets".into(),
        ));
    }
    let (limit, offset) = page.limit_offset();
    let mut tx = app.db.read().await?;
    let (rows, total) = repo::tickets::list(&mut tx, &filter, limit, offset).await?;
    let (page, per_page) = page.resolved();
    Ok(Paged {
        items: rows.into_iter().map(|r| to_ticket(r, None)).collect(),
        page,
        per_page,
        total,
    })
}

/// Changes a ticket's status, assignee, team, urgency, subject or category, recording each change.
pub async fn update(app: &App, actor: &Actor, number: &str, p: TicketPatch) -> Result<Ticket> {
    if actor.is_customer() {
        return Err(AppError::Forbidden(
            "an organization key cannot change tickets; write a message instead".into(),
        ));
    }
    actor.require(Permission::WriteTickets)?;
    let number = parse_number(number)?;
    let mut v = ValidationError::new();
    let status = p
        .status
        .as_deref()
        .and_then(|s| v.check("status", s.parse::<TicketStatus>()));
    let urgency = p
        .urgency
        .as_deref()
        .and_then(|u| v.check("urgency", u.parse::<Urgency>()));
    let subject = p
        .subject
        .as_deref()
        .and_then(|s| v.check("subject", text::required_line(s, SUBJECT_MAX_CHARS)));
    let category = match &p.category {
        Some(Some(c)) if !c.trim().is_empty() => {
            v.check("category", text::required_line(c, 100)).map(Some)
        }
        Some(_) => Some(None),
        None => None,
    };
    let reason = p.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    if let Some(r) = reason
        && let Err(e) = text::check_max_chars(r, 1000)
    {
        v.push("reason", e);
    }
    v.into_result()?;

    let mut tx = app.db.begin().await?;
    let old = repo::tickets::get_for_update(&mut tx, number.as_str())
        .await
        .not_found(|| format!("ticket {number}"))?;
    ensure_visible(&mut tx, actor, &old).await?;
    let mut row = old.clone();
    let now = now_ms();
    let mut changes = Vec::new();
    if let Some(to) = status {
        changes.push(lifecycle::change_status(app, &mut tx, &mut row, to, now).await?);
    }
    if let Some(u) = urgency {
        let from = old.urgency;
        if u.rank() < from.rank() && reason.is_none() {
            return Err(AppError::field(
                "reason",
                "lowering the urgency needs a reason, which is kept in the history",
            ));
        }
        row.urgency = u;
    }
    if let Some(s) = subject {
        row.subject = s;
    }
    if let Some(c) = category {
        row.category = c;
    }
    // Plannable work cannot become urgent, by a new urgency or by a new category.
    if urgency.is_some() || p.category.is_some() {
        crate::plans::check_urgency(&mut tx, row.category.as_deref(), row.urgency).await?;
    }
    if let Some(t) = p.team_id {
        if let Some(t) = t {
            repo::agents::get_team(&mut tx, t)
                .await
                .missing_ref("team_id", "team", t)?;
        }
        row.team_id = t;
    }
    if let Some(a) = p.assignee_id {
        if let Some(a) = a {
            repo::agents::get_agent(&mut tx, a)
                .await
                .missing_ref("assignee_id", "agent", a)?;
        }
        row.assignee_id = a;
    }
    row.updated_at = now;
    changes.extend([
        (
            "urgency",
            Some(old.urgency.to_string()),
            Some(row.urgency.to_string()),
        ),
        (
            "subject",
            Some(old.subject.clone()),
            Some(row.subject.clone()),
        ),
        ("category", old.category.clone(), row.category.clone()),
        ("team_id", opt(&old.team_id), opt(&row.team_id)),
        ("assignee_id", opt(&old.assignee_id), opt(&row.assignee_id)),
    ]);
    if audit::changed(&mut tx, "ticket", old.id, actor, now, changes, reason).await? == 0 {
        return full_ticket(app, &mut tx, old, false, now).await;
    }
    repo::tickets::update(&mut tx, &row).await?;
    let t = full_ticket(app, &mut tx, row, false, now).await?;
    tx.commit().await?;
    Ok(t)
}

/// The audit history of a ticket, oldest first.
pub async fn history(app: &App, actor: &Actor, number: &str) -> Result<Vec<HistoryEntry>> {
    let number = parse_number(number)?;
    let mut tx = app.db.read().await?;
    let t = repo::tickets::get_by_number(&mut tx, number.as_str())
        .await
        .not_found(|| format!("ticket {number}"))?;
    ensure_visible(&mut tx, actor, &t).await?;
    if actor.is_customer() {
        return Err(AppError::Forbidden(
            "the change history is for staff".into(),
        ));
    }
    Ok(repo::audit::history(&mut tx, "ticket", t.id)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

/// An attachment's metadata and bytes, if the actor may see its article: its ticket must be
/// visible, and a customer never gets the files of internal notes. Every refusal reads like
/// "attachment N not found", so it tells nothing of the ticket or whether the file exists.
pub async fn attachment(app: &App, actor: &Actor, id: i64) -> Result<(Attachment, Vec<u8>)> {
    let hidden = || AppError::NotFound(format!("attachment {id}"));
    let mut tx = app.db.read().await?;
    let (a, ticket_id, kind) = repo::articles::get_attachment(&mut tx, id)
        .await
        .not_found(|| format!("attachment {id}"))?;
    let t = repo::tickets::get_by_id(&mut tx, ticket_id).await?;
    ensure_article_visible(&mut tx, actor, &t, &kind)
        .await
        .map_err(|e| match e {
            AppError::NotFound(_) => hidden(),
            e => e,
        })?;
    drop(tx);
    let bytes = app.files.get(&a.sha256).await?;
    Ok((a.into(), bytes))
}
