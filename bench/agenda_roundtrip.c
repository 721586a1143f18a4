/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * agenda_roundtrip.c: the full round trip of published programmes, on
 * real files (../shared/data/fosdem, ../shared/data/ccc) that are too
 * big for `make check`.  For each file: read it, import it into a fresh
 * database, load it back, export frab XML and schedule.json, read both
 * again, import those again and load them; every stage is compared field
 * by field (agenda_compare) with the first reading.  Prints timings of
 * each step.  Usage: agenda_roundtrip FILE...  (.xml: frab, .json:
 * schedule.json).  Exits 1 on any difference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/agenda.h"
#include "formats/frab_xml.h"
#include "formats/schedule_json.h"
#include "store/store.h"
#include "store/store_agenda.h"
#include "util/util.h"

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static bool
read_any(
    const char *text, size_t len, const char *name, bool xml, struct agenda *ag)
{
	struct buf warn, err;
	enum agenda_read_err e;

	buf_init(&warn, 0);
	buf_init(&err, 0);
	agenda_init(ag);
	e = xml ? frab_xml_read(text, len, name, ag, &warn, &err)
		: schedule_json_read(text, len, name, ag, &warn, &err);
	if (e != AGENDA_READ_OK)
		fprintf(stderr, "%s\n", err.s);
	buf_release(&warn);
	buf_release(&err);
	return e == AGENDA_READ_OK;
}

/* Imports ag under slug and loads it back into out. */
static bool
through_store(struct store *st, struct agenda *ag, const char *slug,
    struct agenda *out, double *import_ms)
{
	struct event ev;
	struct buf msg;
	double t0 = now_ms();
	bool ok;

	free(ag->slug);
	ag->slug = xstrdup(slug);
	buf_init(&msg, 0);
	ok = store_agenda_import(st, ag, true, &msg) == STORE_OK;
	*import_ms = now_ms() - t0;
	if (!ok)
		fprintf(stderr, "import: %s\n", msg.s);
	buf_release(&msg);
	event_init(&ev);
	agenda_init(out);
	ok = ok && store_event_load(st, slug, &ev) == STORE_OK &&
	    store_agenda_load(st, &ev, out) == STORE_OK;
	event_release(&ev);
	return ok;
}

static size_t
check(const char *what, const char *file, const struct agenda *a,
    const struct agenda *b)
{
	struct buf diff;
	size_t n;

	buf_init(&diff, 0);
	n = agenda_compare(a, b, &diff, 10);
	if (n > 0)
		printf("not ok - %s %s: %zu differences\n%s", file, what, n,
		    diff.s);
	buf_release(&diff);
	return n;
}

int
main(int argc, char **argv)
{
	char dbpath[] = "/tmp/cabildo-roundtrip-XXXXXX";
	struct store *st = NULL;
	struct buf msg;
	size_t bad = 0;
	int i, fd;

	if (argc < 2) {
		fputs("usage: agenda_roundtrip FILE...\n", stderr);
		return 2;
	}
	if ((fd = mkstemp(dbpath)) < 0)
		die("mkstemp");
	close(fd);
	buf_init(&msg, 0);
	if (store_open(dbpath, STORE_CREATE, &st, &msg) != STORE_OK)
		die("%s", msg.s);
	for (i = 1; i < argc; i++) {
		const char *file = argv[i];
		bool xml = strstr(file, ".xml") != NULL;
		struct agenda a, s, x, j, sx, sj;
		struct buf fx, fj;
		double t0, tread, timp, tfrab, tjson, t2;
		char *text = NULL;
		size_t len, diffs = 0;

		if (read_file(file, AGENDA_FILE_MAX, &text, &len) != READ_OK)
			die("%s: cannot read", file);
		t0 = now_ms();
		if (!read_any(text, len, file, xml, &a))
			die("%s: cannot parse", file);
		tread = now_ms() - t0;
		if (!through_store(st, &a, "rt-original", &s, &timp))
			die("%s: store", file);
		buf_init(&fx, 0);
		buf_init(&fj, 0);
		t0 = now_ms();
		frab_xml_write(&s, &fx);
		tfrab = now_ms() - t0;
		t0 = now_ms();
		schedule_json_write(&s, &fj);
		tjson = now_ms() - t0;
		if (!read_any(fx.s, fx.len, "export.xml", true, &x) ||
		    !read_any(fj.s, fj.len, "export.json", false, &j))
			die("%s: cannot re-read the exports", file);
		if (!through_store(st, &x, "rt-xml", &sx, &t2) ||
		    !through_store(st, &j, "rt-json", &sj, &t2))
			die("%s: store again", file);
		/* the slugs differ on purpose; the rest must not */
		diffs += check("store", file, &a, &s);
		diffs += check("frab export", file, &a, &x);
		diffs += check("schedule.json export", file, &a, &j);
		diffs += check("frab re-import", file, &a, &sx);
		diffs += check("schedule.json re-import", file, &a, &sj);
		if (diffs == 0)
			printf("ok - %s: %zu sessions, %zu rooms, %zu tracks, "
			       "%zu persons; read %.1f ms, import %.1f ms, "
			       "export frab %.1f ms, schedule.json %.1f ms\n",
			    file, a.nsessions, a.nrooms, a.ntracks, a.npersons,
			    tread, timp, tfrab, tjson);
		bad += diffs > 0;
		agenda_release(&a);
		agenda_release(&s);
		agenda_release(&x);
		agenda_release(&j);
		agenda_release(&sx);
		agenda_release(&sj);
		buf_release(&fx);
		buf_release(&fj);
		free(text);
	}
	store_close(st);
	unlink(dbpath);
	{
		char side[64];

		snprintf(side, sizeof(side), "%s-wal", dbpath);
		unlink(side);
		snprintf(side, sizeof(side), "%s-shm", dbpath);
		unlink(side);
	}
	buf_release(&msg);
	printf("RESULT %d %zu\n", argc - 1 - (int)bad, bad);
	return bad > 0;
}
