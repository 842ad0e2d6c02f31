-- The e-mail channel (SQLite). Keep in step with ../postgres/0004_mail.sql.

-- Every message received, stored raw before anything else happens (R-70). Processing is a
-- separate, idempotent step: `status` moves from pending to processed, duplicate, rejected or
-- unprocessable, and an unprocessable message can be reprocessed.
CREATE TABLE inbound_messages (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    mail_from TEXT NOT NULL,
    recipients TEXT NOT NULL,
    raw BLOB NOT NULL,
    size_bytes INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    message_id TEXT,
    sender TEXT,
    subject TEXT,
    ticket_id INTEGER REFERENCES tickets(id),
    article_id INTEGER REFERENCES articles(id),
    attempts INTEGER NOT NULL,
    processed_at INTEGER
);
CREATE INDEX inbound_messages_status ON inbound_messages(status, id);
CREATE INDEX inbound_messages_article ON inbound_messages(article_id);

-- Message-IDs podpora received or sent, for threading replies (In-Reply-To, References) and for
-- recognising the same message delivered twice.
CREATE TABLE mail_threads (
    message_id TEXT PRIMARY KEY NOT NULL,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    article_id INTEGER REFERENCES articles(id),
    inbound BOOLEAN NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX mail_threads_ticket ON mail_threads(ticket_id);

-- Outgoing mail, written in the transaction that decides to send it and delivered by a worker.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER REFERENCES tickets(id),
    article_id INTEGER REFERENCES articles(id),
    purpose TEXT NOT NULL,
    automatic BOOLEAN NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    mail_from TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    raw BLOB NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    locked_until INTEGER,
    last_error TEXT,
    smtp_response TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_ticket ON outbox(ticket_id, id);
CREATE INDEX outbox_recipient ON outbox(recipient, created_at);

-- Leases on shared work (an IMAP mailbox polled by one node at a time).
CREATE TABLE leases (
    key TEXT PRIMARY KEY NOT NULL,
    holder TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
