/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * select.c: balanced selection at OGP scale.  For each seed: the demo
 * population of the OGP Americas 2017 event (650 proposals, demo.h),
 * synthetic reviews (each proposal a hidden quality, three of 60 reviewers
 * each with a severity, scores 1..5), normalised by score_norm, and then
 * select_solve with every quota on at OGP-like values:
 *
 *   capacity  65 sessions (panel, workshop, country panel, ministry event:
 *             one room-slot each) and 43 lightning talks
 *   themes    each of the 7 at least 8 and at most 24 items
 *   formats   panel 20..45, workshop 6..20, country panel 4..15,
 *             ministry event 1..8, lightning talk 25..43
 *   mixed     panels (panel, country panel) mixing state and non-state
 *             speakers >= 50%
 *   women     >= 45% of speaker slots (gender not given counts as not)
 *   countries >= 15 of the 18
 *   org       <= 3 accepted items per submitting organisation
 *   speaker   <= 2 accepted items per person
 *
 * Prints per seed GLPK's status, relative gap, solve time, objective and
 * the quotas that are active, then the medians; with -g also the gain of
 * each quota (a re-solve per quota) for the first seed; with -x also times
 * the conflict diagnosis of an infeasible variant (women >= 70%, theme
 * minimum 16, and the rest unchanged).
 *
 * -w and -m change the women and mixed-panel shares (default 0.45, 0.5).
 *
 * usage: select [-e EVENT_JSON] [-s SEEDS] [-t TIME_LIMIT] [-g] [-x]
 *               [-w WOMEN_SHARE] [-m MIXED_SHARE]
 */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/demo.h"
#include "core/person.h"
#include "core/score_norm.h"
#include "formats/event_json.h"
#include "solve/select.h"
#include "util/rng.h"
#include "util/util.h"

#define NREVIEWERS 60
#define PER_PROP   3

struct bench {
	struct event ev;
	struct population pop;
	struct sel_person *persons;
	struct sel_item *items;
	const char **theme_names, **format_names;
	size_t norgs;
};

static double
normal(struct rng *r)
{
	double u = rng_double(r), v = rng_double(r);

	if (u < 1e-300)
		u = 1e-300;
	return sqrt(-2 * log(u)) * cos(6.283185307179586 * v);
}

static void
load_event(const char *path, struct event *ev)
{
	struct buf err;
	char *text;
	size_t len;

	if (read_file(path, EVENT_JSON_MAX_BYTES, &text, &len) != READ_OK) {
		fprintf(stderr, "select: cannot read %s\n", path);
		exit(1);
	}
	event_init(ev);
	buf_init(&err, 0);
	if (event_json_parse(text, len, path, ev, &err) != EVENT_JSON_OK) {
		fprintf(stderr, "select: %s\n", err.s);
		exit(1);
	}
	buf_release(&err);
	free(text);
}

static size_t
country_index(const char *code)
{
	unsigned i;

	for (i = 0; i < ogp_americas_count; i++)
		if (strcmp(ogp_americas[i].code, code) == 0)
			return i;
	return SEL_NONE;
}

