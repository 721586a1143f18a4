/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * buf.h: one growable, capped, always NUL-terminated string buffer
 * (git strbuf.h, curl dynbuf).
 *
 * A buf never has a NULL .s: after buf_init it points at an empty string.
 * Appending past .max bytes fails, sets .overflow and leaves the contents
 * as they were before that append, so a caller may append many times and
 * test .overflow once at the end.  The buf owns .s; buf_release frees it,
 * buf_detach hands it to the caller.
 */
#ifndef CABILDO_BUF_H
#define CABILDO_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *s;
	size_t len;
	size_t cap;
	size_t max;    /* 0 means the default cap, BUF_DEFAULT_MAX */
	bool overflow; /* sticky: an append went past max */
};

#define BUF_DEFAULT_MAX ((size_t)256 << 20)

/* Empty buffer with the given cap (0 for the default); no allocation. */
void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
/* Returns the string (caller frees) and leaves b empty and usable. */
char *buf_detach(struct buf *b, size_t *len);
/* Empties b, keeping its memory and cap, and clears .overflow. */
void buf_reset(struct buf *b);
void buf_truncate(struct buf *b, size_t len);

bool buf_add(struct buf *b, const char *p, size_t len);
bool buf_addstr(struct buf *b, const char *s);
bool buf_addc(struct buf *b, char c);
bool buf_addf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
bool buf_vaddf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

#endif
