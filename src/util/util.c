/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * util.c: the dying allocators, bounded number parsing and small date
 * arithmetic shared by every layer.
 */
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
die(const char *fmt, ...)
{
	va_list ap;

	fputs("cabildo: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void *
xmalloc(size_t size)
{
	void *p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		die("out of memory allocating %zu bytes", size);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if ((p = calloc(nmemb, size)) == NULL)
		die("out of memory allocating %zu x %zu bytes", nmemb, size);
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *p;

	if (size == 0)
		size = 1;
	if ((p = realloc(ptr, size)) == NULL)
		die("out of memory reallocating %zu bytes", size);
	return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	if (size != 0 && nmemb > SIZE_MAX / size)
		die("size overflow: %zu x %zu", nmemb, size);
	return xrealloc(ptr, nmemb * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX)
		die("size overflow duplicating a string");
	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup_or_null(const char *s)
{
	return s == NULL ? NULL : xstrdup(s);
}

void
xgrow(void **ptr, size_t *cap, size_t need, size_t size)
{
	size_t ncap;

	if (need <= *cap)
		return;
	ncap = *cap < 8 ? 8 : *cap;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			die("size overflow growing an array");
		ncap *= 2;
	}
	*ptr = xreallocarray(*ptr, ncap, size);
	*cap = ncap;
}

bool
parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return false;
	/* strtoll skips leading space and accepts '+': we do not. */
	if (!(*s == '-' || (*s >= '0' && *s <= '9')))
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

static bool
two_digits(const char *s, int *v)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return false;
	*v = (s[0] - '0') * 10 + (s[1] - '0');
	return true;
}

bool
parse_hhmm(const char *s, int *minutes)
{
	int h, m;

	if (strlen(s) != 5 || s[2] != ':')
		return false;
	if (!two_digits(s, &h) || !two_digits(s + 3, &m))
		return false;
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return false;
	*minutes = h * 60 + m;
	return true;
}

/* Howard Hinnant's days_from_civil. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

bool
parse_date(const char *s, int64_t *days)
{
	int c, yy, m, d;
	int64_t y, cy;
	int cm, cd;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!two_digits(s, &c) || !two_digits(s + 2, &yy) ||
	    !two_digits(s + 5, &m) || !two_digits(s + 8, &d))
		return false;
	y = c * 100 + yy;
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	*days = days_from_civil(y, m, d);
	civil_from_days(*days, &cy, &cm, &cd);
	return cy == y && cm == m && cd == d;
}

void
format_date(int64_t days, char out[11])
{
	int64_t y;
	int m, d;
	char tmp[32];

	civil_from_days(days, &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", (int)(y % 10000), m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

int
weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int64_t w = (days + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

bool
slug_valid(const char *s, size_t len, size_t max)
{
	size_t i;

	if (len == 0 || len > max || s[0] == '-')
		return false;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			c == '-'))
			return false;
	}
	return true;
}

int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum read_err
read_file(const char *path, size_t max, char **out, size_t *len)
{
	FILE *f;
	char *p = NULL;
	size_t n = 0, cap = 0, got;
	enum read_err err = READ_OK;

	if ((f = fopen(path, "rb")) == NULL)
		return READ_ERR_OPEN;
	for (;;) {
		XGROW(p, cap, n + 4096 + 1);
		got = fread(p + n, 1, cap - n - 1, f);
		n += got;
		if (n > max) {
			err = READ_ERR_TOOBIG;
			break;
		}
		if (got == 0) {
			if (ferror(f))
				err = READ_ERR_IO;
			break;
		}
	}
	fclose(f);
	if (err != READ_OK) {
		free(p);
		return err;
	}
	p[n] = '\0';
	*out = p;
	*len = n;
	return READ_OK;
}

const char *
read_strerror(enum read_err err)
{
	static const char *const msgs[READ_ERR__MAX] = {
		[READ_OK] = "success",
		[READ_ERR_OPEN] = "cannot open file",
		[READ_ERR_TOOBIG] = "file too large",
		[READ_ERR_IO] = "read error",
	};

	return (unsigned)err < READ_ERR__MAX ? msgs[err] : "unknown error";
}
