-- The portal, finished (SQLite): entitlements asked for from the portal, addresses confirmed by
-- mail, each contact's time zone, requests shared between colleagues, and disabled accounts.
-- Keep in step with ../postgres/0023_portal_accounts.sql: the schema-parity test compares both.

-- A customer asked for an onboarding entitlement from the portal: the request it opened waits
-- until staff record the use, and the button is not offered twice.
ALTER TABLE entitlements ADD COLUMN requested_ticket_id INTEGER REFERENCES tickets(id) ON DELETE SET NULL;
ALTER TABLE entitlements ADD COLUMN requested_at INTEGER;

-- A link that confirms an address (purpose 'email') carries the address, and the one it
-- replaces when it changes one; the address is on record only once the link is used.
ALTER TABLE portal_links ADD COLUMN email TEXT;
ALTER TABLE portal_links ADD COLUMN replaces TEXT;

-- The contact's IANA time zone for dates on pages; NULL means the desk's.
ALTER TABLE contacts ADD COLUMN time_zone TEXT;

-- Staff switched the account's portal access off: no sign-in, no session.
ALTER TABLE contacts ADD COLUMN portal_disabled_at INTEGER;
ALTER TABLE organizations ADD COLUMN portal_disabled_at INTEGER;

-- A request its contact shared with a colleague of the same organization, who then sees it.
CREATE TABLE ticket_shares (
    ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    shared_by INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (ticket_id, contact_id)
);
CREATE INDEX ticket_shares_contact ON ticket_shares(contact_id);
