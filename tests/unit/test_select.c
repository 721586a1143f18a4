/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_select.c: the selection MIP against exhaustive search on random
 * small instances with every quota type and pins (objective equal, the
 * chosen set meets every quota by an independent check), the conflicting
 * set of an infeasible instance checked to be irreducible by exhaustive
 * search, hand-made instances for messages, pins, binding quotas and gains,
 * and bad input.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "solve/select.h"
#include "util/rng.h"

#define MAXI 16
#define MAXP 16
#define MAXT 4

struct inst {
	struct sel_instance in;
	struct sel_quotas q;
	struct sel_item items[MAXI];
	struct sel_person persons[MAXP];
	size_t spk[MAXI][4];
	struct sel_capacity caps[2];
	int tmin[MAXT], tmax[MAXT], fmin[MAXT], fmax[MAXT];
};

static void
inst_init(struct inst *x, size_t nitems, size_t npersons)
{
	size_t i;

	memset(x, 0, sizeof(*x));
	x->in.items = x->items;
	x->in.nitems = nitems;
	x->in.persons = x->persons;
	x->in.npersons = npersons;
	x->in.nthemes = x->in.nformats = 3;
	x->in.ncountries = 4;
	x->in.norgs = 4;
	for (i = 0; i < MAXI; i++) {
		x->items[i].speakers = x->spk[i];
		x->items[i].size = 1;
		x->items[i].org = SEL_NONE;
	}
	for (i = 0; i < MAXP; i++)
		x->persons[i].country = SEL_NONE;
	for (i = 0; i < MAXT; i++)
		x->tmax[i] = x->fmax[i] = -1;
	x->q.caps = x->caps;
}

/* Switches the per-theme and per-format arrays on. */
static void
inst_arrays(struct inst *x)
{
	x->q.theme_min = x->tmin;
	x->q.theme_max = x->tmax;
	x->q.format_min = x->fmin;
	x->q.format_max = x->fmax;
}

/* Independent check of every quota of the header, straight from its
 * definitions; which = NULL checks all, else only those kinds/indices
 * listed in the result's quotas with which[k] set. */
