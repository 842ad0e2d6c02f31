-- One-time links mailed with an offer of paid work (R-45, SQLite): the customer opens the link and
-- accepts without signing in. Only the secret's hash is stored; a link is used once, then dead.
-- Keep in step with ../postgres/0020_offer_links.sql: the schema-parity test compares both.
CREATE TABLE offer_links (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX offer_links_agreement ON offer_links(agreement_id);
