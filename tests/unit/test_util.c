/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_util.c: the bounded number parser, the HH:MM and date parsers, date
 * formatting and weekdays, and the slug whitelist of util.h.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "util/util.h"

Test(util_parse_i64, accepts_whole_numbers_in_range)
{
	int64_t v = 0;

	cr_assert(parse_i64("0", 0, 10, &v));
	cr_assert_eq(v, 0);
	cr_assert(parse_i64("10", 0, 10, &v));
	cr_assert_eq(v, 10);
	cr_assert(parse_i64("-5", -5, 5, &v));
	cr_assert_eq(v, -5);
	cr_assert(parse_i64("9223372036854775807", 0, INT64_MAX, &v));
	cr_assert_eq(v, INT64_MAX);
	cr_assert(parse_i64("-9223372036854775808", INT64_MIN, 0, &v));
	cr_assert_eq(v, INT64_MIN);
}

Test(util_parse_i64, rejects_out_of_range_and_leaves_out_alone)
{
	int64_t v = 42;

	cr_assert_not(parse_i64("11", 0, 10, &v));
	cr_assert_not(parse_i64("-1", 0, 10, &v));
	cr_assert_not(parse_i64("9223372036854775808", 0, INT64_MAX, &v));
	cr_assert_not(parse_i64("-9223372036854775809", INT64_MIN, 0, &v));
	cr_assert_eq(v, 42);
}

Test(util_parse_i64, rejects_junk_space_and_plus)
{
	static const char *const bad[] = { "", " 5", "5 ", "+5", "5x", "x5",
		"0x10", "1e3", "-", "--1", "- 1", "\t7", "1.0", "５" };
	int64_t v = 42;
	size_t i;

	cr_assert_not(parse_i64(NULL, 0, 10, &v));
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		cr_assert_not(
		    parse_i64(bad[i], -100, 100, &v), "accepted '%s'", bad[i]);
	cr_assert_eq(v, 42);
}

Test(util_parse_hhmm, valid_and_invalid)
{
	static const char *const bad[] = { "", "9:30", "09:3", "09-30", "24:01",
		"25:00", "12:60", "ab:cd", "09:30 ", " 9:30", "009:30" };
	int m = -1;
	size_t i;

	cr_assert(parse_hhmm("00:00", &m));
	cr_assert_eq(m, 0);
	cr_assert(parse_hhmm("09:30", &m));
	cr_assert_eq(m, 570);
	cr_assert(parse_hhmm("23:59", &m));
	cr_assert_eq(m, 23 * 60 + 59);
	cr_assert(parse_hhmm("24:00", &m));
	cr_assert_eq(m, 1440);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		cr_assert_not(parse_hhmm(bad[i], &m), "accepted '%s'", bad[i]);
}

Test(util_parse_date, known_days)
{
	int64_t d = -1;

	cr_assert(parse_date("1970-01-01", &d));
	cr_assert_eq(d, 0);
	cr_assert(parse_date("1970-01-02", &d));
	cr_assert_eq(d, 1);
	cr_assert(parse_date("1969-12-31", &d));
	cr_assert_eq(d, -1);
	cr_assert(parse_date("2000-03-01", &d));
	cr_assert_eq(d, 11017);
	cr_assert(parse_date("2017-11-21", &d));
	cr_assert_eq(d, 17491);
}

Test(util_parse_date, leap_years)
{
	int64_t d;

	cr_assert(parse_date("2016-02-29", &d));
	cr_assert(parse_date("2000-02-29", &d));
	cr_assert_not(parse_date("2017-02-29", &d));
	cr_assert_not(parse_date("1900-02-29", &d));
	cr_assert_not(parse_date("2017-04-31", &d));
}

