-- Requests copied to our staff (R-14) (PostgreSQL).
-- Keep in step with ../sqlite/0011_duplicates.sql: the schema-parity test compares both.

-- How many of our agents' personal addresses a mail request was also sent to besides a support
-- address; the queue places such a request after equal ones. 0 for every other request.
ALTER TABLE tickets ADD COLUMN staff_copies BIGINT NOT NULL DEFAULT 0;
