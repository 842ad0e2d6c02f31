-- The portal, finished (PostgreSQL): entitlements asked for from the portal, addresses confirmed by
-- mail, each contact's time zone, requests shared between colleagues, and disabled accounts.
-- Keep in step with ../sqlite/0023_portal_accounts.sql: the schema-parity test compares both.

-- A customer asked for an onboarding entitlement from the portal: the request it opened waits
-- until staff record the use, and the button is not offered twice.
ALTER TABLE entitlements ADD COLUMN requested_ticket_id BIGINT REFERENCES tickets(id) ON DELETE SET NULL;
ALTER TABLE entitlements ADD COLUMN requested_at BIGINT;

-- A link that confirms an address (purpose 'email') carries the address, and the one it
-- replaces when it changes one; the address is on record only once the link is used.
ALTER TABLE portal_links ADD COLUMN email TEXT;
ALTER TABLE portal_links ADD COLUMN replaces TEXT;

-- The contact's IANA time zone for dates on pages; NULL means the desk's.
ALTER TABLE contacts ADD COLUMN time_zone TEXT;

-- Staff switched the account's portal access off: no sign-in, no session.
ALTER TABLE contacts ADD COLUMN portal_disabled_at BIGINT;
ALTER TABLE organizations ADD COLUMN portal_disabled_at BIGINT;

-- A request its contact shared with a colleague of the same organization, who then sees it.
CREATE TABLE ticket_shares (
    ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    shared_by BIGINT REFERENCES contacts(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (ticket_id, contact_id)
);
CREATE INDEX ticket_shares_contact ON ticket_shares(contact_id);
