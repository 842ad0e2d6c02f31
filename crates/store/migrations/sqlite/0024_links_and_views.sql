-- Linked and merged tickets, and each agent's saved queue views (SQLite).
-- Keep in step with ../postgres/0024_links_and_views.sql: the schema-parity test compares both.

-- Two tickets about the same thing. `kind` is 'related' (both show the link; stored once, the
-- lower id as `ticket_id`) or 'merged' (`ticket_id` was merged into `other_id`: its articles
-- moved there and it was closed; mail to its thread follows to `other_id`).
CREATE TABLE ticket_links (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    other_id INTEGER NOT NULL REFERENCES tickets(id),
    kind TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ticket_links_pair ON ticket_links(ticket_id, other_id);
CREATE INDEX ticket_links_other ON ticket_links(other_id);

-- A queue's filters saved by an agent under a name; only that agent sees them. `query` is the
-- queue page's query string.
CREATE TABLE saved_views (
    id INTEGER PRIMARY KEY,
    agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX saved_views_agent_name ON saved_views(agent_id, name);
