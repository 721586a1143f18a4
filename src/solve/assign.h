/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * assign.h: reviewer assignment as an exact maximum-affinity b-matching.
 * Pure: a problem in, a set of chosen proposal-reviewer pairs out; no SQL,
 * no HTTP.  store/ builds the problem from the database (conflicted pairs
 * are simply not edges), bench/assign.c from random instances.
 *
 * Model.  Edges are the allowed (non-conflicted) proposal-reviewer pairs,
 * grouped by proposal: proposal p owns edges[first[p] .. first[p+1]-1].
 * A result chooses a subset of edges such that
 *   - every kept edge is chosen (an existing assignment or review is never
 *     dropped);
 *   - proposal p has exactly max(per_proposal, kept(p)) chosen edges (kept
 *     edges count towards k; a proposal with more than k kept edges keeps
 *     them all and gets no new one);
 *   - reviewer r has at most max(max_load[r], kept(r)) chosen edges (kept
 *     edges count towards the cap and may exceed it; such a reviewer gets
 *     no new edge).
 *
 * ASSIGN_TOTAL maximises the total affinity of the chosen edges.
 *
 * ASSIGN_FAIR first maximises the bottleneck: the smallest affinity of a
 * chosen non-kept edge, that is the affinity of the worst-suited reviewer
 * any proposal receives from this run (kept edges are not chosen by the
 * run, so they do not count); then, among all results with that
 * bottleneck, it minimises the number of chosen non-kept edges at the
 * bottleneck (as few proposals as possible get a reviewer that poor);
 * then it maximises the total affinity.  All three steps are exact
 * (threshold binary search over the distinct affinities with a max-flow
 * feasibility test, then the ASSIGN_TOTAL solver on the edges at or above
 * the threshold, with a penalty above demand x affinity range on the edges
 * at it; the middle step is skipped only when (proposals + reviewers) x
 * demand x affinity range comes near 2^61, never at conference sizes).
 *
 * result.worst is that bottleneck in either mode (INT32_MAX when the run
 * chooses no edge besides the kept ones).
 *
 * Both modes are solved as a min-cost flow (source -> proposal -> reviewer
 * -> sink) by successive shortest paths with potentials (Dijkstra from each
 * proposal with unmet demand, stopped at the sink), first on a sparse
 * subset of the edges (the best few per proposal), then priced on all
 * edges: the result is returned only when no edge has a negative reduced
 * cost under the final potentials, which proves optimality on the full
 * problem (otherwise the violating edges join the subset and it re-solves
 * from the last flow and potentials: only the proposals that gained an
 * edge give their units back and search again; when the subset cannot
 * serve a proposal, the proposals that search reached get twice as many
 * of their best edges, and, when none has more, the full edge set is used,
 * solved from scratch).  Proposals get one unit each per pass, which needs
 * fewer searches than serving each in full.  result.price carries the
 * certificate.
 * ASSIGN_FAIR's threshold search runs about log2(distinct affinities)
 * feasibility tests on all edges: fine at conference sizes, slower than
 * ASSIGN_TOTAL on instances with millions of pairs.
 *
 * Limits: |affinity| <= ASSIGN_AFFINITY_MAX; nproposals and nreviewers
 * below ASSIGN_SIZE_MAX, and so is the number of edges; per_proposal >= 1.
 *
 * Errors: never a partial result.  ASSIGN_BAD_INPUT names the proposal and
 * edge at fault (a reviewer index out of range, a reviewer twice on one
 * proposal, an affinity out of range, offsets not increasing...).
 * ASSIGN_INFEASIBLE names the proposals at fault and fills result.culprits:
 * first every proposal with fewer than k allowed reviewers; when there is
 * none, a maximal Hall violator (every proposal reachable in the residual
 * graph of a maximum flow from a proposal left short), a set P of
 * proposals needing more new reviews than their possible reviewers can
 * still give them ("proposals 12, 40 and 41 need 9 more reviews but their
 * 3 possible reviewers can take only 6 of them").  A reviewer r counts for
 * min(places left at r, number of P's non-kept edges at r).
 *
 * Messages name proposals and reviewers by proposal_ids / reviewer_ids
 * when given, else by 0-based index.  They are appended to msg (may be
 * NULL).
 *
 * Ownership: the problem's arrays belong to the caller; assign_solve*
 * allocate result.chosen, .price and .culprits, which assign_result_release
 * frees (also after an error; result is always initialised).
 */
#ifndef CABILDO_ASSIGN_H
#define CABILDO_ASSIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define ASSIGN_AFFINITY_MAX 1000000
#define ASSIGN_SIZE_MAX     ((size_t)1 << 30)

struct assign_edge {       /* one allowed (non-conflicted) pair */
	uint32_t reviewer; /* 0 .. nreviewers-1 */
	int32_t affinity;  /* higher is better; callers scale to integers */
	bool keep;         /* existing assignment or review: must stay */
};

struct assign_problem {
	size_t nproposals, nreviewers;
	unsigned per_proposal;    /* k; kept edges count towards it */
	const unsigned *max_load; /* nreviewers caps (kept edges count) */
	const size_t *first;      /* nproposals+1 offsets into edges */
	const struct assign_edge *edges; /* grouped by proposal */
	const int64_t *proposal_ids;     /* optional, for messages */
	const int64_t *reviewer_ids;     /* optional, for messages */
};

enum assign_mode { ASSIGN_TOTAL, ASSIGN_FAIR };

struct assign_result {
	bool *chosen; /* one flag per edge (first[nproposals] of them) */
	int64_t total_affinity; /* of all chosen edges, kept ones included */
	int32_t worst;          /* bottleneck, see above */
	/* ASSIGN_TOTAL: the LP dual price of a place at each reviewer (>= 0,
	 * in affinity units; 0 where places are left).  A certificate: with
	 * v = price, sum_r places(r) v_r + sum_p (sum of the need(p) largest
	 * affinity(e) - v_r(e) over p's non-kept edges) + kept affinities
	 * bounds every feasible total from above, and equals total_affinity. */
	int64_t *price;
	size_t *culprits; /* ASSIGN_INFEASIBLE: proposal indices, sorted */
	size_t nculprits;
	/* statistics */
	unsigned
	    rounds; /* pricing rounds (1 when the sparse subset sufficed) */
	size_t edges_used; /* edges in the last solved subset */
};

enum assign_status {
	ASSIGN_OK,
	ASSIGN_INFEASIBLE,
	ASSIGN_BAD_INPUT,
	ASSIGN_NOMEM
};

enum assign_status assign_solve(const struct assign_problem *pb,
    enum assign_mode mode, struct assign_result *res, struct buf *msg);

/* Reference solver: GLPK's glp_mincost_okalg (out-of-kilter) on the same
 * network (glp_mincost_relax4 is disabled in Debian's GLPK 5.0),
 * ASSIGN_TOTAL only (validation as for assign_solve; an infeasible problem
 * gives ASSIGN_INFEASIBLE without culprits). */
enum assign_status assign_solve_glpk(const struct assign_problem *pb,
    struct assign_result *res, struct buf *msg);

void assign_result_release(struct assign_result *res);

/* The problem as text, appended to out, for benchmarking the real
 * instance (`cabildo review assign` writes it to the file named by
 * CABILDO_ASSIGN_DUMP; bench/assign.c's `demo` kind reads it):
 *   cabildo-assign 1 NPROPOSALS NREVIEWERS PER_PROPOSAL
 * then one line per reviewer, "MAX_LOAD", then one line per edge in
 * order (grouped by proposal), "PROPOSAL REVIEWER AFFINITY KEEP" with
 * KEEP 0 or 1 and 0-based indices.  Ids are not written. */
void assign_problem_format(const struct assign_problem *pb, struct buf *out);

/* "ok", "infeasible", "bad input", "out of memory". */
const char *assign_status_name(enum assign_status st);

#endif
