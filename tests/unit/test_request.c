/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_request.c: the request-target, Cookie and Accept-Language parsers:
 * decoding, caps, and every kind of malformed input they must refuse.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/request.h"

static enum req_err
target(const char *t, char **path, struct kv_list *q)
{
	struct buf err;
	enum req_err e;

	buf_init(&err, 0);
	e = req_parse_target(t, strlen(t), path, q, &err);
	if (e == REQ_OK)
		cr_assert_eq(err.len, 0);
	else
		cr_assert_gt(err.len, 0, "no message for '%s'", t);
	buf_release(&err);
	return e;
}

static void
assert_target_fails(const char *t, enum req_err want)
{
	static char unset[] = "unset";
	struct kv_list q;
	char *path = unset;

	cr_assert_eq(target(t, &path, &q), want, "'%s'", t);
	cr_assert_null(path, "'%s' left a path", t);
	cr_assert_eq(q.n, 0);
	cr_assert_null(q.items);
}

Test(request_target, decodes_path_and_query)
{
	struct kv_list q;
	char *path;

	cr_assert_eq(
	    target("/a%20b/c+d/?x=1&y=a+b&z=%C3%A9&e=&flag&x=2", &path, &q),
	    REQ_OK);
	cr_assert_str_eq(path, "/a b/c+d/", "'+' is literal in a path");
	cr_assert_eq(q.n, 6);
	cr_assert_str_eq(kv_get(&q, "x"), "1", "the first value wins");
	cr_assert_str_eq(kv_get(&q, "y"), "a b");
	cr_assert_str_eq(kv_get(&q, "z"), "\xc3\xa9");
	cr_assert_str_eq(kv_get(&q, "e"), "");
	cr_assert_str_eq(kv_get(&q, "flag"), "");
	cr_assert_null(kv_get(&q, "missing"));
	cr_assert_str_eq(q.items[5].val, "2");
	free(path);
	kv_list_release(&q);
	cr_assert_eq(q.n, 0);
}

Test(request_target, query_edge_cases)
{
	struct kv_list q;
	char *path;

	cr_assert_eq(target("/?&&a%3Db=c%26d&", &path, &q), REQ_OK);
	cr_assert_str_eq(path, "/");
	cr_assert_eq(q.n, 1);
	cr_assert_str_eq(q.items[0].key, "a=b");
	cr_assert_str_eq(q.items[0].val, "c&d");
	free(path);
	kv_list_release(&q);

	cr_assert_eq(target("/x?", &path, &q), REQ_OK);
	cr_assert_str_eq(path, "/x");
	cr_assert_eq(q.n, 0);
	free(path);
	kv_list_release(&q);

	cr_assert_eq(target("/x?=v&k==", &path, &q), REQ_OK);
	cr_assert_eq(q.n, 2);
	cr_assert_str_eq(q.items[0].key, "");
	cr_assert_str_eq(q.items[0].val, "v");
	cr_assert_str_eq(q.items[1].val, "=");
	free(path);
	kv_list_release(&q);
}

Test(request_target, parameter_cap)
{
	struct kv_list q;
	char t[REQ_TARGET_MAX], *path;
	size_t n = 0;
	int i;

	n += (size_t)snprintf(t + n, sizeof(t) - n, "/?");
	for (i = 0; i < REQ_PARAMS_MAX; i++)
		n += (size_t)snprintf(t + n, sizeof(t) - n, "p%d=%d&", i, i);
	cr_assert_eq(target(t, &path, &q), REQ_OK);
	cr_assert_eq(q.n, REQ_PARAMS_MAX);
	free(path);
	kv_list_release(&q);
	snprintf(t + n, sizeof(t) - n, "one=more");
	assert_target_fails(t, REQ_ERR_TOOBIG);
}

Test(request_target, length_cap)
{
	char *t = malloc(REQ_TARGET_MAX + 2);
	struct kv_list q;
	char *path;

	memset(t, 'a', REQ_TARGET_MAX + 1);
	t[0] = '/';
	t[REQ_TARGET_MAX] = '\0';
	cr_assert_eq(target(t, &path, &q), REQ_OK);
	cr_assert_eq(strlen(path), REQ_TARGET_MAX);
	free(path);
	kv_list_release(&q);
	t[REQ_TARGET_MAX] = 'a';
	t[REQ_TARGET_MAX + 1] = '\0';
	assert_target_fails(t, REQ_ERR_TOOBIG);
	free(t);
}

