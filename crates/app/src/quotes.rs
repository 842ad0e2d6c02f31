//! Quotes with a deadline (R-46, seed 002): when a request is assigned, an agent agrees a price
//! and a deadline with the customer. The agent records the quote (price, what it covers, the
//! deadline); the customer is told by mail in their language and accepts or declines it in the
//! portal or through the API. A ticket carries several quotes over time, at most one pending.
//!
//! On acceptance the deadline becomes the ticket's `agreed_deadline` clock: due at the agreed
//! instant, which no calendar change or pause moves (a date was promised, not business hours);
//! warned at the SLA policy's warning share of the time from acceptance to the deadline, and
//! warned and escalated by the SLA scheduler like every other clock; met when the ticket is
//! resolved or closed. The clock borrows the ticket's SLA policy (the one its other clocks run
//! on, else the default for its category) for that share, its calendar for showing the time
//! left, and its escalation team; with no policy at all a quote is refused, since nobody
//! would watch its deadline. A declined quote starts no clock. Every quote and decision is in
//! the ticket's history with the time, the person and the channel.

use crate::{
    Actor, App, AppError, Result, audit, billing::zone_of_country, error::NotFoundAs, now_ms,
    outbox, rfc3339, tickets::ensure_visible_row,
};
use podpora_billing::{Currency, Money};
use podpora_core::{TicketNumber, ValidationError, auth::Role, text};
use podpora_render::MailTemplate;
use podpora_store::{
    Db, Tx, repo,
    repo::{quotes::QuoteRow, sla::AGREED_DEADLINE},
    rows::{ClockRow, SlaPolicyRow, TicketRow},
};
use serde::{Deserialize, Serialize};

/// A quote to record.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewQuote {
    /// The price, a decimal amount with at most two decimals (`"1200"`, `"1200.50"`), in the
    /// currency of the default price list (else of the customer's country).
    pub price: String,
    /// What the price covers, as the customer reads it.
    pub covers: String,
    /// The agreed deadline, an instant in RFC 3339 with its offset
    /// (`2026-12-10T16:00:00+01:00`); stored in UTC. It must lie in the future.
    pub deadline: String,
}

/// A decision on a quote.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuoteDecision {
    /// Declining: why, optional for the customer. Staff recording a decision the customer
    /// gave another way (phone, visit) must say how and when; kept in the history.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A quote and its state.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Quote {
    /// Id.
    pub id: i64,
    /// The ticket.
    pub ticket_number: String,
    /// The price.
    pub price: podpora_core::plan::Money,
    /// What it covers.
    pub covers: String,
    /// The agreed deadline (RFC 3339, UTC).
    pub deadline_at: String,
    /// `pending`, `accepted` or `declined`.
    pub state: String,
    /// Who offered it, e.g. `agent:4`.
    pub offered_by: String,
    /// When it was offered.
    pub offered_at: String,
    /// When it was accepted or declined.
    pub decided_at: Option<String>,
    /// Who decided, e.g. `contact:12`, `org-key:3`, or the agent who recorded it.
    pub decided_by: Option<String>,
    /// `portal`, `api` or `staff`.
    pub decided_channel: Option<String>,
    /// Why it was declined, when the customer said.
    pub decline_reason: Option<String>,
}

fn view(q: QuoteRow, number: &str) -> Quote {
    let currency = Currency::parse(&q.currency).unwrap_or(Currency::EUR);
    Quote {
        id: q.id,
        ticket_number: number.to_owned(),
        price: crate::billing::money(Money::from_minor(q.price_minor, currency)),
        covers: q.covers,
        deadline_at: rfc3339(q.deadline_at),
        state: q.state,
        offered_by: q.offered_by,
        offered_at: rfc3339(q.offered_at),
        decided_at: q.decided_at.map(rfc3339),
        decided_by: q.decided_by,
        decided_channel: q.decided_channel,
        decline_reason: q.decline_reason,
    }
}

fn agent_has(actor: &Actor, roles: &[Role]) -> bool {
    match actor {
        Actor::Agent(a) => a.roles.iter().any(|r| roles.contains(r)),
        Actor::Cli | Actor::System => true,
        _ => false,
    }
}

async fn ticket(tx: &mut Tx<'_>, actor: &Actor, number: &str) -> Result<TicketRow> {
    let n =
        TicketNumber::parse(number).map_err(|_| AppError::NotFound(format!("ticket {number}")))?;
    let t = repo::tickets::get_by_number(tx, n.as_str())
        .await
        .not_found(|| format!("ticket {number}"))?;
    ensure_visible_row(tx, actor, &t).await?;
    Ok(t)
}

