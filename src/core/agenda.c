/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * agenda.c: building and ordering the published programme of agenda.h.
 */
#include "core/agenda.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

void
agenda_init(struct agenda *ag)
{
	memset(ag, 0, sizeof(*ag));
	ag->timeslot_min = 5;
}

static void
session_release(struct agenda_session *s)
{
	free(s->title);
	free(s->subtitle);
	free(s->abstract);
	free(s->description);
	free(s->type);
	free(s->language);
	free(s->url);
	free(s->persons);
}

void
agenda_release(struct agenda *ag)
{
	size_t i;

	free(ag->slug);
	free(ag->title);
	free(ag->subtitle);
	free(ag->venue);
	free(ag->city);
	free(ag->timezone);
	free(ag->url);
	free(ag->licence);
	for (i = 0; i < ag->ntracks; i++) {
		free(ag->tracks[i].key);
		free(ag->tracks[i].name);
		free(ag->tracks[i].color);
	}
	free(ag->tracks);
	for (i = 0; i < ag->nrooms; i++) {
		free(ag->rooms[i].key);
		free(ag->rooms[i].name);
	}
	free(ag->rooms);
	for (i = 0; i < ag->npersons; i++)
		free(ag->persons[i].name);
	free(ag->persons);
	for (i = 0; i < ag->nsessions; i++)
		session_release(&ag->sessions[i]);
	free(ag->sessions);
	agenda_init(ag);
}

/* Folds the Latin-1 supplement letters (U+00C0..U+00FF) to ASCII. */
static char
fold_latin1(unsigned cp)
{
	static const char map[] = "aaaaaaaceeeeiiiidnooooox0uuuuyts"
				  "aaaaaaaceeeeiiiidnooooo-0uuuuyty";

	return cp >= 0xc0 && cp <= 0xff ? map[cp - 0xc0] : 0;
}

void
agenda_keyify(const char *name, char *key, size_t max)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t n = 0;
	bool dash = false;
	char c;

	if (max < 2)
		return;
	while (*p != '\0' && n + 1 < max) {
		c = 0;
		if (*p < 0x80) {
			c = (char)*p;
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			p++;
		} else if ((p[0] & 0xe0) == 0xc0 && p[1] != '\0') {
			c = fold_latin1(
			    ((unsigned)(p[0] & 0x1f) << 6) | (p[1] & 0x3f));
			p += 2;
		} else {
			p++;
			while ((*p & 0xc0) == 0x80)
				p++;
		}
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && n > 0 && n + 2 < max)
				key[n++] = '-';
			key[n++] = c;
			dash = false;
		} else {
			dash = true;
		}
	}
	if (n == 0)
		key[n++] = 'x';
	key[n] = '\0';
}

/* A key for name, unique among the n keys at keys[i * stride]. */
static char *
unique_key(const char *name, const char *const *keys, size_t n, size_t stride)
{
	char key[56], try[64];
	size_t i, k;
	bool taken;

	agenda_keyify(name, key, sizeof(key));
	for (k = 1;; k++) {
		if (k == 1)
			snprintf(try, sizeof(try), "%s", key);
		else
			snprintf(try, sizeof(try), "%s-%zu", key, k);
		taken = false;
		for (i = 0; i < n && !taken; i++)
			taken =
			    strcmp(*(const char *const *)(const void
					   *)((const char *)keys + i * stride),
				try) == 0;
		if (!taken)
			return xstrdup(try);
	}
}

size_t
agenda_track_intern(struct agenda *ag, const char *name)
{
	size_t i, cap = ag->ntracks;
	struct agenda_track *t;

	for (i = 0; i < ag->ntracks; i++)
		if (strcmp(ag->tracks[i].name, name) == 0)
			return i;
	XGROW(ag->tracks, cap, ag->ntracks + 1);
	t = &ag->tracks[ag->ntracks];
	memset(t, 0, sizeof(*t));
	t->key = unique_key(name, (const char *const *)(const void *)ag->tracks,
	    ag->ntracks, sizeof(*t));
	t->name = xstrdup(name);
	return ag->ntracks++;
}

size_t
agenda_room_intern(struct agenda *ag, const char *name)
{
	size_t i, cap = ag->nrooms;
	struct agenda_room *r;

	for (i = 0; i < ag->nrooms; i++)
		if (strcmp(ag->rooms[i].name, name) == 0)
			return i;
	XGROW(ag->rooms, cap, ag->nrooms + 1);
	r = &ag->rooms[ag->nrooms];
	memset(r, 0, sizeof(*r));
	r->key = unique_key(name, (const char *const *)(const void *)ag->rooms,
	    ag->nrooms, sizeof(*r));
	r->name = xstrdup(name);
	return ag->nrooms++;
}

