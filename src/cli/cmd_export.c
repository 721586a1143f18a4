/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_export.c: `cabildo export` writes an event's agenda in one of the
 * open-data formats, byte for byte what the web server serves.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "formats/export.h"
#include "store/store.h"
#include "store/store_agenda.h"
#include "util/buf.h"
#include "util/util.h"

static enum exit_code
write_out(const char *path, const struct buf *b)
{
	FILE *f;
	bool ok;

	if (path == NULL) {
		ok = fwrite(b->s, 1, b->len, stdout) == b->len &&
		    fflush(stdout) == 0;
		return ok ? EXIT_OK
			  : cmd_fail(EXIT_FAIL, "stdout: write error");
	}
	if ((f = fopen(path, "wb")) == NULL)
		return cmd_fail(EXIT_FAIL, "%s: cannot create", path);
	ok = fwrite(b->s, 1, b->len, f) == b->len;
	if (fclose(f) != 0)
		ok = false;
	return ok ? EXIT_OK : cmd_fail(EXIT_FAIL, "%s: write error", path);
}

static enum exit_code
export_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "event", required_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *slug = NULL, *fmt = NULL, *outp = NULL;
	struct store *st = NULL;
	struct event ev;
	struct agenda ag;
	struct buf out;
	enum export_format f;
	enum store_err se;
	enum exit_code rc;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:e:f:o:", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'e':
			slug = optarg;
			break;
		case 'f':
			fmt = optarg;
			break;
		case 'o':
			outp = optarg;
			break;
		default:
			return cmd_usage_error(&cmd_export, "unknown option");
		}
	}
	if (db == NULL || slug == NULL || fmt == NULL || optind != argc)
		return cmd_usage_error(&cmd_export,
		    "expected --db FILE --event SLUG --format FORMAT");
	if (!export_by_name(fmt, &f))
		return cmd_usage_error(&cmd_export,
		    "unknown format '%s': expected frab, schedule-json, ical, "
		    "csv, json or datapackage",
		    fmt);
	if ((rc = cmd_open_store(db, false, &st)) != EXIT_OK)
		return rc;
	event_init(&ev);
	agenda_init(&ag);
	buf_init(&out, 0);
	se = store_event_load(st, slug, &ev);
	if (se == STORE_OK)
		se = store_agenda_load(st, &ev, &ag);
	if (se != STORE_OK) {
		rc = cmd_fail(se == STORE_ERR_NOTFOUND ? EXIT_FAIL : EXIT_DB,
		    "event '%s': %s", slug, store_strerror(se));
		goto out;
	}
	export_write(&ag, f, &out);
	rc = write_out(outp, &out);
out:
	buf_release(&out);
	agenda_release(&ag);
	event_release(&ev);
	store_close(st);
	return rc;
}

const struct cmd cmd_export = {
	.name = "export",
	.usage = "export --db FILE --event SLUG --format "
		 "frab|schedule-json|ical|csv|json|datapackage [-o FILE]",
	.help = "Writes the event's published agenda (sessions with a room "
		"and a time) in\none open-data format, the same bytes as "
		"/{event}/schedule.xml,\nschedule.json, schedule.ics, "
		"sessions.csv, datapackage.json and\n"
		"/api/v1/events/{event}/sessions.\n\n"
		"  --db FILE       the database file\n"
		"  --event SLUG    the event\n"
		"  --format F      frab, schedule-json, ical, csv, json or "
		"datapackage\n"
		"  -o, --output F  write to F instead of stdout\n\n"
		"Exit status: 0 written, 1 unknown event or write error, 2 bad "
		"usage,\n3 database error.",
	.exec = export_exec,
};
