//! Querying the index: tickets found by an exact value (number, contact address, company id)
//! first, newest first; then tickets whose documents contain every term, best ranked first,
//! each ticket once with its best matching document.

use crate::{Backend, Result, Tx, on_tx};
use podpora_core::text::search::ExactKeys;

/// Which tickets and documents a searcher may find (the rules of ticket lists and pages).
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchScope {
    /// Only this organization's tickets.
    pub organization_id: Option<i64>,
    /// Only this contact's requests.
    pub requester_id: Option<i64>,
    /// Only tickets of this agent's teams or assigned to them.
    pub visible_to_agent: Option<i64>,
    /// No staff-only documents (internal notes and their files).
    pub public_only: bool,
}

/// A search: folded terms (all must be in one document) and exact values.
#[derive(Debug, Clone, Copy)]
pub struct SearchRequest<'a> {
    /// Folded words, as from [`podpora_core::text::query_terms`].
    pub terms: &'a [String],
    /// Values looked up exactly.
    pub exact: &'a ExactKeys,
    /// Who is searching.
    pub scope: SearchScope,
    /// Page size.
    pub limit: i64,
    /// Rows skipped.
    pub offset: i64,
}

/// A found ticket and what matched in it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SearchHitRow {
    /// The ticket.
    pub ticket_id: i64,
    /// Its number.
    pub number: String,
    /// Its subject.
    pub subject: String,
    /// Its status as stored.
    pub status: String,
    /// When it was created (epoch ms).
    pub created_at: i64,
    /// What matched: `number`, `email` or `company_id` (exact), the document's source, or
    /// `note` for an article for staff only.
    pub matched: String,
    /// The matching document's row in its source's table, for text matches.
    pub source_id: Option<i64>,
    /// The matching text as written (the subject for exact matches).
    pub text: String,
}

/// Scope on tickets `t`; parameters `$1` organization, `$2` contact (their requests and those
/// shared with them, as in their list), `$3` agent.
const SCOPE: &str = "($1 IS NULL OR t.organization_id = $1)
    AND ($2 IS NULL OR t.requester_id = $2
         OR t.id IN (SELECT ticket_id FROM ticket_shares WHERE contact_id = $2))
    AND ($3 IS NULL OR t.assignee_id = $3 OR t.team_id IN (SELECT team_id FROM team_members WHERE agent_id = $3))";

/// Ids of tickets matching an exact value; `$4` number (as typed and upper case are the same
/// value here), `$5` e-mail address, `$6` company id, `$7` the company id as an 8-digit IČO.
const EXACT_IDS: &str = "SELECT id FROM tickets WHERE number = $4
    UNION SELECT id FROM tickets WHERE requester_id IN (SELECT contact_id FROM contact_emails WHERE email = $5)
    UNION SELECT id FROM tickets WHERE organization_id IN (SELECT id FROM organizations
        WHERE ico = $6 OR ico = $7 OR nip = $6 OR regon = $6 OR vat_id = $6 OR substr(vat_id, 3) = $6)";

/// What matched of an exact hit, for ticket `t`.
const EXACT_WHAT: &str = "CASE WHEN t.number = $4 THEN 'number'
    WHEN t.requester_id IN (SELECT contact_id FROM contact_emails WHERE email = $5) THEN 'email'
    ELSE 'company_id' END";

/// Binds `$1`–`$7`. On PostgreSQL the statements are not kept prepared, so each search is
/// planned with its values: a generic plan cannot know whether a word is rare or common, or
/// whether the scope is one organization or everything, and picked plans that took seconds.
macro_rules! bind_common {
    ($q:expr, $r:expr, $ico8:expr, $keep:expr) => {
        $q.persistent($keep)
            .bind($r.scope.organization_id)
            .bind($r.scope.requester_id)
            .bind($r.scope.visible_to_agent)
            .bind(&$r.exact.number)
            .bind(&$r.exact.email)
            .bind(&$r.exact.company_id)
            .bind($ico8)
    };
}