size_t
agenda_person_intern(struct agenda *ag, int64_t ext_id, const char *name)
{
	size_t i, cap = ag->npersons;
	struct agenda_person *p;

	for (i = ag->npersons; i-- > 0;) {
		p = &ag->persons[i];
		if (ext_id != 0 ? p->ext_id == ext_id
				: p->ext_id == 0 && strcmp(p->name, name) == 0)
			return i;
	}
	XGROW(ag->persons, cap, ag->npersons + 1);
	p = &ag->persons[ag->npersons];
	memset(p, 0, sizeof(*p));
	p->ext_id = ext_id;
	p->name = xstrdup(name);
	return ag->npersons++;
}

struct agenda_session *
agenda_session_add(struct agenda *ag)
{
	size_t cap = ag->nsessions;
	struct agenda_session *s;

	XGROW(ag->sessions, cap, ag->nsessions + 1);
	s = &ag->sessions[ag->nsessions++];
	memset(s, 0, sizeof(*s));
	s->track = AGENDA_NONE;
	s->room = AGENDA_NONE;
	return s;
}

void
agenda_session_add_person(struct agenda_session *s, size_t person)
{
	size_t i, cap = s->npersons;

	for (i = 0; i < s->npersons; i++)
		if (s->persons[i] == person)
			return;
	XGROW(s->persons, cap, s->npersons + 1);
	s->persons[s->npersons++] = person;
}

int64_t
agenda_session_start(const struct agenda_session *s)
{
	return s->date * 1440 + s->start_min;
}

void
agenda_norm(int64_t *date, int *minute)
{
	while (*minute < 0) {
		*minute += 1440;
		(*date)--;
	}
	while (*minute >= 1440) {
		*minute -= 1440;
		(*date)++;
	}
}

static int
cmp_session(const void *a, const void *b)
{
	const struct agenda_session *x = a, *y = b;
	int64_t sx = agenda_session_start(x), sy = agenda_session_start(y);

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (sx != sy)
		return sx < sy ? -1 : 1;
	if (x->room != y->room)
		return x->room < y->room ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return strcmp(x->guid, y->guid);
}

void
agenda_sort(struct agenda *ag)
{
	if (ag->nsessions > 1)
		qsort(ag->sessions, ag->nsessions, sizeof(*ag->sessions),
		    cmp_session);
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

size_t
agenda_days(const struct agenda *ag, int64_t **days)
{
	int64_t *d = xcalloc(ag->nsessions + 1, sizeof(*d));
	size_t i, n = 0, w;

	for (i = 0; i < ag->nsessions; i++)
		d[n++] = ag->sessions[i].day;
	qsort(d, n, sizeof(*d), cmp_i64);
	for (i = 0, w = 0; i < n; i++)
		if (w == 0 || d[w - 1] != d[i])
			d[w++] = d[i];
	*days = d;
	return w;
}

bool
agenda_guid_valid(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != AGENDA_GUID_LEN)
		return false;
	for (i = 0; i < AGENDA_GUID_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!((s[i] >= '0' && s[i] <= '9') ||
			       (s[i] >= 'a' && s[i] <= 'f') ||
			       (s[i] >= 'A' && s[i] <= 'F'))) {
			return false;
		}
	}
	return true;
}

static uint64_t
fnv1a(uint64_t h, const char *s)
{
	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

void
agenda_guid_make(const char *a, const char *b, char out[AGENDA_GUID_LEN + 1])
{
	uint64_t h1 = fnv1a(fnv1a(0xcbf29ce484222325ULL, a), "\x1f");
	uint64_t h2;
	unsigned char u[16];
	int i;

	h1 = fnv1a(h1, b);
	h2 = fnv1a(fnv1a(h1 ^ 0x9e3779b97f4a7c15ULL, b), a);
	for (i = 0; i < 8; i++) {
		u[i] = (unsigned char)(h1 >> (56 - 8 * i));
		u[8 + i] = (unsigned char)(h2 >> (56 - 8 * i));
	}
	u[6] = (unsigned char)((u[6] & 0x0f) | 0x50);
	u[8] = (unsigned char)((u[8] & 0x3f) | 0x80);
	snprintf(out, AGENDA_GUID_LEN + 1,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x",
	    u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10],
	    u[11], u[12], u[13], u[14], u[15]);
}

bool
agenda_parse_duration(const char *s, int *minutes)
{
	int h = 0, m = 0, sec = 0, n = 0, i;
	const char *p = s;

	for (i = 0; i < 2 && *p >= '0' && *p <= '9'; i++, p++)
		h = h * 10 + (*p - '0');
	if (i == 0 || *p++ != ':')
		return false;
	for (i = 0; i < 2 && *p >= '0' && *p <= '9'; i++, p++)
		m = m * 10 + (*p - '0');
	if (i != 2 || m > 59)
		return false;
	if (*p == ':') {
		p++;
		for (n = 0; n < 2 && *p >= '0' && *p <= '9'; n++, p++)
			sec = sec * 10 + (*p - '0');
		if (n == 0 || sec > 59)
			return false;
	}
	if (*p != '\0')
		return false;
	*minutes = h * 60 + m;
	return true;
}

/* ---- comparing ---- */

static const struct agenda *cmp_ag;

