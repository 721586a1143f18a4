/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * page_theme.c: "/{event}/themes/{theme}", one theme with its sub-topics.
 */
#include "web/route.h"

#include "store/store.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"

void
page_theme(struct request *req, struct response *resp)
{
	struct event ev;
	struct event_counts counts;
	struct buf *b = &resp->body;
	const struct theme *t;
	long k;
	size_t i;

	if (!layout_load_event(req, resp, req->seg[0], &ev))
		return;
	if ((k = event_theme_find(&ev, req->seg[2])) < 0) {
		event_release(&ev);
		page_error(req, resp, 404);
		return;
	}
	if (store_event_counts(req->st, &ev, &counts) != STORE_OK) {
		event_release(&ev);
		page_error(req, resp, 500);
		return;
	}
	t = &ev.themes[k];
	resp->status = 200;
	resp->cacheable = true;
	layout_begin(req, resp, l10n_get(&t->name, req->lang), &ev);
	html_printf(b,
	    "<nav class=\"crumbs\" aria-label=\"%s\"><a href=\"/%u/\">%s</a>"
	    "</nav>\n",
	    i18n(req->lang, MSG_BACK_TO_EVENT), ev.slug,
	    l10n_get(&ev.name, req->lang));
	html_printf(b,
	    "<article class=\"theme t-%s\">\n"
	    "<p class=\"kicker\">%s</p>\n<h1>%s</h1>\n<p class=\"lead\">%s</p>\n"
	    "<p class=\"meta\">%z %s</p>\n",
	    t->key, i18n(req->lang, MSG_THEME), l10n_get(&t->name, req->lang),
	    l10n_get(&t->description, req->lang), counts.per_theme[k],
	    i18n(req->lang, MSG_PROPOSALS_IN_THEME));
	if (t->nsubtopics > 0) {
		html_printf(b, "<h2>%s</h2>\n<ul class=\"subtopics\">\n",
		    i18n(req->lang, MSG_SUBTOPICS));
		for (i = 0; i < t->nsubtopics; i++)
			html_printf(b, "<li>%s</li>\n",
			    l10n_get(&t->subtopics[i].name, req->lang));
		html_raw(b, "</ul>\n");
	}
	html_raw(b, "</article>\n");
	html_printf(b,
	    "<nav aria-labelledby=\"others\"><h2 id=\"others\">%s</h2>\n<ul>\n",
	    i18n(req->lang, MSG_OTHER_THEMES));
	for (i = 0; i < ev.nthemes; i++)
		if (i != (size_t)k)
			html_printf(b,
			    "<li><a href=\"/%u/themes/%u\">%s</a></li>\n",
			    ev.slug, ev.themes[i].key,
			    l10n_get(&ev.themes[i].name, req->lang));
	html_raw(b, "</ul>\n</nav>\n");
	layout_end(req, resp, &ev);
	event_counts_release(&counts);
	event_release(&ev);
}
