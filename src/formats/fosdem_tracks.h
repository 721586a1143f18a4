/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fosdem_tracks.h: a minimal reader of frab/pentabarf schedule.xml files
 * (FOSDEM's) for their talks' title, subtitle, abstract and description,
 * labelled by <track>.  Not the agenda importer: it keeps only labelled
 * text, for the theme classifier's benchmark.
 *
 * The file is parsed without network access and without entity
 * substitution (no XXE); files over FOSDEM_XML_MAX are refused.  Events
 * without a track or without any text are skipped.
 */
#ifndef CABILDO_FOSDEM_TRACKS_H
#define CABILDO_FOSDEM_TRACKS_H

#include <stdbool.h>

#include "formats/labelled.h"
#include "util/buf.h"

#define FOSDEM_XML_MAX ((size_t)64 << 20)

/* Appends the file's talks to out; on failure appends a line to err. */
bool fosdem_tracks_read(
    const char *path, struct labelled_docs *out, struct buf *err);

#endif