static bool
meets(const struct inst *x, const bool *acc, const struct sel_quota *qs,
    size_t nq, const bool *which)
{
	const struct sel_instance *in = &x->in;
	const struct sel_quotas *q = &x->q;
	size_t k, i, s, t;

	for (k = 0; k < nq; k++) {
		const struct sel_quota *qq = &qs[k];
		double a = 0, b = 0;
		bool ok = true;

		if (which != NULL && !which[k])
			continue;
		switch (qq->kind) {
		case SEL_Q_CAPACITY: {
			const struct sel_capacity *c = &q->caps[qq->index];

			for (i = 0; i < in->nitems; i++)
				if (acc[i] &&
				    (c->formats == 0 ||
					(c->formats >> in->items[i].format) &
					    1))
					a += in->items[i].size;
			ok = a <= (double)c->units;
			break;
		}
		case SEL_Q_THEME_MIN:
		case SEL_Q_THEME_MAX:
			for (i = 0; i < in->nitems; i++)
				a += acc[i] && in->items[i].theme == qq->index;
			ok = qq->kind == SEL_Q_THEME_MIN
			    ? a >= q->theme_min[qq->index]
			    : a <= q->theme_max[qq->index];
			break;
		case SEL_Q_FORMAT_MIN:
		case SEL_Q_FORMAT_MAX:
			for (i = 0; i < in->nitems; i++)
				a += acc[i] && in->items[i].format == qq->index;
			ok = qq->kind == SEL_Q_FORMAT_MIN
			    ? a >= q->format_min[qq->index]
			    : a <= q->format_max[qq->index];
			break;
		case SEL_Q_MIXED:
			for (i = 0; i < in->nitems; i++)
				if (acc[i] && in->items[i].is_panel) {
					b++;
					a += in->items[i].mixes_sectors;
				}
			ok = a >= q->mixed_share * b - 1e-9;
			break;
		case SEL_Q_WOMEN:
			for (i = 0; i < in->nitems; i++)
				for (s = 0;
				     acc[i] && s < in->items[i].nspeakers;
				     s++) {
					b++;
					a += in->persons[in->items[i]
							     .speakers[s]]
						 .woman;
				}
			ok = a >= q->women_share * b - 1e-9;
			break;
		case SEL_Q_COUNTRIES: {
			bool seen[8] = { false };

			for (i = 0; i < in->nitems; i++)
				for (s = 0;
				     acc[i] && s < in->items[i].nspeakers;
				     s++) {
					size_t c = in->persons[in->items[i]
								   .speakers[s]]
						       .country;

					if (c != SEL_NONE && !seen[c]) {
						seen[c] = true;
						a++;
					}
				}
			ok = a >= q->min_countries;
			break;
		}
		case SEL_Q_ORG:
			for (t = 0; t < in->norgs; t++) {
				a = 0;
				for (i = 0; i < in->nitems; i++)
					a += acc[i] && in->items[i].org == t;
				ok = ok && a <= q->max_per_org;
			}
			break;
		case SEL_Q_SPEAKER:
			for (t = 0; t < in->npersons; t++) {
				a = 0;
				for (i = 0; i < in->nitems; i++) {
					bool on = false;

					for (s = 0; s < in->items[i].nspeakers;
					     s++)
						on = on ||
						    in->items[i].speakers[s] ==
							t;
					a += acc[i] && on;
				}
				ok = ok && a <= q->max_per_speaker;
			}
			break;
		case SEL_Q_PIN:
			ok = acc[qq->index] ==
			    (in->items[qq->index].pin == SEL_PIN_ACCEPT);
			break;
		default:
			ok = false;
		}
		if (!ok)
			return false;
	}
	return true;
}

static double
score_of(const struct inst *x, const bool *acc)
{
	double v = 0;
	size_t i;

	for (i = 0; i < x->in.nitems; i++)
		if (acc[i])
			v += x->items[i].score;
	return v;
}

static double brute(const struct inst *x, const struct sel_quota *qs, size_t nq,
    const bool *which);

/* The drop set lets the rest hold; with two quotas in it, no single quota
 * would have done (exhaustive search). */
static void
check_drop(const struct inst *x, const struct sel_result *res)
{
	bool which[64];
	size_t k, j, n = 0;

	for (k = 0; k < res->nquotas; k++) {
		which[k] = !res->quotas[k].drop;
		n += res->quotas[k].drop;
	}
	cr_assert(n >= 1, "no quota to drop: %s", res->message);
	cr_assert(!isinf(brute(x, res->quotas, res->nquotas, which)),
	    "dropping the named quotas is not enough: %s", res->message);
	cr_assert_not_null(strstr(
	    res->message, n == 1 ? "; dropping '" : "; the fewest to drop: '"));
	if (n != 2)
		return;
	for (k = 0; k < res->nquotas; k++) {
		for (j = 0; j < res->nquotas; j++)
			which[j] = j != k;
		cr_assert(isinf(brute(x, res->quotas, res->nquotas, which)),
		    "dropping '%s' alone would do: %s", res->quotas[k].name,
		    res->message);
	}
}

/* Best objective over all subsets meeting the chosen quotas; -INFINITY
 * when none does. */
static double
brute(const struct inst *x, const struct sel_quota *qs, size_t nq,
    const bool *which)
{
	size_t n = x->in.nitems, i;
	unsigned long m;
	double best = -INFINITY;
	bool acc[MAXI];

	for (m = 0; m < (1UL << n); m++) {
		for (i = 0; i < n; i++)
			acc[i] = (m >> i) & 1;
		if (meets(x, acc, qs, nq, which)) {
			double v = score_of(x, acc);

			if (v > best)
				best = v;
		}
	}
	return best;
}

