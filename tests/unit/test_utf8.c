/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_utf8.c: the strict UTF-8 decoder: every class of malformed input
 * that RFC 3629 forbids, NUL, and the one-line validator's controls.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "util/utf8.h"
#include "util/util.h"

#define V(s) utf8_valid((s), sizeof(s) - 1)

Test(utf8_valid, accepts_well_formed)
{
	cr_assert(V(""));
	cr_assert(V("plain ascii"));
	cr_assert(V("Participación cidadã"));
	cr_assert(V("\xc2\x80"));            /* U+0080 */
	cr_assert(V("\xdf\xbf"));            /* U+07FF */
	cr_assert(V("\xe0\xa0\x80"));        /* U+0800 */
	cr_assert(V("\xed\x9f\xbf"));        /* U+D7FF */
	cr_assert(V("\xee\x80\x80"));        /* U+E000 */
	cr_assert(V("\xef\xbf\xbf"));        /* U+FFFF */
	cr_assert(V("\xf0\x90\x80\x80"));    /* U+10000 */
	cr_assert(V("\xf4\x8f\xbf\xbf"));    /* U+10FFFF */
	cr_assert(V("\xf0\x9f\x98\x80 ok")); /* emoji */
}

Test(utf8_valid, rejects_overlongs)
{
	cr_assert_not(V("\xc0\xaf"));
	cr_assert_not(V("\xc1\xbf"));
	cr_assert_not(V("\xe0\x80\xaf"));
	cr_assert_not(V("\xe0\x9f\xbf"));
	cr_assert_not(V("\xf0\x80\x80\xaf"));
	cr_assert_not(V("\xf0\x8f\xbf\xbf"));
	cr_assert_not(V("\xc0\x80")); /* "modified UTF-8" NUL */
}

Test(utf8_valid, rejects_surrogates)
{
	cr_assert_not(V("\xed\xa0\x80"));             /* U+D800 */
	cr_assert_not(V("\xed\xbf\xbf"));             /* U+DFFF */
	cr_assert_not(V("\xed\xa0\xbd\xed\xb8\x80")); /* CESU pair */
}

Test(utf8_valid, rejects_above_10ffff)
{
	cr_assert_not(V("\xf4\x90\x80\x80"));
	cr_assert_not(V("\xf5\x80\x80\x80"));
	cr_assert_not(V("\xf7\xbf\xbf\xbf"));
	cr_assert_not(V("\xf8\x88\x80\x80\x80"));
	cr_assert_not(V("\xfc\x84\x80\x80\x80\x80"));
	cr_assert_not(V("\xfe"));
	cr_assert_not(V("\xff"));
}

Test(utf8_valid, rejects_truncated_and_stray)
{
	cr_assert_not(V("\xc3"));
	cr_assert_not(V("ab\xc3"));
	cr_assert_not(V("\xe2\x82"));
	cr_assert_not(V("\xf0\x9f\x98"));
	cr_assert_not(V("\x80"));
	cr_assert_not(V("a\xbf"
			"b"));
	cr_assert_not(V("\xc3"
			"a"));
	cr_assert_not(V("\xe2\x28\xa1"));
	/* a length that cuts a valid sequence */
	cr_assert_not(utf8_valid("\xc3\xa9", 1));
	cr_assert(utf8_valid("\xc3\xa9", 2));
}

Test(utf8_valid, rejects_nul)
{
	cr_assert_not(V("a\0b"));
	cr_assert_not(V("\0"));
	cr_assert(utf8_valid("a\0b", 1));
}

Test(utf8_decode, code_points_and_lengths)
{
	uint32_t cp = 0;

	cr_assert_eq(utf8_decode("A", 1, &cp), 1);
	cr_assert_eq(cp, 0x41);
	cr_assert_eq(utf8_decode("\xc3\xa9", 2, &cp), 2);
	cr_assert_eq(cp, 0xe9);
	cr_assert_eq(utf8_decode("\xe2\x82\xac", 3, &cp), 3);
	cr_assert_eq(cp, 0x20ac);
	cr_assert_eq(utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	cr_assert_eq(cp, 0x10ffff);
	cr_assert_eq(utf8_decode("\xe2\x82\xac", 2, &cp), 0);
	cr_assert_eq(utf8_decode("", 0, &cp), 0);
	cr_assert_eq(utf8_decode("\xed\xa0\x80", 3, &cp), 0);
}

Test(utf8_length, counts_code_points)
{
	cr_assert_eq(utf8_length("", 0), 0);
	cr_assert_eq(utf8_length("abc", 3), 3);
	cr_assert_eq(utf8_length("Am\xc3\xa9ricas", 9), 8);
	cr_assert_eq(utf8_length("\xf0\x9f\x98\x80", 4), 1);
}

Test(utf8_line_valid, controls)
{
	cr_assert(utf8_line_valid("tab\tok", 6));
	cr_assert(utf8_line_valid("S\xc3\xa3o Paulo", 10));
	cr_assert(utf8_line_valid("\xc2\xa0", 2)); /* U+00A0 is not C1 */
	cr_assert_not(utf8_line_valid("a\nb", 3));
	cr_assert_not(utf8_line_valid("a\rb", 3));
	cr_assert_not(utf8_line_valid("\x1b[31m", 5));
	cr_assert_not(utf8_line_valid("\x01", 1));
	cr_assert_not(utf8_line_valid("\x1f", 1));
	cr_assert_not(utf8_line_valid("\x7f", 1));
	cr_assert_not(utf8_line_valid("\xc2\x80", 2)); /* C1 U+0080 */
	cr_assert_not(utf8_line_valid("\xc2\x85", 2)); /* NEL */
	cr_assert_not(utf8_line_valid("\xc2\x9f", 2)); /* C1 U+009F */
	cr_assert_not(utf8_line_valid("a\0b", 3));
	cr_assert_not(utf8_line_valid("\xff", 1));
	cr_assert_not(utf8_line_valid("\xed\xa0\x80", 3));
}
