/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * assign.c: reviewer assignment as a min-cost flow, solved by successive
 * shortest paths with potentials on a sparse subset of the edges and
 * proved optimal on all of them by pricing (see assign.h for the model).
 *
 * Network: every proposal p is a source with supply need(p) (k minus its
 * kept edges); p -> r for each non-kept candidate edge (capacity 1, cost
 * amax - affinity >= 0); r -> t with capacity places(r) (cap minus kept
 * edges) at cost 0.  Reduced costs rc(u,v) = c(u,v) + pot(u) - pot(v) stay
 * non-negative on every residual arc; each Dijkstra starts at a proposal
 * with supply left, stops when the sink is settled, shifts the potentials
 * of the settled nodes (Jonker-Volgenant) and augments one unit.  The sink
 * is never expanded (a shortest path to it never passes through it),
 * except in a round warm-started after pricing (net_warm): there some
 * reviewers send more to t than they receive (a deficit), a path ends at
 * the nearest such reviewer, and t is an inner node whose arcs back to
 * the reviewers (r -> t carrying flow) are searched too.
 */
#include "solve/assign.h"

#include <glpk.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

#define NONE  UINT32_MAX
#define VIA_T (UINT32_MAX - 1) /* pred of a reviewer reached from t */
#define INF   INT64_MAX

/* The flow network on a subset of the candidate edges. */
struct net {
	uint32_t np, nr, t; /* proposals 0..np-1, reviewers np.., sink t */
	uint32_t m;         /* subset edges */
	uint32_t *efirst;   /* np+1 */
	uint32_t *erev;     /* reviewer index */
	uint32_t *eprop;
	int64_t *ecost;
	uint32_t *eorig; /* index into the problem's edges */
	uint8_t *eflow;
	/* per reviewer: the chosen subset edges, in slots cfirst[r].. */
	uint32_t *cfirst, *clen, *clist, *cpos;
	uint32_t *places, *rflow; /* nr; rflow: flow on r -> t */
	uint32_t *deficit;        /* nr: units r still has to receive */
	uint32_t ndeficit;        /* their sum */
	uint32_t *supply;         /* np: units still to send */
	int64_t *pot, *dist;      /* nodes */
	uint32_t *pred;           /* nodes: edge (or reviewer for t) */
	uint8_t *done;            /* nodes: settled */
	uint32_t *touched;
	size_t ntouched;
	struct hitem {
		int64_t d;
		uint32_t v;
	} * heap;
	size_t nheap, heapcap;
};

/* Problem data shared by the rounds. */
struct prep {
	const struct assign_problem *pb;
	size_t nedges;
	uint32_t *need;   /* np */
	uint32_t *places; /* nr */
	int32_t amax;
	int32_t bottleneck; /* ASSIGN_FAIR: edges at it cost penalty more */
	int64_t penalty;
	uint8_t *cand;   /* per edge: candidate (non-kept, above threshold) */
	uint8_t *insub;  /* per edge: in the current subset */
	uint32_t *deg;   /* candidates per proposal */
	uint32_t *quota; /* best candidates of each proposal in the subset */
	/* warm start of the next round after pricing (ASSIGN_TOTAL costs) */
	uint8_t *flow0; /* per edge: carried flow in the last round */
	uint8_t *fresh; /* per proposal: got an edge from pricing */
	int64_t *pot0;  /* nodes: potentials at the end of the last round */
	struct cedge {
		int32_t a;
		uint32_t e;
	} * tmp; /* scratch, max degree */
	uint64_t demand;
};

const char *
assign_status_name(enum assign_status st)
{
	switch (st) {
	case ASSIGN_OK:
		return "ok";
	case ASSIGN_INFEASIBLE:
		return "infeasible";
	case ASSIGN_BAD_INPUT:
		return "bad input";
	case ASSIGN_NOMEM:
		return "out of memory";
	}
	return "unknown";
}

void
assign_result_release(struct assign_result *res)
{
	if (!res)
		return;
	free(res->chosen);
	free(res->culprits);
	free(res->price);
	memset(res, 0, sizeof(*res));
	res->worst = INT32_MAX;
}

static void
result_init(struct assign_result *res)
{
	memset(res, 0, sizeof(*res));
	res->worst = INT32_MAX;
}

/* ---- messages ---- */

static void
put_prop(struct buf *msg, const struct assign_problem *pb, size_t p)
{
	if (pb->proposal_ids)
		buf_addf(msg, "%lld", (long long)pb->proposal_ids[p]);
	else
		buf_addf(msg, "%zu", p);
}

static void
put_rev(struct buf *msg, const struct assign_problem *pb, size_t r)
{
	if (pb->reviewer_ids)
		buf_addf(msg, "%lld", (long long)pb->reviewer_ids[r]);
	else
		buf_addf(msg, "%zu", r);
}

/* "proposal 3" or "proposals 3, 7 and 9" (at most 10 named). */
static void
put_props(
    struct buf *msg, const struct assign_problem *pb, const size_t *v, size_t n)
{
	size_t shown = n > 10 ? 10 : n;

	buf_addstr(msg, n == 1 ? "proposal " : "proposals ");
	for (size_t i = 0; i < shown; i++) {
		if (i > 0)
			buf_addstr(
			    msg, i + 1 == shown && shown == n ? " and " : ", ");
		put_prop(msg, pb, v[i]);
	}
	if (shown < n)
		buf_addf(msg, " and %zu more", n - shown);
}

/* ---- validation and preparation ---- */

