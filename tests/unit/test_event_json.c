/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_event_json.c: the event file reader.  The OGP Americas 2017 file
 * parses to the seed's themes, sub-topics, formats and dates; each bad
 * file under tests/fixtures/events/ is refused with the message that names
 * its file, line, column and field, and leaves the event empty.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/event_json.h"
#include "util/embed.h"
#include "util/util.h"

#define OGP_FILE     "data/events/ogp-americas-2017.json"
#define FIXTURES_DIR "tests/fixtures/events/"

static enum event_json_err
parse_file(
    const char *path, const char *fname, struct event *ev, struct buf *err)
{
	enum event_json_err e;
	char *text = NULL;
	size_t len = 0;

	cr_assert_eq(read_file(path, EVENT_JSON_MAX_BYTES, &text, &len),
	    READ_OK, "cannot read %s (run from the repository root)", path);
	event_init(ev);
	buf_init(err, 0);
	e = event_json_parse(text, len, fname, ev, err);
	free(text);
	return e;
}

static bool
event_is_empty(const struct event *ev)
{
	return ev->slug == NULL && ev->nthemes == 0 && ev->themes == NULL &&
	    ev->nformats == 0 && ev->nrooms == 0 && ev->ndays == 0 &&
	    ev->timezone == NULL && ev->name.text[LANG_EN] == NULL &&
	    ev->nlanguages == 0;
}

static const struct theme *
theme(const struct event *ev, const char *key)
{
	long i = event_theme_find(ev, key);

	cr_assert_geq(i, 0, "no theme '%s'", key);
	return &ev->themes[i];
}

Test(event_json_ogp, header)
{
	struct event ev;
	struct buf err;
	int64_t d;

	cr_assert_eq(parse_file(OGP_FILE, OGP_FILE, &ev, &err), EVENT_JSON_OK,
	    "%s", err.s);
	cr_assert_str_eq(ev.slug, "ogp-americas-2017");
	cr_assert(parse_date("2017-11-21", &d));
	cr_assert_eq(ev.start_date, d);
	cr_assert(parse_date("2017-11-22", &d));
	cr_assert_eq(ev.end_date, d);
	cr_assert_str_eq(ev.timezone, "America/Argentina/Buenos_Aires");
	cr_assert_str_eq(ev.venue_city, "Buenos Aires");
	cr_assert_str_eq(ev.venue_country, "AR");
	cr_assert_str_eq(
	    l10n_get(&ev.venue_name, LANG_ES), "Centro Cultural Kirchner");
	cr_assert_eq(ev.nlanguages, 3);
	cr_assert_eq(ev.languages[0], LANG_ES);
	cr_assert_eq(ev.languages[1], LANG_EN);
	cr_assert_eq(ev.languages[2], LANG_PT);
	cr_assert_eq(ev.default_lang, LANG_ES);
	cr_assert_str_eq(ev.licence, "CC-BY-4.0");
	cr_assert_str_eq(ev.cfp_opens, "2017-07-10T00:00");
	cr_assert_str_eq(ev.cfp_closes, "2017-08-20T23:59");
	cr_assert_str_eq(l10n_get(&ev.name, LANG_EN),
	    "Open Government Partnership Americas Regional Meeting 2017");
	cr_assert_eq(err.len, 0);
	event_release(&ev);
	buf_release(&err);
}

Test(event_json_ogp, seven_themes_in_seed_order)
{
	static const char *const keys[7] = { "civic-space", "anti-corruption",
		"open-state", "civic-tech", "subnational", "ogp-cocreation",
		"sdg" };
	static const char *const en[7] = {
		"Citizen participation and protection of civic space",
		"Anti-corruption and accountability",
		"Open state",
		"Civic technology and open data",
		"Subnational open government",
		"Open Government Partnership and co-creation",
		"Sustainable Development Goals",
	};
	struct event ev;
	struct buf err;
	size_t i;
	int l;

	cr_assert_eq(parse_file(OGP_FILE, OGP_FILE, &ev, &err), EVENT_JSON_OK,
	    "%s", err.s);
	cr_assert_eq(ev.nthemes, 7);
	for (i = 0; i < 7; i++) {
		const struct theme *t = &ev.themes[i];

		cr_assert_str_eq(t->key, keys[i]);
		cr_assert_str_eq(t->name.text[LANG_EN], en[i]);
		for (l = 0; l < LANG__MAX; l++) {
			cr_assert_not_null(t->name.text[l]);
			cr_assert_not_null(t->description.text[l]);
			cr_assert_gt(strlen(t->description.text[l]), 20);
		}
		cr_assert_not_null(t->color);
		cr_assert_eq(strlen(t->color), 7);
	}
	cr_assert_str_eq(theme(&ev, "anti-corruption")->name.text[LANG_ES],
	    "Anticorrupción y rendición de cuentas");
	cr_assert_str_eq(theme(&ev, "sdg")->name.text[LANG_PT],
	    "Objetivos de Desenvolvimento Sustentável");
	event_release(&ev);
	buf_release(&err);
}

