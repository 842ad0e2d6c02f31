-- The knowledge base's files and votes (SQLite): images and files attached to an article, and
-- one "did this help?" answer per reader and article.
-- Keep in step with ../postgres/0019_kb_files_votes.sql: the schema-parity test compares both.

-- A file of an article: its bytes are stored like ticket attachments (content-addressed under
-- the data directory, by `sha256`); who may fetch it is decided by the article's visibility.
CREATE TABLE kb_files (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES agents(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX kb_files_article ON kb_files(article_id);

-- One answer per reader and article: `voter` names the reader ('contact:7', 'org-key:3',
-- 'anon:<hash of the browser's cookie>'); answering again changes the answer. The translation
-- answered and the UTC month (YYYY-MM) of the last answer are what the counters and the report
-- count by.
CREATE TABLE kb_votes (
    article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    voter TEXT NOT NULL,
    translation_id INTEGER NOT NULL REFERENCES kb_translations(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    helpful BOOLEAN NOT NULL,
    month TEXT NOT NULL,
    contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (article_id, voter)
);
CREATE INDEX kb_votes_month ON kb_votes(month, language);

-- Answers counted before votes were kept per reader become one vote each, so the report and the
-- counters keep their figures.
INSERT INTO kb_votes (article_id, voter, translation_id, language, helpful, month, contact_id, organization_id, at)
SELECT e.article_id, 'event:' || e.id, t.id, e.language, e.kind = 'helpful', e.month, e.contact_id, e.organization_id, e.at
FROM kb_events e JOIN kb_translations t ON t.article_id = e.article_id AND t.language = e.language
WHERE e.kind IN ('helpful', 'unhelpful') AND e.article_id IS NOT NULL;
DELETE FROM kb_events WHERE kind IN ('helpful', 'unhelpful');
