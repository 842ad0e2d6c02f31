//! Finding articles: stems of the query matched (each also as a prefix) against the stems of
//! titles and bodies, any of them sufficing, ranked by the full-text score (title words weigh
//! ten times body words) raised for helpful and recent texts, for the reader's language and for
//! articles about the reader's products; only what the reader may see. SQLite ranks with FTS5's
//! bm25, PostgreSQL with ts_rank over a GIN index: the same words, the same boosts.

use crate::{Backend, Result, Tx, on_tx};

/// Who is reading, which decides what they may find.
#[derive(Debug, Clone, Default)]
pub struct KbReader {
    /// Staff see every article, staff-only ones included.
    pub staff: bool,
    /// Drafts are found too (editors).
    pub drafts: bool,
    /// A signed-in customer (else an anonymous visitor: public articles only).
    pub signed_in: bool,
    /// The customer's organization: its running contracts' plans and its assets' kinds.
    pub organization_id: Option<i64>,
    /// Today (YYYY-MM-DD), for which contracts are running.
    pub today: String,
}

/// Whether article `a` may be read; `$2` staff, `$3` signed in, `$4` organization, `$5` today.
const VISIBLE: &str = "($2 OR a.visibility = 'public'
    OR ($3 AND a.visibility = 'customers')
    OR ($3 AND a.visibility = 'plans' AND a.id IN (SELECT ap.article_id FROM kb_article_plans ap
        JOIN contracts ct ON ct.plan_id = ap.plan_id
        WHERE ct.organization_id = $4 AND ct.starts_on <= $5 AND (ct.ends_on IS NULL OR ct.ends_on >= $5))))";

/// The boosts of translation `t` of article `a`: helpfulness (votes with a neutral prior),
/// recency (a year-old text counts a little less), the reader's language `$6` and the
/// reader's products (`$4`'s asset kinds); `$7` is now (epoch ms).
const BOOST: &str = "CAST((1.0 + 0.3 * (t.helpful + 1.0) / (t.helpful + t.unhelpful + 2.0)
        + 0.3 / (1.0 + ($7 - t.updated_at) / 31536000000.0))
    * (CASE WHEN t.language = $6 THEN 2.0 ELSE 1.0 END)
    * (CASE WHEN a.applies_to IS NOT NULL AND a.applies_to IN (SELECT kind FROM assets WHERE organization_id = $4)
        THEN 1.5 ELSE 1.0 END) AS DOUBLE PRECISION)";

/// Most matching texts ranked further (by the reader's boosts and visibility) for one search:
/// the best by the full-text score alone.
pub const KB_WINDOW: i64 = 300;

/// A search of the knowledge base.
#[derive(Debug, Clone)]
pub struct KbSearch<'a> {
    /// The query's stems, as from [`podpora_core::text::stem::query_stems`].
    pub stems: &'a [String],
    /// Who is reading.
    pub reader: &'a KbReader,
    /// The reader's language code: its texts rank higher.
    pub language: &'a str,
    /// Only this category.
    pub category: Option<&'a str>,
    /// Now, epoch ms (recency).
    pub now: i64,
    /// Most articles returned.
    pub limit: i64,
}

/// A found article: its best matching translation.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct KbHitRow {
    pub translation_id: i64,
    pub article_id: i64,
    pub language: String,
    pub title: String,
    pub body: String,
    pub updated_at: i64,
    pub category: Option<String>,
}