Test(request_target, bad_escapes)
{
	assert_target_fails("/a%zz", REQ_ERR_ENCODING);
	assert_target_fails("/a%4", REQ_ERR_ENCODING);
	assert_target_fails("/a%", REQ_ERR_ENCODING);
	assert_target_fails("/a%%41", REQ_ERR_ENCODING);
	assert_target_fails("/?x=%g0", REQ_ERR_ENCODING);
	assert_target_fails("/?x=%", REQ_ERR_ENCODING);
	assert_target_fails("/?%=1", REQ_ERR_ENCODING);
}

Test(request_target, invalid_utf8)
{
	assert_target_fails("/%ff/", REQ_ERR_ENCODING);
	assert_target_fails("/%c0%af", REQ_ERR_ENCODING);
	assert_target_fails("/%ed%a0%80", REQ_ERR_ENCODING);
	assert_target_fails("/%c3", REQ_ERR_ENCODING);
	assert_target_fails("/\xff", REQ_ERR_ENCODING);
	assert_target_fails("/?q=%e2%82", REQ_ERR_ENCODING);
	assert_target_fails("/?%fe=1", REQ_ERR_ENCODING);
}

Test(request_target, control_characters)
{
	assert_target_fails("/a%00b", REQ_ERR_ENCODING);
	assert_target_fails("/a%0Ab", REQ_ERR_ENCODING);
	assert_target_fails("/a%0db", REQ_ERR_ENCODING);
	assert_target_fails("/a%7f", REQ_ERR_ENCODING);
	assert_target_fails("/a%c2%85", REQ_ERR_ENCODING);
	assert_target_fails("/a\x01", REQ_ERR_ENCODING);
	assert_target_fails("/?x=a%00", REQ_ERR_ENCODING);
	assert_target_fails("/?x=%1b[31m", REQ_ERR_ENCODING);
}

Test(request_target, syntax)
{
	assert_target_fails("", REQ_ERR_SYNTAX);
	assert_target_fails("*", REQ_ERR_SYNTAX);
	assert_target_fails("a/b", REQ_ERR_SYNTAX);
	assert_target_fails("http://x/", REQ_ERR_SYNTAX);
	assert_target_fails("/a#frag", REQ_ERR_SYNTAX);
	assert_target_fails("/a?x=1#frag", REQ_ERR_SYNTAX);
	assert_target_fails("/a/../b", REQ_ERR_SYNTAX);
	assert_target_fails("/a/./b", REQ_ERR_SYNTAX);
	assert_target_fails("/..", REQ_ERR_SYNTAX);
	assert_target_fails("/a/%2e%2e/b", REQ_ERR_SYNTAX);
	assert_target_fails("/a%2f..%2fb", REQ_ERR_SYNTAX);
	assert_target_fails("/1/2/3/4/5/6/7/8/9", REQ_ERR_TOOBIG);
}

Test(request_target, dots_inside_names_are_fine)
{
	struct kv_list q;
	char *path;

	cr_assert_eq(target("/a/..b/c.d/...", &path, &q), REQ_OK);
	cr_assert_str_eq(path, "/a/..b/c.d/...");
	free(path);
	kv_list_release(&q);
	cr_assert_eq(target("/1/2/3/4/5/6/7/8", &path, &q), REQ_OK);
	free(path);
	kv_list_release(&q);
}

static enum req_err
cookies(const char *h, size_t len, struct kv_list *out)
{
	struct buf err;
	enum req_err e;

	buf_init(&err, 0);
	e = req_parse_cookies(h, len, out, &err);
	if (e != REQ_OK) {
		cr_assert_gt(err.len, 0);
		cr_assert_eq(out->n, 0);
		cr_assert_null(out->items);
	}
	buf_release(&err);
	return e;
}

#define COOKIES(s, out) cookies((s), strlen(s), (out))

