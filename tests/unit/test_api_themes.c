/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_api_themes.c: GET /api/v1/events/{event}/suggest-themes through
 * web_handle() against a temporary store holding the OGP demo (answers,
 * caps, bad input), and store_text.c: proposal texts and the classifier's
 * suggestions saved with source 'classifier'.
 */
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "store/store_text.h"
#include "store_fixture.h"
#include "util/util.h"
#include "web/web.h"

#define API "/api/v1/events/ogp-americas-2017/suggest-themes"

static struct test_db db;
static struct store *st;
static struct event ogp;

static void
setup(void)
{
	test_db_make(&db, "apit", true);
	st = test_db_open(&db);
	test_event_store(st, OGP_FILE, &ogp);
	test_demo_store(st, &ogp, 40, 10);
}

static void
teardown(void)
{
	store_close(st);
	st = NULL;
	event_release(&ogp);
	test_db_remove(&db);
}

struct exchange {
	struct request req;
	struct response resp;
	cJSON *json;
};

static void
get(struct exchange *x, const char *target)
{
	memset(x, 0, sizeof(*x));
	x->req.method = HTTP_GET;
	x->req.target = target;
	x->req.st = st;
	web_handle(&x->req, &x->resp);
	cr_assert_not_null(x->resp.body.s);
	x->json = cJSON_Parse(x->resp.body.s);
}

static void
done(struct exchange *x)
{
	cJSON_Delete(x->json);
	request_release(&x->req);
	response_release(&x->resp);
}

static const char *
first_theme(const cJSON *j)
{
	const cJSON *t =
	    cJSON_GetArrayItem(cJSON_GetObjectItem(j, "themes"), 0);

	return t == NULL ? NULL
			 : cJSON_GetStringValue(cJSON_GetObjectItem(t, "key"));
}

TestSuite(api_themes, .init = setup, .fini = teardown);

Test(api_themes, suggests_in_spanish_and_portuguese)
{
	struct exchange x;

	get(&x,
	    API "?text=Protecci%C3%B3n+de+denunciantes+de+corrupci%C3%B3n"
		"+y+rendici%C3%B3n+de+cuentas");
	cr_assert_eq(x.resp.status, 200, "%s", x.resp.body.s);
	cr_assert_str_eq(x.resp.content_type, "application/json");
	cr_assert_not_null(x.json, "%s", x.resp.body.s);
	cr_assert_str_eq(first_theme(x.json), "anti-corruption");
	cr_assert_str_eq(
	    cJSON_GetStringValue(cJSON_GetObjectItem(x.json, "lang")), "es");
	cr_assert_leq(
	    cJSON_GetArraySize(cJSON_GetObjectItem(x.json, "themes")), 3);
	done(&x);
	get(&x,
	    API "?limit=1&text=Dados+abertos+e+tecnologia+c%C3%ADvica+"
		"para+os+cidad%C3%A3os");
	cr_assert_eq(x.resp.status, 200, "%s", x.resp.body.s);
	cr_assert_str_eq(first_theme(x.json), "civic-tech");
	cr_assert_eq(
	    cJSON_GetArraySize(cJSON_GetObjectItem(x.json, "themes")), 1);
	done(&x);
}

Test(api_themes, nothing_known_is_an_empty_list)
{
	struct exchange x;

	get(&x, API "?text=zzz+qqq");
	cr_assert_eq(x.resp.status, 200);
	cr_assert_eq(
	    cJSON_GetArraySize(cJSON_GetObjectItem(x.json, "themes")), 0);
	cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(x.json, "confident")));
	done(&x);
	get(&x, API "?text=");
	cr_assert_eq(x.resp.status, 200);
	done(&x);
}

Test(api_themes, bad_requests)
{
	struct exchange x;
	struct buf t;
	size_t i;

	get(&x, API);
	cr_assert_eq(x.resp.status, 400);
	cr_assert_not_null(cJSON_GetObjectItem(x.json, "error"));
	done(&x);
	get(&x, API "?text=abc&limit=0");
	cr_assert_eq(x.resp.status, 400);
	done(&x);
	get(&x, "/api/v1/events/no-such-event/suggest-themes?text=abc");
	cr_assert_eq(x.resp.status, 404);
	done(&x);
	get(&x, API "?text=caf%C3");
	cr_assert_eq(x.resp.status, 400);
	done(&x);
	get(&x, API "?text=a%00b");
	cr_assert_eq(x.resp.status, 400);
	done(&x);
	buf_init(&t, 0);
	buf_addstr(&t, API "?text=");
	for (i = 0; i < 3100; i++)
		buf_addc(&t, 'a' + (char)(i % 26));
	get(&x, t.s);
	cr_assert(
	    x.resp.status == 413 || x.resp.status == 414, "%d", x.resp.status);
	done(&x);
	buf_release(&t);
}

TestSuite(store_text, .init = setup, .fini = teardown);

Test(store_text, texts_and_suggestions)
{
	struct proposal_text *p;
	struct theme_suggestion s[2];
	struct buf msg;
	struct event ev;
	size_t n, n2;

	event_init(&ev);
	cr_assert_eq(store_event_load(st, "ogp-americas-2017", &ev), STORE_OK);
	cr_assert_eq(store_proposal_texts(st, &ev, &p, &n), STORE_OK);
	cr_assert_eq(n, 40);
	cr_assert_gt(strlen(p[0].title), 0);
	cr_assert_geq(p[0].theme, 0);
	cr_assert_eq(p[0].source, THEME_SOURCE_AUTHOR);
	buf_init(&msg, 0);
	s[0].proposal_id = p[0].id;
	s[0].theme = ((size_t)p[0].theme + 1) % ev.nthemes;
	s[0].main = true; /* it has a main theme: stays secondary */
	s[1].proposal_id = p[1].id;
	s[1].theme = (size_t)p[1].theme; /* already there: left alone */
	s[1].main = false;
	cr_assert_eq(store_theme_suggestions_save(st, &ev, s, 2, &msg),
	    STORE_OK, "%s", msg.s);
	/* Twice is harmless. */
	cr_assert_eq(store_theme_suggestions_save(st, &ev, s, 2, &msg),
	    STORE_OK, "%s", msg.s);
	proposal_texts_free(p, n);
	cr_assert_eq(store_proposal_texts(st, &ev, &p, &n2), STORE_OK);
	cr_assert_eq(n2, n);
	cr_assert_neq((size_t)p[0].theme, s[0].theme);
	cr_assert_eq(p[0].source, THEME_SOURCE_AUTHOR);
	proposal_texts_free(p, n2);
	buf_release(&msg);
	event_release(&ev);
}
