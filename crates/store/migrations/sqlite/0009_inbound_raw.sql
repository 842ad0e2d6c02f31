-- Raw received messages move to a table of their own (SQLite). Keep in step with
-- ../postgres/0009_inbound_raw.sql.
--
-- SQLite rewrites a whole record, overflow pages included, whenever any column of it changes:
-- with the bytes inside `inbound_messages`, claiming a message and recording its outcome copied
-- the full message twice more into the write-ahead log. The bytes are written once, here, and
-- never updated.
CREATE TABLE inbound_raw (
    id INTEGER PRIMARY KEY REFERENCES inbound_messages(id),
    raw BLOB NOT NULL
);
INSERT INTO inbound_raw (id, raw) SELECT id, raw FROM inbound_messages;
ALTER TABLE inbound_messages DROP COLUMN raw;

-- Counting the automatic answers a sender got in the last hour (the loop guard) reads only this
-- index, however much mail the sender gets.
DROP INDEX outbox_recipient;
CREATE INDEX outbox_recipient ON outbox(recipient, automatic, created_at);
