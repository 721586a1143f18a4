/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * test_web.c: web_handle() called directly with hand-built requests
 * against a temporary store holding the OGP demo: language choice, the
 * event and theme pages, error pages in the visitor's language, the
 * 400/404/405/413/414 paths, static files, and escaping of event text.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"
#include "store_fixture.h"
#include "util/util.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/route.h"
#include "web/web.h"

#define XSS_FILE "tests/fixtures/events/xss.json"
#define OGP      "/ogp-americas-2017"

static struct test_db db;
static struct store *st;
static struct event ogp;

static void
setup(void)
{
	struct event xss;

	test_db_make(&db, "web", true);
	st = test_db_open(&db);
	test_event_store(st, OGP_FILE, &ogp);
	test_demo_store(st, &ogp, 150, 40);
	test_event_store(st, XSS_FILE, &xss);
	event_release(&xss);
}

static void
teardown(void)
{
	store_close(st);
	st = NULL;
	event_release(&ogp);
	test_db_remove(&db);
}

TestSuite(web, .init = setup, .fini = teardown);

struct exchange {
	struct request req;
	struct response resp;
};

static void
run(struct exchange *x, enum http_method method, const char *target,
    const char *accept_language, const char *cookie)
{
	memset(x, 0, sizeof(*x));
	x->req.method = method;
	x->req.target = target;
	x->req.accept_language = accept_language;
	x->req.cookie_header = cookie;
	x->req.st = st;
	web_handle(&x->req, &x->resp);
	cr_assert_not_null(x->resp.body.s);
}

static void
done(struct exchange *x)
{
	request_release(&x->req);
	response_release(&x->resp);
}

#define GET(x, t, al, ck) run((x), HTTP_GET, (t), (al), (ck))

/* The body holds text, escaped as the page writes it. */
static bool
has_text(const struct exchange *x, const char *text)
{
	struct buf e;
	bool found;

	buf_init(&e, 0);
	html_txt(&e, text);
	found = strstr(x->resp.body.s, e.s) != NULL;
	buf_release(&e);
	return found;
}

static bool
has(const struct exchange *x, const char *raw)
{
	return strstr(x->resp.body.s, raw) != NULL;
}

static void
assert_theme_names(const struct exchange *x, enum lang lang, bool want)
{
	size_t i;

	for (i = 0; i < ogp.nthemes; i++)
		cr_assert_eq(has_text(x, ogp.themes[i].name.text[lang]), want,
		    "[%s] theme '%s' %s", lang_code(lang),
		    ogp.themes[i].name.text[lang],
		    want ? "missing" : "present");
}

Test(web, event_page_in_spanish)
{
	struct exchange x;

	GET(&x, OGP "/?lang=es", NULL, NULL);
	cr_assert_eq(x.resp.status, 200);
	cr_assert_str_eq(x.resp.content_type, "text/html; charset=utf-8");
	cr_assert(has(&x, "<html lang=\"es\">"));
	assert_theme_names(&x, LANG_ES, true);
	cr_assert_eq(ogp.nthemes, 7);
	cr_assert(has_text(&x, "21–22 de noviembre de 2017"));
	cr_assert(has_text(&x, "Centro Cultural Kirchner"));
	cr_assert(has(&x, "<strong>150</strong>"));
	cr_assert(has(&x, "href=\"/ogp-americas-2017/themes/sdg\""));
	/* an explicit choice is remembered */
	cr_assert_not_null(x.resp.set_cookie);
	cr_assert_eq(strncmp(x.resp.set_cookie, "lang=es;", 8), 0, "%s",
	    x.resp.set_cookie);
	done(&x);
}

