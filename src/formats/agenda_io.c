/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * agenda_io.c: the helpers of agenda_io.h.
 */
#include "formats/agenda_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/tz.h"
#include "util/util.h"

const char *
agenda_read_strerror(enum agenda_read_err err)
{
	static const char *const msgs[AGENDA_READ__MAX] = {
		[AGENDA_READ_OK] = "success",
		[AGENDA_READ_SYNTAX] = "malformed file",
		[AGENDA_READ_INVALID] = "not a schedule",
		[AGENDA_READ_TOOBIG] = "over a size limit",
	};

	return (unsigned)err < AGENDA_READ__MAX ? msgs[err] : "unknown error";
}

static bool
digits(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool
agenda_parse_datetime(
    const char *s, int64_t *date, int *minute, int *offset, bool *has_offset)
{
	char day[11];
	int h, m, sec, oh, om;
	const char *p;

	*has_offset = false;
	*offset = 0;
	if (strlen(s) < 16 || (s[10] != 'T' && s[10] != ' '))
		return false;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (!parse_date(day, date))
		return false;
	if (!digits(s + 11, 2, &h) || s[13] != ':' || !digits(s + 14, 2, &m) ||
	    h > 23 || m > 59)
		return false;
	p = s + 16;
	if (*p == ':') {
		if (!digits(p + 1, 2, &sec) || sec > 60)
			return false;
		p += 3;
		if (*p == '.')
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
	}
	*minute = h * 60 + m;
	if (*p == '\0')
		return true;
	if (*p == 'Z' && p[1] == '\0') {
		*has_offset = true;
		return true;
	}
	if ((*p == '+' || *p == '-') && strlen(p) == 6 &&
	    digits(p + 1, 2, &oh) && p[3] == ':' && digits(p + 4, 2, &om) &&
	    oh < 24 && om < 60) {
		*offset = (*p == '-' ? -1 : 1) * (oh * 60 + om);
		*has_offset = true;
		return true;
	}
	return false;
}

static const struct agenda *guid_sort_ag;

static int
cmp_guid(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(
	    guid_sort_ag->sessions[x].guid, guid_sort_ag->sessions[y].guid);

	if (c != 0)
		return c;
	return x < y ? -1 : x > y;
}

/* Replaces missing, malformed and repeated GUIDs by name-based ones. */
static void
fix_guids(struct agenda *ag, const char *file, struct buf *warn)
{
	size_t *order = xcalloc(ag->nsessions + 1, sizeof(*order));
	size_t i, replaced = 0;
	char seed[64];

	for (i = 0; i < ag->nsessions; i++) {
		struct agenda_session *s = &ag->sessions[i];
		size_t k;

		for (k = 0; s->guid[k] != '\0'; k++)
			if (s->guid[k] >= 'A' && s->guid[k] <= 'F')
				s->guid[k] = (char)(s->guid[k] - 'A' + 'a');
		if (!agenda_guid_valid(s->guid)) {
			snprintf(seed, sizeof(seed), "%lld:%s",
			    (long long)s->ext_id,
			    s->guid[0] != '\0' ? s->guid : "");
			agenda_guid_make(ag->slug != NULL ? ag->slug : "",
			    s->ext_id != 0 || s->guid[0] != '\0' ? seed
								 : s->title,
			    s->guid);
			replaced += s->ext_id != 0 || s->guid[0] != '\0';
		}
		order[i] = i;
	}
	guid_sort_ag = ag;
	qsort(order, ag->nsessions, sizeof(*order), cmp_guid);
	for (i = 1; i < ag->nsessions; i++) {
		struct agenda_session *s = &ag->sessions[order[i]];

		if (strcmp(s->guid, ag->sessions[order[i - 1]].guid) != 0)
			continue;
		snprintf(seed, sizeof(seed), "dup:%zu:%lld", order[i],
		    (long long)agenda_session_start(s));
		agenda_guid_make(s->guid, seed, s->guid);
		buf_addf(warn,
		    "%s: session '%.60s': repeated guid, made a new one\n",
		    file, s->title);
	}
	free(order);
	if (replaced > 0)
		buf_addf(warn,
		    "%s: %zu sessions had no valid UUID as guid: "
		    "made stable ones\n",
		    file, replaced);
}

void
agenda_import_finish(struct agenda *ag, int offset_seen, bool has_offset,
    const char *file, struct buf *warn)
{
	size_t i;

	fix_guids(ag, file, warn);
	agenda_sort(ag);
	for (i = 0; i < ag->nsessions; i++) {
		const struct agenda_session *s = &ag->sessions[i];

		if (ag->start_date == 0 || s->day < ag->start_date)
			ag->start_date = s->day;
		if (s->day > ag->end_date)
			ag->end_date = s->day;
	}
	if (ag->end_date < ag->start_date)
		ag->end_date = ag->start_date;
	if (ag->timezone != NULL && !tz_known(ag->timezone)) {
		buf_addf(warn,
		    "%s: unknown time zone '%s': using the offsets "
		    "of the times\n",
		    file, ag->timezone);
		free(ag->timezone);
		ag->timezone = NULL;
	}
	if (ag->timezone == NULL) {
		char name[32];

		if (has_offset && offset_seen != 0 && offset_seen % 60 == 0)
			/* POSIX sign: Etc/GMT-1 is one hour east. */
			snprintf(name, sizeof(name), "Etc/GMT%+d",
			    -offset_seen / 60);
		else
			snprintf(name, sizeof(name), "UTC");
		if (!has_offset)
			buf_addf(warn,
			    "%s: no time zone and no UTC offsets: times "
			    "taken as UTC\n",
			    file);
		ag->timezone = xstrdup(name);
	}
}

int
agenda_offset(const struct agenda *ag, int64_t date, int minute)
{
	int off = 0;

	if (ag->timezone != NULL)
		tz_offset_local(ag->timezone, date * 1440 + minute, &off);
	return off;
}

void
agenda_iso_local(
    const struct agenda *ag, int64_t date, int minute, struct buf *out)
{
	char d[11];
	int off;

	agenda_norm(&date, &minute);
	off = agenda_offset(ag, date, minute);
	format_date(date, d);
	buf_addf(out, "%sT%02d:%02d:00%c%02d:%02d", d, minute / 60, minute % 60,
	    off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
}

void
agenda_iso_utc(const struct agenda *ag, int64_t date, int minute, bool compact,
    struct buf *out)
{
	char d[11];

	agenda_norm(&date, &minute);
	minute -= agenda_offset(ag, date, minute);
	agenda_norm(&date, &minute);
	format_date(date, d);
	if (compact)
		buf_addf(out, "%.4s%.2s%.2sT%02d%02d00Z", d, d + 5, d + 8,
		    minute / 60, minute % 60);
	else
		buf_addf(out, "%sT%02d:%02d:00Z", d, minute / 60, minute % 60);
}

void
agenda_acronym(const char *slug, char *out, size_t max)
{
	size_t i;

	snprintf(out, max, "%s", slug != NULL ? slug : "event");
	/* c3voc: ^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$ */
	for (i = 1; out[i] != '\0'; i++)
		if (out[i] == '-')
			out[i] = '_';
	for (i = strlen(out); i < 4 && i + 1 < max; i++) {
		out[i] = '_';
		out[i + 1] = '\0';
	}
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

int64_t *
agenda_export_ids(const struct agenda *ag)
{
	int64_t *ids = xcalloc(ag->nsessions + 1, sizeof(*ids));
	int64_t *sorted = xcalloc(ag->nsessions + 1, sizeof(*sorted));
	int64_t next = 0;
	size_t i, n = 0;

	for (i = 0; i < ag->nsessions; i++)
		if (ag->sessions[i].ext_id > 0)
			sorted[n++] = ag->sessions[i].ext_id;
	qsort(sorted, n, sizeof(*sorted), cmp_i64);
	if (n > 0)
		next = sorted[n - 1];
	for (i = 0; i < ag->nsessions; i++) {
		int64_t e = ag->sessions[i].ext_id;
		int64_t *lo = e > 0
		    ? bsearch(&e, sorted, n, sizeof(*sorted), cmp_i64)
		    : NULL;
		/* Unique when its neighbours differ; the first keeps it. */
		bool dup = lo != NULL &&
		    ((lo > sorted && lo[-1] == e) ||
			(lo + 1 < sorted + n && lo[1] == e));
		size_t j;

		if (lo != NULL && dup)
			for (j = 0; j < i; j++)
				if (ag->sessions[j].ext_id == e) {
					lo = NULL;
					break;
				}
		ids[i] = lo != NULL ? e : ++next;
	}
	free(sorted);
	return ids;
}
