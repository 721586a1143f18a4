/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_auth.c: passwords, tokens, rate limits, e-mail normalisation, the
 * account store (one-time tokens, sessions, roles, outbox), and the
 * role-by-route matrix: every route of the table, asked by every kind of
 * visitor, answers as its access level says.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "formats/event_json.h"
#include "store/store_account.h"
#include "store_fixture.h"
#include "util/embed.h"
#include "util/util.h"
#include "web/auth.h"
#include "web/route.h"

#define SLUG "ogp-americas-2017"

static struct test_db db;
static struct store *st;
static int64_t event_id;

static void
setup(void)
{
	const struct embed_file *f;
	struct event ev;
	struct buf msg;
	bool created;

	auth_set_fast_hashing(true);
	auth_rate_reset();
	test_db_make(&db, "auth", false);
	st = test_db_open(&db);
	buf_init(&msg, 0);
	for (f = embed_data; f->path != NULL; f++)
		if (strstr(f->path, SLUG) != NULL)
			break;
	cr_assert_not_null(f->path);
	event_init(&ev);
	cr_assert_eq(
	    event_json_parse((const char *)f->data, f->len, f->path, &ev, &msg),
	    EVENT_JSON_OK, "%s", msg.s);
	cr_assert_eq(store_event_save(st, &ev, &created, &msg), STORE_OK);
	event_id = ev.id;
	event_release(&ev);
	buf_release(&msg);
}

static void
teardown(void)
{
	store_close(st);
	test_db_remove(&db);
}

TestSuite(auth, .init = setup, .fini = teardown);

Test(auth, password_hash_and_verify)
{
	char h[AUTH_PWHASH_MAX];

	cr_assert(auth_password_hash("correct horse battery", h));
	cr_assert(strncmp(h, "$argon2id$", 10) == 0);
	cr_assert(auth_password_verify(h, "correct horse battery"));
	cr_assert_not(auth_password_verify(h, "correct horse batterY"));
	cr_assert_not(auth_password_verify(NULL, "x"));
	cr_assert_not(auth_password_verify("garbage", "x"));
}

Test(auth, tokens_are_random_and_hashed)
{
	char t1[AUTH_TOKEN_LEN + 1], t2[AUTH_TOKEN_LEN + 1];
	char h1[AUTH_HASH_HEX], h2[AUTH_HASH_HEX];

	auth_token_new(t1, h1);
	auth_token_new(t2, h2);
	cr_assert_eq(strlen(t1), AUTH_TOKEN_LEN);
	cr_assert_str_neq(t1, t2);
	cr_assert_eq(strlen(h1), 64);
	auth_token_hash(t1, h2);
	cr_assert_str_eq(h1, h2);
	cr_assert(strspn(t1,
		      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		      "0123456789-_") == AUTH_TOKEN_LEN);
}

Test(auth, rate_limit_window)
{
	int i;

	for (i = 0; i < 5; i++)
		cr_assert(auth_rate_allow("login:1.2.3.4", 5, 60, 1000));
	cr_assert_not(auth_rate_allow("login:1.2.3.4", 5, 60, 1010));
	cr_assert(auth_rate_allow("login:5.6.7.8", 5, 60, 1010));
	/* a new window starts afresh */
	cr_assert(auth_rate_allow("login:1.2.3.4", 5, 60, 1061));
}

Test(auth, rate_limit_table_is_bounded)
{
	char k[32];
	int i;

	for (i = 0; i < 20000; i++) {
		snprintf(k, sizeof(k), "k%d", i);
		cr_assert(auth_rate_allow(k, 1, 60, 5000));
	}
	/* an exhausted key still counts after the table overflowed */
	cr_assert(auth_rate_allow("x", 1, 60, 5000));
	cr_assert_not(auth_rate_allow("x", 1, 60, 5000));
}

Test(auth, email_normalise)
{
	static const char *const bad[] = { "", "a", "@b.c", "a@", "a@b",
		"a@@b.c", "a b@c.d", "a@b.c.", "a@.b", "<a@b.c>", "ñ@b.c",
		"a\"@b.c" };
	char *e;
	size_t i;

	e = auth_email_normalise("  Ana.Perez+cfp@Example.ORG ");
	cr_assert_str_eq(e, "ana.perez+cfp@example.org");
	free(e);
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		cr_assert_null(auth_email_normalise(bad[i]), "%s", bad[i]);
}

Test(auth, account_create_duplicate_and_lookup)
{
	struct account a;
	struct buf msg;
	int64_t id, id2;

	buf_init(&msg, 0);
	cr_assert_eq(store_account_create(st, "a@example.org", "Ana", "h",
			 false, false, &id, &msg),
	    STORE_OK, "%s", msg.s);
	cr_assert_eq(store_account_create(st, "a@example.org", "Ana", "h",
			 false, false, &id2, &msg),
	    STORE_ERR_CONSTRAINT);
	cr_assert(strstr(msg.s, "already has an account") != NULL);
	cr_assert_eq(store_account_by_email(st, "a@example.org", &a), STORE_OK);
	cr_assert_eq(a.id, id);
	cr_assert_str_eq(a.name, "Ana");
	cr_assert_not(a.confirmed);
	account_release(&a);
	cr_assert_eq(store_account_confirm(st, id), STORE_OK);
	cr_assert_eq(store_account_get(st, id, &a), STORE_OK);
	cr_assert(a.confirmed);
	account_release(&a);
	cr_assert_eq(store_account_by_email(st, "b@example.org", &a),
	    STORE_ERR_NOTFOUND);
	buf_release(&msg);
}

