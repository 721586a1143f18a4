/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_store.c: the SQLite store through its public interface only: schema
 * versions (a newer database is refused and left untouched), event save
 * and load round trips, updates in place, a refused theme removal that
 * leaves the stored event as it was, and the demo population's counts.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "store_fixture.h"
#include "util/util.h"

static struct test_db db;

static void
setup(void)
{
	test_db_make(&db, "store", false);
}

static void
teardown(void)
{
	test_db_remove(&db);
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	char *p;

	cr_assert_eq(read_file(path, (size_t)64 << 20, &p, len), READ_OK);
	return (unsigned char *)p;
}

static void
assert_l10n_eq(const struct l10n *a, const struct l10n *b, const char *what)
{
	int l;

	for (l = 0; l < LANG__MAX; l++) {
		if (a->text[l] == NULL || b->text[l] == NULL)
			cr_assert_eq(a->text[l] == NULL, b->text[l] == NULL,
			    "%s [%s]: one is missing", what,
			    lang_code((enum lang)l));
		else
			cr_assert_str_eq(a->text[l], b->text[l], "%s [%s]",
			    what, lang_code((enum lang)l));
	}
}

static void
assert_str_or_null_eq(const char *a, const char *b, const char *what)
{
	if (a == NULL || b == NULL)
		cr_assert_eq(a == NULL, b == NULL, "%s", what);
	else
		cr_assert_str_eq(a, b, "%s", what);
}

/* Everything but the store id and the synthetic flag. */
static void
assert_event_eq(const struct event *a, const struct event *b)
{
	size_t i, j;

	cr_assert_str_eq(a->slug, b->slug);
	assert_l10n_eq(&a->name, &b->name, "name");
	assert_l10n_eq(&a->tagline, &b->tagline, "tagline");
	cr_assert_eq(a->start_date, b->start_date);
	cr_assert_eq(a->end_date, b->end_date);
	cr_assert_str_eq(a->timezone, b->timezone);
	assert_l10n_eq(&a->venue_name, &b->venue_name, "venue");
	assert_str_or_null_eq(a->venue_city, b->venue_city, "city");
	cr_assert_str_eq(a->venue_country, b->venue_country);
	cr_assert_eq(a->nlanguages, b->nlanguages);
	for (i = 0; i < a->nlanguages; i++)
		cr_assert_eq(a->languages[i], b->languages[i]);
	cr_assert_eq(a->default_lang, b->default_lang);
	assert_str_or_null_eq(a->licence, b->licence, "licence");
	assert_str_or_null_eq(a->url, b->url, "url");
	assert_str_or_null_eq(a->cfp_opens, b->cfp_opens, "cfp_opens");
	assert_str_or_null_eq(a->cfp_closes, b->cfp_closes, "cfp_closes");

	cr_assert_eq(a->nthemes, b->nthemes);
	for (i = 0; i < a->nthemes; i++) {
		const struct theme *x = &a->themes[i], *y = &b->themes[i];

		cr_assert_str_eq(x->key, y->key, "theme %zu", i);
		assert_str_or_null_eq(x->color, y->color, "color");
		assert_l10n_eq(&x->name, &y->name, x->key);
		assert_l10n_eq(&x->description, &y->description, x->key);
		cr_assert_eq(x->nsubtopics, y->nsubtopics, "%s", x->key);
		for (j = 0; j < x->nsubtopics; j++) {
			cr_assert_str_eq(
			    x->subtopics[j].key, y->subtopics[j].key);
			assert_l10n_eq(&x->subtopics[j].name,
			    &y->subtopics[j].name, x->subtopics[j].key);
		}
	}
	cr_assert_eq(a->nformats, b->nformats);
	for (i = 0; i < a->nformats; i++) {
		const struct format *x = &a->formats[i], *y = &b->formats[i];

		cr_assert_str_eq(x->key, y->key);
		assert_l10n_eq(&x->name, &y->name, x->key);
		assert_l10n_eq(&x->description, &y->description, x->key);
		cr_assert_eq(x->duration_min, y->duration_min);
		cr_assert_eq(x->min_speakers, y->min_speakers);
		cr_assert_eq(x->max_speakers, y->max_speakers);
		cr_assert_eq(x->shares_slot, y->shares_slot);
	}
	cr_assert_eq(a->nrooms, b->nrooms);
	for (i = 0; i < a->nrooms; i++) {
		const struct room *x = &a->rooms[i], *y = &b->rooms[i];

		cr_assert_str_eq(x->key, y->key);
		assert_l10n_eq(&x->name, &y->name, x->key);
		cr_assert_eq(x->capacity, y->capacity);
		cr_assert_eq(x->interpretation_booth, y->interpretation_booth);
		cr_assert_eq(x->step_free, y->step_free);
	}
	cr_assert_eq(a->ndays, b->ndays);
	for (i = 0; i < a->ndays; i++) {
		cr_assert_eq(a->days[i].date, b->days[i].date);
		cr_assert_eq(a->days[i].nslots, b->days[i].nslots);
		for (j = 0; j < a->days[i].nslots; j++) {
			const struct slot *x = &a->days[i].slots[j];
			const struct slot *y = &b->days[i].slots[j];

			cr_assert_eq(x->start_min, y->start_min);
			cr_assert_eq(x->end_min, y->end_min);
			cr_assert_eq(x->kind, y->kind);
			assert_l10n_eq(&x->label, &y->label, "slot label");
		}
	}
}

