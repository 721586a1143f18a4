/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * select.c: the selection MIP of select.h.  The quotas that are on are
 * listed once (struct sel_quota); the model is built from that list with
 * any subset of them switched on, so the same builder serves the main
 * solve, the gain re-solves (one quota off) and the deletion filter that
 * names a conflicting set (objective zero: feasibility only).
 */
#include "solve/select.h"

#include <float.h>
#include <glpk.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"
#include "util/util.h"

#define FEAS_EPS 1e-7 /* row tolerance when judging a quota active */

const char *
sel_status_str(enum sel_status s)
{
	static const char *const t[SEL__MAX] = {
		[SEL_OPTIMAL] = "optimal",
		[SEL_FEASIBLE] = "feasible (time limit)",
		[SEL_INFEASIBLE] = "infeasible",
		[SEL_NO_SOLUTION] = "no solution found within the time limit",
		[SEL_BAD_INPUT] = "bad input",
		[SEL_ERROR] = "solver failed",
	};

	return s < SEL__MAX ? t[s] : "?";
}

const char *
sel_quota_kind_key(enum sel_quota_kind k)
{
	static const char *const t[SEL_Q__MAX] = {
		[SEL_Q_CAPACITY] = "capacity",
		[SEL_Q_THEME_MIN] = "theme-min",
		[SEL_Q_THEME_MAX] = "theme-max",
		[SEL_Q_FORMAT_MIN] = "format-min",
		[SEL_Q_FORMAT_MAX] = "format-max",
		[SEL_Q_MIXED] = "mixed-panels",
		[SEL_Q_WOMEN] = "women",
		[SEL_Q_COUNTRIES] = "countries",
		[SEL_Q_ORG] = "per-organisation",
		[SEL_Q_SPEAKER] = "per-speaker",
		[SEL_Q_PIN] = "pin",
	};

	return k < SEL_Q__MAX ? t[k] : "?";
}

void
sel_result_init(struct sel_result *r)
{
	memset(r, 0, sizeof(*r));
	r->status = SEL_ERROR;
}

void
sel_result_release(struct sel_result *r)
{
	size_t i;

	for (i = 0; i < r->nquotas; i++)
		free(r->quotas[i].name);
	free(r->quotas);
	free(r->accepted);
	free(r->message);
	sel_result_init(r);
}

static double
wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- input checks ---------------------------------------------------- */

static enum sel_status bad(struct sel_result *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static enum sel_status
bad(struct sel_result *out, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b, 0);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	free(out->message);
	out->message = buf_detach(&b, NULL);
	out->status = SEL_BAD_INPUT;
	return SEL_BAD_INPUT;
}

static bool
share_ok(double s)
{
	return isfinite(s) && s >= 0.0 && s <= 1.0;
}

static enum sel_status
check_items(const struct sel_instance *in, struct sel_result *out)
{
	size_t i, k;

	for (i = 0; i < in->nitems; i++) {
		const struct sel_item *it = &in->items[i];

		if (!isfinite(it->score))
			return bad(out, "item %zu: score is not finite", i);
		if (it->size < 0)
			return bad(
			    out, "item %zu: size %d is negative", i, it->size);
		if (it->format >= in->nformats)
			return bad(out,
			    "item %zu: format %zu out of range (%zu formats)",
			    i, it->format, in->nformats);
		if (it->theme >= in->nthemes)
			return bad(out,
			    "item %zu: theme %zu out of range (%zu themes)", i,
			    it->theme, in->nthemes);
		if (it->org != SEL_NONE && it->org >= in->norgs)
			return bad(out,
			    "item %zu: organisation %zu out of range "
			    "(%zu organisations)",
			    i, it->org, in->norgs);
		if (it->nspeakers > SEL_MAX_SPEAKERS)
			return bad(out, "item %zu: %zu speakers, at most %d", i,
			    it->nspeakers, SEL_MAX_SPEAKERS);
		if (it->nspeakers > 0 && it->speakers == NULL)
			return bad(out, "item %zu: speakers missing", i);
		for (k = 0; k < it->nspeakers; k++)
			if (it->speakers[k] >= in->npersons)
				return bad(out,
				    "item %zu: speaker %zu out of range "
				    "(%zu persons)",
				    i, it->speakers[k], in->npersons);
		if ((unsigned)it->pin >= SEL_PIN__MAX)
			return bad(
			    out, "item %zu: pin %d unknown", i, (int)it->pin);
	}
	return SEL_OPTIMAL;
}

static enum sel_status
check_minmax(const int *mn, const int *mx, size_t n, const char *what,
    struct sel_result *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (mn != NULL && mn[i] < 0)
			return bad(out, "%s %zu: minimum %d is negative", what,
			    i, mn[i]);
		if (mx != NULL && mx[i] < -1)
			return bad(out,
			    "%s %zu: maximum %d is negative (-1 is no "
			    "maximum)",
			    what, i, mx[i]);
		if (mn != NULL && mx != NULL && mx[i] >= 0 && mn[i] > mx[i])
			return bad(out,
			    "%s %zu: minimum %d is above maximum %d", what, i,
			    mn[i], mx[i]);
	}
	return SEL_OPTIMAL;
}

