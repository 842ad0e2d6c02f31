-- Warning and escalation times of SLA clocks, and where a policy escalates to (PostgreSQL).
-- Keep in step with ../sqlite/0003_sla_escalation.sql.
ALTER TABLE ticket_clocks ADD COLUMN warn_at BIGINT;
ALTER TABLE ticket_clocks ADD COLUMN warned_at BIGINT;
ALTER TABLE ticket_clocks ADD COLUMN escalated_at BIGINT;
CREATE INDEX ticket_clocks_warn ON ticket_clocks(warn_at);
ALTER TABLE sla_policies ADD COLUMN escalate_team_id BIGINT REFERENCES teams(id);