static void
random_inst(struct inst *x, struct rng *r)
{
	static const double shares[] = { 0, 0, 0.25, 0.3, 0.4, 0.5, 0.6 };
	size_t n = 4 + rng_below(r, 11), np = 3 + rng_below(r, 8), i, s, t;

	inst_init(x, n, np);
	for (i = 0; i < np; i++) {
		x->persons[i].woman = rng_below(r, 2);
		x->persons[i].country =
		    rng_below(r, 5) == 0 ? SEL_NONE : rng_below(r, 4);
	}
	for (i = 0; i < n; i++) {
		struct sel_item *it = &x->items[i];

		it->score = (double)rng_below(r, 60) / 10 - 1;
		it->size = 1 + (int)rng_below(r, 3);
		it->format = rng_below(r, 3);
		it->theme = rng_below(r, 3);
		it->is_panel = it->format == 0;
		it->mixes_sectors = it->is_panel && rng_below(r, 2);
		it->org = rng_below(r, 4) == 0 ? SEL_NONE : rng_below(r, 4);
		it->nspeakers = rng_below(r, 4); /* 0..3, may repeat */
		for (s = 0; s < it->nspeakers; s++)
			x->spk[i][s] = rng_below(r, np);
		t = rng_below(r, 12);
		it->pin = t == 0 ? SEL_PIN_ACCEPT
		    : t == 1     ? SEL_PIN_REJECT
				 : SEL_PIN_NONE;
	}
	x->caps[0].units = 2 + (long)rng_below(r, 2 * n);
	x->caps[1].formats = 1u << 1;
	x->caps[1].units = 1 + (long)rng_below(r, n);
	x->caps[1].name = "f1";
	x->q.ncaps = rng_below(r, 3);
	if (rng_below(r, 2)) {
		inst_arrays(x);
		for (t = 0; t < 3; t++) {
			x->tmin[t] = (int)rng_below(r, 2);
			x->tmax[t] =
			    rng_below(r, 2) ? -1 : 1 + (int)rng_below(r, 4);
			x->fmin[t] = (int)rng_below(r, 2);
			x->fmax[t] =
			    rng_below(r, 2) ? -1 : 1 + (int)rng_below(r, 4);
			if (x->tmax[t] >= 0 && x->tmin[t] > x->tmax[t])
				x->tmin[t] = x->tmax[t];
			if (x->fmax[t] >= 0 && x->fmin[t] > x->fmax[t])
				x->fmin[t] = x->fmax[t];
		}
	}
	x->q.mixed_share = shares[rng_below(r, 7)];
	x->q.women_share = shares[rng_below(r, 7)];
	x->q.min_countries = (int)rng_below(r, 4);
	x->q.max_per_org = (int)rng_below(r, 3);
	x->q.max_per_speaker = (int)rng_below(r, 3);
}

/* The conflicting set holds all together, and is irreducible: dropping
 * any one of its quotas leaves a feasible set (by exhaustive search). */
static void
check_irreducible(const struct inst *x, const struct sel_result *res)
{
	bool which[64] = { false };
	size_t k, n = 0;

	cr_assert(res->nquotas <= 64);
	for (k = 0; k < res->nquotas; k++)
		if (res->quotas[k].conflict) {
			which[k] = true;
			n++;
		}
	cr_assert(n >= 1, "no conflicting quota named: %s", res->message);
	cr_assert(isinf(brute(x, res->quotas, res->nquotas, which)),
	    "named quotas do hold together: %s", res->message);
	for (k = 0; k < res->nquotas; k++) {
		if (!which[k])
			continue;
		which[k] = false;
		cr_assert(!isinf(brute(x, res->quotas, res->nquotas, which)),
		    "'%s' is not needed in: %s", res->quotas[k].name,
		    res->message);
		which[k] = true;
	}
}

