/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_assign.c: the reviewer assignment solver.  Its optimum equals
 * GLPK's min-cost flow on hundreds of seeded random instances (with
 * conflicts and kept edges); every result meets the constraints; the
 * fairness mode's bottleneck is the largest feasible one (checked with
 * GLPK on filtered instances); infeasible and malformed problems are
 * rejected with messages naming the proposals at fault.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "solve/assign.h"
#include "util/rng.h"

#define MAXP 120
#define MAXR 64
#define MAXE (MAXP * MAXR)

struct inst {
	struct assign_problem pb;
	size_t first[MAXP + 1];
	struct assign_edge edges[MAXE];
	unsigned load[MAXR];
};

static void
inst_finish(struct inst *in, size_t np, size_t nr, unsigned k)
{
	in->pb.nproposals = np;
	in->pb.nreviewers = nr;
	in->pb.per_proposal = k;
	in->pb.max_load = in->load;
	in->pb.first = in->first;
	in->pb.edges = in->edges;
	in->pb.proposal_ids = NULL;
	in->pb.reviewer_ids = NULL;
}

/* Random instance: conflicts with probability 1/5, kept edges rarely,
 * affinities in a small range (ties) or a wide one. */
static void
inst_random(struct inst *in, struct rng *g)
{
	size_t np = 1 + rng_below(g, 15), nr = 1 + rng_below(g, 10), m = 0;
	unsigned k = 1 + (unsigned)rng_below(g, 3);
	int32_t span = rng_below(g, 2) ? 5 : 1000;

	for (size_t r = 0; r < nr; r++)
		in->load[r] = (unsigned)rng_below(g, 6);
	for (size_t p = 0; p < np; p++) {
		in->first[p] = m;
		for (size_t r = 0; r < nr; r++) {
			if (rng_below(g, 5) == 0)
				continue;
			in->edges[m].reviewer = (uint32_t)r;
			in->edges[m].affinity =
			    (int32_t)rng_below(g, (uint64_t)span * 2 + 1) -
			    span / 2;
			in->edges[m].keep = rng_below(g, 12) == 0;
			m++;
		}
	}
	in->first[np] = m;
	inst_finish(in, np, nr, k);
}

/* Like the demo's affinities (store_review.c: theme expertise, language,
 * round(100 x cosine) of text similarity): 6 themes, each proposal one,
 * each reviewer one or two; affinity 30 for the theme, 10 for the
 * language, 50 for a quarter of the reviewers (generalists everyone
 * wants), plus 0..100 of text: many distinct values.  Sizes from 40 x 24
 * to 120 x 64, so the solver takes its sparse subset and pricing rounds;
 * 5% conflicts, 1 kept pair in 60, tight loads. */
static void
inst_text(struct inst *in, struct rng *g)
{
	size_t np = 40 + rng_below(g, MAXP - 39),
	       nr = 24 + rng_below(g, MAXR - 23);
	unsigned k = 1 + (unsigned)rng_below(g, 3), rth[MAXR], rl[MAXR];
	size_t m = 0, load = (np * k + nr - 1) / nr;

	for (size_t r = 0; r < nr; r++) {
		unsigned n = 1 + (unsigned)rng_below(g, 2);

		rth[r] = 0;
		while (n-- > 0)
			rth[r] |= 1u << rng_below(g, 6);
		rl[r] = 1 + (unsigned)rng_below(g, 7);
		in->load[r] = (unsigned)(load + rng_below(g, 3));
	}
	for (size_t p = 0; p < np; p++) {
		unsigned th = (unsigned)rng_below(g, 6);
		unsigned lang = 1u << rng_below(g, 3);

		in->first[p] = m;
		for (size_t r = 0; r < nr; r++) {
			if (rng_below(g, 20) == 0)
				continue;
			in->edges[m].reviewer = (uint32_t)r;
			in->edges[m].affinity = (int32_t)rng_below(g, 101) +
			    (rth[r] & 1u << th ? 30 : 0) +
			    (rl[r] & lang ? 10 : 0) + (4 * r < nr ? 50 : 0);
			in->edges[m].keep = rng_below(g, 60) == 0;
			m++;
		}
	}
	in->first[np] = m;
	inst_finish(in, np, nr, k);
}