Test(util_parse_date, rejects_malformed)
{
	static const char *const bad[] = { "", "2017-1-01", "2017-01-1",
		"2017/01/01", "2017-00-10", "2017-13-01", "2017-01-00",
		"2017-01-32", "17-01-01", "2017-01-01T", "2017-0a-01",
		" 2017-01-01" };
	int64_t d = 7;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		cr_assert_not(parse_date(bad[i], &d), "accepted '%s'", bad[i]);
}

Test(util_format_date, round_trips)
{
	static const char *const dates[] = { "1970-01-01", "1969-12-31",
		"2000-02-29", "2016-02-29", "2017-11-21", "2017-11-22",
		"2099-12-31", "0001-01-01" };
	char out[11];
	int64_t d;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(dates); i++) {
		cr_assert(parse_date(dates[i], &d), "%s", dates[i]);
		memset(out, 'x', sizeof(out));
		format_date(d, out);
		cr_assert_str_eq(out, dates[i]);
	}
	/* every day of a leap year and the next round-trips */
	cr_assert(parse_date("2016-01-01", &d));
	for (i = 0; i < 731; i++) {
		int64_t back;

		format_date(d + (int64_t)i, out);
		cr_assert(parse_date(out, &back), "%s", out);
		cr_assert_eq(back, d + (int64_t)i);
	}
}

Test(util_weekday, known_days)
{
	int64_t d;

	cr_assert(parse_date("2017-11-21", &d));
	cr_assert_eq(weekday(d), 1, "2017-11-21 was a Tuesday");
	cr_assert_eq(weekday(d + 1), 2);
	cr_assert_eq(weekday(0), 3, "1970-01-01 was a Thursday");
	cr_assert_eq(weekday(-1), 2, "1969-12-31 was a Wednesday");
	cr_assert(parse_date("2017-11-20", &d));
	cr_assert_eq(weekday(d), 0);
	cr_assert(parse_date("2017-11-26", &d));
	cr_assert_eq(weekday(d), 6);
}

Test(util_slug_valid, whitelist_and_length)
{
	cr_assert(slug_valid("ogp-americas-2017", 17, 64));
	cr_assert(slug_valid("a", 1, 1));
	cr_assert(slug_valid("abc", 3, 3));
	cr_assert_not(slug_valid("abcd", 4, 3));
	cr_assert_not(slug_valid("", 0, 64));
	cr_assert_not(slug_valid("-abc", 4, 64));
	cr_assert_not(slug_valid("Abc", 3, 64));
	cr_assert_not(slug_valid("a_b", 3, 64));
	cr_assert_not(slug_valid("a.b", 3, 64));
	cr_assert_not(slug_valid("..", 2, 64));
	cr_assert_not(slug_valid("a/b", 3, 64));
	cr_assert_not(slug_valid("a b", 3, 64));
	cr_assert_not(slug_valid("caf\xc3\xa9", 5, 64));
	/* the length given is what counts, not the NUL */
	cr_assert_not(slug_valid("ab\0c", 4, 64));
}

Test(util_read_file, reads_and_caps)
{
	char *p = NULL;
	size_t n = 0;

	cr_assert_eq(
	    read_file("data/events/ogp-americas-2017.json", 1 << 20, &p, &n),
	    READ_OK);
	cr_assert_gt(n, 100);
	cr_assert_eq(p[n], '\0');
	cr_assert_eq(strlen(p), n);
	free(p);
	cr_assert_eq(
	    read_file("data/events/ogp-americas-2017.json", 100, &p, &n),
	    READ_ERR_TOOBIG);
	cr_assert_eq(
	    read_file("/nonexistent/cabildo", 100, &p, &n), READ_ERR_OPEN);
}

Test(util_xgrow, grows_to_need)
{
	int *a = NULL;
	size_t cap = 0;

	XGROW(a, cap, 1);
	cr_assert_geq(cap, 1);
	XGROW(a, cap, 100);
	cr_assert_geq(cap, 100);
	a[99] = 7;
	cr_assert_eq(a[99], 7);
	free(a);
}
