/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * frab_xml.h: the frab/pentabarf schedule.xml format that conference
 * apps (Giggity, ConfClerk, EventFahrplan) read.
 *
 * The reader takes what real exports hold, which often breaks the c3voc
 * XSD: <tracks> lists, events without a <room> wrapper (pentabarf),
 * non-UUID guids, missing <date>.  It refuses any DOCTYPE (so no entity
 * is ever expanded: no XML bombs), never touches the network, and caps
 * nesting, sizes and counts.  Whatever it cannot place (an event without
 * a start, a room or a title) is reported in warn with its line and left
 * out.  The writer's output validates against c3voc's schedule.xml.xsd.
 */
#ifndef CABILDO_FRAB_XML_H
#define CABILDO_FRAB_XML_H

#include <stddef.h>

#include "core/agenda.h"
#include "formats/agenda_io.h"
#include "util/buf.h"

/*
 * Fills ag (in agenda_init state) from text[0..len); file names the
 * source in messages.  On error, err holds "FILE:LINE: reason" and ag
 * must be released without use.
 */
enum agenda_read_err frab_xml_read(const char *text, size_t len,
    const char *file, struct agenda *ag, struct buf *warn, struct buf *err);

/* Appends the agenda as schedule.xml to out. */
void frab_xml_write(const struct agenda *ag, struct buf *out);

#endif