/* Every constraint of assign.h holds for chosen. */
static void
check_valid(const struct assign_problem *pb, const struct assign_result *res)
{
	unsigned load[MAXR] = { 0 }, kept[MAXR] = { 0 };
	int64_t total = 0;

	for (size_t p = 0; p < pb->nproposals; p++) {
		size_t nk = 0, nc = 0;

		for (size_t e = pb->first[p]; e < pb->first[p + 1]; e++) {
			const struct assign_edge *ed = &pb->edges[e];

			if (ed->keep) {
				cr_assert(
				    res->chosen[e], "kept edge %zu dropped", e);
				nk++;
				kept[ed->reviewer]++;
			}
			if (res->chosen[e]) {
				nc++;
				load[ed->reviewer]++;
				total += ed->affinity;
			}
		}
		cr_assert_eq(nc, nk > pb->per_proposal ? nk : pb->per_proposal,
		    "proposal %zu has %zu reviewers", p, nc);
	}
	for (size_t r = 0; r < pb->nreviewers; r++) {
		unsigned cap =
		    pb->max_load[r] > kept[r] ? pb->max_load[r] : kept[r];

		cr_assert_leq(load[r], cap, "reviewer %zu over its cap", r);
	}
	cr_assert_eq(total, res->total_affinity);
}

/* Copy of src without the non-kept edges below thr. */
static void
inst_filter(struct inst *dst, const struct inst *src, int32_t thr)
{
	size_t m = 0;

	memcpy(dst->load, src->load, sizeof(dst->load));
	for (size_t p = 0; p < src->pb.nproposals; p++) {
		dst->first[p] = m;
		for (size_t e = src->first[p]; e < src->first[p + 1]; e++)
			if (src->edges[e].keep || src->edges[e].affinity >= thr)
				dst->edges[m++] = src->edges[e];
	}
	dst->first[src->pb.nproposals] = m;
	inst_finish(
	    dst, src->pb.nproposals, src->pb.nreviewers, src->pb.per_proposal);
}

static int
cmp_desc(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x > y ? -1 : x < y;
}

/* The dual bound of assign.h from res->price. */
static int64_t
dual_bound(const struct assign_problem *pb, const struct assign_result *res)
{
	unsigned *kept = calloc(pb->nreviewers + 1, sizeof(*kept));
	int64_t ub = 0, *v = calloc(pb->nreviewers + 1, sizeof(*v));

	for (size_t p = 0; p < pb->nproposals; p++)
		for (size_t e = pb->first[p]; e < pb->first[p + 1]; e++)
			if (pb->edges[e].keep) {
				kept[pb->edges[e].reviewer]++;
				ub += pb->edges[e].affinity;
			}
	for (size_t r = 0; r < pb->nreviewers; r++) {
		cr_assert_geq(res->price[r], 0);
		if (pb->max_load[r] > kept[r])
			ub += (int64_t)(pb->max_load[r] - kept[r]) *
			    res->price[r];
	}
	for (size_t p = 0; p < pb->nproposals; p++) {
		size_t n = 0, nk = 0;

		for (size_t e = pb->first[p]; e < pb->first[p + 1]; e++) {
			if (pb->edges[e].keep) {
				nk++;
				continue;
			}
			v[n++] = pb->edges[e].affinity -
			    res->price[pb->edges[e].reviewer];
		}
		qsort(v, n, sizeof(*v), cmp_desc);
		for (size_t i = 0; i + nk < pb->per_proposal && i < n; i++)
			ub += v[i];
	}
	free(kept);
	free(v);
	return ub;
}

/* The culprits are the proposals with fewer than k allowed reviewers, or
 * else a set needing more new reviews than its reviewers can give. */
