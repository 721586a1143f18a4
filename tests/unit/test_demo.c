/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_demo.c: the synthetic population: reproducible for a seed, varied
 * across seeds, and shaped like the event (speaker counts within each
 * format's limits, every country and theme present, example.org only).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "core/demo.h"
#include "formats/event_json.h"
#include "util/util.h"

#define OGP_FILE "data/events/ogp-americas-2017.json"

static void
load_ogp(struct event *ev)
{
	struct buf err;
	char *text;
	size_t len;

	cr_assert_eq(
	    read_file(OGP_FILE, EVENT_JSON_MAX_BYTES, &text, &len), READ_OK);
	event_init(ev);
	buf_init(&err, 0);
	cr_assert_eq(event_json_parse(text, len, OGP_FILE, ev, &err),
	    EVENT_JSON_OK, "%s", err.s);
	buf_release(&err);
	free(text);
}

static void
generate(const struct event *ev, uint64_t seed, size_t proposals,
    size_t participants, struct population *pop)
{
	struct demo_params p = { seed, proposals, participants };

	memset(pop, 0, sizeof(*pop));
	demo_generate(ev, &p, pop);
}

Test(demo, same_seed_same_population)
{
	struct population a, b;
	struct event ev;
	size_t i, j;

	load_ogp(&ev);
	generate(&ev, DEMO_DEFAULT_SEED, 650, 300, &a);
	generate(&ev, DEMO_DEFAULT_SEED, 650, 300, &b);
	cr_assert_eq(a.nproposals, 650);
	cr_assert_eq(a.nparticipants, 300);
	cr_assert_eq(a.npersons, b.npersons);
	cr_assert_eq(a.nproposals, b.nproposals);
	for (i = 0; i < a.nproposals; i++) {
		const struct proposal *x = &a.proposals[i],
				      *y = &b.proposals[i];

		cr_assert_str_eq(x->title, y->title);
		cr_assert_str_eq(x->abstract, y->abstract);
		cr_assert_eq(x->theme, y->theme);
		cr_assert_eq(x->format, y->format);
		cr_assert_eq(x->language, y->language);
		cr_assert_eq(x->nspeakers, y->nspeakers);
		for (j = 0; j < x->nspeakers; j++)
			cr_assert_eq(x->speakers[j], y->speakers[j]);
	}
	for (i = 0; i < a.npersons; i++) {
		cr_assert_str_eq(a.persons[i].name, b.persons[i].name);
		cr_assert_str_eq(a.persons[i].email, b.persons[i].email);
		cr_assert_str_eq(a.persons[i].country, b.persons[i].country);
	}
	population_release(&a);
	population_release(&b);
	cr_assert_eq(a.npersons, 0);
	cr_assert_null(a.persons);
	event_release(&ev);
}

Test(demo, different_seed_different_population)
{
	struct population a, b;
	struct event ev;
	size_t i, differ = 0;

	load_ogp(&ev);
	generate(&ev, 1, 200, 0, &a);
	generate(&ev, 2, 200, 0, &b);
	for (i = 0; i < 200; i++)
		differ +=
		    strcmp(a.proposals[i].title, b.proposals[i].title) != 0;
	cr_assert_gt(differ, 150, "only %zu of 200 titles differ", differ);
	population_release(&a);
	population_release(&b);
	event_release(&ev);
}

Test(demo, speakers_fit_their_format)
{
	struct population pop;
	struct event ev;
	size_t i, j, k;

	load_ogp(&ev);
	generate(&ev, DEMO_DEFAULT_SEED, 650, 0, &pop);
	for (i = 0; i < pop.nproposals; i++) {
		const struct proposal *p = &pop.proposals[i];
		const struct format *f;

		cr_assert_lt(p->format, ev.nformats);
		f = &ev.formats[p->format];
		cr_assert_geq((int)p->nspeakers, f->min_speakers,
		    "proposal %zu (%s)", i, f->key);
		cr_assert_leq((int)p->nspeakers, f->max_speakers,
		    "proposal %zu (%s)", i, f->key);
		cr_assert_geq(p->nspeakers, 1);
		for (j = 0; j < p->nspeakers; j++) {
			cr_assert_lt(p->speakers[j], pop.npersons);
			for (k = 0; k < j; k++)
				cr_assert_neq(p->speakers[j], p->speakers[k],
				    "proposal %zu lists a speaker twice", i);
		}
		cr_assert(event_has_lang(&ev, p->language));
		cr_assert_lt(p->theme, ev.nthemes);
		for (j = 0; j < p->nsecondary; j++)
			cr_assert_neq(p->secondary[j], p->theme);
		cr_assert_eq(p->status, PROPOSAL_SUBMITTED);
		cr_assert(p->synthetic);
		cr_assert_gt(strlen(p->title), 10);
		cr_assert_gt(strlen(p->abstract), 50);
	}
	population_release(&pop);
	event_release(&ev);
}

Test(demo, every_country_theme_and_format_appears)
{
	struct population pop;
	struct event ev;
	bool country[32] = { false };
	size_t *per_theme, *per_format, i, j;
	unsigned c;

	cr_assert_eq(ogp_americas_count, 18);
	load_ogp(&ev);
	generate(&ev, DEMO_DEFAULT_SEED, 650, 0, &pop);
	per_theme = xcalloc(ev.nthemes, sizeof(*per_theme));
	per_format = xcalloc(ev.nformats, sizeof(*per_format));
	for (i = 0; i < pop.nproposals; i++) {
		const struct proposal *p = &pop.proposals[i];

		per_theme[p->theme]++;
		per_format[p->format]++;
		for (j = 0; j < p->nspeakers; j++) {
			const char *code = pop.persons[p->speakers[j]].country;

			for (c = 0; c < ogp_americas_count; c++)
				if (strcmp(ogp_americas[c].code, code) == 0)
					country[c] = true;
		}
	}
	for (c = 0; c < ogp_americas_count; c++)
		cr_assert(
		    country[c], "no speaker from %s", ogp_americas[c].code);
	for (i = 0; i < ev.nthemes; i++)
		cr_assert_gt(per_theme[i], 20, "theme %s has %zu proposals",
		    ev.themes[i].key, per_theme[i]);
	for (i = 0; i < ev.nformats; i++)
		cr_assert_gt(
		    per_format[i], 0, "format %s unused", ev.formats[i].key);
	free(per_theme);
	free(per_format);
	population_release(&pop);
	event_release(&ev);
}

Test(demo, persons_are_synthetic_and_unreachable)
{
	static const char suffix[] = "@example.org";
	struct population pop;
	struct event ev;
	size_t i, j, n;

	load_ogp(&ev);
	generate(&ev, DEMO_DEFAULT_SEED, 300, 300, &pop);
	for (i = 0; i < pop.npersons; i++) {
		const struct person *p = &pop.persons[i];

		n = strlen(p->email);
		cr_assert_gt(n, sizeof(suffix) - 1);
		cr_assert_str_eq(p->email + n - (sizeof(suffix) - 1), suffix,
		    "%s", p->email);
		cr_assert(p->synthetic);
		cr_assert_not_null(country_find(p->country), "%s", p->country);
		cr_assert_neq(p->languages, 0);
		cr_assert_gt(strlen(p->name), 3);
		cr_assert_lt((unsigned)p->sector, SECTOR__MAX);
	}
	/* e-mail addresses are unique (the store requires it) */
	for (i = 0; i < pop.npersons; i++)
		for (j = i + 1; j < pop.npersons; j++)
			cr_assert_str_neq(
			    pop.persons[i].email, pop.persons[j].email);
	for (i = 0; i < pop.nparticipants; i++) {
		const struct participant *pa = &pop.participants[i];

		cr_assert_lt(pa->person, pop.npersons);
		cr_assert(pa->nthemes >= 1 && pa->nthemes <= 3);
		for (j = 0; j < pa->nthemes; j++)
			cr_assert_lt(pa->themes[j], ev.nthemes);
		if (pa->nthemes > 1)
			cr_assert_neq(pa->themes[0], pa->themes[1]);
	}
	population_release(&pop);
	event_release(&ev);
}

Test(demo, zero_sizes)
{
	struct population pop;
	struct event ev;

	load_ogp(&ev);
	generate(&ev, 5, 0, 0, &pop);
	cr_assert_eq(pop.nproposals, 0);
	cr_assert_eq(pop.nparticipants, 0);
	cr_assert_eq(pop.npersons, 0);
	population_release(&pop);
	event_release(&ev);
}
