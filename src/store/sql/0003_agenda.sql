-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0003_agenda.sql: the published agenda.  Sessions can stand alone (an
-- imported programme has no proposals): they get their own title, texts,
-- theme (a frab track), type, language and speakers, and a stable GUID for
-- the open-data exports.  For sessions made from a proposal these stay
-- NULL and the proposal's values are used.

ALTER TABLE session ADD COLUMN guid TEXT;          -- lowercase UUID
ALTER TABLE session ADD COLUMN ext_id INTEGER;     -- id in the source file
ALTER TABLE session ADD COLUMN day TEXT;           -- conference day
ALTER TABLE session ADD COLUMN title TEXT;
ALTER TABLE session ADD COLUMN subtitle TEXT;
ALTER TABLE session ADD COLUMN abstract TEXT;
ALTER TABLE session ADD COLUMN description TEXT;
ALTER TABLE session ADD COLUMN theme_id INTEGER
    REFERENCES theme(id) ON DELETE SET NULL;
ALTER TABLE session ADD COLUMN type TEXT;          -- frab <type>
ALTER TABLE session ADD COLUMN language TEXT;      -- "en", "de"...
ALTER TABLE session ADD COLUMN url TEXT;
CREATE UNIQUE INDEX session_guid ON session(event_id, guid)
    WHERE guid IS NOT NULL;

-- Speakers of sessions without a proposal (imported programmes).
CREATE TABLE session_person (
	session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
	person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	PRIMARY KEY (session_id, person_id)
);
CREATE INDEX session_person_person ON session_person(person_id);

-- The id a person had in an imported file, kept for re-export.
ALTER TABLE person ADD COLUMN ext_id INTEGER;

-- Imported rooms have no known capacity; the CHECK needs a positive one.
ALTER TABLE room ADD COLUMN capacity_known INTEGER NOT NULL DEFAULT 1;

-- Programme-level settings of an imported schedule.
ALTER TABLE event ADD COLUMN day_change INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event ADD COLUMN timeslot INTEGER NOT NULL DEFAULT 5;

-- Private calendar feeds: /{event}/me/{token}.ics lists a participant's
-- starred sessions; revoking sets revoked_at and the URL answers 404.
CREATE TABLE calendar_token (
	token           TEXT PRIMARY KEY,
	registration_id INTEGER NOT NULL
	    REFERENCES registration(id) ON DELETE CASCADE,
	created_at      TEXT NOT NULL
	    DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	revoked_at      TEXT
) WITHOUT ROWID;
CREATE INDEX calendar_token_registration ON calendar_token(registration_id);
CREATE INDEX interest_session_id ON interest(session_id)
    WHERE session_id IS NOT NULL;
