/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * timetable_mip.h: the timetable model of timetable.h as a mixed-integer
 * program solved by GLPK, the exact peer of the local search on small
 * instances (and its LP relaxation as a bound).  Binary x[i,r,u] places
 * item i in room r from unit u (only where it may start and the room
 * meets its needs); each item once; each cell at most once; each speaker
 * at most once per unit; y[p,u] >= (wanted items running at u) - 1.
 * Linear soft costs: attendance, capacity, preferences, moves.
 *
 * Supported: long items only, theme weights zero (the pairwise theme
 * costs are not linear).  Otherwise TT_MIP_UNSUPPORTED.
 */
#ifndef CABILDO_TIMETABLE_MIP_H
#define CABILDO_TIMETABLE_MIP_H

#include <stdbool.h>
#include <stdint.h>

#include "solve/timetable.h"

enum tt_mip_err {
	TT_MIP_OK = 0,     /* optimal */
	TT_MIP_TIME_LIMIT, /* stopped: *obj is the incumbent, if any */
	TT_MIP_INFEASIBLE,
	TT_MIP_UNSUPPORTED,
	TT_MIP_TOO_BIG, /* more than TT_MIP_MAX_VARS variables */
	TT_MIP_ERROR,
	TT_MIP__MAX
};

#define TT_MIP_MAX_VARS 200000

struct tt_mip_result {
	int64_t obj;  /* weighted soft cost of the incumbent, or -1 */
	double bound; /* best bound GLPK proved (LP at the root at least) */
	double lp;    /* LP relaxation at the root */
	double seconds;
	int vars;
	int rows;
};

const char *tt_mip_strerror(enum tt_mip_err err);

/* Solves in; with a != NULL (tt_assign_init'ed) stores the incumbent. */
enum tt_mip_err timetable_mip(const struct tt_instance *in, double time_limit,
    struct tt_assign *a, struct tt_mip_result *out);

#endif
