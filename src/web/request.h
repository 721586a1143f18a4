/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * request.h: parsing of what a browser sends, without libmicrohttpd: the
 * raw request target (path and query), the Cookie header and
 * Accept-Language.  Pure functions over bytes, so they are unit-tested and
 * fuzzed alone.
 *
 * Every parser caps its input and the number of items, decodes
 * percent-escapes and '+', and rejects invalid UTF-8, NUL and control
 * characters, saying what and where in err.
 */
#ifndef CABILDO_REQUEST_H
#define CABILDO_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "core/lang.h"
#include "util/buf.h"

#define REQ_TARGET_MAX   4096 /* bytes of path + query */
#define REQ_PARAMS_MAX   64   /* query parameters */
#define REQ_COOKIES_MAX  32
#define REQ_COOKIE_MAX   4096 /* bytes of the Cookie header */
#define REQ_SEGMENTS_MAX 8

struct kv {
	char *key;
	char *val;
};

struct kv_list {
	struct kv *items;
	size_t n;
};

/* The first value of key, or NULL. */
const char *kv_get(const struct kv_list *l, const char *key);
void kv_list_release(struct kv_list *l);

enum req_err {
	REQ_OK,
	REQ_ERR_TOOBIG,   /* over a cap: 414 or 431 */
	REQ_ERR_ENCODING, /* bad %-escape, invalid UTF-8, control char */
	REQ_ERR_SYNTAX,   /* not a path, malformed cookie */
	REQ_ERR__MAX
};

const char *req_strerror(enum req_err err);

/*
 * Splits a request target "/a/b?x=1&y=2" into its decoded path and query
 * parameters.  The path must start with '/'; "." and ".." segments are
 * rejected.  On error nothing is allocated.
 */
enum req_err req_parse_target(const char *target, size_t len, char **path,
    struct kv_list *query, struct buf *err);

/* Parses "a=b; c=d" (RFC 6265 cookie-string). */
enum req_err req_parse_cookies(
    const char *header, size_t len, struct kv_list *out, struct buf *err);

/*
 * The language to answer in: an explicit choice (from ?lang=), then the
 * cookie's, then the best of Accept-Language, then fallback; each only if
 * allowed (a bit per enum lang).  Invalid values are ignored.
 */
enum lang req_negotiate_lang(const char *query_lang, const char *cookie_lang,
    const char *accept_language, unsigned allowed, enum lang fallback);

/*
 * Splits a decoded path into at most REQ_SEGMENTS_MAX non-empty segments,
 * pointing into a copy held in *storage (caller frees).  Returns the count,
 * or -1 if there are too many.  *trailing_slash tells whether the path ends
 * in '/'.
 */
int req_split_path(const char *path, char **storage,
    const char *seg[REQ_SEGMENTS_MAX], bool *trailing_slash);

#endif
