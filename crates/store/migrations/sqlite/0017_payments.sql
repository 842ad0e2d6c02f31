-- Payment requests, imported bank statements and their entries, and issued invoices (SQLite).
-- Keep in step with ../postgres/0017_payments.sql: the schema-parity test compares both.

-- What a customer is asked to pay. Money is integer minor units. The supplier's account is
-- copied in when the request is made, so a later change of account leaves it as it was sent.
-- `status`: open, partial, paid, over (more arrived than was asked).
CREATE TABLE payment_requests (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER REFERENCES organizations(id),
    ticket_id INTEGER REFERENCES tickets(id),
    invoice_id INTEGER,
    amount_minor INTEGER NOT NULL,
    received_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    beneficiary TEXT NOT NULL,
    iban TEXT NOT NULL,
    bic TEXT,
    variable_symbol TEXT UNIQUE,
    reference TEXT,
    due_on TEXT NOT NULL,
    message TEXT NOT NULL,
    status TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    paid_at INTEGER,
    updated_at INTEGER NOT NULL
);
CREATE INDEX payment_requests_org ON payment_requests(organization_id, status);
CREATE INDEX payment_requests_ticket ON payment_requests(ticket_id);
CREATE INDEX payment_requests_status ON payment_requests(status);

-- An imported camt.053 document; `digest` (SHA-256 of the file) makes a second import of the
-- same file a no-op.
CREATE TABLE bank_statements (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    statement_ids TEXT NOT NULL,
    account TEXT NOT NULL,
    credits INTEGER NOT NULL,
    already_imported INTEGER NOT NULL,
    imported_by TEXT NOT NULL,
    imported_at INTEGER NOT NULL
);

-- One credit of a statement and what matching made of it. `entry_key` is the entry's identity
-- (account and bank reference, or a hash): an entry is stored once, whichever statement brings
-- it again. `outcome`: paid, partial, over, currency, ambiguous, unknown.
CREATE TABLE bank_entries (
    id INTEGER PRIMARY KEY,
    statement_id INTEGER NOT NULL REFERENCES bank_statements(id),
    entry_key TEXT NOT NULL UNIQUE,
    booking_date TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    variable_symbol TEXT,
    end_to_end_id TEXT,
    remittance TEXT NOT NULL,
    counterparty TEXT,
    counterparty_account TEXT,
    outcome TEXT NOT NULL,
    payment_request_id INTEGER REFERENCES payment_requests(id),
    difference_minor INTEGER NOT NULL
);
CREATE INDEX bank_entries_statement ON bank_entries(statement_id);
CREATE INDEX bank_entries_outcome ON bank_entries(outcome);

-- An issued invoice or credit note: numbered gaplessly per series prefix and year, never changed
-- once written. `document` is the issued invoice (JSON) the e-invoices are written from.
CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    prefix TEXT NOT NULL,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    number TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    corrects_id INTEGER REFERENCES invoices(id),
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    period TEXT,
    issued_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    currency TEXT NOT NULL,
    net_minor INTEGER NOT NULL,
    vat_minor INTEGER NOT NULL,
    total_minor INTEGER NOT NULL,
    document TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (prefix, year, sequence)
);
CREATE INDEX invoices_org ON invoices(organization_id, issued_on);
