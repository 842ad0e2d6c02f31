-- The portal (PostgreSQL): the language an organization account chose. Keep in step with
-- ../sqlite/0025_portal_search_and_language.sql, which also puts the customer's scope into
-- SQLite's full-text index (PostgreSQL has it in its GIN index since 0015).

-- The language an organization account chose in the portal (the chooser stores it): its pages
-- and its mail use it; NULL when it chose none (then its country's language, else Slovak).
ALTER TABLE organizations ADD COLUMN portal_language TEXT;
