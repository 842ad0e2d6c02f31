-- SLA clocks laid out for recomputing them all after a calendar change (SQLite).
-- Keep in step with ../postgres/0006_sla_recompute.sql.
--
-- The clocks are stored in primary-key order (WITHOUT ROWID): reading or updating every clock of
-- a calendar then walks one B-tree in ticket order instead of an index plus the table. The two
-- time indexes (due, warning) become one partial index on the time the scheduler next acts on a
-- clock, so a recompute maintains one index instead of two, and met or escalated clocks, which
-- never need acting on again, stay out of it.
CREATE TABLE ticket_clocks_new (
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    metric TEXT NOT NULL,
    target TEXT NOT NULL,
    policy_id INTEGER NOT NULL REFERENCES sla_policies(id),
    calendar_id INTEGER NOT NULL REFERENCES calendars(id),
    started_at INTEGER NOT NULL,
    due_at INTEGER,
    met_at INTEGER,
    warn_at INTEGER,
    warned_at INTEGER,
    escalated_at INTEGER,
    PRIMARY KEY (ticket_id, metric)
) WITHOUT ROWID;
INSERT INTO ticket_clocks_new (ticket_id, metric, target, policy_id, calendar_id, started_at, due_at, met_at,
    warn_at, warned_at, escalated_at)
SELECT ticket_id, metric, target, policy_id, calendar_id, started_at, due_at, met_at, warn_at, warned_at, escalated_at
FROM ticket_clocks;
DROP TABLE ticket_clocks;
ALTER TABLE ticket_clocks_new RENAME TO ticket_clocks;
CREATE INDEX ticket_clocks_next_action ON ticket_clocks(
    (CASE WHEN warned_at IS NULL AND warn_at < due_at THEN warn_at ELSE due_at END))
    WHERE met_at IS NULL AND escalated_at IS NULL;
