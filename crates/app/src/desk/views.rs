//! Saved views: an agent keeps the queue's filters under a name, opens them with one click and
//! deletes them. Each agent sees only their own.

use super::QueueFilter;
use crate::{Actor, App, AppError, Result, now_ms};
use podpora_core::{ValidationError, text};
use podpora_store::repo;

/// Longest name of a view, in characters.
pub const VIEW_NAME_MAX_CHARS: usize = 80;

/// A saved view.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SavedView {
    /// Id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The queue's query string it opens (`team=3&urgency=urgent`).
    pub query: String,
}

/// The filters as the queue page's query string: the given ones only, in a fixed order.
pub fn filter_query(f: &QueueFilter) -> String {
    let pairs = [
        ("team", &f.team),
        ("status", &f.status),
        ("assignee", &f.assignee),
        ("organization", &f.organization),
        ("plan", &f.plan),
        ("channel", &f.channel),
        ("category", &f.category),
        ("urgency", &f.urgency),
    ];
    pairs
        .into_iter()
        .filter_map(|(k, v)| {
            let v = v.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
            Some(format!("{k}={}", encode(v)))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// `application/x-www-form-urlencoded` encoding of one value.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn agent_id(actor: &Actor) -> Result<i64> {
    match actor {
        Actor::Agent(a) => Ok(a.id),
        _ => Err(AppError::Forbidden("saved views belong to an agent".into())),
    }
}

/// The agent's views, by name.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<SavedView>> {
    let id = agent_id(actor)?;
    let mut tx = app.db.read().await?;
    Ok(repo::views::of_agent(&mut tx, id)
        .await?
        .into_iter()
        .map(|r| SavedView {
            id: r.id,
            name: r.name,
            query: r.query,
        })
        .collect())
}

/// Saves the filters `f` under `name` (a view of the same name is replaced); at least one
/// filter must be given.
pub async fn save(app: &App, actor: &Actor, name: &str, f: &QueueFilter) -> Result<SavedView> {
    let id = agent_id(actor)?;
    let mut v = ValidationError::new();
    let name = v.check("name", text::required_line(name, VIEW_NAME_MAX_CHARS));
    let query = filter_query(f);
    if query.is_empty() {
        v.push("filters", "choose at least one filter to save");
    }
    v.into_result()?;
    let Some(name) = name else {
        unreachable!("validation passed")
    };
    let mut tx = app.db.begin().await?;
    let view = repo::views::save(&mut tx, id, &name, &query, now_ms()).await?;
    tx.commit().await?;
    Ok(SavedView {
        id: view,
        name,
        query,
    })
}

/// Deletes the agent's view `view`; another agent's reads as not found.
pub async fn delete(app: &App, actor: &Actor, view: i64) -> Result<()> {
    let id = agent_id(actor)?;
    let mut tx = app.db.begin().await?;
    if !repo::views::delete(&mut tx, id, view).await? {
        return Err(AppError::NotFound(format!("saved view {view}")));
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_given_filters_are_kept_in_a_fixed_order() {
        let f = QueueFilter {
            urgency: Some("urgent".into()),
            team: Some(" 3 ".into()),
            status: Some(String::new()),
            category: Some("sieť a wifi".into()),
            ..QueueFilter::default()
        };
        assert_eq!(
            filter_query(&f),
            "team=3&category=sie%C5%A5+a+wifi&urgency=urgent"
        );
        assert_eq!(filter_query(&QueueFilter::default()), "");
    }
}
