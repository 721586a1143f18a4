/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cosplib.c: loads CoSPLib instance sheets and solution grids into the flat
 * structs of cosplib.h.  The rules follow the CoSPLib reader (blank cells
 * are 0, presenters are split on ", ", a track with no submission is an
 * error, similar_tracks is read by position: the pair of the tracks in
 * sheet rows i < j takes the cell at row i, column j) so that the
 * evaluator sees the numbers the checker sees.  Rows whose cells are all
 * empty are skipped: the Excel conversion left many of them.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "formats/cosplib.h"
#include "formats/csv.h"
#include "util/util.h"

static const char *const cosplib_errstr[COSPLIB_ERR__MAX] = {
	[COSPLIB_OK] = "success",
	[COSPLIB_ERR_IO] = "cannot read file",
	[COSPLIB_ERR_CSV] = "invalid csv",
	[COSPLIB_ERR_FORMAT] = "bad sheet layout",
	[COSPLIB_ERR_NAME] = "unknown or duplicate name",
	[COSPLIB_ERR_VALUE] = "bad value",
	[COSPLIB_ERR_LIMIT] = "instance too large",
};

static const char *const cosplib_sheets[COSPLIB_SHEET__MAX] = {
	[COSPLIB_SHEET_SESSIONS] = "sessions",
	[COSPLIB_SHEET_ROOMS] = "rooms",
	[COSPLIB_SHEET_TRACKS] = "tracks",
	[COSPLIB_SHEET_SUBMISSIONS] = "submissions",
	[COSPLIB_SHEET_PARAMETERS] = "parameters",
	[COSPLIB_SHEET_TRACKS_SESSIONS] = "tracks_sessions_penalty",
	[COSPLIB_SHEET_TRACKS_ROOMS] = "tracks_rooms_penalty",
	[COSPLIB_SHEET_SIMILAR_TRACKS] = "similar_tracks",
	[COSPLIB_SHEET_SESSIONS_ROOMS] = "sessions_rooms_penalty",
};

/* Labels of the weights column of the parameters sheet, rows 1 to 16. */
static const char *const cosplib_wlabel[COSPLIB_W__MAX] = {
	"Tracks_Sessions|Penalty:",
	"Tracks_Rooms|Penalty:",
	"Sessions_Rooms|Penalty:",
	"Similar Tracks:",
	"Number of Rooms per Track:",
	"Parallel Tracks:",
	"Consecutive Tracks:",
	"Submissions_Timezones:",
	"Submissions Order:",
	"Submissions_Sessions|Penalty:",
	"Submissions_Rooms|Penalty:",
	"Presenters Conflicts:",
	"Attendees Conflicts:",
	"Chairs Conflicts:",
	"Presenters Conflicts Timeslot Level:",
	"Attendees Conflicts Timeslot Level:",
};

#define COSPLIB_MAX_PENALTY ((int64_t)1 << 40)

const char *
cosplib_strerror(enum cosplib_err err)
{
	if ((unsigned)err >= COSPLIB_ERR__MAX)
		return "unknown cosplib error";
	return cosplib_errstr[err];
}

const char *
cosplib_sheet_name(enum cosplib_sheet sheet)
{
	if ((unsigned)sheet >= COSPLIB_SHEET__MAX)
		return "?";
	return cosplib_sheets[sheet];
}

/* A string -> dense id map (open addressing, FNV-1a); keys are borrowed. */
struct cosplib_names {
	const char **key;
	int *id;
	size_t cap; /* power of two */
	size_t n;
};

static uint64_t
cosplib_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static void
names_init(struct cosplib_names *m, size_t n)
{
	m->cap = 16;
	while (m->cap < 2 * n + 2)
		m->cap <<= 1;
	m->key = xcalloc(m->cap, sizeof(*m->key));
	m->id = xcalloc(m->cap, sizeof(*m->id));
	m->n = 0;
}

static void
names_release(struct cosplib_names *m)
{
	free(m->key);
	free(m->id);
	memset(m, 0, sizeof(*m));
}

static int
names_get(const struct cosplib_names *m, const char *s)
{
	size_t i;

	if (m->cap == 0)
		return -1;
	for (i = cosplib_hash(s) & (m->cap - 1); m->key[i] != NULL;
	     i = (i + 1) & (m->cap - 1))
		if (strcmp(m->key[i], s) == 0)
			return m->id[i];
	return -1;
}

/* Adds s with the next id; returns the id, or -1 if already present. */
static int
names_add(struct cosplib_names *m, const char *s)
{
	size_t i;

	if (2 * (m->n + 1) >= m->cap) {
		struct cosplib_names g;
		size_t j;

		names_init(&g, m->n + 1);
		for (j = 0; j < m->cap; j++)
			if (m->key[j] != NULL) {
				for (i = cosplib_hash(m->key[j]) & (g.cap - 1);
				     g.key[i] != NULL;
				     i = (i + 1) & (g.cap - 1))
					;
				g.key[i] = m->key[j];
				g.id[i] = m->id[j];
			}
		g.n = m->n;
		names_release(m);
		*m = g;
	}
	for (i = cosplib_hash(s) & (m->cap - 1); m->key[i] != NULL;
	     i = (i + 1) & (m->cap - 1))
		if (strcmp(m->key[i], s) == 0)
			return -1;
	m->key[i] = s;
	m->id[i] = (int)m->n;
	return (int)m->n++;
}

/* Loader state: the parsed sheets and the name maps. */
struct cosplib_loader {
	struct csv sheet[COSPLIB_SHEET__MAX];
	const char *fname[COSPLIB_SHEET__MAX];
	struct cosplib_names session, room, track, sub, person;
	struct buf *err;
	struct cosplib *c;
	/* Per person: subs presented, subs attended, tracks chaired. */
	size_t npeople_cap;
	size_t **plist; /* [person][kind] growable int lists */
	size_t *plen, *pcap;
	char **pname; /* owned copies of the person names */
	size_t pname_cap;
};

