-- A team's lead: told first when a ticket of the team breaches its SLA (PostgreSQL).
-- Keep in step with ../sqlite/0008_team_lead.sql.
ALTER TABLE teams ADD COLUMN lead_agent_id BIGINT REFERENCES agents(id) ON DELETE SET NULL;
