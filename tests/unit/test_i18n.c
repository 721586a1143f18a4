/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_i18n.c: every message exists in every language, and dates read as
 * people write them in Spanish, English and Portuguese.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "util/util.h"
#include "web/i18n.h"

Test(i18n_catalog, every_message_in_every_language)
{
	int m, l;

	for (m = 0; m < MSG__MAX; m++) {
		for (l = 0; l < LANG__MAX; l++) {
			cr_assert(i18n_translated((enum lang)l, (enum msg)m),
			    "message %d has no %s text", m,
			    lang_code((enum lang)l));
			cr_assert_gt(
			    strlen(i18n((enum lang)l, (enum msg)m)), 0);
		}
	}
}

Test(i18n_catalog, out_of_range_is_safe)
{
	cr_assert_str_eq(i18n(LANG_EN, MSG__MAX), "");
	cr_assert_str_eq(i18n(LANG__MAX, MSG_YES), i18n(LANG_EN, MSG_YES));
	cr_assert_not(i18n_translated(LANG_EN, MSG__MAX));
	cr_assert_not(i18n_translated(LANG__MAX, MSG_YES));
	cr_assert_str_eq(i18n(LANG_ES, MSG_YES), "Sí");
	cr_assert_str_eq(i18n(LANG_PT, MSG_YES), "Sim");
}

static void
range(enum lang lang, const char *first, const char *last, const char *want)
{
	struct buf b;
	int64_t a, z;

	cr_assert(parse_date(first, &a));
	cr_assert(parse_date(last, &z));
	buf_init(&b, 0);
	i18n_date_range(&b, lang, a, z);
	cr_assert_str_eq(b.s, want, "%s %s..%s", lang_code(lang), first, last);
	buf_release(&b);
}

Test(i18n_dates, same_month)
{
	range(
	    LANG_ES, "2017-11-21", "2017-11-22", "21–22 de noviembre de 2017");
	range(LANG_EN, "2017-11-21", "2017-11-22", "21–22 November 2017");
	range(LANG_PT, "2017-11-21", "2017-11-22", "21–22 de novembro de 2017");
}

Test(i18n_dates, one_day)
{
	range(LANG_ES, "2017-11-21", "2017-11-21", "21 de noviembre de 2017");
	range(LANG_EN, "2017-11-21", "2017-11-21", "21 November 2017");
	range(LANG_PT, "2017-03-01", "2017-03-01", "1 de março de 2017");
}

Test(i18n_dates, cross_month)
{
	range(LANG_ES, "2017-11-30", "2017-12-01",
	    "30 de noviembre – 1 de diciembre de 2017");
	range(LANG_EN, "2017-11-30", "2017-12-01",
	    "30 November – 1 December 2017");
	range(LANG_PT, "2017-11-30", "2017-12-01",
	    "30 de novembro – 1 de dezembro de 2017");
}

Test(i18n_dates, cross_year)
{
	range(LANG_ES, "2017-12-31", "2018-01-01",
	    "31 de diciembre de 2017 – 1 de enero de 2018");
	range(LANG_EN, "2017-12-31", "2018-01-01",
	    "31 December 2017 – 1 January 2018");
	range(LANG_PT, "2017-12-31", "2018-01-01",
	    "31 de dezembro de 2017 – 1 de janeiro de 2018");
}

Test(i18n_dates, day_headings_and_times)
{
	struct buf b;
	int64_t d;

	cr_assert(parse_date("2017-11-21", &d));
	buf_init(&b, 0);
	i18n_day_heading(&b, LANG_ES, d);
	cr_assert_str_eq(b.s, "martes 21 de noviembre");
	buf_reset(&b);
	i18n_day_heading(&b, LANG_EN, d);
	cr_assert_str_eq(b.s, "Tuesday 21 November");
	buf_reset(&b);
	i18n_day_heading(&b, LANG_PT, d + 1);
	cr_assert_str_eq(b.s, "quarta-feira, 22 de novembro");
	buf_reset(&b);
	i18n_time(&b, 570);
	buf_addc(&b, ' ');
	i18n_time(&b, 0);
	buf_addc(&b, ' ');
	i18n_time(&b, 1440);
	cr_assert_str_eq(b.s, "09:30 00:00 24:00");
	buf_release(&b);
}
