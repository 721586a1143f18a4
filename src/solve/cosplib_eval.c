/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cosplib_eval.c: the full evaluation of cosplib_eval.h.  It follows the
 * checker's definitions on any grid, valid or not (a submission outside its
 * track's cell, in two rooms, missing), because the checker does; the
 * solver uses its own incremental bookkeeping and this for verification.
 * Conflict counts use sorted entry lists and stamps, so a session with E
 * entries costs O(E log E + E * degree), never O(E^2).
 */
#include <stdlib.h>
#include <string.h>

#include "solve/cosplib_eval.h"
#include "util/util.h"

static const char *const term_name[COSPLIB_T__MAX] = {
	"tracks_sessions",
	"tracks_rooms",
	"sessions_rooms",
	"similar_tracks",
	"rooms_per_track",
	"parallel_tracks",
	"consecutive_tracks",
	"submissions_timezones",
	"submissions_order",
	"submissions_sessions",
	"submissions_rooms",
	"presenters_conflicts",
	"attendees_conflicts",
	"chairs_conflicts",
	"presenters_conflicts_timeslot",
	"attendees_conflicts_timeslot",
	"extended_submissions",
};

const char *
cosplib_term_name(int t)
{
	if (t < 0 || t >= COSPLIB_T__MAX)
		return "?";
	return term_name[t];
}

/* Scratch memory for one evaluation. */
struct ev {
	const struct cosplib *c;
	const struct cosplib_sol *sol;
	int64_t raw[COSPLIB_T__MAX]; /* unweighted counts or sums */
	int64_t similar_pairs;       /* pairs with a non-zero penalty */
	int64_t consecutive;         /* tracks not in consecutive sessions */
	int *ent;                    /* (sub, room) pairs of one session */
	size_t *first;               /* sub -> index of its first entry */
	size_t *count;               /* sub -> entries in this session */
	unsigned *stamp;             /* sub -> session stamp */
	unsigned cur;
};

static int
slot_at(const struct cosplib *c, const struct cosplib_sol *sol, size_t s,
    size_t r, size_t k)
{
	return sol->slot[c->cell_off[s] + r * (size_t)c->slots[s] + k];
}

static void
ev_cells(struct ev *e)
{
	const struct cosplib *c = e->c;
	const int *tr = e->sol->track;
	size_t s, r, x, R = c->nroom;
	int t, u;

	for (s = 0; s < c->nsession; s++)
		for (r = 0; r < R; r++) {
			if ((t = tr[s * R + r]) < 0)
				continue;
			e->raw[COSPLIB_W_TRACKS_SESSIONS] +=
			    c->ts_pen[(size_t)t * c->nsession + s];
			e->raw[COSPLIB_W_TRACKS_ROOMS] +=
			    c->tr_pen[(size_t)t * R + r];
			e->raw[COSPLIB_W_SESSIONS_ROOMS] +=
			    c->sr_pen[s * R + r];
			for (x = r + 1; x < R; x++) {
				u = tr[s * R + x];
				if (u < 0 || u == t)
					continue;
				e->raw[COSPLIB_W_SIMILAR_TRACKS] +=
				    c->tt_pen[(size_t)t * c->ntrack +
					(size_t)u];
				if (c->tt_pen[(size_t)t * c->ntrack +
					(size_t)u])
					e->similar_pairs++;
			}
		}
}

/* Rooms per track, parallel tracks, consecutive tracks. */
static void
ev_tracks(struct ev *e)
{
	const struct cosplib *c = e->c;
	const int *tr = e->sol->track;
	size_t s, r, t, R = c->nroom, S = c->nsession;
	char *room_used = xcalloc(c->ntrack * R + 1, 1);
	char *sess_used = xcalloc(c->ntrack * S + 1, 1);
	size_t *cnt = xcalloc(c->ntrack + 1, sizeof(size_t));

	for (s = 0; s < S; s++) {
		for (r = 0; r < R; r++)
			if (tr[s * R + r] >= 0) {
				t = (size_t)tr[s * R + r];
				room_used[t * R + r] = 1;
				sess_used[t * S + s] = 1;
				cnt[t]++;
			}
		for (r = 0; r < R; r++)
			if (tr[s * R + r] >= 0) {
				t = (size_t)tr[s * R + r];
				if (cnt[t] > 1)
					e->raw[COSPLIB_W_PARALLEL_TRACKS] +=
					    (int64_t)cnt[t] - 1;
				cnt[t] = 0;
			}
	}
	for (t = 0; t < c->ntrack; t++) {
		size_t nr = 0, ns = 0, lo = S, hi = 0;

		for (r = 0; r < R; r++)
			nr += room_used[t * R + r];
		if (nr > 1)
			e->raw[COSPLIB_W_ROOMS_PER_TRACK] += (int64_t)nr - 1;
		for (s = 0; s < S; s++)
			if (sess_used[t * S + s]) {
				ns++;
				if (lo == S)
					lo = s;
				hi = s;
			}
		if (ns > 1 && hi - lo + 1 != ns)
			e->consecutive++;
	}
	e->raw[COSPLIB_W_CONSECUTIVE_TRACKS] = e->consecutive;
	free(room_used);
	free(sess_used);
	free(cnt);
}

