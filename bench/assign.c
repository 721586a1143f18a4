/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * assign.c: benchmark of the reviewer assignment solver (issue 6).
 *
 *   assign realistic [RUNS]  650 proposals x 60 reviewers, k = 3, load 35;
 *                            affinities from theme expertise and language
 *                            match, 3% conflicts; median of RUNS (21)
 *                            solves in both modes, then GLPK once
 *   assign demo FILE [RUNS]  the real instance `cabildo review assign`
 *                            builds from `cabildo demo` (affinity with
 *                            text similarity), read from FILE as written
 *                            with CABILDO_ASSIGN_DUMP=FILE (see
 *                            assign_problem_format); as realistic
 *   assign dense [RUNS] [--no-glpk] [--dump FILE]
 *                            5,000 x 2,000 dense random affinities
 *                            (0..999,999), k = 2, load 6; median of RUNS
 *                            (3), then GLPK's out-of-kilter once; --dump
 *                            writes the instance for bench/assign_peer.py
 *
 * Prints "key value" lines; ours_total and glpk_total must be equal (the
 * script checks).  Instances are seeded (SEED, default 2017).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "solve/assign.h"
#include "util/rng.h"
#include "util/util.h"

struct inst {
	size_t np, nr;
	size_t *first;
	struct assign_edge *edges;
	unsigned *load;
	struct assign_problem pb;
};

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
inst_alloc(struct inst *in, size_t np, size_t nr, unsigned k, unsigned load)
{
	in->np = np;
	in->nr = nr;
	in->first = xcalloc(np + 1, sizeof(*in->first));
	in->edges = xcalloc(np * nr, sizeof(*in->edges));
	in->load = xcalloc(nr, sizeof(*in->load));
	for (size_t r = 0; r < nr; r++)
		in->load[r] = load;
	memset(&in->pb, 0, sizeof(in->pb));
	in->pb.nproposals = np;
	in->pb.nreviewers = nr;
	in->pb.per_proposal = k;
	in->pb.max_load = in->load;
	in->pb.first = in->first;
	in->pb.edges = in->edges;
}

static void
inst_free(struct inst *in)
{
	free(in->first);
	free(in->edges);
	free(in->load);
}

/* OGP-like: 12 themes, each proposal one main theme and maybe a second,
 * each reviewer 2-4 themes of expertise; languages es/en/pt (a proposal
 * has one, a reviewer reads one to three).  Affinity: 10 for the main
 * theme, 4 for the second, 3 for the language, plus 0-2 of noise (text
 * similarity).  3% of the pairs are conflicts (no edge). */
static void
inst_realistic(struct inst *in, struct rng *g)
{
	enum { NP = 650, NR = 60, THEMES = 12 };
	unsigned rtheme[NR], rlang[NR];
	size_t m = 0;

	inst_alloc(in, NP, NR, 3, 35);
	for (size_t r = 0; r < NR; r++) {
		unsigned n = 2 + (unsigned)rng_below(g, 3);

		rtheme[r] = 0;
		while (n-- > 0)
			rtheme[r] |= 1u << rng_below(g, THEMES);
		rlang[r] = 1u << rng_below(g, 2); /* es or en */
		if (rng_below(g, 2))
			rlang[r] |= 1u << rng_below(g, 3);
	}
	for (size_t p = 0; p < NP; p++) {
		unsigned main = (unsigned)rng_below(g, THEMES);
		unsigned second =
		    rng_below(g, 2) ? (unsigned)rng_below(g, THEMES) : THEMES;
		uint64_t l = rng_below(g, 100);
		unsigned lang = l < 55 ? 1 : l < 85 ? 2 : 4;

		in->first[p] = m;
		for (size_t r = 0; r < NR; r++) {
			int32_t a = (int32_t)rng_below(g, 3);

			if (rng_below(g, 100) < 3)
				continue;
			if (rtheme[r] & 1u << main)
				a += 10;
			if (second < THEMES && rtheme[r] & 1u << second)
				a += 4;
			if (rlang[r] & lang)
				a += 3;
			in->edges[m].reviewer = (uint32_t)r;
			in->edges[m].affinity = a;
			in->edges[m].keep = false;
			m++;
		}
	}
	in->first[NP] = m;
}

