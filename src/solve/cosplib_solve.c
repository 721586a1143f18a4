/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cosplib_solve.c: greedy start and late-acceptance local search for
 * cosplib_solve.h.  Invariant of the search state: every submission sits in
 * exactly one cell of its own track, the cell's submissions are packed from
 * timeslot 0 in list order, and a cell with no submission has no track.
 * Under it the checker's objective splits into per-session parts (cell,
 * similar, parallel, chair, submission and conflict terms) and per-track
 * parts (rooms per track, consecutive sessions, order); a move recomputes
 * only the parts of the sessions and tracks it touches, and the counts
 * (track x session, track x room) are kept up to date move by move.  The
 * undo record saves every cell a move changes (two, or all the cells of a
 * repacked track) and the session and track parts to restore.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "solve/cosplib_solve.h"
#include "util/rng.h"
#include "util/util.h"

const char *
cosplib_solve_strerror(enum cosplib_solve_err err)
{
	switch (err) {
	case COSPLIB_SOLVE_OK:
		return "success";
	case COSPLIB_SOLVE_INFEASIBLE:
		return "some submissions fit in no free cell";
	default:
		return "unknown solver error";
	}
}

/* The search state; arrays indexed by dense ids, allocated once. */
struct st {
	const struct cosplib *c;
	size_t S, R, T, X, ncell, cap; /* cap: max timeslots of a session */
	const int64_t *w;
	int *ctrack;     /* cell -> track or -1 */
	int *cn;         /* cell -> number of submissions */
	int *cused;      /* cell -> timeslots used */
	int *clist;      /* cell -> submissions, cap each */
	int *xcell;      /* sub -> cell */
	int *cnt_ts;     /* track x session -> rooms holding it */
	int *cnt_tr;     /* track x room -> sessions holding it */
	int *nroom;      /* track -> distinct rooms */
	char *chair;     /* track x track -> chairs conflict */
	char *ordered;   /* track -> has a submission with an order */
	int64_t *scost;  /* session -> cost of its part */
	int64_t *tcost;  /* track -> cost of its part */
	unsigned *stamp; /* track -> scratch stamp */
	unsigned cur;
	size_t *rp_cell; /* repack scratch: cells of a track, in order */
	int *rp_seq;     /* repack scratch: the track's wanted sequence */
	int *rp_at;      /* repack scratch: sequence index -> cell index */
	int64_t total;
};

static int *
cell_list(struct st *z, size_t cell)
{
	return z->clist + cell * z->cap;
}

static size_t
cell_session(const struct st *z, size_t cell)
{
	return cell / z->R;
}

/* Changes a cell's track, keeping the count arrays right. */
static void
cell_set_track(struct st *z, size_t cell, int t)
{
	size_t s = cell / z->R, r = cell % z->R;
	int old = z->ctrack[cell];

	if (old == t)
		return;
	if (old >= 0) {
		z->cnt_ts[(size_t)old * z->S + s]--;
		if (--z->cnt_tr[(size_t)old * z->R + r] == 0)
			z->nroom[old]--;
	}
	if (t >= 0) {
		z->cnt_ts[(size_t)t * z->S + s]++;
		if (z->cnt_tr[(size_t)t * z->R + r]++ == 0)
			z->nroom[t]++;
	}
	z->ctrack[cell] = t;
}

static int64_t
conflicts_in(const struct st *z, size_t s, size_t cell, int x,
    const size_t *off, const int *adj)
{
	int64_t n = 0;
	size_t j, yc;

	for (j = off[x]; j < off[x + 1]; j++) {
		yc = (size_t)z->xcell[adj[j]];
		if (cell_session(z, yc) == s && yc != cell)
			n++;
	}
	return n;
}

/* Start timeslot of sub x in its cell. */
static int
sub_start(struct st *z, int x)
{
	size_t cell = (size_t)z->xcell[x];
	const int *l = cell_list(z, cell);
	int i, p = 0;

	for (i = 0; l[i] != x; i++)
		p += z->c->sub_req[l[i]];
	return p;
}

static int64_t
slot_conflicts_in(
    struct st *z, size_t s, int x, const size_t *off, const int *adj)
{
	const struct cosplib *c = z->c;
	int64_t n = 0;
	size_t j;
	int a = sub_start(z, x), b, y, lo, hi;

	for (j = off[x]; j < off[x + 1]; j++) {
		y = adj[j];
		if (cell_session(z, (size_t)z->xcell[y]) != s)
			continue;
		b = sub_start(z, y);
		lo = a > b ? a : b;
		hi = a + c->sub_req[x] < b + c->sub_req[y] ? a + c->sub_req[x]
							   : b + c->sub_req[y];
		if (hi > lo)
			n += hi - lo;
	}
	return n;
}