/* Synthetic reviews normalised for severity: score = 3 + mean z. */
static void
scores(uint64_t seed, size_t n, double *out)
{
	struct sn_review *rv = xcalloc(n * PER_PROP, sizeof(*rv));
	struct sn_proposal *sp = xcalloc(n, sizeof(*sp));
	double sev[NREVIEWERS];
	struct rng r;
	size_t i, k;

	rng_seed(&r, seed ^ 0x5e1ec7);
	for (k = 0; k < NREVIEWERS; k++)
		sev[k] = 0.6 * normal(&r);
	for (i = 0; i < n; i++) {
		double q = normal(&r);

		for (k = 0; k < PER_PROP; k++) {
			struct sn_review *x = &rv[i * PER_PROP + k];
			double s;

			x->proposal = i;
			x->reviewer = (i * PER_PROP + k) % NREVIEWERS;
			s = round(3 + q + sev[x->reviewer] + 0.5 * normal(&r));
			x->score = s < 1 ? 1 : s > 5 ? 5 : s;
			x->confidence = 1 + (int)rng_below(&r, 5);
		}
	}
	if (score_norm(rv, n * PER_PROP, n, NREVIEWERS, sp, NULL, NULL) !=
	    SCORE_NORM_OK)
		abort();
	for (i = 0; i < n; i++)
		out[i] = 3 + sp[i].z;
	free(sp);
	free(rv);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t
org_index(char **sorted, size_t n, const char *org)
{
	char **hit = bsearch(&org, sorted, n, sizeof(*sorted), cmp_str);

	return hit != NULL ? (size_t)(hit - sorted) : SEL_NONE;
}

static void
build(struct bench *b, uint64_t seed, size_t nprop)
{
	struct demo_params dp = { seed, nprop, 0 };
	struct population *pop = &b->pop;
	char **orgs;
	double *sc;
	size_t i, k, n;

	memset(pop, 0, sizeof(*pop));
	demo_generate(&b->ev, &dp, pop);
	b->persons = xcalloc(pop->npersons, sizeof(*b->persons));
	for (i = 0; i < pop->npersons; i++) {
		const struct person *p = &pop->persons[i];

		b->persons[i].woman =
		    p->gender != NULL && strcmp(p->gender, "woman") == 0;
		b->persons[i].gender_unknown = p->gender == NULL;
		b->persons[i].country = country_index(p->country);
	}
	orgs = xcalloc(pop->npersons + 1, sizeof(*orgs));
	for (i = 0; i < pop->npersons; i++)
		orgs[i] = pop->persons[i].organisation;
	qsort(orgs, pop->npersons, sizeof(*orgs), cmp_str);
	for (i = n = 0; i < pop->npersons; i++)
		if (n == 0 || strcmp(orgs[n - 1], orgs[i]) != 0)
			orgs[n++] = orgs[i];
	b->norgs = n;

	sc = xcalloc(pop->nproposals, sizeof(*sc));
	scores(seed, pop->nproposals, sc);
	b->items = xcalloc(pop->nproposals, sizeof(*b->items));
	for (i = 0; i < pop->nproposals; i++) {
		const struct proposal *pr = &pop->proposals[i];
		const char *fk = b->ev.formats[pr->format].key;
		struct sel_item *it = &b->items[i];
		bool state = false, other = false;

		it->name = pr->title;
		it->score = sc[i];
		it->size = 1;
		it->format = pr->format;
		it->theme = pr->theme;
		it->is_panel = strcmp(fk, "panel") == 0 ||
		    strcmp(fk, "country-panel") == 0;
		for (k = 0; k < pr->nspeakers; k++) {
			if (sector_is_state(
				pop->persons[pr->speakers[k]].sector))
				state = true;
			else
				other = true;
		}
		it->mixes_sectors = state && other;
		it->org = org_index(
		    orgs, n, pop->persons[pr->speakers[0]].organisation);
		it->speakers = pr->speakers;
		it->nspeakers = pr->nspeakers;
	}
	free(sc);
	free(orgs);
}

static void
release(struct bench *b)
{
	free(b->items);
	free(b->persons);
	population_release(&b->pop);
}

static long
format_of(const struct event *ev, const char *key)
{
	long f = event_format_find(ev, key);

	if (f < 0) {
		fprintf(stderr, "select: the event has no format '%s'\n", key);
		exit(1);
	}
	return f;
}

struct quota_set {
	struct sel_quotas q;
	struct sel_capacity caps[2];
	int tmin[64], tmax[64], fmin[64], fmax[64];
};

static double women_share = 0.45, mixed_share = 0.5;

static void
ogp_quotas(const struct event *ev, struct quota_set *s, bool infeasible)
{
	static const struct {
		const char *key;
		int min, max;
	} fq[] = {
		{ "panel", 20, 45 },
		{ "workshop", 6, 20 },
		{ "country-panel", 4, 15 },
		{ "ministry-event", 1, 8 },
		{ "lightning-talk", 25, 43 },
	};
	long lt = format_of(ev, "lightning-talk");
	size_t i;

	memset(s, 0, sizeof(*s));
	if (ev->nthemes > 64 || ev->nformats > 64) {
		fprintf(stderr, "select: too many themes or formats\n");
		exit(1);
	}
	s->caps[0] = (struct sel_capacity){ "sessions",
		((UINT64_C(1) << ev->nformats) - 1) & ~(UINT64_C(1) << lt),
		65 };
	s->caps[1] =
	    (struct sel_capacity){ "lightning", UINT64_C(1) << lt, 43 };
	s->q.caps = s->caps;
	s->q.ncaps = 2;
	for (i = 0; i < ev->nthemes; i++) {
		s->tmin[i] = infeasible ? 16 : 8;
		s->tmax[i] = 24;
	}
	for (i = 0; i < ev->nformats; i++) {
		s->fmin[i] = 0;
		s->fmax[i] = -1;
	}
	for (i = 0; i < ARRAY_SIZE(fq); i++) {
		long f = format_of(ev, fq[i].key);

		s->fmin[f] = fq[i].min;
		s->fmax[f] = fq[i].max;
	}
	s->q.theme_min = s->tmin;
	s->q.theme_max = s->tmax;
	s->q.format_min = s->fmin;
	s->q.format_max = s->fmax;
	s->q.mixed_share = mixed_share;
	s->q.women_share = infeasible ? 0.7 : women_share;
	s->q.min_countries = 15;
	s->q.max_per_org = 3;
	s->q.max_per_speaker = 2;
}

/* Process CPU time: GLPK is single-threaded, so on a loaded machine this
 * is nearer the solver's own cost than the wall clock. */
static double
cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static const char *
glp_status_name(int st)
{
	switch (st) {
	case GLP_OPT:
		return "GLP_OPT";
	case GLP_FEAS:
		return "GLP_FEAS";
	case GLP_NOFEAS:
		return "GLP_NOFEAS";
	case GLP_UNDEF:
		return "GLP_UNDEF";
	default:
		return "?";
	}
}

int
main(int argc, char **argv)
{
	const char *event_path = "data/events/ogp-americas-2017.json";
	struct sel_options opt = { .time_limit = 10 };
	bool want_gains = false, want_infeasible = false;
	int nseeds = 5, c, s, nonopt = 0;
	double *times, *gaps, *cpus, c0;
	struct bench b;
	struct quota_set qs;

	while ((c = getopt(argc, argv, "e:s:t:gxw:m:")) != -1) {
		switch (c) {
		case 'e':
			event_path = optarg;
			break;
		case 's': {
			int64_t v;

			if (!parse_i64(optarg, 1, 1000, &v)) {
				fprintf(stderr, "select: -s: 1 to 1000\n");
				return 2;
			}
			nseeds = (int)v;
			break;
		}
		case 't':
			opt.time_limit = strtod(optarg, NULL);
			break;
		case 'g':
			want_gains = true;
			break;
		case 'w':
			women_share = strtod(optarg, NULL);
			break;
		case 'm':
			mixed_share = strtod(optarg, NULL);
			break;
		case 'x':
			want_infeasible = true;
			break;
		default:
			fprintf(stderr,
			    "usage: select [-e EVENT_JSON] [-s SEEDS] "
			    "[-t TIME_LIMIT] [-g] [-x] [-w WOMEN_SHARE] "
			    "[-m MIXED_SHARE]\n");
			return 2;
		}
	}
	memset(&b, 0, sizeof(b));
	load_event(event_path, &b.ev);
	b.theme_names = xcalloc(b.ev.nthemes + 1, sizeof(char *));
	b.format_names = xcalloc(b.ev.nformats + 1, sizeof(char *));
	for (c = 0; c < (int)b.ev.nthemes; c++)
		b.theme_names[c] = b.ev.themes[c].key;
	for (c = 0; c < (int)b.ev.nformats; c++)
		b.format_names[c] = b.ev.formats[c].key;
	ogp_quotas(&b.ev, &qs, false);
	times = xcalloc((size_t)nseeds, sizeof(*times));
	gaps = xcalloc((size_t)nseeds, sizeof(*gaps));
	cpus = xcalloc((size_t)nseeds, sizeof(*cpus));

	printf("%-5s %-9s %-8s %9s %9s %9s %9s %8s %5s %5s  %s\n", "seed",
	    "status", "glpk", "gap", "seconds", "cpu", "objective", "accepted",
	    "vars", "rows", "active quotas");
	for (s = 1; s <= nseeds; s++) {
		struct sel_instance in = { 0 };
		struct sel_result res;
		size_t k;

		build(&b, (uint64_t)s, DEMO_DEFAULT_PROPOSALS);
		in.items = b.items;
		in.nitems = b.pop.nproposals;
		in.persons = b.persons;
		in.npersons = b.pop.npersons;
		in.nthemes = b.ev.nthemes;
		in.nformats = b.ev.nformats;
		in.ncountries = ogp_americas_count;
		in.norgs = b.norgs;
		in.theme_names = b.theme_names;
		in.format_names = b.format_names;
		sel_result_init(&res);
		opt.gains = false;
		c0 = cpu();
		select_solve(&in, &qs.q, &opt, &res);
		cpus[s - 1] = cpu() - c0;
		times[s - 1] = res.seconds;
		gaps[s - 1] = res.gap;
		if (res.status != SEL_OPTIMAL)
			nonopt++;
		printf("%-5d %-9s %-8s %9.2e %9.3f %9.3f %9.3f %8zu %5d %5d ",
		    s,
		    res.status == SEL_OPTIMAL ? "optimal"
					      : sel_status_str(res.status),
		    glp_status_name(res.glp_status), res.gap, res.seconds,
		    cpus[s - 1], res.objective, res.naccepted, res.vars,
		    res.rows);
		for (k = 0; k < res.nquotas; k++)
			if (res.quotas[k].active)
				printf(" [%s]", res.quotas[k].name);
		printf("\n");
		if (want_gains && s == 1) {
			opt.gains = true;
			select_solve(&in, &qs.q, &opt, &res);
			printf(
			    "      gains (seed %d, %.3f s for %zu re-solves):\n",
			    s, res.extra_seconds, res.nquotas);
			for (k = 0; k < res.nquotas; k++)
				if (res.quotas[k].gain_known)
					printf(
					    "        %-40s value %8.3f  gain "
					    "%8.4f%s\n",
					    res.quotas[k].name,
					    res.quotas[k].value,
					    res.quotas[k].gain,
					    res.quotas[k].binds ? "  binds"
								: "");
		}
		if (want_infeasible && s == 1) {
			struct quota_set bad;

			ogp_quotas(&b.ev, &bad, true);
			select_solve(&in, &bad.q, &opt, &res);
			printf("      infeasible variant: %s in %.3f s + "
			       "diagnosis %.3f s: %s\n",
			    sel_status_str(res.status), res.seconds,
			    res.extra_seconds, res.message ? res.message : "-");
		}
		sel_result_release(&res);
		release(&b);
	}
	printf("median over %d seeds: %.3f s wall, %.3f s cpu, gap %.2e "
	       "(time limit %g s)\n",
	    nseeds, median(times, (size_t)nseeds), median(cpus, (size_t)nseeds),
	    median(gaps, (size_t)nseeds), opt.time_limit);
	free(times);
	free(gaps);
	free(cpus);
	free(b.theme_names);
	free(b.format_names);
	event_release(&b.ev);
	if (nonopt > 0) /* a benchmark reports; it does not fail the build */
		printf("NOT OPTIMAL: %d of %d seeds\n", nonopt, nseeds);
	return 0;
}
