/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * util.h: allocation that never returns NULL, and small helpers every layer
 * uses.  The x* allocators abort with a message on out-of-memory and on size
 * overflow (tmux xmalloc.c), so callers never test their result.
 */
#ifndef CABILDO_UTIL_H
#define CABILDO_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Prints "cabildo: fatal: <fmt>" on stderr and aborts. */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* realloc of nmemb * size bytes, dying on overflow. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Duplicates s, or returns NULL when s is NULL. */
char *xstrdup_or_null(const char *s);

/*
 * Grows *ptr, an array of *cap elements of size bytes, so that it holds at
 * least need elements; doubles to keep appends amortised O(1).
 */
void xgrow(void **ptr, size_t *cap, size_t need, size_t size);
#define XGROW(arr, cap, need) \
	xgrow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

/*
 * Parses the whole of s as a decimal integer in [min, max] into *out.
 * Returns false, leaving *out alone, on empty input, junk, or range error.
 */
bool parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);

/* Parses "HH:MM" (00:00 to 24:00) into minutes since midnight. */
bool parse_hhmm(const char *s, int *minutes);

/*
 * Parses an ISO date "YYYY-MM-DD" into a day number (days since
 * 1970-01-01, proleptic Gregorian), checking the day exists.
 */
bool parse_date(const char *s, int64_t *days);

/* Formats a day number as "YYYY-MM-DD" into out[11]. */
void format_date(int64_t days, char out[11]);

/* Day of the week of a day number: 0 is Monday. */
int weekday(int64_t days);

/* True when every byte of s[0..len) is in [a-z0-9-] and len in [1, max]. */
bool slug_valid(const char *s, size_t len, size_t max);

/* The value of a hexadecimal digit (either case), or -1. */
int hex_digit(char c);

/* Reads a whole file into a NUL-terminated buffer of at most max bytes. */
enum read_err {
	READ_OK,
	READ_ERR_OPEN,
	READ_ERR_TOOBIG,
	READ_ERR_IO,
	READ_ERR__MAX
};
enum read_err read_file(const char *path, size_t max, char **out, size_t *len);
const char *read_strerror(enum read_err err);

#endif
