-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0004_timetable.sql: the timetable optimiser.  Sessions get their order
-- inside a shared block (lightning talks); each `cabildo schedule` run is
-- kept as a timetable version (its placements and costs) so organisers
-- can publish, compare and revert; speakers may state time preferences.

ALTER TABLE session ADD COLUMN position INTEGER NOT NULL DEFAULT 0;

CREATE TABLE timetable_version (
	id         INTEGER PRIMARY KEY,
	event_id   INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	origin     TEXT NOT NULL DEFAULT 'optimiser' CHECK (origin IN
	    ('optimiser', 'editor', 'import')),
	seed       INTEGER,
	hard       INTEGER NOT NULL DEFAULT 0,   -- hard violations
	soft       INTEGER NOT NULL DEFAULT 0,   -- weighted soft cost
	bound      INTEGER,                      -- lower bound on soft
	costs      TEXT,                         -- JSON: {"attendance": n, ...}
	published  INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1))
);
CREATE INDEX timetable_version_event ON timetable_version(event_id, id);

CREATE TABLE timetable_version_session (
	version_id INTEGER NOT NULL
	    REFERENCES timetable_version(id) ON DELETE CASCADE,
	session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
	room_id    INTEGER REFERENCES room(id) ON DELETE SET NULL,
	starts_at  TEXT,
	ends_at    TEXT,
	position   INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (version_id, session_id)
);

-- A speaker's cost for speaking in a window (0 = indifferent).
CREATE TABLE speaker_preference (
	person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
	event_id  INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	starts_at TEXT NOT NULL,                 -- local "YYYY-MM-DDTHH:MM"
	ends_at   TEXT NOT NULL,
	cost      INTEGER NOT NULL CHECK (cost >= 0)
);
CREATE INDEX speaker_preference_event ON speaker_preference(event_id);
