/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* store_fixture.c: see store_fixture.h. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/demo.h"
#include "formats/event_json.h"
#include "store_fixture.h"
#include "util/util.h"

void
test_db_make(struct test_db *t, const char *name, bool shm)
{
	snprintf(t->dir, sizeof(t->dir), "/dev/shm/cabildo-%s-XXXXXX", name);
	if (!shm || mkdtemp(t->dir) == NULL) {
		snprintf(
		    t->dir, sizeof(t->dir), "/tmp/cabildo-%s-XXXXXX", name);
		cr_assert_not_null(mkdtemp(t->dir));
	}
	snprintf(t->path, sizeof(t->path), "%s/t.db", t->dir);
}

struct store *
test_db_open(const struct test_db *t)
{
	struct store *st = NULL;
	struct buf msg;

	buf_init(&msg, 0);
	cr_assert_eq(store_open(t->path, STORE_CREATE, &st, &msg), STORE_OK,
	    "%s", msg.s);
	buf_release(&msg);
	return st;
}

void
test_db_remove(const struct test_db *t)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[160];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(suffix); i++) {
		snprintf(p, sizeof(p), "%s%s", t->path, suffix[i]);
		unlink(p);
	}
	rmdir(t->dir);
}

void
test_event_load(const char *path, struct event *ev)
{
	struct buf err;
	char *text;
	size_t len;

	cr_assert_eq(read_file(path, EVENT_JSON_MAX_BYTES, &text, &len),
	    READ_OK, "cannot read %s", path);
	event_init(ev);
	buf_init(&err, 0);
	cr_assert_eq(event_json_parse(text, len, path, ev, &err), EVENT_JSON_OK,
	    "%s", err.s);
	buf_release(&err);
	free(text);
}

void
test_event_store(struct store *st, const char *path, struct event *ev)
{
	struct buf msg;
	bool created;

	test_event_load(path, ev);
	buf_init(&msg, 0);
	cr_assert_eq(
	    store_event_save(st, ev, &created, &msg), STORE_OK, "%s", msg.s);
	buf_release(&msg);
}

void
test_demo_store(struct store *st, const struct event *ev, size_t nproposals,
    size_t nparticipants)
{
	struct demo_params params = { DEMO_DEFAULT_SEED, nproposals,
		nparticipants };
	struct population pop;
	struct buf msg;

	memset(&pop, 0, sizeof(pop));
	demo_generate(ev, &params, &pop);
	buf_init(&msg, 0);
	cr_assert_eq(store_population_replace(st, ev, &pop, &msg), STORE_OK,
	    "%s", msg.s);
	buf_release(&msg);
	population_release(&pop);
}
