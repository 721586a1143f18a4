/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_question.h: answers to the organiser's questions (cfp.questions)
 * beyond those store_proposal.h loads with a proposal or an export: one
 * proposal's answers for the reviewers' view, and the demo's answers.
 * The questions themselves are saved and loaded with the event (store.h).
 *
 * Ownership: rows returned belong to the caller (cfp_answer_rows_free).
 */
#ifndef CABILDO_STORE_QUESTION_H
#define CABILDO_STORE_QUESTION_H

#include <stddef.h>
#include <stdint.h>

#include "core/demo.h"
#include "core/event.h"
#include "store/store.h"
#include "store/store_proposal.h"
#include "util/buf.h"

/* Every stored answer of proposal in event_id, by question id (also to
 * questions since removed: callers filter by the event's questions).  A
 * proposal of another event has none.  Access is the caller's check. */
enum store_err store_question_answers(struct store *st, int64_t event_id,
    int64_t proposal, struct cfp_answer_row **out, size_t *n);

/* Saves demo_answers(ev, pop, seed) for the proposals that
 * store_population_replace just saved, in one transaction; an event
 * without questions gets none.  On error *msg says why. */
enum store_err store_demo_answers(struct store *st, const struct event *ev,
    const struct population *pop, uint64_t seed, struct buf *msg);

#endif