Test(web, event_page_in_english)
{
	struct exchange x;

	GET(&x, OGP "/?lang=en", "es", "lang=pt");
	cr_assert_eq(x.resp.status, 200);
	cr_assert(has(&x, "<html lang=\"en\">"));
	assert_theme_names(&x, LANG_EN, true);
	cr_assert(has_text(&x, "Anti-corruption and accountability"));
	cr_assert_not(has_text(&x, "Anticorrupción y rendición de cuentas"));
	cr_assert(has_text(&x, "21–22 November 2017"));
	done(&x);
}

Test(web, accept_language_picks_portuguese)
{
	struct exchange x;

	GET(&x, OGP "/", "pt-BR,pt;q=0.9", NULL);
	cr_assert_eq(x.resp.status, 200);
	cr_assert(has(&x, "<html lang=\"pt\">"));
	assert_theme_names(&x, LANG_PT, true);
	cr_assert_null(x.resp.set_cookie, "no cookie without a choice");
	done(&x);
}

Test(web, cookie_beats_accept_language_and_query_beats_cookie)
{
	struct exchange x;

	GET(&x, OGP "/", "pt-BR,pt;q=0.9", "theme=dark; lang=en");
	cr_assert_eq(x.resp.status, 200);
	cr_assert(has(&x, "<html lang=\"en\">"));
	assert_theme_names(&x, LANG_EN, true);
	done(&x);
	GET(&x, OGP "/?lang=es", "pt", "lang=en");
	assert_theme_names(&x, LANG_ES, true);
	done(&x);
	/* a malformed cookie header is ignored, not fatal */
	GET(&x, OGP "/", "pt", "lang=\"en");
	cr_assert_eq(x.resp.status, 200);
	cr_assert(has(&x, "<html lang=\"pt\">"));
	done(&x);
}

Test(web, default_language_is_the_events)
{
	struct exchange x;

	/* no preference at all: the event's default language, Spanish */
	GET(&x, OGP "/", NULL, NULL);
	cr_assert_eq(x.resp.status, 200);
	cr_assert(has(&x, "<html lang="));
	assert_theme_names(&x, x.req.lang, true);
	done(&x);
}

Test(web, theme_page)
{
	const struct theme *sdg = &ogp.themes[event_theme_find(&ogp, "sdg")];
	struct exchange x;
	size_t i;

	cr_assert_eq(sdg->nsubtopics, 4);
	GET(&x, OGP "/themes/sdg?lang=en", NULL, NULL);
	cr_assert_eq(x.resp.status, 200);
	cr_assert(has_text(&x, "Sustainable Development Goals"));
	for (i = 0; i < sdg->nsubtopics; i++)
		cr_assert(has_text(&x, sdg->subtopics[i].name.text[LANG_EN]),
		    "subtopic '%s' missing",
		    sdg->subtopics[i].name.text[LANG_EN]);
	/* the other themes are linked, not the sub-topics of another */
	cr_assert(has(&x, "href=\"/ogp-americas-2017/themes/civic-space\""));
	cr_assert_not(
	    has_text(&x, ogp.themes[1].subtopics[0].name.text[LANG_EN]));
	done(&x);

	GET(&x, OGP "/themes/sdg", "es", NULL);
	cr_assert_eq(x.resp.status, 200);
	for (i = 0; i < sdg->nsubtopics; i++)
		cr_assert(has_text(&x, sdg->subtopics[i].name.text[LANG_ES]));
	done(&x);
}

Test(web, unknown_theme_and_event_are_404)
{
	struct exchange x;

	GET(&x, OGP "/themes/nope", "pt", NULL);
	cr_assert_eq(x.resp.status, 404);
	cr_assert(has_text(&x, "Página não encontrada"));
	done(&x);
	GET(&x, "/no-such-event/", "es", NULL);
	cr_assert_eq(x.resp.status, 404);
	cr_assert(has_text(&x, "Página no encontrada"));
	done(&x);
	GET(&x, "/No_Slug/", "es", NULL);
	cr_assert_eq(x.resp.status, 404);
	done(&x);
}