static enum assign_status
validate(const struct assign_problem *pb, struct buf *msg)
{
	struct buf dummy;
	enum assign_status st = ASSIGN_BAD_INPUT;
	uint32_t *seen = NULL;

	buf_init(&dummy, 0);
	if (!msg)
		msg = &dummy;
	if (!pb) {
		buf_addstr(msg, "no problem given");
		goto out;
	}
	if (pb->nproposals >= ASSIGN_SIZE_MAX ||
	    pb->nreviewers >= ASSIGN_SIZE_MAX) {
		buf_addf(msg, "too many proposals (%zu) or reviewers (%zu)",
		    pb->nproposals, pb->nreviewers);
		goto out;
	}
	if (pb->per_proposal == 0) {
		buf_addstr(msg, "reviewers per proposal must be at least 1");
		goto out;
	}
	if (pb->nproposals > 0 && !pb->first) {
		buf_addstr(msg, "no edge offsets");
		goto out;
	}
	if (pb->nreviewers > 0 && !pb->max_load) {
		buf_addstr(msg, "no reviewer loads");
		goto out;
	}
	if (pb->nproposals == 0) {
		st = ASSIGN_OK;
		goto out;
	}
	if (pb->first[0] != 0) {
		buf_addf(msg, "edge offsets start at %zu, not 0", pb->first[0]);
		goto out;
	}
	for (size_t p = 0; p < pb->nproposals; p++) {
		if (pb->first[p + 1] < pb->first[p] ||
		    pb->first[p + 1] >= ASSIGN_SIZE_MAX) {
			put_props(msg, pb, &p, 1);
			buf_addstr(msg,
			    ": edge offsets decrease or too many "
			    "edges");
			goto out;
		}
	}
	if (pb->first[pb->nproposals] > 0 && !pb->edges) {
		buf_addstr(msg, "no edges");
		goto out;
	}
	seen = xcalloc(pb->nreviewers ? pb->nreviewers : 1, sizeof(*seen));
	for (size_t p = 0; p < pb->nproposals; p++) {
		for (size_t e = pb->first[p]; e < pb->first[p + 1]; e++) {
			const struct assign_edge *ed = &pb->edges[e];
			const char *why = NULL;

			if (ed->reviewer >= pb->nreviewers)
				why = "out of range";
			else if (seen[ed->reviewer] == p + 1)
				why = "appears twice";
			else if (ed->affinity > ASSIGN_AFFINITY_MAX ||
			    ed->affinity < -ASSIGN_AFFINITY_MAX)
				why = "has an affinity out of range";
			if (why) {
				put_props(msg, pb, &p, 1);
				buf_addf(msg, ", edge %zu: reviewer ",
				    e - pb->first[p]);
				if (ed->reviewer < pb->nreviewers)
					put_rev(msg, pb, ed->reviewer);
				else
					buf_addf(msg, "%u of %zu", ed->reviewer,
					    pb->nreviewers);
				buf_addf(msg, " %s", why);
				goto out;
			}
			seen[ed->reviewer] = (uint32_t)(p + 1);
		}
	}
	st = ASSIGN_OK;
out:
	free(seen);
	buf_release(&dummy);
	return st;
}

static void
prep_release(struct prep *pr)
{
	free(pr->need);
	free(pr->places);
	free(pr->cand);
	free(pr->insub);
	free(pr->deg);
	free(pr->quota);
	free(pr->tmp);
	free(pr->flow0);
	free(pr->fresh);
	free(pr->pot0);
}

/* Needs, places, and proposals with fewer than k allowed reviewers. */
static enum assign_status
prep_init(struct prep *pr, const struct assign_problem *pb,
    struct assign_result *res, struct buf *msg)
{
	size_t np = pb->nproposals, nr = pb->nreviewers;
	uint32_t *kept = xcalloc(nr ? nr : 1, sizeof(*kept));
	size_t nshort = 0;

	memset(pr, 0, sizeof(*pr));
	pr->pb = pb;
	pr->nedges = np ? pb->first[np] : 0;
	pr->need = xcalloc(np ? np : 1, sizeof(*pr->need));
	pr->places = xcalloc(nr ? nr : 1, sizeof(*pr->places));
	pr->cand = xcalloc(pr->nedges ? pr->nedges : 1, 1);
	pr->insub = xcalloc(pr->nedges ? pr->nedges : 1, 1);
	pr->deg = xcalloc(np ? np : 1, sizeof(*pr->deg));
	pr->quota = xcalloc(np ? np : 1, sizeof(*pr->quota));
	pr->fresh = xcalloc(np ? np : 1, 1);
	pr->amax = 0;
	pr->bottleneck = INT32_MIN;
	pr->penalty = 0;
	for (size_t p = 0; p < np; p++) {
		size_t nk = 0, deg = pb->first[p + 1] - pb->first[p];

		for (size_t e = pb->first[p]; e < pb->first[p + 1]; e++) {
			if (pb->edges[e].keep) {
				nk++;
				kept[pb->edges[e].reviewer]++;
			} else if (pb->edges[e].affinity > pr->amax) {
				pr->amax = pb->edges[e].affinity;
			}
		}
		pr->need[p] = nk >= pb->per_proposal
		    ? 0
		    : (uint32_t)(pb->per_proposal - nk);
		pr->demand += pr->need[p];
		if (deg < pb->per_proposal)
			nshort++;
	}
	for (size_t r = 0; r < nr; r++)
		pr->places[r] =
		    kept[r] >= pb->max_load[r] ? 0 : pb->max_load[r] - kept[r];
	free(kept);
	if (nshort == 0)
		return ASSIGN_OK;