/// A page of found tickets and how many were found in all.
pub async fn search(tx: &mut Tx<'_>, r: &SearchRequest<'_>) -> Result<(Vec<SearchHitRow>, i64)> {
    // An IČO is stored with its leading zeros; "123" may be typed for "00000123".
    let ico8 = r
        .exact
        .company_id
        .as_ref()
        .filter(|c| c.len() < 8 && c.chars().all(|c| c.is_ascii_digit()))
        .map(|c| format!("{c:0>8}"));
    let keep = tx.backend() == Backend::Sqlite;
    let has_exact =
        r.exact.number.is_some() || r.exact.email.is_some() || r.exact.company_id.is_some();
    let mut hits = Vec::new();
    let mut exact_total = 0;
    if has_exact {
        let count_sql =
            format!("SELECT COUNT(*) FROM tickets t WHERE {SCOPE} AND t.id IN ({EXACT_IDS})");
        exact_total = on_tx!(tx, c => bind_common!(sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(count_sql)), r, &ico8, keep)
            .fetch_one(c).await)?;
        if r.offset < exact_total {
            let sql = format!(
                "SELECT t.id AS ticket_id, t.number, t.subject, t.status, t.created_at, {EXACT_WHAT} AS matched,
                    NULL AS source_id, t.subject AS text
                 FROM tickets t WHERE {SCOPE} AND t.id IN ({EXACT_IDS}) ORDER BY t.id DESC LIMIT $8 OFFSET $9"
            );
            hits = on_tx!(tx, c => bind_common!(sqlx::query_as::<_, SearchHitRow>(sqlx::AssertSqlSafe(sql)), r, &ico8, keep)
                .bind(r.limit).bind(r.offset).fetch_all(c).await)?;
        }
    }
    if r.terms.is_empty() {
        return Ok((hits, exact_total));
    }
    let room = r.limit - i64::try_from(hits.len()).unwrap_or(r.limit);
    let offset = (r.offset - exact_total).max(0);
    let teams = match (tx.backend(), r.scope.visible_to_agent) {
        (Backend::Postgres, Some(agent)) => Some(agent_teams(tx, agent).await?),
        _ => None,
    };
    let shared = match r.scope.requester_id {
        Some(contact) => shared_tickets(tx, contact).await?,
        None => Vec::new(),
    };
    let sql = text_sql(tx.backend(), teams.as_deref(), &shared);
    let query = match tx.backend() {
        Backend::Sqlite => fts_query(r.terms, &r.scope, &shared),
        Backend::Postgres => r.terms.join(" "),
    };
    let (rows, mut text_total) = text_page(tx, &sql, r, &ico8, &query, room.max(1), offset).await?;
    if room > 0 {
        hits.extend(rows);
    }
    // Past the last text hit the window count is not seen: count from the start instead.
    if text_total == 0 && offset > 0 {
        text_total = text_page(tx, &sql, r, &ico8, &query, 1, 0).await?.1;
    }
    Ok((hits, exact_total + text_total))
}

/// The teams of an agent, whose tickets they may find.
async fn agent_teams(tx: &mut Tx<'_>, agent: i64) -> Result<Vec<i64>> {
    Ok(
        on_tx!(tx, c => sqlx::query_scalar("SELECT team_id FROM team_members WHERE agent_id = $1")
        .bind(agent).fetch_all(c).await)?,
    )
}

/// Most shared tickets named one by one in a text search; a contact with more is searched
/// through their organization and the shares are checked per ticket instead.
const SHARED_MAX: i64 = 200;

/// The tickets shared with a contact (at most [`SHARED_MAX`] + 1, to tell when there are more).
async fn shared_tickets(tx: &mut Tx<'_>, contact: i64) -> Result<Vec<i64>> {
    Ok(on_tx!(tx, c => sqlx::query_scalar(
        "SELECT ticket_id FROM ticket_shares WHERE contact_id = $1 ORDER BY ticket_id LIMIT $2")
        .bind(contact).bind(SHARED_MAX + 1).fetch_all(c).await)?)
}

/// The FTS5 query of a search on SQLite: every term in the document's text and, for a
/// customer, the scope's words (`o` organization, `r` requester, `t` ticket, written by the
/// index's triggers), so the index itself intersects the words with the customer's tickets
/// instead of the scope being tested on every matching text.
fn fts_query(terms: &[String], scope: &SearchScope, shared: &[i64]) -> String {
    // Quoted, each a single word: FTS5 query syntax cannot be injected.
    let words = terms
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(" ");
    let mut q = format!("folded : ({words})");
    if let Some(org) = scope.organization_id {
        q.push_str(&format!(" AND scope : \"o{org}\""));
    }
    if let Some(contact) = scope.requester_id
        && shared.len() <= usize::try_from(SHARED_MAX).unwrap_or(0)
    {
        let mut any = vec![format!("scope : \"r{contact}\"")];
        any.extend(shared.iter().map(|t| format!("scope : \"t{t}\"")));
        q.push_str(&format!(" AND ({})", any.join(" OR ")));
    }
    q
}

type TextRow = (
    i64,
    String,
    String,
    String,
    i64,
    String,
    Option<i64>,
    String,
    i64,
);

/// One page of text hits and the number of tickets with text hits.
async fn text_page(
    tx: &mut Tx<'_>,
    sql: &str,
    r: &SearchRequest<'_>,
    ico8: &Option<String>,
    query: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<SearchHitRow>, i64)> {
    let sql = sql.to_owned();
    let keep = tx.backend() == Backend::Sqlite;
    let rows: Vec<TextRow> = on_tx!(tx, c =>
        bind_common!(sqlx::query_as(sqlx::AssertSqlSafe(sql)), r, ico8, keep)
            .bind(query).bind(r.scope.public_only).bind(limit).bind(offset).fetch_all(c).await)?;
    let total = rows.first().map_or(0, |row| row.8);
    let hits = rows
        .into_iter()
        .map(
            |(ticket_id, number, subject, status, created_at, matched, source_id, text, _)| {
                SearchHitRow {
                    ticket_id,
                    number,
                    subject,
                    status,
                    created_at,
                    matched,
                    source_id,
                    text,
                }
            },
        )
        .collect();
    Ok((hits, total))
}