static int
cmp_guid_idx(const void *x, const void *y)
{
	return strcmp(cmp_ag->sessions[*(const size_t *)x].guid,
	    cmp_ag->sessions[*(const size_t *)y].guid);
}

static bool
str_eq(const char *x, const char *y)
{
	return strcmp(x != NULL ? x : "", y != NULL ? y : "") == 0;
}

static bool
name_in(const char *name, const char *const *names, size_t n, size_t stride)
{
	size_t i;

	for (i = 0; names != NULL && i < n; i++)
		if (strcmp(*(const char *const *)(const void
				   *)((const char *)names + i * stride),
			name) == 0)
			return true;
	return false;
}

#define DIFF(...)                                    \
	do {                                         \
		if (n++ < max_diffs)                 \
			buf_addf(diff, __VA_ARGS__); \
	} while (0)

static size_t
compare_session(const struct agenda *a, const struct agenda_session *x,
    const struct agenda *b, const struct agenda_session *y, struct buf *diff,
    size_t n, size_t max_diffs)
{
	size_t i;

#define FIELD(f)                                                         \
	if (!str_eq(x->f, y->f))                                         \
		DIFF("session %s: " #f " '%.60s' != '%.60s'\n", x->guid, \
		    x->f != NULL ? x->f : "", y->f != NULL ? y->f : "");
	FIELD(title)
	FIELD(subtitle)
	FIELD(abstract)
	FIELD(type)
	FIELD(language)
#undef FIELD
	if (!str_eq(x->room != AGENDA_NONE ? a->rooms[x->room].name : NULL,
		y->room != AGENDA_NONE ? b->rooms[y->room].name : NULL))
		DIFF("session %s: room differs\n", x->guid);
	if (!str_eq(x->track != AGENDA_NONE ? a->tracks[x->track].name : NULL,
		y->track != AGENDA_NONE ? b->tracks[y->track].name : NULL))
		DIFF("session %s: track differs\n", x->guid);
	if (x->day != y->day || x->date != y->date ||
	    x->start_min != y->start_min)
		DIFF("session %s: time %lld/%lld %d != %lld/%lld %d\n", x->guid,
		    (long long)x->day, (long long)x->date, x->start_min,
		    (long long)y->day, (long long)y->date, y->start_min);
	if (x->duration_min != y->duration_min)
		DIFF("session %s: duration %d != %d\n", x->guid,
		    x->duration_min, y->duration_min);
	if (x->npersons != y->npersons) {
		DIFF("session %s: %zu persons != %zu\n", x->guid, x->npersons,
		    y->npersons);
	} else {
		for (i = 0; i < x->npersons; i++)
			if (!str_eq(a->persons[x->persons[i]].name,
				b->persons[y->persons[i]].name))
				DIFF("session %s: person %zu '%s' != '%s'\n",
				    x->guid, i, a->persons[x->persons[i]].name,
				    b->persons[y->persons[i]].name);
	}
	return n;
}

size_t
agenda_compare(const struct agenda *a, const struct agenda *b, struct buf *diff,
    size_t max_diffs)
{
	size_t *order = xcalloc(b->nsessions + 1, sizeof(*order));
	size_t n = 0, i;

	if (!str_eq(a->title, b->title))
		DIFF("title '%s' != '%s'\n", a->title, b->title);
	if (!str_eq(a->timezone, b->timezone))
		DIFF("time zone '%s' != '%s'\n", a->timezone, b->timezone);
	for (i = 0; i < a->nrooms; i++)
		if (!name_in(a->rooms[i].name,
			b->nrooms > 0
			    ? (const char *const *)(const void *)&b->rooms[0]
				  .name
			    : NULL,
			b->nrooms, sizeof(*b->rooms)))
			DIFF("room '%s' missing\n", a->rooms[i].name);
	for (i = 0; i < a->ntracks; i++)
		if (!name_in(a->tracks[i].name,
			b->ntracks > 0
			    ? (const char *const *)(const void *)&b->tracks[0]
				  .name
			    : NULL,
			b->ntracks, sizeof(*b->tracks)))
			DIFF("track '%s' missing\n", a->tracks[i].name);
	if (a->nsessions != b->nsessions)
		DIFF("%zu sessions != %zu\n", a->nsessions, b->nsessions);
	for (i = 0; i < b->nsessions; i++)
		order[i] = i;
	cmp_ag = b;
	qsort(order, b->nsessions, sizeof(*order), cmp_guid_idx);
	for (i = 0; i < a->nsessions; i++) {
		const struct agenda_session *x = &a->sessions[i];
		size_t lo = 0, hi = b->nsessions;

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (strcmp(b->sessions[order[mid]].guid, x->guid) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == b->nsessions ||
		    strcmp(b->sessions[order[lo]].guid, x->guid) != 0) {
			DIFF("session %s '%.60s' missing\n", x->guid, x->title);
			continue;
		}
		n = compare_session(
		    a, x, b, &b->sessions[order[lo]], diff, n, max_diffs);
	}
	free(order);
	return n;
}
