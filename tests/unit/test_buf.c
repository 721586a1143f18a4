/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_buf.c: the capped string buffer: growth, the cap and its sticky
 * overflow flag, detach, reset and formatted appends.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

Test(buf_basic, starts_empty_never_null)
{
	struct buf b;

	buf_init(&b, 0);
	cr_assert_not_null(b.s);
	cr_assert_str_eq(b.s, "");
	cr_assert_eq(b.len, 0);
	cr_assert_eq(b.max, BUF_DEFAULT_MAX);
	cr_assert_not(b.overflow);
	buf_release(&b);
	cr_assert_not_null(b.s);
	cr_assert_str_eq(b.s, "");
}

Test(buf_basic, grows_and_stays_nul_terminated)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	for (i = 0; i < 10000; i++) {
		cr_assert(buf_addc(&b, (char)('a' + i % 26)));
		cr_assert_eq(b.len, i + 1);
		cr_assert_eq(b.s[b.len], '\0');
	}
	cr_assert_eq(strlen(b.s), 10000);
	cr_assert_eq(b.s[26], 'a');
	cr_assert_eq(b.s[9999], (char)('a' + 9999 % 26));
	cr_assert_geq(b.cap, b.len + 1);
	buf_release(&b);
}

Test(buf_basic, add_with_embedded_bytes)
{
	struct buf b;

	buf_init(&b, 0);
	cr_assert(buf_add(&b, "a\0b", 3));
	cr_assert_eq(b.len, 3);
	cr_assert_eq(memcmp(b.s, "a\0b", 4), 0);
	cr_assert(buf_add(&b, NULL, 0));
	cr_assert_eq(b.len, 3);
	buf_release(&b);
}

Test(buf_cap, overflow_sets_flag_and_keeps_contents)
{
	struct buf b;

	buf_init(&b, 8);
	cr_assert(buf_addstr(&b, "12345"));
	cr_assert_not(buf_addstr(&b, "6789"));
	cr_assert(b.overflow);
	cr_assert_str_eq(b.s, "12345");
	cr_assert_eq(b.len, 5);
	/* fits exactly: still allowed, flag stays set */
	cr_assert(buf_addstr(&b, "678"));
	cr_assert_str_eq(b.s, "12345678");
	cr_assert(b.overflow);
	cr_assert_not(buf_addc(&b, '9'));
	cr_assert_not(buf_addf(&b, "%d", 9));
	cr_assert_str_eq(b.s, "12345678");
	cr_assert_eq(b.len, 8);
	buf_reset(&b);
	cr_assert_not(b.overflow);
	cr_assert_str_eq(b.s, "");
	cr_assert(buf_addf(&b, "%s-%d", "ab", 12345));
	cr_assert_str_eq(b.s, "ab-12345");
	buf_release(&b);
}

Test(buf_cap, huge_append_does_not_wrap)
{
	struct buf b;

	buf_init(&b, 16);
	cr_assert(buf_addstr(&b, "x"));
	cr_assert_not(buf_add(&b, "y", SIZE_MAX));
	cr_assert(b.overflow);
	cr_assert_str_eq(b.s, "x");
	buf_release(&b);
}

Test(buf_detach, hands_over_and_leaves_empty)
{
	struct buf b;
	size_t len = 0;
	char *s;

	buf_init(&b, 100);
	buf_addstr(&b, "hello");
	s = buf_detach(&b, &len);
	cr_assert_str_eq(s, "hello");
	cr_assert_eq(len, 5);
	cr_assert_str_eq(b.s, "");
	cr_assert_eq(b.len, 0);
	cr_assert_eq(b.max, 100);
	free(s);
	/* still usable, and detaching an empty buf gives a freeable "" */
	s = buf_detach(&b, &len);
	cr_assert_str_eq(s, "");
	cr_assert_eq(len, 0);
	free(s);
	cr_assert(buf_addstr(&b, "again"));
	cr_assert_str_eq(b.s, "again");
	buf_release(&b);
}

Test(buf_addf, formats_and_appends)
{
	struct buf b;
	char big[3000];

	buf_init(&b, 0);
	cr_assert(buf_addf(&b, "%d/%s/%zu", -7, "x", (size_t)42));
	cr_assert(buf_addf(&b, "%c", '!'));
	cr_assert_str_eq(b.s, "-7/x/42!");
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	cr_assert(buf_addf(&b, "[%s]", big));
	cr_assert_eq(b.len, 8 + 2 + sizeof(big) - 1);
	cr_assert_eq(b.s[b.len - 1], ']');
	cr_assert_eq(b.s[b.len], '\0');
	buf_release(&b);
}

Test(buf_truncate, shortens_only)
{
	struct buf b;

	buf_init(&b, 0);
	buf_addstr(&b, "abcdef");
	buf_truncate(&b, 3);
	cr_assert_str_eq(b.s, "abc");
	buf_truncate(&b, 10);
	cr_assert_str_eq(b.s, "abc");
	cr_assert_eq(b.len, 3);
	buf_release(&b);
}