	res->culprits = xcalloc(nshort, sizeof(*res->culprits));
	for (size_t p = 0; p < np; p++)
		if (pb->first[p + 1] - pb->first[p] < pb->per_proposal)
			res->culprits[res->nculprits++] = p;
	if (msg) {
		put_props(msg, pb, res->culprits, nshort);
		buf_addf(msg, " %s fewer than %u possible reviewers (",
		    nshort == 1 ? "has" : "have", pb->per_proposal);
		for (size_t i = 0; i < nshort && i < 10; i++) {
			size_t p = res->culprits[i];

			buf_addf(msg, "%s%zu", i ? ", " : "",
			    pb->first[p + 1] - pb->first[p]);
		}
		buf_addstr(msg, nshort > 10 ? ", ...)" : ")");
	}
	return ASSIGN_INFEASIBLE;
}

/* Marks the candidate edges: non-kept, affinity >= thr; counts them. */
static void
prep_candidates(struct prep *pr, int32_t thr)
{
	const struct assign_problem *pb = pr->pb;

	for (size_t p = 0; p < pb->nproposals; p++) {
		uint32_t d = 0;

		for (size_t e = pb->first[p]; e < pb->first[p + 1]; e++) {
			pr->cand[e] =
			    !pb->edges[e].keep && pb->edges[e].affinity >= thr;
			d += pr->cand[e];
		}
		pr->deg[p] = d;
	}
}

/* ---- the network ---- */

/* Cost of a candidate edge: amax - affinity, plus the penalty at the
 * bottleneck in the second stage of ASSIGN_FAIR. */
static inline int64_t
edge_cost(const struct prep *pr, int32_t a)
{
	return (int64_t)pr->amax - a + (a == pr->bottleneck ? pr->penalty : 0);
}

static void
net_release(struct net *n)
{
	free(n->efirst);
	free(n->erev);
	free(n->eprop);
	free(n->ecost);
	free(n->eorig);
	free(n->eflow);
	free(n->cfirst);
	free(n->clen);
	free(n->clist);
	free(n->cpos);
	free(n->places);
	free(n->rflow);
	free(n->deficit);
	free(n->supply);
	free(n->pot);
	free(n->dist);
	free(n->pred);
	free(n->done);
	free(n->touched);
	free(n->heap);
	memset(n, 0, sizeof(*n));
}

/* Builds the network on the edges with insub set; costs are zero when
 * !costs (a feasibility test). */
static void
net_build(struct net *n, const struct prep *pr, bool costs)
{
	const struct assign_problem *pb = pr->pb;
	uint32_t np = (uint32_t)pb->nproposals, nr = (uint32_t)pb->nreviewers;
	uint32_t nodes = np + nr + 1, m = 0;

	memset(n, 0, sizeof(*n));
	n->np = np;
	n->nr = nr;
	n->t = np + nr;
	for (size_t e = 0; e < pr->nedges; e++)
		m += pr->insub[e];
	n->m = m;
	n->efirst = xcalloc((size_t)np + 1, sizeof(*n->efirst));
	n->erev = xcalloc(m ? m : 1, sizeof(*n->erev));
	n->eprop = xcalloc(m ? m : 1, sizeof(*n->eprop));
	n->ecost = xcalloc(m ? m : 1, sizeof(*n->ecost));
	n->eorig = xcalloc(m ? m : 1, sizeof(*n->eorig));
	n->eflow = xcalloc(m ? m : 1, 1);
	n->cpos = xcalloc(m ? m : 1, sizeof(*n->cpos));
	n->cfirst = xcalloc((size_t)nr + 1, sizeof(*n->cfirst));
	n->clen = xcalloc(nr ? nr : 1, sizeof(*n->clen));
	n->places = xcalloc(nr ? nr : 1, sizeof(*n->places));
	n->rflow = xcalloc(nr ? nr : 1, sizeof(*n->rflow));
	n->deficit = xcalloc(nr ? nr : 1, sizeof(*n->deficit));
	n->supply = xcalloc(np ? np : 1, sizeof(*n->supply));
	n->pot = xcalloc(nodes, sizeof(*n->pot));
	n->dist = xcalloc(nodes, sizeof(*n->dist));
	n->pred = xcalloc(nodes, sizeof(*n->pred));
	n->done = xcalloc(nodes, 1);
	n->touched = xcalloc(nodes, sizeof(*n->touched));
	for (uint32_t v = 0; v < nodes; v++)
		n->dist[v] = INF;

	m = 0;
	for (uint32_t p = 0; p < np; p++) {
		n->efirst[p] = m;
		n->supply[p] = pr->need[p];
		for (size_t e = pb->first[p]; e < pb->first[p + 1]; e++) {
			if (!pr->insub[e])
				continue;
			n->erev[m] = pb->edges[e].reviewer;
			n->eprop[m] = p;
			n->ecost[m] =
			    costs ? edge_cost(pr, pb->edges[e].affinity) : 0;
			n->eorig[m] = (uint32_t)e;
			n->cfirst[n->erev[m]]++; /* in-degree for now */
			m++;
		}
	}
	n->efirst[np] = m;
	/* potentials making each proposal's cheapest edges tight */
	for (uint32_t p = 0; p < np; p++) {
		int64_t lo = INF;

		for (uint32_t e = n->efirst[p]; e < n->efirst[p + 1]; e++)
			if (n->ecost[e] < lo)
				lo = n->ecost[e];
		n->pot[p] = lo == INF ? 0 : -lo;
	}
	/* slots per reviewer: min(places, in-degree) */
	uint32_t off = 0;
	for (uint32_t r = 0; r < nr; r++) {
		uint32_t s =
		    n->cfirst[r] < pr->places[r] ? n->cfirst[r] : pr->places[r];

		n->places[r] = pr->places[r];
		n->cfirst[r] = off;
		off += s;
	}
	n->cfirst[nr] = off;
	n->clist = xcalloc(off ? off : 1, sizeof(*n->clist));
}