/* The per-session part of the objective. */
static int64_t
session_cost(struct st *z, size_t s)
{
	const struct cosplib *c = z->c;
	const int64_t *w = z->w;
	size_t r, q, cell, R = z->R;
	int64_t cost = 0, pc = 0, ac = 0, pts = 0, ats = 0, chairs = 0;
	int t, u, i, x;

	z->cur++;
	for (r = 0; r < R; r++) {
		cell = s * R + r;
		if ((t = z->ctrack[cell]) < 0)
			continue;
		cost += w[COSPLIB_W_TRACKS_SESSIONS] *
			c->ts_pen[(size_t)t * z->S + s] +
		    w[COSPLIB_W_TRACKS_ROOMS] * c->tr_pen[(size_t)t * R + r] +
		    w[COSPLIB_W_SESSIONS_ROOMS] * c->sr_pen[s * R + r];
		if (z->stamp[t] != z->cur) {
			z->stamp[t] = z->cur;
			cost += w[COSPLIB_W_PARALLEL_TRACKS] *
			    (z->cnt_ts[(size_t)t * z->S + s] - 1);
		}
		for (q = r + 1; q < R; q++) {
			u = z->ctrack[s * R + q];
			if (u < 0)
				continue;
			if (u != t)
				cost += w[COSPLIB_W_SIMILAR_TRACKS] *
				    c->tt_pen[(size_t)t * z->T + (size_t)u];
			chairs += z->chair[(size_t)t * z->T + (size_t)u];
		}
		for (i = 0; i < z->cn[cell]; i++) {
			x = cell_list(z, cell)[i];
			cost += c->sub_req[x] *
			    (w[COSPLIB_W_SUB_TIMEZONES] *
				    c->tz_pen[(size_t)x * z->S + s] +
				w[COSPLIB_W_SUB_SESSIONS] *
				    c->xs_pen[(size_t)x * z->S + s] +
				w[COSPLIB_W_SUB_ROOMS] *
				    c->xr_pen[(size_t)x * R + r]);
			if (w[COSPLIB_W_PRESENTERS])
				pc += conflicts_in(
				    z, s, cell, x, c->pconf_off, c->pconf);
			if (w[COSPLIB_W_ATTENDEES])
				ac += conflicts_in(
				    z, s, cell, x, c->aconf_off, c->aconf);
			if (w[COSPLIB_W_PRESENTERS_TS])
				pts += slot_conflicts_in(
				    z, s, x, c->pconf_off, c->pconf);
			if (w[COSPLIB_W_ATTENDEES_TS])
				ats += slot_conflicts_in(
				    z, s, x, c->aconf_off, c->aconf);
		}
	}
	return cost + w[COSPLIB_W_CHAIRS] * chairs +
	    w[COSPLIB_W_PRESENTERS] * (pc / 2) +
	    w[COSPLIB_W_ATTENDEES] * (ac / 2) +
	    w[COSPLIB_W_PRESENTERS_TS] * (pts / 2) +
	    w[COSPLIB_W_ATTENDEES_TS] * (ats / 2);
}

/* The per-track part: rooms per track, consecutive sessions, order. */
static int64_t
track_cost(struct st *z, int t)
{
	const struct cosplib *c = z->c;
	const int64_t *w = z->w;
	int64_t cost = 0;
	size_t s, lo = z->S, hi = 0, ns = 0, cell;
	int i, pos = 0, x;

	if (z->nroom[t] > 1)
		cost += w[COSPLIB_W_ROOMS_PER_TRACK] * (z->nroom[t] - 1);
	for (s = 0; s < z->S; s++)
		if (z->cnt_ts[(size_t)t * z->S + s] > 0) {
			if (lo == z->S)
				lo = s;
			hi = s;
			ns++;
		}
	if (ns > 1 && hi - lo + 1 != ns)
		cost += w[COSPLIB_W_CONSECUTIVE_TRACKS];
	if (w[COSPLIB_W_SUB_ORDER] == 0 || !z->ordered[t])
		return cost;
	for (cell = 0; cell < z->ncell; cell++) {
		if (z->ctrack[cell] != t)
			continue;
		for (i = 0; i < z->cn[cell]; i++) {
			x = cell_list(z, cell)[i];
			pos++;
			if (c->sub_order[x] != 0 && c->sub_order[x] != pos)
				cost += w[COSPLIB_W_SUB_ORDER];
		}
	}
	return cost;
}

static int64_t
full_cost(struct st *z)
{
	size_t s;
	int t;

	z->total = 0;
	for (s = 0; s < z->S; s++)
		z->total += (z->scost[s] = session_cost(z, s));
	for (t = 0; (size_t)t < z->T; t++)
		z->total += (z->tcost[t] = track_cost(z, t));
	return z->total;
}

