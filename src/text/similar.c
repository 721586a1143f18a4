/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * similar.c: all-pairs cosine over sparse vectors (n is a few thousand
 * proposals at most) and complete-linkage grouping.
 */
#include "text/similar.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

void
similar_vectors(
    const char *const *texts, size_t n, enum lang fallback, struct svec **out)
{
	struct analyzer *an = analyzer_new(AN_BIGRAMS | AN_STRIP_HTML);
	struct terms *t = xcalloc(n ? n : 1, sizeof(*t));
	struct svec *v = xcalloc(n ? n : 1, sizeof(*v));
	struct tfidf m;
	size_t i;

	for (i = 0; i < n; i++)
		if (analyzer_terms(an, texts[i], strlen(texts[i]), -1, fallback,
			&t[i], NULL) != TEXT_OK)
			t[i].n = 0;
	tfidf_init(&m);
	tfidf_fit(&m, t, n, 1);
	for (i = 0; i < n; i++) {
		tfidf_vector(&m, &t[i], &v[i]);
		terms_release(&t[i]);
	}
	tfidf_release(&m);
	free(t);
	analyzer_free(an);
	*out = v;
}

double
similar_cosine(const struct svec *a, const struct svec *b)
{
	double s = svec_dot(a, b);

	return s > 1.0 ? 1.0 : (s < 0 ? 0 : s);
}

static int
cmp_pair(const void *pa, const void *pb)
{
	const struct sim_pair *a = pa, *b = pb;

	if (a->sim != b->sim)
		return a->sim < b->sim ? 1 : -1;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	return (a->b > b->b) - (a->b < b->b);
}

void
similar_pairs(const struct svec *x, size_t n, double threshold,
    size_t max_pairs, struct sim_pair **out, size_t *nout)
{
	struct sim_pair *p = NULL;
	size_t np = 0, cap = 0, i, j;

	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			double s = similar_cosine(&x[i], &x[j]);

			if (s < threshold || x[i].n == 0 || x[j].n == 0)
				continue;
			XGROW(p, cap, np + 1);
			p[np].a = i;
			p[np].b = j;
			p[np].sim = s;
			np++;
		}
	}
	if (np > 0)
		qsort(p, np, sizeof(*p), cmp_pair);
	if (max_pairs > 0 && np > max_pairs)
		np = max_pairs;
	*out = p;
	*nout = np;
}

size_t
similar_groups(const struct svec *x, size_t n, double threshold, size_t *group,
    size_t *sizes)
{
	size_t m = n < SIMILAR_MAX_ITEMS ? n : SIMILAR_MAX_ITEMS;
	size_t *members = xreallocarray(NULL, n ? n : 1, sizeof(*members));
	size_t *next = xreallocarray(NULL, n ? n : 1, sizeof(*next));
	size_t *head = xreallocarray(NULL, n ? n : 1, sizeof(*head));
	size_t *label = xreallocarray(NULL, n ? n : 1, sizeof(*label));
	float *sim = xcalloc(m * m + 1, sizeof(*sim));
	struct sim_pair *pairs;
	size_t np, i, j, q, ng = 0, multi = 0;

	/* members[i]: i's group (its first item); next/head: the list. */
	for (i = 0; i < n; i++) {
		members[i] = i;
		head[i] = i;
		next[i] = SIZE_MAX;
		label[i] = SIZE_MAX;
		sizes[i] = 0;
	}
	for (i = 0; i < m; i++)
		for (j = i + 1; j < m; j++)
			sim[i * m + j] = sim[j * m + i] =
			    (float)similar_cosine(&x[i], &x[j]);
	similar_pairs(x, m, threshold, 0, &pairs, &np);
	for (q = 0; q < np; q++) {
		size_t ga = members[pairs[q].a], gb = members[pairs[q].b], u, w;
		bool ok = true;

		if (ga == gb)
			continue;
		/* Complete linkage: every cross pair must be similar. */
		for (u = head[ga]; ok && u != SIZE_MAX; u = next[u])
			for (w = head[gb]; ok && w != SIZE_MAX; w = next[w])
				ok = sim[u * m + w] >= (float)threshold;
		if (!ok)
			continue;
		if (gb < ga) {
			size_t t = ga;

			ga = gb;
			gb = t;
		}
		for (w = head[gb]; w != SIZE_MAX; w = next[w])
			members[w] = ga;
		for (u = head[ga]; next[u] != SIZE_MAX; u = next[u])
			;
		next[u] = head[gb];
		head[gb] = SIZE_MAX;
	}
	for (i = 0; i < n; i++) {
		size_t r = members[i];

		if (label[r] == SIZE_MAX)
			label[r] = ng++;
		group[i] = label[r];
		sizes[group[i]]++;
	}
	for (i = 0; i < ng; i++)
		multi += sizes[i] >= 2;
	free(pairs);
	free(members);
	free(next);
	free(head);
	free(label);
	free(sim);
	return multi;
}