/* An occurrence of a submission in a cell of a track, in cell order. */
struct occ {
	int track, sub;
	size_t seq;
};

static int
occ_by_track_sub(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;

	if (x->track != y->track)
		return x->track < y->track ? -1 : 1;
	if (x->sub != y->sub)
		return x->sub < y->sub ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
occ_by_track_seq(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;

	if (x->track != y->track)
		return x->track < y->track ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * The order term: each track lists the submissions of its cells once, in
 * cell order (session, room, timeslot); the i-th must have order i or 0.
 */
static void
ev_order(struct ev *e, struct occ *o, size_t n)
{
	const struct cosplib *c = e->c;
	size_t i, m = 0, pos = 0;

	if (n == 0)
		return;
	qsort(o, n, sizeof(*o), occ_by_track_sub);
	for (i = 0; i < n; i++)
		if (i == 0 || o[i].track != o[i - 1].track ||
		    o[i].sub != o[i - 1].sub)
			o[m++] = o[i];
	qsort(o, m, sizeof(*o), occ_by_track_seq);
	for (i = 0; i < m; i++) {
		pos = (i > 0 && o[i].track == o[i - 1].track) ? pos + 1 : 1;
		if (c->sub_order[o[i].sub] != 0 &&
		    (size_t)c->sub_order[o[i].sub] != pos)
			e->raw[COSPLIB_W_SUB_ORDER]++;
	}
}

/* Per-slot submission penalties, then the order term. */
static void
ev_subs(struct ev *e)
{
	const struct cosplib *c = e->c;
	size_t s, r, k, n = 0, R = c->nroom;
	struct occ *o = xreallocarray(NULL, c->nslot + 1, sizeof(*o));
	int x;

	for (s = 0; s < c->nsession; s++)
		for (r = 0; r < R; r++)
			for (k = 0; k < (size_t)c->slots[s]; k++) {
				if ((x = slot_at(c, e->sol, s, r, k)) < 0)
					continue;
				e->raw[COSPLIB_W_SUB_TIMEZONES] +=
				    c->tz_pen[(size_t)x * c->nsession + s];
				e->raw[COSPLIB_W_SUB_SESSIONS] +=
				    c->xs_pen[(size_t)x * c->nsession + s];
				e->raw[COSPLIB_W_SUB_ROOMS] +=
				    c->xr_pen[(size_t)x * R + r];
				if (e->sol->track[s * R + r] < 0)
					continue;
				o[n].track = e->sol->track[s * R + r];
				o[n].sub = x;
				o[n].seq = n;
				n++;
			}
	ev_order(e, o, n);
	free(o);
}

/* A (sub, room) entry of one session. */
static int
ent_cmp(const void *a, const void *b)
{
	const int *x = a, *y = b;

	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

/*
 * Session-level conflicts with adjacency (off, adj): distinct (sub, room)
 * entries, pairs of conflicting subs in different rooms.
 */
static int64_t
ev_session_conflicts(struct ev *e, size_t s, const size_t *off, const int *adj)
{
	const struct cosplib *c = e->c;
	size_t r, k, n = 0, m = 0, i, j, R = c->nroom;
	int64_t twice = 0;
	int x, y;

	for (r = 0; r < R; r++)
		for (k = 0; k < (size_t)c->slots[s]; k++) {
			x = slot_at(c, e->sol, s, r, k);
			if (x < 0 || off[x] == off[x + 1])
				continue;
			e->ent[2 * n] = x;
			e->ent[2 * n + 1] = (int)r;
			n++;
		}
	if (n > 1)
		qsort(e->ent, n, 2 * sizeof(int), ent_cmp);
	e->cur++;
	for (i = 0; i < n; i++) {
		if (i > 0 && e->ent[2 * i] == e->ent[2 * m - 2] &&
		    e->ent[2 * i + 1] == e->ent[2 * m - 1])
			continue;
		e->ent[2 * m] = e->ent[2 * i];
		e->ent[2 * m + 1] = e->ent[2 * i + 1];
		x = e->ent[2 * m];
		if (e->stamp[x] != e->cur) {
			e->stamp[x] = e->cur;
			e->first[x] = m;
			e->count[x] = 0;
		}
		e->count[x]++;
		m++;
	}
	for (i = 0; i < m; i++) {
		x = e->ent[2 * i];
		for (j = off[x]; j < off[x + 1]; j++) {
			size_t q, same = 0;

			y = adj[j];
			if (e->stamp[y] != e->cur)
				continue;
			for (q = e->first[y]; q < e->first[y] + e->count[y];
			     q++)
				if (e->ent[2 * q + 1] == e->ent[2 * i + 1])
					same++;
			twice += (int64_t)(e->count[y] - same);
		}
	}
	return twice / 2;
}

/* Timeslot-level conflicts: distinct subs in the same (session, slot). */
static int64_t
ev_slot_conflicts(struct ev *e, size_t s, const size_t *off, const int *adj)
{
	const struct cosplib *c = e->c;
	size_t r, k, j, n, R = c->nroom;
	int64_t twice = 0;
	int x;

	for (k = 0; k < (size_t)c->slots[s]; k++) {
		e->cur++;
		n = 0;
		for (r = 0; r < R; r++) {
			x = slot_at(c, e->sol, s, r, k);
			if (x < 0 || off[x] == off[x + 1] ||
			    e->stamp[x] == e->cur)
				continue;
			e->stamp[x] = e->cur;
			e->ent[n++] = x;
		}
		for (r = 0; r < n; r++) {
			x = e->ent[r];
			for (j = off[x]; j < off[x + 1]; j++)
				if (e->stamp[adj[j]] == e->cur)
					twice++;
		}
	}
	return twice / 2;
}

/* Chairs: per session, pairs of rooms whose tracks share a chair. */
static int64_t
ev_chairs(const struct ev *e, size_t s, size_t *cnt)
{
	const struct cosplib *c = e->c;
	size_t r, j, R = c->nroom;
	int64_t twice = 0;
	int t;

	for (r = 0; r < R; r++)
		if ((t = e->sol->track[s * R + r]) >= 0)
			cnt[t]++;
	for (r = 0; r < R; r++) {
		if ((t = e->sol->track[s * R + r]) < 0)
			continue;
		for (j = c->cconf_off[t]; j < c->cconf_off[t + 1]; j++)
			twice += (int64_t)cnt[c->cconf[j]];
	}
	for (r = 0; r < R; r++)
		if ((t = e->sol->track[s * R + r]) >= 0)
			cnt[t] = 0;
	return twice / 2;
}

static void
ev_conflicts(struct ev *e)
{
	const struct cosplib *c = e->c;
	size_t s, *cnt = xcalloc(c->ntrack + 1, sizeof(size_t));

	for (s = 0; s < c->nsession; s++) {
		e->raw[COSPLIB_W_PRESENTERS] +=
		    ev_session_conflicts(e, s, c->pconf_off, c->pconf);
		e->raw[COSPLIB_W_ATTENDEES] +=
		    ev_session_conflicts(e, s, c->aconf_off, c->aconf);
		e->raw[COSPLIB_W_PRESENTERS_TS] +=
		    ev_slot_conflicts(e, s, c->pconf_off, c->pconf);
		e->raw[COSPLIB_W_ATTENDEES_TS] +=
		    ev_slot_conflicts(e, s, c->aconf_off, c->aconf);
		e->raw[COSPLIB_W_CHAIRS] += ev_chairs(e, s, cnt);
	}
	free(cnt);
}

/*
 * Multi-timeslot submissions: 10^7 for each one whose count in a cell is
 * not its requirement; 10^9 for each whose timeslots (in cell order) are
 * not a run; and, as in the checker, the first one placed nowhere adds
 * 10^9 and ends the term.
 */
static void
ev_extended(struct ev *e)
{
	const struct cosplib *c = e->c;
	size_t s, r, k, x, R = c->nroom;
	int64_t *first = xreallocarray(NULL, c->nsub + 1, sizeof(int64_t));
	int64_t *last = xreallocarray(NULL, c->nsub + 1, sizeof(int64_t));
	int64_t *sum = xcalloc(c->nsub + 1, sizeof(int64_t));
	size_t *incell = xcalloc(c->nsub + 1, sizeof(size_t));
	int64_t pen = 0;
	int y;

	for (x = 0; x < c->nsub; x++)
		first[x] = -1;
	for (s = 0; s < c->nsession; s++)
		for (r = 0; r < R; r++) {
			for (k = 0; k < (size_t)c->slots[s]; k++) {
				y = slot_at(c, e->sol, s, r, k);
				if (y < 0 || c->sub_req[y] <= 1)
					continue;
				incell[y]++;
				if (first[y] < 0)
					first[y] = (int64_t)k;
				last[y] = (int64_t)k;
				sum[y] += (int64_t)k;
			}
			for (k = 0; k < (size_t)c->slots[s]; k++) {
				y = slot_at(c, e->sol, s, r, k);
				if (y < 0 || incell[y] == 0)
					continue;
				if (incell[y] != (size_t)c->sub_req[y])
					pen += 10000000;
				incell[y] = 0;
			}
		}
	for (x = 0; x < c->nsub; x++) {
		int64_t a = first[x], b = last[x], run;

		if (c->sub_req[x] <= 1)
			continue;
		if (a < 0) {
			pen += 1000000000;
			break;
		}
		run = b >= a ? (a + b) * (b - a + 1) / 2 : 0;
		if (run != sum[x])
			pen += 1000000000;
	}
	e->raw[COSPLIB_T_EXTENDED] = pen;
	free(first);
	free(last);
	free(sum);
	free(incell);
}

static void
ev_flags(const struct ev *e, struct cosplib_eval *out)
{
	const struct cosplib *c = e->c;
	size_t s, r, k, x, R = c->nroom;
	size_t *n = xcalloc(c->nsub + 1, sizeof(size_t));
	int y, t;

	out->complete = true;
	out->valid = true;
	for (s = 0; s < c->nsession; s++)
		for (r = 0; r < R; r++)
			for (k = 0; k < (size_t)c->slots[s]; k++) {
				if ((y = slot_at(c, e->sol, s, r, k)) < 0)
					continue;
				n[y]++;
				t = e->sol->track[s * R + r];
				if (t >= 0 && t != c->sub_track[y])
					out->valid = false;
			}
	for (x = 0; x < c->nsub; x++)
		if (n[x] != (size_t)c->sub_req[x])
			out->complete = false;
	free(n);
}

void
cosplib_evaluate(const struct cosplib *c, const struct cosplib_sol *sol,
    enum cosplib_profile profile, struct cosplib_eval *out)
{
	struct ev e;
	size_t t, maxent = 0, s;

	memset(&e, 0, sizeof(e));
	memset(out, 0, sizeof(*out));
	e.c = c;
	e.sol = sol;
	for (s = 0; s < c->nsession; s++)
		if (c->nroom * (size_t)c->slots[s] > maxent)
			maxent = c->nroom * (size_t)c->slots[s];
	e.ent = xreallocarray(NULL, 2 * maxent + 2, sizeof(int));
	e.first = xcalloc(c->nsub + 1, sizeof(size_t));
	e.count = xcalloc(c->nsub + 1, sizeof(size_t));
	e.stamp = xcalloc(c->nsub + 1, sizeof(unsigned));
	ev_cells(&e);
	ev_tracks(&e);
	ev_subs(&e);
	ev_conflicts(&e);
	ev_extended(&e);
	ev_flags(&e, out);
	for (t = 0; t < COSPLIB_W__MAX; t++)
		out->term[t] = c->weight[t] * e.raw[t];
	out->term[COSPLIB_T_EXTENDED] = e.raw[COSPLIB_T_EXTENDED];
	if (profile == COSPLIB_PROFILE_PUBLISHED) {
		out->term[COSPLIB_W_SIMILAR_TRACKS] =
		    c->weight[COSPLIB_W_SIMILAR_TRACKS] * e.similar_pairs;
		out->term[COSPLIB_W_CONSECUTIVE_TRACKS] =
		    c->weight[COSPLIB_W_CONSECUTIVE_TRACKS] > 0
		    ? 10 * e.consecutive
		    : 0;
		out->term[COSPLIB_W_PARALLEL_TRACKS] = 0;
		out->term[COSPLIB_W_SUB_ORDER] = 0;
		out->term[COSPLIB_W_PRESENTERS_TS] = 0;
		out->term[COSPLIB_W_ATTENDEES_TS] = 0;
	}
	for (t = 0; t < COSPLIB_T__MAX; t++)
		out->total += out->term[t];
	free(e.ent);
	free(e.first);
	free(e.count);
	free(e.stamp);
}
