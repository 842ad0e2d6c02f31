-- Mail templates per language and support addresses an administrator changed in the workspace (SQLite).
-- Keep in step with ../postgres/0026_mail_templates_and_addresses.sql: the schema-parity test compares both.

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

-- Support addresses an administrator added in the workspace, used by the mail intake alongside
-- the configuration file's `mail.addresses`: mail to one goes to its team (none: the default
-- routing), automatic answers to unknown senders are in its language.
CREATE TABLE support_addresses (
    id INTEGER PRIMARY KEY,
    address TEXT NOT NULL,
    team_id INTEGER REFERENCES teams(id),
    language TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX support_addresses_address ON support_addresses(address);