static enum cosplib_err ld_fail(struct cosplib_loader *ld, enum cosplib_err e,
    enum cosplib_sheet sh, size_t row, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Appends "file:line:col: message"; row and col are 0-based. */
static enum cosplib_err
ld_fail(struct cosplib_loader *ld, enum cosplib_err e, enum cosplib_sheet sh,
    size_t row, size_t col, const char *fmt, ...)
{
	const struct csv *cs = &ld->sheet[sh];
	size_t line = row < cs->nrow ? cs->row[row].line : 1;
	va_list ap;

	buf_addf(ld->err, "%s:%zu:%zu: ", ld->fname[sh], line, col + 1);
	va_start(ap, fmt);
	buf_vaddf(ld->err, fmt, ap);
	va_end(ap);
	buf_addc(ld->err, '\n');
	return e;
}

/* Parses an integer cell in [min, max]; a blank cell is 0. */
static bool
cell_int(const char *s, int64_t min, int64_t max, int64_t *v)
{
	if (*s == '\0') {
		*v = 0;
		return min <= 0 && 0 <= max;
	}
	return parse_i64(s, min, max, v);
}

/*
 * Parses a time of day: an Excel day fraction ("0.395833") or "HH:MM"
 * ("09:30"), into minutes.  Like the checker, seconds are dropped.
 */
static bool
cell_time(const char *s, int *minutes)
{
	char *end;
	double f;
	long sec;

	if (parse_hhmm(s, minutes))
		return true;
	if (*s < '0' || *s > '9')
		return false;
	f = strtod(s, &end);
	if (*end != '\0' || !(f >= 0.0 && f <= 1.0))
		return false;
	sec = lround(f * 86400.0);
	*minutes = (int)(sec / 60);
	return true;
}

/* Parses "GMT+5", "GMT-3", "GMT+0" (the zones the checker knows). */
static bool
cell_tz(const char *s, int *minutes)
{
	int64_t h;

	if (strncmp(s, "GMT", 3) != 0 || (s[3] != '+' && s[3] != '-'))
		return false;
	if (s[4] < '0' || s[4] > '9' || !parse_i64(s + 4, 0, 12, &h))
		return false;
	*minutes = (int)(s[3] == '-' ? -h : h) * 60;
	return true;
}

/* Rows of a sheet that are not blank, from row `from` on. */
static size_t
count_rows(const struct csv *cs, size_t from)
{
	size_t r, n = 0;

	for (r = from; r < cs->nrow; r++)
		if (!csv_row_blank(cs, r))
			n++;
	return n;
}

/* Reads a one-column list sheet (rooms) or the first column of tracks. */
static enum cosplib_err
ld_names(struct cosplib_loader *ld, enum cosplib_sheet sh,
    struct cosplib_names *m, char ***names, size_t *n)
{
	const struct csv *cs = &ld->sheet[sh];
	size_t r, cnt = count_rows(cs, 1);

	if (cs->nrow == 0)
		return ld_fail(ld, COSPLIB_ERR_FORMAT, sh, 0, 0, "empty sheet");
	if (cnt == 0)
		return ld_fail(ld, COSPLIB_ERR_FORMAT, sh, 0, 0, "no items");
	if (cnt > COSPLIB_MAX_ITEMS)
		return ld_fail(
		    ld, COSPLIB_ERR_LIMIT, sh, 0, 0, "too many items");
	*names = xcalloc(cnt, sizeof(char *));
	names_init(m, cnt);
	*n = 0;
	for (r = 1; r < cs->nrow; r++) {
		const char *s = csv_get(cs, r, 0);

		if (csv_row_blank(cs, r))
			continue;
		if (*s == '\0')
			return ld_fail(
			    ld, COSPLIB_ERR_NAME, sh, r, 0, "empty name");
		(*names)[*n] = xstrdup(s);
		if (names_add(m, (*names)[*n]) < 0) {
			free((*names)[*n]);
			return ld_fail(ld, COSPLIB_ERR_NAME, sh, r, 0,
			    "duplicate name '%s'", s);
		}
		(*n)++;
	}
	return COSPLIB_OK;
}

static enum cosplib_err
ld_sessions(struct cosplib_loader *ld)
{
	const enum cosplib_sheet sh = COSPLIB_SHEET_SESSIONS;
	const struct csv *cs = &ld->sheet[sh];
	struct cosplib *c = ld->c;
	size_t r, s = 0, total = 0;
	enum cosplib_err e;
	int64_t v;

	if ((e = ld_names(ld, sh, &ld->session, &c->session_name,
		 &c->nsession)) != COSPLIB_OK)
		return e;
	c->slots = xcalloc(c->nsession, sizeof(int));
	c->start_min = xcalloc(c->nsession, sizeof(int));
	c->end_min = xcalloc(c->nsession, sizeof(int));
	for (r = 1; r < cs->nrow; r++) {
		if (csv_row_blank(cs, r))
			continue;
		if (!parse_i64(csv_get(cs, r, 1), 1, COSPLIB_MAX_SLOTS, &v))
			return ld_fail(ld, COSPLIB_ERR_VALUE, sh, r, 1,
			    "bad timeslot count '%s'", csv_get(cs, r, 1));
		c->slots[s] = (int)v;
		total += (size_t)v;
		if (!cell_time(csv_get(cs, r, 3), &c->start_min[s]))
			return ld_fail(ld, COSPLIB_ERR_VALUE, sh, r, 3,
			    "bad start time '%s'", csv_get(cs, r, 3));
		if (!cell_time(csv_get(cs, r, 4), &c->end_min[s]))
			return ld_fail(ld, COSPLIB_ERR_VALUE, sh, r, 4,
			    "bad end time '%s'", csv_get(cs, r, 4));
		s++;
	}
	(void)total;
	return COSPLIB_OK;
}

static enum cosplib_err
ld_rooms(struct cosplib_loader *ld)
{
	struct cosplib *c = ld->c;
	size_t s, off = 0;
	enum cosplib_err e;

	if ((e = ld_names(ld, COSPLIB_SHEET_ROOMS, &ld->room, &c->room_name,
		 &c->nroom)) != COSPLIB_OK)
		return e;
	c->cell_off = xcalloc(c->nsession + 1, sizeof(size_t));
	for (s = 0; s < c->nsession; s++) {
		c->cell_off[s] = off;
		off += c->nroom * (size_t)c->slots[s];
		if (off > COSPLIB_MAX_CELLS)
			return ld_fail(ld, COSPLIB_ERR_LIMIT,
			    COSPLIB_SHEET_ROOMS, 0, 0,
			    "too many session-room-timeslot cells");
	}
	c->cell_off[c->nsession] = off;
	c->nslot = off;
	return COSPLIB_OK;
}

/* Person lists: kind 0 presents, 1 attends, 2 chairs (tracks). */
static void
person_add(struct cosplib_loader *ld, const char *name, int kind, int id)
{
	size_t p, k;
	int got;

	if (*name == '\0')
		return;
	if ((got = names_get(&ld->person, name)) < 0) {
		XGROW(ld->pname, ld->pname_cap, ld->person.n + 1);
		ld->pname[ld->person.n] = xstrdup(name);
		got = names_add(&ld->person, ld->pname[ld->person.n]);
		if ((size_t)got >= ld->npeople_cap) {
			size_t old = ld->npeople_cap;

			ld->npeople_cap = old == 0 ? 64 : 2 * old;
			ld->plist = xreallocarray(
			    ld->plist, ld->npeople_cap * 3, sizeof(*ld->plist));
			ld->plen = xreallocarray(
			    ld->plen, ld->npeople_cap * 3, sizeof(size_t));
			ld->pcap = xreallocarray(
			    ld->pcap, ld->npeople_cap * 3, sizeof(size_t));
			for (p = old * 3; p < ld->npeople_cap * 3; p++) {
				ld->plist[p] = NULL;
				ld->plen[p] = ld->pcap[p] = 0;
			}
		}
	}
	k = (size_t)got * 3 + (size_t)kind;
	XGROW(ld->plist[k], ld->pcap[k], ld->plen[k] + 1);
	ld->plist[k][ld->plen[k]++] = (size_t)id;
}

/* Splits s on ", " (the checker's separator) and records each name. */
static void
person_split(struct cosplib_loader *ld, const char *s, int kind, int id)
{
	char *copy = xstrdup(s), *p = copy, *q;

	for (;;) {
		q = strstr(p, ", ");
		if (q != NULL)
			*q = '\0';
		person_add(ld, p, kind, id);
		if (q == NULL)
			break;
		p = q + 2;
	}
	free(copy);
}

/* Tracks need the person map to exist; their chairs are recorded later. */
static enum cosplib_err
ld_tracks(struct cosplib_loader *ld)
{
	struct cosplib *c = ld->c;

	return ld_names(
	    ld, COSPLIB_SHEET_TRACKS, &ld->track, &c->track_name, &c->ntrack);
}

static void
ld_chairs(struct cosplib_loader *ld)
{
	const struct csv *cs = &ld->sheet[COSPLIB_SHEET_TRACKS];
	size_t r;
	int t = 0;

	for (r = 1; r < cs->nrow; r++) {
		if (csv_row_blank(cs, r))
			continue;
		person_split(ld, csv_get(cs, r, 1), 2, t++);
	}
}

/* Header of submissions: 7 fixed columns, then sessions, then rooms. */
static enum cosplib_err
ld_sub_header(struct cosplib_loader *ld, int *colmap, size_t ncol)
{
	const enum cosplib_sheet sh = COSPLIB_SHEET_SUBMISSIONS;
	const struct csv *cs = &ld->sheet[sh];
	struct cosplib *c = ld->c;
	size_t j, need = 7 + c->nsession + c->nroom;
	char *seen = xcalloc(need, 1);
	int id;

	for (j = 7; j < ncol; j++) {
		const char *h = csv_get(cs, 0, j);

		colmap[j] = -1;
		if (j >= need) {
			if (*h != '\0') {
				free(seen);
				return ld_fail(ld, COSPLIB_ERR_FORMAT, sh, 0, j,
				    "unexpected column '%s'", h);
			}
			continue;
		}
		if (j < 7 + c->nsession)
			id = names_get(&ld->session, h);
		else
			id = names_get(&ld->room, h);
		if (id >= 0 && j >= 7 + c->nsession)
			id += (int)c->nsession;
		if (id < 0 || seen[id]) {
			free(seen);
			return ld_fail(ld, COSPLIB_ERR_NAME, sh, 0, j,
			    j < 7 + c->nsession
				? "unknown or repeated session '%s'"
				: "unknown or repeated room '%s'",
			    h);
		}
		seen[id] = 1;
		if (j >= 7 + c->nsession)
			id -= (int)c->nsession;
		colmap[j] = id;
	}
	free(seen);
	if (ncol < need)
		return ld_fail(ld, COSPLIB_ERR_FORMAT, sh, 0, ncol,
		    "missing session or room columns");
	return COSPLIB_OK;
}

static enum cosplib_err
ld_sub_row(struct cosplib_loader *ld, size_t r, int x, const int *colmap)
{
	const enum cosplib_sheet sh = COSPLIB_SHEET_SUBMISSIONS;
	const struct csv *cs = &ld->sheet[sh];
	struct cosplib *c = ld->c;
	size_t j;
	int64_t v;
	int t;

	if ((t = names_get(&ld->track, csv_get(cs, r, 1))) < 0)
		return ld_fail(ld, COSPLIB_ERR_NAME, sh, r, 1,
		    "unknown track '%s'", csv_get(cs, r, 1));
	c->sub_track[x] = t;
	if (!parse_i64(csv_get(cs, r, 2), 1, COSPLIB_MAX_SLOTS, &v))
		return ld_fail(ld, COSPLIB_ERR_VALUE, sh, r, 2,
		    "bad required timeslots '%s'", csv_get(cs, r, 2));
	c->sub_req[x] = (int)v;
	if (!cell_int(csv_get(cs, r, 3), 0, COSPLIB_MAX_SUBS, &v))
		return ld_fail(ld, COSPLIB_ERR_VALUE, sh, r, 3,
		    "bad order '%s'", csv_get(cs, r, 3));
	c->sub_order[x] = (int)v;
	if (!cell_tz(csv_get(cs, r, 4), &c->sub_tz_min[x]))
		return ld_fail(ld, COSPLIB_ERR_VALUE, sh, r, 4,
		    "bad time zone '%s'", csv_get(cs, r, 4));
	person_split(ld, csv_get(cs, r, 5), 0, x);
	person_split(ld, csv_get(cs, r, 6), 1, x);
	for (j = 7; j < cs->row[r].nfield; j++) {
		if (!cell_int(csv_get(cs, r, j), 0, COSPLIB_MAX_PENALTY, &v))
			return ld_fail(ld, COSPLIB_ERR_VALUE, sh, r, j,
			    "bad penalty '%s'", csv_get(cs, r, j));
		if (colmap[j] < 0) {
			if (v != 0)
				return ld_fail(ld, COSPLIB_ERR_FORMAT, sh, r, j,
				    "value '%s' outside the columns",
				    csv_get(cs, r, j));
			continue;
		}
		if (j < 7 + c->nsession)
			c->xs_pen[(size_t)x * c->nsession + colmap[j]] = v;
		else
			c->xr_pen[(size_t)x * c->nroom + colmap[j]] = v;
	}
	return COSPLIB_OK;
}

static enum cosplib_err
ld_submissions(struct cosplib_loader *ld)
{
	const enum cosplib_sheet sh = COSPLIB_SHEET_SUBMISSIONS;
	const struct csv *cs = &ld->sheet[sh];
	struct cosplib *c = ld->c;
	size_t r, ncol, n, t, *cnt;
	enum cosplib_err e = COSPLIB_OK;
	int *colmap, x = 0;

	if (cs->nrow == 0)
		return ld_fail(ld, COSPLIB_ERR_FORMAT, sh, 0, 0, "empty sheet");
	n = count_rows(cs, 1);
	if (n == 0 || n > COSPLIB_MAX_SUBS)
		return ld_fail(ld,
		    n == 0 ? COSPLIB_ERR_FORMAT : COSPLIB_ERR_LIMIT, sh, 0, 0,
		    "bad number of submissions");
	ncol = 0;
	for (r = 0; r < cs->nrow; r++)
		if (cs->row[r].nfield > ncol)
			ncol = cs->row[r].nfield;
	colmap = xcalloc(ncol + 1, sizeof(int));
	if ((e = ld_sub_header(ld, colmap, ncol)) != COSPLIB_OK)
		goto out;
	c->nsub = n;
	c->sub_name = xcalloc(n, sizeof(char *));
	c->sub_track = xcalloc(n, sizeof(int));
	c->sub_req = xcalloc(n, sizeof(int));
	c->sub_order = xcalloc(n, sizeof(int));
	c->sub_tz_min = xcalloc(n, sizeof(int));
	c->xs_pen = xcalloc(n * c->nsession, sizeof(int64_t));
	c->xr_pen = xcalloc(n * c->nroom, sizeof(int64_t));
	names_init(&ld->sub, n);
	for (r = 1; r < cs->nrow; r++) {
		const char *name = csv_get(cs, r, 0);

		if (csv_row_blank(cs, r))
			continue;
		if (*name == '\0') {
			e = ld_fail(
			    ld, COSPLIB_ERR_NAME, sh, r, 0, "empty reference");
			goto out;
		}
		c->sub_name[x] = xstrdup(name);
		if (names_add(&ld->sub, c->sub_name[x]) < 0) {
			e = ld_fail(ld, COSPLIB_ERR_NAME, sh, r, 0,
			    "duplicate reference '%s'", name);
			goto out;
		}
		if ((e = ld_sub_row(ld, r, x, colmap)) != COSPLIB_OK)
			goto out;
		x++;
	}
	/* Subs of each track, in file order (CSR). */
	cnt = xcalloc(c->ntrack + 1, sizeof(size_t));
	for (x = 0; (size_t)x < n; x++)
		cnt[c->sub_track[x] + 1]++;
	for (t = 0; t < c->ntrack; t++) {
		if (cnt[t + 1] == 0) {
			free(cnt);
			e = ld_fail(ld, COSPLIB_ERR_FORMAT,
			    COSPLIB_SHEET_TRACKS, 0, 0,
			    "track '%s' has no submissions", c->track_name[t]);
			goto out;
		}
		cnt[t + 1] += cnt[t];
	}
	c->track_sub_off = cnt;
	c->track_sub = xcalloc(n, sizeof(int));
	{
		size_t *fill = xcalloc(c->ntrack, sizeof(size_t));

		for (x = 0; (size_t)x < n; x++) {
			t = (size_t)c->sub_track[x];
			c->track_sub[cnt[t] + fill[t]++] = x;
		}
		free(fill);
	}
out:
	free(colmap);
	return e;
}

static enum cosplib_err
ld_parameters(struct cosplib_loader *ld)
{
	const enum cosplib_sheet sh = COSPLIB_SHEET_PARAMETERS;
	const struct csv *cs = &ld->sheet[sh];
	struct cosplib *c = ld->c;
	static const size_t trow[4] = { 3, 4, 6, 7 };
	int *tdst[4];
	size_t i;
	int64_t v;

	if (cs->nrow < 1 + COSPLIB_W__MAX)
		return ld_fail(
		    ld, COSPLIB_ERR_FORMAT, sh, 0, 0, "expected 17 rows");
	for (i = 0; i < COSPLIB_W__MAX; i++) {
		if (strcmp(csv_get(cs, i + 1, 3), cosplib_wlabel[i]) != 0)
			return ld_fail(ld, COSPLIB_ERR_FORMAT, sh, i + 1, 3,
			    "expected '%s'", cosplib_wlabel[i]);
		if (!parse_i64(csv_get(cs, i + 1, 4), 0, COSPLIB_MAX_PENALTY,
			&c->weight[i]))
			return ld_fail(ld, COSPLIB_ERR_VALUE, sh, i + 1, 4,
			    "bad weight '%s'", csv_get(cs, i + 1, 4));
	}
	if (!cell_tz(csv_get(cs, 1, 1), &c->tz_local_min))
		return ld_fail(ld, COSPLIB_ERR_VALUE, sh, 1, 1,
		    "bad local time zone '%s'", csv_get(cs, 1, 1));
	tdst[0] = &c->suit_from;
	tdst[1] = &c->suit_to;
	tdst[2] = &c->less_from;
	tdst[3] = &c->less_to;
	for (i = 0; i < 4; i++)
		if (!cell_time(csv_get(cs, trow[i], 1), tdst[i]))
			return ld_fail(ld, COSPLIB_ERR_VALUE, sh, trow[i], 1,
			    "bad time '%s'", csv_get(cs, trow[i], 1));
	if (!parse_i64(csv_get(cs, 8, 1), 0, COSPLIB_MAX_PENALTY, &v))
		return ld_fail(ld, COSPLIB_ERR_VALUE, sh, 8, 1,
		    "bad penalty '%s'", csv_get(cs, 8, 1));
	c->tz_small = v;
	if (!parse_i64(csv_get(cs, 10, 1), 0, COSPLIB_MAX_PENALTY, &v))
		return ld_fail(ld, COSPLIB_ERR_VALUE, sh, 10, 1,
		    "bad penalty '%s'", csv_get(cs, 10, 1));
	c->tz_big = v;
	return COSPLIB_OK;
}

/*
 * A penalty matrix sheet: header of column names, rows labelled by row
 * names, matched by name; cells default to 0.  Every row name must appear.
 */
static enum cosplib_err
ld_matrix(struct cosplib_loader *ld, enum cosplib_sheet sh,
    const struct cosplib_names *rows, size_t nrows,
    const struct cosplib_names *cols, size_t ncols, int64_t *out)
{
	const struct csv *cs = &ld->sheet[sh];
	size_t r, j, hn;
	int *colmap;
	char *seen;
	enum cosplib_err e = COSPLIB_OK;
	int64_t v;
	int id;

	if (cs->nrow == 0)
		return ld_fail(ld, COSPLIB_ERR_FORMAT, sh, 0, 0, "empty sheet");
	hn = cs->row[0].nfield;
	colmap = xcalloc(hn + 1, sizeof(int));
	seen = xcalloc(nrows + ncols + 1, 1);
	for (j = 1; j < hn; j++) {
		const char *h = csv_get(cs, 0, j);

		colmap[j] = -1;
		if (*h == '\0')
			continue;
		id = names_get(cols, h);
		if (id < 0 || seen[nrows + (size_t)id]) {
			e = ld_fail(ld, COSPLIB_ERR_NAME, sh, 0, j,
			    "unknown or repeated column '%s'", h);
			goto out;
		}
		seen[nrows + (size_t)id] = 1;
		colmap[j] = id;
	}
	for (r = 1; r < cs->nrow; r++) {
		const char *name = csv_get(cs, r, 0);

		if (csv_row_blank(cs, r))
			continue;
		id = names_get(rows, name);
		if (id < 0 || seen[id]) {
			e = ld_fail(ld, COSPLIB_ERR_NAME, sh, r, 0,
			    "unknown or repeated row '%s'", name);
			goto out;
		}
		seen[id] = 1;
		for (j = 1; j < cs->row[r].nfield; j++) {
			if (!cell_int(csv_get(cs, r, j), 0, COSPLIB_MAX_PENALTY,
				&v)) {
				e = ld_fail(ld, COSPLIB_ERR_VALUE, sh, r, j,
				    "bad penalty '%s'", csv_get(cs, r, j));
				goto out;
			}
			if (v == 0)
				continue;
			if (j >= hn || colmap[j] < 0) {
				e = ld_fail(ld, COSPLIB_ERR_FORMAT, sh, r, j,
				    "value '%s' under no column",
				    csv_get(cs, r, j));
				goto out;
			}
			out[(size_t)id * ncols + (size_t)colmap[j]] = v;
		}
	}
	for (r = 0; r < nrows; r++)
		if (!seen[r]) {
			e = ld_fail(ld, COSPLIB_ERR_FORMAT, sh, 0, 0,
			    "row missing for item ");
			goto out;
		}
out:
	free(colmap);
	free(seen);
	return e;
}

/*
 * similar_tracks is read by position, as the checker does: for tracks in
 * rows i < j the penalty is the cell at row i, column j + 1, both ways.
 */
static enum cosplib_err
ld_similar(struct cosplib_loader *ld)
{
	const enum cosplib_sheet sh = COSPLIB_SHEET_SIMILAR_TRACKS;
	const struct csv *cs = &ld->sheet[sh];
	struct cosplib *c = ld->c;
	size_t r, j, n = 0, *rowof;
	int *pos, id;
	int64_t v;
	enum cosplib_err e = COSPLIB_OK;

	c->tt_pen = xcalloc(c->ntrack * c->ntrack, sizeof(int64_t));
	if (cs->nrow == 0)
		return ld_fail(ld, COSPLIB_ERR_FORMAT, sh, 0, 0, "empty sheet");
	pos = xcalloc(c->ntrack, sizeof(int));
	rowof = xcalloc(c->ntrack, sizeof(size_t));
	for (j = 0; j < c->ntrack; j++)
		pos[j] = -1;
	for (r = 1; r < cs->nrow; r++) {
		if (csv_row_blank(cs, r))
			continue;
		id = names_get(&ld->track, csv_get(cs, r, 0));
		if (id < 0 || pos[id] >= 0) {
			e = ld_fail(ld, COSPLIB_ERR_NAME, sh, r, 0,
			    "unknown or repeated track '%s'",
			    csv_get(cs, r, 0));
			goto out;
		}
		pos[id] = (int)n;
		rowof[n++] = r;
	}
	if (n != c->ntrack) {
		e = ld_fail(ld, COSPLIB_ERR_FORMAT, sh, 0, 0,
		    "expected one row per track");
		goto out;
	}
	for (r = 0; r < n; r++)
		for (j = 1; j < cs->row[rowof[r]].nfield; j++)
			if (!cell_int(csv_get(cs, rowof[r], j), 0,
				COSPLIB_MAX_PENALTY, &v)) {
				e = ld_fail(ld, COSPLIB_ERR_VALUE, sh, rowof[r],
				    j, "bad penalty '%s'",
				    csv_get(cs, rowof[r], j));
				goto out;
			}
	for (r = 0; r < c->ntrack; r++)
		for (j = 0; j < c->ntrack; j++) {
			size_t lo, hi;

			if (r == j)
				continue;
			lo = (size_t)(pos[r] < pos[j] ? pos[r] : pos[j]);
			hi = (size_t)(pos[r] < pos[j] ? pos[j] : pos[r]);
			cell_int(csv_get(cs, rowof[lo], hi + 1), 0,
			    COSPLIB_MAX_PENALTY, &v);
			c->tt_pen[r * c->ntrack + j] = v;
		}
out:
	free(pos);
	free(rowof);
	return e;
}

/* Penalty of holding session s for a submission in time zone tz. */
static int64_t
tz_penalty(const struct cosplib *c, size_t s, int tz)
{
	int shift = tz - c->tz_local_min;
	int st = ((c->start_min[s] + shift) % 1440 + 1440) % 1440;
	int et = ((c->end_min[s] + shift) % 1440 + 1440) % 1440;

	if (st < c->less_from || et > c->less_to || et < c->less_from)
		return c->tz_big;
	if ((st >= c->less_from && st < c->suit_from) ||
	    (et > c->suit_to && et <= c->less_to))
		return c->tz_small;
	return 0;
}

/* Conflict pair lists, gathered then turned into sorted CSR. */
struct pairs {
	int *a;
	size_t n, cap;
};

static void
pairs_add(struct pairs *p, int x, int y)
{
	if (x == y)
		return;
	XGROW(p->a, p->cap, p->n + 4);
	p->a[p->n++] = x;
	p->a[p->n++] = y;
	p->a[p->n++] = y;
	p->a[p->n++] = x;
}

static int
cmp_pair(const void *a, const void *b)
{
	const int *x = a, *y = b;

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	if (x[1] != y[1])
		return x[1] < y[1] ? -1 : 1;
	return 0;
}

static void
pairs_csr(struct pairs *p, size_t n, size_t **off, int **adj)
{
	size_t i, k = 0, m = p->n / 2;

	if (m > 0)
		qsort(p->a, m, 2 * sizeof(int), cmp_pair);
	*off = xcalloc(n + 1, sizeof(size_t));
	*adj = xcalloc(m + 1, sizeof(int));
	for (i = 0; i < m; i++) {
		if (i > 0 && p->a[2 * i] == p->a[2 * i - 2] &&
		    p->a[2 * i + 1] == p->a[2 * i - 1])
			continue;
		(*adj)[k++] = p->a[2 * i + 1];
		(*off)[p->a[2 * i] + 1]++;
	}
	for (i = 0; i < n; i++)
		(*off)[i + 1] += (*off)[i];
	free(p->a);
	memset(p, 0, sizeof(*p));
}

static void
ld_conflicts(struct cosplib_loader *ld)
{
	struct cosplib *c = ld->c;
	struct pairs pp = { 0 }, ap = { 0 }, cp = { 0 };
	size_t p, i, j, k, np = ld->person.n;

	for (p = 0; p < np; p++) {
		const size_t *pres = ld->plist[3 * p],
			     *att = ld->plist[3 * p + 1];
		const size_t *chair = ld->plist[3 * p + 2];
		size_t npres = ld->plen[3 * p], natt = ld->plen[3 * p + 1];
		size_t nchair = ld->plen[3 * p + 2];

		for (i = 0; i < npres; i++)
			for (j = i + 1; j < npres; j++)
				pairs_add(&pp, (int)pres[i], (int)pres[j]);
		for (i = 0; i < natt; i++) {
			for (j = i + 1; j < natt; j++)
				pairs_add(&ap, (int)att[i], (int)att[j]);
			for (j = 0; j < npres; j++)
				pairs_add(&ap, (int)att[i], (int)pres[j]);
		}
		for (k = 0; k < nchair; k++) {
			size_t t = chair[k];

			for (j = c->track_sub_off[t];
			     j < c->track_sub_off[t + 1]; j++) {
				int y = c->track_sub[j];

				for (i = 0; i < npres; i++)
					if ((size_t)c->sub_track[pres[i]] != t)
						pairs_add(&pp, (int)pres[i], y);
				for (i = 0; i < natt; i++)
					if ((size_t)c->sub_track[att[i]] != t)
						pairs_add(&ap, (int)att[i], y);
			}
			for (j = k + 1; j < nchair; j++)
				pairs_add(&cp, (int)chair[k], (int)chair[j]);
		}
	}
	pairs_csr(&pp, c->nsub, &c->pconf_off, &c->pconf);
	pairs_csr(&ap, c->nsub, &c->aconf_off, &c->aconf);
	pairs_csr(&cp, c->ntrack, &c->cconf_off, &c->cconf);
}

static enum cosplib_err
ld_build(struct cosplib_loader *ld)
{
	struct cosplib *c = ld->c;
	enum cosplib_err e;
	size_t x, s;

	if ((e = ld_sessions(ld)) != COSPLIB_OK ||
	    (e = ld_rooms(ld)) != COSPLIB_OK ||
	    (e = ld_tracks(ld)) != COSPLIB_OK ||
	    (e = ld_submissions(ld)) != COSPLIB_OK ||
	    (e = ld_parameters(ld)) != COSPLIB_OK)
		return e;
	ld_chairs(ld);
	c->ts_pen = xcalloc(c->ntrack * c->nsession, sizeof(int64_t));
	c->tr_pen = xcalloc(c->ntrack * c->nroom, sizeof(int64_t));
	c->sr_pen = xcalloc(c->nsession * c->nroom, sizeof(int64_t));
	if ((e = ld_matrix(ld, COSPLIB_SHEET_TRACKS_SESSIONS, &ld->track,
		 c->ntrack, &ld->session, c->nsession, c->ts_pen)) !=
		COSPLIB_OK ||
	    (e = ld_matrix(ld, COSPLIB_SHEET_TRACKS_ROOMS, &ld->track,
		 c->ntrack, &ld->room, c->nroom, c->tr_pen)) != COSPLIB_OK ||
	    (e = ld_matrix(ld, COSPLIB_SHEET_SESSIONS_ROOMS, &ld->session,
		 c->nsession, &ld->room, c->nroom, c->sr_pen)) != COSPLIB_OK ||
	    (e = ld_similar(ld)) != COSPLIB_OK)
		return e;
	c->tz_pen = xcalloc(c->nsub * c->nsession, sizeof(int64_t));
	for (x = 0; x < c->nsub; x++)
		for (s = 0; s < c->nsession; s++)
			c->tz_pen[x * c->nsession + s] =
			    tz_penalty(c, s, c->sub_tz_min[x]);
	ld_conflicts(ld);
	return COSPLIB_OK;
}

static void
ld_release(struct cosplib_loader *ld)
{
	size_t i;

	for (i = 0; i < COSPLIB_SHEET__MAX; i++)
		csv_release(&ld->sheet[i]);
	names_release(&ld->session);
	names_release(&ld->room);
	names_release(&ld->track);
	names_release(&ld->sub);
	for (i = 0; i < ld->person.n; i++)
		free(ld->pname[i]);
	free(ld->pname);
	names_release(&ld->person);
	for (i = 0; i < ld->npeople_cap * 3; i++)
		free(ld->plist[i]);

	free(ld->plist);
	free(ld->plen);
	free(ld->pcap);
}

enum cosplib_err
cosplib_load_mem(const char *const data[COSPLIB_SHEET__MAX],
    const size_t len[COSPLIB_SHEET__MAX],
    const char *const fname[COSPLIB_SHEET__MAX], struct cosplib *out,
    struct buf *err)
{
	struct cosplib_loader ld;
	enum cosplib_err e = COSPLIB_OK;
	size_t i;

	memset(&ld, 0, sizeof(ld));
	cosplib_init(out);
	ld.err = err;
	ld.c = out;
	for (i = 0; i < COSPLIB_SHEET__MAX; i++) {
		ld.fname[i] = fname[i];
		if (csv_parse(data[i], len[i], fname[i], NULL, &ld.sheet[i],
			err) != CSV_OK) {
			e = COSPLIB_ERR_CSV;
			goto out;
		}
	}
	e = ld_build(&ld);
out:
	if (e != COSPLIB_OK)
		cosplib_release(out);
	ld_release(&ld);
	return e;
}

enum cosplib_err
cosplib_load(const char *prefix, struct cosplib *out, struct buf *err)
{
	char *data[COSPLIB_SHEET__MAX] = { 0 };
	char *name[COSPLIB_SHEET__MAX] = { 0 };
	size_t len[COSPLIB_SHEET__MAX] = { 0 };
	enum cosplib_err e = COSPLIB_OK;
	enum read_err re;
	size_t i;

	cosplib_init(out);
	for (i = 0; i < COSPLIB_SHEET__MAX; i++) {
		struct buf b;

		buf_init(&b, 4096);
		buf_addf(&b, "%s__%s.csv", prefix, cosplib_sheets[i]);
		if (b.overflow) {
			buf_release(&b);
			buf_addf(err, "%s: path too long\n", prefix);
			e = COSPLIB_ERR_IO;
			goto out;
		}
		name[i] = buf_detach(&b, NULL);
		re = read_file(name[i], COSPLIB_MAX_FILE, &data[i], &len[i]);
		if (re != READ_OK) {
			buf_addf(err, "%s: %s\n", name[i], read_strerror(re));
			e = COSPLIB_ERR_IO;
			goto out;
		}
	}
	e = cosplib_load_mem((const char *const *)data, len,
	    (const char *const *)name, out, err);
out:
	for (i = 0; i < COSPLIB_SHEET__MAX; i++) {
		free(data[i]);
		free(name[i]);
	}
	return e;
}

/* Name lookups for solution files; a linear scan map built once. */
static void
names_fill(struct cosplib_names *m, char *const *v, size_t n)
{
	size_t i;

	names_init(m, n);
	for (i = 0; i < n; i++)
		names_add(m, v[i]);
}

static enum cosplib_err sol_fail(struct buf *err, const char *fname,
    size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static enum cosplib_err
sol_fail(struct buf *err, const char *fname, size_t line, size_t col,
    const char *fmt, ...)
{
	va_list ap;

	buf_addf(err, "%s:%zu:%zu: ", fname, line, col);
	va_start(ap, fmt);
	buf_vaddf(err, fmt, ap);
	va_end(ap);
	buf_addc(err, '\n');
	return COSPLIB_ERR_FORMAT;
}

/* Row r names session s and has no more than nroom fields after it. */
static enum cosplib_err
sol_row_head(const struct cosplib *c, const struct csv *cs, size_t r, size_t s,
    const char *fname, struct buf *err)
{
	size_t j;

	if (strcmp(csv_get(cs, r, 0), c->session_name[s]) != 0)
		return sol_fail(err, fname, cs->row[r].line, 1,
		    "expected session '%s'", c->session_name[s]);
	for (j = c->nroom + 1; j < cs->row[r].nfield; j++)
		if (cs->row[r].field[j][0] != '\0')
			return sol_fail(err, fname, cs->row[r].line, j + 1,
			    "value '%s' beyond the last room",
			    cs->row[r].field[j]);
	return COSPLIB_OK;
}

static enum cosplib_err
sol_fill(const struct cosplib *c, const struct csv *cs, const size_t *rows,
    size_t nrows, const char *fname, struct cosplib_sol *sol, struct buf *err)
{
	struct cosplib_names tm, xm;
	enum cosplib_err e = COSPLIB_OK;
	size_t s, r, j, k, i = 0;
	int id;

	names_fill(&tm, c->track_name, c->ntrack);
	names_fill(&xm, c->sub_name, c->nsub);
	for (j = 0; j < c->nroom; j++)
		if (strcmp(csv_get(cs, rows[0], j + 1), c->room_name[j]) != 0) {
			e = sol_fail(err, fname, cs->row[rows[0]].line, j + 2,
			    "expected room '%s'", c->room_name[j]);
			goto out;
		}
	if (nrows != 1 + c->nsession + c->cell_off[c->nsession] / c->nroom) {
		e = sol_fail(err, fname, cs->row[rows[nrows - 1]].line, 1,
		    "expected one row per session and per timeslot");
		goto out;
	}
	for (s = 0; s < c->nsession; s++) {
		r = rows[1 + s];
		if ((e = sol_row_head(c, cs, r, s, fname, err)) != COSPLIB_OK)
			goto out;
		for (j = 0; j < c->nroom; j++) {
			const char *v = csv_get(cs, r, j + 1);

			if (*v == '\0')
				continue;
			if ((id = names_get(&tm, v)) < 0) {
				e = sol_fail(err, fname, cs->row[r].line, j + 2,
				    "unknown track '%s'", v);
				goto out;
			}
			sol->track[s * c->nroom + j] = id;
		}
	}
	i = 1 + c->nsession;
	for (s = 0; s < c->nsession; s++)
		for (k = 0; k < (size_t)c->slots[s]; k++, i++) {
			r = rows[i];
			if ((e = sol_row_head(c, cs, r, s, fname, err)) !=
			    COSPLIB_OK)
				goto out;
			for (j = 0; j < c->nroom; j++) {
				const char *v = csv_get(cs, r, j + 1);

				if (*v == '\0')
					continue;
				if ((id = names_get(&xm, v)) < 0) {
					e = sol_fail(err, fname,
					    cs->row[r].line, j + 2,
					    "unknown submission '%s'", v);
					goto out;
				}
				sol->slot[c->cell_off[s] +
				    j * (size_t)c->slots[s] + k] = id;
			}
		}
out:
	names_release(&tm);
	names_release(&xm);
	return e;
}

enum cosplib_err
cosplib_sol_parse(const struct cosplib *c, const char *data, size_t len,
    const char *fname, struct cosplib_sol *sol, struct buf *err)
{
	struct csv cs;
	size_t *rows, n = 0, r;
	enum cosplib_err e;

	if (csv_parse(data, len, fname, NULL, &cs, err) != CSV_OK)
		return COSPLIB_ERR_CSV;
	rows = xcalloc(cs.nrow + 1, sizeof(size_t));
	for (r = 0; r < cs.nrow; r++)
		if (!csv_row_blank(&cs, r))
			rows[n++] = r;
	if (n == 0)
		e = sol_fail(err, fname, 1, 1, "empty solution");
	else
		e = sol_fill(c, &cs, rows, n, fname, sol, err);
	free(rows);
	csv_release(&cs);
	return e;
}

enum cosplib_err
cosplib_sol_read(const struct cosplib *c, const char *path,
    struct cosplib_sol *sol, struct buf *err)
{
	enum read_err re;
	enum cosplib_err e;
	char *data;
	size_t len;

	if ((re = read_file(path, COSPLIB_MAX_FILE, &data, &len)) != READ_OK) {
		buf_addf(err, "%s: %s\n", path, read_strerror(re));
		return COSPLIB_ERR_IO;
	}
	e = cosplib_sol_parse(c, data, len, path, sol, err);
	free(data);
	return e;
}

/* Appends one CSV field, quoted when it needs to be. */
static void
put_field(struct buf *out, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_addstr(out, s);
		return;
	}
	buf_addc(out, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(out, '"');
		buf_addc(out, *p);
	}
	buf_addc(out, '"');
}

void
cosplib_sol_write(
    const struct cosplib *c, const struct cosplib_sol *sol, struct buf *out)
{
	size_t s, j, k;
	int v;

	for (j = 0; j < c->nroom; j++) {
		buf_addc(out, ',');
		put_field(out, c->room_name[j]);
	}
	buf_addc(out, '\n');
	for (s = 0; s < c->nsession; s++) {
		put_field(out, c->session_name[s]);
		for (j = 0; j < c->nroom; j++) {
			buf_addc(out, ',');
			v = sol->track[s * c->nroom + j];
			if (v >= 0)
				put_field(out, c->track_name[v]);
		}
		buf_addc(out, '\n');
	}
	buf_addc(out, '\n');
	for (s = 0; s < c->nsession; s++)
		for (k = 0; k < (size_t)c->slots[s]; k++) {
			put_field(out, c->session_name[s]);
			for (j = 0; j < c->nroom; j++) {
				buf_addc(out, ',');
				v = sol->slot[c->cell_off[s] +
				    j * (size_t)c->slots[s] + k];
				if (v >= 0)
					put_field(out, c->sub_name[v]);
			}
			buf_addc(out, '\n');
		}
}
