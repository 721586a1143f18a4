/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * demo_programme.c: picks the demo's accepted programme and the
 * participants' stars.  Sessions are taken round-robin over the main
 * themes so every theme gets its share, with at most a third needing
 * interpretation (the venue has four rooms with booths); stars follow a
 * Zipf-like popularity, six times likelier on a participant's themes.
 */
#include "core/demo_programme.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/rng.h"
#include "util/util.h"

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

static int
cmp_interest(const void *a, const void *b)
{
	const struct demo_interest *x = a, *y = b;

	if (x->participant != y->participant)
		return (x->participant > y->participant) -
		    (x->participant < y->participant);
	return (x->proposal > y->proposal) - (x->proposal < y->proposal);
}

/* Takes up to want proposals of the kind (shared or not), round-robin
 * over themes, in a seeded shuffled order. */
static size_t
take(const struct event *ev, struct population *pop, struct rng *r, bool shared,
    size_t want, size_t *out)
{
	size_t n = pop->nproposals, *perm = xcalloc(n + 1, sizeof(*perm));
	bool *used = xcalloc(n + 1, sizeof(*used));
	size_t got = 0, interp = 0, i, t, pass;

	for (i = 0; i < n; i++)
		perm[i] = i;
	for (i = n; i > 1; i--) {
		size_t j = rng_below(r, i), tmp = perm[i - 1];

		perm[i - 1] = perm[j];
		perm[j] = tmp;
	}
	for (pass = 0; got < want && pass < n; pass++) {
		bool any = false;

		for (t = 0; t < ev->nthemes && got < want; t++)
			for (i = 0; i < n; i++) {
				struct proposal *pr = &pop->proposals[perm[i]];

				if (used[perm[i]] || pr->theme != t ||
				    ev->formats[pr->format].shares_slot !=
					shared)
					continue;
				if (pr->needs_interpretation &&
				    interp * 3 >= want)
					continue;
				used[perm[i]] = true;
				interp += pr->needs_interpretation;
				pr->status = PROPOSAL_ACCEPTED;
				out[got++] = perm[i];
				any = true;
				break;
			}
		if (!any)
			break;
	}
	free(perm);
	free(used);
	return got;
}

static void
draw_interests(
    struct population *pop, struct rng *r, struct demo_programme *out)
{
	size_t n = out->naccepted, p, k, cap = 0;
	double *pop_w = xcalloc(n + 1, sizeof(*pop_w));
	double *w = xcalloc(n + 1, sizeof(*w));
	bool *taken = xcalloc(n + 1, sizeof(*taken));

	/* Popularity: 1 / rank^0.9 over a seeded ranking. */
	for (k = 0; k < n; k++)
		pop_w[k] = 1.0 / pow((double)(rng_below(r, n) + 1), 0.9);
	for (p = 0; p < pop->nparticipants && n > 0; p++) {
		const struct participant *pa = &pop->participants[p];
		size_t stars = 3 + rng_below(r, 10), s, first = out->ninterests;

		if (stars > n)
			stars = n;
		for (k = 0; k < n; k++) {
			const struct proposal *pr =
			    &pop->proposals[out->accepted[k]];
			size_t t;
			bool mine = false;

			for (t = 0; t < pa->nthemes; t++)
				mine |= pa->themes[t] == pr->theme;
			w[k] = pop_w[k] * (mine ? 6.0 : 1.0);
			taken[k] = false;
		}
		for (s = 0; s < stars; s++) {
			size_t x = rng_weighted(r, w, n);

			if (taken[x])
				continue;
			taken[x] = true;
			w[x] = 0;
			XGROW(out->interests, cap, out->ninterests + 1);
			out->interests[out->ninterests].participant = p;
			out->interests[out->ninterests].proposal =
			    out->accepted[x];
			out->ninterests++;
		}
		if (out->ninterests - first > 1)
			qsort(out->interests + first, out->ninterests - first,
			    sizeof(*out->interests), cmp_interest);
	}
	free(pop_w);
	free(w);
	free(taken);
}

void
demo_programme_select(const struct event *ev, struct population *pop,
    uint64_t seed, size_t sessions, size_t talks, struct demo_programme *out)
{
	struct rng r;

	memset(out, 0, sizeof(*out));
	rng_seed(&r, seed ^ UINT64_C(0x70726f6772616d)); /* "program" */
	out->accepted = xcalloc(sessions + talks + 1, sizeof(*out->accepted));
	out->nsessions = take(ev, pop, &r, false, sessions, out->accepted);
	out->ntalks =
	    take(ev, pop, &r, true, talks, out->accepted + out->nsessions);
	out->naccepted = out->nsessions + out->ntalks;
	qsort(out->accepted, out->naccepted, sizeof(*out->accepted), cmp_size);
	draw_interests(pop, &r, out);
}

void
demo_programme_release(struct demo_programme *prog)
{
	free(prog->accepted);
	free(prog->interests);
	memset(prog, 0, sizeof(*prog));
}
