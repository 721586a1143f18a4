/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * schedule_json.h: c3voc's schedule.json (the frab/pretalx JSON form of
 * schedule.xml).  The reader accepts real exports (frab, pretalx, the
 * voc "everything" merges) and reports events it cannot place with their
 * line; the writer's output validates against c3voc's
 * schedule.schema.json (draft-06).
 */
#ifndef CABILDO_SCHEDULE_JSON_H
#define CABILDO_SCHEDULE_JSON_H

#include <stddef.h>

#include "core/agenda.h"
#include "formats/agenda_io.h"
#include "util/buf.h"

#define SCHEDULE_JSON_DEPTH_MAX 64

/* As frab_xml_read, for schedule.json text. */
enum agenda_read_err schedule_json_read(const char *text, size_t len,
    const char *file, struct agenda *ag, struct buf *warn, struct buf *err);

/* Appends the agenda as schedule.json to out. */
void schedule_json_write(const struct agenda *ag, struct buf *out);

#endif