static enum sel_status
check_input(const struct sel_instance *in, const struct sel_quotas *q,
    const struct sel_options *opt, struct sel_result *out)
{
	enum sel_status st;
	size_t i;

	if (in == NULL || q == NULL)
		return bad(out, "no instance or no quotas");
	if (in->nitems > SEL_MAX_ITEMS)
		return bad(
		    out, "%zu items, at most %d", in->nitems, SEL_MAX_ITEMS);
	if (in->npersons > SEL_MAX_PERSONS)
		return bad(out, "%zu persons, at most %d", in->npersons,
		    SEL_MAX_PERSONS);
	if (in->nthemes > SEL_MAX_CATEGORIES ||
	    in->nformats > SEL_MAX_CATEGORIES ||
	    in->ncountries > SEL_MAX_CATEGORIES || in->norgs > SEL_MAX_ORGS)
		return bad(out,
		    "too many themes, formats, countries or "
		    "organisations");
	if ((in->nitems > 0 && in->items == NULL) ||
	    (in->npersons > 0 && in->persons == NULL))
		return bad(out, "items or persons missing");
	for (i = 0; i < in->npersons; i++)
		if (in->persons[i].country != SEL_NONE &&
		    in->persons[i].country >= in->ncountries)
			return bad(out,
			    "person %zu: country %zu out of range "
			    "(%zu countries)",
			    i, in->persons[i].country, in->ncountries);
	st = check_items(in, out);
	if (st != SEL_OPTIMAL)
		return st;
	if (q->ncaps > 0 && q->caps == NULL)
		return bad(out, "capacities missing");
	for (i = 0; i < q->ncaps; i++) {
		const struct sel_capacity *c = &q->caps[i];

		if (c->units < 0)
			return bad(out, "capacity %zu: %ld units is negative",
			    i, c->units);
		if (in->nformats < 64 && (c->formats >> in->nformats) != 0)
			return bad(out,
			    "capacity %zu: format mask names a format out "
			    "of range (%zu formats)",
			    i, in->nformats);
		if (c->formats != 0 && in->nformats > SEL_MAX_FORMATS)
			return bad(out,
			    "capacity %zu: a format mask needs at most %d "
			    "formats",
			    i, SEL_MAX_FORMATS);
	}
	st =
	    check_minmax(q->theme_min, q->theme_max, in->nthemes, "theme", out);
	if (st == SEL_OPTIMAL)
		st = check_minmax(
		    q->format_min, q->format_max, in->nformats, "format", out);
	if (st != SEL_OPTIMAL)
		return st;
	if (!share_ok(q->mixed_share))
		return bad(out, "mixed panel share %g is not from 0 to 1",
		    q->mixed_share);
	if (!share_ok(q->women_share))
		return bad(
		    out, "women share %g is not from 0 to 1", q->women_share);
	if (q->min_countries < 0)
		return bad(
		    out, "minimum countries %d is negative", q->min_countries);
	if (q->max_per_org < 0)
		return bad(out, "maximum per organisation %d is negative",
		    q->max_per_org);
	if (q->max_per_speaker < 0)
		return bad(out, "maximum per speaker %d is negative",
		    q->max_per_speaker);
	if (opt != NULL &&
	    (!isfinite(opt->time_limit) || opt->time_limit < 0 ||
		!isfinite(opt->gain_budget) || opt->gain_budget < 0 ||
		!isfinite(opt->diagnosis_budget) || opt->diagnosis_budget < 0))
		return bad(out, "time limit is not a non-negative number");
	return SEL_OPTIMAL;
}

/* ---- the quota list -------------------------------------------------- */

struct model {
	const struct sel_instance *in;
	const struct sel_quotas *q;
	struct sel_quota *qs;
	size_t nq, qcap;
	int *rs, *re; /* rows of quota k in the last build: [rs, re) */
	bool *slack;  /* quota k holds whatever is accepted: it never binds */
	int nx, ny;   /* x columns 1..nx, country columns nx+1..nx+ny */
	size_t *ycountry;
	/* per item: women slots, slots, distinct persons */
	int *women, *slots;
	size_t **persons;
	size_t *npersons;
};

static char *
name_of(const char *const *names, size_t i)
{
	struct buf b;

	buf_init(&b, 1024);
	if (names != NULL && names[i] != NULL)
		buf_addstr(&b, names[i]);
	else
		buf_addf(&b, "%zu", i);
	return buf_detach(&b, NULL);
}

