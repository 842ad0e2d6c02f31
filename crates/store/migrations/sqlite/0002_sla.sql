-- Business calendars, SLA policies, and the SLA clocks of tickets (SQLite).
-- Keep in step with ../postgres/0002_sla.sql: the schema-parity test compares both.

CREATE TABLE calendars (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    time_zone TEXT NOT NULL,
    hours TEXT NOT NULL,
    holidays TEXT,
    closures TEXT NOT NULL,
    extra_working_days TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE sla_policies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    calendar_id INTEGER NOT NULL REFERENCES calendars(id),
    category TEXT,
    reaction TEXT,
    first_answer TEXT,
    remote_resolution TEXT,
    visit TEXT,
    resolution TEXT,
    warn_percent INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE ticket_clocks (
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    metric TEXT NOT NULL,
    target TEXT NOT NULL,
    policy_id INTEGER NOT NULL REFERENCES sla_policies(id),
    calendar_id INTEGER NOT NULL REFERENCES calendars(id),
    started_at INTEGER NOT NULL,
    due_at INTEGER,
    met_at INTEGER,
    PRIMARY KEY (ticket_id, metric)
);
CREATE INDEX ticket_clocks_due ON ticket_clocks(due_at);

CREATE TABLE ticket_pauses (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    reason TEXT NOT NULL
);
CREATE INDEX ticket_pauses_ticket ON ticket_pauses(ticket_id, id);
