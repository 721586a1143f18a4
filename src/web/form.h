/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * form.h: request bodies as fields: application/x-www-form-urlencoded and
 * multipart/form-data (RFC 7578).  Pure functions over bytes, so they are
 * unit-tested and fuzzed alone (fuzz/fuzz_form.c).
 *
 * Every parse is capped: the number of fields, the bytes of a name, of a
 * text value and of an uploaded file.  Names must be [A-Za-z0-9_.-].
 * Text values must be valid UTF-8 without NUL or control characters other
 * than tab and newline; CRLF and lone CR become LF.  File parts (those
 * with a filename) are kept as bytes, unchecked.  Errors append one line
 * naming the field ("field 'title': invalid UTF-8") to err.
 *
 * Ownership: a struct form owns its fields; form_release frees them.
 */
#ifndef CABILDO_FORM_H
#define CABILDO_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

struct form_field {
	char *name;
	char *value;    /* NUL-terminated; files may hold NULs inside */
	size_t len;     /* bytes of value */
	char *filename; /* NULL for text fields */
	char *type;     /* the part's Content-Type, or NULL */
};

struct form {
	struct form_field *f;
	size_t n;
};

struct form_limits {
	size_t max_fields; /* 0 means the FORM_DEFAULT_* value */
	size_t max_name;
	size_t max_value;
	size_t max_file;
};

#define FORM_DEFAULT_FIELDS 128
#define FORM_DEFAULT_NAME   64
#define FORM_DEFAULT_VALUE  ((size_t)64 << 10)
#define FORM_DEFAULT_FILE   ((size_t)512 << 10)

enum form_err {
	FORM_OK,
	FORM_ERR_TYPE,     /* not a form content type, or no boundary */
	FORM_ERR_TOOBIG,   /* too many fields, or one over its cap */
	FORM_ERR_ENCODING, /* bad %-escape, invalid UTF-8, control char */
	FORM_ERR_SYNTAX,   /* malformed multipart body or field name */
	FORM_ERR__MAX
};

const char *form_strerror(enum form_err err);

void form_init(struct form *f);
void form_release(struct form *f);

/*
 * Parses body[0..len) according to content_type (the header's value,
 * parameters included).  limits may be NULL for the defaults.  On error
 * out is left empty.
 */
enum form_err form_parse(const char *content_type, const char *body, size_t len,
    const struct form_limits *limits, struct form *out, struct buf *err);

enum form_err form_parse_urlencoded(const char *body, size_t len,
    const struct form_limits *limits, struct form *out, struct buf *err);

/* boundary is the value of the boundary= parameter, without quotes. */
enum form_err form_parse_multipart(const char *body, size_t len,
    const char *boundary, const struct form_limits *limits, struct form *out,
    struct buf *err);

/* The first text value of name, or NULL. */
const char *form_get(const struct form *f, const char *name);
/* Number of fields called name; form_get_nth gives the i-th (0-based). */
size_t form_count(const struct form *f, const char *name);
const char *form_get_nth(const struct form *f, const char *name, size_t i);

#endif