Test(event_json_ogp, subtopics)
{
	struct event ev;
	struct buf err;
	const struct theme *t;
	size_t i;

	cr_assert_eq(parse_file(OGP_FILE, OGP_FILE, &ev, &err), EVENT_JSON_OK,
	    "%s", err.s);
	t = theme(&ev, "anti-corruption");
	cr_assert_eq(t->nsubtopics, 7);
	cr_assert_str_eq(t->subtopics[1].key, "whistleblowers");
	cr_assert_str_eq(t->subtopics[1].name.text[LANG_EN],
	    "Protection of whistleblowers and cooperating witnesses");
	cr_assert_eq(theme(&ev, "ogp-cocreation")->nsubtopics, 3);
	cr_assert_eq(theme(&ev, "sdg")->nsubtopics, 4);
	for (i = 0; i < ev.nthemes; i++)
		cr_assert_gt(
		    ev.themes[i].nsubtopics, 0, "%s", ev.themes[i].key);
	event_release(&ev);
	buf_release(&err);
}

Test(event_json_ogp, formats_rooms_grid)
{
	static const char *const fkeys[5] = { "panel", "workshop",
		"country-panel", "ministry-event", "lightning-talk" };
	struct event ev;
	struct buf err;
	const struct format *lt;
	size_t i, j;

	cr_assert_eq(parse_file(OGP_FILE, OGP_FILE, &ev, &err), EVENT_JSON_OK,
	    "%s", err.s);
	cr_assert_eq(ev.nformats, 5);
	for (i = 0; i < 5; i++) {
		cr_assert_str_eq(ev.formats[i].key, fkeys[i]);
		cr_assert_leq(
		    ev.formats[i].min_speakers, ev.formats[i].max_speakers);
	}
	lt = &ev.formats[event_format_find(&ev, "lightning-talk")];
	cr_assert_eq(lt->duration_min, 10);
	cr_assert(lt->shares_slot);
	cr_assert_eq(lt->max_speakers, 1);
	cr_assert_eq(ev.formats[0].duration_min, 90);
	cr_assert_eq(ev.formats[0].min_speakers, 3);
	cr_assert_eq(ev.formats[0].max_speakers, 5);
	cr_assert_not(ev.formats[0].shares_slot);

	cr_assert_eq(ev.nrooms, 12);
	cr_assert_str_eq(ev.rooms[0].key, "ballena-azul");
	cr_assert_eq(ev.rooms[0].capacity, 1750);
	cr_assert(ev.rooms[0].interpretation_booth);
	i = (size_t)event_room_find(&ev, "sala-701");
	cr_assert_not(ev.rooms[i].step_free);
	cr_assert_not(ev.rooms[i].interpretation_booth);

	cr_assert_eq(ev.ndays, 2);
	cr_assert_eq(ev.days[0].date, ev.start_date);
	cr_assert_eq(ev.days[1].date, ev.end_date);
	cr_assert_eq(ev.days[0].nslots, 9);
	cr_assert_eq(ev.days[1].nslots, 8);
	cr_assert_eq(ev.days[0].slots[0].start_min, 8 * 60 + 30);
	cr_assert_eq(ev.days[0].slots[0].kind, SLOT_BREAK);
	cr_assert_eq(ev.days[0].slots[1].kind, SLOT_PLENARY);
	for (i = 0; i < ev.ndays; i++)
		for (j = 1; j < ev.days[i].nslots; j++)
			cr_assert_geq(ev.days[i].slots[j].start_min,
			    ev.days[i].slots[j - 1].end_min);
	cr_assert_eq(event_session_slots(&ev), 8);
	event_release(&ev);
	buf_release(&err);
}

