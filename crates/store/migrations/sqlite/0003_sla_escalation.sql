-- Warning and escalation times of SLA clocks, and where a policy escalates to (SQLite).
-- Keep in step with ../postgres/0003_sla_escalation.sql.
ALTER TABLE ticket_clocks ADD COLUMN warn_at INTEGER;
ALTER TABLE ticket_clocks ADD COLUMN warned_at INTEGER;
ALTER TABLE ticket_clocks ADD COLUMN escalated_at INTEGER;
CREATE INDEX ticket_clocks_warn ON ticket_clocks(warn_at);
ALTER TABLE sla_policies ADD COLUMN escalate_team_id INTEGER REFERENCES teams(id);