/// The currency of quotes: the default price list's, else the customer's country's.
async fn currency_of(tx: &mut Tx<'_>, t: &TicketRow) -> Result<Currency> {
    if let Some(list) = repo::billing::default_price_list(tx).await?
        && let Ok(c) = Currency::parse(&list.currency)
    {
        return Ok(c);
    }
    let country = match t.organization_id {
        Some(org) => repo::customers::get_org(tx, org).await?.country,
        None => String::new(),
    };
    Ok(match country.trim().to_ascii_uppercase().as_str() {
        "CZ" => Currency::CZK,
        "PL" => Currency::PLN,
        _ => Currency::EUR,
    })
}

/// The SLA policy the deadline clock borrows: that of the ticket's running clocks, else the
/// default for its category.
async fn policy_of(tx: &mut Tx<'_>, t: &TicketRow) -> Result<SlaPolicyRow> {
    let clocks = repo::sla::clocks(tx, t.id).await?;
    if let Some(c) = clocks.iter().find(|c| c.metric != AGREED_DEADLINE) {
        return Ok(repo::sla::get_policy(tx, c.policy_id).await?);
    }
    repo::sla::policy_for(tx, t.category.as_deref())
        .await?
        .ok_or_else(|| {
            AppError::Conflict(
                "no SLA policy applies to this ticket: an agreed deadline is warned and escalated like an SLA clock, by a policy's warning share and escalation team; set up a default SLA policy first"
                    .into(),
            )
        })
}

/// Records a quote on an open ticket (technicians, dispatchers, administrators) and mails it to
/// the customer. Refused while another quote on the ticket is pending, and on a resolved or
/// closed ticket.
pub async fn create_quote(app: &App, actor: &Actor, number: &str, q: NewQuote) -> Result<Quote> {
    let mut tx = app.db.begin().await?;
    let t = ticket(&mut tx, actor, number).await?;
    if !agent_has(actor, &[Role::Technician, Role::Dispatcher, Role::Admin]) {
        return Err(AppError::Forbidden(
            "only technicians, dispatchers and administrators make quotes".into(),
        ));
    }
    let now = now_ms();
    let currency = currency_of(&mut tx, &t).await?;
    let mut v = ValidationError::new();
    let covers = v.check("covers", text::required_line(&q.covers, 1000));
    let price = match Money::parse(q.price.trim(), currency) {
        Ok(m) if m.minor() > 0 => Some(m),
        Ok(_) => {
            v.push("price", "must be more than zero");
            None
        }
        Err(e) => {
            v.push(
                "price",
                format!("{e}: write an amount such as 1200 or 1200.50"),
            );
            None
        }
    };
    let deadline = match q.deadline.trim().parse::<jiff::Timestamp>() {
        Ok(d) if d.as_millisecond() > now => Some(d.as_millisecond()),
        Ok(_) => {
            v.push("deadline", "must lie in the future");
            None
        }
        Err(_) => {
            v.push(
                "deadline",
                "must be a date and time with its offset, such as 2026-12-10T16:00:00+01:00",
            );
            None
        }
    };
    v.into_result()?;
    let (Some(covers), Some(price), Some(deadline_at)) = (covers, price, deadline) else {
        return Err(AppError::field("price", "missing"));
    };
    if !t.status.is_open() {
        return Err(AppError::Conflict(format!(
            "ticket {} is {}: quotes are made on open tickets only",
            t.number, t.status
        )));
    }
    if repo::quotes::quotes_of_ticket(&mut tx, t.id)
        .await?
        .iter()
        .any(|q| q.state == "pending")
    {
        return Err(pending_already(&t.number));
    }
    policy_of(&mut tx, &t).await?;
    let mut row = QuoteRow {
        id: 0,
        ticket_id: t.id,
        price_minor: price.minor(),
        currency: price.currency().code().to_owned(),
        covers,
        deadline_at,
        state: "pending".into(),
        offered_by: actor.audit_name(),
        offered_at: now,
        decided_at: None,
        decided_by: None,
        decided_channel: None,
        decline_reason: None,
    };
    row.id = repo::quotes::insert_quote(&mut tx, &row)
        .await
        .map_err(|e| match e {
            // Another quote was made at the same moment.
            podpora_store::StoreError::Conflict(_) => pending_already(&t.number),
            e => e.into(),
        })?;
    audit::changed(
        &mut tx,
        "ticket",
        t.id,
        actor,
        now,
        vec![(
            "quote_offered",
            None,
            Some(format!(
                "#{}: {price}, deadline {}: {}",
                row.id,
                rfc3339(deadline_at),
                row.covers
            )),
        )],
        None,
    )
    .await?;
    let mailed = mail_customer(app, &mut tx, &t, &row, price, now).await?;
    tx.commit().await?;
    if mailed {
        app.outbox_wakeup.notify_one();
    }
    Ok(view(row, &t.number))
}

