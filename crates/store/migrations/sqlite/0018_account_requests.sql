-- Portal account requests (R-05, SQLite): a visitor asks for an account with the organization's
-- company id and an e-mail address; nothing is created until staff approve it.
-- Keep in step with ../postgres/0018_account_requests.sql: the schema-parity test compares both.

-- `status` is 'pending', 'approved' or 'declined'; a decided request keeps who decided and when.
-- One pending request per address: asking again while one waits does not add another.
CREATE TABLE account_requests (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    company_id TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    decided_by INTEGER REFERENCES agents(id),
    decided_at INTEGER,
    reason TEXT,
    contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX account_requests_pending_email ON account_requests(email) WHERE status = 'pending';
CREATE INDEX account_requests_status ON account_requests(status, created_at);
