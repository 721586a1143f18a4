/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * export.h: one table of the agenda's open-data formats, so that
 * `cabildo export` and the web server write the same bytes for the same
 * data: the name used on the command line, the file name in the URL, the
 * media type and the encoder.
 */
#ifndef CABILDO_EXPORT_H
#define CABILDO_EXPORT_H

#include <stdbool.h>

#include "core/agenda.h"
#include "util/buf.h"

enum export_format {
	EXPORT_FRAB,          /* schedule.xml */
	EXPORT_SCHEDULE_JSON, /* schedule.json */
	EXPORT_ICAL,          /* schedule.ics */
	EXPORT_CSV,           /* sessions.csv */
	EXPORT_JSON,          /* the API's sessions, all in one page */
	EXPORT_DATAPACKAGE,   /* datapackage.json */
	EXPORT__MAX
};

struct export_info {
	const char *name;         /* "frab", as --format takes it */
	const char *file;         /* "schedule.xml"; NULL: no file URL */
	const char *content_type; /* with charset */
};

extern const struct export_info export_formats[EXPORT__MAX];

/* By --format name or by file name; false when unknown. */
bool export_by_name(const char *name, enum export_format *out);
bool export_by_file(const char *file, enum export_format *out);

/* Appends the agenda in format f. */
void export_write(
    const struct agenda *ag, enum export_format f, struct buf *out);

#endif