static void add_quota(struct model *m, enum sel_quota_kind kind, size_t index,
    double bound, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
add_quota(struct model *m, enum sel_quota_kind kind, size_t index, double bound,
    const char *fmt, ...)
{
	struct sel_quota *qq;
	struct buf b;
	va_list ap;

	XGROW(m->qs, m->qcap, m->nq + 1);
	qq = &m->qs[m->nq++];
	memset(qq, 0, sizeof(*qq));
	qq->kind = kind;
	qq->index = index;
	qq->bound = bound;
	buf_init(&b, 0);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	qq->name = buf_detach(&b, NULL);
}

static void
list_minmax(struct model *m, const int *mn, const int *mx, size_t n,
    enum sel_quota_kind kmin, const char *const *names, const char *what)
{
	size_t i;
	char *nm;

	for (i = 0; i < n; i++) {
		nm = name_of(names, i);
		if (mn != NULL && mn[i] > 0)
			add_quota(m, kmin, i, mn[i], "%s %s at least %d", what,
			    nm, mn[i]);
		if (mx != NULL && mx[i] >= 0)
			add_quota(m, kmin + 1, i, mx[i], "%s %s at most %d",
			    what, nm, mx[i]);
		free(nm);
	}
}

static void
list_quotas(struct model *m)
{
	const struct sel_instance *in = m->in;
	const struct sel_quotas *q = m->q;
	size_t i;

	for (i = 0; i < q->ncaps; i++) {
		const struct sel_capacity *c = &q->caps[i];

		if (c->name != NULL)
			add_quota(m, SEL_Q_CAPACITY, i, (double)c->units,
			    "capacity %s %ld", c->name, c->units);
		else
			add_quota(m, SEL_Q_CAPACITY, i, (double)c->units,
			    "capacity %ld", c->units);
	}
	list_minmax(m, q->theme_min, q->theme_max, in->nthemes, SEL_Q_THEME_MIN,
	    in->theme_names, "theme");
	list_minmax(m, q->format_min, q->format_max, in->nformats,
	    SEL_Q_FORMAT_MIN, in->format_names, "format");
	if (q->mixed_share > 0)
		add_quota(m, SEL_Q_MIXED, 0, q->mixed_share,
		    "mixed panels at least %g%%", q->mixed_share * 100);
	if (q->women_share > 0)
		add_quota(m, SEL_Q_WOMEN, 0, q->women_share,
		    "women share at least %g%%", q->women_share * 100);
	if (q->min_countries > 0)
		add_quota(m, SEL_Q_COUNTRIES, 0, q->min_countries,
		    "countries at least %d", q->min_countries);
	if (q->max_per_org > 0)
		add_quota(m, SEL_Q_ORG, 0, q->max_per_org,
		    "at most %d per organisation", q->max_per_org);
	if (q->max_per_speaker > 0)
		add_quota(m, SEL_Q_SPEAKER, 0, q->max_per_speaker,
		    "at most %d per speaker", q->max_per_speaker);
	for (i = 0; i < in->nitems; i++) {
		const struct sel_item *it = &in->items[i];
		const char *verb;

		if (it->pin == SEL_PIN_NONE)
			continue;
		verb = it->pin == SEL_PIN_ACCEPT ? "accept" : "reject";
		if (it->name != NULL)
			add_quota(m, SEL_Q_PIN, i, it->pin == SEL_PIN_ACCEPT,
			    "pin %s %s", verb, it->name);
		else
			add_quota(m, SEL_Q_PIN, i, it->pin == SEL_PIN_ACCEPT,
			    "pin %s item %zu", verb, i);
	}
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

static void
model_init(
    struct model *m, const struct sel_instance *in, const struct sel_quotas *q)
{
	size_t i, k, n;

	memset(m, 0, sizeof(*m));
	m->in = in;
	m->q = q;
	list_quotas(m);
	m->rs = xcalloc(m->nq + 1, sizeof(*m->rs));
	m->re = xcalloc(m->nq + 1, sizeof(*m->re));
	m->slack = xcalloc(m->nq + 1, sizeof(*m->slack));
	m->nx = (int)in->nitems;
	m->women = xcalloc(in->nitems + 1, sizeof(*m->women));
	m->slots = xcalloc(in->nitems + 1, sizeof(*m->slots));
	m->persons = xcalloc(in->nitems + 1, sizeof(*m->persons));
	m->npersons = xcalloc(in->nitems + 1, sizeof(*m->npersons));
	for (i = 0; i < in->nitems; i++) {
		const struct sel_item *it = &in->items[i];
		size_t *p = xcalloc(it->nspeakers + 1, sizeof(*p));

		for (k = 0; k < it->nspeakers; k++) {
			p[k] = it->speakers[k];
			m->women[i] += in->persons[p[k]].woman;
		}
		m->slots[i] = (int)it->nspeakers;
		qsort(p, it->nspeakers, sizeof(*p), cmp_size);
		for (k = n = 0; k < it->nspeakers; k++)
			if (n == 0 || p[n - 1] != p[k])
				p[n++] = p[k];
		m->persons[i] = p;
		m->npersons[i] = n;
	}
}

static void
model_release(struct model *m)
{
	size_t i;

	for (i = 0; i < m->in->nitems; i++)
		free(m->persons[i]);
	free(m->persons);
	free(m->npersons);
	free(m->women);
	free(m->slots);
	free(m->rs);
	free(m->re);
	free(m->slack);
	free(m->ycountry);
	/* m->qs is handed to the result */
}

/* ---- building the MIP ------------------------------------------------ */

struct tri {
	int *ia, *ja;
	double *ar;
	size_t n, cap;
};

static void
tri_add(struct tri *t, int row, int col, double v)
{
	if (t->n + 2 > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->ia = xreallocarray(t->ia, t->cap, sizeof(*t->ia));
		t->ja = xreallocarray(t->ja, t->cap, sizeof(*t->ja));
		t->ar = xreallocarray(t->ar, t->cap, sizeof(*t->ar));
		if (t->n == 0)
			t->n = 1; /* GLPK arrays are 1-based */
	}
	t->ia[t->n] = row;
	t->ja[t->n] = col;
	t->ar[t->n] = v;
	t->n++;
}

static int
new_row(glp_prob *lp, int type, double lb, double ub)
{
	int r = glp_add_rows(lp, 1);

	glp_set_row_bnds(lp, r, type, lb, ub);
	return r;
}

/* One row: sum over items i of coef(i) x_i in [lb, ub] (by type). */
static void
rows_count(struct model *m, glp_prob *lp, struct tri *t, int type, double b,
    enum sel_quota_kind kind, size_t index)
{
	const struct sel_instance *in = m->in;
	int r = new_row(lp, type, b, b);
	size_t i;

	for (i = 0; i < in->nitems; i++) {
		const struct sel_item *it = &in->items[i];
		double c = 0;

		switch (kind) {
		case SEL_Q_CAPACITY: {
			uint64_t mask = m->q->caps[index].formats;

			if (it->size > 0 &&
			    (mask == 0 || (mask >> it->format) & 1))
				c = it->size;
			break;
		}
		case SEL_Q_THEME_MIN:
		case SEL_Q_THEME_MAX:
			c = it->theme == index;
			break;
		case SEL_Q_FORMAT_MIN:
		case SEL_Q_FORMAT_MAX:
			c = it->format == index;
			break;
		case SEL_Q_MIXED:
			if (it->is_panel)
				c = (double)it->mixes_sectors -
				    m->q->mixed_share;
			break;
		case SEL_Q_WOMEN:
			c = m->women[i] - m->q->women_share * m->slots[i];
			break;
		default:
			break;
		}
		if (c != 0)
			tri_add(t, r, (int)i + 1, c);
	}
}

/* Rows "at most cap" over the items of each group with more than cap. */
static void
rows_groups(struct model *m, glp_prob *lp, struct tri *t, bool by_org, int cap)
{
	const struct sel_instance *in = m->in;
	size_t ng = by_org ? in->norgs : in->npersons, i, k, g;
	size_t *cnt = xcalloc(ng + 1, sizeof(*cnt));
	int *row = xcalloc(ng + 1, sizeof(*row));

	for (i = 0; i < in->nitems; i++) {
		if (by_org) {
			if (in->items[i].org != SEL_NONE)
				cnt[in->items[i].org]++;
			continue;
		}
		for (k = 0; k < m->npersons[i]; k++)
			cnt[m->persons[i][k]]++;
	}
	for (g = 0; g < ng; g++)
		if (cnt[g] > (size_t)cap)
			row[g] = new_row(lp, GLP_UP, 0, cap);
	for (i = 0; i < in->nitems; i++) {
		if (by_org) {
			g = in->items[i].org;
			if (g != SEL_NONE && row[g] != 0)
				tri_add(t, row[g], (int)i + 1, 1);
			continue;
		}
		for (k = 0; k < m->npersons[i]; k++)
			if (row[m->persons[i][k]] != 0)
				tri_add(
				    t, row[m->persons[i][k]], (int)i + 1, 1);
	}
	free(row);
	free(cnt);
}

/* y_c <= sum of x over items with a speaker from c; sum y >= N. */
static void
rows_countries(struct model *m, glp_prob *lp, struct tri *t, int n)
{
	const struct sel_instance *in = m->in;
	size_t nc = in->ncountries, i, k, c;
	int *col = xcalloc(nc + 1, sizeof(*col));
	int *row = xcalloc(nc + 1, sizeof(*row));
	size_t *seen = xcalloc(nc + 1, sizeof(*seen));
	int total;

	m->ny = 0;
	for (i = 0; i < in->nitems; i++)
		for (k = 0; k < m->npersons[i]; k++) {
			c = in->persons[m->persons[i][k]].country;
			if (c != SEL_NONE && col[c] == 0)
				col[c] = ++m->ny;
		}
	if (m->ny > 0) {
		int first = glp_add_cols(lp, m->ny);

		free(m->ycountry);
		m->ycountry = xcalloc((size_t)m->ny, sizeof(*m->ycountry));
		for (c = 0; c < nc; c++) {
			if (col[c] == 0)
				continue;
			col[c] += first - 1;
			glp_set_col_bnds(lp, col[c], GLP_DB, 0, 1);
			m->ycountry[col[c] - first] = c;
			row[c] = new_row(lp, GLP_UP, 0, 0);
			tri_add(t, row[c], col[c], 1);
		}
	}
	for (i = 0; i < in->nitems; i++)
		for (k = 0; k < m->npersons[i]; k++) {
			c = in->persons[m->persons[i][k]].country;
			/* each (country, item) once: seen[c] is item + 1 */
			if (c == SEL_NONE || seen[c] == i + 1)
				continue;
			seen[c] = i + 1;
			tri_add(t, row[c], (int)i + 1, -1);
		}
	total = new_row(lp, GLP_LO, n, 0);
	for (c = 0; c < nc; c++)
		if (col[c] != 0)
			tri_add(t, total, col[c], 1);
	free(seen);
	free(row);
	free(col);
}

enum build_mode {
	BUILD_OPT,     /* maximise the score */
	BUILD_FEAS,    /* objective zero: is there a programme at all? */
	BUILD_ELASTIC, /* a binary e[k] per quota relaxes it; minimise sum */
};

/*
 * Elastic rows: a row "a x >= lb" becomes "a x + M e >= lb" with M = lb -
 * (smallest a x), and "a x <= ub" becomes "a x - M e <= ub" with M = (largest
 * a x) - ub, every column lying in [0, 1]; so e[k] = 1 frees all of quota
 * k's rows.  A pin becomes the row x + e >= 1 or x - e <= 0.
 */
static void
elastic(struct model *m, glp_prob *lp, struct tri *t)
{
	int nrows = glp_get_num_rows(lp), first, r;
	double *lo = xcalloc((size_t)nrows + 1, sizeof(*lo));
	double *hi = xcalloc((size_t)nrows + 1, sizeof(*hi));
	size_t j, k, npins = 0;

	for (j = 1; j < t->n; j++) {
		if (t->ar[j] < 0)
			lo[t->ia[j]] += t->ar[j];
		else
			hi[t->ia[j]] += t->ar[j];
	}
	for (k = 0; k < m->nq; k++)
		npins += m->qs[k].kind == SEL_Q_PIN;
	first = glp_add_cols(lp, (int)m->nq);
	for (k = 0; k < m->nq; k++) {
		const struct sel_quota *qq = &m->qs[k];
		int e = first + (int)k;

		glp_set_col_kind(lp, e, GLP_BV);
		/* Ties go to dropping a quota rather than an organiser's pin;
		 * the fewest quotas first all the same. */
		glp_set_obj_coef(lp, e,
		    qq->kind == SEL_Q_PIN ? 1 + 0.5 / (double)(npins + 1) : 1);
		if (qq->kind == SEL_Q_PIN) {
			int x = (int)qq->index + 1;

			glp_set_col_bnds(lp, x, GLP_DB, 0, 1);
			r = qq->bound > 0.5 ? new_row(lp, GLP_LO, 1, 0)
					    : new_row(lp, GLP_UP, 0, 0);
			tri_add(t, r, x, 1);
			tri_add(t, r, e, qq->bound > 0.5 ? 1 : -1);
			continue;
		}
		for (r = m->rs[k]; r < m->re[k]; r++) {
			double big;

			if (glp_get_row_type(lp, r) == GLP_LO) {
				big = glp_get_row_lb(lp, r) - lo[r];
				if (big > 0)
					tri_add(t, r, e, big);
			} else {
				big = hi[r] - glp_get_row_ub(lp, r);
				if (big > 0)
					tri_add(t, r, e, -big);
			}
		}
	}
	free(lo);
	free(hi);
}

static glp_prob *
build(struct model *m, const bool *on, enum build_mode mode)
{
	bool objective = mode == BUILD_OPT;
	const struct sel_instance *in = m->in;
	const struct sel_quotas *q = m->q;
	glp_prob *lp = glp_create_prob();
	struct tri t = { 0 };
	size_t i, k;

	glp_set_obj_dir(lp, GLP_MAX);
	if (in->nitems > 0)
		glp_add_cols(lp, (int)in->nitems);
	for (i = 0; i < in->nitems; i++) {
		glp_set_col_kind(lp, (int)i + 1, GLP_BV);
		if (objective)
			glp_set_obj_coef(lp, (int)i + 1, in->items[i].score);
	}
	m->ny = 0;
	for (k = 0; k < m->nq; k++) {
		const struct sel_quota *qq = &m->qs[k];

		m->rs[k] = m->re[k] = glp_get_num_rows(lp) + 1;
		if (!on[k])
			continue;
		switch (qq->kind) {
		case SEL_Q_CAPACITY:
		case SEL_Q_THEME_MAX:
		case SEL_Q_FORMAT_MAX:
			rows_count(
			    m, lp, &t, GLP_UP, qq->bound, qq->kind, qq->index);
			break;
		case SEL_Q_THEME_MIN:
		case SEL_Q_FORMAT_MIN:
			rows_count(
			    m, lp, &t, GLP_LO, qq->bound, qq->kind, qq->index);
			break;
		case SEL_Q_MIXED:
		case SEL_Q_WOMEN:
			rows_count(m, lp, &t, GLP_LO, 0, qq->kind, 0);
			break;
		case SEL_Q_COUNTRIES:
			rows_countries(m, lp, &t, q->min_countries);
			break;
		case SEL_Q_ORG:
			rows_groups(m, lp, &t, true, q->max_per_org);
			break;
		case SEL_Q_SPEAKER:
			rows_groups(m, lp, &t, false, q->max_per_speaker);
			break;
		case SEL_Q_PIN: {
			double v = qq->bound;

			if (mode != BUILD_ELASTIC)
				glp_set_col_bnds(
				    lp, (int)qq->index + 1, GLP_FX, v, v);
			break;
		}
		default:
			break;
		}
		m->re[k] = glp_get_num_rows(lp) + 1;
	}
	if (mode == BUILD_ELASTIC) {
		glp_set_obj_dir(lp, GLP_MIN);
		elastic(m, lp, &t);
	}
	if (t.n > 1)
		glp_load_matrix(lp, (int)t.n - 1, t.ia, t.ja, t.ar);
	free(t.ia);
	free(t.ja);
	free(t.ar);
	return lp;
}

/* ---- solving --------------------------------------------------------- */

struct solve_out {
	int ret, status;
	double obj, gap, seconds;
};

static void
callback(glp_tree *tree, void *info)
{
	double *gap = info;

	if (glp_ios_reason(tree) == GLP_IBINGO ||
	    glp_ios_reason(tree) == GLP_ISELECT)
		*gap = glp_ios_mip_gap(tree);
}

/* feas: a feasibility check (objective zero), where GLPK's feasibility
 * pump finds a point several times faster than plain branching. */
static void
solve(glp_prob *lp, double limit, bool verbose, bool feas, struct solve_out *so)
{
	glp_iocp iocp;
	double t0 = wall();

	so->gap = DBL_MAX;
	glp_init_iocp(&iocp);
	iocp.presolve = GLP_ON;
	iocp.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF;
	iocp.tm_lim = limit >= 2e6 ? INT32_MAX : (int)(limit * 1000) + 1;
	iocp.cb_func = callback;
	iocp.cb_info = &so->gap;
	iocp.fp_heur = feas ? GLP_ON : GLP_OFF;
	if (glp_get_num_rows(lp) == 0) {
		/* nothing to presolve; GLPK wants a row for the simplex */
		int r = glp_add_rows(lp, 1);

		glp_set_row_bnds(lp, r, GLP_FR, 0, 0);
	}
	so->ret = glp_intopt(lp, &iocp);
	so->status = glp_mip_status(lp);
	so->obj = glp_mip_obj_val(lp);
	so->seconds = wall() - t0;
	if (so->status == GLP_OPT)
		so->gap = 0;
	else if (so->ret == GLP_ENOPFS)
		so->status = GLP_NOFEAS;
}

/* Feasibility of the quotas that are on: 1 yes, 0 no, -1 unknown. */
static int
feasible(struct model *m, const bool *on, double limit)
{
	glp_prob *lp = build(m, on, BUILD_FEAS);
	struct solve_out so;

	solve(lp, limit, false, true, &so);
	glp_delete_prob(lp);
	if (so.status == GLP_OPT || so.status == GLP_FEAS)
		return 1;
	if (so.status == GLP_NOFEAS)
		return 0;
	return -1;
}

/* ---- after an optimum: values, activity, gains ------------------------ */

/* Accepted items of the fullest organisation or person. */
static double
fullest(const struct model *m, const bool *x, bool by_org)
{
	const struct sel_instance *in = m->in;
	size_t ng = by_org ? in->norgs : in->npersons, i, k, best = 0;
	size_t *cnt = xcalloc(ng + 1, sizeof(*cnt));

	for (i = 0; i < in->nitems; i++) {
		if (!x[i])
			continue;
		if (by_org && in->items[i].org != SEL_NONE)
			cnt[in->items[i].org]++;
		for (k = 0; !by_org && k < m->npersons[i]; k++)
			cnt[m->persons[i][k]]++;
	}
	for (k = 0; k < ng; k++)
		if (cnt[k] > best)
			best = cnt[k];
	free(cnt);
	return (double)best;
}

static void
quota_values(struct model *m, glp_prob *lp, const bool *x, struct sel_quota *qq,
    size_t k)
{
	const struct sel_instance *in = m->in;
	int len = glp_get_num_cols(lp), r, n, j;
	int *ind = xcalloc((size_t)len + 1, sizeof(*ind));
	double *val = xcalloc((size_t)len + 1, sizeof(*val)), best = 0;
	size_t i;

	qq->active = false;
	m->slack[k] = qq->kind != SEL_Q_PIN;
	for (r = m->rs[k]; r < m->re[k]; r++) {
		int type = glp_get_row_type(lp, r);
		double lb = glp_get_row_lb(lp, r), ub = glp_get_row_ub(lp, r);
		double act = 0, lo = 0, hi = 0;

		n = glp_get_mat_row(lp, r, ind, val);
		for (j = 1; j <= n; j++) {
			lo += val[j] < 0 ? val[j] : 0;
			hi += val[j] > 0 ? val[j] : 0;
		}
		if ((type == GLP_UP && hi > ub + FEAS_EPS) ||
		    (type == GLP_LO && lo < lb - FEAS_EPS))
			m->slack[k] = false;
		for (j = 1; j <= n; j++)
			act += ind[j] <= m->nx
			    ? val[j] * x[ind[j] - 1]
			    : val[j] * glp_mip_col_val(lp, ind[j]);
		if (act > best)
			best = act;
		/* Would one free item, added or removed, break the row? */
		for (j = 1; j <= n && qq->kind != SEL_Q_COUNTRIES; j++) {
			double a;

			if (ind[j] > m->nx ||
			    in->items[ind[j] - 1].pin != SEL_PIN_NONE)
				continue;
			a = act + (x[ind[j] - 1] ? -val[j] : val[j]);
			if ((type == GLP_UP && a > ub + FEAS_EPS) ||
			    (type == GLP_LO && a < lb - FEAS_EPS))
				qq->active = true;
		}
	}
	free(ind);
	free(val);

	switch (qq->kind) {
	case SEL_Q_MIXED:
	case SEL_Q_WOMEN: {
		double num = 0, den = 0;

		for (i = 0; i < in->nitems; i++) {
			if (!x[i])
				continue;
			if (qq->kind == SEL_Q_WOMEN) {
				num += m->women[i];
				den += m->slots[i];
			} else if (in->items[i].is_panel) {
				num += in->items[i].mixes_sectors;
				den += 1;
			}
		}
		qq->value = den > 0 ? num / den : 0;
		break;
	}
	case SEL_Q_COUNTRIES: {
		bool *seen = xcalloc(in->ncountries + 1, sizeof(*seen));
		size_t c, kk, cnt = 0;

		for (i = 0; i < in->nitems; i++)
			for (kk = 0; x[i] && kk < m->npersons[i]; kk++) {
				c = in->persons[m->persons[i][kk]].country;
				if (c != SEL_NONE && !seen[c]) {
					seen[c] = true;
					cnt++;
				}
			}
		free(seen);
		qq->value = (double)cnt;
		qq->active = cnt == (size_t)qq->bound;
		break;
	}
	case SEL_Q_PIN:
		qq->value = x[qq->index];
		qq->active = true;
		break;
	case SEL_Q_ORG:
	case SEL_Q_SPEAKER:
		qq->value = fullest(m, x, qq->kind == SEL_Q_ORG);
		break;
	default:
		qq->value = best;
		break;
	}
}

static void
gains(struct model *m, bool *on, double obj, double limit, double budget,
    bool verbose)
{
	double t0 = wall();
	size_t k;

	for (k = 0; k < m->nq; k++) {
		struct sel_quota *qq = &m->qs[k];
		struct solve_out so;
		double left = budget - (wall() - t0);
		glp_prob *lp;

		if (m->slack[k]) {
			qq->gain_known = true; /* no re-solve needed */
			continue;
		}
		if (left <= 0)
			break;
		on[k] = false;
		lp = build(m, on, BUILD_OPT);
		on[k] = true;
		solve(lp, left < limit ? left : limit, verbose, false, &so);
		glp_delete_prob(lp);
		if (so.status != GLP_OPT)
			continue;
		qq->gain_known = true;
		qq->gain = so.obj - obj;
		if (qq->gain < 0)
			qq->gain = 0; /* rounding: dropping never hurts */
		qq->binds = qq->gain > 1e-9;
	}
}

/* ---- infeasibility: a deletion filter over the quotas ----------------- */

/* The elastic MIP: marks .drop on a smallest set of quotas whose removal
 * lets the others hold.  False when GLPK did not prove it smallest. */
static bool
fewest_to_drop(struct model *m, const bool *on, double limit)
{
	glp_prob *lp = build(m, on, BUILD_ELASTIC);
	int first = m->nx + m->ny + 1;
	struct solve_out so;
	size_t k;

	solve(lp, limit, false, false, &so);
	if (so.status == GLP_OPT)
		for (k = 0; k < m->nq; k++)
			m->qs[k].drop =
			    glp_mip_col_val(lp, first + (int)k) > 0.5;
	glp_delete_prob(lp);
	return so.status == GLP_OPT;
}

/* "'A'", "'A' and 'B'", "'A', 'B' and 'C'": the quotas flagged. */
static size_t
add_names(struct buf *b, const struct model *m, bool conflict)
{
	size_t k, n = 0, i = 0;

	for (k = 0; k < m->nq; k++)
		n += conflict ? m->qs[k].conflict : m->qs[k].drop;
	for (k = 0; k < m->nq; k++) {
		if (!(conflict ? m->qs[k].conflict : m->qs[k].drop))
			continue;
		if (i > 0)
			buf_addstr(b, i + 1 == n ? " and " : ", ");
		buf_addf(b, "'%s'", m->qs[k].name);
		i++;
	}
	return n;
}

static void
add_drop_advice(struct model *m, struct buf *b)
{
	size_t k, n = 0;

	for (k = 0; k < m->nq; k++)
		n += m->qs[k].drop;
	if (n == 0)
		return;
	buf_addstr(b, n == 1 ? "; dropping " : "; the fewest to drop: ");
	add_names(b, m, false);
	if (n == 1)
		buf_addstr(b, " alone would let the others hold");
}

static void
diagnose(struct model *m, bool *on, double limit, double budget,
    struct sel_result *out)
{
	double t0 = wall();
	struct buf b;
	size_t k, n = 0;
	bool unsure = false, dropped;
	int f;

	dropped = fewest_to_drop(m, on, limit < budget ? limit : budget);
	for (k = 0; k < m->nq; k++) {
		double left = budget - (wall() - t0);

		if (left <= 0) {
			unsure =
			    true; /* keep the rest: the set still conflicts */
			break;
		}
		on[k] = false;
		f = feasible(m, on, left < limit ? left : limit);
		if (f == 1)
			on[k] = true; /* needed for the conflict */
		else if (f < 0) {
			on[k] = true;
			unsure = true;
		}
	}
	buf_init(&b, 0);
	for (k = 0; k < m->nq; k++) {
		m->qs[k].conflict = on[k];
		n += on[k];
	}
	buf_addstr(&b, n == 1 ? "quota " : "quotas ");
	add_names(&b, m, true);
	buf_addstr(&b, n == 1 ? " cannot hold" : " cannot all hold");
	if (unsure)
		buf_addstr(&b,
		    " (a check hit the time limit: the set may not be "
		    "minimal)");
	if (dropped)
		add_drop_advice(m, &b);
	out->message = buf_detach(&b, NULL);
	out->extra_seconds = wall() - t0;
}

/* ---- entry point ----------------------------------------------------- */

static void
count_slots(const struct sel_instance *in, size_t i, struct sel_result *out)
{
	const struct sel_item *it = &in->items[i];
	size_t k;

	if (!out->accepted[i])
		return;
	for (k = 0; k < it->nspeakers; k++) {
		const struct sel_person *p = &in->persons[it->speakers[k]];

		out->slots++;
		out->women_slots += p->woman;
		out->unknown_slots += p->gender_unknown && !p->woman;
	}
}

enum sel_status
select_solve(const struct sel_instance *in, const struct sel_quotas *q,
    const struct sel_options *opt, struct sel_result *out)
{
	struct sel_options o = { 0 };
	struct model m;
	struct solve_out so;
	glp_prob *lp;
	bool *on;
	size_t i, k;
	int term;
	bool own_env;

	sel_result_release(out);
	if (check_input(in, q, opt, out) != SEL_OPTIMAL)
		return out->status;
	/* GLPK keeps an environment per thread.  When this call creates it,
	 * this call frees it, so that a web worker thread that ends leaks
	 * nothing; an environment the caller already had (its own problems
	 * may live in it) is left alone. */
	own_env = glp_init_env() == 0;
	if (opt != NULL)
		o = *opt;
	if (o.time_limit <= 0)
		o.time_limit = 10;
	if (o.gain_budget <= 0)
		o.gain_budget = o.time_limit;
	if (o.diagnosis_budget <= 0)
		o.diagnosis_budget = 3 * o.time_limit;
	term = glp_term_out(o.verbose ? GLP_ON : GLP_OFF);

	model_init(&m, in, q);
	on = xcalloc(m.nq + 1, sizeof(*on));
	for (k = 0; k < m.nq; k++)
		on[k] = true;
	out->accepted = xcalloc(in->nitems + 1, sizeof(*out->accepted));

	lp = build(&m, on, BUILD_OPT);
	out->vars = glp_get_num_cols(lp);
	out->rows = glp_get_num_rows(lp);
	solve(lp, o.time_limit, o.verbose, false, &so);
	out->glp_status = so.status;
	out->seconds = so.seconds;
	out->gap = so.gap;

	if (so.status == GLP_OPT || so.status == GLP_FEAS) {
		out->status = so.status == GLP_OPT ? SEL_OPTIMAL : SEL_FEASIBLE;
		out->objective = so.obj;
		for (i = 0; i < in->nitems; i++) {
			out->accepted[i] =
			    glp_mip_col_val(lp, (int)i + 1) > 0.5;
			out->naccepted += out->accepted[i];
			count_slots(in, i, out);
		}
		for (k = 0; k < m.nq; k++)
			quota_values(&m, lp, out->accepted, &m.qs[k], k);
		glp_delete_prob(lp);
		if (o.gains && out->status == SEL_OPTIMAL) {
			double t0 = wall();

			gains(&m, on, so.obj, o.time_limit, o.gain_budget,
			    o.verbose);
			out->extra_seconds = wall() - t0;
		}
	} else if (so.status == GLP_NOFEAS) {
		glp_delete_prob(lp);
		out->status = SEL_INFEASIBLE;
		out->gap = 0;
		diagnose(&m, on, o.time_limit, o.diagnosis_budget, out);
	} else {
		glp_delete_prob(lp);
		out->status =
		    so.ret == GLP_ETMLIM ? SEL_NO_SOLUTION : SEL_ERROR;
		if (out->status == SEL_ERROR) {
			struct buf b;

			buf_init(&b, 256);
			buf_addf(&b, "glp_intopt returned %d", so.ret);
			out->message = buf_detach(&b, NULL);
		}
	}
	glp_term_out(term);
	if (own_env)
		glp_free_env();

	out->quotas = m.qs;
	out->nquotas = m.nq;
	model_release(&m);
	free(on);
	return out->status;
}