static void
check_culprits(const struct assign_problem *pb, const struct assign_result *res)
{
	unsigned kept[MAXR] = { 0 }, cnt[MAXR] = { 0 };
	bool in[MAXP] = { false }, shortdeg = false;
	int64_t need = 0, can = 0;

	for (size_t p = 0; p < pb->nproposals; p++)
		shortdeg |= pb->first[p + 1] - pb->first[p] < pb->per_proposal;
	for (size_t i = 0; i < res->nculprits; i++) {
		size_t p = res->culprits[i];

		cr_assert_lt(p, pb->nproposals);
		in[p] = true;
		if (shortdeg)
			cr_assert_lt(
			    pb->first[p + 1] - pb->first[p], pb->per_proposal);
	}
	if (shortdeg)
		return;
	for (size_t p = 0; p < pb->nproposals; p++) {
		size_t nk = 0;

		for (size_t e = pb->first[p]; e < pb->first[p + 1]; e++) {
			if (pb->edges[e].keep) {
				kept[pb->edges[e].reviewer]++;
				nk++;
			} else if (in[p]) {
				cnt[pb->edges[e].reviewer]++;
			}
		}
		if (in[p] && nk < pb->per_proposal)
			need += pb->per_proposal - nk;
	}
	for (size_t r = 0; r < pb->nreviewers; r++) {
		int64_t places =
		    pb->max_load[r] > kept[r] ? pb->max_load[r] - kept[r] : 0;

		can += cnt[r] < places ? cnt[r] : places;
	}
	cr_assert_gt(need, can, "culprits are no Hall violator");
}

/* The fairness mode's result is right (assign.h): nothing feasible above
 * its bottleneck, and at it the fewest pairs at the bottleneck, then the
 * best total, as GLPK finds with a penalty of 100,000 (above any total
 * difference of the test instances) on the pairs at the bottleneck. */
static void
check_fair(const struct inst *in, const struct assign_result *fair, int i)
{
	static struct inst flt;

	if (fair->worst != INT32_MAX) {
		struct assign_result a;

		/* nothing better than the bottleneck */
		cr_assert(fair->worst < INT32_MAX);
		inst_filter(&flt, in, fair->worst + 1);
		cr_assert_eq(assign_solve_glpk(&flt.pb, &a, NULL),
		    ASSIGN_INFEASIBLE, "instance %d", i);
		assign_result_release(&a);
		/* and, at the bottleneck, the fewest pairs
		 * at it, then the best total: GLPK with a
		 * penalty (above any total difference here)
		 * on the pairs at the bottleneck */
		int64_t at = 0;

		inst_filter(&flt, in, fair->worst);
		for (size_t e = 0; e < in->first[in->pb.nproposals]; e++)
			at += fair->chosen[e] && !in->edges[e].keep &&
			    in->edges[e].affinity == fair->worst;
		cr_assert_gt(at, 0);
		for (size_t e = 0; e < flt.first[flt.pb.nproposals]; e++)
			if (!flt.edges[e].keep &&
			    flt.edges[e].affinity == fair->worst)
				flt.edges[e].affinity -= 100000;
		cr_assert_eq(assign_solve_glpk(&flt.pb, &a, NULL), ASSIGN_OK);
		cr_assert_eq(a.total_affinity,
		    fair->total_affinity - 100000 * at, "instance %d", i);
		assign_result_release(&a);
	}
}

/* Solves in by both modes and by GLPK; when feasible, checks that the
 * totals agree, both results are valid, the certificate holds and the
 * fairness mode is right.  ours is left for the caller to release. */
static enum assign_status
check_against_glpk(
    struct inst *in, int i, struct assign_result *ours, struct buf *msg)
{
	struct assign_result ref, fair;
	enum assign_status s1, s2, s3;

	s1 = assign_solve(&in->pb, ASSIGN_TOTAL, ours, msg);
	s2 = assign_solve_glpk(&in->pb, &ref, NULL);
	s3 = assign_solve(&in->pb, ASSIGN_FAIR, &fair, NULL);
	cr_assert_eq(s1, s2, "instance %d: %s vs glpk %s (%s)", i,
	    assign_status_name(s1), assign_status_name(s2), msg->s);
	cr_assert_eq(s1, s3, "instance %d: fair mode differs", i);
	if (s1 == ASSIGN_OK) {
		cr_assert_eq(ours->total_affinity, ref.total_affinity,
		    "instance %d: %lld vs glpk %lld", i,
		    (long long)ours->total_affinity,
		    (long long)ref.total_affinity);
		check_valid(&in->pb, ours);
		check_valid(&in->pb, &ref);
		cr_assert_eq(dual_bound(&in->pb, ours), ours->total_affinity,
		    "instance %d: certificate", i);
		check_valid(&in->pb, &fair);
		cr_assert_geq(fair.worst, ours->worst, "instance %d", i);
		cr_assert_leq(fair.total_affinity, ours->total_affinity);
		check_fair(in, &fair, i);
	}
	assign_result_release(&ref);
	assign_result_release(&fair);
	return s1;
}

