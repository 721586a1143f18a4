/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * csrf.c: the double-submit CSRF tokens of csrf.h.
 */
#include "web/csrf.h"

#include <string.h>

#include <sodium.h>

#include "web/auth.h"
#include "web/form.h"
#include "web/html.h"

void
csrf_rotate(struct request *req)
{
	auth_token_new(req->user->csrf, NULL);
	req->user->csrf_new = true;
}

void
csrf_send(struct request *req, struct response *resp)
{
	if (!req->user->csrf_new)
		return;
	auth_cookie(req, resp, "csrf", req->user->csrf, AUTH_SESSION_TTL);
	req->user->csrf_new = false;
}

void
csrf_field(struct request *req, struct response *resp, struct buf *b)
{
	csrf_send(req, resp);
	html_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n",
	    req->user->csrf);
}

bool
csrf_valid(const struct request *req)
{
	const char *cookie = kv_get(&req->cookies, "csrf");
	const char *field =
	    req->form != NULL ? form_get(req->form, "csrf") : NULL;

	if (cookie == NULL || field == NULL ||
	    strlen(cookie) != AUTH_TOKEN_LEN || strlen(field) != AUTH_TOKEN_LEN)
		return false;
	return sodium_memcmp(cookie, field, AUTH_TOKEN_LEN) == 0;
}