Test(event_json_ogp, embedded_copy_parses)
{
	const struct embed_file *f;
	struct event ev;
	struct buf err;

	for (f = embed_data; f->path != NULL; f++)
		if (strcmp(f->path, OGP_FILE) == 0)
			break;
	cr_assert_not_null(f->path, "%s is not embedded", OGP_FILE);
	event_init(&ev);
	buf_init(&err, 0);
	cr_assert_eq(
	    event_json_parse((const char *)f->data, f->len, f->path, &ev, &err),
	    EVENT_JSON_OK, "%s", err.s);
	cr_assert_eq(ev.nthemes, 7);
	event_release(&ev);
	buf_release(&err);
}

Test(event_json_ogp, input_need_not_be_nul_terminated)
{
	struct event ev;
	struct buf err;
	char *text, *exact;
	size_t len;

	cr_assert_eq(
	    read_file(FIXTURES_DIR "mini.json", 1 << 20, &text, &len), READ_OK);
	/* an exact-size copy: ASan reports any read past the end */
	exact = xmalloc(len);
	memcpy(exact, text, len);
	event_init(&ev);
	buf_init(&err, 0);
	cr_assert_eq(event_json_parse(exact, len, "mini.json", &ev, &err),
	    EVENT_JSON_OK, "%s", err.s);
	cr_assert_str_eq(ev.slug, "mini");
	cr_assert_eq(ev.nthemes, 2);
	cr_assert_eq(ev.default_lang, LANG_ES);
	event_release(&ev);
	/* cut in the middle: a syntax error, still no over-read */
	buf_reset(&err);
	cr_assert_eq(event_json_parse(exact, len / 2, "mini.json", &ev, &err),
	    EVENT_JSON_SYNTAX);
	cr_assert(event_is_empty(&ev));
	buf_release(&err);
	free(exact);
	free(text);
}

/* Arrays, not pointers: Criterion runs each case in a new process. */
struct bad_case {
	char file[64];
	enum event_json_err err;
	char msg[200];
};

static const struct bad_case bad_cases[] = {
	{ "bad-unknown-field.json", EVENT_JSON_INVALID,
	    "bad-unknown-field.json:33:3: unknown field 'romms'" },
	{ "bad-missing-lang.json", EVENT_JSON_INVALID,
	    "bad-missing-lang.json:21:15: themes[1].name: missing language "
	    "'pt'" },
	{ "bad-duplicate-theme.json", EVENT_JSON_INVALID,
	    "bad-duplicate-theme.json:20:14: themes[1]: duplicate key "
	    "'alpha'" },
	{ "bad-overlap.json", EVENT_JSON_INVALID,
	    "bad-overlap.json:45:9: days[0].slots[1]: overlaps or comes "
	    "before the previous slot" },
	{ "bad-dates-order.json", EVENT_JSON_INVALID,
	    "bad-dates-order.json:5:44: dates.end: the event ends before it "
	    "starts" },
	{ "bad-slot-order.json", EVENT_JSON_INVALID,
	    "bad-slot-order.json:44:36: days[0].slots[0]: the slot ends "
	    "before it starts" },
	{ "bad-wrong-type.json", EVENT_JSON_INVALID,
	    "bad-wrong-type.json:37:19: rooms[0].capacity: expected a "
	    "number" },
	{ "bad-step-free.json", EVENT_JSON_INVALID,
	    "bad-step-free.json:38:20: rooms[0].step_free: expected true or "
	    "false" },
	{ "bad-key.json", EVENT_JSON_INVALID,
	    "bad-key.json:35:14: rooms[0].key: 'Main Room' is not a key: use "
	    "1 to 64 of a-z, 0-9 and '-'" },
	{ "bad-trailing.json", EVENT_JSON_SYNTAX,
	    "bad-trailing.json:50:1: unexpected content after the event" },
	{ "bad-syntax.json", EVENT_JSON_SYNTAX,
	    "bad-syntax.json:10:5: not valid JSON here" },
	{ "bad-utf8.json", EVENT_JSON_SYNTAX,
	    "bad-utf8.json:9:16: invalid UTF-8 or NUL byte" },
	{ "bad-nul-escape.json", EVENT_JSON_SYNTAX,
	    "bad-nul-escape.json:9:16: \\u0000 is not allowed in text" },
	{ "bad-duplicate-member.json", EVENT_JSON_INVALID,
	    "bad-duplicate-member.json:7:3: duplicate field 'slug'" },
	{ "bad-day-outside.json", EVENT_JSON_INVALID,
	    "bad-day-outside.json:42:15: days[0]: date: outside the event's "
	    "dates" },
};

