/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * timetable.h: the timetable optimiser.  Pure: an instance (items, rooms,
 * time units, speakers, participants' interests) in, an assignment of each
 * item to a room and a start unit out.  No SQL, no HTTP; store/ builds the
 * instance from the database, bench/ from public schedules.
 *
 * Model.  Time is a sorted list of units (a unit is an event slot, or a
 * grid step of a few minutes); a cell is (room, unit).  A "long" item
 * starting at unit u fills the fewest consecutive, contiguous units of one
 * room that cover its minutes (span; 0 where it cannot start).  A
 * "shared" item (a lightning talk) takes minutes inside one cell that no
 * long item occupies; several share a cell in order of `order`.
 *
 * Hard constraints: every item placed; one long item per cell and no
 * long and shared items together; a cell's shared minutes within its
 * length; no speaker in two items of one unit; speakers' availability;
 * the room meets the item's needs; fixed placements kept.  Soft costs,
 * each weighted and reported separately: missed attendance (per
 * participant and unit, wanted items beyond the first; wanted shared
 * items in one cell count once), audience over capacity (seats), pairs of
 * same-theme long items in parallel (per unit), rooms a theme uses, speaker
 * time preferences, and items moved from a published placement.
 *
 * Ownership: struct tt_instance is filled by the caller with arrays it
 * owns; timetable_* functions never free them.  struct tt_assign and
 * struct tt_report own their arrays (tt_assign_release, tt_report_release).
 */
#ifndef CABILDO_TIMETABLE_H
#define CABILDO_TIMETABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Room features an item may need. */
enum tt_need {
	TT_NEED_BOOTH = 1 << 0,     /* interpretation booth */
	TT_NEED_STEP_FREE = 1 << 1, /* step-free access */
};

struct tt_unit {
	int day;       /* units of one day are contiguous only within it */
	int start_min; /* minutes after midnight */
	int len_min;
};

struct tt_room {
	int capacity;
	unsigned features; /* enum tt_need bits the room offers */
	const char *name;  /* for reports; may be NULL */
};

struct tt_item {
	const char *name;    /* for reports; may be NULL */
	int minutes;         /* > 0 */
	bool shared;         /* packs with others into one cell */
	unsigned needs;      /* enum tt_need bits */
	int theme;           /* 0..nthemes-1, or -1 */
	int audience;        /* expected audience, seats */
	const int *speakers; /* person ids, 0..npersons-1 */
	int nspeakers;
	int fixed_room; /* fixed placement, or -1 */
	int fixed_unit;
	int pub_room; /* published placement (re-optimising), or -1 */
	int pub_unit;
};

struct tt_person {
	const char *name; /* for reports; may be NULL */
	/* nunits entries or NULL: false where the person cannot be. */
	const bool *available;
	/* nunits entries or NULL: cost of speaking in that unit. */
	const int *pref_cost;
};

/* Participant p wants items want[want_off[p] .. want_off[p+1]-1]. */
struct tt_weights {
	int64_t attend;     /* per participant-unit of missed attendance */
	int64_t capacity;   /* per seat over capacity */
	int64_t theme_par;  /* per pair of same-theme items in parallel */
	int64_t theme_room; /* per room a theme uses */
	int64_t pref;       /* per unit of speaker preference cost */
	int64_t moved;      /* per item moved from its published place */
};

struct tt_instance {
	const struct tt_unit *units;
	int nunits;
	const struct tt_room *rooms;
	int nrooms;
	/* nrooms * nunits entries or NULL: false where a room is closed. */
	const bool *cell_open;
	const struct tt_item *items;
	int nitems;
	const struct tt_person *persons;
	int npersons;
	int nthemes;
	int nparticipants;
	const int *want_off; /* nparticipants + 1 entries */
	const int *want;     /* item ids, each participant's sorted, unique */
	struct tt_weights w;
};

/* Weights used when the caller has no opinion. */
extern const struct tt_weights tt_default_weights;

/* One item's placement: room -1 when unplaced. */
struct tt_place {
	int room;
	int unit;
	int order; /* position among the shared items of its cell */
};

struct tt_assign {
	struct tt_place *place; /* nitems entries */
	int nitems;
};

void tt_assign_init(struct tt_assign *a, int nitems); /* all unplaced */
void tt_assign_release(struct tt_assign *a);
void tt_assign_copy(struct tt_assign *dst, const struct tt_assign *src);

enum tt_cost_kind {
	/* hard */
	TT_UNPLACED,
	TT_ROOM_CLASH, /* two items in one cell (or overflowing it) */
	TT_SPEAKER_CLASH,
	TT_UNAVAILABLE, /* a speaker unavailable, a room closed */
	TT_NEEDS,       /* the room lacks a need */
	TT_FIXED,       /* a fixed placement not kept */
	TT_BAD_START,   /* the item does not fit where it starts */
	/* soft */
	TT_ATTEND,
	TT_CAPACITY,
	TT_THEME_PARALLEL,
	TT_THEME_ROOMS,
	TT_PREF,
	TT_MOVED,
	TT_COST__MAX
};
#define TT_HARD__MAX TT_ATTEND

/* "unplaced", "speaker-clash", "attendance"... */
const char *tt_cost_name(enum tt_cost_kind k);

struct tt_cost {
	int64_t count[TT_COST__MAX]; /* raw: items, pairs, seats, ... */
	int64_t hard;                /* sum of the hard counts */
	int64_t soft;                /* weighted sum of the soft counts */
};

/* Weighted objective: hard violations dominate. */
#define TT_HARD_WEIGHT INT64_C(1000000000)
int64_t tt_cost_objective(const struct tt_cost *c);

/*
 * Evaluates a from scratch (any assignment, even with clashes).  The
 * solver's incremental evaluation must always agree with this.
 */
void timetable_evaluate(const struct tt_instance *in, const struct tt_assign *a,
    struct tt_cost *out);

/* One violated constraint or soft cost, as `timetable check` lists it. */
struct tt_issue {
	enum tt_cost_kind kind;
	int item;       /* or -1 */
	int item2;      /* the other item of a clash, or -1 */
	int person;     /* speaker or participant, or -1 */
	int theme;      /* or -1 */
	int room;       /* or -1 */
	int unit;       /* or -1 */
	int64_t amount; /* raw count this issue contributes */
};

struct tt_report {
	struct tt_issue *issues;
	size_t n;
	size_t cap;
	struct tt_cost cost;
};

/* Lists every issue of a, in a stable order (hard first). */
void timetable_check(const struct tt_instance *in, const struct tt_assign *a,
    struct tt_report *out);
void tt_report_release(struct tt_report *r);

/*
 * Checks what makes the instance infeasible before any search: items that
 * fit no room or no start (needs, availability, duration), fixed
 * placements that break a constraint, more long-item units than cells.
 * Appends issues to out (zero-initialised by the caller); returns true
 * when none was found.  Not finding one does not prove feasibility.
 */
bool timetable_diagnose(const struct tt_instance *in, struct tt_report *out);

/*
 * Units item i fills when it starts at u (contiguous, same day, speakers
 * available), or 0 when it cannot start there.
 */
int timetable_span(const struct tt_instance *in, int i, int u);

/* True when room r meets item i's needs. */
bool timetable_room_ok(const struct tt_instance *in, int i, int r);

/* A combinatorial lower bound on the weighted soft cost. */
int64_t timetable_lower_bound(const struct tt_instance *in);

struct tt_progress {
	double elapsed;
	int64_t hard;      /* of the best so far */
	int64_t objective; /* weighted soft cost of the best so far */
	int64_t bound;
	uint64_t moves; /* evaluated so far, all threads */
};

struct tt_opts {
	uint64_t seed;
	double time_limit; /* seconds, <= 0: none */
	uint64_t
	    max_moves; /* per thread, 0: none; one of the two must be set */
	int threads;   /* 1 or 2 (0: 1) */
	/* Late-acceptance list length; 0: one entry per 3,000 moves a thread
	 * makes (from max_moves, else from the rate measured early in the
	 * time limit), at least 200. */
	unsigned history;
	bool keep_fixed_start; /* start from the given assignment */
	/* Stop once a timetable with no hard violation costs <= target
	 * (0, the default, stops only at a zero cost). */
	int64_t target;
	/* Called about once a second from the calling thread; may be NULL. */
	void (*progress)(void *arg, const struct tt_progress *p);
	void *progress_arg;
};

struct tt_stats {
	uint64_t moves;     /* drawn, all threads (some find no move) */
	uint64_t evaluated; /* moves whose cost change was computed */
	uint64_t accepted;  /* moves kept */
	double seconds;
	int64_t initial; /* objective of the greedy start */
	int64_t bound;   /* timetable_lower_bound */
	bool hit_time_limit;
	bool hit_target;
	int best_thread;
};

/*
 * Solves in into a (tt_assign_init'ed for in->nitems; with
 * keep_fixed_start its placements are the starting point, else a greedy
 * start is built).  Fixed items stay where they are fixed.  For a seed
 * and max_moves the result is the same on every run and machine as long
 * as the time limit is not hit (stats->hit_time_limit).  Returns the cost
 * of the result in *cost; cost->hard > 0 means a partial timetable.
 */
void timetable_solve(const struct tt_instance *in, const struct tt_opts *opts,
    struct tt_assign *a, struct tt_cost *cost, struct tt_stats *stats);

/*
 * The solver's incremental state, exposed for the property test that
 * compares it with timetable_evaluate after random moves.
 */
struct tt_state;
struct tt_state *tt_state_new(
    const struct tt_instance *in, const struct tt_assign *a);
/* Tries a random move; keeps it; returns the new objective. */
int64_t tt_state_random_move(struct tt_state *s, uint64_t *rng_state);
int64_t tt_state_objective(const struct tt_state *s);
/* Moves whose read-only cost change differed from the applied one. */
uint64_t tt_state_delta_mismatches(const struct tt_state *s);
void tt_state_assign(const struct tt_state *s, struct tt_assign *out);
void tt_state_free(struct tt_state *s);

#endif