Test(assign, random_instances_match_glpk)
{
	static struct inst in;
	struct rng g;
	int feasible = 0, infeasible = 0;

	rng_seed(&g, 2017);
	for (int i = 0; i < 400; i++) {
		struct assign_result ours;
		enum assign_status st;
		struct buf msg;

		buf_init(&msg, 0);
		inst_random(&in, &g);
		st = check_against_glpk(&in, i, &ours, &msg);
		if (st == ASSIGN_OK) {
			feasible++;
		} else {
			infeasible++;
			cr_assert_eq(st, ASSIGN_INFEASIBLE, "%s", msg.s);
			cr_assert_gt(ours.nculprits, 0);
			check_culprits(&in.pb, &ours);
			cr_assert_null(ours.chosen);
			cr_assert(strstr(msg.s, "proposal"), "%s", msg.s);
		}
		assign_result_release(&ours);
		buf_release(&msg);
	}
	/* the generator exercises both outcomes */
	cr_assert_gt(feasible, 100);
	cr_assert_gt(infeasible, 20);
}

/* Many distinct affinities (text similarity) at sizes where the solver
 * works on a sparse subset and re-prices: pricing rounds start from the
 * last round's flow and potentials, which must not change the optimum
 * (GLPK), the certificate or the fairness mode. */
Test(assign, text_like_instances_match_glpk)
{
	static struct inst in;
	struct rng g;
	int feasible = 0, warm = 0;

	rng_seed(&g, 1560);
	for (int i = 0; i < 60; i++) {
		struct assign_result ours;
		struct buf msg;

		buf_init(&msg, 0);
		inst_text(&in, &g);
		if (check_against_glpk(&in, i, &ours, &msg) == ASSIGN_OK) {
			feasible++;
			warm += ours.rounds > 1;
		}
		assign_result_release(&ours);
		buf_release(&msg);
	}
	cr_assert_gt(feasible, 40);
	cr_assert_gt(warm, 8, "pricing rounds were exercised (%d)", warm);
}

/* Larger instances take the sparse-subset path and its pricing rounds. */
Test(assign, sparse_pricing_matches_glpk)
{
	enum { NP = 160, NR = 40, K = 2 };
	static size_t first[NP + 1];
	static struct assign_edge edges[NP * NR];
	static unsigned load[NR];
	struct assign_problem pb = { 0 };
	struct rng g;
	bool priced = false;

	rng_seed(&g, 7);
	for (int round = 0; round < 4; round++) {
		struct assign_result ours, ref;
		size_t m = 0;

		for (size_t r = 0; r < NR; r++)
			load[r] = 9 + (unsigned)round;
		for (size_t p = 0; p < NP; p++) {
			first[p] = m;
			for (size_t r = 0; r < NR; r++) {
				if (rng_below(&g, 10) == 0)
					continue;
				edges[m].reviewer = (uint32_t)r;
				/* popular reviewers: everyone's best few */
				edges[m].affinity =
				    (int32_t)(rng_below(&g, 100) +
					(r < 10 ? 500 : 0));
				edges[m].keep = false;
				m++;
			}
		}
		first[NP] = m;
		pb.nproposals = NP;
		pb.nreviewers = NR;
		pb.per_proposal = K;
		pb.max_load = load;
		pb.first = first;
		pb.edges = edges;
		cr_assert_eq(
		    assign_solve(&pb, ASSIGN_TOTAL, &ours, NULL), ASSIGN_OK);
		cr_assert_eq(assign_solve_glpk(&pb, &ref, NULL), ASSIGN_OK);
		cr_assert_eq(
		    ours.total_affinity, ref.total_affinity, "round %d", round);
		cr_assert_lt(ours.edges_used, m, "sparse subset used");
		cr_assert_eq(dual_bound(&pb, &ours), ours.total_affinity);
		priced |= ours.rounds > 1;
		assign_result_release(&ours);
		assign_result_release(&ref);
	}
	cr_assert(priced, "some instance needed a pricing round");
}

/* Greedy would give proposal 0 its favourite and proposal 1 a poor
 * reviewer (10 + 1); the optimum swaps them (9 + 9). */