static void
st_init(struct st *z, const struct cosplib *c)
{
	size_t s, t, j, x;

	memset(z, 0, sizeof(*z));
	z->c = c;
	z->S = c->nsession;
	z->R = c->nroom;
	z->T = c->ntrack;
	z->X = c->nsub;
	z->ncell = z->S * z->R;
	z->w = c->weight;
	for (s = 0; s < z->S; s++)
		if ((size_t)c->slots[s] > z->cap)
			z->cap = (size_t)c->slots[s];
	z->ctrack = xreallocarray(NULL, z->ncell, sizeof(int));
	for (j = 0; j < z->ncell; j++)
		z->ctrack[j] = -1;
	z->cn = xcalloc(z->ncell, sizeof(int));
	z->cused = xcalloc(z->ncell, sizeof(int));
	z->clist = xcalloc(z->ncell * z->cap, sizeof(int));
	z->xcell = xcalloc(z->X, sizeof(int));
	z->cnt_ts = xcalloc(z->T * z->S, sizeof(int));
	z->cnt_tr = xcalloc(z->T * z->R, sizeof(int));
	z->nroom = xcalloc(z->T, sizeof(int));
	z->chair = xcalloc(z->T * z->T, 1);
	z->ordered = xcalloc(z->T, 1);
	z->scost = xcalloc(z->S, sizeof(int64_t));
	z->tcost = xcalloc(z->T, sizeof(int64_t));
	z->stamp = xcalloc(z->T, sizeof(unsigned));
	z->rp_cell = xcalloc(z->ncell + 1, sizeof(size_t));
	z->rp_seq = xcalloc(z->X + 1, sizeof(int));
	z->rp_at = xcalloc(z->X + 1, sizeof(int));
	for (t = 0; t < z->T; t++)
		for (j = c->cconf_off[t]; j < c->cconf_off[t + 1]; j++)
			z->chair[t * z->T + (size_t)c->cconf[j]] = 1;
	for (x = 0; x < z->X; x++)
		if (c->sub_order[x] != 0)
			z->ordered[c->sub_track[x]] = 1;
}

static void
st_release(struct st *z)
{
	free(z->ctrack);
	free(z->cn);
	free(z->cused);
	free(z->clist);
	free(z->xcell);
	free(z->cnt_ts);
	free(z->cnt_tr);
	free(z->nroom);
	free(z->chair);
	free(z->ordered);
	free(z->scost);
	free(z->tcost);
	free(z->stamp);
	free(z->rp_cell);
	free(z->rp_seq);
	free(z->rp_at);
}

static void
cell_insert(struct st *z, size_t cell, int x, int at)
{
	int *l = cell_list(z, cell), i;

	if (z->cn[cell] == 0)
		cell_set_track(z, cell, z->c->sub_track[x]);
	for (i = z->cn[cell]; i > at; i--)
		l[i] = l[i - 1];
	l[at] = x;
	z->cn[cell]++;
	z->cused[cell] += z->c->sub_req[x];
	z->xcell[x] = (int)cell;
}

static int
cell_remove(struct st *z, size_t cell, int x)
{
	int *l = cell_list(z, cell), i, at = 0;

	while (l[at] != x)
		at++;
	for (i = at; i + 1 < z->cn[cell]; i++)
		l[i] = l[i + 1];
	z->cn[cell]--;
	z->cused[cell] -= z->c->sub_req[x];
	if (z->cn[cell] == 0)
		cell_set_track(z, cell, -1);
	return at;
}

static int
cell_slots(const struct st *z, size_t cell)
{
	return z->c->slots[cell_session(z, cell)];
}

/* Greedy start: each track, largest first, into its cheapest cells. */
static int64_t
open_cost(struct st *z, size_t cell, int t)
{
	const struct cosplib *c = z->c;
	size_t s = cell / z->R, r = cell % z->R;
	int64_t k =
	    z->w[COSPLIB_W_TRACKS_SESSIONS] * c->ts_pen[(size_t)t * z->S + s] +
	    z->w[COSPLIB_W_TRACKS_ROOMS] * c->tr_pen[(size_t)t * z->R + r] +
	    z->w[COSPLIB_W_SESSIONS_ROOMS] * c->sr_pen[s * z->R + r];

	if (z->cnt_ts[(size_t)t * z->S + s] > 0)
		k += z->w[COSPLIB_W_PARALLEL_TRACKS] + 1;
	if (z->nroom[t] > 0 && z->cnt_tr[(size_t)t * z->R + r] == 0)
		k += z->w[COSPLIB_W_ROOMS_PER_TRACK] + 1;
	return k;
}

