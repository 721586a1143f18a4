/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * timetable_fosdem.c: the timetable optimiser at FOSDEM scale.  Reads the
 * talks (duration, track, speakers) and rooms of a frab XML schedule
 * (FOSDEM 2025: 943 talks, 80 rooms) with libxml2; a room is open on a
 * day from its first talk to its last, on a 5-minute grid; room
 * capacities are synthetic (seeded).  5,000 synthetic participants star
 * 20 talks each, popularity skewed (Zipf) and clustered by track (three
 * favourite tracks take 70% of the stars).  The audience of a talk is its
 * stars.  Then it solves from scratch for each time limit and seed, and
 * prints hard violations, objective, bound, gap, moves per second per
 * core and the peak resident memory.
 *
 * usage: timetable_fosdem [-f FILE] [-p PARTICIPANTS] [-i INTERESTS]
 *                         [-t SECONDS,...] [-s SEEDS] [-j THREADS]
 *                         [-L HISTORY] [-m MOVES_PER_THREAD]
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "solve/timetable.h"
#include "util/rng.h"
#include "util/util.h"

#define GRID     5
#define MAXROOMS 256
#define MAXDAYS  8

struct talk {
	int day, start, minutes, room, track;
	int spk[8], nspk;
};

static struct talk *talks;
static int ntalks, talks_cap;
static char *room_names[MAXROOMS];
static int nrooms;
static char *track_names[512];
static int ntracks;
static int64_t *person_ids;
static int npersons, persons_cap;

static int
intern(char **names, int *n, int max, const char *s)
{
	int i;

	for (i = 0; i < *n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	if (*n >= max)
		die("too many names");
	names[*n] = xstrdup(s);
	return (*n)++;
}

static int
person_of(int64_t id)
{
	int i;

	for (i = 0; i < npersons; i++)
		if (person_ids[i] == id)
			return i;
	if (npersons == persons_cap) {
		persons_cap = persons_cap ? persons_cap * 2 : 256;
		person_ids = xreallocarray(
		    person_ids, (size_t)persons_cap, sizeof(*person_ids));
	}
	person_ids[npersons] = id;
	return npersons++;
}

static char *
text_of(xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	char *s = xstrdup(c != NULL ? (const char *)c : "");

	xmlFree(c);
	return s;
}

static void
read_event(xmlNode *ev, int day)
{
	struct talk t;
	xmlNode *c, *p;
	int h, m;

	memset(&t, 0, sizeof(t));
	t.day = day;
	t.track = -1;
	for (c = ev->children; c != NULL; c = c->next) {
		char *s;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "persons") == 0) {
			for (p = c->children; p != NULL; p = p->next) {
				xmlChar *id;

				if (p->type != XML_ELEMENT_NODE || t.nspk == 8)
					continue;
				id = xmlGetProp(p, (const xmlChar *)"id");
				if (id != NULL)
					t.spk[t.nspk++] = person_of(strtoll(
					    (const char *)id, NULL, 10));
				xmlFree(id);
			}
			continue;
		}
		s = text_of(c);
		if (strcmp((const char *)c->name, "start") == 0 &&
		    sscanf(s, "%d:%d", &h, &m) == 2)
			t.start = h * 60 + m;
		else if (strcmp((const char *)c->name, "duration") == 0 &&
		    sscanf(s, "%d:%d", &h, &m) == 2)
			t.minutes = h * 60 + m;
		else if (strcmp((const char *)c->name, "room") == 0)
			t.room = intern(room_names, &nrooms, MAXROOMS, s);
		else if (strcmp((const char *)c->name, "track") == 0)
			t.track = intern(track_names, &ntracks, 512, s);
		free(s);
	}
	if (t.minutes <= 0)
		return;
	if (ntalks == talks_cap) {
		talks_cap = talks_cap ? talks_cap * 2 : 256;
		talks = xreallocarray(talks, (size_t)talks_cap, sizeof(*talks));
	}
	talks[ntalks++] = t;
}

static void
read_schedule(const char *path, int *ndays)
{
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	xmlNode *root, *d, *r, *e;

	if (doc == NULL)
		die("%s: cannot parse", path);
	root = xmlDocGetRootElement(doc);
	*ndays = 0;
	for (d = root->children; d != NULL; d = d->next) {
		if (d->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)d->name, "day") != 0)
			continue;
		for (r = d->children; r != NULL; r = r->next)
			for (e = r->children; e != NULL; e = e->next)
				if (e->type == XML_ELEMENT_NODE &&
				    strcmp((const char *)e->name, "event") == 0)
					read_event(e, *ndays);
		if (++*ndays == MAXDAYS)
			break;
	}
	xmlFreeDoc(doc);
}

