-- A team's lead: told first when a ticket of the team breaches its SLA (SQLite).
-- Keep in step with ../postgres/0008_team_lead.sql.
ALTER TABLE teams ADD COLUMN lead_agent_id INTEGER REFERENCES agents(id) ON DELETE SET NULL;
