/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_timetable.c: the timetable model and solver on hand-made instances
 * with a known optimum, infeasible instances (diagnosed, partial result
 * marked), determinism for a seed, and the property that the solver's
 * incremental evaluation equals a full re-evaluation after random moves.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "solve/timetable.h"
#include "solve/timetable_mip.h"
#include "util/rng.h"
#include "util/util.h"

/* A small builder over static-size arrays. */
#define MAXN 128

struct inst {
	struct tt_instance in;
	struct tt_unit units[MAXN];
	struct tt_room rooms[MAXN];
	struct tt_item items[MAXN];
	struct tt_person persons[MAXN];
	int spk[MAXN][4];
	int want_off[MAXN + 1];
	int want[MAXN * 8];
	bool avail[MAXN][MAXN];
	int pref[MAXN][MAXN];
};

static void
inst_init(struct inst *x, int nunits, int unit_len, int nrooms, int nitems,
    int minutes)
{
	int i;

	memset(x, 0, sizeof(*x));
	for (i = 0; i < nunits; i++)
		x->units[i] =
		    (struct tt_unit){ 0, 540 + i * unit_len, unit_len };
	for (i = 0; i < nrooms; i++)
		x->rooms[i] = (struct tt_room){ 100,
			TT_NEED_BOOTH | TT_NEED_STEP_FREE, NULL };
	for (i = 0; i < nitems; i++) {
		x->items[i] = (struct tt_item){ NULL, minutes, false, 0, -1, 10,
			x->spk[i], 0, -1, -1, -1, -1 };
	}
	for (i = 0; i < MAXN; i++) {
		x->persons[i] = (struct tt_person){ NULL, NULL, NULL };
		memset(x->avail[i], 1, sizeof(x->avail[i]));
	}
	x->in.units = x->units;
	x->in.nunits = nunits;
	x->in.rooms = x->rooms;
	x->in.nrooms = nrooms;
	x->in.items = x->items;
	x->in.nitems = nitems;
	x->in.persons = x->persons;
	x->in.npersons = MAXN;
	x->in.want_off = x->want_off;
	x->in.want = x->want;
	x->in.w = tt_default_weights;
}

static void
speaker(struct inst *x, int item, int person)
{
	x->spk[item][x->items[item].nspeakers++] = person;
}

/* Participant wants the items of a -1-terminated list (sorted). */
static void
wants(struct inst *x, const int *items)
{
	int p = x->in.nparticipants++, n = x->want_off[p];

	for (; *items >= 0; items++)
		x->want[n++] = *items;
	x->want_off[p + 1] = n;
}

static struct tt_opts
opts(uint64_t seed, uint64_t moves)
{
	struct tt_opts o;

	memset(&o, 0, sizeof(o));
	o.seed = seed;
	o.max_moves = moves;
	o.threads = 1;
	return o;
}

Test(timetable, known_optimum_no_clash)
{
	static struct inst x;
	struct tt_assign a;
	struct tt_cost c;
	struct tt_opts o = opts(1, 20000);
	struct tt_stats st;

	/* 4 items, 2 rooms, 2 units; each participant wants a pair: the
	 * only clash-free timetables put {0,1} and {2,3} apart. */
	inst_init(&x, 2, 60, 2, 4, 60);
	wants(&x, (int[]){ 0, 2, -1 });
	wants(&x, (int[]){ 1, 3, -1 });
	wants(&x, (int[]){ 0, 3, -1 });
	wants(&x, (int[]){ 1, 2, -1 });
	tt_assign_init(&a, 4);
	timetable_solve(&x.in, &o, &a, &c, &st);
	cr_assert_eq(c.hard, 0);
	cr_assert_eq(c.count[TT_ATTEND], 0);
	cr_assert_eq(a.place[0].unit, a.place[1].unit);
	cr_assert_eq(a.place[2].unit, a.place[3].unit);
	cr_assert_neq(a.place[0].unit, a.place[2].unit);
	cr_assert_leq(st.bound, c.soft);
	tt_assign_release(&a);
}

