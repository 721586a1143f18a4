/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_cosplib.c: the CoSPLib reader, evaluator and solver.  The evaluator
 * is checked against every published reference solution in
 * tests/fixtures/cosplib: each term total of its violations sheet and its
 * objective.  Two published Exact Model files predate a change of their
 * instance data (OR60F and OR60F2 now charge 1000 for one session-room
 * cell those solutions use; OR60F's printed objective also exceeds the sum
 * of its own terms by 21): those differences are asserted exactly, so any
 * other drift fails.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "formats/cosplib.h"
#include "formats/csv.h"
#include "solve/cosplib_eval.h"
#include "solve/cosplib_solve.h"
#include "util/util.h"

#ifndef COSPLIB_FIXTURES
#define COSPLIB_FIXTURES "tests/fixtures/cosplib"
#endif

/* Violations sheet columns and the term each one totals. */
static const struct {
	const char *col;
	int term;
} vcol[] = {
	{ "Evaluate Tracks|Sessions", COSPLIB_W_TRACKS_SESSIONS },
	{ "Evaluate Tracks|Rooms", COSPLIB_W_TRACKS_ROOMS },
	{ "Evaluate Sessions|Rooms", COSPLIB_W_SESSIONS_ROOMS },
	{ "Evaluate Submissions|Timezones", COSPLIB_W_SUB_TIMEZONES },
	{ "Evaluate Submissions|Sessions", COSPLIB_W_SUB_SESSIONS },
	{ "Evaluate Submissions|Rooms", COSPLIB_W_SUB_ROOMS },
	{ "Evaluate Consecutive Tracks", COSPLIB_W_CONSECUTIVE_TRACKS },
	{ "Evaluate Similar Tracks", COSPLIB_W_SIMILAR_TRACKS },
	{ "Evaluate NumberOfRoomsPerTrack", COSPLIB_W_ROOMS_PER_TRACK },
	{ "Evaluate Presenters Conflicts", COSPLIB_W_PRESENTERS },
	{ "Evaluate Chairs Conflicts", COSPLIB_W_CHAIRS },
	{ "Evaluate Attendees Conflicts", COSPLIB_W_ATTENDEES },
};

static const struct {
	const char *model, *inst;
	int64_t sr_extra;  /* sessions|rooms charged by today's data */
	int64_t obj_extra; /* unexplained part of the printed objective */
} refs[] = {
	{ "Exact", "GECCO19", 0, 0 },
	{ "Exact", "GECCO20", 0, 0 },
	{ "Exact", "GECCO21", 0, 0 },
	{ "Exact", "N2OR", 0, 0 },
	{ "Exact", "OR60F2", 1000, 0 },
	{ "Exact", "OR60F", 1000, 21 },
	{ "Extended", "GECCO19", 0, 0 },
	{ "Extended", "GECCO20", 0, 0 },
	{ "Extended", "GECCO21", 0, 0 },
	{ "Extended", "N2OR", 0, 0 },
	{ "Extended", "OR60F", 0, 0 },
};

static void
load(const char *inst, struct cosplib *c)
{
	char prefix[256];
	struct buf err;

	snprintf(prefix, sizeof(prefix), "%s/%s", COSPLIB_FIXTURES, inst);
	buf_init(&err, 0);
	cr_assert_eq(cosplib_load(prefix, c, &err), COSPLIB_OK, "%s", err.s);
	buf_release(&err);
}

/* Total of a violations column, and the printed objective. */
static void
read_violations(const char *path, int64_t *total, int64_t *obj)
{
	char *data;
	size_t len, i, r, n = ARRAY_SIZE(vcol);
	struct csv cs;
	struct buf err;
	long j;

	cr_assert_eq(
	    read_file(path, 1 << 20, &data, &len), READ_OK, "%s", path);
	buf_init(&err, 0);
	cr_assert_eq(csv_parse(data, len, path, NULL, &cs, &err), CSV_OK);
	cr_assert(parse_i64(csv_get(&cs, 1, 0) + strlen("Objective Value = "),
	    0, INT64_MAX, obj));
	for (i = 0; i < n; i++) {
		j = csv_header_index(&cs, vcol[i].col);
		cr_assert_geq(j, 0, "%s: no column %s", path, vcol[i].col);
		total[i] = -1;
		for (r = 1; r < cs.nrow; r++)
			if (strcmp(csv_get(&cs, r, (size_t)j), "Total") == 0)
				cr_assert(
				    parse_i64(csv_get(&cs, r, (size_t)j + 1), 0,
					INT64_MAX, &total[i]));
		cr_assert_geq(
		    total[i], 0, "%s: no total for %s", path, vcol[i].col);
	}
	csv_release(&cs);
	buf_release(&err);
	free(data);
}

