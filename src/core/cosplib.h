/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cosplib.h: the CoSPLib conference-scheduling problem (Kheiri, Pylyavskyy,
 * Jacko, EJOR 2024) as plain data: an instance and a solution grid.  The
 * reader lives in formats/cosplib.c, the evaluator and the solver in
 * solve/; both depend on these types, never on each other.
 *
 * An instance is one struct cosplib: flat arrays indexed by dense ids
 * (sessions, rooms, tracks, submissions in file order), penalty matrices
 * row-major, and the conflict lists that CoSPLib's checker derives from
 * presenters, attendees and chairs.  The struct owns everything in it;
 * cosplib_release frees it.
 */
#ifndef CABILDO_CORE_COSPLIB_H
#define CABILDO_CORE_COSPLIB_H

#include <stddef.h>
#include <stdint.h>

/* The weights of the parameters sheet, in its row order. */
enum cosplib_weight {
	COSPLIB_W_TRACKS_SESSIONS,
	COSPLIB_W_TRACKS_ROOMS,
	COSPLIB_W_SESSIONS_ROOMS,
	COSPLIB_W_SIMILAR_TRACKS,
	COSPLIB_W_ROOMS_PER_TRACK,
	COSPLIB_W_PARALLEL_TRACKS,
	COSPLIB_W_CONSECUTIVE_TRACKS,
	COSPLIB_W_SUB_TIMEZONES,
	COSPLIB_W_SUB_ORDER,
	COSPLIB_W_SUB_SESSIONS,
	COSPLIB_W_SUB_ROOMS,
	COSPLIB_W_PRESENTERS,
	COSPLIB_W_ATTENDEES,
	COSPLIB_W_CHAIRS,
	COSPLIB_W_PRESENTERS_TS,
	COSPLIB_W_ATTENDEES_TS,
	COSPLIB_W__MAX
};

/* Caps on what an instance may declare (input bounded before allocation). */
#define COSPLIB_MAX_ITEMS 4096 /* sessions, rooms, tracks each */
#define COSPLIB_MAX_SUBS  20000
#define COSPLIB_MAX_SLOTS 1000   /* timeslots of one session */
#define COSPLIB_MAX_CELLS 200000 /* sessions x rooms x slots */
#define COSPLIB_MAX_FILE  ((size_t)16 << 20)

struct cosplib {
	size_t nsession, nroom, ntrack, nsub;

	char **session_name;
	int *slots;     /* max timeslots of each session */
	int *start_min; /* start and end, minutes since local midnight */
	int *end_min;
	size_t *cell_off; /* session s, room r, slot k is slot index
			     cell_off[s] + r * slots[s] + k */
	size_t nslot;     /* total slots over all cells */

	char **room_name;

	char **track_name;
	size_t
	    *track_sub_off; /* subs of track t: track_sub[off[t]..off[t+1]) */
	int *track_sub;

	char **sub_name;
	int *sub_track;
	int *sub_req;    /* required timeslots, >= 1 */
	int *sub_order;  /* wanted position in its track, 0 for any */
	int *sub_tz_min; /* time zone offset from UTC, minutes */

	int64_t weight[COSPLIB_W__MAX];
	int64_t tz_small, tz_big; /* less suitable, unsuitable */
	int tz_local_min;
	int suit_from, suit_to, less_from, less_to; /* minutes */

	/* Penalty matrices, unweighted, as in the sheets. */
	int64_t *ts_pen; /* [track * nsession + session] */
	int64_t *tr_pen; /* [track * nroom + room] */
	int64_t *sr_pen; /* [session * nroom + room] */
	int64_t *tt_pen; /* [track * ntrack + track], symmetric */
	int64_t *xs_pen; /* [sub * nsession + session] */
	int64_t *xr_pen; /* [sub * nroom + room] */
	int64_t *tz_pen; /* [sub * nsession + session], tz_small/tz_big/0 */

	/* Conflicts, sorted without duplicates (CSR). */
	size_t *pconf_off; /* presenters: subs sharing a presenter, or a
			      presenter who chairs the other's track */
	int *pconf;
	size_t *aconf_off; /* attendees vs attendees, presenters, chairs */
	int *aconf;
	size_t *cconf_off; /* tracks sharing a chair */
	int *cconf;
};

/* A solution: one track per (session, room) cell, one sub per slot. */
struct cosplib_sol {
	int *track; /* [session * nroom + room], -1 when empty */
	int *slot;  /* [slot index, see cell_off], -1 when empty */
};

/* Empty instance, no allocation. */
void cosplib_init(struct cosplib *c);
void cosplib_release(struct cosplib *c);

/* Index of a name, or -1. */
int cosplib_track_index(const struct cosplib *c, const char *name);
int cosplib_sub_index(const struct cosplib *c, const char *name);

/* Allocates an empty solution for c (all cells and slots -1). */
void cosplib_sol_init(struct cosplib_sol *sol, const struct cosplib *c);
void cosplib_sol_release(struct cosplib_sol *sol);
void cosplib_sol_copy(struct cosplib_sol *dst, const struct cosplib_sol *src,
    const struct cosplib *c);

#endif
