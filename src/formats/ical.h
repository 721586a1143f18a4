/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * ical.h: the agenda as RFC 5545 iCalendar: one VTIMEZONE built from the
 * system's zone data for the event's time zone, then one VEVENT per
 * session with a stable UID (its GUID), local times with TZID, lines
 * folded at 75 octets and CRLF endings.
 */
#ifndef CABILDO_ICAL_H
#define CABILDO_ICAL_H

#include <stdbool.h>

#include "core/agenda.h"
#include "util/buf.h"

/*
 * Appends a VCALENDAR with the sessions i for which which[i] (every
 * session when which is NULL); name is the calendar's display name
 * (NULL: the event title).  DTSTAMP is ag->modified, so the same data
 * gives the same bytes.
 */
void ical_write(const struct agenda *ag, const bool *which, const char *name,
    struct buf *out);

#endif
