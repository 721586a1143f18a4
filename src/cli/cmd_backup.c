/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_backup.c: `cabildo backup` and `cabildo restore`.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmds.h"
#include "store/store.h"
#include "util/buf.h"

/* Whether a and b name the same existing file. */
static bool
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static enum exit_code
exit_of(enum store_err err)
{
	return err == STORE_ERR_OPEN ? EXIT_DB : EXIT_FAIL;
}

static enum exit_code
backup_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *out = NULL;
	struct store_file_info info = { 0 };
	enum store_err err;
	enum exit_code rc = EXIT_OK;
	struct buf msg;
	bool force = false;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:o:f", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'f':
			force = true;
			break;
		default:
			return cmd_usage_error(&cmd_backup, "unknown option");
		}
	}
	if (db == NULL || out == NULL || optind != argc)
		return cmd_usage_error(
		    &cmd_backup, "expected --db FILE --out FILE");
	if (same_file(db, out))
		return cmd_fail(EXIT_FAIL,
		    "'%s' is the database itself: back up to another file",
		    out);
	if (!force && access(out, F_OK) == 0)
		return cmd_fail(EXIT_FAIL,
		    "'%s' already exists (--force replaces it)", out);
	if (access(db, F_OK) != 0)
		return cmd_fail(EXIT_DB, "'%s': no such database", db);
	buf_init(&msg, 0);
	err = store_backup(db, out, &info, &msg);
	if (err != STORE_OK) {
		rc = cmd_fail(exit_of(err), "backup failed: %s", msg.s);
	} else {
		printf("backup of '%s' written to '%s': schema version %d, "
		       "%lld bytes, integrity ok\n",
		    db, out, info.version, (long long)info.bytes);
	}
	buf_release(&msg);
	return rc;
}

const struct cmd cmd_backup = {
	.name = "backup",
	.usage = "backup --db FILE --out FILE [--force]",
	.help = "Copies the database FILE to --out while the server keeps "
		"running, with\nSQLite's online backup API: a consistent "
		"snapshot of the moment it starts,\nholding no lock that would "
		"stop a writer.  The copy is one self-contained\nfile, checked "
		"(integrity_check, foreign_key_check) and synced before it\n"
		"takes its name, so a backup file that exists is complete.\n\n"
		"  --db FILE    the live database\n"
		"  --out FILE   the backup to write; refused if it exists\n"
		"  --force      replace an existing --out\n\n"
		"Exit: 0 written, 1 failed (nothing written), 2 usage, 3 the "
		"database\ncannot be opened.",
	.exec = backup_exec,
};

static enum exit_code
restore_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "from", required_argument, NULL, 'f' },
		{ "check", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *from = NULL;
	struct store_file_info info = { 0 };
	enum store_err err;
	enum exit_code rc = EXIT_OK;
	struct buf msg;
	bool check_only = false;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:f:c", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'f':
			from = optarg;
			break;
		case 'c':
			check_only = true;
			break;
		default:
			return cmd_usage_error(&cmd_restore, "unknown option");
		}
	}
	if (from == NULL || (db == NULL && !check_only) || optind != argc)
		return cmd_usage_error(
		    &cmd_restore, "expected --db FILE --from FILE");
	if (!check_only && same_file(db, from))
		return cmd_fail(EXIT_FAIL,
		    "'%s' is the database itself: nothing to restore", from);
	buf_init(&msg, 0);
	if (check_only) {
		err = store_check_file(from, &info, &msg);
		if (err == STORE_OK)
			printf("'%s': cabildo database, schema version %d, "
			       "%lld bytes, integrity ok\n",
			    from, info.version, (long long)info.bytes);
	} else {
		err = store_restore(from, db, &info, &msg);
		if (err == STORE_OK)
			printf("'%s' restored into '%s': schema version %d "
			       "(this cabildo: %d), %lld bytes, integrity "
			       "ok\n",
			    from, db, info.version, store_schema_latest(),
			    (long long)info.bytes);
	}
	if (err != STORE_OK)
		rc = cmd_fail(exit_of(err), "%s: %s",
		    check_only ? "check failed" : "restore refused", msg.s);
	buf_release(&msg);
	return rc;
}

const struct cmd cmd_restore = {
	.name = "restore",
	.usage = "restore --db FILE --from BACKUP | restore --check --from "
		 "BACKUP",
	.help =
	    "Replaces the database FILE (created if missing) by BACKUP, a "
	    "file written\nby 'cabildo backup'.  BACKUP is checked first: a "
	    "cabildo database whose\nschema is not newer than this cabildo, "
	    "integrity_check and\nforeign_key_check clean.  Refused while "
	    "another process (a running\nserver) has FILE open.  The copy is "
	    "one transaction: a crash leaves the\nold database or the new "
	    "one.  An older schema is migrated by the next\n'cabildo init' "
	    "or 'cabildo serve'.\n\n"
	    "  --db FILE      the database to replace\n"
	    "  --from BACKUP  the backup to restore\n"
	    "  --check        only check BACKUP; --db is not needed\n\n"
	    "Exit: 0 restored (or checked), 1 refused (nothing changed), 2 "
	    "usage,\n3 a file cannot be opened.",
	.exec = restore_exec,
};
