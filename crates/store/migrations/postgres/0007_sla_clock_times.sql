-- The times of SLA clocks in a narrow table of their own (PostgreSQL).
-- Keep in step with ../sqlite/0007_sla_clock_times.sql.
--
-- A calendar change rewrites the due and warning times of every running clock; each rewritten
-- row is a new row version, so a narrow row is less to write than the wide one, and the wide
-- row (what a clock measures and since when) no longer changes after it is written. The
-- columns the scheduler's partial index needs (warned, met, escalated) live here too, so the
-- index stays on one table.
--
-- A clock's number is its ticket's id times 8 plus its metric's place in reaction,
-- first_answer, remote_resolution, visit, resolution (the store computes it the same way).
CREATE TABLE ticket_clock_times (
    id BIGINT PRIMARY KEY,
    due_at BIGINT,
    warn_at BIGINT,
    warned_at BIGINT,
    met_at BIGINT,
    escalated_at BIGINT
);
ALTER TABLE ticket_clocks ADD COLUMN clock_id BIGINT;
UPDATE ticket_clocks SET clock_id = ticket_id * 8 + CASE metric WHEN 'reaction' THEN 0
    WHEN 'first_answer' THEN 1 WHEN 'remote_resolution' THEN 2 WHEN 'visit' THEN 3
    WHEN 'resolution' THEN 4 END;
ALTER TABLE ticket_clocks ALTER COLUMN clock_id SET NOT NULL;
INSERT INTO ticket_clock_times (id, due_at, warn_at, warned_at, met_at, escalated_at)
SELECT clock_id, due_at, warn_at, warned_at, met_at, escalated_at FROM ticket_clocks ORDER BY clock_id;
DROP INDEX ticket_clocks_next_action;
ALTER TABLE ticket_clocks DROP COLUMN due_at, DROP COLUMN warn_at, DROP COLUMN warned_at,
    DROP COLUMN met_at, DROP COLUMN escalated_at;
CREATE INDEX ticket_clock_times_next_action ON ticket_clock_times(
    (CASE WHEN warned_at IS NULL AND warn_at < due_at THEN warn_at ELSE due_at END))
    WHERE met_at IS NULL AND escalated_at IS NULL;