static void
heap_push(struct net *n, int64_t d, uint32_t v)
{
	size_t i;

	if (n->nheap == n->heapcap)
		xgrow((void **)&n->heap, &n->heapcap, n->nheap + 1,
		    sizeof(*n->heap));
	i = n->nheap++;
	while (i > 0) {
		size_t up = (i - 1) / 2;

		if (n->heap[up].d <= d)
			break;
		n->heap[i] = n->heap[up];
		i = up;
	}
	n->heap[i].d = d;
	n->heap[i].v = v;
}

static struct hitem
heap_pop(struct net *n)
{
	struct hitem top = n->heap[0], last = n->heap[--n->nheap];
	size_t i = 0, c;

	while ((c = 2 * i + 1) < n->nheap) {
		if (c + 1 < n->nheap && n->heap[c + 1].d < n->heap[c].d)
			c++;
		if (last.d <= n->heap[c].d)
			break;
		n->heap[i] = n->heap[c];
		i = c;
	}
	if (n->nheap > 0)
		n->heap[i] = last;
	return top;
}

static inline void
relax(struct net *n, uint32_t v, int64_t d, uint32_t via)
{
	if (d >= n->dist[v] || n->done[v])
		return;
	if (n->dist[v] == INF)
		n->touched[n->ntouched++] = v;
	n->dist[v] = d;
	n->pred[v] = via;
	heap_push(n, d, v);
}

static void
net_reset_search(struct net *n)
{
	for (size_t i = 0; i < n->ntouched; i++) {
		n->dist[n->touched[i]] = INF;
		n->done[n->touched[i]] = 0;
	}
	n->ntouched = 0;
	n->nheap = 0;
}

static void
chosen_add(struct net *n, uint32_t e)
{
	uint32_t r = n->erev[e];

	n->cpos[e] = n->clen[r];
	n->clist[n->cfirst[r] + n->clen[r]++] = e;
	n->eflow[e] = 1;
}

static void
chosen_del(struct net *n, uint32_t e)
{
	uint32_t r = n->erev[e], last;

	last = n->clist[n->cfirst[r] + --n->clen[r]];
	n->clist[n->cfirst[r] + n->cpos[e]] = last;
	n->cpos[last] = n->cpos[e];
	n->eflow[e] = 0;
}

/* One shortest path from proposal s to the sink; false when the sink is
 * unreachable (then dist/done describe the reachable set until the next
 * search). */
static bool
net_augment(struct net *n, uint32_t s)
{
	uint32_t np = n->np, t = n->t, end = NONE;
	int64_t dt;

	/* a zero-length path s -> r -> t needs no search */
	for (uint32_t e = n->efirst[s];
	     n->ndeficit == 0 && e < n->efirst[s + 1]; e++) {
		uint32_t r = n->erev[e];

		if (n->eflow[e] || n->rflow[r] >= n->places[r] ||
		    n->ecost[e] + n->pot[s] != n->pot[np + r] ||
		    n->pot[np + r] != n->pot[t])
			continue;
		chosen_add(n, e);
		n->rflow[r]++;
		n->supply[s]--;
		return true;
	}
	net_reset_search(n);
	relax(n, s, 0, NONE);
	while (n->nheap > 0) {
		struct hitem it = heap_pop(n);
		uint32_t u = it.v;

		if (n->done[u] || it.d != n->dist[u])
			continue;
		n->done[u] = 1;
		if ((u == t && n->ndeficit == 0) ||
		    (u >= np && u < t && n->deficit[u - np] > 0)) {
			end = u;
			break;
		}
		if (u == t) {
			/* reviewers short of flow: back along r -> t */
			for (uint32_t r = 0; r < n->nr; r++)
				if (n->rflow[r] > 0)
					relax(n, np + r,
					    it.d + n->pot[t] - n->pot[np + r],
					    VIA_T);
			continue;
		}
		if (u < np) {
			int64_t base = it.d + n->pot[u];

			for (uint32_t e = n->efirst[u]; e < n->efirst[u + 1];
			     e++) {
				uint32_t v = np + n->erev[e];

				if (n->eflow[e])
					continue;
				relax(n, v, base + n->ecost[e] - n->pot[v], e);
			}
		} else {
			uint32_t r = u - np;
			int64_t base = it.d + n->pot[u];

			if (n->rflow[r] < n->places[r])
				relax(n, t, base - n->pot[t], r);
			/* a tie with the current distance: t is next */
			if (n->dist[t] == it.d && n->ndeficit == 0) {
				n->done[t] = 1;
				end = t;
				break;
			}
			for (uint32_t i = 0; i < n->clen[r]; i++) {
				uint32_t e = n->clist[n->cfirst[r] + i];
				uint32_t v = n->eprop[e];

				relax(n, v, base - n->ecost[e] - n->pot[v], e);
			}
		}
	}
	if (end == NONE)
		return false;

	dt = n->dist[end];
	for (size_t i = 0; i < n->ntouched; i++) {
		uint32_t v = n->touched[i];

		if (n->done[v])
			n->pot[v] += n->dist[v] - dt;
	}
	/* walk back from the sink, or from a reviewer short of flow */
	uint32_t r;
	if (end == t) {
		r = n->pred[t];
		n->rflow[r]++;
	} else {
		r = end - np;
		n->deficit[r]--;
		n->ndeficit--;
	}
	for (;;) {
		uint32_t e = n->pred[np + r], p;

		if (e == VIA_T) {
			n->rflow[r]--;
			r = n->pred[t];
			n->rflow[r]++;
			continue;
		}
		p = n->eprop[e];

		chosen_add(n, e);
		if (p == s)
			break;
		e = n->pred[p];
		r = n->erev[e];
		chosen_del(n, e);
	}
	n->supply[s]--;
	return true;
}

