/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cosplib_eval.h: CoSPLib's objective, term by term (pure: an instance and
 * a solution in, numbers out).
 *
 * COSPLIB_PROFILE_CHECKER is the objective of CoSPLib's checker
 * (Solver/Solver_Checker_v1.1.py and its Solution/Problem classes): every
 * weighted term of the parameters sheet plus the unweighted structural
 * penalty for multi-timeslot submissions split across cells or timeslots.
 * Its one known deviation: the checker keys timeslot-level conflicts by the
 * decimal concatenation of session and timeslot numbers, which merges keys
 * when a session has more than 10 timeslots and there are more than 10
 * sessions (no shared instance does); here keys never merge.
 *
 * COSPLIB_PROFILE_PUBLISHED reproduces the values printed in the published
 * reference solutions (solutions/<Model>_<I>Solution__violations.csv),
 * which an older revision of the tool wrote: only the twelve terms of that
 * sheet, consecutive tracks at 10 per track whatever the weight, similar
 * tracks at the weight per pair (not times the matrix value), and no
 * parallel-track, order or timeslot-level terms.
 */
#ifndef CABILDO_COSPLIB_EVAL_H
#define CABILDO_COSPLIB_EVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/cosplib.h"

/* Terms: the weights of enum cosplib_weight, then the structural one. */
enum cosplib_term {
	COSPLIB_T_EXTENDED = COSPLIB_W__MAX, /* split multi-slot submissions */
	COSPLIB_T__MAX
};

enum cosplib_profile {
	COSPLIB_PROFILE_CHECKER,
	COSPLIB_PROFILE_PUBLISHED,
	COSPLIB_PROFILE__MAX
};

struct cosplib_eval {
	int64_t term[COSPLIB_T__MAX]; /* weighted */
	int64_t total;
	bool complete; /* every submission placed, in its number of slots */
	bool valid;    /* every submission sits in a cell of its track */
};

void cosplib_evaluate(const struct cosplib *c, const struct cosplib_sol *sol,
    enum cosplib_profile profile, struct cosplib_eval *out);

/* Short name of term t ("tracks_sessions", ..., "extended"). */
const char *cosplib_term_name(int t);

#endif