Test(request_cookies, plain_and_quoted)
{
	struct kv_list c;

	cr_assert_eq(COOKIES("a=b; lang=\"pt\";  x=;\ty=1", &c), REQ_OK);
	cr_assert_eq(c.n, 4);
	cr_assert_str_eq(kv_get(&c, "a"), "b");
	cr_assert_str_eq(kv_get(&c, "lang"), "pt");
	cr_assert_str_eq(kv_get(&c, "x"), "");
	cr_assert_str_eq(kv_get(&c, "y"), "1");
	kv_list_release(&c);

	cr_assert_eq(COOKIES("", &c), REQ_OK);
	cr_assert_eq(c.n, 0);
	cr_assert_eq(COOKIES("  ", &c), REQ_OK);
	cr_assert_eq(c.n, 0);
	cr_assert_eq(COOKIES("k=v;", &c), REQ_OK);
	cr_assert_eq(c.n, 1);
	kv_list_release(&c);
	cr_assert_eq(COOKIES("k=\"\"", &c), REQ_OK);
	cr_assert_str_eq(kv_get(&c, "k"), "");
	kv_list_release(&c);
}

Test(request_cookies, malformed)
{
	static const char *const bad[] = { "a", "=b", "a b=c", "a=b c", "a=\"b",
		"a=\"b\"c", "a=b,c=d", "a=\"b c\"", "a=b;;c", "a=\\b", "(a)=b",
		"a=b\r\nc=d" };
	struct kv_list c;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_assert_eq(
		    COOKIES(bad[i], &c), REQ_ERR_SYNTAX, "'%s'", bad[i]);
}

Test(request_cookies, embedded_nul_is_not_a_name_character)
{
	struct kv_list c;

	/* The header arrives as (ptr, len): a NUL must not pass as text. */
	cr_assert_eq(cookies("a\0b=c", 5, &c), REQ_ERR_SYNTAX);
	cr_assert_eq(cookies("a=b\0", 4, &c), REQ_ERR_SYNTAX);
	cr_assert_eq(cookies("\0=1", 3, &c), REQ_ERR_SYNTAX);
}

Test(request_cookies, caps)
{
	char h[REQ_COOKIE_MAX + 16];
	struct kv_list c;
	size_t n = 0;
	int i;

	for (i = 0; i < REQ_COOKIES_MAX; i++)
		n += (size_t)snprintf(h + n, sizeof(h) - n, "c%d=%d; ", i, i);
	cr_assert_eq(COOKIES(h, &c), REQ_OK);
	cr_assert_eq(c.n, REQ_COOKIES_MAX);
	kv_list_release(&c);
	snprintf(h + n, sizeof(h) - n, "more=1");
	cr_assert_eq(COOKIES(h, &c), REQ_ERR_TOOBIG);

	memset(h, 'a', sizeof(h));
	h[1] = '=';
	cr_assert_eq(cookies(h, REQ_COOKIE_MAX, &c), REQ_OK);
	cr_assert_eq(strlen(c.items[0].val), REQ_COOKIE_MAX - 2);
	kv_list_release(&c);
	cr_assert_eq(cookies(h, REQ_COOKIE_MAX + 1, &c), REQ_ERR_TOOBIG);
}

#define ALL ((1u << LANG__MAX) - 1)

Test(request_lang, precedence)
{
	cr_assert_eq(
	    req_negotiate_lang("es", "en", "pt", ALL, LANG_EN), LANG_ES);
	cr_assert_eq(
	    req_negotiate_lang(NULL, "pt", "es", ALL, LANG_EN), LANG_PT);
	cr_assert_eq(
	    req_negotiate_lang(NULL, NULL, "pt", ALL, LANG_EN), LANG_PT);
	cr_assert_eq(
	    req_negotiate_lang(NULL, NULL, NULL, ALL, LANG_ES), LANG_ES);
	/* invalid or unknown values are skipped, not obeyed */
	cr_assert_eq(
	    req_negotiate_lang("xx", "pt", "es", ALL, LANG_EN), LANG_PT);
	cr_assert_eq(req_negotiate_lang("", "zz", "es", ALL, LANG_EN), LANG_ES);
	cr_assert_eq(
	    req_negotiate_lang("english", NULL, NULL, ALL, LANG_PT), LANG_PT);
	cr_assert_eq(
	    req_negotiate_lang("EN", NULL, NULL, ALL, LANG_PT), LANG_EN);
}

