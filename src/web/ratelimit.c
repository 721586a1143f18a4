/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * ratelimit.c: the counters and the POST policy of ratelimit.h.
 */
#include "web/ratelimit.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "web/auth.h"

#define RATE_SLOTS 4096 /* power of two */
#define RATE_PROBE 8
#define RATE_KEY   96

struct rate_slot {
	char key[RATE_KEY];
	time_t start;
	int count;
};

static struct rate_slot rate[RATE_SLOTS];
static pthread_mutex_t rate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t env_once = PTHREAD_ONCE_INIT;
static bool configured;
static double scale = 1;
static int window_override;
static _Thread_local int last_retry;

bool
ratelimit_configure(double s, int window)
{
	if (!(s >= 0 && s <= 1e6) || window < 0 || window > 86400)
		return false;
	pthread_mutex_lock(&rate_lock);
	scale = s;
	window_override = window;
	configured = true;
	pthread_mutex_unlock(&rate_lock);
	return true;
}

bool
ratelimit_configure_env(char *err, size_t errsize)
{
	const char *s = getenv("CABILDO_RATE_SCALE");
	const char *w = getenv("CABILDO_RATE_WINDOW");
	double f = 1;
	int64_t secs = 0;
	char *end;

	if (s != NULL && *s != '\0') {
		f = strtod(s, &end);
		if (*end != '\0' || !(f >= 0 && f <= 1e6)) {
			snprintf(err, errsize,
			    "CABILDO_RATE_SCALE: expected a number from 0 to "
			    "1000000, got '%s'",
			    s);
			return false;
		}
	}
	if (w != NULL && *w != '\0' && !parse_i64(w, 1, 86400, &secs)) {
		snprintf(err, errsize,
		    "CABILDO_RATE_WINDOW: expected 1 to 86400 seconds, got "
		    "'%s'",
		    w);
		return false;
	}
	return ratelimit_configure(f, (int)secs);
}

static void
env_init(void)
{
	char err[160];

	/* A malformed value keeps the defaults; cabildo serve has already
	 * refused to start with it (server.c). */
	if (!configured)
		(void)ratelimit_configure_env(err, sizeof(err));
}

static size_t
rate_hash(const char *key)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *key != '\0'; key++) {
		h ^= (unsigned char)*key;
		h *= 0x100000001b3ULL;
	}
	return (size_t)h & (RATE_SLOTS - 1);
}

bool
ratelimit_hit(
    const char *key, int max, int window, time_t now, int *retry_after)
{
	char k[RATE_KEY];
	size_t i, h, victim;
	struct rate_slot *s = NULL;
	double scaled;
	bool ok;

	pthread_once(&env_once, env_init);
	pthread_mutex_lock(&rate_lock);
	if (scale == 0) {
		pthread_mutex_unlock(&rate_lock);
		return true;
	}
	scaled = ceil((double)max * scale);
	max = scaled > INT32_MAX ? INT32_MAX : scaled < 1 ? 1 : (int)scaled;
	if (window_override > 0)
		window = window_override;
	/* Long keys are cut; they still count, a little more coarsely. */
	snprintf(k, sizeof(k), "%s", key);
	h = rate_hash(k);
	victim = h;
	for (i = 0; i < RATE_PROBE; i++) {
		struct rate_slot *c = &rate[(h + i) & (RATE_SLOTS - 1)];

		if (strcmp(c->key, k) == 0) {
			s = c;
			break;
		}
		if (c->key[0] == '\0' || c->start + window <= now ||
		    c->start < rate[victim].start)
			victim = (h + i) & (RATE_SLOTS - 1);
		if (c->key[0] == '\0')
			break;
	}
	if (s == NULL) {
		s = &rate[victim];
		memcpy(s->key, k, sizeof(k));
		s->start = now;
		s->count = 0;
	}
	if (s->start + window <= now) {
		s->start = now;
		s->count = 0;
	}
	ok = s->count < max;
	if (ok)
		s->count++;
	else
		last_retry = (int)(s->start + window - now);
	pthread_mutex_unlock(&rate_lock);
	if (!ok && last_retry < 1)
		last_retry = 1;
	if (!ok && retry_after != NULL)
		*retry_after = last_retry;
	return ok;
}

int
ratelimit_retry_after(void)
{
	return last_retry;
}

void
ratelimit_reset(void)
{
	pthread_mutex_lock(&rate_lock);
	memset(rate, 0, sizeof(rate));
	pthread_mutex_unlock(&rate_lock);
	last_retry = 0;
}

/* One limit: "what:who" within max per window; on refusal the 429. */
static bool
check(struct request *req, struct response *resp, const char *what,
    const char *who, int max, int window, time_t now)
{
	char key[RATE_KEY];
	int retry;

	snprintf(key, sizeof(key), "%s:%s", what, who);
	if (ratelimit_hit(key, max, window, now, &retry))
		return true;
	resp->retry_after = retry;
	page_error(req, resp, 429);
	return false;
}

bool
ratelimit_post(
    struct request *req, struct response *resp, const struct route *r)
{
	const char *addr = req->remote_addr != NULL ? req->remote_addr : "-";
	int64_t account =
	    req->user != NULL ? req->user->account_id : (int64_t)0;
	time_t now = time(NULL);
	char id[24];

	if (req->method != HTTP_POST)
		return true;
	snprintf(id, sizeof(id), "%lld", (long long)account);
	if (account != 0 &&
	    !check(req, resp, "post-account", id, RATE_POST_ACCOUNT,
		RATE_POST_WINDOW, now))
		return false;
	if (!check(req, resp, account != 0 ? "post-addr" : "post-anon", addr,
		account != 0 ? RATE_POST_ADDR : RATE_POST_ANON_ADDR,
		RATE_POST_WINDOW, now))
		return false;
	/* New proposals: a speaker sends a few, a spammer many. */
	if (strcmp(r->pattern, "/{}/cfp/new") == 0 &&
	    ((account != 0 &&
		 !check(req, resp, "new-account", id, RATE_NEW_ACCOUNT,
		     RATE_NEW_WINDOW, now)) ||
		!check(req, resp, "new-addr", addr, RATE_NEW_ADDR,
		    RATE_NEW_WINDOW, now)))
		return false;
	return true;
}
