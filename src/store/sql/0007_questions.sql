-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0007_questions.sql: the organiser's own questions in the call for
-- proposals (the event file's cfp.questions) and the proposers' answers.
-- Definitions are replaced each time the event file is loaded; answers
-- are keyed by the question's stable id, not by a row of cfp_question, so
-- an answer outlives its question being removed from the file: the data
-- a proposer gave is never lost by editing the event.

CREATE TABLE cfp_question (
	id         INTEGER PRIMARY KEY,
	event_id   INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
	qid        TEXT NOT NULL,          -- the stable id from the event file
	position   INTEGER NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('text', 'choice', 'yesno')),
	required   INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
	multiple   INTEGER NOT NULL DEFAULT 0 CHECK (multiple IN (0, 1)),
	max_length INTEGER NOT NULL DEFAULT 2000 CHECK (max_length > 0),
	formats    TEXT,                   -- "panel,workshop"; NULL: every one
	UNIQUE (event_id, qid)
);

CREATE TABLE cfp_question_i18n (
	question_id INTEGER NOT NULL REFERENCES cfp_question(id)
	    ON DELETE CASCADE,
	lang        TEXT NOT NULL,
	label       TEXT NOT NULL,
	help        TEXT,
	PRIMARY KEY (question_id, lang)
);

CREATE TABLE cfp_question_option (
	question_id INTEGER NOT NULL REFERENCES cfp_question(id)
	    ON DELETE CASCADE,
	position    INTEGER NOT NULL,
	key         TEXT NOT NULL,
	lang        TEXT NOT NULL,
	label       TEXT NOT NULL,
	PRIMARY KEY (question_id, key, lang)
);

-- One answer per proposal and question id: text, "yes"/"no", or the
-- chosen option keys joined by ','.  Unanswered questions have no row.
CREATE TABLE proposal_answer (
	proposal_id INTEGER NOT NULL REFERENCES proposal(id) ON DELETE CASCADE,
	question    TEXT NOT NULL,
	value       TEXT NOT NULL CHECK (value <> ''),
	updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	PRIMARY KEY (proposal_id, question)
) WITHOUT ROWID;
