/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * fields.h: accessible form controls and their errors, shared by every
 * form page.  Each control has a <label>, an error shown beside it (its
 * id is "NAME-error", tied by aria-describedby, with aria-invalid), and
 * the error summary at the top of the form links to each field.  Values
 * are written back, escaped, so nothing a visitor typed is lost.
 */
#ifndef CABILDO_FIELDS_H
#define CABILDO_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/lang.h"
#include "util/buf.h"

#define FIELDS_ERRORS_MAX 32

/* Errors found in one submission; msg strings are owned. */
struct field_errors {
	const char *name[FIELDS_ERRORS_MAX]; /* static field names */
	char *msg[FIELDS_ERRORS_MAX];
	size_t n;
};

void field_errors_init(struct field_errors *e);
void field_errors_release(struct field_errors *e);
/* Adds a message (a printf format over our own catalog text). */
void field_error(struct field_errors *e, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The message for name, or NULL. */
const char *field_error_get(const struct field_errors *e, const char *name);

/* The summary box (role=alert) linking to each field; nothing if none. */
void fields_summary(
    struct buf *b, enum lang lang, const struct field_errors *e);

enum field_flags {
	FIELD_REQUIRED = 1 << 0,
	FIELD_PASSWORD = 1 << 1,
	FIELD_EMAIL = 1 << 2,
};

/* A one-line input; autocomplete may be NULL. */
void field_input(struct buf *b, const struct field_errors *e, const char *name,
    const char *label, const char *value, const char *hint,
    const char *autocomplete, unsigned flags);
void field_textarea(struct buf *b, const struct field_errors *e,
    const char *name, const char *label, const char *value, const char *hint,
    int rows, unsigned flags);

struct field_option {
	const char *key;
	const char *label;
};

/* A <select>; an empty key option first when placeholder is not NULL. */
void field_select(struct buf *b, const struct field_errors *e, const char *name,
    const char *label, const struct field_option *opt, size_t nopt,
    const char *selected, const char *placeholder, unsigned flags);
/* A fieldset of checkboxes; checked[i] tells which are on. */
void field_checkboxes(struct buf *b, const struct field_errors *e,
    const char *name, const char *legend, const struct field_option *opt,
    size_t nopt, const bool *checked, const char *hint);

#endif