Test(timetable, speakers_capacity_and_needs)
{
	static struct inst x;
	struct tt_assign a;
	struct tt_cost c;
	struct tt_opts o = opts(3, 50000);

	/* One booth room (small), one big room; item 0 needs the booth;
	 * items 0 and 1 share a speaker; item 2 has 150 people. */
	inst_init(&x, 2, 90, 2, 3, 90);
	x.rooms[0] = (struct tt_room){ 50, TT_NEED_BOOTH, NULL };
	x.rooms[1] = (struct tt_room){ 200, 0, NULL };
	x.items[0].needs = TT_NEED_BOOTH;
	x.items[2].audience = 150;
	speaker(&x, 0, 7);
	speaker(&x, 1, 7);
	tt_assign_init(&a, 3);
	timetable_solve(&x.in, &o, &a, &c, NULL);
	cr_assert_eq(c.hard, 0);
	cr_assert_eq(a.place[0].room, 0);
	cr_assert_eq(a.place[2].room, 1);
	cr_assert_neq(a.place[0].unit, a.place[1].unit);
	cr_assert_eq(c.count[TT_CAPACITY], 0);
	tt_assign_release(&a);
}

Test(timetable, lightning_talks_share_a_cell)
{
	static struct inst x;
	struct tt_assign a;
	struct tt_cost c;
	struct tt_opts o = opts(5, 50000);
	int i;

	/* 6 ten-minute talks, 1 room, 1 hour, everyone wants them all:
	 * one cell holds all six, and wanting them costs nothing. */
	inst_init(&x, 1, 60, 1, 6, 10);
	for (i = 0; i < 6; i++)
		x.items[i].shared = true;
	wants(&x, (int[]){ 0, 1, 2, 3, 4, 5, -1 });
	tt_assign_init(&a, 6);
	timetable_solve(&x.in, &o, &a, &c, NULL);
	cr_assert_eq(c.hard, 0);
	cr_assert_eq(c.count[TT_ATTEND], 0);
	for (i = 0; i < 6; i++)
		cr_assert_eq(a.place[i].order, i);
	tt_assign_release(&a);
}

Test(timetable, long_item_spans_contiguous_units)
{
	static struct inst x;
	struct tt_assign a;
	struct tt_cost c;
	struct tt_opts o = opts(2, 20000);

	/* 30-minute units; a 90-minute item needs 3 contiguous ones. */
	inst_init(&x, 4, 30, 1, 2, 90);
	x.items[1].minutes = 30;
	tt_assign_init(&a, 2);
	timetable_solve(&x.in, &o, &a, &c, NULL);
	cr_assert_eq(c.hard, 0);
	cr_assert(a.place[0].unit == 0 || a.place[0].unit == 1);
	cr_assert_eq(a.place[1].unit, a.place[0].unit == 0 ? 3 : 0);
	tt_assign_release(&a);
}

Test(timetable, more_items_than_cells_is_partial_and_marked)
{
	static struct inst x;
	struct tt_assign a;
	struct tt_cost c;
	struct tt_report rep;
	struct tt_opts o = opts(1, 10000);
	size_t k;
	bool found = false;

	inst_init(&x, 2, 60, 1, 3, 60);
	memset(&rep, 0, sizeof(rep));
	cr_assert_not(timetable_diagnose(&x.in, &rep));
	for (k = 0; k < rep.n; k++)
		found |= rep.issues[k].kind == TT_UNPLACED &&
		    rep.issues[k].amount == 1;
	cr_assert(found);
	tt_report_release(&rep);
	tt_assign_init(&a, 3);
	timetable_solve(&x.in, &o, &a, &c, NULL);
	cr_assert_eq(c.count[TT_UNPLACED], 1);
	cr_assert_eq(c.hard, 1);
	timetable_check(&x.in, &a, &rep);
	cr_assert_eq(rep.issues[0].kind, TT_UNPLACED);
	cr_assert_geq(rep.issues[0].item, 0);
	tt_report_release(&rep);
	tt_assign_release(&a);
}

