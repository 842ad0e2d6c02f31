//! Search: one box for ticket numbers, e-mail addresses, company ids and the words of subjects,
//! messages and attachment names, blind to diacritics, within what the caller may see.

use crate::{Actor, Page, Result, dto::Paged, rfc3339};
use podpora_core::{
    ValidationError,
    auth::Permission,
    text::{
        query_terms,
        search::{SnippetPart, exact_keys, snippet},
    },
};
use podpora_store::{
    Db,
    repo::search::{SearchRequest, SearchScope},
};
use serde::{Deserialize, Serialize};

/// Longest query accepted, in characters.
pub const QUERY_MAX_CHARS: usize = 200;

/// About how many characters of the matching text a hit shows.
const SNIPPET_CHARS: usize = 160;

/// What to search for.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// A ticket number, an e-mail address, a company id (IČO, DIČ, NIP, REGON, VAT id) or
    /// words; case and diacritics do not matter ("lodz" finds "Łódź").
    pub q: String,
}

/// Where a ticket matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MatchedIn {
    /// Its number, exactly.
    Number,
    /// The e-mail address of its requester, exactly.
    Email,
    /// A company id of its organization, exactly.
    CompanyId,
    /// The words of its subject.
    Subject,
    /// The words of a message to or from the customer.
    Article,
    /// The words of an internal note (found by staff only).
    Note,
    /// The name of an attached file.
    Attachment,
}

impl MatchedIn {
    fn from_stored(s: &str) -> Self {
        match s {
            "number" => MatchedIn::Number,
            "email" => MatchedIn::Email,
            "company_id" => MatchedIn::CompanyId,
            "article" => MatchedIn::Article,
            "note" => MatchedIn::Note,
            "attachment" => MatchedIn::Attachment,
            _ => MatchedIn::Subject,
        }
    }
}

/// A found ticket.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchHit {
    /// The ticket's number.
    pub number: String,
    /// Its subject.
    pub subject: String,
    /// Its status.
    pub status: String,
    /// When it was opened (RFC 3339, UTC).
    pub created_at: String,
    /// Where it matched.
    pub matched_in: MatchedIn,
    /// The matching article, when a message or note matched.
    pub article_id: Option<i64>,
    /// The matching attachment, when a file name matched.
    pub attachment_id: Option<i64>,
    /// The matching text as written, the matched words marked.
    pub snippet: Vec<SnippetPart>,
}

/// Checks a query: not blank, not too long, something to look for.
fn check_query(q: &str) -> Result<&str, ValidationError> {
    let q = q.trim();
    if q.is_empty() {
        return Err(ValidationError::field(
            "q",
            "must not be empty: type a ticket number, an e-mail address, a company id or words to find",
        ));
    }
    let n = q.chars().count();
    if n > QUERY_MAX_CHARS {
        return Err(ValidationError::field(
            "q",
            format!(
                "is {n} characters long; the limit is {QUERY_MAX_CHARS}: search for fewer words"
            ),
        ));
    }
    Ok(q)
}

/// Finds tickets: exact matches of a number, address or company id first (newest first), then
/// tickets whose subject, one message or one file name holds every word, best first. Staff see
/// what their role sees (a technician their teams' and their own tickets); customers only their
/// own requests and organization, and never internal notes.
pub async fn search(
    db: &Db,
    actor: &Actor,
    q: &SearchQuery,
    page: Page,
) -> Result<Paged<SearchHit>> {
    actor.require(Permission::ReadTickets)?;
    let text = check_query(&q.q)?;
    let terms = query_terms(text);
    let exact = exact_keys(text);
    if terms.is_empty() && exact == Default::default() {
        return Err(ValidationError::field(
            "q",
            "has no letters or digits to search for; type words, a ticket number or an address",
        )
        .into());
    }
    let (limit, offset) = page.limit_offset();
    let scope = SearchScope {
        organization_id: actor.organization_scope(),
        requester_id: actor.contact_scope(),
        visible_to_agent: actor.team_scope(),
        public_only: actor.is_customer(),
    };
    let mut tx = db.read().await?;
    let (rows, total) = podpora_store::repo::search::search(
        &mut tx,
        &SearchRequest {
            terms: &terms,
            exact: &exact,
            scope,
            limit,
            offset,
        },
    )
    .await?;
    let (page, per_page) = page.resolved();
    let items = rows
        .into_iter()
        .map(|r| {
            let matched_in = MatchedIn::from_stored(&r.matched);
            SearchHit {
                snippet: snippet(&r.text, &terms, SNIPPET_CHARS),
                article_id: r
                    .source_id
                    .filter(|_| matches!(matched_in, MatchedIn::Article | MatchedIn::Note)),
                attachment_id: r.source_id.filter(|_| matched_in == MatchedIn::Attachment),
                number: r.number,
                subject: r.subject,
                status: r.status,
                created_at: rfc3339(r.created_at),
                matched_in,
            }
        })
        .collect();
    Ok(Paged {
        items,
        page,
        per_page,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_must_hold_something_to_find_and_not_too_much() {
        assert!(
            check_query("   ")
                .unwrap_err()
                .to_string()
                .contains("must not be empty")
        );
        let long = "a".repeat(QUERY_MAX_CHARS + 1);
        assert!(
            check_query(&long)
                .unwrap_err()
                .to_string()
                .contains("201 characters")
        );
        assert_eq!(check_query("  Łódź ").unwrap(), "Łódź");
    }
}
