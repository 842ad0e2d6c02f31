-- Quotes with a deadline (R-46, SQLite): a price and an agreed deadline offered on a ticket,
-- accepted or declined by the customer. Keep in step with ../postgres/0021_quotes.sql: the
-- schema-parity test compares both.
--
-- `state` is `pending`, `accepted` or `declined`. A ticket carries several quotes over time but
-- at most one pending: the partial unique index holds that however many requests race. An
-- accepted quote's deadline becomes the ticket's `agreed_deadline` clock (clock number
-- ticket id × 8 + 5 in ticket_clock_times).
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    price_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    covers TEXT NOT NULL,
    deadline_at INTEGER NOT NULL,
    state TEXT NOT NULL,
    offered_by TEXT NOT NULL,
    offered_at INTEGER NOT NULL,
    decided_at INTEGER,
    decided_by TEXT,
    decided_channel TEXT,
    decline_reason TEXT
);
CREATE INDEX quotes_ticket ON quotes(ticket_id);
CREATE UNIQUE INDEX quotes_one_pending ON quotes(ticket_id) WHERE state = 'pending';