/* Marks in n->done every node reachable in the residual graph from a
 * proposal with supply left (the sink is never reached). */
static void
net_reachable(struct net *n)
{
	size_t head = 0;

	net_reset_search(n);
	for (uint32_t p = 0; p < n->np; p++) {
		if (n->supply[p] == 0)
			continue;
		n->done[p] = 1;
		n->touched[n->ntouched++] = p;
	}
	while (head < n->ntouched) {
		uint32_t u = n->touched[head++];

		if (u < n->np) {
			for (uint32_t e = n->efirst[u]; e < n->efirst[u + 1];
			     e++) {
				uint32_t v = n->np + n->erev[e];

				if (n->eflow[e] || n->done[v])
					continue;
				n->done[v] = 1;
				n->touched[n->ntouched++] = v;
			}
		} else {
			uint32_t r = u - n->np;

			for (uint32_t i = 0; i < n->clen[r]; i++) {
				uint32_t v =
				    n->eprop[n->clist[n->cfirst[r] + i]];

				if (n->done[v])
					continue;
				n->done[v] = 1;
				n->touched[n->ntouched++] = v;
			}
		}
	}
}

/* Sends every supply it can; returns false when some proposal cannot send
 * all of its supply.  With !complete it stops at the first such proposal;
 * otherwise the flow ends maximum and n->done marks the proposals and
 * reviewers reachable from the unmet supply (a maximal Hall violator). */
static bool
net_solve(struct net *n, bool complete)
{
	bool ok = true, more = true;
	uint8_t *stuck = NULL;

	/* one unit per proposal and pass: fewer searches than serving each
	 * proposal in full (945 against 1,130 on the demo instance); a
	 * proposal that cannot reach the sink never will */
	while (more) {
		more = false;
		for (uint32_t p = 0; p < n->np; p++) {
			if (n->supply[p] == 0 || (stuck && stuck[p]))
				continue;
			if (net_augment(n, p)) {
				more = true;
				continue;
			}
			if (!complete) {
				free(stuck);
				return false;
			}
			if (!stuck)
				stuck = xcalloc(n->np, 1);
			stuck[p] = 1;
			ok = false;
		}
	}
	free(stuck);
	if (!ok)
		net_reachable(n);
	return ok;
}

/* ---- infeasibility: Hall violator from the reachable set ---- */

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static void
report_hall(const struct prep *pr, const struct net *n,
    struct assign_result *res, struct buf *msg)
{
	const struct assign_problem *pb = pr->pb;
	uint32_t *cnt = xcalloc(n->nr ? n->nr : 1, sizeof(*cnt));
	uint64_t need = 0, can = 0;
	size_t nrev = 0;

	res->culprits = xcalloc(n->np ? n->np : 1, sizeof(*res->culprits));
	res->nculprits = 0;
	for (uint32_t p = 0; p < n->np; p++) {
		if (!n->done[p])
			continue;
		res->culprits[res->nculprits++] = p;
		need += pr->need[p];
		for (size_t e = pb->first[p]; e < pb->first[p + 1]; e++)
			if (pr->cand[e])
				cnt[pb->edges[e].reviewer]++;
	}
	qsort(res->culprits, res->nculprits, sizeof(*res->culprits), cmp_size);
	for (uint32_t r = 0; r < n->nr; r++) {
		if (!cnt[r])
			continue;
		nrev++;
		can += cnt[r] < pr->places[r] ? cnt[r] : pr->places[r];
	}
	free(cnt);
	if (!msg)
		return;
	put_props(msg, pb, res->culprits, res->nculprits);
	buf_addf(msg,
	    " need %llu more review%s but their %zu possible reviewer%s can "
	    "take only %llu of them",
	    (unsigned long long)need, need == 1 ? "" : "s", nrev,
	    nrev == 1 ? "" : "s", (unsigned long long)can);
}

/* ---- sparse subset and pricing ---- */

static void
select_top(struct cedge *v, size_t n, size_t k)
{
	/* quickselect with a three-way partition: the k largest first */
	size_t lo = 0, hi = n;

	while (hi - lo > 1) {
		int32_t piv = v[lo + (hi - lo) / 2].a;
		size_t lt = lo, i = lo, gt = hi;

		while (i < gt) {
			struct cedge x = v[i];

			if (x.a > piv) {
				v[i++] = v[lt];
				v[lt++] = x;
			} else if (x.a < piv) {
				v[i] = v[--gt];
				v[gt] = x;
			} else {
				i++;
			}
		}
		/* [lo,lt) > piv, [lt,gt) == piv, [gt,hi) < piv */
		if (k <= lt)
			hi = lt;
		else if (k <= gt)
			return;
		else
			lo = gt;
	}
}

/* Puts the best quota[p] candidates of p into the subset. */
static void
subset_top(struct prep *pr, size_t p)
{
	const struct assign_problem *pb = pr->pb;
	size_t k = pr->quota[p], c = 0;

	for (size_t e = pb->first[p]; e < pb->first[p + 1]; e++) {
		if (!pr->cand[e])
			continue;
		if (k >= pr->deg[p]) {
			pr->insub[e] = 1;
			continue;
		}
		pr->tmp[c].a = pb->edges[e].affinity;
		pr->tmp[c].e = (uint32_t)e;
		c++;
	}
	if (k >= pr->deg[p])
		return;
	select_top(pr->tmp, c, k);
	for (size_t i = 0; i < k; i++)
		pr->insub[pr->tmp[i].e] = 1;
}

