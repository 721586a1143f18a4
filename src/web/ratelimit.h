/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * ratelimit.h: fixed-window counters kept in memory (per process, a
 * bounded table whose oldest entries give way), and the policy web_handle
 * applies to every POST: per account and per client address, answered
 * with 429 and Retry-After when over.
 *
 * Every limit, including the log-in and sign-up ones of page_account.c
 * (through auth_rate_allow), is multiplied by a scale read once from the
 * environment:
 *   CABILDO_RATE_SCALE=F    F >= 0, default 1; 0 turns every limit off
 *                           (load tests), 10 allows ten times as much
 *   CABILDO_RATE_WINDOW=S   every window becomes S seconds (tests)
 */
#ifndef CABILDO_RATELIMIT_H
#define CABILDO_RATELIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "web/route.h"
#include "web/web.h"

/* The POST limits (before scaling): any POST, per signed-in account and
 * per address (generous: a venue puts many people behind one address),
 * per address when signed out; new proposals per account and address. */
#define RATE_POST_ACCOUNT   120
#define RATE_POST_ADDR      1200
#define RATE_POST_ANON_ADDR 60
#define RATE_POST_WINDOW    60
#define RATE_NEW_ACCOUNT    20
#define RATE_NEW_ADDR       200
#define RATE_NEW_WINDOW     3600

/*
 * Sets the scale and window override (see above); window 0 keeps each
 * limit's own.  Without a call, the environment is read on first use.
 * False, changing nothing, when a value is out of range.
 */
bool ratelimit_configure(double scale, int window);
/* Reads CABILDO_RATE_SCALE and CABILDO_RATE_WINDOW; false with a message
 * in err (at most errsize bytes) when one is malformed. */
bool ratelimit_configure_env(char *err, size_t errsize);

/*
 * Counts one event under key; true when it is within max (scaled) per
 * window seconds.  When refused, *retry_after (if not NULL) gets the
 * seconds until the window ends, at least 1.
 */
bool ratelimit_hit(
    const char *key, int max, int window, time_t now, int *retry_after);
/* Seconds to wait after this thread's last refusal (0 if none yet). */
int ratelimit_retry_after(void);
/* Tests only: forgets every count. */
void ratelimit_reset(void);

/*
 * The policy for a POST to route r, once auth_gate has loaded the
 * account: true when allowed; otherwise resp holds a 429 with
 * Retry-After.
 */
bool ratelimit_post(
    struct request *req, struct response *resp, const struct route *r);

#endif
