-- The knowledge base (SQLite): articles with a translation per language, each translation's
-- versions, who may read an article, and what readers did (views, votes, searches, suggestions
-- while typing a request) for reports.
-- Keep in step with ../postgres/0016_knowledge.sql: the schema-parity test compares both.

-- An article: what it is about and who may read it. `visibility` is 'public' (anyone, signed
-- in or not), 'customers' (signed-in customers), 'plans' (customers of an organization with a
-- running contract on one of the article's plans) or 'staff'.
CREATE TABLE kb_articles (
    id INTEGER PRIMARY KEY,
    category TEXT,
    -- The asset kind (product) the article is about; NULL for any.
    applies_to TEXT,
    visibility TEXT NOT NULL,
    created_by INTEGER REFERENCES agents(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- The plans whose customers may read an article of visibility 'plans'.
CREATE TABLE kb_article_plans (
    article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    plan_id INTEGER NOT NULL REFERENCES plans(id),
    PRIMARY KEY (article_id, plan_id)
);

-- One language of an article: the current text (Markdown), whether readers see it, and the
-- reader counters. `title_stems` and `body_stems` are the words stemmed in Rust
-- (podpora_core::text::stem), so both databases index the same words.
CREATE TABLE kb_translations (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    published BOOLEAN NOT NULL,
    version INTEGER NOT NULL,
    published_at INTEGER,
    updated_by INTEGER REFERENCES agents(id),
    updated_at INTEGER NOT NULL,
    views INTEGER NOT NULL,
    helpful INTEGER NOT NULL,
    unhelpful INTEGER NOT NULL,
    title_stems TEXT NOT NULL,
    body_stems TEXT NOT NULL,
    UNIQUE (article_id, language)
);

-- Every saved text of a translation: who changed it, when and why; restoring an old version
-- saves it again as the newest.
CREATE TABLE kb_versions (
    id INTEGER PRIMARY KEY,
    translation_id INTEGER NOT NULL REFERENCES kb_translations(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    changed_by INTEGER REFERENCES agents(id),
    changed_at INTEGER NOT NULL,
    note TEXT NOT NULL,
    UNIQUE (translation_id, version)
);

-- What readers did: 'view', 'helpful', 'unhelpful', 'search' and 'search_empty' (a search
-- that found nothing, with its words). `month` is the UTC month (YYYY-MM) the reports group by.
CREATE TABLE kb_events (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    article_id INTEGER REFERENCES kb_articles(id) ON DELETE SET NULL,
    language TEXT NOT NULL,
    month TEXT NOT NULL,
    contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
    query TEXT,
    at INTEGER NOT NULL
);
CREATE INDEX kb_events_month ON kb_events(month, kind);
CREATE INDEX kb_events_contact ON kb_events(contact_id, at);

-- Articles suggested while a customer typed a new request: one row per form (its random
-- token), the last words and the articles shown, the article opened from them and the request
-- sent, if any. Opened and never sent is a request avoided.
CREATE TABLE kb_suggestions (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
    language TEXT NOT NULL,
    month TEXT NOT NULL,
    query TEXT NOT NULL,
    shown TEXT NOT NULL,
    opened_article_id INTEGER REFERENCES kb_articles(id) ON DELETE SET NULL,
    ticket_id INTEGER REFERENCES tickets(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX kb_suggestions_month ON kb_suggestions(month);

-- The full-text index reads its words from kb_translations; the triggers keep it in step
-- within the writing transaction (counters changing do not touch it). Named like the ticket
-- index's, as full-text machinery that exists on SQLite only.
CREATE VIRTUAL TABLE search_fts_kb USING fts5(
    title_stems,
    body_stems,
    content = 'kb_translations',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '3 4 5'
);
CREATE TRIGGER kb_translations_insert AFTER INSERT ON kb_translations BEGIN
    INSERT INTO search_fts_kb (rowid, title_stems, body_stems)
    VALUES (new.id, new.title_stems, new.body_stems);
END;
CREATE TRIGGER kb_translations_delete AFTER DELETE ON kb_translations BEGIN
    INSERT INTO search_fts_kb (search_fts_kb, rowid, title_stems, body_stems)
    VALUES ('delete', old.id, old.title_stems, old.body_stems);
END;
CREATE TRIGGER kb_translations_update AFTER UPDATE OF title_stems, body_stems ON kb_translations BEGIN
    INSERT INTO search_fts_kb (search_fts_kb, rowid, title_stems, body_stems)
    VALUES ('delete', old.id, old.title_stems, old.body_stems);
    INSERT INTO search_fts_kb (rowid, title_stems, body_stems)
    VALUES (new.id, new.title_stems, new.body_stems);
END;
