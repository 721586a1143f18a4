/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * theme_check.c: see theme_check.h.
 */
#include "web/theme_check.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_select.h"
#include "text/classify.h"
#include "text/similar.h"
#include "text/tokenize.h"
#include "util/buf.h"
#include "util/util.h"

/* Which proposals can join a merge, from the decisions' view. */
static bool
load_merge_state(
    struct store *st, const struct event *ev, struct theme_check *out)
{
	struct decision_row *rows = NULL;
	size_t nr = 0, i;
	long at;

	out->candidate = xcalloc(out->n + 1, sizeof(*out->candidate));
	out->joint = xcalloc(out->n + 1, sizeof(*out->joint));
	if (store_decisions(st, ev->id, &rows, &nr) != STORE_OK)
		return false;
	for (i = 0; i < nr; i++) {
		if ((at = theme_check_find(out, rows[i].id)) >= 0)
			out->candidate[at] = rows[i].merged_into == 0 &&
			    strcmp(rows[i].status, "withdrawn") != 0;
		if (rows[i].merged_into > 0 &&
		    (at = theme_check_find(out, rows[i].merged_into)) >= 0)
			out->joint[at] = true;
	}
	decision_rows_free(rows, nr);
	return true;
}

bool
theme_check_load(struct store *st, const struct event *ev, double confident,
    struct theme_check *out)
{
	size_t i, k = ev->nthemes;
	int *labels;
	double *shares;

	memset(out, 0, sizeof(*out));
	if (store_proposal_texts(st, ev, &out->p, &out->n) != STORE_OK)
		return false;
	if (!load_merge_state(st, ev, out)) {
		theme_check_release(out);
		return false;
	}
	out->texts = xcalloc(out->n + 1, sizeof(*out->texts));
	out->best = xcalloc(out->n + 1, sizeof(*out->best));
	out->share = xcalloc(out->n + 1, sizeof(*out->share));
	out->mismatch = xcalloc(out->n + 1, sizeof(*out->mismatch));
	labels = xcalloc(out->n + 1, sizeof(*labels));
	shares = xcalloc((out->n + 1) * (k + 1), sizeof(*shares));
	for (i = 0; i < out->n; i++) {
		const struct proposal_text *t = &out->p[i];
		struct buf b;

		buf_init(&b, TEXT_MAX);
		buf_addstr(&b, t->title);
		buf_addc(&b, '\n');
		if (t->abstract != NULL)
			buf_addstr(&b, t->abstract);
		out->texts[i] = buf_detach(&b, NULL);
		/* What an organiser confirmed trains the model. */
		labels[i] =
		    t->source == THEME_SOURCE_ORGANISER ? (int)t->theme : -1;
	}
	(void)classify_suggest(
	    ev, (const char *const *)out->texts, labels, out->n, 1.0, shares);
	for (i = 0; k > 0 && i < out->n; i++) {
		const double *row = shares + i * k;
		const struct proposal_text *t = &out->p[i];

		out->best[i] = classify_rank(row, k, 0);
		out->share[i] = row[out->best[i]];
		out->mismatch[i] = t->theme >= 0 &&
		    (size_t)t->theme != out->best[i] &&
		    t->source != THEME_SOURCE_ORGANISER &&
		    out->share[i] >= confident;
		out->nmismatch += out->mismatch[i];
	}
	free(labels);
	free(shares);
	return true;
}

long
theme_check_find(const struct theme_check *c, int64_t id)
{
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->p[mid].id == id)
			return (long)mid;
		if (c->p[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

size_t
theme_check_groups(const struct theme_check *c, enum lang fallback,
    double threshold, size_t *group, size_t *sizes, double *best)
{
	struct svec *v = NULL;
	size_t i, q, ng;

	similar_vectors((const char *const *)c->texts, c->n, fallback, &v);
	for (i = 0; i < c->n; i++)
		if (!c->candidate[i])
			svec_release(&v[i]); /* similar to nothing */
	ng = similar_groups(v, c->n, threshold, group, sizes);
	for (i = 0; i < c->n; i++) {
		best[i] = 0;
		if (sizes[group[i]] < 2)
			continue;
		for (q = 0; q < c->n; q++) {
			double s;

			if (q == i || group[q] != group[i])
				continue;
			s = similar_cosine(&v[i], &v[q]);
			if (s > best[i])
				best[i] = s;
		}
	}
	for (i = 0; i < c->n; i++)
		svec_release(&v[i]);
	free(v);
	return ng;
}

void
theme_check_release(struct theme_check *c)
{
	size_t i;

	for (i = 0; c->texts != NULL && i < c->n; i++)
		free(c->texts[i]);
	free(c->texts);
	free(c->best);
	free(c->share);
	free(c->mismatch);
	free(c->candidate);
	free(c->joint);
	proposal_texts_free(c->p, c->n);
	memset(c, 0, sizeof(*c));
}

/* ---- the per-thread cache ---- */

struct tc_slot {
	int64_t event_id; /* 0: empty */
	uint64_t generation;
	double confident;
	struct theme_check tc;
};

struct tc_cache {
	struct tc_slot slot[THEME_CHECK_SLOTS];
	size_t next; /* the slot to reuse when none matches */
};

static pthread_key_t tc_key;
static pthread_once_t tc_once = PTHREAD_ONCE_INIT;

static void
tc_destroy(void *p)
{
	struct tc_cache *c = p;
	size_t i;

	for (i = 0; i < THEME_CHECK_SLOTS; i++)
		if (c->slot[i].event_id != 0)
			theme_check_release(&c->slot[i].tc);
	free(c);
}

static void
tc_init(void)
{
	pthread_key_create(&tc_key, tc_destroy);
}

const struct theme_check *
theme_check_cached(struct store *st, const struct event *ev, double confident)
{
	struct tc_cache *c;
	struct tc_slot *s = NULL;
	uint64_t gen = store_generation(st);
	size_t i;

	pthread_once(&tc_once, tc_init);
	if ((c = pthread_getspecific(tc_key)) == NULL) {
		c = xcalloc(1, sizeof(*c));
		pthread_setspecific(tc_key, c);
	}
	for (i = 0; i < THEME_CHECK_SLOTS; i++)
		if (c->slot[i].event_id == ev->id) {
			s = &c->slot[i];
			if (s->generation == gen && s->confident == confident)
				return &s->tc;
			break;
		}
	if (s == NULL) {
		s = &c->slot[c->next];
		c->next = (c->next + 1) % THEME_CHECK_SLOTS;
	}
	if (s->event_id != 0)
		theme_check_release(&s->tc);
	s->event_id = 0;
	if (!theme_check_load(st, ev, confident, &s->tc))
		return NULL;
	s->event_id = ev->id;
	s->generation = gen;
	s->confident = confident;
	return &s->tc;
}
