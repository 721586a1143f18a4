/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * timetable.c: evaluation, diagnosis, lower bound and the solver of the
 * timetable model of timetable.h.
 *
 * One walk over an assignment (walk()) is both the full evaluator and the
 * `timetable check` report, so the two cannot disagree.  The solver keeps
 * flat per-run arrays indexed by dense ids: per cell the long item and the
 * shared minutes, per participant and unit the number of wanted items
 * running (as two bitsets of the units where one, and two or more, run,
 * in one cache-line record per participant; a count only where two or
 * more run), the same per speaker, per theme and unit and per theme and
 * room the items of the theme.  Adding or removing one item updates them
 * and the cost counts in O(interested participants + speakers) 64-unit
 * windows, so a move is evaluated without a full re-evaluation.  A move
 * of a long item (a move or a swap) is evaluated read-only from the
 * records: per participant two unaligned 64-bit loads from one cache
 * line, two masks and two popcounts.  Late-acceptance hill climbing drives the
 * moves; each of (up to) two threads runs its own seeded search and the best
 * result wins, ties to the lower thread, which keeps the result deterministic.
 */
#include "solve/timetable.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/util.h"

/* Participants attend_delta prefetches ahead (prep pads iw for it). */
#define PREFETCH_AHEAD 8

const struct tt_weights tt_default_weights = {
	.attend = 100,
	.capacity = 2,
	.theme_par = 20,
	.theme_room = 10,
	.pref = 10,
	.moved = 500,
};

static const char *const cost_names[TT_COST__MAX] = {
	[TT_UNPLACED] = "unplaced",
	[TT_ROOM_CLASH] = "room-clash",
	[TT_SPEAKER_CLASH] = "speaker-clash",
	[TT_UNAVAILABLE] = "unavailable",
	[TT_NEEDS] = "room-needs",
	[TT_FIXED] = "fixed-moved",
	[TT_BAD_START] = "bad-start",
	[TT_ATTEND] = "attendance",
	[TT_CAPACITY] = "over-capacity",
	[TT_THEME_PARALLEL] = "theme-parallel",
	[TT_THEME_ROOMS] = "theme-rooms",
	[TT_PREF] = "speaker-preference",
	[TT_MOVED] = "moved",
};

const char *
tt_cost_name(enum tt_cost_kind k)
{
	return k < TT_COST__MAX ? cost_names[k] : "?";
}

static int64_t
weight_of(const struct tt_weights *w, enum tt_cost_kind k)
{
	switch (k) {
	case TT_ATTEND:
		return w->attend;
	case TT_CAPACITY:
		return w->capacity;
	case TT_THEME_PARALLEL:
		return w->theme_par;
	case TT_THEME_ROOMS:
		return w->theme_room;
	case TT_PREF:
		return w->pref;
	case TT_MOVED:
		return w->moved;
	default:
		return 0;
	}
}

static void
cost_finish(const struct tt_weights *w, struct tt_cost *c)
{
	int k;

	c->hard = 0;
	c->soft = 0;
	for (k = 0; k < TT_HARD__MAX; k++)
		c->hard += c->count[k];
	for (k = TT_HARD__MAX; k < TT_COST__MAX; k++)
		c->soft += weight_of(w, (enum tt_cost_kind)k) * c->count[k];
}

int64_t
tt_cost_objective(const struct tt_cost *c)
{
	return c->hard * TT_HARD_WEIGHT + c->soft;
}

void
tt_assign_init(struct tt_assign *a, int nitems)
{
	int i;

	a->nitems = nitems;
	a->place = xcalloc(nitems > 0 ? (size_t)nitems : 1, sizeof(*a->place));
	for (i = 0; i < nitems; i++) {
		a->place[i].room = -1;
		a->place[i].unit = -1;
	}
}

void
tt_assign_release(struct tt_assign *a)
{
	free(a->place);
	a->place = NULL;
	a->nitems = 0;
}

void
tt_assign_copy(struct tt_assign *dst, const struct tt_assign *src)
{
	memcpy(
	    dst->place, src->place, (size_t)src->nitems * sizeof(*src->place));
}

/* ---- static properties of a placement ---- */

/* Units a long item fills from u (contiguous, same day), or 0. */
static int
raw_span(const struct tt_instance *in, int i, int u)
{
	const struct tt_item *it = &in->items[i];
	int covered = 0, k = u;

	if (u < 0 || u >= in->nunits)
		return 0;
	if (it->shared)
		return in->units[u].len_min >= it->minutes ? 1 : 0;
	while (k < in->nunits) {
		if (k > u &&
		    (in->units[k].day != in->units[k - 1].day ||
			in->units[k].start_min !=
			    in->units[k - 1].start_min +
				in->units[k - 1].len_min))
			return 0;
		covered += in->units[k].len_min;
		k++;
		if (covered >= it->minutes)
			return k - u;
	}
	return 0;
}

static bool
room_ok(const struct tt_instance *in, int i, int r)
{
	return (in->items[i].needs & ~in->rooms[r].features) == 0;
}

static bool
cell_is_open(const struct tt_instance *in, int r, int u)
{
	return in->cell_open == NULL || in->cell_open[r * in->nunits + u];
}

/* First speaker unavailable over units [u, u+span), or -1. */
static int
speaker_unavailable(
    const struct tt_instance *in, int i, int u, int span, int *at)
{
	const struct tt_item *it = &in->items[i];
	int s, k;

	for (s = 0; s < it->nspeakers; s++) {
		const struct tt_person *pe = &in->persons[it->speakers[s]];

		if (pe->available == NULL)
			continue;
		for (k = u; k < u + span; k++)
			if (!pe->available[k]) {
				*at = k;
				return it->speakers[s];
			}
	}
	return -1;
}

static int64_t
pref_cost(const struct tt_instance *in, int i, int u, int span)
{
	const struct tt_item *it = &in->items[i];
	int64_t c = 0;
	int s, k;

	for (s = 0; s < it->nspeakers; s++) {
		const struct tt_person *pe = &in->persons[it->speakers[s]];

		if (pe->pref_cost == NULL)
			continue;
		for (k = u; k < u + span; k++)
			c += pe->pref_cost[k];
	}
	return c;
}

static int64_t
over_capacity(const struct tt_instance *in, int i, int r)
{
	int64_t d = (int64_t)in->items[i].audience - in->rooms[r].capacity;

	return d > 0 ? d : 0;
}

static bool
is_moved(const struct tt_item *it, int r, int u)
{
	return it->pub_room >= 0 && (it->pub_room != r || it->pub_unit != u);
}

/* ---- the full walk: evaluator and report ---- */

static void
issue_add(struct tt_report *r, enum tt_cost_kind kind, int item, int item2,
    int person, int room, int unit, int64_t amount)
{
	struct tt_issue *is;

	if (r == NULL)
		return;
	XGROW(r->issues, r->cap, r->n + 1);
	is = &r->issues[r->n++];
	is->kind = kind;
	is->item = item;
	is->item2 = item2;
	is->person = person;
	is->theme = -1;
	is->room = room;
	is->unit = unit;
	is->amount = amount;
}

struct walk {
	const struct tt_instance *in;
	const struct tt_assign *a;
	struct tt_report *rep;
	struct tt_cost *c;
	int *span;     /* per item: units filled, 0 when unplaced */
	int *cell_off; /* CSR of the items per cell */
	int *cell_item;
};

static void
walk_items(struct walk *w)
{
	const struct tt_instance *in = w->in;
	int i, p;

	for (i = 0; i < in->nitems; i++) {
		const struct tt_item *it = &in->items[i];
		const struct tt_place *pl = &w->a->place[i];
		int64_t v;
		int sp, at = -1, k;

		if (it->fixed_room >= 0 &&
		    (pl->room != it->fixed_room ||
			pl->unit != it->fixed_unit)) {
			w->c->count[TT_FIXED]++;
			issue_add(w->rep, TT_FIXED, i, -1, -1, it->fixed_room,
			    it->fixed_unit, 1);
		}
		if (pl->room < 0 || pl->room >= in->nrooms || pl->unit < 0 ||
		    pl->unit >= in->nunits) {
			w->c->count[TT_UNPLACED]++;
			issue_add(w->rep, TT_UNPLACED, i, -1, -1, -1, -1, 1);
			continue;
		}
		sp = raw_span(in, i, pl->unit);
		if (sp == 0) {
			w->c->count[TT_BAD_START]++;
			issue_add(w->rep, TT_BAD_START, i, -1, -1, pl->room,
			    pl->unit, 1);
			sp = 1;
		}
		w->span[i] = sp;
		if (!room_ok(in, i, pl->room)) {
			w->c->count[TT_NEEDS]++;
			issue_add(
			    w->rep, TT_NEEDS, i, -1, -1, pl->room, pl->unit, 1);
		}
		p = speaker_unavailable(in, i, pl->unit, sp, &at);
		for (k = pl->unit; p < 0 && k < pl->unit + sp; k++)
			if (!cell_is_open(in, pl->room, k))
				at = k;
		if (p >= 0 || at >= 0) {
			w->c->count[TT_UNAVAILABLE]++;
			issue_add(
			    w->rep, TT_UNAVAILABLE, i, -1, p, pl->room, at, 1);
		}
		if ((v = over_capacity(in, i, pl->room)) > 0) {
			w->c->count[TT_CAPACITY] += v;
			issue_add(w->rep, TT_CAPACITY, i, -1, -1, pl->room,
			    pl->unit, v);
		}
		if ((v = pref_cost(in, i, pl->unit, sp)) != 0) {
			w->c->count[TT_PREF] += v;
			issue_add(
			    w->rep, TT_PREF, i, -1, -1, pl->room, pl->unit, v);
		}
		if (is_moved(it, pl->room, pl->unit)) {
			w->c->count[TT_MOVED]++;
			issue_add(
			    w->rep, TT_MOVED, i, -1, -1, pl->room, pl->unit, 1);
		}
	}
}

/* Builds the CSR of items per cell (sorted by item id within a cell). */
static void
walk_cells(struct walk *w)
{
	const struct tt_instance *in = w->in;
	size_t ncell = (size_t)in->nrooms * (size_t)in->nunits;
	int *fill = xcalloc(ncell + 1, sizeof(*fill));
	int i, k, total = 0;

	w->cell_off = xcalloc(ncell + 1, sizeof(*w->cell_off));
	for (i = 0; i < in->nitems; i++)
		for (k = 0; k < w->span[i]; k++)
			w->cell_off[w->a->place[i].room * in->nunits +
			    w->a->place[i].unit + k]++;
	for (size_t c = 0; c < ncell; c++) {
		int n = w->cell_off[c];

		w->cell_off[c] = total;
		total += n;
	}
	w->cell_off[ncell] = total;
	w->cell_item = xcalloc((size_t)total + 1, sizeof(*w->cell_item));
	for (i = 0; i < in->nitems; i++)
		for (k = 0; k < w->span[i]; k++) {
			size_t c = (size_t)(w->a->place[i].room * in->nunits +
			    w->a->place[i].unit + k);

			w->cell_item[w->cell_off[c] + fill[c]++] = i;
		}
	free(fill);
}

