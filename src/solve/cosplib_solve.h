/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cosplib_solve.h: a local-search solver for CoSPLib instances under the
 * checker's objective (COSPLIB_PROFILE_CHECKER; lower is better).  Pure:
 * an instance in, a solution out; no I/O besides reading the clock.
 *
 * A greedy start fills each track's submissions into the cheapest free
 * (session, room) cells; then late-acceptance hill climbing applies four
 * moves (swap two cells, move a submission, swap two submissions of a
 * track, reorder inside a cell), each costed by re-evaluating only the
 * sessions and tracks it touches.  For a given seed the sequence of moves
 * is fixed: two runs that stop after the same number of iterations give
 * the same solution; max_iters makes a run reproducible on any machine.
 */
#ifndef CABILDO_COSPLIB_SOLVE_H
#define CABILDO_COSPLIB_SOLVE_H

#include <stdint.h>

#include "core/cosplib.h"

enum cosplib_solve_err {
	COSPLIB_SOLVE_OK = 0,
	COSPLIB_SOLVE_INFEASIBLE, /* some submission fits in no cell */
	COSPLIB_SOLVE_ERR__MAX
};

struct cosplib_solve_opts {
	uint64_t seed;
	double time_limit;  /* seconds; <= 0 means no limit */
	uint64_t max_iters; /* 0 means no limit; one of the two must be set */
	unsigned history;   /* late-acceptance list length, 0 for default */
};

struct cosplib_solve_stats {
	uint64_t iters;
	uint64_t accepted;
	int64_t initial; /* objective of the greedy start */
	int64_t best;    /* objective of the returned solution */
	double seconds;
	double best_at; /* seconds into the run when best was found */
};

/*
 * Solves c into out (cosplib_sol_init'ed for c).  On COSPLIB_SOLVE_INFEASIBLE
 * out holds the partial greedy placement (some submissions missing).
 */
enum cosplib_solve_err cosplib_solve(const struct cosplib *c,
    const struct cosplib_solve_opts *opts, struct cosplib_sol *out,
    struct cosplib_solve_stats *stats);

const char *cosplib_solve_strerror(enum cosplib_solve_err err);

#endif