Test(assign, hand_checked_swap)
{
	static struct inst in;
	struct assign_result res;
	const struct assign_edge e[] = {
		{ 0, 10, false },
		{ 1, 9, false },
		{ 0, 9, false },
		{ 1, 1, false },
	};

	memcpy(in.edges, e, sizeof(e));
	in.first[0] = 0;
	in.first[1] = 2;
	in.first[2] = 4;
	in.load[0] = in.load[1] = 1;
	inst_finish(&in, 2, 2, 1);
	cr_assert_eq(assign_solve(&in.pb, ASSIGN_TOTAL, &res, NULL), ASSIGN_OK);
	cr_assert_eq(res.total_affinity, 18);
	cr_assert(
	    !res.chosen[0] && res.chosen[1] && res.chosen[2] && !res.chosen[3]);
	cr_assert_eq(res.worst, 9);
	assign_result_release(&res);
}

Test(assign, kept_edges_honoured)
{
	static struct inst in;
	struct assign_result res;
	/* proposal 0 keeps 3 poor reviewers (k = 2): keeps all, gets none;
	 * proposal 1 keeps reviewer 0 though its cap is 0 (already over) and
	 * gets one more; proposal 2 needs two. */
	const struct assign_edge e[] = {
		{ 0, 1, true },
		{ 1, 1, true },
		{ 2, 1, true },
		{ 3, 50, false },
		{ 0, 1, true },
		{ 3, 40, false },
		{ 2, 30, false },
		{ 0, 99, false },
		{ 2, 20, false },
		{ 3, 10, false },
	};

	memcpy(in.edges, e, sizeof(e));
	in.first[0] = 0;
	in.first[1] = 4;
	in.first[2] = 7;
	in.first[3] = 10;
	in.load[0] = 0;
	in.load[1] = 5;
	in.load[2] = 5;
	in.load[3] = 1;
	inst_finish(&in, 3, 4, 2);
	cr_assert_eq(assign_solve(&in.pb, ASSIGN_TOTAL, &res, NULL), ASSIGN_OK);
	check_valid(&in.pb, &res);
	cr_assert(!res.chosen[3], "proposal 0 already has enough");
	cr_assert(!res.chosen[7], "reviewer 0 is over its cap");
	/* proposal 2 must take reviewers 2 and 3 (0 has no place), which
	 * fills reviewer 3, so proposal 1 takes reviewer 2 */
	cr_assert(res.chosen[6] && res.chosen[8] && res.chosen[9]);
	cr_assert(!res.chosen[5]);
	cr_assert_eq(res.total_affinity, 4 + 30 + 20 + 10);
	assign_result_release(&res);
}

Test(assign, too_few_candidates_named)
{
	static struct inst in;
	struct assign_result res;
	struct buf msg;
	const struct assign_edge e[] = {
		{ 0, 1, false }, { 1, 1, false }, /* proposal 0: 2 */
		{ 0, 1, false },                  /* proposal 1: 1 */
		{ 0, 1, false }, { 1, 1, false }, /* proposal 2: 2 */
						  /* proposal 3: none */
	};
	const int64_t ids[] = { 101, 102, 103, 104 };

	memcpy(in.edges, e, sizeof(e));
	in.first[0] = 0;
	in.first[1] = 2;
	in.first[2] = 3;
	in.first[3] = 5;
	in.first[4] = 5;
	in.load[0] = in.load[1] = 9;
	inst_finish(&in, 4, 2, 2);
	in.pb.proposal_ids = ids;
	buf_init(&msg, 0);
	cr_assert_eq(
	    assign_solve(&in.pb, ASSIGN_TOTAL, &res, &msg), ASSIGN_INFEASIBLE);
	cr_assert_eq(res.nculprits, 2);
	cr_assert_eq(res.culprits[0], 1);
	cr_assert_eq(res.culprits[1], 3);
	cr_assert_null(res.chosen);
	cr_assert_str_eq(msg.s,
	    "proposals 102 and 104 have fewer than 2 possible reviewers (1, 0)");
	assign_result_release(&res);
	buf_release(&msg);
}

/* Proposals 1, 3 and 4 can only use reviewers 0 and 1 (3 places in all);
 * they need 2 each.  Everyone else is fine. */
