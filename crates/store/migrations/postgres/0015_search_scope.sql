-- The search index carries its ticket's scope (organization, requester, team, assignee), so a
-- search in a narrow scope (a technician's teams, one organization) is filtered inside the index
-- instead of reading every matching text of every ticket. Keep in step with
-- ../sqlite/0015_search_scope.sql: the schema-parity test compares both.

-- GIN over the tsvector and plain ids needs btree_gin (PostgreSQL contrib; a trusted extension,
-- so the database owner may create it).
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- Copies of the ticket's columns, written in the same transaction as the document and again
-- whenever the ticket's scope changes (podpora_store::repo::tickets::update).
ALTER TABLE search_docs
    ADD COLUMN organization_id BIGINT,
    ADD COLUMN requester_id BIGINT,
    ADD COLUMN team_id BIGINT,
    ADD COLUMN assignee_id BIGINT;

UPDATE search_docs d SET organization_id = t.organization_id, requester_id = t.requester_id,
    team_id = t.team_id, assignee_id = t.assignee_id
FROM tickets t WHERE t.id = d.ticket_id;

-- One GIN index serves both the words alone (staff) and the words within a scope.
CREATE INDEX search_docs_tsv_scope ON search_docs
    USING GIN (tsv, organization_id, requester_id, team_id, assignee_id);
DROP INDEX search_docs_tsv;
