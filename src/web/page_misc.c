/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_misc.c: the small routes: /healthz, embedded static files, each
 * event's theme colours as CSS, and the error pages.
 */
#include "web/route.h"

#include <stdio.h>
#include <string.h>

#include "store/store.h"
#include "util/embed.h"
#include "util/util.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"

void
page_healthz(struct request *req, struct response *resp)
{
	int v = store_schema_version(req->st);

	resp->content_type = "application/json";
	resp->cache_control = "no-store";
	if (v != store_schema_latest()) {
		resp->status = 503;
		buf_addf(
		    &resp->body, "{\"status\":\"error\",\"schema\":%d}\n", v);
		return;
	}
	resp->status = 200;
	buf_addf(&resp->body, "{\"status\":\"ok\",\"schema\":%d}\n", v);
}

static const char *
mime_type(const char *path)
{
	static const char *const types[][2] = {
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	for (i = 0; dot != NULL && i < ARRAY_SIZE(types); i++)
		if (strcmp(dot, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
}

/* FNV-1a: a stable content hash for ETags, not for security. */
static uint64_t
fnv1a(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

void
page_static(struct request *req, struct response *resp)
{
	const struct embed_file *f;
	const char *name = req->seg[1];
	const char *slash;

	for (f = embed_web; f->path != NULL; f++) {
		slash = strrchr(f->path, '/');
		if (slash != NULL && strcmp(slash + 1, name) == 0)
			break;
	}
	if (f->path == NULL) {
		page_error(req, resp, 404);
		return;
	}
	resp->status = 200;
	resp->content_type = mime_type(f->path);
	resp->cache_control = "public, max-age=3600";
	snprintf(resp->etag, sizeof(resp->etag), "\"%016llx\"",
	    (unsigned long long)fnv1a(f->data, f->len));
	resp->data = f->data;
	resp->data_len = f->len;
}

void
page_theme_css(struct request *req, struct response *resp)
{
	struct event ev;
	size_t i;

	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	resp->status = 200;
	resp->content_type = "text/css; charset=utf-8";
	resp->cache_control = "public, max-age=300";
	/* Colours were validated as #rrggbb and keys as [a-z0-9-]. */
	for (i = 0; i < ev.nthemes; i++)
		buf_addf(&resp->body, ".t-%s { --theme: %s; }\n",
		    ev.themes[i].key,
		    ev.themes[i].color != NULL ? ev.themes[i].color
					       : "#555555");
	event_release(&ev);
}

/* The title and default text of an error status. */
static int
error_messages(int status, enum msg *title, enum msg *text)
{
	switch (status) {
	case 400:
	case 414:
		*title = MSG_BAD_REQUEST_TITLE;
		*text = MSG_BAD_REQUEST_TEXT;
		return status;
	case 403:
		*title = MSG_AUTH_FORBIDDEN_TITLE;
		*text = MSG_AUTH_FORBIDDEN_TEXT;
		return status;
	case 404:
		*title = MSG_NOT_FOUND_TITLE;
		*text = MSG_NOT_FOUND_TEXT;
		return status;
	case 405:
		*title = MSG_METHOD_TITLE;
		*text = MSG_METHOD_TEXT;
		return status;
	case 409:
		*title = MSG_AUTH_CONFLICT_TITLE;
		*text = MSG_BAD_REQUEST_TEXT;
		return status;
	case 413:
		*title = MSG_TOO_LARGE_TITLE;
		*text = MSG_TOO_LARGE_TEXT;
		return status;
	case 422:
		*title = MSG_BAD_REQUEST_TITLE;
		*text = MSG_BAD_REQUEST_TEXT;
		return status;
	case 429:
		*title = MSG_AUTH_TOO_MANY_TITLE;
		*text = MSG_AUTH_TOO_MANY_TEXT;
		return status;
	default:
		*title = MSG_SERVER_ERROR_TITLE;
		*text = MSG_SERVER_ERROR_TEXT;
		return 500;
	}
}

void
page_error_text(
    struct request *req, struct response *resp, int status, const char *text)
{
	enum msg title, deftext;

	status = error_messages(status, &title, &deftext);
	buf_reset(&resp->body);
	resp->data = NULL;
	resp->status = status;
	resp->cache_control = "no-store";
	resp->etag[0] = '\0';
	layout_begin(req, resp, i18n(req->lang, title), NULL);
	html_printf(&resp->body,
	    "<h1>%s</h1>\n<p role=\"alert\">%s</p>\n<p><a href=\"/\">%s</a></p>\n",
	    i18n(req->lang, title),
	    text != NULL ? text : i18n(req->lang, deftext),
	    i18n(req->lang, MSG_HOME));
	layout_end(req, resp, NULL);
}

void
page_error(struct request *req, struct response *resp, int status)
{
	page_error_text(req, resp, status, NULL);
}
