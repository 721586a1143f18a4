/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_csv.c: the RFC 4180 reader: what it accepts (quotes, CRLF, BOM,
 * embedded newlines) and what it rejects, with the line and column named.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "formats/csv.h"

static enum csv_err
parse(
    const char *s, const struct csv_limits *lim, struct csv *c, struct buf *err)
{
	buf_init(err, 0);
	return csv_parse(s, strlen(s), "t.csv", lim, c, err);
}

Test(csv_reader, plain_and_quoted)
{
	struct csv c;
	struct buf err;

	cr_assert_eq(
	    parse("a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\",\n", NULL, &c, &err),
	    CSV_OK);
	cr_assert_eq(c.nrow, 2);
	cr_assert_eq(c.row[0].nfield, 3);
	cr_assert_str_eq(csv_get(&c, 1, 0), "x,y");
	cr_assert_str_eq(csv_get(&c, 1, 1), "say \"hi\"");
	cr_assert_str_eq(csv_get(&c, 1, 2), "");
	cr_assert_str_eq(csv_get(&c, 1, 9), "");
	cr_assert_eq(c.row[1].line, 2);
	cr_assert_eq(csv_header_index(&c, "b"), 1);
	cr_assert_eq(csv_header_index(&c, "z"), -1);
	csv_release(&c);
	buf_release(&err);
}

Test(csv_reader, bom_newlines_and_blank_rows)
{
	struct csv c;
	struct buf err;

	cr_assert_eq(
	    parse("\xef\xbb\xbfh\n\"two\nlines\",x\n\n,\nlast", NULL, &c, &err),
	    CSV_OK);
	cr_assert_eq(c.nrow, 5);
	cr_assert_str_eq(csv_get(&c, 0, 0), "h");
	cr_assert_str_eq(csv_get(&c, 1, 0), "two\nlines");
	cr_assert_eq(c.row[2].line, 4);
	cr_assert(csv_row_blank(&c, 2));
	cr_assert(csv_row_blank(&c, 3));
	cr_assert_not(csv_row_blank(&c, 4));
	cr_assert_str_eq(csv_get(&c, 4, 0), "last");
	csv_release(&c);
	buf_release(&err);
}

Test(csv_reader, empty_input)
{
	struct csv c;
	struct buf err;

	cr_assert_eq(parse("", NULL, &c, &err), CSV_OK);
	cr_assert_eq(c.nrow, 0);
	csv_release(&c);
	buf_release(&err);
}

Test(csv_reader, unterminated_quote_names_line_and_column)
{
	struct csv c;
	struct buf err;

	cr_assert_eq(
	    parse("a,b\nc,\"open\nmore", NULL, &c, &err), CSV_ERR_UNTERMINATED);
	cr_assert_str_eq(err.s, "t.csv:2:2: unterminated quoted field\n");
	cr_assert_eq(c.nrow, 0);
	buf_release(&err);
}

Test(csv_reader, stray_quotes)
{
	struct csv c;
	struct buf err;

	cr_assert_eq(parse("ab\"c\n", NULL, &c, &err), CSV_ERR_QUOTE);
	cr_assert_str_eq(err.s, "t.csv:1:1: unexpected quote\n");
	buf_release(&err);
	cr_assert_eq(parse("x,\"q\"z\n", NULL, &c, &err), CSV_ERR_QUOTE);
	cr_assert_str_eq(err.s, "t.csv:1:2: unexpected quote\n");
	buf_release(&err);
}

Test(csv_reader, nul_and_bad_utf8)
{
	struct csv c;
	struct buf err;
	static const char nul[] = "a,b\0c\n";

	buf_init(&err, 0);
	cr_assert_eq(csv_parse(nul, sizeof(nul) - 1, "t.csv", NULL, &c, &err),
	    CSV_ERR_NUL);
	cr_assert_str_eq(err.s, "t.csv:1:2: NUL byte\n");
	buf_release(&err);
	cr_assert_eq(parse("ok\n\xc3\x28,x\n", NULL, &c, &err), CSV_ERR_UTF8);
	cr_assert_str_eq(err.s, "t.csv:2:1: invalid UTF-8\n");
	buf_release(&err);
	cr_assert_eq(
	    parse("caf\xc3\xa9,\xe2\x82\xac\n", NULL, &c, &err), CSV_OK);
	csv_release(&c);
	buf_release(&err);
}

Test(csv_reader, caps)
{
	struct csv c;
	struct buf err;
	struct csv_limits lim = { 4, 2, 2 };

	cr_assert_eq(parse("abcde\n", &lim, &c, &err), CSV_ERR_FIELD_SIZE);
	buf_release(&err);
	cr_assert_eq(parse("a,b,c\n", &lim, &c, &err), CSV_ERR_COLUMNS);
	cr_assert_str_eq(err.s, "t.csv:1:3: too many columns\n");
	buf_release(&err);
	cr_assert_eq(parse("a\nb\nc\n", &lim, &c, &err), CSV_ERR_ROWS);
	buf_release(&err);
	cr_assert_eq(parse("abcd,e\nf\n", &lim, &c, &err), CSV_OK);
	csv_release(&c);
	buf_release(&err);
	cr_assert_str_eq(csv_strerror(CSV_ERR__MAX), "unknown csv error");
}
