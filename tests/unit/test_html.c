/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_html.c: the escaping HTML writer: the five characters, the
 * html_printf format language, and URL encoding of UTF-8.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "web/html.h"

Test(html_escape, five_characters)
{
	struct buf b;

	buf_init(&b, 0);
	html_txt(&b, "a&b<c>d\"e'f");
	cr_assert_str_eq(b.s, "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	buf_reset(&b);
	html_txt(&b, "<script>alert('x')</script>");
	cr_assert_str_eq(
	    b.s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	buf_reset(&b);
	html_attr(&b, "\" onmouseover=\"x");
	cr_assert_str_eq(b.s, "&quot; onmouseover=&quot;x");
	buf_reset(&b);
	html_txt(&b, "plain café");
	cr_assert_str_eq(b.s, "plain café");
	buf_reset(&b);
	html_txt(&b, NULL);
	html_txt(&b, "");
	cr_assert_str_eq(b.s, "");
	html_txtn(&b, "<<x", 2);
	cr_assert_str_eq(b.s, "&lt;&lt;");
	buf_reset(&b);
	html_raw(&b, "<b>");
	cr_assert_str_eq(b.s, "<b>");
	buf_release(&b);
}

Test(html_printf, conversions)
{
	struct buf b;

	buf_init(&b, 0);
	html_printf(&b, "<p class=\"x\">%s|%u|%d|%z|%l|%%</p>", "<x&y>",
	    "a b/é?", -5, (size_t)7, (int64_t)1 << 40);
	cr_assert_str_eq(b.s,
	    "<p class=\"x\">&lt;x&amp;y&gt;|a%20b%2F%C3%A9%3F|-5|7|"
	    "1099511627776|%</p>");
	buf_reset(&b);
	html_printf(&b, "[%s][%u]", (const char *)NULL, (const char *)NULL);
	cr_assert_str_eq(b.s, "[][]");
	buf_reset(&b);
	html_printf(&b, "no conversions");
	cr_assert_str_eq(b.s, "no conversions");
	buf_reset(&b);
	html_printf(&b, "%d %z", -2147483647 - 1, (size_t)SIZE_MAX);
	cr_assert_str_eq(b.s, "-2147483648 18446744073709551615");
	buf_release(&b);
}

Test(html_printf, bad_format_is_shown_not_crashed)
{
	struct buf b;

	buf_init(&b, 0);
	html_printf(&b, "a%qb");
	cr_assert_str_eq(b.s, "a%?b");
	buf_reset(&b);
	html_printf(&b, "end%");
	cr_assert_str_eq(b.s, "end%?");
	buf_release(&b);
}

Test(html_url_arg, encodes_all_but_unreserved)
{
	struct buf b;

	buf_init(&b, 0);
	html_url_arg(&b, "AZaz09-_.~");
	cr_assert_str_eq(b.s, "AZaz09-_.~");
	buf_reset(&b);
	html_url_arg(&b, " &=?#+/%\"<'");
	cr_assert_str_eq(b.s, "%20%26%3D%3F%23%2B%2F%25%22%3C%27");
	buf_reset(&b);
	html_url_arg(&b, "São Paulo – ñ");
	cr_assert_str_eq(b.s, "S%C3%A3o%20Paulo%20%E2%80%93%20%C3%B1");
	buf_reset(&b);
	html_url_arg(&b, "\xf0\x9f\x98\x80");
	cr_assert_str_eq(b.s, "%F0%9F%98%80");
	buf_reset(&b);
	html_url_arg(&b, NULL);
	cr_assert_str_eq(b.s, "");
	buf_release(&b);
}