Test(assign, hall_violator_named)
{
	static struct inst in;
	struct assign_result res;
	struct buf msg;
	const int64_t ids[] = { 10, 12, 20, 40, 41, 50 };
	size_t m = 0;

	for (size_t p = 0; p < 6; p++) {
		bool narrow = p == 1 || p == 3 || p == 4;

		in.first[p] = m;
		for (uint32_t r = 0; r < 6; r++) {
			if (narrow ? r > 1 : r < 2)
				continue;
			in.edges[m].reviewer = r;
			in.edges[m].affinity = (int32_t)(p * 7 + r) % 5;
			in.edges[m].keep = false;
			m++;
		}
	}
	in.first[6] = m;
	in.load[0] = 2;
	in.load[1] = 1;
	in.load[2] = in.load[3] = in.load[4] = in.load[5] = 10;
	inst_finish(&in, 6, 6, 2);
	in.pb.proposal_ids = ids;
	for (int mode = ASSIGN_TOTAL; mode <= ASSIGN_FAIR; mode++) {
		buf_init(&msg, 0);
		cr_assert_eq(
		    assign_solve(&in.pb, (enum assign_mode)mode, &res, &msg),
		    ASSIGN_INFEASIBLE);
		cr_assert_eq(res.nculprits, 3);
		cr_assert_eq(res.culprits[0], 1);
		cr_assert_eq(res.culprits[1], 3);
		cr_assert_eq(res.culprits[2], 4);
		cr_assert_str_eq(msg.s,
		    "proposals 12, 40 and 41 need 6 more reviews but their 2 "
		    "possible reviewers can take only 3 of them");
		assign_result_release(&res);
		buf_release(&msg);
	}
}

/* Total mode pairs proposal 0 with its favourite (10) and leaves proposal
 * 1 a reviewer at 1; fair mode gives both at least 4. */
Test(assign, fair_mode_raises_worst)
{
	static struct inst in;
	struct assign_result tot, fair;
	const struct assign_edge e[] = {
		{ 0, 10, false },
		{ 1, 4, false },
		{ 2, 3, false },
		{ 0, 6, false },
		{ 1, 1, false },
		{ 2, 5, false },
	};

	memcpy(in.edges, e, sizeof(e));
	in.first[0] = 0;
	in.first[1] = 3;
	in.first[2] = 6;
	in.load[0] = in.load[1] = in.load[2] = 1;
	/* reviewer 2 is gone (cap 0): only reviewers 0 and 1 */
	in.load[2] = 0;
	inst_finish(&in, 2, 3, 1);
	cr_assert_eq(assign_solve(&in.pb, ASSIGN_TOTAL, &tot, NULL), ASSIGN_OK);
	cr_assert_eq(assign_solve(&in.pb, ASSIGN_FAIR, &fair, NULL), ASSIGN_OK);
	cr_assert_eq(tot.total_affinity, 11);
	cr_assert_eq(tot.worst, 1);
	cr_assert_eq(fair.total_affinity, 10);
	cr_assert_eq(fair.worst, 4);
	cr_assert(fair.chosen[1] && fair.chosen[3]);
	assign_result_release(&tot);
	assign_result_release(&fair);
}

/* Among results with the best bottleneck, fair mode takes the best total. */
Test(assign, fair_mode_then_total)
{
	static struct inst in;
	struct assign_result fair;
	const struct assign_edge e[] = {
		{ 0, 5, false },
		{ 1, 8, false },
		{ 2, 9, false },
		{ 0, 5, false },
		{ 1, 7, false },
		{ 2, 2, false },
	};

	memcpy(in.edges, e, sizeof(e));
	in.first[0] = 0;
	in.first[1] = 3;
	in.first[2] = 6;
	in.load[0] = in.load[1] = in.load[2] = 1;
	inst_finish(&in, 2, 3, 1);
	cr_assert_eq(assign_solve(&in.pb, ASSIGN_FAIR, &fair, NULL), ASSIGN_OK);
	/* bottleneck 7 (pairs 0-2 and 1-1, 9 + 7), not 0-1 and 1-0 (8 + 5) */
	cr_assert_eq(fair.worst, 7);
	cr_assert_eq(fair.total_affinity, 16);
	assign_result_release(&fair);
}

/* Both results have bottleneck 3 (proposal 3 can only take reviewer 3, at
 * 3).  Total mode takes 10 + 3 + 3 + 3 = 19, three pairs at 3; fair mode
 * 4 + 4 + 4 + 3 = 15, one pair at 3. */
