/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * config.h: configuration files of `key = value` lines, checked against a
 * table of the keys a caller knows (`cabildo serve --config FILE` is the
 * first).
 *
 *   # a comment: a line whose first non-blank character is '#'
 *   db     = /var/lib/cabildo/cabildo.db
 *   listen = 127.0.0.1:8080
 *
 * Blank lines are skipped; spaces around the key and the value are not
 * part of them; a value is the rest of the line (it may hold '#' and
 * spaces) and may be empty only for strings.  Every key may appear once.
 * The file must be UTF-8 without NUL bytes, at most CONFIG_FILE_MAX bytes
 * and lines of at most CONFIG_LINE_MAX bytes.  Any error stops the parse
 * with one message "FILE:LINE: what" (git style) and leaves the values
 * of the keys unset.
 */
#ifndef CABILDO_CONFIG_H
#define CABILDO_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define CONFIG_FILE_MAX  (64 * 1024)
#define CONFIG_LINE_MAX  1024
#define CONFIG_VALUE_MAX 1000

enum config_type {
	CONFIG_STRING, /* any text up to CONFIG_VALUE_MAX bytes */
	CONFIG_INT,    /* a decimal integer within [min, max] */
	CONFIG_BOOL,   /* true/false, yes/no, on/off, 1/0 */
	CONFIG_REAL,   /* a decimal number within [min, max] */
	CONFIG_TYPE__MAX
};

struct config_key {
	const char *name;
	enum config_type type;
	int64_t min, max; /* CONFIG_INT and CONFIG_REAL */
};

struct config_value {
	bool set;
	int line; /* where it was set */
	char *s;  /* the text as written (owned), for every type */
	int64_t n;
	bool b;
	double d;
};

enum config_err {
	CONFIG_OK,
	CONFIG_ERR_READ,   /* the file cannot be read, or is too large */
	CONFIG_ERR_SYNTAX, /* not a key = value line, bad bytes */
	CONFIG_ERR_KEY,    /* unknown or repeated key */
	CONFIG_ERR_VALUE,  /* a value of the wrong type or out of range */
	CONFIG_ERR__MAX
};

const char *config_strerror(enum config_err err);

/*
 * Parses text (len bytes; file names it in messages) against nkeys keys;
 * out has nkeys entries, which the caller initialises to zero and frees
 * with config_values_release, even on error.
 */
enum config_err config_parse(const char *text, size_t len, const char *file,
    const struct config_key *keys, size_t nkeys, struct config_value *out,
    struct buf *msg);

/* Reads the file at path and parses it as config_parse does. */
enum config_err config_load(const char *path, const struct config_key *keys,
    size_t nkeys, struct config_value *out, struct buf *msg);

void config_values_release(struct config_value *v, size_t n);

#endif
