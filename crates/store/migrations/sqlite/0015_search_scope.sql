-- The search index carries its ticket's scope (organization, requester, team, assignee). Keep in
-- step with ../postgres/0015_search_scope.sql: the schema-parity test compares both.

-- Written as on PostgreSQL, so both databases hold the same rows; SQLite's search still takes the
-- scope from the tickets (FTS5 cannot filter by other columns inside its index).
ALTER TABLE search_docs ADD COLUMN organization_id INTEGER;
ALTER TABLE search_docs ADD COLUMN requester_id INTEGER;
ALTER TABLE search_docs ADD COLUMN team_id INTEGER;
ALTER TABLE search_docs ADD COLUMN assignee_id INTEGER;

UPDATE search_docs SET
    organization_id = (SELECT organization_id FROM tickets WHERE id = search_docs.ticket_id),
    requester_id = (SELECT requester_id FROM tickets WHERE id = search_docs.ticket_id),
    team_id = (SELECT team_id FROM tickets WHERE id = search_docs.ticket_id),
    assignee_id = (SELECT assignee_id FROM tickets WHERE id = search_docs.ticket_id)
WHERE ticket_id IS NOT NULL;
