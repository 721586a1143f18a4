/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * main.c: cabildo's entry point.  A thin main: it finds the command in the
 * table and runs it; everything else is library code that tests link.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/cmds.h"

static const struct cmd *const commands[] = {
	&cmd_init,
	&cmd_event_load,
	&cmd_event_list,
	&cmd_demo,
	&cmd_serve,
	&cmd_backup,
	&cmd_restore,
	&cmd_solve_cosplib,
	&cmd_schedule,
	&cmd_timetable_check,
	/* "import <sub>" commands go before cmd_import (see cmd_import.c) */
	&cmd_import_proposals,
	&cmd_import,
	&cmd_export,
	&cmd_user_add,
	&cmd_user_role,
	&cmd_outbox_list,
	&cmd_themes_evaluate,
	&cmd_themes_suggest,
	&cmd_themes_similar,
	&cmd_review_assign,
	&cmd_review_simulate,
	&cmd_review_status,
	&cmd_select,
	&cmd_decide,
	&cmd_notify,

};

static void
usage(FILE *f)
{
	size_t i;

	fputs("usage: cabildo <command> [options]\n\ncommands:\n", f);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  cabildo %s\n", commands[i]->usage);
	fputs("\n'cabildo <command> --help' explains a command; "
	      "'cabildo --version' prints the version.\n",
	    f);
}

/* Finds "word" or "word sub" in the table; sets *words to 1 or 2. */
static const struct cmd *
find(int argc, char **argv, int *words)
{
	size_t i, n1;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const char *name = commands[i]->name;
		const char *sp = strchr(name, ' ');

		if (sp == NULL) {
			if (strcmp(name, argv[1]) == 0) {
				*words = 1;
				return commands[i];
			}
			continue;
		}
		n1 = (size_t)(sp - name);
		if (argc > 2 && strlen(argv[1]) == n1 &&
		    strncmp(name, argv[1], n1) == 0 &&
		    strcmp(sp + 1, argv[2]) == 0) {
			*words = 2;
			return commands[i];
		}
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	const struct cmd *cmd;
	int words = 1;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("cabildo %s\n", CABILDO_VERSION);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if ((cmd = find(argc, argv, &words)) == NULL) {
		fprintf(stderr, "cabildo: unknown command '%s'\n", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (cmd_wants_help(cmd, argc - words, argv + words))
		return EXIT_OK;
	return (int)cmd->exec(argc - words, argv + words);
}
