/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_init.c: `cabildo init`, which creates a database or brings its schema
 * up to date.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli/cmds.h"
#include "store/store.h"

static enum exit_code
init_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL;
	struct store *st;
	enum exit_code rc;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:", opts, NULL)) != -1) {
		if (c != 'd')
			return cmd_usage_error(&cmd_init, "unknown option");
		db = optarg;
	}
	if (db == NULL || optind != argc)
		return cmd_usage_error(&cmd_init, "expected --db FILE only");
	if ((rc = cmd_open_store(db, true, &st)) != EXIT_OK)
		return rc;
	printf("database '%s' ready at schema version %d\n", db,
	    store_schema_version(st));
	store_close(st);
	return EXIT_OK;
}

const struct cmd cmd_init = {
	.name = "init",
	.usage = "init --db FILE",
	.help =
	    "Creates the SQLite database FILE, or applies the migrations it "
	    "lacks.\nA database written by a newer cabildo is refused and "
	    "left untouched.\n\n  --db FILE   the database file",
	.exec = init_exec,
};
