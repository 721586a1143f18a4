-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0002_accounts_cfp.sql: accounts, sessions, one-time tokens, the mail
-- outbox, and what the call for proposals adds to proposals: the account
-- that owns one and a full-text index over it.

-- Browser sessions: only the SHA-256 of the random cookie value is kept,
-- so a copy of the database does not let anyone sign in.
CREATE TABLE login_session (
	token_hash TEXT PRIMARY KEY,           -- hex SHA-256 of the cookie
	account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX login_session_account ON login_session(account_id);

-- One-time tokens mailed for confirming an address or resetting a
-- password; hashed like sessions, and spent by setting used_at.
CREATE TABLE account_token (
	token_hash TEXT PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	purpose    TEXT NOT NULL CHECK (purpose IN ('confirm', 'reset')),
	expires_at TEXT NOT NULL,
	used_at    TEXT
) WITHOUT ROWID;

-- Outgoing mail; a worker (or an operator with `cabildo outbox list`)
-- sends it.  Tests read tokens from here instead of from a mailbox.
CREATE TABLE outbox (
	id         INTEGER PRIMARY KEY,
	to_addr    TEXT NOT NULL,
	subject    TEXT NOT NULL,
	body       TEXT NOT NULL,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	sent_at    TEXT
);

-- Who submitted a proposal (the person behind the account); NULL for
-- imported and synthetic ones.
ALTER TABLE proposal ADD COLUMN owner_id INTEGER REFERENCES person(id)
    ON DELETE SET NULL;
CREATE INDEX proposal_owner ON proposal(owner_id);

-- Full-text search for the organisers' list, kept in step by triggers.
CREATE VIRTUAL TABLE proposal_fts USING fts5(title, abstract, description,
    content='proposal', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2');
INSERT INTO proposal_fts(rowid, title, abstract, description)
    SELECT id, title, coalesce(abstract, ''), coalesce(description, '')
    FROM proposal;
CREATE TRIGGER proposal_fts_ai AFTER INSERT ON proposal BEGIN
	INSERT INTO proposal_fts(rowid, title, abstract, description)
	VALUES (new.id, new.title, coalesce(new.abstract, ''),
	    coalesce(new.description, ''));
END;
CREATE TRIGGER proposal_fts_ad AFTER DELETE ON proposal BEGIN
	INSERT INTO proposal_fts(proposal_fts, rowid, title, abstract,
	    description) VALUES ('delete', old.id, old.title,
	    coalesce(old.abstract, ''), coalesce(old.description, ''));
END;
CREATE TRIGGER proposal_fts_au AFTER UPDATE OF title, abstract, description
    ON proposal BEGIN
	INSERT INTO proposal_fts(proposal_fts, rowid, title, abstract,
	    description) VALUES ('delete', old.id, old.title,
	    coalesce(old.abstract, ''), coalesce(old.description, ''));
	INSERT INTO proposal_fts(rowid, title, abstract, description)
	VALUES (new.id, new.title, coalesce(new.abstract, ''),
	    coalesce(new.description, ''));
END;
