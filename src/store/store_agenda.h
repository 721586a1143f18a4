/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store_agenda.h: the published agenda in the database: importing a whole
 * programme (frab XML, schedule.json) as a new event, loading what is
 * placed (sessions with a room and a start) as a struct agenda for the
 * pages and exports, participants' stars, and private calendar tokens.
 *
 * Every write is one transaction: an import that fails changes nothing.
 */
#ifndef CABILDO_STORE_AGENDA_H
#define CABILDO_STORE_AGENDA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/agenda.h"
#include "core/event.h"
#include "store/store.h"
#include "util/buf.h"

/*
 * Creates the event ag->slug with its tracks as themes, its session types
 * as formats, rooms, days, persons and sessions.  An existing event of
 * that slug is an error (STORE_ERR_CONSTRAINT) unless replace, which
 * deletes it first, in the same transaction.  Sets the ids in ag.
 */
enum store_err store_agenda_import(
    struct store *st, struct agenda *ag, bool replace, struct buf *msg);

/*
 * Loads the placed sessions of ev (loaded by store_event_load) into ag
 * (in agenda_init state), in the event's default language, sorted by day,
 * start and room.
 */
enum store_err store_agenda_load(
    struct store *st, const struct event *ev, struct agenda *ag);

/* When the event's data last changed, "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
enum store_err store_agenda_stamp(
    struct store *st, const struct event *ev, char out[21]);

/* Stars per session: stars[i] for ag->sessions[i] (caller allocates). */
enum store_err store_agenda_stars(struct store *st, const struct event *ev,
    const struct agenda *ag, size_t *stars);

struct star_pair {
	size_t a, b; /* indices into ag->sessions */
	size_t count;
};

/* The max session pairs most often starred together, most first. */
enum store_err store_agenda_pairs(struct store *st, const struct event *ev,
    const struct agenda *ag, size_t max, struct star_pair **out, size_t *n);

/* Registrations of the event, and how many starred anything. */
enum store_err store_agenda_participants(struct store *st,
    const struct event *ev, size_t *registered, size_t *starring);

/*
 * The sessions starred through the calendar token (marks[i] for
 * ag->sessions[i], caller allocates).  STORE_ERR_NOTFOUND for an unknown
 * or revoked token, or one of another event.
 */
enum store_err store_calendar_token_sessions(struct store *st,
    const struct event *ev, const struct agenda *ag, const char *token,
    bool *marks);

#define CALENDAR_TOKEN_LEN 32

/* A new random token for the registration (hex, 32 characters). */
enum store_err store_calendar_token_create(struct store *st,
    int64_t registration_id, char out[CALENDAR_TOKEN_LEN + 1]);
/* Revokes every token of the registration. */
enum store_err store_calendar_token_revoke(
    struct store *st, int64_t registration_id);

/* ---- Participants: registration, stars (interest rows), feeds ---- */

/* The person's registration for the event; STORE_ERR_NOTFOUND if none. */
enum store_err store_registration_find(
    struct store *st, int64_t event_id, int64_t person_id, int64_t *reg_id);

/*
 * Registers the person for the event, or updates the registration: needs
 * (accessibility, interpretation; may be NULL) and the themes of interest
 * (keys of the event's themes, replacing earlier ones; unknown keys are
 * ignored).  One transaction.  Sets *reg_id.
 */
enum store_err store_registration_save(struct store *st, int64_t event_id,
    int64_t person_id, const char *needs, const char *const *theme_keys,
    size_t nthemes, int64_t *reg_id);

/* The needs and the theme keys of a registration (caller frees each). */
enum store_err store_registration_load(struct store *st, int64_t reg_id,
    char **needs, char ***theme_keys, size_t *nthemes);

/* Stars (on) or unstars the session (its store id) for the registration;
 * both are idempotent. */
enum store_err store_interest_set(
    struct store *st, int64_t reg_id, int64_t session_id, bool on);

/* The sessions the registration starred: marks[i] for ag->sessions[i]. */
enum store_err store_registration_marks(
    struct store *st, int64_t reg_id, const struct agenda *ag, bool *marks);

/* The registration's live calendar token; STORE_ERR_NOTFOUND if none. */
enum store_err store_calendar_token_active(
    struct store *st, int64_t reg_id, char out[CALENDAR_TOKEN_LEN + 1]);

#endif