struct bench {
	struct tt_instance in;
	struct tt_unit *units;
	struct tt_room *rooms;
	struct tt_item *items;
	struct tt_person *persons;
	bool *open;
	int *want_off, *want;
	int day_first[MAXDAYS], day_units[MAXDAYS];
};

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static void
build(struct bench *b, int ndays, int nparts, int ninterests, uint64_t seed)
{
	int lo[MAXDAYS], hi[MAXDAYS], i, d, u, r, p, U = 0;
	double *pop, *w, *tw;
	struct rng rg;

	rng_seed(&rg, seed);
	for (d = 0; d < ndays; d++) {
		lo[d] = 24 * 60;
		hi[d] = 0;
	}
	for (i = 0; i < ntalks; i++) {
		struct talk *t = &talks[i];

		if (t->start < lo[t->day])
			lo[t->day] = t->start;
		if (t->start + t->minutes > hi[t->day])
			hi[t->day] = t->start + t->minutes;
	}
	for (d = 0; d < ndays; d++) {
		lo[d] = lo[d] / GRID * GRID;
		b->day_first[d] = U;
		b->day_units[d] = (hi[d] - lo[d] + GRID - 1) / GRID;
		U += b->day_units[d];
	}
	b->units = xcalloc((size_t)U, sizeof(*b->units));
	for (d = 0; d < ndays; d++)
		for (u = 0; u < b->day_units[d]; u++)
			b->units[b->day_first[d] + u] =
			    (struct tt_unit){ d, lo[d] + u * GRID, GRID };
	/* Rooms open from their first talk to their last, per day. */
	b->open = xcalloc((size_t)nrooms * (size_t)U, sizeof(bool));
	for (r = 0; r < nrooms; r++)
		for (d = 0; d < ndays; d++) {
			int a = 24 * 60, z = 0;

			for (i = 0; i < ntalks; i++)
				if (talks[i].room == r && talks[i].day == d) {
					if (talks[i].start < a)
						a = talks[i].start;
					if (talks[i].start + talks[i].minutes >
					    z)
						z = talks[i].start +
						    talks[i].minutes;
				}
			for (u = 0; u < b->day_units[d]; u++) {
				int m = lo[d] + u * GRID;

				b->open[r * U + b->day_first[d] + u] =
				    m >= a && m + GRID <= z;
			}
		}
	b->rooms = xcalloc((size_t)nrooms, sizeof(*b->rooms));
	for (r = 0; r < nrooms; r++) {
		double x = rng_double(&rg);

		b->rooms[r].capacity = 40 + (int)(1400.0 * x * x * x);
		b->rooms[r].features = TT_NEED_BOOTH | TT_NEED_STEP_FREE;
		b->rooms[r].name = room_names[r];
	}
	b->persons = xcalloc((size_t)npersons + 1, sizeof(*b->persons));
	b->items = xcalloc((size_t)ntalks, sizeof(*b->items));
	for (i = 0; i < ntalks; i++) {
		struct tt_item *it = &b->items[i];

		it->minutes = talks[i].minutes;
		it->theme = talks[i].track;
		it->speakers = talks[i].spk;
		it->nspeakers = talks[i].nspk;
		it->fixed_room = it->fixed_unit = -1;
		it->pub_room = it->pub_unit = -1;
	}
	/* Participants: Zipf popularity, three favourite tracks. */
	pop = xcalloc((size_t)ntalks, sizeof(*pop));
	w = xcalloc((size_t)ntalks, sizeof(*w));
	tw = xcalloc((size_t)ntracks + 1, sizeof(*tw));
	for (i = 0; i < ntalks; i++) {
		pop[i] = 1.0 /
		    pow((double)(rng_below(&rg, (uint64_t)ntalks) + 1), 0.8);
		if (talks[i].track >= 0)
			tw[talks[i].track] += 1;
	}
	b->want_off = xcalloc((size_t)nparts + 1, sizeof(int));
	b->want = xcalloc((size_t)nparts * (size_t)ninterests + 1, sizeof(int));
	for (p = 0; p < nparts; p++) {
		int fav[3], k, n = b->want_off[p];

		for (k = 0; k < 3; k++)
			fav[k] = (int)rng_weighted(&rg, tw, (size_t)ntracks);
		for (i = 0; i < ntalks; i++) {
			bool mine = false;

			for (k = 0; k < 3; k++)
				mine |= talks[i].track == fav[k];
			w[i] = pop[i] * (mine ? 40.0 : 1.0);
		}
		for (k = 0; k < ninterests; k++) {
			int x = (int)rng_weighted(&rg, w, (size_t)ntalks);

			b->want[n++] = x;
			w[x] = 0;
		}
		qsort(b->want + b->want_off[p], (size_t)ninterests, sizeof(int),
		    cmp_int);
		b->want_off[p + 1] = n;
		for (k = b->want_off[p]; k < n; k++)
			b->items[b->want[k]].audience++;
	}
	free(pop);
	free(w);
	free(tw);
	b->in.units = b->units;
	b->in.nunits = U;
	b->in.rooms = b->rooms;
	b->in.nrooms = nrooms;
	b->in.cell_open = b->open;
	b->in.items = b->items;
	b->in.nitems = ntalks;
	b->in.persons = b->persons;
	b->in.npersons = npersons;
	b->in.nthemes = ntracks;
	b->in.nparticipants = nparts;
	b->in.want_off = b->want_off;
	b->in.want = b->want;
	b->in.w = tt_default_weights;
}

