/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_store_timetable.c: timetable versions in the store (issue 4, the
 * schedule editor): an editor version leaves the session rows and the
 * published flag alone and reads back as saved; publishing writes the
 * session rows and moves the flag; a version of another event is not
 * found; pins become session locks.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/demo.h"
#include "core/demo_programme.h"
#include "store/store.h"
#include "store/store_timetable.h"
#include "store_fixture.h"
#include "util/util.h"

static struct test_db db;
static struct store *st;
static struct event ev;

static void
setup(void)
{
	struct demo_params params = { DEMO_DEFAULT_SEED, 80, 30 };
	struct demo_programme prog;
	struct population pop;
	struct buf msg;

	test_db_make(&db, "sttt", false);
	st = test_db_open(&db);
	test_event_store(st, OGP_FILE, &ev);
	buf_init(&msg, 0);
	memset(&pop, 0, sizeof(pop));
	memset(&prog, 0, sizeof(prog));
	demo_generate(&ev, &params, &pop);
	demo_programme_select(&ev, &pop, params.seed, DEMO_DEFAULT_SESSIONS,
	    DEMO_DEFAULT_TALKS, &prog);
	cr_assert_eq(store_population_replace(st, &ev, &pop, &msg), STORE_OK,
	    "%s", msg.s);
	cr_assert_eq(store_timetable_demo(st, &ev, &pop, &prog, &msg), STORE_OK,
	    "%s", msg.s);
	demo_programme_release(&prog);
	population_release(&pop);
	buf_release(&msg);
}

static void
teardown(void)
{
	store_close(st);
	event_release(&ev);
	test_db_remove(&db);
}

TestSuite(store_timetable, .init = setup, .fini = teardown);

/* Places item i in room r at unit u for every i (a simple diagonal). */
static void
spread(const struct store_timetable *t, struct tt_assign *a, int shift)
{
	int i;

	for (i = 0; i < t->in.nitems; i++) {
		a->place[i].room = (i + shift) % t->in.nrooms;
		a->place[i].unit = (i / t->in.nrooms) % t->in.nunits;
		a->place[i].order = 0;
	}
}

static void
load(struct store_timetable *t)
{
	cr_assert_eq(store_timetable_load(st, &ev, false, t, NULL), STORE_OK);
	cr_assert_gt(t->in.nitems, 2);
}

Test(store_timetable, versions_publish_and_revert_data)
{
	struct store_timetable t;
	struct tt_assign a, b, back = { 0 };
	struct tt_cost cost;
	struct tt_version *v = NULL;
	size_t n = 0;
	int64_t v1, v2;
	int i;

	load(&t);
	tt_assign_init(&a, t.in.nitems);
	tt_assign_init(&b, t.in.nitems);
	spread(&t, &a, 0);
	spread(&t, &b, 1);
	timetable_evaluate(&t.in, &a, &cost);
	cr_assert_eq(
	    store_timetable_save(st, &ev, &t, &a, &cost, 7, 0, &v1, NULL),
	    STORE_OK);
	timetable_evaluate(&t.in, &b, &cost);
	cr_assert_eq(store_timetable_save_version(
			 st, &ev, &t, &b, &cost, "editor", 0, 0, &v2, NULL),
	    STORE_OK);
	cr_assert_gt(v2, v1);

	/* The newest first; the optimiser's run is the published one. */
	cr_assert_eq(store_tt_versions(st, ev.id, &v, &n), STORE_OK);
	cr_assert_eq(n, 2);
	cr_assert_eq(v[0].id, v2);
	cr_assert_str_eq(v[0].origin, "editor");
	cr_assert(!v[0].published);
	cr_assert(v[1].published);
	free(v);

	/* The editor's version reads back as saved; the rows hold v1. */
	cr_assert_eq(
	    store_tt_version_assign(st, ev.id, &t, v2, &back), STORE_OK);
	for (i = 0; i < t.in.nitems; i++) {
		cr_assert_eq(back.place[i].room, b.place[i].room);
		cr_assert_eq(back.place[i].unit, b.place[i].unit);
	}
	tt_assign_release(&back);
	store_timetable_release(&t);
	load(&t);
	for (i = 0; i < t.in.nitems; i++)
		cr_assert_eq(t.current.place[i].room, a.place[i].room);

	/* Publishing v2 writes its placements into the session rows. */
	cr_assert_eq(store_tt_publish(st, &ev, &t, v2, NULL), STORE_OK);
	store_timetable_release(&t);
	load(&t);
	for (i = 0; i < t.in.nitems; i++)
		cr_assert_eq(t.current.place[i].room, b.place[i].room);
	cr_assert_eq(store_tt_versions(st, ev.id, &v, &n), STORE_OK);
	cr_assert(v[0].published && !v[1].published);
	free(v);

	/* Unknown versions are not found, and nothing is published. */
	cr_assert_eq(store_tt_version_assign(st, ev.id, &t, v2 + 100, &back),
	    STORE_ERR_NOTFOUND);
	tt_assign_release(&back);
	cr_assert_eq(store_tt_version_assign(st, ev.id + 1, &t, v2, &back),
	    STORE_ERR_NOTFOUND);
	tt_assign_release(&back);
	cr_assert_eq(
	    store_tt_publish(st, &ev, &t, v2 + 100, NULL), STORE_ERR_NOTFOUND);

	tt_assign_release(&a);
	tt_assign_release(&b);
	store_timetable_release(&t);
}

Test(store_timetable, pins_become_locks_and_fixed_placements)
{
	struct store_timetable t;
	struct tt_assign a;
	struct tt_cost cost;
	bool *pin;
	int64_t v;
	int i;

	load(&t);
	tt_assign_init(&a, t.in.nitems);
	spread(&t, &a, 0);
	timetable_evaluate(&t.in, &a, &cost);
	cr_assert_eq(
	    store_timetable_save(st, &ev, &t, &a, &cost, 1, 0, &v, NULL),
	    STORE_OK);
	pin = calloc((size_t)t.in.nitems, sizeof(bool));
	pin[1] = true;
	cr_assert_eq(store_tt_set_locked(st, ev.id, &t, pin), STORE_OK);
	store_timetable_release(&t);
	load(&t);
	for (i = 0; i < t.in.nitems; i++)
		cr_assert_eq(t.items[i].fixed_room >= 0, i == 1);
	cr_assert_eq(t.items[1].fixed_room, a.place[1].room);
	cr_assert_eq(store_timetable_item(&t, t.session_id[1]), 1);
	cr_assert_eq(store_timetable_item(&t, -5), -1);
	free(pin);
	tt_assign_release(&a);
	store_timetable_release(&t);
}