static void
inst_dense(struct inst *in, struct rng *g, size_t NP, size_t NR)
{
	size_t m = 0;

	inst_alloc(in, NP, NR, 2, 6);
	for (size_t p = 0; p < NP; p++) {
		in->first[p] = m;
		for (size_t r = 0; r < NR; r++) {
			in->edges[m].reviewer = (uint32_t)r;
			in->edges[m].affinity = (int32_t)rng_below(g, 1000000);
			in->edges[m].keep = false;
			m++;
		}
	}
	in->first[NP] = m;
}

static void
bad_line(const char *path, size_t line, const char *what)
{
	fprintf(stderr, "assign: %s:%zu: %s\n", path, line, what);
	exit(1);
}

/* Reads the next whitespace-separated integer of *s in [lo, hi]. */
static bool
read_num(char **s, long long lo, long long hi, long long *v)
{
	char *end;

	errno = 0;
	*v = strtoll(*s, &end, 10);
	if (end == *s || errno != 0 || *v < lo || *v > hi ||
	    (*end != ' ' && *end != '\n' && *end != '\0'))
		return false;
	*s = end;
	return true;
}

static bool
line_end(const char *s)
{
	return *s == '\0' || (*s == '\n' && s[1] == '\0');
}

/* The `demo` instance (assign_problem_format).  This reader lives only in
 * bench/, reading the file bench/assign.sh has just had `cabildo review
 * assign` write, so it has no fuzz target; still, it rejects bad input
 * naming file:line and exits. */
static void
inst_read(struct inst *in, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256], *s;
	long long np, nr, k, v[4];
	size_t ln = 0, m = 0, last = 0;

	if (!f) {
		perror(path);
		exit(1);
	}
	if (!fgets(line, sizeof(line), f))
		bad_line(path, 1, "empty file");
	ln = 1;
	s = line;
	if (strncmp(s, "cabildo-assign 1 ", 17) != 0)
		bad_line(path, ln, "expected 'cabildo-assign 1 NP NR K'");
	s += 17;
	if (!read_num(&s, 1, 100000, &np) || !read_num(&s, 1, 100000, &nr) ||
	    !read_num(&s, 1, 1000, &k) || !line_end(s))
		bad_line(path, ln,
		    "expected 'cabildo-assign 1 NP NR K' with NP and NR in "
		    "1..100000, K in 1..1000");
	if ((size_t)np * (size_t)nr > (size_t)50000000)
		bad_line(path, ln, "more than 50 million possible pairs");
	inst_alloc(in, (size_t)np, (size_t)nr, (unsigned)k, 0);
	for (size_t r = 0; r < (size_t)nr; r++) {
		ln++;
		s = line;
		if (!fgets(line, sizeof(line), f))
			bad_line(path, ln, "expected a reviewer's load");
		if (!read_num(&s, 0, 1000000, &v[0]) || !line_end(s))
			bad_line(path, ln, "expected a load in 0..1000000");
		in->load[r] = (unsigned)v[0];
	}
	while (fgets(line, sizeof(line), f)) {
		ln++;
		s = line;
		if (!read_num(&s, 0, np - 1, &v[0]) ||
		    !read_num(&s, 0, nr - 1, &v[1]) ||
		    !read_num(
			&s, -ASSIGN_AFFINITY_MAX, ASSIGN_AFFINITY_MAX, &v[2]) ||
		    !read_num(&s, 0, 1, &v[3]) || !line_end(s))
			bad_line(path, ln,
			    "expected 'PROPOSAL REVIEWER AFFINITY KEEP' with "
			    "indices in range, |affinity| <= 1000000, keep 0 "
			    "or 1");
		if ((size_t)v[0] < last)
			bad_line(path, ln, "edges not grouped by proposal");
		if (m == (size_t)np * (size_t)nr)
			bad_line(path, ln, "more edges than pairs");
		while (last < (size_t)v[0])
			in->first[++last] = m;
		in->edges[m].reviewer = (uint32_t)v[1];
		in->edges[m].affinity = (int32_t)v[2];
		in->edges[m].keep = v[3] != 0;
		m++;
	}
	if (ferror(f))
		bad_line(path, ln, "read error");
	fclose(f);
	while (last < (size_t)np)
		in->first[++last] = m;
}

