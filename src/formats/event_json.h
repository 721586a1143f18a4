/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * event_json.h: the event definition file (docs/event-format.md) into a
 * struct event.
 *
 * The parser is strict: unknown or duplicate fields, wrong types, values out
 * of range, duplicate keys, slots that overlap, texts missing a language of
 * the event, invalid UTF-8 and NUL bytes are all errors.  The first error is
 * written to err as "FILE:LINE:COL: PATH: message" and the event is left
 * empty (event_init state).
 */
#ifndef CABILDO_EVENT_JSON_H
#define CABILDO_EVENT_JSON_H

#include <stddef.h>

#include "core/event.h"
#include "util/buf.h"

#define EVENT_JSON_MAX_BYTES ((size_t)4 << 20)
#define EVENT_JSON_VERSION   1

enum event_json_err {
	EVENT_JSON_OK,
	EVENT_JSON_TOOBIG,  /* over EVENT_JSON_MAX_BYTES */
	EVENT_JSON_SYNTAX,  /* not JSON, or not UTF-8 */
	EVENT_JSON_INVALID, /* JSON, but not a valid event */
	EVENT_JSON__MAX
};

const char *event_json_strerror(enum event_json_err err);

/*
 * Parses text[0..len) (need not be NUL-terminated) named fname in messages
 * into ev, which must be in event_init state.
 */
enum event_json_err event_json_parse(const char *text, size_t len,
    const char *fname, struct event *ev, struct buf *err);

#endif