fn pending_already(number: &str) -> AppError {
    AppError::Conflict(format!(
        "ticket {number} has a pending quote already: the customer accepts or declines it before another is made"
    ))
}

/// Queues the quote to the customer in their language; false when there is nobody to write to.
async fn mail_customer(
    app: &App,
    tx: &mut Tx<'_>,
    t: &TicketRow,
    q: &QuoteRow,
    price: Money,
    now: i64,
) -> Result<bool> {
    let contact = match t.requester_id {
        Some(id) => Some(repo::customers::get_contact(tx, id).await?),
        None => None,
    };
    let to = match (&t.reply_to, &contact) {
        (Some(to), _) => Some(to.clone()),
        (None, Some(c)) => repo::customers::contact_emails(tx, c.id)
            .await?
            .into_iter()
            .next(),
        (None, None) => None,
    };
    let Some(to) = to else {
        return Ok(false);
    };
    let language = contact.as_ref().map(|c| c.language).unwrap_or_default();
    let country = match t.organization_id {
        Some(org) => repo::customers::get_org(tx, org).await?.country,
        None => String::new(),
    };
    let deadline = jiff::Timestamp::from_millisecond(q.deadline_at)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(zone_of_country(&country));
    outbox::queue(
        app,
        tx,
        outbox::Notice {
            ticket: Some(t),
            article_id: None,
            purpose: "quote_offered",
            origin: outbox::Origin::Person,
            to: &to,
            language,
            template: MailTemplate::QuoteOffered {
                ticket_number: t.number.clone(),
                subject: t.subject.clone(),
                price_minor: price.minor(),
                currency: price.currency().code().to_owned(),
                covers: q.covers.clone(),
                deadline,
            },
            in_reply_to: None,
            references: Vec::new(),
        },
        now,
    )
    .await?;
    Ok(true)
}

/// A ticket's quotes, oldest first: staff who see the ticket, and its customer.
pub async fn list_quotes(db: &Db, actor: &Actor, number: &str) -> Result<Vec<Quote>> {
    let mut tx = db.read().await?;
    let t = ticket(&mut tx, actor, number).await?;
    Ok(repo::quotes::quotes_of_ticket(&mut tx, t.id)
        .await?
        .into_iter()
        .map(|q| view(q, &t.number))
        .collect())
}

/// Who decides and by which channel: the customer (portal or API key), or a dispatcher or an
/// administrator recording a decision given another way, with the reason required.
fn channel(actor: &Actor, reason: Option<&str>) -> Result<&'static str> {
    match actor {
        Actor::Customer(_) => Ok("portal"),
        Actor::Organization { .. } => Ok("api"),
        _ if !agent_has(actor, &[Role::Dispatcher, Role::Admin]) => Err(AppError::Forbidden(
            "the customer decides on a quote; dispatchers and administrators record a decision given another way".into(),
        )),
        _ if reason.is_none() => Err(AppError::field(
            "reason",
            "say how and when the customer decided; it is kept in the ticket's history",
        )),
        _ => Ok("staff"),
    }
}

/// The pending quote `id` of a ticket, for a decision.
async fn pending(tx: &mut Tx<'_>, t: &TicketRow, id: i64) -> Result<QuoteRow> {
    let q = repo::quotes::quotes_of_ticket(tx, t.id)
        .await?
        .into_iter()
        .find(|q| q.id == id)
        .ok_or_else(|| AppError::NotFound(format!("quote {id}")))?;
    if q.state != "pending" {
        return Err(AppError::Conflict(format!(
            "quote {id} is {} already",
            q.state
        )));
    }
    Ok(q)
}

fn reason_of(d: &QuoteDecision) -> Result<Option<String>> {
    let r = d.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    if let Some(r) = r {
        text::check_max_chars(r, 1000).map_err(|e| AppError::field("reason", e))?;
    }
    Ok(r.map(str::to_owned))
}