TestSuite(store, .init = setup, .fini = teardown);

Test(store, creates_and_migrates)
{
	struct store *st = test_db_open(&db);

	cr_assert_geq(store_schema_latest(), 1);
	cr_assert_eq(store_schema_version(st), store_schema_latest());
	store_close(st);
	/* reopening an up-to-date database changes nothing */
	st = test_db_open(&db);
	cr_assert_eq(store_schema_version(st), store_schema_latest());
	store_close(st);
	store_close(NULL);
}

Test(store, refuses_newer_schema_and_leaves_file_alone)
{
	struct store *st = test_db_open(&db);
	unsigned char *before, *after;
	size_t nbefore, nafter;
	uint32_t v = (uint32_t)store_schema_latest() + 1;
	unsigned char be[4] = { (unsigned char)(v >> 24),
		(unsigned char)(v >> 16), (unsigned char)(v >> 8),
		(unsigned char)v };
	struct buf msg;
	FILE *f;

	store_close(st);
	/* user_version is the big-endian 4 bytes at offset 60 */
	cr_assert_not_null(f = fopen(db.path, "r+b"));
	cr_assert_eq(fseek(f, 60, SEEK_SET), 0);
	cr_assert_eq(fwrite(be, 1, 4, f), 4);
	cr_assert_eq(fclose(f), 0);
	before = slurp(db.path, &nbefore);

	buf_init(&msg, 0);
	st = (struct store *)1;
	cr_assert_eq(
	    store_open(db.path, STORE_CREATE, &st, &msg), STORE_ERR_NEWER);
	cr_assert_null(st);
	cr_assert_not_null(strstr(msg.s, "upgrade cabildo"), "%s", msg.s);
	buf_reset(&msg);
	cr_assert_eq(
	    store_open(db.path, STORE_READONLY, &st, &msg), STORE_ERR_NEWER);
	cr_assert_null(st);
	buf_release(&msg);

	after = slurp(db.path, &nafter);
	cr_assert_eq(nbefore, nafter);
	cr_assert_eq(memcmp(before, after, nbefore), 0,
	    "store_open changed a database it refused");
	free(before);
	free(after);
}

Test(store, outdated_schema_without_migration)
{
	struct store *st = NULL;
	struct buf msg;
	FILE *f;

	/* an empty file is an empty SQLite database, schema version 0 */
	cr_assert_not_null(f = fopen(db.path, "wb"));
	fclose(f);
	buf_init(&msg, 0);
	cr_assert_eq(store_open(db.path, STORE_NO_MIGRATE, &st, &msg),
	    STORE_ERR_OUTDATED);
	cr_assert_null(st);
	cr_assert_not_null(strstr(msg.s, "cabildo init"), "%s", msg.s);
	buf_release(&msg);
}

Test(store, open_missing_without_create_fails)
{
	struct store *st = NULL;
	struct buf msg;

	buf_init(&msg, 0);
	cr_assert_eq(store_open(db.path, 0, &st, &msg), STORE_ERR_OPEN);
	cr_assert_null(st);
	cr_assert_gt(msg.len, 0);
	cr_assert_eq(access(db.path, F_OK), -1, "the file was created");
	buf_release(&msg);
}

