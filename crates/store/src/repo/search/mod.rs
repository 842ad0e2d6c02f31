//! The search index: what is indexed (in the transaction that writes it) and how it is queried.
//!
//! One table of documents, `search_docs`, holds each indexed text folded by
//! [`podpora_core::text::index_text`]; SQLite indexes it with FTS5 (ranked by bm25), PostgreSQL
//! with a `simple` tsvector under a GIN index (ranked by `ts_rank`). A document names its source
//! (`ticket`, `article`, `attachment`; other kinds of documents can be added beside them), the
//! ticket it belongs to, whether it is for staff only, and a copy of its ticket's scope
//! (organization, requester, team, assignee) that PostgreSQL filters inside its index; SQLite's
//! FTS5 index holds the organization, requester and ticket as words of a second column, so a
//! customer's search is narrowed inside the index too.

mod index;
mod query;

pub(crate) use index::internal_kind;
pub use index::{Doc, Scope, Source, backfill_pending, index, reindex, rescope};
pub use query::{RANK_WINDOW, SearchHitRow, SearchRequest, SearchScope, search};
