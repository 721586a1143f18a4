/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * auth.c: passwords, tokens, sessions, rate limits and the access gate of
 * auth.h.
 */
#include "web/auth.h"

#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/role.h"
#include "store/store_account.h"
#include "util/email.h"
#include "util/log.h"
#include "web/route.h"
#include "util/util.h"
#include "web/csrf.h"
#include "web/form.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/ratelimit.h"

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static bool init_ok;
static sem_t hash_sem;
static bool fast_hashing;

static void
init_run(void)
{
	init_ok = sodium_init() >= 0 &&
	    sem_init(&hash_sem, 0, AUTH_HASH_CONCURRENCY) == 0;
}

bool
auth_init(void)
{
	pthread_once(&init_once, init_run);
	return init_ok;
}

void
auth_set_fast_hashing(bool fast)
{
	fast_hashing = fast;
}

bool
auth_password_hash(const char *password, char out[AUTH_PWHASH_MAX])
{
	unsigned long long ops = fast_hashing
	    ? crypto_pwhash_OPSLIMIT_MIN
	    : crypto_pwhash_OPSLIMIT_INTERACTIVE;
	size_t mem = fast_hashing ? crypto_pwhash_MEMLIMIT_MIN
				  : crypto_pwhash_MEMLIMIT_INTERACTIVE;
	int rc;

	if (!auth_init())
		return false;
	/* Each hash takes mem bytes: a burst of logins waits here. */
	while (sem_wait(&hash_sem) != 0)
		;
	rc = crypto_pwhash_str(out, password, strlen(password), ops, mem);
	sem_post(&hash_sem);
	return rc == 0;
}

bool
auth_password_verify(const char *hash, const char *password)
{
	int rc;

	if (!auth_init() || hash == NULL)
		return false;
	while (sem_wait(&hash_sem) != 0)
		;
	rc = crypto_pwhash_str_verify(hash, password, strlen(password));
	sem_post(&hash_sem);
	return rc == 0;
}

static char dummy_hash[AUTH_PWHASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
dummy_make(void)
{
	if (!auth_password_hash("no account has this password", dummy_hash))
		dummy_hash[0] = '\0';
}

void
auth_password_burn(const char *password)
{
	pthread_once(&dummy_once, dummy_make);
	(void)auth_password_verify(dummy_hash, password);
}

void
auth_token_hash(const char *token, char hash_hex[AUTH_HASH_HEX])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(
	    h, (const unsigned char *)token, (unsigned long long)strlen(token));
	sodium_bin2hex(hash_hex, AUTH_HASH_HEX, h, sizeof(h));
}