/* The best few candidates of each proposal; all of them when that is not
 * much smaller. */
static void
subset_initial(struct prep *pr)
{
	const struct assign_problem *pb = pr->pb;
	size_t total = 0, want = 0, maxdeg = 0;

	for (size_t p = 0; p < pb->nproposals; p++) {
		size_t k = 2 * (size_t)pr->need[p] + 6;

		pr->quota[p] = (uint32_t)(pr->deg[p] < k ? pr->deg[p] : k);
		total += pr->deg[p];
		want += pr->quota[p];
		if (pr->deg[p] > maxdeg)
			maxdeg = pr->deg[p];
	}
	if (want * 2 >= total) {
		memcpy(pr->insub, pr->cand, pr->nedges);
		return;
	}
	memset(pr->insub, 0, pr->nedges);
	free(pr->tmp);
	pr->tmp = xcalloc(maxdeg ? maxdeg : 1, sizeof(*pr->tmp));
	for (size_t p = 0; p < pb->nproposals; p++)
		subset_top(pr, p);
}

/* After a failed search on the subset: doubles the quota of every
 * proposal it reached; false when none of them has more candidates (then
 * the caller uses them all). */
static bool
subset_widen(struct prep *pr, const struct net *n)
{
	bool more = false;

	for (uint32_t p = 0; p < n->np; p++) {
		if (!n->done[p] || pr->quota[p] >= pr->deg[p])
			continue;
		pr->quota[p] = pr->quota[p] > pr->deg[p] / 2 ? pr->deg[p]
							     : 2 * pr->quota[p];
		subset_top(pr, p);
		more = true;
	}
	return more;
}

/* Adds every candidate with a negative reduced cost, marking its
 * proposal fresh; returns how many. */
static size_t
price(struct prep *pr, const struct net *n)
{
	const struct assign_problem *pb = pr->pb;
	size_t added = 0;

	for (size_t p = 0; p < pb->nproposals; p++) {
		for (size_t e = pb->first[p]; e < pb->first[p + 1]; e++) {
			const struct assign_edge *ed = &pb->edges[e];

			if (!pr->cand[e] || pr->insub[e])
				continue;
			if (edge_cost(pr, ed->affinity) + n->pot[p] -
				n->pot[n->np + ed->reviewer] <
			    0) {
				pr->insub[e] = 1;
				pr->fresh[p] = 1;
				added++;
			}
		}
	}
	return added;
}

/* Keeps the flow and potentials of a round that pricing rejected. */
static void
net_save(const struct net *n, struct prep *pr)
{
	size_t nodes = (size_t)n->np + n->nr + 1;

	if (!pr->flow0) {
		pr->flow0 = xcalloc(pr->nedges ? pr->nedges : 1, 1);
		pr->pot0 = xcalloc(nodes, sizeof(*pr->pot0));
	}
	memset(pr->flow0, 0, pr->nedges);
	for (uint32_t i = 0; i < n->m; i++)
		pr->flow0[n->eorig[i]] = n->eflow[i];
	memcpy(pr->pot0, n->pot, nodes * sizeof(*n->pot));
}

/* Starts a round from the flow and potentials net_save kept, on a subset
 * that pricing widened.  Every reduced cost stays >= 0 except on the
 * edges pricing added, all at fresh proposals: those give their units
 * back (the units stay on r -> t, so r is left short of them, a deficit
 * a later path may end at) and take the potential max(pot(r) - cost)
 * over their edges, which makes every edge of theirs non-negative again.
 * The flow is then completed by the usual searches, and the old edges of
 * a fresh proposal can always take its units back, so it never fails. */
static void
net_warm(struct net *n, struct prep *pr)
{
	uint32_t np = n->np;

	memcpy(n->pot, pr->pot0, ((size_t)np + n->nr + 1) * sizeof(*n->pot));
	for (uint32_t p = 0; p < np; p++) {
		int64_t hi = -INF;

		for (uint32_t e = n->efirst[p]; e < n->efirst[p + 1]; e++) {
			uint32_t r = n->erev[e];

			if (pr->fresh[p]) {
				int64_t v = n->pot[np + r] - n->ecost[e];

				if (v > hi)
					hi = v;
			}
			if (!pr->flow0[n->eorig[e]])
				continue;
			n->rflow[r]++;
			if (pr->fresh[p]) {
				n->deficit[r]++;
				n->ndeficit++;
				continue;
			}
			chosen_add(n, e);
			n->supply[p]--;
		}
		if (pr->fresh[p]) {
			n->pot[p] = hi;
			pr->fresh[p] = 0;
		}
	}
}

/* Optimal flow on the candidates (costs) or a feasibility test (!costs,
 * all candidates).  Returns ASSIGN_OK with n built and solved, or
 * ASSIGN_INFEASIBLE; with why, n->done then marks a maximal Hall violator
 * (the flow is completed to a maximum first), else the search stops at
 * the first proposal that cannot be served. */
static enum assign_status
solve_candidates(
    struct prep *pr, struct net *n, bool costs, bool why, unsigned *rounds)
{
	bool full = !costs, warm = false;

	if (full)
		memcpy(pr->insub, pr->cand, pr->nedges);
	else
		subset_initial(pr);
	*rounds = 0;
	for (;;) {
		bool all = memcmp(pr->insub, pr->cand, pr->nedges) == 0;

		++*rounds;
		net_build(n, pr, costs);
		if (warm)
			net_warm(n, pr);
		warm = false;
		if (!net_solve(n, all && why)) {
			if (all)
				return ASSIGN_INFEASIBLE;
			if (!subset_widen(pr, n))
				memcpy(pr->insub, pr->cand, pr->nedges);
			net_release(n);
			continue;
		}
		if (all || price(pr, n) == 0)
			return ASSIGN_OK;
		net_save(n, pr);
		warm = true;
		net_release(n);
	}
}

