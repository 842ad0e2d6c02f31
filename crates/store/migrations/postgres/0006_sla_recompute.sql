-- SLA clocks laid out for recomputing them all after a calendar change (PostgreSQL).
-- Keep in step with ../sqlite/0006_sla_recompute.sql.
--
-- The two time indexes (due, warning) become one partial index on the time the scheduler next
-- acts on a clock, so a recompute maintains one index instead of two, and met or escalated
-- clocks, which never need acting on again, stay out of it.
DROP INDEX ticket_clocks_due;
DROP INDEX ticket_clocks_warn;
CREATE INDEX ticket_clocks_next_action ON ticket_clocks(
    (CASE WHEN warned_at IS NULL AND warn_at < due_at THEN warn_at ELSE due_at END))
    WHERE met_at IS NULL AND escalated_at IS NULL;
