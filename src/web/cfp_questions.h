/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cfp_questions.h: the organiser's own questions (core/question.h) on the
 * proposal form, on the organiser's proposal page and in the exports.
 * Each question is the form field "q-<id>": a textarea, or a fieldset of
 * radio buttons or checkboxes with a legend.  Answers are personal: only
 * the proposer and the organisers see them, and the proposal's reviewers
 * those to questions the organisers mark for them; no public page calls
 * these.
 */
#ifndef CABILDO_CFP_QUESTIONS_H
#define CABILDO_CFP_QUESTIONS_H

#include <stdbool.h>

#include "core/event.h"
#include "store/store_proposal.h"
#include "util/buf.h"
#include "web/fields.h"
#include "web/web.h"

/* Field names "q-<id>", which field errors point to: keep it alive as
 * long as the struct field_errors. */
struct cfp_qnames {
	char name[QUESTIONS_MAX][QUESTION_ID_MAX + 3];
};

/*
 * Reads the answers from req->form into p, one per question of the event
 * ("" for unanswered ones and for questions not asked for p->format), and
 * checks them: full when submitting (required answers), always the
 * options.  Errors go beside each question's field.
 */
void cfp_questions_read(struct request *req, const struct event *ev,
    struct cfp_proposal *p, bool full, struct field_errors *e,
    struct cfp_qnames *names);

/* The questions as form controls, filled from p's answers. */
void cfp_questions_form(struct request *req, struct buf *b,
    const struct event *ev, const struct cfp_proposal *p,
    const struct field_errors *e);

/* Appends ,"q:<id>" to an audit "changed" list for every answer of p that
 * differs from old's (every answered one when old is NULL); *n counts the
 * list's entries. */
void cfp_questions_changed(const struct cfp_proposal *old,
    const struct cfp_proposal *p, struct buf *out, size_t *n);

/* The answers as a <section> of <dl> facts, for the organisers; answers to
 * questions since removed from the event are shown by id.  Nothing when
 * there are neither questions nor answers. */
void cfp_questions_facts(struct request *req, struct buf *b,
    const struct event *ev, const struct cfp_proposal *p);

/* For a reviewer of a proposal of that format: the answers (rows, any
 * order, of that one proposal) to the questions marked "reviewers": true
 * that apply to the format, as cfp_questions_facts; unanswered ones as
 * "—".  Nothing when no such question exists. */
void cfp_questions_reviewer_facts(struct request *req, struct buf *b,
    const struct event *ev, const char *format,
    const struct cfp_answer_row *rows, size_t n);

/*
 * The answer columns of an export: the event's question ids in order, then
 * the ids of questions since removed that rows still answer, sorted.  The
 * strings point into ev and rows; free(*ids) only.
 */
void cfp_questions_columns(const struct event *ev,
    const struct cfp_answer_row *rows, size_t n, const char ***ids,
    size_t *nids);

/* The value rows (sorted by proposal) hold for (proposal, id), or NULL;
 * *from is where to start looking and moves on: call it with proposals in
 * increasing order. */
const char *cfp_answer_lookup(const struct cfp_answer_row *rows, size_t n,
    size_t *from, int64_t proposal, const char *id);

#endif