Test(request_lang, allowed_mask)
{
	unsigned es_en = (1u << LANG_ES) | (1u << LANG_EN);

	cr_assert_eq(
	    req_negotiate_lang("pt", NULL, NULL, es_en, LANG_ES), LANG_ES);
	cr_assert_eq(
	    req_negotiate_lang(NULL, "pt", "en", es_en, LANG_ES), LANG_EN);
	cr_assert_eq(req_negotiate_lang(
			 NULL, NULL, "pt-BR,pt;q=0.9,en;q=0.1", es_en, LANG_ES),
	    LANG_EN);
}

Test(request_lang, accept_language_q_values)
{
	cr_assert_eq(
	    req_negotiate_lang(NULL, NULL, "pt-BR,pt;q=0.9", ALL, LANG_EN),
	    LANG_PT);
	cr_assert_eq(req_negotiate_lang(
			 NULL, NULL, "fr, en;q=0.5, es;q=0.8", ALL, LANG_PT),
	    LANG_ES);
	cr_assert_eq(
	    req_negotiate_lang(NULL, NULL, "es;q=0.5,en;q=0.5", ALL, LANG_PT),
	    LANG_ES, "first on ties");
	cr_assert_eq(
	    req_negotiate_lang(NULL, NULL, "en;q=0", ALL, LANG_ES), LANG_ES);
	cr_assert_eq(
	    req_negotiate_lang(NULL, NULL, "en;q=1.5, pt;q=0.2", ALL, LANG_ES),
	    LANG_PT, "an invalid q is skipped");
	cr_assert_eq(req_negotiate_lang(
			 NULL, NULL, "en;q=1.000,es;q=0.999", ALL, LANG_PT),
	    LANG_EN);
	cr_assert_eq(
	    req_negotiate_lang(NULL, NULL, "EN-us", ALL, LANG_ES), LANG_EN);
	cr_assert_eq(
	    req_negotiate_lang(NULL, NULL, "eng", ALL, LANG_ES), LANG_ES);
	cr_assert_eq(
	    req_negotiate_lang(NULL, NULL, "*", ALL, LANG_PT), LANG_PT);
	cr_assert_eq(
	    req_negotiate_lang(NULL, NULL, ",,;,;q=,", ALL, LANG_PT), LANG_PT);
	cr_assert_eq(req_negotiate_lang(NULL, NULL, "", ALL, LANG_PT), LANG_PT);
}

Test(request_split, segments)
{
	const char *seg[REQ_SEGMENTS_MAX];
	char *storage;
	bool slash;

	cr_assert_eq(req_split_path("/a/b/", &storage, seg, &slash), 2);
	cr_assert_str_eq(seg[0], "a");
	cr_assert_str_eq(seg[1], "b");
	cr_assert(slash);
	free(storage);
	cr_assert_eq(req_split_path("/", &storage, seg, &slash), 0);
	cr_assert(slash);
	free(storage);
	cr_assert_eq(req_split_path("//x//y", &storage, seg, &slash), 2);
	cr_assert_str_eq(seg[0], "x");
	cr_assert_str_eq(seg[1], "y");
	cr_assert_not(slash);
	free(storage);
	cr_assert_eq(req_split_path("", &storage, seg, &slash), 0);
	cr_assert_not(slash);
	free(storage);
	cr_assert_eq(
	    req_split_path("/1/2/3/4/5/6/7/8/", &storage, seg, &slash), 8);
	cr_assert_str_eq(seg[7], "8");
	free(storage);
	cr_assert_eq(
	    req_split_path("/1/2/3/4/5/6/7/8/9", &storage, seg, &slash), -1);
	free(storage);
}

Test(request_strerror, names_every_error)
{
	int e;

	for (e = 0; e < REQ_ERR__MAX; e++)
		cr_assert_gt(strlen(req_strerror(e)), 0);
}
