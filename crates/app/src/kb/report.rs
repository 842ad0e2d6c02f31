//! Reports of the knowledge base (staff): views, votes, searches that found nothing, and
//! requests avoided, per month and language; and, on a ticket, what its customer read before.

use super::require_staff;
use crate::error::NotFoundAs;
use crate::{Actor, App, AppError, Result, rfc3339};
use podpora_core::auth::Permission;
use podpora_store::repo;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How long before a request its customer's reading is shown to agents.
pub const READ_BEFORE_MS: i64 = 7 * 86_400_000;

/// One month and language of the report.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ReportLine {
    /// YYYY-MM (UTC).
    pub month: String,
    /// Language code.
    pub language: String,
    /// Articles read.
    pub views: i64,
    /// "It helped".
    pub helpful: i64,
    /// "It did not help".
    pub unhelpful: i64,
    /// Searches.
    pub searches: i64,
    /// Searches that found nothing.
    pub empty_searches: i64,
    /// New-request forms that were shown suggestions.
    pub suggested: i64,
    /// Forms from which a suggestion was opened.
    pub opened: i64,
    /// Opened a suggestion and never sent the request.
    pub requests_avoided: i64,
    /// Sent the request after being shown suggestions.
    pub sent_after_suggestions: i64,
}

/// A search that found nothing, and how often it was made.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EmptySearch {
    /// Language code.
    pub language: String,
    /// The words.
    pub query: String,
    /// Times searched.
    pub count: i64,
}

/// The knowledge base's report for a span of months.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KbReport {
    /// First month (YYYY-MM).
    pub from: String,
    /// Last month (YYYY-MM).
    pub to: String,
    /// Per month and language.
    pub lines: Vec<ReportLine>,
    /// Searches that found nothing in the last month, most frequent first.
    pub empty_searches: Vec<EmptySearch>,
}

fn check_month(field: &str, m: &str) -> Result<String> {
    let ok = m.len() == 7
        && m.as_bytes()[4] == b'-'
        && m[..4].chars().all(|c| c.is_ascii_digit())
        && m[5..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n));
    if ok {
        Ok(m.to_string())
    } else {
        Err(AppError::field(
            field,
            "must be a month as YYYY-MM, e.g. 2026-12",
        ))
    }
}

/// The report for months `from`..=`to` (YYYY-MM; both default to this month).
pub async fn report(
    app: &App,
    actor: &Actor,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<KbReport> {
    require_staff(actor, Permission::ReadTickets)?;
    let this = super::month(crate::now_ms());
    let to = check_month("to", to.unwrap_or(&this))?;
    let from = check_month("from", from.unwrap_or(&to))?;
    let mut tx = app.db.read().await?;
    let rows = repo::kb::report(&mut tx, &from, &to).await?;
    let mut lines: BTreeMap<(String, String), ReportLine> = BTreeMap::new();
    for r in rows {
        let line = lines
            .entry((r.month.clone(), r.language.clone()))
            .or_insert_with(|| ReportLine {
                month: r.month.clone(),
                language: r.language.clone(),
                ..Default::default()
            });
        let slot = match r.what.as_str() {
            "view" => &mut line.views,
            "helpful" => &mut line.helpful,
            "unhelpful" => &mut line.unhelpful,
            "search" => &mut line.searches,
            "search_empty" => {
                line.searches += r.n;
                &mut line.empty_searches
            }
            "suggested" => &mut line.suggested,
            "opened" => &mut line.opened,
            "avoided" => &mut line.requests_avoided,
            "sent_after" => &mut line.sent_after_suggestions,
            _ => continue,
        };
        *slot += r.n;
    }
    let empty_searches = repo::kb::empty_searches(&mut tx, &to, 50)
        .await?
        .into_iter()
        .map(|(language, query, count)| EmptySearch {
            language,
            query,
            count,
        })
        .collect();
    Ok(KbReport {
        from,
        to,
        lines: lines.into_values().collect(),
        empty_searches,
    })
}

/// An article a customer read before opening a request.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReadBefore {
    /// The article.
    pub article_id: i64,
    /// The language read.
    pub language: String,
    /// Its title.
    pub title: String,
    /// When it was last read (RFC 3339).
    pub read_at: String,
}

/// The articles the requester of ticket `number` read in the week before opening it.
pub async fn read_before(app: &App, actor: &Actor, number: &str) -> Result<Vec<ReadBefore>> {
    require_staff(actor, Permission::ReadTickets)?;
    // No ticket number holds control characters, and PostgreSQL cannot compare NUL as text.
    if number.chars().any(char::is_control) {
        return Err(AppError::NotFound(format!(
            "ticket {}",
            number.escape_default()
        )));
    }
    let mut tx = app.db.read().await?;
    let t = repo::tickets::get_by_number(&mut tx, number)
        .await
        .not_found(|| format!("ticket {number}"))?;
    crate::tickets::ensure_visible_row(&mut tx, actor, &t).await?;
    let Some(contact) = t.requester_id else {
        return Ok(Vec::new());
    };
    Ok(repo::kb::read_by(
        &mut tx,
        contact,
        t.created_at - READ_BEFORE_MS,
        t.created_at,
    )
    .await?
    .into_iter()
    .map(|r| ReadBefore {
        article_id: r.article_id,
        language: r.language,
        title: r.title,
        read_at: rfc3339(r.at),
    })
    .collect())
}

/// The language to answer ticket `number`'s customer in: the requester's, else the
/// organization's, else Slovak.
pub async fn customer_language(
    app: &App,
    actor: &Actor,
    number: &str,
) -> Result<podpora_core::Language> {
    require_staff(actor, Permission::ReadTickets)?;
    // No ticket number holds control characters, and PostgreSQL cannot compare NUL as text.
    if number.chars().any(char::is_control) {
        return Err(AppError::NotFound(format!(
            "ticket {}",
            number.escape_default()
        )));
    }
    let mut tx = app.db.read().await?;
    let t = repo::tickets::get_by_number(&mut tx, number)
        .await
        .not_found(|| format!("ticket {number}"))?;
    crate::tickets::ensure_visible_row(&mut tx, actor, &t).await?;
    if let Some(c) = t.requester_id {
        return Ok(repo::customers::get_contact(&mut tx, c).await?.language);
    }
    if let Some(o) = t.organization_id {
        return Ok(repo::customers::get_org(&mut tx, o).await?.language);
    }
    Ok(podpora_core::Language::Sk)
}