static double
cpu_seconds(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
}

static double
rss_mb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0;
}

int
main(int argc, char **argv)
{
	const char *file = "../shared/data/fosdem/fosdem-2025.xml";
	char limits[256] = "1,30";
	int nparts = 5000, nint = 20, nseeds = 3, threads = 2, ndays, c;
	unsigned history = 0;
	uint64_t max_moves = 0;
	struct bench b;
	struct tt_report diag;
	char *tok, *end;

	while ((c = getopt(argc, argv, "f:p:i:t:s:j:L:m:")) != -1) {
		switch (c) {
		case 'f':
			file = optarg;
			break;
		case 'p':
			nparts = (int)strtol(optarg, NULL, 10);
			break;
		case 'i':
			nint = (int)strtol(optarg, NULL, 10);
			break;
		case 't':
			snprintf(limits, sizeof(limits), "%s", optarg);
			break;
		case 's':
			nseeds = (int)strtol(optarg, NULL, 10);
			break;
		case 'j':
			threads = (int)strtol(optarg, NULL, 10);
			break;
		case 'L':
			history = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'm':
			max_moves = strtoull(optarg, NULL, 10);
			break;
		default:
			fprintf(stderr,
			    "usage: %s [-f FILE] [-p N] [-i N] "
			    "[-t S,S] [-s SEEDS] [-j THREADS] [-L HISTORY] "
			    "[-m MOVES]\n",
			    argv[0]);
			return 2;
		}
	}
	read_schedule(file, &ndays);
	memset(&b, 0, sizeof(b));
	build(&b, ndays, nparts, nint, 2025);
	printf("instance: %d talks, %d rooms, %d tracks, %d speakers, %d "
	       "units of %d min over %d days, %d participants x %d "
	       "interests\n",
	    ntalks, nrooms, ntracks, npersons, b.in.nunits, GRID, ndays, nparts,
	    nint);
	memset(&diag, 0, sizeof(diag));
	timetable_diagnose(&b.in, &diag);
	printf("diagnosis: %zu issues; lower bound %lld\n", diag.n,
	    (long long)timetable_lower_bound(&b.in));
	tt_report_release(&diag);
	{
		struct tt_opts o;
		struct tt_assign a;
		struct tt_cost cost;
		struct tt_stats st;
		int k;

		memset(&o, 0, sizeof(o));
		o.seed = 1;
		o.max_moves = 1;
		o.threads = 1;
		tt_assign_init(&a, b.in.nitems);
		timetable_solve(&b.in, &o, &a, &cost, &st);
		printf(
		    "greedy start: %.2f s, hard %lld, objective %lld (initial %lld)\n",
		    st.seconds, (long long)cost.hard, (long long)cost.soft,
		    (long long)st.initial);
		for (k = 0; k < TT_COST__MAX; k++)
			if (cost.count[k] != 0)
				printf("  %s %lld\n",
				    tt_cost_name((enum tt_cost_kind)k),
				    (long long)cost.count[k]);
		tt_assign_release(&a);
	}
	printf("%-8s %-5s %6s %12s %12s %7s %12s %12s %12s %12s %7s %7s\n",
	    "limit_s", "seed", "hard", "objective", "bound", "gap_%", "moves",
	    "moves/s/core", "moves/cpu_s", "evals/cpu_s", "acc_%", "rss_MB");
	for (tok = limits; *tok != '\0'; tok = *end == ',' ? end + 1 : end) {
		double lim = strtod(tok, &end);
		int s;

		if (end == tok)
			break;

		for (s = 1; s <= nseeds; s++) {
			struct tt_opts o;
			struct tt_assign a;
			struct tt_cost cost;
			struct tt_stats st;

			memset(&o, 0, sizeof(o));
			o.seed = (uint64_t)s;
			o.time_limit = lim;
			o.threads = threads;
			o.history = history;
			o.max_moves = max_moves;
			double cpu0 = cpu_seconds();

			tt_assign_init(&a, b.in.nitems);
			timetable_solve(&b.in, &o, &a, &cost, &st);
			double cpu = cpu_seconds() - cpu0;

			printf(
			    "%-8g %-5d %6lld %12lld %12lld %7.1f %12llu %12.0f "
			    "%12.0f %12.0f %7.1f %7.0f\n",
			    lim, s, (long long)cost.hard, (long long)cost.soft,
			    (long long)st.bound,
			    cost.soft > 0
				? 100.0 * (double)(cost.soft - st.bound) /
				    (double)cost.soft
				: 0.0,
			    (unsigned long long)st.moves,
			    (double)st.moves / st.seconds / threads,
			    (double)st.moves / cpu, (double)st.evaluated / cpu,
			    st.evaluated > 0 ? 100.0 * (double)st.accepted /
				    (double)st.evaluated
					     : 0.0,
			    rss_mb());
			fflush(stdout);
			tt_assign_release(&a);
		}
	}
	return 0;
}