Test(store, event_round_trip)
{
	struct store *st = test_db_open(&db);
	struct event ev, back;
	struct event_summary *list;
	size_t n;
	bool created = false;

	test_event_load(OGP_FILE, &ev);
	cr_assert_eq(store_event_save(st, &ev, &created, NULL), STORE_OK);
	cr_assert(created);
	cr_assert_gt(ev.id, 0);
	event_init(&back);
	cr_assert_eq(
	    store_event_load(st, "ogp-americas-2017", &back), STORE_OK);
	cr_assert_eq(back.id, ev.id);
	cr_assert_not(back.synthetic);
	assert_event_eq(&ev, &back);
	event_release(&back);

	cr_assert_eq(store_event_list(st, &list, &n), STORE_OK);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(list[0].slug, "ogp-americas-2017");
	cr_assert_eq(list[0].start_date, ev.start_date);
	cr_assert_str_eq(list[0].venue_city, "Buenos Aires");
	cr_assert_str_eq(list[0].venue_country, "AR");
	assert_l10n_eq(&list[0].name, &ev.name, "summary name");
	store_event_list_free(list, n);

	cr_assert_eq(
	    store_event_load(st, "no-such-event", &back), STORE_ERR_NOTFOUND);
	cr_assert_null(back.slug);
	event_release(&ev);
	store_close(st);
}

Test(store, save_twice_updates_in_place)
{
	struct store *st = test_db_open(&db);
	struct event ev, back;
	struct theme tmp;
	int64_t id;
	bool created = true;
	uint64_t gen;

	test_event_load(OGP_FILE, &ev);
	cr_assert_eq(store_event_save(st, &ev, &created, NULL), STORE_OK);
	id = ev.id;
	gen = store_generation(st);
	cr_assert_eq(store_event_save(st, &ev, &created, NULL), STORE_OK);
	cr_assert_not(created);
	cr_assert_eq(ev.id, id);
	cr_assert_neq(store_generation(st), gen);
	event_init(&back);
	cr_assert_eq(store_event_load(st, ev.slug, &back), STORE_OK);
	assert_event_eq(&ev, &back);
	event_release(&back);

	/* a change of order, a new name and a new capacity are saved */
	tmp = ev.themes[0];
	ev.themes[0] = ev.themes[6];
	ev.themes[6] = tmp;
	l10n_set(&ev.themes[0].name, LANG_EN, "Renamed SDG");
	ev.rooms[0].capacity = 1700;
	cr_assert_eq(store_event_save(st, &ev, &created, NULL), STORE_OK);
	cr_assert_not(created);
	event_init(&back);
	cr_assert_eq(store_event_load(st, ev.slug, &back), STORE_OK);
	cr_assert_str_eq(back.themes[0].key, "sdg");
	cr_assert_str_eq(back.themes[6].key, "civic-space");
	cr_assert_str_eq(back.themes[0].name.text[LANG_EN], "Renamed SDG");
	cr_assert_eq(back.themes[0].nsubtopics, 4);
	cr_assert_eq(back.rooms[0].capacity, 1700);
	assert_event_eq(&ev, &back);
	event_release(&back);
	event_release(&ev);
	store_close(st);
}

Test(store, two_events_stay_apart)
{
	struct store *st = test_db_open(&db);
	struct event a, b, back;
	struct event_summary *list;
	size_t n;
	bool created;

	test_event_load(OGP_FILE, &a);
	test_event_load("tests/fixtures/events/mini.json", &b);
	cr_assert_eq(store_event_save(st, &a, &created, NULL), STORE_OK);
	cr_assert_eq(store_event_save(st, &b, &created, NULL), STORE_OK);
	cr_assert(created);
	cr_assert_neq(a.id, b.id);
	event_init(&back);
	cr_assert_eq(store_event_load(st, "mini", &back), STORE_OK);
	assert_event_eq(&b, &back);
	event_release(&back);
	cr_assert_eq(store_event_load(st, a.slug, &back), STORE_OK);
	assert_event_eq(&a, &back);
	event_release(&back);
	cr_assert_eq(store_event_list(st, &list, &n), STORE_OK);
	cr_assert_eq(n, 2);
	store_event_list_free(list, n);
	event_release(&a);
	event_release(&b);
	store_close(st);
}

