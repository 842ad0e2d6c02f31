-- podpora foundation schema (SQLite). Instants are integer milliseconds since the Unix epoch, UTC.
-- Keep in step with ../postgres/0001_foundation.sql: the schema-parity test compares both.

CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    email TEXT,
    created_at INTEGER NOT NULL
);

CREATE TABLE agents (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    password_hash TEXT,
    active BOOLEAN NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE agent_roles (
    agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (agent_id, role)
);

CREATE TABLE team_members (
    team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, agent_id)
);
CREATE INDEX team_members_agent ON team_members(agent_id);

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT NOT NULL,
    language TEXT NOT NULL,
    price_level TEXT NOT NULL,
    ico TEXT,
    nip TEXT,
    regon TEXT,
    vat_id TEXT,
    address TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX organizations_ico ON organizations(country, ico);
CREATE UNIQUE INDEX organizations_nip ON organizations(nip);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER REFERENCES organizations(id),
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX contacts_org ON contacts(organization_id);

CREATE TABLE contact_emails (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    email TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL
);
CREATE INDEX contact_emails_contact ON contact_emails(contact_id);

CREATE TABLE contact_phones (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    phone TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX contact_phones_contact ON contact_phones(contact_id);

CREATE TABLE assets (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    kind TEXT NOT NULL,
    identifier TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX assets_org_identifier ON assets(organization_id, identifier);

CREATE TABLE asset_rights (
    asset_id INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    PRIMARY KEY (asset_id, contact_id)
);
CREATE INDEX asset_rights_contact ON asset_rights(contact_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    agent_id INTEGER REFERENCES agents(id) ON DELETE CASCADE,
    organization_id INTEGER REFERENCES organizations(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    CHECK ((agent_id IS NULL) <> (organization_id IS NULL))
);

CREATE TABLE ticket_counters (
    year INTEGER PRIMARY KEY NOT NULL,
    last_value INTEGER NOT NULL
);

CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL,
    requester_id INTEGER REFERENCES contacts(id),
    reply_to TEXT,
    organization_id INTEGER REFERENCES organizations(id),
    asset_id INTEGER REFERENCES assets(id),
    category TEXT,
    urgency TEXT NOT NULL,
    channel TEXT NOT NULL,
    team_id INTEGER REFERENCES teams(id),
    assignee_id INTEGER REFERENCES agents(id),
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    resolved_at INTEGER,
    closed_at INTEGER
);
CREATE INDEX tickets_status ON tickets(status, id);
CREATE INDEX tickets_org ON tickets(organization_id, id);
CREATE INDEX tickets_team ON tickets(team_id, id);
CREATE INDEX tickets_assignee ON tickets(assignee_id, id);
CREATE INDEX tickets_requester ON tickets(requester_id, id);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    kind TEXT NOT NULL,
    author_agent_id INTEGER REFERENCES agents(id),
    author_contact_id INTEGER REFERENCES contacts(id),
    author_name TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT,
    message_id TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX articles_ticket ON articles(ticket_id, id);
CREATE INDEX articles_message_id ON articles(message_id);

CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL
);
CREATE INDEX attachments_article ON attachments(article_id);
CREATE INDEX attachments_sha256 ON attachments(sha256);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    reason TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, id);

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    run_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    locked_until INTEGER,
    last_error TEXT,
    done_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs(done_at, run_at);