/// Articles matching any of the stems, best first, each once (its best translation).
pub async fn search(tx: &mut Tx<'_>, s: &KbSearch<'_>) -> Result<Vec<KbHitRow>> {
    if s.stems.is_empty() {
        return Ok(Vec::new());
    }
    let backend = tx.backend();
    // Stems hold letters and digits only (podpora_core::text::search::words), so neither
    // query syntax nor SQL can be injected through them; anything else is dropped here too.
    let stems: Vec<&String> = s
        .stems
        .iter()
        .filter(|t| !t.is_empty() && t.chars().all(char::is_alphanumeric))
        .collect();
    if stems.is_empty() {
        return Ok(Vec::new());
    }
    let title = title_factor(backend, &stems);
    let title_query = stems
        .iter()
        .map(|t| format!("{t}:*"))
        .collect::<Vec<_>>()
        .join(" | ");
    let (query, sql) = match backend {
        Backend::Sqlite => (
            stems
                .iter()
                .map(|t| format!("\"{t}\"*"))
                .collect::<Vec<_>>()
                .join(" OR "),
            // FTS5 ranks every match in C and keeps the best KB_WINDOW; only those are joined,
            // checked for the reader and boosted (joining every match of a common word first
            // made a suggestion take 150 ms among 40,000 texts).
            format!(
                "WITH w AS MATERIALIZED (
                    SELECT rowid AS id, bm25(search_fts_kb, 10.0, 1.0) AS r FROM search_fts_kb
                    WHERE search_fts_kb MATCH $1 ORDER BY r LIMIT {KB_WINDOW})
                 SELECT t.id AS translation_id, t.article_id, t.language, t.title, t.body, t.updated_at, a.category,
                    w.r * {BOOST} * {title} AS score
                 FROM w JOIN kb_translations t ON t.id = w.id
                 JOIN kb_articles a ON a.id = t.article_id
                 WHERE ($8 OR t.published) AND {VISIBLE}
                   AND ($9 IS NULL OR a.category = $9)
                 ORDER BY score, t.id LIMIT $10"
            ),
        ),
        Backend::Postgres => (
            stems
                .iter()
                .map(|t| format!("{t}:*"))
                .collect::<Vec<_>>()
                .join(" | "),
            // Ranking every match of a common word is too slow here (ts_rank over thousands
            // of vectors): the window is every text whose title matches (few: titles are
            // short, and indexed on their own) and the first texts the index gives
            // whose body matches, ranked alike. (The newest body matches instead made the
            // planner walk the table for rare words.)
            format!(
                "WITH w AS MATERIALIZED (
                    SELECT x.id, -CAST(ts_rank('{{0.0, 0.0, 0.1, 1.0}}'::real[], x.tsv, to_tsquery('simple', $1)) AS DOUBLE PRECISION) AS r
                    FROM (
                        (SELECT id, tsv FROM kb_translations WHERE title_tsv @@ to_tsquery('simple', '{title_query}') LIMIT {KB_WINDOW})
                        UNION
                        (SELECT id, tsv FROM kb_translations WHERE tsv @@ to_tsquery('simple', $1) LIMIT {KB_WINDOW})
                    ) x)
                 SELECT t.id AS translation_id, t.article_id, t.language, t.title, t.body, t.updated_at, a.category,
                    w.r * {BOOST} * {title} AS score
                 FROM w JOIN kb_translations t ON t.id = w.id
                 JOIN kb_articles a ON a.id = t.article_id
                 WHERE ($8 OR t.published) AND {VISIBLE}
                   AND ($9::text IS NULL OR a.category = $9)
                 ORDER BY score, t.id LIMIT $10"
            ),
        ),
    };
    let keep = backend == Backend::Sqlite;
    // Several translations of one article may match: fetch enough to fill the page after
    // keeping each article's best.
    let fetch = s.limit.saturating_mul(4).max(8);
    let rows: Vec<KbHitRow> = on_tx!(tx, c => sqlx::query_as::<_, KbHitRow>(sqlx::AssertSqlSafe(sql))
        .persistent(keep)
        .bind(&query).bind(s.reader.staff).bind(s.reader.signed_in).bind(s.reader.organization_id)
        .bind(&s.reader.today).bind(s.language).bind(s.now).bind(s.reader.drafts).bind(s.category)
        .bind(fetch).fetch_all(c).await)?;
    let mut seen = std::collections::HashSet::new();
    let limit = usize::try_from(s.limit).unwrap_or(0);
    Ok(rows
        .into_iter()
        .filter(|r| seen.insert(r.article_id))
        .take(limit)
        .collect())
}

/// How much a text's title says about the query: 1 plus three times the query's stems that
/// begin a title word, less for a long title. Full-text scores weigh a word by the length of the
/// whole text (FTS5's bm25 counts every column together), so a short title naming the problem
/// would otherwise lose to a short text mentioning it once.
fn title_factor(backend: Backend, stems: &[&String]) -> String {
    let find = match backend {
        Backend::Sqlite => "instr",
        Backend::Postgres => "strpos",
    };
    let hits = stems
        .iter()
        .map(|t| format!("(CASE WHEN {find}(' ' || t.title_stems, ' {t}') > 0 THEN 1 ELSE 0 END)"))
        .collect::<Vec<_>>()
        .join(" + ");
    format!(
        "CAST(1.0 + 3.0 * ({hits}) / (1.0 + (length(t.title_stems) - length(replace(t.title_stems, ' ', '')) + 1) / 4.0) AS DOUBLE PRECISION)"
    )
}

/// Whether `reader` may read article `article_id` (drafts aside).
pub async fn readable(tx: &mut Tx<'_>, article_id: i64, reader: &KbReader) -> Result<bool> {
    let sql = format!("SELECT COUNT(*) FROM kb_articles a WHERE a.id = $1 AND {VISIBLE}");
    let n: i64 = on_tx!(tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(article_id).bind(reader.staff).bind(reader.signed_in).bind(reader.organization_id)
        .bind(&reader.today).fetch_one(c).await)?;
    Ok(n > 0)
}

/// Articles `reader` may read that have a published translation (any, with `drafts`), most
/// recently changed first, optionally of one category.
pub async fn browse(
    tx: &mut Tx<'_>,
    reader: &KbReader,
    category: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<Vec<i64>> {
    let cat = match tx.backend() {
        Backend::Sqlite => "$7",
        Backend::Postgres => "$7::text",
    };
    let sql = format!(
        "SELECT a.id FROM kb_articles a WHERE {VISIBLE}
           AND EXISTS (SELECT 1 FROM kb_translations t WHERE t.article_id = a.id AND ($6 OR t.published))
           AND ({cat} IS NULL OR a.category = $7) AND $1 = $1
         ORDER BY a.updated_at DESC, a.id DESC LIMIT $8 OFFSET $9"
    );
    Ok(on_tx!(tx, c => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(0_i64).bind(reader.staff).bind(reader.signed_in).bind(reader.organization_id)
        .bind(&reader.today).bind(reader.drafts).bind(category).bind(limit).bind(offset)
        .fetch_all(c).await)?)
}

/// The categories of articles `reader` may read, with how many each.
pub async fn categories(tx: &mut Tx<'_>, reader: &KbReader) -> Result<Vec<(String, i64)>> {
    let sql = format!(
        "SELECT a.category, COUNT(*) FROM kb_articles a WHERE a.category IS NOT NULL AND {VISIBLE}
           AND EXISTS (SELECT 1 FROM kb_translations t WHERE t.article_id = a.id AND t.published)
           AND $1 = $1
         GROUP BY a.category ORDER BY a.category"
    );
    Ok(on_tx!(tx, c => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(0_i64).bind(reader.staff).bind(reader.signed_in).bind(reader.organization_id)
        .bind(&reader.today).fetch_all(c).await)?)
}
