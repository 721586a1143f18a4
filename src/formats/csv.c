/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * csv.c: the strict RFC 4180 reader of csv.h.  One pass over the buffer
 * copies each unquoted field into one pool, so a parse costs two
 * allocations whatever the number of fields; each finished field is
 * checked for NUL and UTF-8 before the next one starts, so an error names
 * the field where it happened.
 */
#include <stdlib.h>
#include <string.h>

#include "formats/csv.h"
#include "util/utf8.h"
#include "util/util.h"

/* Parser state: where we are, and what has been built so far. */
struct csv_parser {
	const char *p, *end;
	const char *fname;
	struct csv_limits lim;
	struct buf *err;
	size_t line; /* current physical line */
	char *pool;  /* output bytes */
	size_t used; /* bytes used in pool */
	size_t *off; /* field start offsets into pool */
	size_t noff, capoff;
	struct csv_row *row; /* rows; .field holds the first index for now */
	size_t nrow, caprow;
	size_t row_first; /* index in off of the current row's first field */
	size_t row_line;
};

static const char *const csv_errstr[CSV_ERR__MAX] = {
	[CSV_OK] = "success",
	[CSV_ERR_UTF8] = "invalid UTF-8",
	[CSV_ERR_NUL] = "NUL byte",
	[CSV_ERR_UNTERMINATED] = "unterminated quoted field",
	[CSV_ERR_QUOTE] = "unexpected quote",
	[CSV_ERR_FIELD_SIZE] = "field too long",
	[CSV_ERR_COLUMNS] = "too many columns",
	[CSV_ERR_ROWS] = "too many rows",
};

const char *
csv_strerror(enum csv_err err)
{
	if ((unsigned)err >= CSV_ERR__MAX)
		return "unknown csv error";
	return csv_errstr[err];
}

void
csv_init(struct csv *c)
{
	memset(c, 0, sizeof(*c));
}

void
csv_release(struct csv *c)
{
	free(c->row);
	free(c->pool);
	free(c->fieldv);
	csv_init(c);
}

static enum csv_err
csv_fail(struct csv_parser *ps, enum csv_err e, size_t line, size_t col)
{
	buf_addf(
	    ps->err, "%s:%zu:%zu: %s\n", ps->fname, line, col, csv_strerror(e));
	return e;
}

/* Column (1-based) of the field being built. */
static size_t
csv_col(const struct csv_parser *ps)
{
	return ps->noff - ps->row_first;
}

/* Starts a new field at the current pool position. */
static enum csv_err
csv_field_begin(struct csv_parser *ps)
{
	if (ps->noff - ps->row_first >= ps->lim.max_columns)
		return csv_fail(ps, CSV_ERR_COLUMNS, ps->row_line,
		    ps->noff - ps->row_first + 1);
	XGROW(ps->off, ps->capoff, ps->noff + 1);
	ps->off[ps->noff++] = ps->used;
	return CSV_OK;
}

/* Terminates the current field and validates it. */
static enum csv_err
csv_field_end(struct csv_parser *ps, size_t line)
{
	size_t start = ps->off[ps->noff - 1];
	size_t n = ps->used - start;

	if (memchr(ps->pool + start, '\0', n) != NULL)
		return csv_fail(ps, CSV_ERR_NUL, line, csv_col(ps));
	if (!utf8_valid(ps->pool + start, n))
		return csv_fail(ps, CSV_ERR_UTF8, line, csv_col(ps));
	ps->pool[ps->used++] = '\0';
	return CSV_OK;
}

static enum csv_err
csv_putc(struct csv_parser *ps, char ch, size_t line)
{
	if (ps->used - ps->off[ps->noff - 1] >= ps->lim.max_field)
		return csv_fail(ps, CSV_ERR_FIELD_SIZE, line, csv_col(ps));
	ps->pool[ps->used++] = ch;
	return CSV_OK;
}

/* Ends the current row, whose fields are off[row_first..noff). */
static enum csv_err
csv_row_end(struct csv_parser *ps)
{
	if (ps->nrow >= ps->lim.max_rows)
		return csv_fail(ps, CSV_ERR_ROWS, ps->row_line, 1);
	XGROW(ps->row, ps->caprow, ps->nrow + 1);
	ps->row[ps->nrow].field = NULL;
	ps->row[ps->nrow].nfield = ps->noff - ps->row_first;
	ps->row[ps->nrow].line = ps->row_line;
	ps->nrow++;
	ps->row_first = ps->noff;
	return CSV_OK;
}

/* Consumes a record end (CRLF, LF or CR) if one is at p. */
static bool
csv_eol(struct csv_parser *ps)
{
	if (ps->p < ps->end && *ps->p == '\r') {
		ps->p++;
		if (ps->p < ps->end && *ps->p == '\n')
			ps->p++;
	} else if (ps->p < ps->end && *ps->p == '\n') {
		ps->p++;
	} else {
		return false;
	}
	ps->line++;
	return true;
}