Test(timetable, speaker_without_availability_is_named)
{
	static struct inst x;
	struct tt_report rep;
	struct tt_assign a;
	struct tt_cost c;
	struct tt_opts o = opts(1, 1000);

	inst_init(&x, 2, 60, 2, 2, 60);
	speaker(&x, 1, 4);
	x.avail[4][0] = x.avail[4][1] = false;
	x.persons[4].available = x.avail[4];
	memset(&rep, 0, sizeof(rep));
	cr_assert_not(timetable_diagnose(&x.in, &rep));
	cr_assert_eq(rep.n, 1);
	cr_assert_eq(rep.issues[0].kind, TT_UNAVAILABLE);
	cr_assert_eq(rep.issues[0].item, 1);
	cr_assert_eq(rep.issues[0].person, 4);
	tt_report_release(&rep);
	tt_assign_init(&a, 2);
	timetable_solve(&x.in, &o, &a, &c, NULL);
	cr_assert_eq(a.place[1].room, -1);
	cr_assert_geq(a.place[0].room, 0);
	tt_assign_release(&a);
}

Test(timetable, unmet_need_is_named)
{
	static struct inst x;
	struct tt_report rep;

	inst_init(&x, 2, 60, 2, 2, 60);
	x.rooms[0].features = x.rooms[1].features = 0;
	x.items[0].needs = TT_NEED_STEP_FREE;
	memset(&rep, 0, sizeof(rep));
	cr_assert_not(timetable_diagnose(&x.in, &rep));
	cr_assert_eq(rep.n, 1);
	cr_assert_eq(rep.issues[0].kind, TT_NEEDS);
	cr_assert_eq(rep.issues[0].item, 0);
	tt_report_release(&rep);
}

Test(timetable, fixed_placement_kept_and_check_reports_moves)
{
	static struct inst x;
	struct tt_assign a;
	struct tt_cost c;
	struct tt_report rep;
	struct tt_opts o = opts(1, 20000);

	inst_init(&x, 3, 60, 2, 4, 60);
	x.items[2].fixed_room = 1;
	x.items[2].fixed_unit = 2;
	tt_assign_init(&a, 4);
	timetable_solve(&x.in, &o, &a, &c, NULL);
	cr_assert_eq(a.place[2].room, 1);
	cr_assert_eq(a.place[2].unit, 2);
	cr_assert_eq(c.hard, 0);
	/* Move the fixed item and double-book a cell: both reported. */
	a.place[2].unit = 0;
	a.place[0] = a.place[1];
	memset(&rep, 0, sizeof(rep));
	timetable_check(&x.in, &a, &rep);
	cr_assert_geq(rep.cost.count[TT_FIXED], 1);
	cr_assert_geq(rep.cost.count[TT_ROOM_CLASH], 1);
	tt_report_release(&rep);
	tt_assign_release(&a);
}

/* A random instance with every feature: multi-unit items, shared items,
 * needs, availability, preferences, themes, fixed and published items. */
static void
random_instance_units(struct inst *x, uint64_t seed, int U)
{
	struct rng r;
	int i, p, R = 4, N = 40, n = 0;

	rng_seed(&r, seed);
	inst_init(x, U, 30, R, N, 30);
	x->units[5].day = 1; /* a day break in the middle */
	for (i = 0; i < R; i++)
		x->rooms[i] = (struct tt_room){ 20 + 30 * i,
			(unsigned)rng_below(&r, 4), NULL };
	x->in.nthemes = 3;
	x->in.npersons = 20;
	for (i = 0; i < 20; i++) {
		int u;

		for (u = 0; u < U; u++) {
			x->avail[i][u] = rng_below(&r, 10) != 0;
			x->pref[i][u] = (int)rng_below(&r, 3);
		}
		x->persons[i].available = i % 3 == 0 ? x->avail[i] : NULL;
		x->persons[i].pref_cost = i % 2 == 0 ? x->pref[i] : NULL;
	}
	for (i = 0; i < N; i++) {
		struct tt_item *it = &x->items[i];

		it->shared = i % 4 == 0;
		it->minutes =
		    it->shared ? 10 : 30 * (1 + (int)rng_below(&r, 2));
		it->needs = rng_below(&r, 5) == 0 ? TT_NEED_BOOTH : 0;
		it->theme = (int)rng_below(&r, 4) - 1;
		it->audience = (int)rng_below(&r, 120);
		speaker(x, i, (int)rng_below(&r, 20));
		if (rng_below(&r, 3) == 0)
			speaker(x, i, (int)rng_below(&r, 20));
		if (x->spk[i][0] == x->spk[i][it->nspeakers - 1] &&
		    it->nspeakers == 2)
			it->nspeakers = 1;
		if (rng_below(&r, 4) == 0) {
			it->pub_room = (int)rng_below(&r, R);
			it->pub_unit = (int)rng_below(&r, U);
		}
	}
	x->items[1].fixed_room = 0;
	x->items[1].fixed_unit = 3;
	x->items[1].needs = 0;
	x->items[1].nspeakers = 0;
	for (p = 0; p < 30; p++) {
		int k = 0, last = -1;

		x->want_off[p] = n;
		for (i = 0; i < N && k < 8; i++)
			if (rng_below(&r, 6) == 0 && i > last) {
				x->want[n++] = i;
				last = i;
				k++;
			}
	}
	x->want_off[30] = n;
	x->in.nparticipants = 30;
}

