-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0005_review.sql: reviewing (issue 6).  The event's review form and
-- assignment settings, reviewers' profiles per event, declared
-- collaborators, conflicts of interest, and one score per criterion.
-- review_assignment and review (0001) stay as they are: review.score is
-- the weighted mean of the criteria scores on the 1..5 scale, and the
-- selection reads the rows whose status is 'submitted'.

ALTER TABLE event ADD COLUMN review_deadline TEXT;   -- local "YYYY-MM-DDTHH:MM"
ALTER TABLE event ADD COLUMN review_blind INTEGER NOT NULL DEFAULT 0
    CHECK (review_blind IN (0, 1));
ALTER TABLE event ADD COLUMN review_per_proposal INTEGER NOT NULL DEFAULT 3
    CHECK (review_per_proposal > 0);
ALTER TABLE event ADD COLUMN review_max_load INTEGER NOT NULL DEFAULT 35
    CHECK (review_max_load > 0);

CREATE TABLE review_criterion (
	id       INTEGER PRIMARY KEY,
	event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	key      TEXT NOT NULL,
	position INTEGER NOT NULL,
	weight   REAL NOT NULL CHECK (weight > 0),
	UNIQUE (event_id, key)
);

CREATE TABLE review_criterion_i18n (
	criterion_id INTEGER NOT NULL REFERENCES review_criterion(id)
	    ON DELETE CASCADE,
	lang         TEXT NOT NULL,
	name         TEXT NOT NULL,
	description  TEXT,
	PRIMARY KEY (criterion_id, lang)
);

-- A reviewer of an event is an account with the 'reviewer' role there;
-- this row holds what they told us (or the organiser set) about them.
CREATE TABLE reviewer (
	event_id   INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
	languages  TEXT,                  -- "es,pt"; NULL: the person's
	max_load   INTEGER CHECK (max_load IS NULL OR max_load >= 0),
	status     TEXT NOT NULL DEFAULT 'invited' CHECK (status IN
	    ('invited', 'accepted')),
	synthetic  INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	PRIMARY KEY (event_id, person_id)
);

CREATE TABLE reviewer_theme (
	event_id  INTEGER NOT NULL,
	person_id INTEGER NOT NULL,
	theme_id  INTEGER NOT NULL REFERENCES theme(id) ON DELETE CASCADE,
	level     TEXT NOT NULL CHECK (level IN ('main', 'secondary')),
	PRIMARY KEY (event_id, person_id, theme_id),
	FOREIGN KEY (event_id, person_id) REFERENCES reviewer(event_id, person_id)
	    ON DELETE CASCADE
);

-- People a reviewer works with, by e-mail address: matched against the
-- speakers' addresses, also of proposals sent after the declaration.
CREATE TABLE reviewer_collaborator (
	event_id  INTEGER NOT NULL,
	person_id INTEGER NOT NULL,
	email     TEXT NOT NULL,
	PRIMARY KEY (event_id, person_id, email),
	FOREIGN KEY (event_id, person_id) REFERENCES reviewer(event_id, person_id)
	    ON DELETE CASCADE
);

-- Conflicts of interest.  'auto' rows are recomputed from the speakers,
-- organisations and collaborators; 'reviewer' and 'organiser' rows are
-- declared by hand and kept.  A conflicted reviewer is never assigned the
-- proposal and never sees it.
CREATE TABLE review_conflict (
	id          INTEGER PRIMARY KEY,
	proposal_id INTEGER NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
	reviewer_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
	source      TEXT NOT NULL CHECK (source IN
	    ('auto', 'reviewer', 'organiser')),
	reason      TEXT NOT NULL,
	created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	UNIQUE (proposal_id, reviewer_id, source)
);
CREATE INDEX review_conflict_reviewer ON review_conflict(reviewer_id);

CREATE TABLE review_score (
	review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
	criterion TEXT NOT NULL,          -- review_criterion.key
	score     INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
	PRIMARY KEY (review_id, criterion)
);

CREATE INDEX review_assignment_reviewer ON review_assignment(reviewer_id);
CREATE INDEX review_reviewer ON review(reviewer_id, status);
