/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_agenda.c: the published agenda: its core helpers, the frab XML and
 * schedule.json readers (what they accept from real files, what they
 * report and skip, and the bad files they refuse with file and line), the
 * golden output of every encoder, the round trips through both formats
 * and through the store, and the calendar tokens.
 *
 * Golden files live in tests/fixtures/golden/agenda-*; run with
 * UPDATE_GOLDEN=1 to rewrite them, then review the diff.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/agenda.h"
#include "formats/datapackage.h"
#include "formats/export.h"
#include "formats/frab_xml.h"
#include "formats/ical.h"
#include "formats/schedule_json.h"
#include "formats/sessions_csv.h"
#include "formats/sessions_json.h"
#include "store/store.h"
#include "store/store_agenda.h"
#include "util/util.h"

#define FIX    "tests/fixtures/agenda/"
#define GOLDEN "tests/fixtures/golden/"

static enum agenda_read_err
read_fixture(
    const char *name, struct agenda *ag, struct buf *warn, struct buf *err)
{
	char path[256], *text = NULL;
	size_t len = 0;
	enum agenda_read_err e;

	snprintf(path, sizeof(path), FIX "%s", name);
	cr_assert_eq(read_file(path, AGENDA_FILE_MAX, &text, &len), READ_OK,
	    "cannot read %s (run from the repository root)", path);
	agenda_init(ag);
	buf_init(warn, 0);
	buf_init(err, 0);
	e = strstr(name, ".xml") != NULL
	    ? frab_xml_read(text, len, name, ag, warn, err)
	    : schedule_json_read(text, len, name, ag, warn, err);
	free(text);
	return e;
}

static void
small(struct agenda *ag)
{
	struct buf warn, err;

	cr_assert_eq(read_fixture("small.xml", ag, &warn, &err), AGENDA_READ_OK,
	    "%s", err.s);
	buf_release(&warn);
	buf_release(&err);
}

Test(agenda, keyify)
{
	char k[32];

	agenda_keyify("Participación ciudadana", k, sizeof(k));
	cr_assert_str_eq(k, "participacion-ciudadana");
	agenda_keyify("HPC, Big Data & Data Science", k, sizeof(k));
	cr_assert_str_eq(k, "hpc-big-data-data-science");
	agenda_keyify("  ★ ", k, sizeof(k));
	cr_assert_str_eq(k, "x");
	agenda_keyify("Ação Ñandú", k, sizeof(k));
	cr_assert_str_eq(k, "acao-nandu");
}

Test(agenda, guid)
{
	char g[AGENDA_GUID_LEN + 1], h[AGENDA_GUID_LEN + 1];

	cr_assert(agenda_guid_valid("29aecfd7-2e44-4f49-ab86-29b5e0877325"));
	cr_assert(!agenda_guid_valid("29aecfd7-2e44-4f49-ab86-29b5e087732"));
	cr_assert(!agenda_guid_valid("not-a-uuid"));
	agenda_guid_make("a", "b", g);
	agenda_guid_make("a", "b", h);
	cr_assert(agenda_guid_valid(g));
	cr_assert_str_eq(g, h, "name-based GUIDs are stable");
	cr_assert_eq(g[14], '5');
	agenda_guid_make("a", "c", h);
	cr_assert_str_neq(g, h);
}

