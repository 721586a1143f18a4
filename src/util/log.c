/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * log.c: timestamped single-line logging to stderr.
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

static enum log_level log_min = LOG_INFO;

void
log_set_level(enum log_level level)
{
	log_min = level;
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	static const char *const names[LOG__MAX] = { "debug", "info", "warn",
		"error" };
	char line[2048], stamp[32];
	struct timespec ts;
	struct tm tm;
	va_list ap;
	int n;

	if (level < log_min || level >= LOG__MAX)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	n = snprintf(line, sizeof(line), "%s %s ", stamp, names[level]);
	va_start(ap, fmt);
	if (n > 0 && (size_t)n < sizeof(line))
		vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", line);
}
