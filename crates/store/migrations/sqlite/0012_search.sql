-- The search index (SQLite): one document per ticket subject, article body and attachment name.
-- Keep in step with ../postgres/0012_search.sql: the schema-parity test compares both.

-- `folded` is the text folded and split into words in Rust (podpora_core::text::index_text):
-- SQLite's own folding misses letters such as Polish ł. Written in the same transaction as the
-- ticket, article or attachment it indexes.
CREATE TABLE search_docs (
    id INTEGER PRIMARY KEY,
    -- 'ticket' (its subject), 'article' (its text) or 'attachment' (its file name).
    source TEXT NOT NULL,
    source_id INTEGER NOT NULL,
    ticket_id INTEGER REFERENCES tickets(id),
    -- Staff only (an internal note, or a file attached to one): never shown to customers.
    internal BOOLEAN NOT NULL,
    folded TEXT NOT NULL
);
CREATE UNIQUE INDEX search_docs_source ON search_docs(source, source_id);
CREATE INDEX search_docs_ticket ON search_docs(ticket_id);

-- The full-text index reads its text from search_docs (stored once); the triggers keep it in
-- step within the writing transaction.
CREATE VIRTUAL TABLE search_fts USING fts5(
    folded,
    content = 'search_docs',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER search_docs_insert AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_fts (rowid, folded) VALUES (new.id, new.folded);
END;
CREATE TRIGGER search_docs_delete AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
END;
CREATE TRIGGER search_docs_update AFTER UPDATE OF folded ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
    INSERT INTO search_fts (rowid, folded) VALUES (new.id, new.folded);
END;

-- Tickets written before this migration are indexed at start (folding needs Rust).
INSERT INTO settings (key, value) VALUES ('search.backfill', 'pending');
