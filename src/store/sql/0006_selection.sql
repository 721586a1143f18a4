-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0006_selection.sql: balanced selection and decisions (issue 6, parts 4
-- and 5).  The organiser's quotas per event, each selection run (a
-- proposal of an accepted set, not a decision, until confirmed), pins,
-- proposals merged into one joint session, the decision history (the
-- 0001 `decision` table, extended) and the speakers' confirmations.

-- The organiser's quotas; 0 switches a quota off.  capacity is in
-- room-slots (0: every room in every session slot of the grid).
CREATE TABLE selection_settings (
	event_id        INTEGER PRIMARY KEY REFERENCES event(id) ON DELETE CASCADE,
	min_women       REAL NOT NULL DEFAULT 0 CHECK (min_women BETWEEN 0 AND 1),
	min_mixed       REAL NOT NULL DEFAULT 0 CHECK (min_mixed BETWEEN 0 AND 1),
	min_countries   INTEGER NOT NULL DEFAULT 0 CHECK (min_countries >= 0),
	max_per_org     INTEGER NOT NULL DEFAULT 0 CHECK (max_per_org >= 0),
	max_per_speaker INTEGER NOT NULL DEFAULT 0 CHECK (max_per_speaker >= 0),
	capacity        INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
	waitlist        INTEGER NOT NULL DEFAULT 10 CHECK (waitlist >= 0),
	updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Per-theme and per-format bounds: max -1 means none.
CREATE TABLE selection_quota (
	event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	kind     TEXT NOT NULL CHECK (kind IN ('theme', 'format')),
	key      TEXT NOT NULL,
	min      INTEGER NOT NULL DEFAULT 0 CHECK (min >= 0),
	max      INTEGER NOT NULL DEFAULT -1 CHECK (max >= -1),
	PRIMARY KEY (event_id, kind, key)
);

-- Organisers' pins, honoured by every run until removed.
CREATE TABLE selection_pin (
	proposal_id INTEGER PRIMARY KEY REFERENCES proposal(id) ON DELETE CASCADE,
	pin         TEXT NOT NULL CHECK (pin IN ('accept', 'reject'))
);

CREATE TABLE selection_run (
	id          INTEGER PRIMARY KEY,
	event_id    INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	created_by  INTEGER REFERENCES person(id) ON DELETE SET NULL,
	created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	status      TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN
	    ('proposed', 'confirmed', 'discarded')),
	objective   REAL,
	glpk_status TEXT NOT NULL,                -- "optimal", "feasible"...
	gap         REAL NOT NULL DEFAULT 0,
	seconds     REAL NOT NULL DEFAULT 0,
	quotas      TEXT NOT NULL DEFAULT '[]',   -- JSON: name, value, bound, binds
	binding     TEXT NOT NULL DEFAULT '',     -- names of the binding quotas
	settings    TEXT                          -- JSON copy of the settings used
);
CREATE INDEX selection_run_event ON selection_run(event_id, id);

CREATE TABLE selection_run_item (
	run_id      INTEGER NOT NULL REFERENCES selection_run(id) ON DELETE CASCADE,
	proposal_id INTEGER NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
	accepted    INTEGER NOT NULL CHECK (accepted IN (0, 1)),
	score       REAL NOT NULL,                -- normalised (mean z-score)
	rank        INTEGER NOT NULL,             -- 1 = best score
	PRIMARY KEY (run_id, proposal_id)
);

-- Proposals turned into one joint session: the absorbed ones point at
-- the session that carries on; their speakers join it.
ALTER TABLE proposal ADD COLUMN merged_into INTEGER
    REFERENCES proposal(id) ON DELETE SET NULL;

-- The decision history: the newest row per proposal is in force.
-- rank orders the waitlist; notified_at is set once its mail is queued.
ALTER TABLE decision ADD COLUMN run_id INTEGER
    REFERENCES selection_run(id) ON DELETE SET NULL;
ALTER TABLE decision ADD COLUMN rank INTEGER;
ALTER TABLE decision ADD COLUMN notified_at TEXT;
CREATE INDEX decision_proposal ON decision(proposal_id, id);

-- A speaker's answer to an accepted proposal.
CREATE TABLE speaker_confirmation (
	proposal_id INTEGER NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
	person_id   INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
	answer      TEXT NOT NULL CHECK (answer IN ('confirm', 'decline')),
	answered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	PRIMARY KEY (proposal_id, person_id)
);