Test(store, removing_a_used_theme_is_refused)
{
	struct store *st = test_db_open(&db);
	struct event ev, before, after;
	struct theme removed;
	struct buf msg;
	bool created;

	test_event_load(OGP_FILE, &ev);
	cr_assert_eq(store_event_save(st, &ev, &created, NULL), STORE_OK);
	test_demo_store(st, &ev, 650, 100);
	event_init(&before);
	cr_assert_eq(store_event_load(st, ev.slug, &before), STORE_OK);
	cr_assert(before.synthetic);

	/* drop "sdg", the last theme, and change something else too */
	cr_assert_str_eq(ev.themes[6].key, "sdg");
	removed = ev.themes[6];
	ev.nthemes = 6;
	ev.rooms[0].capacity = 1;
	l10n_set(&ev.name, LANG_EN, "Changed");
	buf_init(&msg, 0);
	cr_assert_eq(
	    store_event_save(st, &ev, &created, &msg), STORE_ERR_CONSTRAINT);
	cr_assert_not_null(strstr(msg.s, "theme 'sdg'"), "%s", msg.s);
	buf_release(&msg);

	event_init(&after);
	cr_assert_eq(store_event_load(st, ev.slug, &after), STORE_OK);
	cr_assert_eq(after.id, before.id);
	cr_assert_eq(after.synthetic, before.synthetic);
	assert_event_eq(&before, &after);
	cr_assert_eq(after.nthemes, 7);
	cr_assert_eq(after.rooms[0].capacity, 1750);

	/* the store is still usable after the rollback */
	ev.themes[ev.nthemes++] = removed;
	cr_assert_eq(store_event_save(st, &ev, &created, NULL), STORE_OK);
	event_release(&after);
	cr_assert_eq(store_event_load(st, ev.slug, &after), STORE_OK);
	cr_assert_eq(after.rooms[0].capacity, 1);
	cr_assert_str_eq(after.name.text[LANG_EN], "Changed");
	event_release(&after);
	event_release(&before);
	event_release(&ev);
	store_close(st);
}

Test(store, removing_an_unused_theme_works)
{
	struct store *st = test_db_open(&db);
	struct event ev, back;
	bool created;

	test_event_load(OGP_FILE, &ev);
	cr_assert_eq(store_event_save(st, &ev, &created, NULL), STORE_OK);
	/* no proposals: dropping a theme and a room is allowed */
	ev.nthemes--;
	ev.nrooms--;
	cr_assert_eq(store_event_save(st, &ev, &created, NULL), STORE_OK);
	ev.nthemes++;
	ev.nrooms++;
	event_init(&back);
	cr_assert_eq(store_event_load(st, ev.slug, &back), STORE_OK);
	cr_assert_eq(back.nthemes, 6);
	cr_assert_eq(back.nrooms, 11);
	cr_assert_eq(event_theme_find(&back, "sdg"), -1);
	event_release(&back);
	event_release(&ev);
	store_close(st);
}

Test(store, population_replace_is_not_cumulative)
{
	struct store *st = test_db_open(&db);
	struct event ev;
	struct event_counts c1, c2;
	size_t i, sum;
	bool created;

	test_event_load(OGP_FILE, &ev);
	cr_assert_eq(store_event_save(st, &ev, &created, NULL), STORE_OK);
	cr_assert_eq(store_event_counts(st, &ev, &c1), STORE_OK);
	cr_assert_eq(c1.proposals, 0);
	cr_assert_eq(c1.participants, 0);
	event_counts_release(&c1);

	test_demo_store(st, &ev, 650, 300);
	cr_assert_eq(store_event_counts(st, &ev, &c1), STORE_OK);
	cr_assert_eq(c1.proposals, 650);
	cr_assert_eq(c1.participants, 300);
	cr_assert_gt(c1.speakers, 100);
	cr_assert_eq(c1.countries, 18);
	for (i = 0, sum = 0; i < ev.nthemes; i++) {
		cr_assert_gt(c1.per_theme[i], 0, "theme %s", ev.themes[i].key);
		sum += c1.per_theme[i];
	}
	cr_assert_eq(sum, c1.proposals);

	test_demo_store(st, &ev, 650, 300);
	cr_assert_eq(store_event_counts(st, &ev, &c2), STORE_OK);
	cr_assert_eq(c2.proposals, c1.proposals);
	cr_assert_eq(c2.participants, c1.participants);
	cr_assert_eq(c2.speakers, c1.speakers);
	cr_assert_eq(c2.countries, c1.countries);
	for (i = 0; i < ev.nthemes; i++)
		cr_assert_eq(c2.per_theme[i], c1.per_theme[i]);
	event_counts_release(&c1);
	event_counts_release(&c2);
	event_release(&ev);
	store_close(st);
}

Test(store, strerror_names_every_error)
{
	int e;

	for (e = 0; e < STORE_ERR__MAX; e++)
		cr_assert_gt(strlen(store_strerror(e)), 0);
	cr_assert_str_eq(store_strerror(STORE_ERR__MAX), "unknown error");
}