static void
random_instance(struct inst *x, uint64_t seed)
{
	random_instance_units(x, seed, 10);
}

Test(timetable, incremental_equals_full_after_random_moves)
{
	static struct inst x;
	uint64_t seed;

	for (seed = 1; seed <= 8; seed++) {
		struct tt_assign a;
		struct tt_cost c;
		struct tt_state *s;
		uint64_t rs = seed * 77;
		int k;

		/* Seeds 6 to 8: 120 units, so bitsets span two words. */
		random_instance_units(&x, seed, seed > 5 ? 120 : 10);
		tt_assign_init(&a, x.in.nitems);
		s = tt_state_new(&x.in, &a);
		timetable_evaluate(&x.in, &a, &c);
		for (k = 0; k < 3000; k++) {
			int64_t obj = tt_state_random_move(s, &rs);

			if (k % 7 != 0)
				continue;
			tt_state_assign(s, &a);
			timetable_evaluate(&x.in, &a, &c);
			cr_assert_eq(obj, tt_cost_objective(&c),
			    "seed %llu move %d: incremental %lld, full %lld",
			    (unsigned long long)seed, k, (long long)obj,
			    (long long)tt_cost_objective(&c));
		}
		cr_assert_eq(tt_state_delta_mismatches(s), 0);
		tt_state_free(s);
		tt_assign_release(&a);
	}
}

/*
 * A nearly full grid of 5-minute units (128: three bitset words, items
 * crossing the word boundaries), items of 2 to 12 units, shared speakers
 * and popular items: after the greedy start almost every move is a swap,
 * evaluated read-only.  After every move the incremental objective must
 * equal a full re-evaluation, and every predicted change the applied one.
 */
Test(timetable, incremental_equals_full_on_a_full_fine_grid)
{
	static struct inst x;
	uint64_t seed;

	for (seed = 1; seed <= 3; seed++) {
		struct rng r;
		struct tt_assign a;
		struct tt_cost c;
		struct tt_opts o = opts(seed, 1);
		struct tt_state *s;
		uint64_t rs = seed * 1013;
		int i, p, k, n = 0, U = 128, R = 3, N = 46, changed = 0;
		int64_t last_obj = -1;

		rng_seed(&r, seed + 100);
		inst_init(&x, U, 5, R, N, 30);
		for (i = 100; i < U; i++)
			x.units[i].day = 1;
		x.in.nthemes = 5;
		x.in.npersons = 40;
		for (i = 0; i < R; i++)
			x.rooms[i].capacity = 30 + 40 * i;
		for (i = 0; i < N; i++) {
			struct tt_item *it = &x.items[i];

			it->minutes = 10 + 5 * (int)rng_below(&r, 11);
			it->theme = (int)rng_below(&r, 6) - 1;
			it->audience = (int)rng_below(&r, 150);
			speaker(&x, i, (int)rng_below(&r, 40));
			if (rng_below(&r, 3) == 0 &&
			    x.spk[i][0] != (int)(i % 40))
				speaker(&x, i, i % 40);
		}
		for (p = 0; p < MAXN; p++) {
			int last = -1;

			x.want_off[p] = n;
			for (i = 0; i < N && n - x.want_off[p] < 8; i++)
				if (rng_below(&r, (uint64_t)(2 + i / 4)) == 0 &&
				    i > last) {
					x.want[n++] = i;
					last = i;
				}
		}
		x.want_off[MAXN] = n;
		x.in.nparticipants = MAXN;
		tt_assign_init(&a, N);
		timetable_solve(&x.in, &o, &a, &c, NULL);
		cr_assert_leq(c.count[TT_UNPLACED], 2,
		    "seed %llu: %lld unplaced", (unsigned long long)seed,
		    (long long)c.count[TT_UNPLACED]);
		s = tt_state_new(&x.in, &a);
		for (k = 0; k < 20000; k++) {
			int64_t obj = tt_state_random_move(s, &rs);

			changed += obj != last_obj;
			last_obj = obj;
			if (k % 5 != 0)
				continue;
			tt_state_assign(s, &a);
			timetable_evaluate(&x.in, &a, &c);
			cr_assert_eq(obj, tt_cost_objective(&c),
			    "seed %llu move %d: incremental %lld, full %lld",
			    (unsigned long long)seed, k, (long long)obj,
			    (long long)tt_cost_objective(&c));
		}
		cr_assert_eq(tt_state_delta_mismatches(s), 0);
		cr_assert_gt(changed, 1000,
		    "seed %llu: only %d moves changed "
		    "the cost",
		    (unsigned long long)seed, changed);
		tt_state_free(s);
		tt_assign_release(&a);
	}
}

