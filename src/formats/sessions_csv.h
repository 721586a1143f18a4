/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sessions_csv.h: the agenda as one CSV table, a row per session (RFC
 * 4180: CRLF, quotes doubled), with the columns datapackage.json
 * describes (SESSIONS_CSV_COLUMNS).
 */
#ifndef CABILDO_SESSIONS_CSV_H
#define CABILDO_SESSIONS_CSV_H

#include <stddef.h>

#include "core/agenda.h"
#include "util/buf.h"

struct csv_column {
	const char *name;
	const char *type; /* Frictionless Table Schema type */
	const char *description;
};

extern const struct csv_column sessions_csv_columns[];
extern const size_t sessions_csv_ncolumns;

void sessions_csv_write(const struct agenda *ag, struct buf *out);

#endif
