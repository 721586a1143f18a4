/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * cmd_user.c: `cabildo user add`, which creates a confirmed account (a
 * site admin with --admin), and `cabildo user role`, which gives an
 * account a role in an event.  Passwords come from a file, never from the
 * command line, where other users of the machine could read them.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmds.h"
#include "core/role.h"
#include "store/store_account.h"
#include "util/util.h"
#include "web/auth.h"

#define PASSWORD_FILE_MAX 4096

/* The first line of path, without its newline. */
static enum exit_code
read_password(const char *path, char **out)
{
	enum read_err e;
	size_t len;
	char *s;

	e = read_file(path, PASSWORD_FILE_MAX, &s, &len);
	if (e != READ_OK)
		return cmd_fail(EXIT_FAIL, "'%s': %s", path, read_strerror(e));
	s[strcspn(s, "\r\n")] = '\0';
	if (strlen(s) < AUTH_PASSWORD_MIN || strlen(s) > AUTH_PASSWORD_MAX) {
		free(s);
		return cmd_fail(EXIT_FAIL,
		    "'%s': the password must have %d to %d characters", path,
		    AUTH_PASSWORD_MIN, AUTH_PASSWORD_MAX);
	}
	*out = s;
	return EXIT_OK;
}

static enum exit_code
user_add_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "email", required_argument, NULL, 'e' },
		{ "name", required_argument, NULL, 'n' },
		{ "admin", no_argument, NULL, 'a' },
		{ "password-file", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *email = NULL, *name = NULL, *pwfile = NULL;
	char hash[AUTH_PWHASH_MAX], *pw = NULL, *norm;
	struct store *st = NULL;
	struct buf msg;
	enum exit_code rc;
	enum store_err err;
	bool admin = false;
	int64_t id;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:e:n:ap:", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'e':
			email = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'a':
			admin = true;
			break;
		case 'p':
			pwfile = optarg;
			break;
		default:
			return cmd_usage_error(&cmd_user_add, "unknown option");
		}
	}
	if (db == NULL || email == NULL || name == NULL || optind != argc)
		return cmd_usage_error(
		    &cmd_user_add, "expected --db FILE --email E --name N");
	if ((norm = auth_email_normalise(email)) == NULL)
		return cmd_usage_error(
		    &cmd_user_add, "--email: '%s' is not an address", email);
	if (pwfile != NULL && (rc = read_password(pwfile, &pw)) != EXIT_OK) {
		free(norm);
		return rc;
	}
	if (pw != NULL && !auth_password_hash(pw, hash)) {
		free(pw);
		free(norm);
		return cmd_fail(EXIT_INTERNAL, "cannot hash the password");
	}
	free(pw);
	if ((rc = cmd_open_store(db, false, &st)) != EXIT_OK) {
		free(norm);
		return rc;
	}
	buf_init(&msg, 0);
	err = store_account_create(st, norm, name, pwfile != NULL ? hash : NULL,
	    admin, true, &id, &msg);
	if (err != STORE_OK)
		rc = cmd_fail(err == STORE_ERR_CONSTRAINT ? EXIT_FAIL : EXIT_DB,
		    "%s", msg.s);
	else
		printf("account %lld '%s'%s\n", (long long)id, norm,
		    admin ? " (site admin)" : "");
	free(norm);
	buf_release(&msg);
	store_close(st);
	return rc;
}

const struct cmd cmd_user_add = {
	.name = "user add",
	.usage = "user add --db FILE --email E --name N [--admin] "
		 "[--password-file F]",
	.help = "Creates a confirmed account for E, named N.  With --admin the "
		"account is a\nsite admin, who may do everything in every "
		"event.  The password is the\nfirst line of F; without it the "
		"account can only log in after a password\nreset.\n\n"
		"  --db FILE            the database file\n"
		"  --email E            the account's e-mail address\n"
		"  --name N             the person's name\n"
		"  --admin              make the account a site admin\n"
		"  --password-file F    read the password from F",
	.exec = user_add_exec,
};

static enum exit_code
user_role_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "email", required_argument, NULL, 'e' },
		{ "event", required_argument, NULL, 'v' },
		{ "role", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = NULL, *email = NULL, *slug = NULL, *role = NULL;
	struct store *st = NULL;
	struct account a;
	enum exit_code rc;
	enum store_err err;
	enum role r;
	char *norm = NULL;
	int64_t event_id;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "d:e:v:r:", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'e':
			email = optarg;
			break;
		case 'v':
			slug = optarg;
			break;
		case 'r':
			role = optarg;
			break;
		default:
			return cmd_usage_error(
			    &cmd_user_role, "unknown option");
		}
	}
	if (db == NULL || email == NULL || slug == NULL || role == NULL ||
	    optind != argc)
		return cmd_usage_error(&cmd_user_role,
		    "expected --db FILE --email E --event SLUG --role R");
	if (!role_parse(role, &r))
		return cmd_usage_error(&cmd_user_role,
		    "--role: expected organiser, reviewer, speaker or "
		    "participant, got '%s'",
		    role);
	if ((rc = cmd_open_store(db, false, &st)) != EXIT_OK)
		return rc;
	if ((err = store_event_id(st, slug, &event_id)) != STORE_OK) {
		rc = cmd_fail(EXIT_FAIL, "no event '%s'", slug);
	} else if ((norm = auth_email_normalise(email)) == NULL ||
	    (err = store_account_by_email(st, norm, &a)) != STORE_OK) {
		rc = cmd_fail(EXIT_FAIL, "no account for '%s'", email);
	} else {
		if (store_role_add(st, a.id, event_id, r) != STORE_OK)
			rc = cmd_fail(EXIT_DB, "cannot add the role");
		else
			printf(
			    "'%s' is %s of '%s'\n", email, role_key(r), slug);
		account_release(&a);
	}
	free(norm);
	store_close(st);
	return rc;
}

const struct cmd cmd_user_role = {
	.name = "user role",
	.usage = "user role --db FILE --email E --event SLUG --role R",
	.help = "Gives the account of E the role R (organiser, reviewer, "
		"speaker or\nparticipant) in the event SLUG.\n\n"
		"  --db FILE      the database file\n"
		"  --email E      the account's e-mail address\n"
		"  --event SLUG   the event\n"
		"  --role R       the role",
	.exec = user_role_exec,
};
