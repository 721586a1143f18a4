/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * log.h: one line per message on stderr, "<UTC time> <level> <text>".
 * Thread-safe (one fputs per line).  Never pass passwords, tokens or
 * e-mail addresses: logs are read by operators, not only by us.
 */
#ifndef CABILDO_LOG_H
#define CABILDO_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR, LOG__MAX };

void log_set_level(enum log_level level);
void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
