//! The search index: what is indexed (in the transaction that writes it) and how it is queried.
//!
//! One table of documents, `search_docs`, holds each indexed text folded by
//! [`podpora_core::text::index_text`]; SQLite indexes it with FTS5 (ranked by bm25), PostgreSQL
//! with a `simple` tsvector under a GIN index (ranked by `ts_rank`). A document names its source
//! (`ticket`, `article`, `attachment`; other kinds of documents can be added beside them), the
//! ticket it belongs to, and whether it is for staff only.

mod index;
mod query;

pub(crate) use index::internal_kind;
pub use index::{Doc, Source, backfill_pending, index, reindex};
pub use query::{RANK_WINDOW, SearchHitRow, SearchRequest, SearchScope, search};