Test(assign, fair_mode_fewest_at_bottleneck)
{
	static struct inst in;
	struct assign_result tot, fair;
	size_t at_tot = 0, at_fair = 0;
	const struct assign_edge e[] = {
		{ 0, 10, false },
		{ 1, 4, false },
		{ 0, 4, false },
		{ 2, 3, false },
		{ 1, 3, false },
		{ 2, 4, false },
		{ 3, 3, false },
	};

	memcpy(in.edges, e, sizeof(e));
	in.first[0] = 0;
	in.first[1] = 2;
	in.first[2] = 4;
	in.first[3] = 6;
	in.first[4] = 7;
	in.load[0] = in.load[1] = in.load[2] = in.load[3] = 1;
	inst_finish(&in, 4, 4, 1);
	cr_assert_eq(assign_solve(&in.pb, ASSIGN_TOTAL, &tot, NULL), ASSIGN_OK);
	cr_assert_eq(assign_solve(&in.pb, ASSIGN_FAIR, &fair, NULL), ASSIGN_OK);
	cr_assert_eq(tot.worst, 3);
	cr_assert_eq(fair.worst, 3);
	for (size_t i = 0; i < 7; i++) {
		at_tot += tot.chosen[i] && e[i].affinity == 3;
		at_fair += fair.chosen[i] && e[i].affinity == 3;
	}
	cr_assert_eq(tot.total_affinity, 19);
	cr_assert_eq(at_tot, 3);
	cr_assert_eq(fair.total_affinity, 15);
	cr_assert_eq(at_fair, 1);
	assign_result_release(&tot);
	assign_result_release(&fair);
}

static void
expect_bad(struct inst *in, const char *needle)
{
	struct assign_result res;
	struct buf msg;

	buf_init(&msg, 0);
	cr_assert_eq(assign_solve(&in->pb, ASSIGN_TOTAL, &res, &msg),
	    ASSIGN_BAD_INPUT, "%s", needle);
	cr_assert(strstr(msg.s, needle), "'%s' not in '%s'", needle, msg.s);
	cr_assert_null(res.chosen);
	assign_result_release(&res);
	buf_release(&msg);
	buf_init(&msg, 0);
	cr_assert_eq(assign_solve_glpk(&in->pb, &res, &msg), ASSIGN_BAD_INPUT);
	assign_result_release(&res);
	buf_release(&msg);
}

Test(assign, bad_input_rejected)
{
	static struct inst in;
	const struct assign_edge e[] = {
		{ 0, 1, false },
		{ 1, 1, false },
		{ 1, 1, false },
		{ 0, 1, false },
	};

	memcpy(in.edges, e, sizeof(e));
	in.first[0] = 0;
	in.first[1] = 2;
	in.first[2] = 4;
	in.load[0] = in.load[1] = 2;
	inst_finish(&in, 2, 2, 1);

	in.edges[3].reviewer = 2;
	expect_bad(&in, "proposal 1, edge 1: reviewer 2 of 2 out of range");
	in.edges[3].reviewer = 1;
	expect_bad(&in, "proposal 1, edge 1: reviewer 1 appears twice");
	in.edges[3].reviewer = 0;
	in.edges[0].affinity = ASSIGN_AFFINITY_MAX + 1;
	expect_bad(&in, "proposal 0, edge 0: reviewer 0 has an affinity out");
	in.edges[0].affinity = 1;
	in.pb.per_proposal = 0;
	expect_bad(&in, "at least 1");
	in.pb.per_proposal = 1;
	in.first[1] = 5;
	expect_bad(&in, "proposal 1: edge offsets decrease");
	in.first[1] = 2;
	in.first[0] = 1;
	expect_bad(&in, "start at 1");
	in.first[0] = 0;
	in.pb.max_load = NULL;
	expect_bad(&in, "loads");
}

Test(assign, empty_problem)
{
	struct assign_problem pb = { 0 };
	struct assign_result res;

	pb.per_proposal = 3;
	cr_assert_eq(assign_solve(&pb, ASSIGN_TOTAL, &res, NULL), ASSIGN_OK);
	cr_assert_eq(res.total_affinity, 0);
	cr_assert_eq(res.worst, INT32_MAX);
	assign_result_release(&res);
}