/*
 * Chooses an empty cell for the rest of track t (rem timeslots, the
 * largest unplaced submission needing big): an exact fit first, else,
 * at random, the largest cell below rem or the smallest above it; ties go
 * to the cheapest cell.
 */
static size_t
pick_cell(struct st *z, struct rng *g, int t, int rem, int big)
{
	size_t cell, best = z->ncell;
	int mode = (int)rng_below(g, 3), cap, bcap = 0, key, bkey = 0;
	int64_t oc, bc = 0;

	for (cell = 0; cell < z->ncell; cell++) {
		if (z->ctrack[cell] >= 0 || (cap = cell_slots(z, cell)) < big)
			continue;
		if (cap == rem)
			key = 0;
		else if (cap > rem)
			key = 1 + 2 * rem + (cap - rem);
		else if (mode == 0)
			key = 1 + cap; /* smallest first */
		else if (mode == 1)
			key = 1 + (rem - cap); /* largest first */
		else
			key = 1 + (int)rng_below(g, (uint64_t)rem);
		oc = open_cost(z, cell, t) + (int64_t)rng_below(g, 2);
		if (best == z->ncell || key < bkey ||
		    (key == bkey && oc < bc)) {
			best = cell;
			bkey = key;
			bc = oc;
			bcap = cap;
		}
	}
	(void)bcap;
	return best;
}

/* Places the submissions of track t; false if some did not fit. */
static bool
place_track(struct st *z, struct rng *g, int t, int *todo)
{
	const struct cosplib *c = z->c;
	size_t j, n = 0, cell;
	int rem = 0, big, k, x, tmp;
	bool placed;

	for (j = c->track_sub_off[t]; j < c->track_sub_off[t + 1]; j++) {
		todo[n++] = c->track_sub[j];
		rem += c->sub_req[c->track_sub[j]];
	}
	for (j = 1; j < n; j++) /* stable: longest first */
		for (k = (int)j;
		     k > 0 && c->sub_req[todo[k]] > c->sub_req[todo[k - 1]];
		     k--) {
			tmp = todo[k];
			todo[k] = todo[k - 1];
			todo[k - 1] = tmp;
		}
	while (n > 0) {
		big = c->sub_req[todo[0]];
		if ((cell = pick_cell(z, g, t, rem, big)) == z->ncell)
			return false;
		placed = false;
		for (j = 0; j < n;) {
			x = todo[j];
			if (z->cused[cell] + c->sub_req[x] >
			    cell_slots(z, cell)) {
				j++;
				continue;
			}
			cell_insert(z, cell, x, z->cn[cell]);
			rem -= c->sub_req[x];
			memmove(
			    todo + j, todo + j + 1, (n - j - 1) * sizeof(int));
			n--;
			placed = true;
		}
		if (!placed)
			return false;
	}
	return true;
}

static void
st_clear(struct st *z)
{
	size_t cell;

	for (cell = 0; cell < z->ncell; cell++) {
		cell_set_track(z, cell, -1);
		z->cn[cell] = 0;
		z->cused[cell] = 0;
	}
}

/*
 * Greedy start, largest tracks first; on a tight instance a placement can
 * strand timeslots, so it retries with other random choices.
 */
static bool
greedy(struct st *z, uint64_t seed)
{
	const struct cosplib *c = z->c;
	size_t *order = xcalloc(z->T, sizeof(size_t)), i, j, k;
	int64_t *need = xcalloc(z->T, sizeof(int64_t));
	int *todo = xcalloc(z->X + 1, sizeof(int)), x, attempt;
	struct rng g;
	bool ok = false;

	rng_seed(&g, seed ^ 0x9e3779b97f4a7c15ULL);
	for (x = 0; (size_t)x < z->X; x++)
		need[c->sub_track[x]] += c->sub_req[x];
	for (i = 0; i < z->T; i++)
		order[i] = i;
	for (i = 1; i < z->T; i++) /* insertion sort, stable */
		for (j = i; j > 0 && need[order[j]] > need[order[j - 1]]; j--) {
			k = order[j];
			order[j] = order[j - 1];
			order[j - 1] = k;
		}
	for (attempt = 0; attempt < 1000 && !ok; attempt++) {
		st_clear(z);
		ok = true;
		if (attempt >= 100) /* perturb the order: swap a few tracks */
			for (i = 0; i < 1 + (size_t)attempt / 100; i++) {
				j = rng_below(&g, z->T);
				k = rng_below(&g, z->T);
				x = (int)order[j];
				order[j] = order[k];
				order[k] = (size_t)x;
			}
		for (i = 0; i < z->T && ok; i++)
			ok = place_track(z, &g, (int)order[i], todo);
	}
	if (!ok) {
		/* Keep what fits and mark the rest unplaced. */
		st_clear(z);
		for (x = 0; (size_t)x < z->X; x++)
			z->xcell[x] = -1;
		for (i = 0; i < z->T; i++)
			place_track(z, &g, (int)order[i], todo);
	}
	free(order);
	free(need);
	free(todo);
	return ok;
}