void
auth_token_new(char token[AUTH_TOKEN_LEN + 1], char hash_hex[AUTH_HASH_HEX])
{
	unsigned char r[32];

	auth_init();
	randombytes_buf(r, sizeof(r));
	sodium_bin2base64(token, AUTH_TOKEN_LEN + 1, r, sizeof(r),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	if (hash_hex != NULL)
		auth_token_hash(token, hash_hex);
}

char *
auth_email_normalise(const char *s)
{
	return email_normalise(s);
}

const char *
auth_public_url(void)
{
	const char *u = getenv("CABILDO_PUBLIC_URL");

	return u != NULL ? u : "";
}

/* ---- rate limits (web/ratelimit.h keeps the counters) ---- */

bool
auth_rate_allow(const char *key, int max, int window, time_t now)
{
	return ratelimit_hit(key, max, window, now, NULL);
}

void
auth_rate_reset(void)
{
	ratelimit_reset();
}

/* ---- cookies and sessions ---- */

/* Over TLS, or behind a proxy that terminates it (CABILDO_SECURE_COOKIES=1
 * in the server's environment), cookies are marked Secure. */
static bool
secure(const struct request *req)
{
	const char *e = getenv("CABILDO_SECURE_COOKIES");

	return req->tls || (e != NULL && strcmp(e, "1") == 0);
}

void
auth_cookie(struct request *req, struct response *resp, const char *name,
    const char *value, long max_age)
{
	struct buf b;

	buf_init(&b, 4096);
	if (resp->set_cookie != NULL) {
		buf_addstr(&b, resp->set_cookie);
		buf_addc(&b, '\n');
		free(resp->set_cookie);
	}
	buf_addf(&b, "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Lax%s",
	    name, value, max_age, secure(req) ? "; Secure" : "");
	resp->set_cookie = buf_detach(&b, NULL);
}

bool
auth_login(struct request *req, struct response *resp, int64_t account_id)
{
	char token[AUTH_TOKEN_LEN + 1], hash[AUTH_HASH_HEX];

	auth_token_new(token, hash);
	if (store_session_put(req->st, hash, account_id, AUTH_SESSION_TTL) !=
	    STORE_OK)
		return false;
	auth_cookie(req, resp, "sid", token, AUTH_SESSION_TTL);
	/* A new session gets a new CSRF token, against fixation. */
	csrf_rotate(req);
	csrf_send(req, resp);
	return true;
}

void
auth_logout(struct request *req, struct response *resp)
{
	if (req->user != NULL && req->user->sid_hash != NULL)
		store_session_delete(req->st, req->user->sid_hash);
	auth_cookie(req, resp, "sid", "", 0);
	csrf_rotate(req);
	csrf_send(req, resp);
}

static void
load_session(struct request *req, struct auth_user *u)
{
	const char *sid = kv_get(&req->cookies, "sid");
	char hash[AUTH_HASH_HEX];
	struct account a;
	int64_t id;

	if (sid == NULL || strlen(sid) != AUTH_TOKEN_LEN || req->st == NULL)
		return;
	auth_token_hash(sid, hash);
	if (store_session_get(req->st, hash, &id) != STORE_OK)
		return;
	if (store_account_get(req->st, id, &a) != STORE_OK)
		return;
	u->account_id = a.id;
	u->person_id = a.person_id;
	u->email = a.email;
	u->name = a.name;
	u->admin = a.admin;
	u->confirmed = a.confirmed;
	u->sid_hash = xstrdup(hash);
	free(a.password_hash);
}

void
auth_request_release(struct request *req)
{
	if (req->user != NULL) {
		free(req->user->email);
		free(req->user->name);
		free(req->user->sid_hash);
		free(req->user);
		req->user = NULL;
	}
	if (req->form != NULL) {
		form_release(req->form);
		free(req->form);
		req->form = NULL;
	}
}

void
auth_redirect(struct response *resp, const char *path)
{
	free(resp->location);
	resp->location = xstrdup(path);
	resp->status = 303;
	resp->cache_control = "no-store";
	buf_reset(&resp->body);
}

void
auth_error_page(
    struct request *req, struct response *resp, int status, const char *text)
{
	page_error_text(req, resp, status, text);
}

/* The login page, coming back to the current path afterwards. */
static void
to_login(struct request *req, struct response *resp)
{
	struct buf b;

	buf_init(&b, 8192);
	buf_addstr(&b, "/account/login?next=");
	html_url_arg(&b, req->path);
	auth_redirect(resp, b.s);
	buf_release(&b);
}

static bool
method_ok(struct request *req, struct response *resp, const struct route *r)
{
	bool post = r->access != ACCESS_PUBLIC;

	if (req->method == HTTP_GET || req->method == HTTP_HEAD ||
	    (post && req->method == HTTP_POST))
		return true;
	resp->allow = post ? "GET, HEAD, POST" : "GET, HEAD";
	page_error(req, resp, 405);
	return false;
}

/* Roles in the event named by seg[0], when it names one. */
static void
load_roles(struct request *req, struct auth_user *u)
{
	if (req->nseg < 1 || u->account_id == 0 ||
	    !slug_valid(req->seg[0], strlen(req->seg[0]), 64))
		return;
	if (store_event_id(req->st, req->seg[0], &u->event_id) != STORE_OK) {
		u->event_id = 0;
		return;
	}
	store_roles(req->st, u->account_id, u->event_id, &u->roles);
}

static bool
access_ok(const struct auth_user *u, enum route_access a)
{
	switch (a) {
	case ACCESS_PUBLIC:
	case ACCESS_FORM:
		return true;
	case ACCESS_ACCOUNT:
		return u->account_id != 0;
	case ACCESS_REVIEWER:
		return u->admin ||
		    (u->roles &
			(ROLE_BIT(ROLE_ORGANISER) | ROLE_BIT(ROLE_REVIEWER)));
	case ACCESS_ORGANISER:
		return u->admin || (u->roles & ROLE_BIT(ROLE_ORGANISER));
	case ACCESS_ADMIN:
		return u->admin;
	default:
		return false;
	}
}

static bool
parse_post(struct request *req, struct response *resp)
{
	struct buf err;
	enum form_err e;

	req->form = xcalloc(1, sizeof(*req->form));
	buf_init(&err, 1024);
	e = form_parse(req->content_type, req->body != NULL ? req->body : "",
	    req->body != NULL ? req->body_len : 0, NULL, req->form, &err);
	if (e != FORM_OK) {
		auth_error_page(
		    req, resp, e == FORM_ERR_TOOBIG ? 413 : 400, err.s);
		buf_release(&err);
		return false;
	}
	buf_release(&err);
	if (!csrf_valid(req)) {
		auth_error_page(
		    req, resp, 403, i18n(req->lang, MSG_AUTH_CSRF_TEXT));
		return false;
	}
	return true;
}

bool
auth_gate(struct request *req, struct response *resp, const struct route *r)
{
	struct auth_user *u = xcalloc(1, sizeof(*u));
	const char *c = kv_get(&req->cookies, "csrf");

	req->user = u;
	if (c != NULL && strlen(c) == AUTH_TOKEN_LEN)
		memcpy(u->csrf, c, AUTH_TOKEN_LEN + 1);
	else
		csrf_rotate(req);
	if (!method_ok(req, resp, r))
		return false;
	if (r->access == ACCESS_PUBLIC && req->method != HTTP_POST &&
	    kv_get(&req->cookies, "sid") == NULL)
		return true; /* the common case costs nothing */
	load_session(req, u);
	load_roles(req, u);
	if (!access_ok(u, r->access)) {
		if (u->account_id == 0)
			to_login(req, resp);
		else
			auth_error_page(req, resp, 403,
			    i18n(req->lang, MSG_AUTH_FORBIDDEN_TEXT));
		return false;
	}
	if (req->method == HTTP_POST && !parse_post(req, resp))
		return false;
	return true;
}

void
auth_nav(const struct request *req, struct buf *b, const struct event *ev)
{
	const struct auth_user *u = req->user;
	bool signed_in = u != NULL && u->account_id != 0;

	html_printf(b, "<nav class=\"account\" aria-label=\"%s\"><ul>",
	    i18n(req->lang, MSG_AUTH_ACCOUNT));
	if (ev != NULL) {
		html_printf(b, "<li><a href=\"/%u/cfp/\">%s</a></li>", ev->slug,
		    i18n(req->lang, MSG_CFP_TITLE));
		if (signed_in && u->event_id == ev->id &&
		    (u->admin || (u->roles & ROLE_BIT(ROLE_ORGANISER))))
			html_printf(b,
			    "<li><a href=\"/%u/proposals/\">%s</a></li>",
			    ev->slug, i18n(req->lang, MSG_PROP_LIST));
		/* reviewing (issue 6) */
		if (signed_in && u->event_id == ev->id &&
		    (u->admin ||
			(u->roles &
			    (ROLE_BIT(ROLE_REVIEWER) |
				ROLE_BIT(ROLE_ORGANISER)))))
			html_printf(b,
			    "<li><a href=\"/%u/review/\">%s</a></li>", ev->slug,
			    i18n(req->lang, MSG_RV_NAV));
		if (signed_in && u->event_id == ev->id &&
		    (u->admin || (u->roles & ROLE_BIT(ROLE_ORGANISER))))
			html_printf(b,
			    "<li><a href=\"/%u/reviewers/\">%s</a></li>",
			    ev->slug, i18n(req->lang, MSG_RA_REVIEWERS));
		/* selection and decisions (issue 6) */
		if (signed_in && u->event_id == ev->id &&
		    (u->admin || (u->roles & ROLE_BIT(ROLE_ORGANISER))))
			html_printf(b,
			    "<li><a href=\"/%u/organise/selection\">%s</a>"
			    "</li><li><a href=\"/%u/organise/decisions\">%s"
			    "</a></li>",
			    ev->slug, i18n(req->lang, MSG_SEL_NAV), ev->slug,
			    i18n(req->lang, MSG_DEC_NAV));
	}
	if (signed_in)
		html_printf(
		    b, "<li><a href=\"/account/\">%s</a></li>", u->name);
	else
		html_printf(b, "<li><a href=\"/account/login\">%s</a></li>",
		    i18n(req->lang, MSG_AUTH_LOGIN));
	html_raw(b, "</ul></nav>");
}