Test(select, random_against_exhaustive_search)
{
	struct rng r;
	int round, nfeas = 0, ninfeas = 0;

	rng_seed(&r, 42);
	for (round = 0; round < 120; round++) {
		struct inst x;
		struct sel_result res;
		struct sel_options o = { .time_limit = 5, .gains = true };
		double best;

		random_inst(&x, &r);
		sel_result_init(&res);
		select_solve(&x.in, &x.q, &o, &res);
		best = brute(&x, res.quotas, res.nquotas, NULL);
		if (isinf(best)) {
			cr_assert_eq(res.status, SEL_INFEASIBLE,
			    "round %d: %s, brute force finds none", round,
			    sel_status_str(res.status));
			cr_assert_not_null(res.message);
			check_irreducible(&x, &res);
			check_drop(&x, &res);
			ninfeas++;
		} else {
			size_t k, n = 0, i;

			cr_assert_eq(res.status, SEL_OPTIMAL, "round %d: %s",
			    round, res.message ? res.message : "");
			cr_assert(fabs(res.objective - best) < 1e-6,
			    "round %d: objective %g, brute force %g", round,
			    res.objective, best);
			cr_assert(meets(
			    &x, res.accepted, res.quotas, res.nquotas, NULL));
			cr_assert(
			    fabs(score_of(&x, res.accepted) - best) < 1e-6);
			for (i = 0; i < x.in.nitems; i++)
				n += res.accepted[i];
			cr_assert_eq(n, res.naccepted);
			cr_assert_eq(res.gap, 0);
			/* Gains: the optimum without that one quota. */
			for (k = 0; k < res.nquotas; k++) {
				bool which[64];
				size_t j;

				cr_assert(res.quotas[k].gain_known);
				for (j = 0; j < res.nquotas; j++)
					which[j] = j != k;
				cr_assert(fabs(res.quotas[k].gain -
					      (brute(&x, res.quotas,
						   res.nquotas, which) -
						  best)) < 1e-6,
				    "round %d: gain of '%s'", round,
				    res.quotas[k].name);
			}
			nfeas++;
		}
		sel_result_release(&res);
	}
	cr_log_info("feasible %d infeasible %d", nfeas, ninfeas);
	/* The generator must exercise both outcomes. */
	cr_assert(nfeas > 20 && ninfeas > 20, "feasible %d infeasible %d",
	    nfeas, ninfeas);
}

/* Three items of theme 0, each of size 1; theme 0 needs 3 but only 2
 * units fit; the women quota and a harmless theme maximum stay out. */
Test(select, conflict_message_names_the_quotas)
{
	static const char *const themes[] = { "gender", "water", "justice" };
	struct inst x;
	struct sel_result res;
	const char *want;
	size_t i;

	inst_init(&x, 4, 2);
	x.in.theme_names = themes;
	x.persons[0].woman = true;
	for (i = 0; i < 4; i++) {
		x.items[i].score = 1;
		x.items[i].theme = i < 3 ? 0 : 1;
		x.items[i].nspeakers = 1;
		x.spk[i][0] = i == 0 || i == 3 ? 0 : 1;
	}
	x.caps[0].units = 2;
	x.q.ncaps = 1;
	inst_arrays(&x);
	x.tmin[0] = 3;
	x.tmax[1] = 5;
	x.q.women_share = 0.5;
	sel_result_init(&res);
	cr_assert_eq(select_solve(&x.in, &x.q, NULL, &res), SEL_INFEASIBLE);
	want = "quotas 'capacity 2' and 'theme gender at least 3' cannot all "
	       "hold; dropping '";
	cr_assert(
	    strncmp(res.message, want, strlen(want)) == 0, "%s", res.message);
	for (i = 0; i < res.nquotas; i++) {
		cr_assert_eq(res.quotas[i].conflict,
		    res.quotas[i].kind == SEL_Q_CAPACITY ||
			res.quotas[i].kind == SEL_Q_THEME_MIN);
		/* either one of the two alone */
		if (res.quotas[i].drop)
			cr_assert(res.quotas[i].conflict);
	}
	check_drop(&x, &res);
	for (i = 0; i < 4; i++)
		cr_assert(!res.accepted[i], "partial result");

	/* Capacity 3: theme 0's three items fit, but their speakers are one
	 * woman and two men, and item 3 (a woman) no longer fits. */
	x.caps[0].units = 3;
	cr_assert_eq(select_solve(&x.in, &x.q, NULL, &res), SEL_INFEASIBLE);
	want = "quotas 'capacity 3', 'theme gender at least 3' and 'women "
	       "share at least 50%' cannot all hold; dropping '";
	cr_assert(
	    strncmp(res.message, want, strlen(want)) == 0, "%s", res.message);
	check_irreducible(&x, &res);
	check_drop(&x, &res);
	sel_result_release(&res);
}

