/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_fixture.h: the set-up the store-backed unit tests share: a
 * temporary database in a directory of its own, removed again with its
 * WAL files, and an event file read and parsed (every step asserted).
 */
#ifndef CABILDO_TESTS_STORE_FIXTURE_H
#define CABILDO_TESTS_STORE_FIXTURE_H

#include <stdbool.h>

#include "core/event.h"
#include "store/store.h"

#define OGP_FILE "data/events/ogp-americas-2017.json"

struct test_db {
	char dir[64];
	char path[128]; /* dir/t.db */
};

/* Makes the directory cabildo-NAME-XXXXXX under /dev/shm when SHM is true
 * and that works (the fixtures' fsyncs cost seconds on disk), else under
 * /tmp. */
void test_db_make(struct test_db *t, const char *name, bool shm);
/* A new store at t->path. */
struct store *test_db_open(const struct test_db *t);
/* Removes the database, its -wal, -shm and -journal files and the
 * directory (the store must be closed). */
void test_db_remove(const struct test_db *t);
/* Reads and parses the event file PATH into EV (event_init'ed here). */
void test_event_load(const char *path, struct event *ev);
/* test_event_load, then store_event_save on ST. */
void test_event_store(struct store *st, const char *path, struct event *ev);
/* Stores the demo population of EV (seed DEMO_DEFAULT_SEED) with
 * NPROPOSALS proposals and NPARTICIPANTS participants. */
void test_demo_store(struct store *st, const struct event *ev,
    size_t nproposals, size_t nparticipants);

#endif