Test(agenda, durations_and_times)
{
	int m, off;
	int64_t d;
	bool has;

	cr_assert(agenda_parse_duration("01:30", &m) && m == 90);
	cr_assert(agenda_parse_duration("00:05:00", &m) && m == 5);
	cr_assert(agenda_parse_duration("26:00", &m) && m == 1560);
	cr_assert(!agenda_parse_duration("1:3", &m));
	cr_assert(!agenda_parse_duration("01:60", &m));
	cr_assert(!agenda_parse_duration("", &m));
	cr_assert(agenda_parse_datetime(
	    "2014-12-27T11:00:00+01:00", &d, &m, &off, &has));
	cr_assert(has && off == 60 && m == 660);
	cr_assert(agenda_parse_datetime(
	    "2017-11-21T09:00-03:00", &d, &m, &off, &has));
	cr_assert(off == -180);
	cr_assert(
	    agenda_parse_datetime("2017-11-21T09:00:00Z", &d, &m, &off, &has));
	cr_assert(has && off == 0);
	cr_assert(!agenda_parse_datetime("2017-11-21", &d, &m, &off, &has));
	cr_assert(
	    !agenda_parse_datetime("2017-11-21T25:00", &d, &m, &off, &has));
}

Test(agenda_frab, reads_real_deviations)
{
	struct agenda ag;
	struct buf warn, err;
	const struct agenda_session *s;
	size_t i;

	cr_assert_eq(read_fixture("small.xml", &ag, &warn, &err),
	    AGENDA_READ_OK, "%s", err.s);
	cr_assert_str_eq(ag.slug, "cabildo-test-2017");
	cr_assert_str_eq(ag.title, "Encuentro de prueba & test");
	cr_assert_str_eq(ag.timezone, "America/Argentina/Buenos_Aires");
	cr_assert_eq(ag.nsessions, 4, "the event without duration is skipped");
	cr_assert(strstr(warn.s,
		      "small.xml:78: skipped event 'No duration, "
		      "skipped': no valid <duration>") != NULL,
	    "%s", warn.s);
	cr_assert(strstr(warn.s, "2 sessions had no valid UUID") != NULL);
	cr_assert_eq(ag.ntracks, 3, "the <tracks> list, unused one included");
	cr_assert_eq(ag.nrooms, 2);
	cr_assert_eq(ag.npersons, 4, "Ana Pérez once, by id");
	/* the late-night session belongs to the first day */
	for (i = 0; i < ag.nsessions; i++) {
		s = &ag.sessions[i];
		if (strcmp(s->title, "Late night session") == 0) {
			cr_assert_eq(s->day + 1, s->date);
			cr_assert_eq(s->start_min, 15);
			cr_assert_eq(s->track, AGENDA_NONE);
		}
		if (strcmp(s->title, "Pentabarf-style event") == 0) {
			cr_assert_str_eq(ag.rooms[s->room].name, "Sala 2");
			cr_assert_eq(s->start_min, 600);
			cr_assert(agenda_guid_valid(s->guid));
		}
	}
	agenda_release(&ag);
	buf_release(&warn);
	buf_release(&err);
}

static void
bad(const char *file, const char *want)
{
	struct agenda ag;
	struct buf warn, err;

	cr_assert_neq(read_fixture(file, &ag, &warn, &err), AGENDA_READ_OK,
	    "%s should be refused", file);
	cr_assert(strstr(err.s, want) != NULL, "%s: got '%s', want '%s'", file,
	    err.s, want);
	agenda_release(&ag);
	cr_assert_eq(ag.nsessions, 0);
	buf_release(&warn);
	buf_release(&err);
}

Test(agenda_frab, refuses_bad_files)
{
	bad("bomb.xml", "bomb.xml:");
	bad("deep.xml", "deep.xml:5: elements nested deeper than 32");
	bad("broken.xml", "broken.xml:7:");
}

Test(agenda_json, refuses_bad_files)
{
	bad("deep.json", "deep.json:2: nested deeper than 64");
	bad("broken.json", "broken.json:5:16: malformed JSON");
}

Test(agenda_json, reads_pretalx)
{
	struct agenda ag;
	struct buf warn, err;

	cr_assert_eq(read_fixture("democon.json", &ag, &warn, &err),
	    AGENDA_READ_OK, "%s", err.s);
	cr_assert_eq(ag.nsessions, 36);
	cr_assert_eq(ag.nrooms, 2);
	cr_assert_eq(ag.ntracks, 2);
	cr_assert_str_eq(ag.slug, "democon");
	agenda_release(&ag);
	buf_release(&warn);
	buf_release(&err);
}