ParameterizedTestParameters(event_json_bad, fixtures)
{
	return cr_make_param_array(struct bad_case, bad_cases,
	    sizeof(bad_cases) / sizeof(bad_cases[0]));
}

ParameterizedTest(struct bad_case *c, event_json_bad, fixtures)
{
	char path[256];
	struct event ev;
	struct buf err;

	snprintf(path, sizeof(path), FIXTURES_DIR "%s", c->file);
	cr_assert_eq(parse_file(path, c->file, &ev, &err), c->err,
	    "%s: got '%s'", c->file, err.s);
	cr_assert_str_eq(err.s, c->msg);
	cr_assert(event_is_empty(&ev), "%s left data in the event", c->file);
	buf_release(&err);
	event_release(&ev);
}

Test(event_json_bad, good_fixtures_parse)
{
	/* the fixtures the bad ones derive from, and the XSS one, are valid */
	struct event ev;
	struct buf err;

	cr_assert_eq(
	    parse_file(FIXTURES_DIR "mini.json", "mini.json", &ev, &err),
	    EVENT_JSON_OK, "%s", err.s);
	event_release(&ev);
	buf_release(&err);
	cr_assert_eq(parse_file(FIXTURES_DIR "xss.json", "xss.json", &ev, &err),
	    EVENT_JSON_OK, "%s", err.s);
	cr_assert_str_eq(
	    ev.themes[0].name.text[LANG_EN], "<script>alert(1)</script>");
	event_release(&ev);
	buf_release(&err);
}

static enum event_json_err
parse_str(const char *s, struct event *ev, struct buf *err)
{
	event_init(ev);
	buf_init(err, 0);
	return event_json_parse(s, strlen(s), "s.json", ev, err);
}

Test(event_json_bad, small_inputs)
{
	struct event ev;
	struct buf err;

	cr_assert_eq(parse_str("", &ev, &err), EVENT_JSON_SYNTAX);
	cr_assert_str_eq(err.s, "s.json:1:1: not valid JSON here");
	buf_release(&err);
	cr_assert_eq(parse_str("[]", &ev, &err), EVENT_JSON_INVALID);
	cr_assert_str_eq(err.s, "s.json:1:1: expected an object");
	buf_release(&err);
	cr_assert_eq(parse_str("{}", &ev, &err), EVENT_JSON_INVALID);
	cr_assert_str_eq(err.s, "s.json:1:1: missing field 'cabildo_event'");
	buf_release(&err);
	cr_assert_eq(
	    parse_str("{\"cabildo_event\": 2}", &ev, &err), EVENT_JSON_INVALID);
	cr_assert_str_eq(err.s, "s.json:1:1: missing field 'slug'");
	buf_release(&err);
	cr_assert_eq(
	    parse_str("\n\n  {\"x\":\n 1}", &ev, &err), EVENT_JSON_INVALID);
	cr_assert_str_eq(err.s, "s.json:3:4: unknown field 'x'");
	buf_release(&err);
	cr_assert(event_is_empty(&ev));
}

Test(event_json_bad, too_big)
{
	struct event ev;
	struct buf err;
	char *big = xmalloc(EVENT_JSON_MAX_BYTES + 1);

	memset(big, ' ', EVENT_JSON_MAX_BYTES + 1);
	event_init(&ev);
	buf_init(&err, 0);
	cr_assert_eq(event_json_parse(
			 big, EVENT_JSON_MAX_BYTES + 1, "big.json", &ev, &err),
	    EVENT_JSON_TOOBIG);
	cr_assert_str_eq(err.s, "big.json: file larger than 4194304 bytes");
	free(big);
	buf_release(&err);
}

Test(event_json_bad, strerror_names_every_error)
{
	int e;

	for (e = 0; e < EVENT_JSON__MAX; e++)
		cr_assert_gt(strlen(event_json_strerror(e)), 0);
	cr_assert_str_eq(event_json_strerror(EVENT_JSON__MAX), "unknown error");
}