/// Accepts a pending quote: its deadline becomes the ticket's `agreed_deadline` clock. Refused
/// (409) when the quote was decided already, when its deadline has passed (a new quote is
/// needed), and when the ticket is no longer open.
pub async fn accept_quote(
    app: &App,
    actor: &Actor,
    number: &str,
    id: i64,
    d: QuoteDecision,
) -> Result<Quote> {
    let mut tx = app.db.begin().await?;
    let t = ticket(&mut tx, actor, number).await?;
    let reason = reason_of(&d)?;
    let channel = channel(actor, reason.as_deref())?;
    let mut q = pending(&mut tx, &t, id).await?;
    let now = now_ms();
    if q.deadline_at <= now {
        return Err(AppError::Conflict(format!(
            "the deadline of quote {id} has passed: ask for a new quote"
        )));
    }
    if !t.status.is_open() {
        return Err(AppError::Conflict(format!(
            "ticket {} is {}: its quotes can no longer be accepted",
            t.number, t.status
        )));
    }
    let policy = policy_of(&mut tx, &t).await?;
    if !repo::quotes::decide_quote(
        &mut tx,
        id,
        "accepted",
        now,
        &actor.audit_name(),
        channel,
        None,
    )
    .await?
    {
        return Err(AppError::Conflict(format!("quote {id} is decided already")));
    }
    repo::quotes::put_deadline_clock(&mut tx, &deadline_clock(&t, &q, &policy, now)).await?;
    q.state = "accepted".into();
    q.decided_at = Some(now);
    q.decided_by = Some(actor.audit_name());
    q.decided_channel = Some(channel.into());
    audit::changed(
        &mut tx,
        "ticket",
        t.id,
        actor,
        now,
        vec![(
            "quote_accepted",
            None,
            Some(format!(
                "#{id} by {channel}, deadline {}",
                rfc3339(q.deadline_at)
            )),
        )],
        reason.as_deref(),
    )
    .await?;
    tx.commit().await?;
    Ok(view(q, &t.number))
}

/// The clock an accepted quote starts: due at the deadline, warned at the policy's share of the
/// time from `now` to it.
fn deadline_clock(t: &TicketRow, q: &QuoteRow, policy: &SlaPolicyRow, now: i64) -> ClockRow {
    let span = i128::from(q.deadline_at - now);
    let share = span * i128::from(policy.warn_percent.clamp(0, 100)) / 100;
    let warn_at = now + i64::try_from(share).unwrap_or(0);
    ClockRow {
        ticket_id: t.id,
        metric: AGREED_DEADLINE.into(),
        // Not a target a calendar can compute: recomputing after a pause or a calendar change
        // skips it, so the agreed instant stays.
        target: format!("quote-{}", q.id),
        policy_id: policy.id,
        calendar_id: policy.calendar_id,
        started_at: now,
        due_at: Some(q.deadline_at),
        met_at: None,
        warn_at: Some(warn_at),
        warned_at: None,
        escalated_at: None,
    }
}

/// Declines a pending quote, with the customer's optional reason: no clock starts, and the
/// ticket's history says so.
pub async fn decline_quote(
    app: &App,
    actor: &Actor,
    number: &str,
    id: i64,
    d: QuoteDecision,
) -> Result<Quote> {
    let mut tx = app.db.begin().await?;
    let t = ticket(&mut tx, actor, number).await?;
    let reason = reason_of(&d)?;
    let channel = channel(actor, reason.as_deref())?;
    let mut q = pending(&mut tx, &t, id).await?;
    let now = now_ms();
    if !repo::quotes::decide_quote(
        &mut tx,
        id,
        "declined",
        now,
        &actor.audit_name(),
        channel,
        reason.as_deref(),
    )
    .await?
    {
        return Err(AppError::Conflict(format!("quote {id} is decided already")));
    }
    q.state = "declined".into();
    q.decided_at = Some(now);
    q.decided_by = Some(actor.audit_name());
    q.decided_channel = Some(channel.into());
    q.decline_reason = reason.clone();
    audit::changed(
        &mut tx,
        "ticket",
        t.id,
        actor,
        now,
        vec![(
            "quote_declined",
            None,
            Some(format!("#{id} by {channel}: no deadline clock")),
        )],
        reason.as_deref(),
    )
    .await?;
    tx.commit().await?;
    Ok(view(q, &t.number))
}

/// The currency a new quote on the ticket would be in (for the form's label).
pub async fn quote_currency(db: &Db, actor: &Actor, number: &str) -> Result<String> {
    let mut tx = db.read().await?;
    let t = ticket(&mut tx, actor, number).await?;
    Ok(currency_of(&mut tx, &t).await?.code().to_owned())
}