Test(select, pins_honoured_and_reported)
{
	struct inst x;
	struct sel_result res;
	struct sel_options o = { .gains = true };
	size_t i;

	inst_init(&x, 4, 0);
	for (i = 0; i < 4; i++)
		x.items[i].score = (double)(i + 1); /* 1 2 3 4 */
	x.items[0].pin = SEL_PIN_ACCEPT;
	x.items[0].name = "low";
	x.items[3].pin = SEL_PIN_REJECT;
	x.caps[0].units = 2;
	x.q.ncaps = 1;
	sel_result_init(&res);
	cr_assert_eq(select_solve(&x.in, &x.q, &o, &res), SEL_OPTIMAL);
	cr_assert(res.accepted[0] && !res.accepted[1] && res.accepted[2] &&
	    !res.accepted[3]);
	cr_assert_eq(res.objective, 4);
	cr_assert_eq(res.nquotas, 3);
	cr_assert_str_eq(res.quotas[1].name, "pin accept low");
	cr_assert_str_eq(res.quotas[2].name, "pin reject item 3");
	/* Without the accept pin: 2 + 3; without the reject pin: 3 + 4. */
	cr_assert_eq(res.quotas[1].gain, 1);
	cr_assert_eq(res.quotas[2].gain, 1);
	cr_assert(res.quotas[0].active && res.quotas[0].binds);
	cr_assert_eq(res.quotas[0].value, 2);
	/* A pin against a quota: the pin is named. */
	x.items[1].pin = SEL_PIN_ACCEPT;
	x.items[2].pin = SEL_PIN_ACCEPT;
	cr_assert_eq(select_solve(&x.in, &x.q, &o, &res), SEL_INFEASIBLE);
	/* Dropping the capacity or one pin would do: quotas go before pins. */
	cr_assert_str_eq(res.message,
	    "quotas 'capacity 2', 'pin accept low', 'pin accept item 1' and "
	    "'pin accept item 2' cannot all hold; dropping 'capacity 2' alone "
	    "would let the others hold");
	cr_assert(res.quotas[0].drop && !res.quotas[1].drop);
	sel_result_release(&res);
}

/* Five items of theme 0 scoring 5 and five of theme 1 scoring 1; room for
 * six; theme 0 at most 3 binds (gain 2 x (5 - 1) = 8); theme 1 at most 5
 * is not active and does not bind; capacity binds. */
