/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * layout.c: the shared page frame.
 */
#include "web/layout.h"

#include <string.h>

#include "store/store.h"
#include "util/util.h"
#include "web/auth.h"
#include "web/html.h"
#include "web/route.h"
#include "web/i18n.h"

void
layout_use_event_lang(struct request *req, const struct event *ev)
{
	size_t i;

	req->lang_allowed = 0;
	for (i = 0; i < ev->nlanguages; i++)
		req->lang_allowed |= 1u << ev->languages[i];
	if (!event_has_lang(ev, req->lang))
		req->lang = ev->default_lang;
}

static void
lang_switcher(struct request *req, struct buf *b)
{
	int l;

	html_printf(b, "<nav class=\"langs\" aria-label=\"%s\"><ul>",
	    i18n(req->lang, MSG_LANGUAGE));
	for (l = 0; l < LANG__MAX; l++) {
		if (!(req->lang_allowed & (1u << l)))
			continue;
		if ((enum lang)l == req->lang)
			html_printf(b,
			    "<li><a href=\"?lang=%s\" lang=\"%s\" "
			    "aria-current=\"true\">%s</a></li>",
			    lang_code((enum lang)l), lang_code((enum lang)l),
			    lang_name((enum lang)l));
		else
			html_printf(b,
			    "<li><a href=\"?lang=%s\" lang=\"%s\" "
			    "hreflang=\"%s\">%s</a></li>",
			    lang_code((enum lang)l), lang_code((enum lang)l),
			    lang_code((enum lang)l), lang_name((enum lang)l));
	}
	html_raw(b, "</ul></nav>");
}

void
layout_begin(struct request *req, struct response *resp, const char *title,
    const struct event *ev)
{
	struct buf *b = &resp->body;

	resp->content_type = "text/html; charset=utf-8";
	html_printf(b,
	    "<!doctype html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<title>%s</title>\n"
	    /* No favicon yet: an empty one spares a 404 per visit. */
	    "<link rel=\"icon\" href=\"data:,\">\n"
	    "<link rel=\"stylesheet\" href=\"/static/cabildo.css\">\n",
	    lang_code(req->lang), title);
	if (ev != NULL)
		html_printf(b,
		    "<link rel=\"stylesheet\" href=\"/%u/theme.css\">\n",
		    ev->slug);
	html_printf(b,
	    "</head>\n<body>\n"
	    "<a class=\"skip\" href=\"#main\">%s</a>\n"
	    "<header class=\"site\">\n<p class=\"brand\"><a href=\"/\">"
	    "cabildo</a></p>\n",
	    i18n(req->lang, MSG_SKIP));
	lang_switcher(req, b);
	auth_nav(req, b, ev);
	html_raw(b, "\n</header>\n");
	if (ev != NULL && ev->synthetic)
		html_printf(b,
		    "<div class=\"banner\" role=\"region\" "
		    "aria-labelledby=\"synthetic\"><p id=\"synthetic\">%s</p>"
		    "</div>\n",
		    i18n(req->lang, MSG_SYNTHETIC_BANNER));
	html_raw(b, "<main id=\"main\">\n");
}

void
layout_end(struct request *req, struct response *resp, const struct event *ev)
{
	struct buf *b = &resp->body;

	html_printf(b, "</main>\n<footer class=\"site\">\n<p>%s",
	    i18n(req->lang, MSG_FOOTER_SOFTWARE));
	if (ev != NULL && ev->licence != NULL)
		html_printf(b, " %s %s.", i18n(req->lang, MSG_FOOTER_DATA),
		    ev->licence);
	html_raw(b, "</p>\n</footer>\n</body>\n</html>\n");
}

bool
layout_load_event(struct request *req, struct response *resp, const char *slug,
    struct event *ev)
{
	enum store_err err;

	event_init(ev);
	if (!slug_valid(slug, strlen(slug), EVENT_KEY_MAX)) {
		page_error(req, resp, 404);
		return false;
	}
	err = store_event_load(req->st, slug, ev);
	if (err != STORE_OK) {
		page_error(req, resp, err == STORE_ERR_NOTFOUND ? 404 : 500);
		return false;
	}
	layout_use_event_lang(req, ev);
	return true;
}
