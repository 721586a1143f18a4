/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * tz.h: UTC offsets of IANA time zones, read from the system's compiled
 * zone files (/usr/share/zoneinfo, TZif), without touching the process's
 * TZ, so that server threads can ask at the same time.  Zones are loaded
 * once and cached for the life of the process.  Only explicit transitions
 * are used (Debian ships "fat" files with transitions up to 2037).
 */
#ifndef CABILDO_TZ_H
#define CABILDO_TZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TZ_ABBR_MAX 8

struct tz_change {
	int64_t utc;            /* seconds since the epoch */
	int from;               /* offset before, minutes east of UTC */
	int to;                 /* offset after */
	bool dst;               /* the offset after is daylight saving time */
	char abbr[TZ_ABBR_MAX]; /* "CEST"; may be a number like "-03" */
};

/* True when name is a loadable zone ("Europe/Brussels", "UTC"). */
bool tz_known(const char *name);

/*
 * The offset (minutes east of UTC) in force at local time days*1440+min
 * in zone name; 0 and false for an unknown zone.  In a gap or an overlap
 * it takes the offset before the change.
 */
bool tz_offset_local(const char *name, int64_t local_min, int *offset);

/*
 * The changes of zone name in [from, to) (UTC seconds), at most max of
 * them into out; returns how many.  *base gets the state in force at
 * from (its `utc` is from and `from` equals `to`).
 */
size_t tz_changes(const char *name, int64_t from, int64_t to,
    struct tz_change *base, struct tz_change *out, size_t max);

#endif
