/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_log.c: log lines are scrubbed of e-mail addresses and tokens.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "util/log.h"

static void
expect_scrub(const char *in, const char *want)
{
	char out[LOG_LINE_MAX];

	log_scrub(in, out, sizeof(out));
	cr_expect_str_eq(out, want, "scrub(%s)", in);
}

Test(log, scrubs_email_addresses)
{
	expect_scrub(
	    "mail to ana.perez+x@example.org sent", "mail to [email] sent");
	expect_scrub(
	    "/account/x?e=ana%40example.org&y", "/account/x?e=[email]&y");
	expect_scrub("a@b.co and c@d.io", "[email] and [email]");
	/* not addresses: nothing on one side, or no dot in the domain */
	expect_scrub("@home user@localhost x@", "@home user@localhost x@");
}

Test(log, scrubs_tokens_keeps_paths)
{
	expect_scrub("access /ogp-americas-2017/me/"
		     "0123456789abcdef0123456789abcdef.ics 200 5 0.20ms",
	    "access /ogp-americas-2017/me/[token].ics 200 5 0.20ms");
	expect_scrub(
	    "sid=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCd;", "sid=[token];");
	/* slugs, ids and session GUIDs stay readable */
	expect_scrub("access /ogp-americas-2017/sessions/42 200",
	    "access /ogp-americas-2017/sessions/42 200");
	expect_scrub("/e/sessions/0f8fad5b-d9cb-469f-a165-70867728950e",
	    "/e/sessions/0f8fad5b-d9cb-469f-a165-70867728950e");
}

Test(log, scrub_is_bounded)
{
	char in[LOG_LINE_MAX * 2], out[16];
	size_t n;

	memset(in, 'a', sizeof(in) - 1);
	in[sizeof(in) - 1] = '\0';
	n = log_scrub("hello, world, hello, world", out, sizeof(out));
	cr_expect_eq(n, 15);
	cr_expect_str_eq(out, "hello, world, h");
	n = log_scrub("x", out, 0);
	cr_expect_eq(n, 0);
}