/*
 * Saved copy of the cells a move touches (two for most moves, all the
 * cells of a track for a repack), to undo a rejected move, with the
 * sessions and tracks whose parts must be recosted.
 */
struct undo {
	size_t *cell, *sess;
	int *track, *cn, *used, *tracks;
	int *list; /* cap per saved cell */
	int64_t *scost, *tcost, total;
	int n, nsess, ntracks;
};

static void
undo_alloc(const struct st *z, struct undo *u)
{
	memset(u, 0, sizeof(*u));
	u->cell = xcalloc(z->ncell + 1, sizeof(size_t));
	u->sess = xcalloc(z->S + 1, sizeof(size_t));
	u->track = xcalloc(z->ncell + 1, sizeof(int));
	u->cn = xcalloc(z->ncell + 1, sizeof(int));
	u->used = xcalloc(z->ncell + 1, sizeof(int));
	u->tracks = xcalloc(z->T + 1, sizeof(int));
	u->list = xcalloc((z->ncell + 1) * z->cap, sizeof(int));
	u->scost = xcalloc(z->S + 1, sizeof(int64_t));
	u->tcost = xcalloc(z->T + 1, sizeof(int64_t));
}

static void
undo_free(struct undo *u)
{
	free(u->cell);
	free(u->sess);
	free(u->track);
	free(u->cn);
	free(u->used);
	free(u->tracks);
	free(u->list);
	free(u->scost);
	free(u->tcost);
}

static void
undo_begin(const struct st *z, struct undo *u)
{
	u->n = 0;
	u->nsess = 0;
	u->ntracks = 0;
	u->total = z->total;
}

static void
undo_track(struct st *z, struct undo *u, int t)
{
	int i;

	if (t < 0)
		return;
	for (i = 0; i < u->ntracks; i++)
		if (u->tracks[i] == t)
			return;
	u->tcost[u->ntracks] = z->tcost[t];
	u->tracks[u->ntracks++] = t;
}

/* Saves a cell before a move changes it (once per cell). */
static void
undo_cell(struct st *z, struct undo *u, size_t cell)
{
	size_t s = cell_session(z, cell);
	int i;

	for (i = 0; i < u->n; i++)
		if (u->cell[i] == cell)
			return;
	u->cell[u->n] = cell;
	u->track[u->n] = z->ctrack[cell];
	u->cn[u->n] = z->cn[cell];
	u->used[u->n] = z->cused[cell];
	memcpy(u->list + (size_t)u->n * z->cap, cell_list(z, cell),
	    z->cap * sizeof(int));
	u->n++;
	for (i = 0; i < u->nsess; i++)
		if (u->sess[i] == s)
			break;
	if (i == u->nsess) {
		u->scost[u->nsess] = z->scost[s];
		u->sess[u->nsess++] = s;
	}
	undo_track(z, u, z->ctrack[cell]);
}

static void
undo_save(struct st *z, struct undo *u, size_t c1, size_t c2)
{
	undo_begin(z, u);
	undo_cell(z, u, c1);
	undo_cell(z, u, c2);
}

/* Recosts the parts a move touched; returns the new total. */
static int64_t
recost(struct st *z, struct undo *u)
{
	int i;

	for (i = 0; i < u->n; i++)
		undo_track(z, u, z->ctrack[u->cell[i]]);
	for (i = 0; i < u->nsess; i++) {
		z->total -= z->scost[u->sess[i]];
		z->scost[u->sess[i]] = session_cost(z, u->sess[i]);
		z->total += z->scost[u->sess[i]];
	}
	for (i = 0; i < u->ntracks; i++) {
		z->total -= z->tcost[u->tracks[i]];
		z->tcost[u->tracks[i]] = track_cost(z, u->tracks[i]);
		z->total += z->tcost[u->tracks[i]];
	}
	return z->total;
}

static void
undo_apply(struct st *z, struct undo *u)
{
	int i, j;

	for (i = 0; i < u->n; i++)
		cell_set_track(z, u->cell[i], -1);
	for (i = 0; i < u->n; i++) {
		size_t cell = u->cell[i];

		cell_set_track(z, cell, u->track[i]);
		z->cn[cell] = u->cn[i];
		z->cused[cell] = u->used[i];
		memcpy(cell_list(z, cell), u->list + (size_t)i * z->cap,
		    z->cap * sizeof(int));
		for (j = 0; j < z->cn[cell]; j++)
			z->xcell[cell_list(z, cell)[j]] = (int)cell;
	}
	for (i = 0; i < u->nsess; i++)
		z->scost[u->sess[i]] = u->scost[i];
	for (i = 0; i < u->ntracks; i++)
		z->tcost[u->tracks[i]] = u->tcost[i];
	z->total = u->total;
}