/*
 * Records wider than a cache line and spans wider than one 64-unit
 * window: 300 units of 5 minutes over two days (each participant's
 * bitsets take 38 bytes, so records of 128 bytes), items of 30 to 75
 * units (a span over 57 units needs two windows; many straddle one).
 * Every move's predicted change must equal the applied one, and the
 * incremental objective a full re-evaluation, through swaps, moves to
 * free places and applied moves alike.
 */
Test(timetable, incremental_equals_full_with_wide_records_and_long_spans)
{
	enum { U = 300, R = 3, N = 18, P = 60, S = 12 };
	struct tt_unit *units = xcalloc(U, sizeof(*units));
	struct tt_room rooms[R];
	struct tt_item items[N];
	struct tt_person persons[S];
	int spk[N][2], want_off[P + 1], want[P * 6];
	struct tt_instance in;
	uint64_t seed;
	int i;

	for (i = 0; i < U; i++)
		units[i] =
		    (struct tt_unit){ i < 150 ? 0 : 1, 480 + (i % 150) * 5, 5 };
	for (i = 0; i < R; i++)
		rooms[i] = (struct tt_room){ 20 + 25 * i, 0, NULL };
	for (i = 0; i < S; i++)
		persons[i] = (struct tt_person){ NULL, NULL, NULL };
	for (seed = 1; seed <= 3; seed++) {
		struct rng r;
		struct tt_assign a;
		struct tt_cost c;
		struct tt_opts o;
		struct tt_state *s;
		uint64_t rs = seed * 31;
		int p, k, n = 0, changed = 0, long_ones = 0;
		int64_t last = -1;

		rng_seed(&r, seed + 500);
		for (i = 0; i < N; i++) {
			items[i] = (struct tt_item){ NULL,
				5 * (30 + (int)rng_below(&r, 46)), false, 0,
				(int)rng_below(&r, 4) - 1,
				(int)rng_below(&r, 90), spk[i], 1, -1, -1, -1,
				-1 };
			spk[i][0] = (int)rng_below(&r, S);
			if (rng_below(&r, 3) == 0 && spk[i][0] != i % S) {
				spk[i][1] = i % S;
				items[i].nspeakers = 2;
			}
			long_ones += items[i].minutes > 57 * 5;
		}
		for (p = 0; p < P; p++) {
			int last_i = -1;

			want_off[p] = n;
			for (i = 0; i < N && n - want_off[p] < 6; i++)
				if (rng_below(&r, 3) == 0 && i > last_i) {
					want[n++] = i;
					last_i = i;
				}
		}
		want_off[P] = n;
		memset(&in, 0, sizeof(in));
		in.units = units;
		in.nunits = U;
		in.rooms = rooms;
		in.nrooms = R;
		in.items = items;
		in.nitems = N;
		in.persons = persons;
		in.npersons = S;
		in.nthemes = 3;
		in.nparticipants = P;
		in.want_off = want_off;
		in.want = want;
		in.w = tt_default_weights;
		cr_assert_geq(long_ones, 3, "seed %llu: too few long items",
		    (unsigned long long)seed);
		memset(&o, 0, sizeof(o));
		o.seed = seed;
		o.max_moves = 200;
		o.threads = 1;
		tt_assign_init(&a, N);
		timetable_solve(&in, &o, &a, &c, NULL);
		s = tt_state_new(&in, &a);
		for (k = 0; k < 6000; k++) {
			int64_t obj = tt_state_random_move(s, &rs);

			changed += obj != last;
			last = obj;
			if (k % 3 != 0)
				continue;
			tt_state_assign(s, &a);
			timetable_evaluate(&in, &a, &c);
			cr_assert_eq(obj, tt_cost_objective(&c),
			    "seed %llu move %d: incremental %lld, full %lld",
			    (unsigned long long)seed, k, (long long)obj,
			    (long long)tt_cost_objective(&c));
		}
		cr_assert_eq(tt_state_delta_mismatches(s), 0);
		cr_assert_gt(changed, 300, "seed %llu: only %d moves changed",
		    (unsigned long long)seed, changed);
		tt_state_free(s);
		tt_assign_release(&a);
	}
	free(units);
}