Test(web, unknown_route_is_404_in_visitors_language)
{
	struct exchange x;

	GET(&x, "/a/b/c/d", "es-AR,es;q=0.9", NULL);
	cr_assert_eq(x.resp.status, 404);
	cr_assert(has(&x, "<html lang=\"es\">"));
	cr_assert(has_text(&x, "Página no encontrada"));
	cr_assert_not(has_text(&x, "Page not found"));
	done(&x);
	GET(&x, "/nowhere?lang=en", "es", NULL);
	cr_assert_eq(x.resp.status, 404);
	cr_assert(has_text(&x, "Page not found"));
	done(&x);
	GET(&x, OGP "/themes/sdg/", "pt", NULL);
	cr_assert_eq(x.resp.status, 404);
	cr_assert(has_text(&x, "Página não encontrada"));
	done(&x);
}

Test(web, bad_targets_are_400)
{
	static const char *const bad[] = { "/%ff/", "/a/../b", "/%00", "/a%zz",
		"/x?q=%c3", "/x#y", "x" };
	struct exchange x;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		GET(&x, bad[i], "pt", NULL);
		cr_assert_eq(
		    x.resp.status, 400, "'%s' gave %d", bad[i], x.resp.status);
		cr_assert(has_text(&x, "Requisição inválida"), "%s", bad[i]);
		cr_assert_null(x.resp.set_cookie);
		done(&x);
	}
}

Test(web, long_target_is_414)
{
	char *t = xmalloc(REQ_TARGET_MAX + 2);
	struct exchange x;

	memset(t, 'a', REQ_TARGET_MAX + 1);
	t[0] = '/';
	t[REQ_TARGET_MAX + 1] = '\0';
	GET(&x, t, NULL, NULL);
	cr_assert_eq(x.resp.status, 414);
	done(&x);
	free(t);
}

Test(web, body_over_cap_is_413)
{
	struct exchange x;

	memset(&x, 0, sizeof(x));
	x.req.method = HTTP_POST;
	x.req.target = OGP "/";
	x.req.accept_language = "en";
	x.req.body_len = WEB_BODY_MAX + 1;
	x.req.st = st;
	web_handle(&x.req, &x.resp);
	cr_assert_eq(x.resp.status, 413);
	cr_assert(has_text(&x, "Content too large"));
	done(&x);

	memset(&x, 0, sizeof(x));
	x.req.method = HTTP_GET;
	x.req.target = OGP "/";
	x.req.body_len = WEB_BODY_MAX;
	x.req.st = st;
	web_handle(&x.req, &x.resp);
	cr_assert_eq(x.resp.status, 200);
	done(&x);
}

Test(web, post_is_405_with_allow)
{
	struct exchange x;

	run(&x, HTTP_POST, OGP "/", "en", NULL);
	cr_assert_eq(x.resp.status, 405);
	cr_assert_not_null(x.resp.allow);
	cr_assert_str_eq(x.resp.allow, "GET, HEAD");
	cr_assert(has_text(&x, "Method not allowed"));
	done(&x);
	run(&x, HTTP_OTHER, "/", "es", NULL);
	cr_assert_eq(x.resp.status, 405);
	cr_assert_str_eq(x.resp.allow, "GET, HEAD");
	done(&x);
	run(&x, HTTP_HEAD, OGP "/", "es", NULL);
	cr_assert_eq(x.resp.status, 200);
	done(&x);
}

Test(web, static_files)
{
	struct exchange x;

	GET(&x, "/static/cabildo.css", NULL, NULL);
	cr_assert_eq(x.resp.status, 200);
	cr_assert_not_null(x.resp.data);
	cr_assert_gt(x.resp.data_len, 100);
	cr_assert_str_eq(x.resp.content_type, "text/css; charset=utf-8");
	cr_assert_eq(x.resp.etag[0], '"');
	done(&x);
	GET(&x, "/static/missing.css", "en", NULL);
	cr_assert_eq(x.resp.status, 404);
	cr_assert_null(x.resp.data);
	done(&x);
	GET(&x, "/static/%2e%2e", "en", NULL);
	cr_assert_eq(x.resp.status, 400);
	done(&x);
}