Test(cosplib_eval, every_reference_solution)
{
	size_t k, i;

	for (k = 0; k < ARRAY_SIZE(refs); k++) {
		char path[512];
		struct cosplib c;
		struct cosplib_sol sol;
		struct cosplib_eval ev;
		struct buf err;
		int64_t total[ARRAY_SIZE(vcol)], obj, want;

		load(refs[k].inst, &c);
		cosplib_sol_init(&sol, &c);
		snprintf(path, sizeof(path), "%s/%sModel_%sSolution__sol.csv",
		    COSPLIB_FIXTURES, refs[k].model, refs[k].inst);
		buf_init(&err, 0);
		cr_assert_eq(cosplib_sol_read(&c, path, &sol, &err), COSPLIB_OK,
		    "%s", err.s);
		cosplib_evaluate(&c, &sol, COSPLIB_PROFILE_PUBLISHED, &ev);
		cr_assert(ev.complete && ev.valid, "%s", path);
		snprintf(path, sizeof(path),
		    "%s/%sModel_%sSolution__violations.csv", COSPLIB_FIXTURES,
		    refs[k].model, refs[k].inst);
		read_violations(path, total, &obj);
		for (i = 0; i < ARRAY_SIZE(vcol); i++) {
			want = total[i];
			if (vcol[i].term == COSPLIB_W_SESSIONS_ROOMS)
				want += refs[k].sr_extra;
			cr_assert_eq(ev.term[vcol[i].term], want,
			    "%s %s: ours %lld, published %lld", refs[k].inst,
			    vcol[i].col, (long long)ev.term[vcol[i].term],
			    (long long)total[i]);
		}
		cr_assert_eq(ev.total,
		    obj + refs[k].sr_extra - refs[k].obj_extra,
		    "%s %s: ours %lld, published %lld", refs[k].model,
		    refs[k].inst, (long long)ev.total, (long long)obj);
		buf_release(&err);
		cosplib_sol_release(&sol);
		cosplib_release(&c);
	}
}

Test(cosplib_eval, checker_profile_terms)
{
	char path[512];
	struct cosplib c;
	struct cosplib_sol sol;
	struct cosplib_eval ev;
	struct buf err;

	load("GECCO20", &c);
	cosplib_sol_init(&sol, &c);
	snprintf(path, sizeof(path), "%s/ExactModel_GECCO20Solution__sol.csv",
	    COSPLIB_FIXTURES);
	buf_init(&err, 0);
	cr_assert_eq(cosplib_sol_read(&c, path, &sol, &err), COSPLIB_OK);
	cosplib_evaluate(&c, &sol, COSPLIB_PROFILE_CHECKER, &ev);
	/* Similar tracks times the matrix value (20), order counted. */
	cr_assert_eq(ev.term[COSPLIB_W_SIMILAR_TRACKS], 60);
	cr_assert_eq(ev.term[COSPLIB_W_SUB_ORDER], 18);
	cr_assert_eq(ev.total, 6298);
	buf_release(&err);
	cosplib_sol_release(&sol);
	cosplib_release(&c);
}

/* Loads N2OR from memory with one sheet replaced. */
static enum cosplib_err
load_patched(
    enum cosplib_sheet sh, const char *text, struct cosplib *c, struct buf *err)
{
	char *data[COSPLIB_SHEET__MAX];
	size_t len[COSPLIB_SHEET__MAX], i;
	const char *name[COSPLIB_SHEET__MAX];
	char path[COSPLIB_SHEET__MAX][256];
	enum cosplib_err e;

	for (i = 0; i < COSPLIB_SHEET__MAX; i++) {
		snprintf(path[i], sizeof(path[i]), "%s/N2OR__%s.csv",
		    COSPLIB_FIXTURES,
		    cosplib_sheet_name((enum cosplib_sheet)i));
		name[i] = path[i];
		cr_assert_eq(
		    read_file(path[i], 1 << 20, &data[i], &len[i]), READ_OK);
	}
	free(data[sh]);
	data[sh] = xstrdup(text);
	len[sh] = strlen(text);
	e = cosplib_load_mem((const char *const *)data, len, name, c, err);
	for (i = 0; i < COSPLIB_SHEET__MAX; i++)
		free(data[i]);
	return e;
}

