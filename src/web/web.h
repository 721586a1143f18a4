/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * web.h: what page handlers see.  server.c (the only file that knows
 * libmicrohttpd) turns each HTTP request into a struct request, asks the
 * route table for a handler, and sends the struct response it fills.
 * Handlers never write to the network and never see HTTP library types,
 * so they are tested by calling web_handle() directly.
 */
#ifndef CABILDO_WEB_H
#define CABILDO_WEB_H

#include <stdbool.h>
#include <stddef.h>

#include "core/lang.h"
#include "util/buf.h"
#include "web/request.h"

struct store;

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_OTHER, HTTP__MAX };

struct request {
	enum http_method method;
	const char *target; /* raw, as received: "/x/?lang=es" */
	const char *accept_language;
	const char *accept_encoding; /* for gzip (the agenda's exports) */
	const char *cookie_header;
	size_t body_len; /* bytes announced or received */
	struct store *st;
	/* The body as received (NUL-terminated, body_len bytes when not
	 * NULL), its Content-Type, the client's address (for rate limits)
	 * and whether the connection is TLS (for Secure cookies). */
	const char *body;
	const char *content_type;
	const char *remote_addr;
	bool tls;

	/* Filled by web_handle from the above. */
	char *path;
	struct kv_list query;
	struct kv_list cookies;
	enum lang lang;
	unsigned lang_allowed; /* bit per enum lang the page offers */
	const char *seg[REQ_SEGMENTS_MAX];
	int nseg;
	/* Filled by web_handle (web/auth.h): the signed-in account, or
	 * NULL, and for a POST the form whose CSRF token was checked. */
	struct auth_user *user;
	struct form *form;
};

#define RESP_HEADERS_MAX 4

struct response {
	int status;
	const char *content_type;
	struct buf body;
	/* Static bytes sent instead of body when not NULL (embedded files). */
	const unsigned char *data;
	size_t data_len;
	const char *cache_control;
	char etag[40];
	char *set_cookie;  /* one Set-Cookie per line ('\n'-separated) */
	const char *allow; /* for 405 */
	char *location;    /* for 303: a local path, owned */
	/* The published agenda: CORS for open data, Last-Modified (an
	 * RFC 7231 date), a Content-Encoding of the body, and a Vary added
	 * to the server's own. */
	bool cors;
	char last_modified[32];
	const char *content_encoding;
	const char *vary;
	/* Set by public pages whose bytes depend only on the target, the
	 * language and the database: server.c may then keep them until
	 * the database changes (visitors with other cookies bypass it). */
	bool cacheable;
	/* Seconds for Retry-After (a 429 from web/ratelimit.h); 0: none. */
	int retry_after;
};

/* Caps: bodies above this get 413 before any work. */
#define WEB_BODY_MAX ((size_t)1 << 20)

/*
 * Runs a request through parsing, language choice and the route table,
 * filling resp (which must be zeroed).  Always produces a response.
 */
void web_handle(struct request *req, struct response *resp);
/* An error page without a database, for failures before web_handle. */
void web_error(struct request *req, struct response *resp, int status);
void request_release(struct request *req);
void response_release(struct response *resp);

/* The headers every response carries, as name/value pairs. */
extern const char *const web_security_headers[][2];
extern const size_t web_security_headers_count;

#endif