Test(web, theme_css_and_health)
{
	struct exchange x;

	GET(&x, OGP "/theme.css", NULL, NULL);
	cr_assert_eq(x.resp.status, 200);
	cr_assert(has(&x, ".t-sdg { --theme: #"));
	done(&x);
	GET(&x, "/healthz", NULL, NULL);
	cr_assert_eq(x.resp.status, 200);
	cr_assert(has(&x, "\"status\":\"ok\""));
	done(&x);
}

Test(web, home_lists_events)
{
	struct exchange x;

	GET(&x, "/?lang=en", NULL, NULL);
	cr_assert_eq(x.resp.status, 200);
	cr_assert(has(&x, "href=\"/ogp-americas-2017/\""));
	cr_assert(has_text(
	    &x, "Open Government Partnership Americas Regional Meeting 2017"));
	cr_assert(has(&x, "href=\"/xss/\""));
	done(&x);
}

Test(web, event_text_is_escaped)
{
	static const char *const targets[] = { "/xss/?lang=en", "/xss/?lang=es",
		"/xss/themes/alpha?lang=en", "/xss/themes/beta?lang=es",
		"/?lang=en" };
	struct exchange x;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(targets); i++) {
		GET(&x, targets[i], NULL, NULL);
		cr_assert_eq(x.resp.status, 200, "%s", targets[i]);
		if (i < 4)
			cr_assert(
			    has(&x, "&lt;script&gt;alert(1)&lt;/script&gt;"),
			    "%s", targets[i]);
		cr_assert_not(has(&x, "<script>"), "%s", targets[i]);
		cr_assert_not(has(&x, "<script"), "%s", targets[i]);
		done(&x);
	}
}

Test(web, security_headers_are_declared)
{
	size_t i;
	bool csp = false, nosniff = false, frames = false, referrer = false;

	for (i = 0; i < web_security_headers_count; i++) {
		const char *n = web_security_headers[i][0];
		const char *v = web_security_headers[i][1];

		csp |= strcmp(n, "Content-Security-Policy") == 0 &&
		    strstr(v, "default-src 'none'") != NULL &&
		    strstr(v, "frame-ancestors 'none'") != NULL;
		nosniff |= strcmp(n, "X-Content-Type-Options") == 0 &&
		    strcmp(v, "nosniff") == 0;
		frames |=
		    strcmp(n, "X-Frame-Options") == 0 && strcmp(v, "DENY") == 0;
		referrer |= strcmp(n, "Referrer-Policy") == 0;
	}
	cr_assert(csp && nosniff && frames && referrer);
}

Test(web, error_pages_keep_their_status_and_language)
{
	static const int kept[] = { 400, 403, 404, 405, 409, 413, 422, 429 };
	struct exchange x;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kept); i++) {
		GET(&x, "/", "es", NULL);
		page_error(&x.req, &x.resp, kept[i]);
		cr_assert_eq(x.resp.status, kept[i], "status %d became %d",
		    kept[i], x.resp.status);
		cr_assert(has(&x, "<html lang=\"es\">"));
		done(&x);
	}
	GET(&x, "/", "pt", NULL);
	page_error_text(&x.req, &x.resp, 429, "Espere <um> minuto");
	cr_assert_eq(x.resp.status, 429);
	cr_assert(has(&x, "Espere &lt;um&gt; minuto"));
	cr_assert(has_text(&x, i18n(LANG_PT, MSG_AUTH_TOO_MANY_TITLE)));
	done(&x);
	GET(&x, "/", "en", NULL);
	page_error(&x.req, &x.resp, 418);
	cr_assert_eq(x.resp.status, 500);
	done(&x);
}