Test(auth, one_time_tokens)
{
	char t[AUTH_TOKEN_LEN + 1], h[AUTH_HASH_HEX];
	int64_t id, got;

	cr_assert_eq(store_account_create(st, "t@example.org", "T", NULL, false,
			 false, &id, NULL),
	    STORE_OK);
	auth_token_new(t, h);
	cr_assert_eq(store_token_put(st, h, id, TOKEN_CONFIRM, 60), STORE_OK);
	cr_assert_eq(store_token_take(st, h, TOKEN_RESET, &got),
	    STORE_ERR_NOTFOUND, "wrong purpose");
	cr_assert_eq(store_token_take(st, h, TOKEN_CONFIRM, &got), STORE_OK);
	cr_assert_eq(got, id);
	cr_assert_eq(store_token_take(st, h, TOKEN_CONFIRM, &got),
	    STORE_ERR_NOTFOUND, "spent");
	auth_token_new(t, h);
	cr_assert_eq(store_token_put(st, h, id, TOKEN_RESET, -1), STORE_OK);
	cr_assert_eq(store_token_take(st, h, TOKEN_RESET, &got),
	    STORE_ERR_NOTFOUND, "expired");
}

Test(auth, sessions_roles_outbox_audit)
{
	char t[AUTH_TOKEN_LEN + 1], h[AUTH_HASH_HEX];
	struct outbox_mail *list;
	unsigned roles;
	int64_t id, got;
	size_t n;

	cr_assert_eq(store_account_create(st, "s@example.org", "S", NULL, false,
			 true, &id, NULL),
	    STORE_OK);
	auth_token_new(t, h);
	cr_assert_eq(store_session_put(st, h, id, 60), STORE_OK);
	cr_assert_eq(store_session_get(st, h, &got), STORE_OK);
	cr_assert_eq(got, id);
	cr_assert_eq(store_session_delete_all(st, id), STORE_OK);
	cr_assert_eq(store_session_get(st, h, &got), STORE_ERR_NOTFOUND);
	cr_assert_eq(store_roles(st, id, event_id, &roles), STORE_OK);
	cr_assert_eq(roles, 0);
	cr_assert_eq(store_role_add(st, id, event_id, ROLE_REVIEWER), STORE_OK);
	cr_assert_eq(store_role_add(st, id, event_id, ROLE_REVIEWER), STORE_OK);
	cr_assert_eq(store_roles(st, id, event_id, &roles), STORE_OK);
	cr_assert_eq(roles, ROLE_BIT(ROLE_REVIEWER));
	cr_assert_eq(
	    store_outbox_add(st, "s@example.org", "Hi", "Body"), STORE_OK);
	cr_assert_eq(store_outbox_list(st, &list, &n), STORE_OK);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(list[0].subject, "Hi");
	cr_assert_null(list[0].sent_at);
	outbox_list_free(list, n);
	cr_assert_eq(store_audit(st, 0, event_id, "proposal", 1, "create",
			 "{\"title\":\"x\"}"),
	    STORE_OK);
}

/* ---- the role-by-route matrix ---- */

enum who {
	WHO_ANON,
	WHO_ACCOUNT,
	WHO_PARTICIPANT,
	WHO_SPEAKER,
	WHO_REVIEWER,
	WHO_ORGANISER,
	WHO_ADMIN,
	WHO__MAX
};

static const char *const who_name[WHO__MAX] = { "anonymous", "account",
	"participant", "speaker", "reviewer", "organiser", "admin" };

/* Makes a signed-in visitor; returns its sid cookie value (static). */
static void
visitor(enum who w, char sid[AUTH_TOKEN_LEN + 1])
{
	static const enum role role_of[WHO__MAX] = {
		[WHO_PARTICIPANT] = ROLE_PARTICIPANT,
		[WHO_SPEAKER] = ROLE_SPEAKER,
		[WHO_REVIEWER] = ROLE_REVIEWER,
		[WHO_ORGANISER] = ROLE_ORGANISER,
	};
	char h[AUTH_HASH_HEX], email[64];
	int64_t id;

	sid[0] = '\0';
	if (w == WHO_ANON)
		return;
	snprintf(email, sizeof(email), "%s@example.org", who_name[w]);
	cr_assert_eq(store_account_create(st, email, who_name[w], NULL,
			 w == WHO_ADMIN, true, &id, NULL),
	    STORE_OK);
	if (w >= WHO_PARTICIPANT && w <= WHO_ORGANISER)
		cr_assert_eq(
		    store_role_add(st, id, event_id, role_of[w]), STORE_OK);
	auth_token_new(sid, h);
	cr_assert_eq(store_session_put(st, h, id, 3600), STORE_OK);
}

