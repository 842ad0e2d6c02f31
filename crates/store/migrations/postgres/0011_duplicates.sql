-- The same request sent again, and requests copied to our staff (R-14) (PostgreSQL).
-- Keep in step with ../sqlite/0011_duplicates.sql: the schema-parity test compares both.

-- How many of our agents' personal addresses a mail request was also sent to besides a support
-- address; the queue places such a request after equal ones. 0 for every other request.
ALTER TABLE tickets ADD COLUMN staff_copies BIGINT NOT NULL DEFAULT 0;

-- The request's fingerprint: a hash of its contact and its folded subject and body. The same
-- request sent again within the window joins the open ticket with this fingerprint; the hash
-- covers the contact, so it is looked up alone, newest first. NULL for tickets opened before.
ALTER TABLE tickets ADD COLUMN fingerprint TEXT;
CREATE INDEX tickets_fingerprint ON tickets(fingerprint, created_at);