Test(select, binding_quotas)
{
	struct inst x;
	struct sel_result res;
	struct sel_options o = { .gains = true };
	size_t i;

	inst_init(&x, 10, 0);
	for (i = 0; i < 10; i++) {
		x.items[i].theme = i < 5 ? 0 : 1;
		x.items[i].score = i < 5 ? 5 : 1;
	}
	x.caps[0].units = 6;
	x.q.ncaps = 1;
	inst_arrays(&x);
	x.tmax[0] = 3;
	x.tmax[1] = 5;
	sel_result_init(&res);
	cr_assert_eq(select_solve(&x.in, &x.q, &o, &res), SEL_OPTIMAL);
	cr_assert_eq(res.objective, 18);
	cr_assert_eq(res.glp_status, 5 /* GLP_OPT */);
	cr_assert_eq(res.nquotas, 3);
	cr_assert_eq(res.quotas[0].kind, SEL_Q_CAPACITY);
	cr_assert(res.quotas[0].active);
	cr_assert_eq(res.quotas[0].gain, 2); /* two more of theme 1 */
	cr_assert_eq(res.quotas[1].kind, SEL_Q_THEME_MAX);
	cr_assert_eq(res.quotas[1].index, 0);
	cr_assert(res.quotas[1].active && res.quotas[1].binds);
	cr_assert_eq(res.quotas[1].gain, 8);
	cr_assert_eq(res.quotas[1].value, 3);
	cr_assert_str_eq(res.quotas[1].name, "theme 0 at most 3");
	cr_assert(!res.quotas[2].active && !res.quotas[2].binds);
	cr_assert_eq(res.quotas[2].gain, 0);
	cr_assert_eq(res.quotas[2].value, 3);
	sel_result_release(&res);
}

/* Shares, countries, organisations and speakers each change the optimum
 * of a hand-made instance in the expected direction. */
Test(select, each_quota_kind_acts)
{
	struct inst x;
	struct sel_result res;
	size_t i;

	inst_init(&x, 4, 4);
	/* persons: 0 woman AR, 1 gender not given AR, 2 man BR, 3 woman CL */
	x.persons[0] = (struct sel_person){ true, false, 0 };
	x.persons[1] = (struct sel_person){ false, true, 0 };
	x.persons[2] = (struct sel_person){ false, false, 1 };
	x.persons[3] = (struct sel_person){ true, false, 2 };
	for (i = 0; i < 4; i++) {
		x.items[i].score = i < 3 ? 10 - (double)i : 7.5;
		x.items[i].nspeakers = 1;
		x.items[i].org = 0;
		x.items[i].is_panel = true;
	}
	x.spk[0][0] = 1;
	x.spk[1][0] = 2;
	x.spk[2][0] = 0;
	x.spk[3][0] = 3;
	x.items[3].mixes_sectors = true;
	x.caps[0].units = 2;
	x.q.ncaps = 1;
	sel_result_init(&res);
	cr_assert_eq(select_solve(&x.in, &x.q, NULL, &res), SEL_OPTIMAL);
	cr_assert(res.accepted[0] && res.accepted[1]);
	x.q.women_share = 0.5; /* one of the two must be a woman */
	cr_assert_eq(select_solve(&x.in, &x.q, NULL, &res), SEL_OPTIMAL);
	cr_assert(res.accepted[0] && res.accepted[2]);
	cr_assert_eq(res.quotas[1].value, 0.5);
	cr_assert_eq(res.slots, 2);
	cr_assert_eq(res.women_slots, 1);
	cr_assert_eq(res.unknown_slots, 1); /* person 1 gave none */
	cr_assert(res.quotas[1].active);
	x.q.min_countries = 2; /* AR and CL */
	cr_assert_eq(select_solve(&x.in, &x.q, NULL, &res), SEL_OPTIMAL);
	cr_assert(res.accepted[0] && res.accepted[3]);
	x.q.women_share = 0;
	x.q.min_countries = 0;
	x.q.mixed_share = 0.5;
	cr_assert_eq(select_solve(&x.in, &x.q, NULL, &res), SEL_OPTIMAL);
	cr_assert(res.accepted[0] && res.accepted[3]);
	x.q.mixed_share = 0;
	x.q.max_per_org = 1;
	cr_assert_eq(select_solve(&x.in, &x.q, NULL, &res), SEL_OPTIMAL);
	cr_assert_eq(res.naccepted, 1);
	cr_assert_eq(res.objective, 10);
	cr_assert_eq(res.quotas[1].kind, SEL_Q_ORG);
	cr_assert_eq(res.quotas[1].value, 1);
	cr_assert(res.quotas[1].active);
	x.q.max_per_org = 0;
	x.spk[1][0] = 1; /* person 1 on items 0 and 1 */
	x.q.max_per_speaker = 1;
	cr_assert_eq(select_solve(&x.in, &x.q, NULL, &res), SEL_OPTIMAL);
	cr_assert(res.accepted[0] && res.accepted[2]);
	cr_assert_eq(res.quotas[1].kind, SEL_Q_SPEAKER);
	cr_assert_eq(res.quotas[1].value, 1);
	cr_assert(res.quotas[1].active); /* item 1 would break it */
	x.q.max_per_speaker = 2; /* no row at all: nobody is on 3 items */
	cr_assert_eq(select_solve(&x.in, &x.q, NULL, &res), SEL_OPTIMAL);
	cr_assert_eq(res.quotas[1].value, 2);
	cr_assert(!res.quotas[1].active);
	sel_result_release(&res);
}

