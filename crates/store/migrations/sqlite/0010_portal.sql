-- The customer portal: passwords, server-side sessions, one-time links and sign-in lockout (SQLite).
-- Keep in step with ../postgres/0010_portal.sql: the schema-parity test compares both.

-- Argon2id PHC strings; NULL until the contact or organization sets a password from an invitation.
ALTER TABLE contacts ADD COLUMN password_hash TEXT;
ALTER TABLE organizations ADD COLUMN portal_password_hash TEXT;

-- A signed-in browser: either a contact or an organization account. Only the SHA-256 of the
-- cookie's secret is stored, so a copy of the database does not sign anyone in.
CREATE TABLE portal_sessions (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    contact_id INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
    organization_id INTEGER REFERENCES organizations(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    CHECK ((contact_id IS NULL) <> (organization_id IS NULL))
);
CREATE INDEX portal_sessions_contact ON portal_sessions(contact_id);
CREATE INDEX portal_sessions_organization ON portal_sessions(organization_id);

-- One-time links mailed to set a password (invitation) or to reset it; used once, then dead.
CREATE TABLE portal_links (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL,
    contact_id INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
    organization_id INTEGER REFERENCES organizations(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    CHECK ((contact_id IS NULL) <> (organization_id IS NULL))
);

-- Failed sign-ins per account name (as typed) and per client address, for the lockout.
CREATE TABLE portal_signin_failures (
    subject TEXT PRIMARY KEY NOT NULL,
    failures INTEGER NOT NULL,
    first_failure_at INTEGER NOT NULL,
    locked_until INTEGER
);
