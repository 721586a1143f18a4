/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * tz.c: a reader for TZif files (RFC 8536), versions 1 to 4, and the
 * per-process cache of zones of tz.h.
 */
#include "util/tz.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

#define TZ_DIR       "/usr/share/zoneinfo/"
#define TZ_FILE_MAX  ((size_t)1 << 18)
#define TZ_CACHE_MAX 32

struct tz_type {
	int off; /* minutes */
	bool dst;
	char abbr[TZ_ABBR_MAX];
};

struct tz_zone {
	char name[64];
	bool ok;
	int64_t *times; /* UTC seconds of each transition */
	unsigned char *idx;
	size_t ntimes;
	struct tz_type *types;
	size_t ntypes;
	size_t first; /* type before the first transition */
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tz_zone cache[TZ_CACHE_MAX];
static size_t ncache;

static bool
name_valid(const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n >= sizeof(cache[0].name) || name[0] == '/' ||
	    strstr(name, "..") != NULL)
		return false;
	for (i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || c == '/' || c == '_' ||
			c == '-' || c == '+'))
			return false;
	}
	return true;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int64_t
be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* Parses one data block; v2 selects 8-byte times.  Returns its size. */
static size_t
parse_block(
    const unsigned char *p, size_t len, bool v2, struct tz_zone *z, bool keep)
{
	size_t isut, isstd, leap, timecnt, typecnt, charcnt, tsz, need, i;
	const unsigned char *d, *types, *chars;

	if (len < 44 || memcmp(p, "TZif", 4) != 0)
		return 0;
	isut = be32(p + 20);
	isstd = be32(p + 24);
	leap = be32(p + 28);
	timecnt = be32(p + 32);
	typecnt = be32(p + 36);
	charcnt = be32(p + 40);
	tsz = v2 ? 8 : 4;
	if (timecnt > 10000 || typecnt == 0 || typecnt > 256 ||
	    charcnt > 4096 || leap > 1000 || isut > 256 || isstd > 256)
		return 0;
	need = 44 + timecnt * tsz + timecnt + typecnt * 6 + charcnt +
	    leap * (tsz + 4) + isstd + isut;
	if (need > len)
		return 0;
	if (!keep)
		return need;
	d = p + 44;
	types = d + timecnt * tsz + timecnt;
	chars = types + typecnt * 6;
	z->times = xcalloc(timecnt + 1, sizeof(*z->times));
	z->idx = xcalloc(timecnt + 1, 1);
	z->types = xcalloc(typecnt, sizeof(*z->types));
	for (i = 0; i < timecnt; i++) {
		z->times[i] = v2 ? be64(d + i * 8) : (int32_t)be32(d + i * 4);
		z->idx[i] = d[timecnt * tsz + i];
		if (z->idx[i] >= typecnt)
			return 0;
	}
	for (i = 0; i < typecnt; i++) {
		const unsigned char *t = types + i * 6;
		size_t ai = t[5];

		z->types[i].off = (int32_t)be32(t) / 60;
		z->types[i].dst = t[4] != 0;
		if (ai < charcnt)
			snprintf(z->types[i].abbr, TZ_ABBR_MAX, "%.*s",
			    (int)strnlen(
				(const char *)chars + ai, charcnt - ai),
			    (const char *)chars + ai);
	}
	z->ntimes = timecnt;
	z->ntypes = typecnt;
	/* RFC 8536 3.2: before the first transition, the first non-DST
	 * type, or type 0. */
	z->first = 0;
	for (i = 0; i < typecnt; i++)
		if (!z->types[i].dst) {
			z->first = i;
			break;
		}
	return need;
}

static void
load(struct tz_zone *z, const char *name)
{
	char path[128], *text = NULL;
	size_t len = 0, n1;
	const unsigned char *p;

	snprintf(z->name, sizeof(z->name), "%s", name);
	snprintf(path, sizeof(path), TZ_DIR "%s", name);
	if (read_file(path, TZ_FILE_MAX, &text, &len) != READ_OK)
		return;
	p = (const unsigned char *)text;
	if (len >= 44 && memcmp(p, "TZif", 4) == 0) {
		if (p[4] >= '2') {
			n1 = parse_block(p, len, false, z, false);
			if (n1 > 0)
				z->ok = parse_block(p + n1, len - n1, true, z,
					    true) > 0;
		} else {
			z->ok = parse_block(p, len, false, z, true) > 0;
		}
	}
	free(text);
}

static const struct tz_zone *
zone_get(const char *name)
{
	const struct tz_zone *found = NULL;
	size_t i;

	if (!name_valid(name))
		return NULL;
	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < ncache; i++)
		if (strcmp(cache[i].name, name) == 0) {
			found = &cache[i];
			break;
		}
	if (found == NULL && ncache < TZ_CACHE_MAX) {
		load(&cache[ncache], name);
		found = &cache[ncache++];
	}
	pthread_mutex_unlock(&cache_lock);
	return found != NULL && found->ok ? found : NULL;
}

bool
tz_known(const char *name)
{
	return zone_get(name) != NULL;
}

static const struct tz_type *
type_at(const struct tz_zone *z, size_t i)
{
	return i == 0 ? &z->types[z->first] : &z->types[z->idx[i - 1]];
}

bool
tz_offset_local(const char *name, int64_t local_min, int *offset)
{
	const struct tz_zone *z = zone_get(name);
	size_t i;
	int off;

	*offset = 0;
	if (z == NULL)
		return false;
	/* The state i (after i transitions) applies from times[i-1]. */
	off = type_at(z, 0)->off;
	for (i = 0; i < z->ntimes; i++) {
		int64_t at_local = z->times[i] / 60 + off;

		if (local_min < at_local)
			break;
		off = z->types[z->idx[i]].off;
	}
	*offset = off;
	return true;
}

size_t
tz_changes(const char *name, int64_t from, int64_t to, struct tz_change *base,
    struct tz_change *out, size_t max)
{
	const struct tz_zone *z = zone_get(name);
	const struct tz_type *t;
	size_t i, n = 0;

	memset(base, 0, sizeof(*base));
	base->utc = from;
	snprintf(base->abbr, TZ_ABBR_MAX, "UTC");
	if (z == NULL)
		return 0;
	for (i = 0; i < z->ntimes && z->times[i] <= from; i++)
		;
	t = type_at(z, i);
	base->from = base->to = t->off;
	base->dst = t->dst;
	memcpy(base->abbr, t->abbr, TZ_ABBR_MAX);
	for (; i < z->ntimes && z->times[i] < to && n < max; i++) {
		const struct tz_type *before = type_at(z, i);
		const struct tz_type *after = &z->types[z->idx[i]];

		if (before->off == after->off && before->dst == after->dst)
			continue;
		out[n].utc = z->times[i];
		out[n].from = before->off;
		out[n].to = after->off;
		out[n].dst = after->dst;
		memcpy(out[n].abbr, after->abbr, TZ_ABBR_MAX);
		n++;
	}
	return n;
}