static double
cpu_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Median wall-clock and CPU times of runs solves, printed with the given
 * prefix; the last result stays in res. */
static void
time_ours(struct inst *in, enum assign_mode mode, int runs,
    struct assign_result *res, const char *prefix)
{
	double *t = xcalloc((size_t)runs, sizeof(*t));
	double *c = xcalloc((size_t)runs, sizeof(*c));
	size_t at = 0;

	for (int i = 0; i < runs; i++) {
		struct buf msg;
		double t0, c0;

		buf_init(&msg, 0);
		if (i > 0)
			assign_result_release(res);
		t0 = now_ms();
		c0 = cpu_ms();
		if (assign_solve(&in->pb, mode, res, &msg) != ASSIGN_OK) {
			fprintf(stderr, "assign: %s\n", msg.s);
			exit(1);
		}
		t[i] = now_ms() - t0;
		c[i] = cpu_ms() - c0;
		buf_release(&msg);
	}
	qsort(t, (size_t)runs, sizeof(*t), cmp_double);
	qsort(c, (size_t)runs, sizeof(*c), cmp_double);
	for (size_t e = 0; e < in->first[in->np]; e++)
		at += res->chosen[e] && in->edges[e].affinity == res->worst;
	printf("%s_ms_median %.3f\n%s_ms_min %.3f\n%s_cpu_ms_median %.3f\n",
	    prefix, t[runs / 2], prefix, t[0], prefix, c[runs / 2]);
	printf("%s_total %lld\n%s_worst %d\n%s_rounds %u\n"
	       "%s_subset_edges %zu\n",
	    prefix, (long long)res->total_affinity, prefix, res->worst, prefix,
	    res->rounds, prefix, res->edges_used);
	printf("%s_at_worst %zu\n", prefix, at);
	free(t);
	free(c);
}

static int
cmp_i64_desc(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x > y ? -1 : x < y;
}

/* Independent optimality check: the LP dual bound of assign.h computed
 * from the reviewers' prices. */
static int64_t
dual_bound(const struct inst *in, const int64_t *price)
{
	int64_t ub = 0, *v = xcalloc(in->nr, sizeof(*v));
	unsigned *kept = xcalloc(in->nr, sizeof(*kept));

	for (size_t e = 0; e < in->first[in->np]; e++)
		if (in->edges[e].keep) {
			kept[in->edges[e].reviewer]++;
			ub += in->edges[e].affinity;
		}
	for (size_t r = 0; r < in->nr; r++)
		if (kept[r] < in->load[r])
			ub += (int64_t)(in->load[r] - kept[r]) * price[r];
	for (size_t p = 0; p < in->np; p++) {
		size_t n = 0, nk = 0;

		for (size_t e = in->first[p]; e < in->first[p + 1]; e++) {
			if (in->edges[e].keep) {
				nk++;
				continue;
			}
			v[n++] = in->edges[e].affinity -
			    price[in->edges[e].reviewer];
		}
		qsort(v, n, sizeof(*v), cmp_i64_desc);
		for (size_t i = 0; i + nk < in->pb.per_proposal && i < n; i++)
			ub += v[i];
	}
	free(v);
	free(kept);
	return ub;
}