static void
fill_result(
    const struct prep *pr, const struct net *n, struct assign_result *res)
{
	const struct assign_problem *pb = pr->pb;

	res->chosen = xcalloc(pr->nedges ? pr->nedges : 1, 1);
	res->total_affinity = 0;
	res->worst = INT32_MAX;
	for (size_t e = 0; e < pr->nedges; e++) {
		if (!pb->edges[e].keep)
			continue;
		res->chosen[e] = true;
		res->total_affinity += pb->edges[e].affinity;
	}
	for (uint32_t i = 0; i < n->m; i++) {
		int32_t a;

		if (!n->eflow[i])
			continue;
		a = pb->edges[n->eorig[i]].affinity;
		res->chosen[n->eorig[i]] = true;
		res->total_affinity += a;
		if (a < res->worst)
			res->worst = a;
	}
	res->edges_used = n->m;
	res->price = xcalloc(n->nr ? n->nr : 1, sizeof(*res->price));
	for (uint32_t r = 0; r < n->nr; r++) {
		int64_t v = n->pot[n->t] - n->pot[n->np + r];

		res->price[r] = v > 0 ? v : 0;
	}
}

/* Sorts affinities (|a| <= ASSIGN_AFFINITY_MAX < 2^21 / 2) ascending:
 * two passes of an 11-bit radix sort, a tenth of qsort's time on the
 * demo's 38,426 pairs. */
static void
sort_affinities(int32_t *v, size_t n)
{
	enum { BITS = 11, B = 1 << BITS };
	uint32_t *a = xcalloc(n ? n : 1, sizeof(*a));
	uint32_t *b = xcalloc(n ? n : 1, sizeof(*b)), *x;
	size_t *cnt = xcalloc(B, sizeof(*cnt));

	for (size_t i = 0; i < n; i++)
		a[i] = (uint32_t)(v[i] + ASSIGN_AFFINITY_MAX);
	for (unsigned sh = 0; sh < 2 * BITS; sh += BITS) {
		size_t sum = 0;

		memset(cnt, 0, B * sizeof(*cnt));
		for (size_t i = 0; i < n; i++)
			cnt[(a[i] >> sh) & (B - 1)]++;
		for (size_t k = 0; k < B; k++) {
			size_t c = cnt[k];

			cnt[k] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			b[cnt[(a[i] >> sh) & (B - 1)]++] = a[i];
		x = a;
		a = b;
		b = x;
	}
	for (size_t i = 0; i < n; i++)
		v[i] = (int32_t)a[i] - ASSIGN_AFFINITY_MAX;
	free(a);
	free(b);
	free(cnt);
}

/* The largest threshold at which the candidates at or above it can still
 * meet every need (the full candidate set is known to be feasible). */
static int32_t
fair_threshold(struct prep *pr)
{
	const struct assign_problem *pb = pr->pb;
	size_t nv = 0, lo, hi;
	int32_t *v = xcalloc(pr->nedges ? pr->nedges : 1, sizeof(*v));
	int32_t best;

	for (size_t e = 0; e < pr->nedges; e++)
		if (!pb->edges[e].keep)
			v[nv++] = pb->edges[e].affinity;
	sort_affinities(v, nv);
	lo = 0;
	for (size_t i = 0; i < nv; i++)
		if (i == 0 || v[i] != v[lo - 1])
			v[lo++] = v[i];
	nv = lo;
	if (nv == 0) {
		free(v);
		return INT32_MIN;
	}
	/* v[lo] feasible, v[hi] infeasible (hi == nv: none) */
	lo = 0;
	hi = nv;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		struct net n;
		unsigned rounds;

		prep_candidates(pr, v[mid]);
		if (solve_candidates(pr, &n, false, false, &rounds) ==
		    ASSIGN_OK)
			lo = mid;
		else
			hi = mid;
		net_release(&n);
	}
	best = v[lo];
	free(v);
	return best;
}

/* ASSIGN_FAIR's second stage: the candidates at or above the bottleneck,
 * and on the edges at it a penalty larger than any difference of plain
 * cost between two results (demand x range), so that the fewest pairs sit
 * at the bottleneck.  Skipped (penalty 0) when distances, at most nodes x
 * (penalty + range), could come near overflow. */
static void
fair_penalty(struct prep *pr, int32_t thr)
{
	uint64_t range, nodes, w;

	prep_candidates(pr, thr);
	pr->bottleneck = thr;
	pr->penalty = 0;
	if (thr == INT32_MIN || pr->demand > ((uint64_t)1 << 31))
		return;
	range = (uint64_t)((int64_t)pr->amax - thr) + 1;
	nodes = pr->pb->nproposals + pr->pb->nreviewers + 1;
	w = pr->demand * range + 1; /* < 2^31 x 2^22 */
	if (nodes > ((uint64_t)1 << 61) / (w + range))
		return;
	pr->penalty = (int64_t)w;
}

enum assign_status
assign_solve(const struct assign_problem *pb, enum assign_mode mode,
    struct assign_result *res, struct buf *msg)
{
	struct prep pr;
	struct net n;
	enum assign_status st;
	unsigned rounds = 0;