/// Most matching texts ranked for one search: the newest ones.
pub const RANK_WINDOW: i64 = 2000;

/// The text query of a backend: `$8` the query, `$9` public only, `$10` limit, `$11` offset;
/// `teams`, on PostgreSQL, those of the searching agent (`$3`); `shared`, the tickets shared
/// with the searching contact (`$2`).
fn text_sql(backend: Backend, teams: Option<&[i64]>, shared: &[i64]) -> String {
    // Ranking scores every matching text the caller may see; a word found in tens of
    // thousands of texts would take far too long. Only the newest RANK_WINDOW matching texts are
    // ranked (the index returns them newest first without scoring the rest), so very common
    // words rank and count among recent texts.
    let best = match backend {
        // SQLite: bm25 is lower for better matches; with MIN() as the only aggregate, the
        // other columns come from the row holding the minimum, that is, the best document.
        // bm25 works only beside its MATCH, not inside an aggregate: hence the materialised
        // step (which the planner may not fold into the grouping). The scope column weighs
        // nothing: only the text ranks. The query ($8) carries a customer's scope as words
        // (see fts_query); the scope is still checked on the ticket below.
        Backend::Sqlite => format!(
            "WITH hits AS MATERIALIZED (
                SELECT d.ticket_id, d.source, d.source_id, d.internal, bm25(search_fts, 1.0, 0.0) AS r
                FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid
                JOIN tickets t ON t.id = d.ticket_id
                WHERE search_fts MATCH $8 AND ($9 = FALSE OR d.internal = FALSE)
                  AND {SCOPE} AND t.id NOT IN ({EXACT_IDS})
                ORDER BY search_fts.rowid DESC LIMIT {RANK_WINDOW})
             SELECT h.ticket_id, h.source, h.source_id, h.internal, MIN(h.r) AS score
             FROM hits h GROUP BY h.ticket_id"
        ),
        // PostgreSQL: ts_rank is higher for better matches; negated to sort alike. Ranked
        // after the window is cut, so only the window's texts are scored. The scope is read
        // from the documents' copy of it, so the GIN index over the words and the scope finds
        // a narrow scope's texts without visiting the others (statements are planned with
        // their values, so an absent scope folds away). The team ids are integers read from
        // the database: written into the statement, they give the planner their frequencies;
        // typed BIGINT, as btree_gin compares only values of the column's own type (an INTEGER
        // literal would leave the scope to a filter after reading every matching row).
        Backend::Postgres => {
            let agent = match teams {
                Some([]) => "d.assignee_id = $3".to_owned(),
                Some(teams) => format!(
                    "(d.assignee_id = $3 OR d.team_id IN ({}))",
                    teams
                        .iter()
                        .map(|t| format!("{t}::BIGINT"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None => "$3::BIGINT IS NULL".to_owned(),
            };
            // The shared tickets, like the teams, written into the statement.
            let contact = if shared.is_empty() {
                "($2::BIGINT IS NULL OR d.requester_id = $2)".to_owned()
            } else if shared.len() > usize::try_from(SHARED_MAX).unwrap_or(0) {
                "(d.requester_id = $2 OR d.ticket_id IN (SELECT ticket_id FROM ticket_shares WHERE contact_id = $2))"
                    .to_owned()
            } else {
                format!(
                    "(d.requester_id = $2 OR d.ticket_id IN ({}))",
                    shared
                        .iter()
                        .map(|t| format!("{t}::BIGINT"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            format!(
                "SELECT DISTINCT ON (w.ticket_id) w.ticket_id, w.source, w.source_id, w.internal,
                    -ts_rank(r.tsv, plainto_tsquery('simple', $8), 1) AS score
                 FROM (SELECT d.id, d.ticket_id, d.source, d.source_id, d.internal
                       FROM search_docs d
                       WHERE d.tsv @@ plainto_tsquery('simple', $8) AND d.ticket_id IS NOT NULL
                         AND ($9 = FALSE OR d.internal = FALSE)
                         AND ($1::BIGINT IS NULL OR d.organization_id = $1)
                         AND {contact} AND {agent}
                         AND d.ticket_id NOT IN ({EXACT_IDS})
                       ORDER BY d.id DESC LIMIT {RANK_WINDOW}) w
                 JOIN search_docs r ON r.id = w.id
                 ORDER BY w.ticket_id, score"
            )
        }
    };
    format!(
        "SELECT p.ticket_id, t.number, t.subject, t.status, t.created_at,
            CASE WHEN p.source = 'article' AND p.internal THEN 'note' ELSE p.source END AS matched, p.source_id,
            CASE p.source
                WHEN 'article' THEN (SELECT body_text FROM articles WHERE id = p.source_id)
                WHEN 'attachment' THEN (SELECT filename FROM attachments WHERE id = p.source_id)
                ELSE t.subject END AS text,
            p.total
         FROM (SELECT b.*, COUNT(*) OVER () AS total FROM ({best}) b
               ORDER BY b.score, b.ticket_id DESC LIMIT $10 OFFSET $11) p
         JOIN tickets t ON t.id = p.ticket_id
         ORDER BY p.score, p.ticket_id DESC"
    )
}