/* Moves; each returns false when it does not apply (nothing changed). */
static bool
mv_swap_cells(struct st *z, struct rng *g, struct undo *u)
{
	size_t c1 = (size_t)z->xcell[rng_below(g, z->X)];
	size_t c2 = rng_below(g, z->ncell), k;
	int t1 = z->ctrack[c1], t2 = z->ctrack[c2], n, used, *a, *b, i;

	if (c1 == c2 || t1 == t2 || z->cused[c1] > cell_slots(z, c2) ||
	    z->cused[c2] > cell_slots(z, c1))
		return false;
	undo_save(z, u, c1, c2);
	cell_set_track(z, c1, -1);
	cell_set_track(z, c2, -1);
	a = cell_list(z, c1);
	b = cell_list(z, c2);
	for (k = 0; k < z->cap; k++) {
		int tmp = a[k];

		a[k] = b[k];
		b[k] = tmp;
	}
	n = z->cn[c1];
	z->cn[c1] = z->cn[c2];
	z->cn[c2] = n;
	used = z->cused[c1];
	z->cused[c1] = z->cused[c2];
	z->cused[c2] = used;
	cell_set_track(z, c1, t2);
	cell_set_track(z, c2, t1);
	for (i = 0; i < z->cn[c1]; i++)
		z->xcell[a[i]] = (int)c1;
	for (i = 0; i < z->cn[c2]; i++)
		z->xcell[b[i]] = (int)c2;
	return true;
}

static bool
mv_move_sub(struct st *z, struct rng *g, struct undo *u)
{
	int x = (int)rng_below(g, z->X), t = z->c->sub_track[x], tries;
	size_t c1 = (size_t)z->xcell[x], c2 = 0;

	for (tries = 0; tries < 8; tries++) {
		c2 = rng_below(g, z->ncell);
		if (c2 != c1 && (z->ctrack[c2] == t || z->ctrack[c2] < 0) &&
		    z->cused[c2] + z->c->sub_req[x] <= cell_slots(z, c2))
			break;
	}
	if (tries == 8)
		return false;
	undo_save(z, u, c1, c2);
	cell_remove(z, c1, x);
	cell_insert(z, c2, x, (int)rng_below(g, (uint64_t)z->cn[c2] + 1));
	return true;
}

static bool
mv_swap_subs(struct st *z, struct rng *g, struct undo *u)
{
	const struct cosplib *c = z->c;
	int x = (int)rng_below(g, z->X), t = c->sub_track[x], y, px, py;
	size_t n = c->track_sub_off[t + 1] - c->track_sub_off[t], c1, c2;

	y = c->track_sub[c->track_sub_off[t] + rng_below(g, n)];
	c1 = (size_t)z->xcell[x];
	c2 = (size_t)z->xcell[y];
	if (c1 == c2 ||
	    z->cused[c1] - c->sub_req[x] + c->sub_req[y] > cell_slots(z, c1) ||
	    z->cused[c2] - c->sub_req[y] + c->sub_req[x] > cell_slots(z, c2))
		return false;
	undo_save(z, u, c1, c2);
	px = cell_remove(z, c1, x);
	py = cell_remove(z, c2, y);
	cell_insert(z, c1, y, px);
	cell_insert(z, c2, x, py);
	return true;
}

static bool
mv_reorder(struct st *z, struct rng *g, struct undo *u)
{
	int x = (int)rng_below(g, z->X), i, j, tmp, *l;
	size_t cell = (size_t)z->xcell[x];

	if (z->cn[cell] < 2)
		return false;
	i = (int)rng_below(g, (uint64_t)z->cn[cell]);
	j = (int)rng_below(g, (uint64_t)z->cn[cell]);
	if (i == j)
		return false;
	undo_save(z, u, cell, cell);
	l = cell_list(z, cell);
	tmp = l[i];
	l[i] = l[j];
	l[j] = tmp;
	return true;
}

/* Whether some submission of track t is not at the position it wants. */
static bool
order_broken(const struct st *z, int t)
{
	const struct cosplib *c = z->c;
	size_t cell;
	int i, pos = 0, x;

	for (cell = 0; cell < z->ncell; cell++) {
		if (z->ctrack[cell] != t)
			continue;
		for (i = 0; i < z->cn[cell]; i++) {
			x = z->clist[cell * z->cap + (size_t)i];
			pos++;
			if (c->sub_order[x] != 0 && c->sub_order[x] != pos)
				return true;
		}
	}
	return false;
}

