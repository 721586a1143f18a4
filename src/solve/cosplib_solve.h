/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cosplib_solve.h: a local-search solver for CoSPLib instances under the
 * checker's objective (COSPLIB_PROFILE_CHECKER; lower is better).  Pure:
 * an instance in, a solution out; no I/O besides reading the clock.
 *
 * A greedy start fills each track's submissions into the cheapest free
 * (session, room) cells; then late-acceptance hill climbing applies five
 * moves (swap two cells, move a submission, swap two submissions of a
 * track, reorder inside a cell, repack a track in its wanted order into
 * its cells plus possibly one empty cell), each costed by re-evaluating
 * only the sessions and tracks it touches.  After `stall` moves without a
 * new best it restarts from the best, alternating between the strict list
 * update (an entry only falls, which converges fast) and the classic one
 * (an entry takes the current cost, which lets the search drift).  For a
 * given seed the sequence of moves is fixed: two runs that stop after the
 * same number of iterations give the same solution; max_iters makes a run
 * reproducible on any machine.
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

/* The moves of the local search, for cosplib_solve_opts.moves. */
enum cosplib_move {
	COSPLIB_MOVE_SWAP_CELLS = 1 << 0, /* exchange two cells' contents */
	COSPLIB_MOVE_SUB = 1 << 1,        /* a submission to another cell */
	COSPLIB_MOVE_SWAP_SUBS = 1 << 2,  /* two submissions of a track */
	COSPLIB_MOVE_REORDER = 1 << 3,    /* two places inside a cell */
	COSPLIB_MOVE_REPACK = 1 << 4,     /* a track in its wanted order */
	COSPLIB_MOVE_ALL = (1 << 5) - 1
};

struct cosplib_solve_opts {
	uint64_t seed;
	double time_limit;  /* seconds; <= 0 means no limit */
	uint64_t max_iters; /* 0 means no limit; one of the two must be set */
	unsigned history;   /* late-acceptance list length, 0 for default */
	unsigned moves;     /* enum cosplib_move mask, 0 for all */
	uint64_t stall;     /* moves without a new best before a restart
			       from the best, 0 for default (250000) */
};

struct cosplib_solve_stats {
	uint64_t iters;
	uint64_t accepted;
	uint64_t restarts;
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
