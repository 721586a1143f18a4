/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store.h: where cabildo keeps its data.  Callers see an opaque handle and
 * domain operations; the SQL, the migrations and the backend (SQLite today,
 * PostgreSQL later) stay behind this header.  Only src/store/ speaks SQL,
 * only through prepared statements with bound parameters.
 *
 * Threads: a struct store is one connection; use one per thread.
 * Writes of more than one statement run in one transaction: they happen
 * entirely or not at all.  Errors return a store_err and, when a msg buf is
 * given, a one-line message saying what failed.
 */
#ifndef CABILDO_STORE_H
#define CABILDO_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/demo.h"
#include "core/event.h"
#include "util/buf.h"

struct store;

enum store_flags {
	STORE_CREATE = 1 << 0,   /* create the file if missing */
	STORE_READONLY = 1 << 1, /* open read-only; no migration */
	STORE_NO_MIGRATE = 1 << 2
};

enum store_err {
	STORE_OK,
	STORE_ERR_OPEN,       /* cannot open or create the database */
	STORE_ERR_NEWER,      /* schema from a newer cabildo */
	STORE_ERR_MIGRATE,    /* a migration failed; nothing was changed */
	STORE_ERR_OUTDATED,   /* schema older than this cabildo, not migrated */
	STORE_ERR_NOTFOUND,   /* no such event */
	STORE_ERR_CONSTRAINT, /* the change would break a reference */
	STORE_ERR_BUSY,       /* locked by another writer for too long */
	STORE_ERR_IO,         /* any other database error */
	STORE_ERR__MAX
};

const char *store_strerror(enum store_err err);

/* Opens (and with STORE_CREATE creates) path, applying pending migrations
 * unless STORE_READONLY or STORE_NO_MIGRATE.  On error *out is NULL. */
enum store_err store_open(const char *path, enum store_flags flags,
    struct store **out, struct buf *msg);
/* Closes the connection; NULL is a no-op. */
void store_close(struct store *st);

/* Schema version of the open database, and the newest this build knows. */
int store_schema_version(struct store *st);
int store_schema_latest(void);

/*
 * A number that changes whenever any connection commits a change to the
 * database; for caches of rendered pages.
 */
uint64_t store_generation(struct store *st);

/*
 * Creates the event, or updates the one with the same slug, in one
 * transaction.  Themes, formats and rooms keep their ids when their keys
 * stay; removing one that proposals or sessions use fails with
 * STORE_ERR_CONSTRAINT naming it.  Sets ev->id and *created.
 */
enum store_err store_event_save(
    struct store *st, struct event *ev, bool *created, struct buf *msg);

/* Loads the event with that slug into ev (in event_init state). */
enum store_err store_event_load(
    struct store *st, const char *slug, struct event *ev);

struct event_summary {
	int64_t id;
	char *slug;
	struct l10n name;
	int64_t start_date;
	int64_t end_date;
	char *venue_city;
	char venue_country[3];
	bool synthetic;
};

/* Every event, soonest first.  Free with store_event_list_free. */
enum store_err store_event_list(
    struct store *st, struct event_summary **out, size_t *n);
void store_event_list_free(struct event_summary *list, size_t n);

/* Counts shown on the public pages. */
struct event_counts {
	size_t proposals;
	size_t speakers;
	size_t participants;
	size_t countries;
	size_t *per_theme; /* ev->nthemes entries: proposals, main theme */
};

enum store_err store_event_counts(
    struct store *st, const struct event *ev, struct event_counts *out);
void event_counts_release(struct event_counts *c);

/*
 * Replaces the event's synthetic population (persons, proposals,
 * registrations and theme interests marked synthetic) by pop, in one
 * transaction, and marks the event synthetic.  Refuses with
 * STORE_ERR_CONSTRAINT if the event holds real (non-synthetic) proposals.
 */
enum store_err store_population_replace(struct store *st,
    const struct event *ev, const struct population *pop, struct buf *msg);

/* ---- Backups (store_backup.c) ---- */

struct store_file_info {
	int version;   /* schema version (PRAGMA user_version) */
	int64_t bytes; /* size of the database */
};

/*
 * Checks that path is an intact cabildo database this build can use:
 * a cabildo schema no newer than this build's, PRAGMA integrity_check
 * and foreign_key_check clean.  Opens it read-only.  Fills info if not
 * NULL.
 */
enum store_err store_check_file(
    const char *path, struct store_file_info *info, struct buf *msg);

/*
 * Writes a consistent snapshot of the database at db_path to out_path
 * (replaced if it exists) with SQLite's online backup API, while other
 * connections keep reading and writing: it holds one read transaction
 * and never blocks a writer.  The result is one self-contained file,
 * checked with store_check_file's checks and synced before it takes
 * out_path's name; on failure out_path is untouched.
 */
enum store_err store_backup(const char *db_path, const char *out_path,
    struct store_file_info *info, struct buf *msg);

/*
 * Replaces the database at db_path (created if missing) by the backup at
 * from_path, after checking from_path as store_check_file does, in one
 * transaction.  Refuses with STORE_ERR_BUSY, changing nothing, while
 * another process has db_path open.  An older schema is migrated by the
 * next store_open.
 */
enum store_err store_restore(const char *from_path, const char *db_path,
    struct store_file_info *info, struct buf *msg);

#endif
