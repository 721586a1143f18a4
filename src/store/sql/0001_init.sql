-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0001_init.sql: the first schema.  Every table of DESIGN.md's data list
-- exists from here on, even those later features fill.  Migrations are
-- forward only: never edit a migration that has shipped; add the next one.

CREATE TABLE event (
	id            INTEGER PRIMARY KEY,
	slug          TEXT NOT NULL UNIQUE,
	start_date    TEXT NOT NULL,
	end_date      TEXT NOT NULL,
	timezone      TEXT NOT NULL,
	venue_city    TEXT,
	venue_country TEXT NOT NULL,
	languages     TEXT NOT NULL,           -- "es,en,pt", in the file's order
	default_lang  TEXT NOT NULL,
	licence       TEXT NOT NULL DEFAULT 'CC-BY-4.0',
	url           TEXT,
	cfp_opens     TEXT,                    -- local "YYYY-MM-DDTHH:MM"
	cfp_closes    TEXT,
	synthetic     INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE event_i18n (
	event_id   INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	lang       TEXT NOT NULL,
	name       TEXT NOT NULL,
	tagline    TEXT,
	venue_name TEXT,
	PRIMARY KEY (event_id, lang)
);

CREATE TABLE theme (
	id       INTEGER PRIMARY KEY,
	event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	key      TEXT NOT NULL,
	position INTEGER NOT NULL,
	color    TEXT,
	UNIQUE (event_id, key)
);

CREATE TABLE theme_i18n (
	theme_id    INTEGER NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
	lang        TEXT NOT NULL,
	name        TEXT NOT NULL,
	description TEXT,
	PRIMARY KEY (theme_id, lang)
);

CREATE TABLE subtopic (
	id       INTEGER PRIMARY KEY,
	theme_id INTEGER NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
	key      TEXT NOT NULL,
	position INTEGER NOT NULL,
	UNIQUE (theme_id, key)
);

CREATE TABLE subtopic_i18n (
	subtopic_id INTEGER NOT NULL REFERENCES subtopic(id) ON DELETE CASCADE,
	lang        TEXT NOT NULL,
	name        TEXT NOT NULL,
	PRIMARY KEY (subtopic_id, lang)
);

CREATE TABLE format (
	id           INTEGER PRIMARY KEY,
	event_id     INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	key          TEXT NOT NULL,
	position     INTEGER NOT NULL,
	duration_min INTEGER NOT NULL CHECK (duration_min > 0),
	min_speakers INTEGER NOT NULL CHECK (min_speakers >= 0),
	max_speakers INTEGER NOT NULL CHECK (max_speakers >= min_speakers),
	shares_slot  INTEGER NOT NULL DEFAULT 0 CHECK (shares_slot IN (0, 1)),
	UNIQUE (event_id, key)
);

CREATE TABLE format_i18n (
	format_id   INTEGER NOT NULL REFERENCES format(id) ON DELETE CASCADE,
	lang        TEXT NOT NULL,
	name        TEXT NOT NULL,
	description TEXT,
	PRIMARY KEY (format_id, lang)
);

CREATE TABLE room (
	id                   INTEGER PRIMARY KEY,
	event_id             INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	key                  TEXT NOT NULL,
	position             INTEGER NOT NULL,
	capacity             INTEGER NOT NULL CHECK (capacity > 0),
	interpretation_booth INTEGER NOT NULL DEFAULT 0,
	step_free            INTEGER NOT NULL DEFAULT 0,
	UNIQUE (event_id, key)
);

CREATE TABLE room_i18n (
	room_id INTEGER NOT NULL REFERENCES room(id) ON DELETE CASCADE,
	lang    TEXT NOT NULL,
	name    TEXT NOT NULL,
	PRIMARY KEY (room_id, lang)
);

CREATE TABLE day (
	id       INTEGER PRIMARY KEY,
	event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	date     TEXT NOT NULL,
	UNIQUE (event_id, date)
);

CREATE TABLE slot (
	id        INTEGER PRIMARY KEY,
	day_id    INTEGER NOT NULL REFERENCES day(id) ON DELETE CASCADE,
	position  INTEGER NOT NULL,
	start_min INTEGER NOT NULL,
	end_min   INTEGER NOT NULL CHECK (end_min > start_min),
	kind      TEXT NOT NULL CHECK (kind IN ('session', 'plenary', 'break'))
);

CREATE TABLE slot_i18n (
	slot_id INTEGER NOT NULL REFERENCES slot(id) ON DELETE CASCADE,
	lang    TEXT NOT NULL,
	label   TEXT NOT NULL,
	PRIMARY KEY (slot_id, lang)
);

CREATE TABLE person (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL,
	email        TEXT UNIQUE,
	organisation TEXT,
	sector       TEXT NOT NULL DEFAULT 'other' CHECK (sector IN
	    ('government', 'legislature', 'judiciary', 'civil-society',
	     'academia', 'private', 'multilateral', 'other')),
	country      TEXT,
	gender       TEXT,                      -- self-described, optional
	languages    TEXT,                      -- "es,pt"
	bio          TEXT,                      -- Markdown
	synthetic    INTEGER NOT NULL DEFAULT 0,
	created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE account (
	id            INTEGER PRIMARY KEY,
	person_id     INTEGER NOT NULL UNIQUE REFERENCES person(id) ON DELETE CASCADE,
	email         TEXT NOT NULL UNIQUE,
	password_hash TEXT,                     -- argon2id string from libsodium
	is_admin      INTEGER NOT NULL DEFAULT 0,
	confirmed_at  TEXT,
	created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE account_role (
	account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
	event_id   INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	role       TEXT NOT NULL CHECK (role IN
	    ('organiser', 'reviewer', 'speaker', 'participant')),
	PRIMARY KEY (account_id, event_id, role)
);

CREATE TABLE proposal (
	id                   INTEGER PRIMARY KEY,
	event_id             INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	format_id            INTEGER NOT NULL REFERENCES format(id),
	title                TEXT NOT NULL,
	abstract             TEXT,
	description          TEXT,
	language             TEXT NOT NULL,
	needs_interpretation INTEGER NOT NULL DEFAULT 0,
	status               TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
	    ('draft', 'submitted', 'accepted', 'rejected', 'waitlisted',
	     'withdrawn', 'confirmed')),
	synthetic            INTEGER NOT NULL DEFAULT 0,
	submitted_at         TEXT,
	created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX proposal_event ON proposal(event_id, status);

CREATE TABLE proposal_theme (
	proposal_id INTEGER NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
	theme_id    INTEGER NOT NULL REFERENCES theme(id),
	is_main     INTEGER NOT NULL DEFAULT 0,
	source      TEXT NOT NULL DEFAULT 'author' CHECK (source IN
	    ('author', 'classifier', 'organiser')),
	PRIMARY KEY (proposal_id, theme_id)
);
CREATE INDEX proposal_theme_theme ON proposal_theme(theme_id);

CREATE TABLE proposal_speaker (
	proposal_id INTEGER NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
	person_id   INTEGER NOT NULL REFERENCES person(id),
	position    INTEGER NOT NULL,
	status      TEXT NOT NULL DEFAULT 'accepted' CHECK (status IN
	    ('invited', 'accepted', 'declined')),
	PRIMARY KEY (proposal_id, person_id)
);
CREATE INDEX proposal_speaker_person ON proposal_speaker(person_id);

CREATE TABLE review_assignment (
	id          INTEGER PRIMARY KEY,
	proposal_id INTEGER NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
	reviewer_id INTEGER NOT NULL REFERENCES person(id),
	created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	UNIQUE (proposal_id, reviewer_id)
);

CREATE TABLE review (
	id                INTEGER PRIMARY KEY,
	proposal_id       INTEGER NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
	reviewer_id       INTEGER NOT NULL REFERENCES person(id),
	score             REAL,
	confidence        INTEGER CHECK (confidence BETWEEN 1 AND 5),
	comment_committee TEXT,
	comment_proposer  TEXT,
	conflict          INTEGER NOT NULL DEFAULT 0,
	status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
	    ('draft', 'submitted')),
	version           INTEGER NOT NULL DEFAULT 1,
	updated_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	UNIQUE (proposal_id, reviewer_id)
);

CREATE TABLE decision (
	id          INTEGER PRIMARY KEY,
	proposal_id INTEGER NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
	decision    TEXT NOT NULL CHECK (decision IN
	    ('accept', 'reject', 'waitlist')),
	decided_by  INTEGER REFERENCES person(id),
	note        TEXT,
	decided_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE session (
	id          INTEGER PRIMARY KEY,
	event_id    INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	proposal_id INTEGER REFERENCES proposal(id) ON DELETE SET NULL,
	room_id     INTEGER REFERENCES room(id),
	starts_at   TEXT,                       -- local "YYYY-MM-DDTHH:MM"
	ends_at     TEXT,
	locked      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX session_event ON session(event_id, starts_at);

CREATE TABLE availability (
	person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
	event_id  INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	starts_at TEXT NOT NULL,
	ends_at   TEXT NOT NULL,
	available INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE registration (
	id         INTEGER PRIMARY KEY,
	event_id   INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
	needs      TEXT,                        -- accessibility, interpretation
	synthetic  INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	UNIQUE (event_id, person_id)
);

CREATE TABLE interest (
	registration_id INTEGER NOT NULL REFERENCES registration(id) ON DELETE CASCADE,
	session_id      INTEGER REFERENCES session(id) ON DELETE CASCADE,
	theme_id        INTEGER REFERENCES theme(id) ON DELETE CASCADE,
	weight          REAL NOT NULL DEFAULT 1,
	CHECK ((session_id IS NULL) != (theme_id IS NULL))
);
CREATE UNIQUE INDEX interest_session ON interest(registration_id, session_id)
    WHERE session_id IS NOT NULL;
CREATE UNIQUE INDEX interest_theme ON interest(registration_id, theme_id)
    WHERE theme_id IS NOT NULL;

CREATE TABLE audit_log (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
	actor_id  INTEGER REFERENCES person(id) ON DELETE SET NULL,
	event_id  INTEGER REFERENCES event(id) ON DELETE CASCADE,
	entity    TEXT NOT NULL,
	entity_id INTEGER,
	action    TEXT NOT NULL,
	detail    TEXT                          -- JSON
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
