/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * log.h: one line per message on stderr, "<UTC time> <level> <text>".
 * Thread-safe (one fputs per line).  Never pass passwords, tokens or
 * e-mail addresses: logs are read by operators, not only by us; as a
 * second line of defence every line is scrubbed (log_scrub).
 */
#ifndef CABILDO_LOG_H
#define CABILDO_LOG_H

#include <stddef.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG__MAX };

/* Longest line, and the shortest run of token characters taken as one. */
#define LOG_LINE_MAX  2048
#define LOG_TOKEN_MIN 32

void log_set_level(enum log_level level);

/*
 * Copies in to out (size bytes, always NUL-terminated, cut if longer) with
 * every e-mail address (also with "%40") replaced by "[email]" and every
 * run of LOG_TOKEN_MIN or more base64url characters that is not a UUID
 * replaced by "[token]".  log_msg applies it to every line.  Returns the
 * length written.
 */
size_t log_scrub(const char *in, char *out, size_t size);
void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
