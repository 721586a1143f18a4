/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * route.c: the one route table, and web_handle, which every request goes
 * through: check method and size, parse, choose the language, dispatch.
 */
#include "web/route.h"

#include <stdlib.h>
#include <string.h>

#include "util/util.h"

const struct route routes[] = {
	{ "/", true, ACCESS_PUBLIC, page_home },
	{ "/healthz", false, ACCESS_PUBLIC, page_healthz },
	{ "/static/{}", false, ACCESS_PUBLIC, page_static },
	{ "/{}/", true, ACCESS_PUBLIC, page_event },
	{ "/{}/theme.css", false, ACCESS_PUBLIC, page_theme_css },
	{ "/{}/themes/{}", false, ACCESS_PUBLIC, page_theme },
};
const size_t routes_count = ARRAY_SIZE(routes);

const char *const web_security_headers[][2] = {
	{ "Content-Security-Policy",
	    "default-src 'none'; style-src 'self'; img-src 'self' data:; "
	    "script-src 'self'; connect-src 'self'; form-action 'self'; "
	    "frame-ancestors 'none'; base-uri 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	{ "Referrer-Policy", "strict-origin-when-cross-origin" },
};
const size_t web_security_headers_count = ARRAY_SIZE(web_security_headers);

static bool
pattern_matches(const struct route *r, const struct request *req, bool trailing)
{
	const char *p = r->pattern;
	char seg[64];
	int i = 0;
	size_t n;

	if (r->slash != trailing)
		return false;
	while (*p == '/')
		p++;
	while (*p != '\0') {
		n = strcspn(p, "/");
		if (n >= sizeof(seg))
			return false;
		memcpy(seg, p, n);
		seg[n] = '\0';
		if (i >= req->nseg)
			return false;
		if (strcmp(seg, "{}") != 0 && strcmp(seg, req->seg[i]) != 0)
			return false;
		i++;
		p += n;
		while (*p == '/')
			p++;
	}
	return i == req->nseg;
}

const struct route *
route_match(const struct request *req)
{
	bool trailing = req->path != NULL && strlen(req->path) > 1 &&
	    req->path[strlen(req->path) - 1] == '/';
	size_t i;

	if (req->path != NULL && strcmp(req->path, "/") == 0)
		trailing = true;
	for (i = 0; i < routes_count; i++)
		if (pattern_matches(&routes[i], req, trailing))
			return &routes[i];
	return NULL;
}

void
web_handle(struct request *req, struct response *resp)
{
	const struct route *r;
	struct buf err;
	char *storage = NULL;
	const char *cookie_lang = NULL;
	bool slash;
	enum req_err e;

	buf_init(&resp->body, 0);
	buf_init(&err, 1024);
	req->lang_allowed = (1u << LANG__MAX) - 1;
	if (req->cookie_header != NULL &&
	    req_parse_cookies(req->cookie_header, strlen(req->cookie_header),
		&req->cookies, &err) == REQ_OK)
		cookie_lang = kv_get(&req->cookies, "lang");
	buf_reset(&err);
	e = req_parse_target(
	    req->target, strlen(req->target), &req->path, &req->query, &err);
	req->lang =
	    req_negotiate_lang(e == REQ_OK ? kv_get(&req->query, "lang") : NULL,
		cookie_lang, req->accept_language, req->lang_allowed, LANG_EN);
	if (e != REQ_OK) {
		page_error(req, resp, e == REQ_ERR_TOOBIG ? 414 : 400);
		goto out;
	}
	if (req->body_len > WEB_BODY_MAX) {
		page_error(req, resp, 413);
		goto out;
	}
	req->nseg = req_split_path(req->path, &storage, req->seg, &slash);
	if (req->nseg < 0) {
		req->nseg = 0;
		page_error(req, resp, 404);
		goto out;
	}
	if ((r = route_match(req)) == NULL) {
		page_error(req, resp, 404);
		goto out;
	}
	if (req->method != HTTP_GET && req->method != HTTP_HEAD) {
		resp->allow = "GET, HEAD";
		page_error(req, resp, 405);
		goto out;
	}
	/* A language chosen explicitly is remembered. */
	if (kv_get(&req->query, "lang") != NULL) {
		struct buf c;

		buf_init(&c, 256);
		buf_addf(&c, "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax",
		    lang_code(req->lang));
		resp->set_cookie = buf_detach(&c, NULL);
	}
	r->handler(req, resp);
out:
	/* req->seg points into storage, which lives only during dispatch. */
	free(storage);
	req->nseg = 0;
	buf_release(&err);
}

void
web_error(struct request *req, struct response *resp, int status)
{
	buf_init(&resp->body, 0);
	req->lang = req_negotiate_lang(
	    NULL, NULL, req->accept_language, (1u << LANG__MAX) - 1, LANG_EN);
	req->lang_allowed = (1u << LANG__MAX) - 1;
	page_error(req, resp, status);
}

void
request_release(struct request *req)
{
	free(req->path);
	req->path = NULL;
	kv_list_release(&req->query);
	kv_list_release(&req->cookies);
}

void
response_release(struct response *resp)
{
	buf_release(&resp->body);
	free(resp->set_cookie);
	resp->set_cookie = NULL;
}
