/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_outbox.c: `cabildo outbox list`, every mail cabildo has queued, in
 * the order queued: what a sending worker will send, and what tests read
 * one-time links from.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli/cmds.h"
#include "store/store_account.h"

static enum exit_code
outbox_list_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct outbox_mail *list = NULL;
	struct store *st = NULL;
	const char *db = NULL;
	enum exit_code rc;
	size_t n = 0, i;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:", opts, NULL)) != -1) {
		if (c != 'd')
			return cmd_usage_error(
			    &cmd_outbox_list, "unknown option");
		db = optarg;
	}
	if (db == NULL || optind != argc)
		return cmd_usage_error(&cmd_outbox_list, "expected --db FILE");
	if ((rc = cmd_open_store(db, false, &st)) != EXIT_OK)
		return rc;
	if (store_outbox_list(st, &list, &n) != STORE_OK) {
		store_close(st);
		return cmd_fail(EXIT_DB, "cannot read the outbox");
	}
	for (i = 0; i < n; i++)
		printf("%sid: %lld\nto: %s\nsubject: %s\nqueued: %s\nsent: %s\n"
		       "\n%s\n",
		    i > 0 ? "\n" : "", (long long)list[i].id, list[i].to,
		    list[i].subject, list[i].created_at,
		    list[i].sent_at != NULL ? list[i].sent_at : "no",
		    list[i].body);
	outbox_list_free(list, n);
	store_close(st);
	return EXIT_OK;
}

const struct cmd cmd_outbox_list = {
	.name = "outbox list",
	.usage = "outbox list --db FILE",
	.help = "Prints every queued mail, oldest first: id, recipient, "
		"subject, when it\nwas queued and sent, then its body.\n\n"
		"  --db FILE   the database file",
	.exec = outbox_list_exec,
};