static void
golden(const char *name, const struct buf *got)
{
	char path[256], *want = NULL;
	size_t len = 0;
	FILE *f;

	snprintf(path, sizeof(path), GOLDEN "%s", name);
	if (getenv("UPDATE_GOLDEN") != NULL) {
		cr_assert_not_null(f = fopen(path, "wb"));
		fwrite(got->s, 1, got->len, f);
		fclose(f);
		return;
	}
	cr_assert_eq(read_file(path, (size_t)8 << 20, &want, &len), READ_OK,
	    "no golden file %s (UPDATE_GOLDEN=1 makes it)", path);
	cr_assert(len == got->len && memcmp(want, got->s, len) == 0,
	    "%s differs from the encoder's output", path);
	free(want);
}

Test(agenda_golden, every_encoder)
{
	static const char *const names[EXPORT__MAX] = {
		[EXPORT_FRAB] = "agenda-small.xml",
		[EXPORT_SCHEDULE_JSON] = "agenda-small.schedule.json",
		[EXPORT_ICAL] = "agenda-small.ics",
		[EXPORT_CSV] = "agenda-small.csv",
		[EXPORT_JSON] = "agenda-small.api.json",
		[EXPORT_DATAPACKAGE] = "agenda-small.datapackage.json",
	};
	struct agenda ag;
	struct buf out;
	int f;

	small(&ag);
	snprintf(ag.modified, sizeof(ag.modified), "2017-11-01T12:00:00Z");
	for (f = 0; f < EXPORT__MAX; f++) {
		buf_init(&out, 0);
		export_write(&ag, (enum export_format)f, &out);
		golden(names[f], &out);
		buf_release(&out);
	}
	buf_init(&out, 0);
	sessions_json_write(&ag, 1, 2, &out);
	golden("agenda-small.page.json", &out);
	buf_release(&out);
	agenda_release(&ag);
}

Test(agenda_ical, rfc5545_shape)
{
	struct agenda ag;
	struct buf out;
	const char *p;

	small(&ag);
	buf_init(&out, 0);
	ical_write(&ag, NULL, NULL, &out);
	cr_assert(strstr(out.s,
		      "BEGIN:VTIMEZONE\r\nTZID:America/Argentina/"
		      "Buenos_Aires\r\n") != NULL);
	cr_assert(strstr(out.s, "TZOFFSETTO:-0300") != NULL);
	cr_assert(strstr(out.s,
		      "UID:9a1b2c3d-0000-4000-8000-000000000101@"
		      "cabildo\r\n") != NULL);
	cr_assert(strstr(out.s,
		      "DTSTART;TZID=America/Argentina/Buenos_Aires:"
		      "20171121T090000\r\n") != NULL);
	{
		/* unfold, then look for the escaped commas and semicolons */
		struct buf u;

		buf_init(&u, 0);
		for (p = out.s; *p != '\0'; p++) {
			if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
				p += 2;
				continue;
			}
			buf_addc(&u, *p);
		}
		cr_assert(strstr(u.s,
			      "Segunda línea\\, con comas\\, y punto "
			      "y coma\\; fin.") != NULL,
		    "commas and semicolons escaped");
		buf_release(&u);
	}
	/* every line ends in CRLF and holds at most 75 octets */
	for (p = out.s; *p != '\0';) {
		const char *e = strstr(p, "\r\n");

		cr_assert_not_null(e, "a line without CRLF");
		cr_assert_leq((size_t)(e - p), 75, "long line: %.80s", p);
		p = e + 2;
	}
	buf_release(&out);
	agenda_release(&ag);
}

