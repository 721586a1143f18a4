/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_event.c: `cabildo event load` (create or update an event from its
 * definition file, in one transaction) and `cabildo event list`.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmds.h"
#include "formats/event_json.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/util.h"

static enum exit_code
load_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *file;
	struct store *st = NULL;
	struct event ev;
	struct buf msg;
	enum exit_code rc = EXIT_OK;
	enum read_err rerr;
	enum store_err serr;
	char *text = NULL;
	size_t len;
	bool created;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:", opts, NULL)) != -1) {
		if (c != 'd')
			return cmd_usage_error(
			    &cmd_event_load, "unknown option");
		db = optarg;
	}
	if (db == NULL || optind != argc - 1)
		return cmd_usage_error(
		    &cmd_event_load, "expected --db FILE and one EVENT.json");
	file = argv[optind];
	rerr = read_file(file, EVENT_JSON_MAX_BYTES, &text, &len);
	if (rerr != READ_OK)
		return cmd_fail(EXIT_FAIL, "%s: %s", file, read_strerror(rerr));
	buf_init(&msg, 0);
	event_init(&ev);
	/* Parse fully before touching the database. */
	if (event_json_parse(text, len, file, &ev, &msg) != EVENT_JSON_OK) {
		rc = cmd_fail(EXIT_FAIL, "%s", msg.s);
		goto out;
	}
	if ((rc = cmd_open_store(db, false, &st)) != EXIT_OK)
		goto out;
	if ((serr = store_event_save(st, &ev, &created, &msg)) != STORE_OK) {
		rc =
		    cmd_fail(serr == STORE_ERR_CONSTRAINT ? EXIT_FAIL : EXIT_DB,
			"%s: %s: %s", file, store_strerror(serr), msg.s);
		goto out;
	}
	printf("%s event '%s': %zu themes, %zu formats, %zu rooms, %zu days\n",
	    created ? "created" : "updated", ev.slug, ev.nthemes, ev.nformats,
	    ev.nrooms, ev.ndays);
out:
	store_close(st);
	event_release(&ev);
	buf_release(&msg);
	free(text);
	return rc;
}

const struct cmd cmd_event_load = {
	.name = "event load",
	.usage = "event load --db FILE EVENT.json",
	.help =
	    "Creates the event defined in EVENT.json (docs/event-format.md), "
	    "or updates\nthe event with the same slug, in one transaction. "
	    "An invalid file is\nreported with its line and column and "
	    "changes nothing.\n\n  --db FILE   the database file",
	.exec = load_exec,
};

static enum exit_code
list_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	struct event_summary *list = NULL;
	struct store *st;
	enum exit_code rc;
	char start[11], end[11];
	size_t n = 0, i;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:", opts, NULL)) != -1) {
		if (c != 'd')
			return cmd_usage_error(
			    &cmd_event_list, "unknown option");
		db = optarg;
	}
	if (db == NULL || optind != argc)
		return cmd_usage_error(&cmd_event_list, "expected --db FILE");
	if ((rc = cmd_open_store(db, false, &st)) != EXIT_OK)
		return rc;
	if (store_event_list(st, &list, &n) != STORE_OK) {
		store_close(st);
		return cmd_fail(EXIT_DB, "cannot list events");
	}
	for (i = 0; i < n; i++) {
		format_date(list[i].start_date, start);
		format_date(list[i].end_date, end);
		printf("%s\t%s\t%s\t%s\n", list[i].slug, start, end,
		    l10n_get(&list[i].name, LANG_EN));
	}
	store_event_list_free(list, n);
	store_close(st);
	return EXIT_OK;
}

const struct cmd cmd_event_list = {
	.name = "event list",
	.usage = "event list --db FILE",
	.help = "Lists the events in the database: slug, first day, last day "
		"and\nEnglish name, one per line, tab-separated.\n\n"
		"  --db FILE   the database file",
	.exec = list_exec,
};
