-- Support plans, contracts, hand-over dates, onboarding entitlements, minute ledgers, categories,
-- the out-of-scope catalogue and paid services (SQLite).
-- Keep in step with ../postgres/0005_plans.sql: the schema-parity test compares both.

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    rank INTEGER NOT NULL,
    support_calendar_id INTEGER REFERENCES calendars(id),
    remote_minutes_per_month INTEGER NOT NULL,
    work_minutes_per_month INTEGER NOT NULL,
    preventive_checks_per_month INTEGER NOT NULL,
    included_time_for_changes BOOLEAN NOT NULL,
    hardware_replacement TEXT,
    hardware_visit_guarantee BOOLEAN NOT NULL,
    guarantee_remote_resolution TEXT,
    guarantee_visit TEXT,
    guarantee_restore TEXT,
    price_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    discount_hours_percent INTEGER NOT NULL,
    discount_trips_percent INTEGER NOT NULL,
    free_remote_diagnostics BOOLEAN NOT NULL,
    pay_later BOOLEAN NOT NULL,
    handover_window_months INTEGER,
    channels TEXT NOT NULL,
    onboarding TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

ALTER TABLE sla_policies ADD COLUMN plan_id INTEGER REFERENCES plans(id);

CREATE TABLE handovers (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    asset_id INTEGER REFERENCES assets(id),
    handed_over_on TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX handovers_org ON handovers(organization_id);

CREATE TABLE contracts (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    asset_id INTEGER REFERENCES assets(id),
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX contracts_org ON contracts(organization_id, starts_on);

CREATE TABLE entitlements (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    contract_id INTEGER NOT NULL REFERENCES contracts(id),
    kind TEXT NOT NULL,
    granted_on TEXT NOT NULL,
    expires_on TEXT,
    used_at INTEGER,
    used_by TEXT,
    ticket_id INTEGER REFERENCES tickets(id),
    note TEXT
);
CREATE UNIQUE INDEX entitlements_org_kind ON entitlements(organization_id, kind);

CREATE TABLE minute_usage (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    month TEXT NOT NULL,
    kind TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    ticket_id INTEGER REFERENCES tickets(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX minute_usage_org ON minute_usage(organization_id, month);

CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    plannable BOOLEAN NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE scope_items (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    product TEXT,
    category TEXT,
    title TEXT NOT NULL,
    answer_sk TEXT NOT NULL,
    answer_cs TEXT NOT NULL,
    answer_pl TEXT NOT NULL,
    answer_en TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE ticket_scope_marks (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    scope_item_id INTEGER NOT NULL REFERENCES scope_items(id),
    language TEXT NOT NULL,
    outbox_id INTEGER REFERENCES outbox(id),
    actor TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX ticket_scope_marks_ticket ON ticket_scope_marks(ticket_id);

CREATE TABLE paid_services (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations(id),
    ticket_id INTEGER REFERENCES tickets(id),
    performed_on TEXT NOT NULL,
    amount_minor INTEGER NOT NULL,
    currency TEXT NOT NULL,
    note TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX paid_services_org ON paid_services(organization_id, performed_on);