Test(select, empty_and_unconstrained)
{
	struct inst x;
	struct sel_result res;

	inst_init(&x, 0, 0);
	sel_result_init(&res);
	cr_assert_eq(select_solve(&x.in, &x.q, NULL, &res), SEL_OPTIMAL);
	cr_assert_eq(res.objective, 0);
	inst_init(&x, 3, 0);
	x.items[0].score = 2;
	x.items[1].score = -1;
	x.items[2].score = 0.5;
	cr_assert_eq(select_solve(&x.in, &x.q, NULL, &res), SEL_OPTIMAL);
	cr_assert(res.accepted[0] && !res.accepted[1] && res.accepted[2]);
	cr_assert_eq(res.nquotas, 0);
	sel_result_release(&res);
}

static void
expect_bad(struct inst *x, const char *want)
{
	struct sel_result res;

	sel_result_init(&res);
	cr_assert_eq(select_solve(&x->in, &x->q, NULL, &res), SEL_BAD_INPUT);
	cr_assert_str_eq(res.message, want);
	sel_result_release(&res);
}

Test(select, bad_input)
{
	struct inst x;

	inst_init(&x, 2, 1);
	x.items[1].theme = 3;
	expect_bad(&x, "item 1: theme 3 out of range (3 themes)");
	inst_init(&x, 2, 1);
	x.items[0].nspeakers = 1;
	x.spk[0][0] = 1;
	expect_bad(&x, "item 0: speaker 1 out of range (1 persons)");
	inst_init(&x, 2, 1);
	x.items[0].score = NAN;
	expect_bad(&x, "item 0: score is not finite");
	inst_init(&x, 2, 1);
	x.items[0].size = -1;
	expect_bad(&x, "item 0: size -1 is negative");
	inst_init(&x, 2, 1);
	x.persons[0].country = 7;
	expect_bad(&x, "person 0: country 7 out of range (4 countries)");
	inst_init(&x, 2, 1);
	x.q.women_share = 1.5;
	expect_bad(&x, "women share 1.5 is not from 0 to 1");
	inst_init(&x, 2, 1);
	x.q.mixed_share = -0.1;
	expect_bad(&x, "mixed panel share -0.1 is not from 0 to 1");
	inst_init(&x, 2, 1);
	inst_arrays(&x);
	x.tmin[2] = 4;
	x.tmax[2] = 3;
	expect_bad(&x, "theme 2: minimum 4 is above maximum 3");
	inst_init(&x, 2, 1);
	inst_arrays(&x);
	x.fmin[0] = -2;
	expect_bad(&x, "format 0: minimum -2 is negative");
	inst_init(&x, 2, 1);
	x.caps[0].formats = 1u << 5;
	x.q.ncaps = 1;
	expect_bad(&x,
	    "capacity 0: format mask names a format out of range "
	    "(3 formats)");
	inst_init(&x, 2, 1);
	x.items[0].org = 9;
	expect_bad(&x, "item 0: organisation 9 out of range (4 organisations)");
	inst_init(&x, 2, 1);
	x.q.max_per_speaker = -1;
	expect_bad(&x, "maximum per speaker -1 is negative");
}