static void
walk_room_clash(struct walk *w)
{
	const struct tt_instance *in = w->in;
	int r, u, j;

	for (r = 0; r < in->nrooms; r++)
		for (u = 0; u < in->nunits; u++) {
			size_t c = (size_t)(r * in->nunits + u);
			int first_long = -1, minutes = 0, last = -1;

			for (j = w->cell_off[c]; j < w->cell_off[c + 1]; j++) {
				int i = w->cell_item[j];

				if (!in->items[i].shared && first_long < 0)
					first_long = i;
				if (in->items[i].shared)
					minutes += in->items[i].minutes;
			}
			for (j = w->cell_off[c]; j < w->cell_off[c + 1]; j++) {
				int i = w->cell_item[j];

				if (first_long < 0 || i == first_long)
					continue;
				w->c->count[TT_ROOM_CLASH]++;
				issue_add(w->rep, TT_ROOM_CLASH, first_long, i,
				    -1, r, u, 1);
			}
			if (first_long < 0 && minutes > in->units[u].len_min) {
				j = w->cell_off[c + 1] - 1;
				last = w->cell_item[j];
				w->c->count[TT_ROOM_CLASH]++;
				issue_add(w->rep, TT_ROOM_CLASH, last, -1, -1,
				    r, u, 1);
			}
		}
}