/*
 * Repacks a track whose order is broken: its submissions in the sequence the
 * order term wants (each ordered one at its position, the others in their
 * current order in the gaps), packed next-fit into the track's cells in cell
 * order, plus, half the time, one empty cell at random, so a track whose orders
 * need one more cell than it has can get it in a single move.  Cells left over
 * are freed.  Fails (nothing changed) when the sequence does not fit.
 */
static bool
mv_repack(struct st *z, struct rng *g, struct undo *u)
{
	const struct cosplib *c = z->c;
	int t = c->sub_track[rng_below(g, z->X)], x, i, used = 0;
	size_t n = c->track_sub_off[t + 1] - c->track_sub_off[t];
	size_t cell, nc = 0, extra = z->ncell, j, k, m = 0;

	if (!z->ordered[t] || !order_broken(z, t))
		return false;
	if (rng_below(g, 2) == 0) {
		extra = rng_below(g, z->ncell);
		if (z->ctrack[extra] >= 0)
			extra = z->ncell;
	}
	for (j = 0; j < n; j++)
		z->rp_seq[j] = -1;
	for (j = 0; j < n; j++) { /* ordered submissions first */
		x = c->track_sub[c->track_sub_off[t] + j];
		k = (size_t)c->sub_order[x];
		if (k >= 1 && k <= n && z->rp_seq[k - 1] < 0)
			z->rp_seq[k - 1] = x;
	}
	for (cell = 0; cell < z->ncell; cell++) {
		if (cell == extra)
			z->rp_cell[nc++] = cell;
		if (z->ctrack[cell] != t)
			continue;
		z->rp_cell[nc++] = cell;
		for (i = 0; i < z->cn[cell]; i++) { /* the rest, in the gaps */
			x = cell_list(z, cell)[i];
			k = (size_t)c->sub_order[x];
			if (k >= 1 && k <= n && z->rp_seq[k - 1] == x)
				continue;
			while (m < n && z->rp_seq[m] >= 0)
				m++;
			z->rp_seq[m] = x;
		}
	}
	for (j = 0, k = 0; j < n; j++) { /* next fit */
		x = z->rp_seq[j];
		while (k < nc &&
		    used + c->sub_req[x] > cell_slots(z, z->rp_cell[k])) {
			k++;
			used = 0;
		}
		if (k == nc)
			return false;
		z->rp_at[j] = (int)k;
		used += c->sub_req[x];
	}
	undo_begin(z, u);
	for (k = 0; k < nc; k++) {
		cell = z->rp_cell[k];
		undo_cell(z, u, cell);
		z->cn[cell] = 0;
		z->cused[cell] = 0;
		cell_set_track(z, cell, -1);
	}
	for (j = 0; j < n; j++) {
		cell = z->rp_cell[z->rp_at[j]];
		cell_insert(z, cell, z->rp_seq[j], z->cn[cell]);
	}
	return true;
}

static void
st_to_sol(struct st *z, const int *ctrack, const int *cn, const int *clist,
    struct cosplib_sol *out)
{
	const struct cosplib *c = z->c;
	size_t cell, s, r;
	int i, k, p;

	for (cell = 0; cell < z->ncell; cell++) {
		s = cell / z->R;
		r = cell % z->R;
		out->track[cell] = ctrack[cell];
		for (k = 0; k < c->slots[s]; k++)
			out->slot[c->cell_off[s] + r * (size_t)c->slots[s] +
			    (size_t)k] = -1;
		for (i = 0, p = 0; i < cn[cell]; i++) {
			int x = clist[cell * z->cap + (size_t)i];

			for (k = 0; k < c->sub_req[x]; k++, p++)
				out->slot[c->cell_off[s] +
				    r * (size_t)c->slots[s] + (size_t)p] = x;
		}
	}
}

static double
now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Best state so far, copied on improvement. */
struct best {
	int *ctrack, *cn, *clist;
	int64_t cost;
};

static void
best_take(struct best *b, const struct st *z)
{
	memcpy(b->ctrack, z->ctrack, z->ncell * sizeof(int));
	memcpy(b->cn, z->cn, z->ncell * sizeof(int));
	memcpy(b->clist, z->clist, z->ncell * z->cap * sizeof(int));
	b->cost = z->total;
}

/* Loads the best state back into the search state and recosts it. */
static void
best_load(struct st *z, const struct best *b)
{
	size_t cell;
	int i;

	for (cell = 0; cell < z->ncell; cell++) {
		cell_set_track(z, cell, b->ctrack[cell]);
		z->cn[cell] = b->cn[cell];
		memcpy(cell_list(z, cell), b->clist + cell * z->cap,
		    z->cap * sizeof(int));
		z->cused[cell] = 0;
		for (i = 0; i < z->cn[cell]; i++) {
			int x = cell_list(z, cell)[i];

			z->cused[cell] += z->c->sub_req[x];
			z->xcell[x] = (int)cell;
		}
	}
	full_cost(z);
}

