-- The customer's scope inside SQLite's full-text index (SQLite only: PostgreSQL filters the scope
-- inside its GIN index since 0015, and the schema-parity test leaves the FTS5 machinery out).
--
-- A customer sees a few hundred tickets among many thousands; a common word matched in every
-- stored text made FTS5 walk all of them and test the scope one text at a time. A second
-- column, `scope`, now holds the document's organization, requester and ticket as words
-- (`o12 r34 t56`), so the index intersects the searched words with the customer's
-- organization and own or shared requests itself. Searches name the `folded` column, so a
-- typed word never matches a scope word.

DROP TRIGGER search_docs_insert;
DROP TRIGGER search_docs_delete;
DROP TRIGGER search_docs_update;
DROP TABLE search_fts;

-- The index's content as FTS5 reads it back (for `rebuild`); written by the triggers below.
CREATE VIEW search_fts_content AS
SELECT id, folded,
    trim(COALESCE('o' || organization_id, '') || COALESCE(' r' || requester_id, '')
        || COALESCE(' t' || ticket_id, '')) AS scope
FROM search_docs;

CREATE VIRTUAL TABLE search_fts USING fts5(
    folded,
    scope,
    content = 'search_fts_content',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER search_docs_insert AFTER INSERT ON search_docs BEGIN
    INSERT INTO search_fts (rowid, folded, scope) VALUES (new.id, new.folded,
        trim(COALESCE('o' || new.organization_id, '') || COALESCE(' r' || new.requester_id, '')
            || COALESCE(' t' || new.ticket_id, '')));
END;
CREATE TRIGGER search_docs_delete AFTER DELETE ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, folded, scope) VALUES ('delete', old.id, old.folded,
        trim(COALESCE('o' || old.organization_id, '') || COALESCE(' r' || old.requester_id, '')
            || COALESCE(' t' || old.ticket_id, '')));
END;
-- A ticket moved to another organization or requester rescopes its documents.
CREATE TRIGGER search_docs_update AFTER UPDATE OF folded, ticket_id, organization_id, requester_id
ON search_docs BEGIN
    INSERT INTO search_fts (search_fts, rowid, folded, scope) VALUES ('delete', old.id, old.folded,
        trim(COALESCE('o' || old.organization_id, '') || COALESCE(' r' || old.requester_id, '')
            || COALESCE(' t' || old.ticket_id, '')));
    INSERT INTO search_fts (rowid, folded, scope) VALUES (new.id, new.folded,
        trim(COALESCE('o' || new.organization_id, '') || COALESCE(' r' || new.requester_id, '')
            || COALESCE(' t' || new.ticket_id, '')));
END;

INSERT INTO search_fts (search_fts) VALUES ('rebuild');

-- The language an organization account chose in the portal (the chooser stores it): its pages
-- and its mail use it; NULL when it chose none (then its country's language, else Slovak).
-- Keep in step with ../postgres/0025_portal_search_and_language.sql.
ALTER TABLE organizations ADD COLUMN portal_language TEXT;
