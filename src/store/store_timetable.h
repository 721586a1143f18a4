/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_timetable.h: the timetable optimiser's data in the database.
 * Loads an event's schedulable sessions (accepted proposals, and sessions
 * imported without one), rooms, session slots, speakers' availability and
 * preferences, and participants' stars as a timetable instance; saves an
 * assignment into the session rows and as a timetable version, in one
 * transaction.  Also writes the demo's accepted programme.
 *
 * The instance's plain types come from solve/timetable.h (data only; the
 * store calls no solver code).
 */
#ifndef CABILDO_STORE_TIMETABLE_H
#define CABILDO_STORE_TIMETABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/demo.h"
#include "core/demo_programme.h"
#include "core/event.h"
#include "solve/timetable.h"
#include "store/store.h"
#include "util/buf.h"

/* An instance with everything it points to; owned, see _release. */
struct store_timetable {
	struct tt_instance in;
	struct tt_assign current; /* placements stored now */
	int64_t *session_id;      /* per item */
	int64_t *room_id;         /* per room (ev->rooms order) */
	int64_t *registration_id; /* per participant */
	int64_t *day_date;        /* per event day: days since 1970 */
	char **item_name;
	char **person_name;
	/* owned arrays behind in */
	struct tt_unit *units;
	struct tt_room *rooms;
	struct tt_item *items;
	struct tt_person *persons;
	int *speakers;
	int *want_off, *want;
	bool *avail;
	int *pref;
};

/*
 * Loads ev (from store_event_load) as an instance.  Locked sessions
 * become fixed where they are; with keep_published every placed session
 * is "published" (moving it costs in->w.moved).  A stored placement that
 * matches no room or session slot is left out of current.
 */
enum store_err store_timetable_load(struct store *st, const struct event *ev,
    bool keep_published, struct store_timetable *out, struct buf *msg);
void store_timetable_release(struct store_timetable *t);

/*
 * Writes a into the session rows (room, start, end, day, position;
 * unplaced sessions lose their placement) and records a timetable version
 * with its costs, in one transaction.  Sets *version.
 */
enum store_err store_timetable_save(struct store *st, const struct event *ev,
    const struct store_timetable *t, const struct tt_assign *a,
    const struct tt_cost *cost, uint64_t seed, int64_t bound, int64_t *version,
    struct buf *msg);

/*
 * Records a as a new timetable version of the given origin ("editor",
 * "optimiser") without touching the session rows (nor what is
 * published), in one transaction.  Sets *version.
 */
enum store_err store_timetable_save_version(struct store *st,
    const struct event *ev, const struct store_timetable *t,
    const struct tt_assign *a, const struct tt_cost *cost, const char *origin,
    uint64_t seed, int64_t bound, int64_t *version, struct buf *msg);

/* One timetable version, as the editor lists it. */
struct tt_version {
	int64_t id;
	char created_at[24];
	char origin[16];
	int64_t hard, soft;
	bool published;
};

/* The event's versions, newest (the current one) first; free(*out). */
enum store_err store_tt_versions(
    struct store *st, int64_t event_id, struct tt_version **out, size_t *n);

/*
 * The placements of version (of event_id, else STORE_ERR_NOTFOUND) over
 * t's items, into a (zeroed by the caller, initialised here; the caller
 * releases it whatever the result).
 */
enum store_err store_tt_version_assign(struct store *st, int64_t event_id,
    const struct store_timetable *t, int64_t version, struct tt_assign *a);

/*
 * Publishes version: writes its placements into the session rows (what
 * the agenda shows) and marks it the one published version, in one
 * transaction.
 */
enum store_err store_tt_publish(struct store *st, const struct event *ev,
    const struct store_timetable *t, int64_t version, struct buf *msg);

/* Sets session.locked for t's items to locked[i] (one transaction). */
enum store_err store_tt_set_locked(struct store *st, int64_t event_id,
    const struct store_timetable *t, const bool *locked);

/* The item of a session id in t, or -1. */
int store_timetable_item(const struct store_timetable *t, int64_t session_id);

/* "YYYY-MM-DDTHH:MM" of unit u plus minutes, into out. */
void store_timetable_when(const struct store_timetable *t,
    const struct event *ev, int u, int plus_minutes, char out[17]);

/*
 * Demo: after store_population_replace(pop), creates an unscheduled
 * session per accepted proposal of prog and the participants' stars on
 * them, replacing the demo's earlier sessions, in one transaction.
 */
enum store_err store_timetable_demo(struct store *st, const struct event *ev,
    const struct population *pop, const struct demo_programme *prog,
    struct buf *msg);

#endif
