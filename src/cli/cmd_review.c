/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_review.c: `cabildo review assign` (reviewers to proposals, exactly,
 * through solve/assign.c), `cabildo review simulate` (synthetic reviews
 * for the demo) and `cabildo review status` (progress).
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "core/review.h"
#include "solve/assign.h"
#include "store/store.h"
#include "store/store_review.h"
#include "util/buf.h"
#include "util/rng.h"
#include "util/util.h"

struct review_opts {
	const char *db;
	const char *slug;
	int64_t k, load, seed;
	bool fair, no_time;
};

static enum exit_code
parse_opts(const struct cmd *cmd, int argc, char **argv, bool assign,
    struct review_opts *o)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "event", required_argument, NULL, 'e' },
		{ "per-proposal", required_argument, NULL, 'k' },
		{ "max-load", required_argument, NULL, 'l' },
		{ "fair", no_argument, NULL, 'f' },
		{ "no-time", no_argument, NULL, 't' },
		{ "seed", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->seed = 2017;
	optind = 0;
	while (
	    (c = getopt_long(argc, argv, "d:e:k:l:fts:", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			o->db = optarg;
			break;
		case 'e':
			o->slug = optarg;
			break;
		case 'k':
			if (!assign || !parse_i64(optarg, 1, 20, &o->k))
				return cmd_usage_error(cmd,
				    "--per-proposal: expected 1 to 20, got "
				    "'%s'",
				    optarg);
			break;
		case 'l':
			if (!assign || !parse_i64(optarg, 1, 10000, &o->load))
				return cmd_usage_error(cmd,
				    "--max-load: expected 1 to 10000, got '%s'",
				    optarg);
			break;
		case 'f':
			if (!assign)
				return cmd_usage_error(cmd, "unknown option");
			o->fair = true;
			break;
		case 't':
			o->no_time = true;
			break;
		case 's':
			if (!parse_i64(optarg, 0, INT64_MAX, &o->seed))
				return cmd_usage_error(cmd,
				    "--seed: expected a number from 0, got "
				    "'%s'",
				    optarg);
			break;
		default:
			return cmd_usage_error(cmd, "unknown option");
		}
	}
	if (o->db == NULL || o->slug == NULL || optind != argc)
		return cmd_usage_error(cmd, "expected --db FILE --event SLUG");
	return EXIT_OK;
}

/* Opens the database and loads the event. */
static enum exit_code
open_event(const struct review_opts *o, struct store **st, struct event *ev)
{
	enum exit_code rc;
	enum store_err e;

	if ((rc = cmd_open_store(o->db, false, st)) != EXIT_OK)
		return rc;
	e = store_event_load(*st, o->slug, ev);
	if (e == STORE_ERR_NOTFOUND)
		return cmd_fail(
		    EXIT_FAIL, "no event '%s' in %s", o->slug, o->db);
	if (e != STORE_OK)
		return cmd_fail(EXIT_DB, "%s", store_strerror(e));
	return EXIT_OK;
}

static enum exit_code
assign_exec(int argc, char **argv)
{
	struct review_assign_report rep;
	struct review_opts o;
	struct store *st = NULL;
	struct event ev;
	struct buf msg;
	enum exit_code rc;
	enum store_err e;

	if ((rc = parse_opts(&cmd_review_assign, argc, argv, true, &o)) !=
	    EXIT_OK)
		return rc;
	event_init(&ev);
	buf_init(&msg, 0);
	if ((rc = open_event(&o, &st, &ev)) != EXIT_OK)
		goto out;
	if (o.k == 0)
		o.k = ev.review.per_proposal;
	if (o.load == 0)
		o.load = ev.review.max_load;
	e = store_review_assign(
	    st, &ev, (unsigned)o.k, (unsigned)o.load, o.fair, &rep, &msg);
	if (e != STORE_OK) {
		rc = cmd_fail(EXIT_DB, "%s: %s", store_strerror(e), msg.s);
		goto out;
	}
	if (rep.status != ASSIGN_OK) {
		rc = cmd_fail(EXIT_FAIL,
		    "cannot assign %lld reviewers to every proposal of '%s' "
		    "with at most %lld each: %s; nothing was saved",
		    (long long)o.k, ev.slug, (long long)o.load, msg.s);
		goto out;
	}
	printf("assigned '%s' (%s): %zu proposals, %zu reviewers, k=%lld, "
	       "L=%lld\n",
	    ev.slug, o.fair ? "fair" : "total", rep.proposals, rep.reviewers,
	    (long long)o.k, (long long)o.load);
	printf("new assignments: %zu; kept: %zu; allowed pairs: %zu\n",
	    rep.added, rep.kept, rep.edges);
	if (rep.added > 0)
		printf("total affinity: %lld; worst new pair: %d\n",
		    (long long)rep.total_affinity, (int)rep.worst);
	else
		printf("total affinity: %lld; nothing new to assign\n",
		    (long long)rep.total_affinity);
	if (!o.no_time)
		printf("affinity time: %.1f ms; solver time: %.1f ms\n",
		    rep.affinity_seconds * 1000, rep.seconds * 1000);
out:
	store_close(st);
	event_release(&ev);
	buf_release(&msg);
	return rc;
}

/* A normal deviate (Box-Muller), for synthetic scores. */
static double
normal(struct rng *r)
{
	double u = rng_double(r), v = rng_double(r);

	if (u < 1e-12)
		u = 1e-12;
	return sqrt(-2 * log(u)) * cos(6.283185307179586 * v);
}

static int
clamp_score(double x)
{
	long v = lround(x);

	return v < REVIEW_SCORE_MIN ? REVIEW_SCORE_MIN
	    : v > REVIEW_SCORE_MAX  ? REVIEW_SCORE_MAX
				    : (int)v;
}

static enum exit_code
simulate_exec(int argc, char **argv)
{
	struct review_data *list = NULL;
	struct review_pair *pairs = NULL;
	struct review_opts o;
	struct store *st = NULL;
	struct event ev;
	struct buf msg;
	enum exit_code rc;
	enum store_err e;
	size_t npairs = 0, n = 0, i, c;

	if ((rc = parse_opts(&cmd_review_simulate, argc, argv, false, &o)) !=
	    EXIT_OK)
		return rc;
	event_init(&ev);
	buf_init(&msg, 0);
	if ((rc = open_event(&o, &st, &ev)) != EXIT_OK)
		goto out;
	if (ev.review.ncriteria == 0) {
		rc = cmd_fail(
		    EXIT_FAIL, "event '%s' has no review criteria", ev.slug);
		goto out;
	}
	if ((e = store_review_pairs(st, ev.id, &pairs, &npairs)) != STORE_OK) {
		rc = cmd_fail(EXIT_DB, "%s", store_strerror(e));
		goto out;
	}
	list = xcalloc(npairs ? npairs : 1, sizeof(*list));
	for (i = 0; i < npairs; i++) {
		struct review_data *r;
		struct rng pr, rr, nr;
		double quality, severity;

		if (!pairs[i].synthetic || pairs[i].status == REVIEW_SUBMITTED)
			continue;
		/* The proposal's latent quality and the reviewer's severity
		 * depend only on the seed and their ids. */
		rng_seed(&pr,
		    (uint64_t)o.seed * 1000003u +
			(uint64_t)pairs[i].proposal_id);
		rng_seed(&rr,
		    (uint64_t)o.seed * 7919u +
			(uint64_t)pairs[i].reviewer * 104729u);
		rng_seed(&nr,
		    (uint64_t)o.seed ^ ((uint64_t)pairs[i].proposal_id << 20) ^
			(uint64_t)pairs[i].reviewer);
		quality = 3.1 + 0.8 * normal(&pr);
		severity = 0.6 * normal(&rr);
		r = &list[n++];
		r->proposal_id = pairs[i].proposal_id;
		r->reviewer = pairs[i].reviewer;
		r->nscores = ev.review.ncriteria;
		r->scores = xcalloc(r->nscores, sizeof(int));
		for (c = 0; c < r->nscores; c++)
			r->scores[c] =
			    clamp_score(quality - severity + 0.5 * normal(&nr));
		r->confidence = 2 + (int)rng_below(&nr, 4);
		r->status = REVIEW_SUBMITTED;
		if (review_weighted_score(
			&ev.review, r->scores, &r->score, NULL) != REVIEW_OK) {
			rc = cmd_fail(EXIT_INTERNAL, "bad synthetic scores");
			goto out;
		}
	}
	if ((e = store_reviews_put(st, ev.id, &ev.review, list, n, &msg)) !=
	    STORE_OK) {
		rc = cmd_fail(EXIT_DB, "%s: %s", store_strerror(e), msg.s);
		goto out;
	}
	printf("simulated %zu submitted reviews by synthetic reviewers in "
	       "'%s' (seed %lld)\n",
	    n, ev.slug, (long long)o.seed);
out:
	for (i = 0; list != NULL && i < n; i++)
		review_data_release(&list[i]);
	free(list);
	free(pairs);
	store_close(st);
	event_release(&ev);
	buf_release(&msg);
	return rc;
}

static enum exit_code
status_exec(int argc, char **argv)
{
	struct review_progress pg;
	struct review_opts o;
	struct store *st = NULL;
	struct event ev;
	enum exit_code rc;
	enum store_err e;
	size_t i, assigned = 0, drafts = 0, submitted = 0, bare = 0;

	if ((rc = parse_opts(&cmd_review_status, argc, argv, false, &o)) !=
	    EXIT_OK)
		return rc;
	event_init(&ev);
	memset(&pg, 0, sizeof(pg));
	if ((rc = open_event(&o, &st, &ev)) != EXIT_OK)
		goto out;
	if ((e = store_review_progress(st, &ev, &pg)) != STORE_OK) {
		rc = cmd_fail(EXIT_DB, "%s", store_strerror(e));
		goto out;
	}
	for (i = 0; i < pg.nproposals; i++) {
		assigned += pg.proposals[i].assigned;
		drafts += pg.proposals[i].drafts;
		submitted += pg.proposals[i].submitted;
		if (pg.proposals[i].submitted == 0)
			bare++;
	}
	printf("'%s': %zu proposals, %zu reviewers; %zu assignments, %zu "
	       "drafts, %zu submitted; %zu proposals without a review\n",
	    ev.slug, pg.nproposals, pg.nreviewers, assigned, drafts, submitted,
	    bare);
	printf("%-40s %8s %6s %9s %9s\n", "reviewer", "assigned", "drafts",
	    "submitted", "conflicts");
	for (i = 0; i < pg.nreviewers; i++)
		printf("%-40.40s %8zu %6zu %9zu %9zu\n", pg.reviewers[i].email,
		    pg.reviewers[i].assigned, pg.reviewers[i].drafts,
		    pg.reviewers[i].submitted, pg.reviewers[i].conflicts);
out:
	review_progress_release(&pg);
	store_close(st);
	event_release(&ev);
	return rc;
}

#define EXIT_CODES                                                            \
	"\nExit status: 0 done, 1 failed (unknown event, infeasible), 2 bad " \
	"usage,\n3 database error."

const struct cmd cmd_review_assign = {
	.name = "review assign",
	.usage = "review assign --db FILE --event SLUG [--per-proposal K] "
		 "[--max-load L] [--fair] [--no-time]",
	.help =
	    "Assigns K reviewers to every proposal of the event (drafts and "
	    "withdrawn\nones aside), at most L proposals per reviewer (a "
	    "reviewer's own cap wins),\nnever a reviewer with a conflict of "
	    "interest, maximising the total affinity\n(expertise in the "
	    "proposal's themes, its language, the text similarity of\nthe "
	    "reviewer's profile and the proposal).  Existing assignments\nand "
	    "reviews are kept.  When it cannot be done nothing is saved and "
	    "the\nproposals at fault are named.\n\n"
	    "  --db FILE            the database file\n"
	    "  --event SLUG         the event\n"
	    "  --per-proposal K     reviewers per proposal (default: the "
	    "event's)\n"
	    "  --max-load L         proposals per reviewer (default: the "
	    "event's)\n"
	    "  --fair               first make the worst-suited pair as "
	    "good as possible\n"
	    "  --no-time            do not print the timings" EXIT_CODES,
	.exec = assign_exec,
};

const struct cmd cmd_review_simulate = {
	.name = "review simulate",
	.usage = "review simulate --db FILE --event SLUG [--seed N]",
	.help = "Writes submitted reviews for the assignments of synthetic "
		"reviewers (the\ndemo's), from a latent quality per proposal "
		"and a severity per reviewer,\nso that the selection has "
		"scores to work on.  Reviews already submitted\nare kept.\n\n"
		"  --db FILE      the database file\n"
		"  --event SLUG   the event\n"
		"  --seed N       random seed (default 2017)" EXIT_CODES,
	.exec = simulate_exec,
};

const struct cmd cmd_review_status = {
	.name = "review status",
	.usage = "review status --db FILE --event SLUG",
	.help = "Prints the progress of the reviews: totals, then per "
		"reviewer the\nproposals assigned, drafts, submitted reviews "
		"and conflicts.\n\n"
		"  --db FILE      the database file\n"
		"  --event SLUG   the event" EXIT_CODES,
	.exec = status_exec,
};
