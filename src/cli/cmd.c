/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd.c: the table of CLI commands and the helpers they share.
 */
#include "cli/cmd.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "util/buf.h"

int
cmd_wants_help(const struct cmd *cmd, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			printf(
			    "usage: cabildo %s\n\n%s\n", cmd->usage, cmd->help);
			printf("\nexit status: 0 success, 1 failure, 2 usage "
			       "error, 3 database error, 4 internal error\n");
			return 1;
		}
	}
	return 0;
}

enum exit_code
cmd_usage_error(const struct cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "cabildo %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: cabildo %s\n", cmd->usage);
	return EXIT_USAGE;
}

enum exit_code
cmd_fail(enum exit_code code, const char *fmt, ...)
{
	va_list ap;

	fputs("cabildo: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

enum exit_code
cmd_open_store(const char *path, bool create, struct store **out)
{
	struct buf msg;
	enum store_err err;

	buf_init(&msg, 0);
	err = store_open(path, create ? STORE_CREATE : 0, out, &msg);
	if (err != STORE_OK) {
		fprintf(
		    stderr, "cabildo: %s: %s\n", store_strerror(err), msg.s);
		buf_release(&msg);
		return EXIT_DB;
	}
	buf_release(&msg);
	return EXIT_OK;
}
