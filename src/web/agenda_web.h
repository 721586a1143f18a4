/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * agenda_web.h: what the published agenda's pages share (page_agenda.c,
 * page_session.c, page_speaker.c, page_export.c, api_sessions.c): a
 * per-thread copy of each event's agenda, loaded once per database
 * generation, with its exports encoded (and gzipped) once, and the
 * helpers that send them with ETag, Last-Modified and CORS.
 */
#ifndef CABILDO_AGENDA_WEB_H
#define CABILDO_AGENDA_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/agenda.h"
#include "core/event.h"
#include "formats/export.h"
#include "web/web.h"

struct agenda_blob {
	char *body;
	size_t len;
	char *gz; /* NULL when not compressed yet */
	size_t gzlen;
	uint64_t hash; /* of body, for the ETag */
};

struct agenda_view {
	char *slug;
	uint64_t generation;
	struct event ev;
	struct agenda ag;
	char last_modified[32]; /* RFC 7231 date of ag.modified */
	struct agenda_blob blobs[EXPORT__MAX];
};

/*
 * This thread's view of the event named slug, valid until the handler
 * returns; sets the page language among the event's.  On failure writes
 * the 404 or 500 page and returns NULL.
 */
const struct agenda_view *agenda_view_get(
    struct request *req, struct response *resp, const char *slug);

/* True when the client takes gzip (Accept-Encoding). */
bool agenda_accepts_gzip(const struct request *req);

/*
 * Sends body[0..len) as an open-data download: 200, ETag from the bytes,
 * Last-Modified, CORS for everyone, gzip when the client takes it.
 * gz (may be NULL) is the body already compressed.
 */
void agenda_send(struct request *req, struct response *resp,
    const char *content_type, const char *last_modified, const char *body,
    size_t len, const char *gz, size_t gzlen);
/* The same for an export kept in the view (encoded on first use). */
void agenda_send_blob(struct request *req, struct response *resp,
    const struct agenda_view *v, enum export_format f);

/* Compresses in[0..len) as gzip into out (malloc'd); false on error. */
bool agenda_gzip(const char *in, size_t len, char **out, size_t *outlen);

/* Index of the session with that GUID in ag, or -1. */
long agenda_find_guid(const struct agenda *ag, const char *guid);

/* A session type's name: the event format's, when it is one; else s. */
const char *agenda_type_name(
    const struct agenda_view *v, const char *type, enum lang lang);

/* "10:35–11:00" */
void agenda_time_range(struct buf *b, const struct agenda_session *s);

/*
 * Writes session i as a list item of an agenda: time, room, linked
 * title, track, type, language and speakers; with_day adds the date.
 */
void agenda_session_li(struct request *req, struct buf *b,
    const struct agenda_view *v, size_t i, bool with_day);
/* The stylesheet and script of the agenda pages, after layout_begin. */
void agenda_assets(struct buf *b);

/*
 * Star buttons for the signed-in visitor (page_participant.c): between
 * participant_marks_begin and participant_marks_end, which the page calls
 * around its list, participant_star_button writes a form that stars or
 * unstars session i (a button that works without JavaScript); outside
 * them, or signed out, it writes nothing.  begin marks the page private.
 */
void participant_marks_begin(
    struct request *req, struct response *resp, const struct agenda_view *v);
void participant_star_button(
    struct request *req, struct buf *b, const struct agenda_view *v, size_t i);
void participant_marks_end(void);

/* Sends session i of v as its own iCalendar file. */
void agenda_session_ics(struct request *req, struct response *resp,
    const struct agenda_view *v, size_t i);

#endif
