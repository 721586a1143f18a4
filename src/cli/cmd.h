/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd.h: the CLI's command table.  Each command lives in its own file,
 * cmd_<verb>.c, and exports one `const struct cmd` that cmd.c lists
 * (tmux cmd-*.c + cmd.c).  A command may have subcommands ("event load"):
 * then its name holds both words.
 */
#ifndef CABILDO_CMD_H
#define CABILDO_CMD_H

#include <stdbool.h>

/* Exit codes of every command, documented in --help and cabildo(1). */
enum exit_code {
	EXIT_OK = 0,
	EXIT_FAIL = 1,     /* the operation failed: bad input, infeasible */
	EXIT_USAGE = 2,    /* bad command line */
	EXIT_DB = 3,       /* the database could not be opened or migrated */
	EXIT_INTERNAL = 4, /* a bug or an environment failure */
	EXIT__MAX
};

struct cmd {
	const char *name;  /* "init", "event load" */
	const char *usage; /* the synopsis after "cabildo " */
	const char *help;  /* a paragraph: what it does, options, exit codes */
	/* argv[0] is the last word of the command name. */
	enum exit_code (*exec)(int argc, char **argv);
};

/*
 * Looks for "--help" or "-h" in argv; if present prints the command's help on
 * stdout and returns true.
 */
int cmd_wants_help(const struct cmd *cmd, int argc, char **argv);

/* Prints "cabildo <name>: <message>" and the usage line on stderr. */
enum exit_code cmd_usage_error(const struct cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints "cabildo: <message>" on stderr and returns code. */
enum exit_code cmd_fail(enum exit_code code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

struct store;

/*
 * Opens the database at path for a command (creating it with create) and
 * applies migrations; on failure prints why and returns EXIT_DB.
 */
enum exit_code cmd_open_store(
    const char *path, bool create, struct store **out);

#endif
