-- Service time and what it costs: price lists, time entries on tickets and prepaid minute
-- packages (SQLite).
-- Keep in step with ../postgres/0013_billing.sql: the schema-parity test compares both.

-- A supplier's price list. `body` is its TOML form (currency, rates, fees), read by the rating;
-- the rates of the default list apply to every customer.
CREATE TABLE price_lists (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    vat_country TEXT NOT NULL,
    currency TEXT NOT NULL,
    body TEXT NOT NULL,
    is_default BOOLEAN NOT NULL,
    agreement_required BOOLEAN NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Time worked on a ticket. Entries of one intervention (its number within the ticket) are
-- rated together. `ended_at` is NULL for minutes recorded on a date. An entry with
-- `invoiced_at` set never changes again.
CREATE TABLE time_entries (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    agent_id INTEGER REFERENCES agents(id),
    kind TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    minutes INTEGER NOT NULL,
    intervention INTEGER NOT NULL,
    visits INTEGER NOT NULL,
    billable BOOLEAN NOT NULL,
    note TEXT,
    invoiced_at INTEGER,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX time_entries_ticket ON time_entries(ticket_id, intervention);
CREATE INDEX time_entries_started ON time_entries(started_at);

-- A bought package of prepaid minutes; what is left is worked out by rating the entries.
CREATE TABLE prepaid_packages (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    minutes INTEGER NOT NULL,
    bought_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    note TEXT,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX prepaid_packages_org ON prepaid_packages(organization_id);

-- An offer of paid work on a ticket (R-45) and its acceptance: by the customer (portal or API)
-- or recorded by staff with a reason. Under a list with `agreement_required`, billable work of a
-- customer without a plan is held, not billed, until an offer on the ticket is accepted.
CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    description TEXT NOT NULL,
    estimate_minutes INTEGER,
    offered_by TEXT NOT NULL,
    offered_at INTEGER NOT NULL,
    accepted_at INTEGER,
    accepted_by TEXT,
    accepted_channel TEXT
);
CREATE INDEX agreements_ticket ON agreements(ticket_id);