static bool
allowed(enum route_access a, enum who w)
{
	switch (a) {
	case ACCESS_PUBLIC:
	case ACCESS_FORM:
		return true;
	case ACCESS_ACCOUNT:
		return w != WHO_ANON;
	case ACCESS_REVIEWER:
		return w == WHO_REVIEWER || w == WHO_ORGANISER ||
		    w == WHO_ADMIN;
	case ACCESS_ORGANISER:
		return w == WHO_ORGANISER || w == WHO_ADMIN;
	case ACCESS_ADMIN:
		return w == WHO_ADMIN;
	default:
		return false;
	}
}

/* A concrete path for a pattern: the event for the first "{}". */
static void
path_of(const struct route *r, char *out, size_t size)
{
	const char *p = r->pattern;
	size_t n = 0;
	int i = 0;

	while (*p != '\0' && n + 40 < size) {
		if (strncmp(p, "{}", 2) == 0) {
			n += (size_t)snprintf(out + n, size - n, "%s",
			    i == 0 && strncmp(r->pattern, "/static", 7) != 0
				? SLUG
				: "x1");
			p += 2;
			i++;
		} else {
			out[n++] = *p++;
		}
	}
	out[n] = '\0';
}

static void
ask(const char *target, enum http_method m, const char *cookie,
    struct response *resp)
{
	struct request req;

	memset(&req, 0, sizeof(req));
	memset(resp, 0, sizeof(*resp));
	req.method = m;
	req.target = target;
	req.cookie_header = cookie;
	req.remote_addr = "127.0.0.1";
	req.st = st;
	req.content_type = "application/x-www-form-urlencoded";
	req.body = "a=1";
	req.body_len = m == HTTP_POST ? 3 : 0;
	web_handle(&req, resp);
	request_release(&req);
}

Test(auth, role_by_route_matrix)
{
	char sid[WHO__MAX][AUTH_TOKEN_LEN + 1], path[256], cookie[512];
	struct response resp;
	size_t i;
	int w;

	for (w = 0; w < WHO__MAX; w++)
		visitor((enum who)w, sid[w]);
	for (i = 0; i < routes_count; i++) {
		const struct route *r = &routes[i];

		path_of(r, path, sizeof(path));
		for (w = 0; w < WHO__MAX; w++) {
			bool ok = allowed(r->access, (enum who)w);
			bool refused;

			snprintf(cookie, sizeof(cookie), "sid=%s", sid[w]);
			ask(path, HTTP_GET, w == WHO_ANON ? NULL : cookie,
			    &resp);
			refused = resp.status == 403 ||
			    (resp.status == 303 && resp.location != NULL &&
				strncmp(resp.location, "/account/login", 14) ==
				    0);
			cr_expect_eq(refused, !ok, "%s as %s: %d", path,
			    who_name[w], resp.status);
			if (!ok)
				cr_expect_eq(resp.status,
				    w == WHO_ANON ? 303 : 403, "%s as %s: %d",
				    path, who_name[w], resp.status);
			response_release(&resp);
		}
		/* Read-only routes refuse POST; the others need a token. */
		ask(path, HTTP_POST, NULL, &resp);
		if (r->access == ACCESS_PUBLIC)
			cr_expect_eq(resp.status, 405, "POST %s", path);
		else if (r->access == ACCESS_FORM)
			cr_expect_eq(resp.status, 403, "POST %s", path);
		else
			cr_expect_eq(resp.status, 303, "POST %s", path);
		response_release(&resp);
	}
}

Test(auth, post_with_valid_csrf_passes_the_gate)
{
	struct request req;
	struct response resp;
	char tok[AUTH_TOKEN_LEN + 1], cookie[128], body[128];

	auth_token_new(tok, NULL);
	snprintf(cookie, sizeof(cookie), "csrf=%s", tok);
	snprintf(
	    body, sizeof(body), "csrf=%s&email=nobody%%40example.org", tok);
	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	req.method = HTTP_POST;
	req.target = "/account/reset";
	req.cookie_header = cookie;
	req.remote_addr = "127.0.0.1";
	req.st = st;
	req.content_type = "application/x-www-form-urlencoded";
	req.body = body;
	req.body_len = strlen(body);
	web_handle(&req, &resp);
	cr_assert_eq(resp.status, 200);
	request_release(&req);
	response_release(&resp);
	/* the same body with a token that is not the cookie's */
	body[5] = body[5] == 'A' ? 'B' : 'A';
	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	req.method = HTTP_POST;
	req.target = "/account/reset";
	req.cookie_header = cookie;
	req.remote_addr = "127.0.0.1";
	req.st = st;
	req.content_type = "application/x-www-form-urlencoded";
	req.body = body;
	req.body_len = strlen(body);
	web_handle(&req, &resp);
	cr_assert_eq(resp.status, 403);
	request_release(&req);
	response_release(&resp);
}
