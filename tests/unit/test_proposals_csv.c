/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_proposals_csv.c: the proposal importer against the built-in OGP
 * event (every bad row reported with its line, nothing kept), and the
 * call's deadline in the event's time zone.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "formats/event_json.h"
#include "formats/proposals_csv.h"
#include "util/embed.h"
#include "util/util.h"
#include "web/page_cfp.h"

static struct event ev;

static void
setup(void)
{
	const struct embed_file *f;
	struct buf msg;

	event_init(&ev);
	buf_init(&msg, 0);
	for (f = embed_data; f->path != NULL; f++)
		if (strstr(f->path, "ogp-americas-2017") != NULL)
			break;
	cr_assert_not_null(f->path);
	cr_assert_eq(
	    event_json_parse((const char *)f->data, f->len, f->path, &ev, &msg),
	    EVENT_JSON_OK);
	buf_release(&msg);
}

static void
teardown(void)
{
	event_release(&ev);
}

TestSuite(proposals_csv, .init = setup, .fini = teardown);

static enum import_err
parse(const char *s, struct import *im, struct buf *err)
{
	buf_init(err, 0);
	return proposals_csv_parse(s, strlen(s), "p.csv", &ev, im, err);
}

Test(proposals_csv, good_rows)
{
	struct import im;
	struct buf err;

	cr_assert_eq(parse("speaker_email,title,format,theme,language,"
			   "speaker_name,secondary,cospeakers,interpretation\n"
			   " Ana@Example.org ,T1,workshop,sdg,pt,Ana,"
			   "civic-tech; subnational,,sí\n"
			   "\n"
			   "b@example.org,T2,panel,sdg,en,Bea,,"
			   "c@example.org;d@example.org,\n",
			 &im, &err),
	    IMPORT_OK, "%s", err.s);
	cr_assert_eq(im.nrows, 2);
	cr_assert_str_eq(im.rows[0].speaker_email, "ana@example.org");
	cr_assert_eq(im.rows[0].language, LANG_PT);
	cr_assert(im.rows[0].interpretation);
	cr_assert_eq(im.rows[0].nsecondary, 2);
	cr_assert_str_eq(im.rows[0].secondary[1], "subnational");
	cr_assert_eq(im.rows[1].line, 4);
	cr_assert_eq(im.rows[1].ncospeakers, 2);
	cr_assert_eq(im.rows[1].sector, SECTOR_OTHER);
	import_release(&im);
	buf_release(&err);
}

Test(proposals_csv, every_bad_row_with_its_line)
{
	struct import im;
	struct buf err;

	cr_assert_eq(parse("title,format,theme,language,speaker_name,"
			   "speaker_email,cospeakers\n"
			   "ok,workshop,sdg,es,A,a@example.org,\n"
			   "x,nope,sdg,es,A,a@example.org,\n"
			   "x,workshop,sdg,es,A,a@example.org,a@example.org\n"
			   "\"multi\nline\",workshop,sdg,xx,A,a@example.org,\n",
			 &im, &err),
	    IMPORT_ERR_ROWS);
	cr_assert(
	    strstr(err.s, "p.csv:3: column 'format'") != NULL, "%s", err.s);
	cr_assert(strstr(err.s, "p.csv:4: column 'cospeakers'") != NULL);
	cr_assert(strstr(err.s, "p.csv:5: column 'title': control") != NULL);
	cr_assert_null(strstr(err.s, "p.csv:2:"));
	cr_assert_eq(im.nrows, 0);
	buf_release(&err);
}

Test(proposals_csv, header_and_csv_errors)
{
	struct import im;
	struct buf err;

	cr_assert_eq(parse("", &im, &err), IMPORT_ERR_HEADER);
	buf_release(&err);
	cr_assert_eq(parse("title,title\n", &im, &err), IMPORT_ERR_HEADER);
	cr_assert(strstr(err.s, "repeated column 'title'") != NULL);
	buf_release(&err);
	cr_assert_eq(parse("title,\"open\n", &im, &err), IMPORT_ERR_CSV);
	buf_release(&err);
}

Test(proposals_csv, deadline_in_the_event_time_zone)
{
	/* closes 2017-08-20T23:59 in Buenos Aires (UTC-3), opens 07-10 */
	const time_t close_utc = 1503284340; /* 2017-08-21T02:59:00Z */

	cr_assert(cfp_is_open(&ev, close_utc - 60));
	cr_assert_not(cfp_is_open(&ev, close_utc));
	cr_assert_not(cfp_is_open(&ev, 1499000000)); /* 2017-07-02 */
}
