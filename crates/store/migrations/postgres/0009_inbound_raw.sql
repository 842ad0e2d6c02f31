-- Raw received messages move to a table of their own (PostgreSQL). Keep in step with
-- ../sqlite/0009_inbound_raw.sql: the bytes are written once and never updated, while the
-- message's processing state changes.
CREATE TABLE inbound_raw (
    id BIGINT PRIMARY KEY REFERENCES inbound_messages(id),
    raw BYTEA NOT NULL
);
INSERT INTO inbound_raw (id, raw) SELECT id, raw FROM inbound_messages;
ALTER TABLE inbound_messages DROP COLUMN raw;

-- Counting the automatic answers a sender got in the last hour (the loop guard) reads only this
-- index, however much mail the sender gets.
DROP INDEX outbox_recipient;
CREATE INDEX outbox_recipient ON outbox(recipient, automatic, created_at);
