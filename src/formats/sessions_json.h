/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sessions_json.h: the agenda's sessions as the JSON of the public API
 * (/api/v1/events/{event}/sessions), a page at a time.
 */
#ifndef CABILDO_SESSIONS_JSON_H
#define CABILDO_SESSIONS_JSON_H

#include <stddef.h>

#include "core/agenda.h"
#include "util/buf.h"

#define SESSIONS_JSON_LIMIT_MAX 1000

/*
 * Appends sessions [offset, offset + limit) (limit 0: all of them) as
 * {"event", "total", "offset", "limit", "next", "sessions": [...]};
 * "next" is the path of the following page, or null.
 */
void sessions_json_write(
    const struct agenda *ag, size_t offset, size_t limit, struct buf *out);

#endif
