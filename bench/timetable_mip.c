/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * timetable_mip.c: the local search against the exact peer.  Random small
 * instances (up to 100 sessions; rooms of mixed capacity, a quarter of the
 * sessions needing a booth, shared speakers, participants starring 4 to 8
 * sessions with skewed popularity) are solved as a MIP by GLPK and by our
 * solver in the same run, under the MIP's linear objective (theme weights
 * zero).  Prints GLPK's optimum and time, our objective after a tenth of
 * GLPK's time, and our time to reach GLPK's optimum (capped at GLPK's
 * time).
 *
 * usage: timetable_mip [-l GLPK_SECONDS] [-s SEED]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "solve/timetable.h"
#include "solve/timetable_mip.h"
#include "util/rng.h"
#include "util/util.h"

struct gen {
	struct tt_instance in;
	struct tt_unit units[64];
	struct tt_room rooms[32];
	struct tt_item items[128];
	struct tt_person persons[256];
	int spk[128][2];
	int want_off[1024];
	int want[1024 * 8];
};

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void
generate(struct gen *g, int n, int R, int U, int P, uint64_t seed)
{
	struct rng r;
	double pop[128], w[128];
	int i, p, k, nw = 0;

	memset(g, 0, sizeof(*g));
	rng_seed(&r, seed);
	for (i = 0; i < U; i++)
		g->units[i] = (struct tt_unit){ i / 4, 540 + (i % 4) * 90, 90 };
	for (i = 0; i < R; i++)
		g->rooms[i] = (struct tt_room){ 20 + (int)rng_below(&r, 60),
			i < (R + 2) / 3 ? TT_NEED_BOOTH : 0, NULL };
	for (i = 0; i < n; i++) {
		struct tt_item *it = &g->items[i];

		it->minutes = 90;
		it->theme = -1;
		it->needs = rng_below(&r, 4) == 0 ? TT_NEED_BOOTH : 0;
		it->speakers = g->spk[i];
		g->spk[i][0] = (int)rng_below(&r, (uint64_t)(n * 3 / 4 + 1));
		it->nspeakers = 1;
		it->fixed_room = it->fixed_unit = -1;
		it->pub_room = it->pub_unit = -1;
		pop[i] = 1.0 / pow((double)(i + 1), 0.7);
	}
	for (p = 0; p < P; p++) {
		int m = 4 + (int)rng_below(&r, 5);

		memcpy(w, pop, sizeof(double) * (size_t)n);
		g->want_off[p] = nw;
		for (k = 0; k < m && k < n; k++) {
			int x = (int)rng_weighted(&r, w, (size_t)n);

			g->want[nw++] = x;
			w[x] = 0;
			g->items[x].audience++;
		}
		qsort(g->want + g->want_off[p], (size_t)(nw - g->want_off[p]),
		    sizeof(int), cmp_int);
	}
	g->want_off[P] = nw;
	g->in.units = g->units;
	g->in.nunits = U;
	g->in.rooms = g->rooms;
	g->in.nrooms = R;
	g->in.items = g->items;
	g->in.nitems = n;
	g->in.persons = g->persons;
	g->in.npersons = n;
	g->in.nparticipants = P;
	g->in.want_off = g->want_off;
	g->in.want = g->want;
	g->in.w = tt_default_weights;
	g->in.w.theme_par = 0;
	g->in.w.theme_room = 0;
}

static void
ours(const struct tt_instance *in, double limit, int64_t target,
    struct tt_cost *cost, struct tt_stats *st)
{
	struct tt_opts o;
	struct tt_assign a;

	memset(&o, 0, sizeof(o));
	o.seed = 1;
	o.time_limit = limit;
	o.threads = 1;
	o.target = target;
	tt_assign_init(&a, in->nitems);
	timetable_solve(in, &o, &a, cost, st);
	tt_assign_release(&a);
}

int
main(int argc, char **argv)
{
	static const struct {
		int n, rooms, units, participants;
	} sizes[] = {
		{ 12, 3, 4, 40 },
		{ 20, 4, 6, 60 },
		{ 30, 5, 8, 80 },
		{ 45, 6, 8, 120 },
		{ 60, 8, 8, 160 },
		{ 80, 10, 8, 200 },
		{ 100, 12, 10, 250 },
	};
	double glpk_limit = 120;
	uint64_t seed = 1;
	static struct gen g;
	size_t k;
	int c;

	while ((c = getopt(argc, argv, "l:s:")) != -1) {
		if (c == 'l')
			glpk_limit = strtod(optarg, NULL);
		else if (c == 's')
			seed = strtoull(optarg, NULL, 10);
		else {
			fprintf(stderr, "usage: %s [-l SECONDS] [-s SEED]\n",
			    argv[0]);
			return 2;
		}
	}
	printf("%-5s %-5s %-5s %-5s %10s %10s %9s %-11s %10s %10s %10s\n",
	    "items", "rooms", "units", "parts", "lp_bound", "glpk_obj",
	    "glpk_s", "glpk", "ours@t/10", "ours_to_opt_s", "combi_lb");
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		struct tt_mip_result mr;
		struct tt_cost c1, c2;
		struct tt_stats s1, s2;
		enum tt_mip_err e;

		generate(&g, sizes[k].n, sizes[k].rooms, sizes[k].units,
		    sizes[k].participants, seed + k);
		e = timetable_mip(&g.in, glpk_limit, NULL, &mr);
		ours(&g.in, mr.seconds / 10 > 0.01 ? mr.seconds / 10 : 0.01,
		    mr.obj, &c1, &s1);
		ours(&g.in, mr.seconds > 0.01 ? mr.seconds : 0.01, mr.obj, &c2,
		    &s2);
		printf("%-5d %-5d %-5d %-5d %10.0f %10lld %9.2f %-11s %10lld ",
		    sizes[k].n, sizes[k].rooms, sizes[k].units,
		    sizes[k].participants, mr.lp, (long long)mr.obj, mr.seconds,
		    e == TT_MIP_OK ? "optimal" : "time-limit",
		    (long long)(c1.hard > 0 ? -1 : c1.soft));
		if (s2.hit_target && c2.hard == 0)
			printf("%10.3f ", s2.seconds);
		else
			printf("%10s ", "not-reached");
		printf("%10lld\n", (long long)s1.bound);
		fflush(stdout);
	}
	return 0;
}