static void
run_glpk(struct inst *in)
{
	struct assign_result res;
	struct buf msg;
	double t0, t, c0;

	buf_init(&msg, 0);
	t0 = now_ms();
	c0 = cpu_ms();
	if (assign_solve_glpk(&in->pb, &res, &msg) != ASSIGN_OK) {
		fprintf(stderr, "assign: glpk: %s\n", msg.s);
		exit(1);
	}
	t = now_ms() - t0;
	printf("glpk_ms %.1f\nglpk_cpu_ms %.1f\nglpk_total %lld\n", t,
	    cpu_ms() - c0, (long long)res.total_affinity);
	assign_result_release(&res);
	buf_release(&msg);
}

static void
dump(const struct inst *in, const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		exit(1);
	}
	fprintf(f, "%zu %zu %u %u\n", in->np, in->nr, in->pb.per_proposal,
	    in->load[0]);
	for (size_t p = 0; p < in->np; p++)
		for (size_t e = in->first[p]; e < in->first[p + 1]; e++)
			fprintf(f, "%zu %u %d\n", p, in->edges[e].reviewer,
			    in->edges[e].affinity);
	if (fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

int
main(int argc, char **argv)
{
	struct inst in;
	struct assign_result res;
	struct rng g;
	const char *seed = getenv("SEED"), *dumpto = NULL;
	const char *file = NULL;
	bool dense, demo, glpk = true;
	int runs = 0;
	size_t np = 5000, nr = 2000;
	double t0;

	if (argc < 2 ||
	    (strcmp(argv[1], "realistic") != 0 &&
		strcmp(argv[1], "dense") != 0 &&
		(strcmp(argv[1], "demo") != 0 || argc < 3))) {
		fprintf(stderr,
		    "usage: assign realistic|dense|demo FILE [RUNS] "
		    "[--no-glpk] [--dump FILE]\n");
		return 2;
	}
	dense = strcmp(argv[1], "dense") == 0;
	demo = strcmp(argv[1], "demo") == 0;
	if (demo)
		file = argv[2];
	for (int i = demo ? 3 : 2; i < argc; i++) {
		if (strcmp(argv[i], "--no-glpk") == 0)
			glpk = false;
		else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
			dumpto = argv[++i];
		else if (strcmp(argv[i], "--size") == 0 && i + 2 < argc) {
			np = strtoul(argv[++i], NULL, 10);
			nr = strtoul(argv[++i], NULL, 10);
			if (np < 1 || np > 100000 || nr < 2 || nr > 100000) {
				fprintf(stderr, "assign: bad --size\n");
				return 2;
			}
		} else
			runs = (int)strtol(argv[i], NULL, 10);
	}
	if (runs < 1 || runs > 1000)
		runs = dense ? 3 : 21;
	rng_seed(&g, seed ? strtoull(seed, NULL, 10) : 2017);
	t0 = now_ms();
	if (dense)
		inst_dense(&in, &g, np, nr);
	else if (demo)
		inst_read(&in, file);
	else
		inst_realistic(&in, &g);
	printf("instance %s\nproposals %zu\nreviewers %zu\nedges %zu\n"
	       "per_proposal %u\nload %u\ngenerate_ms %.1f\nruns %d\n",
	    argv[1], in.np, in.nr, in.first[in.np], in.pb.per_proposal,
	    in.load[0], now_ms() - t0, runs);
	if (dumpto)
		dump(&in, dumpto);

	time_ours(&in, ASSIGN_TOTAL, runs, &res, "ours");
	t0 = now_ms();
	printf("ours_dual_bound %lld\n", (long long)dual_bound(&in, res.price));
	printf("check_ms %.1f\n", now_ms() - t0);
	assign_result_release(&res);
	if (!dense) {
		time_ours(&in, ASSIGN_FAIR, runs, &res, "fair");
		assign_result_release(&res);
	}
	fflush(stdout);
	if (glpk)
		run_glpk(&in);
	inst_free(&in);
	return 0;
}
