/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * sql.c: runs an SQL script on a cabildo database through the store, so
 * that the text search tokenizer is registered (store_fts.h).  Tests use
 * it where the sqlite3 shell would fail: writing a proposal's title,
 * abstract or description fires the triggers of proposal_fts, which need
 * the tokenizer.  Output is not printed: read with the sqlite3 shell.
 *
 * Usage: sql DB 'SQL'   or   sql DB < script.sql
 * Exit 0 on success; 1 with SQLite's message on stderr otherwise.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store/store.h"
#include "store/store_fts.h"
#include "util/buf.h"

int
main(int argc, char **argv)
{
	struct store *st = NULL;
	struct buf msg, script;
	char chunk[4096];
	size_t n;
	int status = 1;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s DB ['SQL']\n", argv[0]);
		return 2;
	}
	buf_init(&msg, 0);
	buf_init(&script, 0);
	if (argc == 3) {
		buf_addstr(&script, argv[2]);
	} else {
		while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
			buf_add(&script, chunk, n);
	}
	if (script.overflow)
		fprintf(stderr, "sql: script too long\n");
	else if (store_open(argv[1], 0, &st, &msg) != STORE_OK)
		fprintf(stderr, "sql: %s\n", msg.s);
	else if (store_exec_trusted(st, script.s, &msg) != STORE_OK)
		fprintf(stderr, "sql: %s\n", msg.s);
	else
		status = 0;
	store_close(st);
	buf_release(&msg);
	buf_release(&script);
	return status;
}
