/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * csv.h: a strict RFC 4180 CSV reader, shared by every importer (CoSPLib
 * instances today, proposal imports later).  It takes a whole buffer and
 * gives rows of NUL-terminated fields.
 *
 * Accepted: quoted fields with doubled quotes, CRLF, LF or lone CR record
 * ends, newlines inside quotes, a leading UTF-8 BOM (skipped), a last
 * record without its newline.  Rejected, with "file:line:column: reason":
 * invalid UTF-8, NUL bytes, an unterminated quoted field, a quote inside
 * an unquoted field or text after a closing quote, and any field, row
 * width or row count over its cap.  Columns are 1-based field numbers;
 * lines are 1-based physical lines where the offending field starts.
 */
#ifndef CABILDO_CSV_H
#define CABILDO_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

enum csv_err {
	CSV_OK = 0,
	CSV_ERR_UTF8,         /* a field is not valid UTF-8 */
	CSV_ERR_NUL,          /* a NUL byte */
	CSV_ERR_UNTERMINATED, /* end of input inside a quoted field */
	CSV_ERR_QUOTE,        /* stray quote or text after a closing quote */
	CSV_ERR_FIELD_SIZE,   /* a field longer than max_field bytes */
	CSV_ERR_COLUMNS,      /* a row with more than max_columns fields */
	CSV_ERR_ROWS,         /* more than max_rows rows */
	CSV_ERR__MAX
};

/* Caps; a zero member means its default (CSV_DEFAULT_*). */
struct csv_limits {
	size_t max_field;
	size_t max_columns;
	size_t max_rows;
};

#define CSV_DEFAULT_MAX_FIELD   ((size_t)64 << 10)
#define CSV_DEFAULT_MAX_COLUMNS ((size_t)4096)
#define CSV_DEFAULT_MAX_ROWS    ((size_t)1 << 20)

struct csv_row {
	char **field;  /* nfield pointers into the csv's pool */
	size_t nfield; /* at least 1: an empty line is one empty field */
	size_t line;   /* physical line where the row starts, 1-based */
};

/* The csv owns every row and field; csv_release frees them all. */
struct csv {
	struct csv_row *row;
	size_t nrow;
	char *pool;    /* all fields, NUL-terminated, back to back */
	char **fieldv; /* all field pointers, rows point into it */
};

/* Empty csv, no allocation. */
void csv_init(struct csv *c);

/*
 * Parses data[0..len) into out (which must be csv_init'ed or released).
 * fname is only used in messages.  limits may be NULL for the defaults.
 * On error out is left empty and one line "fname:line:col: reason" is
 * appended to err.
 */
enum csv_err csv_parse(const char *data, size_t len, const char *fname,
    const struct csv_limits *limits, struct csv *out, struct buf *err);

/* Frees the contents of c and leaves it empty; c may be empty already. */
void csv_release(struct csv *c);

/* Field col (0-based) of row r, or "" when the row is shorter. */
const char *csv_get(const struct csv *c, size_t r, size_t col);

/* True when every field of row r is empty. */
bool csv_row_blank(const struct csv *c, size_t r);

/* 0-based column of the first field equal to name in row 0, or -1. */
long csv_header_index(const struct csv *c, const char *name);

const char *csv_strerror(enum csv_err err);

#endif