	result_init(res);
	st = validate(pb, msg);
	if (st != ASSIGN_OK)
		return st;
	if (mode != ASSIGN_TOTAL && mode != ASSIGN_FAIR) {
		if (msg)
			buf_addf(msg, "unknown assignment mode %d", (int)mode);
		return ASSIGN_BAD_INPUT;
	}
	st = prep_init(&pr, pb, res, msg);
	if (st != ASSIGN_OK)
		goto out;
	prep_candidates(&pr, INT32_MIN);
	if (mode == ASSIGN_FAIR) {
		/* feasibility on everything first, for a proper message */
		st = solve_candidates(&pr, &n, false, true, &rounds);
		if (st == ASSIGN_INFEASIBLE)
			report_hall(&pr, &n, res, msg);
		net_release(&n);
		if (st != ASSIGN_OK)
			goto out;
		fair_penalty(&pr, fair_threshold(&pr));
	}
	st = solve_candidates(&pr, &n, true, true, &rounds);
	if (st == ASSIGN_INFEASIBLE)
		report_hall(&pr, &n, res, msg);
	else
		fill_result(&pr, &n, res);
	if (st == ASSIGN_OK && mode == ASSIGN_FAIR) {
		free(res->price);
		res->price = NULL;
	}
	res->rounds = rounds;
	net_release(&n);
out:
	prep_release(&pr);
	return st;
}

void
assign_problem_format(const struct assign_problem *pb, struct buf *out)
{
	buf_addf(out, "cabildo-assign 1 %zu %zu %u\n", pb->nproposals,
	    pb->nreviewers, pb->per_proposal);
	for (size_t r = 0; r < pb->nreviewers; r++)
		buf_addf(out, "%u\n", pb->max_load[r]);
	for (size_t p = 0; p < pb->nproposals; p++)
		for (size_t e = pb->first[p]; e < pb->first[p + 1]; e++)
			buf_addf(out, "%zu %u %d %d\n", p,
			    pb->edges[e].reviewer, (int)pb->edges[e].affinity,
			    pb->edges[e].keep ? 1 : 0);
}

/* ---- GLPK reference ---- */

struct gv {
	double rhs;
};
struct ga {
	double low, cap, cost, x;
};

enum assign_status
assign_solve_glpk(
    const struct assign_problem *pb, struct assign_result *res, struct buf *msg)
{
	struct prep pr;
	enum assign_status st;
	glp_graph *g;
	size_t np, nr;
	int ret, t;
	double sol;

	result_init(res);
	st = validate(pb, msg);
	if (st != ASSIGN_OK)
		return st;
	st = prep_init(&pr, pb, res, msg);
	if (st != ASSIGN_OK) {
		prep_release(&pr);
		return st;
	}
	np = pb->nproposals;
	nr = pb->nreviewers;
	if (np + nr + 1 > INT_MAX || pr.nedges + nr > INT_MAX) {
		prep_release(&pr);
		if (msg)
			buf_addstr(msg, "problem too large for glpk");
		return ASSIGN_BAD_INPUT;
	}
	g = glp_create_graph(sizeof(struct gv), sizeof(struct ga));
	t = (int)(np + nr + 1);
	glp_add_vertices(g, t);
	for (size_t p = 0; p < np; p++)
		((struct gv *)g->v[p + 1]->data)->rhs = pr.need[p];
	((struct gv *)g->v[t]->data)->rhs = -(double)pr.demand;
	for (size_t p = 0; p < np; p++) {
		for (size_t e = pb->first[p]; e < pb->first[p + 1]; e++) {
			glp_arc *a;
			struct ga *d;

			if (pb->edges[e].keep)
				continue;
			a = glp_add_arc(g, (int)p + 1,
			    (int)(np + pb->edges[e].reviewer + 1));
			d = a->data;
			d->low = 0;
			d->cap = 1;
			d->cost = -(double)pb->edges[e].affinity;
		}
	}
	for (size_t r = 0; r < nr; r++) {
		glp_arc *a = glp_add_arc(g, (int)(np + r + 1), t);
		struct ga *d = a->data;

		d->low = 0;
		d->cap = pr.places[r];
		d->cost = 0;
	}
	/* Debian's GLPK 5.0 ships relax4 disabled ("licensing problems"):
	 * out-of-kilter it is. */
	ret = glp_mincost_okalg(g, (int)offsetof(struct gv, rhs),
	    (int)offsetof(struct ga, low), (int)offsetof(struct ga, cap),
	    (int)offsetof(struct ga, cost), &sol, (int)offsetof(struct ga, x),
	    -1);
	if (ret == GLP_ENOPFS) {
		st = ASSIGN_INFEASIBLE;
		if (msg)
			buf_addstr(msg, "glpk: no feasible assignment");
	} else if (ret != 0) {
		st = ASSIGN_BAD_INPUT;
		if (msg)
			buf_addf(msg, "glpk: min-cost flow failed (%d)", ret);
	} else {
		res->chosen = xcalloc(pr.nedges ? pr.nedges : 1, 1);
		for (size_t p = 0; p < np; p++) {
			glp_arc *a = g->v[p + 1]->out;

			for (; a; a = a->t_next) {
				struct ga *d = a->data;
				int r = a->head->i - (int)np - 1;

				if (d->x < 0.5)
					continue;
				for (size_t e = pb->first[p];
				     e < pb->first[p + 1]; e++)
					if (!pb->edges[e].keep &&
					    pb->edges[e].reviewer ==
						(uint32_t)r) {
						res->chosen[e] = true;
						if (pb->edges[e].affinity <
						    res->worst)
							res->worst =
							    pb->edges[e]
								.affinity;
					}
			}
		}
		for (size_t e = 0; e < pr.nedges; e++) {
			if (pb->edges[e].keep)
				res->chosen[e] = true;
			if (res->chosen[e])
				res->total_affinity += pb->edges[e].affinity;
		}
	}
	glp_delete_graph(g);
	prep_release(&pr);
	return st;
}
