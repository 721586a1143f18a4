/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * agenda_io.h: what the programme readers and writers share (frab XML,
 * schedule.json, iCalendar, CSV, JSON, datapackage): reading ISO 8601
 * times with offsets, finishing an imported agenda (time zone, dates,
 * GUIDs), and writing local times with the zone's offset.
 *
 * Readers report problems they work around as warnings, one line each,
 * "FILE:LINE: skipped ...", and fatal problems as one error line
 * "FILE:LINE: reason"; on error the agenda must be discarded.
 */
#ifndef CABILDO_AGENDA_IO_H
#define CABILDO_AGENDA_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/agenda.h"
#include "util/buf.h"

/* Caps on what an import reads. */
#define AGENDA_FILE_MAX  ((size_t)64 << 20)
#define AGENDA_TEXT_MAX  ((size_t)256 << 10) /* one title, abstract... */
#define AGENDA_DEPTH_MAX 32

enum agenda_read_err {
	AGENDA_READ_OK,
	AGENDA_READ_SYNTAX,  /* not well-formed XML or JSON */
	AGENDA_READ_INVALID, /* well-formed, but not a schedule */
	AGENDA_READ_TOOBIG,  /* over a cap */
	AGENDA_READ__MAX
};

const char *agenda_read_strerror(enum agenda_read_err err);

/*
 * Parses "YYYY-MM-DDTHH:MM[:SS][.fff][Z|+HH:MM|-HH:MM]" into a local date
 * and minute; *offset (minutes east) and *has_offset tell the zone.
 */
bool agenda_parse_datetime(
    const char *s, int64_t *date, int *minute, int *offset, bool *has_offset);

/*
 * After a reader: sorts the sessions, makes GUIDs for sessions without a
 * valid or unique one (warning for the replaced ones), sets the event's
 * first and last days from the sessions when missing, and the time zone
 * from the offsets seen ("Etc/GMT-1") when the file names none.
 */
void agenda_import_finish(struct agenda *ag, int offset_seen, bool has_offset,
    const char *file, struct buf *warn);

/* Offset (minutes east) of the event's zone at a local time. */
int agenda_offset(const struct agenda *ag, int64_t date, int minute);

/* "2025-02-01T10:35:00+01:00" for a local time of the event. */
void agenda_iso_local(
    const struct agenda *ag, int64_t date, int minute, struct buf *out);
/* "2025-02-01T09:35:00Z" (RFC 5545 UTC form "20250201T093500Z" when
 * compact). */
void agenda_iso_utc(const struct agenda *ag, int64_t date, int minute,
    bool compact, struct buf *out);

/* The schedule.json acronym for a slug (hyphens as underscores when the
 * c3voc pattern needs it), into out[max]. */
void agenda_acronym(const char *slug, char *out, size_t max);

/* A sessions's id for exports: the source id when positive and unique,
 * else numbers after the largest; ids[ag->nsessions], caller frees. */
int64_t *agenda_export_ids(const struct agenda *ag);

#endif
