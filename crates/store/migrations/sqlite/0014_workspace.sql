-- The agent workspace: staff sessions, each agent's time zone, the TOTP second factor with
-- one-time recovery codes, prepared answers and who is looking at a ticket (SQLite).
-- Keep in step with ../postgres/0014_workspace.sql: the schema-parity test compares both.

-- IANA zone the workspace shows an agent's times in.
ALTER TABLE agents ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Bratislava';
-- The TOTP secret (RFC 6238, base32) once confirmed; NULL when the agent has no second factor.
ALTER TABLE agents ADD COLUMN totp_secret TEXT;
-- A secret shown during setup, until the agent confirms it with a code.
ALTER TABLE agents ADD COLUMN totp_pending TEXT;
-- The last accepted time step, so one code signs in only once.
ALTER TABLE agents ADD COLUMN totp_last_step INTEGER;

-- A signed-in staff browser. Only the SHA-256 of the cookie's secret is stored. A session of an
-- agent with a second factor is useless until `second_factor_done` is set by a correct code.
CREATE TABLE agent_sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    second_factor_done BOOLEAN NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX agent_sessions_agent ON agent_sessions(agent_id);

-- One-time recovery codes for an agent who lost the authenticator (SHA-256 of each code).
CREATE TABLE agent_recovery_codes (
    id INTEGER PRIMARY KEY,
    agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at INTEGER
);
CREATE INDEX agent_recovery_codes_agent ON agent_recovery_codes(agent_id);

-- Prepared answers (canned responses): one text per name and language, with placeholders.
CREATE TABLE canned_responses (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (name, language)
);

-- Which agent had a ticket's page open last and when, so a second agent sees who else is on it.
CREATE TABLE ticket_viewers (
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (ticket_id, agent_id)
);
