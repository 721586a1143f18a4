/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_config.c: the `key = value` configuration parser of util/config.h
 * (`cabildo serve --config`): values of each type, comments and blanks,
 * and each error with its file:line message, leaving nothing set.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "util/config.h"

static const struct config_key keys[] = {
	{ "db", CONFIG_STRING, 0, 0 },
	{ "threads", CONFIG_INT, 1, 64 },
	{ "access_log", CONFIG_BOOL, 0, 0 },
	{ "rate_scale", CONFIG_REAL, 0, 1000 },
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static struct config_value v[NKEYS];
static struct buf msg;

static enum config_err
parse(const char *text)
{
	config_values_release(v, NKEYS);
	buf_release(&msg);
	buf_init(&msg, 0);
	return config_parse(text, strlen(text), "c.conf", keys, NKEYS, v, &msg);
}

static void
teardown(void)
{
	config_values_release(v, NKEYS);
	buf_release(&msg);
}

static void
setup(void)
{
	memset(v, 0, sizeof(v));
	buf_init(&msg, 0);
}

TestSuite(config, .init = setup, .fini = teardown);

Test(config, reads_every_type)
{
	cr_assert_eq(parse("# comment\n\n  db = /var/lib/c b#1.db  \r\n"
			   "threads=4\naccess_log = off\nrate_scale = 0.5"),
	    CONFIG_OK, "%s", msg.s);
	cr_assert_str_eq(v[0].s, "/var/lib/c b#1.db");
	cr_assert_eq(v[0].line, 3);
	cr_assert(v[1].set);
	cr_assert_eq(v[1].n, 4);
	cr_assert(v[2].set);
	cr_assert_not(v[2].b);
	cr_assert_float_eq(v[3].d, 0.5, 1e-12);
	cr_assert_eq(msg.len, 0);
}

Test(config, unset_keys_stay_unset)
{
	cr_assert_eq(parse("threads = 1\n"), CONFIG_OK);
	cr_assert_not(v[0].set);
	cr_assert_null(v[0].s);
	cr_assert_not(v[2].set);
}

Test(config, empty_string_allowed_only_for_strings)
{
	cr_assert_eq(parse("db =\n"), CONFIG_OK);
	cr_assert_str_eq(v[0].s, "");
	cr_assert_eq(parse("threads =\n"), CONFIG_ERR_VALUE);
	cr_assert_str_eq(msg.s, "c.conf:1: 'threads': missing value");
}

struct bad {
	const char *text;
	enum config_err err;
	const char *msg;
};

Test(config, errors_name_file_and_line_and_set_nothing)
{
	static const struct bad bad[] = {
		{ "db = x\nlisten = y\n", CONFIG_ERR_KEY,
		    "c.conf:2: unknown key 'listen'" },
		{ "db = x\ndb = y\n", CONFIG_ERR_KEY,
		    "c.conf:2: 'db' is already set on line 1" },
		{ "db x\n", CONFIG_ERR_SYNTAX,
		    "c.conf:1: expected 'key = value'" },
		{ " = x\n", CONFIG_ERR_SYNTAX,
		    "c.conf:1: expected a key (a-z, 0-9, _) before '='" },
		{ "DB = x\n", CONFIG_ERR_SYNTAX,
		    "c.conf:1: expected a key (a-z, 0-9, _) before '='" },
		{ "db = x\nthreads = 65\n", CONFIG_ERR_VALUE,
		    "c.conf:2: 'threads': expected an integer from 1 to 64, "
		    "got '65'" },
		{ "threads = 4x\n", CONFIG_ERR_VALUE,
		    "c.conf:1: 'threads': expected an integer from 1 to 64, "
		    "got '4x'" },
		{ "access_log = maybe\n", CONFIG_ERR_VALUE,
		    "c.conf:1: 'access_log': expected true or false, got "
		    "'maybe'" },
		{ "rate_scale = 1e3\n", CONFIG_ERR_VALUE,
		    "c.conf:1: 'rate_scale': expected a number from 0 to 1000, "
		    "got '1e3'" },
		{ "rate_scale = nan\n", CONFIG_ERR_VALUE,
		    "c.conf:1: 'rate_scale': expected a number from 0 to 1000, "
		    "got 'nan'" },
		{ "rate_scale = 1001\n", CONFIG_ERR_VALUE,
		    "c.conf:1: 'rate_scale': expected a number from 0 to 1000, "
		    "got '1001'" },
		{ "db = \xc3\x28\n", CONFIG_ERR_SYNTAX,
		    "c.conf:1: not UTF-8 text" },
	};
	size_t i, k;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_assert_eq(
		    parse(bad[i].text), bad[i].err, "case %zu: %s", i, msg.s);
		cr_assert_str_eq(msg.s, bad[i].msg, "case %zu", i);
		for (k = 0; k < NKEYS; k++)
			cr_assert_not(v[k].set, "case %zu key %zu", i, k);
	}
}

Test(config, nul_byte_and_long_lines_are_refused)
{
	char text[CONFIG_LINE_MAX + 16];

	buf_release(&msg);
	buf_init(&msg, 0);
	cr_assert_eq(
	    config_parse("db = a\0b\n", 9, "c.conf", keys, NKEYS, v, &msg),
	    CONFIG_ERR_SYNTAX);
	cr_assert_str_eq(msg.s, "c.conf:1: not UTF-8 text");
	memset(text, 'a', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	memcpy(text, "db = ", 5);
	cr_assert_eq(parse(text), CONFIG_ERR_SYNTAX);
	cr_assert_str_eq(msg.s, "c.conf:1: line longer than 1024 bytes");
}

Test(config, missing_file_names_it)
{
	config_values_release(v, NKEYS);
	cr_assert_eq(config_load("/nonexistent/c.conf", keys, NKEYS, v, &msg),
	    CONFIG_ERR_READ);
	cr_assert_str_eq(
	    msg.s, "/nonexistent/c.conf: No such file or directory");
}