Test(cosplib_reader, rejects_bad_sheets)
{
	struct cosplib c;
	struct buf err;

	buf_init(&err, 0);
	cr_assert_eq(
	    load_patched(COSPLIB_SHEET_SUBMISSIONS,
		"Reference,Track,Required Timeslots,Order,Time Zone,"
		"Presenters,Attendees,Wed1,Wed2,Thu1,Thu2,Steelhouse LT,"
		"Stafford 1,Stafford 2,Steelhouse 1\n"
		"A,Nope,1,0,GMT+0,P0,,,,,,,,,\n",
		&c, &err),
	    COSPLIB_ERR_NAME);
	cr_assert(strstr(err.s,
		      "N2OR__submissions.csv:2:2: unknown track "
		      "'Nope'") != NULL,
	    "%s", err.s);
	buf_reset(&err);
	cr_assert_eq(
	    load_patched(COSPLIB_SHEET_ROOMS, "Rooms\n\"Room 1\n", &c, &err),
	    COSPLIB_ERR_CSV);
	cr_assert(strstr(err.s,
		      "N2OR__rooms.csv:2:1: unterminated quoted "
		      "field") != NULL,
	    "%s", err.s);
	buf_reset(&err);
	cr_assert_eq(load_patched(COSPLIB_SHEET_SESSIONS,
			 "Sessions,Max Number of Timeslots,Date,Start Time,"
			 "End Time\nWed1,many,44405,0.4,0.5\n",
			 &c, &err),
	    COSPLIB_ERR_VALUE);
	cr_assert(strstr(err.s,
		      "N2OR__sessions.csv:2:2: bad timeslot count "
		      "'many'") != NULL,
	    "%s", err.s);
	buf_reset(&err);
	cr_assert_eq(load_patched(COSPLIB_SHEET_TRACKS,
			 "Tracks,Chairs\nEducation,\nEducation,\n", &c, &err),
	    COSPLIB_ERR_NAME);
	buf_release(&err);
}

Test(cosplib_reader, rejects_bad_grid)
{
	static const char *const bad[] = {
		",Steelhouse LT,Stafford 1,Stafford 2,Steelhouse 1\n"
		"Wed1,Ghost\n",
		",Wrong Room,Stafford 1,Stafford 2,Steelhouse 1\n",
		",Steelhouse LT,Stafford 1,Stafford 2,Steelhouse 1\n"
		"Wed2\nWed2\nThu1\nThu2\n",
	};
	static const char *const msg[] = {
		"g.csv:2:2: unknown track 'Ghost'",
		"g.csv:1:2: expected room 'Steelhouse LT'",
		"g.csv:2:1: expected session 'Wed1'",
	};
	struct cosplib c;
	struct cosplib_sol sol;
	struct buf err;
	size_t i;

	load("N2OR", &c);
	cosplib_sol_init(&sol, &c);
	buf_init(&err, 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		char text[1024];

		/* Pad to the right number of rows so the layout check passes.
		 */
		snprintf(text, sizeof(text), "%s%s", bad[i],
		    i == 0 ? "Wed2\nThu1\nThu2\n\nWed1\nWed1\nWed2\nWed2\n"
			     "Thu1\nThu1\nThu2\nThu2\nThu2\n"
			   : "");
		buf_reset(&err);
		cr_assert_neq(cosplib_sol_parse(
				  &c, text, strlen(text), "g.csv", &sol, &err),
		    COSPLIB_OK);
		if (i != 2)
			cr_assert(strstr(err.s, msg[i]) != NULL, "%s", err.s);
	}
	buf_reset(&err);
	cr_assert_neq(cosplib_sol_parse(&c,
			  ",Steelhouse LT,Stafford 1,Stafford 2,Steelhouse 1\n"
			  "Wed1\nWed2\nThu1\nThu2\n\nWed1,Nobody\nWed1\nWed2\n"
			  "Wed2\nThu1\nThu1\nThu2\nThu2\nThu2\n",
			  strlen(",Steelhouse LT,Stafford 1,Stafford 2,"
				 "Steelhouse 1\nWed1\nWed2\nThu1\nThu2\n\n"
				 "Wed1,Nobody\nWed1\nWed2\nWed2\nThu1\nThu1\n"
				 "Thu2\nThu2\nThu2\n"),
			  "g.csv", &sol, &err),
	    COSPLIB_OK);
	cr_assert(
	    strstr(err.s, "g.csv:7:2: unknown submission 'Nobody'") != NULL,
	    "%s", err.s);
	buf_release(&err);
	cosplib_sol_release(&sol);
	cosplib_release(&c);
}

