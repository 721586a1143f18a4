/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * log.c: timestamped single-line logging to stderr.  Every line is
 * scrubbed before it is written: e-mail addresses and anything shaped like
 * a secret token are replaced, so that a path such as /{event}/me/{token}
 * or a library's message naming an address never reaches the log.
 */
#include "log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static enum log_level log_min = LOG_INFO;

void
log_set_level(enum log_level level)
{
	log_min = level;
}

static bool
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* Characters of tokens: base64url and hex. */
static bool
is_token(char c)
{
	return is_alnum(c) || c == '-' || c == '_';
}

static bool
is_local(char c)
{
	return is_alnum(c) || strchr("._%+-'", c) != NULL;
}

static bool
is_domain(char c)
{
	return is_alnum(c) || c == '.' || c == '-';
}

static bool
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* A UUID (session GUIDs in paths) is public and kept. */
static bool
is_uuid(const char *s, size_t n)
{
	size_t i;

	if (n != 36)
		return false;
	for (i = 0; i < n; i++)
		if (i == 8 || i == 13 || i == 18 || i == 23 ? s[i] != '-'
							    : !is_hex(s[i]))
			return false;
	return true;
}

/* Length of the "@" (or "%40") at s, or 0. */
static size_t
at_sign(const char *s)
{
	if (s[0] == '@')
		return 1;
	if (s[0] == '%' && s[1] == '4' && s[2] == '0')
		return 3;
	return 0;
}

struct out {
	char *s;
	size_t size, len;
};

static void
put(struct out *o, const char *s, size_t n)
{
	if (o->len + 1 >= o->size)
		return;
	if (n > o->size - 1 - o->len)
		n = o->size - 1 - o->len;
	memcpy(o->s + o->len, s, n);
	o->len += n;
	o->s[o->len] = '\0';
}

/* Pass 1: e-mail addresses.  The local part was already copied; take it
 * back (it holds no '[' or ']', so an earlier replacement is safe). */
static void
scrub_email(const char *in, struct out *o)
{
	size_t i = 0, a, l, d;
	bool dot;

	while (in[i] != '\0') {
		a = at_sign(in + i);
		if (a == 0) {
			put(o, in + i++, 1);
			continue;
		}
		for (l = 0; l < i && l < o->len && is_local(in[i - l - 1]); l++)
			;
		for (d = 0, dot = false; is_domain(in[i + a + d]); d++)
			dot |= in[i + a + d] == '.' && d > 0;
		if (l > 0 && dot) {
			o->len -= l;
			o->s[o->len] = '\0';
			put(o, "[email]", 7);
			i += a + d;
		} else {
			put(o, in + i, a);
			i += a;
		}
	}
}

/* Pass 2: runs of 32 or more token characters (session, CSRF, reset and
 * confirmation tokens are 43, calendar tokens 32, hashes 64). */
static void
scrub_tokens(const char *in, struct out *o)
{
	size_t i = 0, n;

	while (in[i] != '\0') {
		for (n = 0; is_token(in[i + n]); n++)
			;
		if (n == 0) {
			put(o, in + i++, 1);
			continue;
		}
		if (n >= LOG_TOKEN_MIN && !is_uuid(in + i, n))
			put(o, "[token]", 7);
		else
			put(o, in + i, n);
		i += n;
	}
}

size_t
log_scrub(const char *in, char *out, size_t size)
{
	char mid[LOG_LINE_MAX];
	struct out o1 = { mid, sizeof(mid), 0 }, o2 = { out, size, 0 };

	if (size == 0)
		return 0;
	mid[0] = out[0] = '\0';
	scrub_email(in, &o1);
	scrub_tokens(mid, &o2);
	return o2.len;
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	static const char *const names[LOG__MAX] = { "debug", "info", "warn",
		"error" };
	char line[LOG_LINE_MAX], clean[LOG_LINE_MAX], stamp[32];
	struct timespec ts;
	struct tm tm;
	va_list ap;

	if (level < log_min || level >= LOG__MAX)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	log_scrub(line, clean, sizeof(clean));
	fprintf(stderr, "%s %s %s\n", stamp, names[level], clean);
}