static size_t
roundtrip(struct agenda *a, bool xml)
{
	struct agenda b;
	struct buf out, warn, err, diff;
	size_t n;

	buf_init(&out, 0);
	buf_init(&warn, 0);
	buf_init(&err, 0);
	buf_init(&diff, 0);
	if (xml)
		frab_xml_write(a, &out);
	else
		schedule_json_write(a, &out);
	agenda_init(&b);
	cr_assert_eq(xml
		? frab_xml_read(out.s, out.len, "x", &b, &warn, &err)
		: schedule_json_read(out.s, out.len, "x", &b, &warn, &err),
	    AGENDA_READ_OK, "%s", err.s);
	n = agenda_compare(a, &b, &diff, 10);
	cr_assert_eq(n, 0, "%s", diff.s);
	agenda_release(&b);
	buf_release(&out);
	buf_release(&warn);
	buf_release(&err);
	buf_release(&diff);
	return n;
}

Test(agenda_roundtrip, both_formats)
{
	struct agenda a, d;
	struct buf warn, err;

	small(&a);
	roundtrip(&a, true);
	roundtrip(&a, false);
	cr_assert_eq(
	    read_fixture("democon.json", &d, &warn, &err), AGENDA_READ_OK);
	roundtrip(&d, true);
	roundtrip(&d, false);
	agenda_release(&a);
	agenda_release(&d);
	buf_release(&warn);
	buf_release(&err);
}

static struct store *
temp_store(char *path)
{
	struct store *st = NULL;
	struct buf msg;
	int fd = mkstemp(path);

	cr_assert_geq(fd, 0);
	close(fd);
	buf_init(&msg, 0);
	cr_assert_eq(
	    store_open(path, STORE_CREATE, &st, &msg), STORE_OK, "%s", msg.s);
	buf_release(&msg);
	return st;
}

static void
drop_store(struct store *st, const char *path)
{
	char side[300];

	store_close(st);
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

Test(agenda_store, import_load_and_tokens)
{
	char path[] = "/tmp/cabildo-agenda-XXXXXX";
	struct store *st = temp_store(path);
	struct agenda a, b;
	struct event ev;
	struct buf msg, diff;
	char token[CALENDAR_TOKEN_LEN + 1];
	bool *marks;
	size_t *stars;

	small(&a);
	buf_init(&msg, 0);
	buf_init(&diff, 0);
	cr_assert_eq(
	    store_agenda_import(st, &a, false, &msg), STORE_OK, "%s", msg.s);
	buf_reset(&msg);
	cr_assert_eq(store_agenda_import(st, &a, false, &msg),
	    STORE_ERR_CONSTRAINT, "a second import of the slug is refused");
	cr_assert(strstr(msg.s, "already exists") != NULL);
	buf_reset(&msg);
	cr_assert_eq(store_agenda_import(st, &a, true, &msg), STORE_OK,
	    "--replace: %s", msg.s);
	event_init(&ev);
	agenda_init(&b);
	cr_assert_eq(store_event_load(st, "cabildo-test-2017", &ev), STORE_OK);
	cr_assert_eq(store_agenda_load(st, &ev, &b), STORE_OK);
	cr_assert_eq(agenda_compare(&a, &b, &diff, 10), 0, "%s", diff.s);
	cr_assert_eq(ev.nthemes, 3);
	cr_assert_eq(ev.nformats, 4, "plenary, panel, workshop, lecture");
	/* an unknown token is a 404 */
	marks = xcalloc(b.nsessions, sizeof(*marks));
	cr_assert_eq(store_calendar_token_sessions(st, &ev, &b,
			 "00000000000000000000000000000000", marks),
	    STORE_ERR_NOTFOUND);
	stars = xcalloc(b.nsessions, sizeof(*stars));
	cr_assert_eq(store_agenda_stars(st, &ev, &b, stars), STORE_OK);
	cr_assert_eq(stars[0], 0);
	(void)token;
	free(marks);
	free(stars);
	agenda_release(&a);
	agenda_release(&b);
	event_release(&ev);
	buf_release(&msg);
	buf_release(&diff);
	drop_store(st, path);
}