Test(cosplib_solve, n2or_feasible_deterministic_and_round_trips)
{
	struct cosplib c;
	struct cosplib_sol a, b;
	struct cosplib_solve_opts o = { 7, 0, 200000, 0, 0, 0 };
	struct cosplib_solve_stats st;
	struct cosplib_eval ev;
	struct buf out, err;

	load("N2OR", &c);
	cosplib_sol_init(&a, &c);
	cosplib_sol_init(&b, &c);
	cr_assert_eq(cosplib_solve(&c, &o, &a, &st), COSPLIB_SOLVE_OK);
	cosplib_evaluate(&c, &a, COSPLIB_PROFILE_CHECKER, &ev);
	cr_assert(ev.complete && ev.valid);
	cr_assert_eq(ev.total, st.best, "incremental %lld, full %lld",
	    (long long)st.best, (long long)ev.total);
	cr_assert_leq(ev.total, 2); /* the reference solutions score 2 */
	cr_assert_eq(cosplib_solve(&c, &o, &b, &st), COSPLIB_SOLVE_OK);
	cr_assert_arr_eq(a.track, b.track, c.nsession * c.nroom * sizeof(int));
	cr_assert_arr_eq(a.slot, b.slot, c.nslot * sizeof(int));
	buf_init(&out, 0);
	buf_init(&err, 0);
	cosplib_sol_write(&c, &a, &out);
	cr_assert_eq(cosplib_sol_parse(&c, out.s, out.len, "w.csv", &b, &err),
	    COSPLIB_OK, "%s", err.s);
	cr_assert_arr_eq(a.slot, b.slot, c.nslot * sizeof(int));
	buf_release(&out);
	buf_release(&err);
	cosplib_sol_release(&a);
	cosplib_sol_release(&b);
	cosplib_release(&c);
}

/*
 * The repack move alone, on GECCO20 (order weight 1, ordered talks): the
 * incremental cost of the returned solution equals the full evaluation,
 * and repacking in the wanted order leaves no order violation.
 */
Test(cosplib_solve, repack_move_exact_and_orders_tracks)
{
	struct cosplib c;
	struct cosplib_sol a;
	struct cosplib_solve_opts o = { 5, 0, 20000, 0, COSPLIB_MOVE_REPACK,
		0 };
	struct cosplib_solve_stats st;
	struct cosplib_eval ev;

	load("GECCO20", &c);
	cosplib_sol_init(&a, &c);
	cr_assert_eq(cosplib_solve(&c, &o, &a, &st), COSPLIB_SOLVE_OK);
	cosplib_evaluate(&c, &a, COSPLIB_PROFILE_CHECKER, &ev);
	cr_assert(ev.complete && ev.valid);
	cr_assert_eq(ev.total, st.best, "incremental %lld, full %lld",
	    (long long)st.best, (long long)ev.total);
	cr_assert_gt(st.accepted, 0);
	cr_assert_lt(st.best, st.initial);
	cr_assert_eq(ev.term[COSPLIB_W_SUB_ORDER], 0, "order term %lld",
	    (long long)ev.term[COSPLIB_W_SUB_ORDER]);
	cosplib_sol_release(&a);
	cosplib_release(&c);
}

/*
 * Every move and the restarts from the best (a short stall forces many):
 * the incremental cost stays exact and the run is deterministic.
 */
Test(cosplib_solve, gecco20_all_moves_restarts_exact_and_deterministic)
{
	struct cosplib c;
	struct cosplib_sol a, b;
	struct cosplib_solve_opts o = { 1, 0, 400000, 0, 0, 20000 };
	struct cosplib_solve_stats st, st2;
	struct cosplib_eval ev;

	load("GECCO20", &c);
	cosplib_sol_init(&a, &c);
	cosplib_sol_init(&b, &c);
	cr_assert_eq(cosplib_solve(&c, &o, &a, &st), COSPLIB_SOLVE_OK);
	cosplib_evaluate(&c, &a, COSPLIB_PROFILE_CHECKER, &ev);
	cr_assert(ev.complete && ev.valid);
	cr_assert_eq(ev.total, st.best, "incremental %lld, full %lld",
	    (long long)st.best, (long long)ev.total);
	cr_assert_gt(st.restarts, 0);
	cr_assert_lt(st.best, st.initial);
	cr_assert_eq(cosplib_solve(&c, &o, &b, &st2), COSPLIB_SOLVE_OK);
	cr_assert_eq(st2.best, st.best);
	cr_assert_arr_eq(a.track, b.track, c.nsession * c.nroom * sizeof(int));
	cr_assert_arr_eq(a.slot, b.slot, c.nslot * sizeof(int));
	cosplib_sol_release(&a);
	cosplib_sol_release(&b);
	cosplib_release(&c);
}