static void
walk_speakers(struct walk *w)
{
	const struct tt_instance *in = w->in;
	size_t n = (size_t)in->npersons * (size_t)in->nunits;
	int *first = xmalloc((n + 1) * sizeof(*first));
	int i, s, k;

	for (size_t x = 0; x < n; x++)
		first[x] = -1;
	for (i = 0; i < in->nitems; i++) {
		const struct tt_item *it = &in->items[i];

		for (k = 0; k < w->span[i]; k++) {
			int u = w->a->place[i].unit + k;

			for (s = 0; s < it->nspeakers; s++) {
				size_t x = (size_t)it->speakers[s] *
					(size_t)in->nunits +
				    (size_t)u;

				if (first[x] < 0) {
					first[x] = i;
					continue;
				}
				w->c->count[TT_SPEAKER_CLASH]++;
				issue_add(w->rep, TT_SPEAKER_CLASH, first[x], i,
				    it->speakers[s], w->a->place[i].room, u, 1);
			}
		}
	}
	free(first);
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void
walk_attendance(struct walk *w)
{
	const struct tt_instance *in = w->in;
	int *cnt = xcalloc((size_t)in->nunits + 1, sizeof(*cnt));
	int *firsti = xcalloc((size_t)in->nunits + 1, sizeof(*firsti));
	int *cells = NULL;
	size_t ccap = 0;
	int p, j, k;

	for (p = 0; p < in->nparticipants; p++) {
		int nc = 0;

		for (j = in->want_off[p]; j < in->want_off[p + 1]; j++) {
			int i = in->want[j];
			const struct tt_place *pl = &w->a->place[i];

			if (w->span[i] == 0)
				continue;
			if (in->items[i].shared) {
				XGROW(cells, ccap, (size_t)nc + 1);
				cells[nc++] = pl->room * in->nunits + pl->unit;
				continue;
			}
			for (k = pl->unit; k < pl->unit + w->span[i]; k++)
				if (cnt[k]++ == 0)
					firsti[k] = i;
		}
		/* Wanted shared items of one cell count once. */
		if (nc > 1)
			qsort(cells, (size_t)nc, sizeof(*cells), cmp_int);
		for (j = 0; j < nc; j++) {
			int u = cells[j] % in->nunits;

			if (j > 0 && cells[j] == cells[j - 1])
				continue;
			if (cnt[u]++ == 0)
				firsti[u] = -1;
		}
		for (k = 0; k < in->nunits; k++) {
			if (cnt[k] > 1) {
				w->c->count[TT_ATTEND] += cnt[k] - 1;
				issue_add(w->rep, TT_ATTEND, firsti[k], -1, p,
				    -1, k, cnt[k] - 1);
			}
			cnt[k] = 0;
		}
	}
	free(cells);
	free(cnt);
	free(firsti);
}

static void
walk_themes(struct walk *w)
{
	const struct tt_instance *in = w->in;
	size_t nt = (size_t)in->nthemes;
	int *tu = xcalloc(nt * (size_t)in->nunits + 1, sizeof(*tu));
	int *tr = xcalloc(nt * (size_t)in->nrooms + 1, sizeof(*tr));
	int i, k, t;

	for (i = 0; i < in->nitems; i++) {
		const struct tt_item *it = &in->items[i];
		const struct tt_place *pl = &w->a->place[i];

		if (w->span[i] == 0 || it->theme < 0 || it->theme >= (int)nt)
			continue;
		tr[it->theme * in->nrooms + pl->room]++;
		if (it->shared)
			continue;
		for (k = pl->unit; k < pl->unit + w->span[i]; k++) {
			int *n = &tu[it->theme * in->nunits + k];

			if (*n > 0) {
				w->c->count[TT_THEME_PARALLEL] += *n;
				if (w->rep != NULL) {
					issue_add(w->rep, TT_THEME_PARALLEL, i,
					    -1, -1, pl->room, k, *n);
					w->rep->issues[w->rep->n - 1].theme =
					    it->theme;
				}
			}
			(*n)++;
		}
	}
	for (t = 0; t < (int)nt; t++) {
		int used = 0, r;

		for (r = 0; r < in->nrooms; r++)
			used += tr[t * in->nrooms + r] > 0;
		if (used == 0)
			continue;
		w->c->count[TT_THEME_ROOMS] += used;
		if (w->rep != NULL) {
			issue_add(
			    w->rep, TT_THEME_ROOMS, -1, -1, -1, -1, -1, used);
			w->rep->issues[w->rep->n - 1].theme = t;
		}
	}
	free(tu);
	free(tr);
}

static void
walk(const struct tt_instance *in, const struct tt_assign *a,
    struct tt_report *rep, struct tt_cost *c)
{
	struct walk w;

	memset(c, 0, sizeof(*c));
	memset(&w, 0, sizeof(w));
	w.in = in;
	w.a = a;
	w.rep = rep;
	w.c = c;
	w.span = xcalloc((size_t)in->nitems + 1, sizeof(*w.span));
	walk_items(&w);
	walk_cells(&w);
	walk_room_clash(&w);
	walk_speakers(&w);
	walk_attendance(&w);
	walk_themes(&w);
	cost_finish(&in->w, c);
	free(w.span);
	free(w.cell_off);
	free(w.cell_item);
}

void
timetable_evaluate(const struct tt_instance *in, const struct tt_assign *a,
    struct tt_cost *out)
{
	walk(in, a, NULL, out);
}

static int
issue_cmp(const void *x, const void *y)
{
	const struct tt_issue *a = x, *b = y;

	if (a->kind != b->kind)
		return (a->kind > b->kind) - (a->kind < b->kind);
	if (a->item != b->item)
		return (a->item > b->item) - (a->item < b->item);
	if (a->unit != b->unit)
		return (a->unit > b->unit) - (a->unit < b->unit);
	if (a->person != b->person)
		return (a->person > b->person) - (a->person < b->person);
	if (a->theme != b->theme)
		return (a->theme > b->theme) - (a->theme < b->theme);
	return (a->item2 > b->item2) - (a->item2 < b->item2);
}

void
timetable_check(const struct tt_instance *in, const struct tt_assign *a,
    struct tt_report *out)
{
	walk(in, a, out, &out->cost);
	if (out->n > 1)
		qsort(out->issues, out->n, sizeof(*out->issues), issue_cmp);
}

void
tt_report_release(struct tt_report *r)
{
	free(r->issues);
	memset(r, 0, sizeof(*r));
}

int
timetable_span(const struct tt_instance *in, int i, int u)
{
	int sp = raw_span(in, i, u), at;

	if (sp == 0 || speaker_unavailable(in, i, u, sp, &at) >= 0)
		return 0;
	return sp;
}

bool
timetable_room_ok(const struct tt_instance *in, int i, int r)
{
	return room_ok(in, i, r);
}

/* ---- diagnosis and bound ---- */

bool
timetable_diagnose(const struct tt_instance *in, struct tt_report *out)
{
	size_t before = out->n;
	int64_t need = 0, cells = 0;
	int i, r, u;

	for (i = 0; i < in->nitems; i++) {
		const struct tt_item *it = &in->items[i];
		bool any_room = false, any_start = false, any_avail = false;
		bool any = false;
		int who = -1, at = -1, minsp = 0;

		for (r = 0; r < in->nrooms; r++)
			any_room |= room_ok(in, i, r);
		for (u = 0; u < in->nunits; u++) {
			int sp = raw_span(in, i, u), a = -1, p;

			if (sp == 0)
				continue;
			any_start = true;
			if (minsp == 0 || sp < minsp)
				minsp = sp;
			p = speaker_unavailable(in, i, u, sp, &a);
			if (p >= 0) {
				who = p;
				continue;
			}
			any_avail = true;
			for (r = 0; r < in->nrooms && !any; r++) {
				int k;
				bool open = room_ok(in, i, r);

				for (k = u; open && k < u + sp; k++)
					open = cell_is_open(in, r, k);
				any |= open;
			}
		}
		if (!it->shared)
			need += minsp;
		if (!any_room)
			issue_add(out, TT_NEEDS, i, -1, -1, -1, -1, 1);
		else if (!any_start)
			issue_add(out, TT_BAD_START, i, -1, -1, -1, -1, 1);
		else if (!any_avail)
			issue_add(out, TT_UNAVAILABLE, i, -1,
			    it->nspeakers == 1 ? who : -1, -1, -1, 1);
		else if (!any)
			issue_add(out, TT_UNAVAILABLE, i, -1, -1, -1, -1, 1);
		if (it->fixed_room >= 0) {
			int sp = raw_span(in, i, it->fixed_unit);

			if (it->fixed_room >= in->nrooms || sp == 0 ||
			    !room_ok(in, i, it->fixed_room) ||
			    speaker_unavailable(
				in, i, it->fixed_unit, sp, &at) >= 0)
				issue_add(out, TT_FIXED, i, -1, -1,
				    it->fixed_room, it->fixed_unit, 1);
		}
	}
	for (r = 0; r < in->nrooms; r++)
		for (u = 0; u < in->nunits; u++)
			cells += cell_is_open(in, r, u);
	if (need > cells)
		issue_add(out, TT_UNPLACED, -1, -1, -1, -1, -1, need - cells);
	return out->n == before;
}

static int64_t
balanced_pairs(int64_t total, int64_t bins)
{
	int64_t q, rem;

	if (bins <= 0)
		return 0;
	q = total / bins;
	rem = total % bins;
	return rem * (q + 1) * q / 2 + (bins - rem) * q * (q - 1) / 2;
}

int64_t
timetable_lower_bound(const struct tt_instance *in)
{
	int *minspan = xcalloc((size_t)in->nitems + 1, sizeof(*minspan));
	int64_t *tspan = xcalloc((size_t)in->nthemes + 1, sizeof(*tspan));
	int64_t *tany = xcalloc((size_t)in->nthemes + 1, sizeof(*tany));
	int64_t attend = 0, cap = 0, par = 0, rooms = 0, pref = 0;
	int i, u, r, p, j, t;

	for (i = 0; i < in->nitems; i++) {
		const struct tt_item *it = &in->items[i];
		int64_t best_cap = -1, best_pref = -1;

		for (u = 0; u < in->nunits; u++) {
			int sp = raw_span(in, i, u), at;
			int64_t pc;

			if (sp == 0 ||
			    speaker_unavailable(in, i, u, sp, &at) >= 0)
				continue;
			if (minspan[i] == 0 || sp < minspan[i])
				minspan[i] = sp;
			pc = pref_cost(in, i, u, sp);
			if (best_pref < 0 || pc < best_pref)
				best_pref = pc;
		}
		for (r = 0; r < in->nrooms; r++) {
			if (!room_ok(in, i, r))
				continue;
			if (best_cap < 0 || over_capacity(in, i, r) < best_cap)
				best_cap = over_capacity(in, i, r);
		}
		cap += best_cap > 0 ? best_cap : 0;
		pref += best_pref > 0 ? best_pref : 0;
		if (it->theme >= 0 && it->theme < in->nthemes) {
			tany[it->theme] = 1;
			if (!it->shared)
				tspan[it->theme] += minspan[i];
		}
	}
	for (p = 0; p < in->nparticipants; p++) {
		int64_t d = 0;
		bool shared = false;

		for (j = in->want_off[p]; j < in->want_off[p + 1]; j++) {
			int x = in->want[j];

			if (in->items[x].shared)
				shared = true;
			else
				d += minspan[x];
		}
		d += shared;
		if (d > in->nunits)
			attend += d - in->nunits;
	}
	for (t = 0; t < in->nthemes; t++) {
		int64_t need = (tspan[t] + in->nunits - 1) / in->nunits;

		par += balanced_pairs(tspan[t], in->nunits);
		rooms += need > tany[t] ? need : tany[t];
	}
	free(minspan);
	free(tspan);
	free(tany);
	return attend * in->w.attend + cap * in->w.capacity +
	    par * in->w.theme_par + rooms * in->w.theme_room +
	    pref * in->w.pref;
}

/* ---- the solver's precomputed, read-only tables ---- */

struct prep {
	const struct tt_instance *in;
	int U, R;
	uint8_t *span; /* [i*U+u]: units filled from u, 0: cannot start */
	int *starts;   /* per item, feasible starts (CSR) */
	int *starts_off;
	int *rooms; /* per item, rooms meeting its needs (CSR) */
	int *rooms_off;
	int *iw_off; /* participants wanting each item (CSR) */
	int *iw;
	/* The same, as byte offsets of the participants' records (struct
	 * tt_state): rec_size bytes each, rec_bytes per bitset. */
	uint32_t *iwr;
	int rec_bytes;
	int rec_shift;
	size_t rec_size;
	uint8_t *has_pref; /* per item: a speaker has time preferences */
	int *movable;      /* non-fixed items */
	int nmovable;
	int *ws_off; /* each participant's wanted shared items (CSR) */
	int *ws;
	bool room_swaps; /* most movable items fill one unit: room swaps pay */
	int *same;       /* movable long items sorted by minutes */
	int *same_lo;    /* per item: its run of equal minutes in same */
	int *same_hi;
};

static const struct tt_instance *minutes_in;

static int
cmp_minutes(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	int mx = minutes_in->items[x].minutes,
	    my = minutes_in->items[y].minutes;

	if (mx != my)
		return (mx > my) - (mx < my);
	return (x > y) - (x < y);
}

/* Runs of movable long items of equal minutes, for swap moves. */
static void
prep_same(struct prep *pp)
{
	const struct tt_instance *in = pp->in;
	int n = 0, k, a;

	pp->same = xcalloc((size_t)in->nitems + 1, sizeof(int));
	pp->same_lo = xcalloc((size_t)in->nitems + 1, sizeof(int));
	pp->same_hi = xcalloc((size_t)in->nitems + 1, sizeof(int));
	for (k = 0; k < pp->nmovable; k++)
		if (!in->items[pp->movable[k]].shared)
			pp->same[n++] = pp->movable[k];
	/* qsort's comparator has no context argument in C17. */
	minutes_in = in;
	if (n > 1)
		qsort(pp->same, (size_t)n, sizeof(int), cmp_minutes);
	for (a = 0; a < n;) {
		int b = a;

		while (b < n &&
		    in->items[pp->same[b]].minutes ==
			in->items[pp->same[a]].minutes)
			b++;
		for (k = a; k < b; k++) {
			pp->same_lo[pp->same[k]] = a;
			pp->same_hi[pp->same[k]] = b;
		}
		a = b;
	}
}

static void
prep_init(struct prep *pp, const struct tt_instance *in)
{
	int U = in->nunits, R = in->nrooms, i, u, r, p, j, n, k;

	memset(pp, 0, sizeof(*pp));
	pp->in = in;
	pp->U = U;
	pp->R = R;
	pp->span = xcalloc((size_t)in->nitems * (size_t)U + 1, 1);
	pp->starts_off = xcalloc((size_t)in->nitems + 1, sizeof(int));
	pp->rooms_off = xcalloc((size_t)in->nitems + 1, sizeof(int));
	pp->starts = xcalloc((size_t)in->nitems * (size_t)U + 1, sizeof(int));
	pp->rooms = xcalloc((size_t)in->nitems * (size_t)R + 1, sizeof(int));
	pp->movable = xcalloc((size_t)in->nitems + 1, sizeof(int));
	for (i = 0, n = 0; i < in->nitems; i++) {
		pp->starts_off[i] = n;
		for (u = 0; u < U; u++) {
			int sp = raw_span(in, i, u), at;

			if (sp == 0 || sp > 255 ||
			    speaker_unavailable(in, i, u, sp, &at) >= 0)
				continue;
			pp->span[(size_t)i * (size_t)U + (size_t)u] =
			    (uint8_t)sp;
			pp->starts[n++] = u;
		}
	}
	pp->starts_off[in->nitems] = n;
	for (i = 0, n = 0; i < in->nitems; i++) {
		pp->rooms_off[i] = n;
		for (r = 0; r < R; r++)
			if (room_ok(in, i, r))
				pp->rooms[n++] = r;
		if (in->items[i].fixed_room < 0)
			pp->movable[pp->nmovable++] = i;
	}
	pp->rooms_off[in->nitems] = n;
	pp->has_pref = xcalloc((size_t)in->nitems + 1, 1);
	for (i = 0; i < in->nitems; i++)
		for (k = 0; k < in->items[i].nspeakers; k++)
			if (in->persons[in->items[i].speakers[k]].pref_cost !=
			    NULL)
				pp->has_pref[i] = 1;
	pp->iw_off = xcalloc((size_t)in->nitems + 2, sizeof(int));
	for (p = 0; p < in->nparticipants; p++)
		for (j = in->want_off[p]; j < in->want_off[p + 1]; j++)
			pp->iw_off[in->want[j] + 1]++;
	for (i = 0; i < in->nitems; i++)
		pp->iw_off[i + 1] += pp->iw_off[i];
	/* Padded: attend_delta prefetches a few entries ahead. */
	pp->iw = xcalloc(
	    (size_t)pp->iw_off[in->nitems] + PREFETCH_AHEAD + 1, sizeof(int));
	pp->ws_off = xcalloc((size_t)in->nparticipants + 1, sizeof(int));
	pp->ws =
	    xcalloc((size_t)in->want_off[in->nparticipants] + 1, sizeof(int));
	for (p = 0, n = 0; p < in->nparticipants; p++) {
		pp->ws_off[p] = n;
		for (j = in->want_off[p]; j < in->want_off[p + 1]; j++)
			if (in->items[in->want[j]].shared)
				pp->ws[n++] = in->want[j];
	}
	pp->ws_off[in->nparticipants] = n;
	prep_same(pp);
	{
		int ones = 0;

		for (k = 0; k < pp->nmovable; k++) {
			i = pp->movable[k];
			if (pp->starts_off[i + 1] > pp->starts_off[i] &&
			    pp->span[(size_t)i * (size_t)U +
				(size_t)pp->starts[pp->starts_off[i]]] == 1)
				ones++;
		}
		pp->room_swaps = ones * 2 >= pp->nmovable;
	}
	{
		int *fill = xcalloc((size_t)in->nitems + 1, sizeof(int));

		for (p = 0; p < in->nparticipants; p++)
			for (j = in->want_off[p]; j < in->want_off[p + 1];
			     j++) {
				int x = in->want[j];

				pp->iw[pp->iw_off[x] + fill[x]++] = p;
			}
		free(fill);
	}
	/* Records: two bitsets of the units and a uint32 mark, in a power
	 * of two of at least a cache line. */
	pp->rec_bytes = (U + 7) / 8 < 8 ? 8 : (U + 7) / 8;
	for (pp->rec_shift = 6; ((size_t)1 << pp->rec_shift) <
	     (size_t)pp->rec_bytes * 2 + sizeof(uint32_t);
	     pp->rec_shift++)
		;
	pp->rec_size = (size_t)1 << pp->rec_shift;
	if (((uint64_t)in->nparticipants + 1) << pp->rec_shift > UINT32_MAX)
		die("timetable: too many participants (%d)", in->nparticipants);
	pp->iwr = xcalloc((size_t)pp->iw_off[in->nitems] + PREFETCH_AHEAD + 1,
	    sizeof(uint32_t));
	for (k = 0; k < pp->iw_off[in->nitems]; k++)
		pp->iwr[k] = (uint32_t)pp->iw[k] << pp->rec_shift;
}

static void
prep_release(struct prep *pp)
{
	free(pp->span);
	free(pp->starts);
	free(pp->starts_off);
	free(pp->rooms);
	free(pp->rooms_off);
	free(pp->iw_off);
	free(pp->iw);
	free(pp->iwr);
	free(pp->movable);
	free(pp->has_pref);
	free(pp->ws_off);
	free(pp->ws);
	free(pp->same);
	free(pp->same_lo);
	free(pp->same_hi);
}

/* ---- the incremental state ---- */

/* The hardware popcount where there is one (every x86-64 since 2008). */
#if defined(__x86_64__) && defined(__GNUC__)
#define FAST_POPCOUNT __attribute__((target("popcnt")))
#else
#define FAST_POPCOUNT
#endif

/* 64 bits of a record from byte p: bit k is unit 8 * (p's byte) + k. */
static inline uint64_t
ld64(const uint8_t *p)
{
	uint64_t x;

	memcpy(&x, p, sizeof(x));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

/* Bits of units [a, b) in the window of 64 units from 8 * o. */
static inline uint64_t
range_bits(int o, int a, int b)
{
	int lo = (a > 8 * o ? a : 8 * o) - 8 * o;
	int hi = (b < 8 * o + 64 ? b : 8 * o + 64) - 8 * o;

	if (hi <= lo)
		return 0;
	return (hi - lo == 64 ? ~UINT64_C(0) : (UINT64_C(1) << (hi - lo)) - 1)
	    << lo;
}

struct tt_state {
	const struct tt_instance *in;
	const struct prep *pp;
	struct prep own; /* when made by tt_state_new */
	int U, R;
	struct tt_place *place;
	int *span;        /* per item: units filled now, 0 when unplaced */
	int *cell_long;   /* [r*U+u]: the long item, or -1 */
	int *cell_min;    /* [r*U+u]: minutes of shared items */
	int *cell_head;   /* [r*U+u]: first shared item, or -1 */
	int *next, *prev; /* shared items of a cell, doubly linked */
	/* [p*U+u]: wanted items running, kept only where two or more do
	 * (the records' bits tell 0, 1 or more) */
	uint16_t *pcnt;
	uint16_t *scnt; /* [s*U+u]: the same for the items a speaker gives */
	uint16_t *tcnt; /* [t*U+u]: long items of the theme */
	/* Per participant a record of rec_size bytes (one cache line when
	 * nunits <= 240), 64-byte aligned: a bitset of the units where
	 * pcnt >= 1 (bytes 0 .. rec_bytes-1: bit u in byte u/8), the same
	 * where pcnt >= 2 (the next rec_bytes), then the participant's swap
	 * mark (uint32: the epoch of the swap that last marked it).  Any 64
	 * bits of a bitset are one unaligned load, so a move reads one line
	 * per participant whatever units it covers. */
	uint8_t *prec, *prec_mem;
	uint8_t *srec, *srec_mem; /* the same for scnt, per speaker */
	size_t rec_size;          /* a power of two */
	int rec_shift;            /* log2(rec_size) */
	int rec_bytes;            /* bytes of one bitset, >= 8 */
	uint32_t epoch;           /* of the current swap */
	uint64_t delta_mismatch;  /* predicted != applied (a bug) */
	int *troom;               /* [t*R+r]: items of the theme in the room */
	int64_t count[TT_COST__MAX];
	int64_t wt[TT_COST__MAX]; /* weight of each kind, hard ones huge */
	int64_t obj;
};

/* Stores 64 bits of a record from byte p (as ld64 reads them). */
static inline void
st64(uint8_t *p, uint64_t x)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	memcpy(p, &x, sizeof(x));
}

/*
 * Adds (add) or removes one item running over the units of mask m in the
 * 64-unit window from byte o of a record of rb bytes per bitset, whose
 * counts of items per unit are cnt (kept only where two or more run:
 * elsewhere the bits tell).  Only the units with a clash touch cnt.
 * Returns the change of units where one runs beyond the first.
 */
static FAST_POPCOUNT inline __attribute__((always_inline)) int
rec_apply(uint8_t *rec, int rb, uint16_t *cnt, int o, uint64_t m, bool add)
{
	uint64_t b1 = ld64(rec + o), b2 = ld64(rec + rb + o), t;
	int d;

	if (add) {
		uint64_t t1 = b1 & m, t2 = b2 & m;

		d = __builtin_popcountll(t1);
		for (t = t2; t != 0; t &= t - 1)
			cnt[8 * o + __builtin_ctzll(t)]++;
		for (t = t1 & ~t2; t != 0; t &= t - 1)
			cnt[8 * o + __builtin_ctzll(t)] = 2;
		b2 |= t1;
		b1 |= m;
	} else {
		uint64_t t2 = b2 & m;

		d = -__builtin_popcountll(t2);
		b1 &= ~(m & ~b2);
		for (t = t2; t != 0; t &= t - 1) {
			int k = __builtin_ctzll(t);

			if (--cnt[8 * o + k] == 1)
				b2 &= ~(UINT64_C(1) << k);
		}
	}
	st64(rec + o, b1);
	st64(rec + rb + o, b2);
	return d;
}

/* The window from byte *o (of a bitset of rb bytes) that starts with
 * unit a, and its first unit past [a, end). */
static inline int
window_of(int rb, int a, int end, int *o)
{
	*o = (a >> 3) < rb - 8 ? a >> 3 : rb - 8;
	return end < 8 * *o + 64 ? end : 8 * *o + 64;
}

/*
 * Adds (add) or removes an item over units [u, u + sp) for the n
 * participants (or speakers) of list `ids` (with byte offsets `offs` of
 * their records, or NULL: id << rec_shift), in records recs and counts
 * cnt.  Returns the change of units where one runs beyond the first.
 */
static FAST_POPCOUNT int64_t
recs_update(const struct tt_state *s, uint8_t *recs, uint16_t *cnt,
    const int *ids, const uint32_t *offs, int n, int u, int sp, bool add)
{
	int a, e, o, k, rb = s->rec_bytes;
	size_t U = (size_t)s->U;
	int64_t d = 0;

	for (a = u; a < u + sp; a = e) {
		uint64_t m;

		e = window_of(rb, a, u + sp, &o);
		m = range_bits(o, a, e);
		for (k = 0; k < n; k++) {
			size_t off = offs != NULL
			    ? offs[k]
			    : (size_t)ids[k] << s->rec_shift;

			d += add ? rec_apply(recs + off, rb,
				       cnt + (size_t)ids[k] * U, o, m, true)
				 : rec_apply(recs + off, rb,
				       cnt + (size_t)ids[k] * U, o, m, false);
		}
	}
	return d;
}

static void
state_count(struct tt_state *s, enum tt_cost_kind k, int64_t d)
{
	s->count[k] += d;
	s->obj += s->wt[k] * d;
}

/* True when a shared item other than i at (r, u) is wanted by p. */
static bool
cell_has_wanted(const struct tt_state *s, int r, int u, int i, int p)
{
	const struct prep *pp = s->pp;
	int k;

	for (k = pp->ws_off[p]; k < pp->ws_off[p + 1]; k++) {
		int j = pp->ws[k];

		if (j != i && s->place[j].room == r && s->place[j].unit == u)
			return true;
	}
	return false;
}

/* Adds (sign 1) or removes (sign -1) i's static costs at (r, u). */
static void
static_costs(struct tt_state *s, int i, int r, int u, int sp, int sign)
{
	const struct tt_instance *in = s->in;
	const struct tt_item *it = &in->items[i];
	int at = -1, k;
	bool closed = false;

	if (!room_ok(in, i, r))
		state_count(s, TT_NEEDS, sign);
	for (k = u; k < u + sp; k++)
		closed |= !cell_is_open(in, r, k);
	if (closed || speaker_unavailable(in, i, u, sp, &at) >= 0)
		state_count(s, TT_UNAVAILABLE, sign);
	state_count(s, TT_CAPACITY, sign * over_capacity(in, i, r));
	state_count(s, TT_PREF, sign * pref_cost(in, i, u, sp));
	if (is_moved(it, r, u))
		state_count(s, TT_MOVED, sign);
}

static FAST_POPCOUNT void
state_add(struct tt_state *s, int i, int r, int u)
{
	const struct tt_instance *in = s->in;
	const struct tt_item *it = &in->items[i];
	const struct prep *pp = s->pp;
	int U = s->U, sp, k, j, c = r * U + u;
	int64_t att = 0;
	bool fixed_ok;

	sp = pp->span[(size_t)i * (size_t)U + (size_t)u];
	if (sp == 0) {
		/* A fixed placement the search would never make. */
		sp = raw_span(in, i, u);
		if (sp == 0) {
			sp = 1;
			state_count(s, TT_BAD_START, 1);
		}
	}
	s->place[i].room = r;
	s->place[i].unit = u;
	s->span[i] = sp;
	state_count(s, TT_UNPLACED, -1);
	fixed_ok =
	    it->fixed_room < 0 || (it->fixed_room == r && it->fixed_unit == u);
	if (!fixed_ok)
		state_count(s, TT_FIXED, 1);
	static_costs(s, i, r, u, sp, 1);
	state_count(s, TT_SPEAKER_CLASH,
	    recs_update(s, s->srec, s->scnt, it->speakers, NULL, it->nspeakers,
		u, sp, true));
	if (it->theme >= 0 && it->theme < in->nthemes) {
		if (s->troom[it->theme * s->R + r]++ == 0)
			state_count(s, TT_THEME_ROOMS, 1);
		if (!it->shared)
			for (j = u; j < u + sp; j++)
				state_count(s, TT_THEME_PARALLEL,
				    s->tcnt[it->theme * U + j]++);
	}
	if (it->shared) {
		for (k = pp->iw_off[i]; k < pp->iw_off[i + 1]; k++) {
			int p = pp->iw[k];

			if (!cell_has_wanted(s, r, u, i, p))
				att += recs_update(s, s->prec, s->pcnt, &p,
				    NULL, 1, u, 1, true);
		}
		s->cell_min[c] += it->minutes;
		s->prev[i] = -1;
		s->next[i] = s->cell_head[c];
		if (s->cell_head[c] >= 0)
			s->prev[s->cell_head[c]] = i;
		s->cell_head[c] = i;
	} else {
		for (j = u; j < u + sp; j++)
			s->cell_long[r * U + j] = i;
		att = recs_update(s, s->prec, s->pcnt, pp->iw + pp->iw_off[i],
		    pp->iwr + pp->iw_off[i], pp->iw_off[i + 1] - pp->iw_off[i],
		    u, sp, true);
	}
	state_count(s, TT_ATTEND, att);
}

static FAST_POPCOUNT void
state_remove(struct tt_state *s, int i)
{
	const struct tt_instance *in = s->in;
	const struct tt_item *it = &in->items[i];
	const struct prep *pp = s->pp;
	int U = s->U, r = s->place[i].room, u = s->place[i].unit;
	int sp = s->span[i], k, j, c = r * U + u;
	int64_t att = 0;

	if (pp->span[(size_t)i * (size_t)U + (size_t)u] == 0 &&
	    raw_span(in, i, u) == 0)
		state_count(s, TT_BAD_START, -1);
	if (it->fixed_room >= 0 && (it->fixed_room != r || it->fixed_unit != u))
		state_count(s, TT_FIXED, -1);
	static_costs(s, i, r, u, sp, -1);
	state_count(s, TT_SPEAKER_CLASH,
	    recs_update(s, s->srec, s->scnt, it->speakers, NULL, it->nspeakers,
		u, sp, false));
	if (it->theme >= 0 && it->theme < in->nthemes) {
		if (--s->troom[it->theme * s->R + r] == 0)
			state_count(s, TT_THEME_ROOMS, -1);
		if (!it->shared)
			for (j = u; j < u + sp; j++)
				state_count(s, TT_THEME_PARALLEL,
				    -(int64_t)--s->tcnt[it->theme * U + j]);
	}
	if (it->shared) {
		if (s->prev[i] >= 0)
			s->next[s->prev[i]] = s->next[i];
		else
			s->cell_head[c] = s->next[i];
		if (s->next[i] >= 0)
			s->prev[s->next[i]] = s->prev[i];
		s->cell_min[c] -= it->minutes;
		for (k = pp->iw_off[i]; k < pp->iw_off[i + 1]; k++) {
			int p = pp->iw[k];

			if (!cell_has_wanted(s, r, u, i, p))
				att += recs_update(s, s->prec, s->pcnt, &p,
				    NULL, 1, u, 1, false);
		}
	} else {
		for (j = u; j < u + sp; j++)
			s->cell_long[r * U + j] = -1;
		att = recs_update(s, s->prec, s->pcnt, pp->iw + pp->iw_off[i],
		    pp->iwr + pp->iw_off[i], pp->iw_off[i + 1] - pp->iw_off[i],
		    u, sp, false);
	}
	state_count(s, TT_ATTEND, att);
	s->place[i].room = -1;
	s->place[i].unit = -1;
	s->span[i] = 0;
	state_count(s, TT_UNPLACED, 1);
}

/* True when i (not placed now) fits at (r, u) as the search places. */
static bool
state_fits(const struct tt_state *s, int i, int r, int u)
{
	const struct tt_instance *in = s->in;
	int U = s->U, sp, k;

	sp = s->pp->span[(size_t)i * (size_t)U + (size_t)u];
	if (sp == 0 || !room_ok(in, i, r))
		return false;
	for (k = u; k < u + sp; k++) {
		if (s->cell_long[r * U + k] >= 0 || !cell_is_open(in, r, k))
			return false;
		if (!in->items[i].shared && s->cell_min[r * U + k] > 0)
			return false;
	}
	if (in->items[i].shared &&
	    s->cell_min[r * U + u] + in->items[i].minutes >
		in->units[u].len_min)
		return false;
	return true;
}

static void
state_alloc(
    struct tt_state *s, const struct tt_instance *in, const struct prep *pp)
{
	size_t U = (size_t)in->nunits, R = (size_t)in->nrooms;
	size_t n = (size_t)in->nitems + 1, k;
	int i;

	memset(s, 0, sizeof(*s));
	s->in = in;
	s->pp = pp;
	s->U = in->nunits;
	s->R = in->nrooms;
	s->place = xcalloc(n, sizeof(*s->place));
	s->span = xcalloc(n, sizeof(int));
	s->next = xcalloc(n, sizeof(int));
	s->prev = xcalloc(n, sizeof(int));
	s->cell_long = xmalloc((R * U + 1) * sizeof(int));
	s->cell_head = xmalloc((R * U + 1) * sizeof(int));
	s->cell_min = xcalloc(R * U + 1, sizeof(int));
	for (k = 0; k < R * U; k++)
		s->cell_long[k] = s->cell_head[k] = -1;
	s->pcnt = xcalloc((size_t)in->nparticipants * U + 1, sizeof(uint16_t));
	s->scnt = xcalloc((size_t)in->npersons * U + 1, sizeof(uint16_t));
	s->tcnt = xcalloc((size_t)in->nthemes * U + 1, sizeof(uint16_t));
	s->rec_bytes = pp->rec_bytes;
	s->rec_shift = pp->rec_shift;
	s->rec_size = pp->rec_size;
	s->prec_mem =
	    xcalloc(((size_t)in->nparticipants + 1) * s->rec_size + 64, 1);
	s->prec = s->prec_mem + (64 - (uintptr_t)s->prec_mem % 64) % 64;
	s->srec_mem = xcalloc(((size_t)in->npersons + 1) * s->rec_size + 64, 1);
	s->srec = s->srec_mem + (64 - (uintptr_t)s->srec_mem % 64) % 64;
	s->troom = xcalloc((size_t)in->nthemes * R + 1, sizeof(int));
	s->epoch = 0;
	for (k = 0; k < TT_HARD__MAX; k++)
		s->wt[k] = TT_HARD_WEIGHT;
	for (k = TT_HARD__MAX; k < TT_COST__MAX; k++)
		s->wt[k] = weight_of(&in->w, (enum tt_cost_kind)k);
	for (i = 0; i < in->nitems; i++) {
		s->place[i].room = s->place[i].unit = -1;
		state_count(s, TT_UNPLACED, 1);
		if (in->items[i].fixed_room >= 0)
			state_count(s, TT_FIXED, 1);
	}
}

static void
state_release(struct tt_state *s)
{
	free(s->place);
	free(s->span);
	free(s->next);
	free(s->prev);
	free(s->cell_long);
	free(s->cell_head);
	free(s->cell_min);
	free(s->pcnt);
	free(s->scnt);
	free(s->tcnt);
	free(s->troom);
	free(s->prec_mem);
	free(s->srec_mem);
}

/* Places the fixed items where they are fixed, when the cell is free. */
static void
state_place_fixed(struct tt_state *s)
{
	const struct tt_instance *in = s->in;
	int i;

	for (i = 0; i < in->nitems; i++) {
		const struct tt_item *it = &in->items[i];
		int r = it->fixed_room, u = it->fixed_unit, sp, k;
		bool free_cells = true;

		if (r < 0 || r >= in->nrooms || u < 0 || u >= in->nunits)
			continue;
		sp = raw_span(in, i, u);
		sp = sp == 0 ? 1 : sp;
		for (k = u; k < u + sp && k < in->nunits; k++)
			free_cells &= s->cell_long[r * s->U + k] < 0 &&
			    (it->shared || s->cell_min[r * s->U + k] == 0);
		if (free_cells && u + sp <= in->nunits) {
			state_count(s, TT_FIXED, -1);
			state_add(s, i, r, u);
			/* state_add counted it as not fixed-ok: it is. */
		}
	}
}

/* ---- greedy start ---- */

static uint64_t
split_mix(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static uint64_t
below(uint64_t *x, uint64_t n)
{
	/* Multiply-shift: no division in the inner loop. */
	if (n <= UINT32_MAX)
		return ((split_mix(x) >> 32) * n) >> 32;
	return split_mix(x) % n;
}

struct order_key {
	int item;
	int64_t options;
	int minutes;
	int heat;
};

static int
order_cmp(const void *x, const void *y)
{
	const struct order_key *a = x, *b = y;

	if (a->options != b->options)
		return (a->options > b->options) - (a->options < b->options);
	if (a->minutes != b->minutes)
		return (a->minutes < b->minutes) - (a->minutes > b->minutes);
	if (a->heat != b->heat)
		return (a->heat < b->heat) - (a->heat > b->heat);
	return (a->item > b->item) - (a->item < b->item);
}

/* Best room for i at u: free, meeting needs, least over capacity, then
 * least spare; -1 if none. */
static int
best_room(const struct tt_state *s, int i, int u)
{
	const struct prep *pp = s->pp;
	int best = -1, k;
	int64_t bo = 0, bs = 0;

	for (k = pp->rooms_off[i]; k < pp->rooms_off[i + 1]; k++) {
		int r = pp->rooms[k];
		int64_t over, spare;

		if (!state_fits(s, i, r, u))
			continue;
		over = over_capacity(s->in, i, r);
		spare = s->in->rooms[r].capacity - s->in->items[i].audience;
		if (s->in->items[i].shared && s->cell_min[r * s->U + u] > 0)
			spare = -1000000; /* fill started cells first */
		if (best < 0 || over < bo || (over == bo && spare < bs)) {
			best = r;
			bo = over;
			bs = spare;
		}
	}
	return best;
}

#define GREEDY_SAMPLE 64

static bool delta_one(
    const struct tt_state *s, int i, int r, int u, int64_t *out);

static void
greedy(struct tt_state *s, uint64_t seed)
{
	const struct prep *pp = s->pp;
	const struct tt_instance *in = s->in;
	struct order_key *ord = xcalloc((size_t)pp->nmovable + 1, sizeof(*ord));
	uint64_t rs = seed;
	int n, k, q;

	for (n = 0; n < pp->nmovable; n++) {
		int i = pp->movable[n];

		ord[n].item = i;
		ord[n].options =
		    (int64_t)(pp->starts_off[i + 1] - pp->starts_off[i]) *
		    (pp->rooms_off[i + 1] - pp->rooms_off[i]);
		ord[n].minutes = in->items[i].shared ? 0 : in->items[i].minutes;
		ord[n].heat = pp->iw_off[i + 1] - pp->iw_off[i];
	}
	qsort(ord, (size_t)n, sizeof(*ord), order_cmp);
	for (k = 0; k < n; k++) {
		int i = ord[k].item, ns, bu = -1, br = -1;
		int64_t bd = 0;

		if (s->place[i].room >= 0)
			continue;
		ns = pp->starts_off[i + 1] - pp->starts_off[i];
		for (q = 0; q < ns && q < GREEDY_SAMPLE; q++) {
			int u = pp->starts[pp->starts_off[i] +
			    (ns <= GREEDY_SAMPLE
				    ? q
				    : (int)below(&rs, (uint64_t)ns))];
			int r = best_room(s, i, u);
			int64_t before, d;

			if (r < 0)
				continue;
			/* Long items: the read-only delta, as the search. */
			if (in->items[i].shared || !delta_one(s, i, r, u, &d)) {
				before = s->obj;
				state_add(s, i, r, u);
				d = s->obj - before;
				state_remove(s, i);
			}
			if (br < 0 || d < bd) {
				bd = d;
				br = r;
				bu = u;
			}
		}
		if (br >= 0)
			state_add(s, i, br, bu);
	}
	free(ord);
}

/* ---- moves ---- */

/* Undo log of one move: up to four (item, room, unit) placements. */
struct undo {
	int n;
	int item[8];
	int room[8];
	int unit[8];
};

static void
undo_note(struct undo *ud, const struct tt_state *s, int i)
{
	ud->item[ud->n] = i;
	ud->room[ud->n] = s->place[i].room;
	ud->unit[ud->n] = s->place[i].unit;
	ud->n++;
}

/* Removes i, noting where it was. */
static void
take(struct tt_state *s, struct undo *ud, int i)
{
	undo_note(ud, s, i);
	if (s->place[i].room >= 0)
		state_remove(s, i);
}

static void
undo_apply(struct tt_state *s, const struct undo *ud)
{
	int k;

	for (k = 0; k < ud->n; k++)
		if (s->place[ud->item[k]].room >= 0)
			state_remove(s, ud->item[k]);
	for (k = ud->n - 1; k >= 0; k--)
		if (ud->room[k] >= 0)
			state_add(s, ud->item[k], ud->room[k], ud->unit[k]);
}

/* The long item at a cell, or a shared one there, or -1. */
static int
occupant(const struct tt_state *s, int r, int u, uint64_t *rs)
{
	int c = r * s->U + u, j, n = 0;

	if (s->cell_long[c] >= 0)
		return s->cell_long[c];
	for (j = s->cell_head[c]; j >= 0; j = s->next[j])
		n++;
	if (n == 0)
		return -1;
	n = (int)below(rs, (uint64_t)n);
	for (j = s->cell_head[c]; n > 0; j = s->next[j])
		n--;
	return j;
}

/* ---- read-only move evaluation ---- */

/* A move whose cost change was computed without applying it. */
struct move {
	int i, j; /* j: the swapped item, or -1 */
	int r, u; /* i's target */
	int64_t delta;
};

/*
 * The units a move enters (B \ A: costs one per participant already busy
 * there) and leaves (A \ B: saves one where two of the participant's
 * items run), as 64-bit windows of the records: a byte offset (the
 * second bitset's for leaving) and a mask.  A span of up to 57 units is
 * one window, so a move is usually one window each way.
 */
#define WIN_MAX 8

struct wins {
	int ne, nl;
	uint32_t eoff[WIN_MAX], loff[WIN_MAX];
	uint64_t em[WIN_MAX], lm[WIN_MAX];
};

/* Adds the windows of units [a, b) but [xa, xb); false when too many. */
static bool
wins_add(const struct tt_state *s, int a, int b, int xa, int xb, int which,
    int *n, uint32_t *off, uint64_t *m)
{
	while (a < b) {
		int o = (a >> 3) < s->rec_bytes - 8 ? a >> 3 : s->rec_bytes - 8;
		int end = b < 8 * o + 64 ? b : 8 * o + 64;
		uint64_t bits = range_bits(o, a, end) & ~range_bits(o, xa, xb);

		if (bits != 0) {
			if (*n == WIN_MAX)
				return false;
			off[*n] = (uint32_t)(which * s->rec_bytes + o);
			m[*n] = bits;
			(*n)++;
		}
		a = end;
	}
	return true;
}

/* Windows of moving i from where it is (or from unplaced) to start u. */
static inline bool
move_wins(const struct tt_state *s, int i, int u, struct wins *w)
{
	int u0 = s->place[i].unit, a = s->place[i].room >= 0 ? s->span[i] : 0;
	int b = s->pp->span[(size_t)i * (size_t)s->U + (size_t)u];
	int rb = s->rec_bytes, ob, oa = 0;

	/* Usually each span is one window: no loop. */
	if (window_of(rb, u, u + b, &ob) == u + b &&
	    (a == 0 || window_of(rb, u0, u0 + a, &oa) == u0 + a)) {
		w->eoff[0] = (uint32_t)ob;
		w->em[0] = range_bits(ob, u, u + b) &
		    ~(a > 0 ? range_bits(ob, u0, u0 + a) : 0);
		w->ne = w->em[0] != 0;
		w->loff[0] = (uint32_t)(rb + oa);
		w->lm[0] = a > 0
		    ? range_bits(oa, u0, u0 + a) & ~range_bits(oa, u, u + b)
		    : 0;
		w->nl = w->lm[0] != 0;
		return true;
	}
	w->ne = w->nl = 0;
	if (!wins_add(s, u, u + b, u0, u0 + a, 0, &w->ne, w->eoff, w->em))
		return false;
	if (a > 0 &&
	    !wins_add(s, u0, u0 + a, u, u + b, 1, &w->nl, w->loff, w->lm))
		return false;
	return true;
}

/* One participant's (or speaker's) change of missed units. */
static FAST_POPCOUNT inline int
rec_delta(const uint8_t *rec, const struct wins *w)
{
	int x, d = 0;

	for (x = 0; x < w->ne; x++)
		d += __builtin_popcountll(ld64(rec + w->eoff[x]) & w->em[x]);
	for (x = 0; x < w->nl; x++)
		d -= __builtin_popcountll(ld64(rec + w->loff[x]) & w->lm[x]);
	return d;
}

/* At most one window each way: the loops' fast path. */
struct win1 {
	uint32_t eo, lo;
	uint64_t em, lm;
};

static bool
win1_of(const struct wins *w, struct win1 *f)
{
	if (w->ne > 1 || w->nl > 1)
		return false;
	f->eo = w->ne ? w->eoff[0] : 0;
	f->em = w->ne ? w->em[0] : 0;
	f->lo = w->nl ? w->loff[0] : 0;
	f->lm = w->nl ? w->lm[0] : 0;
	return true;
}

static FAST_POPCOUNT inline int
rec_delta1(const uint8_t *rec, const struct win1 *f)
{
	return __builtin_popcountll(ld64(rec + f->eo) & f->em) -
	    __builtin_popcountll(ld64(rec + f->lo) & f->lm);
}

/*
 * Attendance change over the participants from ip to ie of an item that
 * moves as f says; with mark, also marks each with the epoch e at byte
 * mo of their records.  One cache line per participant, the next ones
 * prefetched.  Inlined with mark constant: two loops without a test.
 */
static FAST_POPCOUNT inline __attribute__((always_inline)) int64_t
attend_loop1(uint8_t *recs, const uint32_t *ip, const uint32_t *ie,
    const struct win1 *f, bool mark, size_t mo, uint32_t e)
{
	int att = 0;

#pragma GCC unroll 4
	for (; ip < ie; ip++) {
		uint8_t *rec = recs + *ip;

		__builtin_prefetch(recs + ip[PREFETCH_AHEAD]);
		if (mark)
			memcpy(rec + mo, &e, sizeof(e));
		att += rec_delta1(rec, f);
	}
	return att;
}

/*
 * Attendance change over the participants of item i when it moves as w
 * says.  With mark set (the first item of a swap), also marks each of
 * them with the swap's epoch.
 */
static FAST_POPCOUNT int64_t
attend_delta(const struct tt_state *s, const struct wins *w, int i, bool mark)
{
	const struct prep *pp = s->pp;
	const uint32_t *ip = pp->iwr + pp->iw_off[i],
		       *ie = pp->iwr + pp->iw_off[i + 1];
	uint8_t *recs = s->prec;
	size_t mo = (size_t)s->rec_bytes * 2;
	uint32_t e = s->epoch;
	int64_t att = 0;
	struct win1 f;

	if (win1_of(w, &f))
		return mark ? attend_loop1(recs, ip, ie, &f, true, mo, e)
			    : attend_loop1(recs, ip, ie, &f, false, mo, e);
	for (; ip < ie; ip++) {
		uint8_t *rec = recs + *ip;

		__builtin_prefetch(recs + ip[PREFETCH_AHEAD]);
		if (mark)
			memcpy(rec + mo, &e, sizeof(e));
		att += rec_delta(rec, w);
	}
	return att;
}

/*
 * The second item i of a swap (wi), after the first (wj) was counted
 * over all of its participants, marking them: a participant who wants
 * both keeps the same units, so for a marked one (a few percent) the
 * first item's count is taken back instead of adding i's.
 */
static FAST_POPCOUNT int64_t
attend_delta_swap(const struct tt_state *s, const struct wins *wi,
    const struct wins *wj, int i)
{
	const struct prep *pp = s->pp;
	const uint32_t *ip = pp->iwr + pp->iw_off[i],
		       *ie = pp->iwr + pp->iw_off[i + 1];
	const uint8_t *recs = s->prec;
	size_t mo = (size_t)s->rec_bytes * 2;
	uint32_t e = s->epoch, m;
	int64_t att = 0;
	struct win1 fi, fj;

	if (win1_of(wi, &fi) && win1_of(wj, &fj)) {
		int a = 0;

#pragma GCC unroll 4
		for (; ip < ie; ip++) {
			const uint8_t *rec = recs + *ip;

			__builtin_prefetch(recs + ip[PREFETCH_AHEAD]);
			memcpy(&m, rec + mo, sizeof(m));
			if (__builtin_expect(m == e, 0))
				a -= rec_delta1(rec, &fj);
			else
				a += rec_delta1(rec, &fi);
		}
		return a;
	}
	for (; ip < ie; ip++) {
		const uint8_t *rec = recs + *ip;

		__builtin_prefetch(recs + ip[PREFETCH_AHEAD]);
		memcpy(&m, rec + mo, sizeof(m));
		att += m == e ? -rec_delta(rec, wj) : rec_delta(rec, wi);
	}
	return att;
}

/* A new epoch for a swap's marks (clearing them all when it wraps). */
static void
new_epoch(struct tt_state *s)
{
	int p;

	if (s->epoch == UINT32_MAX) {
		for (p = 0; p < s->in->nparticipants; p++)
			memset(s->prec + ((size_t)p << s->rec_shift) +
				(size_t)s->rec_bytes * 2,
			    0, sizeof(uint32_t));
		s->epoch = 0;
	}
	s->epoch++;
}

static bool
has_speaker(const struct tt_item *it, int p)
{
	int k;

	for (k = 0; it != NULL && k < it->nspeakers; k++)
		if (it->speakers[k] == p)
			return true;
	return false;
}

/*
 * Weighted cost change but attendance of moving long item i from where
 * it is (or from unplaced) to (r, u) as w says, ignoring the speakers and
 * theme it shares with j (the item swapped the other way, or -1): their
 * costs do not change in an equal-span swap.
 */
static FAST_POPCOUNT int64_t
other_delta(
    const struct tt_state *s, const struct wins *w, int i, int r, int u, int j)
{
	const struct tt_instance *in = s->in;
	const struct prep *pp = s->pp;
	const struct tt_item *it = &in->items[i];
	const struct tt_item *jt = j >= 0 ? &in->items[j] : NULL;
	int U = s->U, r0 = s->place[i].room, u0 = s->place[i].unit;
	int a = s->span[i], b = pp->span[(size_t)i * (size_t)U + (size_t)u];
	int k, x;
	int64_t spk = 0, par = 0, trm = 0, d;

	/* Speaker clashes: as attendance, on the speakers' records. */
	for (x = 0; x < it->nspeakers; x++)
		if (!has_speaker(jt, it->speakers[x]))
			spk += rec_delta(
			    s->srec + ((size_t)it->speakers[x] << s->rec_shift),
			    w);
	if (it->theme >= 0 && it->theme < in->nthemes &&
	    (jt == NULL || jt->theme != it->theme)) {
		const uint16_t *c = &s->tcnt[it->theme * U];

		for (k = u0; r0 >= 0 && k < u0 + a; k++)
			par -= c[k] - 1;
		for (k = u; k < u + b; k++)
			par += c[k] - (r0 >= 0 && k >= u0 && k < u0 + a);
		if (r0 != r) {
			if (r0 >= 0 && s->troom[it->theme * s->R + r0] == 1)
				trm--;
			if (s->troom[it->theme * s->R + r] == 0)
				trm++;
		}
	}
	d = spk * s->wt[TT_SPEAKER_CLASH] + par * s->wt[TT_THEME_PARALLEL] +
	    trm * s->wt[TT_THEME_ROOMS];
	d += s->wt[TT_CAPACITY] * over_capacity(in, i, r) +
	    (is_moved(it, r, u) ? s->wt[TT_MOVED] : 0);
	if (pp->has_pref[i])
		d += s->wt[TT_PREF] *
		    (pref_cost(in, i, u, b) -
			(r0 >= 0 ? pref_cost(in, i, u0, a) : 0));
	if (r0 >= 0)
		d -= s->wt[TT_CAPACITY] * over_capacity(in, i, r0) +
		    (is_moved(it, r0, u0) ? s->wt[TT_MOVED] : 0);
	else
		d -= s->wt[TT_UNPLACED];
	return d;
}

/* Weighted cost change of moving long item i to (r, u). */
static bool
delta_one(const struct tt_state *s, int i, int r, int u, int64_t *out)
{
	struct wins w;

	if (!move_wins(s, i, u, &w))
		return false;
	*out = attend_delta(s, &w, i, false) * s->wt[TT_ATTEND] +
	    other_delta(s, &w, i, r, u, -1);
	return true;
}

/* Weighted cost change of swapping long items i (to (r, u)) and j (to
 * i's place), of equal spans. */
static bool
delta_swap(struct tt_state *s, int i, int r, int u, int j, int64_t *out)
{
	struct wins wi, wj;
	int r0 = s->place[i].room, u0 = s->place[i].unit;
	int64_t att;

	if (!move_wins(s, i, u, &wi) || !move_wins(s, j, u0, &wj))
		return false;
	new_epoch(s);
	att = attend_delta(s, &wj, j, true);
	att += attend_delta_swap(s, &wi, &wj, i);
	*out = att * s->wt[TT_ATTEND] + other_delta(s, &wi, i, r, u, j) +
	    other_delta(s, &wj, j, r0, u0, i);
	return true;
}

/* True when long item i, ignoring its own cells, fits at (r, u). */
static bool
fits_moving(const struct tt_state *s, int i, int r, int u)
{
	const struct tt_instance *in = s->in;
	int U = s->U, sp = s->pp->span[(size_t)i * (size_t)U + (size_t)u], k;

	if (sp == 0 || !room_ok(in, i, r))
		return false;
	for (k = u; k < u + sp; k++) {
		int c = r * U + k;

		if ((s->cell_long[c] >= 0 && s->cell_long[c] != i) ||
		    s->cell_min[c] > 0 || !cell_is_open(in, r, k))
			return false;
	}
	return true;
}

/*
 * Proposes a move of a long item (to a free place, or an equal-span swap
 * with the long item there) and computes its cost change without
 * applying it.  Returns false when there is no such move this time.
 */
static bool
propose_fast(struct tt_state *s, struct move *mv, int i, int r, int u)
{
	const struct tt_instance *in = s->in;
	const struct prep *pp = s->pp;
	int U = s->U, j, r0 = s->place[i].room, u0 = s->place[i].unit;

	mv->i = i;
	mv->j = -1;
	mv->r = r;
	mv->u = u;
	if (fits_moving(s, i, r, u))
		return delta_one(s, i, r, u, &mv->delta);
	j = s->cell_long[r * U + u];
	if (j < 0 || j == i || r0 < 0 || in->items[j].fixed_room >= 0 ||
	    s->place[j].unit != u || s->span[j] != s->span[i] ||
	    pp->span[(size_t)i * (size_t)U + (size_t)u] != s->span[i] ||
	    pp->span[(size_t)j * (size_t)U + (size_t)u0] != s->span[j] ||
	    !room_ok(in, j, r0) || !room_ok(in, i, r))
		return false;
	if (!delta_swap(s, i, r, u, j, &mv->delta))
		return false;
	mv->j = j;
	return true;
}

/* Applies a proposed move, noting it in ud. */
static void
apply_move(struct tt_state *s, const struct move *mv, struct undo *ud)
{
	int64_t before = s->obj;
	int r0 = s->place[mv->i].room, u0 = s->place[mv->i].unit;

	ud->n = 0;
	take(s, ud, mv->i);
	if (mv->j >= 0) {
		take(s, ud, mv->j);
		state_add(s, mv->j, r0, u0);
	}
	state_add(s, mv->i, mv->r, mv->u);
	if (s->obj - before != mv->delta)
		s->delta_mismatch++;
}

/*
 * Move i to a random (room, start); if taken by one movable item, swap
 * the two (or, when i is unplaced, put i there and unplace the other).
 * Returns false when no move was made (ud->n == 0 then).
 */
static bool
move_or_swap(struct tt_state *s, struct undo *ud, uint64_t *rs)
{
	const struct prep *pp = s->pp;
	const struct tt_instance *in = s->in;
	int i, j, ns, nr, r, u, r0, u0;

	ud->n = 0;
	if (pp->nmovable == 0)
		return false;
	i = pp->movable[below(rs, (uint64_t)pp->nmovable)];
	ns = pp->starts_off[i + 1] - pp->starts_off[i];
	nr = pp->rooms_off[i + 1] - pp->rooms_off[i];
	if (ns == 0 || nr == 0)
		return false;
	u = pp->starts[pp->starts_off[i] + (int)below(rs, (uint64_t)ns)];
	r = pp->rooms[pp->rooms_off[i] + (int)below(rs, (uint64_t)nr)];
	r0 = s->place[i].room;
	u0 = s->place[i].unit;
	if (r == r0 && u == u0)
		return false;
	take(s, ud, i);
	if (state_fits(s, i, r, u)) {
		state_add(s, i, r, u);
		return true;
	}
	j = occupant(s, r, u, rs);
	if (j < 0 || in->items[j].fixed_room >= 0 ||
	    in->items[j].shared != in->items[i].shared) {
		undo_apply(s, ud);
		ud->n = 0;
		return false;
	}
	take(s, ud, j);
	if (!state_fits(s, i, r, u)) {
		undo_apply(s, ud);
		ud->n = 0;
		return false;
	}
	state_add(s, i, r, u);
	if (r0 >= 0 && state_fits(s, j, r0, u0))
		state_add(s, j, r0, u0);
	else if (r0 >= 0) {
		undo_apply(s, ud);
		ud->n = 0;
		return false;
	}
	return true;
}

/*
 * Swaps the contents of two rooms at one unit (a chain of moves that
 * leaves attendance alone and changes room costs), when every item there
 * fills only that unit and none is fixed.
 */
static bool
room_swap(struct tt_state *s, struct undo *ud, uint64_t *rs)
{
	const struct tt_instance *in = s->in;
	int U = s->U, u, r1, r2, list[2][8], n[2] = { 0, 0 }, side, k, j;

	ud->n = 0;
	if (in->nrooms < 2)
		return false;
	u = (int)below(rs, (uint64_t)U);
	r1 = (int)below(rs, (uint64_t)in->nrooms);
	r2 = (int)below(rs, (uint64_t)in->nrooms - 1);
	r2 += r2 >= r1;
	for (side = 0; side < 2; side++) {
		int c = (side ? r2 : r1) * U + u;

		if (s->cell_long[c] >= 0)
			list[side][n[side]++] = s->cell_long[c];
		for (j = s->cell_head[c]; j >= 0; j = s->next[j]) {
			if (n[side] == 4)
				return false;
			list[side][n[side]++] = j;
		}
		for (k = 0; k < n[side]; k++) {
			int i = list[side][k];

			if (s->span[i] != 1 || in->items[i].fixed_room >= 0)
				return false;
		}
	}
	if (n[0] + n[1] == 0)
		return false;
	for (side = 0; side < 2; side++)
		for (k = 0; k < n[side]; k++)
			take(s, ud, list[side][k]);
	for (side = 0; side < 2; side++)
		for (k = 0; k < n[side]; k++) {
			int i = list[side][k], r = side ? r1 : r2;

			if (!state_fits(s, i, r, u)) {
				undo_apply(s, ud);
				ud->n = 0;
				return false;
			}
			state_add(s, i, r, u);
		}
	return true;
}

enum move_kind {
	MOVE_NONE,
	MOVE_PREDICTED, /* mv holds the cost change; nothing applied */
	MOVE_APPLIED    /* applied; ud undoes it */
};

static enum move_kind
random_move(struct tt_state *s, struct move *mv, struct undo *ud, uint64_t *rs)
{
	const struct prep *pp = s->pp;
	int i, ns, nr, r, u;
	uint64_t x;

	ud->n = 0;
	if (below(rs, pp->room_swaps ? 8 : 64) == 0)
		return room_swap(s, ud, rs) ? MOVE_APPLIED : MOVE_NONE;
	if (pp->nmovable == 0)
		return MOVE_NONE;
	x = *rs; /* move_or_swap redraws from *rs when it takes over */
	i = pp->movable[below(&x, (uint64_t)pp->nmovable)];
	ns = pp->starts_off[i + 1] - pp->starts_off[i];
	nr = pp->rooms_off[i + 1] - pp->rooms_off[i];
	if (s->in->items[i].shared || ns == 0 || nr == 0 ||
	    s->place[i].room < 0)
		return move_or_swap(s, ud, rs) ? MOVE_APPLIED : MOVE_NONE;
	/* Half the time a random (room, start): free, or an item of i's span
	 * there to swap with; else (and when that fails) a swap with an item
	 * of the same length, wherever it is. */
	r = -1;
	if (below(&x, 2) == 0) {
		int j;

		u = pp->starts[pp->starts_off[i] +
		    (int)below(&x, (uint64_t)ns)];
		r = pp->rooms[pp->rooms_off[i] + (int)below(&x, (uint64_t)nr)];
		j = s->cell_long[r * s->U + u];
		if (j >= 0 && j != i && s->span[j] == s->span[i])
			u = s->place[j].unit;
		else if (!fits_moving(s, i, r, u))
			r = -1;
	}
	if (r < 0) {
		int lo = pp->same_lo[i], hi = pp->same_hi[i];
		int j = pp->same[lo + (int)below(&x, (uint64_t)(hi - lo))];

		u = s->place[j].unit;
		r = s->place[j].room;
	}
	*rs = x;
	if (r < 0)
		return MOVE_NONE;
	if (r == s->place[i].room && u == s->place[i].unit)
		return MOVE_NONE;
	return propose_fast(s, mv, i, r, u) ? MOVE_PREDICTED : MOVE_NONE;
}

/* ---- the search ---- */

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct shared {
	_Atomic int64_t best[2];
	_Atomic int64_t hard[2];
	_Atomic uint64_t moves[2];
	_Atomic int stop;
};

struct worker {
	const struct tt_instance *in;
	const struct prep *pp;
	const struct tt_opts *opts;
	const struct tt_assign *start; /* or NULL: greedy */
	struct shared *sh;
	int id;
	double t0;
	int64_t bound;
	struct tt_place *best; /* nitems */
	int64_t best_obj;
	int64_t initial;
	uint64_t moves;
	uint64_t evaluated;
	uint64_t accepted;
	bool hit_time;
	bool hit_target;
};

static void
save_best(struct worker *w, const struct tt_state *s)
{
	memcpy(w->best, s->place, (size_t)w->in->nitems * sizeof(*w->best));
	w->best_obj = s->obj;
}

static void
report(struct worker *w)
{
	struct tt_progress pr;
	int64_t b0 = atomic_load(&w->sh->best[0]);
	int64_t b1 = atomic_load(&w->sh->best[1]);
	int64_t b = b0 < b1 ? b0 : b1;

	pr.elapsed = now() - w->t0;
	pr.hard = b / TT_HARD_WEIGHT;
	pr.objective = b % TT_HARD_WEIGHT;
	pr.bound = w->bound;
	pr.moves =
	    atomic_load(&w->sh->moves[0]) + atomic_load(&w->sh->moves[1]);
	w->opts->progress(w->opts->progress_arg, &pr);
}

/*
 * Accepting a worsening move from the best state: the best is copied only
 * now (not at every improvement), so undo, copy, and redo the move.
 */
static void
keep_best_then_redo(struct worker *w, struct tt_state *s, const struct undo *ud)
{
	struct undo after = *ud;
	int k;

	for (k = 0; k < ud->n; k++) {
		after.room[k] = s->place[ud->item[k]].room;
		after.unit[k] = s->place[ud->item[k]].unit;
	}
	undo_apply(s, ud);
	save_best(w, s);
	for (k = 0; k < ud->n; k++)
		if (s->place[ud->item[k]].room >= 0)
			state_remove(s, ud->item[k]);
	for (k = 0; k < ud->n; k++)
		if (after.room[k] >= 0)
			state_add(
			    s, after.item[k], after.room[k], after.unit[k]);
}

/*
 * The late-acceptance history length.  The list converges (each entry
 * only falls), and the longer it is the later it converges and the better
 * where it ends: the best length grows with the moves the run can make.
 * On the FOSDEM benchmark about one entry per 3,000 moves of a thread
 * did best (1.8 million moves: 500 beat 2,000; 6 million: 2,000 beat
 * 500).  With a move budget the length follows from it (deterministic);
 * with only a time limit, from the move rate measured at the start.
 */
#define HISTORY_MOVES   3000
#define HISTORY_MIN     200
#define HISTORY_MAX     100000
#define HISTORY_DEFAULT 2000

static unsigned
history_for(double moves)
{
	double l = moves / HISTORY_MOVES;

	return l < HISTORY_MIN ? HISTORY_MIN
	    : l > HISTORY_MAX  ? HISTORY_MAX
			       : (unsigned)l;
}

static unsigned
initial_history(const struct tt_opts *o)
{
	if (o->history > 0)
		return o->history;
	if (o->max_moves > 0)
		return history_for((double)o->max_moves);
	if (o->time_limit > 0)
		return HISTORY_MIN; /* until calibrated */
	return HISTORY_DEFAULT;
}

/* Search time after which the move rate is measured. */
static double
calibration_time(const struct tt_opts *o)
{
	double t = o->time_limit * 0.02;

	return t < 0.05 ? 0.05 : t > 1.0 ? 1.0 : t;
}

/* A history of n entries continuing the old one cyclically. */
static int64_t *
resize_history(int64_t *hist, unsigned *L, unsigned n)
{
	int64_t *h = xcalloc(n, sizeof(*h));
	unsigned k;

	for (k = 0; k < n; k++)
		h[k] = hist[k % *L];
	free(hist);
	*L = n;
	return h;
}

static void
search(struct worker *w)
{
	const struct tt_instance *in = w->in;
	const struct tt_opts *o = w->opts;
	struct tt_state s;
	struct undo ud;
	struct move mv;
	enum move_kind kind;
	int64_t cand;
	uint64_t rs = o->seed * 2 + (uint64_t)w->id + 1, it;
	unsigned L = initial_history(o), k;
	int64_t *hist = xcalloc(L, sizeof(*hist));
	double next_report = w->t0 + 1.0, ts;
	/* Only a time limit: size the history once the move rate is known. */
	bool calibrate =
	    o->history == 0 && o->max_moves == 0 && o->time_limit > 0;
	bool at_best = true;
	int i;

	split_mix(&rs);
	state_alloc(&s, in, w->pp);
	state_place_fixed(&s);
	if (w->start != NULL) {
		for (i = 0; i < in->nitems; i++) {
			const struct tt_place *pl = &w->start->place[i];

			if (in->items[i].fixed_room >= 0 || pl->room < 0 ||
			    pl->room >= in->nrooms || pl->unit < 0 ||
			    pl->unit >= in->nunits)
				continue;
			if (state_fits(&s, i, pl->room, pl->unit))
				state_add(&s, i, pl->room, pl->unit);
		}
	}
	greedy(&s, o->seed);
	w->initial = s.obj;
	save_best(w, &s);
	atomic_store(&w->sh->best[w->id], s.obj);
	for (k = 0; k < L; k++)
		hist[k] = s.obj;
	ts = now();
	for (it = 0; o->max_moves == 0 || it < o->max_moves; it++) {
		int64_t before = s.obj;

		if ((it & 1023) == 0) {
			double t = now();

			if (calibrate && t - ts >= calibration_time(o)) {
				hist = resize_history(hist, &L,
				    history_for((double)it / (t - ts) *
					(o->time_limit - (t - w->t0))));
				calibrate = false;
			}

			atomic_store(&w->sh->moves[w->id], it);
			if (atomic_load(&w->sh->stop))
				break;
			if (o->time_limit > 0 && t - w->t0 >= o->time_limit) {
				w->hit_time = true;
				break;
			}
			if (w->id == 0 && o->progress != NULL &&
			    t >= next_report) {
				next_report = t + 1.0;
				report(w);
			}
			if (w->best_obj <= w->bound ||
			    w->best_obj <= o->target) {
				w->hit_target = true;
				atomic_store(&w->sh->stop, 1);
				break; /* optimal, or good enough */
			}
		}
		kind = random_move(&s, &mv, &ud, &rs);
		if (kind == MOVE_NONE)
			continue;
		w->evaluated++;
		cand = kind == MOVE_PREDICTED ? s.obj + mv.delta : s.obj;
		k = (unsigned)(it % L);
		if (cand <= before || cand <= hist[k]) {
			w->accepted++;
			if (cand > before && at_best) {
				if (kind == MOVE_PREDICTED)
					save_best(w, &s);
				else
					keep_best_then_redo(w, &s, &ud);
			}
			if (kind == MOVE_PREDICTED)
				apply_move(&s, &mv, &ud);
			if (s.obj < w->best_obj) {
				w->best_obj = s.obj;
				at_best = true;
				atomic_store(&w->sh->best[w->id], s.obj);
			} else if (s.obj > w->best_obj) {
				at_best = false;
			}
		} else if (kind == MOVE_APPLIED) {
			undo_apply(&s, &ud);
		}
		if (s.obj < hist[k])
			hist[k] = s.obj;
	}
	if (at_best)
		save_best(w, &s);
	w->moves = it;
	atomic_store(&w->sh->moves[w->id], it);
	free(hist);
	state_release(&s);
}

static void *
search_thread(void *arg)
{
	search(arg);
	return NULL;
}

static void assign_rooms(const struct tt_instance *in, struct tt_assign *a);

void
timetable_solve(const struct tt_instance *in, const struct tt_opts *opts,
    struct tt_assign *a, struct tt_cost *cost, struct tt_stats *stats)
{
	struct prep pp;
	struct shared sh;
	struct worker w[2];
	pthread_t th;
	int nth = opts->threads >= 2 ? 2 : 1, t, win = 0;
	bool threaded = false;
	double t0 = now();

	prep_init(&pp, in);
	memset(&sh, 0, sizeof(sh));
	atomic_store(&sh.best[0], INT64_MAX);
	atomic_store(&sh.best[1], INT64_MAX);
	memset(w, 0, sizeof(w));
	for (t = 0; t < nth; t++) {
		w[t].in = in;
		w[t].pp = &pp;
		w[t].opts = opts;
		w[t].start = opts->keep_fixed_start ? a : NULL;
		w[t].sh = &sh;
		w[t].id = t;
		w[t].t0 = t0;
		w[t].bound = timetable_lower_bound(in);
		w[t].best = xcalloc((size_t)in->nitems + 1, sizeof(*w[t].best));
	}
	if (nth == 2)
		threaded = pthread_create(&th, NULL, search_thread, &w[1]) == 0;
	search(&w[0]);
	if (nth == 2 && !threaded)
		search(&w[1]);
	else if (threaded)
		pthread_join(th, NULL);
	for (t = 1; t < nth; t++)
		if (w[t].best_obj < w[win].best_obj)
			win = t;
	memcpy(a->place, w[win].best, (size_t)in->nitems * sizeof(*a->place));
	assign_rooms(in, a);
	/* Order the shared items of each cell by item id. */
	{
		int i, j;

		for (i = 0; i < in->nitems; i++) {
			a->place[i].order = 0;
			if (!in->items[i].shared || a->place[i].room < 0)
				continue;
			for (j = 0; j < i; j++)
				if (in->items[j].shared &&
				    a->place[j].room == a->place[i].room &&
				    a->place[j].unit == a->place[i].unit)
					a->place[i].order++;
		}
	}
	timetable_evaluate(in, a, cost);
	if (stats != NULL) {
		memset(stats, 0, sizeof(*stats));
		for (t = 0; t < nth; t++) {
			stats->moves += w[t].moves;
			stats->evaluated += w[t].evaluated;
			stats->accepted += w[t].accepted;
			stats->hit_time_limit |= w[t].hit_time;
			stats->hit_target |= w[t].hit_target;
		}
		stats->seconds = now() - t0;
		stats->initial = w[win].initial;
		stats->bound = w[0].bound;
		stats->best_thread = win;
	}
	for (t = 0; t < nth; t++)
		free(w[t].best);
	prep_release(&pp);
}

/* ---- exact room assignment inside each unit ---- */

/*
 * Min-cost assignment of n rows to m >= n columns (Hungarian method with
 * potentials, O(n^2 m)); cost is n x m, row-major.  Sets col_of[row].
 */
static void
hungarian(const int64_t *cost, int n, int m, int *col_of)
{
	int64_t *uu = xcalloc((size_t)n + 1, sizeof(int64_t));
	int64_t *vv = xcalloc((size_t)m + 1, sizeof(int64_t));
	int64_t *minv = xcalloc((size_t)m + 1, sizeof(int64_t));
	int *p = xcalloc((size_t)m + 1, sizeof(int));
	int *way = xcalloc((size_t)m + 1, sizeof(int));
	bool *used = xcalloc((size_t)m + 1, sizeof(bool));
	int i, j;

	for (i = 1; i <= n; i++) {
		int j0 = 0;

		p[0] = i;
		for (j = 0; j <= m; j++) {
			minv[j] = INT64_MAX;
			used[j] = false;
		}
		do {
			int i0 = p[j0], j1 = 0;
			int64_t delta = INT64_MAX;

			used[j0] = true;
			for (j = 1; j <= m; j++) {
				int64_t cur;

				if (used[j])
					continue;
				cur = cost[(i0 - 1) * m + (j - 1)] - uu[i0] -
				    vv[j];
				if (cur < minv[j]) {
					minv[j] = cur;
					way[j] = j0;
				}
				if (minv[j] < delta) {
					delta = minv[j];
					j1 = j;
				}
			}
			for (j = 0; j <= m; j++) {
				if (used[j]) {
					uu[p[j]] += delta;
					vv[j] -= delta;
				} else {
					minv[j] -= delta;
				}
			}
			j0 = j1;
		} while (p[j0] != 0);
		do {
			int j1 = way[j0];

			p[j0] = p[j1];
			j0 = j1;
		} while (j0 != 0);
	}
	for (j = 1; j <= m; j++)
		if (p[j] > 0)
			col_of[p[j] - 1] = j - 1;
	free(uu);
	free(vv);
	free(minv);
	free(p);
	free(way);
	free(used);
}

#define ASSIGN_BIG INT64_C(1000000000000)

/*
 * Reassigns rooms unit by unit: the contents of each cell holding only
 * movable one-unit items move together to the room that minimises the
 * separable room costs (needs, open cells, capacity, moves); the result is
 * kept only if the full evaluation improves.
 */
static void
assign_rooms(const struct tt_instance *in, struct tt_assign *a)
{
	int U = in->nunits, R = in->nrooms, u, r, i, g;
	struct tt_assign old;
	struct tt_cost before, after;
	int *cell_ok = xcalloc((size_t)R + 1, sizeof(int));
	int *grp_room = xcalloc((size_t)R + 1, sizeof(int));
	int *col_of = xcalloc((size_t)R + 1, sizeof(int));
	int64_t *cost = xcalloc((size_t)R * (size_t)R + 1, sizeof(int64_t));

	timetable_evaluate(in, a, &before);
	tt_assign_init(&old, a->nitems);
	tt_assign_copy(&old, a);
	for (u = 0; u < U; u++) {
		int ng = 0, nfree = 0, *free_room = col_of;

		/* A room is free to swap when all it holds at u is movable
		 * and lives in u only. */
		for (r = 0; r < R; r++)
			cell_ok[r] = 1;
		for (i = 0; i < in->nitems; i++) {
			const struct tt_place *pl = &a->place[i];
			int sp;

			if (pl->room < 0)
				continue;
			sp = raw_span(in, i, pl->unit);
			if (pl->unit <= u && u < pl->unit + (sp ? sp : 1) &&
			    (sp != 1 || in->items[i].fixed_room >= 0))
				cell_ok[pl->room] = 0;
		}
		for (r = 0; r < R; r++) {
			bool used = false;

			if (!cell_ok[r])
				continue;
			for (i = 0; i < in->nitems && !used; i++)
				used = a->place[i].room == r &&
				    a->place[i].unit == u;
			if (used)
				grp_room[ng++] = r;
		}
		if (ng < 2)
			continue;
		for (r = 0; r < R; r++)
			if (cell_ok[r])
				free_room[nfree++] = r;
		memset(cost, 0, sizeof(int64_t) * (size_t)ng * (size_t)nfree);
		for (i = 0; i < in->nitems; i++) {
			const struct tt_place *pl = &a->place[i];

			if (pl->unit != u || pl->room < 0 || !cell_ok[pl->room])
				continue;
			for (g = 0; g < ng && grp_room[g] != pl->room; g++)
				;
			for (r = 0; r < nfree; r++) {
				int rr = free_room[r];
				int64_t *c = &cost[g * nfree + r];

				if (!room_ok(in, i, rr) ||
				    !cell_is_open(in, rr, u))
					*c += ASSIGN_BIG;
				*c += in->w.capacity * over_capacity(in, i, rr);
				if (is_moved(&in->items[i], rr, u))
					*c += in->w.moved;
			}
		}
		{
			int *to = xcalloc((size_t)ng + 1, sizeof(int));
			int *rooms = xcalloc((size_t)nfree + 1, sizeof(int));

			memcpy(rooms, free_room, sizeof(int) * (size_t)nfree);
			hungarian(cost, ng, nfree, to);
			for (i = 0; i < in->nitems; i++) {
				struct tt_place *pl = &a->place[i];

				if (pl->unit != u || pl->room < 0 ||
				    !cell_ok[pl->room])
					continue;
				for (g = 0; g < ng && grp_room[g] != pl->room;
				     g++)
					;
				pl->room = -2 - rooms[to[g]]; /* mark */
			}
			for (i = 0; i < in->nitems; i++)
				if (a->place[i].room <= -2)
					a->place[i].room =
					    -2 - a->place[i].room;
			free(to);
			free(rooms);
		}
	}
	timetable_evaluate(in, a, &after);
	if (tt_cost_objective(&after) > tt_cost_objective(&before))
		tt_assign_copy(a, &old);
	tt_assign_release(&old);
	free(cell_ok);
	free(grp_room);
	free(col_of);
	free(cost);
}

/* ---- the state, for tests ---- */

struct tt_state *
tt_state_new(const struct tt_instance *in, const struct tt_assign *a)
{
	struct tt_state *s = xcalloc(1, sizeof(*s));
	struct prep *pp = xcalloc(1, sizeof(*pp));
	int i;

	prep_init(pp, in);
	state_alloc(s, in, pp);
	s->own = *pp;
	free(pp);
	s->pp = &s->own;
	state_place_fixed(s);
	for (i = 0; i < in->nitems; i++) {
		const struct tt_place *pl = &a->place[i];

		if (in->items[i].fixed_room < 0 && pl->room >= 0 &&
		    state_fits(s, i, pl->room, pl->unit))
			state_add(s, i, pl->room, pl->unit);
	}
	return s;
}

int64_t
tt_state_random_move(struct tt_state *s, uint64_t *rng_state)
{
	struct undo ud;
	struct move mv;

	if (random_move(s, &mv, &ud, rng_state) == MOVE_PREDICTED)
		apply_move(s, &mv, &ud);
	return s->obj;
}

uint64_t
tt_state_delta_mismatches(const struct tt_state *s)
{
	return s->delta_mismatch;
}

int64_t
tt_state_objective(const struct tt_state *s)
{
	return s->obj;
}

void
tt_state_assign(const struct tt_state *s, struct tt_assign *out)
{
	memcpy(out->place, s->place, (size_t)s->in->nitems * sizeof(*s->place));
}

void
tt_state_free(struct tt_state *s)
{
	if (s == NULL)
		return;
	state_release(s);
	prep_release(&s->own);
	free(s);
}