/* Draws a move from the enabled ones (mask), by fixed weights. */
static bool
mv_random(struct st *z, struct rng *g, struct undo *u, unsigned mask)
{
	static const unsigned weight[] = { 30, 35, 25, 10, 2 };
	static bool (*const move[])(
	    struct st *, struct rng *, struct undo *) = { mv_swap_cells,
		mv_move_sub, mv_swap_subs, mv_reorder, mv_repack };
	unsigned i, total = 0;
	uint64_t pick;

	for (i = 0; i < 5; i++)
		if (mask & (1u << i))
			total += weight[i];
	pick = rng_below(g, total);
	for (i = 0; i < 5; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (pick < weight[i])
			break;
		pick -= weight[i];
	}
	return move[i](z, g, u);
}

static void
search(struct st *z, const struct cosplib_solve_opts *o, struct best *b,
    struct cosplib_solve_stats *stats, double t0)
{
	struct rng g;
	struct undo u;
	unsigned L = o->history ? o->history : 5000, v;
	int64_t *hist, cur, nw;
	bool use_reorder = z->w[COSPLIB_W_SUB_ORDER] > 0 ||
	    z->w[COSPLIB_W_PRESENTERS_TS] > 0 ||
	    z->w[COSPLIB_W_ATTENDEES_TS] > 0;
	unsigned mask =
	    o->moves ? o->moves & COSPLIB_MOVE_ALL : COSPLIB_MOVE_ALL;
	uint64_t it, last_best = 0, stall = o->stall ? o->stall : 250000;
	bool ok, late = false;

	if (!use_reorder && mask != COSPLIB_MOVE_REORDER)
		mask &= ~(unsigned)COSPLIB_MOVE_REORDER;
	if (z->w[COSPLIB_W_SUB_ORDER] == 0 && mask != COSPLIB_MOVE_REPACK)
		mask &= ~(unsigned)COSPLIB_MOVE_REPACK;
	if (mask == 0)
		mask = COSPLIB_MOVE_ALL;
	hist = xcalloc(L, sizeof(int64_t));
	rng_seed(&g, o->seed);
	undo_alloc(z, &u);
	cur = z->total;
	for (v = 0; v < L; v++)
		hist[v] = cur;
	for (it = 0; o->max_iters == 0 || it < o->max_iters; it++) {
		if ((it & 255) == 0 && o->time_limit > 0 &&
		    now_sec() - t0 >= o->time_limit)
			break;
		if (it - last_best >= stall) { /* stalled: restart from best */
			last_best = it;
			late = !late;
			stats->restarts++;
			best_load(z, b);
			cur = z->total;
			for (v = 0; v < L; v++)
				hist[v] = cur;
		}
		ok = mv_random(z, &g, &u, mask);
		if (!ok)
			continue;
		nw = recost(z, &u);
		v = (unsigned)(it % L);
		if (nw <= cur || nw < hist[v]) {
			cur = nw;
			stats->accepted++;
			if (cur < b->cost) {
				best_take(b, z);
				stats->best_at = now_sec() - t0;
				last_best = it;
			}
		} else {
			undo_apply(z, &u);
		}
		if (late || cur < hist[v])
			hist[v] = cur;
	}
	stats->iters = it;
	undo_free(&u);
	free(hist);
}

enum cosplib_solve_err
cosplib_solve(const struct cosplib *c, const struct cosplib_solve_opts *opts,
    struct cosplib_sol *out, struct cosplib_solve_stats *stats)
{
	struct st z;
	struct best b;
	double t0 = now_sec();
	bool ok;

	memset(stats, 0, sizeof(*stats));
	st_init(&z, c);
	ok = greedy(&z, opts->seed);
	stats->initial = full_cost(&z);
	b.ctrack = xcalloc(z.ncell, sizeof(int));
	b.cn = xcalloc(z.ncell, sizeof(int));
	b.clist = xcalloc(z.ncell * z.cap, sizeof(int));
	best_take(&b, &z);
	if (ok && z.X > 0)
		search(&z, opts, &b, stats, t0);
	st_to_sol(&z, b.ctrack, b.cn, b.clist, out);
	stats->best = b.cost;
	stats->seconds = now_sec() - t0;
	free(b.ctrack);
	free(b.cn);
	free(b.clist);
	st_release(&z);
	return ok ? COSPLIB_SOLVE_OK : COSPLIB_SOLVE_INFEASIBLE;
}