Test(timetable, same_seed_same_result_two_threads)
{
	static struct inst x;
	struct tt_assign a, b;
	struct tt_cost ca, cb;
	struct tt_opts o = opts(42, 30000);
	struct tt_stats st;
	int i;

	random_instance(&x, 9);
	o.threads = 2;
	tt_assign_init(&a, x.in.nitems);
	tt_assign_init(&b, x.in.nitems);
	timetable_solve(&x.in, &o, &a, &ca, &st);
	timetable_solve(&x.in, &o, &b, &cb, NULL);
	cr_assert_eq(tt_cost_objective(&ca), tt_cost_objective(&cb));
	for (i = 0; i < x.in.nitems; i++) {
		cr_assert_eq(a.place[i].room, b.place[i].room);
		cr_assert_eq(a.place[i].unit, b.place[i].unit);
	}
	cr_assert_eq(a.place[1].room, 0);
	cr_assert_eq(a.place[1].unit, 3);
	cr_assert_leq(st.bound, ca.soft);
	cr_assert_leq(tt_cost_objective(&ca), st.initial);
	tt_assign_release(&a);
	tt_assign_release(&b);
}

Test(timetable, glpk_mip_agrees_on_a_small_instance)
{
	static struct inst x;
	struct tt_assign a, m;
	struct tt_cost c, cm;
	struct tt_mip_result mr;
	struct tt_opts o = opts(4, 50000);

	/* 6 items in 2 rooms x 3 units; a booth item; shared speaker;
	 * participants wanting pairs; capacity pressure. */
	inst_init(&x, 3, 60, 2, 6, 60);
	x.in.w.theme_par = x.in.w.theme_room = 0;
	x.rooms[0] = (struct tt_room){ 30, TT_NEED_BOOTH, NULL };
	x.rooms[1] = (struct tt_room){ 80, 0, NULL };
	x.items[0].needs = TT_NEED_BOOTH;
	x.items[1].audience = 70;
	x.items[2].audience = 60;
	speaker(&x, 3, 1);
	speaker(&x, 4, 1);
	wants(&x, (int[]){ 0, 1, 2, -1 });
	wants(&x, (int[]){ 1, 2, 5, -1 });
	wants(&x, (int[]){ 3, 5, -1 });
	wants(&x, (int[]){ 0, 4, 5, -1 });
	tt_assign_init(&m, 6);
	cr_assert_eq(timetable_mip(&x.in, 30, &m, &mr), TT_MIP_OK);
	timetable_evaluate(&x.in, &m, &cm);
	cr_assert_eq(cm.hard, 0);
	cr_assert_eq(cm.soft, mr.obj);
	cr_assert_leq(timetable_lower_bound(&x.in), mr.obj);
	tt_assign_init(&a, 6);
	timetable_solve(&x.in, &o, &a, &c, NULL);
	cr_assert_eq(c.hard, 0);
	cr_assert_eq(c.soft, mr.obj, "ours %lld, GLPK %lld", (long long)c.soft,
	    (long long)mr.obj);
	tt_assign_release(&a);
	tt_assign_release(&m);
}

Test(timetable, glpk_mip_refuses_shared_items)
{
	static struct inst x;
	struct tt_mip_result mr;

	inst_init(&x, 1, 60, 1, 2, 10);
	x.items[0].shared = true;
	cr_assert_eq(timetable_mip(&x.in, 1, NULL, &mr), TT_MIP_UNSUPPORTED);
}
