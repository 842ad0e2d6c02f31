-- Mail templates an administrator changed in the workspace, per language (SQLite).
-- Keep in step with ../postgres/0026_mail_template_texts.sql: the schema-parity test compares both.

-- The text of one mail template file (such as `confirmation.txt`) in one language; mails
-- rendered afterwards use it instead of the built-in or the operator's file. `source` NULL
-- means reverted to the built-in: the row stays, so the template's history keeps one id.
CREATE TABLE mail_template_texts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    source TEXT,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX mail_template_texts_name_language ON mail_template_texts(name, language);
