//! The same request sent again: by the same contact, with the same subject and body
//! (letters and spacing folded), within the configured window and while the first ticket is
//! open, by any channel. It joins that ticket as a customer message instead of opening a second
//! one: no new number, clocks or confirmation, and the ticket's history says it was sent again.

use super::*;
use std::collections::HashMap;

/// Where a request sent again goes.
pub(super) enum Repeat {
    /// An open ticket already stored, by id.
    Stored(i64),
    /// An earlier new request of the same batch, by index: written first, then joined.
    InBatch(usize),
}

/// Gives every request its fingerprint and finds those that repeat an open ticket or an earlier
/// request of the same batch; `None` for a request that opens a ticket.
pub(super) async fn find(
    app: &App,
    tx: &mut Tx<'_>,
    items: &mut [TicketToWrite],
) -> Result<Vec<Option<Repeat>>> {
    for t in items.iter_mut() {
        t.row.fingerprint = t
            .row
            .requester_id
            .map(|c| text::request_fingerprint(c, &t.row.subject, &t.article.body_text));
    }
    let window = i64::from(app.config.duplicate_window_hours) * 3_600_000;
    if window == 0 {
        return Ok(items.iter().map(|_| None).collect());
    }
    let earliest = items.iter().map(|t| t.row.created_at).min().unwrap_or(0);
    let wanted: Vec<&str> = items
        .iter()
        .filter_map(|t| t.row.fingerprint.as_deref())
        .collect();
    let stored =
        repo::tickets::open_with_fingerprints(tx, &wanted, earliest.saturating_sub(window)).await?;
    // Newest first from the store: the first seen of each fingerprint is the one to join.
    let mut newest: HashMap<&str, &TicketRow> = HashMap::new();
    for r in &stored {
        if let Some(f) = r.fingerprint.as_deref() {
            newest.entry(f).or_insert(r);
        }
    }
    // A request backdated by staff may be older than the ticket it repeats: the window counts
    // both ways.
    let near = |a: i64, b: i64| a.abs_diff(b) <= window.unsigned_abs();
    let mut first_new: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, t) in items.iter().enumerate() {
        let Some(f) = t.row.fingerprint.as_deref() else {
            out.push(None);
            continue;
        };
        let at = t.row.created_at;
        if let Some(r) = newest.get(f).filter(|r| near(r.created_at, at)) {
            out.push(Some(Repeat::Stored(r.id)));
        } else if let Some(&j) = first_new
            .get(f)
            .filter(|&&j| near(items[j].row.created_at, at))
        {
            out.push(Some(Repeat::InBatch(j)));
        } else {
            first_new.insert(f, i);
            out.push(None);
        }
    }
    Ok(out)
}

/// Adds each repeated request to its ticket as a customer message, as any other customer
/// message is added (it resumes a ticket waiting for the customer), with a `sent_again` history
/// entry. Afterwards the item's `row` is that ticket, its `article` the one added, `joined` is
/// set, and it has no clocks or confirmation.
pub(super) async fn join(
    app: &App,
    tx: &mut Tx<'_>,
    items: &mut [TicketToWrite],
    repeats: Vec<Option<Repeat>>,
) -> Result<()> {
    for (i, repeat) in repeats.into_iter().enumerate() {
        let id = match repeat {
            None => continue,
            Some(Repeat::Stored(id)) => id,
            Some(Repeat::InBatch(j)) => items[j].row.id,
        };
        // Read in this transaction: an earlier request of the batch may have changed it.
        let mut row = repo::tickets::get_by_id(tx, id).await?;
        let t = &mut items[i];
        let (channel, at) = (t.row.channel, t.row.created_at);
        let mut article = t.article.clone();
        article.ticket_id = row.id;
        let added = insert_article(tx, article, t.files.clone()).await?;
        t.article.id = added.id;
        t.article.ticket_id = row.id;
        let (status, reason) =
            lifecycle::on_customer_message(app, tx, &mut row, channel, at).await?;
        let mut fields = vec![
            (
                "article",
                None,
                Some(format!("{} #{}", t.article.kind, added.id)),
            ),
            ("sent_again", None, Some(format!("sent again by {channel}"))),
        ];
        fields.extend(status);
        let changes: Vec<repo::audit::Change<'_>> = fields
            .into_iter()
            .map(|(field, old_value, new_value)| repo::audit::Change {
                entity: "ticket",
                entity_id: row.id,
                actor: &t.actor,
                at,
                field,
                old_value,
                new_value,
                reason: reason.as_deref(),
            })
            .collect();
        repo::audit::record_many(tx, &changes).await?;
        row.updated_at = row.updated_at.max(at);
        repo::tickets::update(tx, &row).await?;
        t.row = row;
        t.joined = true;
        t.clocks.clear();
        t.confirmation = None;
        t.outside_hours = None;
    }
    Ok(())
}
