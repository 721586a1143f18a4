/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_import.c: `cabildo import`, which brings in a published programme
 * (frab schedule.xml or c3voc schedule.json) as a new event.
 *
 * NOTE: reconstructed by the accounts/CFP session from the strings of
 * its object file after that session overwrote this file by mistake;
 * its author should check it against their own copy.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "core/agenda.h"
#include "formats/agenda_io.h"
#include "formats/frab_xml.h"
#include "formats/schedule_json.h"
#include "store/store.h"
#include "store/store_agenda.h"
#include "util/buf.h"
#include "util/util.h"

enum import_format { IMPORT_FRAB, IMPORT_SCHEDULE_JSON, IMPORT__MAX };

static const char *const import_names[IMPORT__MAX] = {
	[IMPORT_FRAB] = "frab",
	[IMPORT_SCHEDULE_JSON] = "schedule-json",
};

static enum exit_code
import_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "event", required_argument, NULL, 'e' },
		{ "replace", no_argument, NULL, 'r' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *fmt = NULL, *slug = NULL, *path;
	struct store *st = NULL;
	struct agenda ag;
	struct buf warn, err;
	enum agenda_read_err re;
	enum store_err se;
	enum exit_code rc = EXIT_OK;
	enum read_err fe;
	bool replace = false, quiet = false;
	char *text = NULL;
	size_t len;
	int c, f;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:f:e:rq", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'f':
			fmt = optarg;
			break;
		case 'e':
			slug = optarg;
			break;
		case 'r':
			replace = true;
			break;
		case 'q':
			quiet = true;
			break;
		default:
			return cmd_usage_error(&cmd_import, "unknown option");
		}
	}
	if (db == NULL || fmt == NULL || optind + 1 != argc)
		return cmd_usage_error(&cmd_import,
		    "expected --db FILE, --format FORMAT and one input file");
	for (f = 0; f < IMPORT__MAX; f++)
		if (strcmp(fmt, import_names[f]) == 0)
			break;
	if (f == IMPORT__MAX)
		return cmd_usage_error(&cmd_import,
		    "unknown format '%s': expected frab or schedule-json", fmt);
	if (slug != NULL && !slug_valid(slug, strlen(slug), 64))
		return cmd_usage_error(&cmd_import,
		    "'%s': an event slug is 1 to 64 of [a-z0-9-]", slug);
	path = argv[optind];
	if ((fe = read_file(path, AGENDA_FILE_MAX, &text, &len)) != READ_OK)
		return cmd_fail(EXIT_FAIL, "%s: %s", path, read_strerror(fe));
	agenda_init(&ag);
	buf_init(&warn, 0);
	buf_init(&err, 0);
	re = f == IMPORT_FRAB
	    ? frab_xml_read(text, len, path, &ag, &warn, &err)
	    : schedule_json_read(text, len, path, &ag, &warn, &err);
	if (re != AGENDA_READ_OK) {
		rc = cmd_fail(EXIT_FAIL, "%s", err.s);
		goto out;
	}
	if (!quiet && warn.len > 0)
		fputs(warn.s, stderr);
	if (slug != NULL) {
		free(ag.slug);
		ag.slug = xstrdup(slug);
	} else if (ag.slug == NULL ||
	    !slug_valid(ag.slug, strlen(ag.slug), 64)) {
		rc = cmd_fail(EXIT_FAIL,
		    "%s: acronym '%s' is no event slug: give --event SLUG",
		    path, ag.slug != NULL ? ag.slug : "");
		goto out;
	}
	if ((rc = cmd_open_store(db, true, &st)) != EXIT_OK)
		goto out;
	if ((se = store_agenda_import(st, &ag, replace, &err)) != STORE_OK) {
		rc = cmd_fail(se == STORE_ERR_CONSTRAINT ? EXIT_FAIL : EXIT_DB,
		    "%s: %s: %s", path, store_strerror(se), err.s);
		goto out;
	}
	printf("imported event '%s': %zu sessions, %zu rooms, %zu tracks, "
	       "%zu persons\n",
	    ag.slug, ag.nsessions, ag.nrooms, ag.ntracks, ag.npersons);
out:
	store_close(st);
	agenda_release(&ag);
	buf_release(&warn);
	buf_release(&err);
	free(text);
	return rc;
}

const struct cmd cmd_import = {
	.name = "import",
	.usage = "import --db FILE --format frab|schedule-json [--event SLUG] "
		 "[--replace] FILE",
	.help = "Imports a published programme (days, rooms, tracks as "
		"themes, events as\nsessions, persons) as a new event, in one "
		"transaction.  The slug is the\nfile's conference acronym "
		"unless --event gives one.  Items that cannot be\nplaced (no "
		"start, no room) are reported on stderr with their line and\n"
		"left out; a malformed file imports nothing.\n\n"
		"  --db FILE        the database file\n"
		"  --format F       frab (schedule.xml) or schedule-json\n"
		"  --event SLUG     the new event's slug\n"
		"  --replace        replace an event of the same slug\n"
		"  --quiet          do not print what was skipped\n\n"
		"Exit status: 0 imported, 1 bad input or the event exists, 2 "
		"bad usage,\n3 database error.",
	.exec = import_exec,
};
