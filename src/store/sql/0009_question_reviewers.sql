-- SPDX-License-Identifier: AGPL-3.0-or-later
-- 0009_question_reviewers.sql: whether reviewers see the answers to an
-- organiser's question (the event file's cfp.questions[].reviewers,
-- true if absent) beside the proposal they review.  Questions saved
-- before it default to shown, as pretalx does.

ALTER TABLE cfp_question ADD COLUMN reviewers INTEGER NOT NULL DEFAULT 1
    CHECK (reviewers IN (0, 1));
