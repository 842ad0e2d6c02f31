//! The numbered confirmation of a new request, on every channel: a request by mail, by
//! the API, from the portal or entered by staff from a phone call gets the same message in the
//! contact's language, written to the outbox in the transaction that writes the ticket. The
//! relay's acceptance of it is the reaction event (R-31, see [`super::record_sent`]).

use crate::outbox::{Composed, Notice, Origin, compose};
use crate::{App, Result, tickets::TicketToWrite};
use podpora_core::Language;
use podpora_render::MailTemplate;
use podpora_store::{
    Tx,
    rows::{ClockRow, TicketRow},
};

/// A confirmation to send once its request has a number.
#[derive(Debug, Clone)]
pub(crate) struct Confirmation {
    /// Where it goes: the request's reply address.
    pub to: String,
    /// The contact's language.
    pub language: Language,
    pub contact_name: String,
    /// Who takes care of the request: the team, else the company.
    pub team_name: String,
    /// When the reaction is due, in its calendar's zone.
    pub reaction_due: Option<jiff::Zoned>,
    /// An asset named in the request that the contact may not use, told back beside it.
    pub refused_asset: Option<String>,
    /// The message the request came in (mail): the confirmation continues its thread.
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
}

impl Confirmation {
    /// How many automatic messages this confirmation sends (the loop guard counts them).
    pub fn count(&self) -> i64 {
        1 + i64::from(self.refused_asset.is_some())
    }
}

/// When the reaction clock among `clocks` is due, in its calendar's zone.
pub(crate) async fn reaction_due(
    app: &App,
    tx: &mut Tx<'_>,
    clocks: &[ClockRow],
) -> Result<Option<jiff::Zoned>> {
    let Some(c) = clocks.iter().find(|c| c.metric == "reaction") else {
        return Ok(None);
    };
    let Some(due) = c
        .due_at
        .and_then(|d| jiff::Timestamp::from_millisecond(d).ok())
    else {
        return Ok(None);
    };
    let zone = app.calendars.get(tx, c.calendar_id).await?.zone().clone();
    Ok(Some(due.to_zoned(zone)))
}

/// What one confirmation is composed from, owned so that it can be composed on another thread
/// while the writer inserts the rows: rendering and building mail is CPU work that need not
/// hold the single writer.
pub(crate) struct ToConfirm {
    /// The request's place in its batch.
    index: usize,
    /// The request, numbered (its id is not known yet).
    row: TicketRow,
    confirmation: Confirmation,
}

/// The numbered requests of a batch that are to be confirmed.
pub(crate) fn to_confirm(tickets: &[TicketToWrite]) -> Vec<ToConfirm> {
    tickets
        .iter()
        .enumerate()
        .filter_map(|(index, t)| {
            t.confirmation.clone().map(|confirmation| ToConfirm {
                index,
                row: t.row.clone(),
                confirmation,
            })
        })
        .collect()
}

/// The confirmations (and asset refusals) of numbered requests, rendered and built, each with
/// its request's place in the batch; the caller fills in the ticket and article ids.
pub(crate) fn compose_all(app: &App, list: &[ToConfirm]) -> Result<Vec<(usize, Composed)>> {
    let mut out = Vec::new();
    for ToConfirm {
        index,
        row,
        confirmation: a,
    } in list
    {
        out.push((
            *index,
            compose(
                app,
                Notice {
                    ticket: Some(row),
                    article_id: None,
                    purpose: "confirmation",
                    origin: Origin::AutoReplied,
                    to: &a.to,
                    language: a.language,
                    template: MailTemplate::Confirmation {
                        ticket_number: row.number.clone(),
                        subject: row.subject.clone(),
                        contact_name: Some(a.contact_name.clone()),
                        reaction_due: a.reaction_due.clone(),
                        team_name: a.team_name.clone(),
                    },
                    in_reply_to: a.in_reply_to.as_deref(),
                    references: a.references.clone(),
                },
            )?,
        ));
        if let Some(asset) = &a.refused_asset {
            let mut references = a.references.clone();
            references.extend(a.in_reply_to.clone());
            out.push((
                *index,
                compose(
                    app,
                    Notice {
                        ticket: Some(row),
                        article_id: None,
                        purpose: "asset_not_permitted",
                        origin: Origin::AutoReplied,
                        to: &a.to,
                        language: a.language,
                        template: MailTemplate::AssetNotPermitted {
                            ticket_number: Some(row.number.clone()),
                            subject: row.subject.clone(),
                            asset: asset.clone(),
                        },
                        in_reply_to: a.in_reply_to.as_deref(),
                        references,
                    },
                )?,
            ));
        }
    }
    Ok(out)
}