/* Reads a quoted field; p is just past the opening quote. */
static enum csv_err
csv_quoted(struct csv_parser *ps)
{
	size_t line = ps->line;
	enum csv_err e;

	for (;;) {
		if (ps->p >= ps->end)
			return csv_fail(
			    ps, CSV_ERR_UNTERMINATED, line, csv_col(ps));
		if (*ps->p == '"') {
			if (ps->p + 1 < ps->end && ps->p[1] == '"') {
				if ((e = csv_putc(ps, '"', line)) != CSV_OK)
					return e;
				ps->p += 2;
				continue;
			}
			ps->p++;
			break;
		}
		if (*ps->p == '\n' ||
		    (*ps->p == '\r' &&
			(ps->p + 1 >= ps->end || ps->p[1] != '\n')))
			ps->line++;
		if ((e = csv_putc(ps, *ps->p, line)) != CSV_OK)
			return e;
		ps->p++;
	}
	if (ps->p < ps->end && *ps->p != ',' && *ps->p != '\r' &&
	    *ps->p != '\n')
		return csv_fail(ps, CSV_ERR_QUOTE, ps->line, csv_col(ps));
	return csv_field_end(ps, line);
}

static enum csv_err
csv_unquoted(struct csv_parser *ps)
{
	enum csv_err e;

	while (ps->p < ps->end && *ps->p != ',' && *ps->p != '\r' &&
	    *ps->p != '\n') {
		if (*ps->p == '"')
			return csv_fail(
			    ps, CSV_ERR_QUOTE, ps->line, csv_col(ps));
		if ((e = csv_putc(ps, *ps->p, ps->line)) != CSV_OK)
			return e;
		ps->p++;
	}
	return csv_field_end(ps, ps->line);
}

static enum csv_err
csv_run(struct csv_parser *ps)
{
	enum csv_err e;

	while (ps->p < ps->end) {
		ps->row_line = ps->line;
		for (;;) {
			if ((e = csv_field_begin(ps)) != CSV_OK)
				return e;
			if (ps->p < ps->end && *ps->p == '"') {
				ps->p++;
				e = csv_quoted(ps);
			} else {
				e = csv_unquoted(ps);
			}
			if (e != CSV_OK)
				return e;
			if (ps->p < ps->end && *ps->p == ',') {
				ps->p++;
				continue;
			}
			break;
		}
		if ((e = csv_row_end(ps)) != CSV_OK)
			return e;
		csv_eol(ps);
	}
	return CSV_OK;
}

enum csv_err
csv_parse(const char *data, size_t len, const char *fname,
    const struct csv_limits *limits, struct csv *out, struct buf *err)
{
	struct csv_parser ps;
	enum csv_err e;
	size_t i, f;

	memset(&ps, 0, sizeof(ps));
	csv_init(out);
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	ps.p = data;
	ps.end = data + len;
	ps.fname = fname != NULL ? fname : "<csv>";
	ps.err = err;
	ps.line = 1;
	if (limits != NULL)
		ps.lim = *limits;
	if (ps.lim.max_field == 0)
		ps.lim.max_field = CSV_DEFAULT_MAX_FIELD;
	if (ps.lim.max_columns == 0)
		ps.lim.max_columns = CSV_DEFAULT_MAX_COLUMNS;
	if (ps.lim.max_rows == 0)
		ps.lim.max_rows = CSV_DEFAULT_MAX_ROWS;
	/* Each byte yields at most one byte plus one terminator. */
	ps.pool = xreallocarray(NULL, 2, len + 1);
	if ((e = csv_run(&ps)) != CSV_OK) {
		free(ps.pool);
		free(ps.off);
		free(ps.row);
		return e;
	}
	out->pool = ps.pool;
	out->fieldv = xreallocarray(NULL, ps.noff + 1, sizeof(char *));
	for (i = 0; i < ps.noff; i++)
		out->fieldv[i] = ps.pool + ps.off[i];
	for (i = 0, f = 0; i < ps.nrow; i++) {
		ps.row[i].field = out->fieldv + f;
		f += ps.row[i].nfield;
	}
	out->row = ps.row;
	out->nrow = ps.nrow;
	free(ps.off);
	return CSV_OK;
}

const char *
csv_get(const struct csv *c, size_t r, size_t col)
{
	if (r >= c->nrow || col >= c->row[r].nfield)
		return "";
	return c->row[r].field[col];
}

bool
csv_row_blank(const struct csv *c, size_t r)
{
	size_t i;

	if (r >= c->nrow)
		return true;
	for (i = 0; i < c->row[r].nfield; i++)
		if (c->row[r].field[i][0] != '\0')
			return false;
	return true;
}

long
csv_header_index(const struct csv *c, const char *name)
{
	size_t i;

	if (c->nrow == 0)
		return -1;
	for (i = 0; i < c->row[0].nfield; i++)
		if (strcmp(c->row[0].field[i], name) == 0)
			return (long)i;
	return -1;
}
